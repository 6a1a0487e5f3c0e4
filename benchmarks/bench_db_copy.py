"""``townclerk db copy`` on the 1,000,000-case database: SQLite → PostgreSQL and back.

    python benchmarks/bench_db_copy.py [--dir DIR]

DIR defaults to the database bench_foundation.py builds (benchmarks/out/foundation-1000000). It
is only read: the benchmark takes a consistent copy of it into a temporary folder (upgraded there
when it is at an older schema), copies that into a fresh database on a throwaway PostgreSQL
cluster (tests/postgres_server.py: a Unix socket, fsync off), then from the server into a new
SQLite file. Each direction prints rows/s per table, the total and its elapsed time (migrations
and the check of row counts and both history chains included); at the end the process's peak
resident memory, which stays bounded because rows are streamed in batches.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.common import OUT, peak_rss_mb, report  # noqa: E402
from tests.postgres_server import temporary_postgres  # noqa: E402
from townclerk.db import snapshot  # noqa: E402
from townclerk.db.database import Database, open_database  # noqa: E402
from townclerk.paths import DATABASE_FILE, sqlite_url  # noqa: E402
from townclerk.records.database_copy import CopyReport, TableCopy  # noqa: E402
from townclerk.services.database_copy import copy_database, sqlite_target  # noqa: E402
from townclerk.services.demo import DEMO_PASSWORD  # noqa: E402
from townclerk.services.users import UserService  # noqa: E402


def table_line(table: TableCopy) -> None:
    if table.rows:
        print(
            f"  {table.table:<28} {table.rows:>10,} rows {table.seconds:>8.1f} s "
            f"{table.rows_per_second:>10,.0f} rows/s",
            flush=True,
        )


def summary(label: str, result: CopyReport) -> None:
    report(f"{label}: rows", result.rows, "rows")
    report(f"{label}: total time", result.seconds, "s")
    report(f"{label}: rows/s overall", result.rows / result.seconds, "r/s")
    report(f"{label}: history links verified", result.links_checked, "links")


def copy_from(db: Database, label: str, target: str) -> CopyReport:
    admin = UserService(db).authenticate("admin", DEMO_PASSWORD)
    print(f"{label} …", flush=True)
    started_rss = peak_rss_mb()
    result = copy_database(db, admin, target, on_table=table_line)
    summary(label, result)
    report(f"{label}: peak RSS", peak_rss_mb(), "MB", "", f"before this copy {started_rss:.0f} MB")
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dir", type=Path, default=OUT / "foundation-1000000")
    args = parser.parse_args()
    source = args.dir / DATABASE_FILE
    if not source.exists():
        sys.exit(f"{source} not found: run benchmarks/bench_foundation.py first")
    folder = Path(tempfile.mkdtemp(prefix="townclerk-copy-bench-"))
    try:
        run(source, folder)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def run(source: Path, folder: Path) -> None:
    started = time.perf_counter()
    snapshot.sqlite_copy(source, folder / DATABASE_FILE)  # the original is never written
    db = open_database(sqlite_url(folder), folder)  # upgraded here if at an older schema
    for kept in folder.glob(f"{DATABASE_FILE}.*.bak"):
        kept.unlink()
    size_mb = (folder / DATABASE_FILE).stat().st_size / 1e6
    print(f"a copy of {source} ({size_mb:.0f} MB) in {time.perf_counter() - started:.0f} s")
    with temporary_postgres() as server:
        if server is None:
            sys.exit("PostgreSQL is not installed (scripts/system-deps.sh installs it)")
        first = copy_from(db, "SQLite → PostgreSQL", server)
        db.dispose()
        on_server = open_database(server, folder)
        back = folder / "back.sqlite3"
        second = copy_from(on_server, "PostgreSQL → SQLite", sqlite_target(back))
        on_server.dispose()
    assert first.heads == second.heads and first.rows == second.rows
    report("both directions", first.seconds + second.seconds, "s")
    report("process peak RSS", peak_rss_mb(), "MB")


if __name__ == "__main__":
    main()
