"""The schema version this townclerk writes, checked without loading Alembic.

Opening a database that is already at ``HEAD`` is the common case; reading one row of
``alembic_version`` is enough for it, and start-up skips Alembic (a fifth of a second). A test
keeps ``HEAD`` equal to the newest script in ``migrations/versions``.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy import Engine, text
from sqlalchemy.exc import DBAPIError

HEAD = "0007"


def current_version(engine: Engine) -> str | None:
    """The revision recorded in the database, or None when it has no version table."""
    try:
        with engine.connect() as connection:
            return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except DBAPIError:
        return None


def sqlite_file_version(db_file: Path) -> str | None:
    """The same for a SQLite file, read-only and without townclerk's pragmas."""
    if not db_file.exists() or db_file.stat().st_size == 0:
        return None
    connection = sqlite3.connect(f"file:{db_file.as_posix()}?mode=ro", uri=True)
    try:
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.Error:
        return None
    finally:
        connection.close()
    return None if row is None else str(row[0])
