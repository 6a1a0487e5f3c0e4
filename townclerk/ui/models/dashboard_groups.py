"""One breakdown of today's figures (by item, window or clerk) as a Qt table model.

The model holds the :class:`GroupFigures` rows the dashboard page hands it (loaded off the UI
thread); it never queries the database. Numbers are sortable through :data:`SortRole` (a
QSortFilterProxyModel with that sort role sorts them as numbers, not as text).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from townclerk.i18n import t
from townclerk.services.statistics_definitions import GroupFigures
from townclerk.ui.models.dashboard_measures import (
    format_measure,
    measure_definition,
    measure_name,
    measure_value,
)

COL_NAME = 0
COL_ACCEPTED = 1
COL_COMPLETED = 2
COL_ON_TIME_RATE = 3
COL_OPEN = 4
COL_OPEN_OVERDUE = 5
COL_SATISFACTION_RATE = 6
COLUMN_COUNT = 7

# The Figures attribute shown in each numeric column.
COLUMN_FIELDS: dict[int, str] = {
    COL_ACCEPTED: "accepted",
    COL_COMPLETED: "completed",
    COL_ON_TIME_RATE: "on_time_rate",
    COL_OPEN: "open",
    COL_OPEN_OVERDUE: "open_overdue",
    COL_SATISFACTION_RATE: "satisfaction_rate",
}

SortRole = Qt.ItemDataRole.UserRole + 1  # the label, or the number (-1 where there is none)
GroupRole = Qt.ItemDataRole.UserRole + 2  # the whole GroupFigures

OVERDUE_COLOR = QColor("#b00020")

Index = QModelIndex | QPersistentModelIndex


class GroupFiguresModel(QAbstractTableModel):
    """Rows of :class:`GroupFigures` in the order given; ``name_header`` heads the first column
    (事项, 窗口, 经办人)."""

    def __init__(self, name_header: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._name_header = name_header
        self._groups: list[GroupFigures] = []

    def set_groups(self, groups: Sequence[GroupFigures]) -> None:
        self.beginResetModel()
        self._groups = list(groups)
        self.endResetModel()

    def groups(self) -> list[GroupFigures]:
        return list(self._groups)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._groups)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMN_COUNT

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if orientation is not Qt.Orientation.Horizontal or not 0 <= section < COLUMN_COUNT:
            return None
        field = COLUMN_FIELDS.get(section)
        if role == Qt.ItemDataRole.DisplayRole:
            return self._name_header if field is None else measure_name(field)
        if role == Qt.ItemDataRole.ToolTipRole and field is not None:
            return measure_definition(field)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.parent().isValid():
            return None
        row, column = index.row(), index.column()
        if not (0 <= row < len(self._groups) and 0 <= column < COLUMN_COUNT):
            return None
        group = self._groups[row]
        field = COLUMN_FIELDS.get(column)
        if role == Qt.ItemDataRole.DisplayRole:
            return group_label(group) if field is None else format_measure(group.figures, field)
        if role == Qt.ItemDataRole.ToolTipRole and field is None:
            return f"{group_label(group)}\n{group.code}" if group.code else group_label(group)
        if role == Qt.ItemDataRole.TextAlignmentRole and field is not None:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and column == COL_OPEN_OVERDUE:
            return OVERDUE_COLOR if group.figures.open_overdue else None
        if role == SortRole:
            return group_label(group) if field is None else _sort_number(group, field)
        if role == GroupRole:
            return group
        return None


def group_label(group: GroupFigures) -> str:
    """The group's name; the service's stand-in for "no window" (key None) is translated."""
    return t(group.label) if group.key is None else group.label


def _sort_number(group: GroupFigures, field: str) -> float:
    value = measure_value(group.figures, field)
    return -1.0 if value is None else float(value)
