"""The one state machine of a case. Every status change goes through :func:`check`.

(registration) ──受理──▶ accepted ──办结──▶ completed ──送达──▶ delivered
      │                 │  ▲  │                │
      │         补正/特别程序│  │撤回             └──────── 好差评 (once, any closed case)
      │                 ▼  │  ▼
      │        correction/special ──撤回──▶ withdrawn
      ├──一次性告知──▶ notified ──补齐后受理──▶ (a new accepted case, linked to the notice)
      └──不予受理──▶ refused

:class:`CaseAction` is the table: each member is one row, with the value stored in the case's
history, its name there, and, for an action a clerk takes on a registered case, its
:class:`Transition`: the statuses it applies to, the status it leads to, the case list's button
and whether a reason is required. An action that asks the clerk for nothing but a text also
carries the :class:`ReasonPrompt` of its dialog; ``CaseService.perform`` runs every such action
and the case list offers it, so adding one is adding its row here (and the English of its labels
to the catalogue). The texts are Chinese, marked with ``N_`` and shown through ``t()``.
"""

from __future__ import annotations

from dataclasses import dataclass

from townclerk.enums import OPEN_STATUSES, CaseStatus, LabeledEnum
from townclerk.errors import InvalidTransition
from townclerk.i18n import N_, t

S = CaseStatus


@dataclass(frozen=True)
class ReasonPrompt:
    """The dialog of an action that asks only for a text."""

    title: str
    explanation: str
    confirm: str  # the confirm button
    label: str  # the text field; a refusal of an empty text names it too
    placeholder: str = ""


@dataclass(frozen=True)
class Transition:
    sources: frozenset[CaseStatus]
    target: CaseStatus | None  # None: the status does not change
    button: str  # the case list's button
    needs_reason: bool = False
    prompt: ReasonPrompt | None = None  # None: the action has a dialog of its own


OPEN = frozenset(OPEN_STATUSES)
CLOSED_WITH_OUTCOME = frozenset({S.COMPLETED, S.DELIVERED, S.NOTIFIED, S.REFUSED})


class CaseAction(LabeledEnum):
    transition: Transition | None

    def __new__(
        cls, value: str, label: str = "", transition: Transition | None = None
    ) -> CaseAction:
        member = str.__new__(cls, value)
        member._value_ = value
        member.label = label
        member.transition = transition
        return member

    ACCEPT = "accept", N_("受理")
    NOTIFY = "notify", N_("一次性告知")
    REFUSE = "refuse", N_("不予受理")
    START_CORRECTION = (
        "start_correction",
        N_("开始补正"),
        # Its dialog also takes the materials to correct and the date to correct by.
        Transition(frozenset({S.ACCEPTED}), S.CORRECTION, N_("补正"), needs_reason=True),
    )
    END_CORRECTION = (
        "end_correction",
        N_("补正完成"),
        Transition(
            frozenset({S.CORRECTION}),
            S.ACCEPTED,
            N_("补正完成"),
            prompt=ReasonPrompt(
                N_("补正完成"),
                N_("申请人已补正。恢复计时，到期日顺延暂停的工作日数。"),
                N_("补正完成"),
                N_("说明"),
            ),
        ),
    )
    START_SPECIAL = (
        "start_special",
        N_("开始特别程序"),
        # Its dialog takes the procedure and its expected length.
        Transition(frozenset({S.ACCEPTED}), S.SPECIAL, N_("特别程序")),
    )
    END_SPECIAL = (
        "end_special",
        N_("特别程序结束"),
        Transition(
            frozenset({S.SPECIAL}),
            S.ACCEPTED,
            N_("特别程序结束"),
            prompt=ReasonPrompt(
                N_("特别程序结束"),
                N_("特别程序已结束。恢复计时，到期日顺延暂停的工作日数。"),
                N_("特别程序结束"),
                N_("程序结果"),
            ),
        ),
    )
    COMPLETE = (
        "complete",
        N_("办结"),
        Transition(frozenset({S.ACCEPTED}), S.COMPLETED, N_("办结…")),
    )
    DELIVER = (
        "deliver",
        N_("送达"),
        # Its dialog takes the method of service (送达方式).
        Transition(frozenset({S.COMPLETED}), S.DELIVERED, N_("送达")),
    )
    WITHDRAW = (
        "withdraw",
        N_("撤回"),
        Transition(
            OPEN,
            S.WITHDRAWN,
            N_("撤回"),
            needs_reason=True,
            prompt=ReasonPrompt(
                N_("撤回申请"),
                N_("申请人撤回申请。撤回后办件终止，不能恢复。"),
                N_("确认撤回"),
                N_("撤回原因"),
            ),
        ),
    )
    EVALUATE = (
        "evaluate",
        N_("好差评"),
        Transition(CLOSED_WITH_OUTCOME, None, N_("好差评")),
    )
    SUPPLY_MATERIAL = (
        "supply_material",
        N_("补交容缺材料"),
        Transition(OPEN | {S.COMPLETED}, None, N_("补交容缺材料")),
    )
    RESUBMIT = (
        "resubmit",
        N_("补齐后受理"),
        Transition(frozenset({S.NOTIFIED}), None, N_("补齐后受理…")),
    )
    # 办结 while a 容缺 material is outstanding, approved by a supervisor (its own event).
    TOLERANCE_OVERRIDE = "tolerance_override", N_("容缺未补齐批准办结")
    # 延期 (《行政许可法》第42条): once, with a supervisor's approval; its own service method
    # and dialog (days, reason, the approval).
    EXTEND = (
        "extend",
        N_("延期"),
        Transition(OPEN, None, N_("延期…"), needs_reason=True),
    )
    # The journey of the papers (前台受理、后台审批、窗口出件): each hand-over is its own event
    # (and a row of case_handovers); the county's decision completes a 初审转报 case.
    HAND_OVER = "hand_over", N_("移交")
    SEND_TO_COUNTY = "send_to_county", N_("初审转报")
    COUNTY_DECISION = "county_decision", N_("县级部门决定")
    PRINT = "print", N_("打印")
    REPRINT = "reprint", N_("补打")


TRANSITIONS: dict[CaseAction, Transition] = {
    action: action.transition for action in CaseAction if action.transition is not None
}


def allowed_actions(status: CaseStatus) -> list[CaseAction]:
    """The actions a case in ``status`` allows, in the order a screen should offer them."""
    return [action for action, rule in TRANSITIONS.items() if status in rule.sources]


def check(action: CaseAction, status: CaseStatus) -> Transition:
    rule = TRANSITIONS.get(action)
    if rule is None:
        raise InvalidTransition(t("“{action}”不是办件状态操作", action=t(action.label)))
    if status not in rule.sources:
        raise InvalidTransition(
            t(
                "办件当前状态为“{status}”，不能{action}",
                status=t(status.label),
                action=t(action.label),
            )
        )
    return rule
