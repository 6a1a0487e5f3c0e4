"""The shared shape of a flat Qt table model: one frozen record per row, one header per column.

A subclass hands over its (translated) header texts and says what one cell shows for a role in
:meth:`RowTableModel.cell`; the base holds the rows and answers Qt's bookkeeping questions (row
and column counts, headers, flags, index checks). The model never queries the database itself:
whoever owns it loads the records and hands them over with :meth:`RowTableModel.set_rows`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

RowT = TypeVar("RowT")

Index = QModelIndex | QPersistentModelIndex

_ROW_FLAGS = (
    Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
)


def column_header(
    headers: Sequence[str], section: int, orientation: Qt.Orientation, role: int
) -> str | None:
    """What a flat model's ``headerData`` shows: the column's header text, nothing else."""
    horizontal = orientation is Qt.Orientation.Horizontal
    if horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(headers):
        return headers[section]
    return None


class RowTableModel(QAbstractTableModel, Generic[RowT]):
    """Rows of ``RowT`` records in the order given, under a fixed tuple of column headers.

    Subclasses implement :meth:`cell`. Python's ``abc.ABC`` clashes with the metaclass of Qt
    classes, so a subclass that forgets it fails at its first ``data()`` call instead.
    """

    def __init__(self, headers: Sequence[str], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._headers = tuple(headers)
        self._rows: list[RowT] = []

    # --- loading ---------------------------------------------------------------------------
    def set_rows(self, rows: Sequence[RowT]) -> None:
        """Replace every row (a reload or a new filter)."""
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    # --- reading ---------------------------------------------------------------------------
    def rows(self) -> list[RowT]:
        return list(self._rows)

    def row_at(self, row: int) -> RowT:
        return self._rows[row]

    def cell(self, record: RowT, column: int, role: int, /) -> Any:
        """What ``column`` of ``record`` shows for ``role``; None when it shows nothing.

        Called only with a valid row's record and a column within the headers.
        """
        raise NotImplementedError(f"{type(self).__name__} must say what its cells show")

    # --- the model -------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        return column_header(self._headers, section, orientation, role)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return _ROW_FLAGS

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.parent().isValid():
            return None
        row, column = index.row(), index.column()
        if not (0 <= row < len(self._rows) and 0 <= column < len(self._headers)):
            return None
        return self.cell(self._rows[row], column, role)
