"""The set-up the read-only tables of records share: whole rows picked one at a time, no row
numbers, a switched-off record's text in grey."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import QAbstractItemView, QTableView, QTableWidget, QTableWidgetItem

from townclerk.ui import style
from townclerk.ui.widgets.elided_text import show_full_text_tips


def prepare_record_table(table: QTableView, name: str, accessible_name: str = "") -> None:
    """Name ``table`` and make it read-only, selecting one whole row at a time; a cell its
    column cuts short shows its whole text on hover."""
    table.setObjectName(name)
    table.setAccessibleName(accessible_name)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().setVisible(False)
    show_full_text_tips(table)


def row_table_view(
    name: str,
    model: QAbstractItemModel,
    accessible_name: str = "",
    *,
    column_widths: Mapping[int, int] | None = None,
    row_height: int = 26,
) -> QTableView:
    """A read-only view of ``model``, one line a row (long text elided).

    With ``column_widths`` (column → pixels) those columns start at those widths and the last
    one stretches to the view's edge.
    """
    table = QTableView()
    prepare_record_table(table, name, accessible_name)
    table.setModel(model)
    table.setWordWrap(False)
    table.setTextElideMode(Qt.TextElideMode.ElideRight)
    table.verticalHeader().setDefaultSectionSize(row_height)
    header = table.horizontalHeader()
    header.setHighlightSections(False)
    if column_widths:
        for column, width in column_widths.items():
            header.resizeSection(column, width)
        header.setStretchLastSection(True)
    return table


def set_record_row(table: QTableWidget, row: int, cells: Sequence[str], *, active: bool) -> None:
    """Show ``cells`` in ``row`` of ``table``, greyed when the record is switched off."""
    for column, text in enumerate(cells):
        item = QTableWidgetItem(text)
        if not active:
            item.setForeground(QBrush(style.INACTIVE))
        table.setItem(row, column, item)
