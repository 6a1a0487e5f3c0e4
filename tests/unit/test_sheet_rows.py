"""Rows written as SpreadsheetML text and spliced into an openpyxl package, read back with
openpyxl: every value type, styles, text that must stay text, and refusals."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from decimal import Decimal
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pytest
from openpyxl import Workbook, load_workbook

from townclerk.formats.workbooks.parts import DATE_FORMAT, DATETIME_FORMAT
from townclerk.formats.workbooks.sheet_rows import RowStyles, RowWriter, splice_rows

COLUMNS = 6


def build(rows: list[list[Any]], tmp_path: Path) -> Path:
    """A workbook with a header on row 1, ``rows`` from row 2 and a closing row after them."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "数据"
    sheet.append(["h1", "h2", "h3", "h4", "h5", "h6"])
    closing = len(rows) + 2
    sheet.cell(row=closing, column=1, value="合计")
    workbook.create_sheet("说明")["A1"] = "another sheet, copied unchanged"
    styles = RowStyles.register(sheet)
    stream = io.BytesIO()
    writer = RowWriter(stream, styles, COLUMNS)
    for number, row in enumerate(rows, start=2):
        writer.write(number, row)
    package = io.BytesIO()
    workbook.save(package)
    path = tmp_path / "rows.xlsx"
    with path.open("wb") as output:
        splice_rows(package, sheet.path.lstrip("/"), closing, stream, output)
    return path


def test_every_value_type_reads_back(tmp_path: Path) -> None:
    when = dt.datetime(2026, 11, 27, 9, 30, 15)
    rows = [
        ["文本 & <标签>", 42, 2.5, True, dt.date(2026, 11, 27), when],
        [" 前后空格 ", -7, 0.0, False, None, ""],
    ]
    path = build(rows, tmp_path)
    sheet = load_workbook(path)["数据"]
    assert [cell.value for cell in sheet[2]] == [
        "文本 & <标签>",
        42,
        2.5,
        True,
        dt.datetime(2026, 11, 27),
        when,
    ]
    assert sheet["E2"].number_format == DATE_FORMAT
    assert sheet["F2"].number_format == DATETIME_FORMAT
    assert [cell.value for cell in sheet[3]] == [" 前后空格 ", -7, 0, False, None, None]
    assert sheet["A4"].value == "合计"
    assert sheet.max_row == 4


def test_formula_like_text_stays_text_with_the_quote_prefix(tmp_path: Path) -> None:
    rows = [["=SUM(A1:A9)", "+1", "-不受理", "@联系", "#N/A", "普通"]]
    sheet = load_workbook(build(rows, tmp_path))["数据"]
    cells = list(sheet[2])
    assert [cell.value for cell in cells] == rows[0]
    assert all(cell.data_type == "s" for cell in cells)
    assert [cell.quotePrefix for cell in cells] == [True, True, True, True, True, False]
    with zipfile.ZipFile(tmp_path / "rows.xlsx") as package:
        assert b"<f>" not in package.read("xl/worksheets/sheet1.xml")


def test_control_characters_are_dropped_and_the_part_stays_well_formed(tmp_path: Path) -> None:
    path = build([["备注\x07响铃", "\x1b", None, None, None, None]], tmp_path)
    with zipfile.ZipFile(path) as package:
        ElementTree.fromstring(package.read("xl/worksheets/sheet1.xml"))
    sheet = load_workbook(path)["数据"]
    assert sheet["A2"].value == "备注响铃"
    assert sheet["B2"].value is None


def test_the_other_parts_are_copied_unchanged(tmp_path: Path) -> None:
    workbook = Workbook()
    workbook.active.append(["only a header"])
    workbook.active["A2"] = "closing"
    package = io.BytesIO()
    workbook.save(package)
    output = io.BytesIO()
    splice_rows(package, "xl/worksheets/sheet1.xml", 2, io.BytesIO(), output)
    with zipfile.ZipFile(package) as before, zipfile.ZipFile(output) as after:
        assert before.namelist() == after.namelist()
        for name in before.namelist():
            assert before.read(name) == after.read(name)


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        (Decimal("1.5"), TypeError),
        ([1, 2], TypeError),
        (dt.datetime(2026, 1, 1, tzinfo=dt.UTC), ValueError),
    ],
)
def test_values_a_row_cannot_hold_are_refused(value: Any, problem: type[Exception]) -> None:
    workbook = Workbook()
    writer = RowWriter(io.BytesIO(), RowStyles.register(workbook.active), COLUMNS)
    with pytest.raises(problem):
        writer.write(2, [value])


def test_more_values_than_columns_is_refused() -> None:
    workbook = Workbook()
    writer = RowWriter(io.BytesIO(), RowStyles.register(workbook.active), 2)
    with pytest.raises(ValueError, match="3 values for 2 columns"):
        writer.write(2, [1, 2, 3])


def test_a_missing_splice_point_is_a_bug_not_a_broken_file() -> None:
    workbook = Workbook()
    workbook.active["A1"] = "header"
    package = io.BytesIO()
    workbook.save(package)
    with pytest.raises(RuntimeError, match="row 9 not found"):
        splice_rows(package, "xl/worksheets/sheet1.xml", 9, io.BytesIO(), io.BytesIO())
