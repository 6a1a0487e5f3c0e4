"""``townclerk db connect`` stores a PC's choice (the password in the keyring, never in the
settings file), every command then uses it unless ``--db`` says otherwise, and ``db status``
says which database is in use without its password."""

from __future__ import annotations

from pathlib import Path

import keyring
import pytest

from tests.cli_runner import run_cli
from tests.memory_keyring import MemoryKeyring, NoKeyring
from tests.server_roles import password_role, server_owner
from townclerk.db.connection_choice import LOCAL, ConnectionChoice
from townclerk.db.database import Database
from townclerk.db.server_passwords import KEYRING_SERVICE
from townclerk.paths import DATABASE_URL_ENV
from townclerk.ui.connection_settings import pc_settings, read_choice, write_choice


@pytest.fixture(autouse=True)
def _no_url_from_the_environment(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> None:
    if "pg" in request.fixturenames:
        request.getfixturevalue("pg")  # it names its database in the environment: not here
    monkeypatch.delenv(DATABASE_URL_ENV, raising=False)


# The PC's own choice is what these tests are about: its data folder's file is the local
# database (the server is the test's ``pg``), and no URL comes from the environment.
pytestmark = [pytest.mark.postgres, pytest.mark.sqlite_only]
SECRET = "PW-s3cret-2026"


def settings_file() -> str:
    return Path(pc_settings().fileName()).read_text(encoding="utf-8")


def connect_args(pg_url: str, user: str | None = None) -> list[str]:
    owner = server_owner(pg_url)
    return [
        "db",
        "connect",
        "--host",
        owner.host,
        "--database",
        owner.database,
        "--server-user",
        user or owner.user,
    ]


def test_connect_stores_the_choice_and_the_password_apart_and_status_shows_it(
    pg: Database,
    pg_url: str,
    memory_keyring: MemoryKeyring,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    owner = server_owner(pg_url)
    monkeypatch.setenv("PGPASSWORD", SECRET)
    code, out, err = run_cli(capsys, *connect_args(pg_url))
    assert code == 0, err
    assert f"本机已连接中心服务器 {owner.shown()}：连接成功（服务器版本" in out
    assert memory_keyring.passwords == {(KEYRING_SERVICE, owner.key): SECRET}
    assert read_choice() == ConnectionChoice(server=owner)
    stored = settings_file()
    assert owner.host in stored and "server" in stored and SECRET not in stored

    monkeypatch.delenv("PGPASSWORD")
    code, out, err = run_cli(capsys, "db", "status")
    assert code == 0, err
    assert (
        f"使用：服务器：{owner.user}@{owner.host}:5432/{owner.database}（本机的数据库连接设置）"
        in out
    )
    assert f"{owner.user}:***@" in out and "结构版本：0007（最新）" in out
    assert SECRET not in out + err


def test_db_and_the_environment_win_over_the_stored_choice(
    pg: Database,
    pg_url: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    write_choice(ConnectionChoice(server=server_owner(pg_url)))
    keyring.set_keyring(NoKeyring())  # the stored server would need a password: never asked
    local = tmp_path / "given.sqlite3"
    code, _, _ = run_cli(capsys, "--db", f"sqlite:///{local}", "init", "--demo")
    assert code == 0
    code, out, _ = run_cli(capsys, "--db", f"sqlite:///{local}", "db", "status")
    assert code == 0 and f"使用：单机：{local.as_posix()}（命令行 --db）" in out
    monkeypatch.setenv("TOWNCLERK_DATABASE_URL", f"sqlite:///{local}")
    code, out, _ = run_cli(capsys, "db", "status")
    assert code == 0 and "（环境变量 TOWNCLERK_DATABASE_URL）" in out


def test_without_a_keyring_the_password_comes_from_pgpassword(
    pg: Database,
    pg_url: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    owner = server_owner(pg_url)
    keyring.set_keyring(NoKeyring())
    monkeypatch.setenv("PGPASSWORD", SECRET)
    code, out, err = run_cli(capsys, *connect_args(pg_url))
    assert code == 0, err
    assert "本机没有可用的系统密钥环" in out and read_choice() == ConnectionChoice(server=owner)
    assert SECRET not in settings_file()
    code, out, err = run_cli(capsys, "db", "status")
    assert code == 0 and "本机的数据库连接设置" in out and SECRET not in out + err
    monkeypatch.delenv("PGPASSWORD")  # and no terminal to type it at
    code, out, err = run_cli(capsys, "db", "status")
    assert code == 1 and err.strip() == (
        "townclerk: 请通过环境变量 PGPASSWORD 提供密码（当前没有可交互的终端）"
    )


def test_a_refused_connection_stores_nothing(
    pg: Database,
    pg_url: str,
    memory_keyring: MemoryKeyring,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    role = password_role(pg_url)
    monkeypatch.setenv("PGPASSWORD", "Wrong-PW")
    code, out, err = run_cli(capsys, *connect_args(pg_url, role.user))
    assert code == 1 and out == ""
    assert err.strip() == (
        "townclerk: 用户名或密码错误：服务器不接受用户 window_pc 的这个密码，请核对后重试"
    )
    assert read_choice() is None and memory_keyring.passwords == {}
    code, _, err = run_cli(capsys, "db", "connect", "--host", "db.lan")
    assert code == 1 and "请用 --server-user 指定数据库用户名" in err
    code, _, err = run_cli(capsys, "db", "connect", "--host", "db lan", "--server-user", "w")
    assert code == 1 and "服务器地址“db lan”无效" in err
    assert read_choice() is None


def test_local_goes_back_to_the_file_and_forgets_the_servers_password(
    pg: Database,
    pg_url: str,
    memory_keyring: MemoryKeyring,
    initialised: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("PGPASSWORD", SECRET)
    assert run_cli(capsys, *connect_args(pg_url))[0] == 0
    code, out, _ = run_cli(capsys, "--data-dir", str(initialised), "db", "connect", "--local")
    assert code == 0 and "本机已改用单机数据库" in out
    assert read_choice() == LOCAL and memory_keyring.passwords == {}
    code, out, _ = run_cli(capsys, "--data-dir", str(initialised), "db", "status")
    assert code == 0 and "使用：单机：" in out and "（本机的数据库连接设置）" in out
