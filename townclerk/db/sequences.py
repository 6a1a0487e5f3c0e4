"""PostgreSQL's id sequences after rows were written with their ids given (demo data, a copy of
another database): the next id the database hands out must follow the largest one written."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Connection, Table, func, select, text


def advance_sequences(connection: Connection, tables: Iterable[Table]) -> None:
    """Every serial or identity column's sequence of ``tables`` continues after the largest id
    written (an empty table's starts at 1). SQLite keeps its own counters up to date."""
    if connection.dialect.name != "postgresql":
        return
    for table in tables:
        for column in table.primary_key.columns:
            sequence = connection.scalar(
                text("SELECT pg_get_serial_sequence(:table, :column)"),
                {"table": table.name, "column": column.name},
            )
            if sequence is None:
                continue  # a natural or composite key: no sequence
            largest = connection.scalar(select(func.max(column)))
            connection.execute(
                text("SELECT setval(:sequence, :value, :called)"),
                {"sequence": sequence, "value": largest or 1, "called": largest is not None},
            )
