"""补正, 特别程序 and 送达 as the case service records them for their notices, on SQLite and on
PostgreSQL: what to correct and by when, which procedure and for how long, how the result was
served. Bad input is refused with a clear message and changes nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from tests.conftest import FakeClock
from tests.factories import intake_for, make_item
from tests.people import PASSWORD
from townclerk.db.database import Database
from townclerk.db.models import CaseEvent, CasePause
from townclerk.enums import (
    CaseStatus,
    Decision,
    DeliveryMethod,
    PauseKind,
    Role,
    SpecialProcedure,
)
from townclerk.errors import UserError
from townclerk.services.access import Actor
from townclerk.services.cases import CaseService
from townclerk.services.users import UserService


@pytest.fixture
def clerk_on(any_db: Database) -> Actor:
    users = UserService(any_db)
    users.create_first_admin("admin", PASSWORD)
    admin = users.authenticate("admin", PASSWORD)
    users.create_user(admin, "clerk1", PASSWORD, Role.CLERK, "王晓燕")
    return users.authenticate("clerk1", PASSWORD)


def written(db: Database) -> tuple[int, int]:
    with db.reads() as session:
        pauses = session.scalar(select(func.count()).select_from(CasePause)) or 0
        events = session.scalar(select(func.count()).select_from(CaseEvent)) or 0
    return pauses, events


def test_correction_lists_the_materials_and_keeps_the_date_to_correct_by(
    any_db: Database, clerk_on: Actor
) -> None:
    item = make_item(any_db)
    service = CaseService(any_db)
    number = service.accept(clerk_on, intake_for(item)).number
    paused = service.start_correction(
        clerk_on,
        number,
        "申请书缺少申请人签名",
        until=dt.date(2026, 10, 9),
        material_ids=[item.material_ids[1], item.material_ids[0]],
    )
    assert paused.status is CaseStatus.CORRECTION
    [pause] = paused.pauses
    assert pause.kind is PauseKind.CORRECTION
    assert pause.expected_end == dt.date(2026, 10, 9)
    # In the catalog's order, each with its form and copies, then what the clerk wrote.
    assert pause.reason.splitlines() == [
        "居民身份证（原件及复印件，1份）",
        "个体工商户设立登记申请书（原件及复印件，1份）",
        "申请书缺少申请人签名",
    ]
    assert paused.events[-1].note.endswith("补正期限：2026-10-09")


def test_correction_by_default_gives_five_working_days(any_db: Database, clerk_on: Actor) -> None:
    item = make_item(any_db)
    service = CaseService(any_db)
    number = service.accept(clerk_on, intake_for(item)).number
    paused = service.start_correction(clerk_on, number, "缺少户口簿")
    # From Tue 09-29: 09-30, 10-08, 10-09, Sat 10-10 (make-up day), 10-12.
    assert paused.pauses[0].expected_end == dt.date(2026, 10, 12)


@pytest.mark.parametrize(
    ("reason", "until", "materials", "message"),
    [
        ("缺少户口簿", dt.date(2026, 9, 28), False, "补正期限不能早于今天"),
        ("缺少户口簿", dt.date(2027, 10, 1), False, "补正期限不能晚于2027-09-30"),
        ("  ", None, False, "请填写需补正的内容"),
        ("", None, True, "所选材料不属于该办件，请重新选择"),
    ],
    ids=["past", "too-far", "nothing", "foreign-material"],
)
def test_a_bad_correction_is_refused_and_writes_nothing(
    any_db: Database,
    clerk_on: Actor,
    reason: str,
    until: dt.date | None,
    materials: bool,
    message: str,
) -> None:
    item = make_item(any_db)
    other = make_item(any_db, code="OTHER-001")
    service = CaseService(any_db)
    number = service.accept(clerk_on, intake_for(item)).number
    before = written(any_db)
    with pytest.raises(UserError) as refused:
        service.start_correction(
            clerk_on,
            number,
            reason,
            until=until,
            material_ids=other.material_ids if materials else (),
        )
    assert str(refused.value) == message
    assert written(any_db) == before
    assert service.get(clerk_on, number).status is CaseStatus.ACCEPTED


def test_special_procedure_keeps_the_procedure_and_its_expected_end(
    any_db: Database, clerk_on: Actor, clock: FakeClock
) -> None:
    item = make_item(any_db)
    service = CaseService(any_db)
    number = service.accept(clerk_on, intake_for(item)).number
    clock.set(dt.datetime(2026, 10, 12, 10, 0))
    paused = service.start_special(
        clerk_on, number, "", procedure=SpecialProcedure.HEARING, expected_days=3
    )
    [pause] = paused.pauses
    assert (pause.procedure, pause.expected_days, pause.expected_end, pause.reason) == (
        SpecialProcedure.HEARING,
        3,
        dt.date(2026, 10, 15),
        "",
    )
    assert paused.events[-1].note == "听证，预计3个工作日（至2026-10-15）"


@pytest.mark.parametrize("days", [0, 251])
def test_a_special_procedure_of_no_length_or_years_is_refused(
    any_db: Database, clerk_on: Actor, days: int
) -> None:
    item = make_item(any_db)
    service = CaseService(any_db)
    number = service.accept(clerk_on, intake_for(item)).number
    before = written(any_db)
    with pytest.raises(UserError, match="特别程序预计用时应为1至250个工作日"):
        service.start_special(
            clerk_on, number, "", procedure=SpecialProcedure.APPRAISAL, expected_days=days
        )
    assert written(any_db) == before


def test_delivery_records_its_method(any_db: Database, clerk_on: Actor) -> None:
    item = make_item(any_db)
    service = CaseService(any_db)
    number = service.accept(clerk_on, intake_for(item)).number
    service.complete(clerk_on, number, Decision.GRANTED, "营业执照")
    delivered = service.deliver(clerk_on, number, "EMS 1234567890", method=DeliveryMethod.MAIL)
    assert delivered.delivery_method is DeliveryMethod.MAIL
    assert service.get(clerk_on, number).delivery_method is DeliveryMethod.MAIL
    assert delivered.events[-1].note == "邮寄送达：EMS 1234567890"
