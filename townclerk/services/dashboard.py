"""What the dashboard shows, read off the UI thread: today's figures with their breakdowns by
item, window and clerk, and the daily volume of the last 30 days.

Everything comes from :class:`~townclerk.services.statistics.StatisticsService`, so the screen
and the workbooks count alike. Only today's figures move as the center works: every figure of a
day is counted by that day's own date (registrations by the day registered, completions by the
day completed; see :mod:`~townclerk.records.statistics`), so the days before today
are counted once and kept until the date changes or a full recount is asked for. A refresh after
a case is accepted is then one report of today, however many years the database holds.

Qt-free: the page runs :meth:`DashboardSource.load` on a worker thread.
"""

from __future__ import annotations

import datetime as dt
import threading
from dataclasses import dataclass

from townclerk.db.database import Database
from townclerk.records.journey_statistics import JourneyReport
from townclerk.records.statistics import (
    Dimension,
    GroupFigures,
    Period,
    StatisticsReport,
)
from townclerk.services.access import Actor
from townclerk.services.journey_statistics import JourneyStatisticsService
from townclerk.services.settings import SettingsService
from townclerk.services.statistics import StatisticsService
from townclerk.workdays import WorkCalendar

TREND_DAYS = 30
TODAY_DIMENSIONS = (Dimension.ITEM, Dimension.WINDOW, Dimension.CLERK)
ONE_DAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class TrendPoint:
    """One day of the trend chart."""

    day: dt.date
    accepted: int
    completed: int
    workday: bool


@dataclass(frozen=True)
class DashboardSnapshot:
    """Today's report (totals, and breakdowns by :data:`TODAY_DIMENSIONS`) and the trend,
    oldest day first, ending with today."""

    report: StatisticsReport
    trend: tuple[TrendPoint, ...]
    journey: JourneyReport | None = None  # today's desks, county and village points

    @property
    def day(self) -> dt.date:
        return self.report.period.first

    def breakdown(self, dimension: Dimension) -> tuple[GroupFigures, ...]:
        return self.report.breakdowns.get(dimension, ())


@dataclass(frozen=True)
class _PastDays:
    """The trend's days before ``today``, counted once for that day."""

    today: dt.date
    points: tuple[TrendPoint, ...]
    calendar: WorkCalendar


class DashboardSource:
    """Loads snapshots, keeping the days before today between loads."""

    def __init__(self, db: Database) -> None:
        self._db = db
        self._statistics = StatisticsService(db)
        self._journey = JourneyStatisticsService(db)
        self._settings = SettingsService(db)
        self._lock = threading.Lock()
        self._past: _PastDays | None = None

    def load(self, actor: Actor, *, recount_past: bool = False) -> DashboardSnapshot:
        """Today's report, and the trend; the days before today are recounted only when the
        date has changed since the last load or ``recount_past`` is given."""
        today = self._db.today()
        # Today's report first: it checks the actor's permission before anything is counted.
        report = self._statistics.report(actor, Period.day(today), dimensions=TODAY_DIMENSIONS)
        past = self._past_days(actor, today, recount_past)
        totals = report.totals
        today_point = TrendPoint(
            today, totals.accepted, totals.completed, past.calendar.is_workday(today)
        )
        journey = self._journey.report(actor, Period.day(today))
        return DashboardSnapshot(report, (*past.points, today_point), journey)

    def _past_days(self, actor: Actor, today: dt.date, recount: bool) -> _PastDays:
        with self._lock:
            past = self._past
            if past is not None and past.today == today and not recount:
                return past
            calendar = self._settings.work_calendar()
            first, last = today - ONE_DAY * (TREND_DAYS - 1), today - ONE_DAY
            by_day = self._statistics.report(
                actor, Period(first, last), dimensions=(Dimension.DAY,)
            ).breakdowns[Dimension.DAY]
            points = tuple(
                TrendPoint(
                    row.key,
                    row.figures.accepted,
                    row.figures.completed,
                    calendar.is_workday(row.key),
                )
                for row in by_day
                if isinstance(row.key, dt.date)
            )
            self._past = _PastDays(today, points, calendar)
            return self._past
