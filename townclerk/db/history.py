"""The hash chains over the append-only history: case events and the audit log.

Each table is one chain, in the order rows were written. A row carries its place in the chain
(``chain_pos``, 1, 2, 3…), the hash of the row before it (``prev_hash``; 32 zero bytes for the
first) and its own ``row_hash``::

    row_hash = SHA-256(prev_hash || canonical(row))

``canonical(row)`` is the UTF-8 of a compact JSON array (no spaces, keys of objects sorted,
non-ASCII characters as themselves): the table name, then the row's fields in the order of
:data:`CHAINED_FIELDS`, each as

- an integer: a JSON number;
- a string, or an enum (stored as its string value): a JSON string;
- a timestamp: ``"YYYY-MM-DDTHH:MM:SS"``, whole seconds, no zone. townclerk stores the center's
  wall clock without a zone (SQLite as seconds since 1970 read as UTC, PostgreSQL as
  ``timestamp without time zone``), so this is the stored value on both databases and no time
  zone on the verifying machine changes it;
- the audit log's ``detail``: the JSON object itself, keys sorted;
- NULL: JSON ``null``.

``chain_pos`` is the first field, so moving a row to another place breaks its hash. The last
place and hash of each chain are kept in ``history_chain_heads``; writers lock those rows (in
name order, one statement) in the transaction that appends, so two writers never fork a chain:
on SQLite the write lock (BEGIN IMMEDIATE) already serialises them, on PostgreSQL the row locks
do, and ``chain_pos`` is unique besides. Triggers (created by migration 0004) refuse UPDATE and
DELETE on both tables; the chain shows what someone did after dropping them.
"""

from __future__ import annotations

import datetime as dt
import enum
import hashlib
import json
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    Connection,
    DateTime,
    Enum,
    Integer,
    String,
    Table,
    insert,
    select,
    type_coerce,
    update,
)

from townclerk.db.models import AuditEntry, CaseEvent, HistoryChainHead

GENESIS = bytes(32)
EVENTS = "case_events"
AUDIT = "audit_log"
CHAINED_FIELDS: dict[str, tuple[str, ...]] = {
    EVENTS: (
        "chain_pos",
        "case_id",
        "seq",
        "at",
        "user_id",
        "action",
        "from_status",
        "to_status",
        "note",
    ),
    AUDIT: ("chain_pos", "at", "username", "action", "target", "detail"),
}
CHAINED_TABLES: dict[str, Table] = {
    EVENTS: CaseEvent.__table__,  # type: ignore[dict-item]
    AUDIT: AuditEntry.__table__,  # type: ignore[dict-item]
}


_ENCODE = json.JSONEncoder(
    ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False
).encode
_AS_IS = frozenset({int, str, bool, float, dict, type(None)})


def _plain(value: Any) -> Any:
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, dt.datetime):
        if value.microsecond or value.tzinfo is not None:
            value = value.replace(microsecond=0, tzinfo=None)
        return value.isoformat(timespec="seconds")
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def canonical(table: str, row: Mapping[str, Any]) -> bytes:
    """The bytes a row's hash covers (see the module docstring)."""
    values: list[Any] = [table]
    for value in map(row.__getitem__, CHAINED_FIELDS[table]):
        # Plain values (most of them) skip the conversions: a million cases' events pass here.
        values.append(value if value.__class__ in _AS_IS else _plain(value))
    return _ENCODE(values).encode()


@dataclass(frozen=True)
class StoredLink:
    """A chained row as stored: its place, key, hashes and the canonical bytes of its content."""

    position: int
    key: str  # e.g. "case_id=3 seq=2" or "id=17"
    prev_hash: bytes
    row_hash: bytes
    content: bytes


KEYS = {EVENTS: ("case_id", "seq"), AUDIT: ("id",)}
_EPOCH = dt.datetime(1970, 1, 1)


def stored_links(
    connection: Connection, table: str, first: int, page: int = 20_000
) -> Iterator[StoredLink]:
    """The chain of ``table`` from place ``first`` on, in order, read a page at a time with as
    little conversion as the canonical form needs (a million cases' events pass here): enums as
    their stored strings, SQLite's epoch seconds turned straight into the ISO text."""
    target = CHAINED_TABLES[table]
    sqlite = connection.dialect.name == "sqlite"
    fields = []
    for name in CHAINED_FIELDS[table]:
        column: Any = target.c[name]
        if isinstance(column.type, Enum):
            column = type_coerce(column, String)
        elif isinstance(column.type, DateTime) and sqlite:
            column = type_coerce(column, Integer)
        fields.append(column)
    keys = [target.c[name] for name in KEYS[table]]
    position = target.c.chain_pos
    query = select(position, target.c.prev_hash, target.c.row_hash, *keys, *fields)
    at = CHAINED_FIELDS[table].index("at")
    key_names = KEYS[table]
    last = first - 1
    while True:
        rows = connection.execute(query.where(position > last).order_by(position).limit(page))
        count = 0
        for row in rows:
            count += 1
            values = list(row[3 + len(keys) :])
            stamp = values[at]
            values[at] = (
                (_EPOCH + dt.timedelta(seconds=stamp)).isoformat()
                if stamp.__class__ is int
                else _plain(stamp)
            )
            yield StoredLink(
                row[0],
                " ".join(
                    f"{name}={value}" for name, value in zip(key_names, row[3:], strict=False)
                ),
                bytes(row[1]),
                bytes(row[2]),
                _ENCODE([table, *values]).encode(),
            )
            last = row[0]
        if count < page:
            return


def link(prev_hash: bytes, table: str, row: Mapping[str, Any]) -> bytes:
    return hashlib.sha256(prev_hash + canonical(table, row)).digest()


def whole_seconds(value: dt.datetime) -> dt.datetime:
    """Timestamps in the chain are whole seconds (what SQLite keeps), on every database."""
    return value.replace(microsecond=0)


def read_heads(connection: Connection, *, lock: bool = False) -> dict[str, tuple[int, bytes]]:
    """Both chains' stored heads: place and hash by table name. With ``lock`` they stay locked
    until the transaction ends (one statement, name order, so writers appending to both chains
    cannot deadlock)."""
    statement = select(
        HistoryChainHead.table_name, HistoryChainHead.position, HistoryChainHead.row_hash
    ).order_by(HistoryChainHead.table_name)
    rows = connection.execute(statement.with_for_update() if lock else statement)
    return {name: (position, bytes(row_hash)) for name, position, row_hash in rows}


def append(
    connection: Connection,
    table: str,
    rows: Sequence[dict[str, Any]],
    *,
    insert_rows: Callable[[Connection, Table, list[dict[str, Any]]], None] | None = None,
) -> None:
    """Append ``rows`` (without chain columns; filled in here) to ``table``'s chain, in order,
    inside the caller's transaction. ``insert_rows`` may replace Core's executemany."""
    if not rows:
        return
    position, prev_hash = read_heads(connection, lock=True)[table]
    chained = []
    for row in rows:
        position += 1
        full = {**row, "at": whole_seconds(row["at"]), "chain_pos": position}
        full["prev_hash"] = prev_hash
        prev_hash = link(prev_hash, table, full)
        full["row_hash"] = prev_hash
        chained.append(full)
    target = CHAINED_TABLES[table]
    if insert_rows is None:
        connection.execute(insert(target), chained)
    else:
        insert_rows(connection, target, chained)
    connection.execute(
        update(HistoryChainHead)
        .where(HistoryChainHead.table_name == table)
        .values(position=position, row_hash=prev_hash)
    )
