"""Case numbers are unique and gap-free per day, even with two processes writing at once."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.factories import intake_for, make_item
from tests.people import CENTER_CODE
from townclerk.db.database import Database
from townclerk.errors import UserError
from townclerk.services.access import Actor
from townclerk.services.cases import CaseService
from townclerk.services.numbering import MAX_DAILY_SEQUENCE, format_case_number

# Worker processes opening the SQLite file (PostgreSQL's numbering: test_postgres.py).
pytestmark = pytest.mark.sqlite_only


REPO = Path(__file__).resolve().parents[2]


def test_format() -> None:
    import datetime as dt

    assert format_case_number("320324101", dt.date(2026, 11, 27), 1) == "320324101-20261127-0001"


def test_two_processes_share_one_gap_free_sequence(db: Database, clerk: Actor) -> None:
    item = make_item(db)
    per_worker = 40
    workers = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "tests.unit.numbering_worker",
                str(db.data_dir),
                str(worker),
                str(per_worker),
                str(item.id),
                ",".join(str(m) for m in item.material_ids),
            ],
            cwd=REPO,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for worker in (1, 2)
    ]
    numbers: list[str] = []
    for process in workers:
        out, err = process.communicate(timeout=300)
        assert process.returncode == 0, err
        numbers += out.split()
    # The workers run on the real clock: every number is of one day (theirs).
    days = {number.split("-")[1] for number in numbers}
    assert len(days) == 1
    day = days.pop()
    expected = [f"{CENTER_CODE}-{day}-{n:04d}" for n in range(1, 2 * per_worker + 1)]
    assert sorted(numbers) == expected


def test_a_failed_registration_gives_its_number_back(db: Database, clerk: Actor) -> None:
    item = make_item(db)
    service = CaseService(db)
    with pytest.raises(UserError):
        service.accept(clerk, intake_for(item, phone="bad"))
    assert service.accept(clerk, intake_for(item)).number.endswith("-0001")


def test_daily_limit(db: Database, clerk: Actor) -> None:
    import datetime as dt

    from townclerk.db.models import CaseNumberCounter

    with db.sessions.begin() as session:
        session.add(CaseNumberCounter(day=dt.date(2026, 9, 29), last=MAX_DAILY_SEQUENCE))
    item = make_item(db)
    with pytest.raises(UserError, match="已用完"):
        CaseService(db).accept(clerk, intake_for(item))
