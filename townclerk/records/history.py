"""The state of the hash-chained history (case events, audit log), as services hand it out."""

from __future__ import annotations

from dataclasses import dataclass

SHORT_HASH = 16  # hex characters printed on paper: enough to anchor a chain


@dataclass(frozen=True)
class ChainHead:
    """A chain's length and the hash of its last row (hex; 64 zeros while empty)."""

    table: str
    count: int
    row_hash: str

    @property
    def short_hash(self) -> str:
        return self.row_hash[:SHORT_HASH]

    def line(self) -> str:
        return f"{self.table}: {self.count} {self.short_hash}"


@dataclass(frozen=True)
class ChainBreak:
    """The first row where a chain does not hold: which table, which row, what differs."""

    table: str
    position: int  # place in the chain (chain_pos) where the break was found
    row: str  # the row's key, e.g. "id=17" or "case_id=3 seq=2"; "" when the row is missing
    problem: str  # in the user's language


@dataclass(frozen=True)
class ChainReport:
    heads: tuple[ChainHead, ...]
    checked: int  # rows whose hashes were recomputed
    broken: ChainBreak | None = None

    @property
    def ok(self) -> bool:
        return self.broken is None
