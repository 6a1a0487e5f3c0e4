"""A year of working days at a glance: twelve month grids, days off shaded, overrides outlined.

The widget only draws what it is given (:class:`DayInfo` for every day of the year) and reports
clicks through :attr:`YearCalendar.day_clicked`; the settings tab decides what a click does.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import QFont, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QGridLayout, QToolTip, QWidget

from townclerk.i18n import t
from townclerk.ui import style

CELL = QSize(30, 22)
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
    """One month, Monday first, painted; clicking a day emits :attr:`day_clicked`."""

    day_clicked = Signal(object)  # dt.date

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.year = 2000
        self.month = 1
        self.days: dict[dt.date, DayInfo] = {}
        self.today: dt.date | None = None
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

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() is Qt.MouseButton.LeftButton:
            day = self.day_at(event.position().toPoint())
            if day is not None:
                self.day_clicked.emit(day)
                return
        super().mouseReleaseEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        day = self.day_at(event.position().toPoint())
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
        mark_font = QFont(small)
        mark_font.setPointSizeF(max(5.0, small.pointSizeF() * 0.75))
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
        if info.overridden:
            painter.setPen(QPen(style.CHANGED_BORDER, 2))
            painter.drawRect(rect.adjusted(1, 1, -1, -1))
        elif day == self.today:
            painter.setPen(QPen(style.TEXT, 1, Qt.PenStyle.DashLine))
            painter.drawRect(rect.adjusted(0, 0, -1, -1))
        font = QFont(self.font())
        font.setBold(info.overridden or day == self.today)
        painter.setFont(font)
        painter.setPen(style.TEXT if info.is_workday else style.DAY_OFF_TEXT)
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, str(day.day))
        mark = ""
        if info.is_make_up_workday:
            mark = t("班")  # 班: a weekend worked
        elif info.is_holiday:
            mark = t("休")  # 休: a weekday off
        if mark:
            painter.setFont(mark_font)
            painter.setPen(style.CHANGED_BORDER if info.overridden else style.MUTED)
            painter.drawText(
                rect.adjusted(0, 0, -2, 0),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop,
                mark,
            )


class YearCalendar(QWidget):
    """Twelve :class:`MonthGrid` widgets, four a row (fewer on a narrow window:
    :meth:`set_columns`)."""

    day_clicked = Signal(object)  # dt.date

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("yearCalendar")
        self.setAccessibleName(t("工作日历"))
        self.grid_layout = QGridLayout(self)
        self.grid_layout.setSpacing(8)
        self.months: list[MonthGrid] = []
        for index in range(12):
            grid = MonthGrid(self)
            grid.setObjectName(f"month_{index + 1}")
            grid.day_clicked.connect(self.day_clicked)
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
        self.year = year
        by_day = {info.day: info for info in days}
        for index, grid in enumerate(self.months):
            grid.set_month(year, index + 1, by_day, today)

    def month_grid(self, day: dt.date) -> MonthGrid:
        return self.months[day.month - 1]

    def info(self, day: dt.date) -> DayInfo | None:
        return self.month_grid(day).days.get(day)
