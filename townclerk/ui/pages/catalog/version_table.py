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
SHA256_SHOWN = 8  # enough to tell two files apart at a glance; the tooltip has all 64

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
            t("文件指纹（前8位）"),
        )
        super().__init__(headers, parent)

    def set_versions(self, versions: Sequence[CatalogVersionInfo]) -> None:
        self.set_rows(versions)

    def versions(self) -> list[CatalogVersionInfo]:
        return self.rows()

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            role == Qt.ItemDataRole.ToolTipRole
            and orientation == Qt.Orientation.Horizontal
            and section == COL_SHA256
        ):
            return t("文件SHA-256指纹的前{shown}位：同一个文件的指纹总是相同", shown=SHA256_SHOWN)
        return super().headerData(section, orientation, role)

    def cell(self, version: CatalogVersionInfo, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(version, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == COL_SHA256:
                return t(
                    "文件指纹（SHA-256）：指纹相同的两个文件内容完全相同，文件有任何改动指纹都会不同。"
                    "可与县里下发的文件核对，确认导入的是哪一份。\n{digest}",
                    digest=version.sha256,
                )
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
