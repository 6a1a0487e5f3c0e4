"""The dashboard's names for the statistics measures, and how their values are written.

The measures themselves (what each counts, by which date) are defined once in
:mod:`~townclerk.records.statistics`; their Chinese labels there are what the
workbooks print. On screen the names go through Qt's translator like every other string, and the
Chinese translations are those same labels (tests/ui/test_dashboard.py checks that they agree),
so the dashboard and the workbook a supervisor sends up always say the same words.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from townclerk.records.statistics import (
    MEASURE_BY_FIELD,
    Figures,
    MeasureFormat,
)
from townclerk.ui.qt_typed import QT_TRANSLATE_NOOP

CONTEXT = "DashboardMeasures"
NO_VALUE = "—"

# English source text of each measure the dashboard shows, keyed by its Figures attribute.
SOURCES: dict[str, str] = {
    "accepted": QT_TRANSLATE_NOOP("DashboardMeasures", "Accepted"),
    "instant": QT_TRANSLATE_NOOP("DashboardMeasures", "Instant cases"),
    "promised": QT_TRANSLATE_NOOP("DashboardMeasures", "Promise-based cases"),
    "notified": QT_TRANSLATE_NOOP("DashboardMeasures", "One-time notices"),
    "refused": QT_TRANSLATE_NOOP("DashboardMeasures", "Refusals"),
    "completed": QT_TRANSLATE_NOOP("DashboardMeasures", "Completed"),
    "completed_on_time": QT_TRANSLATE_NOOP("DashboardMeasures", "Completed on time"),
    "completed_late": QT_TRANSLATE_NOOP("DashboardMeasures", "Completed late"),
    "on_time_rate": QT_TRANSLATE_NOOP("DashboardMeasures", "On-time rate"),
    "average_days": QT_TRANSLATE_NOOP(
        "DashboardMeasures", "Average time to complete (working days)"
    ),
    "open": QT_TRANSLATE_NOOP("DashboardMeasures", "In progress"),
    "open_overdue": QT_TRANSLATE_NOOP("DashboardMeasures", "Overdue in progress"),
    "evaluated": QT_TRANSLATE_NOOP("DashboardMeasures", "Evaluations"),
    "satisfaction_rate": QT_TRANSLATE_NOOP("DashboardMeasures", "Satisfaction rate"),
}


def measure_name(field: str) -> str:
    """The measure's name in the interface language."""
    return QCoreApplication.translate(CONTEXT, SOURCES[field])


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
