"""Shared fixtures: every test gets its own data dir, database and clock."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from argon2 import PasswordHasher
from PySide6.QtCore import QSettings
from sqlalchemy import Engine, create_engine, make_url, text

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from tests.cli_runner import ADMIN_PASSWORD, initialised_center
from tests.memory_keyring import MemoryKeyring
from tests.people import CENTER_CODE, add_user, first_admin
from tests.postgres_server import temporary_postgres
from townclerk.db.database import Database, open_database
from townclerk.enums import Role
from townclerk.i18n import set_language
from townclerk.paths import DATABASE_FILE, DATABASE_URL_ENV, sqlite_url
from townclerk.records.center import CenterSettings
from townclerk.services import users as users_module
from townclerk.services.access import Actor

BOTH_DATABASES = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


@pytest.fixture(autouse=True)
def _chinese_messages() -> Iterator[None]:
    """Messages from Qt-free code are Chinese unless a test chooses otherwise (a test that
    starts the app in English sets the language for the whole process)."""
    set_language("zh_CN")
    yield
    set_language("zh_CN")


class FakeClock:
    """A settable wall clock; services read the time only through it."""

    def __init__(self, now: dt.datetime) -> None:
        self.now = now

    def __call__(self) -> dt.datetime:
        return self.now

    def set(self, value: dt.datetime) -> None:
        self.now = value

    def advance(self, **delta: float) -> None:
        self.now += dt.timedelta(**delta)


@pytest.fixture(autouse=True)
def _fast_password_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Production argon2id parameters cost ~100 ms a hash; tests use the same algorithm, cheaper."""
    monkeypatch.setattr(users_module, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024))


@pytest.fixture(autouse=True)
def _isolated_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Never touch the user's data dir or pick up a developer's database URL."""
    monkeypatch.setenv("TOWNCLERK_DATA_DIR", str(tmp_path / "default-data"))
    monkeypatch.delenv("TOWNCLERK_DATABASE_URL", raising=False)
    monkeypatch.delenv("TOWNCLERK_PASSWORD", raising=False)
    monkeypatch.delenv("TOWNCLERK_NEW_PASSWORD", raising=False)
    # The window's remembered geometry (QSettings, ui/window_state.py) goes to a temporary
    # folder, never to the user's ~/.config; subprocesses get the same through XDG.
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    QSettings.setPath(
        QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "config")
    )


@pytest.fixture(autouse=True)
def memory_keyring(monkeypatch: pytest.MonkeyPatch) -> Iterator[MemoryKeyring]:
    """The system keyring is never touched: an empty one in memory for each test (what it
    holds is the fixture's ``passwords``), and none at all for a subprocess."""
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    path = tmp_path / "data"
    path.mkdir()
    return path


@pytest.fixture(params=BOTH_DATABASES)
def cli_database(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Where the CLI tests' commands keep their data: the data folder's SQLite file, or an
    empty database on the throwaway PostgreSQL server named by TOWNCLERK_DATABASE_URL (as a
    center's PC would)."""
    if request.param == "postgres":
        monkeypatch.setenv(DATABASE_URL_ENV, request.getfixturevalue("pg_empty_url"))
    return str(request.param)


@pytest.fixture
def initialised(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    cli_database: str,
) -> Path:
    """A data folder after ``townclerk init --admin boss`` (password ``ADMIN_PASSWORD``), its
    database on SQLite, then on PostgreSQL."""
    return initialised_center(tmp_path / "cli-data", ADMIN_PASSWORD, monkeypatch, capsys)


@pytest.fixture
def clock() -> FakeClock:
    # A Tuesday before National Day 2026: deadlines cross the holiday and a make-up Saturday.
    return FakeClock(dt.datetime(2026, 9, 29, 9, 30, 0))


@pytest.fixture(scope="session")
def migrated_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One migrated empty database per test process; each test gets a copy of it."""
    folder = tmp_path_factory.mktemp("template")
    open_database(sqlite_url(folder), folder).dispose()
    return folder / DATABASE_FILE


@pytest.fixture
def sqlite_db(data_dir: Path, clock: FakeClock, migrated_template: Path) -> Iterator[Database]:
    """The test's own migrated SQLite database."""
    shutil.copyfile(migrated_template, data_dir / DATABASE_FILE)
    database = open_database(sqlite_url(data_dir), data_dir, clock=clock)
    yield database
    database.dispose()


@pytest.fixture(params=BOTH_DATABASES)
def db(request: pytest.FixtureRequest) -> Database:
    """The test's database: every service test runs on SQLite, then on the throwaway
    PostgreSQL server. A module or test about SQLite itself (its file, its locks) is marked
    ``sqlite_only`` and runs once; the UI tests' own conftest keeps them on SQLite."""
    fixture = "sqlite_db" if request.param == "sqlite" else "pg"
    database: Database = request.getfixturevalue(fixture)
    return database


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Drop the PostgreSQL run of a test marked ``sqlite_only``."""
    kept, dropped = [], []
    for item in items:
        callspec = getattr(item, "callspec", None)
        on_postgres = callspec is not None and "postgres" in (
            callspec.params.get("db"),
            callspec.params.get("cli_database"),
        )
        (dropped if on_postgres and item.get_closest_marker("sqlite_only") else kept).append(item)
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = kept


@pytest.fixture
def admin(db: Database) -> Actor:
    center = CenterSettings(
        center_name="睢宁县示范镇为民服务中心", center_code=CENTER_CODE, phone="0516-88881234"
    )
    return first_admin(db, center, display_name="系统管理员")


@pytest.fixture
def clerk(db: Database, admin: Actor) -> Actor:
    return add_user(db, admin, "clerk1", Role.CLERK, "王晓燕")


@pytest.fixture
def supervisor(db: Database, admin: Actor) -> Actor:
    return add_user(db, admin, "chief", Role.SUPERVISOR, "李主任")


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[str]:
    """A throwaway PostgreSQL server (tests/postgres_server.py) per test process; tests get
    databases of their own on it."""
    with temporary_postgres() as url:
        if url is None:
            pytest.skip("PostgreSQL is not installed (scripts/system-deps.sh installs it)")
        yield url


def create_postgres_database(cluster_url: str, *, template: str = "template0") -> str:
    """A new database on the cluster (a copy of ``template``); its URL."""
    name = f"t_{uuid.uuid4().hex[:16]}"
    engine = create_engine(cluster_url, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{template}"'))
    engine.dispose()
    return make_url(cluster_url).set(database=name).render_as_string(hide_password=False)


def drop_postgres_database(cluster_url: str, url: str) -> None:
    engine = create_engine(cluster_url, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.execute(text(f'DROP DATABASE "{make_url(url).database}" WITH (FORCE)'))
    engine.dispose()


@pytest.fixture(scope="session")
def pg_template(pg_cluster: str, tmp_path_factory: pytest.TempPathFactory) -> str:
    """A migrated empty database on the cluster that each test's database is copied from."""
    url = create_postgres_database(pg_cluster)
    open_database(url, tmp_path_factory.mktemp("pg-template")).dispose()
    return str(make_url(url).database)


@pytest.fixture(scope="module")
def server_url(pg_cluster: str) -> Iterator[str]:
    """An empty database of its own on the throwaway server, for the tests of one module."""
    url = create_postgres_database(pg_cluster)
    yield url
    drop_postgres_database(pg_cluster, url)


def empty_postgres_database(url: str, data_dir: Path, clock: FakeClock) -> Database:
    """The server's database emptied and migrated afresh, as a test's own database."""
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()
    return open_database(url, data_dir, clock=clock)


@pytest.fixture
def pg_url(pg_cluster: str, pg_template: str) -> Iterator[str]:
    """A migrated empty database of the test's own on the throwaway server."""
    url = create_postgres_database(pg_cluster, template=pg_template)
    yield url
    drop_postgres_database(pg_cluster, url)


@pytest.fixture
def pg_empty_url(pg_cluster: str) -> Iterator[str]:
    """An empty (unmigrated) database of the test's own on the throwaway server."""
    url = create_postgres_database(pg_cluster)
    yield url
    drop_postgres_database(pg_cluster, url)


@pytest.fixture
def pg(
    pg_url: str, data_dir: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Database]:
    """The test's migrated database on the throwaway server; the commands a test runs reach it
    too (TOWNCLERK_DATABASE_URL), as on a center's PC."""
    monkeypatch.setenv(DATABASE_URL_ENV, pg_url)
    database = open_database(pg_url, data_dir, clock=clock)
    yield database
    database.dispose()


@pytest.fixture
def any_db(db: Database) -> Database:
    """The test's database on SQLite, then on the throwaway PostgreSQL server (the same as
    ``db``, kept for the tests that say so)."""
    return db


@pytest.fixture(params=BOTH_DATABASES)
def blank_engine(request: pytest.FixtureRequest, data_dir: Path) -> Iterator[Engine]:
    """An engine on an empty database, SQLite then PostgreSQL, for migrating by hand."""
    if request.param == "sqlite":
        engine = create_engine(sqlite_url(data_dir))
    else:
        engine = create_engine(request.getfixturevalue("pg_empty_url"))
    yield engine
    engine.dispose()
