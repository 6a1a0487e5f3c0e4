"""The back-office queue on the 1,000,000-case database.

    python benchmarks/bench_back_office_queue.py [--source DIR] [--cases N] [--repeat N]

SOURCE defaults to the database bench_foundation.py builds (benchmarks/out/foundation-1000000).
It has no desks, so it is copied (SQLite's backup API) to benchmarks/out/back-office-<name> and
migrated there; the copy gets a desk (市场监管后台, mapped to a department with cases), an
officer at it, and N open cases (default 3,000) moved to the desk, as if handed over on the
days they were received. The source file is never changed.

Printed (target from issue 14: the back-office queue opens in <= 100 ms):

* queue: BackOfficeService.queue for the officer (the oldest 200 rows, masked IDs, days left
  and days at the desk), p50 and p99;
* waiting per desk: BackOfficeService.waiting_by_desk (the count the page shows beside it);
* bare sqlite3 reading the same rows, as reference;
* the query plan (it must search ix_cases_desk_queue, not scan the cases).
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.common import OUT, percentiles, report, time_each  # noqa: E402
from townclerk.db.database import open_database  # noqa: E402
from townclerk.db.models import AT_DESK_SQL, OPEN_STATUS_SQL  # noqa: E402
from townclerk.enums import Role  # noqa: E402
from townclerk.paths import DATABASE_FILE, sqlite_url  # noqa: E402
from townclerk.services.back_office import QUEUE_LIMIT, BackOfficeService  # noqa: E402
from townclerk.services.demo import DEMO_PASSWORD  # noqa: E402
from townclerk.services.desks import DeskService  # noqa: E402
from townclerk.services.users import UserService  # noqa: E402

DEFAULT_SOURCE = OUT / "foundation-1000000"
OFFICER = "bench_desk1"
DESK = "市场监管后台"
TARGET = "<= 100 ms"
BARE_QUEUE = f"""
    SELECT c.number, c.status, c.item_name, c.department, d.id, d.name, a.name, a.id_type,
           a.id_number, c.received_at, c.due_date, c.holder_since
    FROM cases AS c JOIN desks AS d ON d.id = c.desk_id
    JOIN applicants AS a ON a.id = c.applicant_id
    WHERE {AT_DESK_SQL} AND c.desk_id IN (?) ORDER BY c.holder_since, c.id LIMIT {QUEUE_LIMIT}
"""


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
    print("migrating the copy …", flush=True)
    open_database(sqlite_url(target), target).dispose()
    for backup in target.glob(f"{DATABASE_FILE}.*.bak"):
        backup.unlink()


def set_up_desk(data_dir: Path, moved: int) -> None:
    """The desk (mapped to the department with most open cases), its officer and ``moved``
    open cases at it, the newest ones of every department (once per copy)."""
    db = open_database(sqlite_url(data_dir), data_dir)
    try:
        users = UserService(db)
        admin = users.authenticate("admin", DEMO_PASSWORD)
        desks = DeskService(db)
        if any(desk.name == DESK for desk in desks.desks(admin)):
            return
        with sqlite3.connect(data_dir / DATABASE_FILE) as connection:
            (department,) = connection.execute(
                f"SELECT department FROM cases WHERE {OPEN_STATUS_SQL} "
                "GROUP BY department ORDER BY count(*) DESC LIMIT 1"
            ).fetchone()
        desk = desks.add(admin, DESK).id
        desks.map_department(admin, department, desk)
        users.create_user(admin, OFFICER, DEMO_PASSWORD, Role.BACK_OFFICE, "孙科员")
        desks.add_member(admin, desk, OFFICER)
        with sqlite3.connect(data_dir / DATABASE_FILE) as connection:
            changed = connection.execute(
                f"""UPDATE cases SET holder = 'desk', desk_id = ?, holder_since = received_at,
                    routing = 'back_office'
                    WHERE id IN (SELECT id FROM cases WHERE {OPEN_STATUS_SQL}
                                 ORDER BY id DESC LIMIT ?)""",
                (desk, moved),
            ).rowcount
        print(f"{changed:,} open cases moved to {DESK} ({department})", flush=True)
    finally:
        db.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE)
    parser.add_argument("--cases", type=int, default=3000)
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    source_file = args.source / DATABASE_FILE
    if not source_file.is_file():
        sys.exit(f"{source_file} is missing: build it with benchmarks/bench_foundation.py")
    target = OUT / f"back-office-{args.source.name}"
    copy = target / DATABASE_FILE
    if not copy.is_file() or copy.stat().st_mtime < source_file.stat().st_mtime:
        copy_and_migrate(args.source, target)
    set_up_desk(target, args.cases)

    db = open_database(sqlite_url(target), target)
    try:
        with sqlite3.connect(copy) as connection:
            total = connection.execute("SELECT count(*) FROM cases").fetchone()[0]
            desk_id = connection.execute("SELECT id FROM desks WHERE name = ?", (DESK,)).fetchone()[
                0
            ]
            plan = connection.execute(f"EXPLAIN QUERY PLAN {BARE_QUEUE}", (desk_id,)).fetchall()
            bare = time_each(
                lambda: connection.execute(BARE_QUEUE, (desk_id,)).fetchall(), args.repeat
            )
        officer = UserService(db).authenticate(OFFICER, DEMO_PASSWORD)
        supervisor = UserService(db).authenticate("admin", DEMO_PASSWORD)
        service = BackOfficeService(db)
        rows = service.queue(officer)
        waiting = sum(service.waiting_by_desk(supervisor).values())
        print(f"{total:,} cases; {waiting:,} waiting at {DESK}, the queue lists {len(rows):,}")
        for _id, _parent, _unused, detail in plan:
            print(f"  plan: {detail}")
        p50, p99 = percentiles(time_each(lambda: service.queue(officer), args.repeat))
        report("queue (p50)", p50, "ms", TARGET)
        report("queue (p99)", p99, "ms", TARGET)
        counts = time_each(lambda: service.waiting_by_desk(supervisor), args.repeat)
        report("waiting per desk (p50)", percentiles(counts)[0], "ms")
        report("bare sqlite3, the same rows (p50)", percentiles(bare)[0], "ms")
    finally:
        db.dispose()


if __name__ == "__main__":
    main()
