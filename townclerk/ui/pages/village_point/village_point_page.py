"""村代办: the village service point's page. A village agent works here for their own point; a
clerk or supervisor registers on an agent's behalf, choosing the point and the agent.

Two tabs: the pre-registration form (its 回执 prints at once), and the point's pre-registrations
with the township's answers, the 待领取 filter, 撤销 and 生成交接单. Nothing here accepts an
application: the township's window does, and gives the case number.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QLabel,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from townclerk.enums import Role
from townclerk.errors import UserError
from townclerk.i18n import t
from townclerk.records.changes import DataArea
from townclerk.records.villages import (
    PreRegistrationInfo,
    PreRegistrationInput,
    TransferListInfo,
    VillagePointInfo,
)
from townclerk.services.pre_registrations import PreRegistrationService
from townclerk.services.villages import VillageService
from townclerk.ui import style
from townclerk.ui.context import AppContext
from townclerk.ui.crash import user_message
from townclerk.ui.operations import WriteRunner
from townclerk.ui.pages.village_point.papers import PaperPrinter
from townclerk.ui.pages.village_point.pre_registration_list import PreRegistrationList
from townclerk.ui.pages.village_point.registration_form import RegistrationForm
from townclerk.ui.pages.village_point.transfer_dialog import TransferDialog
from townclerk.ui.widgets.flow_layout import FlowLayout
from townclerk.ui.widgets.message_line import MessageLine
from townclerk.ui.widgets.text_dialog import TextDialog


class VillagePointPage(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("villagePointPage")
        self._context = context
        self._villages = VillageService(context.db)
        self._service = PreRegistrationService(context.db)
        self.points: list[VillagePointInfo] = []
        self.dialog: TextDialog | TransferDialog | None = None  # the one open, for the tests

        chooser = FlowLayout()
        self.point_label = QLabel(t("服务点(&V)："))
        self.point_combo = QComboBox()
        self.point_combo.setObjectName("pointCombo")
        self.point_combo.setAccessibleName(t("村便民服务点"))
        self.point_label.setBuddy(self.point_combo)
        self.agent_label = QLabel(t("代办员(&G)："))
        self.agent_combo = QComboBox()
        self.agent_combo.setObjectName("agentCombo")
        self.agent_combo.setAccessibleName(t("代办员"))
        self.agent_label.setBuddy(self.agent_combo)
        for widget in (self.point_label, self.point_combo, self.agent_label, self.agent_combo):
            chooser.addWidget(widget)
        self.notice = QLabel(
            t("预登记不是受理：镇为民服务中心收到材料后受理并编号，办理进度在“预登记记录”中查看。")
        )
        self.notice.setObjectName("preRegistrationNotice")
        self.notice.setWordWrap(True)
        self.notice.setStyleSheet(style.MUTED_TEXT)

        self.form = RegistrationForm(context)
        form_scroll = QScrollArea()
        form_scroll.setObjectName("registrationScroll")
        form_scroll.setWidgetResizable(True)
        form_scroll.setFrameShape(QFrame.Shape.NoFrame)
        form_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        form_scroll.setWidget(self.form)
        self.list = PreRegistrationList()
        self.tabs = QTabWidget()
        self.tabs.setObjectName("villagePointTabs")
        self.tabs.addTab(form_scroll, t("预登记"))
        self.tabs.addTab(self.list, t("预登记记录"))
        self.message = MessageLine("villagePointMessage")

        layout = QVBoxLayout(self)
        layout.addLayout(chooser)
        layout.addWidget(self.notice)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.message)
        self._writes = WriteRunner(context, self, message=self.message)
        self.printer = PaperPrinter(context, self, self.message)

        self.point_combo.currentIndexChanged.connect(self._point_changed)
        self.form.submitted.connect(self.register)
        self.list.status_combo.currentIndexChanged.connect(self.reload_list)
        self.list.pickup_check.toggled.connect(self.reload_list)
        self.list.transfer_button.clicked.connect(self.make_transfer_list)
        self.list.cancel_button.clicked.connect(self.cancel_selected)
        self.list.reprint_button.clicked.connect(self.reprint_receipt)
        context.bus.data_changed.connect(self._on_data_changed)
        context.bus.session_changed.connect(self.reload)
        self.reload()

    # --- the point and the agent -------------------------------------------------------------
    def reload(self) -> None:
        """The points this user works for, then the list."""
        if self._context.session is None:
            return
        chosen = self.point_id()
        try:
            self.points = self._villages.points(self._context.actor)
        except UserError as error:  # an agent not (or no longer) at an active point
            self.points = []
            self.message.show_error(user_message(error))
        self.point_combo.blockSignals(True)
        self.point_combo.clear()
        for point in self.points:
            self.point_combo.addItem(f"{point.name}（{point.code}）", point.id)
        if not self.points:
            self.point_combo.addItem(t("（没有启用的村便民服务点）"), None)
        index = self.point_combo.findData(chosen)
        self.point_combo.setCurrentIndex(max(index, 0))
        self.point_combo.blockSignals(False)
        agent_user = self._context.actor.role is Role.VILLAGE_AGENT
        self.point_combo.setEnabled(not agent_user and len(self.points) > 1)
        self._point_changed()

    def point_id(self) -> int | None:
        value = self.point_combo.currentData()
        return int(value) if value is not None else None

    def point(self) -> VillagePointInfo | None:
        return next((p for p in self.points if p.id == self.point_id()), None)

    def agent_id(self) -> int | None:
        value = self.agent_combo.currentData()
        return int(value) if value is not None else None

    def _point_changed(self) -> None:
        point = self.point()
        self.agent_combo.clear()
        agents = point.active_agents if point else ()
        if self._context.actor.role is Role.VILLAGE_AGENT:
            agents = tuple(a for a in agents if a.username == self._context.actor.username)
        for agent in agents:
            self.agent_combo.addItem(agent.name, agent.id)
        if not agents:
            self.agent_combo.addItem(t("（该服务点没有在岗代办员）"), None)
        self.agent_combo.setEnabled(len(agents) > 1)
        self.form.register_button.setEnabled(point is not None and bool(agents))
        self.reload_list()

    # --- the list ----------------------------------------------------------------------------
    def reload_list(self) -> None:
        point_id = self.point_id()
        if point_id is None:
            self.list.show_rows(())
            return
        try:
            rows = self._service.list(
                self._context.actor,
                point_id,
                self.list.statuses(),
                awaiting_pickup=self.list.awaiting_pickup(),
            )
        except UserError as error:
            self.message.show_error(user_message(error))
            rows = ()
        self.list.show_rows(rows)

    def _on_data_changed(self, area: DataArea, _initiator: object) -> None:
        if area is DataArea.VILLAGES:
            self.reload()

    # --- navigation --------------------------------------------------------------------------
    def focus_search(self) -> None:
        self.tabs.setCurrentIndex(0)
        self.form.focus_search()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.tabs.currentIndex() == 0 and self.form.item is None:
            self.form.focus_search()

    # --- writing -----------------------------------------------------------------------------
    def register(self, data: PreRegistrationInput) -> None:
        point_id, agent_id = self.point_id(), self.agent_id()
        if point_id is None or agent_id is None:
            self.message.show_error(t("请先选择村便民服务点和代办员"))
            return
        actor, service = self._context.actor, self._service
        ready = PreRegistrationInput(
            data.item_id, data.applicant, data.received, point_id, agent_id, data.note
        )
        self.message.clear_message()
        self._writes.run(
            lambda: service.register(actor, ready),
            on_done=self._registered,
            busy=(self.form.register_button,),
        )

    def _registered(self, pre: PreRegistrationInfo) -> None:
        self.message.show_ok(
            t(
                "已预登记 {reference}：{applicant} · {item}。正在打印预登记回执…",
                reference=pre.reference,
                applicant=pre.applicant_name,
                item=pre.item_name,
            )
        )
        self.form.clear()
        self.printer.receipt(pre.reference)

    def make_transfer_list(self) -> None:
        leaving = self.list.leaving()
        point_id = self.point_id()
        if not leaving or point_id is None:
            return
        dialog = TransferDialog(self, leaving, self.agent_combo.currentText())
        self.dialog = dialog
        references = [pre.reference for pre in leaving]
        dialog.accepted.connect(lambda: self._send(point_id, references, dialog.carrier()))
        dialog.open()

    def _send(self, point_id: int, references: list[str], carrier: str) -> None:
        actor, service = self._context.actor, self._service
        self._writes.run(
            lambda: service.make_transfer_list(actor, point_id, references, carrier),
            on_done=self._sent,
            busy=(self.list.transfer_button,),
        )

    def _sent(self, trip: TransferListInfo) -> None:
        self.message.show_ok(
            t(
                "已生成交接单 {number}（{count} 件），正在打印…",
                number=trip.number,
                count=len(trip.entries),
            )
        )
        self.printer.transfer_list(trip.number)

    def cancel_selected(self) -> None:
        chosen = self.list.selected()
        if len(chosen) != 1:
            return
        reference = chosen[0].reference
        dialog = TextDialog(
            self,
            title=t("撤销预登记"),
            prompt=t(
                "撤销预登记 {reference}（{applicant} · {item}）。撤销原因：",
                reference=reference,
                applicant=chosen[0].applicant_name,
                item=chosen[0].item_name,
            ),
            confirm_text=t("撤销"),
            required_message=t("请填写撤销原因"),
        )
        dialog.setObjectName("cancelPreDialog")
        self.dialog = dialog
        dialog.accepted.connect(lambda: self._cancel(reference, dialog.text()))
        dialog.open()

    def _cancel(self, reference: str, reason: str) -> None:
        actor, service = self._context.actor, self._service
        self._writes.run(
            lambda: service.cancel(actor, reference, reason),
            on_done=lambda pre: self.message.show_ok(
                t("已撤销预登记 {reference}", reference=pre.reference)
            ),
            busy=(self.list.cancel_button,),
        )

    def reprint_receipt(self) -> None:
        chosen = self.list.selected()
        if len(chosen) == 1:
            self.printer.receipt(chosen[0].reference)
