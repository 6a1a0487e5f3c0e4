"""The catalog admin page (administrators): version history, import, export, blank template.

The history and the item counts are loaded off the UI thread and reloaded whenever the catalog
changes (an import says so). Import opens :class:`CatalogImportDialog`; export and
the template are written on a worker thread, and the line under the buttons says where they went
or why they could not be written. The catalog service checks the admin's permission on every
import, whatever this page shows.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from townclerk.i18n import t
from townclerk.records.changes import DataArea
from townclerk.services.access import Permission
from townclerk.services.catalog import CatalogService, CatalogVersionInfo
from townclerk.ui.context import AppContext
from townclerk.ui.crash import user_message
from townclerk.ui.pages.catalog.import_wizard import CatalogImportDialog
from townclerk.ui.pages.catalog.version_table import (
    COL_ADDED,
    COL_CHANGED,
    COL_FILE,
    COL_IMPORTED_AT,
    COL_IMPORTED_BY,
    COL_LABEL,
    COL_RETIRED,
    COL_SHA256,
    COL_UNCHANGED,
    CatalogVersionModel,
)
from townclerk.ui.widgets.file_dialogs import FileKind
from townclerk.ui.widgets.message_line import MessageLine
from townclerk.ui.widgets.record_table import row_table_view
from townclerk.ui.widgets.workbook_files import ask_save_workbook
from townclerk.ui.worker import TaskRunner


@dataclass(frozen=True)
class CatalogOverview:
    """What the page shows, loaded in one go off the UI thread."""

    versions: list[CatalogVersionInfo]
    active_items: int
    retired_items: int


def load_overview(catalog: CatalogService) -> CatalogOverview:
    items = catalog.items(include_retired=True)
    active = sum(item.active for item in items)
    return CatalogOverview(catalog.versions(), active, len(items) - active)


class CatalogAdminPage(QWidget):
    """The catalog's versions, and the buttons that bring a catalog in and out."""

    loaded = Signal()  # the history and counts have been (re)loaded
    file_written = Signal(object)  # the Path of an export or a template just written

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("catalogAdminPage")
        self._context = context
        self._runner = TaskRunner(self)
        self._generation = 0
        self._loading = False
        self._writing: set[str] = set()
        self.overview: CatalogOverview | None = None
        self.import_dialog: CatalogImportDialog | None = None

        layout = QVBoxLayout(self)
        layout.addLayout(self._build_buttons())
        self.message = MessageLine("catalogMessage")
        layout.addWidget(self.message)
        self.counts_label = QLabel()
        self.counts_label.setObjectName("catalogCounts")
        self.counts_label.setStyleSheet("font-size: 12pt;")
        layout.addWidget(self.counts_label)
        history = QLabel(t("版本历史（最新的在前）"))
        history.setStyleSheet("font-weight: bold; margin-top: 6px;")
        layout.addWidget(history)
        self.model = CatalogVersionModel(self)
        layout.addWidget(self._build_table(), 1)

        context.bus.data_changed.connect(self._on_data_changed)
        context.bus.session_changed.connect(self.reload)
        self.reload()

    # --- layout ----------------------------------------------------------------------------
    def _build_buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.import_button = QPushButton(t("导入事项目录(&I)…"))
        self.import_button.setObjectName("importButton")
        self.import_button.setToolTip(t("检查事项目录工作簿，查看将带来的变更，确认后导入"))
        self.import_button.clicked.connect(self.open_import)
        self.export_button = QPushButton(t("导出当前目录(&E)…"))
        self.export_button.setObjectName("exportButton")
        self.export_button.setToolTip(t("按模板格式导出当前有效的事项，修改后可重新导入"))
        self.export_button.clicked.connect(self.export_catalog)
        self.template_button = QPushButton(t("保存空白模板(&T)…"))
        self.template_button.setObjectName("templateButton")
        self.template_button.clicked.connect(self.save_template)
        for button in (self.import_button, self.export_button, self.template_button):
            row.addWidget(button)
        row.addStretch(1)
        return row

    def _build_table(self) -> QTableView:
        widths = {
            COL_LABEL: 240,
            COL_FILE: 300,
            COL_IMPORTED_AT: 130,
            COL_IMPORTED_BY: 90,
            COL_ADDED: 70,
            COL_CHANGED: 70,
            COL_RETIRED: 70,
            COL_UNCHANGED: 70,
            COL_SHA256: 120,
        }
        self.table = row_table_view(
            "catalogVersionTable", self.model, t("目录版本"), column_widths=widths
        )
        return self.table

    # --- loading ---------------------------------------------------------------------------
    def reload(self) -> None:
        """Load the history and the counts off the UI thread."""
        self._generation += 1
        self.import_button.setEnabled(self._context.can(Permission.MANAGE_CATALOG))
        if self._context.session is None:
            self.model.set_versions([])
            self.counts_label.clear()
            return
        generation = self._generation
        catalog = self._context.catalog
        self._loading = True
        self._runner.start(
            lambda _progress: load_overview(catalog),
            on_done=lambda overview: self._loaded(generation, overview),
            on_error=lambda error, _trace: self._load_failed(generation, error),
        )

    def is_loading(self) -> bool:
        return self._loading

    def is_busy(self) -> bool:
        """Loading, or writing an export or a template (tests wait on this)."""
        return self._loading or bool(self._writing)

    def _loaded(self, generation: int, overview: CatalogOverview) -> None:
        if generation != self._generation:
            return  # a newer reload is on its way
        self._loading = False
        self.overview = overview
        self.model.set_versions(overview.versions)
        self.counts_label.setText(
            t(
                "有效事项：{active}个    已撤销事项：{retired}个    目录版本：{versions}个",
                active=overview.active_items,
                retired=overview.retired_items,
                versions=len(overview.versions),
            )
        )
        self.loaded.emit()

    def _load_failed(self, generation: int, error: BaseException) -> None:
        if generation != self._generation:
            return
        self._loading = False
        message = user_message(error)
        self.message.show_error(message)

    def _on_data_changed(self, area: DataArea, _initiator: object) -> None:
        if area is DataArea.CATALOG:
            self.reload()

    # --- import ----------------------------------------------------------------------------
    def open_import(self) -> CatalogImportDialog | None:
        """Open the import wizard (window-modal) unless the user may not import."""
        if not self._context.can(Permission.MANAGE_CATALOG):
            return None
        if self.import_dialog is not None:
            self.import_dialog.raise_()
            return self.import_dialog
        dialog = CatalogImportDialog(self._context, self)
        self.import_dialog = dialog
        dialog.finished.connect(lambda _result: self._import_closed(dialog))
        self.message.clear_message()
        dialog.open()
        return dialog

    def _import_closed(self, dialog: CatalogImportDialog) -> None:
        if self.import_dialog is dialog:
            self.import_dialog = None
        dialog.deleteLater()

    # --- export and template ---------------------------------------------------------------
    def export_catalog(self) -> None:
        """Write the active catalog where the admin says, off the UI thread."""
        if "export" in self._writing:
            return
        today = self._context.db.today()
        suggested = t("事项目录{date}", date=today.strftime("%Y%m%d")) + ".xlsx"
        target = ask_save_workbook(self, t("导出当前事项目录"), suggested, FileKind.CATALOG)
        if target is None:
            return
        catalog = self._context.catalog
        actor = self._context.actor
        self._start_writing("export", self.export_button)
        self._runner.start(
            lambda _progress: catalog.export(actor, target),
            on_done=lambda count: self._written(
                "export",
                self.export_button,
                target,
                t("已导出{count}个有效事项：{path}", count=count, path=target),
            ),
            on_error=lambda error, _trace: self._write_failed("export", self.export_button, error),
        )

    def save_template(self) -> None:
        """Write a blank catalog template where the admin says, off the UI thread."""
        if "template" in self._writing:
            return
        suggested = t("事项目录模板") + ".xlsx"
        target = ask_save_workbook(self, t("保存空白的事项目录模板"), suggested, FileKind.CATALOG)
        if target is None:
            return
        self._start_writing("template", self.template_button)
        self._runner.start(
            lambda _progress: CatalogService.write_template(target),
            on_done=lambda _result: self._written(
                "template",
                self.template_button,
                target,
                t("已保存空白的事项目录模板：{path}", path=target),
            ),
            on_error=lambda error, _trace: self._write_failed(
                "template", self.template_button, error
            ),
        )

    def _start_writing(self, what: str, button: QPushButton) -> None:
        self._writing.add(what)
        button.setEnabled(False)
        self.message.clear_message()

    def _written(self, what: str, button: QPushButton, target: Path, text: str) -> None:
        self._writing.discard(what)
        button.setEnabled(True)
        self.message.show_ok(text)
        self.file_written.emit(target)

    def _write_failed(self, what: str, button: QPushButton, error: BaseException) -> None:
        self._writing.discard(what)
        button.setEnabled(True)
        message = user_message(error)
        self.message.show_error(message)
