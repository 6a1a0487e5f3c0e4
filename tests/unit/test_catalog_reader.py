"""Reading catalog workbooks: every tolerance the counties' files need, every refusal."""

from __future__ import annotations

import xml.etree.ElementTree
import zipfile
from pathlib import Path

import defusedxml
import openpyxl
import openpyxl.xml.functions
import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from tests.data.catalog_builders import (
    ITEM_HEADER,
    MATERIAL_HEADER,
    basic_sheets,
    compound_file,
    corrupted_copy,
    entity_bomb,
    generated_items,
    item_row,
    material_row,
    rewrite_member,
    truncated_copy,
    write_basic,
    write_sheets,
)
from townclerk.enums import CaseKind, Category, Level, MaterialForm, PowerSource
from townclerk.formats.catalog import reader as catalog_reader
from townclerk.formats.catalog.reader import (
    CatalogFileRefused,
    read_catalog,
    require_safe_xml_parser,
)
from townclerk.formats.catalog.shape import (
    ITEM_COLUMNS,
    MATERIAL_COLUMNS,
    CatalogItem,
    Problem,
    Severity,
)
from townclerk.formats.catalog.values import (
    CellError,
    MaterialLine,
    cell_text,
    format_material_line,
    join_lists,
    normalise_code,
    parse_case_kind,
    parse_category,
    parse_count,
    parse_days,
    parse_form,
    parse_level,
    parse_material_lines,
    parse_required,
    parse_yes_no,
    single_line,
    split_lists,
)
from townclerk.formats.catalog.writer import (
    write_catalog_workbook,
    write_problems_workbook,
    write_template,
)
from townclerk.paths import resource_path


def by_code(items: tuple[CatalogItem, ...]) -> dict[str, CatalogItem]:
    return {item.code: item for item in items}


def messages(problems: tuple[Problem, ...]) -> list[str]:
    return [problem.describe() for problem in problems]


def find(problems: tuple[Problem, ...], text: str) -> Problem:
    matching = [p for p in problems if text in p.message]
    assert matching, f"no problem mentions {text!r}: {messages(problems)}"
    return matching[0]


# --- the template's own shape ---------------------------------------------------------------
def test_template_shape_reads_every_field(tmp_path: Path) -> None:
    catalog = read_catalog(write_basic(tmp_path / "basic.xlsx"))
    assert catalog.problems == ()
    assert catalog.items_sheet == "事项"
    assert catalog.materials_sheet == "申请材料"
    items = by_code(catalog.items)
    assert list(items) == ["SCJG-001", "CL-001", "GA-001"]
    business = items["SCJG-001"]
    assert business.name == "个体工商户设立登记"
    assert business.category is Category.LICENSING
    assert business.power_source is PowerSource.DELEGATED_FROM_ABOVE
    assert (business.statutory_days, business.promised_days) == (20, 5)
    assert business.case_kind is CaseKind.PROMISED
    assert business.row == 2
    assert [
        (m.seq, m.name, m.form, m.copies, m.required, m.tolerance_allowed)
        for m in business.materials
    ] == [
        (1, "居民身份证", MaterialForm.ORIGINAL_AND_COPY, 1, True, False),
        (2, "个体工商户设立登记申请书", MaterialForm.ORIGINAL, 2, True, True),
        (3, "经营场所使用证明", MaterialForm.COPY, 1, False, False),
    ]
    assert items["CL-001"].level is Level.VILLAGE
    assert items["GA-001"].case_kind is CaseKind.INSTANT


def test_template_has_the_three_sheets_drop_downs_and_frozen_headers(tmp_path: Path) -> None:
    path = tmp_path / "template.xlsx"
    write_template(path)
    workbook = load_workbook(path)
    assert workbook.sheetnames == ["事项", "申请材料", "说明"]
    items = workbook["事项"]
    assert [cell.value for cell in items[1]] == [column.title for column in ITEM_COLUMNS]
    assert items["A1"].value == "事项编码*"
    assert items.freeze_panes == "A2"
    assert items["A1"].font.bold
    validations = {str(v.sqref): v.formula1 for v in items.data_validations.dataValidation}
    assert (
        validations["C2:C10001"]
        == '"行政许可,行政确认,行政给付,行政裁决,行政奖励,行政备案,其他行政权力,公共服务"'
    )
    assert validations["F2:F10001"] == '"镇级,村级"'
    assert validations["G2:G10001"] == '"即办件,承诺件"'
    assert validations["J2:J10001"] == '"是,否"'
    materials = workbook["申请材料"]
    assert [cell.value for cell in materials[1]] == [column.title for column in MATERIAL_COLUMNS]
    assert materials.freeze_panes == "A2"
    material_lists = {v.formula1 for v in materials.data_validations.dataValidation}
    assert '"原件,复印件,原件及复印件,电子"' in material_lists
    assert '"必要,非必要"' in material_lists
    explained = {row[1] for row in workbook["说明"].iter_rows(values_only=True) if row[1]}
    assert {column.header for column in (*ITEM_COLUMNS, *MATERIAL_COLUMNS)} <= explained


def test_export_shape_reads_back_identically(tmp_path: Path) -> None:
    items = generated_items(60, materials_per_item=4)
    path = tmp_path / "export.xlsx"
    write_catalog_workbook(path, items)
    catalog = read_catalog(path)
    assert catalog.errors == ()
    assert list(catalog.items) == items


def test_sample_catalog_reads_without_errors() -> None:
    path = resource_path("catalog", "sample_catalog.xlsx")
    catalog = read_catalog(path)
    assert catalog.errors == ()
    assert len(catalog.items) >= 200
    assert len({item.department for item in catalog.items}) >= 14
    assert all(item.materials for item in catalog.items)


# --- tolerances ------------------------------------------------------------------------------
def test_title_rows_above_the_header_and_header_found_by_name(tmp_path: Path) -> None:
    sheets = basic_sheets()
    sheets["事项"] = [
        ["睢宁县示范镇行政许可和公共服务事项赋权目录"],
        ["（2026年版）", None, None, None, None, None, None, None, "单位：工作日"],
        [],
        *sheets["事项"],
    ]
    sheets["申请材料"] = [["申请材料清单"], *sheets["申请材料"]]
    path = write_sheets(
        tmp_path / "titled.xlsx",
        sheets,
        merges={"事项": ["A1:R1", "A2:H2"], "申请材料": ["A1:H1"]},
    )
    catalog = read_catalog(path)
    assert catalog.problems == ()
    assert [item.code for item in catalog.items] == ["SCJG-001", "CL-001", "GA-001"]
    assert catalog.items[0].row == 5
    assert len(catalog.items[0].materials) == 3


def test_aliases_column_order_and_unknown_columns(tmp_path: Path) -> None:
    header = [
        "序号",
        "实施编码",
        " 名 称 ",
        "权力类型",
        "主管部门",
        "行使层级",
        "法定办结时限",
        "承诺时限 (工作日)",
        "联系电话",
        "设定依据",
    ]
    rows = [
        header,
        [
            1,
            "A-1",
            "农村宅基地用地审批",
            "许可",
            "县自然资源和规划局",
            "镇级",
            20,
            10,
            "0516-1",
            "法",
        ],
        [2, "A-2", "临时救助", "给付", "县民政局", "村级", "15个工作日", "5工作日", None, "法"],
    ]
    materials = [
        ["材料名称", "备注", "事项代码", "必要性"],
        ["申请表", "村委会盖章", "A-1", "必要"],
        ["身份证", None, "A-2", "非必要"],
    ]
    path = write_sheets(tmp_path / "aliases.xlsx", {"目录": rows, "材料": materials})
    catalog = read_catalog(path)
    assert catalog.errors == ()
    first, second = catalog.items
    assert (first.code, first.name, first.category) == (
        "A-1",
        "农村宅基地用地审批",
        Category.LICENSING,
    )
    assert first.department == "县自然资源和规划局"
    assert (first.statutory_days, first.promised_days) == (20, 10)
    assert first.materials[0].notes == "村委会盖章"
    assert second.level is Level.VILLAGE
    assert second.category is Category.BENEFIT
    assert (second.statutory_days, second.promised_days) == (15, 5)
    assert second.materials[0].required is False


def test_full_width_brackets_and_spaces_in_headers(tmp_path: Path) -> None:
    header = [
        "事项编码 *",
        "事项名称＊",
        "事项类型",
        "原实施部门",
        "法定时限(工作日)",
        "承诺时限（ 工作日 ）",
    ]
    rows = [header, ["B-1", "高龄津贴发放", "行政给付", "县民政局", 10, 5]]
    catalog = read_catalog(write_sheets(tmp_path / "brackets.xlsx", {"Sheet1": rows}))
    assert catalog.errors == ()
    assert (catalog.items[0].statutory_days, catalog.items[0].promised_days) == (10, 5)


def test_two_level_header(tmp_path: Path) -> None:
    rows = [
        ["睢宁县示范镇赋权事项目录"],
        [
            "序号",
            "事项编码",
            "事项名称",
            "事项类型",
            "实施部门",
            "办结时限（工作日）",
            None,
            "备注",
        ],
        [None, None, None, None, None, "法定", "承诺", None],
        [1, "T-1", "临时救助", "给付", "县民政局", 15, 5, "急难型可先行救助"],
        [2, "T-2", "高龄津贴", "给付", "县民政局", "10个工作日", "即办", None],
    ]
    merges = ["A1:H1", "F2:G2", "A2:A3", "B2:B3", "C2:C3", "D2:D3", "E2:E3", "H2:H3"]
    path = write_sheets(tmp_path / "two-level.xlsx", {"目录": rows}, merges={"目录": merges})
    catalog = read_catalog(path)
    assert catalog.errors == ()
    assert [(i.code, i.statutory_days, i.promised_days) for i in catalog.items] == [
        ("T-1", 15, 5),
        ("T-2", 10, 0),
    ]
    assert catalog.items[0].notes == "急难型可先行救助"
    assert catalog.items[0].row == 4


def test_items_sheet_is_the_first_with_the_headers_whatever_its_name(tmp_path: Path) -> None:
    sheets = {"封面": [["事项目录"], ["睢宁县示范镇"]], **basic_sheets()}
    sheets = {
        "封面": sheets["封面"],
        "材料明细": sheets["申请材料"],
        "Sheet1": sheets["事项"],
    }
    catalog = read_catalog(write_sheets(tmp_path / "named.xlsx", sheets))
    assert catalog.items_sheet == "Sheet1"
    assert catalog.materials_sheet == "材料明细"
    assert catalog.problems == ()
    assert len(by_code(catalog.items)["SCJG-001"].materials) == 3


def test_values_are_normalised(tmp_path: Path) -> None:
    rows = [
        ITEM_HEADER,
        item_row(
            "  C-1\n",
            " 最低生活保障\n审核确认 ",
            category=" 确认 ",
            statutory_days="２０",
            promised_days="10个工作日",
            case_kind=None,
        ),
        item_row(
            "C-2", "老年人优待证办理", statutory_days="20日", promised_days="即办", case_kind=None
        ),
        item_row("C-3", "居住证签注", statutory_days="当场办结", promised_days="即时办结"),
        item_row("C-4", "用电报装", category="其他", statutory_days=" 15 ", promised_days=" 3.0 "),
        item_row("C-5", "法律援助申请", category="备案", statutory_days=15.0, promised_days=7),
        item_row("C-6", "林木采伐", category="裁决", lists="权力清单；公共服务事项清单;权力清单"),
        item_row("C-7", "见义勇为", category="奖励", charges_fee=None, fee_standard="按标准收取"),
    ]
    catalog = read_catalog(write_sheets(tmp_path / "values.xlsx", {"事项": rows}))
    assert catalog.errors == ()
    items = by_code(catalog.items)
    low = items["C-1"]
    assert low.name == "最低生活保障审核确认"
    assert low.category is Category.CONFIRMATION
    assert (low.statutory_days, low.promised_days, low.case_kind) == (20, 10, CaseKind.PROMISED)
    assert (items["C-2"].promised_days, items["C-2"].case_kind) == (0, CaseKind.INSTANT)
    assert items["C-2"].statutory_days == 20
    assert (items["C-3"].statutory_days, items["C-3"].promised_days) == (0, 0)
    assert items["C-4"].category is Category.OTHER_POWER
    assert (items["C-4"].statutory_days, items["C-4"].promised_days) == (15, 3)
    assert items["C-5"].category is Category.FILING
    assert items["C-6"].category is Category.ADJUDICATION
    assert items["C-6"].lists == ("权力清单", "公共服务事项清单")
    assert items["C-7"].category is Category.REWARD
    assert items["C-7"].charges_fee is True


def test_blank_rows_and_a_trailing_note_row_are_skipped(tmp_path: Path) -> None:
    sheets = basic_sheets()
    header, first, second, third = sheets["事项"]
    sheets["事项"] = [
        ["序号", *header],
        [1, *first],
        [],
        [None] * 5,
        ["一、社会事务类"],  # a section title in the 序号 column, which townclerk does not read
        [2, *second],
        [3, *third],
        [],
        [None, "注：1.本目录所列时限均为工作日；2.“即办件”当场办结。"],
    ]
    sheets["申请材料"].append(["说明：材料均需加盖公章"])
    path = write_sheets(tmp_path / "notes.xlsx", sheets, merges={"事项": ["B9:S9"]})
    catalog = read_catalog(path)
    assert catalog.problems == ()
    assert [item.code for item in catalog.items] == ["SCJG-001", "CL-001", "GA-001"]
    assert [item.row for item in catalog.items] == [2, 6, 7]


def test_codes_stored_as_numbers(tmp_path: Path) -> None:
    # A long code Excel turned into a number has lost its last digits.
    rows = [ITEM_HEADER, item_row(320324001, "事项一"), item_row(3.20324000001234e17, "事项二")]
    sheets = {"事项": rows, "申请材料": [MATERIAL_HEADER, material_row(320324001, "申请书")]}
    catalog = read_catalog(write_sheets(tmp_path / "numbers.xlsx", sheets))
    problem = find(catalog.errors, "超过15位")
    assert (problem.row, problem.column_letter) == (3, "A")
    assert by_code(catalog.items)["320324001"].materials[0].name == "申请书"


def test_single_sheet_with_numbered_material_lines(tmp_path: Path) -> None:
    header = ["事项编码", "事项名称", "事项类型", "实施部门", "法定时限", "承诺时限", "申请材料"]
    rows = [
        header,
        [
            "S-1",
            "重度残疾人护理补贴",
            "给付",
            "县残联",
            20,
            10,
            "1.残疾人证原件及复印件1份\n2、居民身份证复印件2张\n3)银行卡复印件（非必要）\n"
            "（4）户口簿原件（如有）",
        ],
        [
            "S-2",
            "临时救助",
            "给付",
            "县民政局",
            15,
            5,
            "1．申请书；2．家庭收入证明电子版（可容缺）",
        ],
        ["S-3", "高龄津贴", "给付", "县民政局", 10, 5, "居民身份证"],
    ]
    catalog = read_catalog(write_sheets(tmp_path / "single.xlsx", {"目录": rows}))
    assert catalog.problems == ()
    assert catalog.materials_sheet is None
    items = by_code(catalog.items)
    disabled = items["S-1"].materials
    assert [(m.seq, m.name, m.form, m.copies, m.required) for m in disabled] == [
        (1, "残疾人证", MaterialForm.ORIGINAL_AND_COPY, 1, True),
        (2, "居民身份证", MaterialForm.COPY, 2, True),
        (3, "银行卡", MaterialForm.COPY, 1, False),
        (4, "户口簿", MaterialForm.ORIGINAL, 1, False),
    ]
    relief = items["S-2"].materials
    assert [(m.name, m.form, m.tolerance_allowed) for m in relief] == [
        ("申请书", MaterialForm.ORIGINAL, False),
        ("家庭收入证明", MaterialForm.ELECTRONIC, True),
    ]
    assert [m.name for m in items["S-3"].materials] == ["居民身份证"]


def test_materials_ordered_by_their_number_then_renumbered(tmp_path: Path) -> None:
    sheets = basic_sheets()
    sheets["申请材料"] = [
        MATERIAL_HEADER,
        material_row("SCJG-001", "第三", 30),
        material_row("SCJG-001", "第一", 10),
        material_row("SCJG-001", "第二", 20),
        material_row("CL-001", "残疾人证", None),
        material_row("GA-001", "居民身份证", "（1）"),
    ]
    catalog = read_catalog(write_sheets(tmp_path / "order.xlsx", sheets))
    business = by_code(catalog.items)["SCJG-001"]
    assert [(m.seq, m.name) for m in business.materials] == [(1, "第一"), (2, "第二"), (3, "第三")]


# --- validation: every problem at once ---------------------------------------------------------
def test_every_problem_is_reported_at_once_with_its_place(tmp_path: Path) -> None:
    rows = [
        ITEM_HEADER,
        item_row("E-1", "", category=None),  # row 2: two missing values
        item_row("E-2", "第二项"),  # row 3
        item_row("E-2", "重复的编码"),  # row 4
        item_row("E-3", "承诺超过法定", statutory_days=5, promised_days=10),  # row 5
        item_row("E-4", "未知类型", category="许可证", level="县级"),  # row 6
        item_row("E" * 70, "编码过长"),  # row 7
        item_row("E-5", "名" * 300),  # row 8
        item_row("E-6", "即办件却有时限", case_kind="即办件", promised_days=3),  # row 9
        item_row("E-7", "时限不可读", statutory_days="二十天"),  # row 10
        item_row("E-8", "没有依据", legal_basis=None),  # row 11: a warning only
    ]
    materials = [
        MATERIAL_HEADER,
        material_row("E-2", "申请书"),
        material_row("NOPE", "不存在的事项的材料"),  # row 3
        material_row("E-2", "传真件", 2, form="传真"),  # row 4
        material_row("E-2", "", 3),  # row 5
    ]
    catalog = read_catalog(
        write_sheets(tmp_path / "bad.xlsx", {"事项": rows, "申请材料": materials})
    )
    located = {(p.sheet, p.row, p.column_letter, p.severity) for p in catalog.problems}
    assert ("事项", 2, "B", Severity.ERROR) in located  # 事项名称 missing
    assert ("事项", 2, "C", Severity.ERROR) in located  # 事项类型 missing
    duplicate = find(catalog.errors, "重复")
    assert (duplicate.row, duplicate.column) == (4, "事项编码")
    assert "第3行" in duplicate.message and "第4行" in duplicate.message
    over = find(catalog.errors, "超过法定时限")
    assert (over.row, over.column_letter, over.column) == (5, "I", "承诺时限（工作日）")
    unknown = find(catalog.errors, "许可证")
    assert (unknown.row, unknown.column_letter) == (6, "C")
    assert "行政许可" in unknown.message
    assert find(catalog.errors, "县级").row == 6
    assert find(catalog.errors, "最多64个字符").row == 7
    assert find(catalog.errors, "最多255个字符").row == 8
    assert find(catalog.errors, "即办件的承诺时限应为0").row == 9
    assert find(catalog.errors, "二十天").row == 10
    missing = find(catalog.errors, "在“事项”表中不存在")
    assert (missing.sheet, missing.row, missing.column_letter) == ("申请材料", 3, "A")
    assert find(catalog.errors, "传真").row == 4
    assert find(catalog.errors, "“材料名称”为必填项").row == 5
    empty_basis = find(catalog.warnings, "设定依据为空")
    assert (empty_basis.row, empty_basis.severity) == (11, Severity.WARNING)
    # Rows with errors are left out; rows with only warnings are kept.
    assert [item.code for item in catalog.items] == ["E-2", "E-8"]
    assert all(p.describe().startswith(("错误：“", "警告：“")) for p in catalog.problems)


def test_missing_required_column_is_one_error_at_the_header(tmp_path: Path) -> None:
    header = ["事项编码", "事项名称", "事项类型", "原实施部门", "法定时限（工作日）"]
    rows = [["目录"], header, ["M-1", "甲", "许可", "县局", 5], ["M-2", "乙", "许可", "县局", 5]]
    catalog = read_catalog(write_sheets(tmp_path / "nocolumn.xlsx", {"事项": rows}))
    assert messages(catalog.errors) == ["错误：“事项”表 第2行：缺少必填列“承诺时限（工作日）”"]
    assert catalog.items == ()


def test_warnings_do_not_block(tmp_path: Path) -> None:
    rows = [
        ITEM_HEADER,
        item_row("W-1", "承诺件零时限", promised_days=0, case_kind="承诺件", legal_basis=None),
    ]
    catalog = read_catalog(write_sheets(tmp_path / "warn.xlsx", {"事项": rows}))
    assert catalog.errors == ()
    assert len(catalog.warnings) == 3  # empty 设定依据, promised 0, no materials at all
    assert [item.code for item in catalog.items] == ["W-1"]


def test_problems_workbook_lists_every_problem(tmp_path: Path) -> None:
    problems = (
        Problem(Severity.WARNING, "设定依据为空", "事项", 7, "设定依据", "L"),
        Problem(Severity.ERROR, "承诺时限超过法定时限", "事项", 3, "承诺时限（工作日）", "I"),
        Problem(Severity.ERROR, "文件已损坏"),
    )
    path = tmp_path / "problems.xlsx"
    write_problems_workbook(path, "目录.xlsx", problems)
    sheet = load_workbook(path)["问题"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "文件：目录.xlsx（2个错误，1个警告）"
    assert rows[1] == ("级别", "工作表", "行号", "列", "列名", "问题说明")
    assert rows[2:] == [
        ("错误", None, None, None, None, "文件已损坏"),
        ("错误", "事项", 3, "I", "承诺时限（工作日）", "承诺时限超过法定时限"),
        ("警告", "事项", 7, "L", "设定依据", "设定依据为空"),
    ]


# --- refusals --------------------------------------------------------------------------------
def refusal(path: Path) -> str:
    with pytest.raises(CatalogFileRefused) as caught:
        read_catalog(path)
    message = str(caught.value)
    assert "\n" not in message
    return message


def test_refuses_an_old_xls(tmp_path: Path) -> None:
    path = tmp_path / "old.xlsx"
    path.write_bytes(compound_file(["Workbook", "\x05SummaryInformation"]))
    assert ".xls" in refusal(path)


def test_refuses_a_password_protected_workbook(tmp_path: Path) -> None:
    path = tmp_path / "locked.xlsx"
    path.write_bytes(compound_file(["EncryptionInfo", "EncryptedPackage", "\x06DataSpaces"]))
    assert "密码" in refusal(path)


def test_refuses_a_csv_renamed(tmp_path: Path) -> None:
    path = tmp_path / "catalog.xlsx"
    path.write_text("事项编码,事项名称\nA-1,个体工商户设立登记\n", encoding="utf-8-sig")
    assert "CSV" in refusal(path)


def test_refuses_unicode_text_renamed(tmp_path: Path) -> None:
    path = tmp_path / "catalog.xlsx"
    path.write_bytes("事项编码\t事项名称\nA-1\t个体工商户设立登记\n".encode("utf-16"))
    assert "CSV" in refusal(path)


def test_refuses_html_renamed(tmp_path: Path) -> None:
    path = tmp_path / "catalog.xlsx"
    path.write_text("<html><body><table><tr><td>事项编码</td></tr></table></body></html>")
    assert "HTML" in refusal(path)


def test_refuses_a_truncated_archive(tmp_path: Path) -> None:
    source = write_basic(tmp_path / "basic.xlsx")
    assert "损坏" in refusal(truncated_copy(source, tmp_path / "cut.xlsx"))


def test_refuses_an_archive_with_a_corrupt_member(tmp_path: Path) -> None:
    source = write_basic(tmp_path / "basic.xlsx")
    assert "损坏" in refusal(corrupted_copy(source, tmp_path / "corrupt.xlsx"))


def test_refuses_a_zip_that_is_not_a_workbook(tmp_path: Path) -> None:
    path = tmp_path / "doc.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    assert "Word" in refusal(path)


def test_refuses_an_empty_file_and_an_empty_workbook(tmp_path: Path) -> None:
    empty = tmp_path / "empty.xlsx"
    empty.write_bytes(b"")
    assert "空" in refusal(empty)
    blank = tmp_path / "blank.xlsx"
    Workbook().save(blank)
    assert "工作簿是空的" in refusal(blank)


def test_refuses_a_workbook_without_the_required_headers(tmp_path: Path) -> None:
    path = write_sheets(tmp_path / "other.xlsx", {"Sheet1": [["姓名", "电话"], ["张三", "1"]]})
    assert "找不到事项表" in refusal(path)


def test_refuses_a_header_without_items(tmp_path: Path) -> None:
    path = tmp_path / "template.xlsx"
    write_template(path)
    assert "没有任何事项" in refusal(path)


def test_refuses_a_file_over_20_mb(tmp_path: Path) -> None:
    path = tmp_path / "huge.xlsx"
    with path.open("wb") as handle:
        handle.truncate(20 * 1024 * 1024 + 1)
    assert "20.0 MB" in refusal(path)


def test_refuses_more_than_10000_item_rows(tmp_path: Path) -> None:
    path = tmp_path / "many.xlsx"
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("事项")
    sheet.append(ITEM_HEADER)
    for index in range(10_001):
        sheet.append([f"N-{index}", f"事项{index}", "许可", None, "县局", None, None, 5, 5])
    workbook.save(path)
    assert "超过10000行事项" in refusal(path)


def test_refuses_an_archive_that_unpacks_too_big(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = write_basic(tmp_path / "basic.xlsx")
    monkeypatch.setattr(catalog_reader, "MAX_UNCOMPRESSED_BYTES", 10_000)
    assert "解压后" in refusal(source)


@pytest.mark.parametrize("member", ["xl/worksheets/sheet1.xml", "xl/workbook.xml"])
def test_refuses_xml_entity_expansion(tmp_path: Path, member: str) -> None:
    source = write_basic(tmp_path / "basic.xlsx")
    bomb = entity_bomb(source, tmp_path / "bomb.xlsx", member)
    with pytest.raises(CatalogFileRefused) as caught:
        read_catalog(bomb)
    assert "XML 实体" in str(caught.value)
    # It is defusedxml, inside openpyxl, that stopped it.
    assert isinstance(caught.value.__cause__, defusedxml.DefusedXmlException)


def test_openpyxl_parses_with_defusedxml() -> None:
    require_safe_xml_parser()
    assert openpyxl.xml.functions.iterparse is defusedxml.ElementTree.iterparse


def test_refuses_to_open_anything_if_openpyxl_is_not_defused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = write_basic(tmp_path / "basic.xlsx")
    monkeypatch.setattr(openpyxl.xml.functions, "iterparse", xml.etree.ElementTree.iterparse)
    with pytest.raises(RuntimeError, match="defusedxml"):
        read_catalog(source)


def test_refuses_a_damaged_worksheet_xml(tmp_path: Path) -> None:
    source = write_basic(tmp_path / "basic.xlsx")
    broken = rewrite_member(
        source, tmp_path / "broken.xlsx", "xl/worksheets/sheet1.xml", "<worksheet><sheetData><row"
    )
    assert "损坏" in refusal(broken)


# --- the cell normalisers, under hypothesis -----------------------------------------------------
FULL_WIDTH_DIGITS = str.maketrans("0123456789", "０１２３４５６７８９")
PADDING = st.sampled_from(["", " ", "  ", "\n", "\r\n", "\t", "\u3000", "\xa0", "\ufeff"])
NAME_ALPHABET = "居民身份证户口簿申请书结婚银行卡营业执照明残疾人医学村居委会证书ABCxyz"


@given(
    days=st.integers(0, 999),
    form=st.sampled_from(["{}", "{}个工作日", "{}工作日", "{}日", "{}个工作日内"]),
    full_width=st.booleans(),
    before=PADDING,
    after=PADDING,
)
def test_parse_days_reads_every_written_form(
    days: int, form: str, full_width: bool, before: str, after: str
) -> None:
    text = form.format(days)
    if full_width:
        text = text.translate(FULL_WIDTH_DIGITS)
    assert parse_days(before + text + after) == days
    assert parse_days(days) == days
    assert parse_days(float(days)) == days


@given(word=st.sampled_from(["即办", "即办件", "当场办结", "即时办结"]), before=PADDING)
def test_parse_days_instant_words_are_zero(word: str, before: str) -> None:
    assert parse_days(before + word) == 0


@given(st.one_of(st.text(), st.integers(), st.floats(), st.none(), st.booleans()))
def test_parsers_fail_only_with_a_cell_error(value: object) -> None:
    for parse in (
        parse_days,
        parse_count,
        parse_category,
        parse_level,
        parse_case_kind,
        parse_form,
        parse_yes_no,
        parse_required,
        normalise_code,
        parse_material_lines,
    ):
        try:
            parse(value)
        except CellError as error:
            assert str(error)


@given(st.text())
def test_cell_text_is_trimmed_and_stable(text: str) -> None:
    once = cell_text(text)
    assert cell_text(once) == once
    assert once == once.strip()
    assert "\r" not in once


@given(st.text())
def test_single_line_has_no_line_break_and_is_stable(text: str) -> None:
    once = single_line(text)
    assert "\n" not in once
    assert single_line(once) == once


@given(st.text())
def test_codes_have_no_spaces_and_are_stable(text: str) -> None:
    code = normalise_code(text)
    assert not any(character.isspace() for character in code)
    assert normalise_code(code) == code


@given(st.integers(0, 2**53 - 1))
def test_numeric_codes_read_as_their_digits(number: int) -> None:
    assert normalise_code(number) == str(number)
    if number < 10**15:
        assert normalise_code(float(number)) == str(number)


@given(st.lists(st.text(alphabet=NAME_ALPHABET, min_size=1, max_size=8), max_size=6))
def test_lists_split_what_they_join(names: list[str]) -> None:
    unique = tuple(dict.fromkeys(names))
    assert split_lists(join_lists(unique)) == unique


@given(
    name=st.text(alphabet=NAME_ALPHABET, min_size=1, max_size=12),
    form=st.one_of(st.none(), st.sampled_from(list(MaterialForm))),
    copies=st.one_of(st.none(), st.integers(1, 20)),
    required=st.booleans(),
    tolerance=st.booleans(),
)
def test_material_lines_read_what_they_write(
    name: str, form: MaterialForm | None, copies: int | None, required: bool, tolerance: bool
) -> None:
    line = MaterialLine(name, form, copies, required, tolerance)
    text = "\n".join(format_material_line(seq, line) for seq in (1, 2))
    assert parse_material_lines(text) == [line, line]


@given(
    word=st.sampled_from(
        [
            ("许可", Category.LICENSING),
            ("确认", Category.CONFIRMATION),
            ("给付", Category.BENEFIT),
            ("裁决", Category.ADJUDICATION),
            ("奖励", Category.REWARD),
            ("备案", Category.FILING),
            ("其他", Category.OTHER_POWER),
        ]
        + [(member.label, member) for member in Category]
    ),
    before=PADDING,
    after=PADDING,
)
def test_categories_by_name_or_abbreviation(
    word: tuple[str, Category], before: str, after: str
) -> None:
    assert parse_category(before + word[0] + after) is word[1]
