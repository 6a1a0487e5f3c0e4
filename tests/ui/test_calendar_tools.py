"""The calendar's range marking and the State Council notice, through the settings tab."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.keyboard import type_text
from tests.ui.test_settings_page import click, make_context, write
from tests.unit.test_holiday_notice import NOTICE_2026
from townclerk.db.database import Database
from townclerk.services.access import Actor
from townclerk.services.settings import SettingsService
from townclerk.ui.context import AppContext
from townclerk.ui.pages.settings.calendar_tab import CalendarSettings
from townclerk.ui.pages.settings.calendar_year import MonthGrid
from townclerk.workdays import last_official_year


@pytest.fixture
def calendar(qtbot: QtBot, db: Database, admin: Actor) -> CalendarSettings:
    context = make_context(db, admin)
    widget = CalendarSettings(context)
    qtbot.addWidget(widget)
    widget.resize(1300, 900)
    widget.show()
    return widget


def press(qtbot: QtBot, calendar: CalendarSettings, day: dt.date, *, shift: bool = False) -> None:
    grid: MonthGrid = calendar.year_view.month_grid(day)
    modifier = Qt.KeyboardModifier.ShiftModifier if shift else Qt.KeyboardModifier.NoModifier
    qtbot.mouseClick(grid, Qt.MouseButton.LeftButton, modifier, grid.day_rect(day).center())


def context_of(calendar: CalendarSettings) -> AppContext:
    return calendar._context


def test_click_then_shift_click_marks_a_range_in_one_step(
    qtbot: QtBot, db: Database, calendar: CalendarSettings
) -> None:
    year = calendar.year()
    first, last = dt.date(year, 11, 2), dt.date(year, 11, 6)
    press(qtbot, calendar, first)
    assert calendar.active_dialog is None  # a click selects; it opens nothing
    press(qtbot, calendar, last, shift=True)
    assert calendar.year_view.selection() == (first, last)
    bar = calendar.range_bar
    assert bar.summary.text() == "已选5天："
    type_text(bar.note_edit, "县政府通知：秋收放假")
    write(qtbot, context_of(calendar), bar.off_button)
    overrides = SettingsService(db).overrides(year)
    assert [(o.day, o.is_workday, o.note) for o in overrides] == [
        (first + dt.timedelta(days=n), False, "县政府通知：秋收放假") for n in range(5)
    ]
    assert calendar.message.text() == (
        f"✓ {first.isoformat()}至{last.isoformat()}共5天已设为休息日。"
    )
    info = calendar.year_view.info(first)
    assert info is not None and info.is_holiday and info.overridden
    write(qtbot, context_of(calendar), bar.official_button)
    assert SettingsService(db).overrides(year) == []


@pytest.mark.qt_log_ignore("This plugin does not support raise")
def test_drag_and_keyboard_select_too(
    qtbot: QtBot, db: Database, calendar: CalendarSettings
) -> None:
    year = calendar.year()
    start = dt.date(year, 3, 2)
    grid = calendar.year_view.month_grid(start)
    from PySide6.QtCore import QEvent, QPointF
    from PySide6.QtGui import QMouseEvent

    qtbot.mousePress(grid, Qt.MouseButton.LeftButton, pos=grid.day_rect(start).center())
    end = dt.date(year, 3, 4)
    point = QPointF(grid.day_rect(end).center())
    move = QMouseEvent(
        QEvent.Type.MouseMove,
        point,
        grid.mapToGlobal(point),
        Qt.MouseButton.NoButton,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    grid.mouseMoveEvent(move)
    qtbot.mouseRelease(grid, Qt.MouseButton.LeftButton, pos=grid.day_rect(end).center())
    assert calendar.year_view.selection() == (start, end)
    # Keyboard: Right moves, Shift+Down extends a week, Enter on one day opens its dialog.
    view = calendar.year_view
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Right)
    assert view.selection() == (dt.date(year, 3, 5), dt.date(year, 3, 5))
    qtbot.keyClick(view, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    assert view.selection() == (dt.date(year, 3, 5), dt.date(year, 3, 12))
    write(qtbot, context_of(calendar), calendar.range_bar.work_button)
    assert len(SettingsService(db).overrides(year)) == 8
    qtbot.keyClick(view, Qt.Key.Key_Left)
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert calendar.active_dialog is not None
    assert calendar.active_dialog.info.day == dt.date(year, 3, 11)
    calendar.active_dialog.reject()
    # Typed dates select as well.
    calendar.range_bar.to_edit.setDate(dt.date(year, 3, 20))
    assert view.selection() == (dt.date(year, 3, 11), dt.date(year, 3, 20))


@pytest.mark.qt_log_ignore("This plugin does not support raise")
def test_the_pasted_notice_is_previewed_then_applied(
    qtbot: QtBot, db: Database, calendar: CalendarSettings
) -> None:
    future = last_official_year() + 1
    text = NOTICE_2026.replace("2026", str(future))
    dialog = calendar.open_notice_dialog()
    dialog.text_edit.setPlainText("一、元旦：1日至3日放假。")
    click(qtbot, dialog.read_button)
    assert "缺少月份" in dialog.message.text() and not dialog.apply_button.isEnabled()
    dialog.text_edit.setPlainText(text)
    qtbot.keyClick(dialog.text_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.notice is not None, dialog.message.text()
    assert dialog.table.rowCount() == 39
    assert dialog.apply_button.isEnabled()
    assert "放假33天，调休上班6天" in dialog.summary.text()
    assert SettingsService(db).overrides(future) == []  # a preview writes nothing
    write(qtbot, context_of(calendar), dialog.apply_button)
    assert calendar.notice_dialog is None or not calendar.notice_dialog.isVisible()
    settings_calendar = SettingsService(db).work_calendar()
    assert settings_calendar.is_known_year(future)
    assert calendar.year() == future
    assert "放假安排" in calendar.message.text()


def test_holiday_and_make_up_marks_are_large_and_coloured(
    qtbot: QtBot, calendar: CalendarSettings
) -> None:
    grid = calendar.year_view.month_grid(dt.date(2026, 10, 1))
    image = grid.grab().toImage()
    rect = grid.day_rect(dt.date(2026, 10, 1))
    reds = sum(
        1
        for x in range(rect.left(), rect.right())
        for y in range(rect.top(), rect.bottom())
        if image.pixelColor(x, y).red() > 150
        and image.pixelColor(x, y).green() < 80
        and image.pixelColor(x, y).blue() < 80
    )
    assert reds >= 15  # the 休 mark, red and large enough to read
