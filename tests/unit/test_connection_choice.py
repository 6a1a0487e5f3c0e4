"""Which database a PC uses: the address and its URL, what the status bar says, which URL wins,
the password in the keyring (an in-memory one; no keyring at all), and no password in a log."""

from __future__ import annotations

import argparse
import logging
from pathlib import Path

import keyring
import pytest
from sqlalchemy.engine import make_url

from tests.memory_keyring import MemoryKeyring, NoKeyring
from townclerk.db.connection_choice import (
    LOCAL,
    ConnectionChoice,
    ServerAddress,
    UrlOrigin,
    describe_database,
    server_address,
    shorten_path,
)
from townclerk.db.server_check import connection_failure
from townclerk.db.server_passwords import KEYRING_SERVICE, KeyringUnavailable, ServerPasswords
from townclerk.errors import FieldError
from townclerk.launch import Launch
from townclerk.logs import configure_logging, redact_passwords
from townclerk.paths import sqlite_url

ADDRESS = ServerAddress(host="192.168.1.10", port=5432, database="townclerk", user="window3")


# --- the address ------------------------------------------------------------------------------
def test_the_url_carries_the_password_only_when_given_and_reads_back_exactly() -> None:
    odd = ServerAddress(host="db.center.lan", port=6543, database="中心 库", user="win@3")
    url = make_url(odd.url("p:w@/ss%d 2"))
    assert (url.host, url.port, url.database, url.username, url.password) == (
        "db.center.lan",
        6543,
        "中心 库",
        "win@3",
        "p:w@/ss%d 2",
    )
    assert make_url(ADDRESS.url(None)).password is None
    assert ADDRESS.url(None) == "postgresql+psycopg://window3@192.168.1.10:5432/townclerk"


def test_a_host_starting_with_a_slash_is_the_servers_socket_folder() -> None:
    url = make_url(ServerAddress("/run/postgresql", 5433, "townclerk", "w").url("pw"))
    assert url.host is None and url.query == {"host": "/run/postgresql", "port": "5433"}


def test_the_keyring_name_and_the_shown_name_have_no_password() -> None:
    assert ADDRESS.key == "window3@192.168.1.10:5432/townclerk"
    assert ADDRESS.shown() == "window3@192.168.1.10/townclerk"
    other_port = ServerAddress("db", 6543, "tc", "w")
    assert other_port.shown() == "w@db:6543/tc"


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        (("", 5432, "townclerk", "w"), "host", "请填写服务器地址"),
        (("db center", 5432, "townclerk", "w"), "host", "服务器地址“db center”无效"),
        (("u@db", 5432, "townclerk", "w"), "host", "无效"),
        (("db", 0, "townclerk", "w"), "port", "端口应在 1 到 65535 之间"),
        (("db", 70000, "townclerk", "w"), "port", "端口应在 1 到 65535 之间"),
        (("db", 5432, "  ", "w"), "database", "请填写数据库名"),
        (("db", 5432, "townclerk", ""), "user", "请填写数据库用户名"),
        (("db", 5432, "x" * 64, "w"), "database", "太长或含有不可见字符"),
        (("db", 5432, "townclerk", "w\x07"), "user", "太长或含有不可见字符"),
    ],
)
def test_a_bad_field_is_named(fields: tuple[str, int, str, str], field: str, message: str) -> None:
    with pytest.raises(FieldError) as refused:
        server_address(*fields)
    assert refused.value.field == field and message in str(refused.value)


def test_typed_fields_are_trimmed() -> None:
    assert server_address(" 192.168.1.10 ", 5432, " townclerk", "window3 ") == ADDRESS


# --- what the status bar says ----------------------------------------------------------------
def test_a_server_is_shown_as_user_at_host_and_database_never_with_its_password() -> None:
    label = describe_database(ADDRESS.url("PW-s3cret"))
    assert label.short == "服务器：window3@192.168.1.10/townclerk"
    assert label.full == "服务器：window3@192.168.1.10:5432/townclerk"
    socket = describe_database("postgresql+psycopg://townclerk:PW@/townclerk?host=/tmp/pg")
    assert socket.short == "服务器：townclerk@/tmp/pg/townclerk"
    assert "PW" not in socket.short + socket.full


def test_a_local_file_is_shown_shortened_and_whole_on_hover(tmp_path: Path) -> None:
    folder = tmp_path / "a rather long folder name" / "townclerk data"
    label = describe_database(sqlite_url(folder))
    assert label.short == "单机：…/townclerk data/townclerk.sqlite3"
    assert label.full == f"单机：{folder.as_posix()}/townclerk.sqlite3"


def test_the_home_folder_is_a_tilde() -> None:
    home = "/home/wang"
    assert shorten_path("/home/wang/.local/share/townclerk/x.db", home) == (
        "~/.local/share/townclerk/x.db"
    )
    assert shorten_path("/srv/t.db", home) == "/srv/t.db"
    assert shorten_path("/home/wangwei/t.db", home) == "/home/wangwei/t.db"


# --- which URL wins ----------------------------------------------------------------------------
def _args(db: str | None = None) -> argparse.Namespace:
    return argparse.Namespace(data_dir=None, db=db, lang="zh_CN", verbose=False)


def test_db_option_then_environment_then_the_pcs_choice_then_the_local_file(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    server = ConnectionChoice(server=ADDRESS)
    given = Launch.from_args(_args("sqlite:///given.db"))
    monkeypatch.setenv("TOWNCLERK_DATABASE_URL", "sqlite:///from-env.db")
    environment = Launch.from_args(_args())
    assert (given.url, given.origin) == ("sqlite:///given.db", UrlOrigin.GIVEN)
    assert Launch.from_args(_args("sqlite:///given.db")).url == "sqlite:///given.db"
    assert (environment.url, environment.origin) == ("sqlite:///from-env.db", UrlOrigin.ENVIRONMENT)
    for explicit in (given, environment):
        before = explicit.url
        explicit.use_choice(server, "pw")
        assert explicit.url == before and explicit.origin.explicit
    monkeypatch.delenv("TOWNCLERK_DATABASE_URL")
    default = Launch.from_args(_args())
    assert default.url == sqlite_url(default.data_dir) and default.origin is UrlOrigin.DEFAULT
    default.use_choice(server, "pw")
    assert default.url == ADDRESS.url("pw") and default.origin is UrlOrigin.PC_CHOICE
    default.use_choice(LOCAL, None)
    assert default.url == sqlite_url(default.data_dir)


def test_a_launch_built_with_a_url_keeps_it(tmp_path: Path) -> None:
    launch = Launch(data_dir=tmp_path, url="sqlite:///x.db")
    launch.use_choice(ConnectionChoice(server=ADDRESS), "pw")
    assert launch.url == "sqlite:///x.db"


# --- the password in the keyring --------------------------------------------------------------
def test_the_password_is_kept_under_townclerk_and_the_address(
    memory_keyring: MemoryKeyring,
) -> None:
    passwords = ServerPasswords()
    assert passwords.problem() is None
    assert passwords.get(ADDRESS) is None
    passwords.store(ADDRESS, "PW-s3cret")
    assert memory_keyring.passwords == {(KEYRING_SERVICE, ADDRESS.key): "PW-s3cret"}
    assert passwords.get(ADDRESS) == "PW-s3cret"
    passwords.forget(ADDRESS)
    passwords.forget(ADDRESS)  # nothing stored: nothing to do
    assert memory_keyring.passwords == {}


def test_without_a_keyring_the_password_is_to_be_typed_at_each_start() -> None:
    keyring.set_keyring(NoKeyring())
    passwords = ServerPasswords()
    problem = passwords.problem()
    assert problem is not None and "每次启动时请输入密码" in problem and "Secret Service" in problem
    for attempt in (
        lambda: passwords.get(ADDRESS),
        lambda: passwords.store(ADDRESS, "pw"),
        lambda: passwords.forget(ADDRESS),
    ):
        with pytest.raises(KeyringUnavailable) as refused:
            attempt()
        assert "不会以明文保存" in str(refused.value)


# --- no password in a log ----------------------------------------------------------------------
def test_passwords_are_redacted_in_urls_and_in_libpq_settings() -> None:
    assert redact_passwords(f"opening {ADDRESS.url('PW-1')}") == (
        "opening postgresql+psycopg://window3:***@192.168.1.10:5432/townclerk"
    )
    assert redact_passwords("host=db password='a b' user=w") == "host=db password=*** user=w"
    assert redact_passwords("hide_password=True") == "hide_password=True"


def test_the_log_file_never_holds_a_password(tmp_path: Path) -> None:
    path = configure_logging(tmp_path)
    assert path is not None
    try:
        logging.getLogger("townclerk.test").error("could not open %s", ADDRESS.url("PW-s3cret"))
    finally:
        configure_logging(tmp_path, to_file=False)
    written = path.read_text(encoding="utf-8")
    assert "window3:***@192.168.1.10" in written and "PW-s3cret" not in written


# --- the server's reasons, in either of its languages ----------------------------------------
ON_LAN = ServerAddress("db.lan", 5432, "townclerk", "w")


@pytest.mark.parametrize(
    ("server_says", "expected"),
    [
        ('致命错误:  用户 "w" Password 认证失败', "用户名或密码错误"),
        ('致命错误:  数据库 "townclerk" 不存在', "服务器上没有数据库 townclerk"),
        ('FATAL:  no pg_hba.conf entry for host "10.0.0.7", user "w"', "pg_hba.conf"),
        ("connection timeout expired", "无法连接服务器 db.lan"),
        ("permission denied for table alembic_version", "没有使用数据库 townclerk 的权限"),
    ],
)
def test_the_servers_words_in_either_language(server_says: str, expected: str) -> None:
    assert expected in connection_failure(Exception(server_says), ON_LAN)


def test_anything_else_is_shown_without_a_password() -> None:
    message = connection_failure(
        Exception("SSL error at postgresql://w:PW-s3cret@db.lan/townclerk\nmore"), ON_LAN
    )
    assert message == "连接失败：SSL error at postgresql://w:***@db.lan/townclerk"
