"""A year of working days at a glance: twelve month grids, days off shaded, overrides outlined.

The widget only draws what it is given (:class:`DayInfo` for every day of the year). A click
selects a day, shift-click or dragging selects the days between, and so do the arrow keys (with
Shift to extend); the selection is reported through :attr:`YearCalendar.selection_changed`, and a
double click or Enter on a day through :attr:`YearCalendar.day_activated`. The settings tab
decides what to do with them.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFocusEvent,
    QFont,
    QFontMetrics,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
)
from PySide6.QtWidgets import QGridLayout, QToolTip, QWidget

from townclerk.i18n import t
from townclerk.ui import style

CELL = QSize(34, 24)  # room for a two-digit day and its 休 mark side by side
TITLE_HEIGHT = 24
HEADER_HEIGHT = 18
MARGIN = 6


@dataclass(frozen=True)
class DayInfo:
    day: dt.date
    is_workday: bool  # what the calendar uses (overrides applied)
    official_workday: bool  # official data, or the weekend rule for a year without data
    overridden: bool
    holiday_name: str = ""
    note: str = ""  # the override's note

    @property
    def is_make_up_workday(self) -> bool:
        """A Saturday or Sunday worked (调休上班)."""
        return self.is_workday and self.day.weekday() >= 5

    @property
    def is_holiday(self) -> bool:
        """A weekday off (a public holiday or a day moved by 调休)."""
        return not self.is_workday and self.day.weekday() < 5


class MonthGrid(QWidget):
    """One month, Monday first, painted; reports presses, drags and double clicks on days."""

    day_pressed = Signal(object, bool)  # dt.date, shift held
    day_dragged = Signal(object)  # dt.date: the mouse moved onto it with the button down
    day_activated = Signal(object)  # dt.date: double-clicked

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.year = 2000
        self.month = 1
        self.days: dict[dt.date, DayInfo] = {}
        self.today: dt.date | None = None
        self.selected: tuple[dt.date, dt.date] | None = None  # first and last day, inclusive
        self.cursor_day: dt.date | None = None  # the keyboard's day, outlined
        self._weeks: list[list[int]] = []
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._weekday_names = [
            t("一"),
            t("二"),
            t("三"),
            t("四"),
            t("五"),
            t("六"),
            t("日"),
        ]

    def set_month(
        self, year: int, month: int, days: dict[dt.date, DayInfo], today: dt.date | None
    ) -> None:
        self.year, self.month, self.days, self.today = year, month, days, today
        self._weeks = calendar.Calendar(firstweekday=0).monthdayscalendar(year, month)
        self.setAccessibleName(self.title())
        self.update()

    def title(self) -> str:
        return t("{year}年{month}月", year=self.year, month=self.month)

    def sizeHint(self) -> QSize:
        return QSize(
            MARGIN * 2 + CELL.width() * 7, TITLE_HEIGHT + HEADER_HEIGHT + CELL.height() * 6 + MARGIN
        )

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def day_rect(self, day: dt.date) -> QRect:
        """Where ``day`` is drawn (for clicks, tooltips and tests)."""
        for week_index, week in enumerate(self._weeks):
            if day.day in week and day.month == self.month and day.year == self.year:
                column = week.index(day.day)
                return QRect(
                    MARGIN + column * CELL.width(),
                    TITLE_HEIGHT + HEADER_HEIGHT + week_index * CELL.height(),
                    CELL.width(),
                    CELL.height(),
                )
        return QRect()

    def day_at(self, point: QPoint) -> dt.date | None:
        column = (point.x() - MARGIN) // CELL.width()
        week_index = (point.y() - TITLE_HEIGHT - HEADER_HEIGHT) // CELL.height()
        if point.x() < MARGIN or point.y() < TITLE_HEIGHT + HEADER_HEIGHT:
            return None
        if not (0 <= column < 7 and 0 <= week_index < len(self._weeks)):
            return None
        number = self._weeks[week_index][column]
        return dt.date(self.year, self.month, number) if number else None

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() is Qt.MouseButton.LeftButton:
            day = self.day_at(event.position().toPoint())
            if day is not None:
                shift = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
                self.day_pressed.emit(day, shift)
                return
        super().mousePressEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        if event.button() is Qt.MouseButton.LeftButton:
            day = self.day_at(event.position().toPoint())
            if day is not None:
                self.day_activated.emit(day)
                return
        super().mouseDoubleClickEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        day = self.day_at(event.position().toPoint())
        if day is not None and event.buttons() & Qt.MouseButton.LeftButton:
            self.day_dragged.emit(day)
        info = self.days.get(day) if day is not None else None
        if info is None:
            QToolTip.hideText()
        else:
            QToolTip.showText(event.globalPosition().toPoint(), self.describe(info), self)
        super().mouseMoveEvent(event)

    def describe(self, info: DayInfo) -> str:
        state = t("工作日") if info.is_workday else t("休息日")
        lines = [
            t(
                "{date} {weekday}：{state}",
                date=info.day.isoformat(),
                weekday=self._weekday_names[info.day.weekday()],
                state=state,
            )
        ]
        if info.holiday_name:
            lines.append(info.holiday_name)
        if info.is_make_up_workday:
            lines.append(t("周末调休上班"))
        if info.overridden:
            official = t("工作日") if info.official_workday else t("休息日")
            lines.append(t("管理员调整（官方日历：{state}）", state=official))
            if info.note:
                lines.append(info.note)
        return "\n".join(lines)

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        title_font = QFont(self.font())
        title_font.setBold(True)
        painter.setFont(title_font)
        painter.setPen(style.TEXT)
        painter.drawText(
            QRect(MARGIN, 0, CELL.width() * 7, TITLE_HEIGHT),
            Qt.AlignmentFlag.AlignCenter,
            self.title(),
        )
        small = QFont(self.font())
        small.setPointSizeF(max(6.0, self.font().pointSizeF() * 0.8))
        painter.setFont(small)
        for column, name in enumerate(self._weekday_names):
            painter.setPen(style.DAY_OFF_TEXT if column >= 5 else style.MUTED)
            painter.drawText(
                QRect(MARGIN + column * CELL.width(), TITLE_HEIGHT, CELL.width(), HEADER_HEIGHT),
                Qt.AlignmentFlag.AlignCenter,
                name,
            )
        mark_font = self.mark_font()
        for week in self._weeks:
            for number in week:
                if number:
                    self._paint_day(painter, dt.date(self.year, self.month, number), mark_font)
        painter.end()

    def _paint_day(self, painter: QPainter, day: dt.date, mark_font: QFont) -> None:
        info = self.days.get(day)
        rect = self.day_rect(day).adjusted(1, 1, -1, -1)
        if info is None:
            return
        if info.is_workday:
            background = style.WHITE
        elif info.is_holiday or info.holiday_name:
            background = style.HOLIDAY_FILL
        else:
            background = style.DAY_OFF_FILL
        painter.fillRect(rect, background)
        if self.selected is not None and self.selected[0] <= day <= self.selected[1]:
            painter.fillRect(rect, style.SELECTED_DAY_FILL)
        if info.overridden:
            painter.setPen(QPen(style.CHANGED_BORDER, 2))
            painter.drawRect(rect.adjusted(1, 1, -1, -1))
        elif day == self.today:
            painter.setPen(QPen(style.TEXT, 1, Qt.PenStyle.DashLine))
            painter.drawRect(rect.adjusted(0, 0, -1, -1))
        if day == self.cursor_day:
            painter.setPen(QPen(style.TEXT, 2, Qt.PenStyle.DotLine))
            painter.drawRect(rect.adjusted(0, 0, -1, -1))
        font = self.number_font(day)
        painter.setFont(font)
        painter.setPen(style.TEXT if info.is_workday else style.DAY_OFF_TEXT)
        mark, colour = self.mark(day)
        number_rect, mark_rect = self.day_parts(day, mark_font)
        painter.drawText(number_rect, Qt.AlignmentFlag.AlignCenter, str(day.day))
        if mark:
            painter.setFont(mark_font)
            painter.setPen(colour)
            painter.drawText(mark_rect, Qt.AlignmentFlag.AlignCenter, mark)

    def mark_font(self) -> QFont:
        font = QFont(self.font())
        font.setBold(True)
        font.setPixelSize(max(12, CELL.height() // 2 + 1))
        return font

    def number_font(self, day: dt.date) -> QFont:
        info = self.days.get(day)
        font = QFont(self.font())
        font.setBold(info is not None and (info.overridden or day == self.today))
        return font

    def mark(self, day: dt.date) -> tuple[str, QColor]:
        """休 on a holiday, 班 on a weekend worked, else nothing."""
        info = self.days.get(day)
        if info is not None and info.is_make_up_workday:
            return t("班"), style.WORKED_MARK
        if info is not None and (info.is_holiday or (not info.is_workday and info.holiday_name)):
            return t("休"), style.HOLIDAY_MARK
        return "", style.TEXT

    def day_parts(self, day: dt.date, mark_font: QFont) -> tuple[QRect, QRect]:
        """Where the day's number and its mark go: a marked day's number is centred in what
        the mark (top right) leaves, so that “16” and 休 never overlap in a 30-pixel cell."""
        rect = self.day_rect(day).adjusted(1, 1, -1, -1)
        mark, _colour = self.mark(day)
        if not mark:
            return rect, QRect()
        width = QFontMetrics(mark_font).horizontalAdvance(mark) + 1
        mark_rect = QRect(rect.right() - width + 1, rect.top() - 1, width, rect.height() // 2 + 2)
        return rect.adjusted(0, 0, -width, 0), mark_rect


class YearCalendar(QWidget):
    """Twelve :class:`MonthGrid` widgets, four a row (fewer on a narrow window:
    :meth:`set_columns`), and the days selected on them."""

    selection_changed = Signal(object, object)  # first and last day selected
    day_activated = Signal(object)  # dt.date: double click, or Enter on one selected day

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("yearCalendar")
        self.setAccessibleName(t("工作日历"))
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.anchor: dt.date | None = None  # where a shift-click or drag extends from
        self.cursor_day: dt.date | None = None
        self.grid_layout = QGridLayout(self)
        self.grid_layout.setSpacing(8)
        self.months: list[MonthGrid] = []
        for index in range(12):
            grid = MonthGrid(self)
            grid.setObjectName(f"month_{index + 1}")
            grid.day_pressed.connect(self._pressed)
            grid.day_dragged.connect(lambda day: self.select(self.anchor or day, day))
            grid.day_activated.connect(self.day_activated)
            self.months.append(grid)
        self.columns = 0
        self.set_columns(4)
        self.year = 2000

    def set_columns(self, columns: int) -> None:
        """Lay the months out ``columns`` a row (4, 3 or 2: a year in 3, 4 or 6 rows)."""
        if columns == self.columns:
            return
        for grid in self.months:
            self.grid_layout.removeWidget(grid)
        for index, grid in enumerate(self.months):
            self.grid_layout.addWidget(grid, index // columns, index % columns)
        self.columns = columns

    def width_for(self, columns: int) -> int:
        """The width the months need laid out ``columns`` a row."""
        month = self.months[0].sizeHint().width()
        margins = self.grid_layout.contentsMargins()
        spacing = self.grid_layout.spacing()
        return columns * month + (columns - 1) * spacing + margins.left() + margins.right()

    def set_days(self, year: int, days: Sequence[DayInfo], today: dt.date | None) -> None:
        if year != self.year:
            self.anchor = self.cursor_day = None
            for grid in self.months:
                grid.selected = grid.cursor_day = None
        self.year = year
        by_day = {info.day: info for info in days}
        for index, grid in enumerate(self.months):
            grid.set_month(year, index + 1, by_day, today)
        if self.selection() is None:
            self.selection_changed.emit(None, None)

    def selection(self) -> tuple[dt.date, dt.date] | None:
        return self.months[0].selected

    def select(self, anchor: dt.date, end: dt.date) -> None:
        """Select the days from ``anchor`` to ``end`` (either order), within the year shown."""
        first = dt.date(self.year, 1, 1)
        last = dt.date(self.year, 12, 31)
        anchor = min(max(anchor, first), last)
        end = min(max(end, first), last)
        self.anchor, self.cursor_day = anchor, end
        self._show_cursor()
        selected = (min(anchor, end), max(anchor, end))
        if selected == self.selection():
            return
        for grid in self.months:
            grid.selected = selected
            grid.update()
        self.selection_changed.emit(*selected)

    def _pressed(self, day: dt.date, shift: bool) -> None:
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        self.select(self.anchor if shift and self.anchor else day, day)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        steps = {
            Qt.Key.Key_Left: -1,
            Qt.Key.Key_Right: 1,
            Qt.Key.Key_Up: -7,
            Qt.Key.Key_Down: 7,
        }
        key = Qt.Key(event.key())
        if key in steps:
            current = self.cursor_day or dt.date(self.year, 1, 1)
            moved = current + dt.timedelta(days=steps[key])
            shift = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
            self.select(self.anchor if shift and self.anchor else moved, moved)
            return
        selection = self.selection()
        enter = key in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if enter and selection is not None and selection[0] == selection[1]:
            self.day_activated.emit(selection[0])
            return
        super().keyPressEvent(event)

    def _show_cursor(self) -> None:
        """The keyboard's day is outlined while the calendar has the focus."""
        for grid in self.months:
            grid.cursor_day = self.cursor_day if self.hasFocus() else None
            grid.update()

    def focusInEvent(self, event: QFocusEvent) -> None:
        self._show_cursor()
        super().focusInEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self._show_cursor()
        super().focusOutEvent(event)

    def month_grid(self, day: dt.date) -> MonthGrid:
        return self.months[day.month - 1]

    def info(self, day: dt.date) -> DayInfo | None:
        return self.month_grid(day).days.get(day)
