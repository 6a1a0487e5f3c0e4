"""The one state machine of a case. Every status change goes through :func:`check`.

(registration) ──受理──▶ accepted ──办结──▶ completed ──送达──▶ delivered
      │                 │  ▲  │                │
      │         补正/特别程序│  │撤回             └──────── 好差评 (once, any closed case)
      │                 ▼  │  ▼
      │        correction/special ──撤回──▶ withdrawn
      ├──一次性告知──▶ notified
      └──不予受理──▶ refused
"""

from __future__ import annotations

from dataclasses import dataclass

from townclerk.enums import OPEN_STATUSES, CaseStatus, LabeledEnum
from townclerk.errors import InvalidTransition
from townclerk.i18n import N_, t

S = CaseStatus


class CaseAction(LabeledEnum):
    ACCEPT = "accept", N_("受理")
    NOTIFY = "notify", N_("一次性告知")
    REFUSE = "refuse", N_("不予受理")
    START_CORRECTION = "start_correction", N_("开始补正")
    END_CORRECTION = "end_correction", N_("补正完成")
    START_SPECIAL = "start_special", N_("开始特别程序")
    END_SPECIAL = "end_special", N_("特别程序结束")
    COMPLETE = "complete", N_("办结")
    DELIVER = "deliver", N_("送达")
    WITHDRAW = "withdraw", N_("撤回")
    EVALUATE = "evaluate", N_("好差评")
    SUPPLY_MATERIAL = "supply_material", N_("补交容缺材料")
    PRINT = "print", N_("打印")
    REPRINT = "reprint", N_("补打")


@dataclass(frozen=True)
class Transition:
    sources: frozenset[CaseStatus]
    target: CaseStatus | None  # None: the status does not change
    needs_reason: bool = False


OPEN = frozenset(OPEN_STATUSES)
CLOSED_WITH_OUTCOME = frozenset({S.COMPLETED, S.DELIVERED, S.NOTIFIED, S.REFUSED})

TRANSITIONS: dict[CaseAction, Transition] = {
    CaseAction.START_CORRECTION: Transition(frozenset({S.ACCEPTED}), S.CORRECTION, True),
    CaseAction.END_CORRECTION: Transition(frozenset({S.CORRECTION}), S.ACCEPTED),
    CaseAction.START_SPECIAL: Transition(frozenset({S.ACCEPTED}), S.SPECIAL, True),
    CaseAction.END_SPECIAL: Transition(frozenset({S.SPECIAL}), S.ACCEPTED),
    CaseAction.COMPLETE: Transition(frozenset({S.ACCEPTED}), S.COMPLETED),
    CaseAction.DELIVER: Transition(frozenset({S.COMPLETED}), S.DELIVERED),
    CaseAction.WITHDRAW: Transition(OPEN, S.WITHDRAWN, True),
    CaseAction.EVALUATE: Transition(CLOSED_WITH_OUTCOME, None),
    CaseAction.SUPPLY_MATERIAL: Transition(OPEN | {S.COMPLETED}, None),
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
