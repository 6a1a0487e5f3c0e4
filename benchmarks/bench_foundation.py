"""Foundation figures on a SQLite file of (by default) 1,000,000 cases.

    python benchmarks/bench_foundation.py [--cases N] [--dir DIR]

Prints: demo-data time and size beside SQLAlchemy Core executemany writing the same number of
rows; accept p50/p99; look-ups by number, ID number and phone; beside bare Core doing the same.
The database is kept in DIR (default benchmarks/out/foundation-N) and reused on the next run.
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import sqlite3
import sys
import time
from pathlib import Path

from sqlalchemy import func, insert, select

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.common import OUT, percentiles, random_intakes, report, time_each
from townclerk.db import history
from townclerk.db.database import Database, open_database
from townclerk.db.models import (
    Applicant,
    Case,
    CaseEvent,
    CaseMaterial,
    CatalogVersion,
    ItemMaterial,
    ServiceItem,
    ServiceWindow,
    User,
    Village,
)
from townclerk.paths import DATABASE_FILE, sqlite_url
from townclerk.records.cases import CaseQuery
from townclerk.services.cases import CaseService
from townclerk.services.demo import DEMO_PASSWORD, generate_cases, install_demo
from townclerk.services.users import UserService


def build(folder: Path, cases: int, days: int) -> float:
    """Create the demo database and its cases; return the demo-data seconds."""
    if folder.exists():
        shutil.rmtree(folder)
    db = open_database(sqlite_url(folder), folder)
    install_demo(db)
    admin = UserService(db).authenticate("admin", DEMO_PASSWORD)
    started = time.perf_counter()
    generate_cases(db, admin, cases=cases, days=days, seed=1)
    seconds = time.perf_counter() - started
    db.dispose()
    with sqlite3.connect(folder / DATABASE_FILE) as raw:  # outside any transaction
        raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    (folder / "built").write_text(f"{cases} {seconds:.1f}\n")
    return seconds


def core_baseline(db: Database, cases: int) -> float:
    """Bare SQLAlchemy Core executemany of as many case, event and material rows as demo-data
    wrote, into an empty copy of the schema (rows built beforehand, only the inserts timed)."""
    folder = db.data_dir.parent / "core-baseline"
    if folder.exists():
        shutil.rmtree(folder)
    baseline = open_database(sqlite_url(folder), folder)
    with db.engine.connect() as connection:
        case_rows = [dict(r._mapping) for r in connection.execute(select(Case).limit(20_000))]
        event_rows = [
            dict(r._mapping)
            for r in connection.execute(
                select(CaseEvent).where(CaseEvent.case_id <= case_rows[-1]["id"])
            )
        ]
        material_rows = [
            dict(r._mapping)
            for r in connection.execute(
                select(CaseMaterial).where(CaseMaterial.case_id <= case_rows[-1]["id"])
            )
        ]
        reference = {
            model: [dict(r._mapping) for r in connection.execute(select(model))]
            for model in (
                User,
                ServiceWindow,
                Village,
                CatalogVersion,
                ServiceItem,
                ItemMaterial,
                Applicant,
            )
        }
    with baseline.write_engine.begin() as connection:
        for model, rows in reference.items():  # what the cases point at, copied untimed
            if rows:
                connection.execute(insert(model), rows)
    rounds = max(1, cases // len(case_rows))
    elapsed = 0.0
    for round_index in range(rounds):
        offset = round_index * 10_000_000
        batch_cases = [
            {**row, "id": row["id"] + offset, "number": f"{row['number']}-{round_index}"}
            for row in case_rows
        ]
        batch_events = [
            {**row, "case_id": row["case_id"] + offset, "chain_pos": row["chain_pos"] + offset}
            for row in event_rows
        ]
        batch_materials = [{**row, "case_id": row["case_id"] + offset} for row in material_rows]
        started = time.perf_counter()
        with baseline.write_engine.begin() as connection:
            connection.execute(insert(Case), batch_cases)
            connection.execute(insert(CaseEvent), batch_events)
            connection.execute(insert(CaseMaterial), batch_materials)
        elapsed += time.perf_counter() - started
    size = (folder / DATABASE_FILE).stat().st_size
    baseline.dispose()
    shutil.rmtree(folder)
    print(f"  (core baseline file size {size / 1e6:.0f} MB)")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=1_000_000)
    parser.add_argument("--days", type=int, default=1095)
    parser.add_argument("--dir", type=Path)
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--accepts", type=int, default=500)
    args = parser.parse_args()
    folder = args.dir or OUT / f"foundation-{args.cases}"
    marker = folder / "built"
    if args.rebuild or not marker.exists() or int(marker.read_text().split()[0]) != args.cases:
        seconds = build(folder, args.cases, args.days)
        db = open_database(sqlite_url(folder), folder)
        core = core_baseline(db, args.cases)
        marker.write_text(f"{args.cases} {seconds:.1f} {core:.1f}\n")
    else:
        _, built, core_text = [*marker.read_text().split(), "nan"][:3]
        seconds, core = float(built), float(core_text)
        print(f"reusing {folder}: demo-data and its baseline as measured when it was built")
        db = open_database(sqlite_url(folder), folder)
    size_mb = (folder / DATABASE_FILE).stat().st_size / 1e6
    print(f"townclerk foundation benchmark: {args.cases} cases in {folder}")
    report("demo-data", seconds, "s", "<= 120 s (1M)", f"Core executemany same rows {core:.1f} s")
    report("database size", size_mb, "MB", "<= 700 MB (1M)")

    clerk = UserService(db).authenticate("clerk1", DEMO_PASSWORD)
    service = CaseService(db)
    intake = random_intakes(db, seed=5)

    accept_samples = time_each(lambda: service.accept(clerk, intake()), args.accepts)
    p50, p99 = percentiles(accept_samples)
    bare = _bare_accept(db, args.accepts)
    b50, b99 = percentiles(bare)
    report("accept p50", p50, "ms", "<= 5 ms", f"bare Core p50 {b50:.2f} ms")
    report("accept p99", p99, "ms", "<= 20 ms", f"bare Core p99 {b99:.2f} ms")

    with db.sessions() as session:
        sample = session.execute(
            select(Case.number, Applicant.id_number, Applicant.phone)
            .join(Applicant, Applicant.id == Case.applicant_id)
            .where(Case.id % 9973 == 0)
            .limit(100)
        ).all()
    numbers = [row[0] for row in sample]
    ids = [row[1] for row in sample]
    phones = [row[2] for row in sample]
    iterator = iter(numbers * 3)
    by_number = time_each(lambda: service.get(clerk, next(iterator)), 100)
    iterator_id = iter(ids * 3)
    by_id = time_each(
        lambda: service.list_cases(clerk, CaseQuery(text=next(iterator_id)), limit=50), 100
    )
    iterator_phone = iter(phones * 3)
    by_phone = time_each(
        lambda: service.list_cases(clerk, CaseQuery(text=next(iterator_phone)), limit=50), 100
    )
    iterator_bare = iter(numbers * 3)

    def bare_lookup() -> object:
        with db.engine.connect() as connection:
            return connection.execute(
                select(Case).where(Case.number == next(iterator_bare))
            ).first()

    bare_number = time_each(bare_lookup, 100)
    report(
        "case by number p50 (full detail)",
        percentiles(by_number)[0],
        "ms",
        "<= 10 ms",
        f"bare Core select p50 {percentiles(bare_number)[0]:.2f} ms",
    )
    report("cases by ID number p50", percentiles(by_id)[0], "ms", "<= 10 ms")
    report("cases by phone p50", percentiles(by_phone)[0], "ms", "<= 10 ms")
    db.dispose()


def _bare_accept(db: Database, count: int) -> list[float]:
    """One transaction per case inserting the case, its event and materials with Core."""
    with db.engine.connect() as connection:
        template = dict(connection.execute(select(Case).limit(1)).one()._mapping)
        materials = [
            dict(r._mapping)
            for r in connection.execute(
                select(CaseMaterial).where(CaseMaterial.case_id == template["id"])
            )
        ]
        last_id = connection.scalar(select(func.max(Case.id))) or 0
    # The history is append-only: these rows stay (a few hundred beside a million).
    next_id = [max(last_id, 10_000_000)]

    def one() -> None:
        next_id[0] += 1
        case_id = next_id[0]
        with db.write_engine.begin() as connection:
            connection.execute(
                insert(Case),
                {
                    **template,
                    "id": case_id,
                    "number": f"BARE-{case_id}",
                    "received_at": dt.datetime.now().replace(microsecond=0),
                },
            )
            history.append(
                connection,
                history.EVENTS,
                [
                    {
                        "case_id": case_id,
                        "seq": 1,
                        "at": dt.datetime.now().replace(microsecond=0),
                        "user_id": template["clerk_id"],
                        "action": "accept",
                        "from_status": None,
                        "to_status": "accepted",
                        "note": None,
                    }
                ],
            )
            if materials:
                connection.execute(
                    insert(CaseMaterial), [{**m, "case_id": case_id} for m in materials]
                )

    return time_each(one, count)


if __name__ == "__main__":
    main()
