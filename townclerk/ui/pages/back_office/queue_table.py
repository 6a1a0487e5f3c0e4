"""The officer's queue as a Qt table model: one :class:`QueueRow` a line, oldest arrival
first, coloured like the case list's deadline warnings."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QBrush

from townclerk.i18n import pt, t
from townclerk.records.cases import WARNING_RED, WARNING_YELLOW
from townclerk.records.desks import QueueRow
from townclerk.ui import style
from townclerk.ui.models.row_table import RowTableModel

COL_NUMBER = 0
COL_ITEM = 1
COL_APPLICANT = 2
COL_RECEIVED = 3
COL_DUE = 4
COL_DAYS_LEFT = 5
COL_AT_DESK = 6
COL_DESK = 7
COL_STATUS = 8

QueueRowRole = Qt.ItemDataRole.UserRole + 1
WarningRole = Qt.ItemDataRole.UserRole + 2

_FILLS = {WARNING_YELLOW: style.DUE_SOON_FILL, WARNING_RED: style.OVERDUE_FILL}


class QueueModel(RowTableModel[QueueRow]):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(
            (
                pt("CaseTableModel", "办件编号"),
                t("事项"),
                t("申请人"),
                t("受理日期"),
                t("承诺到期日"),
                t("剩余工作日"),
                t("在后台工作日"),
                t("后台窗口"),
                pt("CaseTableModel", "状态"),
            ),
            parent,
        )
        self._tips = {
            WARNING_YELLOW: t("即将到期（黄色预警）"),
            WARNING_RED: t("已超承诺时限（红色预警）"),
        }

    def row_of_number(self, number: str) -> int | None:
        for index, row in enumerate(self._rows):
            if row.number == number:
                return index
        return None

    def cell(self, row: QueueRow, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == Qt.ItemDataRole.BackgroundRole and row.warning in _FILLS:
            return QBrush(_FILLS[row.warning])
        if role == Qt.ItemDataRole.ForegroundRole and row.warning in _FILLS:
            return QBrush(style.TEXT)
        if role == Qt.ItemDataRole.ToolTipRole:
            if row.warning is not None and column in (COL_NUMBER, COL_DUE, COL_DAYS_LEFT):
                return self._tips.get(row.warning)
            return row.item_name if column == COL_ITEM else None
        if role == QueueRowRole:
            return row
        if role == WarningRole:
            return row.warning
        return None

    @staticmethod
    def _display(row: QueueRow, column: int) -> str:
        if column == COL_NUMBER:
            return row.number
        if column == COL_ITEM:
            return row.item_name
        if column == COL_APPLICANT:
            return f"{row.applicant_name} {row.id_number}"
        if column == COL_RECEIVED:
            return row.received_at.date().isoformat()
        if column == COL_DUE:
            return row.due_date.isoformat() if row.due_date else ""
        if column == COL_DAYS_LEFT:
            if row.days_left is None:
                return ""
            if row.days_left < 0:
                return t("超期{days}天", days=-row.days_left)
            return str(row.days_left)
        if column == COL_AT_DESK:
            return str(row.days_at_desk)
        if column == COL_DESK:
            return row.desk_name
        return t(row.status.label)
