"""The command line: exit codes, one-line messages, never a traceback for a user error."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text, update

from tests.cli_runner import ADMIN_PASSWORD, database_url, run_cli
from tests.factories import intake_for, make_item
from townclerk.cli import main
from townclerk.db.database import open_database
from townclerk.db.models import LoginThrottle
from townclerk.enums import Role
from townclerk.services.access import Actor
from townclerk.services.cases import CaseService
from townclerk.services.demo import DEMO_PASSWORD
from townclerk.services.users import UserService


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out.startswith("townclerk ")


def test_usage_error_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["user", "add"])
    assert exit_info.value.code == 2


def test_init_again_only_upgrades(initialised: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, "--data-dir", str(initialised), "init")
    assert code == 0 and "已存在" in out
    code, _, err = run_cli(capsys, "--data-dir", str(initialised), "init", "--demo")
    assert code == 1
    assert err.count("\n") == 1 and "已有用户" in err
    code, out, _ = run_cli(capsys, "--data-dir", str(initialised), "init", "--demo", "--if-new")
    assert code == 0 and "已存在" in out


def test_output_into_a_closed_pipe_is_not_an_error(
    initialised: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from townclerk.cli import users as users_cli

    def reader_went_away(*_args: object) -> int:
        raise BrokenPipeError(32, "Broken pipe")

    monkeypatch.setattr(users_cli, "run_list", reader_went_away)
    code, _, err = run_cli(capsys, "--data-dir", str(initialised), "user", "list", "--user", "boss")
    assert code == 0 and err == ""


def test_user_commands(
    initialised: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    base = ["--data-dir", str(initialised)]
    monkeypatch.setenv("TOWNCLERK_NEW_PASSWORD", "Clerk2026x")
    code, out, err = run_cli(
        capsys,
        *base,
        "user",
        "add",
        "clerk9",
        "--role",
        "clerk",
        "--display-name",
        "赵敏",
        "--user",
        "boss",
    )
    assert code == 0, err
    code, out, _ = run_cli(capsys, *base, "user", "list", "--user", "boss")
    assert "clerk9\tclerk\t启用\t赵敏" in out.splitlines()
    monkeypatch.setenv("TOWNCLERK_NEW_PASSWORD", "short")
    code, _, err = run_cli(capsys, *base, "user", "passwd", "clerk9", "--user", "boss")
    assert code == 1 and "至少" in err
    code, _, err = run_cli(capsys, *base, "user", "disable", "clerk9", "--user", "boss")
    assert code == 0
    monkeypatch.setenv("TOWNCLERK_PASSWORD", "Clerk2026x")
    code, _, err = run_cli(capsys, *base, "case", "list", "--user", "clerk9")
    assert code == 1 and "停用" in err


def test_wrong_password_and_wrong_role(
    initialised: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    base = ["--data-dir", str(initialised)]
    monkeypatch.setenv("TOWNCLERK_PASSWORD", "wrong-password1")
    code, _, err = run_cli(capsys, *base, "user", "list", "--user", "boss")
    assert code == 1 and "密码错误" in err and "Traceback" not in err
    code, _, err = run_cli(capsys, *base, "user", "list")
    assert code == 1 and "--user" in err


def test_case_list_and_show(
    initialised: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    db = open_database(database_url(initialised), initialised)
    users = UserService(db)
    admin = users.authenticate("boss", ADMIN_PASSWORD)
    users.create_user(admin, "clerk1", "Clerk2026x", Role.CLERK, "王晓燕")
    clerk = users.authenticate("clerk1", "Clerk2026x")
    item = make_item(db)
    case = CaseService(db).accept(clerk, intake_for(item))
    db.dispose()
    base = ["--data-dir", str(initialised)]
    monkeypatch.setenv("TOWNCLERK_PASSWORD", "Clerk2026x")
    code, out, _ = run_cli(capsys, *base, "case", "list", "--user", "clerk1")
    assert code == 0
    assert out.splitlines() == [f"{case.number}\taccepted\t个体工商户设立登记"]
    code, out, _ = run_cli(
        capsys,
        *base,
        "case",
        "list",
        "--status",
        "在办",
        "--date",
        case.received_at.date().isoformat(),
        "--user",
        "clerk1",
    )
    assert out.splitlines() == [f"{case.number}\taccepted\t个体工商户设立登记"]
    code, out, _ = run_cli(capsys, *base, "case", "show", case.number, "--user", "clerk1")
    assert code == 0 and case.number in out and "受理" in out and "居民身份证" in out
    code, _, err = run_cli(capsys, *base, "case", "show", "nope", "--user", "clerk1")
    assert code == 1 and "不存在" in err
    with pytest.raises(SystemExit) as exit_info:
        main([*base, "case", "list", "--status", "bogus", "--user", "clerk1"])
    assert exit_info.value.code == 2


def test_db_status_and_upgrade(initialised: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, "--data-dir", str(initialised), "db", "status")
    assert code == 0 and "最新" in out
    code, out, _ = run_cli(capsys, "--data-dir", str(initialised), "db", "upgrade")
    assert code == 0 and "结构版本" in out


def test_demo_data_refuses_a_real_database(
    initialised: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    base = ["--data-dir", str(initialised)]
    engine = create_engine(database_url(initialised))

    def counts() -> tuple[int | None, int | None]:
        with engine.connect() as connection:
            return (
                connection.scalar(text("SELECT count(*) FROM cases")),
                connection.scalar(text("SELECT count(*) FROM audit_log")),
            )

    before = counts()
    code, out, err = run_cli(capsys, *base, "demo-data", "--cases", "50", "--user", "boss")
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and "只能用于以 townclerk init --demo 创建的演示数据库" in err
    assert counts() == before and before[0] == 0
    engine.dispose()


def test_demo_data_needs_the_admin_of_a_demo_database(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    base = ["--data-dir", str(tmp_path / "demo")]
    assert run_cli(capsys, *base, "init", "--demo")[0] == 0
    monkeypatch.setenv("TOWNCLERK_PASSWORD", DEMO_PASSWORD)
    code, _, err = run_cli(capsys, *base, "demo-data", "--cases", "50", "--days", "10")
    assert code == 1 and "--user" in err
    code, _, err = run_cli(capsys, *base, "demo-data", "--cases", "50", "--user", "clerk1")
    assert code == 1 and "无权" in err
    code, out, err = run_cli(
        capsys,
        *base,
        "demo-data",
        "--cases",
        "300",
        "--days",
        "30",
        "--seed",
        "7",
        "--user",
        "admin",
    )
    assert code == 0, err
    assert out.startswith("cases=300 ") and " examples=5 " in out
    code, out, _ = run_cli(capsys, *base, "case", "list", "--user", "clerk1")
    # and demo-data's worked examples (a denial, a refusal, a 补正, a 公示, one served by post)
    # besides init --demo's journey (six 初审转报 cases, three at or from the back-office desk,
    # the two cases of the village trips' returned pre-registrations)
    assert len(out.splitlines()) == 316
    with sqlite3.connect(tmp_path / "demo" / "townclerk.sqlite3") as connection:
        audited = connection.execute(
            "SELECT username, detail FROM audit_log WHERE action = 'demo.generate'"
        ).fetchall()
    assert audited == [("admin", '{"cases": 300, "days": 30, "seed": 7}')]


def test_no_traceback_from_a_real_process(tmp_path: Path) -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "townclerk",
            "--data-dir",
            str(tmp_path / "typo"),
            "case",
            "show",
            "X",
            "--user",
            "ghost",
        ],
        capture_output=True,
        text=True,
        env={"TOWNCLERK_PASSWORD": "whatever1", "PATH": "/usr/bin:/bin"},
        timeout=120,
    )
    assert result.returncode == 1
    assert result.stderr.strip().count("\n") == 0
    # a data folder with no database is refused, not filled with an empty one
    assert "中没有数据库" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "typo").exists()


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        (("--data-dir", "{file}"), "不是文件夹，请检查 --data-dir"),
        (("--db", "notaurl"), "数据库地址无效，请检查 --db"),
        (("--db", "postgresql+psycopg://u:p@127.0.0.1:1/x"), "无法连接数据库服务器"),
    ],
)
def test_a_database_the_user_can_fix_is_one_line_not_a_traceback(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    options: tuple[str, str],
    expected: str,
) -> None:
    if "postgresql" in options[1]:
        pytest.importorskip("psycopg")
    a_file = tmp_path / "not-a-folder"
    a_file.write_text("")
    monkeypatch.setenv("TOWNCLERK_PASSWORD", "whatever1")
    option, value = options
    code, out, err = run_cli(
        capsys, option, value.format(file=a_file), "case", "list", "--user", "a"
    )
    assert code == 1
    assert out == ""
    assert len(err.strip().splitlines()) == 1
    assert expected in err
    assert "Traceback" not in err


def test_a_locked_database_is_one_line() -> None:
    from sqlalchemy.exc import OperationalError

    from townclerk.db.database import user_error_behind

    locked = OperationalError("BEGIN IMMEDIATE", {}, sqlite3.OperationalError("database is locked"))
    problem = user_error_behind(RuntimeError("while saving"))
    assert problem is None
    try:
        try:
            raise locked
        except OperationalError as error:
            raise RuntimeError("while saving") from error
    except RuntimeError as wrapped:
        problem = user_error_behind(wrapped)
    assert problem is not None
    assert "数据库正被其他程序占用" in str(problem)


def test_user_unlock_lifts_a_login_delay_shared_by_every_process(
    initialised: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    base = ["--data-dir", str(initialised)]
    monkeypatch.setenv("TOWNCLERK_PASSWORD", "wrong-pass1")
    for _ in range(2):
        run_cli(capsys, *base, "user", "list", "--user", "boss")
    code, _, err = run_cli(capsys, *base, "user", "list", "--user", "boss")
    assert code == 1 and "登录失败次数过多，请1秒后再试" in err
    # The delay is in the database: another process sees it too (as after 8 failures: 60 s).
    db = open_database(database_url(initialised), initialised)
    with db.sessions.begin() as session:
        session.execute(
            update(LoginThrottle).values(
                failures=8, next_attempt_at=db.now() + dt.timedelta(seconds=60)
            )
        )
    db.dispose()
    result = subprocess.run(
        [sys.executable, "-m", "townclerk", *base, "user", "list", "--user", "boss"],
        capture_output=True,
        text=True,
        env={**os.environ, "TOWNCLERK_PASSWORD": ADMIN_PASSWORD},
        timeout=120,
    )
    assert result.returncode == 1 and "秒后再试" in result.stderr
    db = open_database(database_url(initialised), initialised)
    boss = Actor(id=1, username="boss", display_name="系统管理员", role=Role.ADMIN)
    UserService(db).create_user(boss, "second", "Admin2026y", Role.ADMIN)
    db.dispose()
    monkeypatch.setenv("TOWNCLERK_PASSWORD", "Admin2026y")
    code, out, err = run_cli(capsys, *base, "user", "unlock", "boss", "--user", "second")
    assert (code, out.strip()) == (0, "boss 可以立即登录"), err
    monkeypatch.setenv("TOWNCLERK_PASSWORD", ADMIN_PASSWORD)
    assert run_cli(capsys, *base, "user", "list", "--user", "boss")[0] == 0
    code, _, err = run_cli(capsys, *base, "user", "unlock", "ghost", "--user", "boss")
    assert code == 1 and err.count("\n") == 1 and "用户 ghost 不存在" in err
