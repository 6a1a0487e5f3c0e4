"""The working-day calendar: official 2026 schedule, make-up days, pauses, overrides, flags.

The 2026 days are the State Council's schedule as carried by the ``holidays`` package; the tests
name them explicitly so a wrong package or a wrong reading of it fails here.
"""

from __future__ import annotations

import datetime as dt

import pytest
from holidays.countries.china import China
from hypothesis import given, settings
from hypothesis import strategies as st

from townclerk.workdays import Pause, WorkCalendar, last_official_year, statutory_holidays

PROPERTY = settings(max_examples=200, deadline=None, database=None)


def d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def days(first: str, last: str) -> list[dt.date]:
    start, end = d(first), d(last)
    return [start + dt.timedelta(days=offset) for offset in range((end - start).days + 1)]


@pytest.fixture(scope="module")
def calendar() -> WorkCalendar:
    return WorkCalendar()


# --- The official 2026 schedule ----------------------------------------------------------------


def test_spring_festival_2026_is_nine_days_off(calendar: WorkCalendar) -> None:
    assert [day for day in days("2026-02-13", "2026-03-01") if not calendar.is_workday(day)] == [
        *days("2026-02-15", "2026-02-23"),
        d("2026-03-01"),  # an ordinary Sunday
    ]


@pytest.mark.parametrize(
    "make_up",
    ["2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10"],
)
def test_2026_make_up_weekend_days_are_working_days(calendar: WorkCalendar, make_up: str) -> None:
    day = d(make_up)
    assert day.weekday() >= 5
    assert calendar.is_workday(day)
    # The package agrees: each is one of its weekend workdays for 2026.
    assert day in China(years=2026).weekend_workdays  # type: ignore[no-untyped-call]


def test_national_day_2026_is_october_1_to_7(calendar: WorkCalendar) -> None:
    week = days("2026-09-26", "2026-10-11")
    assert [day for day in week if not calendar.is_workday(day)] == [
        d("2026-09-26"),  # Saturday
        d("2026-09-27"),  # Sunday
        *days("2026-10-01", "2026-10-07"),
        d("2026-10-11"),  # Sunday; Saturday 10-10 is a make-up working day
    ]


def test_ordinary_weeks_of_2026_are_monday_to_friday(calendar: WorkCalendar) -> None:
    week = days("2026-03-09", "2026-03-15")
    assert [calendar.is_workday(day) for day in week] == [True] * 5 + [False] * 2


def test_the_domain_example_five_working_days_from_tuesday_29_september(
    calendar: WorkCalendar,
) -> None:
    # 09-30, 10-08, 10-09, Saturday 10-10 (make-up), 10-12.
    assert calendar.add_working_days(d("2026-09-29"), 5) == d("2026-10-12")
    assert [calendar.add_working_days(d("2026-09-29"), n) for n in range(1, 6)] == [
        d("2026-09-30"),
        d("2026-10-08"),
        d("2026-10-09"),
        d("2026-10-10"),
        d("2026-10-12"),
    ]


def test_counting_across_spring_festival_uses_both_make_up_saturdays(
    calendar: WorkCalendar,
) -> None:
    # Fri 02-13 → Sat 02-14 (make-up) → Tue 02-24 … Fri 02-27 → Sat 02-28 (make-up) → Mon 03-02.
    assert calendar.add_working_days(d("2026-02-13"), 1) == d("2026-02-14")
    assert calendar.add_working_days(d("2026-02-13"), 2) == d("2026-02-24")
    assert calendar.add_working_days(d("2026-02-13"), 6) == d("2026-02-28")
    assert calendar.add_working_days(d("2026-02-13"), 7) == d("2026-03-02")


def test_counting_starts_the_day_after(calendar: WorkCalendar) -> None:
    # Accepted on a Monday: one working day later is Tuesday, not the Monday itself.
    assert calendar.add_working_days(d("2026-03-09"), 1) == d("2026-03-10")
    # Accepted on a Saturday or a holiday: the first working day after it.
    assert calendar.add_working_days(d("2026-03-07"), 1) == d("2026-03-09")
    assert calendar.add_working_days(d("2026-10-01"), 1) == d("2026-10-08")


def test_zero_days_is_the_same_day(calendar: WorkCalendar) -> None:
    assert calendar.add_working_days(d("2026-09-29"), 0) == d("2026-09-29")
    # Even a day off: an instant case is due the day it is accepted.
    assert calendar.add_working_days(d("2026-10-03"), 0) == d("2026-10-03")


def test_a_negative_limit_is_a_bug(calendar: WorkCalendar) -> None:
    with pytest.raises(ValueError, match="must not be negative"):
        calendar.add_working_days(d("2026-09-29"), -1)


# --- Pauses ------------------------------------------------------------------------------------


def test_a_closed_pause_spanning_national_day_moves_the_due_date(calendar: WorkCalendar) -> None:
    # Correction asked on 09-30, supplied on 10-09: 09-30, 10-08 and 10-09 do not count, so the
    # clock needs 10-10, 10-12, 10-13, 10-14, 10-15.
    pause = Pause(start=d("2026-09-30"), end=d("2026-10-09"))
    assert calendar.due_date(d("2026-09-29"), 5, [pause]) == d("2026-10-15")


def test_a_pause_inside_the_holiday_costs_nothing(calendar: WorkCalendar) -> None:
    pause = Pause(start=d("2026-10-01"), end=d("2026-10-07"))
    assert calendar.due_date(d("2026-09-29"), 5, [pause]) == d("2026-10-12")


def test_a_pause_that_starts_on_the_due_date_keeps_the_day_left(calendar: WorkCalendar) -> None:
    """Issue 12: accepted 09-29, 5 working days (due 10-12), 专家评审 10-12 → 10-16. The due
    day itself was paused: after the pause the case has that day left, Monday 10-19."""
    pause = Pause(start=d("2026-10-12"), end=d("2026-10-16"))
    assert calendar.due_date(d("2026-09-29"), 5, [pause]) == d("2026-10-19")


def test_a_case_paused_late_resumes_exactly_as_late(calendar: WorkCalendar) -> None:
    # Due 10-12, still open on 10-13 (one working day late), paused 10-14 → 10-20: the due date
    # moves on by the five paused working days, so on 10-21 the case is two days late
    # (10-13 and 10-21), not seven.
    pause = Pause(start=d("2026-10-14"), end=d("2026-10-20"))
    due = calendar.due_date(d("2026-09-29"), 5, [pause])
    assert due == d("2026-10-19")
    assert calendar.days_used(due, d("2026-10-21"), []) == 2


def test_an_open_pause_runs_until_today(calendar: WorkCalendar) -> None:
    open_pause = Pause(start=d("2026-09-30"), end=None)
    accepted = d("2026-09-29")
    # Still paused on 10-09: the clock restarts on 10-10 at the earliest.
    assert calendar.due_date(accepted, 5, [open_pause], today=d("2026-10-09")) == d("2026-10-15")
    # Each further paused working day moves the due date by one working day.
    assert calendar.due_date(accepted, 5, [open_pause], today=d("2026-10-10")) == d("2026-10-16")
    assert calendar.due_date(accepted, 5, [open_pause], today=d("2026-10-12")) == d("2026-10-19")
    # Paused days that are days off anyway change nothing.
    assert calendar.due_date(accepted, 5, [open_pause], today=d("2026-10-11")) == d("2026-10-16")


def test_two_pauses_both_count(calendar: WorkCalendar) -> None:
    pauses = [
        Pause(start=d("2026-03-10"), end=d("2026-03-10")),  # Tuesday 03-10 paused
        Pause(start=d("2026-03-12"), end=d("2026-03-12")),  # Thursday 03-12 paused
    ]
    # From Monday 03-09, 3 days: 03-11, 03-13, 03-16.
    assert calendar.due_date(d("2026-03-09"), 3, pauses) == d("2026-03-16")


def test_days_used_counts_working_days_after_acceptance_without_pauses(
    calendar: WorkCalendar,
) -> None:
    accepted = d("2026-09-29")
    assert calendar.days_used(accepted, accepted, []) == 0
    assert calendar.days_used(accepted, d("2026-09-30"), []) == 1
    assert calendar.days_used(accepted, d("2026-10-07"), []) == 1
    assert calendar.days_used(accepted, d("2026-10-12"), []) == 5
    pause = Pause(start=d("2026-09-30"), end=d("2026-10-09"))
    assert calendar.days_used(accepted, d("2026-10-12"), [pause]) == 2
    # A pause still open when the case finished stops at the finishing day.
    # 09-30 counts; 10-08 (the day the pause began) to 10-12 are paused.
    assert calendar.days_used(accepted, d("2026-10-12"), [Pause(d("2026-10-08"), None)]) == 1


# --- Admin overrides ---------------------------------------------------------------------------


def test_an_override_makes_a_weekday_a_day_off() -> None:
    closed = d("2026-09-30")  # e.g. the center closed for a local reason
    calendar = WorkCalendar(overrides={closed: False})
    assert not calendar.is_workday(closed)
    assert calendar.add_working_days(d("2026-09-29"), 5) == d("2026-10-13")


def test_an_override_makes_a_sunday_a_working_day() -> None:
    sunday = d("2026-10-11")
    calendar = WorkCalendar(overrides={sunday: True})
    assert calendar.is_workday(sunday)
    assert calendar.add_working_days(d("2026-09-29"), 5) == d("2026-10-11")


def test_overrides_beat_the_official_schedule_both_ways() -> None:
    make_up, holiday = d("2026-10-10"), d("2026-10-05")
    calendar = WorkCalendar(overrides={make_up: False, holiday: True})
    assert not calendar.is_workday(make_up)
    assert calendar.is_workday(holiday)
    # The official answer is still available beside the override.
    assert calendar.official_is_workday(make_up)
    assert not calendar.official_is_workday(holiday)
    # Days nobody overrode keep the official answer.
    assert calendar.is_workday(d("2026-10-08"))
    assert not calendar.is_workday(d("2026-10-06"))


def test_the_default_calendar_has_no_overrides() -> None:
    assert all(not overridden for _, _, overridden in WorkCalendar().year_days(2026))


# --- Years without official data ---------------------------------------------------------------


def first_unofficial_year() -> int:
    """2027 with the installed package; later once a newer package carries 2027's schedule."""
    return last_official_year() + 1


def test_2026_is_official_and_not_flagged(calendar: WorkCalendar) -> None:
    assert calendar.is_official_year(2026)
    assert calendar.unofficial_years_in(d("2026-01-01"), d("2026-12-31")) == []


def test_a_year_without_official_data_is_flagged(calendar: WorkCalendar) -> None:
    year = first_unofficial_year()
    assert not calendar.is_official_year(year)
    assert calendar.unofficial_years_in(dt.date(year - 1, 12, 1), dt.date(year, 1, 31)) == [year]
    assert calendar.unofficial_years_in(dt.date(year - 1, 1, 1), dt.date(year + 1, 1, 1)) == [
        year,
        year + 1,
    ]


def test_a_year_without_official_data_counts_the_statutory_holidays_only(
    calendar: WorkCalendar,
) -> None:
    year = first_unofficial_year()
    # The package also guesses substitute days (补假) for such a year; the State Council's
    # schedule decides those, so the calendar counts the statutory days alone (see
    # test_statutory_holidays.py for the days themselves).
    statutory = statutory_holidays(year)
    guessed = [
        day
        for day in China(years=year)  # type: ignore[no-untyped-call]
        if day.year == year and day.weekday() < 5 and day not in statutory
    ]
    assert guessed, "the package should guess some substitute days"
    for day in guessed:
        assert calendar.is_workday(day), day
    for day in days(f"{year}-01-01", f"{year}-12-31"):
        assert calendar.is_workday(day) is (day.weekday() < 5 and day not in statutory), day


def test_the_first_year_without_data_is_2027_with_the_installed_package(
    calendar: WorkCalendar,
) -> None:
    if last_official_year() > 2026:
        pytest.skip("a newer holidays package carries 2027's schedule")
    assert calendar.unofficial_years_in(d("2026-12-01"), d("2027-03-01")) == [2027]
    # Spring Festival 2027: 除夕 Fri 02-05 to 初三 Mon 02-08 are off; the package's guessed
    # substitute days (02-09, 02-10) are not.
    assert not calendar.is_workday(d("2027-02-08"))
    assert calendar.add_working_days(d("2027-02-04"), 1) == d("2027-02-09")
    assert calendar.is_workday(d("2027-02-10"))


def test_a_year_confirmed_by_an_admin_is_not_flagged() -> None:
    year = first_unofficial_year()
    calendar = WorkCalendar(confirmed_years=[year])
    assert calendar.is_known_year(year)
    assert calendar.unofficial_years_in(dt.date(year, 1, 1), dt.date(year, 12, 31)) == []
    assert calendar.unofficial_years_in(dt.date(year, 1, 1), dt.date(year + 1, 1, 1)) == [year + 1]


def test_a_confirmed_year_is_computed_from_the_admins_overrides() -> None:
    year = first_unofficial_year()
    new_year = dt.date(year, 1, 1)
    calendar = WorkCalendar(overrides={new_year: False}, confirmed_years=[year])
    assert new_year.weekday() < 5
    assert not calendar.is_workday(new_year)


def test_years_before_the_official_data_are_flagged(calendar: WorkCalendar) -> None:
    assert calendar.unofficial_years_in(d("1999-12-01"), d("2001-01-31")) == [1999, 2000]


# --- The calendar screen -----------------------------------------------------------------------


def test_year_days_lists_every_day_with_its_state_and_override_flag() -> None:
    sunday, holiday = d("2026-10-11"), d("2026-10-05")
    calendar = WorkCalendar(overrides={sunday: True, holiday: False})

    year = calendar.year_days(2026)

    assert len(year) == 365
    assert [day for day, _, _ in year] == days("2026-01-01", "2026-12-31")
    by_day = {day: (is_workday, overridden) for day, is_workday, overridden in year}
    assert by_day[sunday] == (True, True)
    assert by_day[holiday] == (False, True)  # overridden to what it already was: still shown
    assert by_day[d("2026-10-10")] == (True, False)
    assert by_day[d("2026-02-17")] == (False, False)
    assert sum(is_workday for _, is_workday, _ in year) == sum(
        calendar.is_workday(day) for day in days("2026-01-01", "2026-12-31")
    )


# The State Council's 2026 schedule: holiday spans and make-up working days (调休).
HOLIDAYS_2026 = [
    *days("2026-01-01", "2026-01-03"),  # 元旦
    *days("2026-02-15", "2026-02-23"),  # 春节
    *days("2026-04-04", "2026-04-06"),  # 清明节
    *days("2026-05-01", "2026-05-05"),  # 劳动节
    *days("2026-06-19", "2026-06-21"),  # 端午节
    *days("2026-09-25", "2026-09-27"),  # 中秋节
    *days("2026-10-01", "2026-10-07"),  # 国庆节
]
MAKE_UP_DAYS_2026 = [d(day) for day in ("2026-01-04", "2026-02-14", "2026-02-28")] + [
    d(day) for day in ("2026-05-09", "2026-09-20", "2026-10-10")
]


def test_every_day_of_2026_follows_the_published_schedule(calendar: WorkCalendar) -> None:
    for day in days("2026-01-01", "2026-12-31"):
        expected = day in MAKE_UP_DAYS_2026 or (day.weekday() < 5 and day not in HOLIDAYS_2026)
        assert calendar.is_workday(day) is expected, day
    # 365 − 104 weekend days − 19 weekday holidays + 6 make-up days.
    assert sum(is_workday for _, is_workday, _ in calendar.year_days(2026)) == 248


def test_year_days_covers_a_leap_year(calendar: WorkCalendar) -> None:
    assert len(calendar.year_days(2028)) == 366


# --- Properties --------------------------------------------------------------------------------

STARTS = st.dates(min_value=dt.date(2024, 1, 1), max_value=dt.date(2027, 12, 31))
COUNTS = st.integers(min_value=0, max_value=60)
OVERRIDES = st.dictionaries(
    st.dates(min_value=dt.date(2024, 1, 1), max_value=dt.date(2028, 6, 30)),
    st.booleans(),
    max_size=20,
)


@PROPERTY
@given(start=STARTS, count=COUNTS, overrides=OVERRIDES)
def test_add_working_days_is_strictly_increasing_in_n(
    start: dt.date, count: int, overrides: dict[dt.date, bool]
) -> None:
    calendar = WorkCalendar(overrides=overrides)
    assert calendar.add_working_days(start, count) < calendar.add_working_days(start, count + 1)


@PROPERTY
@given(start=STARTS, count=st.integers(min_value=1, max_value=60), overrides=OVERRIDES)
def test_add_working_days_lands_on_a_working_day(
    start: dt.date, count: int, overrides: dict[dt.date, bool]
) -> None:
    calendar = WorkCalendar(overrides=overrides)
    assert calendar.is_workday(calendar.add_working_days(start, count))


@PROPERTY
@given(start=STARTS, count=COUNTS, overrides=OVERRIDES)
def test_working_days_between_start_and_the_result_equal_n(
    start: dt.date, count: int, overrides: dict[dt.date, bool]
) -> None:
    calendar = WorkCalendar(overrides=overrides)
    due = calendar.add_working_days(start, count)
    span = (due - start).days
    counted = sum(
        calendar.is_workday(start + dt.timedelta(days=offset)) for offset in range(1, span + 1)
    )
    assert counted == count
    assert calendar.days_used(start, due, []) == count
