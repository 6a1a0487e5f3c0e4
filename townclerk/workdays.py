"""The working-day calendar and statutory deadlines.

Official data comes from the ``holidays`` package (China: public holidays and make-up working
days, 调休). Admins override any day; overrides win. A year without the State Council's schedule
still has the holidays the law fixes every year (《全国年节及纪念日放假办法》: 元旦, 春节 from 除夕,
清明, 劳动节, 端午, 中秋, 国庆; the lunar dates and 清明 computed by the same package), but not
its 调休 swaps and bridge days: such a year is flagged through
:meth:`WorkCalendar.unofficial_years_in`, so the UI can say what is not counted yet.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

ONE_DAY = dt.timedelta(days=1)
FIRST_OFFICIAL_YEAR = 2001


@lru_cache(maxsize=1)
def last_official_year() -> int:
    """The last year whose State Council schedule the installed ``holidays`` package carries."""
    # Imported on first use: the holidays package loads every country's module (0.15 s).
    from holidays.countries.china import ChinaStaticHolidays

    return max(ChinaStaticHolidays.special_public_holidays)


@lru_cache(maxsize=64)
def _official_year(year: int) -> tuple[frozenset[dt.date], frozenset[dt.date]]:
    from holidays.countries.china import China

    calendar = China(years=year)  # type: ignore[no-untyped-call]
    days_off = frozenset(day for day in calendar if day.year == year)
    workdays = frozenset(day for day in calendar.weekend_workdays if day.year == year)
    return days_off, workdays


@lru_cache(maxsize=64)
def _statutory_year(year: int, language: str) -> tuple[tuple[dt.date, str], ...]:
    from holidays.countries.china import China, ChinaStaticHolidays

    # observed=False: without the package's own guesses at substitute days; the State Council's
    # swaps (days off moved from a weekend) are the package's special holidays of the year.
    calendar = China(years=year, observed=False, language=language)  # type: ignore[no-untyped-call]
    swaps = {
        dt.date(year, month, day)
        for month, day, *_ in ChinaStaticHolidays.special_public_holidays.get(year, ())
    }
    days = ((day, name) for day, name in calendar.items() if day.year == year)
    return tuple(sorted((day, name) for day, name in days if day not in swaps))


def statutory_holidays(year: int, language: str = "zh_CN") -> dict[dt.date, str]:
    """The days off that 《全国年节及纪念日放假办法》 fixes in ``year``, by holiday name in
    ``language`` (zh_CN, en_US): without the 调休 swaps of the State Council's schedule."""
    return dict(_statutory_year(year, language))


@lru_cache(maxsize=64)
def _statutory_days_off(year: int) -> frozenset[dt.date]:
    return frozenset(day for day, _ in _statutory_year(year, "zh_CN"))


@dataclass(frozen=True)
class Pause:
    """A span during which the clock stops (补正 or 特别程序).

    Its working days from ``start`` to ``end``, both included, never count, whatever day it
    starts (the day it starts is a day the case waits, not a day it is worked on); ``end`` None
    means the pause is still running.
    """

    start: dt.date
    end: dt.date | None


def _spans(pauses: Sequence[Pause], open_until: dt.date) -> list[tuple[dt.date, dt.date]]:
    return [(pause.start, pause.end or open_until) for pause in pauses]


def _days(first: dt.date, last: dt.date) -> Iterable[dt.date]:
    """Every day from ``first`` to ``last``, both included (none when ``last`` is earlier)."""
    for offset in range((last - first).days + 1):
        yield first + ONE_DAY * offset


class WorkCalendar:
    """Working days: official data, then the admin's overrides (day -> is it a working day)."""

    def __init__(
        self,
        overrides: Mapping[dt.date, bool] | None = None,
        confirmed_years: Iterable[int] = (),
    ) -> None:
        self._overrides = dict(overrides or {})
        self._answers: dict[dt.date, bool] = {}
        self._confirmed_years = frozenset(confirmed_years)
        self._last_official = last_official_year()

    def is_official_year(self, year: int) -> bool:
        return FIRST_OFFICIAL_YEAR <= year <= self._last_official

    def is_known_year(self, year: int) -> bool:
        """Official data exists, or an admin has entered and confirmed the year by hand."""
        return self.is_official_year(year) or year in self._confirmed_years

    def unofficial_years_in(self, start: dt.date, end: dt.date) -> list[int]:
        """Years touched by [start, end] that have no official or confirmed schedule."""
        return [year for year in range(start.year, end.year + 1) if not self.is_known_year(year)]

    def official_is_workday(self, day: dt.date) -> bool:
        """The day before the admin's overrides: the official schedule, or in a year without one
        the statutory holidays and weekends (confirming a year changes no day)."""
        if self.is_official_year(day.year):
            days_off, weekend_workdays = _official_year(day.year)
            if day in days_off:
                return False
            if day in weekend_workdays:
                return True
        elif day in _statutory_days_off(day.year):
            return False
        return day.weekday() < 5

    def is_workday(self, day: dt.date) -> bool:
        answer = self._answers.get(day)
        if answer is None:
            override = self._overrides.get(day)
            answer = self.official_is_workday(day) if override is None else override
            self._answers[day] = answer
        return answer

    def add_working_days(self, start: dt.date, count: int) -> dt.date:
        """The date ``count`` working days after ``start`` (``start`` itself is not counted)."""
        if count < 0:
            raise ValueError("limit_days must not be negative")
        return self._plain_working_days_after(start, count)

    def due_date(
        self,
        accepted_on: dt.date,
        limit_days: int,
        pauses: Sequence[Pause],
        *,
        today: dt.date | None = None,
    ) -> dt.date:
        """The due date of a case accepted on ``accepted_on`` with ``limit_days`` working days,
        given its pauses: the one place that says when a case is due, whichever limit it is.

        Counting starts the day after acceptance; the working days of a pause never count,
        whatever day it starts. A case paused on its due date resumes with the day it had left;
        one paused after it (already late) resumes as late as it was: its due date moves on by
        the working days paused since, so the pause adds nothing to its lateness. A pause still
        running is taken to end ``today``: the due date moves on each day it lasts.
        """
        if limit_days < 0:
            raise ValueError("limit_days must not be negative")
        spans = _spans(pauses, today or dt.date.today())
        day = accepted_on
        counted = 0
        while counted < limit_days:
            day += ONE_DAY
            if self._counts(day, spans):
                counted += 1
        paused_after = {
            paused
            for start, end in spans
            for paused in _days(max(start, day + ONE_DAY), end)
            if self.is_workday(paused)
        }
        return self._plain_working_days_after(day, len(paused_after))

    def _plain_working_days_after(self, start: dt.date, count: int) -> dt.date:
        day = start
        while count > 0:
            day += ONE_DAY
            if self.is_workday(day):
                count -= 1
        return day

    def days_used(self, accepted_on: dt.date, finished_on: dt.date, pauses: Sequence[Pause]) -> int:
        """Working days the clock ran between acceptance and ``finished_on``, pauses excluded."""
        spans = _spans(pauses, finished_on)
        count = 0
        day = accepted_on
        while day < finished_on:
            day += ONE_DAY
            if self._counts(day, spans):
                count += 1
        return count

    def _counts(self, day: dt.date, spans: Sequence[tuple[dt.date, dt.date]]) -> bool:
        return self.is_workday(day) and not any(start <= day <= end for start, end in spans)

    def year_days(self, year: int) -> list[tuple[dt.date, bool, bool]]:
        """Every day of ``year`` as (date, is_workday, overridden) for the calendar screen."""
        day = dt.date(year, 1, 1)
        result = []
        while day.year == year:
            result.append((day, self.is_workday(day), day in self._overrides))
            day += ONE_DAY
        return result
