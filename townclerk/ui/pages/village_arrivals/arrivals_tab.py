"""接件: the 交接单 the village agents brought, and each of their pre-registrations ticked in:
受理 and 一次性告知 open the intake page pre-filled from it, 未收到 asks why.

Keys: the arrived lists, Tab to their entries; Alt+S signs for a list, Alt+A accepts the current
entry (Enter does too), Alt+N tells what is missing, Alt+U marks it not received.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from townclerk.i18n import N_, t
from townclerk.records.changes import DataArea
from townclerk.records.village_arrivals import ArrivalEntry, ArrivedList, NotReceived
from townclerk.services.village_arrivals import VillageArrivalService
from townclerk.ui.context import AppContext
from townclerk.ui.crash import user_message
from townclerk.ui.operations import WriteRunner
from townclerk.ui.pages.intake.requests import VillageIntakeRequest
from townclerk.ui.widgets.instant_mnemonic import instant_mnemonics
from townclerk.ui.widgets.message_line import MessageLine
from townclerk.ui.widgets.record_table import prepare_record_table, set_record_row
from townclerk.ui.widgets.text_dialog import TextDialog
from townclerk.ui.worker import TaskRunner

LIST_HEADERS = (
    N_("交接单编号"),
    N_("村便民服务点"),
    N_("携带人"),
    N_("签收"),
    N_("待接件"),
)
ENTRY_HEADERS = (
    N_("序号"),
    N_("预登记编号"),
    N_("申请人"),
    N_("证件号码"),
    N_("事项"),
    N_("随附材料"),
    N_("状态"),
)


class ArrivalsTab(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._service = VillageArrivalService(context.db)
        self.reads = TaskRunner(self)
        self.message = MessageLine("arrivalsMessage")
        self._writes = WriteRunner(context, self, message=self.message)
        self.arrived: tuple[ArrivedList, ...] = ()
        self.text_dialog: TextDialog | None = None

        self.lists = QTableWidget(0, len(LIST_HEADERS))
        prepare_record_table(self.lists, "arrivedLists", t("到达的交接单"))
        self.lists.setHorizontalHeaderLabels([t(text) for text in LIST_HEADERS])
        self.lists.horizontalHeader().setStretchLastSection(True)
        self.lists.setMaximumHeight(170)
        self.entries = QTableWidget(0, len(ENTRY_HEADERS))
        prepare_record_table(self.entries, "arrivalEntries", t("交接单上的预登记"))
        self.entries.setHorizontalHeaderLabels([t(text) for text in ENTRY_HEADERS])
        self.entries.horizontalHeader().setStretchLastSection(True)
        self.entries.setWordWrap(True)
        self.entries.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        for column, width in enumerate((40, 150, 70, 140, 170, 190)):
            self.entries.setColumnWidth(column, width)

        self.sign_button = QPushButton(t("签收交接单(&S)"))
        self.sign_button.setObjectName("signListButton")
        self.accept_button = QPushButton(t("受理(&A)"))
        self.accept_button.setObjectName("acceptEntryButton")
        self.notice_button = QPushButton(t("一次性告知(&N)"))
        self.notice_button.setObjectName("noticeEntryButton")
        self.missing_button = QPushButton(t("未收到(&U)"))
        self.missing_button.setObjectName("notReceivedButton")
        buttons = QHBoxLayout()
        for button in (self.sign_button, self.accept_button, self.notice_button):
            buttons.addWidget(button)
        buttons.addWidget(self.missing_button)
        buttons.addStretch(1)
        instant_mnemonics(
            self, self.sign_button, self.accept_button, self.notice_button, self.missing_button
        )

        hint = QLabel(
            t(
                "代办员送达交接单后，逐件核对材料：受理或一次性告知转到受理页（已预填），"
                "袋中没有的件登记“未收到”。"
            )
        )
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.lists)
        layout.addWidget(self.entries, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.message)

        self.lists.itemSelectionChanged.connect(self._show_entries)
        self.entries.itemSelectionChanged.connect(self._update_buttons)
        self.sign_button.clicked.connect(self.sign)
        self.accept_button.clicked.connect(self.accept)
        self.notice_button.clicked.connect(self.notify)
        self.missing_button.clicked.connect(self.not_received)
        for keys in ("Return", "Enter"):
            enter = QShortcut(QKeySequence(keys), self.entries)
            enter.setContext(Qt.ShortcutContext.WidgetShortcut)
            enter.activated.connect(self.accept)
        context.bus.data_changed.connect(self._on_data_changed)
        self._update_buttons()

    # --- reading ---------------------------------------------------------------------------
    def reload(self) -> None:
        actor, service = self._context.actor, self._service
        self.reads.start(
            lambda _progress: service.incoming(actor),
            on_done=self._show,
            on_error=lambda error, _trace: self.message.show_error(user_message(error)),
        )

    def _on_data_changed(self, area: DataArea, _initiator: object) -> None:
        if area in (DataArea.CASES, DataArea.VILLAGES) and self._context.session is not None:
            self.reload()

    def _show(self, arrived: tuple[ArrivedList, ...]) -> None:
        current = self.current_list()
        keep = current.id if current is not None else None
        entry = self.current_entry()
        keep_entry = entry.reference if entry is not None else None
        self.arrived = arrived
        self.lists.blockSignals(True)
        self.lists.setRowCount(len(arrived))
        for row, trip in enumerate(arrived):
            signed = (
                f"{trip.received_at:%m-%d %H:%M} {trip.received_by or ''}"
                if trip.received_at is not None
                else t("未签收")
            )
            cells = [trip.number, trip.point_name, trip.carrier, signed]
            set_record_row(self.lists, row, [*cells, str(len(trip.open_entries))], active=True)
        self.lists.resizeColumnsToContents()
        self.lists.blockSignals(False)
        rows = [row for row, trip in enumerate(arrived) if trip.id == keep] or (
            [0] if arrived else []
        )
        if rows:
            self.lists.selectRow(rows[0])
        self._show_entries(keep_entry)

    def _show_entries(self, keep: str | None = None) -> None:
        trip = self.current_list()
        entries = trip.entries if trip is not None else ()
        self.entries.setRowCount(len(entries))
        for row, entry in enumerate(entries):
            state = t(entry.status.label)
            if entry.case_number:
                state += f" {entry.case_number}"
            elif entry.answer and not entry.open:
                state += f"：{entry.answer}"
            cells = [
                str(entry.seq),
                entry.reference,
                entry.applicant_name,
                entry.applicant_id_number,
                entry.item_name,
                t("、").join(entry.papers),
                state,
            ]
            set_record_row(self.entries, row, cells, active=entry.open)
        self.entries.resizeRowsToContents()
        wanted = next(
            (row for row, entry in enumerate(entries) if entry.reference == keep and entry.open),
            next((row for row, entry in enumerate(entries) if entry.open), None),
        )
        if wanted is not None:
            self.entries.selectRow(wanted)
        self._update_buttons()

    def current_list(self) -> ArrivedList | None:
        row = self.lists.currentRow()
        return self.arrived[row] if 0 <= row < len(self.arrived) else None

    def current_entry(self) -> ArrivalEntry | None:
        trip = self.current_list()
        row = self.entries.currentRow()
        if trip is None or not 0 <= row < len(trip.entries):
            return None
        return trip.entries[row]

    def _update_buttons(self) -> None:
        trip = self.current_list()
        entry = self.current_entry()
        self.sign_button.setEnabled(trip is not None and trip.received_at is None)
        can_answer = entry is not None and entry.open
        for button in (self.accept_button, self.notice_button, self.missing_button):
            button.setEnabled(can_answer)

    def focus_lists(self) -> None:
        self.lists.setFocus(Qt.FocusReason.OtherFocusReason)

    # --- ticking in ------------------------------------------------------------------------
    def sign(self) -> None:
        trip = self.current_list()
        if trip is None or trip.received_at is not None:
            return
        actor, service = self._context.actor, self._service
        self._writes.run(
            lambda: service.mark_received(actor, trip.id),
            on_done=lambda signed: self.message.show_ok(
                t("已签收交接单 {number}", number=signed.number)
            ),
            busy=(self.sign_button,),
            initiator=self,
        )

    def accept(self) -> None:
        self._open_intake(notify=False)

    def notify(self) -> None:
        self._open_intake(notify=True)

    def _open_intake(self, *, notify: bool) -> None:
        """The intake page pre-filled from the current entry (read off the UI thread)."""
        entry = self.current_entry()
        if entry is None or not entry.open:
            return
        actor, service = self._context.actor, self._service
        self.message.clear_message()
        self.reads.start(
            lambda _progress: service.draft(actor, entry.reference),
            on_done=lambda draft: self._context.bus.intake_requested.emit(
                VillageIntakeRequest(draft, notify=notify)
            ),
            on_error=lambda error, _trace: self.message.show_error(user_message(error)),
        )

    def not_received(self) -> None:
        entry = self.current_entry()
        if entry is None or not entry.open:
            return
        dialog = TextDialog(
            self,
            title=t("未收到"),
            prompt=t(
                "预登记 {reference}（{name}）列在交接单上，但未收到材料。\n"
                "请说明情况（将告知村便民服务点）：",
                reference=entry.reference,
                name=entry.applicant_name,
            ),
            confirm_text=t("登记未收到"),
            required_message=t("请填写未收到的说明"),
        )
        dialog.setObjectName("notReceivedDialog")
        self.text_dialog = dialog
        dialog.accepted.connect(lambda: self._record_not_received(entry.reference, dialog.text()))
        dialog.open()

    def _record_not_received(self, reference: str, note: str) -> None:
        actor, service = self._context.actor, self._service

        def done(result: NotReceived) -> None:
            self.message.show_ok(t("预登记 {reference}：已登记未收到", reference=result.reference))

        self._writes.run(
            lambda: service.not_received(actor, reference, note),
            on_done=done,
            busy=(self.missing_button,),
            initiator=self,
        )
