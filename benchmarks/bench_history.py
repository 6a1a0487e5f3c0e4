"""The history chain on a large database: ``audit verify`` of every row, the start-up tail
check, and migration 0004 chaining an existing history.

Uses the database bench_foundation.py builds (``--dir``, default
benchmarks/out/foundation-1000000).
The migration is timed on a copy taken back to revision 0003 (untimed), then upgraded.

Prints: seconds for the full verify (and rows per second), milliseconds for the tail check,
seconds for the migration. Targets: verify ≤ 60 s at 1,000,000 cases (the backup verify uses
it), tail check ≤ 50 ms (it runs at every start), migration a few minutes at most (once).
"""

from __future__ import annotations

import argparse
import shutil
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from alembic import command
from sqlalchemy import create_engine

from benchmarks.common import OUT
from townclerk.db.database import open_database
from townclerk.db.migrate import _config, upgrade_database
from townclerk.paths import DATABASE_FILE, sqlite_url
from townclerk.services.history import verify_chain, verify_recent_tail


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dir", type=Path, default=OUT / "foundation-1000000")
    parser.add_argument("--skip-migration", action="store_true")
    args = parser.parse_args()
    db = open_database(sqlite_url(args.dir), args.dir)
    started = time.perf_counter()
    report = verify_chain(db)
    seconds = time.perf_counter() - started
    assert report.ok, report.broken
    print(
        f"history verify: {report.checked} rows in {seconds:.1f} s "
        f"({report.checked / seconds:,.0f} rows/s)   target <= 60 s (1M cases)"
    )
    samples = []
    for _ in range(20):
        started = time.perf_counter()
        verify_recent_tail(db)
        samples.append((time.perf_counter() - started) * 1000)
    samples.sort()
    print(
        f"start-up tail check: median {samples[10]:.1f} ms, max {samples[-1]:.1f} ms   "
        "target <= 50 ms"
    )
    db.dispose()
    if args.skip_migration:
        return
    copy = args.dir.parent / f"{args.dir.name}-migration"
    shutil.rmtree(copy, ignore_errors=True)
    copy.mkdir()
    shutil.copyfile(args.dir / DATABASE_FILE, copy / DATABASE_FILE)
    engine = create_engine(sqlite_url(copy))
    config = _config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0003")
    engine.dispose()
    migrated = open_database(sqlite_url(copy), copy, migrate=False)
    started = time.perf_counter()
    upgrade_database(migrated.engine)
    seconds = time.perf_counter() - started
    print(f"migration 0004 (chains the existing history, backup first): {seconds:.1f} s")
    assert verify_recent_tail(migrated).ok
    migrated.dispose()
    shutil.rmtree(copy)


if __name__ == "__main__":
    main()
