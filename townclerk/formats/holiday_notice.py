"""The State Council's yearly holiday notice (国务院办公厅关于20XX年部分节假日安排的通知), read.

Every year's notice states each holiday in the same sentences::

    一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。
    二、春节：2月15日（农历腊月二十八、周日）至23日（农历正月初七、周一）放假调休，共9天。
    2月14日（周六）、2月28日（周六）上班。
    三、清明节：4月4日（周六）至6日（周一）放假，共3天。
    一、元旦：1月1日（周三）放假1天，不调休。

A sentence with 放假 gives a day or a range of days off (a range's end may leave out its month);
a sentence with 上班 lists the make-up working days (调休上班), separated by 、. Remarks in
brackets (周四, 农历…) are dropped. The year comes from the title, or from the admin when the
title was not pasted. Text the parser does not recognise as a holiday line is ignored; a holiday
line it cannot read is an error naming that line, so nothing is guessed.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from townclerk.errors import UserError
from townclerk.i18n import t

_TITLE_YEAR = re.compile(r"关于\s*(\d{4})\s*年")
_BRACKETS = re.compile(r"[（(][^（）()]*[）)]")
# "一、元旦：" or "元旦：" at the start of a holiday's paragraph.
_HOLIDAY = re.compile(r"^\s*(?:[一二三四五六七八九十]+\s*[、.．]\s*)?([^：:，。\s]{2,12})\s*[：:]")
_DATE = re.compile(r"(?:(\d{1,2})\s*月\s*)?(\d{1,2})\s*日")
_RANGE = re.compile(
    r"(?:(\d{1,2})\s*月\s*)?(\d{1,2})\s*日\s*(?:至\s*(?:(\d{1,2})\s*月\s*)?(\d{1,2})\s*日)?"
)
MAX_NOTICE_CHARACTERS = 20_000


@dataclass(frozen=True)
class NoticeDay:
    """A day the notice sets: off (a holiday) or a make-up working day, and for which holiday."""

    day: dt.date
    is_workday: bool
    holiday: str

    @property
    def note(self) -> str:
        """The calendar's note for the day: 春节 or 春节调休上班."""
        return f"{self.holiday}调休上班" if self.is_workday else self.holiday


@dataclass(frozen=True)
class HolidayNotice:
    year: int
    days: tuple[NoticeDay, ...]  # in date order

    @property
    def holidays(self) -> tuple[str, ...]:
        """The holidays in the order of their first day off."""
        names: list[str] = []
        for notice_day in sorted(self.days, key=lambda d: (d.is_workday, d.day)):
            if notice_day.holiday not in names:
                names.append(notice_day.holiday)
        return tuple(names)

    def days_off(self) -> list[dt.date]:
        return [d.day for d in self.days if not d.is_workday]

    def workdays(self) -> list[dt.date]:
        return [d.day for d in self.days if d.is_workday]


def notice_year(text: str) -> int | None:
    """The year named in the notice's title, if the title was pasted."""
    found = _TITLE_YEAR.search(text)
    return int(found.group(1)) if found else None


def _date(year: int, month: int, day: int, holiday: str, line: str) -> dt.date:
    # New Year's days in December belong to the year before (元旦：12月30日至1月1日).
    if month == 12 and holiday == "元旦":
        year -= 1
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise UserError(
            t("通知中的日期{month}月{day}日不存在：{line}", month=month, day=day, line=line)
        ) from None


def _days_off(year: int, holiday: str, sentence: str, line: str) -> list[dt.date]:
    found = _RANGE.search(sentence)
    if found is None:
        raise UserError(t("无法读出放假日期：{line}", line=line))
    start_month, start_day, end_month, end_day = found.groups()
    if start_month is None:
        raise UserError(t("放假日期缺少月份：{line}", line=line))
    start = _date(year, int(start_month), int(start_day), holiday, line)
    if end_day is None:
        return [start]
    end = _date(year, int(end_month or start_month), int(end_day), holiday, line)
    if end.month == 1 and start.month == 12 and end.year == start.year:
        end = end.replace(year=end.year + 1)
    if not start <= end <= start + dt.timedelta(days=15):
        raise UserError(t("放假日期范围不合理：{line}", line=line))
    return [start + dt.timedelta(days=n) for n in range((end - start).days + 1)]


def _workdays(year: int, holiday: str, sentence: str, line: str) -> list[dt.date]:
    days = []
    month: str | None = None
    for found in _DATE.finditer(sentence):
        month = found.group(1) or month
        if month is None:
            raise UserError(t("上班日期缺少月份：{line}", line=line))
        days.append(_date(year, int(month), int(found.group(2)), holiday, line))
    if not days:
        raise UserError(t("无法读出上班日期：{line}", line=line))
    return days


def parse_notice(text: str, year: int | None = None) -> HolidayNotice:
    """The days a notice sets; ``year`` when the title (which names it) was not pasted.

    Raises UserError (a Chinese message naming the line) when the year is unknown, a holiday line
    cannot be read, or the text holds no holiday line at all.
    """
    if len(text) > MAX_NOTICE_CHARACTERS:
        raise UserError(t("粘贴的文字过长，请只粘贴通知的正文"))
    titled = notice_year(text)
    if titled is not None and year is not None and titled != year:
        raise UserError(
            t("通知标题中的年份是{titled}年，与所选的{year}年不一致", titled=titled, year=year)
        )
    year = titled or year
    if year is None:
        raise UserError(t("请粘贴通知的标题（含年份），或先选择年份"))
    found: dict[dt.date, NoticeDay] = {}
    holiday: str | None = None
    for raw in text.splitlines():
        line = " ".join(raw.split())
        heading = _HOLIDAY.match(line)
        if heading is not None and "放假" in line:
            holiday = heading.group(1)
            body = line[heading.end() :]
        elif holiday is not None and _DATE.search(line):
            body = line  # the paragraph went on on the next line (上班 days, as pasted)
        else:
            holiday = None
            continue
        for sentence in re.split(r"[。；;]", _BRACKETS.sub("", body)):
            if "放假" in sentence:
                for day in _days_off(year, holiday, sentence, line):
                    found[day] = NoticeDay(day, False, holiday)
            elif "上班" in sentence:
                for day in _workdays(year, holiday, sentence, line):
                    found[day] = NoticeDay(day, True, holiday)
    if not found:
        raise UserError(t("没有读到任何节假日安排，请粘贴通知中“一、元旦：…”起的各条"))
    return HolidayNotice(year, tuple(found[day] for day in sorted(found)))
