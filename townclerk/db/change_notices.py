"""Every write on a PostgreSQL server tells the other PCs which tables it changed.

A transaction that wrote collects the tables of its INSERT, UPDATE and DELETE statements, and
just before its COMMIT sends ``pg_notify('townclerk_changes', payload)``. PostgreSQL delivers a
notification when the transaction commits and never when it rolls back, so a window hears of
exactly the writes that happened, whoever made them: a window, the CLI, another PC. The payload
is JSON: ``{"origin": <the writing Database's id>, "tables": [...]}``; a window skips its own
writes (it has shown them already) and maps the tables to what its screens show
(``records/changes.py``). ``db/change_listener.py`` is the listening side. SQLite serves one PC
and sends nothing.
"""

from __future__ import annotations

import json
import re
import weakref
from typing import Any

from sqlalchemy import Connection, Engine, event

CHANNEL = "townclerk_changes"

# The tables each open transaction has written, by its Connection (not the DBAPI connection's
# info: a connection invalidated in the middle no longer has one to read at rollback).
_written: weakref.WeakKeyDictionary[Connection, set[str]] = weakref.WeakKeyDictionary()
_announcing: weakref.WeakSet[Engine] = weakref.WeakSet()
# The table a statement writes: INSERT INTO t, UPDATE t, DELETE FROM t (SQLAlchemy's own SQL,
# and the few statements townclerk writes by hand), quoted or not, with or without a schema.
_WRITE = re.compile(
    r'^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+(?:"?\w+"?\.)?"?(\w+)"?', re.IGNORECASE
)


def written_table(statement: str) -> str | None:
    """The table ``statement`` writes to, or None for a statement that writes none."""
    match = _WRITE.match(statement)
    return match.group(1).lower() if match else None


def payload(origin: str, tables: set[str]) -> str:
    return json.dumps({"origin": origin, "tables": sorted(tables)}, separators=(",", ":"))


def announce_writes(engine: Engine, origin: str) -> None:
    """On PostgreSQL, make every committed write on ``engine`` notify ``CHANNEL``; ``origin``
    names the writer in the payload. Nothing on SQLite; once per engine."""
    if engine.dialect.name != "postgresql" or engine in _announcing:
        return
    _announcing.add(engine)

    @event.listens_for(engine, "before_cursor_execute")
    def collect(
        connection: Connection,
        _cursor: Any,
        statement: str,
        _parameters: Any,
        _context: Any,
        _executemany: bool,
    ) -> None:
        table = written_table(statement)
        if table is not None:
            _written.setdefault(connection, set()).add(table)

    @event.listens_for(engine, "commit")
    def notify(connection: Connection) -> None:
        tables = _written.pop(connection, None)
        if not tables:
            return
        # The last statement of the transaction about to commit. Through the Connection, so that
        # a connection found dead here is an error SQLAlchemy knows (and invalidates).
        connection.exec_driver_sql("SELECT pg_notify(%s, %s)", (CHANNEL, payload(origin, tables)))

    @event.listens_for(engine, "rollback")
    def forget(connection: Connection) -> None:
        _written.pop(connection, None)
