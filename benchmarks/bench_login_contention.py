"""How many cases a clerk registers while someone fails logins in a loop (production argon2).

    .venv/bin/python benchmarks/bench_login_contention.py [--seconds S]

A clerk's process registers cases back to back for S seconds (default 10) in a fresh demo
database: first alone, then while another process tries wrong passwords under ever new names (so
no login delay ever spares it the password check). When argon2 ran inside the write transaction,
the clerk kept about 2 % of the registrations (15 of ~700 in 20 s); target: at least half.
``tests/unit/test_users.py`` checks the cause (no argon2 inside a write transaction) without
timing anything.
"""

from __future__ import annotations

import argparse
import multiprocessing
import sys
import tempfile
import time
from multiprocessing.synchronize import Event
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.common import random_intakes, report  # noqa: E402

CLERK = "clerk1"


def register(data_dir: Path, seconds: float, results: multiprocessing.Queue) -> None:
    """A clerk's window: register cases back to back for ``seconds``; put how many."""
    from townclerk.db.database import open_database
    from townclerk.paths import sqlite_url
    from townclerk.services.cases import CaseService
    from townclerk.services.demo import DEMO_PASSWORD
    from townclerk.services.users import UserService

    db = open_database(sqlite_url(data_dir), data_dir, migrate=False)
    clerk = UserService(db).authenticate(CLERK, DEMO_PASSWORD)
    cases = CaseService(db)
    intake = random_intakes(db, seed=7)
    done = 0
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        cases.accept(clerk, intake())
        done += 1
    results.put(done)
    db.dispose()


def fail_logins(
    data_dir: Path, failing: Event, stop: Event, results: multiprocessing.Queue
) -> None:
    """Wrong passwords under new names until ``stop``; ``failing`` once the first has failed."""
    from townclerk.db.database import open_database
    from townclerk.errors import AuthenticationFailed
    from townclerk.paths import sqlite_url
    from townclerk.services.users import UserService

    db = open_database(sqlite_url(data_dir), data_dir, migrate=False)
    users = UserService(db)
    done = 0
    while not stop.is_set():
        try:
            users.authenticate(f"intruder{done}", "wrong-pass1")
        except AuthenticationFailed:
            done += 1
        failing.set()
    results.put(done)
    db.dispose()


def registrations(data_dir: Path, seconds: float, *, attacked: bool) -> tuple[int, int]:
    """(cases the clerk registered, logins that failed meanwhile)."""
    context = multiprocessing.get_context("spawn")
    clerk_results: multiprocessing.Queue[int] = context.Queue()
    attack_results: multiprocessing.Queue[int] = context.Queue()
    failing, stop = context.Event(), context.Event()
    attacker = None
    if attacked:
        attacker = context.Process(
            target=fail_logins, args=(data_dir, failing, stop, attack_results)
        )
        attacker.start()
        failing.wait(timeout=60)
    clerk = context.Process(target=register, args=(data_dir, seconds, clerk_results))
    clerk.start()
    done = clerk_results.get(timeout=seconds + 120)
    clerk.join(timeout=60)
    failed = 0
    if attacker is not None:
        stop.set()
        failed = attack_results.get(timeout=60)
        attacker.join(timeout=60)
    return done, failed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10.0)
    args = parser.parse_args()
    from townclerk.db.database import open_database
    from townclerk.paths import sqlite_url
    from townclerk.services.demo import install_demo

    with tempfile.TemporaryDirectory(prefix="townclerk-logins-") as folder:
        data_dir = Path(folder)
        db = open_database(sqlite_url(data_dir), data_dir)
        install_demo(db)
        db.dispose()
        alone, _ = registrations(data_dir, args.seconds, attacked=False)
        attacked, failed = registrations(data_dir, args.seconds, attacked=True)
    report(f"registrations in {args.seconds:g} s, alone", alone, "")
    report(
        f"registrations in {args.seconds:g} s, failed logins beside",
        attacked,
        "",
        target=">= 50 % of alone",
        baseline=f"{attacked / max(alone, 1):.0%} of alone; {failed} logins failed meanwhile",
    )


if __name__ == "__main__":
    main()
