"""出件 (统一窗口出件): the results waiting at the window, handed out here with the 送达回证;
and the 初审转报 cases, sent to the county here with the 转报函 and brought back with its
decision.

Two tabs: 待出件 (decided, held at the window, oldest decision first) and 在县级 (the 初审转报
cases still at the window for their 初审, then those away at the county, longest first). The
lists load off the UI thread whenever cases change; an action loads its case, opens its dialog,
and prints its document once the write is done.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QItemSelection, QObject, Qt, QUrl, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from townclerk.enums import DocumentKind, Holder
from townclerk.i18n import t
from townclerk.records.cases import CaseDetail
from townclerk.records.changes import DataArea
from townclerk.records.dispatch import CountyRow, ToDeliverRow
from townclerk.services.dispatch import DispatchService
from townclerk.ui import style
from townclerk.ui.context import AppContext
from townclerk.ui.crash import user_message
from townclerk.ui.dialogs.print_preview import preview_document
from townclerk.ui.operations import WriteRunner
from townclerk.ui.pages.cases.case_actions import CaseActionDialog
from townclerk.ui.pages.dispatch.dispatch_dialogs import (
    CollectDialog,
    CountyDecisionDialog,
    SendToCountyDialog,
)
from townclerk.ui.pages.dispatch.dispatch_tables import CountyModel, ToDeliverModel
from townclerk.ui.widgets.message_line import MessageLine
from townclerk.ui.widgets.record_table import row_table_view
from townclerk.ui.worker import TaskRunner

DialogFactory = Callable[[AppContext, QWidget | None, CaseDetail], CaseActionDialog]


class DispatchPage(QWidget):
    printed = Signal(object)  # the archived PDF's path, once a document is printed
    loaded = Signal()  # both lists have been (re)loaded

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dispatchPage")
        self._context = context
        self._dispatch = DispatchService(context.db)
        self._runner = TaskRunner(self)
        self._writes = WriteRunner(context, self)
        self._generation = 0
        self.active_dialog: CaseActionDialog | None = None
        layout = QVBoxLayout(self)
        hint = QLabel(
            t(
                "已办结的办件在此出件：核对领取人，打印送达回证签收。"
                "初审转报的办件在此转报县级部门、登记县级结果。"
            )
        )
        hint.setWordWrap(True)
        hint.setStyleSheet(style.MUTED_TEXT)
        layout.addWidget(hint)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("dispatchTabs")
        layout.addWidget(self.tabs, 1)

        self.deliver_model = ToDeliverModel()
        self.deliver_table = row_table_view(
            "toDeliverTable",
            self.deliver_model,
            t("待出件"),
            column_widths={0: 165, 1: 60, 2: 200, 3: 44, 4: 130, 5: 118},
        )
        self.deliver_button = QPushButton(t("出件(&D)…"))
        self.deliver_button.setObjectName("deliverButton")
        self.deliver_button.setToolTip(t("选中办件后按 Enter"))
        self.deliver_button.clicked.connect(self.deliver_selected)
        self.tabs.addTab(self._tab(self.deliver_table, [self.deliver_button]), t("待出件"))

        self.county_model = CountyModel()
        self.county_table = row_table_view(
            "countyTable",
            self.county_model,
            t("在县级"),
            column_widths={0: 165, 1: 56, 2: 130, 3: 52, 4: 110, 5: 82, 6: 100, 7: 82},
        )
        self.send_button = QPushButton(t("转报(&S)…"))
        self.send_button.setObjectName("sendToCountyButton")
        self.send_button.clicked.connect(self.send_selected)
        self.decision_button = QPushButton(t("县级结果(&R)…"))
        self.decision_button.setObjectName("countyDecisionButton")
        self.decision_button.clicked.connect(self.record_decision_for_selected)
        self.tabs.addTab(
            self._tab(self.county_table, [self.send_button, self.decision_button]), t("在县级")
        )
        self.message = MessageLine("dispatchMessage")
        self.message.setTextFormat(Qt.TextFormat.RichText)
        self.message.setOpenExternalLinks(True)
        layout.addWidget(self.message)

        for table in (self.deliver_table, self.county_table):
            table.installEventFilter(self)
            table.selectionModel().selectionChanged.connect(self._on_selection)
        self.deliver_table.doubleClicked.connect(lambda _index: self.deliver_selected())
        self.county_table.doubleClicked.connect(lambda _index: self._county_default())
        self.tabs.currentChanged.connect(lambda _index: self.focus_list())
        self._update_buttons()
        context.bus.data_changed.connect(self._on_data_changed)
        context.bus.session_changed.connect(self.reload)
        self.reload()

    @staticmethod
    def _tab(table: QTableView, buttons: list[QPushButton]) -> QWidget:
        tab = QWidget()
        column = QVBoxLayout(tab)
        column.addWidget(table, 1)
        row = QHBoxLayout()
        for button in buttons:
            row.addWidget(button)
        row.addStretch(1)
        column.addLayout(row)
        return tab

    # --- the lists ---------------------------------------------------------------------------
    def reload(self) -> None:
        if self._context.session is None:
            return
        self._generation += 1
        generation = self._generation
        actor, dispatch = self._context.actor, self._dispatch
        self._runner.start(
            lambda _progress: (dispatch.to_deliver(actor), dispatch.county_cases(actor)),
            on_done=lambda lists: self._loaded(generation, *lists),
            on_error=lambda error, _trace: self._failed(generation, error),
        )

    def is_loading(self) -> bool:
        return self._runner.is_running()

    def _loaded(
        self, generation: int, to_deliver: list[ToDeliverRow], county: list[CountyRow]
    ) -> None:
        if generation != self._generation:
            return
        chosen = self._selected_number(self.deliver_table, self.deliver_model)
        self.deliver_model.set_rows(to_deliver)
        self._reselect(self.deliver_table, [row.number for row in to_deliver], chosen)
        chosen = self._selected_number(self.county_table, self.county_model)
        self.county_model.set_rows(county)
        self._reselect(self.county_table, [row.number for row in county], chosen)
        self.tabs.setTabText(0, t("待出件（{count}）", count=len(to_deliver)))
        away = sum(row.at_county for row in county)
        self.tabs.setTabText(
            1, t("在县级（{away}，待转报{waiting}）", away=away, waiting=len(county) - away)
        )
        self._update_buttons()
        self.loaded.emit()

    def _failed(self, generation: int, error: BaseException) -> None:
        if generation == self._generation:
            self.message.show_error(user_message(error))

    @staticmethod
    def _selected_number(table: QTableView, model: ToDeliverModel | CountyModel) -> str | None:
        rows = table.selectionModel().selectedRows()
        return model.row_at(rows[0].row()).number if rows else None

    @staticmethod
    def _reselect(table: QTableView, numbers: list[str], chosen: str | None) -> None:
        """The case selected before a reload stays selected, else the first."""
        if numbers:
            table.selectRow(numbers.index(chosen) if chosen in numbers else 0)

    def selected_to_deliver(self) -> ToDeliverRow | None:
        rows = self.deliver_table.selectionModel().selectedRows()
        return self.deliver_model.row_at(rows[0].row()) if rows else None

    def selected_county(self) -> CountyRow | None:
        rows = self.county_table.selectionModel().selectedRows()
        return self.county_model.row_at(rows[0].row()) if rows else None

    def _on_selection(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self._update_buttons()

    def _update_buttons(self) -> None:
        busy = self._writes.is_running() or self.active_dialog is not None
        county = self.selected_county()
        self.deliver_button.setEnabled(not busy and self.selected_to_deliver() is not None)
        self.send_button.setEnabled(
            not busy and county is not None and county.holder is Holder.WINDOW
        )
        self.decision_button.setEnabled(
            not busy and county is not None and county.holder is Holder.COUNTY
        )

    def _on_data_changed(self, area: DataArea, _initiator: object) -> None:
        if area is DataArea.CASES:
            self.reload()

    def focus_list(self) -> None:
        table = self.deliver_table if self.tabs.currentIndex() == 0 else self.county_table
        table.setFocus(Qt.FocusReason.OtherFocusReason)

    def focus_search(self) -> None:
        """Ctrl+F here: the list of the tab shown (the page has no search box)."""
        self.focus_list()

    def clear_messages(self) -> None:
        self.message.clear_message()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Enter on a row takes its action: 出件, or 转报 / 县级结果 as the case stands."""
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and not event.modifiers()
        ):
            if watched is self.deliver_table:
                self.deliver_selected()
                return True
            if watched is self.county_table:
                self._county_default()
                return True
        return super().eventFilter(watched, event)

    # --- the actions -------------------------------------------------------------------------
    def deliver_selected(self) -> None:
        row = self.selected_to_deliver()
        if row is not None and self.deliver_button.isEnabled():
            self._open(row.number, CollectDialog, DocumentKind.SERVICE_RECEIPT)

    def send_selected(self) -> None:
        row = self.selected_county()
        if row is not None and self.send_button.isEnabled():
            self._open(row.number, SendToCountyDialog, DocumentKind.REFERRAL_LETTER)

    def record_decision_for_selected(self) -> None:
        row = self.selected_county()
        if row is not None and self.decision_button.isEnabled():
            self._open(row.number, CountyDecisionDialog, None)

    def _county_default(self) -> None:
        row = self.selected_county()
        if row is None:
            return
        if row.holder is Holder.WINDOW:
            self.send_selected()
        else:
            self.record_decision_for_selected()

    def _open(self, number: str, factory: DialogFactory, document: DocumentKind | None) -> None:
        """Read the case (off the UI thread), then open its dialog."""
        actor, cases = self._context.actor, self._context.cases
        self.message.clear_message()
        self._runner.start(
            lambda _progress: cases.get(actor, number),
            on_done=lambda case: self._show_dialog(case, factory, document),
            on_error=lambda error, _trace: self.message.show_error(user_message(error)),
        )

    def _show_dialog(
        self, case: CaseDetail, factory: DialogFactory, document: DocumentKind | None
    ) -> None:
        if self.active_dialog is not None:
            return
        dialog = factory(self._context, self, case)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.performed.connect(lambda done: self._performed(done, document))
        dialog.finished.connect(lambda _result: self._dialog_closed(dialog))
        self.active_dialog = dialog
        self._update_buttons()
        dialog.open()

    def _dialog_closed(self, dialog: CaseActionDialog) -> None:
        if self.active_dialog is dialog:
            self.active_dialog = None
        self._update_buttons()
        self.focus_list()

    def _performed(self, case: CaseDetail, document: DocumentKind | None) -> None:
        self.message.show_ok(t("办件 {number} 已登记。", number=case.number))
        if document is not None:
            self.print_document(case.number, document)

    def print_document(self, number: str, kind: DocumentKind) -> None:
        """Render ``kind`` off the UI thread; it is archived and counted, then previewed."""
        actor = self._context.actor
        from townclerk.services.printing import PrintService  # ReportLab: only when printing

        printing = PrintService(self._context.db)
        self._writes.run(
            lambda: printing.render(actor, number, kind),
            on_done=lambda printed: self._printed(number, kind, printed.path),
            on_user_error=self.message.show_error,
        )

    def _printed(self, number: str, kind: DocumentKind, path: Path) -> None:
        href = html.escape(QUrl.fromLocalFile(str(path)).toString(), quote=True)
        link = f'<a href="{href}">{html.escape(str(path))}</a>'
        self.message.show_ok(
            t(
                "办件 {number} 的{document}已生成：{link}",
                document=html.escape(t(kind.label)),
                number=html.escape(number),
                link=link,
            )
        )
        self.printed.emit(path)
        preview_document(self, path, f"{t(kind.label)} {number}")
