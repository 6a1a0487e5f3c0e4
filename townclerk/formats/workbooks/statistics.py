"""The statistics workbooks: 日报 (one day) and 统计报表 (a week, a month, any range).

Sheets: 总览 (the period's figures, and for a range the charts), one sheet per
breakdown (按事项, 按实施部门, 按窗口, 按经办人, 按渠道, 按村（社区）, and 按日 for a
range), the journey's 后台与县级流转 and 村便民服务点, and 指标说明, which prints the
definitions table of :mod:`townclerk.records.statistics`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from openpyxl import Workbook
from openpyxl.chart import BarChart, LineChart, Reference
from openpyxl.chart.data_source import AxDataSource, StrRef

from townclerk.formats.workbooks.journey import add_journey_sheets
from townclerk.formats.workbooks.parts import (
    COUNT_FORMAT,
    DATE_FORMAT,
    DAYS_FORMAT,
    FIRST_DATA_ROW,
    HEADER_ROW,
    RATE_FORMAT,
    Column,
    TitleBlock,
    begin_table,
    end_table,
    fit_width,
    make_cell,
    style_total,
    title_block,
)
from townclerk.records.history import ChainHead
from townclerk.records.journey_statistics import JOURNEY_NOTES, JourneyReport
from townclerk.records.statistics import (
    MEASURES,
    WEEKDAYS,
    Dimension,
    Figures,
    GroupFigures,
    Measure,
    MeasureFormat,
    StatisticsReport,
)

DAILY_TITLE = "办件统计日报"
RANGE_TITLE = "办件统计报表"
OVERVIEW_SHEET = "总览"
NOTES_SHEET = "指标说明"
SHEET_NAMES = {
    Dimension.ITEM: "按事项",
    Dimension.DEPARTMENT: "按实施部门",
    Dimension.WINDOW: "按窗口",
    Dimension.CLERK: "按经办人",
    Dimension.CHANNEL: "按渠道",
    Dimension.VILLAGE: "按村（社区）",
    Dimension.DAY: "按日",
}
DAILY_DIMENSIONS = (
    Dimension.ITEM,
    Dimension.DEPARTMENT,
    Dimension.WINDOW,
    Dimension.CLERK,
    Dimension.CHANNEL,
    Dimension.VILLAGE,
)
RANGE_DIMENSIONS = (*DAILY_DIMENSIONS, Dimension.DAY)
TOP_ITEMS = 10
MEASURE_WIDTH = 11.0  # headers wrap onto two lines
GENERAL_NOTES = (
    "合计行为整个统计期的数字：受理、办结、评价等为期内合计，在办、在办超期为统计期末的数。",
    "工作日按国家法定节假日和调休安排计算（含管理员的调整），周末调休上班日计为工作日；"
    "尚未公布放假安排的年份，按《全国年节及纪念日放假办法》计入法定节假日，调休待公布后录入。",
    "承诺办结日期自受理次日起按工作日计算，补正、特别程序期间不计入。",
    "好评率、差评数按 GB/T 39734《政务服务评价工作指南》的五级评价计算；按时办结率只计承诺件，"
    "即办件当场办结，另列件数。",
    "“—”表示没有可计算的数（如没有承诺件办结时的承诺件按时办结率）。",
)
_FORMATS = {
    MeasureFormat.COUNT: COUNT_FORMAT,
    MeasureFormat.RATE: RATE_FORMAT,
    MeasureFormat.DAYS: DAYS_FORMAT,
}


def _block(report: StatisticsReport, title: str, history: Sequence[ChainHead]) -> TitleBlock:
    extra = f"在办、在办超期截至：{report.open_as_of}"
    if history:
        extra += f"　　{history_line(history)}"
    return title_block(
        f"{report.center_name}{title}",
        report.period.label(),
        report.filter_label,
        report.generated_at,
        report.generated_by,
        extra,
    )


_CHAIN_NAMES = {"case_events": "办件历史", "audit_log": "审计日志"}
HISTORY_NOTE = (
    "历史链头：生成本表时办件历史和审计日志的记录条数及末条记录哈希的前16位。"
    "纸质存档可与 townclerk audit verify 的输出核对：记录只增不改，条数只会增加，"
    "当日打印的链头此后应仍能在链中找到。"
)


def history_line(history: Sequence[ChainHead]) -> str:
    """The chain heads as printed on the daily report (the paper anchor of the history)."""
    parts = [
        f"{_CHAIN_NAMES.get(head.table, head.table)}{head.count}条 {head.short_hash}"
        for head in history
    ]
    return "历史链头：" + "，".join(parts)


def _measure_cell(sheet: Any, figures: Figures, measure: Measure) -> Any:
    return make_cell(sheet, figures.value(measure), _FORMATS[measure.format])


def build_statistics_workbook(
    report: StatisticsReport,
    *,
    daily: bool,
    history: Sequence[ChainHead] = (),
    journey: JourneyReport | None = None,
) -> Workbook:
    """The 日报 (``daily``) or the 统计报表 of ``report``; ``history``, the chain heads, is
    printed in every sheet's title block (the 日报 gets them); ``journey`` adds the sheets of
    the back office, the county and the village points."""
    title = DAILY_TITLE if daily else RANGE_TITLE
    block = _block(report, title, history)
    workbook = Workbook()
    overview = workbook.active
    overview.title = OVERVIEW_SHEET
    _write_overview(overview, report, block)
    dimensions = DAILY_DIMENSIONS if daily else RANGE_DIMENSIONS
    for dimension in dimensions:
        if dimension in report.breakdowns:
            sheet = workbook.create_sheet(SHEET_NAMES[dimension])
            _write_breakdown(sheet, report, dimension, block)
    notes = (*GENERAL_NOTES, HISTORY_NOTE) if history else GENERAL_NOTES
    if journey is not None:
        add_journey_sheets(workbook, journey, block)
        notes = (*notes, *JOURNEY_NOTES)
    write_notes_sheet(workbook.create_sheet(NOTES_SHEET), block, notes)
    if not daily:
        _add_charts(workbook, report)
    return workbook


def _write_overview(sheet: Any, report: StatisticsReport, block: TitleBlock) -> None:
    columns = (Column("指标", 24), Column("数值", 12), Column("计数口径", 60))
    begin_table(sheet, block, columns)
    for measure in MEASURES:
        sheet.append(
            [
                make_cell(sheet, measure.label),
                _measure_cell(sheet, report.totals, measure),
                make_cell(sheet, measure.counted_by),
            ]
        )
    end_table(sheet, len(columns), HEADER_ROW + len(MEASURES))


def _key_columns(
    dimension: Dimension, rows: Sequence[GroupFigures]
) -> list[tuple[Column, list[Any]]]:
    """The leading columns that name each group, with their values."""
    if dimension is Dimension.ITEM:
        return [
            (Column("事项编码", 0), [row.code for row in rows]),
            (Column("事项名称", 0), [row.label for row in rows]),
        ]
    if dimension is Dimension.DAY:
        return [
            (Column("日期", 12, DATE_FORMAT), [row.key for row in rows]),
            (Column("星期", 8), [_weekday(row.key) for row in rows]),
        ]
    return [(Column(dimension.label, 0), [row.label for row in rows])]


def _weekday(key: object) -> str:
    return WEEKDAYS[key.weekday()] if isinstance(key, dt.date) else ""


def _write_breakdown(
    sheet: Any, report: StatisticsReport, dimension: Dimension, block: TitleBlock
) -> None:
    rows = report.breakdowns[dimension]
    keys = _key_columns(dimension, rows)
    measures = [Column(measure.label, 0, _FORMATS[measure.format]) for measure in MEASURES]
    columns = [column for column, _ in keys] + measures
    widths = [column.width or fit_width([*values, "合计"], 10) for column, values in keys] + [
        MEASURE_WIDTH
    ] * len(measures)
    begin_table(sheet, block, columns, widths, frozen_columns=len(keys))
    for index, group in enumerate(rows):
        cells = [make_cell(sheet, values[index], column.number_format) for column, values in keys]
        cells += [_measure_cell(sheet, group.figures, measure) for measure in MEASURES]
        sheet.append(cells)
    total = [make_cell(sheet, "合计")] + [make_cell(sheet, "") for _ in keys[1:]]
    total += [_measure_cell(sheet, report.totals, measure) for measure in MEASURES]
    for cell in total:
        style_total(cell)
    sheet.append(total)
    end_table(sheet, len(columns), HEADER_ROW + len(rows))


def write_notes_sheet(sheet: Any, block: TitleBlock, notes: Sequence[str]) -> None:
    """The definitions table and the workbook's own notes (normal or write-only sheet)."""
    columns = (Column("指标", 22), Column("定义", 70), Column("计数口径", 44))
    begin_table(sheet, block, columns)
    for measure in MEASURES:
        sheet.append(
            [
                make_cell(sheet, measure.label),
                make_cell(sheet, measure.definition),
                make_cell(sheet, measure.counted_by),
            ]
        )
    end_table(sheet, len(columns), HEADER_ROW + len(MEASURES))
    sheet.append([])
    for note in notes:
        sheet.append([make_cell(sheet, "说明"), make_cell(sheet, note)])


def _add_charts(workbook: Workbook, report: StatisticsReport) -> None:
    """Top items by 受理量 (bar) and the daily 受理量, 办结量 and 在办 (line) on the overview."""
    overview = workbook[OVERVIEW_SHEET]
    items = report.breakdowns.get(Dimension.ITEM, ())
    top = min(TOP_ITEMS, sum(1 for row in items if row.figures.accepted))
    if top:
        sheet = workbook[SHEET_NAMES[Dimension.ITEM]]
        offset = 2  # 事项编码, 事项名称
        bar = BarChart()
        bar.type = "bar"
        bar.title = f"受理量前{top}位的事项"
        bar.y_axis.title = "件"
        bar.y_axis.scaling.min = 0  # bars start at zero, whatever the spreadsheet would guess
        for field in ("accepted", "completed"):
            column = offset + _measure_column(field)
            bar.add_data(
                Reference(sheet, min_col=column, min_row=HEADER_ROW, max_row=HEADER_ROW + top),
                titles_from_data=True,
            )
        names = Reference(sheet, min_col=2, min_row=FIRST_DATA_ROW, max_row=HEADER_ROW + top)
        for series in bar.series:  # text categories: a string reference, not a number one
            series.cat = AxDataSource(strRef=StrRef(f=str(names)))
        bar.x_axis.scaling.orientation = "maxMin"  # the biggest at the top
        bar.height, bar.width = 9 + top * 0.4, 18
        overview.add_chart(bar, "E4")
    days = report.breakdowns.get(Dimension.DAY, ())
    if days:
        sheet = workbook[SHEET_NAMES[Dimension.DAY]]
        offset = 2  # 日期, 星期
        line = LineChart()
        line.title = "每日受理量、办结量和在办件数"
        line.y_axis.title = "件"
        line.y_axis.scaling.min = 0
        for field in ("accepted", "completed", "open"):
            column = offset + _measure_column(field)
            line.add_data(
                Reference(
                    sheet,
                    min_col=column,
                    min_row=HEADER_ROW,
                    max_row=HEADER_ROW + len(days),
                ),
                titles_from_data=True,
            )
        line.set_categories(
            Reference(sheet, min_col=1, min_row=FIRST_DATA_ROW, max_row=HEADER_ROW + len(days))
        )
        line.x_axis.number_format = "mm-dd"
        line.height, line.width = 9, 18
        overview.add_chart(line, "E28" if top else "E4")


def _measure_column(field: str) -> int:
    """1-based position of a measure among the measure columns."""
    for index, measure in enumerate(MEASURES, start=1):
        if measure.field == field:
            return index
    raise KeyError(field)
