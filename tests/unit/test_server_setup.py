"""``townclerk db server-setup``: an owner role that migrates, and an application role that
registers cases but can neither rewrite the history nor change the schema."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, make_url, text
from sqlalchemy.exc import ProgrammingError

from tests.cli_runner import run_cli
from tests.conftest import FakeClock
from tests.factories import intake_for, make_item
from tests.people import PASSWORD, add_user, first_admin
from townclerk.db.database import Database, open_database
from townclerk.enums import Role
from townclerk.errors import EnvironmentProblem
from townclerk.records.cases import CaseQuery
from townclerk.services import backups
from townclerk.services.access import Actor
from townclerk.services.cases import CaseService
from townclerk.services.database_copy import copy_database

pytestmark = [pytest.mark.postgres, pytest.mark.xdist_group("postgres")]


def set_up(
    capsys: pytest.CaptureFixture[str], server_url: str, database: str
) -> tuple[str, str, str]:
    """Run server-setup: (its output, the owner's URL, the application's URL)."""
    code, out, err = run_cli(
        capsys, "db", "server-setup", "--superuser-url", server_url, "--database", database
    )
    assert code == 0, err
    urls = [line.split("：", 1)[1] for line in out.splitlines() if "账户（" in line]
    assert len(urls) == 2, out
    return out, urls[0], urls[1]


@pytest.fixture
def center(
    server_url: str, capsys: pytest.CaptureFixture[str], request: pytest.FixtureRequest
) -> Iterator[tuple[str, str]]:
    """A database set up by server-setup and migrated by its owner: (owner URL, app URL)."""
    name = "c_" + request.node.name.removeprefix("test_")[:30].lower()
    _, owner, app = set_up(capsys, server_url, name)
    yield owner, app
    admin = create_engine(server_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
        for role in (f"{name}_owner", f"{name}_app"):
            connection.execute(text(f'DROP OWNED BY "{role}"'))
            connection.execute(text(f'DROP ROLE "{role}"'))
    admin.dispose()


def as_role(url: str, statement: str) -> None:
    engine = create_engine(url)
    try:
        with engine.begin() as connection:
            connection.execute(text(statement))
    finally:
        engine.dispose()


def test_the_app_role_works_but_cannot_rewrite_history_or_the_schema(
    center: tuple[str, str], tmp_path: Path, clock: FakeClock
) -> None:
    owner_url, app_url = center
    assert "_owner:" in owner_url and "_app:" in app_url  # each with its password
    open_database(owner_url, tmp_path, clock=clock).dispose()  # the owner migrates

    db = open_database(app_url, tmp_path, clock=clock)
    try:
        admin = first_admin(db)
        clerk = add_user(db, admin, "clerk1", Role.CLERK)
        case = CaseService(db).accept(clerk, intake_for(make_item(db)))
        assert CaseService(db).count_cases(clerk, CaseQuery()) == 1
    finally:
        db.dispose()

    for statement in (
        "UPDATE case_events SET note = 'changed'",
        "DELETE FROM audit_log",
        "TRUNCATE case_handovers",
        "DELETE FROM case_events",
    ):
        with pytest.raises(ProgrammingError, match="permission denied for table"):
            as_role(app_url, statement)
    with pytest.raises(ProgrammingError, match="permission denied for schema public"):
        as_role(app_url, "CREATE TABLE notes (line text)")
    with pytest.raises(ProgrammingError, match="must be owner"):
        as_role(app_url, "ALTER TABLE cases ADD COLUMN note text")
    as_role(app_url, f"UPDATE cases SET note = 'ok' WHERE number = '{case.number}'")


def test_only_the_owner_upgrades_the_schema(
    center: tuple[str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    owner_url, app_url = center
    with pytest.raises(EnvironmentProblem, match="当前账户无权修改结构"):
        open_database(app_url, tmp_path)
    code, _, err = run_cli(capsys, "--data-dir", str(tmp_path), "--db", owner_url, "db", "upgrade")
    assert code == 0, err
    open_database(app_url, tmp_path).dispose()


def test_a_center_copied_in_by_the_owner_is_usable_and_protected_for_the_app(
    center: tuple[str, str], db: Database, admin: Actor, clerk: Actor, tmp_path: Path
) -> None:
    owner_url, app_url = center
    CaseService(db).accept(clerk, intake_for(make_item(db)))
    copy_database(db, admin, owner_url)
    on_server = open_database(app_url, tmp_path)
    try:
        assert CaseService(on_server).count_cases(clerk, CaseQuery()) == 1
    finally:
        on_server.dispose()
    with pytest.raises(ProgrammingError, match="permission denied for table case_events"):
        as_role(app_url, "DELETE FROM case_events")


def test_a_restore_on_the_server_keeps_the_history_protected(
    center: tuple[str, str], tmp_path: Path, clock: FakeClock
) -> None:
    """pg_restore recreates the tables: the owner's default privileges would give the app role
    UPDATE and DELETE on the history again, unless they are taken away after it."""
    owner_url, app_url = center
    db = open_database(owner_url, tmp_path, clock=clock)
    try:
        admin = first_admin(db)
        info = backups.create_backup(db, admin)
    finally:
        db.dispose()
    backups.restore_backup(owner_url, tmp_path, info.path, admin.username, PASSWORD)
    with pytest.raises(ProgrammingError, match="permission denied for table audit_log"):
        as_role(app_url, "DELETE FROM audit_log")


def test_a_copy_as_the_app_role_is_refused_and_leaves_the_database_empty(
    center: tuple[str, str], db: Database, admin: Actor
) -> None:
    _, app_url = center
    with pytest.raises(EnvironmentProblem, match="目标数据库的账户无权建表"):
        copy_database(db, admin, app_url)
    engine = create_engine(app_url)
    with engine.connect() as connection:
        assert (
            connection.scalar(text("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"))
            == 0
        )
    engine.dispose()


def test_running_it_again_keeps_the_passwords(
    center: tuple[str, str], server_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    owner_url, _ = center
    database = owner_url.rsplit("/", 1)[1].split("?")[0]
    out, owner_again, app_again = set_up(capsys, server_url, database)
    assert f"已存在，密码未改：{database}_owner、{database}_app" in out
    assert "只在这里显示这一次" not in out
    assert ":" not in owner_again.split("@")[0].removeprefix("postgresql+psycopg://")
    assert ":" not in app_again.split("@")[0].removeprefix("postgresql+psycopg://")


def test_a_user_who_may_not_create_roles_is_refused(
    center: tuple[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    _, app_url = center
    code, out, err = run_cli(
        capsys, "db", "server-setup", "--superuser-url", app_url, "--database", "other"
    )
    assert (code, out) == (1, "")
    assert "该账户不能创建角色和数据库" in err


def test_a_database_holding_another_owners_tables_is_refused(
    server_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    admin = create_engine(server_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text("CREATE DATABASE foreign_tables"))
    admin.dispose()
    foreign = make_url(server_url).set(database="foreign_tables").render_as_string(False)
    as_role(foreign, "CREATE TABLE notes (line text)")
    code, _, err = run_cli(
        capsys,
        "db",
        "server-setup",
        "--superuser-url",
        server_url,
        "--database",
        "foreign_tables",
    )
    assert code == 1
    assert "已有不属于 foreign_tables_owner 的数据表（notes）" in err
    roles = create_engine(server_url)
    with roles.connect() as connection:
        made = connection.scalar(
            text("SELECT count(*) FROM pg_roles WHERE rolname LIKE 'foreign_tables_%'")
        )
    roles.dispose()
    assert made == 0


@pytest.mark.parametrize("name", ["Townclerk", "1center", "a-b", "x" * 42])
def test_database_names_are_plain(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run_cli(
        capsys, "db", "server-setup", "--superuser-url", "postgresql://x@/y", "--database", name
    )
    assert code == 2 and "数据库名只能用小写字母" in err
