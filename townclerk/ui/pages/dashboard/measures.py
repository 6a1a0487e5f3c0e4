"""The dashboard's names for the statistics measures, and how their values are written.

The measures themselves (what each counts, by which date) are defined once in
:mod:`~townclerk.records.statistics`; their Chinese labels there are what the
workbooks print. On screen the names go through Qt's translator like every other string, and the
Chinese translations are those same labels (tests/ui/test_dashboard.py checks that they agree),
so the dashboard and the workbook a supervisor sends up always say the same words.
"""

from __future__ import annotations

from townclerk.i18n import NP_, pt
from townclerk.records.statistics import (
    MEASURE_BY_FIELD,
    Figures,
    MeasureFormat,
)

NO_VALUE = "—"

# The name of each measure the dashboard shows, keyed by its Figures attribute.
SOURCES: dict[str, str] = {
    "accepted": NP_("DashboardMeasures", "受理量"),
    "instant": NP_("DashboardMeasures", "即办件"),
    "promised": NP_("DashboardMeasures", "承诺件"),
    "notified": NP_("DashboardMeasures", "一次性告知"),
    "refused": NP_("DashboardMeasures", "不予受理"),
    "completed": NP_("DashboardMeasures", "办结量"),
    "completed_promised": NP_("DashboardMeasures", "承诺件办结"),
    "completed_on_time": NP_("DashboardMeasures", "承诺件按时办结"),
    "completed_late": NP_("DashboardMeasures", "超期办结"),
    "on_time_rate": NP_("DashboardMeasures", "承诺件按时办结率"),
    "average_days": NP_("DashboardMeasures", "平均办结用时（工作日）"),
    "open": NP_("DashboardMeasures", "在办"),
    "open_overdue": NP_("DashboardMeasures", "在办超期"),
    "over_statutory": NP_("DashboardMeasures", "超法定时限件"),
    "evaluated": NP_("DashboardMeasures", "评价数"),
    "bad_count": NP_("DashboardMeasures", "差评数"),
    "good_rate": NP_("DashboardMeasures", "好评率"),
}


def measure_name(field: str) -> str:
    """The measure's name in the interface language."""
    return pt("DashboardMeasures", SOURCES[field])


def measure_definition(field: str) -> str:
    """What the measure counts and by which date, as the workbooks' notes print it, in the
    language of the Qt-free messages (townclerk.i18n)."""
    return MEASURE_BY_FIELD[field].explained()


def measure_value(figures: Figures, field: str) -> int | float | None:
    value: int | float | None = getattr(figures, field)
    return value


def format_measure(figures: Figures, field: str) -> str:
    """The value as the dashboard writes it: 1,234 / 87.5% / 2.3; "—" where there is none."""
    value = measure_value(figures, field)
    if value is None:
        return NO_VALUE
    kind = MEASURE_BY_FIELD[field].format
    if kind is MeasureFormat.RATE:
        return f"{value:.1%}"
    if kind is MeasureFormat.DAYS:
        return f"{value:.1f}"
    return f"{int(value):,}"
