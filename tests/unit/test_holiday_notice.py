"""The State Council holiday notice: the real 2025 and 2026 texts agree with official data."""

from __future__ import annotations

import datetime as dt

import pytest
from holidays.countries.china import China

from townclerk.db.database import Database
from townclerk.errors import PermissionDenied, UserError
from townclerk.formats.holiday_notice import parse_notice
from townclerk.services.access import Actor
from townclerk.services.settings import SettingsService

NOTICE_2025 = """国务院办公厅关于2025年部分节假日安排的通知

国办发明电〔2024〕12号

各省、自治区、直辖市人民政府，国务院各部委、各直属机构：

经国务院批准，现将2025年元旦、春节、清明节、劳动节、端午节、中秋节和国庆节放假调休日期的具体安排通知如下。

一、元旦：1月1日（周三）放假1天，不调休。

二、春节：1月28日（农历除夕、周二）至2月4日（农历正月初七、周二）放假调休，共8天。1月26日（周日）、2月8日（周六）上班。

三、清明节：4月4日（周五）至6日（周日）放假，共3天。

四、劳动节：5月1日（周四）至5日（周一）放假调休，共5天。4月27日（周日）上班。

五、端午节：5月31日（周六）至6月2日（周一）放假，共3天。

六、国庆节、中秋节：10月1日（周三）至8日（周三）放假调休，共8天。9月28日（周日）、10月11日（周六）上班。

节假日期间，各地区、各部门要妥善安排好值班和安全、保卫、疫情防控等工作，遇有重大突发事件，要按规定及时报告并妥善处置，确保人民群众祥和平安度过节日假期。

国务院办公厅
2024年11月12日
"""

NOTICE_2026 = """国务院办公厅关于2026年部分节假日安排的通知

一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。
二、春节：2月15日（农历腊月二十八、周日）至23日（农历正月初七、周一）放假调休，共9天。2月14日（周六）、2月28日（周六）上班。
三、清明节：4月4日（周六）至6日（周一）放假，共3天。
四、劳动节：5月1日（周五）至5日（周二）放假调休，共5天。5月9日（周六）上班。
五、端午节：6月19日（周五）至21日（周日）放假，共3天。
六、中秋节：9月25日（周五）至27日（周日）放假，共3天。
七、国庆节：10月1日（周四）至7日（周三）放假调休，共7天。9月20日（周日）、10月10日（周六）上班。
"""


def official_days(year: int) -> tuple[set[dt.date], set[dt.date]]:
    """(days off on weekdays or holidays, weekend working days) per the holidays package."""
    china = China(years=year)  # type: ignore[no-untyped-call]
    worked = {d for d in china.weekend_workdays if d.year == year}
    return {d for d in china if d.year == year}, worked


def is_off(day: dt.date, off: set[dt.date], worked: set[dt.date]) -> bool:
    return day in off or (day.weekday() >= 5 and day not in worked)


@pytest.mark.parametrize(("year", "text"), [(2025, NOTICE_2025), (2026, NOTICE_2026)])
def test_the_real_notices_agree_with_the_official_data(year: int, text: str) -> None:
    notice = parse_notice(text)
    assert notice.year == year
    official_off, official_worked = official_days(year)
    assert set(notice.workdays()) == official_worked
    day = dt.date(year, 1, 1)
    while day.year == year:
        mine = is_off(day, set(notice.days_off()), set(notice.workdays()))
        assert mine == is_off(day, official_off, official_worked), day
        day += dt.timedelta(days=1)


def test_the_2026_notice_day_by_day() -> None:
    notice = parse_notice(NOTICE_2026)
    assert notice.holidays == ("元旦", "春节", "清明节", "劳动节", "端午节", "中秋节", "国庆节")
    by_day = {d.day: d for d in notice.days}
    assert [d.day for d in notice.days if d.holiday == "春节" and not d.is_workday] == [
        dt.date(2026, 2, 15) + dt.timedelta(days=n) for n in range(9)
    ]
    assert by_day[dt.date(2026, 1, 4)].note == "元旦调休上班"
    assert by_day[dt.date(2026, 2, 28)].is_workday
    assert len(notice.days_off()) == 33 and len(notice.workdays()) == 6


def test_pasted_lines_broken_mid_paragraph_and_a_year_from_the_admin() -> None:
    body = NOTICE_2026.split("\n", 1)[1].replace("共9天。2月14日", "共9天。\n2月14日")
    notice = parse_notice(body, year=2026)
    assert dt.date(2026, 2, 14) in notice.workdays()
    assert notice == parse_notice(NOTICE_2026)


def test_new_year_across_december() -> None:
    notice = parse_notice("一、元旦：12月30日（周六）至1月1日（周一）放假调休，共3天。", year=2024)
    assert notice.days_off() == [dt.date(2023, 12, 30), dt.date(2023, 12, 31), dt.date(2024, 1, 1)]


@pytest.mark.parametrize(
    ("text", "year", "message"),
    [
        (NOTICE_2026.split("\n", 1)[1], None, "年份"),
        (NOTICE_2026, 2027, "不一致"),
        ("随便一段文字", 2026, "没有读到任何节假日安排"),
        ("一、元旦：1月1日至2月30日放假，共3天。", 2026, "2月30日不存在"),
        ("一、元旦：1日至3日放假，共3天。", 2026, "缺少月份"),
        ("一、春节：2月15日至4月23日放假调休。", 2026, "范围不合理"),
        ("x" * 30_000, 2026, "过长"),
    ],
)
def test_what_cannot_be_read_is_refused_with_its_line(
    text: str, year: int | None, message: str
) -> None:
    with pytest.raises(UserError, match=message):
        parse_notice(text, year)


def test_applying_a_notice_to_a_year_without_data(db: Database, admin: Actor) -> None:
    """A notice for a year past the official data sets its days and confirms the year; a day
    it agrees on with the official calendar keeps (or loses) no override."""
    settings = SettingsService(db)
    future = parse_notice(NOTICE_2026.replace("2026", "2099"))
    calendar = settings.work_calendar()
    assert not calendar.is_official_year(2099)
    settings.apply_notice(admin, future)
    calendar = settings.work_calendar()
    assert calendar.is_known_year(2099)
    for notice_day in future.days:
        assert calendar.is_workday(notice_day.day) == notice_day.is_workday
    weekend_off = [d for d in future.days if not d.is_workday and d.day.weekday() >= 5]
    overridden = {o.day for o in settings.overrides(2099)}
    assert weekend_off and not overridden & {d.day for d in weekend_off}


def test_applying_the_official_notice_changes_no_day(db: Database, admin: Actor) -> None:
    settings = SettingsService(db)
    settings.set_day(admin, dt.date(2026, 10, 10), False, "误设")
    settings.apply_notice(admin, parse_notice(NOTICE_2026))
    assert settings.overrides(2026) == []  # the mistaken override matches no more: removed


def test_a_range_is_set_in_one_step_with_one_note(db: Database, admin: Actor, clerk: Actor) -> None:
    settings = SettingsService(db)
    days = [dt.date(2027, 1, 26) + dt.timedelta(days=n) for n in range(5)]
    settings.set_days(admin, days, False, "县里通知：春节提前放假")
    overrides = settings.overrides(2027)
    assert [(o.day, o.is_workday, o.note) for o in overrides] == [
        (day, False, "县里通知：春节提前放假") for day in days
    ]
    settings.set_days(admin, days[1:3], None)
    assert [o.day for o in settings.overrides(2027)] == [days[0], *days[3:]]
    with pytest.raises(PermissionDenied):
        settings.set_days(clerk, days, True)
    with pytest.raises(UserError, match="请先选择日期"):
        settings.set_days(admin, [], True)
    with pytest.raises(UserError, match="说明过长"):
        settings.set_days(admin, days, True, "长" * 300)
    assert [o.day for o in settings.overrides(2027)] == [days[0], *days[3:]]
