"""demo-data killed with SIGKILL at random points: every day is complete and numbered or absent,
the history chain holds, and the window can register on any day afterwards.

Before the fix (cases in batches of 20,000, counters written at the very end) a kill left tens of
thousands of cases without their day's counter, and registering on such a day then failed with
IntegrityError every time.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.factories import intake_for, make_item
from townclerk.cli import main
from townclerk.db.database import open_database
from townclerk.paths import DATABASE_FILE, sqlite_url
from townclerk.services.cases import CaseService
from townclerk.services.demo import DEMO_CENTER, DEMO_PASSWORD
from townclerk.services.history import verify_chain
from townclerk.services.numbering import case_number_prefix
from townclerk.services.users import UserService

RUNS = 3
CASES, DAYS = 60_000, 60  # three transactions of whole days


def committed_cases(db_file: Path) -> int:
    try:
        with sqlite3.connect(f"file:{db_file}?mode=ro", uri=True, timeout=5) as connection:
            return int(connection.execute("SELECT count(*) FROM cases").fetchone()[0])
    except sqlite3.Error:
        return 0


def kill_during_demo_data(folder: Path, rng: random.Random) -> None:
    """Start demo-data, kill it with SIGKILL once it has committed some days (or, the first
    time, before any) and while it still runs."""
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "townclerk",
            "--data-dir",
            str(folder),
            "demo-data",
            "--cases",
            str(CASES),
            "--days",
            str(DAYS),
            "--user",
            "admin",
        ],
        env={**os.environ, "TOWNCLERK_PASSWORD": DEMO_PASSWORD},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 120
    try:
        wait_for_days = rng.random() < 0.75
        while wait_for_days and committed_cases(folder / DATABASE_FILE) == 0:
            assert process.poll() is None, process.stderr.read() if process.stderr else ""
            assert time.monotonic() < deadline, "demo-data committed nothing in 120 s"
            time.sleep(0.05)
        time.sleep(rng.uniform(0.0, 1.0))
        assert process.poll() is None, "demo-data finished before it could be killed"
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def check_days_complete(db_file: Path) -> int:
    with sqlite3.connect(db_file) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        per_day = dict(
            connection.execute("SELECT received_on, count(*) FROM cases GROUP BY received_on")
        )
        counters = dict(connection.execute("SELECT day, last FROM case_number_counters"))
        numbers = connection.execute("SELECT received_on, number FROM cases").fetchall()
    assert {day: counters.get(day) for day in per_day} == per_day
    sequences: dict[str, set[int]] = {}
    for day, number in numbers:
        sequences.setdefault(day, set()).add(int(number.rsplit("-", 1)[1]))
    for day, seen in sequences.items():
        assert seen == set(range(1, per_day[day] + 1)), day
    return sum(per_day.values())


def test_demo_data_killed_at_random_points_leaves_whole_numbered_days(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    template = tmp_path / "template"
    assert main(["--data-dir", str(template), "init", "--demo"]) == 0
    capsys.readouterr()
    rng = random.Random(20261203)
    for run in range(RUNS):
        folder = tmp_path / f"run{run}"
        shutil.copytree(template, folder)
        kill_during_demo_data(folder, rng)
        written = check_days_complete(folder / DATABASE_FILE)
        assert written < CASES
        db = open_database(sqlite_url(folder), folder)
        try:
            assert verify_chain(db).ok
            clerk = UserService(db).authenticate("clerk1", DEMO_PASSWORD)
            # Registering today works whatever the kill left, with the day's next number.
            case = CaseService(db).accept(clerk, intake_for(make_item(db, code=f"KILL-{run}")))
        finally:
            db.dispose()
        assert check_days_complete(folder / DATABASE_FILE) == written + 1
        assert case.number.startswith(case_number_prefix(DEMO_CENTER.center_code, db.today()))
