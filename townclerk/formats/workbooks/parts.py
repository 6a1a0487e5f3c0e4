"""What every report workbook shares: the title block, the header row, number formats, cell
text that can never turn into a formula, and print set-up (saving them:
:mod:`townclerk.formats.output_files`).

Layout of every sheet: rows 1-3 are the title block (title; period and filters; generated at
and by), row 4 is the header, data starts on row 5 and a totals row closes the table.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ERROR_CODES, ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

HEADER_ROW = 4
FIRST_DATA_ROW = 5

COUNT_FORMAT = "#,##0"
RATE_FORMAT = "0.0%"
DAYS_FORMAT = "0.0"
DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
NO_VALUE = "—"

FONT_NAME = "Calibri"  # the workbook default: a font without a name prints in a serif face
TITLE_FONT = Font(name=FONT_NAME, bold=True, size=16)
INFO_FONT = Font(name=FONT_NAME, size=10, color="404040")
HEADER_FONT = Font(name=FONT_NAME, bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="1F4E79")
TOTAL_FONT = Font(name=FONT_NAME, bold=True)
TOTAL_FILL = PatternFill("solid", fgColor="D9E2F3")
RED_FILL = PatternFill("solid", fgColor="FDE2E1")
YELLOW_FILL = PatternFill("solid", fgColor="FFF4CE")
_THIN = Side(style="thin", color="9E9E9E")
BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
HEADER_ALIGNMENT = Alignment(horizontal="center", vertical="center", wrap_text=True)
CENTER = Alignment(horizontal="center")

# A text cell starting with one of these is a formula (or a DDE payload) to Excel and LibreOffice.
FORMULA_TRIGGERS = ("=", "+", "-", "@")
MIN_WIDTH = 6.0
MAX_WIDTH = 48.0


@dataclass(frozen=True)
class Column:
    header: str
    width: float
    number_format: str | None = None


def clean_text(value: str) -> str:
    """Drop the control characters an xlsx file cannot hold (pasted text sometimes has them)."""
    if value.isprintable():  # the common case, checked in C
        return value
    cleaned: str = ILLEGAL_CHARACTERS_RE.sub("", value)
    return cleaned


def needs_text_type(value: str) -> bool:
    """Would Excel read this text as a formula or an error code rather than as text?"""
    return value.startswith(FORMULA_TRIGGERS) or value in ERROR_CODES


def set_text(cell: Cell, value: str) -> None:
    """Store ``value`` as text, never as a formula, whatever it begins with.

    openpyxl turns a string beginning with "=" into a formula; the cell type is set back to a
    string, and the quote prefix keeps Excel from re-reading it as a formula when edited.
    """
    cell.value = clean_text(value)
    if needs_text_type(value):
        cell.data_type = "s"
        cell.quotePrefix = True


def display_width(value: object) -> float:
    """Approximate column width of a value: CJK characters take two columns."""
    if isinstance(value, dt.datetime):
        return 16
    if isinstance(value, dt.date):
        return 10
    text = str(value)
    return sum(2 if ord(char) > 0x2E7F else 1 for char in text) * 1.1


def fit_width(values: Sequence[object], minimum: float = MIN_WIDTH) -> float:
    widest = max((display_width(value) for value in values if value is not None), default=0)
    return max(minimum, min(MAX_WIDTH, widest + 2))


@dataclass(frozen=True)
class TitleBlock:
    title: str
    lines: tuple[str, str]


def title_block(
    title: str,
    period_label: str,
    filter_label: str,
    generated_at: dt.datetime,
    generated_by: str,
    extra: str = "",
) -> TitleBlock:
    second = f"统计期间：{period_label}　　范围：{filter_label}"
    third = f"生成时间：{generated_at:%Y-%m-%d %H:%M:%S}　　生成人：{generated_by}"
    if extra:
        third += f"　　{extra}"
    return TitleBlock(title, (second, third))


def make_cell(
    sheet: Any,
    value: Any,
    number_format: str | None = None,
    *,
    font: Font | None = None,
    fill: PatternFill | None = None,
) -> Cell:
    """A cell to append to ``sheet`` (normal or write-only), text always stored as text."""
    result = fill_cell(WriteOnlyCell(sheet), value, number_format)
    if font is not None:
        result.font = font
    if fill is not None:
        result.fill = fill
    return result


def fill_cell(result: Cell, value: Any, number_format: str | None = None) -> Cell:
    """Give ``result`` its value: text always as text, no value as a centred dash."""
    if isinstance(value, str):
        set_text(result, value)
    elif value is None:
        set_text(result, NO_VALUE)
        result.alignment = CENTER
    else:
        result.value = value
    if number_format is not None and value is not None:
        result.number_format = number_format
    return result


def begin_table(
    sheet: Any,
    block: TitleBlock,
    columns: Sequence[Column],
    widths: Sequence[float] | None = None,
    frozen_columns: int = 1,
) -> None:
    """Set up ``sheet`` and write the title block and the header row.

    Everything a write-only sheet writes before its rows is set here, before the first row:
    column widths, frozen panes (below the header, right of the key columns) and the print
    set-up (A4 landscape, one page wide, the header row repeated on every page).
    """
    for index, width in enumerate(widths or [column.width for column in columns], start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = f"{get_column_letter(frozen_columns + 1)}{FIRST_DATA_ROW}"
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = 9  # A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_options.horizontalCentered = True
    sheet.page_margins.left = sheet.page_margins.right = 0.4
    sheet.oddFooter.center.text = "第 &P 页，共 &N 页"
    sheet.row_dimensions[1].height = 24
    sheet.row_dimensions[HEADER_ROW].height = 32
    width = len(columns)
    for row, (text, font) in enumerate(
        ((block.title, TITLE_FONT), (block.lines[0], INFO_FONT), (block.lines[1], INFO_FONT)),
        start=1,
    ):
        sheet.append([make_cell(sheet, text, font=font)])
        if width > 1:
            sheet.merged_cells.add(f"A{row}:{get_column_letter(width)}{row}")
    header = []
    for column in columns:
        cell = make_cell(sheet, column.header, font=HEADER_FONT, fill=HEADER_FILL)
        cell.alignment = HEADER_ALIGNMENT
        cell.border = BORDER
        header.append(cell)
    sheet.append(header)


def end_table(sheet: Any, columns: int, last_data_row: int) -> None:
    """The auto-filter over the header and data rows (the totals row stays outside it)."""
    last_column = get_column_letter(columns)
    sheet.auto_filter.ref = f"A{HEADER_ROW}:{last_column}{max(last_data_row, HEADER_ROW)}"


def style_total(cell: Cell) -> None:
    cell.font = TOTAL_FONT
    cell.fill = TOTAL_FILL
    cell.border = BORDER
