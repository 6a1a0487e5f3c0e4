"""Painting a changed field's old and new value with the lines that differ in bold colour.

A material list runs to a dozen lines; when one material's form changes, the admin should not
have to compare them line by line. The change model marks, for each multi-line value, which
lines differ from the other side (:data:`ChangedLinesRole`); this delegate draws those lines
bold, red on the "before" side and green on the "after" side, and wraps the text to the column.
Cells without marks are painted by the standard delegate.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize
from PySide6.QtGui import QAbstractTextDocumentLayout, QColor, QPainter, QPalette, QTextDocument
from PySide6.QtWidgets import (
    QApplication,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeView,
)

from townclerk.ui import style
from townclerk.ui.pages.catalog.change_table import COL_BEFORE, ChangedLinesRole

FALLBACK_WIDTH = 300  # when the view has not given the column a width yet

Index = QModelIndex | QPersistentModelIndex


def marked_html(text: str, changed: tuple[bool, ...], colour: QColor | None) -> str:
    """The lines of ``text`` as HTML, the changed ones bold (and in ``colour`` if given)."""
    span_style = "font-weight:bold" + (f";color:{colour.name()}" if colour is not None else "")
    lines = []
    for line, differs in zip(text.split("\n"), changed, strict=False):
        escaped = html.escape(line)
        lines.append(f'<span style="{span_style}">{escaped}</span>' if differs else escaped)
    return "<br>".join(lines)


class ChangedLinesDelegate(QStyledItemDelegate):
    """Draws cells that carry :data:`ChangedLinesRole` as wrapped rich text."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        changed = index.data(ChangedLinesRole)
        if not changed:
            super().paint(painter, option, index)
            return
        view_option = QStyleOptionViewItem(option)
        self.initStyleOption(view_option, index)
        text = str(index.data())  # the option's copy has its line breaks replaced
        view_option.text = ""
        widget = view_option.widget
        qt_style = widget.style() if widget is not None else QApplication.style()
        qt_style.drawControl(QStyle.ControlElement.CE_ItemViewItem, view_option, painter, widget)
        area = qt_style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, view_option, widget)
        selected = bool(view_option.state & QStyle.StateFlag.State_Selected)
        colour = None if selected else self._colour(index)
        document = self._document(text, changed, colour, view_option, area.width())
        context = QAbstractTextDocumentLayout.PaintContext()
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        context.palette.setColor(QPalette.ColorRole.Text, view_option.palette.color(role))
        painter.save()
        painter.translate(area.topLeft())
        painter.setClipRect(area.translated(-area.topLeft()))
        document.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        changed = index.data(ChangedLinesRole)
        if not changed:
            return super().sizeHint(option, index)
        view_option = QStyleOptionViewItem(option)
        self.initStyleOption(view_option, index)
        # A tree view asks for row heights without saying how wide the column is.
        widget = view_option.widget
        width = (
            widget.columnWidth(index.column())
            if isinstance(widget, QTreeView)
            else view_option.rect.width()
        )
        width = width if width > 0 else FALLBACK_WIDTH
        margin = 2 * (QApplication.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 1)
        document = self._document(
            str(index.data()), changed, self._colour(index), view_option, width - margin
        )
        return QSize(int(document.idealWidth()) + margin, int(document.size().height()) + 2)

    @staticmethod
    def _colour(index: Index) -> QColor:
        return style.ERROR if index.column() == COL_BEFORE else style.OK

    @staticmethod
    def _document(
        text: str,
        changed: tuple[bool, ...],
        colour: QColor | None,
        option: QStyleOptionViewItem,
        width: int,
    ) -> QTextDocument:
        document = QTextDocument()
        document.setDocumentMargin(1)
        document.setDefaultFont(option.font)
        document.setHtml(marked_html(text, changed, colour))
        document.setTextWidth(max(width, 1))
        return document
