"""The range bar under the year calendar, before any day is chosen."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from tests.ui.test_calendar_tools import calendar  # noqa: F401  (fixture)
from townclerk.db.database import Database
from townclerk.ui.pages.settings.calendar_tab import CalendarSettings
from townclerk.ui.qt_typed import from_qdate


def test_the_date_fields_start_at_today_with_nothing_chosen(
    qtbot: QtBot,
    db: Database,
    calendar: CalendarSettings,  # noqa: F811
) -> None:
    bar = calendar.range_bar
    # An admin typing a range starts from today, not from 2000-01-01.
    assert from_qdate(bar.from_edit.date()) == db.today()
    assert from_qdate(bar.to_edit.date()) == db.today()
    assert bar.summary.text() == "在日历上选择日期（按住Shift扩展）："
    assert not any(button.isEnabled() for button in bar.buttons())
    assert calendar.year_view.selection() is None
