"""The daily volume of the last 30 days, drawn with QPainter (QtCharts is not shipped).

Bars are the cases accepted each day, the line the cases completed; days off (weekends and
holidays by the center's working-day calendar) have a grey band behind them and a grey date, so
a make-up Saturday shows as the working day it was. Hovering over a day shows its numbers.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from PySide6.QtCore import QEvent, QLocale, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QHelpEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from townclerk.i18n import t
from townclerk.services.dashboard import TrendPoint
from townclerk.ui import style
from townclerk.ui.pages.dashboard.measures import measure_name
from townclerk.ui.qt_typed import to_qdate

LABELS_WANTED = 8  # about this many dates under the axis, whatever the width
TICKS_WANTED = 5  # at most about this many steps up the value axis
PADDING = 8


def nice_step(largest: float, steps: int = TICKS_WANTED) -> int:
    """A round step (1, 2 or 5 times a power of ten) dividing 0..``largest`` into about
    ``steps`` parts; at least 1, since the values are counts."""
    if largest <= 0:
        return 1
    raw = largest / steps
    power = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 5, 10):
        if raw <= factor * power:
            return max(1, int(factor * power))
    return max(1, int(10 * power))  # pragma: no cover - the loop always returns


class TrendChart(QWidget):
    """Bars of accepted and a line of completed cases per day."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("trendChart")
        self.setAccessibleName(t("近30天每日办件量"))
        self.setMinimumSize(420, 200)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMouseTracking(True)
        self._points: tuple[TrendPoint, ...] = ()

    def sizeHint(self) -> QSize:
        return QSize(640, 240)

    def set_points(self, points: Sequence[TrendPoint]) -> None:
        self._points = tuple(points)
        accepted = sum(point.accepted for point in self._points)
        completed = sum(point.completed for point in self._points)
        self.setAccessibleDescription(
            t(
                "{days}天：受理 {accepted} 件，办结 {completed} 件",
                days=len(self._points),
                accepted=accepted,
                completed=completed,
            )
        )
        self.update()

    def points(self) -> tuple[TrendPoint, ...]:
        return self._points

    # --- geometry --------------------------------------------------------------------------
    def _scale_top(self) -> tuple[int, int]:
        """(top of the value axis, its step)."""
        largest = max((max(point.accepted, point.completed) for point in self._points), default=0)
        step = nice_step(largest)
        return max(step, math.ceil(largest / step) * step), step

    def _plot_area(self, metrics: QFontMetrics, top_value: int) -> QRectF:
        label_width = metrics.horizontalAdvance(f"{top_value:,}") + PADDING
        header = metrics.height() * 2 + PADDING
        footer = metrics.height() + PADDING
        return QRectF(
            PADDING + label_width,
            header,
            max(1.0, self.width() - 2 * PADDING - label_width),
            max(1.0, self.height() - header - footer),
        )

    def _day_at(self, x: float) -> int | None:
        if not self._points:
            return None
        area = self._plot_area(QFontMetrics(self.font()), self._scale_top()[0])
        if not area.left() <= x <= area.right():
            return None
        slot = area.width() / len(self._points)
        return min(len(self._points) - 1, int((x - area.left()) / slot))

    # --- drawing ---------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), style.WHITE)
        metrics = QFontMetrics(self.font())
        self._draw_header(painter, metrics)
        if not self._points:
            painter.setPen(style.REST_DAY_TEXT)
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, t("暂无数据"))
            painter.end()
            return
        top_value, step = self._scale_top()
        area = self._plot_area(metrics, top_value)
        slot = area.width() / len(self._points)
        self._draw_rest_days(painter, area, slot)
        self._draw_value_axis(painter, metrics, area, top_value, step)
        self._draw_bars(painter, area, slot, top_value)
        self._draw_line(painter, area, slot, top_value)
        self._draw_dates(painter, metrics, area, slot)
        painter.end()

    def _draw_header(self, painter: QPainter, metrics: QFontMetrics) -> None:
        bold = QFont(self.font())
        bold.setBold(True)
        painter.setFont(bold)
        painter.setPen(style.LABEL)
        painter.drawText(
            QPointF(PADDING, PADDING + metrics.ascent()),
            t("近30天每日办件量（件）"),
        )
        painter.setFont(self.font())
        # The legend, right-aligned on the same line: a square for the bars, a line for the line.
        entries = [
            (measure_name("accepted"), style.ACCEPTED_SERIES, True),
            (measure_name("completed"), style.COMPLETED_SERIES, False),
        ]
        mark = metrics.height() * 0.7
        x = float(self.width() - PADDING)
        baseline = PADDING + metrics.ascent()
        middle = PADDING + metrics.height() / 2
        for text, color, is_bar in reversed(entries):
            x -= metrics.horizontalAdvance(text)
            painter.setPen(style.LABEL)
            painter.drawText(QPointF(x, baseline), text)
            x -= mark + 4
            if is_bar:
                painter.fillRect(QRectF(x, middle - mark / 2, mark, mark), color)
            else:
                painter.setPen(QPen(color, 2))
                painter.drawLine(QPointF(x, middle), QPointF(x + mark, middle))
            x -= 16

    def _draw_rest_days(self, painter: QPainter, area: QRectF, slot: float) -> None:
        for index, point in enumerate(self._points):
            if not point.workday:
                band = QRectF(area.left() + index * slot, area.top(), slot, area.height())
                painter.fillRect(band, style.REST_DAY_FILL)

    def _draw_value_axis(
        self, painter: QPainter, metrics: QFontMetrics, area: QRectF, top_value: int, step: int
    ) -> None:
        for value in range(0, top_value + 1, step):
            y = area.bottom() - area.height() * value / top_value
            painter.setPen(QPen(style.GRID if value else style.AXIS, 1))
            painter.drawLine(QPointF(area.left(), y), QPointF(area.right(), y))
            painter.setPen(style.LABEL)
            label = f"{value:,}"
            painter.drawText(
                QPointF(
                    area.left() - PADDING / 2 - metrics.horizontalAdvance(label),
                    y + metrics.ascent() / 2 - 1,
                ),
                label,
            )

    def _draw_bars(self, painter: QPainter, area: QRectF, slot: float, top_value: int) -> None:
        width = max(1.0, slot * 0.6)
        for index, point in enumerate(self._points):
            if point.accepted:
                height = area.height() * point.accepted / top_value
                left = area.left() + index * slot + (slot - width) / 2
                bar = QRectF(left, area.bottom() - height, width, height)
                painter.fillRect(bar, style.ACCEPTED_SERIES)

    def _draw_line(self, painter: QPainter, area: QRectF, slot: float, top_value: int) -> None:
        points = [
            QPointF(
                area.left() + (index + 0.5) * slot,
                area.bottom() - area.height() * point.completed / top_value,
            )
            for index, point in enumerate(self._points)
        ]
        painter.setPen(QPen(style.COMPLETED_SERIES, 2))
        painter.drawPolyline(points)
        painter.setBrush(style.COMPLETED_SERIES)
        radius = min(3.0, slot / 4)
        for point in points:
            painter.drawEllipse(point, radius, radius)
        painter.setBrush(Qt.BrushStyle.NoBrush)

    def _draw_dates(
        self, painter: QPainter, metrics: QFontMetrics, area: QRectF, slot: float
    ) -> None:
        count = len(self._points)
        every = max(1, math.ceil(count / LABELS_WANTED))
        baseline = area.bottom() + PADDING / 2 + metrics.ascent()
        # Count back from today so that today is always labelled.
        for index in range(count - 1, -1, -every):
            point = self._points[index]
            label = (
                t("今天")
                if index == count - 1
                else t("{month}月{day}日", month=point.day.month, day=point.day.day)
            )
            center = area.left() + (index + 0.5) * slot
            x = center - metrics.horizontalAdvance(label) / 2
            x = min(max(x, area.left() - PADDING), self.width() - metrics.horizontalAdvance(label))
            painter.setPen(style.LABEL if point.workday else style.REST_DAY_TEXT)
            painter.drawText(QPointF(x, baseline), label)

    # --- hovering --------------------------------------------------------------------------
    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            index = self._day_at(event.pos().x())
            if index is None:
                QToolTip.hideText()
                event.ignore()
            else:
                QToolTip.showText(event.globalPos(), self.day_tooltip(index), self)
            return True
        return super().event(event)

    def day_tooltip(self, index: int) -> str:
        point = self._points[index]
        day = QLocale().toString(to_qdate(point.day), "yyyy-MM-dd dddd")
        lines = [
            day if point.workday else t("{day}（休息日）", day=day),
            f"{measure_name('accepted')}: {point.accepted:,}",
            f"{measure_name('completed')}: {point.completed:,}",
        ]
        return "\n".join(lines)
