"""Pauses never count, whatever day they start (issue 12, item 5), checked by hypothesis over
random acceptance days, limits and pause intervals against a plain day-by-day count.

The reference below walks the calendar one day at a time: a working day outside every pause
(start and end day included) uses one day of the limit. On any day the case is not paused, the
days it has left are the limit minus the days used, and the due date the calendar gives, from
the pauses known that day, must be exactly that many working days ahead (or behind, for a case
already late). So a case paused on or after its due date is never made later by its pause.
"""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from townclerk.workdays import Pause, WorkCalendar

ONE_DAY = dt.timedelta(days=1)
PROPERTY = settings(max_examples=300, deadline=None, database=None)
CALENDAR = WorkCalendar()

ACCEPTED = st.dates(min_value=dt.date(2024, 1, 1), max_value=dt.date(2026, 11, 30))
LIMITS = st.integers(min_value=0, max_value=25)
# Each pause: (days after the previous pause ended, or after acceptance; days it lasts). A new
# pause may begin on the very day the previous one ended (补正 done, 特别程序 begun).
INTERVALS = st.lists(
    st.tuples(st.integers(min_value=0, max_value=25), st.integers(min_value=0, max_value=15)),
    max_size=3,
)


def pauses_from(accepted: dt.date, intervals: list[tuple[int, int]]) -> list[Pause]:
    pauses = []
    previous_end = accepted
    for gap, length in intervals:
        start = previous_end + ONE_DAY * gap
        pauses.append(Pause(start, start + ONE_DAY * length))
        previous_end = start + ONE_DAY * length
    return pauses


def paused_on(day: dt.date, pauses: list[Pause]) -> bool:
    return any(p.start <= day <= (p.end or day) for p in pauses)


def days_used_by_hand(accepted: dt.date, day: dt.date, pauses: list[Pause]) -> int:
    """Working days after acceptance up to and including ``day`` outside every pause."""
    used = 0
    current = accepted + ONE_DAY
    while current <= day:
        if CALENDAR.is_workday(current) and not paused_on(current, pauses):
            used += 1
        current += ONE_DAY
    return used


def working_days_from(day: dt.date, due: dt.date) -> int:
    """Working days from ``day`` to ``due``: after ``day`` up to ``due`` when it is ahead, less
    than zero (after ``due`` up to ``day``) when it has passed."""
    first, last, sign = (day, due, 1) if due >= day else (due, day, -1)
    count = 0
    current = first + ONE_DAY
    while current <= last:
        count += CALENDAR.is_workday(current)
        current += ONE_DAY
    return sign * count


def known_on(day: dt.date, pauses: list[Pause]) -> list[Pause]:
    """The pauses a clerk knows of on ``day``: begun by then, a running one still open."""
    return [
        Pause(p.start, p.end if p.end is not None and p.end < day else None)
        for p in pauses
        if p.start <= day
    ]


@PROPERTY
@given(accepted=ACCEPTED, limit=LIMITS, intervals=INTERVALS)
def test_on_every_day_not_paused_the_due_date_leaves_the_days_left(
    accepted: dt.date, limit: int, intervals: list[tuple[int, int]]
) -> None:
    pauses = pauses_from(accepted, intervals)
    horizon = max([accepted, *(p.end for p in pauses if p.end)]) + ONE_DAY * 45
    day = accepted + ONE_DAY
    while day <= horizon:
        if not paused_on(day, pauses):
            left = limit - days_used_by_hand(accepted, day, pauses)
            due = CALENDAR.due_date(accepted, limit, known_on(day, pauses), today=day)
            assert working_days_from(day, due) == left, (day, due, left)
            assert (due < day) == (left < 0 or (left == 0 and not CALENDAR.is_workday(day)))
        day += ONE_DAY


@PROPERTY
@given(accepted=ACCEPTED, limit=LIMITS, intervals=INTERVALS, offset=st.integers(0, 80))
def test_days_used_is_the_plain_count(
    accepted: dt.date, limit: int, intervals: list[tuple[int, int]], offset: int
) -> None:
    pauses = pauses_from(accepted, intervals)
    finished = accepted + ONE_DAY * offset
    assert CALENDAR.days_used(accepted, finished, pauses) == days_used_by_hand(
        accepted, finished, pauses
    )


@PROPERTY
@given(accepted=ACCEPTED, limit=LIMITS, intervals=INTERVALS)
def test_a_pause_never_brings_the_due_date_forward(
    accepted: dt.date, limit: int, intervals: list[tuple[int, int]]
) -> None:
    pauses = pauses_from(accepted, intervals)
    due = CALENDAR.due_date(accepted, limit, pauses)
    assert due >= CALENDAR.add_working_days(accepted, limit)
