"""Files private by default (POSIX): the data folder 0700, the database, its -wal and -shm, logs,
archived documents and exports saved there 0600 whatever the umask; leftover temporary files of
a killed export or print removed at start; a killed full ledger leaves no personal data behind."""

from __future__ import annotations

import datetime as dt
import logging
import os
import signal
import stat
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from tests.factories import intake_for, make_item
from tests.people import PASSWORD
from townclerk.cli import main
from townclerk.db.database import open_database
from townclerk.db.models import AuditEntry
from townclerk.enums import Role
from townclerk.launch import Launch
from townclerk.logs import configure_logging
from townclerk.paths import sqlite_url
from townclerk.private_files import private_temporary, secure_data_folder
from townclerk.services.cases import CaseService
from townclerk.services.demo import DEMO_PASSWORD, generate_cases
from townclerk.services.printable import default_kind
from townclerk.services.printing import PrintService
from townclerk.services.report_listings import FULL_EXPORT_ACTION
from townclerk.services.users import UserService

pytestmark = pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
ROOT = Path(__file__).resolve().parents[2]


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def open_umask() -> Iterator[None]:
    """The most permissive umask a user may have: everything townclerk makes must still be
    private."""
    previous = os.umask(0)
    yield
    os.umask(previous)


def test_a_new_data_folder_is_private_whatever_the_umask(
    tmp_path: Path,
    open_umask: None,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    folder = tmp_path / "data"
    monkeypatch.setenv("TOWNCLERK_PASSWORD", PASSWORD)
    assert main(["--data-dir", str(folder), "init", "--admin", "boss"]) == 0
    capsys.readouterr()
    assert mode(folder) == 0o700
    assert mode(folder / "logs") == 0o700
    database = folder / "townclerk.sqlite3"
    assert mode(database) == 0o600
    assert mode(folder / "logs" / "townclerk.log") == 0o600
    db = open_database(sqlite_url(folder), folder)
    try:
        admin = UserService(db).authenticate("boss", PASSWORD)
        for name in ("townclerk.sqlite3-wal", "townclerk.sqlite3-shm"):
            assert mode(folder / name) == 0o600, name
        item = make_item(db)
        UserService(db).create_user(admin, "c1", PASSWORD, Role.CLERK)
        actor = UserService(db).authenticate("c1", PASSWORD)
        case = CaseService(db).accept(actor, intake_for(item))
        pdf = PrintService(db).render(actor, case.number, default_kind(case.status)).path
        assert mode(pdf) == 0o600
        assert mode(pdf.parent) == 0o700
    finally:
        db.dispose()


def test_existing_files_are_tightened_and_leftovers_removed_at_start(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "data"
    monkeypatch.setenv("TOWNCLERK_PASSWORD", PASSWORD)
    assert main(["--data-dir", str(folder), "init", "--admin", "boss"]) == 0
    documents = folder / "documents" / f"{dt.date.today():%Y}" / f"{dt.date.today():%m}"
    documents.mkdir(parents=True)
    os.chmod(folder, 0o755)
    os.chmod(folder / "townclerk.sqlite3", 0o644)
    archived = documents / "320324101-20260929-0001-受理通知书.pdf"
    archived.write_bytes(b"%PDF")
    os.chmod(archived, 0o644)
    # What a killed print (an old name, without a process id) and a killed export left, and a
    # temporary file of a process still running (this one), which must be left alone.
    gone = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()  # a process id no process has now
    killed_export = folder / f".townclerk-台账.{gone}-0123456789ab.tmp"
    killed_export.write_bytes(b"320324199003151238")
    old_print = documents / ".320324101-20260929-0001-x8k2.part"
    old_print.write_bytes(b"%PDF half")
    handle, running = private_temporary(folder, "townclerk-running")
    os.close(handle)

    assert main(["--data-dir", str(folder), "case", "list", "--user", "boss"]) == 0
    capsys.readouterr()
    assert mode(folder) == 0o700
    assert mode(folder / "townclerk.sqlite3") == 0o600
    # the archive's folders, not each of its (many) files: a 0700 folder keeps them private
    assert [mode(path) for path in (documents, documents.parent, documents.parent.parent)] == [
        0o700
    ] * 3
    assert not killed_export.exists() and not old_print.exists()
    assert running.exists()
    secure_data_folder(folder)
    assert running.exists()


def test_the_start_reads_only_the_newest_two_months_of_the_archive(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The archive grows a folder a month: the start looks into this month and the last (a
    year's turn included), never the older ones; the rest of the data folder as before."""
    folder = tmp_path / "data"
    documents = folder / "documents"
    months = ["2025/11", "2026/09", "2026/12", "2027/01"]
    for month in months:
        (documents / month).mkdir(parents=True)
        (documents / month / ".killed.part").write_bytes(b"%PDF half")
        os.chmod(documents / month, 0o755)
    (folder / "backups" / ".townclerk-scratch-x").mkdir(parents=True)
    (folder / "backups" / ".townclerk-scratch-x" / "plain").write_bytes(b"x")
    os.chmod(folder / "backups" / ".townclerk-scratch-x" / "plain", 0o644)
    read: list[Path] = []
    scandir = os.scandir

    def spy(path: Path) -> object:
        read.append(Path(path))
        return scandir(path)

    monkeypatch.setattr(os, "scandir", spy)
    removed = secure_data_folder(folder, dt.date(2027, 1, 15))
    scratch = folder / "backups" / ".townclerk-scratch-x"
    recent = [documents / "2026/12", documents / "2027/01"]
    assert sorted(read) == sorted([folder, folder / "backups", scratch, *recent])
    assert sorted(removed) == [
        documents / "2026/12/.killed.part",
        documents / "2027/01/.killed.part",
    ]
    assert [mode(documents / month) for month in months] == [0o755, 0o755, 0o700, 0o700]
    assert mode(folder / "backups" / ".townclerk-scratch-x" / "plain") == 0o600


def test_a_rotated_log_stays_private(tmp_path: Path, open_umask: None) -> None:
    path = configure_logging(tmp_path, verbose=True)
    assert path is not None
    handler = next(h for h in logging.getLogger("townclerk").handlers if hasattr(h, "doRollover"))
    logging.getLogger("townclerk.test").info("before the rollover")
    handler.doRollover()  # type: ignore[attr-defined]
    logging.getLogger("townclerk.test").info("after the rollover")
    assert mode(path) == 0o600
    assert mode(path.with_name(path.name + ".1")) == 0o600
    configure_logging(tmp_path / "elsewhere", to_file=False)
    assert not (tmp_path / "elsewhere").exists()


def test_exports_keep_the_users_umask_outside_the_data_folder_private_inside(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "data"
    shared = tmp_path / "shared"
    shared.mkdir()
    monkeypatch.setenv("TOWNCLERK_PASSWORD", PASSWORD)
    assert main(["--data-dir", str(folder), "init", "--demo"]) == 0
    monkeypatch.setenv("TOWNCLERK_PASSWORD", DEMO_PASSWORD)
    previous = os.umask(0o022)
    try:
        for target in (shared / "日报.xlsx", folder / "日报.xlsx"):
            code = main(
                ["--data-dir", str(folder), "report", "daily", "-o", str(target), "--user", "chief"]
            )
            assert code == 0
    finally:
        os.umask(previous)
    capsys.readouterr()
    assert mode(shared / "日报.xlsx") == 0o644  # handed on to colleagues
    assert mode(folder / "日报.xlsx") == 0o600
    assert [path.name for path in shared.iterdir()] == ["日报.xlsx"]


def demo_center(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A demo center with 3,000 cases: a full ledger of them takes about a second to write."""
    monkeypatch.setenv("TOWNCLERK_PASSWORD", PASSWORD)
    assert main(["--data-dir", str(folder), "init", "--demo"]) == 0
    db = open_database(sqlite_url(folder), folder)
    try:
        admin = UserService(db).authenticate("admin", DEMO_PASSWORD)
        generate_cases(db, admin, cases=3000, days=30)
    finally:
        db.dispose()
    monkeypatch.setenv("TOWNCLERK_PASSWORD", DEMO_PASSWORD)


def start_full_ledger(folder: Path, target: Path) -> subprocess.Popen[bytes]:
    """``report ledger --full`` in its own process, returned once it is writing rows."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "TOWNCLERK_PASSWORD": DEMO_PASSWORD}
    command = [
        *(sys.executable, "-m", "townclerk", "--data-dir", str(folder), "report", "ledger"),
        *("--from", "2000-01-01", "--to", "2100-01-01", "--full", "-o", str(target)),
        *("--user", "chief"),
    ]
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None:
        if any(path.suffix == ".tmp" and path.stat().st_size > 0 for path in folder.iterdir()):
            break
        time.sleep(0.005)
    assert process.poll() is None, process.communicate()
    return process


def test_a_killed_full_ledger_leaves_no_personal_data_and_its_audit_entry(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """kill -9 of ``report ledger --full`` while it writes: nothing in the target folder; the
    temporary file in the data folder is removed by the next start; the audit entry, written
    before the first row was read, is there."""
    folder = tmp_path / "data"
    out = tmp_path / "out"
    out.mkdir()
    demo_center(folder, monkeypatch)
    capsys.readouterr()
    process = start_full_ledger(folder, out / "台账.xlsx")
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    assert list(out.iterdir()) == []  # nothing, hidden or not, beside the target
    leftovers = [path for path in folder.iterdir() if path.suffix == ".tmp"]
    assert leftovers and all(mode(path) == 0o600 for path in leftovers)

    launch = Launch(data_dir=folder, url=sqlite_url(folder), creates=False)
    try:
        db = launch.database()
        assert [path for path in folder.iterdir() if path.suffix == ".tmp"] == []
        with db.reads() as session:
            targets = session.scalars(
                select(AuditEntry.target).where(AuditEntry.action == FULL_EXPORT_ACTION)
            ).all()
        assert targets == [str(out / "台账.xlsx")]
    finally:
        launch.close()


def test_sigterm_removes_the_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A polite kill (SIGTERM, as a scheduler's timeout sends) runs the clean-up at once."""
    folder = tmp_path / "data"
    out = tmp_path / "out"
    out.mkdir()
    demo_center(folder, monkeypatch)
    capsys.readouterr()
    process = start_full_ledger(folder, out / "台账.xlsx")
    process.send_signal(signal.SIGTERM)
    _, err = process.communicate(timeout=30)
    assert process.returncode != 0
    assert b"Traceback" not in err
    assert [path for path in folder.iterdir() if path.suffix == ".tmp"] == []
    assert list(out.iterdir()) == []
