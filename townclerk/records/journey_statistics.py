"""What supervisors count of the journey of cases (issue 14): per back-office desk and for the
county, the papers received, handed on, waiting and how long they stayed; per village service
point, the pre-registrations and what became of them."""

from __future__ import annotations

from dataclasses import dataclass

from townclerk.records.statistics import Period


@dataclass(frozen=True)
class HolderFigures:
    """One holder of papers in a period: a back-office desk, or the county departments."""

    name: str
    received: int  # papers that arrived in the period
    handed_over: int  # papers that left it in the period
    waiting: int  # papers there at the end of the period
    average_days: float | None  # working days held, of the papers that left in the period


@dataclass(frozen=True)
class VillagePointFigures:
    """One village service point in a period (村代办, counted from its pre-registrations)."""

    code: str
    name: str
    registered: int  # 预登记 taken in
    sent: int  # carried to the township on a 交接单
    accepted: int  # answered 受理
    notified: int  # answered 一次性告知
    not_received: int  # answered 未收到
    waiting: int  # registered by the end of the period and not yet answered
    returned: int  # results brought back to the point
    picked_up: int  # results collected by the resident
    average_days_to_answer: float | None  # working days from 预登记 to the township's answer


@dataclass(frozen=True)
class JourneyReport:
    period: Period
    holders: tuple[HolderFigures, ...]  # each active desk, then the county
    points: tuple[VillagePointFigures, ...]


# How each figure is counted, for the workbook's notes sheet.
JOURNEY_NOTES = (
    "后台审批与县级部门：“接收”为统计期间内移交到该处的办件数，“移出”为统计期间内从该处移出"
    "（退回窗口或出件前返回窗口）的办件数，“期末在办”为统计期间最后一天结束时仍在该处的办件数，"
    "“平均停留工作日”为统计期间内移出的办件在该处停留的工作日数的平均值（按工作日历计算）。",
    "村便民服务点：各数按该点的预登记计算。“预登记”按登记日期，“已交接”按交接单生成日期，"
    "“受理/一次性告知/未收到”按镇为民服务中心答复日期，“待答复”为期末已预登记而尚未答复的"
    "件数（已撤销的不计），“返还”按结果送达服务点日期，“已领取”按群众领取日期；"
    "“平均答复工作日”为统计期间内答复的预登记自登记到答复的工作日数的平均值。",
)
