"""The case list (办件查询): filters, search, the table, one case's detail and its actions.

Pages are loaded off the UI thread (a search for a phone number scans the applicants, a filter
that matches little scans many cases): the table shows the newest cases first and loads older
ones as the clerk scrolls. There is no total count: counting a million rows takes seconds, and a
read transaction that long would hold up the windows writing to the same SQLite file. The case
chosen in the list is read on a worker thread too; until it arrives, its actions do nothing.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import replace
from enum import Enum
from pathlib import Path

from PySide6.QtCore import QEvent, QItemSelection, QModelIndex, QObject, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from townclerk.case_states import TRANSITIONS, CaseAction
from townclerk.enums import OPEN_STATUSES, DocumentKind, Holder, Routing
from townclerk.i18n import t
from townclerk.records.cases import CaseDetail, CaseQuery, CaseRow, RevealedCase
from townclerk.records.changes import DataArea
from townclerk.services.access import Permission, sees_full_personal_data
from townclerk.services.desks import DeskService
from townclerk.services.printable import earlier_prints, kinds_for
from townclerk.ui import style
from townclerk.ui.context import AppContext
from townclerk.ui.crash import user_message
from townclerk.ui.dialogs.print_preview import preview_document
from townclerk.ui.operations import WriteRunner
from townclerk.ui.pages.cases.case_actions import CaseActionDialog, CaseActions
from townclerk.ui.pages.cases.case_detail import CaseDetailView
from townclerk.ui.pages.cases.case_table import (
    COL_APPLICANT,
    COL_CLERK,
    COL_DUE,
    COL_HOLDER,
    COL_ITEM,
    COL_NUMBER,
    COL_RECEIVED,
    COL_STATUS,
    COL_STATUTORY_DUE,
    COL_WINDOW,
    CaseTableModel,
)
from townclerk.ui.pages.cases.handover_dialog import HandoverDialog
from townclerk.ui.widgets.flow_layout import FlowLayout
from townclerk.ui.widgets.instant_mnemonic import instant_mnemonics
from townclerk.ui.widgets.record_table import row_table_view
from townclerk.ui.worker import TaskRunner

PAGE_SIZE = 200
SEARCH_DELAY_MS = 250
ACTION_COLUMNS = 2
# The actions past the tenth have a letter (延 yán), not a digit.
_LETTER_KEYS = {CaseAction.EXTEND: "Y"}


# The document an action gives the applicant, printed right after it.
_DOCUMENT_OF_ACTION = {
    CaseAction.START_CORRECTION: DocumentKind.CORRECTION_NOTICE,
    CaseAction.START_SPECIAL: DocumentKind.SPECIAL_NOTICE,
    CaseAction.DELIVER: DocumentKind.SERVICE_RECEIPT,
}


class CaseFilter(Enum):
    TODAY = "today"
    MINE = "mine"
    OPEN = "open"
    DUE_SOON = "due_soon"
    OVERDUE = "overdue"  # past the promised date (超承诺时限)
    OVER_STATUTORY = "over_statutory"
    TOLERANCE_OVERDUE = "tolerance_overdue"
    ALL = "all"


class CaseListPage(QWidget):
    """Find a case, see everything about it, and move it on."""

    loaded = Signal()  # a page of rows has arrived (first page or more)
    printed = Signal(object)  # the Path of a document just rendered and archived

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("caseListPage")
        self._context = context
        self._runner = TaskRunner(self)
        self._writes = WriteRunner(context, self)
        self._actions = CaseActions(context, self)
        self._actions.performed.connect(self._on_performed)
        self._generation = 0
        self._loading = False
        self._detail_generation = 0
        self._detail_loading = False
        self._wanted_number: str | None = None
        self._keep_current = False
        self._restoring = False
        self._query = CaseQuery()
        self.current: CaseDetail | None = None
        self.active_dialog: CaseActionDialog | HandoverDialog | None = None
        self._focus_after_dialog: QWidget | None = None

        self.model = CaseTableModel(self)
        self.model.more_requested.connect(self._load_more)

        layout = QVBoxLayout(self)
        layout.addLayout(self._build_filter_bar())
        # Below the filters, not beside them: seven filters and the search fill a 1024-pixel row.
        self.status_label = QLabel()
        self.status_label.setObjectName("caseListStatus")
        self.status_label.setWordWrap(True)
        layout.addWidget(self.status_label)
        # The list on top, full width, so every column fits a 1366-pixel screen; the case below.
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.setObjectName("caseSplitter")
        splitter.addWidget(self._build_table())
        splitter.addWidget(self._build_detail())
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([320, 360])
        splitter.setChildrenCollapsible(False)
        layout.addWidget(splitter, 1)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.reload)
        self.search_edit.textEdited.connect(lambda _text: self._search_timer.start())
        self.search_edit.returnPressed.connect(self._new_search)

        context.bus.data_changed.connect(self._on_data_changed)
        context.bus.session_changed.connect(self._on_session_changed)
        self._show_detail(None)
        if context.session is not None:
            self.reload()

    # --- layout ----------------------------------------------------------------------------
    def _build_filter_bar(self) -> FlowLayout:
        """The filters, the search box and the count: one line, or more on a narrow window."""
        bar = FlowLayout()
        self.filter_group = QButtonGroup(self)
        self.filter_group.setExclusive(True)
        self.filter_buttons: dict[CaseFilter, QPushButton] = {}
        labels = {
            CaseFilter.TODAY: t("今日受理"),
            CaseFilter.MINE: t("我经办的"),
            CaseFilter.OPEN: t("在办"),
            CaseFilter.DUE_SOON: t("即将到期"),
            CaseFilter.OVERDUE: t("超承诺时限"),
            CaseFilter.OVER_STATUTORY: t("超法定时限"),
            CaseFilter.TOLERANCE_OVERDUE: t("容缺逾期"),
            CaseFilter.ALL: t("全部"),
        }
        for case_filter, label in labels.items():
            button = QPushButton(label)
            button.setObjectName(f"filter_{case_filter.value}")
            button.setAccessibleName(label)
            button.setCheckable(True)
            self.filter_group.addButton(button)
            self.filter_buttons[case_filter] = button
            bar.addWidget(button)
        self.filter_buttons[CaseFilter.ALL].setChecked(True)
        self.filter_group.buttonClicked.connect(lambda _button: self._new_search())
        # 去向: who has the papers now (前台受理、后台审批、县级部门、村便民服务点).
        self.holder_combo = QComboBox()
        self.holder_combo.setObjectName("caseHolderCombo")
        self.holder_combo.setAccessibleName(t("去向"))
        self.holder_combo.addItem(t("全部去向"), "")
        for holder in Holder:
            self.holder_combo.addItem(t(holder.label), holder.value)
        self.holder_combo.currentIndexChanged.connect(lambda _index: self._new_search())
        bar.addWidget(self.holder_combo)
        self.search_edit = QLineEdit()
        self.search_edit.setObjectName("caseSearchEdit")
        self.search_edit.setAccessibleName(t("查找办件"))
        self.search_edit.setPlaceholderText(t("办件编号、姓名、证件号码或电话（输入一部分即可）"))
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.installEventFilter(self)
        self.search_edit.setMinimumWidth(140)
        bar.addWidget(self.search_edit)
        return bar

    def _build_table(self) -> QWidget:
        widths = {
            COL_NUMBER: 180,
            COL_ITEM: 260,
            COL_APPLICANT: 200,
            COL_RECEIVED: 125,
            COL_DUE: 90,
            COL_STATUTORY_DUE: 90,
            COL_STATUS: 90,
            COL_WINDOW: 110,
            COL_CLERK: 70,
            COL_HOLDER: 100,
        }
        self.table = row_table_view("caseTable", self.model, t("办件列表"), column_widths=widths)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(COL_ITEM, QHeaderView.ResizeMode.Interactive)
        # A status is a word or two ("One-time notice"): the column fits it, never cut.
        header.setSectionResizeMode(COL_STATUS, QHeaderView.ResizeMode.ResizeToContents)
        self.table.selectionModel().selectionChanged.connect(self._on_selection)
        self.table.installEventFilter(self)
        return self.table

    def _build_detail(self) -> QWidget:
        """The selected case below the list: its facts and records, its actions on the right."""
        bottom = QWidget()
        column = QVBoxLayout(bottom)
        column.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        self.detail = CaseDetailView()
        self.detail.reveal_button.clicked.connect(self.reveal_personal_data)
        self.detail.case_link_activated.connect(self.open_case)
        row.addWidget(self.detail, 1)
        actions = QVBoxLayout()
        self.action_grid = QGridLayout()
        self.action_buttons: dict[CaseAction, QPushButton] = {}
        # Every action keeps its place (disabled when the case does not allow it) and its key:
        # Alt+1 … Alt+9, then Alt+0, in the order of the transition table; beyond ten, a letter.
        for number, (action, rule) in enumerate(TRANSITIONS.items(), start=1):
            text = t(rule.button)
            key = number % 10 if number <= 10 else _LETTER_KEYS[action]
            button = QPushButton(t("{action}(&{key})", action=text, key=key), bottom)
            button.setObjectName(f"action_{action.value}")
            button.setAccessibleName(text)
            button.setMinimumWidth(110)
            button.clicked.connect(self._action_slot(action))
            self.action_buttons[action] = button
            instant_mnemonics(self, button)
            self.action_grid.addWidget(
                button, (number - 1) // ACTION_COLUMNS, (number - 1) % ACTION_COLUMNS
            )
        actions.addLayout(self.action_grid)
        self.handover_button = QPushButton(t("移交后台(&B)…"), bottom)
        self.handover_button.setObjectName("handoverButton")
        self.handover_button.setAccessibleName(t("移交后台"))
        self.handover_button.clicked.connect(self.start_handover)
        instant_mnemonics(self, self.handover_button)
        actions.addWidget(self.handover_button)
        actions.addStretch(1)
        self.print_buttons: dict[DocumentKind, QPushButton] = {}
        # In columns like the actions: one under the other they would not fit a low window.
        self.print_grid = QGridLayout()
        for kind in DocumentKind:
            button = QPushButton(bottom)
            button.setObjectName(f"print_{kind.value}")
            button.clicked.connect(self._print_slot(kind))
            button.hide()  # placed when a case shows it
            self.print_buttons[kind] = button
        actions.addLayout(self.print_grid)
        row.addLayout(actions)
        column.addLayout(row, 1)
        self.action_message = QLabel()
        self.action_message.setObjectName("caseActionMessage")
        self.action_message.setWordWrap(True)
        self.action_message.setTextFormat(Qt.TextFormat.RichText)
        self.action_message.setOpenExternalLinks(True)
        column.addWidget(self.action_message)
        return bottom

    def _new_search(self) -> None:
        """A new search or filter: what the last action reported goes with the old list."""
        self.clear_messages()
        self.reload()

    def clear_messages(self) -> None:
        self.action_message.clear()

    def _action_slot(self, action: CaseAction) -> Callable[[], object]:
        return lambda: self.start_action(action)

    def _print_slot(self, kind: DocumentKind) -> Callable[[], None]:
        return lambda: self.print_document(kind)

    # --- loading ---------------------------------------------------------------------------
    def current_filter(self) -> CaseFilter:
        for case_filter, button in self.filter_buttons.items():
            if button.isChecked():
                return case_filter
        return CaseFilter.ALL

    def set_filter(self, case_filter: CaseFilter) -> None:
        self.filter_buttons[case_filter].setChecked(True)
        self.reload()

    def query(self) -> CaseQuery:
        holder = self.holder_combo.currentData()
        return replace(self._filter_query(), holder=Holder(holder) if holder else None)

    def _filter_query(self) -> CaseQuery:
        today = self._context.db.today()
        text = self.search_edit.text().strip()
        case_filter = self.current_filter()
        if case_filter is CaseFilter.TODAY:
            return CaseQuery(received_from=today, received_to=today, text=text)
        if case_filter is CaseFilter.MINE:
            return CaseQuery(clerk_id=self._context.actor.id, text=text)
        if case_filter is CaseFilter.OPEN:
            return CaseQuery(open_only=True, text=text)
        if case_filter is CaseFilter.DUE_SOON:
            return CaseQuery(due_soon=True, text=text)
        if case_filter is CaseFilter.OVERDUE:
            return CaseQuery(overdue=True, text=text)
        if case_filter is CaseFilter.OVER_STATUTORY:
            return CaseQuery(over_statutory=True, text=text)
        if case_filter is CaseFilter.TOLERANCE_OVERDUE:
            return CaseQuery(tolerance_overdue=True, text=text)
        return CaseQuery(text=text)

    def is_loading(self) -> bool:
        """Rows or the chosen case are on their way (or a search is about to be sent, after the
        typing pause)."""
        return self._loading or self._detail_loading or self._search_timer.isActive()

    def reload(self, *, keep_current: bool = False) -> None:
        """Load the first page for the current filter and search, off the UI thread.

        The selected case is selected again when it is still listed. With ``keep_current`` (the
        data changed, e.g. after an action) its detail stays in view even when the filter no
        longer lists it, so the clerk can go on (办结, then 送达, then 好差评).
        """
        self._search_timer.stop()
        self._generation += 1
        if self._context.session is None:
            self.model.set_rows([], has_more=False)
            self._show_detail(None)
            self._show_status("")
            return
        generation = self._generation
        if self.current is not None and self._wanted_number is None:
            self._wanted_number = self.current.number
        self._keep_current = keep_current or self._keep_current
        actor = self._context.actor
        query = self._query = self.query()  # later pages continue exactly this query
        cases = self._context.cases
        self._set_loading(True)
        self._runner.start(
            lambda _progress: cases.list_cases(actor, query, limit=PAGE_SIZE + 1),
            on_done=lambda rows: self._first_page_loaded(generation, rows),
            on_error=lambda error, _trace: self._load_failed(generation, error),
        )

    def _load_more(self, before_id: int) -> None:
        generation = self._generation
        actor = self._context.actor
        query = self._query
        cases = self._context.cases
        self._set_loading(True)
        self._runner.start(
            lambda _progress: cases.list_cases(
                actor, query, before_id=before_id, limit=PAGE_SIZE + 1
            ),
            on_done=lambda rows: self._more_loaded(generation, rows),
            on_error=lambda error, _trace: self._load_failed(generation, error),
        )

    def _first_page_loaded(self, generation: int, rows: list[CaseRow]) -> None:
        if generation != self._generation:
            return  # a newer filter or search has been asked for meanwhile
        self._set_loading(False)
        wanted, keep = self._wanted_number, self._keep_current
        self._wanted_number, self._keep_current = None, False
        self._restoring = True
        try:
            self.model.set_rows(rows[:PAGE_SIZE], has_more=len(rows) > PAGE_SIZE)
            row = self.model.row_of_number(wanted) if wanted else None
            if row is None and len(rows) == 1 and self.query().text:
                row = 0  # the one case found: selected, its detail shown
            if row is not None:
                self.table.selectRow(row)  # the selection handler shows its detail
        finally:
            self._restoring = False
        self._update_status()
        if row is None:
            if wanted and keep:
                self._load_detail(wanted)
            else:
                self._show_detail(None)
        self.loaded.emit()

    def _more_loaded(self, generation: int, rows: list[CaseRow]) -> None:
        if generation != self._generation:
            return
        self._set_loading(False)
        self.model.append_rows(rows[:PAGE_SIZE], has_more=len(rows) > PAGE_SIZE)
        self._update_status()
        self.loaded.emit()

    def _load_failed(self, generation: int, error: BaseException) -> None:
        if generation != self._generation:
            return
        self._set_loading(False)
        self.model.fetch_failed()
        message = user_message(error)
        self._show_status(message, error=True)

    def _set_loading(self, loading: bool) -> None:
        self._loading = loading
        if loading:
            self._show_status(t("正在加载…"))

    def _update_status(self) -> None:
        shown = self.model.rowCount()
        if shown == 0:
            self._show_status(t("没有符合条件的办件"))
        elif self.model.has_more():
            self._show_status(t("已显示最新 {count} 件，向下滚动加载更多", count=shown))
        else:
            self._show_status(t("共 {count} 件", count=shown))

    def _show_status(self, text: str, *, error: bool = False) -> None:
        self.status_label.setText(text)
        self.status_label.setStyleSheet(style.text_style(style.ERROR) if error else "")

    def focus_search(self) -> None:
        """Ctrl+F (the main window calls it): put the cursor in the search box."""
        self.search_edit.setFocus()
        self.search_edit.selectAll()

    def _on_data_changed(self, area: DataArea, _initiator: object) -> None:
        if area in (DataArea.CASES, DataArea.SETTINGS):
            self.reload(keep_current=True)

    def _on_session_changed(self) -> None:
        self._wanted_number = None
        self._show_detail(None)
        self.action_message.clear()
        self.reload()

    # --- one case --------------------------------------------------------------------------
    def _on_selection(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        indexes = selected.indexes()
        if not indexes:
            return
        if not self._restoring:
            self.action_message.clear()
        self._load_detail(self.model.row_at(indexes[0].row()).number)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """↓ in the search box goes into the list; Enter in the list goes to the first action
        the selected case allows."""
        if event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            plain = not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
            if watched is self.search_edit and event.key() == Qt.Key.Key_Down and plain:
                self.focus_list()
                return True
            if (
                watched is self.table
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
                and plain
            ):
                self.focus_actions()
                return True
        return super().eventFilter(watched, event)

    def focus_list(self) -> None:
        if self.model.rowCount() == 0:
            return
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)
        if not self.table.selectionModel().hasSelection():
            row = max(self.table.currentIndex().row(), 0)
            self.table.setCurrentIndex(self.model.index(row, COL_NUMBER, QModelIndex()))
            self.table.selectRow(row)

    def focus_actions(self) -> None:
        for button in self.action_buttons.values():
            if button.isVisible() and button.isEnabled():
                button.setFocus(Qt.FocusReason.OtherFocusReason)
                return

    def select_number(self, number: str) -> bool:
        """Select the row of case ``number`` if it is loaded."""
        row = self.model.row_of_number(number)
        if row is None:
            return False
        self.table.setCurrentIndex(self.model.index(row, COL_NUMBER, QModelIndex()))
        self.table.selectRow(row)
        return True

    def _load_detail(self, number: str) -> None:
        """Read case ``number`` off the UI thread, then show it. The case shown meanwhile stays
        in view, but its actions and prints wait (see :meth:`is_loading`)."""
        self._detail_generation += 1
        generation = self._detail_generation
        self._detail_loading = True
        actor = self._context.actor
        cases = self._context.cases
        self._runner.start(
            lambda _progress: cases.get(actor, number),
            on_done=lambda case: self._detail_loaded(generation, case),
            on_error=lambda error, _trace: self._detail_failed(generation, error),
        )

    def _detail_loaded(self, generation: int, case: CaseDetail) -> None:
        if generation == self._detail_generation:  # else another case was chosen meanwhile
            self._show_detail(case)

    def _detail_failed(self, generation: int, error: BaseException) -> None:
        if generation != self._detail_generation:
            return
        self._show_detail(None)
        message = user_message(error)
        self._show_status(message, error=True)  # e.g. the case was removed by a restore

    def _show_detail(self, case: CaseDetail | None) -> None:
        """Show ``case`` (None: nothing); a case still being read for the pane is dropped."""
        self._detail_generation += 1
        self._detail_loading = False
        self.current = case
        handles = self._context.can(Permission.HANDLE_CASES)
        own = (
            case is not None
            and self._context.session is not None
            and sees_full_personal_data(self._context.actor, case.clerk_id)
        )
        self.detail.show_case(
            case,
            full_personal_data=own,
            can_reveal=self._context.can(Permission.VIEW_FULL_PERSONAL_DATA),
            today=self._context.db.today(),
        )
        allowed = set(case.allowed_actions) if case is not None and handles else set()
        self._show_print_buttons(case)
        for action, button in self.action_buttons.items():
            button.setVisible(handles)
            button.setEnabled(action in allowed)
        self.handover_button.setVisible(handles)
        self.handover_button.setEnabled(handles and case is not None and goes_to_a_desk(case))

    def start_action(self, action: CaseAction) -> CaseActionDialog | None:
        """Open the confirmation dialog of ``action`` on the selected case (window-modal)."""
        if self.current is None or self._detail_loading:
            return None
        if action not in self.current.allowed_actions:
            return None
        if not self._context.can(Permission.HANDLE_CASES):
            return None
        if action is CaseAction.RESUBMIT:
            self.resubmit(self.current.number)
            return None
        dialog = self._actions.dialog_for(self, self.current, action)
        self.active_dialog = dialog
        dialog.finished.connect(lambda _result: self._dialog_closed(dialog))
        dialog.open()
        return dialog

    def start_handover(self) -> HandoverDialog | None:
        """移交后台: choose the desk, the taker and the papers; the 物料流转凭证 prints after."""
        case = self.current
        if case is None or self._detail_loading or not goes_to_a_desk(case):
            return None
        if not self._context.can(Permission.HANDLE_CASES):
            return None
        desks = DeskService(self._context.db).desks(self._context.actor, active_only=True)
        dialog = HandoverDialog(self._context, self, case, desks)
        dialog.handed_over.connect(self._handed_over)
        self.active_dialog = dialog
        dialog.finished.connect(lambda _result: self._dialog_closed(dialog))
        dialog.open()
        return dialog

    def _handed_over(self, case: CaseDetail) -> None:
        journey = case.journey
        desk = journey.desk_name if journey is not None else ""
        self.action_message.setText(
            html.escape(
                t(
                    "办件 {number} 已移交{desk}，请打印物料流转凭证，双方签字。",
                    number=case.number,
                    desk=desk,
                )
            )
        )
        self._show_detail(case)
        self.print_document(DocumentKind.TRANSFER_VOUCHER)

    def resubmit(self, number: str) -> None:
        """补齐后受理: read what the notice saw (off the UI thread), then ask for the intake
        page pre-filled with it (the main window shows it)."""
        actor, cases = self._context.actor, self._context.cases
        self.action_message.clear()
        self._runner.start(
            lambda _progress: cases.resubmission(actor, number),
            on_done=self._context.bus.intake_requested.emit,
            on_error=lambda error, _trace: self._resubmission_refused(error),
        )

    def _resubmission_refused(self, error: BaseException) -> None:
        message = user_message(error)
        self.action_message.setText(style.coloured_html(html.escape(message), style.ERROR))

    def open_case(self, number: str) -> None:
        """Show case ``number`` (a linked case opened from the detail): found by its number."""
        self.filter_buttons[CaseFilter.ALL].setChecked(True)
        self.search_edit.setText(number)
        self._new_search()

    def _dialog_closed(self, dialog: CaseActionDialog | HandoverDialog) -> None:
        if self.active_dialog is dialog:
            self.active_dialog = None
        target, self._focus_after_dialog = self._focus_after_dialog, None
        if target is not None and target.isVisible():
            target.setFocus(Qt.FocusReason.OtherFocusReason)

    # --- printing --------------------------------------------------------------------------
    def _show_print_buttons(self, case: CaseDetail | None) -> None:
        kinds = kinds_for(case) if case is not None else ()
        for kind, button in self.print_buttons.items():
            button.setVisible(kind in kinds)
            if case is not None and kind in kinds:
                document = t(kind.label)
                if earlier_prints(case, kind):
                    button.setText(t("补打{document}", document=document))
                else:
                    button.setText(t("打印{document}", document=document))
                button.setAccessibleName(button.text())
                button.setEnabled(not self._writes.is_running())
        self._place_print_buttons([b for k, b in self.print_buttons.items() if k in kinds])

    def _place_print_buttons(self, shown: list[QPushButton]) -> None:
        """Only the case's documents take places, side by side from the first (hidden buttons
        in fixed places left holes and staggered the rest). Two share a row only if they fit
        in the width of the actions above, so that a long name never widens the page."""
        for button in self.print_buttons.values():
            self.print_grid.removeWidget(button)
        room = self.action_grid.sizeHint().width()
        spacing = max(self.print_grid.horizontalSpacing(), 0)
        rows: list[list[QPushButton]] = []
        for button in shown:
            last = rows[-1] if rows else []
            width = sum(b.sizeHint().width() + spacing for b in last) + button.sizeHint().width()
            if last and len(last) < ACTION_COLUMNS and width <= room:
                last.append(button)
            else:
                rows.append([button])
        for row, buttons in enumerate(rows):
            span = 1 if len(buttons) > 1 else ACTION_COLUMNS
            for place, button in enumerate(buttons):
                self.print_grid.addWidget(button, row, place, 1, span)

    def print_document(self, kind: DocumentKind) -> None:
        """Render ``kind`` for the selected case off the UI thread; it is archived and counted."""
        case = self.current
        if case is None or self._writes.is_running() or self._detail_loading:
            return
        actor = self._context.actor
        from townclerk.services.printing import PrintService  # ReportLab: only when printing

        printing = PrintService(self._context.db)
        self.action_message.setText(t("正在生成文书…"))
        self._writes.run(
            lambda: printing.render(actor, case.number, kind),
            on_done=lambda printed: self._printed(case.number, kind, printed.path),
            on_user_error=self._print_refused,
            busy=tuple(self.print_buttons.values()),
        )

    def reveal_personal_data(self) -> None:
        """显示完整号码: the service checks the role and audits; the answer is shown."""
        case = self.current
        if case is None:
            return
        actor, cases = self._context.actor, self._context.cases
        self._writes.run(
            lambda: cases.reveal(actor, case.number),
            on_done=self._revealed,
            on_user_error=lambda message: self._show_status(message, error=True),
            busy=(self.detail.reveal_button,),
        )

    def _revealed(self, revealed: RevealedCase) -> None:
        if self.current is not None and self.current.number == revealed.case.number:
            self.current = revealed.case
            self.detail.show_case(
                revealed.case, full_personal_data=True, today=self._context.db.today()
            )

    def _printed(self, number: str, kind: DocumentKind, path: Path) -> None:
        self._show_print_buttons(self.current)
        href = html.escape(QUrl.fromLocalFile(str(path)).toString(), quote=True)
        link = f'<a href="{href}">{html.escape(str(path))}</a>'
        self.action_message.setText(
            t(
                "办件 {number} 的{document}已生成：{link}",
                document=html.escape(t(kind.label)),
                number=html.escape(number),
                link=link,
            )
        )
        self.printed.emit(path)
        preview_document(self, path, f"{t(kind.label)} {number}")

    def _print_refused(self, message: str) -> None:
        self._show_print_buttons(self.current)
        self.action_message.setText(style.coloured_html(html.escape(message), style.ERROR))

    def _on_performed(self, case: CaseDetail, action: CaseAction) -> None:
        message = t("办件 {number}：已记录“{action}”。", action=t(action.label), number=case.number)
        if action in (CaseAction.END_CORRECTION, CaseAction.END_SPECIAL) and case.due_date:
            message += t("新的到期日：{date}。", date=case.due_date.isoformat())
        document = _DOCUMENT_OF_ACTION.get(action)
        if action is CaseAction.EXTEND and case.statutory_due_date:
            message += t("新的法定办结日期：{date}。", date=case.statutory_due_date.isoformat())
        if document is not None:
            message += t("请打印{document}交申请人。", document=t(document.label))
        self.action_message.setText(html.escape(message))
        self._show_detail(case)
        if action is CaseAction.EXTEND:
            # 第42条: the applicant is told in writing; the notice is printed at once.
            self.print_document(DocumentKind.EXTENSION_NOTICE)
        elif document is not None:
            # The notice is the action's written record: once the dialog has closed, its
            # button has the focus, one keystroke away.
            self._focus_after_dialog = self.print_buttons[document]


def goes_to_a_desk(case: CaseDetail) -> bool:
    """移交后台 is offered for an open case at the window whose item a back-office desk decides."""
    journey = case.journey
    return (
        journey is not None
        and case.status in OPEN_STATUSES
        and journey.holder is Holder.WINDOW
        and journey.routing is Routing.BACK_OFFICE
    )
