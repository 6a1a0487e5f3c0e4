"""What a backup is, as the backup list, the status bar and the restore dialog see it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class BackupInfo:
    """One backup file and its manifest (the JSON file beside it).

    ``reason`` is ``manual`` (``backup create``), ``auto`` (the window's schedule) or
    ``pre-restore`` (the database as it was before a restore). ``engine`` is ``sqlite`` or
    ``postgresql``; ``sha256`` is the hash of the plain database (or dump) inside.
    """

    path: Path
    created_at: dt.datetime
    reason: str
    engine: str
    townclerk_version: str
    schema_revision: str | None
    center_code: str
    center_name: str
    encrypted: bool
    size: int
    sha256: str
    row_counts: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class VerifyReport:
    path: Path
    problems: tuple[str, ...]
    schema_revision: str | None
    row_counts: dict[str, int]

    @property
    def ok(self) -> bool:
        return not self.problems
