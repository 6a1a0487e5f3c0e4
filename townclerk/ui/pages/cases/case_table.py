"""The case list as a Qt table model, loaded a page at a time (keyset paging, newest first).

The model never queries the database itself. It holds the rows loaded so far; when the view
scrolls near the end, ``fetchMore`` emits :attr:`CaseTableModel.more_requested` with the id of the
last row, and whoever owns the model (the case list page) loads the next page off the UI thread
and hands it back with :meth:`CaseTableModel.append_rows`. A new filter starts over with
:meth:`CaseTableModel.set_rows`. So the list stays instant however many cases the database holds.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QBrush

from townclerk.i18n import pt, t
from townclerk.records.cases import WARNING_RED, WARNING_YELLOW, CaseRow
from townclerk.ui import style
from townclerk.ui.models.row_table import Index, RowTableModel
from townclerk.validation import mask_id_number

COL_NUMBER = 0
COL_ITEM = 1
COL_APPLICANT = 2
COL_RECEIVED = 3
COL_DUE = 4
COL_STATUTORY_DUE = 5
COL_STATUS = 6
COL_WINDOW = 7
COL_CLERK = 8
COL_HOLDER = 9  # 去向: who has the papers now
COLUMN_COUNT = 10

# Custom roles: what a view or a test needs beyond the displayed text.
CaseRowRole = Qt.ItemDataRole.UserRole + 1  # the whole CaseRow
CaseNumberRole = Qt.ItemDataRole.UserRole + 2  # the case number (str)
WarningRole = Qt.ItemDataRole.UserRole + 3  # "yellow", "red" or None (the promised date)
OverStatutoryRole = Qt.ItemDataRole.UserRole + 4  # past the statutory date (bool)

# Light backgrounds that keep black text readable; the tooltip says the same in words.
WARNING_BACKGROUNDS = {
    WARNING_YELLOW: style.DUE_SOON_FILL,
    WARNING_RED: style.OVERDUE_FILL,
}


class CaseTableModel(RowTableModel[CaseRow]):
    """Rows of :class:`CaseRow`, newest first, with more loaded on demand."""

    more_requested = Signal(int)  # the id of the last loaded row: load the rows before it

    def __init__(self, parent: QObject | None = None) -> None:
        headers = (
            pt("CaseTableModel", "办件编号"),
            t("事项"),
            t("申请人"),
            t("受理时间"),
            t("承诺到期日"),
            t("法定到期日"),
            pt("CaseTableModel", "状态"),
            pt("CaseTableModel", "窗口"),
            t("经办人"),
            t("去向"),
        )
        super().__init__(headers, parent)
        self._has_more = False
        self._fetching = False
        self._warning_tips = {
            WARNING_YELLOW: t("即将到期（黄色预警）"),
            WARNING_RED: t("已超承诺时限（红色预警）"),
        }

    # --- loading ---------------------------------------------------------------------------
    def set_rows(  # type: ignore[override]  # the base has no has_more
        self, rows: Sequence[CaseRow], *, has_more: bool
    ) -> None:
        """Replace everything (a new filter or a reload); ``has_more``: older rows are left."""
        self._has_more = has_more
        self._fetching = False
        super().set_rows(rows)

    def append_rows(self, rows: Sequence[CaseRow], *, has_more: bool) -> None:
        """Add the next page, answering :attr:`more_requested`."""
        self._fetching = False
        self._has_more = has_more
        if not rows:
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
        self._rows.extend(rows)
        self.endInsertRows()

    def fetch_failed(self) -> None:
        """The next page could not be loaded: stop asking until the next reload."""
        self._fetching = False
        self._has_more = False

    def has_more(self) -> bool:
        return self._has_more

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._has_more and not self._fetching and bool(self._rows)

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if not self.canFetchMore(parent):
            return
        self._fetching = True
        self.more_requested.emit(self._rows[-1].id)

    # --- reading ---------------------------------------------------------------------------
    def row_of_number(self, number: str) -> int | None:
        for row, case in enumerate(self._rows):
            if case.number == number:
                return row
        return None

    def cell(self, case: CaseRow, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(case, column)
        if role == Qt.ItemDataRole.BackgroundRole and case.over_statutory:
            return QBrush(style.OVER_STATUTORY_FILL)
        if role == Qt.ItemDataRole.BackgroundRole and case.warning in WARNING_BACKGROUNDS:
            return QBrush(WARNING_BACKGROUNDS[case.warning])
        if role == Qt.ItemDataRole.ForegroundRole and (
            case.over_statutory or case.warning in WARNING_BACKGROUNDS
        ):
            return QBrush(style.TEXT)
        if role == Qt.ItemDataRole.ToolTipRole:
            if case.over_statutory and column in (COL_STATUTORY_DUE, COL_STATUS, COL_NUMBER):
                return t("已超法定时限（法定办结日期已过）")
            if case.warning is not None and column in (COL_DUE, COL_STATUS, COL_NUMBER):
                return self._warning_tips.get(case.warning)
            if column == COL_ITEM:
                return case.item_name
            return None
        if role == CaseRowRole:
            return case
        if role == CaseNumberRole:
            return case.number
        if role == WarningRole:
            return case.warning
        if role == OverStatutoryRole:
            return case.over_statutory
        return None

    @staticmethod
    def _display(case: CaseRow, column: int) -> str:
        if column == COL_NUMBER:
            return case.number
        if column == COL_ITEM:
            return case.item_name
        if column == COL_APPLICANT:
            return f"{case.applicant_name} {mask_id_number(case.id_number)}"
        if column == COL_RECEIVED:
            return f"{case.received_at:%Y-%m-%d %H:%M}"
        if column == COL_DUE:
            return case.due_date.isoformat() if case.due_date else ""
        if column == COL_STATUTORY_DUE:
            return case.statutory_due_date.isoformat() if case.statutory_due_date else ""
        if column == COL_STATUS:
            return t(case.status.label)
        if column == COL_WINDOW:
            return case.window_name
        if column == COL_HOLDER:
            return case.desk_name or t(case.holder.label)  # a desk by its name
        return case.clerk_name
