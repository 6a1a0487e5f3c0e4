"""Supervisors' journey figures: per back-office desk and the county, from the hand-overs; per
village point, from its pre-registrations. On SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest

from tests.conftest import FakeClock
from tests.factories import intake_for, make_item, resident_id
from tests.people import add_user, first_admin
from townclerk.db.database import Database
from townclerk.db.models import (
    Desk,
    DeskMember,
    PreRegistration,
    TransferList,
    TransferListEntry,
    Village,
    VillagePoint,
)
from townclerk.enums import (
    ApplicantKind,
    IdType,
    PreRegistrationStatus,
    Role,
    TransferDirection,
)
from townclerk.errors import PermissionDenied
from townclerk.records.statistics import Period
from townclerk.services.cases import CaseService
from townclerk.services.handover import HandoverService
from townclerk.services.journey_statistics import JourneyStatisticsService
from townclerk.services.report_workbooks import ReportWorkbooks

MONDAY = dt.datetime(2026, 10, 12, 9, 0)  # 10-12…10-16 are working days


def _pre(
    point_id: int, reference: str, registered: dt.datetime, **answer: object
) -> PreRegistration:
    return PreRegistration(
        reference=reference,
        point_id=point_id,
        agent_name="张代办",
        status=answer.pop("status", PreRegistrationStatus.PENDING),
        item_code="X-1",
        item_name="高龄津贴申请",
        applicant_kind=ApplicantKind.PERSON,
        applicant_id_type=IdType.RESIDENT_ID,
        applicant_id_number=resident_id(sequence="321"),
        applicant_name="刘大爷",
        materials=[],
        registered_at=registered,
        registered_by="agent1",
        updated_at=registered,
        **answer,
    )


def test_desk_county_and_village_point_figures(any_db: Database, clock: FakeClock) -> None:
    admin = first_admin(any_db)
    clerk = add_user(any_db, admin, "clerk1", Role.CLERK, "王晓燕")
    officer = add_user(any_db, admin, "scjg1", Role.BACK_OFFICE, "孙科员")
    chief = add_user(any_db, admin, "chief", Role.SUPERVISOR, "李主任")
    with any_db.sessions.begin() as session:
        desk = Desk(name="市场监管后台", active=True, sort_order=1)
        village = Village(name="张庄村", code="320324101201", active=True, sort_order=1)
        session.add_all([desk, village])
        session.flush()
        point = VillagePoint(village_id=village.id, name="张庄村便民服务点", code="ZZ")
        session.add(point)
        session.flush()
        session.add(DeskMember(desk_id=desk.id, user_id=officer.id))
        desk_id, point_id = desk.id, point.id
    item = make_item(any_db)
    cases, handovers = CaseService(any_db), HandoverService(any_db)
    clock.set(MONDAY)
    numbers = [
        cases.accept(clerk, intake_for(item, id_number=resident_id(sequence=f"{n:03d}"))).number
        for n in range(3)
    ]
    for number in numbers:
        handovers.to_desk(clerk, number, desk_id)  # three arrive on Monday
    clock.set(MONDAY + dt.timedelta(days=3))  # Thursday: one goes back after 3 working days
    handovers.to_window(officer, numbers[0])
    clock.set(MONDAY + dt.timedelta(days=7))  # next Monday: another, after 5 working days
    handovers.to_window(officer, numbers[1])

    with any_db.sessions.begin() as session:
        session.add_all(
            [
                _pre(point_id, "ZZ-20261012-1", MONDAY),
                _pre(
                    point_id,
                    "ZZ-20261012-2",
                    MONDAY,
                    status=PreRegistrationStatus.ACCEPTED,
                    answered_at=MONDAY + dt.timedelta(days=2),
                    result_at_point_at=MONDAY + dt.timedelta(days=3),
                ),
                _pre(
                    point_id,
                    "ZZ-20261012-3",
                    MONDAY,
                    status=PreRegistrationStatus.CANCELLED,
                ),
            ]
        )
        trip = TransferList(
            number="ZZ-JJ-20261012-1",
            direction=TransferDirection.TO_TOWNSHIP,
            point_id=point_id,
            carrier="张代办",
            created_at=MONDAY,
            created_by="agent1",
        )
        session.add(trip)
        session.flush()
        session.add_all(
            [TransferListEntry(list_id=trip.id, seq=n, pre_registration_id=None) for n in (1, 2)]
        )

    service = JourneyStatisticsService(any_db)
    week = service.report(chief, Period(MONDAY.date(), MONDAY.date() + dt.timedelta(days=4)))
    desk_row, county_row = week.holders
    assert (desk_row.name, desk_row.received, desk_row.handed_over, desk_row.waiting) == (
        "市场监管后台",
        3,
        1,
        2,
    )
    assert desk_row.average_days == 3.0
    assert (county_row.name, county_row.received, county_row.waiting) == ("县级部门", 0, 0)
    (zz,) = week.points
    assert (zz.code, zz.registered, zz.sent, zz.accepted, zz.waiting, zz.returned) == (
        "ZZ",
        3,
        2,
        1,
        1,
        1,
    )
    assert zz.average_days_to_answer == 2.0

    later = service.report(chief, Period.day(MONDAY.date() + dt.timedelta(days=7)))
    assert (later.holders[0].received, later.holders[0].handed_over, later.holders[0].waiting) == (
        0,
        1,
        1,
    )
    assert later.holders[0].average_days == 5.0
    assert later.points[0].registered == 0 and later.points[0].waiting == 1

    with pytest.raises(PermissionDenied):
        service.report(clerk, Period.day(MONDAY.date()))

    # The 日报 of that Monday carries both sheets, as a supervisor opens them.
    path = any_db.data_dir / "日报.xlsx"
    ReportWorkbooks(any_db).daily(chief, MONDAY.date(), path)
    book = openpyxl.load_workbook(path)
    desks = [[cell.value for cell in row] for row in book["后台与县级流转"].iter_rows(min_row=5)]
    assert desks == [["市场监管后台", 3, 0, 3, "—"], ["县级部门", 0, 0, 0, "—"]]
    points = [[cell.value for cell in row] for row in book["村便民服务点"].iter_rows(min_row=5)]
    assert points == [["ZZ", "张庄村便民服务点", 3, 2, 0, 0, 0, 2, 0, 0, "—"]]
    notes = [row[1].value for row in book["指标说明"].iter_rows() if row[0].value == "说明"]
    assert any(str(note).startswith("村便民服务点：") for note in notes)
