"""The catalog admin page and its import wizard, driven as an administrator drives them, checked
against the database."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QModelIndex, Qt, QThreadPool
from PySide6.QtWidgets import QDialog, QFileDialog, QWidget
from pytestqt.qtbot import QtBot

from tests.data.catalog_builders import (
    MATERIAL_HEADER,
    basic_sheets,
    compound_file,
    item_row,
    material_row,
    truncated_copy,
    write_basic,
    write_sheets,
)
from tests.keyboard import type_text
from tests.ui.writes import changed_elsewhere
from townclerk.db.database import Database
from townclerk.errors import PermissionDenied
from townclerk.formats.catalog.reader import CatalogFileRefused, read_catalog
from townclerk.formats.catalog.shape import Problem, Severity
from townclerk.paths import resource_path
from townclerk.records.changes import DataArea
from townclerk.services.access import Actor, Permission
from townclerk.services.catalog import CatalogPreview, CatalogService
from townclerk.ui.context import AppContext, DataBus, Session
from townclerk.ui.main_window import MainWindow
from townclerk.ui.pages.catalog import import_wizard as catalog_import
from townclerk.ui.pages.catalog.catalog_page import CatalogAdminPage
from townclerk.ui.pages.catalog.change_table import (
    COL_AFTER,
    COL_BEFORE,
    COL_NAME,
    CatalogChangeModel,
    ChangedLinesRole,
    ChangeGroup,
    CodeRole,
    FieldRole,
    NodeKind,
    NodeKindRole,
    changed_lines,
)
from townclerk.ui.pages.catalog.import_wizard import CatalogImportDialog, ImportStep
from townclerk.ui.pages.catalog.problem_table import (
    COL_COLUMN,
    COL_MESSAGE,
    COL_ROW,
    COL_SHEET,
    CatalogProblemModel,
    ProblemRole,
)
from townclerk.ui.pages.catalog.version_table import (
    COL_FILE,
    COL_LABEL,
    COL_RETIRED,
    COL_SHA256,
    CatalogVersionModel,
    VersionRole,
)
from townclerk.ui.pages.registry import PAGES

WAIT_MS = 15_000
CATALOG_PAGE = next(spec for spec in PAGES if spec.key == "catalog")


# --- helpers -----------------------------------------------------------------------------------
def click(qtbot: QtBot, widget: QWidget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def make_context(db: Database, actor: Actor) -> AppContext:
    context = AppContext(db, DataBus())
    context.session = Session(actor, None, "")
    return context


class FileDialogs:
    """Stands in for QFileDialog's static methods: answers with a path, records what was asked."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.open_answer: Path | None = None
        self.save_answer: Path | None = None
        self.suggested: list[str] = []
        monkeypatch.setattr(QFileDialog, "getOpenFileName", self._open)
        monkeypatch.setattr(QFileDialog, "getSaveFileName", self._save)

    def _open(self, *args: object, **kwargs: object) -> tuple[str, str]:
        return (str(self.open_answer) if self.open_answer else "", "")

    def _save(self, _parent: object, _title: str, suggested: str, *rest: object) -> tuple[str, str]:
        self.suggested.append(suggested)
        return (str(self.save_answer) if self.save_answer else "", "")


def wait_page(qtbot: QtBot, page: CatalogAdminPage) -> None:
    qtbot.waitUntil(lambda: not page.is_busy(), timeout=WAIT_MS)


def wait_dialog(qtbot: QtBot, dialog: CatalogImportDialog) -> None:
    qtbot.waitUntil(lambda: not dialog.is_working(), timeout=WAIT_MS)


def open_wizard(qtbot: QtBot, page: CatalogAdminPage) -> CatalogImportDialog:
    click(qtbot, page.import_button)
    dialog = page.import_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.step is ImportStep.CHOOSE
    return dialog


def check_file(qtbot: QtBot, dialog: CatalogImportDialog, files: FileDialogs, path: Path) -> None:
    files.open_answer = path
    click(qtbot, dialog.browse_button)
    assert dialog.file_edit.text() == str(path)
    click(qtbot, dialog.check_button)
    wait_dialog(qtbot, dialog)


def second_version_sheets() -> dict[str, list[list[object]]]:
    """The basic catalog revised: SCJG-001's promised limit 5 → 3, CL-001's bank card now an
    original, GA-001 (居住证申领) gone from the file."""
    sheets = basic_sheets()
    header, _business, disabled, _residence = sheets["事项"]
    sheets["事项"] = [header, item_row("SCJG-001", "个体工商户设立登记", promised_days=3), disabled]
    sheets["申请材料"] = [
        MATERIAL_HEADER,
        *[row for row in sheets["申请材料"][1:] if row[0] == "SCJG-001"],
        material_row("CL-001", "残疾人证", 1),
        material_row("CL-001", "银行卡", 2, form="原件"),
    ]
    return sheets


def child_rows(model: CatalogChangeModel, parent: QModelIndex) -> list[QModelIndex]:
    return [model.index(row, 0, parent) for row in range(model.rowCount(parent))]


def field_index(model: CatalogChangeModel, code: str, field: str) -> QModelIndex:
    group = model.group_index(ChangeGroup.CHANGED)
    item = next(index for index in child_rows(model, group) if index.data(CodeRole) == code)
    return next(index for index in child_rows(model, item) if index.data(FieldRole) == field)


def field_changes(model: CatalogChangeModel, code: str) -> dict[str, tuple[str, str, str]]:
    """The changed fields of item ``code``: field name → (label, before, after)."""
    group = model.group_index(ChangeGroup.CHANGED)
    item = next(index for index in child_rows(model, group) if index.data(CodeRole) == code)
    found = {}
    for field in child_rows(model, item):
        assert field.data(NodeKindRole) is NodeKind.FIELD
        row = field.row()
        found[field.data(FieldRole)] = (
            model.index(row, COL_NAME, item).data(),
            model.index(row, COL_BEFORE, item).data(),
            model.index(row, COL_AFTER, item).data(),
        )
    return found


def problem_rows(model: CatalogProblemModel) -> list[tuple[str, str, str, str]]:
    return [
        (
            model.index(row, COL_SHEET).data(),
            model.index(row, COL_ROW).data(),
            model.index(row, COL_COLUMN).data(),
            model.index(row, COL_MESSAGE).data(),
        )
        for row in range(model.rowCount())
    ]


def expected_rows(problems: tuple[Problem, ...]) -> list[tuple[str, str, str, str]]:
    ordered = sorted(problems, key=lambda p: p.severity is not Severity.ERROR)
    return [
        (
            p.sheet,
            "" if p.row is None else str(p.row),
            " ".join(part for part in (p.column_letter, p.column) if part),
            p.message,
        )
        for p in ordered
    ]


# --- fixtures ----------------------------------------------------------------------------------
@pytest.fixture
def files(monkeypatch: pytest.MonkeyPatch) -> FileDialogs:
    return FileDialogs(monkeypatch)


@pytest.fixture
def context(qtbot: QtBot, db: Database, admin: Actor) -> AppContext:
    return make_context(db, admin)


@pytest.fixture
def page(qtbot: QtBot, context: AppContext) -> Iterator[CatalogAdminPage]:
    page = CatalogAdminPage(context)
    qtbot.addWidget(page)
    page.resize(1300, 700)
    page.show()
    wait_page(qtbot, page)
    yield page
    QThreadPool.globalInstance().waitForDone(WAIT_MS)


# --- the whole wizard --------------------------------------------------------------------------
def test_the_whole_wizard_imports_the_sample_catalog(
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    db: Database,
    context: AppContext,
    page: CatalogAdminPage,
    files: FileDialogs,
) -> None:
    sample = resource_path("catalog", "sample_catalog.xlsx")
    in_file = [item.code for item in read_catalog(sample).items]
    assert len(in_file) >= 200
    assert page.model.rowCount() == 0
    assert page.counts_label.text() == "有效事项：0个    已撤销事项：0个    目录版本：0个"
    assert context.search.search("zdcjrhlbt") == []  # the index is built, and empty

    # Hold the check on its worker thread to see the busy step while the UI thread runs on.
    release = threading.Event()
    real_preview = context.catalog.preview

    def held_preview(actor: Actor, path: Path) -> CatalogPreview:
        assert release.wait(WAIT_MS)
        return real_preview(actor, path)

    monkeypatch.setattr(context.catalog, "preview", held_preview)
    dialog = open_wizard(qtbot, page)
    assert not dialog.check_button.isEnabled()  # no file yet
    files.open_answer = sample
    click(qtbot, dialog.browse_button)
    assert dialog.file_edit.text() == str(sample)
    assert "sample_catalog" in dialog.label_edit.placeholderText()
    type_text(dialog.label_edit, "2026年赋权目录")
    click(qtbot, dialog.check_button)
    assert dialog.step is ImportStep.CHECKING
    assert dialog.progress.isVisible() and dialog.progress.maximum() == 0  # busy indicator
    assert not dialog.close_button.isEnabled() and not dialog.apply_button.isVisible()
    qtbot.wait(50)  # events are processed while the worker is held: the UI is not blocked
    dialog.reject()
    assert dialog.isVisible()  # not closed half-way
    release.set()
    wait_dialog(qtbot, dialog)

    assert dialog.step is ImportStep.PREVIEW
    assert dialog.change_tree.objectName() == "changeTree"
    assert "sample_catalog.xlsx" in dialog.preview_summary.text()
    assert f"新增{len(in_file)}个，变更0个，撤销0个，未变0个" in (dialog.preview_summary.text())
    model = dialog.change_model
    assert model.codes_in(ChangeGroup.ADDED) == in_file
    assert not model.group_index(ChangeGroup.CHANGED).isValid()
    assert not model.group_index(ChangeGroup.RETIRED).isValid()
    assert dialog.change_tree.isExpanded(model.group_index(ChangeGroup.ADDED))
    assert not dialog.retire_note.isVisible()
    assert dialog.apply_button.isVisible() and dialog.apply_button.isEnabled()
    assert CatalogService(db).versions() == []  # a preview writes nothing

    with qtbot.waitSignal(context.bus.data_changed, timeout=WAIT_MS) as announced:
        click(qtbot, dialog.apply_button)
    wait_dialog(qtbot, dialog)
    assert announced.args == [DataArea.CATALOG, None]
    assert dialog.step is ImportStep.DONE
    assert dialog.summary_line.text() == (
        f"新增{len(in_file)}项，变更0项，编码变更0项，撤销0项，未变0项"
    )
    assert dialog.summary_label.text() == "已导入为目录版本 #1「2026年赋权目录」。"

    service = CatalogService(db)
    (version,) = service.versions()
    assert (version.label, version.file_name, version.added) == (
        "2026年赋权目录",
        "sample_catalog.xlsx",
        len(in_file),
    )
    assert [item.code for item in service.items()] == in_file
    # The search index reloaded on the announcement: the new items are found at once.
    assert [item.code for item in context.search.search("重度残疾人护理补贴", limit=50)]

    wait_page(qtbot, page)
    assert page.model.rowCount() == 1
    assert page.model.index(0, COL_LABEL).data() == "2026年赋权目录"
    assert page.model.index(0, COL_FILE).data() == "sample_catalog.xlsx"
    assert page.model.index(0, COL_SHA256).data() == version.sha256[:8]
    header = page.model.headerData(COL_SHA256, Qt.Orientation.Horizontal)
    assert header == "文件指纹（前8位）"
    assert "同一个文件" in page.model.headerData(
        COL_SHA256, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole
    )
    assert version.sha256 in page.model.index(0, COL_SHA256).data(Qt.ItemDataRole.ToolTipRole)
    assert page.counts_label.text() == (
        f"有效事项：{len(in_file)}个    已撤销事项：0个    目录版本：1个"
    )
    click(qtbot, dialog.close_button)
    qtbot.waitUntil(lambda: page.import_dialog is None, timeout=WAIT_MS)


def test_ctrl_enter_takes_the_wizard_forward_and_escape_cancels(
    qtbot: QtBot, db: Database, context: AppContext, page: CatalogAdminPage, files: FileDialogs
) -> None:
    """Ctrl+Enter does what the step's forward button does: check, import, close."""
    ctrl = Qt.KeyboardModifier.ControlModifier
    dialog = open_wizard(qtbot, page)
    files.open_answer = resource_path("catalog", "sample_catalog.xlsx")
    click(qtbot, dialog.browse_button)
    qtbot.keyClick(dialog.label_edit, Qt.Key.Key_Return, ctrl)
    wait_dialog(qtbot, dialog)
    assert dialog.step is ImportStep.PREVIEW
    qtbot.keyClick(dialog.change_tree, Qt.Key.Key_Return, ctrl)
    wait_dialog(qtbot, dialog)
    assert dialog.step is ImportStep.DONE and len(context.catalog.versions()) == 1
    qtbot.keyClick(dialog.close_button, Qt.Key.Key_Return, ctrl)
    assert not dialog.isVisible()

    again = open_wizard(qtbot, page)
    qtbot.keyClick(again.file_edit, Qt.Key.Key_Escape)
    assert not again.isVisible() and again.result() == QDialog.DialogCode.Rejected
    assert len(CatalogService(db).versions()) == 1


def test_a_second_version_retires_items_which_the_preview_lists(
    qtbot: QtBot,
    db: Database,
    admin: Actor,
    context: AppContext,
    page: CatalogAdminPage,
    files: FileDialogs,
    tmp_path: Path,
) -> None:
    service = CatalogService(db)
    service.import_file(admin, write_basic(tmp_path / "v1.xlsx"), label="第一版")
    changed_elsewhere(context, DataArea.CATALOG)  # as any screen does after changing the catalog
    wait_page(qtbot, page)
    assert page.model.rowCount() == 1
    dialog = open_wizard(qtbot, page)
    type_text(dialog.label_edit, "第二版")
    check_file(qtbot, dialog, files, write_sheets(tmp_path / "v2.xlsx", second_version_sheets()))

    assert dialog.step is ImportStep.PREVIEW
    model = dialog.change_model
    assert model.codes_in(ChangeGroup.RETIRED) == ["GA-001"]
    assert model.codes_in(ChangeGroup.CHANGED) == ["SCJG-001", "CL-001"]
    assert not model.group_index(ChangeGroup.ADDED).isValid()
    retired = model.index(0, COL_NAME, model.group_index(ChangeGroup.RETIRED)).data()
    assert retired == "居住证申领（县公安局）"
    assert dialog.retire_note.isVisible()
    assert "仍可正常办结" in dialog.retire_note.text()
    assert field_changes(model, "SCJG-001") == {"promised_days": ("承诺时限（工作日）", "5", "3")}
    (label, before, after) = field_changes(model, "CL-001")["materials"]
    assert label == "申请材料"
    assert before.splitlines() == [
        "1. 残疾人证（原件，1份，必要）",
        "2. 银行卡（复印件，1份，必要）",
    ]
    assert after.splitlines() == ["1. 残疾人证（原件，1份，必要）", "2. 银行卡（原件，1份，必要）"]
    # The line that differs is marked for the delegate to draw in bold; the row is tall enough
    # for both lines.
    materials = field_index(model, "CL-001", "materials")
    before_cell = materials.siblingAtColumn(COL_BEFORE)
    assert before_cell.data(ChangedLinesRole) == (False, True)
    assert materials.siblingAtColumn(COL_AFTER).data(ChangedLinesRole) == (False, True)
    limit = field_index(model, "SCJG-001", "promised_days")
    assert limit.siblingAtColumn(COL_BEFORE).data(ChangedLinesRole) is None
    qtbot.waitUntil(
        lambda: (
            dialog.change_tree.visualRect(before_cell).height()
            >= 2 * dialog.change_tree.fontMetrics().lineSpacing()
        ),
        timeout=WAIT_MS,
    )
    assert not dialog.grab().isNull()  # paints the marked lines
    dialog.change_tree.setCurrentIndex(before_cell)
    assert not dialog.grab().isNull()  # and again, selected
    assert not dialog.change_tree.isColumnHidden(COL_BEFORE)
    assert dialog.change_tree.isExpanded(materials.parent())  # fields in view at once
    assert "新增0个，变更2个，撤销1个，未变0个" in dialog.preview_summary.text()

    click(qtbot, dialog.apply_button)
    wait_dialog(qtbot, dialog)
    assert dialog.summary_line.text() == ("新增0项，变更2项，编码变更0项，撤销1项，未变0项")
    assert [item.code for item in service.items()] == ["SCJG-001", "CL-001"]
    residence = next(i for i in service.items(include_retired=True) if i.code == "GA-001")
    assert residence.active is False
    assert service.item(residence.id).active is False  # retired, still there
    wait_page(qtbot, page)
    assert [page.model.index(row, COL_LABEL).data() for row in range(2)] == ["第二版", "第一版"]
    assert page.model.index(0, COL_RETIRED).data() == "1"
    assert page.counts_label.text() == "有效事项：2个    已撤销事项：1个    目录版本：2个"


def test_many_changed_items_are_listed_closed(
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    db: Database,
    admin: Actor,
    page: CatalogAdminPage,
    files: FileDialogs,
    tmp_path: Path,
) -> None:
    monkeypatch.setattr(catalog_import, "EXPAND_CHANGED_LIMIT", 1)
    CatalogService(db).import_file(admin, write_basic(tmp_path / "v1.xlsx"))
    dialog = open_wizard(qtbot, page)
    check_file(qtbot, dialog, files, write_sheets(tmp_path / "v2.xlsx", second_version_sheets()))
    model = dialog.change_model
    changed = model.group_index(ChangeGroup.CHANGED)
    assert dialog.change_tree.isExpanded(changed)
    assert dialog.change_tree.isExpanded(model.group_index(ChangeGroup.RETIRED))
    assert [dialog.change_tree.isExpanded(index) for index in child_rows(model, changed)] == [
        False,
        False,
    ]
    assert field_changes(model, "SCJG-001")["promised_days"][1:] == ("5", "3")  # one click away


# --- files that cannot be imported ---------------------------------------------------------------
def test_a_file_with_errors_shows_every_problem_and_cannot_be_applied(
    qtbot: QtBot, db: Database, page: CatalogAdminPage, files: FileDialogs, tmp_path: Path
) -> None:
    sheets = basic_sheets()
    sheets["事项"] += [
        item_row("BAD-1", "承诺超过法定", statutory_days=3, promised_days=9),
        item_row("SCJG-001", "重复的编码"),
        item_row("BAD-2", "未知类型", category="行政魔法"),
    ]
    sheets["申请材料"].append(material_row("NO-SUCH", "不存在事项的材料"))
    path = write_sheets(tmp_path / "有错误的目录.xlsx", sheets)
    parsed = read_catalog(path)
    assert len(parsed.errors) >= 4

    dialog = open_wizard(qtbot, page)
    check_file(qtbot, dialog, files, path)
    assert dialog.step is ImportStep.PROBLEMS
    assert dialog.problem_table.objectName() == "problemTable"
    assert problem_rows(dialog.problem_model) == expected_rows(parsed.problems)
    first = dialog.problem_model.index(0, 0).data(ProblemRole)
    assert first.severity is Severity.ERROR
    assert f"有{len(parsed.errors)}个错误" in dialog.problem_summary.text()
    # No way to apply: no button, and the method refuses outside the review step.
    assert not dialog.apply_button.isVisible()
    dialog.apply()
    assert dialog.step is ImportStep.PROBLEMS and not dialog.is_working()
    assert CatalogService(db).versions() == []
    assert CatalogService(db).items(include_retired=True) == []

    files.save_answer = tmp_path / "问题清单"  # typed without the suffix
    click(qtbot, dialog.save_problems_button)
    wait_dialog(qtbot, dialog)
    assert files.suggested == [str(tmp_path / "有错误的目录_问题清单.xlsx")]
    saved = tmp_path / "问题清单.xlsx"
    assert dialog.problems_path == saved and saved.is_file()
    assert not dialog.problems_message.is_error
    assert str(saved) in dialog.problems_message.text()
    sheet = load_workbook(saved).active
    assert sheet is not None
    messages = [row[5] for row in sheet.iter_rows(min_row=3, values_only=True)]
    assert sorted(messages) == sorted(p.message for p in parsed.problems)
    assert CatalogService(db).versions() == []

    # Back to the first step to choose another file; the label typed is kept.
    click(qtbot, dialog.back_button)
    assert dialog.step is ImportStep.CHOOSE


def refused_csv(folder: Path) -> Path:
    path = folder / "目录.xlsx"
    path.write_text("事项编码,事项名称\nSCJG-001,个体工商户设立登记\n", encoding="utf-8")
    return path


def refused_truncated(folder: Path) -> Path:
    return truncated_copy(write_basic(folder / "whole.xlsx"), folder / "截断.xlsx")


def refused_encrypted(folder: Path) -> Path:
    path = folder / "加密.xlsx"
    path.write_bytes(compound_file(["EncryptionInfo", "EncryptedPackage"]))
    return path


def refused_old_xls(folder: Path) -> Path:
    path = folder / "旧格式.xlsx"
    path.write_bytes(compound_file(["Workbook"]))
    return path


@pytest.mark.parametrize(
    "make_file", [refused_csv, refused_truncated, refused_encrypted, refused_old_xls]
)
def test_a_refused_file_shows_its_one_line_message_and_writes_nothing(
    qtbot: QtBot,
    db: Database,
    page: CatalogAdminPage,
    files: FileDialogs,
    tmp_path: Path,
    make_file: object,
) -> None:
    path = make_file(tmp_path)  # type: ignore[operator]
    with pytest.raises(CatalogFileRefused) as refused:
        read_catalog(path)
    message = str(refused.value)
    assert message and "\n" not in message
    dialog = open_wizard(qtbot, page)
    check_file(qtbot, dialog, files, path)
    assert dialog.step is ImportStep.CHOOSE
    assert dialog.choose_message.is_error
    assert dialog.choose_message.text() == "✗ " + message
    assert CatalogService(db).versions() == []
    assert CatalogService(db).items(include_retired=True) == []


def test_warnings_are_shown_and_do_not_block(
    qtbot: QtBot, db: Database, page: CatalogAdminPage, files: FileDialogs, tmp_path: Path
) -> None:
    sheets = basic_sheets()
    sheets["事项"][1] = item_row("SCJG-001", "个体工商户设立登记", legal_basis="")
    path = write_sheets(tmp_path / "warn.xlsx", sheets)
    parsed = read_catalog(path)
    assert parsed.problems and not parsed.errors

    dialog = open_wizard(qtbot, page)
    check_file(qtbot, dialog, files, path)
    assert dialog.step is ImportStep.PREVIEW
    assert dialog.warning_table.isVisible()
    assert problem_rows(dialog.warning_model) == expected_rows(parsed.problems)
    assert dialog.warning_label.text() == f"{len(parsed.warnings)}个警告（不影响导入）："
    assert dialog.apply_button.isEnabled()
    click(qtbot, dialog.apply_button)
    wait_dialog(qtbot, dialog)
    assert dialog.summary_line.text() == ("新增3项，变更0项，编码变更0项，撤销0项，未变0项")
    assert len(CatalogService(db).versions()) == 1


def test_the_same_file_again_is_no_change_and_no_version(
    qtbot: QtBot,
    db: Database,
    admin: Actor,
    context: AppContext,
    page: CatalogAdminPage,
    files: FileDialogs,
    tmp_path: Path,
) -> None:
    path = write_basic(tmp_path / "v1.xlsx")
    CatalogService(db).import_file(admin, path)
    announced: list[DataArea] = []
    context.bus.data_changed.connect(lambda area, _initiator: announced.append(area))
    dialog = open_wizard(qtbot, page)
    check_file(qtbot, dialog, files, path)
    assert dialog.step is ImportStep.PREVIEW
    assert "文件与当前目录相同" in dialog.preview_summary.text()
    assert dialog.change_model.rowCount() == 0
    click(qtbot, dialog.apply_button)
    wait_dialog(qtbot, dialog)
    assert dialog.step is ImportStep.DONE
    assert dialog.version is None
    assert dialog.summary_label.text().startswith("没有变更")
    assert dialog.summary_line.text() == "新增0项，变更0项，编码变更0项，撤销0项，未变3项"
    assert len(CatalogService(db).versions()) == 1
    assert announced == []


def test_a_catalog_changed_after_the_preview_is_not_applied(
    qtbot: QtBot,
    db: Database,
    admin: Actor,
    page: CatalogAdminPage,
    files: FileDialogs,
    tmp_path: Path,
) -> None:
    dialog = open_wizard(qtbot, page)
    check_file(qtbot, dialog, files, write_basic(tmp_path / "v1.xlsx"))
    assert dialog.step is ImportStep.PREVIEW
    # Someone imports another file meanwhile (another admin, or the CLI).
    CatalogService(db).import_file(
        admin, write_sheets(tmp_path / "other.xlsx", second_version_sheets())
    )
    click(qtbot, dialog.apply_button)
    wait_dialog(qtbot, dialog)
    assert dialog.step is ImportStep.PREVIEW
    assert dialog.apply_message.is_error
    assert dialog.apply_message.text() == "✗ 预览之后事项目录已被更改，请重新预览后再导入"
    assert len(CatalogService(db).versions()) == 1
    assert {i.code for i in CatalogService(db).items()} == {"SCJG-001", "CL-001"}


# --- export and template -------------------------------------------------------------------------
def test_export_writes_the_active_catalog_off_the_ui_thread(
    qtbot: QtBot,
    db: Database,
    admin: Actor,
    page: CatalogAdminPage,
    files: FileDialogs,
    tmp_path: Path,
) -> None:
    service = CatalogService(db)
    service.import_file(admin, write_basic(tmp_path / "v1.xlsx"))
    files.save_answer = tmp_path / "导出的目录"
    with qtbot.waitSignal(page.file_written, timeout=WAIT_MS) as written:
        click(qtbot, page.export_button)
    wait_page(qtbot, page)
    target = tmp_path / "导出的目录.xlsx"
    assert written.args == [target]
    assert target.is_file()
    assert files.suggested[0].endswith("事项目录20260929.xlsx")
    assert page.message.text() == f"✓ 已导出3个有效事项：{target}"
    assert page.export_button.isEnabled()
    again = service.preview(admin, target)
    assert not again.has_changes and again.unchanged == 3


def test_export_to_a_missing_folder_says_so(
    qtbot: QtBot, db: Database, page: CatalogAdminPage, files: FileDialogs, tmp_path: Path
) -> None:
    files.save_answer = tmp_path / "没有这个文件夹" / "目录.xlsx"
    click(qtbot, page.export_button)
    wait_page(qtbot, page)
    assert page.message.is_error
    assert page.message.text() == f"✗ 文件夹不存在：{tmp_path / '没有这个文件夹'}"
    assert not (tmp_path / "没有这个文件夹").exists()


def test_cancelling_the_file_dialog_writes_nothing(
    qtbot: QtBot, page: CatalogAdminPage, files: FileDialogs, tmp_path: Path
) -> None:
    files.save_answer = None
    click(qtbot, page.export_button)
    click(qtbot, page.template_button)
    assert not page.is_busy()
    assert page.message.text() == ""
    assert list(tmp_path.glob("*.xlsx")) == []


def test_save_the_blank_template(
    qtbot: QtBot, page: CatalogAdminPage, files: FileDialogs, tmp_path: Path
) -> None:
    files.save_answer = tmp_path / "模板.xlsx"
    with qtbot.waitSignal(page.file_written, timeout=WAIT_MS):
        click(qtbot, page.template_button)
    wait_page(qtbot, page)
    workbook = load_workbook(tmp_path / "模板.xlsx")
    assert workbook.sheetnames == ["事项", "申请材料", "说明"]
    assert page.message.text() == f"✓ 已保存空白的事项目录模板：{tmp_path / '模板.xlsx'}"


# --- who may import ------------------------------------------------------------------------------
def test_a_clerk_does_not_see_the_page_and_the_service_refuses_anyway(
    qtbot: QtBot, db: Database, admin: Actor, clerk: Actor, files: FileDialogs, tmp_path: Path
) -> None:
    assert CATALOG_PAGE.permission is Permission.MANAGE_CATALOG
    clerk_context = make_context(db, clerk)
    window = MainWindow(clerk_context, pages=[CATALOG_PAGE])
    qtbot.addWidget(window)
    assert "catalog" not in window.pages
    admin_window = MainWindow(make_context(db, admin), pages=[CATALOG_PAGE])
    qtbot.addWidget(admin_window)
    assert isinstance(admin_window.pages["catalog"], CatalogAdminPage)

    path = write_basic(tmp_path / "v1.xlsx")
    service = CatalogService(db)
    with pytest.raises(PermissionDenied):
        service.preview(clerk, path)
    with pytest.raises(PermissionDenied):
        service.apply(clerk, service.preview(admin, path), "越权导入")

    # Even a page built by mistake for a clerk cannot import: the button is off, and the
    # wizard's check is refused by the service with its own message.
    page = CatalogAdminPage(clerk_context)
    qtbot.addWidget(page)
    assert not page.import_button.isEnabled()
    assert page.open_import() is None
    dialog = CatalogImportDialog(clerk_context)
    qtbot.addWidget(dialog)
    dialog.show()
    check_file(qtbot, dialog, files, path)
    assert dialog.step is ImportStep.CHOOSE
    assert dialog.choose_message.text() == "✗ 窗口工作人员（clerk1）无权管理事项目录"
    QThreadPool.globalInstance().waitForDone(WAIT_MS)
    assert service.versions() == []
    assert service.items(include_retired=True) == []


# --- the models ----------------------------------------------------------------------------------
def test_the_models_pass_the_model_tester(
    qtbot: QtBot, qtmodeltester: object, db: Database, admin: Actor, tmp_path: Path
) -> None:
    service = CatalogService(db)
    service.import_file(admin, write_basic(tmp_path / "v1.xlsx"), label="第一版")
    v2 = write_sheets(tmp_path / "v2.xlsx", second_version_sheets())
    preview = service.preview(admin, v2)
    changes = CatalogChangeModel()
    changes.set_preview(preview)
    qtmodeltester.check(changes)  # type: ignore[attr-defined]
    assert changes.rowCount() == 2  # changed and retired
    # A material inserted in the middle marks that line only, not the ones after it.
    assert changed_lines("a\nb\nc", "a\nx\nb\nc") == (
        (False, False, False),
        (False, True, False, False),
    )
    assert changed_lines("1. 甲\n2. 乙", "1. 甲") == ((False, True), (False,))
    assert changed_lines("5", "3") is None
    changes.set_preview(service.preview(admin, write_basic(tmp_path / "same.xlsx")))
    qtmodeltester.check(changes)  # type: ignore[attr-defined]
    assert changes.rowCount() == 0

    service.apply(admin, preview, "第二版")
    versions = CatalogVersionModel()
    versions.set_versions(service.versions())
    qtmodeltester.check(versions)  # type: ignore[attr-defined]
    assert versions.index(0, COL_LABEL).data(VersionRole).label == "第二版"

    sheets = basic_sheets()
    sheets["事项"].append(item_row("BAD-1", "承诺超过法定", statutory_days=3, promised_days=9))
    sheets["事项"].append(item_row("W-1", "无依据", legal_basis=""))
    problems = CatalogProblemModel()
    problems.set_problems(read_catalog(write_sheets(tmp_path / "bad.xlsx", sheets)).problems)
    qtmodeltester.check(problems)  # type: ignore[attr-defined]
    severities = [
        problems.index(r, 0).data(ProblemRole).severity for r in range(problems.rowCount())
    ]
    assert Severity.ERROR in severities and Severity.WARNING in severities
    assert severities == sorted(severities, key=lambda s: s is not Severity.ERROR)
    assert problems.index(0, COL_ROW).data()


def test_retiring_more_than_a_third_needs_the_number_ticked_and_a_new_code_is_one_change(
    qtbot: QtBot,
    db: Database,
    admin: Actor,
    context: AppContext,
    page: CatalogAdminPage,
    files: FileDialogs,
    tmp_path: Path,
) -> None:
    service = CatalogService(db)
    service.import_file(admin, write_basic(tmp_path / "v1.xlsx"), label="第一版")
    changed_elsewhere(context, DataArea.CATALOG)
    wait_page(qtbot, page)
    sheets = basic_sheets()
    header, business, _disabled, _residence = sheets["事项"]
    business = item_row("SCJG-009", "个体工商户设立登记")  # the same item under a new code
    sheets["事项"] = [header, business]
    header_row, *materials = sheets["申请材料"]
    sheets["申请材料"] = [header_row] + [
        ["SCJG-009", *row[1:]] for row in materials if row[0] == "SCJG-001"
    ]
    dialog = open_wizard(qtbot, page)
    check_file(qtbot, dialog, files, write_sheets(tmp_path / "v2.xlsx", sheets))
    assert dialog.step is ImportStep.PREVIEW
    model = dialog.change_model
    assert model.codes_in(ChangeGroup.CHANGED) == ["SCJG-009"]
    assert model.codes_in(ChangeGroup.RETIRED) == ["CL-001", "GA-001"]
    assert not model.group_index(ChangeGroup.ADDED).isValid()
    name = model.index(0, COL_NAME, model.group_index(ChangeGroup.CHANGED)).data()
    assert "编码变更" in name
    # Two of three items retired: the number must be confirmed before the import works.
    assert dialog.retire_confirm.isVisible()
    assert "现有3个事项中的2个" in dialog.retire_confirm.text()
    assert not dialog.apply_button.isEnabled()
    dialog.retire_confirm.setChecked(True)
    assert dialog.apply_button.isEnabled()
    click(qtbot, dialog.apply_button)
    wait_dialog(qtbot, dialog)
    assert dialog.step is ImportStep.DONE
    assert dialog.summary_line.text() == ("新增0项，变更0项，编码变更1项，撤销2项，未变0项")
    assert [item.code for item in service.items()] == ["SCJG-009"]
