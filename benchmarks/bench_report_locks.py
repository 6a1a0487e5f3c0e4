"""How long a clerk's registration waits while a supervisor's export runs (issue 11).

    .venv/bin/python benchmarks/bench_report_locks.py [DATA_DIR] [--cases N] [--days D]

DATA_DIR (default benchmarks/out/locks-200000, git-ignored) is reused when it already holds a
database, else built with ``townclerk init --demo`` and ``demo-data``. A copy of its database is
used, so the registrations leave the original as it was.

The copy is given ``--overdue`` open, overdue cases (finished demo cases set back to 在办 with a
due date in the past: the demo generator finishes nearly all of its cases), the size of the
report that kept clerks waiting 7–8 s before reports read in read transactions.

For each export (超期预警清单 with full personal data, 办件台账 of the last 30 days with full
personal data, 日报), a clerk process registers cases one after another for as long as the export
runs, in its own process as another window would; the script prints how many registrations
were made during the export and their p50, p99 and longest wait. Target: p99 <= 250 ms.
A baseline with no export running comes first.
"""

from __future__ import annotations

import argparse
import datetime as dt
import multiprocessing
import shutil
import sys
import tempfile
import time
from multiprocessing.synchronize import Event
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.common import OUT, build_demo_database, percentiles, report  # noqa: E402

SUPERVISOR = "chief"
CLERK = "clerk1"
TARGET_MS = 250


def registrations(
    data_dir: Path, start: Event, stop: Event, results: multiprocessing.Queue
) -> None:
    """A clerk's window: register cases back to back from ``start`` until ``stop``; put the
    wait of each (seconds) on ``results``."""
    from townclerk.db.database import open_database
    from townclerk.enums import ApplicantKind, IdType, MaterialState
    from townclerk.paths import sqlite_url
    from townclerk.records.cases import ApplicantInput, Intake, MaterialInput
    from townclerk.services.cases import CaseService
    from townclerk.services.catalog import CatalogService
    from townclerk.services.demo import DEMO_PASSWORD
    from townclerk.services.users import UserService
    from townclerk.validation import id_check_character

    db = open_database(sqlite_url(data_dir), data_dir, migrate=False)
    clerk = UserService(db).authenticate(CLERK, DEMO_PASSWORD)
    catalog = CatalogService(db)
    summary = next(item for item in catalog.items() if item.promised_days > 0)
    detail = catalog.item(summary.id)
    materials = tuple(
        MaterialInput(material.id, MaterialState.RECEIVED) for material in detail.materials
    )
    cases = CaseService(db)
    waits: list[float] = []
    start.wait()
    serial = 0
    while not stop.is_set():
        serial += 1
        first17 = f"32032419900315{serial % 1000:03d}"
        applicant = ApplicantInput(
            kind=ApplicantKind.PERSON,
            id_type=IdType.RESIDENT_ID,
            id_number=first17 + id_check_character(first17),
            name="测试",
            phone="13812345678",
        )
        began = time.perf_counter()
        cases.accept(clerk, Intake(item_id=detail.id, applicant=applicant, materials=materials))
        waits.append(time.perf_counter() - began)
    results.put(waits)
    db.dispose()


def export(data_dir: Path, kind: str, out: Path) -> int:
    """One export as the supervisor makes it; returns its row count."""
    from townclerk.db.database import open_database
    from townclerk.paths import sqlite_url
    from townclerk.records.statistics import Period
    from townclerk.services.demo import DEMO_PASSWORD
    from townclerk.services.report_workbooks import ReportWorkbooks
    from townclerk.services.users import UserService

    db = open_database(sqlite_url(data_dir), data_dir, migrate=False)
    try:
        chief = UserService(db).authenticate(SUPERVISOR, DEMO_PASSWORD)
        workbooks = ReportWorkbooks(db)
        today = db.today()
        if kind == "overdue":
            return workbooks.deadline_warnings(
                chief, out / "预警.xlsx", full_personal_data=True
            ).rows
        if kind == "ledger":
            period = Period(today - dt.timedelta(days=29), today)
            return workbooks.ledger(chief, period, out / "台账.xlsx", full_personal_data=True).rows
        return workbooks.daily(chief, today, out / "日报.xlsx").rows
    finally:
        db.dispose()


def measure(data_dir: Path, kind: str | None, out: Path, idle_seconds: float = 3.0) -> None:
    context = multiprocessing.get_context("spawn")
    start, stop = context.Event(), context.Event()
    results: multiprocessing.Queue[list[float]] = context.Queue()
    clerk = context.Process(target=registrations, args=(data_dir, start, stop, results))
    clerk.start()
    time.sleep(2)  # the clerk's process has logged in
    start.set()
    began = time.perf_counter()
    rows = 0
    if kind is None:
        time.sleep(idle_seconds)
    else:
        rows = export(data_dir, kind, out)
    elapsed = time.perf_counter() - began
    stop.set()
    waits: list[float] = results.get(timeout=120)
    clerk.join(timeout=60)
    name = kind or "no export (baseline)"
    report(f"{name}: export", elapsed, "s", baseline=f"{rows:,} rows")
    report(f"{name}: registrations during it", len(waits), "")
    if waits:
        p50, p99 = percentiles(waits)
        report(f"{name}: registration wait p50", p50, "ms")
        report(f"{name}: registration wait p99", p99, "ms", target=f"<= {TARGET_MS} ms")
        report(f"{name}: registration wait max", max(waits) * 1000, "ms")


def make_overdue(database: Path, count: int) -> int:
    """Set ``count`` finished cases back to 在办, due long ago; the number of overdue cases."""
    import sqlite3

    connection = sqlite3.connect(database)
    try:
        with connection:
            connection.execute(
                """UPDATE cases SET status = 'accepted', due_date = date(received_on, '+5 days'),
                   completed_at = NULL, delivered_at = NULL, decision = NULL, days_used = NULL,
                   on_time = NULL, evaluation = NULL, evaluated_at = NULL
                   WHERE id IN (SELECT id FROM cases WHERE status = 'delivered'
                                AND received_on < date('now', '-30 days') ORDER BY id LIMIT ?)""",
                (count,),
            )
        row = connection.execute(
            "SELECT count(*) FROM cases WHERE status = 'accepted' AND due_date < date('now')"
        ).fetchone()
        return int(row[0])
    finally:
        connection.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data_dir", nargs="?", type=Path, default=OUT / "locks-200000")
    parser.add_argument("--cases", type=int, default=200_000)
    parser.add_argument("--days", type=int, default=365)
    parser.add_argument("--overdue", type=int, default=40_000)
    args = parser.parse_args()
    source = args.data_dir / "townclerk.sqlite3"
    if not source.exists():
        build_demo_database(args.data_dir, args.cases, args.days)
    with tempfile.TemporaryDirectory(prefix="townclerk-locks-") as folder:
        work = Path(folder)
        shutil.copyfile(source, work / "townclerk.sqlite3")
        out = work / "exports"
        out.mkdir()
        overdue = make_overdue(work / "townclerk.sqlite3", args.overdue)
        print(f"a copy of {source}, with {overdue:,} overdue open cases", flush=True)
        for kind in (None, "overdue", "ledger", "daily"):
            measure(work, kind, out)


if __name__ == "__main__":
    main()
