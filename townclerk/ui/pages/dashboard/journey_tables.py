"""Today's journey on the dashboard: the back-office desks and the county (received, handed on,
waiting, days held) and the village points (pre-registrations and what became of them), as Qt
table models of the records the page loads off the UI thread."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Qt

from townclerk.i18n import t
from townclerk.records.journey_statistics import HolderFigures, VillagePointFigures
from townclerk.ui.models.row_table import RowTableModel


def _number(value: float | int | None) -> str:
    return "—" if value is None else f"{value:g}"


def _aligned(column: int, role: int) -> Any:
    if role == Qt.ItemDataRole.TextAlignmentRole and column > 0:
        return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return None


class HolderFiguresModel(RowTableModel[HolderFigures]):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(
            (t("办理处"), t("接收"), t("移出"), t("在办"), t("平均停留工作日")), parent
        )

    def cell(self, record: HolderFigures, column: int, role: int, /) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            values = (
                record.name,
                record.received,
                record.handed_over,
                record.waiting,
                record.average_days,
            )
            value = values[column]
            return value if column == 0 else _number(value)  # type: ignore[arg-type]
        return _aligned(column, role)


class VillagePointFiguresModel(RowTableModel[VillagePointFigures]):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(
            (t("村便民服务点"), t("预登记"), t("受理"), t("一次性告知"), t("待答复"), t("返还")),
            parent,
        )

    def cell(self, record: VillagePointFigures, column: int, role: int, /) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return record.name
            values = (
                record.registered,
                record.accepted,
                record.notified,
                record.waiting,
                record.returned,
            )
            return _number(values[column - 1])
        return _aligned(column, role)
