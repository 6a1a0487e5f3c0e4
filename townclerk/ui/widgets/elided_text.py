"""Text that does not fit is shortened with "…" and shown whole in its tooltip.

:class:`ElidedLabel` is a one-line label that asks only a few characters of width, so a long
name never widens the window (1024×768 at 150 % leaves a page about 550 pixels); what it cannot
show ends (or, for a number, is cut in the middle) with "…", the whole text in the tooltip. A
text that fits has no tooltip. :func:`show_full_text_tips` gives a table or list the same
tooltip for a cell its column cuts short (Qt already draws the "…").
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QHelpEvent, QResizeEvent
from PySide6.QtWidgets import QAbstractItemView, QLabel, QStyleOptionViewItem, QToolTip, QWidget

ELLIPSIS = "…"
UNBOUNDED = 1 << 20


class ElidedLabel(QLabel):
    """A one-line label; ``text()`` is the whole text, the label shows what fits."""

    def __init__(
        self,
        text: str = "",
        parent: QWidget | None = None,
        *,
        mode: Qt.TextElideMode = Qt.TextElideMode.ElideRight,
    ) -> None:
        super().__init__(parent)
        self._full = ""
        self._mode = mode
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setText(text)

    def setText(self, text: str) -> None:
        self._full = text
        self.updateGeometry()
        self._elide()

    def text(self) -> str:
        return self._full

    def shown_text(self) -> str:
        """What the label shows now: the whole text, or its "…" form."""
        return super().text()

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        return QSize(self._text_width(self._full), hint.height())

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        least = self._text_width(self._full[:2] + ELLIPSIS) if len(self._full) > 2 else 0
        return QSize(min(least, self._text_width(self._full)), hint.height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self.updateGeometry()
            self._elide()  # a style sheet's larger font needs more room

    def _text_width(self, text: str) -> int:
        margins = self.contentsMargins()
        extra = margins.left() + margins.right() + 2 * self.margin()
        return self.fontMetrics().horizontalAdvance(text) + extra

    def _elide(self) -> None:
        margins = self.contentsMargins()
        room = self.width() - margins.left() - margins.right() - 2 * self.margin()
        shown = self.fontMetrics().elidedText(self._full, self._mode, max(room, 0))
        super().setText(shown)
        self.setToolTip(self._full if shown != self._full else "")


class _FullTextTips(QObject):
    def __init__(self, view: QAbstractItemView) -> None:
        super().__init__(view)
        self._view = view
        view.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.ToolTip:
            return False
        assert isinstance(event, QHelpEvent)
        view = self._view
        index = view.indexAt(event.pos())
        if not index.isValid() or index.data(Qt.ItemDataRole.ToolTipRole):
            return False  # the model's own tooltip, or none
        text = index.data(Qt.ItemDataRole.DisplayRole)
        if text is None or not str(text):
            return False
        if cut_short(view, index):
            QToolTip.showText(event.globalPos(), str(text), view.viewport())
        else:
            QToolTip.hideText()
        return True


def cut_short(view: QAbstractItemView, index: QModelIndex | QPersistentModelIndex) -> bool:
    """Does the cell at ``index`` need more width than its column gives it?"""
    option = QStyleOptionViewItem()
    view.initViewItemOption(option)
    rect = view.visualRect(index)
    option.rect = QRect(rect.topLeft(), QSize(UNBOUNDED, rect.height()))  # the text on one line
    return view.itemDelegateForIndex(index).sizeHint(option, index).width() > rect.width()


def show_full_text_tips(view: QAbstractItemView) -> None:
    """Hovering a cell whose text its column cuts short shows the whole text (cells that fit,
    and cells whose model gives its own tooltip, are left alone)."""
    _FullTextTips(view)
