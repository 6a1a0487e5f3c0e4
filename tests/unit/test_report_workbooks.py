"""Every report workbook read back with openpyxl: values, formats, layout, charts, masking,
the audited full export, text that must not become a formula, and files written whole or not at
all."""

from __future__ import annotations

import datetime as dt
import zipfile
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from openpyxl.chart import BarChart, LineChart
from openpyxl.worksheet.worksheet import Worksheet
from sqlalchemy import select

from tests.conftest import FakeClock
from tests.factories import ID_ZHANG, intake_for, make_item
from tests.unit.report_scenario import AGENT_ID, FORMULA_NAME, Scenario, build_scenario
from townclerk.db.database import Database
from townclerk.db.models import AuditEntry
from townclerk.errors import PermissionDenied, UserError
from townclerk.formats import output_files
from townclerk.formats.workbooks.listings import FULL_NOTE, LEDGER_COLUMNS, MASKED_NOTE
from townclerk.records.statistics import MEASURES, Dimension, Period
from townclerk.services import report_listings, report_workbooks
from townclerk.services.access import Actor
from townclerk.services.cases import CaseService
from townclerk.services.history import chain_heads
from townclerk.services.report_listings import FULL_EXPORT_ACTION, ReportListingService
from townclerk.services.report_workbooks import ReportWorkbooks
from townclerk.services.settings import SettingsService
from townclerk.services.statistics import StatisticsService
from townclerk.validation import mask_id_number

FIRST = dt.date(2026, 9, 29)
LAST = dt.date(2026, 10, 15)
PERIOD = Period(FIRST, LAST)
BREAKDOWN_SHEETS = ["按事项", "按实施部门", "按窗口", "按经办人", "按渠道", "按村（社区）"]
JOURNEY_SHEETS = ["后台与县级流转", "村便民服务点"]


@pytest.fixture
def out(tmp_path: Path) -> Path:
    """An empty folder for the workbooks (tmp_path also holds the database)."""
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


@pytest.fixture
def scenario(
    db: Database, clock: FakeClock, admin: Actor, clerk: Actor, supervisor: Actor
) -> Scenario:
    return build_scenario(db, clock, admin, clerk, supervisor)


def values(sheet: Worksheet, row: int) -> list[Any]:
    return [cell.value for cell in sheet[row]]


def table(sheet: Worksheet) -> dict[str, dict[str, Any]]:
    """Data rows (from row 5) keyed by their first cell, as {header: value}."""
    headers = values(sheet, 4)
    rows = {}
    for row in sheet.iter_rows(min_row=5, values_only=True):
        if row[0] is not None:
            rows[str(row[0])] = dict(zip(headers, row, strict=False))
    return rows


def formulas_in(path: Path) -> list[str]:
    """Names of the parts of the xlsx package that hold a cell formula."""
    with zipfile.ZipFile(path) as package:
        return [
            name
            for name in package.namelist()
            if name.startswith("xl/worksheets/") and b"<f>" in package.read(name)
        ]


def audit_entries(db: Database) -> list[AuditEntry]:
    with db.sessions() as session:
        return list(
            session.scalars(select(AuditEntry).where(AuditEntry.action == FULL_EXPORT_ACTION))
        )


def check_table_layout(sheet: Worksheet, frozen: str) -> None:
    assert sheet.freeze_panes == frozen
    assert sheet.auto_filter.ref.startswith("A4:")
    assert sheet.print_title_rows == "$4:$4"
    assert sheet.page_setup.orientation == "landscape"
    assert sheet.page_setup.fitToWidth == 1
    assert sheet.sheet_properties.pageSetUpPr.fitToPage is True


def test_daily_workbook(db: Database, scenario: Scenario, supervisor: Actor, out: Path) -> None:
    path = out / "日报.xlsx"
    result = ReportWorkbooks(db).daily(supervisor, LAST, path)
    assert result.path == path
    book = load_workbook(path)
    assert book.sheetnames == ["总览", *BREAKDOWN_SHEETS, *JOURNEY_SHEETS, "指标说明"]
    overview = book["总览"]
    assert overview["A1"].value == "睢宁县示范镇为民服务中心办件统计日报"
    assert "2026-10-15（星期四）" in overview["A2"].value
    assert "2026-10-15 17:00:00" in overview["A3"].value
    assert "李主任" in overview["A3"].value
    # The history chain heads, so that the paper copy anchors the history.
    events, audit = chain_heads(db)
    assert (
        f"历史链头：办件历史{events.count}条 {events.row_hash[:16]}，"
        f"审计日志{audit.count}条 {audit.row_hash[:16]}"
    ) in overview["A3"].value
    assert events.count > 0 and audit.count > 0
    assert any(
        str(cell.value).startswith("历史链头：生成本表时")
        for row in book["指标说明"].iter_rows()
        for cell in row
    )
    assert values(overview, 4) == ["指标", "数值", "计数口径"]
    check_table_layout(overview, "B5")
    assert overview.auto_filter.ref == f"A4:C{4 + len(MEASURES)}"
    assert overview._charts == []
    figures = {row[0].value: (row[1], row[2]) for row in overview.iter_rows(min_row=5)}
    # On 10-15: c2 completed late (6 days), c12 on time (3 days); c2 evaluated 不满意.
    expected = {
        "受理量": (0, "#,##0"),
        "办结量": (2, "#,##0"),
        "承诺件办结": (2, "#,##0"),
        "承诺件按时办结": (1, "#,##0"),
        "超期办结": (1, "#,##0"),
        "承诺件按时办结率": (0.5, "0.0%"),
        "平均办结用时（工作日）": (4.5, "0.0"),
        "在办": (4, "#,##0"),
        "在办超期": (1, "#,##0"),
        "超期件": (2, "#,##0"),
        "评价数": (1, "#,##0"),
        "差评数": (1, "#,##0"),
        "好评率": (0, "0.0%"),
    }
    for label, (value, number_format) in expected.items():
        cell = figures[label][0]
        assert (cell.value, cell.number_format) == (value, number_format), label
    assert figures["在办"][1].value.startswith("统计期末日日终的状态")

    items = book["按事项"]
    check_table_layout(items, "C5")
    rows = table(items)
    assert set(rows) == {"SCJG-001", "RS-001", "合计"}  # nothing of 老年人优待证 on 10-15
    assert rows["RS-001"]["好评率"] == "—"
    assert rows["RS-001"]["差评数"] == 0
    assert rows["RS-001"]["承诺件按时办结率"] == 1
    assert rows["合计"]["办结量"] == 2
    assert rows["合计"]["在办超期"] == 1


def test_range_workbook_matches_the_service(
    db: Database, scenario: Scenario, supervisor: Actor, out: Path
) -> None:
    path = out / "统计报表.xlsx"
    ReportWorkbooks(db).range_report(supervisor, PERIOD, path)
    book = load_workbook(path)
    assert book.sheetnames == ["总览", *BREAKDOWN_SHEETS, "按日", *JOURNEY_SHEETS, "指标说明"]
    assert book["总览"]["A1"].value == "睢宁县示范镇为民服务中心办件统计报表"
    report = StatisticsService(db).report(supervisor, PERIOD)
    for dimension, name in zip(
        [Dimension.ITEM, Dimension.DEPARTMENT, Dimension.WINDOW, Dimension.CLERK],
        BREAKDOWN_SHEETS,
        strict=False,
    ):
        rows = table(book[name])
        for group in report.breakdowns[dimension]:
            row = rows[group.code or group.label]
            for measure in MEASURES:
                expected = group.figures.value(measure)
                assert row[measure.label] == ("—" if expected is None else expected), (
                    name,
                    measure,
                )
        totals = rows["合计"]
        for measure in MEASURES:
            expected = report.totals.value(measure)
            assert totals[measure.label] == pytest.approx(expected), measure

    days = book["按日"]
    check_table_layout(days, "C5")
    assert days["A5"].value == dt.datetime(2026, 9, 29)
    assert days["A5"].number_format == "yyyy-mm-dd"
    assert days["B5"].value == "星期二"
    assert days.cell(row=5 + 17, column=1).value == "合计"
    day_rows = table(days)
    assert day_rows["2026-10-10 00:00:00"]["受理量"] == 2
    assert day_rows["2026-10-14 00:00:00"]["在办超期"] == 2


def test_range_workbook_has_the_two_charts(
    db: Database, scenario: Scenario, supervisor: Actor, out: Path
) -> None:
    path = out / "charts.xlsx"
    ReportWorkbooks(db).range_report(supervisor, PERIOD, path)
    charts = load_workbook(path)["总览"]._charts
    assert [type(chart) for chart in charts] == [BarChart, LineChart]
    bar, line = charts
    assert (bar.y_axis.scaling.min, line.y_axis.scaling.min) == (0, 0)
    assert [series.val.numRef.f for series in bar.series] == [
        "'按事项'!$C$5:$C$7",  # 受理量 of the three items
        "'按事项'!$I$5:$I$7",  # 办结量
    ]
    assert bar.series[0].cat.strRef.f == "'按事项'!$B$5:$B$7"
    assert [series.val.numRef.f for series in line.series] == [
        "'按日'!$C$5:$C$21",  # 受理量 of the 17 days
        "'按日'!$I$5:$I$21",  # 办结量
        "'按日'!$O$5:$O$21",  # 在办
    ]


def test_notes_sheet_prints_every_definition(
    db: Database, scenario: Scenario, supervisor: Actor, out: Path
) -> None:
    path = out / "notes.xlsx"
    ReportWorkbooks(db).daily(supervisor, LAST, path)
    notes = load_workbook(path)["指标说明"]
    assert values(notes, 4) == ["指标", "定义", "计数口径"]
    printed = [tuple(row) for row in notes.iter_rows(min_row=5, max_col=3, values_only=True)]
    for measure in MEASURES:
        assert (measure.label, measure.definition, measure.counted_by) in printed
    definitions = {label: definition for label, definition, _ in printed}
    assert "好评率" in definitions and "满意率" not in definitions
    assert "非常满意＋满意＋基本满意（GB/T 39734）" in definitions["好评率"]
    assert definitions["差评数"] == "差评的条数：不满意＋非常不满意（GB/T 39734）"
    assert definitions["承诺件按时办结率"].startswith("承诺件按时办结 ÷ 承诺件办结；即办件")
    notes_text = [row[1] for row in printed if row[0] == "说明"]
    assert any("尚未公布放假安排的年份" in note for note in notes_text)


def test_catalog_text_never_becomes_a_formula(
    db: Database, scenario: Scenario, clerk: Actor, supervisor: Actor, out: Path
) -> None:
    item = make_item(
        db,
        code="=1+1",
        name="=cmd|' /C calc'!A0",
        department="@部门",
        materials=(("居民身份证", True, False),),
    )
    CaseService(db).accept(clerk, intake_for(item))
    path = out / "formula.xlsx"
    ReportWorkbooks(db).range_report(supervisor, PERIOD, path)
    assert formulas_in(path) == []
    book = load_workbook(path)
    cells = [cell for row in book["按事项"].iter_rows() for cell in row if cell.value == "=1+1"]
    assert len(cells) == 1
    assert cells[0].data_type == "s"
    assert cells[0].quotePrefix is True
    assert "@部门" in table(book["按实施部门"])


def test_ledger_masks_personal_data_and_keeps_text_as_text(
    db: Database, scenario: Scenario, supervisor: Actor, out: Path
) -> None:
    path = out / "台账.xlsx"
    result = ReportWorkbooks(db).ledger(supervisor, PERIOD, path)
    assert result.rows == 14
    book = load_workbook(path)
    assert book.sheetnames == ["办件台账", "说明"]
    sheet = book["办件台账"]
    assert sheet["A1"].value == "睢宁县示范镇为民服务中心办件台账"
    assert "个人信息已遮蔽" in sheet["A3"].value
    assert values(sheet, 4) == [column.header for column in LEDGER_COLUMNS]
    check_table_layout(sheet, "C5")
    assert sheet.auto_filter.ref == "A4:AB18"
    rows = {row["办件编号"]: row for row in table(sheet).values() if row["序号"] != "合计"}
    assert len(rows) == 14
    numbers = scenario.numbers
    first = rows[numbers["c1"]]
    assert first["证件号码"] == mask_id_number(ID_ZHANG)
    assert first["联系电话"] == "138****5678"
    assert first["登记时间"] == dt.datetime(2026, 9, 29, 9, 30)
    assert first["用时（工作日）"] == 4
    assert first["是否按时"] == "是"
    agent = rows[numbers["c7"]]
    assert (agent["代办人"], agent["代办人证件号码"]) == ("赵代办", mask_id_number(AGENT_ID))
    assert agent["代办人电话"] == "137****2222"
    everything = " ".join(str(cell.value) for row in sheet.iter_rows() for cell in row)
    assert ID_ZHANG not in everything
    assert "13812345678" not in everything
    assert AGENT_ID not in everything

    assert rows[numbers["c4"]]["申请人"] == FORMULA_NAME
    assert rows[numbers["c2"]]["办理结果"] == "=SUM(A1:A9)"
    assert rows[numbers["c4"]]["告知或不予受理理由"] == "+请补充经营场所证明"
    assert rows[numbers["c5"]]["告知或不予受理理由"] == "-不属于本中心受理范围"
    assert rows[numbers["c11"]]["备注"] == "@电话联系申请人"  # the control character dropped
    risky = [
        cell
        for row in sheet.iter_rows(min_row=5)
        for cell in row
        if isinstance(cell.value, str) and cell.value[:1] in "=+-@"
    ]
    assert len(risky) == 5
    assert all(cell.data_type == "s" and cell.quotePrefix for cell in risky)
    assert formulas_in(path) == []

    totals = values(sheet, 19)
    assert totals[:2] == ["合计", "共14件"]
    assert "在办4件" in totals
    assert "办结6件" in totals
    assert "按时4件，超期2件" in totals
    headers = [column.header for column in LEDGER_COLUMNS]
    assert totals[headers.index("用时（工作日）")] == pytest.approx(19 / 6)
    notes = [cell.value for cell in book["说明"]["B"]]
    assert MASKED_NOTE in notes
    assert audit_entries(db) == []


def test_full_ledger_is_audited(
    db: Database, scenario: Scenario, supervisor: Actor, out: Path
) -> None:
    path = out / "台账-完整.xlsx"
    progress: list[int] = []
    ReportWorkbooks(db).ledger(
        supervisor, PERIOD, path, full_personal_data=True, progress=progress.append
    )
    assert progress == [14]
    book = load_workbook(path)
    sheet = book["办件台账"]
    assert "含完整个人信息（已审计）" in sheet["A3"].value
    rows = {row["办件编号"]: row for row in table(sheet).values()}
    first = rows[scenario.numbers["c1"]]
    assert (first["证件号码"], first["联系电话"]) == (ID_ZHANG, "13812345678")
    assert rows[scenario.numbers["c7"]]["代办人证件号码"] == AGENT_ID
    assert FULL_NOTE in [cell.value for cell in book["说明"]["B"]]
    (entry,) = audit_entries(db)
    assert entry.username == "chief"
    assert entry.target == str(path)
    assert entry.at == dt.datetime(2026, 10, 15, 17, 0)
    assert entry.detail["report"] == "办件台账"
    assert entry.detail["period"] == PERIOD.label()


def test_full_export_needs_the_permission(
    db: Database, scenario: Scenario, admin: Actor, clerk: Actor, out: Path
) -> None:
    workbooks = ReportWorkbooks(db)
    with pytest.raises(PermissionDenied, match="导出完整个人信息"):
        workbooks.ledger(admin, PERIOD, out / "a.xlsx", full_personal_data=True)
    with pytest.raises(PermissionDenied, match="导出完整个人信息"):
        workbooks.deadline_warnings(admin, out / "b.xlsx", full_personal_data=True)
    with pytest.raises(PermissionDenied, match="查看统计报表"):
        workbooks.daily(clerk, LAST, out / "c.xlsx")
    with pytest.raises(PermissionDenied, match="查看统计报表"):
        workbooks.ledger(clerk, PERIOD, out / "d.xlsx")
    assert list(out.iterdir()) == []
    assert audit_entries(db) == []
    workbooks.ledger(admin, PERIOD, out / "masked.xlsx")  # the masked ledger is allowed
    assert [path.name for path in out.iterdir()] == ["masked.xlsx"]


def test_deadline_warnings(
    db: Database, scenario: Scenario, supervisor: Actor, admin: Actor, out: Path
) -> None:
    path = out / "预警.xlsx"
    result = ReportWorkbooks(db).deadline_warnings(supervisor, path)
    assert result.rows == 2
    book = load_workbook(path)
    sheet = book["超期预警清单"]
    check_table_layout(sheet, "C5")
    assert "2026-10-15 17:00" in sheet["A2"].value
    numbers = scenario.numbers
    listed = [
        (row[0].value, row[1].value, row[10].value, row[11].value, row[0].fill.fgColor.rgb)
        for row in sheet.iter_rows(min_row=5, max_row=6)
    ]
    assert listed == [
        ("已超期", numbers["c7"], "超期2个工作日", "在办", "00FDE2E1"),
        ("即将到期", numbers["c11"], "剩余1个工作日", "在办", "00FFF4CE"),
    ]  # c8 and c9 are not listed: paused, whatever day their pause began (c9 after its date)
    assert sheet["F5"].value == "138****5678"
    assert sheet["H5"].value == "137****2222"
    assert sheet["J5"].value == dt.datetime(2026, 10, 13)
    assert sheet["J5"].number_format == "yyyy-mm-dd"
    assert values(sheet, 7)[:2] == ["合计", "已超期1件，即将到期1件"]

    settings = SettingsService(db)
    settings.update_center(admin, replace(settings.center(), warning_days=0))
    ReportWorkbooks(db).deadline_warnings(supervisor, path, full_personal_data=True)
    sheet = load_workbook(path)["超期预警清单"]
    assert sheet.cell(row=5, column=2).value == numbers["c7"]  # c11 is no longer due soon
    assert values(sheet, 6)[:2] == ["合计", "已超期1件，即将到期0件"]
    assert sheet["F5"].value == "13812345678"
    (entry,) = audit_entries(db)
    assert entry.detail["report"] == "超期预警清单"


def test_a_failed_export_leaves_the_old_file_and_its_audit_entry(
    db: Database,
    scenario: Scenario,
    supervisor: Actor,
    out: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = out / "台账.xlsx"
    path.write_bytes(b"yesterday's report")

    def crash(stream: Any, listing: Any, progress: Any = None) -> int:
        for _ in listing:
            stream.write(b"half a workbook")
        raise RuntimeError("power cut")

    monkeypatch.setattr(report_workbooks, "write_ledger", crash)
    with pytest.raises(RuntimeError, match="power cut"):
        ReportWorkbooks(db).ledger(supervisor, PERIOD, path, full_personal_data=True)
    assert path.read_bytes() == b"yesterday's report"
    assert list(out.iterdir()) == [path]
    assert not [name for name in db.data_dir.iterdir() if name.suffix == ".tmp"]
    # the rows left the database: the audit entry, written before the first one, stays
    (entry,) = audit_entries(db)
    assert entry.target == str(path)


def test_bad_output_paths_are_refused_before_any_work(
    db: Database, scenario: Scenario, supervisor: Actor, out: Path
) -> None:
    workbooks = ReportWorkbooks(db)
    (out / "folder.xlsx").mkdir()
    with pytest.raises(UserError, match=r"\.xlsx 结尾"):
        workbooks.daily(supervisor, LAST, out / "report.xls")
    with pytest.raises(UserError, match="文件夹不存在"):
        workbooks.ledger(supervisor, PERIOD, out / "missing" / "r.xlsx", full_personal_data=True)
    with pytest.raises(UserError, match="是文件夹"):
        workbooks.deadline_warnings(supervisor, out / "folder.xlsx")
    assert [path.name for path in out.iterdir()] == ["folder.xlsx"]
    assert audit_entries(db) == []


def test_an_unwritable_target_is_a_plain_message(
    db: Database,
    scenario: Scenario,
    supervisor: Actor,
    out: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def locked(source: Any, target: Any) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(output_files.os, "replace", locked)
    with pytest.raises(UserError, match="被其他程序"):
        ReportWorkbooks(db).daily(supervisor, LAST, out / "open-in-excel.xlsx")
    assert list(out.iterdir()) == []
    assert not [name for name in db.data_dir.iterdir() if name.suffix == ".tmp"]


def test_ledger_pages_give_every_case_once_in_order(
    db: Database, scenario: Scenario, supervisor: Actor, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pages of 3 (each its own transaction) list the same 14 cases as a single page."""
    listings = ReportListingService(db)
    with listings.ledger(supervisor, PERIOD) as listing:
        whole = [row.number for row in listing]
    monkeypatch.setattr(report_listings, "LEDGER_PAGE", 3)
    with listings.ledger(supervisor, PERIOD) as listing:
        paged = [row.number for row in listing]
    assert paged == whole
    assert len(paged) == 14
    assert paged == sorted(paged)  # numbers run by day and sequence


def test_a_ledger_without_cases_has_its_header_and_a_zero_total(
    db: Database, scenario: Scenario, supervisor: Actor, out: Path
) -> None:
    path = out / "空台账.xlsx"
    empty = Period(dt.date(2026, 8, 1), dt.date(2026, 8, 31))
    assert ReportWorkbooks(db).ledger(supervisor, empty, path).rows == 0
    sheet = load_workbook(path)["办件台账"]
    assert values(sheet, 4) == [column.header for column in LEDGER_COLUMNS]
    assert values(sheet, 5)[:2] == ["合计", "共0件"]
    assert sheet.max_row == 5
    assert sheet.auto_filter.ref == "A4:AB4"
