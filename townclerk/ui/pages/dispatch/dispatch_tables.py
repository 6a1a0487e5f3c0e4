"""The 出件 page's two tables: results waiting at the window (待出件), and the 初审转报 cases
waiting to be sent or away at the county (在县级)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush

from townclerk.i18n import t
from townclerk.records.dispatch import CountyRow, ToDeliverRow
from townclerk.ui import style
from townclerk.ui.models.row_table import RowTableModel


def _day(day: dt.date | None) -> str:
    return day.isoformat() if day is not None else ""


class ToDeliverModel(RowTableModel[ToDeliverRow]):
    def __init__(self) -> None:
        super().__init__(
            (
                t("办件编号"),
                t("申请人"),
                t("事项名称"),
                t("决定"),
                t("办理结果"),
                t("办结时间"),
                t("决定机关"),
            )
        )

    def cell(self, record: ToDeliverRow, column: int, role: int, /) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if column == 0:
            return record.number
        if column == 1:
            return record.applicant_name
        if column == 2:
            return record.item_name
        if column == 3:
            return t(record.decision.label) if record.decision else ""
        if column == 4:
            return record.result_text
        if column == 5:
            return f"{record.completed_at:%Y-%m-%d %H:%M}"
        return record.county_body or record.issuing_body


class CountyModel(RowTableModel[CountyRow]):
    def __init__(self) -> None:
        super().__init__(
            (
                t("办件编号"),
                t("申请人"),
                t("事项名称"),
                t("状态"),
                t("县级部门"),
                t("转报日期"),
                t("在县级（工作日）"),
                t("初审时限"),
                t("承诺办结日期"),
            )
        )

    def cell(self, record: CountyRow, column: int, role: int, /) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and column == 7 and record.review_late:
            return QBrush(style.ERROR)
        if role == Qt.ItemDataRole.ToolTipRole and column == 7 and record.review_late:
            return t("初审超过时限：转报晚于初审时限，或至今未转报")
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        values = (
            record.number,
            record.applicant_name,
            record.item_name,
            t("在县级") if record.at_county else t("待转报"),
            record.county_body or "",
            _day(record.sent_on),
            str(record.days_away) if record.days_away is not None else "",
            _day(record.review_due_date),
            _day(record.due_date),
        )
        return values[column]
