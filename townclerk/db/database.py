"""The Database handle every service receives: engine, sessions, the clock, where files go."""

from __future__ import annotations

import datetime as dt
import errno
import logging
import sqlite3
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError
from sqlalchemy.orm import Session, sessionmaker

from townclerk.db.change_notices import announce_writes
from townclerk.db.engine import (
    create_db_engine,
    is_sqlite,
    make_session_factory,
    redact_passwords,
    writer,
)
from townclerk.db.file_check import check_not_corrupt, is_corruption_error
from townclerk.db.schema_version import HEAD, current_version, sqlite_file_version
from townclerk.errors import ConnectionLost, DatabaseCorrupt, EnvironmentProblem, UserError
from townclerk.i18n import t
from townclerk.private_files import create_private_file, private_folder

log = logging.getLogger("townclerk.db")
INSUFFICIENT_PRIVILEGE = "42501"  # PostgreSQL's SQLSTATE for "permission denied"


def local_now() -> dt.datetime:
    """The center's wall clock, to the second (stored without a zone: one site, one clock)."""
    return dt.datetime.now().replace(microsecond=0)


@dataclass
class Database:
    """``sessions`` for units of work that write (``with db.sessions.begin() as session``);
    ``reads`` for reading, which never waits for or holds up a writer. ``write_engine`` for
    Core writes outside the ORM. On PostgreSQL every committed write tells the other PCs what
    it changed (db/change_notices.py), signed with ``origin``, this handle's own id."""

    engine: Engine
    data_dir: Path
    clock: Callable[[], dt.datetime] = local_now
    write_engine: Engine = field(init=False)
    sessions: sessionmaker[Session] = field(init=False)
    reads: sessionmaker[Session] = field(init=False)
    origin: str = field(init=False, default_factory=lambda: uuid.uuid4().hex)

    def __post_init__(self) -> None:
        announce_writes(self.engine, self.origin)
        self.write_engine = writer(self.engine)
        self.sessions = make_session_factory(self.write_engine)
        self.reads = make_session_factory(self.engine)

    def now(self) -> dt.datetime:
        return self.clock()

    def today(self) -> dt.date:
        return self.clock().date()

    def dispose(self) -> None:
        self.engine.dispose()


# What the server or the driver says when a connection breaks in use (psycopg, libpq).
_DISCONNECT_MARKERS = (
    "server closed the connection",
    "terminating connection",
    "connection is closed",
    "connection is lost",
    "consuming input failed",
    "connection not open",
    "ssl connection has been closed",
    "could not receive data from server",
    "could not send data to server",
)


def is_connection_lost(error: BaseException) -> bool:
    """``error`` (or what it wraps) says the connection to the database server broke in use."""
    if isinstance(error, ConnectionLost):
        return True
    if isinstance(error, DBAPIError) and error.connection_invalidated:
        return True
    original = getattr(error, "orig", None) or error
    text = str(original).lower()
    return any(marker in text for marker in _DISCONNECT_MARKERS)


def explain_environment_error(error: BaseException) -> EnvironmentProblem | None:
    """Turn the errors a user can fix (disk full, read-only, locked file, a lost server) into a
    plain message."""
    if is_connection_lost(error):
        return ConnectionLost(t("与服务器的连接中断，本次操作未完成。连接恢复后请再试。"))
    text = str(error).lower()
    if is_corruption_error(error):
        return DatabaseCorrupt(t("数据库文件已损坏：{reason}", reason=str(error).strip()))
    if (isinstance(error, OSError) and error.errno == errno.ENOSPC) or "disk is full" in text:
        return EnvironmentProblem(t("磁盘空间已满，请清理磁盘后重试；本次操作未保存"))
    if (
        (isinstance(error, OSError) and error.errno in (errno.EACCES, errno.EROFS, errno.EPERM))
        or "readonly database" in text
        or "unable to open database" in text
    ):
        return EnvironmentProblem(t("数据目录不可写（只读或无权限），请检查数据目录的权限"))
    if "database is locked" in text:
        return EnvironmentProblem(t("数据库正被其他程序占用，请稍后重试，或关闭占用数据库的程序"))
    if isinstance(error, ArgumentError) and "url" in text:
        return EnvironmentProblem(
            t("数据库地址无效，请检查 --db：{reason}", reason=redact_passwords(str(error)))
        )
    if isinstance(error, NoSuchModuleError | ModuleNotFoundError):
        return EnvironmentProblem(
            t(
                "不支持该数据库（{reason}）；townclerk 使用 SQLite 或 PostgreSQL"
                "（--db postgresql+psycopg://用户@主机/库名）",
                reason=redact_passwords(str(error)),
            )
        )
    if "password authentication failed" in text or "no password supplied" in text:
        return EnvironmentProblem(
            t(
                "数据库服务器不接受这个用户名或密码，请检查数据库连接的用户名和密码：{reason}",
                reason=redact_passwords(str(error).strip().splitlines()[0]),
            )
        )
    if any(
        marker in text
        for marker in (
            "connection refused",
            "could not connect",
            "connection to server",
            "failed to resolve host",
            "timeout expired",
        )
    ):
        return EnvironmentProblem(
            t(
                "无法连接数据库服务器，请检查数据库地址和服务器是否在运行：{reason}",
                reason=redact_passwords(str(error).strip().splitlines()[0]),
            )
        )
    return None


def user_error_behind(error: BaseException) -> UserError | None:
    """The message-worthy error behind ``error`` (itself, its cause or its context), if any:
    a UserError, or an environment problem the user can fix (see explain_environment_error)."""
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, UserError):
            return current
        if is_connection_lost(current):  # before unwrapping: SQLAlchemy's wrapper knows best
            return explain_environment_error(current)
        problem = explain_environment_error(getattr(current, "orig", None) or current)
        if problem is not None:
            return problem
        current = current.__cause__ or current.__context__
    return None


def open_database(
    url: str,
    data_dir: Path,
    *,
    migrate: bool = True,
    clock: Callable[[], dt.datetime] = local_now,
) -> Database:
    """Open (creating the SQLite file and folder if needed) and migrate the database.

    Alembic is loaded only when the schema is not current. A SQLite file is read without
    townclerk's pragmas first, so a file that must be refused is left exactly as it was.
    """
    try:
        db_file = make_url(url).database if is_sqlite(url) else None
        if db_file is not None:
            if data_dir.exists() and not data_dir.is_dir():
                raise EnvironmentProblem(
                    t("数据目录 {path} 不是文件夹，请检查 --data-dir", path=data_dir)
                )
            private_folder(data_dir)
        if db_file and db_file != ":memory:":
            check_not_corrupt(Path(db_file))
            # SQLite gives the -wal and -shm files the database file's mode: 0600 for all three.
            create_private_file(Path(db_file))
            needs_migration = sqlite_file_version(Path(db_file)) != HEAD
            if migrate and needs_migration:
                from townclerk.db.migrate import check_sqlite_file

                check_sqlite_file(Path(db_file))
            engine = create_db_engine(url)
        else:
            engine = create_db_engine(url)
            needs_migration = current_version(engine) != HEAD
        if migrate and needs_migration:
            from townclerk.db.migrate import upgrade_database

            try:
                upgrade_database(engine)
            except DBAPIError as error:
                if getattr(error.orig, "sqlstate", None) != INSUFFICIENT_PRIVILEGE:
                    raise
                raise EnvironmentProblem(
                    t(
                        "数据库结构需要升级到 {head}，但当前账户无权修改结构；"
                        "请管理员用所有者账户运行：townclerk --db 所有者地址 db upgrade",
                        head=HEAD,
                    )
                ) from None
    except (OSError, DBAPIError, sqlite3.Error) as error:
        problem = explain_environment_error(getattr(error, "orig", None) or error)
        if problem is None:
            raise
        raise problem from error
    return Database(engine=engine, data_dir=data_dir, clock=clock)
