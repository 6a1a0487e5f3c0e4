"""Results back to the village: the 返还清单 hands each decided case of the point over to the
village point on one list (its pre-registration told the result), the resident's pickup there
serves the case (代办员转交); every refusal changes nothing. The printed list read with pypdf.
On SQLite and PostgreSQL."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader
from sqlalchemy import func, select

from tests.factories import intake_for, make_item, resident_id
from tests.people import add_user, first_admin
from tests.village_rows import make_point, pre_register
from townclerk.case_states import CaseAction
from townclerk.db.database import Database
from townclerk.db.models import (
    Case,
    CaseEvent,
    CaseHandover,
    PreRegistration,
    TransferList,
    TransferListEntry,
)
from townclerk.enums import (
    CaseStatus,
    Decision,
    DeliveryMethod,
    Holder,
    MaterialState,
    PreRegistrationStatus,
    Role,
    TransferDirection,
)
from townclerk.errors import NotFound, PermissionDenied, UserError
from townclerk.records.cases import Intake, MaterialInput
from townclerk.services.cases import CaseService
from townclerk.services.village_arrivals import VillageArrivalService
from townclerk.services.village_returns import VillageReturnService


class Point:
    def __init__(self, db: Database) -> None:
        self.db = db
        self.admin = first_admin(db)
        self.clerk = add_user(db, self.admin, "clerk1", Role.CLERK, "王晓燕")
        self.agent_user = add_user(db, self.admin, "wzdb", Role.VILLAGE_AGENT, "李芳")
        self.other_agent = add_user(db, self.admin, "lzdb", Role.VILLAGE_AGENT, "孙代办")
        self.item = make_item(db, code="320324-RS-001", name="城乡居民基本养老保险待遇申领")
        self.point = make_point(db, agent_user_id=self.agent_user.id)
        self.other = make_point(
            db, village="李庄村", code="LZ", agent="孙代办", agent_user_id=self.other_agent.id
        )
        self.cases = CaseService(db)
        self.returns = VillageReturnService(db)

    def accepted(self, seq: int, *, point: int | None = None) -> str:
        """A case accepted from a pre-registration of the point (or ``point``)."""
        where = self.point if point is None else self.other
        reference = pre_register(
            self.db,
            where,
            self.item,
            seq=seq,
            id_number=resident_id(sequence=f"{seq + 500}"),
            agent="李芳" if point is None else "孙代办",
        )
        draft = VillageArrivalService(self.db).draft(self.clerk, reference)
        intake = Intake(
            item_id=draft.item_id,
            applicant=draft.applicant,
            materials=tuple(
                MaterialInput(m, MaterialState.RECEIVED) for m in draft.received_material_ids
            ),
            channel=draft.channel,
            agent=draft.agent,
            pre_registration=reference,
        )
        return self.cases.accept(self.clerk, intake).number

    def decided(self, seq: int, *, point: int | None = None) -> str:
        number = self.accepted(seq, point=point)
        self.cases.complete(self.clerk, number, Decision.GRANTED, "城乡居民养老保险待遇核定表")
        return number


@pytest.fixture
def point(any_db: Database) -> Point:
    return Point(any_db)


def footprint(db: Database) -> tuple[object, ...]:
    with db.reads() as session:
        return (
            tuple(
                session.execute(
                    select(Case.number, Case.status, Case.holder, Case.delivered_to).order_by(
                        Case.id
                    )
                )
            ),
            session.scalar(select(func.count()).select_from(CaseHandover)),
            session.scalar(select(func.count()).select_from(CaseEvent)),
            session.scalar(select(func.count()).select_from(TransferList)),
            tuple(
                session.execute(
                    select(
                        PreRegistration.result_at_point_at, PreRegistration.picked_up_by
                    ).order_by(PreRegistration.id)
                )
            ),
        )


def test_the_ready_cases_are_the_points_decided_ones_at_the_window(point: Point) -> None:
    decided = point.decided(1)
    point.accepted(2)  # still open
    point.decided(3, point=1)  # another point's
    ready = point.returns.ready_for_point(point.clerk, point.point.id)
    assert [case.number for case in ready] == [decided]
    (case,) = ready
    assert (case.reference, case.applicant_name) == ("WZ-20260929-001", "张伟")
    assert case.applicant_id_number.startswith("320324") and "*" in case.applicant_id_number
    assert (case.decision, case.result_text) == (Decision.GRANTED, "城乡居民养老保险待遇核定表")
    with pytest.raises(NotFound, match="村便民服务点不存在"):
        point.returns.ready_for_point(point.clerk, 999)


def test_a_return_list_hands_the_results_to_the_village(point: Point) -> None:
    first, second = point.decided(1), point.decided(2)
    returned = point.returns.make_return_list(
        point.clerk, point.point.id, [first, second, first], "李芳"
    )
    assert returned.number == "WZ-FH-20260929-01"
    assert (returned.carrier, returned.created_by, returned.point_name) == (
        "李芳",
        "王晓燕",
        "王庄村便民服务点",
    )
    assert [entry.case_number for entry in returned.entries] == [first, second]
    assert returned.entries[0].papers == ("城乡居民养老保险待遇核定表",)
    detail = point.cases.get(point.clerk, first)
    assert detail.journey is not None and detail.journey.holder is Holder.VILLAGE
    handover = detail.journey.handovers[-1]
    assert (handover.taken_by, handover.transfer_list) == ("李芳", returned.number)
    assert detail.events[-1].action is CaseAction.HAND_OVER
    with point.db.reads() as session:
        pre = session.scalar(select(PreRegistration).where(PreRegistration.case_number == first))
        assert pre is not None
        assert (pre.decision, pre.result_text, pre.result_at_point_at) == (
            Decision.GRANTED,
            "城乡居民养老保险待遇核定表",
            point.db.now(),
        )
        trip = session.scalar(select(TransferList).where(TransferList.number == returned.number))
        assert trip is not None and trip.direction is TransferDirection.TO_VILLAGE
        entries = session.scalars(
            select(TransferListEntry).where(TransferListEntry.list_id == trip.id)
        ).all()
        assert [e.pre_registration_id is not None for e in entries] == [True, True]
    assert point.returns.ready_for_point(point.clerk, point.point.id) == ()
    third = point.decided(3)
    again = point.returns.make_return_list(point.clerk, point.point.id, [third], "李芳")
    assert again.number == "WZ-FH-20260929-02"


@pytest.mark.parametrize(
    "attempt, message",
    [
        ("another point", "不是王庄村便民服务点的村代办件"),
        ("not completed", "当前状态为“在办”，只有已办结未送达的办件可以返还"),
        ("already there", r"办理结果不在综合窗口（现在：村便民服务点）"),
        ("no case", "请选择要返还的办件"),
        ("no carrier", "请填写携带人（代办员）"),
        ("unknown case", "办件 320324101-20260929-9999 不存在"),
        ("unknown point", "村便民服务点不存在"),
    ],
)
def test_a_refused_return_list_changes_nothing(point: Point, attempt: str, message: str) -> None:
    decided = point.decided(1)
    numbers = {
        "another point": [decided, point.decided(2, point=1)],
        "not completed": [decided, point.accepted(3)],
        "already there": [decided],
        "no case": ["  "],
        "no carrier": [decided],
        "unknown case": [decided, "320324101-20260929-9999"],
        "unknown point": [decided],
    }[attempt]
    if attempt == "already there":
        point.returns.make_return_list(point.clerk, point.point.id, [decided], "李芳")
    before = footprint(point.db)
    with pytest.raises((UserError, NotFound), match=message):
        point.returns.make_return_list(
            point.clerk,
            999 if attempt == "unknown point" else point.point.id,
            numbers,
            " " if attempt == "no carrier" else "李芳",
        )
    assert footprint(point.db) == before


@pytest.mark.parametrize("by", ["clerk", "agent"])
def test_the_pickup_serves_the_case_through_the_agent(point: Point, by: str) -> None:
    number = point.decided(1)
    point.returns.make_return_list(point.clerk, point.point.id, [number], "李芳")
    (waiting,) = point.returns.lists_for_point(point.clerk, point.point.id)
    assert [entry.case_number for entry in waiting.entries] == [number]
    actor = point.clerk if by == "clerk" else point.agent_user
    picked = point.returns.record_pickup(actor, number, "张伟")
    assert point.returns.lists_for_point(point.clerk, point.point.id) == ()
    assert (picked.reference, picked.picked_up_by) == ("WZ-20260929-001", "张伟")
    detail = point.cases.get(point.clerk, number)
    assert detail.status is CaseStatus.DELIVERED
    assert detail.delivery_method is DeliveryMethod.AGENT
    assert detail.journey is not None and detail.journey.delivered_to == "张伟"
    assert detail.events[-1].note == "代办员转交：张伟在王庄村便民服务点领取"
    with point.db.reads() as session:
        pre = session.scalar(select(PreRegistration).where(PreRegistration.case_number == number))
        assert pre is not None
        assert (pre.picked_up_at, pre.picked_up_by) == (point.db.now(), "张伟")
        assert pre.status is PreRegistrationStatus.ACCEPTED
        outcome = session.scalar(
            select(TransferListEntry.outcome).where(TransferListEntry.case_id == detail.id)
        )
        assert outcome == "picked_up"
    returned = point.returns.return_list(point.clerk, "WZ-FH-20260929-01")
    assert returned.entries[0].picked_up_by == "张伟"


@pytest.mark.parametrize(
    "attempt, error, message",
    [
        ("at the window", UserError, r"办理结果不在村便民服务点（现在：综合窗口）"),
        ("twice", UserError, "已送达，不能重复登记领取"),
        ("no name", UserError, "请填写领取人"),
        ("another point's agent", PermissionDenied, "只能登记本村便民服务点的办件领取"),
        ("back office", PermissionDenied, "无权"),
    ],
)
def test_a_refused_pickup_changes_nothing(
    point: Point, attempt: str, error: type[Exception], message: str
) -> None:
    number = point.decided(1)
    if attempt != "at the window":
        point.returns.make_return_list(point.clerk, point.point.id, [number], "李芳")
    if attempt == "twice":
        point.returns.record_pickup(point.clerk, number, "张伟")
    actor = {
        "another point's agent": point.other_agent,
        "back office": add_user(point.db, point.admin, "hq1", Role.BACK_OFFICE, "孙科员"),
    }.get(attempt, point.clerk)
    before = footprint(point.db)
    with pytest.raises(error, match=message):
        point.returns.record_pickup(actor, number, "" if attempt == "no name" else "张伟")
    assert footprint(point.db) == before


def test_the_printed_return_list(point: Point) -> None:
    first, second = point.decided(1), point.decided(2)
    returned = point.returns.make_return_list(point.clerk, point.point.id, [first, second], "李芳")
    printed = point.returns.print_return_list(point.clerk, returned.number)
    assert printed.path.name == "WZ-FH-20260929-01-返还清单.pdf"
    text = "".join(
        page.extract_text() for page in PdfReader(io.BytesIO(printed.path.read_bytes())).pages
    )
    compact = "".join(text.split())
    for expected in (
        "返还清单",
        "WZ-FH-20260929-01",
        "王庄村便民服务点（WZ）",
        "携带人（代办员）",
        first,
        second,
        "320324********",
        "城乡居民基本养老保险待遇申领",
        "准予",
        "城乡居民养老保险待遇核定表",
        "领取人签名及日期",
        "移交人（综合窗口）",
        "接收人（代办员）",
    ):
        assert expected in compact, expected
    assert resident_id(sequence="501") not in compact  # the ID numbers are masked
    again = point.returns.print_return_list(point.clerk, returned.number)
    assert again.path.name == "WZ-FH-20260929-01-返还清单-补打1.pdf"
    assert "补打" in "".join(
        PdfReader(io.BytesIO(again.path.read_bytes())).pages[0].extract_text().split()
    )
    with pytest.raises(NotFound, match="返还清单 WZ-FH-20260929-09 不存在"):
        point.returns.print_return_list(point.clerk, "WZ-FH-20260929-09")


def test_a_case_accepted_at_the_window_is_no_villages(point: Point) -> None:
    number = point.cases.accept(point.clerk, intake_for(point.item)).number
    point.cases.complete(point.clerk, number, Decision.GRANTED, "核定表")
    assert point.returns.ready_for_point(point.clerk, point.point.id) == ()
