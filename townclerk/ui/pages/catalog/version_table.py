"""The catalog's version history as a Qt table model, newest version first.

The model holds :class:`CatalogVersionInfo` records handed to it by the catalog admin page (which
loads them off the UI thread); it never queries the database itself.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QObject, Qt

from townclerk.i18n import t
from townclerk.services.catalog import CatalogVersionInfo
from townclerk.ui.models.row_table import RowTableModel

COL_LABEL = 0
COL_FILE = 1
COL_IMPORTED_AT = 2
COL_IMPORTED_BY = 3
COL_ADDED = 4
COL_CHANGED = 5
COL_RETIRED = 6
COL_UNCHANGED = 7
COL_SHA256 = 8
COLUMN_COUNT = 9

COUNT_COLUMNS = (COL_ADDED, COL_CHANGED, COL_RETIRED, COL_UNCHANGED)
SHA256_SHOWN = 12  # enough to tell two files apart at a glance; the tooltip has all 64

VersionRole = Qt.ItemDataRole.UserRole + 1  # the whole CatalogVersionInfo


class CatalogVersionModel(RowTableModel[CatalogVersionInfo]):
    """Rows of :class:`CatalogVersionInfo` in the order given (the service gives newest first)."""

    def __init__(self, parent: QObject | None = None) -> None:
        headers = (
            t("版本说明"),
            t("文件名"),
            t("导入时间"),
            t("导入人"),
            t("新增"),
            t("变更"),
            t("撤销"),
            t("未变"),
            t("SHA-256"),
        )
        super().__init__(headers, parent)

    def set_versions(self, versions: Sequence[CatalogVersionInfo]) -> None:
        self.set_rows(versions)

    def versions(self) -> list[CatalogVersionInfo]:
        return self.rows()

    def cell(self, version: CatalogVersionInfo, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(version, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == COL_SHA256:
                return version.sha256
            if column in (COL_LABEL, COL_FILE):
                return self._display(version, column)
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole and column in COUNT_COLUMNS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == VersionRole:
            return version
        return None

    @staticmethod
    def _display(version: CatalogVersionInfo, column: int) -> str:
        if column == COL_LABEL:
            return version.label
        if column == COL_FILE:
            return version.file_name
        if column == COL_IMPORTED_AT:
            return f"{version.imported_at:%Y-%m-%d %H:%M}"
        if column == COL_IMPORTED_BY:
            return version.imported_by
        if column == COL_ADDED:
            return str(version.added)
        if column == COL_CHANGED:
            return str(version.changed)
        if column == COL_RETIRED:
            return str(version.retired)
        if column == COL_UNCHANGED:
            return str(version.unchanged)
        return version.sha256[:SHA256_SHOWN]
