"""The year calendar of the settings: the range bar before any day is chosen, the marks."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics
from pytestqt.qtbot import QtBot

from tests.ui import test_calendar_tools
from townclerk.db.database import Database
from townclerk.ui.pages.settings.calendar_tab import CalendarSettings
from townclerk.ui.qt_typed import from_qdate

calendar = test_calendar_tools.calendar  # the fixture


def test_the_date_fields_start_at_today_with_nothing_chosen(
    qtbot: QtBot,
    db: Database,
    calendar: CalendarSettings,
) -> None:
    bar = calendar.range_bar
    # An admin typing a range starts from today, not from 2000-01-01.
    assert from_qdate(bar.from_edit.date()) == db.today()
    assert from_qdate(bar.to_edit.date()) == db.today()
    assert bar.summary.text() == "在日历上选择日期（按住Shift扩展）："
    assert not any(button.isEnabled() for button in bar.buttons())
    assert calendar.year_view.selection() is None


def test_a_holidays_mark_never_covers_its_number(calendar: CalendarSettings) -> None:
    """休 sits in the top right corner; a two-digit day (春节 2026-02-16 … 02-23) was drawn
    centred under it, the mark over its second digit."""
    for number in range(15, 24):
        day = dt.date(2026, 2, number)
        grid = calendar.year_view.month_grid(day)
        mark, _colour = grid.mark(day)
        if not mark:
            continue
        number_rect, mark_rect = grid.day_parts(day, grid.mark_font())
        metrics = QFontMetrics(grid.number_font(day))
        digits = metrics.boundingRect(number_rect, Qt.AlignmentFlag.AlignCenter, str(number))
        glyph = QFontMetrics(grid.mark_font()).boundingRect(
            mark_rect, Qt.AlignmentFlag.AlignCenter, mark
        )
        assert not digits.intersects(glyph), (day, digits, glyph)
