"""The checklist of an item's materials at the window: received, missing, or tolerated (容缺).

A row is received (ticked), tolerated (only where the catalog allows it, with the date the
applicant promises to bring it), or missing. Receiving and tolerating exclude each other.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QDate, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush

from townclerk.enums import MaterialState
from townclerk.i18n import pt, t
from townclerk.records.cases import MaterialInput
from townclerk.records.from_rows import record_from
from townclerk.records.village_arrivals import is_power_of_attorney
from townclerk.services.catalog import MaterialDetail
from townclerk.ui import style
from townclerk.ui.qt_typed import from_qdate, to_qdate

_Index = QModelIndex | QPersistentModelIndex

COL_RECEIVED = 0
COL_REQUIRED = 1
COL_NAME = 2
COL_FORM = 3
COL_TOLERATED = 4
COL_PROMISED = 5
COLUMN_COUNT = 6

_CHECKED = Qt.CheckState.Checked.value


@dataclass(frozen=True)
class MaterialRow(MaterialDetail):
    """A material of the item with what the clerk has ticked for it."""

    state: MaterialState = MaterialState.MISSING
    promised_date: dt.date | None = None


def _check_state(value: Any) -> bool:
    """True when ``value`` (a Qt.CheckState or its int) means checked."""
    raw = value.value if isinstance(value, Qt.CheckState) else value
    return bool(raw == _CHECKED)


def _to_date(value: Any) -> dt.date | None:
    if isinstance(value, QDate):
        return from_qdate(value) if value.isValid() else None
    if isinstance(value, dt.date):
        return value
    return None


class MaterialChecklistModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[MaterialRow] = []
        self._today = dt.date.today()
        self._default_promise = self._today + dt.timedelta(days=7)
        # Someone files for the applicant (代办): the item's 授权委托书 becomes necessary.
        self._agent_filing = False

    # --- filling -----------------------------------------------------------------------------
    def set_materials(
        self,
        materials: Sequence[MaterialDetail],
        *,
        today: dt.date,
        default_promise: dt.date,
    ) -> None:
        """Show ``materials``, all missing; ``default_promise`` pre-fills a tolerated row's date."""
        self.beginResetModel()
        self._today = today
        self._default_promise = default_promise
        self._rows = [record_from(MaterialRow, m) for m in sorted(materials, key=lambda m: m.seq)]
        self.endResetModel()

    def clear(self) -> None:
        self.beginResetModel()
        self._rows = []
        self.endResetModel()

    # --- reading -----------------------------------------------------------------------------
    def rows(self) -> tuple[MaterialRow, ...]:
        return tuple(self._rows)

    def material_inputs(self) -> tuple[MaterialInput, ...]:
        """The states to register; rows left missing are simply not listed."""
        return tuple(
            MaterialInput(row.id, row.state, row.promised_date)
            for row in self._rows
            if row.state is not MaterialState.MISSING
        )

    def missing(self) -> list[MaterialRow]:
        return [row for row in self._rows if row.state is MaterialState.MISSING]

    def power_of_attorney_owed(self) -> list[str]:
        """Names of the 授权委托书 not received while someone files for the applicant."""
        return [row.name for row in self._rows if self._needed_for_agent(row)]

    def _needed_for_agent(self, row: MaterialRow) -> bool:
        return (
            self._agent_filing
            and is_power_of_attorney(row.name)
            and row.state is not MaterialState.RECEIVED
        )

    def bad_promises(self) -> list[str]:
        """Names of tolerated materials whose promised date is not after today."""
        return [
            row.name
            for row in self._rows
            if row.state is MaterialState.TOLERATED
            and (row.promised_date is None or row.promised_date <= self._today)
        ]

    # --- changing ----------------------------------------------------------------------------
    def set_state(
        self, row: int, state: MaterialState, promised_date: dt.date | None = None
    ) -> bool:
        current = self._rows[row]
        if state is MaterialState.TOLERATED:
            if not current.tolerance_allowed:
                return False
            promised_date = promised_date or current.promised_date or self._default_promise
        else:
            promised_date = None
        self._rows[row] = replace(current, state=state, promised_date=promised_date)
        self.dataChanged.emit(self.index(row, 0), self.index(row, COLUMN_COUNT - 1))
        return True

    def set_agent_filing(self, on: bool) -> None:
        """An agent files for the applicant (or not): the 授权委托书 rows say it is needed."""
        if on != self._agent_filing:
            self._agent_filing = on
            if self._rows:
                last = len(self._rows) - 1
                self.dataChanged.emit(self.index(0, 0), self.index(last, COLUMN_COUNT - 1))

    def toggle_received(self, row: int) -> None:
        received = self._rows[row].state is MaterialState.RECEIVED
        self.set_state(row, MaterialState.MISSING if received else MaterialState.RECEIVED)

    def toggle_tolerated(self, row: int) -> bool:
        """Tolerate (容缺) row ``row``, or make it missing again; False where the catalog does
        not allow 容缺 for it."""
        tolerated = self._rows[row].state is MaterialState.TOLERATED
        return self.set_state(row, MaterialState.MISSING if tolerated else MaterialState.TOLERATED)

    def receive_all(self) -> None:
        """全部收取 (Alt+A): every required material not tolerated is received. Optional ones
        (非必要, e.g. 委托书 when an agent files) stay as they are: only a tick says one was
        handed in, so the receipt never lists a paper nobody brought as received."""
        self.receive(
            row.id for row in self._rows if row.required and row.state is MaterialState.MISSING
        )

    def receive(self, material_ids: Iterable[int]) -> None:
        """Tick the materials ``material_ids`` (those of the item; others are ignored)."""
        wanted = set(material_ids)
        changed = False
        for index, row in enumerate(self._rows):
            if row.id in wanted and row.state is not MaterialState.RECEIVED:
                self._rows[index] = replace(row, state=MaterialState.RECEIVED, promised_date=None)
                changed = True
        if changed:
            last = len(self._rows) - 1
            self.dataChanged.emit(self.index(0, 0), self.index(last, COLUMN_COUNT - 1))

    # --- Qt model interface ------------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMN_COUNT

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation is Qt.Orientation.Vertical:
            if role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(self._rows):
                return str(section + 1)
            return None
        if role != Qt.ItemDataRole.DisplayRole or not 0 <= section < COLUMN_COUNT:
            return None
        return (
            t("收取"),
            t("必要"),
            pt("MaterialChecklistModel", "材料名称"),
            t("形式及份数"),
            t("容缺"),
            t("承诺补交日期"),
        )[section]

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        row = self._rows[index.row()]
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        column = index.column()
        if column == COL_RECEIVED or (column == COL_TOLERATED and row.tolerance_allowed):
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        if column == COL_PROMISED and row.state is MaterialState.TOLERATED:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.CheckStateRole:
            if column == COL_RECEIVED:
                return (
                    Qt.CheckState.Checked
                    if row.state is MaterialState.RECEIVED
                    else (Qt.CheckState.Unchecked)
                )
            if column == COL_TOLERATED and row.tolerance_allowed:
                return (
                    Qt.CheckState.Checked
                    if row.state is MaterialState.TOLERATED
                    else (Qt.CheckState.Unchecked)
                )
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == Qt.ItemDataRole.EditRole and column == COL_PROMISED:
            return to_qdate(row.promised_date) if row.promised_date else QDate()
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleDescriptionRole):
            return row.notes or None
        if role == Qt.ItemDataRole.ForegroundRole and column in (COL_REQUIRED, COL_NAME):
            if self._needed_for_agent(row):
                return QBrush(style.ERROR)
            if column == COL_REQUIRED:
                return QBrush(style.ERROR if row.required else style.MUTED)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (COL_REQUIRED, COL_PROMISED):
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def _display(self, row: MaterialRow, column: int) -> str | None:
        if column == COL_REQUIRED:
            if self._agent_filing and is_power_of_attorney(row.name):
                return t("代办必要")
            return t("必要") if row.required else t("非必要")
        if column == COL_NAME:
            return row.name
        if column == COL_FORM:
            return t("{form} {copies}份", form=t(row.form.label), copies=row.copies)
        if column == COL_TOLERATED and not row.tolerance_allowed:
            return "—"
        if column == COL_PROMISED and row.state is MaterialState.TOLERATED and row.promised_date:
            return row.promised_date.isoformat()
        return None

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or not self.flags(index) & (
            Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEditable
        ):
            return False
        row, column = index.row(), index.column()
        if role == Qt.ItemDataRole.CheckStateRole and column == COL_RECEIVED:
            state = MaterialState.RECEIVED if _check_state(value) else MaterialState.MISSING
            return self.set_state(row, state)
        if role == Qt.ItemDataRole.CheckStateRole and column == COL_TOLERATED:
            state = MaterialState.TOLERATED if _check_state(value) else MaterialState.MISSING
            return self.set_state(row, state)
        if role == Qt.ItemDataRole.EditRole and column == COL_PROMISED:
            promised = _to_date(value)
            if promised is None or promised <= self._today:
                return False
            return self.set_state(row, MaterialState.TOLERATED, promised)
        return False
