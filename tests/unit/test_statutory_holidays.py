"""The holidays 《全国年节及纪念日放假办法》 (revised 2024, in force from 2025) fixes every year,
which the calendar counts in a year without the State Council's schedule.

The days are written out by hand: 2025 and 2026 from the State Council's notices (their 法定
days, without the 调休 swaps), 2027–2030 from the known lunar dates, so a wrong package or a
wrong reading of it fails here.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.conftest import FakeClock
from tests.factories import intake_for, make_item
from townclerk.db.database import Database
from townclerk.formats.holiday_notice import parse_notice
from townclerk.services.access import Actor
from townclerk.services.cases import CaseService
from townclerk.services.settings import SettingsService
from townclerk.workdays import WorkCalendar, last_official_year, statutory_holidays


def d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def dates(*texts: str) -> set[dt.date]:
    return {d(text) for text in texts}


# 元旦; 除夕 and 初一–初三; 清明; 5月1日–2日; 端午; 中秋; 10月1日–3日.
STATUTORY = {
    2025: dates(
        *("2025-01-01", "2025-01-28", "2025-01-29", "2025-01-30", "2025-01-31"),
        *("2025-04-04", "2025-05-01", "2025-05-02", "2025-05-31", "2025-10-06"),
        *("2025-10-01", "2025-10-02", "2025-10-03"),
    ),
    2026: dates(
        *("2026-01-01", "2026-02-16", "2026-02-17", "2026-02-18", "2026-02-19"),
        *("2026-04-05", "2026-05-01", "2026-05-02", "2026-06-19", "2026-09-25"),
        *("2026-10-01", "2026-10-02", "2026-10-03"),
    ),
    2027: dates(
        *("2027-01-01", "2027-02-05", "2027-02-06", "2027-02-07", "2027-02-08"),
        *("2027-04-05", "2027-05-01", "2027-05-02", "2027-06-09", "2027-09-15"),
        *("2027-10-01", "2027-10-02", "2027-10-03"),
    ),
    # 中秋 falls on 10-03, inside 国庆: the law adds no day for it (a schedule may).
    2028: dates(
        *("2028-01-01", "2028-01-25", "2028-01-26", "2028-01-27", "2028-01-28"),
        *("2028-04-04", "2028-05-01", "2028-05-02", "2028-05-28"),
        *("2028-10-01", "2028-10-02", "2028-10-03"),
    ),
}


@pytest.mark.parametrize("year", sorted(STATUTORY))
def test_the_statutory_days_of_a_year(year: int) -> None:
    assert set(statutory_holidays(year)) == STATUTORY[year]


# The further days off of the published schedules: weekdays given for worked weekends (调休) or
# for a holiday on a weekend.
SWAPPED_DAYS_OFF = {
    2025: dates("2025-02-03", "2025-02-04", "2025-05-05", "2025-06-02", "2025-10-07", "2025-10-08"),
    2026: dates(
        *("2026-01-02", "2026-02-20", "2026-02-23", "2026-04-06", "2026-05-04", "2026-05-05"),
        *("2026-10-05", "2026-10-06", "2026-10-07"),
    ),
}


@pytest.mark.parametrize("year", [2025, 2026])
def test_a_published_schedule_is_the_statutory_days_plus_its_swaps(year: int) -> None:
    calendar = WorkCalendar()
    assert calendar.is_official_year(year)
    days_off = {day for day, is_workday, _ in calendar.year_days(year) if not is_workday}
    weekdays_off = {day for day in days_off if day.weekday() < 5}
    assert STATUTORY[year] <= days_off
    statutory_weekdays = {day for day in STATUTORY[year] if day.weekday() < 5}
    assert weekdays_off == statutory_weekdays | SWAPPED_DAYS_OFF[year]


@pytest.mark.parametrize(
    ("year", "eve", "spring", "qingming", "dragon_boat", "mid_autumn"),
    [
        (2027, "02-05", "02-06", "04-05", "06-09", "09-15"),
        (2028, "01-25", "01-26", "04-04", "05-28", "10-03"),
        (2029, "02-12", "02-13", "04-04", "06-16", "09-22"),
        (2030, "02-02", "02-03", "04-05", "06-05", "09-12"),
    ],
)
def test_lunar_festivals_and_qingming_are_computed(
    year: int, eve: str, spring: str, qingming: str, dragon_boat: str, mid_autumn: str
) -> None:
    names = statutory_holidays(year)

    def on(month_day: str) -> str:
        return names.get(d(f"{year}-{month_day}"), "")

    assert on(eve) == "农历除夕"
    first = d(f"{year}-{spring}")
    assert [names.get(first + dt.timedelta(days=n)) for n in range(3)] == ["春节"] * 3
    assert first + dt.timedelta(days=3) not in names
    assert on(qingming) == "清明节"
    assert on(dragon_boat) == "端午节"
    assert "中秋节" in on(mid_autumn)
    assert [on(day) for day in ("01-01", "05-01", "05-02")] == ["元旦", "劳动节", "劳动节"]
    assert len(names) == (12 if year == 2028 else 13)


def test_names_follow_the_language() -> None:
    assert statutory_holidays(2027, "en_US")[d("2027-01-01")] == "New Year's Day"


@pytest.fixture
def unofficial_2027() -> None:
    if last_official_year() > 2026:
        pytest.skip("a newer holidays package carries 2027's schedule")


@pytest.mark.usefixtures("unofficial_2027")
def test_the_year_boundary_into_a_year_without_a_schedule() -> None:
    calendar = WorkCalendar()
    # Thu 2026-12-31 (official) + 1 working day: Fri 2027-01-01 is 元旦, so Monday.
    assert calendar.add_working_days(d("2026-12-31"), 1) == d("2027-01-04")
    assert calendar.days_used(d("2026-12-30"), d("2027-01-04"), []) == 2
    # Into 2028: Sat 01-01 is 元旦; the package's guessed substitute Mon 01-03 is no holiday.
    assert calendar.add_working_days(d("2027-12-31"), 1) == d("2028-01-03")
    assert calendar.unofficial_years_in(d("2026-12-31"), d("2028-01-03")) == [2027, 2028]


@pytest.mark.usefixtures("unofficial_2027")
def test_a_five_day_case_across_the_spring_festival_of_2027() -> None:
    # Accepted Wed 02-03: 02-04, (除夕 02-05 to 初三 02-08 off), 02-09, 02-10, 02-11, 02-12.
    assert WorkCalendar().add_working_days(d("2027-02-03"), 5) == d("2027-02-12")


@pytest.mark.usefixtures("unofficial_2027")
def test_admin_overrides_win_over_a_statutory_day() -> None:
    new_year, bridge = d("2027-01-01"), d("2027-02-09")
    calendar = WorkCalendar(overrides={new_year: True, bridge: False})
    assert calendar.is_workday(new_year)
    assert not calendar.is_workday(bridge)
    assert not calendar.official_is_workday(new_year)  # the day before the override


@pytest.mark.usefixtures("unofficial_2027")
def test_confirming_a_year_changes_no_day() -> None:
    """Confirmation only says the admin has entered the 调休: the flag goes, the days stay."""
    unconfirmed, confirmed = WorkCalendar(), WorkCalendar(confirmed_years=[2027])
    assert confirmed.year_days(2027) == unconfirmed.year_days(2027)
    assert unconfirmed.unofficial_years_in(d("2027-01-01"), d("2027-01-31")) == [2027]
    assert confirmed.unofficial_years_in(d("2027-01-01"), d("2027-01-31")) == []


@pytest.mark.usefixtures("unofficial_2027")
def test_a_case_due_in_2027_skips_new_years_day_and_is_flagged(
    db: Database, clerk: Actor, admin: Actor, clock: FakeClock
) -> None:
    clock.set(dt.datetime(2026, 12, 24, 9, 0))  # a Thursday
    item = make_item(db, code="320324-SIX-0001", promised_days=6, statutory_days=6)
    # 12-25, 12-28, 12-29, 12-30, 12-31, (Fri 01-01 元旦), Mon 01-04.
    case = CaseService(db).accept(clerk, intake_for(item))
    assert case.due_date == d("2027-01-04")
    assert case.unofficial_due_years == (2027,)
    SettingsService(db).confirm_year(admin, 2027)
    assert CaseService(db).get(clerk, case.number).unofficial_due_years == ()


@pytest.mark.usefixtures("unofficial_2027")
def test_a_pasted_notice_adds_only_the_swaps_to_the_statutory_days(
    db: Database, admin: Actor
) -> None:
    """A (made-up) 2027 Spring Festival arrangement: 02-05 to 02-11 off, Sat 02-13 worked. The
    statutory days it repeats need no override; the bridge days and the worked Saturday do."""
    settings = SettingsService(db)
    settings.apply_notice(
        admin,
        parse_notice(
            "国务院办公厅关于2027年部分节假日安排的通知\n"
            "二、春节：2月5日（周五）至11日（周四）放假调休，共7天。2月13日（周六）上班。"
        ),
    )
    overridden = {o.day: o.is_workday for o in settings.overrides(2027)}
    assert overridden == {
        d("2027-02-09"): False,
        d("2027-02-10"): False,
        d("2027-02-11"): False,
        d("2027-02-13"): True,
    }
    calendar = settings.work_calendar()
    assert calendar.is_known_year(2027)
    assert not calendar.is_workday(d("2027-01-01"))  # 元旦, though the notice left it out
    assert calendar.add_working_days(d("2027-02-04"), 1) == d("2027-02-12")
