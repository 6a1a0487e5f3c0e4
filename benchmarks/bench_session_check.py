"""What the disabled-user check costs a case search (services/access.py ``viewing``).

    python benchmarks/bench_session_check.py [--cases N] [--dir DIR]

In a demo database of N cases (default 100,000; kept in DIR, default
benchmarks/out/session-check-N, and reused): the case list's search as the window sends it
after a typing pause (``list_cases`` by ID number, by phone and by name), beside the check
alone: its statement, one primary-key read, in the search's own read transaction.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from sqlalchemy import select

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.common import OUT, build_demo_database, percentiles, report, time_each
from townclerk.db.database import open_database
from townclerk.db.models import Applicant, Case, User
from townclerk.paths import sqlite_url
from townclerk.records.cases import CaseQuery
from townclerk.services.access import viewing
from townclerk.services.cases import CaseService
from townclerk.services.demo import DEMO_PASSWORD
from townclerk.services.users import UserService

REPEAT = 300
LIST_PAGE = 201  # what the case list asks for (ui/pages/cases: PAGE_SIZE + 1)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--dir", type=Path)
    args = parser.parse_args()
    folder = args.dir or OUT / f"session-check-{args.cases}"
    marker = folder / "built"
    if not marker.exists():
        build_demo_database(folder, args.cases, days=365)
        marker.write_text(f"{args.cases}\n")
    db = open_database(sqlite_url(folder), folder)
    clerk = UserService(db).authenticate("clerk1", DEMO_PASSWORD)
    service = CaseService(db)
    with db.reads() as session:
        sample = session.execute(
            select(Applicant.id_number, Applicant.phone, Applicant.name)
            .join(Case, Case.applicant_id == Applicant.id)
            .where(Case.id % 997 == 0)
            .limit(REPEAT)
        ).all()
    print(f"session check benchmark: {args.cases:,} cases in {folder}")

    def searches(texts: list[str]) -> list[float]:
        queue = iter(texts * (REPEAT // len(texts) + 1))
        return time_each(
            lambda: service.list_cases(clerk, CaseQuery(text=next(queue)), limit=LIST_PAGE),
            REPEAT,
        )

    with viewing(db, clerk) as session:
        # The check's statement (access._check_active) in a search's open read transaction.
        statement = select(User.active).where(User.id == clerk.id)
        check = percentiles(time_each(lambda: session.scalar(statement), REPEAT * 3))[0]
    report("the check alone p50", check, "ms", "", "one primary-key read")
    for label, column in (("ID number", 0), ("phone", 1), ("name", 2)):
        p50, p99 = percentiles(searches([row[column] for row in sample]))
        report(
            f"case search by {label} p50",
            p50,
            "ms",
            "<= 10 ms",
            f"p99 {p99:.2f} ms; the check is {100 * check / p50:.1f} % of it",
        )
    db.dispose()


if __name__ == "__main__":
    main()
