"""One breakdown of today's figures (by item, window or clerk) as a Qt table model.

The model holds the :class:`GroupFigures` rows the dashboard page hands it (loaded off the UI
thread); it never queries the database. Numbers are sortable through :data:`SortRole` (a
QSortFilterProxyModel with that sort role sorts them as numbers, not as text).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QObject, Qt

from townclerk.i18n import t
from townclerk.records.statistics import GroupFigures
from townclerk.ui import style
from townclerk.ui.models.row_table import RowTableModel
from townclerk.ui.pages.dashboard.measures import (
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
COL_OVER_STATUTORY = 6
COL_GOOD_RATE = 7
COL_BAD_COUNT = 8
COLUMN_COUNT = 9

# The Figures attribute shown in each numeric column.
COLUMN_FIELDS: dict[int, str] = {
    COL_ACCEPTED: "accepted",
    COL_COMPLETED: "completed",
    COL_ON_TIME_RATE: "on_time_rate",
    COL_OPEN: "open",
    COL_OPEN_OVERDUE: "open_overdue",
    COL_OVER_STATUTORY: "over_statutory",
    COL_GOOD_RATE: "good_rate",
    COL_BAD_COUNT: "bad_count",
}

# Columns shown in red where the number is not zero: cases to chase, 差评 to verify and call back.
_ALERT_COLUMNS = {
    column: COLUMN_FIELDS[column]
    for column in (COL_OPEN_OVERDUE, COL_OVER_STATUTORY, COL_BAD_COUNT)
}

SortRole = Qt.ItemDataRole.UserRole + 1  # the label, or the number (-1 where there is none)
GroupRole = Qt.ItemDataRole.UserRole + 2  # the whole GroupFigures


class GroupFiguresModel(RowTableModel[GroupFigures]):
    """Rows of :class:`GroupFigures` in the order given; ``name_header`` heads the first column
    (事项, 窗口, 经办人)."""

    def __init__(self, name_header: str, parent: QObject | None = None) -> None:
        headers = [
            name_header
            if COLUMN_FIELDS.get(column) is None
            else measure_name(COLUMN_FIELDS[column])
            for column in range(COLUMN_COUNT)
        ]
        super().__init__(headers, parent)

    def set_groups(self, groups: Sequence[GroupFigures]) -> None:
        self.set_rows(groups)

    def groups(self) -> list[GroupFigures]:
        return self.rows()

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        field = COLUMN_FIELDS.get(section)
        horizontal = orientation is Qt.Orientation.Horizontal
        if horizontal and role == Qt.ItemDataRole.ToolTipRole and field is not None:
            return measure_definition(field)
        if horizontal and role == Qt.ItemDataRole.DisplayRole and field is not None:
            # A narrow number column: the name on lines of whole words, never cut mid-word.
            return wrap_words(measure_name(field))
        return super().headerData(section, orientation, role)

    def cell(self, group: GroupFigures, column: int, role: int, /) -> Any:
        field = COLUMN_FIELDS.get(column)
        if role == Qt.ItemDataRole.DisplayRole:
            return group_label(group) if field is None else format_measure(group.figures, field)
        if role == Qt.ItemDataRole.ToolTipRole and field is None:
            return f"{group_label(group)}\n{group.code}" if group.code else group_label(group)
        if role == Qt.ItemDataRole.TextAlignmentRole and field is not None:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and column in _ALERT_COLUMNS:
            return style.ERROR if measure_value(group.figures, _ALERT_COLUMNS[column]) else None
        if role == SortRole:
            return group_label(group) if field is None else _sort_number(group, field)
        if role == GroupRole:
            return group
        return None


def wrap_words(text: str, width: int = 9) -> str:
    """``text`` on lines of whole words of about ``width`` characters (Chinese has no spaces
    and stays on one line)."""
    lines: list[str] = []
    for word in text.split(" "):
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return "\n".join(lines)


def group_label(group: GroupFigures) -> str:
    """The group's name; the service's stand-in for "no window" (key None) is translated."""
    return t(group.label) if group.key is None else group.label


def _sort_number(group: GroupFigures, field: str) -> float:
    value = measure_value(group.figures, field)
    return -1.0 if value is None else float(value)
