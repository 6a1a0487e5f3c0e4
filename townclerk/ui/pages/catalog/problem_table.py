"""The problems found in a catalog workbook as a Qt table model: errors first, then warnings.

Each row says where to look in Excel (sheet, row, column letter and header) and what is wrong,
in the reader's own Chinese message.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QBrush

from townclerk.formats.catalog.shape import Problem, Severity
from townclerk.i18n import t
from townclerk.ui import style
from townclerk.ui.models.row_table import RowTableModel

COL_SEVERITY = 0
COL_SHEET = 1
COL_ROW = 2
COL_COLUMN = 3
COL_MESSAGE = 4
COLUMN_COUNT = 5

ProblemRole = Qt.ItemDataRole.UserRole + 1  # the whole Problem

# The same light fills as the problems workbook, so the screen and the file look alike.
SEVERITY_BACKGROUNDS = {
    Severity.ERROR: style.ERROR_FILL,
    Severity.WARNING: style.WARNING_FILL,
}


def column_text(problem: Problem) -> str:
    """The column's letter and header ("C 事项类型"), whichever of them the reader knows."""
    return " ".join(part for part in (problem.column_letter, problem.column) if part)


class CatalogProblemModel(RowTableModel[Problem]):
    """Rows of :class:`Problem`; errors before warnings, each kind in the reader's order."""

    def __init__(self, parent: QObject | None = None) -> None:
        headers = (
            t("级别"),
            t("工作表"),
            t("行号"),
            t("列"),
            t("问题说明"),
        )
        super().__init__(headers, parent)
        self._severity_text = {
            Severity.ERROR: t("错误"),
            Severity.WARNING: t("警告"),
        }

    def set_rows(self, rows: Sequence[Problem]) -> None:
        """Replace every row, errors first (a stable sort keeps the reader's order)."""
        super().set_rows(sorted(rows, key=lambda p: p.severity is not Severity.ERROR))

    def set_problems(self, problems: Sequence[Problem]) -> None:
        self.set_rows(problems)

    def problems(self) -> list[Problem]:
        return self.rows()

    def cell(self, problem: Problem, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(problem, column)
        if role == Qt.ItemDataRole.ToolTipRole and column == COL_MESSAGE:
            return problem.message
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(SEVERITY_BACKGROUNDS[problem.severity])
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(style.TEXT)
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
