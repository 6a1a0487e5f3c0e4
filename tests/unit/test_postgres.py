"""The same schema and services on PostgreSQL: migrations, numbering, the whole life cycle."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from sqlalchemy import func, select, text

from tests.conftest import FakeClock
from tests.factories import intake_for, make_item, resident_id
from tests.people import add_user, first_admin
from townclerk.cli import main
from townclerk.db.database import Database
from townclerk.db.migrate import schema_state
from townclerk.db.models import Applicant
from townclerk.enums import CaseStatus, Decision, Evaluation, Role
from townclerk.errors import UserError
from townclerk.records.cases import CaseQuery
from townclerk.services.applicants import check_applicant, upsert_applicant
from townclerk.services.cases import CaseService

pytestmark = [pytest.mark.postgres]


def test_migrations_reach_head(pg: Database) -> None:
    assert schema_state(pg.engine).up_to_date


def test_life_cycle_and_numbering_with_concurrent_clerks(pg: Database, clock: FakeClock) -> None:
    admin = first_admin(pg)
    clerks = [add_user(pg, admin, name) for name in ("clerk1", "clerk2")]
    item = make_item(pg)
    service = CaseService(pg)
    numbers: list[str] = []
    errors: list[BaseException] = []

    def work(worker: int) -> None:
        try:
            for index in range(15):
                sequence = f"{worker * 100 + index:03d}"
                case = service.accept(
                    clerks[worker], intake_for(item, id_number=resident_id(sequence=sequence))
                )
                numbers.append(case.number)
        except BaseException as error:  # reported below
            errors.append(error)

    threads = [threading.Thread(target=work, args=(worker,)) for worker in (0, 1)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(numbers) == [f"320324101-20260929-{n:04d}" for n in range(1, 31)]
    number = numbers[0]
    clock.set(dt.datetime(2026, 9, 30, 9, 0))
    service.start_correction(clerks[0], number, "补正")
    clock.set(dt.datetime(2026, 10, 9, 9, 0))
    # 09-30, 10-08 and 10-09 paused: 10-10, 10-12, 10-13, 10-14, 10-15.
    assert service.end_correction(clerks[0], number).due_date == dt.date(2026, 10, 15)
    service.complete(clerks[0], number, Decision.GRANTED, "营业执照")
    service.deliver(clerks[0], number)
    done = service.evaluate(clerks[0], number, Evaluation.SATISFIED)
    assert done.status is CaseStatus.DELIVERED
    assert service.count_cases(clerks[0], CaseQuery(open_only=True)) == 29
    assert len(service.list_cases(clerks[0], CaseQuery(text="20260929-000"), limit=100)) == 9


def test_two_windows_extending_one_case_take_turns(pg: Database) -> None:
    """延期 is once per case. Another window's 延期, not yet committed when this one reads the
    case, holds the case's row: this one waits for it, then sees it and is refused."""
    admin = first_admin(pg)
    chief = add_user(pg, admin, "chief", Role.SUPERVISOR)
    service = CaseService(pg)
    number = service.accept(chief, intake_for(make_item(pg))).number
    outcome: list[BaseException | None] = []

    def extend() -> None:
        try:
            service.extend(chief, number, 5, "需实地核查")
            outcome.append(None)
        except BaseException as error:  # reported below
            outcome.append(error)

    with pg.engine.connect() as other_window:
        other = other_window.begin()
        other_window.execute(
            text("SELECT id FROM cases WHERE number = :n FOR UPDATE"), {"n": number}
        )
        other_window.execute(
            text("UPDATE cases SET extension_days = 3 WHERE number = :n"), {"n": number}
        )
        thread = threading.Thread(target=extend)
        thread.start()
        thread.join(timeout=0.3)  # gives it time to read the case and wait
        other.commit()
    thread.join(timeout=30)
    assert len(outcome) == 1 and isinstance(outcome[0], UserError), outcome
    extension = service.get(chief, number).extension
    assert extension is not None and extension.days == 3


def test_db_status_prints_no_password(
    server_url: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The throwaway server trusts any password: one in the URL must never be printed."""
    url = server_url.replace("://townclerk@", "://townclerk:PW-s3cret@")
    assert main(["--db", url, "db", "status"]) == 0
    out, err = capsys.readouterr()
    assert "townclerk:***@" in out
    assert "PW-s3cret" not in out + err


def test_two_windows_registering_one_new_resident_at_once_make_one_applicant(
    pg: Database,
) -> None:
    """Found by benchmarks/bench_center.py: window 2 looked for the resident while window 1's
    registration of them had not committed, found nobody, and its insert failed on the unique
    ID number (a crash for the clerk). Now window 2 waits for window 1 and uses its row."""
    admin = first_admin(pg)
    clerks = [add_user(pg, admin, f"clerk{n}", Role.CLERK) for n in (1, 2)]
    item = make_item(pg)
    intake = intake_for(item, id_number=resident_id(sequence="777"))
    checked = check_applicant(intake.applicant, phone_required=True, today=pg.today())
    results: list[object] = []
    with pg.sessions.begin() as first:  # window 1, not yet committed
        upsert_applicant(first, checked, pg.now())
        second = threading.Thread(
            target=lambda: results.append(CaseService(pg).accept(clerks[1], intake).number)
        )
        second.start()
        second.join(timeout=1.0)
        assert second.is_alive()  # window 2 waits on window 1's new row
    second.join(timeout=30)
    assert len(results) == 1 and isinstance(results[0], str)
    with pg.reads() as session:
        assert session.scalar(select(func.count()).select_from(Applicant)) == 1
