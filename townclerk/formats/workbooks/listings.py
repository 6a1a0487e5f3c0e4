"""The case-by-case workbooks: 办件台账 (the ledger, its rows streamed through a temporary file,
so 30,000 or 300,000 cases never sit in memory) and 超期预警清单 (deadline warnings)."""

from __future__ import annotations

import io
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import IO, Any

from openpyxl import Workbook

from townclerk.enums import OPEN_STATUSES
from townclerk.formats.workbooks.parts import (
    DATE_FORMAT,
    DAYS_FORMAT,
    HEADER_ROW,
    RED_FILL,
    YELLOW_FILL,
    Column,
    TitleBlock,
    begin_table,
    end_table,
    fill_cell,
    make_cell,
    style_total,
    title_block,
)
from townclerk.formats.workbooks.sheet_rows import RowStyles, RowWriter, splice_rows
from townclerk.formats.workbooks.statistics import write_notes_sheet
from townclerk.records.cases import WARNING_RED
from townclerk.records.listings import (
    LedgerRow,
    Listing,
    ListingHeader,
    ToleranceRow,
    WarningListing,
)

LEDGER_SHEET = "办件台账"
WARNINGS_SHEET = "超期预警清单"
TOLERANCE_SHEET = "容缺逾期"
NOTES_SHEET = "说明"
PROGRESS_EVERY = 1000

LEDGER_COLUMNS = (
    Column("序号", 7),
    Column("办件编号", 24),
    Column("登记时间", 18),
    Column("事项编码", 30),
    Column("事项名称", 32),
    Column("实施部门", 24),
    Column("办件类型", 9),
    Column("渠道", 8),
    Column("申请人", 14),
    Column("证件类型", 12),
    Column("证件号码", 21),
    Column("联系电话", 14),
    Column("代办人", 10),
    Column("代办人证件号码", 21),
    Column("代办人电话", 14),
    Column("村（社区）", 12),
    Column("窗口", 14),
    Column("经办人", 10),
    Column("状态", 12),
    Column("承诺办结日期", 13),
    Column("办结时间", 18),
    Column("办理决定", 9),
    Column("办理结果", 24),
    Column("用时（工作日）", 9),
    Column("是否按时", 9),
    Column("评价", 11),
    Column("告知或不予受理理由", 30),
    Column("备注", 24),
)
WARNING_COLUMNS = (
    Column("预警", 10),
    Column("办件编号", 24),
    Column("事项名称", 32),
    Column("实施部门", 24),
    Column("申请人", 14),
    Column("联系电话", 14),
    Column("代办人", 10),
    Column("代办人电话", 14),
    Column("受理日期", 12, DATE_FORMAT),
    Column("承诺办结日期", 13, DATE_FORMAT),
    Column("超期或剩余", 14),
    Column("状态", 12),
    Column("窗口", 14),
    Column("经办人", 10),
    Column("法定办结日期", 13, DATE_FORMAT),
    Column("超法定时限", 14),
)
TOLERANCE_COLUMNS = (
    Column("序号", 7),
    Column("办件编号", 24),
    Column("事项名称", 32),
    Column("申请人", 14),
    Column("联系电话", 14),
    Column("代办人", 10),
    Column("代办人电话", 14),
    Column("容缺材料", 30),
    Column("承诺补交日期", 13, DATE_FORMAT),
    Column("逾期", 14),
    Column("状态", 12),
    Column("窗口", 14),
    Column("经办人", 10),
)
MASKED_NOTE = (
    "证件号码和联系电话已按规定遮蔽：居民身份证号码保留前6位和后4位，手机号码显示为138****5678；"
    "统一社会信用代码是公开信息，不遮蔽。"
)
FULL_NOTE = "本表含完整的证件号码和联系电话，导出已记入审计日志。请妥善保管，用后删除，不得外传。"
LEDGER_NOTES = (
    "每行一件：登记日期在统计期内的全部办件，含一次性告知、不予受理和撤回的。",
    "用时：受理次日起至办结之日的工作日数，不含补正、特别程序期间；是否按时：办结日期不晚于"
    "承诺办结日期。",
    "合计行：件数，在办、办结、按时、超期和评价的件数，用时为办结件的平均用时。",
)
WARNING_NOTES = (
    "已超期：在办且承诺办结日期早于今天；即将到期：承诺办结日期在今天至预警天数（工作日）之内。",
    "补正、特别程序中且暂停始于到期日之前的办件，到期日随暂停顺延，不列入本表。",
    "超期或剩余：已超期的为超过承诺办结日期的工作日数，即将到期的为距承诺办结日期的工作日数。",
    "容缺逾期：容缺受理的材料过了申请人承诺的补交日期仍未补交的（办件在办或已办结未送达），"
    "每种材料一行；逾期为超过承诺补交日期的工作日数。",
    "超法定时限：在办且法定办结日期（法定办结时限加经批准的延期，补正、特别程序期间顺延）"
    "早于今天的，为超过的工作日数；补正、特别程序中的不计。",
)


def _block(header: ListingHeader) -> TitleBlock:
    extra = "含完整个人信息（已审计）" if header.full_personal_data else "个人信息已遮蔽"
    return title_block(
        f"{header.center_name}{header.title}",
        header.period_label,
        header.filter_label,
        header.generated_at,
        header.generated_by,
        extra,
    )


def _label(value: Any) -> str:
    return "" if value is None else str(value.label)


def ledger_values(index: int, case: LedgerRow) -> list[Any]:
    """The cells of one ledger row, in the order of LEDGER_COLUMNS, as plain values."""
    return [
        index,
        case.number,
        case.received_at,
        case.item_code,
        case.item_name,
        case.department,
        case.case_kind.label,
        case.channel.label,
        case.applicant_name,
        case.id_type.label,
        case.id_number,
        case.phone,
        case.agent_name,
        case.agent_id_number,
        case.agent_phone,
        case.village_name,
        case.window_name,
        case.clerk_name,
        case.status.label,
        case.due_date,
        case.completed_at,
        _label(case.decision),
        case.result_text,
        case.days_used,
        "" if case.on_time is None else ("是" if case.on_time else "否"),
        _label(case.evaluation),
        case.reason,
        case.note,
    ]


@dataclass
class LedgerTotals:
    """The ledger's totals row, counted as the cases stream past."""

    count: int = 0
    open: int = 0
    completed: int = 0
    on_time: int = 0
    late: int = 0
    evaluated: int = 0
    days_used: int = 0

    def add(self, case: LedgerRow) -> None:
        self.count += 1
        if case.status in OPEN_STATUSES:
            self.open += 1
        if case.completed_at is not None:
            self.completed += 1
            self.days_used += case.days_used or 0
            if case.on_time:
                self.on_time += 1
            else:
                self.late += 1
        if case.evaluation is not None:
            self.evaluated += 1

    def cells(self) -> dict[str, tuple[Any, str | None]]:
        """{column header: (value, number format)}; other columns of the row stay empty."""
        average = self.days_used / self.completed if self.completed else None
        return {
            "序号": ("合计", None),
            "办件编号": (f"共{self.count}件", None),
            "状态": (f"在办{self.open}件", None),
            "办结时间": (f"办结{self.completed}件", None),
            "用时（工作日）": (average, DAYS_FORMAT),
            "是否按时": (f"按时{self.on_time}件，超期{self.late}件", None),
            "评价": (f"评价{self.evaluated}件", None),
        }


def write_ledger(
    stream: IO[bytes],
    listing: Listing[LedgerRow],
    progress: Callable[[int], None] | None = None,
) -> int:
    """Stream the ledger into ``stream``; return the number of cases written.

    openpyxl builds the workbook around the cases (title block, header, totals row, layout, the
    notes sheet); the cases' rows go as text to a temporary file on the way and are spliced in
    at the end (see sheet_rows), so 30,000 or 300,000 cases never sit in memory.
    """
    columns = LEDGER_COLUMNS
    workbook, sheet, block = _listing_sheet(listing.header, LEDGER_SHEET, columns)
    totals = LedgerTotals()
    with tempfile.TemporaryFile() as rows:
        writer = RowWriter(rows, RowStyles.register(sheet), len(columns))
        for case in listing:
            totals.add(case)
            writer.write(HEADER_ROW + totals.count, ledger_values(totals.count, case))
            if progress is not None and totals.count % PROGRESS_EVERY == 0:
                progress(totals.count)
        total_row = HEADER_ROW + totals.count + 1
        total_cells = totals.cells()
        for index, column in enumerate(columns, start=1):
            value, number_format = total_cells.get(column.header, ("", None))
            style_total(fill_cell(sheet.cell(row=total_row, column=index), value, number_format))
        end_table(sheet, len(columns), HEADER_ROW + totals.count)
        _notes(workbook.create_sheet(NOTES_SHEET), block, listing.header, LEDGER_NOTES)
        package = io.BytesIO()
        workbook.save(package)
        splice_rows(package, sheet.path.lstrip("/"), total_row, rows, stream)
    if progress is not None:
        progress(totals.count)
    return totals.count


def _listing_sheet(
    header: ListingHeader, title: str, columns: Sequence[Column]
) -> tuple[Workbook, Any, TitleBlock]:
    """A workbook whose first sheet, ``title``, has the listing's title block and column header
    (the case number frozen beside the first column)."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title
    block = _block(header)
    begin_table(sheet, block, columns, frozen_columns=2)
    return workbook, sheet, block


def _notes(sheet: Any, block: TitleBlock, header: ListingHeader, notes: tuple[str, ...]) -> None:
    privacy = FULL_NOTE if header.full_personal_data else MASKED_NOTE
    write_notes_sheet(sheet, block, (privacy, *notes))


def build_warnings_workbook(listing: WarningListing) -> tuple[Workbook, int]:
    """The deadline warnings: overdue cases first (red), then those due soon (yellow); then
    the sheet of 容缺 materials overdue."""
    columns = WARNING_COLUMNS
    workbook, sheet, block = _listing_sheet(listing.header, WARNINGS_SHEET, columns)
    red = yellow = over_statutory = 0
    for case in listing:
        overdue = case.level == WARNING_RED
        red += overdue
        yellow += not overdue
        fill = RED_FILL if overdue else YELLOW_FILL
        days = f"{'超期' if overdue else '剩余'}{case.working_days}个工作日"
        values: list[Any] = [
            "已超期" if overdue else "即将到期",
            case.number,
            case.item_name,
            case.department,
            case.applicant_name,
            case.phone,
            case.agent_name,
            case.agent_phone,
            case.received_on,
            case.due_date,
            days,
            case.status.label,
            case.window_name,
            case.clerk_name,
            case.statutory_due_date,
            "" if case.over_statutory_days is None else f"超{case.over_statutory_days}个工作日",
        ]
        over_statutory += case.over_statutory_days is not None
        cells = [
            make_cell(sheet, value, column.number_format)
            for value, column in zip(values, columns, strict=True)
        ]
        cells[0].fill = fill
        if case.over_statutory_days is not None:
            cells[-1].fill = RED_FILL
        sheet.append(cells)
    count = red + yellow
    total = [make_cell(sheet, "合计"), make_cell(sheet, f"已超期{red}件，即将到期{yellow}件")]
    total += [make_cell(sheet, "") for _ in columns[2:-1]]
    total.append(make_cell(sheet, f"超法定时限{over_statutory}件"))
    for cell in total:
        style_total(cell)
    sheet.append(total)
    end_table(sheet, len(columns), HEADER_ROW + count)
    _tolerance_sheet(workbook, listing.header, listing.tolerances)
    _notes(workbook.create_sheet(NOTES_SHEET), block, listing.header, WARNING_NOTES)
    return workbook, count


def _tolerance_sheet(
    workbook: Workbook, header: ListingHeader, rows: Sequence[ToleranceRow]
) -> None:
    """容缺逾期: one row per tolerated material owed past its promised date."""
    columns = TOLERANCE_COLUMNS
    sheet = workbook.create_sheet(TOLERANCE_SHEET)
    begin_table(sheet, _block(header), columns, frozen_columns=2)
    for index, row in enumerate(rows, start=1):
        values: list[Any] = [
            index,
            row.number,
            row.item_name,
            row.applicant_name,
            row.phone,
            row.agent_name,
            row.agent_phone,
            row.material_name,
            row.promised_date,
            f"逾期{row.working_days}个工作日",
            row.status.label,
            row.window_name,
            row.clerk_name,
        ]
        cells = [
            make_cell(sheet, value, column.number_format)
            for value, column in zip(values, columns, strict=True)
        ]
        cells[0].fill = RED_FILL
        sheet.append(cells)
    cases = len({row.number for row in rows})
    total = [make_cell(sheet, "合计"), make_cell(sheet, f"{cases}件，材料{len(rows)}份")]
    total += [make_cell(sheet, "") for _ in columns[2:]]
    for cell in total:
        style_total(cell)
    sheet.append(total)
    end_table(sheet, len(columns), HEADER_ROW + len(rows))
