"""The search result list: two lines per catalog item, the name (with a 即办 badge) over the
department, category and promised limit.

The list is repainted at every keystroke, so painting a row must be cheap. Laying out Chinese
text (shaping, font fallback, eliding to the width) costs far more than drawing it, so each
item's two lines are elided and laid out once per list width and font (:class:`QStaticText`)
and kept while the item can be shown again; a paint draws the row background, the two cached
texts and the badge. The delegate reads the items from the model directly rather than through
a dozen ``data()`` roles per row, and the row height is computed once per font.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPointF,
    QRect,
    QSize,
    Qt,
)
from PySide6.QtGui import (
    QFont,
    QFontMetrics,
    QPainter,
    QPalette,
    QStaticText,
    QTransform,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from townclerk.enums import CaseKind
from townclerk.i18n import t
from townclerk.services.search import ItemSummary
from townclerk.ui import style
from townclerk.ui.pages.intake.search_results import SearchResultsModel

PADDING = 6
# Laid-out texts are kept for a few row widths (the list is narrower while its scroll bar
# shows) and up to this many items (a township catalog has ~200); past that they are dropped.
_WIDTHS_KEPT = 4
_TEXTS_KEPT = 2000


@dataclass(frozen=True)
class _RowGeometry:
    """Where things go in a row, for one font and one row width."""

    font: QFont
    width: int
    name_font: QFont
    line_height: int
    badge_width: int
    badge: QStaticText
    text_width: int  # a name beside a badge is shorter by the badge and a gap


@dataclass(frozen=True)
class _RowTexts:
    name: QStaticText
    detail: QStaticText
    instant: bool


def _static_text(text: str, font: QFont) -> QStaticText:
    static = QStaticText(text)
    static.setTextFormat(Qt.TextFormat.PlainText)
    static.setPerformanceHint(QStaticText.PerformanceHint.AggressiveCaching)
    static.prepare(QTransform(), font)
    return static


class ResultDelegate(QStyledItemDelegate):
    """Paints a :class:`SearchResultsModel` row from texts laid out once (see the module)."""

    def __init__(self, model: SearchResultsModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._model = model
        self.badge_text = t("即办")
        self._font = QFont()
        self._geometries: dict[int, _RowGeometry] = {}  # by row width
        self._texts: dict[tuple[ItemSummary, int], _RowTexts] = {}  # by item and row width
        self._size_font: QFont | None = None
        self._size = QSize()

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        if self._size_font is None or self._size_font != option.font:
            self._size_font = QFont(option.font)
            self._size = QSize(200, QFontMetrics(option.font).height() * 2 + PADDING * 3)
        return self._size

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        rect: QRect = option.rect
        geometry = self._geometry_for(option.font, rect.width())
        texts = self._texts_for(self._model.item(index.row()), geometry)
        widget = option.widget
        qt_style = widget.style() if widget is not None else None
        painter.save()
        if qt_style is not None:  # the row background: selection, hover
            qt_style.drawPrimitive(
                QStyle.PrimitiveElement.PE_PanelItemViewItem, option, painter, widget
            )
        palette: QPalette = option.palette
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        text_colour = palette.color(
            QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        )
        left = rect.left() + PADDING * 2
        top = rect.top() + PADDING
        if texts.instant:
            badge = QRect(
                rect.right() - PADDING * 2 - geometry.badge_width,
                top,
                geometry.badge_width,
                geometry.line_height,
            )
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(style.WARNING)
            painter.drawRoundedRect(badge, 4, 4)
            painter.setFont(geometry.name_font)
            painter.setPen(style.WHITE)
            painter.drawStaticText(QPointF(badge.left() + PADDING, top), geometry.badge)
        painter.setFont(geometry.name_font)
        painter.setPen(text_colour)
        painter.drawStaticText(QPointF(left, top), texts.name)
        painter.setFont(option.font)
        painter.setPen(
            text_colour if selected else palette.color(QPalette.ColorRole.PlaceholderText)
        )
        painter.drawStaticText(QPointF(left, top + geometry.line_height + PADDING), texts.detail)
        painter.restore()

    def _geometry_for(self, font: QFont, width: int) -> _RowGeometry:
        if font != self._font:
            self._font = QFont(font)
            self._geometries.clear()
            self._texts.clear()
        geometry = self._geometries.get(width)
        if geometry is not None:
            return geometry
        if len(self._geometries) >= _WIDTHS_KEPT:  # the window is being resized
            self._geometries.clear()
            self._texts.clear()
        name_font = QFont(font)
        name_font.setBold(True)
        name_metrics = QFontMetrics(name_font)
        badge_width = name_metrics.horizontalAdvance(self.badge_text) + PADDING * 2
        geometry = _RowGeometry(
            font=QFont(font),
            width=width,
            name_font=name_font,
            line_height=name_metrics.height(),
            badge_width=badge_width,
            badge=_static_text(self.badge_text, name_font),
            text_width=max(width - PADDING * 4, 0),
        )
        self._geometries[width] = geometry
        return geometry

    def _texts_for(self, item: ItemSummary, geometry: _RowGeometry) -> _RowTexts:
        key = (item, geometry.width)
        texts = self._texts.get(key)
        if texts is not None:
            return texts
        instant = item.case_kind is CaseKind.INSTANT
        name_width = geometry.text_width
        if instant:
            name_width = max(name_width - geometry.badge_width - PADDING, 0)
        name = QFontMetrics(geometry.name_font).elidedText(
            item.name, Qt.TextElideMode.ElideRight, name_width
        )
        detail = QFontMetrics(geometry.font).elidedText(
            self._model.detail_text(item), Qt.TextElideMode.ElideRight, geometry.text_width
        )
        if len(self._texts) >= _TEXTS_KEPT:
            self._texts.clear()
        texts = _RowTexts(
            name=_static_text(name, geometry.name_font),
            detail=_static_text(detail, geometry.font),
            instant=instant,
        )
        self._texts[key] = texts
        return texts


def result_list_view(model: SearchResultsModel, parent: QWidget | None = None) -> QListView:
    """The list view for the results: rows of one height, no editing, no horizontal scrolling."""
    view = QListView(parent)
    view.setModel(model)
    view.setItemDelegate(ResultDelegate(model, view))
    view.setUniformItemSizes(True)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    return view
