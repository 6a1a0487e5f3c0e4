"""Moving a center's database: ``townclerk db copy`` (SQLite → PostgreSQL, and back for a laptop).

The target must be empty. The copy is one transaction on the target: the schema by the
migrations, every table's rows (``db/table_copy.py``), the sequences, then the check (row counts
per table equal to the source's, both history chains verified on the copy with the source's
heads); only a copy that passes is committed. PostgreSQL's DDL is transactional, so a copy
that fails or is killed leaves the server's database as empty as it was; a SQLite target is
written to a temporary file beside it and renamed into place at the end.

The source is read in one snapshot while no one else uses it (see ``held_source``) and is never
written: not even an audit entry, so the copy's history is the source's, link for link. The file
log records who copied the database where.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError

from townclerk.db import snapshot
from townclerk.db.database import INSUFFICIENT_PRIVILEGE, Database
from townclerk.db.engine import is_sqlite, read_only_engine, redact_passwords, shown_url
from townclerk.db.migrate import migrate_on
from townclerk.db.schema_version import HEAD, current_version
from townclerk.db.table_copy import (
    BATCH,
    copied_tables,
    copy_rows,
    count_rows,
    held_source,
    scratch_sqlite_engine,
    set_sequences,
    tables_in,
)
from townclerk.errors import DatabaseVersionError, EnvironmentProblem, UserError
from townclerk.i18n import t
from townclerk.private_files import private_temporary
from townclerk.records.database_copy import CopyReport, TableCopy
from townclerk.services.access import Actor, Permission, confirm_active, require
from townclerk.services.history import describe_break, heads_on, verify_chain_on

log = logging.getLogger("townclerk.db")

OnTable = Callable[[TableCopy], None]


def sqlite_target(path: Path) -> str:
    """The URL of a SQLite file named on the command line (``--to-file``)."""
    return URL.create("sqlite", database=str(path)).render_as_string()


def check_source_schema(url: str) -> None:
    """Refuse a source that is not at this townclerk's schema, before anything opens it for
    writing (opening the database would upgrade it)."""
    engine = read_only_engine(url)
    try:
        version = current_version(engine)
    finally:
        engine.dispose()
    if version != HEAD:
        raise DatabaseVersionError(
            t(
                "源数据库的结构版本为 {version}，复制需要最新版本 {head}；"
                "请先运行 townclerk db upgrade，未做任何修改",
                version=version or t("（空）"),
                head=HEAD,
            )
        )


def copy_database(
    db: Database,
    actor: Actor,
    target_url: str,
    *,
    on_table: OnTable | None = None,
    batch: int = BATCH,
) -> CopyReport:
    """Copy ``db`` (at the current schema, see :func:`check_source_schema`) into the empty
    database ``target_url``; an admin's work."""
    require(actor, Permission.MANAGE_BACKUPS)
    confirm_active(db, actor)
    source_url = db.engine.url.render_as_string(hide_password=False)
    check_target(target_url, source_url)
    db.dispose()  # our own connections would count as another user of the source
    started = time.perf_counter()
    with held_source(source_url) as source:
        if is_sqlite(target_url):
            with _new_sqlite_file(Path(make_url(target_url).database or "")) as engine:
                copied, links = _copy_into(engine, source, batch, on_table)
        else:
            engine = create_engine(target_url, pool_pre_ping=True)
            try:
                copied, links = _copy_into(engine, source, batch, on_table)
            except DBAPIError as error:
                if getattr(error.orig, "sqlstate", None) != INSUFFICIENT_PRIVILEGE:
                    raise
                raise EnvironmentProblem(
                    t(
                        "目标数据库的账户无权建表；请用 db server-setup 打印的所有者账户地址"
                        "复制，目标数据库未做修改"
                    )
                ) from None
            finally:
                engine.dispose()
        heads = heads_on(source)
    elapsed = time.perf_counter() - started
    log.info(
        "%s copied the database %s to %s: %d rows in %.1f s",
        actor.username,
        shown_url(source_url),
        shown_url(target_url),
        sum(table.rows for table in copied),
        elapsed,
    )
    return CopyReport(shown_url(target_url), copied, heads, links, elapsed)


def _copy_into(
    engine: Engine, source: Connection, batch: int, on_table: OnTable | None
) -> tuple[tuple[TableCopy, ...], int]:
    copied = []
    with engine.connect() as target, target.begin():
        migrate_on(target)
        _clear_seeded_rows(target)
        for table in copied_tables():
            started = time.perf_counter()
            rows = copy_rows(source, target, table, batch)
            done = TableCopy(table.name, rows, time.perf_counter() - started)
            copied.append(done)
            if on_table is not None:
                on_table(done)
        set_sequences(target)
        links = _check_copy(source, target)
    return tuple(copied), links


def _clear_seeded_rows(target: Connection) -> None:
    """The migrations seed a few rows (the history chains' heads at their start); the source's
    rows take their place."""
    for table in reversed(copied_tables()):
        if count_rows(target, table):
            target.execute(table.delete())


def _check_copy(source: Connection, target: Connection) -> int:
    """Raise unless every table has as many rows on both sides and both chains verify on the
    target with the source's heads; the number of links checked."""
    for table in copied_tables():
        expected, found = count_rows(source, table), count_rows(target, table)
        if expected != found:
            raise UserError(
                t(
                    "复制核对失败：数据表 {table} 源有 {expected} 行，复制后 {found} 行；"
                    "目标数据库未做修改",
                    table=table.name,
                    expected=expected,
                    found=found,
                )
            )
    report = verify_chain_on(target)
    if report.broken is not None:
        raise UserError(
            t(
                "复制核对失败：{problem}；请先在源数据库上运行 townclerk audit verify；"
                "目标数据库未做修改",
                problem=describe_break(report.broken),
            )
        )
    if report.heads != heads_on(source):
        raise UserError(t("复制核对失败：历史记录的链头与源数据库不同；目标数据库未做修改"))
    return report.checked


@contextmanager
def _new_sqlite_file(path: Path) -> Iterator[Engine]:
    """An engine on a temporary file beside ``path`` that becomes ``path`` when the block
    succeeds and is removed when it fails (a killed copy's is swept at the next start)."""
    handle, temporary = private_temporary(path.parent, path.name, ".part")
    os.close(handle)
    engine = scratch_sqlite_engine(temporary)
    try:
        yield engine
        engine.dispose()
        with open(temporary, "rb+") as written:
            os.fsync(written.fileno())
        snapshot.replace_sqlite_file(temporary, path)
    except BaseException:
        engine.dispose()
        temporary.unlink(missing_ok=True)
        raise


# --- the target ------------------------------------------------------------------------------
def check_target(target_url: str, source_url: str) -> None:
    """Refuse, without changing anything, a target that is not an empty database this copy can
    fill: a bad URL, another kind of database, an unreachable server, the source itself, or a
    database that already holds tables."""
    try:
        url = make_url(target_url)
        url.port  # noqa: B018 -- parsing the port is part of the check
    except (ArgumentError, ValueError) as error:
        raise EnvironmentProblem(
            t("目标数据库地址无效：{reason}", reason=redact_passwords(str(error)))
        ) from None
    backend = url.get_backend_name()
    if backend == "sqlite":
        _check_sqlite_target(Path(url.database or ""), source_url)
        return
    if backend != "postgresql":
        raise EnvironmentProblem(
            t("目标数据库只能是 PostgreSQL（postgresql+psycopg://…）或 SQLite 文件（--to-file）")
        )
    if not is_sqlite(source_url) and _same_database(url, make_url(source_url)):
        raise UserError(t("目标数据库就是当前数据库；未做任何修改"))
    engine = create_engine(url, pool_pre_ping=True)
    try:
        tables = tables_in(engine)
        _refuse_tables(engine, tables)
    except DBAPIError as error:
        reason = str(getattr(error, "orig", None) or error).strip().splitlines()
        raise EnvironmentProblem(
            t(
                "无法连接目标数据库 {url}：{reason}",
                url=shown_url(target_url),
                reason=redact_passwords(reason[0] if reason else ""),
            )
        ) from None
    finally:
        engine.dispose()


def _same_database(one: URL, other: URL) -> bool:
    def key(url: URL) -> tuple[object, ...]:
        return (url.host, url.port, url.database, url.query.get("host"))

    return key(one) == key(other)


def _check_sqlite_target(path: Path, source_url: str) -> None:
    if not str(path) or str(path) == ":memory:":
        raise EnvironmentProblem(t("请用 --to-file 指定目标文件"))
    if not path.parent.is_dir():
        raise EnvironmentProblem(t("目标文件夹 {folder} 不存在", folder=path.parent))
    if path.is_dir():
        raise EnvironmentProblem(t("目标 {path} 是文件夹，请指定一个文件", path=path))
    if is_sqlite(source_url):
        source_file = make_url(source_url).database or ""
        if path.exists() and Path(source_file).exists() and path.samefile(source_file):
            raise UserError(t("目标文件就是当前数据库；未做任何修改"))
    if not path.exists() or path.stat().st_size == 0:
        return
    engine = read_only_engine(sqlite_target(path))
    try:
        tables = tables_in(engine)
    except DBAPIError:
        raise EnvironmentProblem(
            t("目标文件 {path} 已存在且不是数据库；请换一个文件名，未做任何修改", path=path)
        ) from None
    try:
        _refuse_tables(engine, tables)
    finally:
        engine.dispose()


def _refuse_tables(engine: Engine, tables: list[str]) -> None:
    if not tables:
        return
    if "alembic_version" in tables:
        with engine.connect() as connection:
            version = connection.scalar(text("SELECT version_num FROM alembic_version"))
        if version == HEAD:
            message = t(
                "目标数据库已有 townclerk 数据（结构版本 {version}）；"
                "db copy 只复制到空数据库，未做任何修改",
                version=version,
            )
        else:
            message = t(
                "目标数据库的结构版本为 {version}，与本版本（{head}）不同；"
                "db copy 只复制到空数据库，未做任何修改",
                version=version or t("（空）"),
                head=HEAD,
            )
        raise UserError(message)
    raise UserError(
        t(
            "目标数据库不是空的（已有数据表：{tables}）；db copy 只复制到空数据库，未做任何修改",
            tables="、".join(tables[:5]),
        )
    )
