"""Copying every townclerk table from one database into another (``townclerk db copy``).

The tables come from the models' metadata in dependency order, so a table added by a later
migration is copied without this module naming it. Rows are read in primary-key order (a case
that resubmits another comes after it) through a streaming cursor and written in batches, so
memory stays bounded whatever the size of the database.

Opening the source is also the check that no one else uses it:

- SQLite: the file is opened in exclusive locking mode and an exclusive transaction begins. In
  WAL mode every open connection holds a shared lock on the file, so this fails while any other
  program (an idle townclerk window included) has the database open, and once it succeeds no
  one else can read or write until the copy ends. Nothing is written to the file.
- PostgreSQL: no other client may be connected to the database (``pg_stat_activity``); the rows
  are then read in one repeatable-read snapshot.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, Table, create_engine, event, func, inspect, select, text
from sqlalchemy.engine import Row, make_url
from sqlalchemy.exc import OperationalError

import townclerk.db.models  # noqa: F401 -- every model on Base.metadata
from townclerk.db.base import Base
from townclerk.db.engine import is_sqlite
from townclerk.db.sequences import advance_sequences
from townclerk.errors import EnvironmentProblem
from townclerk.i18n import t

BATCH = 5_000
# How long opening the source waits for another program's lock before saying it is in use.
IN_USE_WAIT_S = 1.0


def copied_tables() -> list[Table]:
    """Every table of the schema, parents before the tables that refer to them."""
    return list(Base.metadata.sorted_tables)


def copy_rows(source: Connection, target: Connection, table: Table, batch: int = BATCH) -> int:
    """Append every row of ``table`` in ``source`` to ``target``; the number of rows.

    Values go through the column types on both sides (an enum member, a JSON list, a datetime
    read from SQLite's text), so each database stores them in its own form. PostgreSQL takes
    the rows through ``COPY``, several times faster than INSERTs.
    """
    statement = select(table).order_by(*table.primary_key.columns)
    result = source.execution_options(yield_per=batch).execute(statement)
    if target.dialect.name == "postgresql":
        return _copy_into_postgres(result.partitions(), target, table)
    keys = [column.key for column in table.columns]
    copied = 0
    for rows in result.partitions():
        target.execute(table.insert(), [dict(zip(keys, row, strict=True)) for row in rows])
        copied += len(rows)
    return copied


def _copy_into_postgres(
    batches: Iterator[Sequence[Row[Any]]], target: Connection, table: Table
) -> int:
    dialect = target.dialect
    processors = [
        column.type.dialect_impl(dialect).bind_processor(dialect) for column in table.columns
    ]
    preparer = dialect.identifier_preparer
    columns = ", ".join(preparer.quote(column.name) for column in table.columns)
    statement = f"COPY {preparer.format_table(table)} ({columns}) FROM STDIN"
    # The driver's connection, inside the transaction the copy holds.
    cursor = target.connection.driver_connection.cursor()  # type: ignore[union-attr]
    copied = 0
    try:
        with cursor.copy(statement) as copy:
            for rows in batches:
                for row in rows:
                    copy.write_row(
                        [
                            value if process is None else process(value)
                            for process, value in zip(processors, row, strict=True)
                        ]
                    )
                copied += len(rows)
    finally:
        cursor.close()
    return copied


def count_rows(connection: Connection, table: Table) -> int:
    return int(connection.scalar(select(func.count()).select_from(table)) or 0)


def set_sequences(connection: Connection) -> None:
    """PostgreSQL: every copied table's id sequence continues after the largest id copied."""
    advance_sequences(connection, copied_tables())


def tables_in(engine: Engine) -> list[str]:
    """The tables of the database's default schema (none for a new or empty database)."""
    with engine.connect() as connection:
        return sorted(inspect(connection).get_table_names())


# --- the source, held for the whole copy ---------------------------------------------------
@contextmanager
def held_source(url: str) -> Iterator[Connection]:
    """A connection to the source inside the one transaction the copy reads from; refused
    (EnvironmentProblem) while another program uses the database."""
    if is_sqlite(url):
        with _held_sqlite(Path(make_url(url).database or "")) as connection:
            yield connection
        return
    engine = create_engine(url, pool_pre_ping=True)
    try:
        with engine.connect() as connection:
            others = _other_clients(connection)
            if others:
                raise EnvironmentProblem(
                    t(
                        "源数据库正被其他 {count} 个连接使用（{clients}）；"
                        "请先关闭各窗口的 townclerk，再复制；未做任何修改",
                        count=len(others),
                        clients="、".join(others[:5]),
                    )
                )
            connection.rollback()
            connection.execution_options(
                isolation_level="REPEATABLE READ", postgresql_readonly=True
            )
            yield connection
            connection.rollback()
    finally:
        engine.dispose()


def _other_clients(connection: Connection) -> list[str]:
    rows = connection.execute(
        text(
            "SELECT host(client_addr), usename, application_name "
            "FROM pg_stat_activity WHERE datname = current_database() "
            "AND pid <> pg_backend_pid() AND backend_type = 'client backend' ORDER BY pid"
        )
    )
    return [
        " ".join(str(part) for part in (address or t("本机"), user, program) if part)
        for address, user, program in rows
    ]


@contextmanager
def _held_sqlite(db_file: Path) -> Iterator[Connection]:
    engine = create_engine(
        "sqlite://",
        creator=lambda: sqlite3.connect(db_file, timeout=IN_USE_WAIT_S, isolation_level=None),
    )

    @event.listens_for(engine, "connect")
    def exclusive(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
        dbapi_connection.execute("PRAGMA locking_mode = EXCLUSIVE")

    @event.listens_for(engine, "begin")
    def begin(connection: Connection) -> None:
        connection.exec_driver_sql("BEGIN EXCLUSIVE")

    try:
        with engine.connect() as connection:
            try:
                connection.begin()
                connection.exec_driver_sql("SELECT count(*) FROM sqlite_master").scalar()
            except OperationalError as error:
                if "locked" not in str(error).lower():
                    raise
                raise EnvironmentProblem(
                    t(
                        "源数据库正被其他程序使用（如另一个 townclerk 窗口）；"
                        "请先关闭它们，再复制；未做任何修改"
                    )
                ) from None
            yield connection
            connection.rollback()
    finally:
        engine.dispose()


# --- a new SQLite file ---------------------------------------------------------------------
def scratch_sqlite_engine(path: Path) -> Engine:
    """An engine on a new SQLite file that only this copy writes: foreign keys on, the rollback
    journal in memory (a copy that fails or is killed throws the whole file away, so no journal
    file is left beside it), no WAL (the file is finished when it is renamed into place)."""
    engine = create_engine("sqlite://", creator=lambda: sqlite3.connect(path, isolation_level=None))

    @event.listens_for(engine, "connect")
    def pragmas(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
        dbapi_connection.execute("PRAGMA foreign_keys = ON")
        dbapi_connection.execute("PRAGMA journal_mode = MEMORY")

    @event.listens_for(engine, "begin")
    def begin(connection: Connection) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    return engine
