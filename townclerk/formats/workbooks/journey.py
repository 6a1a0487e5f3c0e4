"""The journey sheets of the statistics workbooks: 后台与县级流转 (per back-office desk and the
county) and 村便民服务点 (per village point)."""

from __future__ import annotations

from typing import Any

from openpyxl import Workbook

from townclerk.formats.workbooks.parts import (
    COUNT_FORMAT,
    DAYS_FORMAT,
    HEADER_ROW,
    Column,
    TitleBlock,
    begin_table,
    end_table,
    make_cell,
)
from townclerk.records.journey_statistics import JourneyReport

HOLDERS_SHEET = "后台与县级流转"
POINTS_SHEET = "村便民服务点"
_HOLDER_COLUMNS = (
    Column("办理处", 20),
    Column("接收", 9, COUNT_FORMAT),
    Column("移出", 9, COUNT_FORMAT),
    Column("期末在办", 10, COUNT_FORMAT),
    Column("平均停留工作日", 14, DAYS_FORMAT),
)
_POINT_COLUMNS = (
    Column("服务点编码", 12),
    Column("村便民服务点", 22),
    Column("预登记", 9, COUNT_FORMAT),
    Column("已交接", 9, COUNT_FORMAT),
    Column("受理", 8, COUNT_FORMAT),
    Column("一次性告知", 11, COUNT_FORMAT),
    Column("未收到", 9, COUNT_FORMAT),
    Column("待答复", 9, COUNT_FORMAT),
    Column("返还", 8, COUNT_FORMAT),
    Column("已领取", 9, COUNT_FORMAT),
    Column("平均答复工作日", 14, DAYS_FORMAT),
)


def add_journey_sheets(workbook: Workbook, report: JourneyReport, block: TitleBlock) -> None:
    holders = workbook.create_sheet(HOLDERS_SHEET)
    begin_table(holders, block, _HOLDER_COLUMNS)
    for holder in report.holders:
        _row(
            holders,
            _HOLDER_COLUMNS,
            [holder.name, holder.received, holder.handed_over, holder.waiting, holder.average_days],
        )
    end_table(holders, len(_HOLDER_COLUMNS), HEADER_ROW + len(report.holders))
    points = workbook.create_sheet(POINTS_SHEET)
    begin_table(points, block, _POINT_COLUMNS, frozen_columns=2)
    for point in report.points:
        _row(
            points,
            _POINT_COLUMNS,
            [
                point.code,
                point.name,
                point.registered,
                point.sent,
                point.accepted,
                point.notified,
                point.not_received,
                point.waiting,
                point.returned,
                point.picked_up,
                point.average_days_to_answer,
            ],
        )
    end_table(points, len(_POINT_COLUMNS), HEADER_ROW + len(report.points))


def _row(sheet: Any, columns: tuple[Column, ...], values: list[Any]) -> None:
    sheet.append(
        [
            make_cell(sheet, "—" if value is None else value, column.number_format)
            for column, value in zip(columns, values, strict=True)
        ]
    )
