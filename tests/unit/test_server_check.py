"""测试连接 against the throwaway PostgreSQL server: success, and a plain reason for each way it
fails (wrong password, no such database or user, unreachable, empty or another version)."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from sqlalchemy import create_engine, text

from tests.server_roles import WINDOW_PASSWORD, password_role, server_owner
from townclerk.db.connection_choice import ServerAddress
from townclerk.db.database import Database
from townclerk.db.schema_version import HEAD
from townclerk.db.server_check import check_server
from townclerk.errors import UserError

pytestmark = [pytest.mark.postgres]


@pytest.fixture
def owner(pg: Database, pg_url: str) -> ServerAddress:
    """The owner of a migrated database (the test server trusts it: any password will do)."""
    return server_owner(pg_url)


Sql = Callable[..., None]


@pytest.fixture
def sql(pg: Database) -> Iterator[Sql]:
    engine = create_engine(pg.engine.url.render_as_string(hide_password=False))

    def run(*statements: str) -> None:
        with engine.begin() as connection:
            for statement in statements:
                connection.execute(text(statement))

    yield run
    engine.dispose()


def refusal(address: ServerAddress, password: str = "anything") -> str:
    with pytest.raises(UserError) as refused:
        check_server(address, password, timeout=3)
    return str(refused.value)


def test_a_working_server_says_its_version_and_the_databases(owner: ServerAddress) -> None:
    check = check_server(owner, "anything")
    assert check.usable and check.schema_version == HEAD
    message = check.message(owner)
    assert message.startswith("连接成功（服务器版本 ") and f"数据库版本 {HEAD}）" in message
    assert check.server_version[0].isdigit()


def test_a_wrong_password_is_said_plainly(pg_url: str, pg: Database) -> None:
    role = password_role(pg_url)
    message = refusal(role, "Wrong-PW")
    assert message == "用户名或密码错误：服务器不接受用户 window_pc 的这个密码，请核对后重试"
    assert "Wrong-PW" not in message


def test_a_user_without_rights_on_the_database_is_sent_to_server_setup(
    pg_url: str, pg: Database
) -> None:
    role = password_role(pg_url)
    message = refusal(role, WINDOW_PASSWORD)
    assert "没有使用数据库" in message and "townclerk db server-setup" in message


def test_a_missing_database_and_a_missing_user(owner: ServerAddress) -> None:
    missing = ServerAddress(owner.host, owner.port, "nowhere", owner.user)
    assert refusal(missing).startswith("服务器上没有数据库 nowhere：")
    ghost = ServerAddress(owner.host, owner.port, owner.database, "ghost")
    assert refusal(ghost) == "服务器上没有数据库用户 ghost：请核对用户名"


def test_an_unreachable_server(owner: ServerAddress) -> None:
    no_socket = ServerAddress("/nonexistent-folder", 5432, owner.database, owner.user)
    assert refusal(no_socket).startswith("无法连接服务器 /nonexistent-folder：")
    closed_port = ServerAddress("127.0.0.1", 1, owner.database, owner.user)
    message = refusal(closed_port)
    assert message.startswith("无法连接服务器 127.0.0.1:1：") and "防火墙放行了端口 1" in message
    unknown = ServerAddress("no-such-host.invalid", 5432, owner.database, owner.user)
    assert refusal(unknown) == "找不到服务器 no-such-host.invalid：请核对服务器地址"


def test_an_empty_database_points_at_server_setup_and_copy(owner: ServerAddress, sql: Sql) -> None:
    sql("DROP SCHEMA public CASCADE", "CREATE SCHEMA public")
    check = check_server(owner, "anything")
    assert not check.usable
    message = check.message(owner)
    assert "是空的" in message and "db server-setup" in message and "db copy" in message
    sql("CREATE TABLE ledger (amount integer)")
    assert "不是 townclerk 数据库" in check_server(owner, "anything").message(owner)


def test_a_database_at_another_version(owner: ServerAddress, sql: Sql) -> None:
    sql("UPDATE alembic_version SET version_num = '0005'")
    older = check_server(owner, "anything")
    assert not older.usable and f"本程序需要 {HEAD}" in older.message(owner)
    assert "townclerk db upgrade" in older.message(owner)
    sql("UPDATE alembic_version SET version_num = '0099'")
    assert "比本程序新" in check_server(owner, "anything").message(owner)
