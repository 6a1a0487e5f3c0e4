"""Damaging a SQLite database file the ways a disk, a power cut or a bad copy do."""

from __future__ import annotations

import os
from pathlib import Path

DAMAGE_KINDS = ("truncated", "header-only", "random", "zero-length", "damaged-pages")


def damage_database(db_file: Path, kind: str) -> None:
    """Replace ``db_file`` by a damaged copy of itself (one of :data:`DAMAGE_KINDS`); its WAL
    and shared-memory files go, so nothing can repair it."""
    good = db_file.read_bytes()
    for suffix in ("-wal", "-shm"):
        db_file.with_name(db_file.name + suffix).unlink(missing_ok=True)
    db_file.write_bytes(
        {
            "truncated": good[: len(good) // 3],
            "header-only": good[:100],
            "random": os.urandom(len(good)),
            "zero-length": b"",
            "damaged-pages": good[:4096] + os.urandom(len(good) - 4096),
        }[kind]
    )
