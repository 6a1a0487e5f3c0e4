"""PostgreSQL's id sequences after rows were written with their ids given (demo data, a copy of
another database): the next id the database hands out must follow the largest one written."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Connection, Integer, Table, text


def advance_sequences(connection: Connection, tables: Iterable[Table]) -> None:
    """Set each table's serial id sequence past its largest id (PostgreSQL only; SQLite takes
    the largest rowid plus one by itself)."""
    if connection.dialect.name != "postgresql":
        return
    for table in tables:
        key = list(table.primary_key.columns)
        if len(key) != 1 or not isinstance(key[0].type, Integer) or key[0].autoincrement is False:
            continue  # no serial sequence: a composite or natural key
        column = key[0]
        connection.execute(
            text(
                "SELECT setval(pg_get_serial_sequence(:table, :column),"
                f" COALESCE((SELECT max({column.name}) FROM {table.name}), 0) + 1, false)"
            ),
            {"table": table.name, "column": column.name},
        )
