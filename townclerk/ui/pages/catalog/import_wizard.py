"""The catalog import wizard: choose a file → check it → review problems or changes → import.

Reading and checking the workbook (CatalogService.preview) and applying it (CatalogService.apply)
both run on a worker thread while the dialog shows a busy progress bar; the window stays
responsive and the dialog cannot be closed half-way through. Nothing is written before the
admin presses the import button on the review step:

- a file that cannot be read at all (not an xlsx, corrupt, password-protected, too big…) is
  refused with the reader's one-line message, on the first step;
- a file with errors shows every problem (sheet, row, column, message) and can be saved as a
  workbook to fix it from; there is no way to import it;
- otherwise the review lists new items, every changed field with its old and new value, the
  items to retire, the unchanged count and any warnings (which do not block).

The import is a write (ui/operations.py): a new version tells every screen that the catalog
changed (the search index and every screen showing the catalog reload themselves), and the
dialog shows the version created, or that nothing changed.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from enum import Enum
from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QTableView,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from townclerk.formats.catalog.shape import Problem
from townclerk.i18n import pt, t
from townclerk.services.catalog import MAX_LABEL, CatalogPreview, CatalogVersionInfo
from townclerk.ui import style
from townclerk.ui.context import AppContext
from townclerk.ui.crash import user_message
from townclerk.ui.operations import WriteRunner
from townclerk.ui.pages.catalog.change_delegate import ChangedLinesDelegate
from townclerk.ui.pages.catalog.change_table import (
    COL_AFTER,
    COL_BEFORE,
    COL_CODE,
    COL_NAME,
    CatalogChangeModel,
)
from townclerk.ui.pages.catalog.problem_table import (
    COL_COLUMN,
    COL_ROW,
    COL_SEVERITY,
    COL_SHEET,
    CatalogProblemModel,
)
from townclerk.ui.widgets.dialog_keys import add_confirm_keys
from townclerk.ui.widgets.file_dialogs import FileKind
from townclerk.ui.widgets.message_line import MessageLine
from townclerk.ui.widgets.record_table import row_table_view
from townclerk.ui.widgets.workbook_files import ask_open_workbook, ask_save_workbook
from townclerk.ui.worker import TaskRunner

_NOTE_STYLE = (
    f"background: {style.NOTE_FILL.name()}; border: 1px solid {style.NOTE_BORDER.name()}; "
    "padding: 6px;"
)
_SUMMARY_LINE_STYLE = "font-size: 12pt;"
MAX_CODE_WIDTH = 360  # national implementation codes run to 30+ characters
NAME_WIDTH = 320
EXPAND_CHANGED_LIMIT = 300  # changed items shown opened, with their fields


class ImportStep(Enum):
    CHOOSE = "choose"
    CHECKING = "checking"
    PROBLEMS = "problems"
    PREVIEW = "preview"
    APPLYING = "applying"
    DONE = "done"


class CatalogImportDialog(QDialog):
    """Import a catalog workbook, one step at a time; ``imported`` is emitted after an apply."""

    imported = Signal(object)  # the CatalogVersionInfo created, or None when nothing changed

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("catalogImportDialog")
        self.setWindowTitle(t("导入事项目录"))
        self._context = context
        self._runner = TaskRunner(self)
        self._writes = WriteRunner(context, self)
        self.step = ImportStep.CHOOSE
        self._checking = False
        self.preview: CatalogPreview | None = None
        self.version: CatalogVersionInfo | None = None
        self.problems_path: Path | None = None
        self._saving_problems = False

        layout = QVBoxLayout(self)
        self.step_label = QLabel()
        self.step_label.setObjectName("importStepLabel")
        self.step_label.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.step_label)
        self.stack = QStackedWidget()
        self._pages = {
            ImportStep.CHOOSE: self._build_choose_page(),
            ImportStep.CHECKING: self._build_busy_page(),
            ImportStep.PROBLEMS: self._build_problems_page(),
            ImportStep.PREVIEW: self._build_preview_page(),
            ImportStep.DONE: self._build_done_page(),
        }
        self._pages[ImportStep.APPLYING] = self._pages[ImportStep.CHECKING]
        for page in dict.fromkeys(self._pages.values()):
            self.stack.addWidget(page)
        layout.addWidget(self.stack, 1)
        layout.addLayout(self._build_buttons())
        self.resize(1200, 720)
        self._update_file_state()
        self._show_step(ImportStep.CHOOSE)
        add_confirm_keys(self, self._confirm_key)

    # --- layout ----------------------------------------------------------------------------
    def _build_choose_page(self) -> QWidget:
        page = QWidget()
        column = QVBoxLayout(page)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.file_edit = QLineEdit()
        self.file_edit.setObjectName("importFileEdit")
        self.file_edit.setAccessibleName(t("目录文件"))
        self.file_edit.setPlaceholderText(t("要导入的事项目录工作簿（.xlsx）"))
        self.file_edit.textChanged.connect(self._update_file_state)
        self.browse_button = QPushButton(t("浏览(&B)…"))
        self.browse_button.setObjectName("browseButton")
        self.browse_button.clicked.connect(self.browse)
        file_row = QHBoxLayout()
        file_row.addWidget(self.file_edit, 1)
        file_row.addWidget(self.browse_button)
        file_label = QLabel(t("目录文件(&F)："))
        file_label.setBuddy(self.file_edit)  # the row's field is a layout: name the buddy
        form.addRow(file_label, file_row)
        self.label_edit = QLineEdit()
        self.label_edit.setObjectName("importLabelEdit")
        self.label_edit.setAccessibleName(pt("CatalogImportDialog", "版本说明"))
        self.label_edit.setMaxLength(MAX_LABEL)
        form.addRow(t("版本说明(&L)："), self.label_edit)
        column.addLayout(form)
        hint = QLabel(
            t(
                "先读取并检查文件：下一步列出发现的全部问题，或导入将带来的全部变"
                "更。确认导入之前，不会做任何改动。"
            )
        )
        hint.setWordWrap(True)
        hint.setStyleSheet(style.MUTED_TEXT)
        column.addWidget(hint)
        self.choose_message = MessageLine("importMessage")
        column.addWidget(self.choose_message)
        column.addStretch(1)
        return page

    def _build_busy_page(self) -> QWidget:
        page = QWidget()
        column = QVBoxLayout(page)
        column.addStretch(1)
        self.busy_label = QLabel()
        self.busy_label.setObjectName("importBusyLabel")
        self.busy_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.busy_label.setWordWrap(True)
        column.addWidget(self.busy_label)
        self.progress = QProgressBar()
        self.progress.setObjectName("importProgress")
        self.progress.setRange(0, 0)  # the reader reports no steps: a busy indicator
        self.progress.setTextVisible(False)
        column.addWidget(self.progress)
        column.addStretch(2)
        return page

    def _build_problems_page(self) -> QWidget:
        page = QWidget()
        column = QVBoxLayout(page)
        self.problem_summary = QLabel()
        self.problem_summary.setObjectName("problemSummary")
        self.problem_summary.setWordWrap(True)
        self.problem_summary.setStyleSheet(style.ERROR_TEXT)
        column.addWidget(self.problem_summary)
        self.problem_model = CatalogProblemModel(self)
        self.problem_table = self._problem_view(self.problem_model, "problemTable")
        self.problem_table.setAccessibleName(t("文件中发现的问题"))
        column.addWidget(self.problem_table, 1)
        row = QHBoxLayout()
        self.save_problems_button = QPushButton(t("将问题清单另存为工作簿(&S)…"))
        self.save_problems_button.setObjectName("saveProblemsButton")
        self.save_problems_button.clicked.connect(self.save_problems)
        row.addWidget(self.save_problems_button)
        self.problems_message = MessageLine("problemsMessage")
        row.addWidget(self.problems_message, 1)
        column.addLayout(row)
        return page

    def _build_preview_page(self) -> QWidget:
        page = QWidget()
        column = QVBoxLayout(page)
        self.preview_summary = QLabel()
        self.preview_summary.setObjectName("previewSummary")
        self.preview_summary.setWordWrap(True)
        self.preview_summary.setStyleSheet("font-weight: bold;")
        column.addWidget(self.preview_summary)
        self.warning_label = QLabel()
        self.warning_label.setObjectName("warningLabel")
        self.warning_label.setWordWrap(True)
        column.addWidget(self.warning_label)
        self.warning_model = CatalogProblemModel(self)
        self.warning_table = self._problem_view(self.warning_model, "warningTable")
        self.warning_table.setAccessibleName(pt("CatalogImportDialog", "警告"))
        self.warning_table.setMaximumHeight(130)
        column.addWidget(self.warning_table)
        self.retire_note = QLabel(
            t(
                "撤销的事项不会被删除：该事项的在办件保留受理时的事项内容，仍可正"
                "常办结；只是不再受理新的办件。"
            )
        )
        self.retire_note.setObjectName("retireNote")
        self.retire_note.setWordWrap(True)
        self.retire_note.setStyleSheet(_NOTE_STYLE)
        column.addWidget(self.retire_note)
        self.retire_confirm = QCheckBox()
        self.retire_confirm.setObjectName("retireConfirm")
        self.retire_confirm.setStyleSheet(style.ERROR_TEXT)
        self.retire_confirm.toggled.connect(self._update_apply_button)
        column.addWidget(self.retire_confirm)
        self.change_model = CatalogChangeModel(self)
        self.change_tree = QTreeView()
        self.change_tree.setObjectName("changeTree")
        self.change_tree.setAccessibleName(t("导入将带来的变更"))
        self.change_tree.setModel(self.change_model)
        self.change_tree.setItemDelegate(ChangedLinesDelegate(self.change_tree))
        self.change_tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.change_tree.setWordWrap(True)
        self.change_tree.setAlternatingRowColors(True)
        header = self.change_tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(COL_CODE, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(COL_NAME, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(COL_BEFORE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(COL_AFTER, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(COL_CODE, 190)
        header.resizeSection(COL_NAME, NAME_WIDTH)
        # Wrapped values get taller as their column gets narrower: lay the rows out again once
        # the columns have their widths (after a resize of the dialog or of a column).
        self._relayout = QTimer(self)
        self._relayout.setSingleShot(True)
        self._relayout.setInterval(0)
        self._relayout.timeout.connect(self.change_tree.doItemsLayout)
        header.sectionResized.connect(lambda *_sizes: self._relayout.start())
        column.addWidget(self.change_tree, 1)
        self.apply_message = MessageLine("applyMessage")
        column.addWidget(self.apply_message)
        return page

    def _build_done_page(self) -> QWidget:
        page = QWidget()
        column = QVBoxLayout(page)
        column.addStretch(1)
        self.summary_label = QLabel()
        self.summary_label.setObjectName("summaryLabel")
        self.summary_label.setWordWrap(True)
        self.summary_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.summary_label.setStyleSheet("font-size: 13pt;")
        column.addWidget(self.summary_label)
        self.summary_line = QLabel()
        self.summary_line.setObjectName("summaryLine")
        self.summary_line.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.summary_line.setStyleSheet(_SUMMARY_LINE_STYLE)
        self.summary_line.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        column.addWidget(self.summary_line)
        column.addStretch(2)
        return page

    def _build_buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.back_button = QPushButton(t("< 上一步(&B)"))
        self.back_button.setObjectName("backButton")
        self.back_button.clicked.connect(self.back)
        row.addWidget(self.back_button)
        row.addStretch(1)
        self.check_button = QPushButton()
        self.check_button.setObjectName("checkButton")
        self.check_button.clicked.connect(self.check)
        row.addWidget(self.check_button)
        self.apply_button = QPushButton(t("确认导入(&I)"))
        self.apply_button.setObjectName("applyButton")
        self.apply_button.clicked.connect(self.apply)
        row.addWidget(self.apply_button)
        self.close_button = QPushButton()
        self.close_button.setObjectName("closeButton")
        self.close_button.clicked.connect(self.reject)
        row.addWidget(self.close_button)
        return row

    def _problem_view(self, model: CatalogProblemModel, name: str) -> QTableView:
        widths = {COL_SEVERITY: 60, COL_SHEET: 90, COL_ROW: 60, COL_COLUMN: 170}
        view = row_table_view(name, model, column_widths=widths)
        view.setWordWrap(True)
        header = view.horizontalHeader()
        # A long message wraps onto more lines as its column narrows: fit the rows again once
        # the columns have their widths, and after every resize.
        fit_rows = QTimer(view)
        fit_rows.setSingleShot(True)
        fit_rows.setInterval(0)
        fit_rows.timeout.connect(view.resizeRowsToContents)
        header.sectionResized.connect(lambda *_sizes: fit_rows.start())
        model.modelReset.connect(fit_rows.start)
        return view

    # --- steps -----------------------------------------------------------------------------
    def _show_step(self, step: ImportStep) -> None:
        self.step = step
        self.stack.setCurrentWidget(self._pages[step])
        working = step in (ImportStep.CHECKING, ImportStep.APPLYING)
        self.back_button.setVisible(step in (ImportStep.PROBLEMS, ImportStep.PREVIEW))
        self.check_button.setVisible(step in (ImportStep.CHOOSE, ImportStep.PROBLEMS))
        self.check_button.setText(
            t("重新检查(&C)") if step is ImportStep.PROBLEMS else t("检查文件(&C)")
        )
        self.apply_button.setVisible(step is ImportStep.PREVIEW)
        self._update_apply_button()
        self.close_button.setText(t("关闭(&C)") if step is ImportStep.DONE else t("取消"))
        self.close_button.setEnabled(not working)
        # Enter checks a file or closes the summary; an import is only ever a deliberate click.
        default = {
            ImportStep.CHOOSE: self.check_button,
            ImportStep.DONE: self.close_button,
        }.get(step)
        for button in (self.check_button, self.apply_button, self.close_button):
            button.setDefault(button is default)
            button.setAutoDefault(button is default)
        self._show_step_label()

    def _confirm_key(self) -> None:
        """Ctrl+Enter: the step's forward button (check, import, close the summary); a
        disabled one (an import waiting for its confirmation) does nothing."""
        button = {
            ImportStep.CHOOSE: self.check_button,
            ImportStep.PROBLEMS: self.check_button,
            ImportStep.PREVIEW: self.apply_button,
            ImportStep.DONE: self.close_button,
        }.get(self.step)
        if button is not None:
            button.click()

    def _show_step_label(self) -> None:
        names = (
            (ImportStep.CHOOSE, t("1. 选择文件")),
            (ImportStep.CHECKING, t("2. 检查")),
            (ImportStep.PREVIEW, t("3. 查看变更")),
            (ImportStep.DONE, t("4. 完成")),
        )
        current = {
            ImportStep.PROBLEMS: ImportStep.PREVIEW,
            ImportStep.APPLYING: ImportStep.PREVIEW,
        }.get(self.step, self.step)
        parts = [
            f"<b>{html.escape(name)}</b>"
            if step is current
            else style.coloured_html(html.escape(name), style.INACTIVE)
            for step, name in names
        ]
        self.step_label.setText(" &nbsp;›&nbsp; ".join(parts))

    def _update_file_state(self) -> None:
        path = self.chosen_path()
        self.check_button.setEnabled(path is not None)
        stem = path.stem if path is not None else ""
        self.label_edit.setPlaceholderText(
            t("可不填，默认为文件名“{name}”", name=stem) if stem else t("可不填，默认为文件名")
        )

    def chosen_path(self) -> Path | None:
        text = self.file_edit.text().strip()
        return Path(text) if text else None

    def back(self) -> None:
        if self.busy:
            return
        self.apply_message.clear_message()
        self._show_step(ImportStep.CHOOSE)

    # --- choosing --------------------------------------------------------------------------
    def browse(self) -> None:
        current = self.chosen_path()
        chosen = ask_open_workbook(self, current.parent if current is not None else None)
        if chosen is not None:
            self.file_edit.setText(str(chosen))
            self.choose_message.clear_message()

    # --- checking --------------------------------------------------------------------------
    def check(self) -> None:
        """Read, validate and compare the chosen file on a worker thread."""
        path = self.chosen_path()
        if self.busy or path is None:
            return
        catalog = self._context.catalog
        actor = self._context.actor
        self.preview = None
        self.choose_message.clear_message()
        self._checking = True
        self._start_work(
            ImportStep.CHECKING,
            t("正在读取并检查“{file}”…", file=path.name),
        )
        self._runner.start(
            lambda _progress: catalog.preview(actor, path),
            on_done=self._checked,
            on_error=self._check_failed,
        )

    def _checked(self, preview: CatalogPreview) -> None:
        self._checking = False
        self.preview = preview
        if preview.has_errors:
            self._show_problems(preview)
        else:
            self._show_preview(preview)

    def _check_failed(self, error: BaseException, _trace: str) -> None:
        self._checking = False
        self._show_step(ImportStep.CHOOSE)
        message = user_message(error)
        self.choose_message.show_error(message)

    def _show_problems(self, preview: CatalogPreview) -> None:
        self.problem_model.set_problems(preview.problems)
        self.problem_summary.setText(
            t(
                "“{file}”有{errors}个错误、{warnings}个警告，不能导入。请修改文件"
                "（可将下面的问题清单另存为工作簿，逐条修改）后重新检查。",
                file=preview.file_name,
                errors=len(preview.errors),
                warnings=len(preview.warnings),
            )
        )
        self.problems_message.clear_message()
        self._show_step(ImportStep.PROBLEMS)

    def _show_preview(self, preview: CatalogPreview) -> None:
        text = t(
            "“{file}”：新增{added}个，变更{changed}个，撤销{retired}个，未变{unchanged}个。",
            file=preview.file_name,
            added=len(preview.added),
            changed=len(preview.changed),
            retired=len(preview.retired),
            unchanged=preview.unchanged,
        )
        if not preview.has_changes:
            text += " " + t("文件与当前目录相同：导入不会产生任何变更，也不会创建新版本。")
        self.preview_summary.setText(text)
        warnings = preview.warnings
        self.warning_model.set_problems(warnings)
        self.warning_label.setText(t("{count}个警告（不影响导入）：", count=len(warnings)))
        self.warning_label.setVisible(bool(warnings))
        self.warning_table.setVisible(bool(warnings))
        self.retire_note.setVisible(bool(preview.retired))
        # Retiring more than a third of the catalog is usually a partial file: the admin
        # confirms the number before the import button works.
        self.retire_confirm.setChecked(False)
        self.retire_confirm.setVisible(preview.retires_many)
        self.retire_confirm.setText(
            t(
                "确认撤销现有{active}个事项中的{retired}个（超过三分之一）",
                retired=len(preview.retired),
                active=preview.active_before,
            )
        )
        self.change_model.set_preview(preview)
        self._fit_change_columns(preview)
        self._expand_changes(preview)
        self.apply_message.clear_message()
        self._show_step(ImportStep.PREVIEW)

    def _update_apply_button(self) -> None:
        preview = self.preview
        unconfirmed = (
            preview is not None and preview.retires_many and not self.retire_confirm.isChecked()
        )
        self.apply_button.setEnabled(
            self.step is ImportStep.PREVIEW
            and preview is not None
            and not preview.has_errors
            and not unconfirmed
        )
        self.apply_button.setToolTip(t("请先勾选确认撤销的事项数") if unconfirmed else "")

    def _fit_change_columns(self, preview: CatalogPreview) -> None:
        """Codes as wide as the longest; old and new values only when a field changes."""
        codes = [b.code for b in (*preview.added, *preview.retired)]
        codes += [c.code for c in preview.changed]
        metrics = self.change_tree.fontMetrics()
        widest = max((metrics.horizontalAdvance(code) for code in codes), default=0)
        header = self.change_tree.header()
        header.resizeSection(
            COL_CODE, min(widest + 2 * self.change_tree.indentation() + 16, MAX_CODE_WIDTH)
        )
        compares = bool(preview.changed)
        self.change_tree.setColumnHidden(COL_BEFORE, not compares)
        self.change_tree.setColumnHidden(COL_AFTER, not compares)
        header.setSectionResizeMode(
            COL_NAME,
            QHeaderView.ResizeMode.Interactive if compares else QHeaderView.ResizeMode.Stretch,
        )
        if compares:
            header.resizeSection(COL_NAME, NAME_WIDTH)

    def _expand_changes(self, preview: CatalogPreview) -> None:
        """Open the groups, and the changed items so that every field change is in view.

        Past a few hundred changed items, opening them all would hold the window up for a
        second; the admin opens the ones they want (or presses * on a group).
        """
        model = self.change_model
        for group_row in range(model.rowCount()):
            self.change_tree.setFirstColumnSpanned(group_row, QModelIndex(), True)
        if len(preview.changed) <= EXPAND_CHANGED_LIMIT:
            self.change_tree.expandAll()  # one layout pass; row by row is quadratic
        else:
            for group_row in range(model.rowCount()):
                self.change_tree.expand(model.index(group_row, 0))
        self.change_tree.scrollToTop()

    # --- applying --------------------------------------------------------------------------
    def apply(self) -> None:
        """Import the reviewed changes on a worker thread (one transaction in the service)."""
        preview = self.preview
        if self.busy or self.step is not ImportStep.PREVIEW:
            return
        if preview is None or preview.has_errors:
            return
        catalog = self._context.catalog
        actor = self._context.actor
        label = self.label_edit.text()
        if preview.retires_many and not self.retire_confirm.isChecked():
            return
        confirmed = len(preview.retired) if self.retire_confirm.isChecked() else None
        self.apply_message.clear_message()
        self._start_work(ImportStep.APPLYING, t("正在导入…"))
        self._writes.run(
            lambda: catalog.apply(actor, preview, label, confirmed_retirements=confirmed),
            on_done=self._applied,
            on_user_error=self._apply_refused,
        )

    def _applied(self, version: CatalogVersionInfo | None) -> None:
        self.version = version
        preview = self.preview
        assert preview is not None
        if version is None:
            self.summary_label.setText(t("没有变更：文件与当前目录相同，未创建新版本。"))
        else:
            self.summary_label.setText(
                t("已导入为目录版本 #{id}「{label}」。", id=version.id, label=version.label)
            )
        self.summary_line.setText(preview.summary_words())
        self._show_step(ImportStep.DONE)
        self.imported.emit(version)

    def _apply_refused(self, message: str) -> None:
        self._show_step(ImportStep.PREVIEW)
        self.apply_message.show_error(message)

    # --- the problems workbook -------------------------------------------------------------
    def save_problems(self) -> None:
        preview = self.preview
        if preview is None or not preview.problems or self._saving_problems:
            return
        source = self.chosen_path()
        stem = Path(preview.file_name).stem
        target = ask_save_workbook(
            self,
            t("将问题清单另存为工作簿"),
            t("{name}_问题清单", name=stem) + ".xlsx",
            FileKind.CATALOG,
            source.parent if source is not None else None,  # beside the file being fixed
        )
        if target is None:
            return
        self._saving_problems = True
        self.save_problems_button.setEnabled(False)
        self.problems_message.clear_message()
        file_name, problems = preview.file_name, preview.problems
        self._runner.start(
            lambda _progress: _write_problems(target, file_name, problems),
            on_done=lambda _result: self._problems_saved(target),
            on_error=self._problems_failed,
        )

    def _problems_saved(self, target: Path) -> None:
        self._saving_problems = False
        self.save_problems_button.setEnabled(True)
        self.problems_path = target
        self.problems_message.show_ok(
            pt("CatalogImportDialog", "问题清单已保存：{path}", path=target)
        )

    def _problems_failed(self, error: BaseException, _trace: str) -> None:
        self._saving_problems = False
        self.save_problems_button.setEnabled(True)
        message = user_message(error)
        self.problems_message.show_error(message)

    # --- busy ------------------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        """A check or an import is on its way."""
        return self._checking or self._writes.is_running()

    def _start_work(self, step: ImportStep, text: str) -> None:
        self.busy_label.setText(text)
        self._show_step(step)

    def is_working(self) -> bool:
        """A check, an import or a problems workbook is on its way (tests wait on this)."""
        return self.busy or self._saving_problems

    def reject(self) -> None:
        if self.busy:
            return  # an import cannot be abandoned half-way; a check takes seconds at most
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.busy:
            event.ignore()
            return
        super().closeEvent(event)


def _write_problems(target: Path, file_name: str, problems: Sequence[Problem]) -> None:
    """On the worker: openpyxl is loaded only when problems are saved, not when the page is."""
    from townclerk.formats.catalog.writer import write_problems_workbook

    write_problems_workbook(target, file_name, problems)
