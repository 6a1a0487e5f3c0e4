"""A row of controls that wraps onto further lines when the window is too narrow for it.

On a wide window it looks like a QHBoxLayout; on a narrow one (1024×768 at 150 %: a page about
550 logical pixels wide) the controls that do not fit go to the next line instead of widening the
window past the screen. A control whose horizontal size policy expands (a search box) takes the
room its line leaves over, and may shrink to its minimum width before anything wraps.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QLayout, QLayoutItem, QWidget


class FlowLayout(QLayout):
    def __init__(self, parent: QWidget | None = None, spacing: int = 6) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        # Heights by width: a window's layout pass asks for them again and again (each
        # keystroke anywhere in the window), and they change only when the layout is invalidated.
        self._heights: dict[int, int] = {}
        self.setSpacing(spacing)
        self.setContentsMargins(0, 0, 0, 0)

    # --- QLayout's bookkeeping ------------------------------------------------------------
    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        height = self._heights.get(width)
        if height is None:
            height = self._heights[width] = self._arrange(QRect(0, 0, width, 0), move=False)
        return height

    def invalidate(self) -> None:
        self._heights.clear()
        super().invalidate()

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    def sizeHint(self) -> QSize:
        """One line holding everything."""
        visible = self._visible()
        width = sum(item.sizeHint().width() for item in visible)
        width += self.spacing() * max(len(visible) - 1, 0)
        height = max((item.sizeHint().height() for item in visible), default=0)
        return QSize(width, height).grownBy(self.contentsMargins())

    def minimumSize(self) -> QSize:
        """As wide as the widest control: everything else can wrap."""
        size = QSize()
        for item in self._visible():
            size = size.expandedTo(item.minimumSize())
        return size.grownBy(self.contentsMargins())

    # --- the arrangement ------------------------------------------------------------------
    def _visible(self) -> list[QLayoutItem]:
        return [item for item in self._items if not item.isEmpty()]

    def _arrange(self, rect: QRect, *, move: bool) -> int:
        """Place the items in ``rect`` line by line (only measure unless ``move``); return the
        height used."""
        margins = self.contentsMargins()
        area = rect.marginsRemoved(margins)
        lines: list[list[QLayoutItem]] = []
        used = 0
        for item in self._visible():
            # A growing control asks only its minimum to stay on the line; the rest is shared.
            width = _least_width(item)
            if lines and used + self.spacing() + width <= area.width():
                lines[-1].append(item)
                used += self.spacing() + width
            else:
                lines.append([item])
                used = width
        y = area.y()
        for line in lines:
            height = max(item.sizeHint().height() for item in line)
            if move:
                self._place_line(line, area, y, height)
            y += height + self.spacing()
        content = y - area.y() - (self.spacing() if lines else 0)
        return content + margins.top() + margins.bottom()

    def _place_line(self, line: list[QLayoutItem], area: QRect, y: int, height: int) -> None:
        gap = self.spacing()
        widths = [_least_width(item) for item in line]
        spare = area.width() - sum(widths) - gap * (len(line) - 1)
        growing = [i for i, item in enumerate(line) if _grows(item)]
        if growing and spare > 0:
            share, left = divmod(spare, len(growing))
            for n, index in enumerate(growing):
                widths[index] += share + (1 if n < left else 0)
        x = area.x()
        for item, width in zip(line, widths, strict=True):
            item_height = min(item.sizeHint().height(), height)
            top = y + (height - item_height) // 2
            item.setGeometry(QRect(QPoint(x, top), QSize(width, item_height)))
            x += width + gap


def _grows(item: QLayoutItem) -> bool:
    widget = item.widget()
    if widget is None:
        return False
    return bool(widget.sizePolicy().expandingDirections() & Qt.Orientation.Horizontal)


def _least_width(item: QLayoutItem) -> int:
    return item.minimumSize().width() if _grows(item) else item.sizeHint().width()
