"""Synthetic cases: consistent with what the services write, reproducible, numbering kept."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from tests.conftest import FakeClock
from tests.factories import ID_LI, intake_for, make_item
from tests.people import add_user, first_admin
from townclerk.db import history
from townclerk.db.database import Database
from townclerk.db.models import Applicant, Case, CaseEvent, Setting, Village
from townclerk.enums import CaseKind, CaseStatus, Channel
from townclerk.records.cases import CaseQuery
from townclerk.services.access import Actor
from townclerk.services.cases import CaseService
from townclerk.services.demo import DEMO_SETTING, bulk_insert, generate_cases
from townclerk.services.settings import SettingsService


@pytest.fixture(autouse=True)
def _demo_database(db: Database) -> None:
    mark_demo(db)


def mark_demo(db: Database) -> None:
    """What ``init --demo`` stores (these tests build their own demo content)."""
    with db.sessions.begin() as session:
        session.add(Setting(key=DEMO_SETTING, value="1"))


def _items(db: Database) -> None:
    make_item(db)
    make_item(db, code="JB-1", name="城乡居民基本养老保险参保登记", promised_days=0)
    make_item(db, code="CN-20", name="农村村民宅基地审批", promised_days=20, statutory_days=20)


def test_generated_cases_read_back_through_the_services(
    db: Database, admin: Actor, clerk: Actor, clock: FakeClock
) -> None:
    _items(db)
    summary = generate_cases(db, admin, cases=400, days=60, seed=3)
    assert summary.cases == 400
    service = CaseService(db)
    rows = service.list_cases(clerk, CaseQuery(), limit=1000)
    assert len(rows) == 400
    statuses = {row.status for row in rows}
    assert {CaseStatus.DELIVERED, CaseStatus.NOTIFIED, CaseStatus.ACCEPTED} <= statuses
    for row in rows[::37]:
        case = service.get(clerk, row.number)
        assert case.received_at.date() <= clock.now.date()
        assert case.events[0].action.value in ("accept", "notify", "refuse")
        if case.status is CaseStatus.DELIVERED:
            assert case.completed_at is not None and case.delivered_at is not None
            assert case.completed_at <= case.delivered_at
        if case.case_kind is CaseKind.INSTANT and case.completed_at is not None:
            assert case.days_used == 0
        # Registered like any case: the issuer of the day is kept with it.
        assert case.issuing_body and case.issuing_seal
    # The window goes on numbering after the generated cases of today.
    today_count = service.count_cases(
        clerk, CaseQuery(received_from=clock.now.date(), received_to=clock.now.date())
    )
    new = service.accept(clerk, intake_for(make_item(db, code="NEW"), id_number=ID_LI))
    assert new.number.endswith(f"-{today_count + 1:04d}")


def test_same_seed_same_data(db: Database, admin: Actor, clerk: Actor) -> None:
    _items(db)
    generate_cases(db, admin, cases=50, days=10, seed=11)
    with db.sessions() as session:
        first = session.execute(select(Case.number, Case.item_code, Case.status)).all()
    # A second database from the same seed.
    from townclerk.db.database import open_database
    from townclerk.paths import sqlite_url

    other_dir = db.data_dir.parent / "other"
    other = open_database(sqlite_url(other_dir), other_dir, clock=db.clock)
    from townclerk.services.settings import SettingsService

    admin = first_admin(other, SettingsService(db).center())
    add_user(other, admin, "clerk1")
    _items(other)
    mark_demo(other)
    generate_cases(other, admin, cases=50, days=10, seed=11)
    with other.sessions() as session:
        second = session.execute(select(Case.number, Case.item_code, Case.status)).all()
    other.dispose()
    assert first == second


def test_fast_sqlite_path_writes_what_core_writes(db: Database, clerk: Actor) -> None:
    item = make_item(db)
    CaseService(db).accept(clerk, intake_for(item))
    with db.sessions() as session:
        case_id = session.scalar(select(Case.id))
    row = {
        "case_id": case_id,
        "seq": 2,
        "at": dt.datetime(2026, 9, 29, 10, 11, 12),
        "user_id": clerk.id,
        "action": "deliver",
        "from_status": CaseStatus.COMPLETED,
        "to_status": CaseStatus.DELIVERED,
        "note": None,
    }
    with db.write_engine.begin() as connection:
        history.append(connection, history.EVENTS, [row], insert_rows=bulk_insert)
        history.append(connection, history.EVENTS, [{**row, "seq": 3}])
        raw = connection.exec_driver_sql(
            "SELECT at, from_status, to_status FROM case_events WHERE seq IN (2, 3) ORDER BY seq"
        ).all()
    assert raw[0] == raw[1]
    with db.sessions() as session:
        events = session.scalars(select(CaseEvent).where(CaseEvent.seq >= 2)).all()
        assert [e.at for e in events] == [row["at"], row["at"]]
        assert session.scalar(select(func.count()).select_from(CaseEvent)) == 3


def test_residents_live_in_their_village_and_village_agents_bring_its_cases(
    db: Database, admin: Actor, clerk: Actor
) -> None:
    _items(db)
    settings = SettingsService(db)
    for name in ("王集村", "双河村", "东街社区"):
        settings.add_village(admin, name)
    generate_cases(db, admin, cases=600, days=30, seed=5)
    with db.sessions() as session:
        village_names = {
            row.id: row.name for row in session.execute(select(Village.id, Village.name))
        }
        for address, village_id in session.execute(select(Applicant.address, Applicant.village_id)):
            assert village_names[village_id] in address
        rows = session.execute(
            select(
                Case.channel,
                Case.agent_name,
                Case.agent_id_number,
                Case.village_id,
                Applicant.village_id,
            ).join(Applicant, Applicant.id == Case.applicant_id)
        ).all()
    assert all(case_village == home for *_rest, case_village, home in rows)
    by_agent = [row for row in rows if row[0] is Channel.VILLAGE_AGENT]
    assert len(by_agent) > 30
    assert all(row[1] and row[2] for row in by_agent)
    assert all(row[1] is None for row in rows if row[0] is not Channel.VILLAGE_AGENT)


def test_nothing_generated_is_stamped_later_than_the_clock(
    db: Database, admin: Actor, clerk: Actor, clock: FakeClock
) -> None:
    """At 09:30 today's demo cases were received between opening and now (they were spread
    over 08:30–17:30 before), and no later step of any case is after now either."""
    _items(db)
    generate_cases(db, admin, cases=600, days=5, seed=5)
    now = clock.now
    with db.sessions() as session:
        latest_case = session.scalar(select(func.max(Case.received_at)))
        latest_event = session.scalar(select(func.max(CaseEvent.at)))
        later = [
            session.scalar(select(func.max(column)))
            for column in (Case.completed_at, Case.delivered_at, Case.evaluated_at)
        ]
        today = session.scalar(
            select(func.count()).select_from(Case).where(Case.received_on == now.date())
        )
    assert today and latest_case is not None and latest_case <= now
    assert latest_event is not None and latest_event <= now
    assert all(stamp is None or stamp <= now for stamp in later)


def test_generated_before_opening_time_stays_before_the_clock(
    db: Database, admin: Actor, clerk: Actor, clock: FakeClock
) -> None:
    _items(db)
    clock.set(dt.datetime(2026, 9, 29, 7, 50))
    generate_cases(db, admin, cases=200, days=3, seed=2)
    with db.sessions() as session:
        latest = session.scalar(select(func.max(CaseEvent.at)))
    assert latest is not None and latest <= clock.now
