"""Real faults, bounded in count and time: a registering process killed with SIGKILL at random
points, and a disk that fills up under registrations and exports."""

from __future__ import annotations

import contextlib
import gc
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import FakeClock
from tests.factories import ItemRef, intake_for, make_item
from tests.people import CENTER_CODE, PASSWORD, add_user, first_admin
from townclerk.db.database import Database, open_database, user_error_behind
from townclerk.enums import Role
from townclerk.paths import DATABASE_FILE, sqlite_url
from townclerk.records.center import CenterSettings
from townclerk.services.access import Actor
from townclerk.services.cases import CaseService
from townclerk.services.history import verify_chain
from townclerk.services.report_workbooks import ReportWorkbooks
from townclerk.services.users import UserService

# Faults of the SQLite file and its writers (PostgreSQL's: test_postgres.py).
pytestmark = pytest.mark.sqlite_only

REPO = Path(__file__).resolve().parents[2]
KILL_ROUNDS = 5
DISK_FULL = "磁盘空间已满"


def integrity(db_file: Path) -> str:
    with contextlib.closing(sqlite3.connect(db_file, timeout=10)) as connection:
        return str(connection.execute("PRAGMA integrity_check").fetchone()[0])


def case_numbers(db_file: Path) -> list[str]:
    with contextlib.closing(sqlite3.connect(db_file, timeout=10)) as connection:
        return [row[0] for row in connection.execute("SELECT number FROM cases")]


def assert_gap_free(numbers: list[str]) -> None:
    """Every day's numbers are exactly 0001..N (no gap, no duplicate)."""
    by_day: dict[str, list[int]] = defaultdict(list)
    for number in numbers:
        center, day, sequence = number.split("-")
        assert center == CENTER_CODE
        by_day[day].append(int(sequence))
    for day, sequences in by_day.items():
        assert sorted(sequences) == list(range(1, len(sequences) + 1)), day


def start_registering(folder: Path, item: ItemRef, out: Path) -> subprocess.Popen[bytes]:
    """tests/unit/numbering_worker.py, told to register far more cases than it has time for;
    it prints each number once its transaction has committed."""
    with out.open("wb") as stdout:
        return subprocess.Popen(
            [
                sys.executable,
                "-m",
                "tests.unit.numbering_worker",
                str(folder),
                "3",
                "1000000",
                str(item.id),
                ",".join(str(m) for m in item.material_ids),
            ],
            cwd=REPO,
            stdout=stdout,
            stderr=subprocess.PIPE,
        )


def acknowledged(out: Path) -> list[str]:
    """The numbers the worker printed in whole lines (a line cut by the kill is not an
    acknowledgement)."""
    text = out.read_text(encoding="utf-8")
    return text.split("\n")[:-1]


def kill_at_random_point(process: subprocess.Popen[bytes], out: Path, rng: random.Random) -> None:
    deadline = time.monotonic() + 60
    # Mostly once it registers (its start-up time varies with the machine's load), sometimes
    # while it is still starting.
    wait_for_registrations = rng.random() < 0.8
    while wait_for_registrations and not acknowledged(out):
        if process.poll() is not None:
            stderr = process.stderr.read().decode() if process.stderr else ""
            pytest.fail(f"the worker ended before it was killed: {stderr}")
        assert time.monotonic() < deadline, "the worker registered nothing in 60 s"
        time.sleep(0.02)
    time.sleep(rng.uniform(0.2, 1.5))
    assert process.poll() is None, "the worker ended before it was killed"
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL


def test_kill_9_while_registering_loses_no_acknowledged_case(
    db: Database, clerk: Actor, tmp_path: Path
) -> None:
    item = make_item(db)
    db.dispose()
    db_file = db.data_dir / DATABASE_FILE
    rng = random.Random(20261203)
    all_acknowledged: set[str] = set()
    for round_number in range(KILL_ROUNDS):
        out = tmp_path / f"acknowledged-{round_number}.txt"
        process = start_registering(db.data_dir, item, out)
        try:
            kill_at_random_point(process, out, rng)
        finally:
            if process.poll() is None:
                process.kill()
                process.wait(timeout=30)
            if process.stderr is not None:
                process.stderr.close()
        all_acknowledged.update(acknowledged(out))

        assert integrity(db_file) == "ok"
        numbers = case_numbers(db_file)
        assert all_acknowledged <= set(numbers), "an acknowledged case was lost"
        # At most the one registration in flight at each kill may have committed unprinted.
        assert len(numbers) - len(all_acknowledged) <= round_number + 1
        assert_gap_free(numbers)

        # The parent, on the real clock like the worker, gets the next number of the day.
        parent = open_database(sqlite_url(db.data_dir), db.data_dir, migrate=False)
        try:
            chain = verify_chain(parent)
            assert chain.ok, chain.broken
            actor = UserService(parent).authenticate("clerk1", PASSWORD)
            fresh = CaseService(parent).accept(actor, intake_for(item)).number
        finally:
            parent.dispose()
        day = fresh.split("-")[1]
        of_the_day = [n for n in numbers if n.split("-")[1] == day]
        assert fresh == f"{CENTER_CODE}-{day}-{len(of_the_day) + 1:04d}"
        all_acknowledged.add(fresh)
        assert_gap_free(case_numbers(db_file))
    assert len(all_acknowledged) > 0


@contextlib.contextmanager
def small_tmpfs(folder: Path, size: str) -> Iterator[Path]:
    if os.geteuid() != 0:
        pytest.skip("the full-disk test mounts a tmpfs: it needs root (CI runs as root)")
    folder.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size},mode=0700", "tmpfs", str(folder)],
        capture_output=True,
        text=True,
        check=False,
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def fill_up(path: Path) -> None:
    """Write ``path`` until the file system has no byte left."""
    with path.open("ab", buffering=0) as filler:
        for chunk in (1 << 16, 4096, 1):
            with contextlib.suppress(OSError):
                while True:
                    filler.write(b"\0" * chunk)


@contextlib.contextmanager
def nothing_left_unraisable() -> Iterator[None]:
    """No half-built object (e.g. a zip archive whose file was closed under it) reports an
    error later, when the garbage collector finalises it."""
    reported: list[str] = []
    previous = sys.unraisablehook
    sys.unraisablehook = lambda report: reported.append(repr(report.exc_value))
    try:
        yield
    finally:
        gc.collect()
        sys.unraisablehook = previous
    assert reported == []


def listing(folder: Path) -> set[str]:
    return {entry.name for entry in folder.iterdir()}


def test_a_full_disk_refuses_the_write_cleanly_and_recovers(
    tmp_path: Path, clock: FakeClock, migrated_template: Path
) -> None:
    with small_tmpfs(tmp_path / "disk", "6m") as disk:
        folder, reports = disk / "data", disk / "reports"
        folder.mkdir()
        reports.mkdir()
        filler = disk / "filler.bin"
        filler.write_bytes(b"\0" * (2 << 20))  # freed later to let work go on
        (folder / DATABASE_FILE).write_bytes(migrated_template.read_bytes())
        db = open_database(sqlite_url(folder), folder, clock=clock)
        try:
            fill_disk_with_registrations(db, disk, reports)
        finally:
            db.dispose()


def fill_disk_with_registrations(db: Database, disk: Path, reports: Path) -> None:
    center = CenterSettings(center_name="示范镇为民服务中心", center_code=CENTER_CODE, phone="")
    admin = first_admin(db, center, display_name="系统管理员")
    clerk = add_user(db, admin, "clerk1", Role.CLERK, "王晓燕")
    item = make_item(db)
    service = CaseService(db)
    db_file = db.data_dir / DATABASE_FILE

    accepted: list[str] = []
    refusal: Exception | None = None
    for _ in range(20_000):  # 6 MB hold far fewer cases: the loop ends at the full disk
        try:
            accepted.append(service.accept(clerk, intake_for(item)).number)
        except Exception as error:  # the error under test
            refusal = error
            break
    assert refusal is not None, "the disk never filled up"
    explained = user_error_behind(refusal)
    assert explained is not None, repr(refusal)
    assert str(explained).startswith(DISK_FULL), str(explained)
    db.dispose()
    assert integrity(db_file) == "ok"
    numbers = case_numbers(db_file)
    assert sorted(numbers) == sorted(accepted), "a refused case was half-written or one was lost"
    assert_gap_free(numbers)

    # An export to the full disk: one clear message, no partial file, no scratch file left.
    top_up = disk / "top-up.bin"
    fill_up(top_up)
    before = listing(db.data_dir), listing(reports)
    with nothing_left_unraisable():
        with pytest.raises(Exception) as export_error:
            ReportWorkbooks(db).daily(admin, db.today(), reports / "日报.xlsx")
        message = str(user_error_behind(export_error.value))
        del export_error  # its traceback keeps whatever the export left half-built
    assert message.startswith(DISK_FULL), message
    assert (listing(db.data_dir), listing(reports)) == before

    # Space freed: registering and exporting work again, the numbers go on without a gap.
    (disk / "filler.bin").unlink()
    top_up.unlink()
    assert service.accept(clerk, intake_for(item)).number.endswith(f"-{len(accepted) + 1:04d}")
    ReportWorkbooks(db).daily(admin, db.today(), reports / "日报.xlsx")
    assert (reports / "日报.xlsx").stat().st_size > 0
    chain = verify_chain(db)
    assert chain.ok, chain.broken
    db.dispose()
    assert integrity(db_file) == "ok"
    assert_gap_free(case_numbers(db_file))
