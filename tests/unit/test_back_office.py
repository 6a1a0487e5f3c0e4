"""The back office: an officer's queue (the cases at their desks, oldest first, with the days
left and the days at the desk), their decision (completed as the window's 办结 would be and
handed back to the window for 出件 in the same transaction), and the window's 办结 refused for
a case decided elsewhere. Every refusal leaves everything as it was. SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from tests.conftest import FakeClock
from tests.factories import intake_for, make_item, resident_id
from tests.people import add_user, first_admin
from townclerk.case_states import CaseAction
from townclerk.db.database import Database
from townclerk.db.models import Case, CaseEvent, CaseHandover
from townclerk.enums import CaseStatus, Decision, Holder, Role, Routing
from townclerk.errors import PermissionDenied, UserError
from townclerk.records.cases import CaseQuery, ToleranceOverride
from townclerk.services.back_office import BackOfficeService
from townclerk.services.cases import CaseService
from townclerk.services.desks import DeskService
from townclerk.services.handover import HandoverService

MARKET = "睢宁县市场监督管理局"
LABOUR = "睢宁县人力资源和社会保障局"


class Center:
    def __init__(self, db: Database) -> None:
        self.db = db
        self.admin = first_admin(db)
        self.clerk = add_user(db, self.admin, "clerk1", Role.CLERK, "王晓燕")
        self.chief = add_user(db, self.admin, "chief", Role.SUPERVISOR, "李主任")
        self.officer = add_user(db, self.admin, "scjg1", Role.BACK_OFFICE, "孙科员")
        self.other = add_user(db, self.admin, "rs1", Role.BACK_OFFICE, "周科员")
        self.market = make_item(db, department=MARKET)
        self.labour = make_item(db, code="320324-RS-001", name="就业创业证申领", department=LABOUR)
        self.window_item = make_item(
            db, code="320324-MZ-001", name="临时救助", department="县民政局"
        )
        desks = DeskService(db)
        self.desk = desks.add(self.admin, "市场监管后台").id
        self.labour_desk = desks.add(self.admin, "人社后台").id
        desks.map_department(self.admin, MARKET, self.desk)
        desks.map_department(self.admin, LABOUR, self.labour_desk)
        desks.add_member(self.admin, self.desk, "scjg1")
        desks.add_member(self.admin, self.labour_desk, "rs1")

    def accepted(self, sequence: str, *, item: object = None, **given: object) -> str:
        ref = self.market if item is None else item
        intake = intake_for(ref, id_number=resident_id(sequence=sequence), **given)  # type: ignore[arg-type]
        return CaseService(self.db).accept(self.clerk, intake).number

    def at_desk(self, sequence: str, **given: object) -> str:
        number = self.accepted(sequence, **given)
        HandoverService(self.db).to_desk(self.clerk, number, self.desk, taken_by="孙科员")
        return number


@pytest.fixture
def center(any_db: Database) -> Center:
    return Center(any_db)


def _footprint(db: Database) -> tuple[object, ...]:
    with db.reads() as session:
        cases = sorted(
            tuple(row)
            for row in session.execute(
                select(
                    Case.number,
                    Case.status,
                    Case.holder,
                    Case.desk_id,
                    Case.decision,
                    Case.result_number,
                    Case.reason,
                )
            )
        )
        return (
            cases,
            session.scalar(select(func.count()).select_from(CaseEvent)),
            session.scalar(select(func.count()).select_from(CaseHandover)),
        )


def test_the_queue_lists_the_cases_at_the_officers_desks_oldest_first(
    any_db: Database, center: Center, clock: FakeClock
) -> None:
    first = center.at_desk("101")
    clock.advance(days=1)
    second = center.at_desk("102")
    center.accepted("103")  # at the window: not in the queue
    labour = center.accepted("104", item=center.labour)
    HandoverService(any_db).to_desk(center.clerk, labour, center.labour_desk)
    clock.advance(days=7)
    queue = BackOfficeService(any_db).queue(center.officer)
    assert [row.number for row in queue] == [first, second]
    row = queue[0]
    assert (row.desk_name, row.item_name, row.applicant_name) == (
        "市场监管后台",
        "个体工商户设立登记",
        "张伟",
    )
    assert row.id_number == "320324********" + resident_id(sequence="101")[-4:]
    assert row.status is CaseStatus.ACCEPTED
    # Accepted Tue 2026-09-29 (5 working days: due 2026-10-12); today is 2026-10-07 (holiday).
    assert row.due_date == dt.date(2026, 10, 12)
    assert row.days_left == 4  # 10-08, 10-09, 10-10 (a make-up working day), 10-12
    assert row.days_at_desk == 1  # 09-30 only: 10-01 … 10-07 are the national holiday
    assert row.warning is None  # yellow from 2 working days before
    assert [r.number for r in BackOfficeService(any_db).queue(center.other)] == [labour]
    assert BackOfficeService(any_db).waiting_by_desk(center.chief) == {
        center.desk: 2,
        center.labour_desk: 1,
    }


def test_an_overdue_case_has_negative_days_left(
    any_db: Database, center: Center, clock: FakeClock
) -> None:
    center.at_desk("101")
    clock.set(dt.datetime(2026, 10, 15, 9, 0))  # due 10-12: 10-13, 10-14, 10-15 past
    (row,) = BackOfficeService(any_db).queue(center.officer)
    assert (row.days_left, row.warning) == (-3, "red")


def test_a_clerk_may_not_see_a_queue(any_db: Database, center: Center) -> None:
    with pytest.raises(PermissionDenied, match="无权审批后台办件"):
        BackOfficeService(any_db).queue(center.clerk)


def test_the_decision_completes_the_case_and_sends_it_back_to_the_window(
    any_db: Database, center: Center
) -> None:
    number = center.at_desk("101")
    decided = BackOfficeService(any_db).decide(
        center.officer,
        number,
        Decision.GRANTED,
        "准予登记，核发营业执照",
        result_number="92320324MA1XXXXX1",
        result_valid_until=dt.date(2031, 9, 29),
        note="材料齐全",
    )
    assert decided.status is CaseStatus.COMPLETED and decided.decision is Decision.GRANTED
    assert decided.result_text == "准予登记，核发营业执照"
    journey = decided.journey
    assert journey is not None
    assert (journey.holder, journey.desk_id) == (Holder.WINDOW, None)
    assert journey.result_number == "92320324MA1XXXXX1"
    assert journey.result_valid_until == dt.date(2031, 9, 29)
    back = journey.handovers[-1]
    assert (back.from_desk, back.to_holder, back.given_by) == (
        "市场监管后台",
        Holder.WINDOW,
        "孙科员",
    )
    assert back.papers[-1] == "办理结果：准予登记，核发营业执照（92320324MA1XXXXX1）"
    assert back.note == "准予，待窗口出件"
    assert [e.action for e in decided.events[-2:]] == [CaseAction.COMPLETE, CaseAction.HAND_OVER]
    assert decided.events[-2].user_name == "孙科员"
    assert decided.events[-2].note == "准予：准予登记，核发营业执照；材料齐全"
    assert BackOfficeService(any_db).queue(center.officer) == []
    # Waiting at the window for 出件: the window delivers it.
    delivered = CaseService(any_db).deliver(center.clerk, number)
    assert delivered.status is CaseStatus.DELIVERED


def test_a_denial_states_its_reason(any_db: Database, center: Center) -> None:
    number = center.at_desk("101")
    denied = BackOfficeService(any_db).decide(
        center.officer,
        number,
        Decision.DENIED,
        "不予登记",
        reason="经营场所属于禁止经营区域",
        legal_basis="《个体工商户条例》第九条",
    )
    assert (denied.decision, denied.reason) == (Decision.DENIED, "经营场所属于禁止经营区域")
    assert denied.legal_basis == "《个体工商户条例》第九条"
    assert denied.journey is not None and denied.journey.holder is Holder.WINDOW


@pytest.mark.parametrize(
    "attempt, error, message",
    [
        ("not a member", PermissionDenied, "只有该后台窗口的审批人员可以审批办件"),
        ("a clerk", PermissionDenied, "无权审批后台办件"),
        ("a supervisor", PermissionDenied, "无权审批后台办件"),
        ("at the window", UserError, "不在后台窗口（现在综合窗口），不能审批"),
        ("denied without reason", UserError, "请填写不予许可的理由"),
        ("without result", UserError, "请填写办理结果"),
        ("tolerated owed", UserError, "容缺材料尚未补交，不能办结"),
        ("withdrawn", UserError, "办件当前状态为“已撤回”，不能办结"),
        ("validity past", UserError, "证照有效期不能早于今天"),
        ("result number too long", UserError, "证照编号过长"),
    ],
)
def test_a_refused_decision_changes_nothing(
    any_db: Database, center: Center, attempt: str, error: type[Exception], message: str
) -> None:
    service = BackOfficeService(any_db)
    owed = {center.market.material_ids[1]: any_db.today() + dt.timedelta(days=5)}
    number = {
        "at the window": lambda: center.accepted("101"),
        "tolerated owed": lambda: center.at_desk("101", tolerated=owed),
    }.get(attempt, lambda: center.at_desk("101"))()
    if attempt == "withdrawn":
        CaseService(any_db).withdraw(center.clerk, number, "申请人撤回")
    before = _footprint(any_db)
    granted = Decision.GRANTED
    calls = {
        "not a member": lambda: service.decide(center.other, number, granted, "准予"),
        "a clerk": lambda: service.decide(center.clerk, number, granted, "准予"),
        "a supervisor": lambda: service.decide(center.chief, number, granted, "准予"),
        "at the window": lambda: service.decide(center.officer, number, granted, "准予"),
        "denied without reason": lambda: service.decide(
            center.officer, number, Decision.DENIED, "不予登记", reason=" "
        ),
        "without result": lambda: service.decide(center.officer, number, granted, ""),
        "tolerated owed": lambda: service.decide(center.officer, number, granted, "准予"),
        "withdrawn": lambda: service.decide(center.officer, number, granted, "准予"),
        "validity past": lambda: service.decide(
            center.officer, number, granted, "准予", result_valid_until=dt.date(2026, 9, 28)
        ),
        "result number too long": lambda: service.decide(
            center.officer, number, granted, "准予", result_number="9" * 129
        ),
    }
    with pytest.raises(error, match=message):
        calls[attempt]()
    assert _footprint(any_db) == before


@pytest.mark.parametrize(
    "where, message",
    [
        ("routed to a desk", "由后台窗口审批，窗口不能办结"),
        ("at a desk", "的材料在后台审批，窗口不能办结"),
        ("routed to the county", r"由县级部门决定（初审转报），窗口不能办结"),
    ],
)
def test_the_window_does_not_decide_what_is_decided_elsewhere(
    any_db: Database, center: Center, where: str, message: str
) -> None:
    cases = CaseService(any_db)
    if where == "routed to the county":
        item = make_item(any_db, code="320324-SW-001", name="取水许可初审", department="县水务局")
        number = center.accepted("101", item=item)
    elif where == "at a desk":
        # A window item whose papers are away (sent by mistake): back first, then 办结.
        number = center.accepted("101", item=center.window_item)
        HandoverService(any_db).to_desk(center.clerk, number, center.desk)
    else:
        number = center.accepted("101")
    detail = cases.get(center.clerk, number)
    assert CaseAction.COMPLETE not in detail.allowed_actions
    before = _footprint(any_db)
    for override in (None, ToleranceOverride("已核实")):
        with pytest.raises(UserError, match=message):
            cases.complete(center.chief, number, Decision.GRANTED, "准予", override=override)
    assert _footprint(any_db) == before


def test_the_window_still_decides_its_own_items(any_db: Database, center: Center) -> None:
    number = center.accepted("101", item=center.window_item)
    detail = CaseService(any_db).get(center.clerk, number)
    assert detail.journey is not None and detail.journey.routing is Routing.WINDOW
    assert CaseAction.COMPLETE in detail.allowed_actions
    done = CaseService(any_db).complete(center.clerk, number, Decision.GRANTED, "准予救助")
    assert done.status is CaseStatus.COMPLETED


def test_the_case_list_filters_by_holder(any_db: Database, center: Center) -> None:
    away = center.at_desk("101")
    here = center.accepted("102")
    cases = CaseService(any_db)

    def listed(holder: Holder | None) -> list[tuple[str, str]]:
        rows = cases.list_cases(center.clerk, CaseQuery(holder=holder))
        return [(row.number, row.holder_label) for row in rows]

    assert listed(Holder.DESK) == [(away, "市场监管后台")]
    assert listed(Holder.WINDOW) == [(here, "综合窗口")]
    assert listed(Holder.COUNTY) == listed(Holder.VILLAGE) == []
    assert listed(None) == [(here, "综合窗口"), (away, "市场监管后台")]
    assert cases.count_cases(center.clerk, CaseQuery(holder=Holder.DESK, open_only=True)) == 1
