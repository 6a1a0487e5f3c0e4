"""Consistent copies of the database and what a copy holds, below the backup service.

SQLite: the online backup API copies the database as one read transaction. In WAL mode a reader
never blocks a writer, so clerks keep saving while the copy runs, and the copy holds every
transaction committed before it started, including those still in the WAL (a plain file copy
misses them). The copy is made in one step: a copy in steps restarts whenever another
connection writes between two steps, and with clerks saving it might never finish.

PostgreSQL: ``pg_dump -Fc`` (one snapshot) and ``pg_restore --single-transaction``.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path

from sqlalchemy import create_engine
from sqlalchemy.engine import URL, make_url

from townclerk.db.engine import read_only_uri
from townclerk.db.server_roles import protect_append_only
from townclerk.errors import DatabaseCorrupt, EnvironmentProblem
from townclerk.i18n import t


def sqlite_copy(db_file: Path, target: Path) -> None:
    """Copy a live SQLite database (WAL included) into the new file ``target``."""
    source = sqlite3.connect(f"file:{db_file.as_posix()}?mode=ro", uri=True)
    try:
        source.execute("PRAGMA busy_timeout = 15000")
        with closing(sqlite3.connect(target)) as destination:
            source.backup(destination)
            # A backup is a finished file: no journal beside it, readable on its own.
            destination.execute("PRAGMA journal_mode = DELETE")
    finally:
        source.close()


@contextmanager
def read_only(db_file: Path) -> Iterator[sqlite3.Connection]:
    """A SQLite file opened read-only, never changed (no WAL switch, no journal)."""
    connection = sqlite3.connect(read_only_uri(db_file, immutable=True), uri=True)
    try:
        yield connection
    finally:
        connection.close()


def integrity_problems(connection: sqlite3.Connection, limit: int = 5) -> list[str]:
    rows = connection.execute(f"PRAGMA integrity_check({limit})").fetchall()
    return [] if rows == [("ok",)] else [str(row[0]) for row in rows]


def table_names(connection: sqlite3.Connection) -> list[str]:
    rows = connection.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "ORDER BY name"
    )
    return [str(row[0]) for row in rows]


def row_counts(connection: sqlite3.Connection) -> dict[str, int]:
    return {
        name: int(connection.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0])
        for name in table_names(connection)
    }


def schema_revision(connection: sqlite3.Connection) -> str | None:
    try:
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.Error:
        return None
    return None if row is None else str(row[0])


def setting(connection: sqlite3.Connection, key: str) -> str | None:
    try:
        row = connection.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
    except sqlite3.Error:
        return None
    return None if row is None else str(row[0])


def replace_sqlite_file(restored: Path, db_file: Path) -> None:
    """Put ``restored`` in place of ``db_file`` in one rename.

    The live file's WAL is checkpointed into it first and then removed with its shared-memory
    file: a WAL left beside the new file would be replayed into it. A crash between the two
    steps leaves the old database whole (its WAL is already in it); the rename is atomic.
    """
    if db_file.exists():
        try:
            with closing(sqlite3.connect(db_file)) as connection:
                connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        except sqlite3.DatabaseError:
            pass  # a damaged file: its copy is already kept; nothing of it is worth replaying
    for suffix in ("-wal", "-shm", "-journal"):
        db_file.with_name(db_file.name + suffix).unlink(missing_ok=True)
    os.replace(restored, db_file)
    _sync_folder(db_file.parent)


def _sync_folder(folder: Path) -> None:
    if os.name != "posix":
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


# --- PostgreSQL ------------------------------------------------------------------------------
def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise EnvironmentProblem(
            t(
                "找不到 PostgreSQL 工具 {tool}，请安装 PostgreSQL 客户端（如 apt-get install "
                "postgresql-client）后重试",
                tool=name,
            )
        )
    return found


def _libpq(url: str) -> tuple[str, dict[str, str]]:
    """The libpq connection string of a SQLAlchemy URL; the password goes in the environment,
    never on a command line another user could read."""
    parsed: URL = make_url(url)
    environment = dict(os.environ)
    if parsed.password:
        environment["PGPASSWORD"] = str(parsed.password)
    parsed = parsed.set(drivername="postgresql", password=None)
    return parsed.render_as_string(hide_password=False), environment


def _run(command: list[str], environment: dict[str, str]) -> None:
    result = subprocess.run(command, env=environment, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        lines = (result.stderr or result.stdout).strip().splitlines()
        raise EnvironmentProblem(
            t(
                "{tool} 失败：{reason}",
                tool=Path(command[0]).name,
                reason=lines[-1] if lines else result.returncode,
            )
        )


def pg_dump(url: str, target: Path) -> None:
    connection, environment = _libpq(url)
    _run([_tool("pg_dump"), "-Fc", "--no-owner", "-f", str(target), connection], environment)


def pg_archive_check(archive: Path) -> None:
    """``pg_restore --list`` reads the whole table of contents: a damaged archive fails."""
    result = subprocess.run(
        [_tool("pg_restore"), "--list", str(archive)], capture_output=True, check=False
    )
    if result.returncode != 0:
        raise DatabaseCorrupt(t("备份文件 {path} 不是完整的 PostgreSQL 备份", path=archive))


def pg_restore(url: str, archive: Path) -> None:
    """Replace the database's content with the archive's, in one transaction; the tables it
    recreates get the owner's default privileges, so the application role then loses UPDATE
    and DELETE on the append-only history again."""
    connection, environment = _libpq(url)
    _run(
        [
            _tool("pg_restore"),
            "--clean",
            "--if-exists",
            "--no-owner",
            "--single-transaction",
            "--exit-on-error",
            "-d",
            connection,
            str(archive),
        ],
        environment,
    )
    engine = create_engine(url)
    try:
        with engine.begin() as restored:
            protect_append_only(restored)
    finally:
        engine.dispose()
