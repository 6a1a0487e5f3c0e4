"""What ``townclerk db copy`` copied and checked."""

from __future__ import annotations

from dataclasses import dataclass

from townclerk.records.history import ChainHead


@dataclass(frozen=True)
class TableCopy:
    table: str
    rows: int
    seconds: float

    @property
    def rows_per_second(self) -> float:
        return self.rows / self.seconds if self.seconds > 0 else 0.0


@dataclass(frozen=True)
class CopyReport:
    """The target as it may be printed (no password), every table with its rows, the history
    chains' heads (equal on both sides, each chain verified on the copy) and the time taken."""

    target: str
    tables: tuple[TableCopy, ...]
    heads: tuple[ChainHead, ...]
    links_checked: int
    seconds: float

    @property
    def rows(self) -> int:
        return sum(table.rows for table in self.tables)
