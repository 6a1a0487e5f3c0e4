"""The active catalog as a Qt table model: one :class:`ItemSummary` per row."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Qt

from townclerk.enums import CaseKind
from townclerk.i18n import t
from townclerk.services.search import ItemSummary
from townclerk.ui.models.row_table import RowTableModel

COL_NAME = 0
COL_DEPARTMENT = 1
COL_CATEGORY = 2
COL_LEVEL = 3
COL_KIND = 4
COL_LIMIT = 5
COL_CODE = 6


class CatalogItemModel(RowTableModel[ItemSummary]):
    """Items in the order given (the browser page sorts and filters them)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(
            (
                t("事项"),
                t("部门"),
                t("事项类型"),
                t("层级"),
                t("办件类型"),
                t("承诺时限"),
                t("编码"),
            ),
            parent,
        )

    def cell(self, item: ItemSummary, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:  # a cut-short cell shows it whole on hover
            return self._text(item, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == COL_LIMIT:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _text(self, item: ItemSummary, column: int) -> str:
        if column == COL_NAME:
            return item.name
        if column == COL_DEPARTMENT:
            return item.department
        if column == COL_CATEGORY:
            return t(item.category.label)
        if column == COL_LEVEL:
            return t(item.level.label)
        if column == COL_KIND:
            return t(item.case_kind.label)
        if column == COL_LIMIT:
            if item.case_kind is CaseKind.INSTANT:
                return t("当场办结")
            return t("{days}个工作日", days=item.promised_days)
        return item.code

    def row_of_id(self, item_id: int) -> int | None:
        for row, item in enumerate(self.rows()):
            if item.id == item_id:
                return row
        return None
