"""Backups on the 1,000,000-case database: create, verify, and a clerk's wait meanwhile.

    python benchmarks/bench_backup.py [--dir DIR] [--encrypt]

- ``backup create`` (the service: the online backup, row counts, sha256, manifest) beside the
  bare ``sqlite3`` backup API copying the same file;
- ``backup verify`` (sha256, integrity_check, row counts) beside a bare ``PRAGMA
  integrity_check`` of the same copy;
- a clerk's registration (``CaseService.accept``, one every 20 ms) while the window's automatic
  backup runs on a worker thread of the same process, and while ``townclerk backup create``
  runs in another process: p50/p99/max of the wait, beside the same registrations with no
  backup running.

DIR defaults to the database bench_foundation.py builds (benchmarks/out/foundation-1000000); the
benchmark works on a copy of it. Without it, a fresh demo database (figures then meaningless).
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.common import OUT, open_copy_or_demo, percentiles, random_intakes, report  # noqa: E402
from townclerk.db.database import Database  # noqa: E402
from townclerk.paths import DATABASE_FILE  # noqa: E402
from townclerk.services import backups  # noqa: E402
from townclerk.services.cases import CaseService  # noqa: E402
from townclerk.services.demo import DEMO_PASSWORD  # noqa: E402
from townclerk.services.users import UserService  # noqa: E402

PAUSE_S = 0.02
TOWNCLERK = [sys.executable, "-m", "townclerk"]


def registrations_while(db: Database, running: Callable[[], bool], minimum: int) -> list[float]:
    """Accept a case every PAUSE_S while ``running()``, and at least ``minimum`` times."""
    clerk = UserService(db).authenticate("clerk1", DEMO_PASSWORD)
    cases, intake = CaseService(db), random_intakes(db, seed=11)
    samples: list[float] = []
    while running() or len(samples) < minimum:
        started = time.perf_counter()
        cases.accept(clerk, intake())
        samples.append(time.perf_counter() - started)
        time.sleep(PAUSE_S)
    return samples


def waits(label: str, samples: list[float], baseline: list[float]) -> None:
    p50, p99 = percentiles(samples)
    b50, b99 = percentiles(baseline)
    report(f"{label} p50", p50, "ms", "", f"no backup running: p50 {b50:.1f} ms")
    report(f"{label} p99", p99, "ms", "<= 250 ms", f"no backup running: p99 {b99:.1f} ms")
    report(f"{label} max ({len(samples)} accepts)", max(samples) * 1000, "ms")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dir", type=Path, default=OUT / "foundation-1000000")
    parser.add_argument("--encrypt", action="store_true", help="also time an encrypted backup")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="townclerk-backup-bench-"))
    try:
        run(folder, args.dir / DATABASE_FILE, encrypt=args.encrypt)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def run(folder: Path, source: Path, *, encrypt: bool) -> None:
    db = open_copy_or_demo(source, folder)
    live = folder / DATABASE_FILE
    size_mb = live.stat().st_size / 1e6
    admin = UserService(db).authenticate("admin", DEMO_PASSWORD)
    print(f"townclerk backup benchmark: {live} ({size_mb:.0f} MB)")

    bare_copy = folder / "bare.sqlite3"
    started = time.perf_counter()
    with sqlite3.connect(live) as src, sqlite3.connect(bare_copy) as dst:
        src.backup(dst)
    bare_create = time.perf_counter() - started
    started = time.perf_counter()
    info = backups.create_backup(db, admin)
    create = time.perf_counter() - started
    report("backup create", create, "s", "<= 30 s", f"bare sqlite3 backup API {bare_create:.1f} s")
    if encrypt:
        started = time.perf_counter()
        secret = backups.create_backup(db, admin, encrypt=True, passphrase="benchmark passphrase")
        report("backup create, encrypted", time.perf_counter() - started, "s", "<= 30 s")
        started = time.perf_counter()
        assert backups.verify_backup(secret.path, db.data_dir, "benchmark passphrase").ok
        report("backup verify, encrypted", time.perf_counter() - started, "s", "<= 60 s")
        secret.path.unlink()

    started = time.perf_counter()
    with sqlite3.connect(f"file:{bare_copy}?mode=ro", uri=True) as connection:
        connection.execute("PRAGMA integrity_check").fetchall()
    bare_verify = time.perf_counter() - started
    started = time.perf_counter()
    verified = backups.verify_backup(info.path, db.data_dir)
    verify = time.perf_counter() - started
    assert verified.ok, verified.problems
    report(
        "backup verify", verify, "s", "<= 60 s", f"bare PRAGMA integrity_check {bare_verify:.1f} s"
    )
    bare_copy.unlink()

    baseline = registrations_while(db, lambda: False, 200)

    done = threading.Event()
    worker = threading.Thread(
        target=lambda: (backups.create_backup(db, None, reason="auto"), done.set())
    )
    worker.start()
    in_thread = registrations_while(db, lambda: not done.is_set(), 50)
    worker.join()
    waits("accept during a backup (worker thread)", in_thread, baseline)

    environment = dict(os.environ, TOWNCLERK_PASSWORD=DEMO_PASSWORD, PYTHONPATH=str(ROOT))
    process = subprocess.Popen(
        [*TOWNCLERK, "--data-dir", str(folder), "backup", "create", "--user", "admin"],
        env=environment,
        stdout=subprocess.DEVNULL,
    )
    in_process = registrations_while(db, lambda: process.poll() is None, 50)
    waits("accept during `backup create` (process)", in_process, baseline)

    bare_done = threading.Event()

    def bare_backup() -> None:
        with sqlite3.connect(live) as src, sqlite3.connect(folder / "bare2.sqlite3") as dst:
            src.backup(dst)
        bare_done.set()

    bare = threading.Thread(target=bare_backup)
    bare.start()
    during_bare = registrations_while(db, lambda: not bare_done.is_set(), 50)
    bare.join()
    waits("accept during a bare sqlite3 backup (thread)", during_bare, baseline)
    db.dispose()


if __name__ == "__main__":
    main()
