"""The active catalog as a Qt table model: one :class:`ItemSummary` per row."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Qt

from townclerk.enums import CaseKind
from townclerk.services.search import ItemSummary
from townclerk.ui.models.row_table import RowTableModel
from townclerk.ui.widgets.enum_text import enum_text

COL_NAME = 0
COL_DEPARTMENT = 1
COL_CATEGORY = 2
COL_LEVEL = 3
COL_KIND = 4
COL_LIMIT = 5
COL_CODE = 6

ItemRole = Qt.ItemDataRole.UserRole + 1  # the whole ItemSummary


class CatalogItemModel(RowTableModel[ItemSummary]):
    """Items in the order given (the browser page sorts and filters them)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(
            (
                self.tr("Item"),
                self.tr("Department"),
                self.tr("Category"),
                self.tr("Level"),
                self.tr("Kind"),
                self.tr("Promised limit"),
                self.tr("Code"),
            ),
            parent,
        )

    def cell(self, item: ItemSummary, column: int, role: int) -> Any:
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._text(item, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == COL_LIMIT:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == ItemRole:
            return item
        return None

    def _text(self, item: ItemSummary, column: int) -> str:
        if column == COL_NAME:
            return item.name
        if column == COL_DEPARTMENT:
            return item.department
        if column == COL_CATEGORY:
            return enum_text(item.category)
        if column == COL_LEVEL:
            return enum_text(item.level)
        if column == COL_KIND:
            return enum_text(item.case_kind)
        if column == COL_LIMIT:
            if item.case_kind is CaseKind.INSTANT:
                return self.tr("on the spot")
            return self.tr("{days} working days").format(days=item.promised_days)
        return item.code

    def row_of_id(self, item_id: int) -> int | None:
        for row, item in enumerate(self.rows()):
            if item.id == item_id:
                return row
        return None
