"""Hand-overs between the window and a back-office desk: one transaction each, recorded as a
row (who gave, who took, what papers) and as an event in the case's history; where an item is
decided is worked out when the case is accepted. On SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from tests.factories import intake_for, make_item
from tests.people import add_user, first_admin
from townclerk.case_states import CaseAction
from townclerk.db.database import Database
from townclerk.db.models import Case, CaseEvent, CaseHandover, Desk, DeskDepartment, DeskMember
from townclerk.enums import CaseKind, Holder, Role, Routing
from townclerk.errors import NotFound, PermissionDenied, UserError
from townclerk.records.journey import route_for
from townclerk.services.access import Actor
from townclerk.services.cases import CaseService
from townclerk.services.handover import HandoverService

MARKET = "睢宁县市场监督管理局"


class Center:
    def __init__(self, db: Database) -> None:
        self.admin = first_admin(db)
        self.clerk = add_user(db, self.admin, "clerk1", Role.CLERK, "王晓燕")
        self.officer = add_user(db, self.admin, "scjg1", Role.BACK_OFFICE, "孙科员")
        self.other_officer = add_user(db, self.admin, "mz1", Role.BACK_OFFICE, "周科员")
        with db.sessions.begin() as session:
            desk = Desk(name="市场监管后台", active=True, sort_order=1)
            closed = Desk(name="已撤销后台", active=False, sort_order=2)
            session.add_all([desk, closed])
            session.flush()
            session.add(DeskDepartment(department=MARKET, desk_id=desk.id))
            session.add(DeskMember(desk_id=desk.id, user_id=self.officer.id))
            self.desk_id, self.closed_desk_id = desk.id, closed.id


@pytest.fixture
def center(any_db: Database) -> Center:
    return Center(any_db)


def _accepted(db: Database, clerk: Actor) -> str:
    item = make_item(db, department=MARKET)
    return CaseService(db).accept(clerk, intake_for(item)).number


def _counts(db: Database) -> tuple[int, int]:
    with db.reads() as session:
        return (
            session.scalar(select(func.count()).select_from(CaseHandover)) or 0,
            session.scalar(select(func.count()).select_from(CaseEvent)) or 0,
        )


def test_a_case_of_a_department_with_a_desk_is_routed_there(
    any_db: Database, center: Center
) -> None:
    detail = CaseService(any_db).get(center.clerk, _accepted(any_db, center.clerk))
    assert detail.journey is not None
    assert detail.journey.routing is Routing.BACK_OFFICE
    assert detail.journey.holder is Holder.WINDOW
    assert detail.journey.holder_since == detail.received_at


def test_papers_go_to_the_desk_and_come_back(any_db: Database, center: Center) -> None:
    number = _accepted(any_db, center.clerk)
    service = HandoverService(any_db)
    at_desk = service.to_desk(center.clerk, number, center.desk_id, taken_by="孙科员")
    assert at_desk.journey is not None
    assert (at_desk.journey.holder, at_desk.journey.desk_name) == (Holder.DESK, "市场监管后台")
    handed = at_desk.journey.handovers[-1]
    assert handed.papers == ("居民身份证", "个体工商户设立登记申请书", "经营场所使用证明")
    assert (handed.given_by, handed.taken_by) == ("王晓燕", "孙科员")
    assert at_desk.events[-1].action is CaseAction.HAND_OVER
    assert at_desk.events[-1].note.startswith("综合窗口 → 市场监管后台；接收人：孙科员；材料：")

    back = service.to_window(center.officer, number, papers=["营业执照"], note="准予，待出件")
    assert back.journey is not None
    assert back.journey.holder is Holder.WINDOW and back.journey.desk_id is None
    assert [h.to_holder for h in back.journey.handovers] == [Holder.DESK, Holder.WINDOW]
    assert back.journey.handovers[-1].from_desk == "市场监管后台"
    with any_db.reads() as session:
        case = session.scalar(select(Case).where(Case.number == number))
        assert case is not None and case.holder is Holder.WINDOW


@pytest.mark.parametrize(
    "attempt, error, message",
    [
        ("inactive desk", NotFound, "后台窗口不存在或已停用"),
        ("missing desk", NotFound, "后台窗口不存在或已停用"),
        ("already there", UserError, "办件已在综合窗口"),
        ("not a member", PermissionDenied, "只有该后台窗口的审批人员可以退回办件"),
        ("agent", PermissionDenied, "无权移交办件"),
    ],
)
def test_a_refused_hand_over_changes_nothing(
    any_db: Database, center: Center, attempt: str, error: type[Exception], message: str
) -> None:
    number = _accepted(any_db, center.clerk)
    service = HandoverService(any_db)
    if attempt == "not a member":
        service.to_desk(center.clerk, number, center.desk_id)
    before = _counts(any_db)
    agent = add_user(any_db, center.admin, "agent1", Role.VILLAGE_AGENT, "张代办")
    calls = {
        "inactive desk": lambda: service.to_desk(center.clerk, number, center.closed_desk_id),
        "missing desk": lambda: service.to_desk(center.clerk, number, 999),
        "already there": lambda: service.to_window(center.clerk, number),
        "not a member": lambda: service.to_window(center.other_officer, number),
        "agent": lambda: service.to_desk(agent, number, center.desk_id),
    }
    with pytest.raises(error, match=message):
        calls[attempt]()
    assert _counts(any_db) == before


def test_a_closed_case_does_not_travel(any_db: Database, center: Center) -> None:
    number = _accepted(any_db, center.clerk)
    CaseService(any_db).withdraw(center.clerk, number, "申请人撤回")
    before = _counts(any_db)
    with pytest.raises(UserError, match="不能移交后台审批"):
        HandoverService(any_db).to_desk(center.clerk, number, center.desk_id)
    assert _counts(any_db) == before


@pytest.mark.parametrize(
    "catalog, name, kind, department, expected",
    [
        (Routing.WINDOW, "取水许可初审", CaseKind.PROMISED, MARKET, Routing.WINDOW),
        (None, "户口迁移", CaseKind.INSTANT, MARKET, Routing.WINDOW),
        (None, "取水许可初审", CaseKind.PROMISED, "县水务局", Routing.COUNTY),
        (None, "个体工商户设立登记", CaseKind.PROMISED, MARKET, Routing.BACK_OFFICE),
        (None, "临时救助", CaseKind.PROMISED, "县民政局", Routing.WINDOW),
    ],
)
def test_where_an_item_is_decided(
    catalog: Routing | None, name: str, kind: CaseKind, department: str, expected: Routing
) -> None:
    assert (
        route_for(
            routing=catalog,
            name=name,
            case_kind=kind,
            department=department,
            desk_departments={MARKET},
        )
        is expected
    )
