"""后台审批: the officer's start page. Their queue (the cases waiting at their desks, oldest
arrival first, the days left coloured like the case list's warnings), the decision that
completes a case and sends it back to the window for 出件, and 退回窗口 for a case the window
must see to first (with the reason). The queue is read off the UI thread and reloads when
cases change."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QHeaderView, QLabel, QPushButton, QVBoxLayout, QWidget

from townclerk.enums import Decision
from townclerk.i18n import t
from townclerk.records.cases import CaseDetail
from townclerk.records.changes import DataArea
from townclerk.records.desks import QueueRow
from townclerk.services.back_office import QUEUE_LIMIT, BackOfficeService
from townclerk.services.handover import HandoverService
from townclerk.ui.context import AppContext
from townclerk.ui.crash import user_message
from townclerk.ui.operations import WriteRunner
from townclerk.ui.pages.back_office.decide_dialog import DecideDialog
from townclerk.ui.pages.back_office.queue_table import (
    COL_APPLICANT,
    COL_AT_DESK,
    COL_DAYS_LEFT,
    COL_DESK,
    COL_DUE,
    COL_ITEM,
    COL_NUMBER,
    COL_RECEIVED,
    QueueModel,
)
from townclerk.ui.widgets.instant_mnemonic import instant_mnemonics
from townclerk.ui.widgets.message_line import MessageLine
from townclerk.ui.widgets.record_table import row_table_view
from townclerk.ui.widgets.text_dialog import TextDialog
from townclerk.ui.worker import TaskRunner


class BackOfficePage(QWidget):
    loaded = Signal()  # the queue has been (re)loaded

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("backOfficePage")
        self._context = context
        self._service = BackOfficeService(context.db)
        self._runner = TaskRunner(self)
        self._generation = 0
        self._loading = False
        self.dialog: DecideDialog | TextDialog | None = None
        layout = QVBoxLayout(self)
        self.status_label = QLabel()
        self.status_label.setObjectName("backOfficeStatus")
        self.status_label.setWordWrap(True)
        layout.addWidget(self.status_label)
        self.model = QueueModel(self)
        widths = {
            COL_NUMBER: 180,
            COL_ITEM: 200,
            COL_APPLICANT: 190,
            COL_RECEIVED: 90,
            COL_DUE: 90,
            COL_DAYS_LEFT: 80,
            COL_AT_DESK: 90,
            COL_DESK: 100,
        }
        self.table = row_table_view(
            "backOfficeQueue", self.model, t("待审批办件"), column_widths=widths
        )
        self.table.horizontalHeader().setSectionResizeMode(
            COL_ITEM, QHeaderView.ResizeMode.Interactive
        )
        self.table.installEventFilter(self)
        self.table.doubleClicked.connect(lambda _index: self.decide())
        layout.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        self.decide_button = QPushButton(t("审批决定(&D)…"))
        self.decide_button.setObjectName("decideButton")
        self.decide_button.setToolTip(t("或在列表中按 Enter"))
        self.decide_button.clicked.connect(self.decide)
        self.return_button = QPushButton(t("退回窗口(&R)…"))
        self.return_button.setObjectName("returnToWindowButton")
        self.return_button.clicked.connect(self.return_to_window)
        buttons.addWidget(self.decide_button)
        buttons.addWidget(self.return_button)
        instant_mnemonics(self, self.decide_button, self.return_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.message = MessageLine("backOfficeMessage")
        layout.addWidget(self.message)
        self._writes = WriteRunner(context, self, message=self.message)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        context.bus.data_changed.connect(self._on_data_changed)
        context.bus.session_changed.connect(self.reload)
        self._update_buttons()
        if context.session is not None:
            self.reload()

    # --- loading ---------------------------------------------------------------------------
    def is_loading(self) -> bool:
        return self._loading

    def reload(self) -> None:
        self._generation += 1
        if self._context.session is None:
            self.model.set_rows([])
            return
        generation = self._generation
        actor, service = self._context.actor, self._service
        self._loading = True
        self.status_label.setText(t("正在加载…"))

        def read() -> tuple[list[QueueRow], int]:
            rows = service.queue(actor)
            desks = {row.desk_id for row in rows}
            waiting = len(rows)
            if len(rows) >= QUEUE_LIMIT:
                counts = service.waiting_by_desk(actor)
                waiting = sum(count for desk, count in counts.items() if desk in desks)
            return rows, waiting

        self._runner.start(
            lambda _progress: read(),
            on_done=lambda result: self._loaded(generation, *result),
            on_error=lambda error, _trace: self._failed(generation, error),
        )

    def _loaded(self, generation: int, rows: list[QueueRow], waiting: int) -> None:
        if generation != self._generation:
            return
        self._loading = False
        chosen = self.selected()
        self.model.set_rows(rows)
        if not rows:
            self.status_label.setText(t("没有待审批的办件"))
        elif waiting > len(rows):
            self.status_label.setText(
                t("待审批 {count} 件，显示最早移交的 {shown} 件", count=waiting, shown=len(rows))
            )
        else:
            self.status_label.setText(t("待审批 {count} 件（最早移交的在前）", count=len(rows)))
        row = self.model.row_of_number(chosen.number) if chosen is not None else None
        if row is None and rows:
            row = 0
        if row is not None:
            self.table.setCurrentIndex(self.model.index(row, COL_NUMBER, QModelIndex()))
            self.table.selectRow(row)
        self._update_buttons()
        self.loaded.emit()

    def _failed(self, generation: int, error: BaseException) -> None:
        if generation != self._generation:
            return
        self._loading = False
        self.status_label.setText(user_message(error))

    def _on_data_changed(self, area: DataArea, _initiator: object) -> None:
        if area in (DataArea.CASES, DataArea.DESKS):
            self.reload()

    # --- the chosen case -------------------------------------------------------------------
    def selected(self) -> QueueRow | None:
        indexes = self.table.selectionModel().selectedRows()
        return self.model.row_at(indexes[0].row()) if indexes else None

    def _update_buttons(self) -> None:
        chosen = self.selected() is not None
        self.decide_button.setEnabled(chosen)
        self.return_button.setEnabled(chosen)

    def focus_search(self) -> None:
        """Ctrl+F: into the queue."""
        self.table.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Enter in the queue opens the decision of the chosen case."""
        if watched is self.table and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            plain = not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and plain:
                self.decide()
                return True
        return super().eventFilter(watched, event)

    def decide(self) -> DecideDialog | None:
        row = self.selected()
        if row is None:
            return None
        self.message.clear_message()
        dialog = DecideDialog(self._context, self, row)
        dialog.decided.connect(self._decided)
        dialog.finished.connect(lambda _result: self._closed(dialog))
        self.dialog = dialog
        dialog.open()
        return dialog

    def _decided(self, case: CaseDetail) -> None:
        decision = case.decision or Decision.GRANTED
        self.message.show_ok(
            t(
                "办件 {number} 已办结（{decision}），已退回综合窗口待出件",
                number=case.number,
                decision=t(decision.label),
            )
        )

    def return_to_window(self) -> TextDialog | None:
        row = self.selected()
        if row is None:
            return None
        self.message.clear_message()
        dialog = TextDialog(
            self,
            title=t("退回窗口"),
            prompt=t(
                "办件 {number}（{item}）的材料退回综合窗口，尚未作出决定。请说明原因"
                "（如需申请人补正材料）：",
                number=row.number,
                item=row.item_name,
            ),
            confirm_text=t("退回窗口"),
            required_message=t("请说明退回窗口的原因"),
        )
        dialog.setObjectName("returnDialog")
        dialog.accepted.connect(lambda: self._return(row, dialog.text()))
        dialog.finished.connect(lambda _result: self._closed(dialog))
        self.dialog = dialog
        dialog.open()
        return dialog

    def _return(self, row: QueueRow, reason: str) -> None:
        handover, actor = HandoverService(self._context.db), self._context.actor
        self._writes.run(
            lambda: handover.to_window(actor, row.number, note=f"退回窗口：{reason}"),
            on_done=lambda case: self.message.show_ok(
                t("办件 {number} 已退回综合窗口", number=case.number)
            ),
            busy=(self.return_button, self.decide_button),
        )

    def _closed(self, dialog: QObject) -> None:
        if self.dialog is dialog:
            self.dialog = None
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)
