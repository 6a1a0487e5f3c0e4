"""返还: the results going back to a village point. Choose the point, tick its decided cases
(Space), name the agent carrying them and print the 返还清单; below, the results waiting at the
point, where a resident's pickup is recorded (by the clerk on the agent's word).

Keys: Alt+D the point, Space ticks a case, Alt+C the carrier, Alt+P prints the list, Alt+K
records a pickup.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from townclerk.i18n import N_, t
from townclerk.records.changes import DataArea
from townclerk.records.village_returns import (
    PickedUp,
    PointResults,
    ReadyCase,
    ReturnEntry,
    ReturnList,
)
from townclerk.services.village_returns import VillageReturnService
from townclerk.ui.context import AppContext
from townclerk.ui.crash import user_message
from townclerk.ui.dialogs.print_preview import preview_document
from townclerk.ui.operations import WriteRunner
from townclerk.ui.widgets.instant_mnemonic import instant_mnemonics
from townclerk.ui.widgets.message_line import MessageLine
from townclerk.ui.widgets.record_table import prepare_record_table, set_record_row
from townclerk.ui.widgets.text_dialog import TextDialog
from townclerk.ui.worker import TaskRunner

READY_HEADERS = (
    N_("返还"),
    N_("办件编号"),
    N_("申请人"),
    N_("事项"),
    N_("办理结果"),
    N_("办结时间"),
)
WAITING_HEADERS = (
    N_("返还清单"),
    N_("办件编号"),
    N_("申请人"),
    N_("事项"),
    N_("办理结果"),
)


class ReturnsTab(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._service = VillageReturnService(context.db)
        self.reads = TaskRunner(self)
        self.message = MessageLine("returnsMessage")
        self._writes = WriteRunner(context, self, message=self.message)
        self.points: tuple[PointResults, ...] = ()
        self.ready: tuple[ReadyCase, ...] = ()
        self.waiting: list[tuple[ReturnList, ReturnEntry]] = []
        self.text_dialog: TextDialog | None = None

        self.point_combo = QComboBox()
        self.point_combo.setObjectName("returnPointCombo")
        self.point_combo.setAccessibleName(t("村便民服务点"))
        point_label = QLabel(t("村便民服务点(&D)："))
        point_label.setBuddy(self.point_combo)
        self.ready_table = QTableWidget(0, len(READY_HEADERS))
        prepare_record_table(self.ready_table, "readyCases", t("待返还的办件"))
        self.ready_table.setHorizontalHeaderLabels([t(text) for text in READY_HEADERS])
        self.ready_table.horizontalHeader().setStretchLastSection(True)
        for column, width in enumerate((50, 190, 90, 200, 180)):
            self.ready_table.setColumnWidth(column, width)
        self.carrier_edit = QLineEdit()
        self.carrier_edit.setObjectName("carrierEdit")
        self.carrier_edit.setMaxLength(64)
        self.carrier_edit.setAccessibleName(t("携带人（代办员）"))
        self.carrier_edit.setPlaceholderText(t("带回结果的代办员姓名"))
        carrier_label = QLabel(t("携带人（代办员）(&C)："))
        carrier_label.setBuddy(self.carrier_edit)
        self.make_button = QPushButton(t("生成并打印返还清单(&P)"))
        self.make_button.setObjectName("makeReturnListButton")
        self.waiting_table = QTableWidget(0, len(WAITING_HEADERS))
        prepare_record_table(self.waiting_table, "waitingAtPoint", t("在村待领取的结果"))
        self.waiting_table.setHorizontalHeaderLabels([t(text) for text in WAITING_HEADERS])
        self.waiting_table.horizontalHeader().setStretchLastSection(True)
        for column, width in enumerate((170, 190, 90, 200)):
            self.waiting_table.setColumnWidth(column, width)
        self.pickup_button = QPushButton(t("登记领取(&K)"))
        self.pickup_button.setObjectName("pickupButton")
        instant_mnemonics(self, self.make_button, self.pickup_button)

        top = QFormLayout()
        top.addRow(point_label, self.point_combo)
        make_row = QHBoxLayout()
        make_row.addWidget(carrier_label)
        make_row.addWidget(self.carrier_edit, 1)
        make_row.addWidget(self.make_button)
        pickup_row = QHBoxLayout()
        pickup_row.addWidget(QLabel(t("已送往村便民服务点、待申请人领取：")), 1)
        pickup_row.addWidget(self.pickup_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(QLabel(t("已办结、在综合窗口待返还的办件（空格键勾选）：")))
        layout.addWidget(self.ready_table, 3)
        layout.addLayout(make_row)
        layout.addLayout(pickup_row)
        layout.addWidget(self.waiting_table, 2)
        layout.addWidget(self.message)

        self.point_combo.currentIndexChanged.connect(self._load_point)
        self.ready_table.itemChanged.connect(self._update_buttons)
        self.carrier_edit.textChanged.connect(self._update_buttons)
        self.waiting_table.itemSelectionChanged.connect(self._update_buttons)
        self.make_button.clicked.connect(self.make_list)
        self.pickup_button.clicked.connect(self.pickup)
        context.bus.data_changed.connect(self._on_data_changed)
        self._update_buttons()

    # --- reading ---------------------------------------------------------------------------
    def reload(self) -> None:
        actor, service = self._context.actor, self._service
        self.reads.start(
            lambda _progress: service.points(actor),
            on_done=self._show_points,
            on_error=lambda error, _trace: self.message.show_error(user_message(error)),
        )

    def _on_data_changed(self, area: DataArea, _initiator: object) -> None:
        if area in (DataArea.CASES, DataArea.VILLAGES) and self._context.session is not None:
            self.reload()

    def _show_points(self, points: tuple[PointResults, ...]) -> None:
        keep = self.current_point()
        self.points = points
        self.point_combo.blockSignals(True)
        self.point_combo.clear()
        for point in points:
            self.point_combo.addItem(
                t(
                    "{name}（{code}）：待返还 {ready} 件，在村待领取 {waiting} 件",
                    name=point.name,
                    code=point.code,
                    ready=point.ready,
                    waiting=point.at_point,
                ),
                point.id,
            )
        index = self.point_combo.findData(keep.id) if keep is not None else -1
        if index < 0:
            # The first point with something to do, else the first.
            index = next((i for i, p in enumerate(points) if p.ready or p.at_point), 0)
        self.point_combo.setCurrentIndex(index if points else -1)
        self.point_combo.blockSignals(False)
        self._load_point()

    def current_point(self) -> PointResults | None:
        index = self.point_combo.currentIndex()
        return self.points[index] if 0 <= index < len(self.points) else None

    def _load_point(self) -> None:
        point = self.current_point()
        if point is None:
            self._show_point(((), ()))
            return
        actor, service = self._context.actor, self._service
        self.reads.start(
            lambda _progress: (
                service.ready_for_point(actor, point.id),
                service.lists_for_point(actor, point.id),
            ),
            on_done=self._show_point,
            on_error=lambda error, _trace: self.message.show_error(user_message(error)),
        )

    def _show_point(self, loaded: tuple[tuple[ReadyCase, ...], tuple[ReturnList, ...]]) -> None:
        ready, lists = loaded
        ticked = set(self.ticked_numbers())
        self.ready = ready
        self.ready_table.blockSignals(True)
        self.ready_table.setRowCount(len(ready))
        for row, case in enumerate(ready):
            result = case.result_text
            if case.decision is not None:
                result = f"{t(case.decision.label)}：{result}"
            done = f"{case.completed_at:%Y-%m-%d}" if case.completed_at else ""
            set_record_row(
                self.ready_table,
                row,
                ["", case.number, case.applicant_name, case.item_name, result, done],
                active=True,
            )
            tick = QTableWidgetItem()
            tick.setFlags(
                Qt.ItemFlag.ItemIsUserCheckable
                | Qt.ItemFlag.ItemIsEnabled
                | Qt.ItemFlag.ItemIsSelectable
            )
            tick.setCheckState(
                Qt.CheckState.Checked if case.number in ticked else Qt.CheckState.Unchecked
            )
            tick.setData(Qt.ItemDataRole.AccessibleTextRole, case.number)
            self.ready_table.setItem(row, 0, tick)
        self.ready_table.blockSignals(False)
        if ready:
            self.ready_table.setCurrentCell(0, 0)
        self.waiting = [
            (returned, entry)
            for returned in lists
            for entry in returned.entries
            if entry.picked_up_by is None
        ]
        self.waiting_table.setRowCount(len(self.waiting))
        for row, (returned, entry) in enumerate(self.waiting):
            result = t("、").join(entry.papers)
            cells = [returned.number, entry.case_number, entry.applicant_name, entry.item_name]
            set_record_row(self.waiting_table, row, [*cells, result], active=True)
        if self.waiting:
            self.waiting_table.selectRow(0)
        self._update_buttons()

    def ticked_numbers(self) -> list[str]:
        numbers = []
        for row, case in enumerate(self.ready):
            item = self.ready_table.item(row, 0)
            if item is not None and item.checkState() == Qt.CheckState.Checked:
                numbers.append(case.number)
        return numbers

    def set_ticked(self, numbers: Sequence[str]) -> None:
        wanted = set(numbers)
        for row, case in enumerate(self.ready):
            item = self.ready_table.item(row, 0)
            if item is not None:
                item.setCheckState(
                    Qt.CheckState.Checked if case.number in wanted else Qt.CheckState.Unchecked
                )

    def current_waiting(self) -> tuple[ReturnList, ReturnEntry] | None:
        row = self.waiting_table.currentRow()
        return self.waiting[row] if 0 <= row < len(self.waiting) else None

    def _update_buttons(self) -> None:
        busy = self._writes.is_running()
        self.make_button.setEnabled(
            not busy and bool(self.ticked_numbers()) and bool(self.carrier_edit.text().strip())
        )
        self.pickup_button.setEnabled(not busy and self.current_waiting() is not None)

    # --- the 返还清单 -------------------------------------------------------------------------
    def make_list(self) -> None:
        point = self.current_point()
        numbers = self.ticked_numbers()
        if point is None or not self.make_button.isEnabled():
            return
        actor, service = self._context.actor, self._service
        carrier = self.carrier_edit.text()
        self._writes.run(
            lambda: service.make_return_list(actor, point.id, numbers, carrier),
            on_done=self._print,
            busy=(self.make_button,),
            initiator=self,
        )

    def _print(self, returned: ReturnList) -> None:
        self.carrier_edit.clear()
        self.message.show_ok(
            t(
                "已生成返还清单 {number}：{count}件，携带人{carrier}",
                number=returned.number,
                count=len(returned.entries),
                carrier=returned.carrier,
            )
        )
        actor, service = self._context.actor, self._service
        self.reads.start(
            lambda _progress: service.print_return_list(actor, returned.number),
            on_done=lambda printed: preview_document(
                self, printed.path, t("返还清单 {number}", number=returned.number)
            ),
            on_error=lambda error, _trace: self.message.show_error(user_message(error)),
        )

    # --- the pickup at the point -----------------------------------------------------------
    def pickup(self) -> None:
        waiting = self.current_waiting()
        if waiting is None:
            return
        _returned, entry = waiting
        dialog = TextDialog(
            self,
            title=t("登记领取"),
            prompt=t(
                "办件 {number}（{name}，{item}）的办理结果已在村便民服务点领取。\n"
                "领取人姓名（本人或其委托的人）：",
                number=entry.case_number,
                name=entry.applicant_name,
                item=entry.item_name,
            ),
            confirm_text=t("登记领取"),
            required_message=t("请填写领取人"),
        )
        dialog.setObjectName("pickupDialog")
        dialog.edit.setPlainText(entry.applicant_name)
        dialog.edit.selectAll()
        self.text_dialog = dialog
        dialog.accepted.connect(lambda: self._record_pickup(entry.case_number, dialog.text()))
        dialog.open()

    def _record_pickup(self, number: str, name: str) -> None:
        actor, service = self._context.actor, self._service

        def done(picked: PickedUp) -> None:
            self.message.show_ok(
                t(
                    "办件 {number} 已由{name}在村便民服务点领取",
                    number=picked.number,
                    name=picked.picked_up_by,
                )
            )

        self._writes.run(
            lambda: service.record_pickup(actor, number, name),
            on_done=done,
            busy=(self.pickup_button,),
            initiator=self,
        )
