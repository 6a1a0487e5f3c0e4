"""Supervisor reports on a large demo database: prints the figures of issue 6.

    .venv/bin/python benchmarks/bench_reports.py [DATA_DIR] [--cases N] [--days D] [--seed S]
                                                 [--repeat R] [--proposed-indexes]

DATA_DIR (default benchmarks/out/demo-1m, git-ignored) is reused when it already holds a
database; otherwise it is made with ``townclerk init --demo`` and ``townclerk demo-data`` (a
million cases take a few minutes). Each measurement runs in a fresh process, so its peak resident
memory is its own. Measured, with the targets of issue 6:

* daily report (日报) of the last day: <= 1 s
* monthly range report (统计报表) of the last full month: <= 3 s
* ledger (办件台账) of about 30,000 cases: <= 5 s and <= 1.5x bare openpyxl write-only writing the
  same cells in the same run
* peak memory of each report process: <= 500 MB

``--proposed-indexes`` also measures the statistics with the indexes asked of the lead
(ix_cases_evaluated_at, ix_cases_withdrawn), created for the run and dropped afterwards.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import resource
import statistics
import sys
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from multiprocessing import get_context
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.common import OUT, build_demo_database  # noqa: E402

SUPERVISOR = "chief"
LEDGER_CASES = 30_000
PROPOSED_INDEXES = (
    "CREATE INDEX IF NOT EXISTS ix_cases_evaluated_at ON cases (evaluated_at)",
    "CREATE INDEX IF NOT EXISTS ix_cases_withdrawn ON cases (received_on) "
    "WHERE status = 'withdrawn'",
)
DROP_PROPOSED = (
    "DROP INDEX IF EXISTS ix_cases_evaluated_at",
    "DROP INDEX IF EXISTS ix_cases_withdrawn",
)


def database_file(data_dir: Path) -> Path:
    return data_dir / "townclerk.sqlite3"


def reset_peak() -> None:
    """Start VmHWM again from the current resident size (Linux: clear_refs 5)."""
    clear_refs = Path("/proc/self/clear_refs")
    if clear_refs.exists():
        clear_refs.write_text("5")


def peak_mb() -> float:
    """Peak resident memory of this process: VmHWM (ru_maxrss would also count what the
    process that started it had, on Linux)."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# --- the measured work, each in its own process ------------------------------------------------
def _open(data_dir: str) -> Any:
    from townclerk.db.database import open_database
    from townclerk.services.demo import DEMO_PASSWORD
    from townclerk.services.users import UserService

    path = Path(data_dir)
    db = open_database(f"sqlite:///{database_file(path).as_posix()}", path)
    actor = UserService(db).authenticate(SUPERVISOR, DEMO_PASSWORD)
    reset_peak()  # the password hash (argon2, 64 MB) is not the report's memory
    return db, actor


def run_daily(data_dir: str, day: dt.date, output: str) -> tuple[float, float, int]:
    from townclerk.services.report_workbooks import ReportWorkbooks

    db, actor = _open(data_dir)
    started = time.perf_counter()
    result = ReportWorkbooks(db).daily(actor, day, Path(output))
    return time.perf_counter() - started, peak_mb(), result.rows


def run_range(
    data_dir: str, first: dt.date, last: dt.date, output: str
) -> tuple[float, float, int]:
    from townclerk.records.statistics import Period
    from townclerk.services.report_workbooks import ReportWorkbooks

    db, actor = _open(data_dir)
    started = time.perf_counter()
    result = ReportWorkbooks(db).range_report(actor, Period(first, last), Path(output))
    return time.perf_counter() - started, peak_mb(), result.rows


def run_ledger(
    data_dir: str, first: dt.date, last: dt.date, output: str
) -> tuple[float, float, int]:
    from townclerk.records.statistics import Period
    from townclerk.services.report_workbooks import ReportWorkbooks

    db, actor = _open(data_dir)
    started = time.perf_counter()
    result = ReportWorkbooks(db).ledger(actor, Period(first, last), Path(output))
    return time.perf_counter() - started, peak_mb(), result.rows


def run_bare_ledger(
    data_dir: str, first: dt.date, last: dt.date, output: str
) -> tuple[float, float, int]:
    """openpyxl write-only writing the ledger's cells (values read beforehand, not timed)."""
    from openpyxl import Workbook

    from townclerk.formats.workbooks.listings import LEDGER_COLUMNS, ledger_values
    from townclerk.records.statistics import Period
    from townclerk.services.report_listings import ReportListingService

    db, actor = _open(data_dir)
    with ReportListingService(db).ledger(actor, Period(first, last)) as listing:
        rows = [ledger_values(index, case) for index, case in enumerate(listing, start=1)]
    started = time.perf_counter()
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("办件台账")
    sheet.append([column.header for column in LEDGER_COLUMNS])
    for row in rows:
        sheet.append(row)
    workbook.save(output)
    return time.perf_counter() - started, peak_mb(), len(rows)


# --- driving -----------------------------------------------------------------------------------
def measure(
    pool: ProcessPoolExecutor,
    repeat: int,
    function: Callable[..., tuple[float, float, int]],
    *args: Any,
) -> tuple[list[float], float, int]:
    times, peaks, rows = [], [], 0
    for _ in range(repeat):
        elapsed, peak, rows = pool.submit(function, *args).result()
        times.append(elapsed)
        peaks.append(peak)
    return times, max(peaks), rows


def line(label: str, times: list[float], peak: float, rows: int, target: str) -> str:
    return (
        f"{label:<36} median {statistics.median(times):6.3f} s  max {max(times):6.3f} s  "
        f"peak {peak:6.1f} MB  rows {rows:>7,}  ({target})"
    )


@dataclass(frozen=True)
class Plan:
    last_day: dt.date  # the daily report
    month: tuple[dt.date, dt.date]  # the last full month
    old_month: tuple[dt.date, dt.date]  # a month half-way back: the most cases either side
    ledger: tuple[dt.date, dt.date]  # the last days holding >= 30,000 cases


def month_of(day: dt.date) -> tuple[dt.date, dt.date]:
    first = day.replace(day=1)
    following = (first + dt.timedelta(days=32)).replace(day=1)
    return first, following - dt.timedelta(days=1)


def plan_periods(data_dir: Path) -> Plan:
    import sqlite3

    with sqlite3.connect(database_file(data_dir)) as connection:
        per_day = connection.execute(
            "SELECT received_on, count(*) FROM cases GROUP BY received_on ORDER BY received_on DESC"
        ).fetchall()
    days = [dt.date.fromisoformat(day) for day, _ in per_day]
    total = 0
    ledger_first = days[0]
    for day, (_, count) in zip(days, per_day, strict=True):
        total += count
        ledger_first = day
        if total >= LEDGER_CASES:
            break
    return Plan(
        last_day=days[0],
        month=month_of(days[0].replace(day=1) - dt.timedelta(days=1)),
        old_month=month_of(days[len(days) // 2]),
        ledger=(ledger_first, days[0]),
    )


def run_statistics(
    pool: ProcessPoolExecutor, data_dir: Path, repeat: int, plan: Plan, tag: str
) -> list[float]:
    """Measure and print the daily and monthly reports; return their peak memory."""
    OUT.mkdir(parents=True, exist_ok=True)
    daily = measure(
        pool, repeat, run_daily, str(data_dir), plan.last_day, str(OUT / f"daily{tag}.xlsx")
    )
    print(line(f"daily report {plan.last_day} {tag}", *daily, "target <= 1 s"))
    peaks = [daily[1]]
    for name, (first, last) in (("monthly", plan.month), ("old monthly", plan.old_month)):
        output = str(OUT / f"{name.replace(' ', '-')}{tag}.xlsx")
        monthly = measure(pool, repeat, run_range, str(data_dir), first, last, output)
        print(line(f"{name} report {first:%Y-%m} {tag}", *monthly, "target <= 3 s"))
        peaks.append(monthly[1])
    return peaks


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("data_dir", nargs="?", default=str(OUT / "demo-1m"))
    parser.add_argument("--cases", type=int, default=1_000_000)
    parser.add_argument("--days", type=int, default=1095)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--proposed-indexes", action="store_true")
    args = parser.parse_args()
    data_dir = Path(args.data_dir).resolve()
    if not database_file(data_dir).exists():
        build_demo_database(data_dir, args.cases, args.days, args.seed)
    plan = plan_periods(data_dir)
    size = database_file(data_dir).stat().st_size / 2**20
    print(f"database {database_file(data_dir)} ({size:,.0f} MB), python {sys.version.split()[0]}")
    print(f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs")
    context = get_context("spawn")
    with ProcessPoolExecutor(max_workers=1, mp_context=context, max_tasks_per_child=1) as pool:
        peaks = run_statistics(pool, data_dir, args.repeat, plan, "")
        first, last = plan.ledger
        ledger = measure(
            pool, args.repeat, run_ledger, str(data_dir), first, last, str(OUT / "ledger.xlsx")
        )
        bare = measure(
            pool, args.repeat, run_bare_ledger, str(data_dir), first, last, str(OUT / "bare.xlsx")
        )
        peaks.append(ledger[1])
        print(line(f"ledger {first}..{last}", *ledger, "target <= 5 s"))
        print(line("bare openpyxl write-only, same cells", *bare, "reference"))
        ratio = statistics.median(ledger[0]) / statistics.median(bare[0])
        print(f"{'ledger / bare openpyxl':<36} {ratio:6.2f}x  (target <= 1.5x)")
        print(f"{'peak memory of a report process':<36} {max(peaks):6.1f} MB  (target <= 500 MB)")
        if args.proposed_indexes:
            with_proposed_indexes(pool, data_dir, args.repeat, plan)
    print(f"load average {os.getloadavg()[0]:.2f}")
    return 0


def with_proposed_indexes(
    pool: ProcessPoolExecutor, data_dir: Path, repeat: int, plan: Plan
) -> None:
    import sqlite3

    with sqlite3.connect(database_file(data_dir)) as connection:
        for statement in PROPOSED_INDEXES:
            connection.execute(statement)
    try:
        print("with the proposed indexes ix_cases_evaluated_at and ix_cases_withdrawn:")
        run_statistics(pool, data_dir, repeat, plan, "+idx")
    finally:
        with sqlite3.connect(database_file(data_dir)) as connection:
            for statement in DROP_PROPOSED:
                connection.execute(statement)


if __name__ == "__main__":
    os.environ.setdefault("TOWNCLERK_DATA_DIR", str(OUT / "bench-default-data"))
    sys.exit(main())
