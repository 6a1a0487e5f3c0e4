"""The problems found in a catalog workbook as a Qt table model: errors first, then warnings.

Each row says where to look in Excel (sheet, row, column letter and header) and what is wrong,
in the reader's own Chinese message.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from townclerk.documents.catalog_format import Problem, Severity

COL_SEVERITY = 0
COL_SHEET = 1
COL_ROW = 2
COL_COLUMN = 3
COL_MESSAGE = 4
COLUMN_COUNT = 5

ProblemRole = Qt.ItemDataRole.UserRole + 1  # the whole Problem

# The same light fills as the problems workbook, so the screen and the file look alike.
SEVERITY_BACKGROUNDS = {
    Severity.ERROR: QColor("#fde2e1"),
    Severity.WARNING: QColor("#fff4ce"),
}
_TEXT_ON_FILL = QColor("#1a1a1a")

Index = QModelIndex | QPersistentModelIndex


def column_text(problem: Problem) -> str:
    """The column's letter and header ("C 事项类型"), whichever of them the reader knows."""
    return " ".join(part for part in (problem.column_letter, problem.column) if part)


class CatalogProblemModel(QAbstractTableModel):
    """Rows of :class:`Problem`; errors before warnings, each kind in the reader's order."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._problems: list[Problem] = []
        self._headers = (
            self.tr("Severity"),
            self.tr("Sheet"),
            self.tr("Row"),
            self.tr("Column"),
            self.tr("Problem"),
        )
        self._severity_text = {
            Severity.ERROR: self.tr("Error"),
            Severity.WARNING: self.tr("Warning"),
        }

    def set_problems(self, problems: Sequence[Problem]) -> None:
        self.beginResetModel()
        self._problems = sorted(problems, key=lambda p: p.severity is not Severity.ERROR)
        self.endResetModel()

    def problems(self) -> list[Problem]:
        return list(self._problems)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._problems)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMN_COUNT

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        horizontal = orientation is Qt.Orientation.Horizontal
        if horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < COLUMN_COUNT:
            return self._headers[section]
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
        if not (0 <= row < len(self._problems) and 0 <= column < COLUMN_COUNT):
            return None
        problem = self._problems[row]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(problem, column)
        if role == Qt.ItemDataRole.ToolTipRole and column == COL_MESSAGE:
            return problem.message
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(SEVERITY_BACKGROUNDS[problem.severity])
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(_TEXT_ON_FILL)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == COL_ROW:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == ProblemRole:
            return problem
        return None

    def _display(self, problem: Problem, column: int) -> str:
        if column == COL_SEVERITY:
            return self._severity_text[problem.severity]
        if column == COL_SHEET:
            return problem.sheet
        if column == COL_ROW:
            return "" if problem.row is None else str(problem.row)
        if column == COL_COLUMN:
            return column_text(problem)
        return problem.message
