"""Shared fixtures: every test gets its own data dir, database and clock."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from townclerk.db.database import Database, open_database  # noqa: E402
from townclerk.enums import Role  # noqa: E402
from townclerk.services.access import Actor  # noqa: E402
from townclerk.services.settings import CenterSettings, SettingsService  # noqa: E402
from townclerk.services.users import UserService  # noqa: E402

PASSWORD = "passw0rd1"
CENTER_CODE = "320324101"


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
def _isolated_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Never touch the user's data dir or pick up a developer's database URL."""
    monkeypatch.setenv("TOWNCLERK_DATA_DIR", str(tmp_path / "default-data"))
    monkeypatch.delenv("TOWNCLERK_DATABASE_URL", raising=False)
    monkeypatch.delenv("TOWNCLERK_PASSWORD", raising=False)
    monkeypatch.delenv("TOWNCLERK_NEW_PASSWORD", raising=False)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    path = tmp_path / "data"
    path.mkdir()
    return path


@pytest.fixture
def clock() -> FakeClock:
    # A Tuesday before National Day 2026: deadlines cross the holiday and a make-up Saturday.
    return FakeClock(dt.datetime(2026, 9, 29, 9, 30, 0))


@pytest.fixture
def db(data_dir: Path, clock: FakeClock) -> Iterator[Database]:
    database = open_database(
        f"sqlite:///{(data_dir / 'townclerk.sqlite3').as_posix()}", data_dir, clock=clock
    )
    yield database
    database.dispose()


@pytest.fixture
def admin(db: Database) -> Actor:
    users = UserService(db)
    users.create_first_admin("admin", PASSWORD, "系统管理员")
    actor = users.authenticate("admin", PASSWORD)
    SettingsService(db).update_center(
        actor,
        CenterSettings(
            center_name="睢宁县示范镇为民服务中心",
            center_code=CENTER_CODE,
            phone="0516-88881234",
        ),
    )
    return actor


@pytest.fixture
def clerk(db: Database, admin: Actor) -> Actor:
    UserService(db).create_user(admin, "clerk1", PASSWORD, Role.CLERK, "王晓燕")
    return UserService(db).authenticate("clerk1", PASSWORD)


@pytest.fixture
def supervisor(db: Database, admin: Actor) -> Actor:
    UserService(db).create_user(admin, "chief", PASSWORD, Role.SUPERVISOR, "李主任")
    return UserService(db).authenticate("chief", PASSWORD)
