"""Reports and exports never keep a clerk from saving: while one is being written, a second
process registers cases as usual (counts compared, never times; benchmarks/bench_report_locks.py
measures the waits)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.factories import ItemRef, intake_for, make_item
from townclerk.db.database import Database
from townclerk.records.statistics import Period
from townclerk.services import report_workbooks
from townclerk.services.access import Actor
from townclerk.services.cases import CaseService
from townclerk.services.report_workbooks import ReportWorkbooks

# Worker processes opening the SQLite file: SQLite's one writer and its readers.
pytestmark = pytest.mark.sqlite_only

ROOT = Path(__file__).resolve().parents[2]
REGISTRATIONS = 20


@pytest.fixture
def item(db: Database, clerk: Actor) -> ItemRef:
    item = make_item(db)
    CaseService(db).accept(clerk, intake_for(item))  # something to list
    return item


def register_elsewhere(db: Database, item: ItemRef) -> list[str]:
    """Another process (another clerk's window) registers cases now; the numbers it was given.

    Before reports read in read transactions it waited out the busy timeout and gave up with
    "database is locked": no number at all.
    """
    worker = [
        *(sys.executable, "-m", "tests.unit.numbering_worker", str(db.data_dir), "7"),
        *(str(REGISTRATIONS), str(item.id), ",".join(map(str, item.material_ids))),
    ]
    result = subprocess.run(worker, cwd=ROOT, capture_output=True, text=True, timeout=120)
    return result.stdout.split()


@pytest.mark.parametrize("full", [False, True])
def test_clerks_register_while_the_deadline_warnings_are_written(
    db: Database,
    item: ItemRef,
    supervisor: Actor,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    full: bool,
) -> None:
    registered: list[str] = []
    original = report_workbooks.build_warnings_workbook

    def build_while_others_register(listing: Any) -> Any:
        registered.extend(register_elsewhere(db, item))
        return original(listing)

    monkeypatch.setattr(report_workbooks, "build_warnings_workbook", build_while_others_register)
    ReportWorkbooks(db).deadline_warnings(
        supervisor, tmp_path / "预警.xlsx", full_personal_data=full
    )
    assert len(registered) == REGISTRATIONS


def test_clerks_register_while_the_ledger_is_written(
    db: Database,
    item: ItemRef,
    supervisor: Actor,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    registered: list[str] = []
    original = report_workbooks.write_ledger

    def write_while_others_register(stream: Any, listing: Any, progress: Any = None) -> int:
        rows = iter(listing)
        first = next(rows)  # a page is being read: the export is under way
        registered.extend(register_elsewhere(db, item))

        class Rest:
            header = listing.header

            def __iter__(self) -> Any:
                yield first
                yield from rows

        return original(stream, Rest(), progress)

    monkeypatch.setattr(report_workbooks, "write_ledger", write_while_others_register)
    period = Period(db.today(), db.today())
    ReportWorkbooks(db).ledger(supervisor, period, tmp_path / "台账.xlsx", full_personal_data=True)
    assert len(registered) == REGISTRATIONS


def test_clerks_register_while_the_statistics_are_gathered(
    db: Database,
    item: ItemRef,
    supervisor: Actor,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    registered: list[str] = []
    original = report_workbooks.build_statistics_workbook

    def build_while_others_register(report: Any, **options: Any) -> Any:
        registered.extend(register_elsewhere(db, item))
        return original(report, **options)

    monkeypatch.setattr(report_workbooks, "build_statistics_workbook", build_while_others_register)
    ReportWorkbooks(db).daily(supervisor, db.today(), tmp_path / "日报.xlsx")
    assert len(registered) == REGISTRATIONS
