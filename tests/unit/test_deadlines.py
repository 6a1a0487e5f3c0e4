"""The statutory deadline's arithmetic and the rule of 延期, without a database."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from townclerk.errors import UserError
from townclerk.services.deadlines import MAX_EXTENSION_DAYS, check_extension, statutory_due_date
from townclerk.workdays import Pause, WorkCalendar

TUESDAY = dt.date(2026, 9, 29)  # before National Day; Sat 10-10 is a make-up working day


@pytest.fixture(scope="module")
def calendar() -> WorkCalendar:
    return WorkCalendar()


def test_statutory_date_counts_working_days_after_acceptance(calendar: WorkCalendar) -> None:
    assert statutory_due_date(calendar, TUESDAY, 15, 0, ()) == dt.date(2026, 10, 26)
    # A 延期 adds working days to the same count: 15 + 10 ends on 11-09.
    assert statutory_due_date(calendar, TUESDAY, 15, 10, ()) == dt.date(2026, 11, 9)


def test_closed_pauses_are_skipped_and_a_running_one_waits_for_its_end(
    calendar: WorkCalendar,
) -> None:
    closed = Pause(dt.date(2026, 10, 9), dt.date(2026, 10, 14))  # 10-09, 10-10, 10-12 … 10-14
    assert statutory_due_date(calendar, TUESDAY, 15, 0, [closed]) == dt.date(2026, 11, 2)
    running = Pause(dt.date(2026, 10, 20), None)
    assert statutory_due_date(calendar, TUESDAY, 15, 0, [closed, running]) == dt.date(2026, 11, 2)


def test_overrides_count(calendar: WorkCalendar) -> None:
    closed_day = WorkCalendar({dt.date(2026, 10, 20): False})
    assert statutory_due_date(closed_day, TUESDAY, 15, 0, ()) == dt.date(2026, 10, 27)


TODAY = dt.date(2026, 10, 14)


@pytest.mark.parametrize("days", [1, 5, MAX_EXTENSION_DAYS])
def test_one_to_ten_working_days_once(days: int) -> None:
    check_extension(days, already_extended=0, statutory_due_date=TODAY, paused=False, today=TODAY)


@pytest.mark.parametrize(
    ("days", "already", "due", "paused", "message"),
    [
        (0, 0, TODAY, False, "延长的期限应为1至10个工作日（《行政许可法》第四十二条），现为0"),
        (11, 0, TODAY, False, "延长的期限应为1至10个工作日（《行政许可法》第四十二条），现为11"),
        (-1, 0, TODAY, False, "现为-1"),
        (3, 5, TODAY, False, "该办件已延期5个工作日；依法只能延期一次"),
        (3, 0, dt.date(2026, 10, 13), False, "法定办理期限已于2026-10-13届满，不能再延期"),
    ],
)
def test_refused(days: int, already: int, due: dt.date, paused: bool, message: str) -> None:
    with pytest.raises(UserError, match=re.escape(message)):
        check_extension(
            days, already_extended=already, statutory_due_date=due, paused=paused, today=TODAY
        )


def test_a_paused_case_may_still_be_extended_its_date_waits_for_the_pause() -> None:
    check_extension(
        3, already_extended=0, statutory_due_date=dt.date(2026, 10, 1), paused=True, today=TODAY
    )
