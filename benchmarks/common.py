"""Helpers shared by the benchmark scripts: timing, percentiles, peak memory, a demo database."""

from __future__ import annotations

import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from townclerk.db.database import Database
    from townclerk.records.cases import Intake

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "benchmarks" / "out"


def percentiles(samples: list[float]) -> tuple[float, float]:
    """(p50, p99) in milliseconds of samples given in seconds."""
    ordered = sorted(samples)
    p99 = ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]
    return statistics.median(ordered) * 1000, p99 * 1000


def time_each(action: Callable[[], object], repeat: int) -> list[float]:
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        samples.append(time.perf_counter() - started)
    return samples


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def report(name: str, value: float, unit: str, target: str = "", baseline: str = "") -> None:
    parts = [f"{name:<44} {value:>10.2f} {unit:<5}"]
    if target:
        parts.append(f"target {target}")
    if baseline:
        parts.append(f"| {baseline}")
    print("  ".join(parts), flush=True)


def open_copy_or_demo(source: Path, folder: Path) -> Database:
    """A copy of the database file ``source`` in ``folder`` (the benchmark may write to it), or
    a fresh demo database there when ``source`` does not exist."""
    from townclerk.db.database import open_database
    from townclerk.paths import DATABASE_FILE, sqlite_url
    from townclerk.services.demo import install_demo

    if source.exists():
        shutil.copyfile(source, folder / DATABASE_FILE)
        print(f"a copy of {source}")
    db = open_database(sqlite_url(folder), folder)
    if not source.exists():
        install_demo(db)
        print("a fresh demo database (no 1,000,000-case database found)")
    return db


def build_demo_database(data_dir: Path, cases: int, days: int, seed: int = 1) -> None:
    """``townclerk init --demo`` and ``demo-data`` into ``data_dir``, as a user would run them."""
    from townclerk.services.demo import DEMO_PASSWORD

    townclerk = [sys.executable, "-m", "townclerk", "--data-dir", str(data_dir)]
    print(f"building {cases:,} demo cases over {days} days in {data_dir} …", flush=True)
    started = time.perf_counter()
    subprocess.run([*townclerk, "init", "--demo"], check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
    subprocess.run(
        [
            *townclerk,
            "demo-data",
            "--cases",
            str(cases),
            "--days",
            str(days),
            "--seed",
            str(seed),
            "--user",
            "admin",
        ],
        check=True,
        cwd=ROOT,
        env={**os.environ, "TOWNCLERK_PASSWORD": DEMO_PASSWORD},
    )
    print(f"built in {time.perf_counter() - started:.0f} s", flush=True)


def random_intakes(db: Database, seed: int) -> Callable[[], Intake]:
    """Intakes of random residents for the first 20 promised items, all materials received: what
    the benchmarks register while they measure."""
    from townclerk.enums import ApplicantKind, IdType, MaterialState
    from townclerk.records.cases import ApplicantInput, Intake, MaterialInput
    from townclerk.services.catalog import CatalogService
    from townclerk.validation import id_check_character

    catalog = CatalogService(db)
    items = [item for item in catalog.items() if item.promised_days > 0][:20]
    details = [catalog.item(item.id) for item in items]
    rng = random.Random(seed)

    def one() -> Intake:
        detail = rng.choice(details)
        first17 = f"320324{1950 + rng.randrange(50)}0101{rng.randrange(1000):03d}"
        return Intake(
            item_id=detail.id,
            applicant=ApplicantInput(
                ApplicantKind.PERSON,
                IdType.RESIDENT_ID,
                first17 + id_check_character(first17),
                "测试",
                f"139{rng.randrange(10**8):08d}",
            ),
            materials=tuple(MaterialInput(m.id, MaterialState.RECEIVED) for m in detail.materials),
        )

    return one
