"""The catalog items the search box lists (search results, or the window's most used items)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

from townclerk.enums import CaseKind
from townclerk.i18n import t

if TYPE_CHECKING:
    from townclerk.services.search import ItemSummary

ITEM_ROLE = Qt.ItemDataRole.UserRole + 1  # the ItemSummary itself
DETAIL_ROLE = Qt.ItemDataRole.UserRole + 2  # "department · category · promised limit"
INSTANT_ROLE = Qt.ItemDataRole.UserRole + 3  # True for a 即办件

_Index = QModelIndex | QPersistentModelIndex


class SearchResultsModel(QAbstractListModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._items: list[ItemSummary] = []

    def set_items(self, items: Sequence[ItemSummary]) -> None:
        """Show ``items``, telling the view only what changed: the rows past the new end go,
        each row whose item differs is repainted alone, new rows are added at the end.

        A reset would make the view forget its current row and repaint every row at each
        keystroke, even when typing one more letter keeps the first results where they were.
        """
        new = list(items)
        old = self._items
        if len(new) < len(old):
            self.beginRemoveRows(QModelIndex(), len(new), len(old) - 1)
            self._items = old[: len(new)]
            self.endRemoveRows()
        for row in range(min(len(old), len(new))):
            if old[row] != new[row]:
                self._items[row] = new[row]
                changed = self.index(row, 0)
                self.dataChanged.emit(changed, changed)
        if len(new) > len(old):
            self.beginInsertRows(QModelIndex(), len(old), len(new) - 1)
            self._items = new
            self.endInsertRows()

    def item(self, row: int) -> ItemSummary:
        return self._items[row]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._items)

    def detail_text(self, item: ItemSummary) -> str:
        if item.case_kind is CaseKind.INSTANT:
            limit = t("当场办结")
        else:
            limit = t("承诺{days}个工作日", days=item.promised_days)
        return " · ".join(part for part in (item.department, t(item.category.label), limit) if part)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        item = self._items[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return item.name
        if role == DETAIL_ROLE:
            return self.detail_text(item)
        if role == INSTANT_ROLE:
            return item.case_kind is CaseKind.INSTANT
        if role == ITEM_ROLE:
            return item
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            mark = t("（即办）") if item.case_kind is CaseKind.INSTANT else ""
            return f"{item.name}{mark}\n{item.code}\n{self.detail_text(item)}"
        return None
