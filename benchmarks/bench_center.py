"""How far one database goes for a whole center: N clerks registering at once while a supervisor
exports reports.

    .venv/bin/python benchmarks/bench_center.py [--seconds S] [--clerks 1,5,10,20]
                                                [--sqlite-writers 1,2,3] [--pace P]

For each N, N clerk processes register cases for S seconds (default 15) against a throwaway
PostgreSQL server (tests/postgres_server.py, fsync on like a real server), while one
supervisor process exports the day's report (日报) back to back. Then the same against one
SQLite file with 1–3 writers (one PC: its WAL does not work over a network share).

Two ways a clerk works are measured:
- ``flat out``: registrations back to back, the most the database takes (a real clerk registers
  one case every few minutes: this is the center's ceiling, not its day);
- ``paced``: one registration every P seconds per clerk (default 2 s), a very busy hall, where
  the latency a clerk feels is what counts; the clerks start at random points of the first P
  seconds, as windows do not register in step.

Printed per run: registrations/s, p50/p99/max accept latency (the service call: one transaction
with its number, materials and history event), the reports exported meanwhile, and the numbering
check (case numbers of each day must be 1…n: 0 duplicates, 0 gaps). Target (issue 15): 20
clerks, p99 ≤ 100 ms, 0 duplicates or gaps.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import random
import statistics
import sys
import tempfile
import time
from multiprocessing.synchronize import Event
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.common import random_intakes  # noqa: E402

PASSWORD = "passw0rd1"


def prepare(url: str, data_dir: Path, clerks: int) -> None:
    """A migrated empty database with the sample catalog, an admin, a supervisor and clerks."""
    from townclerk.db.database import open_database
    from townclerk.enums import Role
    from townclerk.records.center import CenterSettings
    from townclerk.services.catalog import CatalogService
    from townclerk.services.settings import SettingsService
    from townclerk.services.users import UserService

    db = open_database(url, data_dir)
    users = UserService(db)
    users.create_first_admin("admin", PASSWORD, "系统管理员")
    admin = users.authenticate("admin", PASSWORD)
    SettingsService(db).update_center(
        admin, CenterSettings(center_name="睢宁县示范镇为民服务中心", center_code="320324101")
    )
    CatalogService(db).import_file(admin, ROOT / "resources" / "catalog" / "sample_catalog.xlsx")
    users.create_user(admin, "chief", PASSWORD, Role.SUPERVISOR, "李主任")
    for index in range(clerks):
        users.create_user(admin, f"clerk{index + 1}", PASSWORD, Role.CLERK, f"窗口{index + 1}")
    db.dispose()


def clerk(
    url: str,
    data_dir: Path,
    username: str,
    seconds: float,
    pace: float,
    start: Event,
    results: multiprocessing.Queue,
) -> None:
    """One window: register for ``seconds`` (one every ``pace`` s, or back to back when 0);
    put the latencies in seconds."""
    from townclerk.db.database import open_database
    from townclerk.services.cases import CaseService
    from townclerk.services.users import UserService

    db = open_database(url, data_dir, migrate=False)
    actor = UserService(db).authenticate(username, PASSWORD)
    cases = CaseService(db)
    intake = random_intakes(db, seed=hash(username) % 10_000)
    samples: list[float] = []
    cases.accept(actor, intake())  # warm: the first call compiles its queries
    start.wait()
    deadline = time.monotonic() + seconds
    # Windows do not register in step: each clerk's first one falls anywhere in the first pace.
    next_at = time.monotonic() + random.Random(username).uniform(0, pace)
    while time.monotonic() < deadline:
        if pace:
            wait = next_at - time.monotonic()
            if wait > 0:
                time.sleep(wait)
            next_at += pace
        one = intake()
        began = time.perf_counter()
        cases.accept(actor, one)
        samples.append(time.perf_counter() - began)
    results.put(samples)
    db.dispose()


def supervisor(
    url: str,
    data_dir: Path,
    pause: float,
    start: Event,
    stop: Event,
    results: multiprocessing.Queue,
) -> None:
    """The supervisor exports the day's report until ``stop``, ``pause`` seconds apart (0: back
    to back); put how many."""
    from townclerk.db.database import open_database
    from townclerk.services.report_workbooks import ReportWorkbooks
    from townclerk.services.users import UserService

    db = open_database(url, data_dir, migrate=False)
    actor = UserService(db).authenticate("chief", PASSWORD)
    reports = ReportWorkbooks(db)
    exported = 0
    start.wait()
    while not stop.is_set():
        reports.daily(actor, db.today(), data_dir / f"日报-{exported % 2}.xlsx")
        exported += 1
        stop.wait(pause)
    results.put(exported)
    db.dispose()


def numbering(url: str, data_dir: Path) -> tuple[int, int, int]:
    """(cases, duplicate numbers, missing numbers) over every day's sequence (the clerks'
    warm-up registrations included)."""
    from sqlalchemy import func, select

    from townclerk.db.database import open_database
    from townclerk.db.models import Case

    db = open_database(url, data_dir, migrate=False)
    with db.reads() as session:
        numbers = session.scalars(select(Case.number)).all()
        total = session.scalar(select(func.count()).select_from(Case)) or 0
    db.dispose()
    by_day: dict[str, list[int]] = {}
    for number in numbers:
        # <prefix of center and day><4-digit sequence>: services/numbering.py.
        day, sequence = number[:-4], int(number[-4:])
        by_day.setdefault(day, []).append(sequence)
    duplicates = sum(len(seqs) - len(set(seqs)) for seqs in by_day.values())
    missing = sum(max(seqs) - len(set(seqs)) for seqs in by_day.values())
    return total, duplicates, missing


def run(
    url: str, data_dir: Path, clerks: int, seconds: float, pace: float, report_pause: float
) -> str:
    context = multiprocessing.get_context("spawn")
    start, stop = context.Event(), context.Event()
    results: multiprocessing.Queue = context.Queue()
    counts: multiprocessing.Queue = context.Queue()
    workers = [
        context.Process(
            target=clerk,
            args=(url, data_dir, f"clerk{index + 1}", seconds, pace, start, results),
        )
        for index in range(clerks)
    ]
    boss = context.Process(
        target=supervisor, args=(url, data_dir, report_pause, start, stop, counts)
    )
    for process in (*workers, boss):
        process.start()
    time.sleep(3)  # every process has opened its database and logged in
    start.set()
    samples: list[float] = []
    for _ in workers:
        samples += results.get()
    stop.set()
    exported = counts.get()
    for process in (*workers, boss):
        process.join()
    ordered = sorted(samples)
    p99 = ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]
    total, duplicates, missing = numbering(url, data_dir)
    return (
        f"{clerks:>3} {'paced ' + str(pace) + ' s' if pace else 'flat out':<11}"
        f" {len(samples) / seconds:>8.1f} {statistics.median(ordered) * 1000:>7.1f}"
        f" {p99 * 1000:>7.1f} {ordered[-1] * 1000:>7.1f} {exported:>8}"
        f" {total:>7} {duplicates:>5} {missing:>5}"
    )


HEADER = "  N mode         reg/s   p50 ms  p99 ms  max ms  reports   cases  dups  gaps"


def postgres_runs(
    clerk_counts: list[int], seconds: float, modes: list[float], report_pause: float
) -> None:
    from tests.postgres_server import temporary_postgres

    print(f"PostgreSQL (throwaway server on this machine, {os.cpu_count()} cores)")
    print(HEADER)
    for mode_pace in modes:
        for count in clerk_counts:
            with temporary_postgres(fsync=True) as url:
                if url is None:
                    print("PostgreSQL is not installed (scripts/system-deps.sh installs it)")
                    return
                with tempfile.TemporaryDirectory() as folder:
                    prepare(url, Path(folder), max(clerk_counts))
                    result = run(url, Path(folder), count, seconds, mode_pace, report_pause)
                    print(result, flush=True)


def sqlite_runs(
    writer_counts: list[int], seconds: float, modes: list[float], report_pause: float
) -> None:
    from townclerk.paths import sqlite_url

    print("SQLite (one file on this PC)")
    print(HEADER)
    for mode_pace in modes:
        for count in writer_counts:
            with tempfile.TemporaryDirectory() as folder:
                url = sqlite_url(Path(folder))
                prepare(url, Path(folder), max(writer_counts))
                result = run(url, Path(folder), count, seconds, mode_pace, report_pause)
                print(result, flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=15)
    parser.add_argument("--clerks", default="1,5,10,20")
    parser.add_argument("--sqlite-writers", default="1,2,3")
    parser.add_argument("--pace", type=float, default=2.0)
    parser.add_argument("--paced-only", action="store_true", help="skip the flat-out runs")
    parser.add_argument(
        "--report-pause", type=float, default=0.0, help="seconds between the supervisor's exports"
    )
    args = parser.parse_args()
    modes = [args.pace] if args.paced_only else [0.0, args.pace]
    clerk_counts = [int(n) for n in args.clerks.split(",") if n]
    writer_counts = [int(n) for n in args.sqlite_writers.split(",") if n]
    if clerk_counts:
        postgres_runs(clerk_counts, args.seconds, modes, args.report_pause)
    if writer_counts:
        sqlite_runs(writer_counts, args.seconds, modes, args.report_pause)


if __name__ == "__main__":
    main()
