"""Opening the database: engine, SQLite pragmas, write transactions."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any
from urllib.parse import quote

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.orm import Session, sessionmaker

from townclerk.logs import redact_passwords as redact_passwords

BUSY_TIMEOUT_MS = 15_000


def is_sqlite(url: str) -> bool:
    return make_url(url).get_backend_name() == "sqlite"


WRITE_OPTION = "townclerk_write"


def _configure_sqlite(engine: Engine) -> None:
    """Pragmas on every connection; BEGIN IMMEDIATE for writers so they queue, not deadlock.

    pysqlite's own transaction handling is switched off (isolation_level None) and we emit BEGIN
    ourselves. A writer (a connection with the ``townclerk_write`` execution option, see
    :func:`writer`) starts with BEGIN IMMEDIATE: a deferred BEGIN that later upgrades to a write
    lock can fail with "database is locked" at once, whereas BEGIN IMMEDIATE waits for the busy
    timeout. Readers start a plain deferred BEGIN: in WAL mode they see a consistent snapshot
    and never hold up a clerk who is saving.
    """

    @event.listens_for(engine, "connect")
    def on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys = ON")
        if engine.url.database not in (None, "", ":memory:"):
            cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = FULL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def on_begin(connection: Any) -> None:
        if connection.get_execution_options().get(WRITE_OPTION):
            connection.exec_driver_sql("BEGIN IMMEDIATE")
        else:
            connection.exec_driver_sql("BEGIN")


def create_db_engine(url: str, *, echo: bool = False) -> Engine:
    if is_sqlite(url):
        engine = create_engine(url, echo=echo, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
        _configure_sqlite(engine)
        return engine
    return create_engine(url, echo=echo, pool_pre_ping=True)


def read_only_engine(url: str, *, immutable: bool = False) -> Engine:
    """An engine that can only look: a SQLite file is opened read-only and without townclerk's
    pragmas (a foreign file stays in its journal mode); another server as usual.

    ``immutable``: the file is a copy no one else writes (a backup being verified), so SQLite
    takes no locks and reads no WAL; never for a database townclerk may be writing.
    """
    if not is_sqlite(url):
        return create_engine(url, pool_pre_ping=True)
    location = read_only_uri(Path(make_url(url).database or ""), immutable=immutable)
    return create_engine("sqlite://", creator=lambda: sqlite3.connect(location, uri=True))


def read_only_uri(path: Path, *, immutable: bool) -> str:
    """The URI that opens the SQLite file ``path`` read-only (``sqlite3.connect(…, uri=True)``);
    the path is quoted, so a folder named ``办件#2`` or ``a?b`` is still that folder."""
    uri = f"file:{quote(path.as_posix(), safe='/:')}?mode=ro"
    return uri + "&immutable=1" if immutable else uri


def shown_url(url: str) -> str:
    """The database URL as it may be printed or logged: never with its password."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return redact_passwords(url)


def writer(engine: Engine) -> Engine:
    """The same engine, marked so that its transactions take the write lock up front."""
    return engine.execution_options(**{WRITE_OPTION: True})


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)
