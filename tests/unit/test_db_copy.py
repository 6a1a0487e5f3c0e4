"""``townclerk db copy``: the demo center moved to PostgreSQL and back agrees with itself on the
case list, the daily report and ``audit verify``; every refusal changes nothing; a copy killed
half-way leaves the server's database empty."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from openpyxl import load_workbook
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from tests.cli_runner import run_cli
from tests.migration_data import downgrade
from townclerk.db import snapshot
from townclerk.db.database import open_database
from townclerk.db.engine import create_db_engine
from townclerk.db.schema_version import HEAD
from townclerk.enums import Role
from townclerk.errors import UserError
from townclerk.paths import DATABASE_FILE, sqlite_url
from townclerk.private_files import secure_data_folder
from townclerk.services import users as users_module
from townclerk.services.demo import DEMO_PASSWORD, generate_cases, install_demo
from townclerk.services.users import UserService

pytestmark = [pytest.mark.postgres, pytest.mark.xdist_group("postgres")]

DEMO_CASES = 3_000  # enough rows that a copy is still running when the kill test stops it


@pytest.fixture(scope="module")
def demo_center(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A demo database (users, catalog, cases over two months), made once for the module."""
    folder = tmp_path_factory.mktemp("demo-source")
    db = open_database(sqlite_url(folder), folder)
    # The tests' cheap hashing (conftest), so that logging in later rehashes no password.
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(users_module, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024))
        try:
            install_demo(db)
            admin = UserService(db).authenticate("admin", DEMO_PASSWORD)
            generate_cases(db, admin, cases=DEMO_CASES, days=60, seed=7)
        finally:
            db.dispose()
    return folder / DATABASE_FILE


@pytest.fixture
def source(demo_center: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The test's own copy of the demo center's data folder; the admin's password is set."""
    folder = tmp_path / "center"
    folder.mkdir()
    snapshot.sqlite_copy(demo_center, folder / DATABASE_FILE)
    monkeypatch.setenv("TOWNCLERK_PASSWORD", DEMO_PASSWORD)
    return folder


@pytest.fixture(scope="module")
def new_database(server_url: str) -> Iterator[Callable[[], str]]:
    """A factory of new, empty databases on the module's server: their URLs."""
    admin = create_engine(server_url, isolation_level="AUTOCOMMIT")
    made = iter(range(1, 1000))

    def make() -> str:
        name = f"copy_{next(made)}"
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        return make_url(server_url).set(database=name).render_as_string(hide_password=False)

    yield make
    admin.dispose()


def cases_line(folder: Path) -> str:
    """The line ``db copy`` prints for the cases table of the center in ``folder``."""
    with snapshot.read_only(folder / DATABASE_FILE) as connection:
        return f"cases\t{connection.execute('SELECT count(*) FROM cases').fetchone()[0]}"


def content(db_file: Path) -> list[str]:
    """Everything a SQLite file holds, as SQL text (read-only: looking changes nothing)."""
    with snapshot.read_only(db_file) as connection:
        return list(connection.iterdump())


def pg_content(url: str) -> dict[str, list[tuple[object, ...]]]:
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            names = connection.scalars(
                text("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
            ).all()
            return {
                name: sorted(
                    map(tuple, connection.execute(text(f'SELECT * FROM "{name}"'))), key=repr
                )
                for name in names
            }
    finally:
        engine.dispose()


def copy(capsys: pytest.CaptureFixture[str], source: Path, *target: str) -> tuple[int, str, str]:
    return run_cli(capsys, "--data-dir", str(source), "db", "copy", *target, "--user", "admin")


NOW = re.compile(r"\d{2}:\d{2}(:\d{2})?")


def views(capsys: pytest.CaptureFixture[str], location: list[str], out: Path) -> tuple[str, ...]:
    """What an admin sees of a center: ``audit verify``, ``case list`` and the daily report's
    every cell."""
    seen = []
    for command in (["audit", "verify"], ["case", "list"]):
        code, printed, err = run_cli(capsys, *location, *command, "--user", "admin")
        assert code == 0, err
        seen.append(printed)
    code, _, err = run_cli(capsys, *location, "report", "daily", "-o", str(out), "--user", "admin")
    assert code == 0, err
    book = load_workbook(out)
    cells = [
        # The time of the export differs from one export to the next; the figures must not.
        NOW.sub("hh:mm", f"{sheet.title}!{cell.coordinate}={cell.value}")
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if cell.value is not None
    ]
    seen.append("\n".join(cells))
    return tuple(seen)


def test_demo_center_to_postgres_and_back_agrees_on_all_three(
    source: Path,
    new_database: Callable[[], str],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    server = new_database()
    code, out, err = copy(capsys, source, "--to", server)
    assert code == 0, err
    assert cases_line(source) in out.splitlines()
    assert "核对通过：" in out and "已复制到 postgresql+psycopg://" in out

    laptop = tmp_path / "laptop.sqlite3"
    code, out, err = run_cli(
        capsys, "--db", server, "db", "copy", "--to-file", str(laptop), "--user", "admin"
    )
    assert code == 0, err
    assert cases_line(source) in out.splitlines()
    assert oct(laptop.stat().st_mode & 0o777) == "0o600"

    original = views(capsys, ["--data-dir", str(source)], tmp_path / "a.xlsx")
    (tmp_path / "server-pc").mkdir()
    on_server = views(
        capsys, ["--data-dir", str(tmp_path / "server-pc"), "--db", server], tmp_path / "b.xlsx"
    )
    back = views(
        capsys, ["--data-dir", str(tmp_path), "--db", sqlite_url_of(laptop)], tmp_path / "c.xlsx"
    )
    assert "case_events：" in original[0] and "历史记录完整" in original[0]
    assert len(original[1].splitlines()) == int(cases_line(source).split()[1])
    assert on_server == original
    assert back == original


def sqlite_url_of(path: Path) -> str:
    return f"sqlite:///{path}"


def test_the_copy_continues_numbering_and_ids_on_the_server(
    source: Path,
    new_database: Callable[[], str],
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    """Sequences are set past the copied ids: the server registers new rows at once."""
    server = new_database()
    assert copy(capsys, source, "--to", server)[0] == 0
    db = open_database(server, tmp_path)
    try:
        admin = UserService(db).authenticate("admin", DEMO_PASSWORD)
        made = UserService(db).create_user(admin, "newclerk", "Clerk2026x", Role.CLERK, "新人")
        with db.reads() as session:
            largest = session.scalar(text("SELECT max(id) FROM users WHERE username <> 'newclerk'"))
        assert made.id == largest + 1
    finally:
        db.dispose()


# --- refusals: one line, exit 1, nothing changed ----------------------------------------------
def refused(result: tuple[int, str, str]) -> str:
    code, out, err = result
    assert code == 1 and out == ""
    assert len(err.strip().splitlines()) == 1, err
    return err


def test_a_target_holding_a_center_is_refused(
    source: Path, new_database: Callable[[], str], capsys: pytest.CaptureFixture[str]
) -> None:
    server = new_database()
    assert copy(capsys, source, "--to", server)[0] == 0
    before, source_before = pg_content(server), content(source / DATABASE_FILE)
    err = refused(copy(capsys, source, "--to", server))
    assert f"目标数据库已有 townclerk 数据（结构版本 {HEAD}）" in err
    assert pg_content(server) == before
    assert content(source / DATABASE_FILE) == source_before


def test_a_target_at_another_schema_is_refused(
    source: Path, new_database: Callable[[], str], capsys: pytest.CaptureFixture[str]
) -> None:
    server = new_database()
    engine = create_db_engine(server)
    open_database(server, source).dispose()
    downgrade(engine, "0006")
    engine.dispose()
    before = pg_content(server)
    err = refused(copy(capsys, source, "--to", server))
    assert f"目标数据库的结构版本为 0006，与本版本（{HEAD}）不同" in err
    assert pg_content(server) == before


def test_a_target_with_other_tables_is_refused(
    source: Path, new_database: Callable[[], str], capsys: pytest.CaptureFixture[str]
) -> None:
    server = new_database()
    engine = create_engine(server)
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE notes (line text)"))
        connection.execute(text("INSERT INTO notes VALUES ('keep me')"))
    engine.dispose()
    err = refused(copy(capsys, source, "--to", server))
    assert "目标数据库不是空的（已有数据表：notes）" in err
    assert pg_content(server) == {"notes": [("keep me",)]}


def test_an_unreachable_server_is_named_without_its_password(
    source: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    before = content(source / DATABASE_FILE)
    target = f"postgresql+psycopg://clerk:Secret2026@/townclerk?host={tmp_path}"
    err = refused(copy(capsys, source, "--to", target))
    assert "无法连接目标数据库 postgresql+psycopg://clerk:***@/townclerk" in err
    assert "Secret2026" not in err
    assert content(source / DATABASE_FILE) == before


@pytest.mark.parametrize(
    ("target", "message"),
    [
        (["--to", "mysql://u@host/db"], "目标数据库只能是 PostgreSQL"),
        (["--to", "postgresql+psycopg://u@host:port/db"], "目标数据库地址无效"),
        (["--to-file", "{tmp}/missing/copy.sqlite3"], "目标文件夹"),
        (["--to-file", "{tmp}"], "是文件夹"),
        (["--to-file", "{tmp}/center/" + DATABASE_FILE], "目标文件就是当前数据库"),
    ],
)
def test_bad_targets_are_refused(
    source: Path,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    target: list[str],
    message: str,
) -> None:
    before = content(source / DATABASE_FILE)
    err = refused(copy(capsys, source, *(part.format(tmp=tmp_path) for part in target)))
    assert message in err
    assert content(source / DATABASE_FILE) == before


def test_an_existing_file_is_never_overwritten(
    source: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("不是数据库", encoding="utf-8")
    assert "已存在且不是数据库" in refused(copy(capsys, source, "--to-file", str(notes)))
    assert notes.read_text(encoding="utf-8") == "不是数据库"
    other = tmp_path / "other.sqlite3"
    snapshot.sqlite_copy(source / DATABASE_FILE, other)
    before = content(other)
    assert "目标数据库已有 townclerk 数据" in refused(copy(capsys, source, "--to-file", str(other)))
    assert content(other) == before


def test_a_source_at_an_older_schema_is_refused_untouched(
    source: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    old = tmp_path / "old"
    old.mkdir()
    engine = create_db_engine(sqlite_url(old))
    open_database(sqlite_url(old), old).dispose()
    downgrade(engine, "0006")
    engine.dispose()
    raw = (old / DATABASE_FILE).read_bytes()
    err = refused(copy(capsys, old, "--to-file", str(tmp_path / "copy.sqlite3")))
    assert f"源数据库的结构版本为 0006，复制需要最新版本 {HEAD}" in err
    assert (old / DATABASE_FILE).read_bytes() == raw
    assert not (tmp_path / "copy.sqlite3").exists()


def test_only_an_admin_copies(
    source: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    before = content(source / DATABASE_FILE)
    code, _, err = run_cli(
        capsys,
        "--data-dir",
        str(source),
        "db",
        "copy",
        "--to-file",
        str(tmp_path / "copy.sqlite3"),
        "--user",
        "clerk1",
    )
    assert code == 1 and "无权" in err
    assert content(source / DATABASE_FILE) == before
    assert not (tmp_path / "copy.sqlite3").exists()


HOLD_OPEN = """
import sys
from pathlib import Path
from townclerk.db.database import open_database
from townclerk.paths import sqlite_url
db = open_database(sqlite_url(Path(sys.argv[1])), Path(sys.argv[1]))
with db.reads() as session:
    session.execute(__import__("sqlalchemy").text("SELECT count(*) FROM cases")).scalar()
print("open", flush=True)
sys.stdin.read()
"""


def test_a_source_another_townclerk_has_open_is_refused(
    source: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """An idle window elsewhere keeps the file open (its pooled connection): the copy refuses
    rather than copy a database someone may write to."""
    window = subprocess.Popen(
        [sys.executable, "-c", HOLD_OPEN, str(source)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(Path.cwd())},
    )
    try:
        assert window.stdout is not None and window.stdout.readline() == "open\n"
        before = content(source / DATABASE_FILE)
        err = refused(copy(capsys, source, "--to-file", str(tmp_path / "copy.sqlite3")))
        assert "源数据库正被其他程序使用" in err
        assert content(source / DATABASE_FILE) == before
        assert not (tmp_path / "copy.sqlite3").exists()
    finally:
        window.communicate(timeout=30)
    assert copy(capsys, source, "--to-file", str(tmp_path / "copy.sqlite3"))[0] == 0


def test_a_server_source_with_other_clients_is_refused(
    source: Path,
    new_database: Callable[[], str],
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    server = new_database()
    assert copy(capsys, source, "--to", server)[0] == 0
    window = create_engine(server)
    try:
        with window.connect():
            err = refused(
                run_cli(
                    capsys,
                    "--db",
                    server,
                    "db",
                    "copy",
                    "--to-file",
                    str(tmp_path / "laptop.sqlite3"),
                    "--user",
                    "admin",
                )
            )
        assert "源数据库正被其他 1 个连接使用" in err
        assert not (tmp_path / "laptop.sqlite3").exists()
    finally:
        window.dispose()


# --- a copy killed half-way ------------------------------------------------------------------
def kill_after_the_first_table(*arguments: str) -> None:
    """Run ``townclerk ARGUMENTS`` (a copy) and SIGKILL it once its first table is in."""
    process = subprocess.Popen(
        [sys.executable, "-m", "townclerk", *arguments, "--user", "admin"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(Path.cwd())},
    )
    try:
        assert process.stdout is not None
        first = process.stdout.readline()  # the first table is in: the rest are under way
        assert first.startswith("audit_log\t"), process.stderr.read() if process.stderr else ""
        assert process.poll() is None, "the copy finished before it could be killed"
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()


def test_a_copy_killed_half_way_leaves_the_server_empty_and_can_start_again(
    source: Path, new_database: Callable[[], str], capsys: pytest.CaptureFixture[str]
) -> None:
    server = new_database()
    kill_after_the_first_table("--data-dir", str(source), "db", "copy", "--to", server)
    deadline = time.monotonic() + 30
    while pg_content(server):  # the server rolls the dead connection's transaction back
        assert time.monotonic() < deadline, "the killed copy's tables are still there"
        time.sleep(0.1)
    code, out, err = copy(capsys, source, "--to", server)
    assert code == 0, err
    assert cases_line(source) in out.splitlines()


def test_a_copy_to_a_file_killed_half_way_leaves_only_a_temporary_file(
    source: Path,
    new_database: Callable[[], str],
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    """The file appears under its name only when complete; the killed copy's temporary file
    (named with its process id) is what the next start of townclerk sweeps from a data folder."""
    server = new_database()
    assert copy(capsys, source, "--to", server)[0] == 0
    laptop = tmp_path / "laptop"
    laptop.mkdir()
    target = laptop / DATABASE_FILE
    kill_after_the_first_table("--db", server, "db", "copy", "--to-file", str(target))
    assert not target.exists()
    assert [path.suffix for path in laptop.iterdir()] == [".part"]
    secure_data_folder(laptop)
    assert list(laptop.iterdir()) == []
    code, out, err = run_cli(
        capsys, "--db", server, "db", "copy", "--to-file", str(target), "--user", "admin"
    )
    assert code == 0, err
    assert cases_line(source) in out.splitlines()


def test_a_copy_to_a_file_that_fails_its_check_leaves_nothing_behind(
    source: Path,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from townclerk.services import database_copy

    def failing_check(*_args: object) -> int:
        raise UserError("复制核对失败")

    monkeypatch.setattr(database_copy, "_check_copy", failing_check)
    target = tmp_path / "copy.sqlite3"
    code, _, err = copy(capsys, source, "--to-file", str(target))
    assert code == 1 and err == "townclerk: 复制核对失败\n"
    assert not [path for path in tmp_path.iterdir() if "copy.sqlite3" in path.name]
