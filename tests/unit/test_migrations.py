"""Start-up migrations: empty and populated databases, backups, refusing newer or foreign ones."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import create_engine, inspect, text

from townclerk.db.database import open_database
from townclerk.db.migrate import _config, head_revision, schema_state
from townclerk.errors import DatabaseVersionError
from townclerk.paths import DATABASE_FILE, sqlite_url


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_empty_folder_gets_a_database_at_head(data_dir: Path) -> None:
    db = open_database(sqlite_url(data_dir), data_dir)
    state = schema_state(db.engine)
    assert state.current == head_revision() and state.up_to_date
    assert "cases" in inspect(db.engine).get_table_names()
    db.dispose()
    assert list(data_dir.glob("*.bak")) == []  # nothing to back up


def test_pragmas_on_every_connection(data_dir: Path) -> None:
    db = open_database(sqlite_url(data_dir), data_dir)
    with db.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000
    db.dispose()


def _database_at(folder: Path, revision: str) -> Path:
    engine = create_engine(sqlite_url(folder))
    config = _config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
    engine.dispose()
    return folder / DATABASE_FILE


def test_populated_database_is_backed_up_then_migrated(data_dir: Path) -> None:
    db_file = _database_at(data_dir, "0001")
    with sqlite3.connect(db_file) as connection:
        connection.execute(
            "INSERT INTO settings (key, value) VALUES ('center_name', '睢宁县示范镇为民服务中心')"
        )
    with sqlite3.connect(db_file) as connection:
        before = list(connection.iterdump())
    db = open_database(sqlite_url(data_dir), data_dir)
    assert schema_state(db.engine).up_to_date
    with db.engine.connect() as connection:
        value = connection.execute(text("SELECT value FROM settings")).scalar()
        assert value == "睢宁县示范镇为民服务中心"
        indexes = {ix["name"] for ix in inspect(connection).get_indexes("cases")}
        assert "ix_cases_clerk_id" in indexes
    db.dispose()
    [backup] = data_dir.glob(f"{DATABASE_FILE}.0001-*.bak")
    with sqlite3.connect(backup) as connection:
        assert list(connection.iterdump()) == before


def test_newer_database_is_refused_untouched(data_dir: Path) -> None:
    db_file = _database_at(data_dir, "head")
    with sqlite3.connect(db_file) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    before = digest(db_file)
    with pytest.raises(DatabaseVersionError, match="更新版本"):
        open_database(sqlite_url(data_dir), data_dir)
    assert digest(db_file) == before
    assert list(data_dir.glob("*.bak")) == []


def test_foreign_database_is_refused(data_dir: Path) -> None:
    with sqlite3.connect(data_dir / DATABASE_FILE) as connection:
        connection.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY)")
    with pytest.raises(DatabaseVersionError, match="不是 townclerk 数据库"):
        open_database(sqlite_url(data_dir), data_dir)


def test_unwritable_data_dir_gives_a_plain_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno

    from townclerk.errors import EnvironmentProblem

    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(errno.EACCES, "Permission denied")

    # Tests run as root in CI, where chmod cannot make a folder read-only.
    monkeypatch.setattr(Path, "mkdir", refuse)
    with pytest.raises(EnvironmentProblem, match="不可写"):
        open_database(sqlite_url(tmp_path / "new"), tmp_path / "new")


def test_full_disk_gives_a_plain_message(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from sqlalchemy.exc import OperationalError

    from townclerk.db import migrate
    from townclerk.errors import EnvironmentProblem

    def full(*args: object, **kwargs: object) -> None:
        raise OperationalError("INSERT", {}, sqlite3.OperationalError("database or disk is full"))

    monkeypatch.setattr(migrate, "upgrade_database", full)
    with pytest.raises(EnvironmentProblem, match="磁盘空间已满"):
        open_database(sqlite_url(data_dir), data_dir)


def test_models_and_migrations_agree(data_dir: Path) -> None:
    """A schema change without its Alembic revision fails here."""
    engine = create_engine(sqlite_url(data_dir))
    config = _config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
        command.check(config)
    engine.dispose()


def test_head_constant_is_the_newest_script() -> None:
    from townclerk.db.schema_version import HEAD

    assert head_revision() == HEAD


def test_current_database_opens_without_alembic(data_dir: Path) -> None:
    open_database(sqlite_url(data_dir), data_dir).dispose()
    code = (
        "import sys; from pathlib import Path; "
        "from townclerk.db.database import open_database; from townclerk.paths import sqlite_url; "
        f"d = Path({str(data_dir)!r}); open_database(sqlite_url(d), d).dispose(); "
        "print('alembic' in sys.modules)"
    )
    import subprocess
    import sys

    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "False", result.stderr
