"""Case registration and the state machine, through the real service and database."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from tests.conftest import FakeClock
from tests.factories import ID_LI, ID_ZHANG, intake_for, make_item, resident_id
from tests.people import CENTER_CODE
from townclerk.case_states import TRANSITIONS, CaseAction
from townclerk.db.database import Database
from townclerk.db.models import (
    Applicant,
    AuditEntry,
    Case,
    CaseEvent,
    CaseMaterial,
    CasePause,
    LoginThrottle,
)
from townclerk.enums import (
    CaseStatus,
    Decision,
    DeliveryMethod,
    Evaluation,
    IdType,
    MaterialState,
    PauseKind,
    SpecialProcedure,
)
from townclerk.errors import InvalidTransition, NotFound, PermissionDenied, UserError
from townclerk.records.approval import SupervisorCredentials
from townclerk.records.cases import AgentInput, CaseQuery, ToleranceOverride
from townclerk.services.access import Actor
from townclerk.services.cases import CaseService


def table_counts(db: Database) -> tuple[int, ...]:
    with db.sessions() as session:
        return tuple(
            session.scalar(select(func.count()).select_from(model)) or 0
            for model in (
                Case,
                CaseEvent,
                CaseMaterial,
                CasePause,
                Applicant,
                AuditEntry,
                LoginThrottle,
            )
        )


def case_row(db: Database, number: str) -> Case:
    with db.sessions() as session:
        case = session.scalar(select(Case).where(Case.number == number))
        assert case is not None
        return case


def test_accept_allocates_number_snapshot_and_due_date(db: Database, clerk: Actor) -> None:
    item = make_item(db)
    case = CaseService(db).accept(clerk, intake_for(item))
    assert case.number == f"{CENTER_CODE}-20260929-0001"
    assert case.status is CaseStatus.ACCEPTED
    assert case.item_name == "个体工商户设立登记"
    assert case.department == "睢宁县市场监督管理局"
    # DOMAIN.md: 5 working days from Tue 2026-09-29 is Mon 2026-10-12 (Sat 10-10 is a workday).
    assert case.due_date == dt.date(2026, 10, 12)
    assert [e.action for e in case.events] == [CaseAction.ACCEPT]
    assert case.events[0].user_name == "王晓燕"
    assert {m.state for m in case.materials} == {MaterialState.RECEIVED}
    second = CaseService(db).accept(clerk, intake_for(item, id_number=ID_LI, name="李娜"))
    assert second.number == f"{CENTER_CODE}-20260929-0002"


def test_snapshot_survives_a_changed_item(db: Database, clerk: Actor) -> None:
    from townclerk.db.models import ServiceItem

    item = make_item(db)
    number = CaseService(db).accept(clerk, intake_for(item)).number
    with db.sessions.begin() as session:
        row = session.get(ServiceItem, item.id)
        assert row is not None
        row.name = "个体工商户登记（新）"
        row.promised_days = 1
        row.active = False
    case = CaseService(db).get(clerk, number)
    assert case.item_name == "个体工商户设立登记"
    assert case.promised_days == 5


def test_instant_item_is_completed_in_the_same_step(db: Database, clerk: Actor) -> None:
    item = make_item(db, code="JB-1", name="城乡居民养老保险参保登记", promised_days=0)
    case = CaseService(db).accept(clerk, intake_for(item))
    assert case.status is CaseStatus.COMPLETED
    assert case.decision is Decision.GRANTED
    assert case.days_used == 0 and case.on_time is True
    assert case.due_date == dt.date(2026, 9, 29)
    assert [e.action for e in case.events] == [CaseAction.ACCEPT, CaseAction.COMPLETE]


def test_accept_refuses_missing_required_material_and_writes_nothing(
    db: Database, clerk: Actor
) -> None:
    item = make_item(db)
    before = table_counts(db)
    with pytest.raises(UserError, match="个体工商户设立登记申请书"):
        CaseService(db).accept(clerk, intake_for(item, received=(item.material_ids[0],)))
    assert table_counts(db) == before


def test_optional_material_may_be_missing(db: Database, clerk: Actor) -> None:
    item = make_item(db)
    case = CaseService(db).accept(clerk, intake_for(item, received=item.material_ids[:2]))
    assert [m.state for m in case.materials][-1] is MaterialState.MISSING


def test_tolerant_acceptance_records_the_promise(db: Database, clerk: Actor) -> None:
    item = make_item(db)
    promised = dt.date(2026, 10, 9)
    case = CaseService(db).accept(
        clerk, intake_for(item, tolerated={item.material_ids[1]: promised})
    )
    assert case.tolerated_materials[0].promised_date == promised
    supplied = CaseService(db).supply_material(clerk, case.number, item.material_ids[1])
    assert supplied.tolerated_materials == ()
    assert supplied.events[-1].action is CaseAction.SUPPLY_MATERIAL


def test_only_tolerated_materials_are_supplied(db: Database, clerk: Actor) -> None:
    """An optional material left missing is not owed: 补交 is refused for it, and once the
    tolerated one is in the action is no longer offered."""
    item = make_item(db)
    service = CaseService(db)
    case = service.accept(
        clerk,
        intake_for(
            item,
            received=item.material_ids[:1],
            tolerated={item.material_ids[1]: dt.date(2026, 10, 9)},
        ),
    )
    assert CaseAction.SUPPLY_MATERIAL in case.allowed_actions
    with pytest.raises(UserError, match="不是容缺受理的材料"):
        service.supply_material(clerk, case.number, item.material_ids[2])
    after = service.supply_material(clerk, case.number, item.material_ids[1])
    assert [m.state for m in after.materials][2] is MaterialState.MISSING
    assert CaseAction.SUPPLY_MATERIAL not in after.allowed_actions
    optional_only = service.accept(
        clerk, intake_for(item, received=item.material_ids[:2], id_number=ID_LI)
    )
    assert CaseAction.SUPPLY_MATERIAL not in optional_only.allowed_actions


@pytest.mark.parametrize(
    ("material_index", "promised", "message"),
    [
        (0, dt.date(2026, 10, 9), "不允许容缺"),
        (1, None, "补交日期"),
        (1, dt.date(2026, 9, 29), "补交日期"),
    ],
)
def test_bad_tolerance_is_refused(
    db: Database, clerk: Actor, material_index: int, promised: dt.date | None, message: str
) -> None:
    item = make_item(db)
    material = item.material_ids[material_index]
    intake = intake_for(item, tolerated={material: promised})  # type: ignore[dict-item]
    before = table_counts(db)
    with pytest.raises(UserError, match=message):
        CaseService(db).accept(clerk, intake)
    assert table_counts(db) == before


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"id_number": "32032419900315123"}, "18位"),
        ({"id_number": "320324199003151239"}, "校验位"),
        ({"name": "   "}, "姓名"),
        ({"phone": "12345"}, "联系电话"),
        ({"phone": ""}, "联系电话"),
    ],
)
def test_bad_applicant_is_refused_and_nothing_written(
    db: Database, clerk: Actor, changes: dict[str, str], message: str
) -> None:
    item = make_item(db)
    before = table_counts(db)
    with pytest.raises(UserError, match=message):
        CaseService(db).accept(clerk, intake_for(item, **changes))  # type: ignore[arg-type]
    assert table_counts(db) == before


def test_retired_item_cannot_be_accepted(db: Database, clerk: Actor) -> None:
    item = make_item(db, active=False)
    with pytest.raises(UserError, match="撤销"):
        CaseService(db).accept(clerk, intake_for(item))


def test_agent_is_checked_and_recorded(db: Database, clerk: Actor) -> None:
    from dataclasses import replace

    item = make_item(db)
    intake = replace(intake_for(item), agent=AgentInput("李娜", ID_LI.lower(), "+86 139 1234 5678"))
    case = CaseService(db).accept(clerk, intake)
    assert (case.agent_name, case.agent_id_number, case.agent_phone) == (
        "李娜",
        ID_LI,
        "13912345678",
    )
    bad = replace(intake, agent=AgentInput("李娜", "123", "13912345678"))
    with pytest.raises(UserError, match="代办人"):
        CaseService(db).accept(clerk, bad)


def test_returning_applicant_is_found_and_updated(db: Database, clerk: Actor) -> None:
    item = make_item(db)
    service = CaseService(db)
    service.accept(clerk, intake_for(item, phone="13812345678"))
    service.accept(clerk, intake_for(item, phone="0516-88887777"))
    found = service.find_applicant(IdType.RESIDENT_ID, ID_ZHANG.lower())
    assert found is not None
    assert found.name == "张伟" and found.phone == "0516-88887777"
    assert found.birth_date == dt.date(1990, 3, 15)
    with db.sessions() as session:
        assert session.scalar(select(func.count()).select_from(Applicant)) == 1


def test_one_time_notice_lists_what_is_missing(db: Database, clerk: Actor) -> None:
    item = make_item(db)
    service = CaseService(db)
    notice = service.notify(clerk, intake_for(item, received=(item.material_ids[0],)))
    assert notice.status is CaseStatus.NOTIFIED
    assert [m.name for m in notice.missing_materials] == [
        "个体工商户设立登记申请书",
        "经营场所使用证明",
    ]
    assert notice.due_date is None
    found = service.list_cases(clerk, CaseQuery(statuses=(CaseStatus.NOTIFIED,)))
    assert [row.number for row in found] == [notice.number]


def test_notice_with_nothing_missing_is_refused(db: Database, clerk: Actor) -> None:
    item = make_item(db)
    with pytest.raises(UserError, match="一次性告知"):
        CaseService(db).notify(clerk, intake_for(item))
    extra = CaseService(db).notify(clerk, intake_for(item), extra="申请书签名不完整")
    assert extra.reason == "申请书签名不完整"


def test_refusal_needs_a_reason(db: Database, clerk: Actor) -> None:
    item = make_item(db)
    before = table_counts(db)
    with pytest.raises(UserError, match="不予受理理由"):
        CaseService(db).refuse(clerk, intake_for(item), reason="  ")
    assert table_counts(db) == before
    # Outside our powers: the body to apply to is required (第32条(二)).
    with pytest.raises(UserError, match="有权受理的机关"):
        CaseService(db).refuse(clerk, intake_for(item), reason="不属于本机关职权范围")
    assert table_counts(db) == before
    refused = CaseService(db).refuse(
        clerk,
        intake_for(item),
        reason="不属于本机关职权范围",
        legal_basis="《行政许可法》第三十二条",
        competent_body="睢宁县市场监督管理局",
    )
    assert refused.status is CaseStatus.REFUSED
    assert refused.legal_basis == "《行政许可法》第三十二条"
    assert refused.competent_body == "睢宁县市场监督管理局"


def test_full_life_cycle(db: Database, clerk: Actor, clock: FakeClock) -> None:
    item = make_item(db)
    service = CaseService(db)
    number = service.accept(clerk, intake_for(item)).number
    clock.set(dt.datetime(2026, 9, 30, 10, 0))
    paused = service.start_correction(clerk, number, "申请书缺少签名")
    assert paused.status is CaseStatus.CORRECTION
    clock.set(dt.datetime(2026, 10, 9, 15, 0))
    resumed = service.end_correction(clerk, number)
    # 09-30 (the day it began), 10-08 and 10-09 fall inside the pause; then 10-10, 10-12, 10-13,
    # 10-14, 10-15.
    assert resumed.due_date == dt.date(2026, 10, 15)
    clock.set(dt.datetime(2026, 10, 12, 9, 0))
    service.start_special(clerk, number, "", procedure=SpecialProcedure.INSPECTION, expected_days=3)
    clock.set(dt.datetime(2026, 10, 13, 9, 0))
    after_special = service.end_special(clerk, number, "核查完毕")
    # 10-12 and 10-13 paused too: 10-10, 10-14, 10-15, 10-16, 10-19.
    assert after_special.due_date == dt.date(2026, 10, 19)
    clock.set(dt.datetime(2026, 10, 14, 16, 0))
    done = service.complete(clerk, number, Decision.GRANTED, "营业执照")
    assert done.status is CaseStatus.COMPLETED and done.on_time is True
    assert done.days_used == 2  # 10-10 and 10-14 ran; the paused days did not
    delivered = service.deliver(clerk, number)
    assert delivered.status is CaseStatus.DELIVERED
    rated = service.evaluate(clerk, number, Evaluation.VERY_SATISFIED)
    assert rated.evaluation is Evaluation.VERY_SATISFIED
    assert CaseAction.EVALUATE not in rated.allowed_actions
    with pytest.raises(UserError, match="已评价"):
        service.evaluate(clerk, number, Evaluation.SATISFIED)
    assert [e.action for e in rated.events] == [
        CaseAction.ACCEPT,
        CaseAction.START_CORRECTION,
        CaseAction.END_CORRECTION,
        CaseAction.START_SPECIAL,
        CaseAction.END_SPECIAL,
        CaseAction.COMPLETE,
        CaseAction.DELIVER,
        CaseAction.EVALUATE,
    ]
    with db.sessions() as session:
        pauses = session.scalars(select(CasePause).order_by(CasePause.id)).all()
        assert [(p.started_on, p.ended_on) for p in pauses] == [
            (dt.date(2026, 9, 30), dt.date(2026, 10, 9)),
            (dt.date(2026, 10, 12), dt.date(2026, 10, 13)),
        ]


def test_late_completion_is_marked(db: Database, clerk: Actor, clock: FakeClock) -> None:
    item = make_item(db, promised_days=1)
    service = CaseService(db)
    number = service.accept(clerk, intake_for(item)).number
    clock.set(dt.datetime(2026, 10, 9, 9, 0))
    done = service.complete(clerk, number, Decision.GRANTED, "营业执照")
    assert done.on_time is False and done.due_date == dt.date(2026, 9, 30)


def test_a_denial_states_its_reason(db: Database, clerk: Actor) -> None:
    item = make_item(db)
    service = CaseService(db)
    number = service.accept(clerk, intake_for(item)).number
    before = table_counts(db)
    with pytest.raises(UserError, match="不予许可的理由"):
        service.complete(clerk, number, Decision.DENIED, "不予行政许可决定书", reason="  ")
    assert table_counts(db) == before
    assert service.get(clerk, number).status is CaseStatus.ACCEPTED
    denied = service.complete(
        clerk,
        number,
        Decision.DENIED,
        "不予行政许可决定书",
        reason="家庭人均收入高于当地低保标准",
        legal_basis="《社会救助暂行办法》第九条",
    )
    assert denied.decision is Decision.DENIED
    assert denied.reason == "家庭人均收入高于当地低保标准"
    assert denied.legal_basis == "《社会救助暂行办法》第九条"


def test_withdrawal_closes_a_running_pause(db: Database, clerk: Actor, clock: FakeClock) -> None:
    item = make_item(db)
    service = CaseService(db)
    number = service.accept(clerk, intake_for(item)).number
    service.start_correction(clerk, number, "补充材料")
    clock.advance(days=1)
    with pytest.raises(UserError, match="撤回原因"):
        service.withdraw(clerk, number, "")
    withdrawn = service.withdraw(clerk, number, "申请人不再申请")
    assert withdrawn.status is CaseStatus.WITHDRAWN
    assert withdrawn.pauses[0].ended_on == dt.date(2026, 9, 30)


# The actions that ask only for a text (CaseService.perform runs them), and the rest. Those a
# supervisor approves carry a wrong password: a case that cannot take the step checks none.
WRONG_APPROVAL = SupervisorCredentials("chief", "wrong-pass1")
REASON_ONLY = [action for action, rule in TRANSITIONS.items() if rule.prompt is not None]
_OWN_CALLS = {
    CaseAction.COMPLETE: lambda s, a, n: s.complete(
        a, n, Decision.GRANTED, "证照", override=ToleranceOverride("理由", WRONG_APPROVAL)
    ),
    CaseAction.EVALUATE: lambda s, a, n: s.evaluate(a, n, Evaluation.SATISFIED),
    CaseAction.SUPPLY_MATERIAL: lambda s, a, n: s.supply_material(a, n, 1),
    CaseAction.RESUBMIT: lambda s, a, n: s.resubmission(a, n),
    CaseAction.START_CORRECTION: lambda s, a, n: s.start_correction(a, n, "原因"),
    CaseAction.START_SPECIAL: lambda s, a, n: s.start_special(
        a, n, "原因", procedure=SpecialProcedure.HEARING, expected_days=5
    ),
    CaseAction.DELIVER: lambda s, a, n: s.deliver(a, n, "原因"),
    CaseAction.EXTEND: lambda s, a, n: s.extend(a, n, 5, "需实地核查", credentials=WRONG_APPROVAL),
}


def _call(action: CaseAction, service: CaseService, actor: Actor, number: str) -> object:
    if action in _OWN_CALLS:
        return _OWN_CALLS[action](service, actor, number)
    return service.perform(actor, number, action, "原因")


def _source_of(action: CaseAction) -> CaseStatus:
    """A status ``action`` applies to (the earliest in a case's life)."""
    return min(TRANSITIONS[action].sources, key=list(CaseStatus).index)


def _case_in(db: Database, clerk: Actor, status: CaseStatus) -> str:
    service = CaseService(db)
    item = make_item(db, code=f"ITEM-{status.value}")
    if status is CaseStatus.NOTIFIED:
        return service.notify(clerk, intake_for(item, received=())).number
    if status is CaseStatus.REFUSED:
        return service.refuse(clerk, intake_for(item), reason="不符合条件").number
    number = service.accept(clerk, intake_for(item)).number
    steps = {
        CaseStatus.CORRECTION: [lambda: service.start_correction(clerk, number, "补正")],
        CaseStatus.SPECIAL: [
            lambda: service.start_special(
                clerk, number, "", procedure=SpecialProcedure.HEARING, expected_days=5
            )
        ],
        CaseStatus.COMPLETED: [lambda: service.complete(clerk, number, Decision.GRANTED, "证")],
        CaseStatus.DELIVERED: [
            lambda: service.complete(clerk, number, Decision.GRANTED, "证"),
            lambda: service.deliver(clerk, number),
        ],
        CaseStatus.WITHDRAWN: [lambda: service.withdraw(clerk, number, "撤回")],
    }
    for step in steps.get(status, []):
        step()
    return number


ILLEGAL = [
    (action, status)
    for action, rule in TRANSITIONS.items()
    for status in CaseStatus
    if status not in rule.sources
]


@pytest.mark.parametrize(("action", "status"), ILLEGAL, ids=lambda v: str(v))
def test_illegal_transition_is_refused_and_writes_nothing(
    db: Database, clerk: Actor, action: CaseAction, status: CaseStatus
) -> None:
    number = _case_in(db, clerk, status)
    assert case_row(db, number).status is status
    before = table_counts(db)
    with pytest.raises(InvalidTransition, match=status.label):
        _call(action, CaseService(db), clerk, number)
    assert table_counts(db) == before
    assert case_row(db, number).status is status


# --- the actions that ask only for a text, run by perform() from the transition table --------
def test_the_table_says_which_actions_ask_only_for_a_text_and_which_need_it() -> None:
    # Every action a clerk takes on a case asks only for a text, but those with their own call.
    assert set(TRANSITIONS) - set(REASON_ONLY) == set(_OWN_CALLS)
    assert {
        CaseAction.END_CORRECTION,
        CaseAction.END_SPECIAL,
        CaseAction.WITHDRAW,
    } <= set(REASON_ONLY)
    needs_reason = {action for action, rule in TRANSITIONS.items() if rule.needs_reason}
    assert {CaseAction.START_CORRECTION, CaseAction.WITHDRAW} <= needs_reason
    assert not needs_reason & {
        CaseAction.END_CORRECTION,
        CaseAction.END_SPECIAL,
        CaseAction.START_SPECIAL,
        CaseAction.DELIVER,
    }


@pytest.mark.parametrize("action", REASON_ONLY, ids=str)
def test_perform_moves_the_case_and_records_the_text(
    db: Database, clerk: Actor, action: CaseAction
) -> None:
    rule = TRANSITIONS[action]
    status = _source_of(action)
    number = _case_in(db, clerk, status)
    events_before = table_counts(db)[1]
    done = CaseService(db).perform(clerk, number, action, "  申请人到窗口说明\n")
    assert done.status is (rule.target or status)
    assert case_row(db, number).status is done.status
    last = done.events[-1]
    assert (last.action, last.from_status, last.to_status, last.note) == (
        action,
        status,
        rule.target,
        "申请人到窗口说明",
    )
    assert table_counts(db)[1] == events_before + 1


def test_perform_writes_what_each_action_needs_beside_its_status(
    db: Database, clerk: Actor, clock: FakeClock
) -> None:
    item = make_item(db)
    service = CaseService(db)
    number = service.accept(clerk, intake_for(item)).number
    paused = service.start_special(
        clerk, number, "涉及公共安全", procedure=SpecialProcedure.EXPERT_REVIEW, expected_days=10
    )
    # Ten working days from Tue 09-29: 09-30, 10-08 … 10-10 (make-up), 10-12 … 10-16, 10-19.
    assert [
        (p.kind, p.reason, p.ended_on, p.procedure, p.expected_end, p.expected_days)
        for p in paused.pauses
    ] == [
        (
            PauseKind.SPECIAL,
            "涉及公共安全",
            None,
            SpecialProcedure.EXPERT_REVIEW,
            dt.date(2026, 10, 19),
            10,
        )
    ]
    assert paused.events[-1].note == "专家评审，预计10个工作日（至2026-10-19）：涉及公共安全"
    clock.advance(days=1)
    resumed = service.perform(clerk, number, CaseAction.END_SPECIAL, "")
    assert resumed.pauses[0].ended_on == dt.date(2026, 9, 30)
    assert resumed.due_date == dt.date(2026, 10, 13)  # 09-29 and 09-30 paused: from 10-08
    service.complete(clerk, number, Decision.GRANTED, "营业执照")
    delivered = service.deliver(clerk, number, "本人领取", method=DeliveryMethod.MAIL)
    assert delivered.delivered_at == dt.datetime(2026, 9, 30, 9, 30)  # now, on the clock
    assert delivered.delivery_method is DeliveryMethod.MAIL
    assert delivered.events[-1].note == "邮寄送达：本人领取"
    other = service.accept(clerk, intake_for(item, id_number=ID_LI, name="李娜")).number
    withdrawn = service.perform(clerk, other, CaseAction.WITHDRAW, "申请人不再办理")
    assert withdrawn.reason == "申请人不再办理"


@pytest.mark.parametrize("action", [a for a in REASON_ONLY if TRANSITIONS[a].needs_reason], ids=str)
@pytest.mark.parametrize("text", ["", "  \n "], ids=["empty", "blank"])
def test_an_empty_reason_is_refused_and_writes_nothing(
    db: Database, clerk: Actor, action: CaseAction, text: str
) -> None:
    prompt = TRANSITIONS[action].prompt
    assert prompt is not None
    status = _source_of(action)
    number = _case_in(db, clerk, status)
    before = table_counts(db)
    with pytest.raises(UserError) as refused:
        CaseService(db).perform(clerk, number, action, text)
    assert str(refused.value) == f"请填写{prompt.label}"
    assert table_counts(db) == before
    assert case_row(db, number).status is status


@pytest.mark.parametrize(
    "action", [a for a in REASON_ONLY if not TRANSITIONS[a].needs_reason], ids=str
)
def test_an_optional_note_may_be_left_empty(db: Database, clerk: Actor, action: CaseAction) -> None:
    number = _case_in(db, clerk, _source_of(action))
    done = CaseService(db).perform(clerk, number, action, "")
    assert done.events[-1].action is action and done.events[-1].note == ""


def test_perform_refuses_an_action_with_a_dialog_of_its_own(db: Database, clerk: Actor) -> None:
    number = _case_in(db, clerk, CaseStatus.ACCEPTED)
    before = table_counts(db)
    with pytest.raises(ValueError, match="complete"):
        CaseService(db).perform(clerk, number, CaseAction.COMPLETE, "营业执照")
    assert table_counts(db) == before


def test_perform_checks_the_role_first(db: Database, admin: Actor, clerk: Actor) -> None:
    number = _case_in(db, clerk, CaseStatus.ACCEPTED)
    before = table_counts(db)
    with pytest.raises(PermissionDenied):
        CaseService(db).perform(admin, number, CaseAction.WITHDRAW, "原因")
    assert table_counts(db) == before


def test_admin_may_not_handle_cases(db: Database, admin: Actor) -> None:
    item = make_item(db)
    before = table_counts(db)
    with pytest.raises(PermissionDenied):
        CaseService(db).accept(admin, intake_for(item))
    assert table_counts(db) == before


def test_unknown_case_number(db: Database, clerk: Actor) -> None:
    with pytest.raises(NotFound, match="不存在"):
        CaseService(db).get(clerk, "320324101-20260929-9999")


def test_case_list_filters_and_search(db: Database, clerk: Actor, clock: FakeClock) -> None:
    item = make_item(db, promised_days=1)
    service = CaseService(db)
    first = service.accept(clerk, intake_for(item, phone="13812345678")).number
    second = service.accept(
        clerk,
        intake_for(item, id_number=resident_id(sequence="456"), name="赵敏", phone="13900001111"),
    ).number
    clock.set(dt.datetime(2026, 10, 9, 9, 0))
    rows = service.list_cases(clerk, CaseQuery())
    assert [r.number for r in rows] == [second, first]
    assert {r.warning for r in rows} == {"red"}
    assert service.count_cases(clerk, CaseQuery(overdue=True)) == 2
    assert [r.number for r in service.list_cases(clerk, CaseQuery(text="赵"))] == [second]
    assert [r.number for r in service.list_cases(clerk, CaseQuery(text="0000111"))] == [second]
    for typed in ("139-0000-1111", "+86 139 0000 1111", "0086-13900001111"):
        assert [r.number for r in service.list_cases(clerk, CaseQuery(text=typed))] == [second]
    assert [r.number for r in service.list_cases(clerk, CaseQuery(text="51238"))] == [first]
    assert [r.number for r in service.list_cases(clerk, CaseQuery(text="20260929-0002"))] == [
        second
    ]
    page = service.list_cases(clerk, CaseQuery(), before_id=rows[0].id, limit=10)
    assert [r.number for r in page] == [first]
    assert service.list_cases(clerk, CaseQuery(received_from=dt.date(2026, 10, 9))) == []


def test_a_paused_case_is_never_overdue_whatever_day_its_pause_began(
    db: Database, clerk: Actor, clock: FakeClock
) -> None:
    """The case list agrees with the statistics and the warning list on paused cases: one paused
    before its due date and one paused after it (already late) are neither red nor yellow while
    paused; resumed, the late one is late again, the other has the days it had left."""
    item = make_item(db, promised_days=1)  # due 2026-09-30
    service = CaseService(db)
    paused_in_time = service.accept(clerk, intake_for(item)).number
    paused_late = service.accept(
        clerk, intake_for(item, id_number=resident_id(sequence="456"), name="赵敏")
    ).number
    service.start_correction(clerk, paused_in_time, "缺少户口簿")
    clock.set(dt.datetime(2026, 10, 9, 9, 0))
    service.start_correction(clerk, paused_late, "缺少户口簿")
    warnings = {row.number: row.warning for row in service.list_cases(clerk, CaseQuery())}
    assert warnings == {paused_in_time: None, paused_late: None}
    assert service.list_cases(clerk, CaseQuery(overdue=True)) == []
    assert service.count_cases(clerk, CaseQuery(overdue=True)) == 0
    assert service.list_cases(clerk, CaseQuery(due_soon=True)) == []
    clock.set(dt.datetime(2026, 10, 12, 9, 0))
    service.end_correction(clerk, paused_in_time)
    service.end_correction(clerk, paused_late)
    # One working day late (10-08) when paused on 10-09, one day late still on 10-12, the day
    # it resumes: its due date moved on by the three paused working days, to 10-10. The other
    # was paused on 09-29, before its one day: 10-13 is that day.
    resumed = {row.number: row for row in service.list_cases(clerk, CaseQuery())}
    assert resumed[paused_late].warning == "red"
    assert resumed[paused_late].due_date == dt.date(2026, 10, 10)
    assert resumed[paused_in_time].warning == "yellow"
    assert resumed[paused_in_time].due_date == dt.date(2026, 10, 13)


def test_due_soon_is_yellow(db: Database, clerk: Actor, clock: FakeClock) -> None:
    item = make_item(db, promised_days=5)
    service = CaseService(db)
    service.accept(clerk, intake_for(item))
    clock.set(dt.datetime(2026, 10, 9, 9, 0))  # due 10-12: two working days away (10-10, 10-12)
    [row] = service.list_cases(clerk, CaseQuery(due_soon=True))
    assert row.warning == "yellow"


def test_a_case_number_or_its_tail_comes_first_in_the_search(
    db: Database, clerk: Actor, clock: FakeClock
) -> None:
    """Searching "0003", the tail of the number on the banner, lists that case first, before
    applicants whose ID number or phone contains the digits."""
    item = make_item(db, promised_days=1)
    service = CaseService(db)
    numbers = [
        service.accept(
            clerk,
            intake_for(
                item,
                id_number=resident_id(sequence=f"{300 + n * 2 + 1:03d}"),
                name=f"申请人{n}",
                phone=f"1380000{n:04d}" if n else "13800000003",
            ),
        ).number
        for n in range(12)
    ]
    clock.advance(days=1)
    later = service.accept(clerk, intake_for(item, id_number=resident_id(sequence="901"))).number
    assert later.endswith("-0001")
    tail = numbers[2]  # …-0003
    assert tail.endswith("-0003")
    rows = service.list_cases(clerk, CaseQuery(text="0003"))
    assert rows[0].number == tail
    assert numbers[0] in [r.number for r in rows[1:]]  # the phone ending 0003 still matches
    assert service.count_cases(clerk, CaseQuery(text="0003")) == len(rows)
    # Month, day and sequence; the whole number; a later page never repeats the first row.
    month_day = tail.split("-")[1][4:]
    assert service.list_cases(clerk, CaseQuery(text=f"{month_day}-0003"))[0].number == tail
    assert [r.number for r in service.list_cases(clerk, CaseQuery(text=tail))] == [tail]
    page = service.list_cases(clerk, CaseQuery(text="0003"), limit=2)
    assert page[0].number == tail
    rest = service.list_cases(clerk, CaseQuery(text="0003"), before_id=page[-1].id)
    assert tail not in [r.number for r in rest]
    # A sequence no day reached matches no number.
    assert service.list_cases(clerk, CaseQuery(text="0999")) == []
