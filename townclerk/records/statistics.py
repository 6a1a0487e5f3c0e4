"""What the supervisors' figures mean: the one written definition of every measure.

The table :data:`MEASURES` is the single source of the definitions (shared/DOMAIN.md, "Statistics
supervisors report"). The statistics service computes exactly these figures, every workbook takes
its column headers from it, and the notes sheet of every workbook prints it, so the code and the
paper cannot drift apart.

Each figure is counted by one date, stated in the table:

* registrations (受理量, 即办件, 承诺件, 一次性告知, 不予受理, 告知后补齐受理件) by the day the
  case was registered;
* completions (办结量, 承诺件办结, 承诺件按时办结, 超期办结, 承诺件按时办结率, 平均办结用时) by the
  day of completion;
* evaluations (好差评 counts, 差评数, 好评率) by the day the evaluation was given;
* open cases (在办, 在办超期) as of the end of the period's last day, or as of the moment the report
  is generated when the period runs to today or later; by day, as of the end of each day.

好评率 and 差评数 are those of GB/T 39734《政务服务评价工作指南》 (好评 = 非常满意 + 满意 +
基本满意, 差评 = 不满意 + 非常不满意). The on-time measures are of 承诺件 alone: a 即办件 is
completed on the spot and always on time, and is counted apart (即办件).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields
from enum import Enum

from townclerk.enums import Channel, LabeledEnum
from townclerk.errors import UserError
from townclerk.i18n import N_, t

EARLIEST_DAY = dt.date(2000, 1, 1)


class Dimension(LabeledEnum):
    """What a breakdown groups by."""

    ITEM = "item", N_("事项")
    DEPARTMENT = "department", N_("实施部门")
    WINDOW = "window", N_("窗口")
    CLERK = "clerk", N_("经办人")
    CHANNEL = "channel", N_("渠道")
    VILLAGE = "village", N_("村（社区）")
    DAY = "day", N_("日期")


class MeasureFormat(Enum):
    COUNT = "count"
    RATE = "rate"
    DAYS = "days"


BY_REGISTRATION = N_("登记日期（受理、一次性告知或不予受理之日）在统计期内")
BY_COMPLETION = N_("办结日期在统计期内")
BY_EVALUATION = N_("评价日期在统计期内")
AS_OF_PERIOD_END = N_(
    "统计期末日日终的状态；期末为今天或尚未到来的，为报表生成时的状态；按日统计的为每日日终"
)
MIXED_OVERDUE = N_("超期办结按办结日期，在办超期按统计期末状态")
MIXED_STATUTORY = N_("办结的按办结日期，在办的按统计期末状态")


@dataclass(frozen=True)
class Measure:
    """One figure: the :class:`Figures` attribute holding it, its name, meaning and date."""

    field: str
    label: str
    definition: str
    counted_by: str
    format: MeasureFormat = MeasureFormat.COUNT

    def explained(self) -> str:
        """Name, definition and date basis in the current language (the dashboard's tooltip);
        the workbooks print the Chinese fields themselves."""
        return t(
            "{label}：{definition}\n（{counted_by}）",
            label=t(self.label),
            definition=t(self.definition),
            counted_by=t(self.counted_by),
        )


MEASURES: tuple[Measure, ...] = (
    Measure(
        "accepted",
        N_("受理量"),
        N_(
            "正式受理的办件（即办件＋承诺件），含其后已办结、在办或撤回的；"
            "一次性告知和不予受理的未受理，不计入"
        ),
        BY_REGISTRATION,
    ),
    Measure("instant", N_("即办件"), N_("受理量中办件类型为即办件（当场办结）的"), BY_REGISTRATION),
    Measure("promised", N_("承诺件"), N_("受理量中办件类型为承诺件的"), BY_REGISTRATION),
    Measure(
        "notified",
        N_("一次性告知"),
        N_("一次性告知需补充的材料、未予受理的登记数"),
        BY_REGISTRATION,
    ),
    Measure("refused", N_("不予受理"), N_("书面决定不予受理的登记数"), BY_REGISTRATION),
    Measure(
        "resubmitted",
        N_("告知后补齐受理件"),
        N_(
            "受理量中，申请人按一次性告知补齐材料后经“补齐后受理”受理、与该告知关联的办件"
            "（每份告知最多计一件）"
        ),
        BY_REGISTRATION,
    ),
    Measure(
        "completed",
        N_("办结量"),
        N_("作出办结决定（准予或不予）的办件，含其后已送达的"),
        BY_COMPLETION,
    ),
    Measure(
        "completed_promised",
        N_("承诺件办结"),
        N_("办结量中办件类型为承诺件的；即办件当场办结，不计入"),
        BY_COMPLETION,
    ),
    Measure(
        "completed_on_time",
        N_("承诺件按时办结"),
        N_("办结日期不晚于承诺办结日期的承诺件（承诺办结日期按工作日计，补正、特别程序期间顺延）"),
        BY_COMPLETION,
    ),
    Measure(
        "completed_late",
        N_("超期办结"),
        N_("办结日期晚于承诺办结日期的承诺件"),
        BY_COMPLETION,
    ),
    Measure(
        "on_time_rate",
        N_("承诺件按时办结率"),
        N_(
            "承诺件按时办结 ÷ 承诺件办结；即办件当场办结、均为按时，不计入本率，"
            "其件数见“即办件”；没有承诺件办结时为“—”"
        ),
        BY_COMPLETION,
        MeasureFormat.RATE,
    ),
    Measure(
        "average_days",
        N_("平均办结用时（工作日）"),
        N_(
            "办结件的用时之和 ÷ 办结量；用时为受理次日起至办结之日的工作日数，"
            "不含补正、特别程序期间，即办件为0；没有办结件时为“—”"
        ),
        BY_COMPLETION,
        MeasureFormat.DAYS,
    ),
    Measure(
        "open",
        N_("在办"),
        N_("已受理、尚未办结也未撤回的办件，含补正中、特别程序中的"),
        AS_OF_PERIOD_END,
    ),
    Measure(
        "open_overdue",
        N_("在办超期"),
        N_(
            "在办件中承诺办结日期早于统计时点所在日的；补正、特别程序暂停计时而到期日随之顺延的不计"
        ),
        AS_OF_PERIOD_END,
    ),
    Measure("overdue", N_("超期件"), N_("超期办结 ＋ 在办超期"), MIXED_OVERDUE),
    Measure(
        "over_statutory",
        N_("超法定时限件"),
        N_(
            "办结用时超过法定办结时限（含经批准的延期）的办结件，加上在办件中法定办结日期"
            "早于统计时点所在日的；均按工作日计，补正、特别程序期间不计，"
            "暂停计时中的在办件不计"
        ),
        MIXED_STATUTORY,
    ),
    Measure("evaluated", N_("评价数"), N_("收到的好差评条数（每件最多评价一次）"), BY_EVALUATION),
    Measure("very_satisfied", N_("非常满意"), N_("评价为“非常满意”的条数"), BY_EVALUATION),
    Measure("satisfied", N_("满意"), N_("评价为“满意”的条数"), BY_EVALUATION),
    Measure("basically_satisfied", N_("基本满意"), N_("评价为“基本满意”的条数"), BY_EVALUATION),
    Measure("dissatisfied", N_("不满意"), N_("评价为“不满意”的条数"), BY_EVALUATION),
    Measure("very_dissatisfied", N_("非常不满意"), N_("评价为“非常不满意”的条数"), BY_EVALUATION),
    Measure(
        "bad_count",
        N_("差评数"),
        N_("差评的条数：不满意＋非常不满意（GB/T 39734）"),
        BY_EVALUATION,
    ),
    Measure(
        "good_rate",
        N_("好评率"),
        N_("好评 ÷ 评价数；好评为非常满意＋满意＋基本满意（GB/T 39734）；没有评价时为“—”"),
        BY_EVALUATION,
        MeasureFormat.RATE,
    ),
)

MEASURE_BY_FIELD = {measure.field: measure for measure in MEASURES}


@dataclass(frozen=True)
class Figures:
    """The counted figures of one group (or of the whole period); rates are derived."""

    accepted: int = 0
    instant: int = 0
    promised: int = 0
    notified: int = 0
    refused: int = 0
    resubmitted: int = 0
    completed: int = 0
    completed_promised: int = 0
    completed_on_time: int = 0
    completed_late: int = 0
    completed_over_statutory: int = 0
    days_used_total: int = 0
    open: int = 0
    open_overdue: int = 0
    open_over_statutory: int = 0
    very_satisfied: int = 0
    satisfied: int = 0
    basically_satisfied: int = 0
    dissatisfied: int = 0
    very_dissatisfied: int = 0

    @property
    def overdue(self) -> int:
        return self.completed_late + self.open_overdue

    @property
    def over_statutory(self) -> int:
        return self.completed_over_statutory + self.open_over_statutory

    @property
    def evaluated(self) -> int:
        return (
            self.very_satisfied
            + self.satisfied
            + self.basically_satisfied
            + self.dissatisfied
            + self.very_dissatisfied
        )

    @property
    def on_time_rate(self) -> float | None:
        """Of the 承诺件 only: a 即办件 is always on time."""
        promised = self.completed_promised
        return self.completed_on_time / promised if promised else None

    @property
    def average_days(self) -> float | None:
        return self.days_used_total / self.completed if self.completed else None

    @property
    def bad_count(self) -> int:
        """差评 (GB/T 39734)."""
        return self.dissatisfied + self.very_dissatisfied

    @property
    def good_rate(self) -> float | None:
        """好评 (非常满意, 满意, 基本满意) ÷ 评价数 (GB/T 39734)."""
        good = self.very_satisfied + self.satisfied + self.basically_satisfied
        evaluated = self.evaluated
        return good / evaluated if evaluated else None

    def value(self, measure: Measure) -> int | float | None:
        value: int | float | None = getattr(self, measure.field)
        return value

    def is_empty(self) -> bool:
        return not any(getattr(self, field.name) for field in fields(self))


@dataclass(frozen=True)
class Period:
    """The days a report covers, both ends included."""

    first: dt.date
    last: dt.date

    def __post_init__(self) -> None:
        if self.first > self.last:
            raise UserError(
                t(
                    "统计期间的开始日期（{first:%Y-%m-%d}）晚于结束日期（{last:%Y-%m-%d}）",
                    first=self.first,
                    last=self.last,
                )
            )
        if self.first < EARLIEST_DAY:
            raise UserError(t("统计期间不能早于 {earliest:%Y-%m-%d}", earliest=EARLIEST_DAY))

    @classmethod
    def day(cls, day: dt.date) -> Period:
        return cls(day, day)

    @classmethod
    def month(cls, year: int, month: int) -> Period:
        first = dt.date(year, month, 1)
        following = dt.date(year + month // 12, month % 12 + 1, 1)
        return cls(first, following - dt.timedelta(days=1))

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1

    def label(self) -> str:
        if self.first == self.last:
            return f"{self.first:%Y-%m-%d}（{WEEKDAYS[self.first.weekday()]}）"
        return f"{self.first:%Y-%m-%d} 至 {self.last:%Y-%m-%d}（{self.days}天）"


WEEKDAYS = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")


@dataclass(frozen=True)
class StatisticsFilter:
    """Optional restrictions; all given ones must match."""

    department: str | None = None
    item_id: int | None = None
    window_id: int | None = None
    clerk_id: int | None = None
    channel: Channel | None = None
    village_id: int | None = None

    def is_empty(self) -> bool:
        return all(getattr(self, field.name) is None for field in fields(self))


@dataclass(frozen=True)
class GroupFigures:
    """One row of a breakdown: the group's key, what to print for it, and its figures."""

    key: int | str | dt.date | None
    label: str
    figures: Figures
    code: str = ""


@dataclass(frozen=True)
class StatisticsReport:
    """Everything a daily or range workbook (and the dashboard) shows, read in one transaction."""

    center_name: str
    period: Period
    filters: StatisticsFilter
    filter_label: str
    counted_until: dt.date
    open_as_of: str
    generated_at: dt.datetime
    generated_by: str
    totals: Figures
    breakdowns: dict[Dimension, tuple[GroupFigures, ...]]
