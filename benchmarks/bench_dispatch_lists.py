"""The 出件 page's lists and the status bar's count on the 1,000,000-case database.

    python benchmarks/bench_dispatch_lists.py [--dir DIR] [--repeat N]

Prints p50/p99 of 待出件 (the oldest 500 decided cases held at the window), the status bar's
待出件 count and 在县级 (the 初审转报 cases), each through its service beside bare sqlite3 running
the same SQL, and the query plans (which must name ix_cases_to_deliver and ix_cases_at_county).
Target: each list opens in ≤ 100 ms.

DIR defaults to the database bench_foundation.py builds. The benchmark works on a copy in a
temporary folder (opening it upgrades its schema; the cases sent to the county here are the
copy's), so DIR is never changed.
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import select, update  # noqa: E402

from benchmarks.common import OUT, open_copy_or_demo, percentiles, report, time_each  # noqa: E402
from townclerk.db.models import Case  # noqa: E402
from townclerk.enums import CaseStatus, Holder, Routing  # noqa: E402
from townclerk.paths import DATABASE_FILE  # noqa: E402
from townclerk.services.demo import DEMO_PASSWORD  # noqa: E402
from townclerk.services.dispatch import LIST_LIMIT, DispatchService  # noqa: E402
from townclerk.services.users import UserService  # noqa: E402

AT_COUNTY = 200  # open cases moved to the county in the copy, so that list is not empty
TO_DELIVER_SQL = (
    "SELECT number, item_name, applicant_name, agent_name, decision, result_text, completed_at,"
    " due_date, county_decided_on, county_body FROM cases"
    " WHERE status = 'completed' AND holder = 'window'"
    f" ORDER BY completed_at, id LIMIT {LIST_LIMIT}"
)
COUNT_SQL = "SELECT count(*) FROM cases WHERE status = 'completed' AND holder = 'window'"
COUNTY_COLUMNS = (
    "SELECT number, item_name, applicant_name, holder, county_body, sent_to_county_on,"
    " review_due_date, due_date FROM cases"
)
OPEN_SQL = "status IN ('accepted', 'correction', 'special')"
AT_COUNTY_SQL = (
    f"{COUNTY_COLUMNS} WHERE id IN (SELECT id FROM cases WHERE {OPEN_SQL})"
    " AND routing = 'county' AND holder = 'window' ORDER BY review_due_date, id;"
    f"{COUNTY_COLUMNS} WHERE holder = 'county' ORDER BY holder_since, id"
)


def send_some_to_the_county(folder: Path) -> None:
    """A few hundred open cases of the copy at the county, as 转报 would leave them."""
    from townclerk.db.database import open_database
    from townclerk.paths import sqlite_url

    db = open_database(sqlite_url(folder), folder)
    with db.sessions.begin() as session:
        ids = session.scalars(
            select(Case.id).where(Case.status == CaseStatus.ACCEPTED).limit(AT_COUNTY)
        ).all()
        session.execute(
            update(Case)
            .where(Case.id.in_(ids))
            .values(
                routing=Routing.COUNTY,
                holder=Holder.COUNTY,
                holder_since=Case.received_at,
                county_body=Case.department,
                sent_to_county_on=Case.received_on,
            )
        )
    db.dispose()


def plan(connection: sqlite3.Connection, sql: str) -> str:
    rows = connection.execute("EXPLAIN QUERY PLAN " + sql).fetchall()
    return " | ".join(str(row[-1]) for row in rows)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dir", type=Path, default=OUT / "foundation-1000000")
    parser.add_argument("--repeat", type=int, default=50)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="townclerk-dispatch-"))
    try:
        started = time.perf_counter()
        db = open_copy_or_demo(args.dir / DATABASE_FILE, folder)
        db.dispose()
        send_some_to_the_county(folder)
        print(f"copied and upgraded in {time.perf_counter() - started:.0f} s", flush=True)
        from townclerk.db.database import open_database
        from townclerk.paths import sqlite_url

        db = open_database(sqlite_url(folder), folder)
        clerk = UserService(db).authenticate("clerk1", DEMO_PASSWORD)
        dispatch = DispatchService(db)
        raw = sqlite3.connect(folder / DATABASE_FILE)
        print(
            f"待出件 rows: {len(dispatch.to_deliver(clerk))} of "
            f"{dispatch.count_to_deliver(clerk)}; 在县级 rows: "
            f"{len(dispatch.county_cases(clerk))}"
        )
        for name, work, sql in (
            ("待出件 list (500 oldest)", lambda: dispatch.to_deliver(clerk), TO_DELIVER_SQL),
            ("待出件 count (status bar)", lambda: dispatch.count_to_deliver(clerk), COUNT_SQL),
            ("在县级 list", lambda: dispatch.county_cases(clerk), AT_COUNTY_SQL),
        ):
            work()  # warm the page cache
            p50, p99 = percentiles(time_each(work, args.repeat))
            bare50, bare99 = percentiles(
                time_each(
                    lambda sql=sql: [raw.execute(one).fetchall() for one in sql.split(";")],
                    args.repeat,
                )
            )
            report(f"{name} p50", p50, "ms", "≤ 100 ms", f"bare sqlite3 {bare50:.2f} ms")
            report(f"{name} p99", p99, "ms", "≤ 100 ms", f"bare sqlite3 {bare99:.2f} ms")
            for one in sql.split(";"):
                print(f"  plan: {plan(raw, one)}")
        raw.close()
        db.dispose()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
