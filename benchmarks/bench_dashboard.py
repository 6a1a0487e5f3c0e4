"""The dashboard's refresh on a large database, on the real page (offscreen).

    python benchmarks/bench_dashboard.py [--source DIR] [--repeat N]

SOURCE defaults to the 1,000,000-case database that bench_foundation.py builds
(benchmarks/out/foundation-1000000). It is copied (SQLite's backup API) to
benchmarks/out/dashboard-<name> and migrated there, so the source file is never changed; the
copy is reused while it is newer than the source. Without a source, a 200,000-case demo database
is built (``townclerk init --demo`` and ``demo-data --cases 200000 --days 365``) and the
figures say so. The clock is set to 16:30 on the last day holding cases: a full working day.

Printed (target from issue 6: dashboard refresh <= 200 ms):

* refresh, counting: DashboardSource.load after a data change: today's report by item, window
  and clerk (the days before today are kept);
* refresh, showing: the page's models, tiles and trend updated, the page painted;
* refresh, end to end: page.reload() until the page has shown the new figures (worker thread,
  signal back to the UI thread, models);
* first load of a day: the same, with the 29 days before today counted too;
* bare sqlite3 doing the same count of today's figures by item, window and clerk, as reference;
* peak resident memory.
"""

from __future__ import annotations

import argparse
import calendar
import datetime as dt
import os
import sqlite3
import sys
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QEventLoop, QTimer  # noqa: E402

from benchmarks.common import OUT, build_demo_database, peak_rss_mb, percentiles, report, time_each  # noqa: E402
from townclerk.db.database import open_database  # noqa: E402
from townclerk.db.models import OPEN_STATUS_SQL  # noqa: E402
from townclerk.enums import Evaluation  # noqa: E402
from townclerk.paths import DATABASE_FILE, sqlite_url  # noqa: E402
from townclerk.services.demo import DEMO_PASSWORD  # noqa: E402
from townclerk.ui.app import create_application  # noqa: E402
from townclerk.ui.context import AppContext, DataBus, Session  # noqa: E402
from townclerk.ui.pages.dashboard.dashboard_page import DashboardPage  # noqa: E402

DEFAULT_SOURCE = OUT / "foundation-1000000"
FALLBACK_CASES = 200_000
FALLBACK_DAYS = 365
SUPERVISOR = "chief"
TARGET = "<= 200 ms"
LOAD_TIMEOUT_MS = 60_000


# --- the database ------------------------------------------------------------------------------
def copy_and_migrate(source: Path, target: Path) -> None:
    """A consistent copy of ``source``'s database in ``target``, migrated to the current schema
    (the migration's own backup of the copy is removed: the source is the backup)."""
    target.mkdir(parents=True, exist_ok=True)
    print(f"copying {source / DATABASE_FILE} to {target} …", flush=True)
    reader = sqlite3.connect(f"file:{(source / DATABASE_FILE).as_posix()}?mode=ro", uri=True)
    try:
        writer = sqlite3.connect(target / DATABASE_FILE)
        try:
            reader.backup(writer)
        finally:
            writer.close()
    finally:
        reader.close()
    open_database(sqlite_url(target), target).dispose()
    for backup in target.glob(f"{DATABASE_FILE}.*.bak"):
        backup.unlink()


def prepare(source: Path) -> tuple[Path, str]:
    """The data dir to measure and a line saying what it holds."""
    source_file = source / DATABASE_FILE
    if source_file.is_file():
        target = OUT / f"dashboard-{source.name}"
        copy = target / DATABASE_FILE
        if not copy.is_file() or copy.stat().st_mtime < source_file.stat().st_mtime:
            copy_and_migrate(source, target)
        return target, f"a migrated copy of {source}"
    target = OUT / f"dashboard-demo-{FALLBACK_CASES}"
    if not (target / DATABASE_FILE).is_file():
        print("no source database: a smaller demo one instead", flush=True)
        build_demo_database(target, FALLBACK_CASES, FALLBACK_DAYS)
    return target, f"{source} is absent: a {FALLBACK_CASES:,}-case demo database instead"


def last_day_and_count(data_dir: Path) -> tuple[dt.date, int, int]:
    with sqlite3.connect(data_dir / DATABASE_FILE) as connection:
        last, total = connection.execute("SELECT max(received_on), count(*) FROM cases").fetchone()
        day = dt.date.fromisoformat(last)
        (today,) = connection.execute(
            "SELECT count(*) FROM cases WHERE received_on = ?", (last,)
        ).fetchone()
    return day, total, today


# --- the bare reference ------------------------------------------------------------------------
OPEN = OPEN_STATUS_SQL  # literal: the partial index's own terms
EVALUATED = "evaluated_at >= :start AND evaluated_at < :end"
BARE_COUNTS = f"""
    count(*) FILTER (WHERE received_on = :day AND status NOT IN ('notified', 'refused')),
    count(*) FILTER (WHERE received_on = :day AND status NOT IN ('notified', 'refused')
                     AND case_kind = 'instant'),
    count(*) FILTER (WHERE received_on = :day AND status NOT IN ('notified', 'refused')
                     AND case_kind = 'promised'),
    count(*) FILTER (WHERE received_on = :day AND status = 'notified'),
    count(*) FILTER (WHERE received_on = :day AND status = 'refused'),
    count(*) FILTER (WHERE completed_on = :day),
    count(*) FILTER (WHERE completed_on = :day AND on_time),
    count(*) FILTER (WHERE completed_on = :day AND NOT on_time),
    sum(CASE WHEN completed_on = :day THEN days_used ELSE 0 END),
    count(*) FILTER (WHERE is_open),
    count(*) FILTER (WHERE is_open AND due_date < :day),
    {
    ", ".join(
        f"count(*) FILTER (WHERE {EVALUATED} AND evaluation = '{evaluation.value}')"
        for evaluation in Evaluation
    )
}
"""


def bare_refresh(connection: sqlite3.Connection, day: dt.date) -> int:
    """Today's figures, in total and by item, window and clerk, by hand-written SQL: the
    cases of the day gathered once through their indexes, then counted four ways."""
    start = calendar.timegm(dt.datetime.combine(day, dt.time()).timetuple())
    params = {"day": day.isoformat(), "start": start, "end": start + 86_400}
    connection.execute("BEGIN")
    connection.execute(
        f"""CREATE TEMP TABLE bare_today AS
        SELECT id, item_id, window_id, clerk_id, status, case_kind, received_on, completed_on,
               on_time, days_used, due_date, evaluation, evaluated_at, {OPEN} AS is_open
        FROM cases WHERE id IN (
            SELECT id FROM cases WHERE received_on = :day
            UNION SELECT id FROM cases WHERE completed_on = :day
            UNION SELECT id FROM cases WHERE {EVALUATED}
            UNION SELECT id FROM cases WHERE {OPEN})""",
        params,
    )
    rows = connection.execute(f"SELECT {BARE_COUNTS} FROM bare_today", params).fetchall()
    for column in ("item_id", "window_id", "clerk_id"):
        rows += connection.execute(
            f"SELECT {column}, {BARE_COUNTS} FROM bare_today GROUP BY {column}", params
        ).fetchall()
    connection.execute("DROP TABLE bare_today")
    connection.execute("COMMIT")
    return len(rows)


# --- the page ----------------------------------------------------------------------------------
def wait_for(page: DashboardPage, start: Callable[[], None]) -> float:
    """Seconds from ``start()`` until the page has shown a snapshot."""
    loop = QEventLoop()
    page.loaded.connect(loop.quit)
    QTimer.singleShot(LOAD_TIMEOUT_MS, loop.quit)
    started = time.perf_counter()
    start()
    loop.exec()
    elapsed = time.perf_counter() - started
    page.loaded.disconnect(loop.quit)
    if page.is_loading():
        raise RuntimeError("the dashboard did not load in time")
    return elapsed


def line(name: str, samples: list[float], target: str = "", baseline: str = "") -> None:
    p50, p99 = percentiles(samples)
    report(f"{name} p50", p50, "ms", target, baseline)
    report(f"{name} p99", p99, "ms")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE)
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args(argv)

    data_dir, what = prepare(args.source)
    day, total, today_count = last_day_and_count(data_dir)
    now = dt.datetime.combine(day, dt.time(16, 30))
    print(f"townclerk dashboard benchmark: {total:,} cases in {data_dir} ({what})")
    print(f"  today = {day} ({today_count:,} cases registered that day), clock {now:%H:%M}")

    app = create_application("zh_CN")
    db = open_database(sqlite_url(data_dir), data_dir, clock=lambda: now)
    try:
        context = AppContext(db, DataBus())
        actor = context.users.authenticate(SUPERVISOR, DEMO_PASSWORD)
        context.session = Session(actor, None, "")
        page = DashboardPage(context)
        page.resize(1254, 720)
        first = wait_for(page, page.show)  # the first load of the day counts the past too
        source = page.source

        full = time_each(lambda: source.load(actor, recount_past=True), max(3, args.repeat // 5))
        counting = time_each(lambda: source.load(actor), args.repeat)
        snapshot = source.load(actor)

        def show() -> None:
            page.show_snapshot(snapshot)
            page.repaint()

        showing = time_each(show, args.repeat)
        end_to_end = [wait_for(page, page.reload) for _ in range(args.repeat)]
        with sqlite3.connect(data_dir / DATABASE_FILE, isolation_level=None) as bare:
            bare_refresh(bare, day)  # warm, like the page's first load
            reference = time_each(lambda: bare_refresh(bare, day), args.repeat)
        bare_p50 = percentiles(reference)[0]

        totals = snapshot.report.totals
        print(
            f"  today: 受理量 {totals.accepted:,}, 办结量 {totals.completed:,}, "
            f"在办 {totals.open:,}, 在办超期 {totals.open_overdue:,}; "
            f"{len(snapshot.report.breakdowns[next(iter(snapshot.report.breakdowns))]):,} items"
        )
        report("first load of the page (with 29 past days)", first * 1000, "ms")
        line("full recount (today + 29 past days)", full)
        line(
            "refresh: counting (DashboardSource.load)",
            counting,
            TARGET,
            f"bare sqlite3 same figures p50 {bare_p50:.1f} ms",
        )
        line("refresh: models, tiles, chart, paint", showing)
        line("refresh end to end (reload -> shown)", end_to_end, TARGET)
        line("bare sqlite3: today's figures x4 groupings", reference)
        report("peak RSS", peak_rss_mb(), "MB")
        page.close()
        page.deleteLater()
        app.processEvents()
    finally:
        db.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
