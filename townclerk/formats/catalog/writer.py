"""Writing catalog workbooks: the blank template, the export of the active catalog (the same
shape, so exporting and re-importing changes nothing), and the problems found in an import.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from townclerk.formats.catalog.shape import (
    ITEM_COLUMNS,
    ITEMS_SHEET,
    MATERIAL_COLUMNS,
    MATERIALS_SHEET,
    MAX_ITEM_ROWS,
    MAX_MATERIAL_ROWS,
    NOTES_SHEET,
    CatalogItem,
    Column,
    Problem,
    Severity,
)
from townclerk.formats.catalog.values import join_aliases, join_lists
from townclerk.formats.output_files import atomic_output
from townclerk.formats.workbooks.parts import (
    BORDER,
    HEADER_ALIGNMENT,
    RED_FILL,
    YELLOW_FILL,
    save_workbook,
    set_text,
)

_HEADER_FONT = Font(bold=True, color="FFFFFF")
_REQUIRED_FILL = PatternFill("solid", fgColor="B71C1C")
_OPTIONAL_FILL = PatternFill("solid", fgColor="1F4E79")
_NOTE_HEADER_FILL = PatternFill("solid", fgColor="D9E2F3")
_WRAP = Alignment(vertical="top", wrap_text=True)
_TEXT_FORMAT = "@"

TEMPLATE_NOTES = (
    "事项目录导入模板。请在“事项”表中每行填写一个事项，在“申请材料”表中每行填写一项材料。",
    "带 * 的列为必填。列的顺序可以调整，多余的列（如序号、联系电话）导入时会被忽略。",
    "导入前会先预览：列出新增、变更和将撤销的事项；文件中没有的现有事项将被撤销（不会删除，"
    "在办的办件不受影响）。",
)


def _save(workbook: Workbook, path: Path) -> None:
    """Every text cell as text, then saved whole or not at all (see output_files)."""
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str):
                    # an item named "=cmd|' /C calc'!A0" stays a name, never a formula
                    set_text(cell, cell.value)
    with atomic_output(path, ".xlsx") as stream:
        save_workbook(workbook, stream)


def _header_row(sheet: Worksheet, columns: Sequence[Column], row: int = 1) -> None:
    for index, column in enumerate(columns, start=1):
        cell = sheet.cell(row=row, column=index, value=column.title)
        cell.font = _HEADER_FONT
        cell.fill = _REQUIRED_FILL if column.required else _OPTIONAL_FILL
        cell.alignment = HEADER_ALIGNMENT
        cell.border = BORDER
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = column.width
        if column.key == "code":
            # Long codes typed into a General column become 3.20324E+17 and lose digits.
            sheet.column_dimensions[letter].number_format = _TEXT_FORMAT
    sheet.row_dimensions[row].height = 30
    sheet.freeze_panes = sheet.cell(row=row + 1, column=1)
    sheet.auto_filter.ref = f"A{row}:{get_column_letter(len(columns))}{row}"


def _drop_downs(sheet: Worksheet, columns: Sequence[Column], last_row: int) -> None:
    for index, column in enumerate(columns, start=1):
        if not column.choices:
            continue
        validation = DataValidation(
            type="list",
            formula1='"' + ",".join(column.choices) + '"',
            allow_blank=True,
            showErrorMessage=True,
            # 事项类型 also accepts the abbreviations (许可, 备案…): warn rather than forbid.
            errorStyle="warning" if column.key == "category" else "stop",
            errorTitle=column.header,
            error="请从下拉列表中选择：" + "、".join(column.choices),
        )
        letter = get_column_letter(index)
        validation.add(f"{letter}2:{letter}{last_row}")
        sheet.add_data_validation(validation)


def _item_values(item: CatalogItem) -> list[object]:
    values: dict[str, object] = {
        "code": item.code,
        "name": item.name,
        "aliases": join_aliases(item.aliases),
        "category": item.category.label,
        "power_source": item.power_source.label if item.power_source else None,
        "department": item.department,
        "issuing_body": item.issuing_body,
        "level": item.level.label,
        "case_kind": item.case_kind.label,
        "statutory_days": item.statutory_days,
        "promised_days": item.promised_days,
        "charges_fee": "是" if item.charges_fee else "否",
        "fee_standard": item.fee_standard,
        "legal_basis": item.legal_basis,
        "conditions": item.conditions,
        "place": item.place,
        "result": item.result,
        "window_name": item.window_name,
        "routing": item.routing.label if item.routing else None,
        "review_days": item.review_days,
        "lists": join_lists(item.lists),
        "notes": item.notes,
    }
    # Empty text is left as an empty cell, not an empty string.
    return [None if values[column.key] == "" else values[column.key] for column in ITEM_COLUMNS]


def _notes_sheet(sheet: Worksheet, notes: Sequence[str]) -> None:
    sheet.column_dimensions["A"].width = 12
    sheet.column_dimensions["B"].width = 22
    sheet.column_dimensions["C"].width = 8
    sheet.column_dimensions["D"].width = 36
    sheet.column_dimensions["E"].width = 70
    row = 1
    for line in notes:
        sheet.cell(row=row, column=1, value=line).alignment = Alignment(wrap_text=False)
        row += 1
    row += 1
    headers = ("工作表", "列名", "必填", "可填写的值", "说明")
    for index, text in enumerate(headers, start=1):
        cell = sheet.cell(row=row, column=index, value=text)
        cell.font = Font(bold=True)
        cell.fill = _NOTE_HEADER_FILL
        cell.border = BORDER
    sheet.freeze_panes = sheet.cell(row=row + 1, column=1)
    for sheet_name, columns in ((ITEMS_SHEET, ITEM_COLUMNS), (MATERIALS_SHEET, MATERIAL_COLUMNS)):
        for column in columns:
            row += 1
            values = (
                sheet_name,
                column.header,
                "是" if column.required else "",
                "、".join(column.choices),
                column.help,
            )
            for index, value in enumerate(values, start=1):
                cell = sheet.cell(row=row, column=index, value=value)
                cell.alignment = _WRAP
                cell.border = BORDER


def write_catalog_workbook(
    path: Path, items: Sequence[CatalogItem], *, notes: Sequence[str] = TEMPLATE_NOTES
) -> None:
    """The catalog in the template's shape: sheets 事项, 申请材料 and 说明."""
    workbook = Workbook()
    items_sheet = workbook.active
    assert items_sheet is not None
    items_sheet.title = ITEMS_SHEET
    _header_row(items_sheet, ITEM_COLUMNS)
    _drop_downs(items_sheet, ITEM_COLUMNS, MAX_ITEM_ROWS + 1)
    for item in items:
        items_sheet.append(_item_values(item))

    materials_sheet = workbook.create_sheet(MATERIALS_SHEET)
    _header_row(materials_sheet, MATERIAL_COLUMNS)
    _drop_downs(materials_sheet, MATERIAL_COLUMNS, MAX_MATERIAL_ROWS + 1)
    for item in items:
        for material in item.materials:
            materials_sheet.append(
                [
                    item.code,
                    material.seq,
                    material.name,
                    material.form.label,
                    material.copies,
                    "必要" if material.required else "非必要",
                    "是" if material.tolerance_allowed else "否",
                    material.notes or None,
                ]
            )
    _notes_sheet(workbook.create_sheet(NOTES_SHEET), notes)
    _save(workbook, path)


def write_template(path: Path) -> None:
    """A blank catalog workbook for an admin to fill in."""
    write_catalog_workbook(path, ())


def write_problems_workbook(path: Path, file_name: str, problems: Sequence[Problem]) -> None:
    """The problems of an import as a workbook the admin can work through, row by row."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "问题"
    errors = sum(p.severity is Severity.ERROR for p in problems)
    warnings = len(problems) - errors
    sheet.cell(row=1, column=1, value=f"文件：{file_name}（{errors}个错误，{warnings}个警告）")
    sheet["A1"].font = Font(bold=True, size=12)
    headers = ("级别", "工作表", "行号", "列", "列名", "问题说明")
    widths = (8, 14, 8, 6, 22, 80)
    for index, (text, width) in enumerate(zip(headers, widths, strict=True), start=1):
        cell = sheet.cell(row=2, column=index, value=text)
        cell.font = _HEADER_FONT
        cell.fill = _OPTIONAL_FILL
        cell.alignment = HEADER_ALIGNMENT
        cell.border = BORDER
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A3"
    ordered = sorted(
        problems,
        key=lambda p: (p.severity is not Severity.ERROR, p.sheet, p.row or 0, p.column_letter),
    )
    for row, problem in enumerate(ordered, start=3):
        values = (
            problem.severity.label,
            problem.sheet or None,
            problem.row,
            problem.column_letter or None,
            problem.column or None,
            problem.message,
        )
        fill = RED_FILL if problem.severity is Severity.ERROR else YELLOW_FILL
        for index, value in enumerate(values, start=1):
            cell = sheet.cell(row=row, column=index, value=value)
            cell.fill = fill
            cell.border = BORDER
            cell.alignment = _WRAP
    _save(workbook, path)
