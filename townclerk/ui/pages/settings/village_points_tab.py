"""村便民服务点: the village service points and their agents (代办员), kept by the admin.

The upper half lists the points; choosing one fills the point form (to change it) and shows
its agents below; choosing an agent fills the agent form. Points and agents are never deleted
(pre-registrations name them): one that stops is 停用. The services check every value again.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from townclerk.enums import Role
from townclerk.errors import FieldError
from townclerk.i18n import pt, t
from townclerk.records.changes import DataArea
from townclerk.records.villages import (
    PointInput,
    VillageAgentInfo,
    VillageAgentInput,
    VillagePointInfo,
)
from townclerk.services.villages import VillageService, check_agent, check_point
from townclerk.ui.context import AppContext
from townclerk.ui.operations import WriteRunner
from townclerk.ui.widgets.flow_layout import FlowLayout
from townclerk.ui.widgets.message_line import MessageLine
from townclerk.ui.widgets.record_table import prepare_record_table, set_record_row
from townclerk.validation import mask_id_number, mask_phone


class VillagePointsEditor(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("villagePoints")
        self._context = context
        self._service = VillageService(context.db)
        self.points: list[VillagePointInfo] = []
        layout = QVBoxLayout(self)
        explanation = QLabel(
            t(
                "每个村（社区）可设一个便民服务点。服务点代码是预登记号和交接单号的开头"
                "（如 WJ-20260929-001）。代办员可关联一个“村代办员”角色的用户，用于本人登录预登记。"
            )
        )
        explanation.setWordWrap(True)
        layout.addWidget(explanation)

        point_headers = [t("代码"), t("服务点"), t("村（社区）"), t("电话"), t("代办员"), t("状态")]
        self.point_table = QTableWidget(0, len(point_headers))
        prepare_record_table(self.point_table, "villagePointTable", t("村便民服务点"))
        self.point_table.setHorizontalHeaderLabels(point_headers)
        self.point_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.point_table.setMinimumHeight(130)
        self.point_table.itemSelectionChanged.connect(self._point_selected)
        layout.addWidget(self.point_table)

        point_form = QFormLayout()
        point_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.village_combo = QComboBox()
        self.village_combo.setObjectName("pointVillageCombo")
        self.village_combo.setAccessibleName(t("村（社区）"))
        point_form.addRow(t("村（社区）："), self.village_combo)
        self.point_name_edit = self._line("pointNameEdit", t("服务点名称"), 128)
        self.point_name_edit.setPlaceholderText(t("如 王集村便民服务点"))
        point_form.addRow(t("服务点名称："), self.point_name_edit)
        self.point_code_edit = self._line("pointCodeEdit", t("服务点代码"), 32)
        self.point_code_edit.setPlaceholderText(t("字母或数字，如 WJ 或村的区划代码"))
        point_form.addRow(t("服务点代码："), self.point_code_edit)
        self.point_address_edit = self._line("pointAddressEdit", t("地址"), 255)
        point_form.addRow(t("地址："), self.point_address_edit)
        self.point_phone_edit = self._line("pointPhoneEdit", t("服务点电话"), 32)
        point_form.addRow(t("服务点电话："), self.point_phone_edit)
        layout.addLayout(point_form)
        point_buttons = FlowLayout()
        self.add_point_button = QPushButton(t("添加服务点"))
        self.add_point_button.setObjectName("addPointButton")
        self.add_point_button.clicked.connect(self.add_point)
        self.save_point_button = QPushButton(t("保存服务点修改"))
        self.save_point_button.setObjectName("savePointButton")
        self.save_point_button.clicked.connect(self.save_point)
        self.toggle_point_button = QPushButton(t("停用服务点"))
        self.toggle_point_button.setObjectName("togglePointButton")
        self.toggle_point_button.clicked.connect(self.toggle_point)
        for button in (self.add_point_button, self.save_point_button, self.toggle_point_button):
            point_buttons.addWidget(button)
        layout.addLayout(point_buttons)

        self.agents_heading = QLabel()
        self.agents_heading.setObjectName("agentsHeading")
        self.agents_heading.setStyleSheet("font-weight: bold;")
        layout.addWidget(self.agents_heading)
        agent_headers = [
            t("姓名"),
            t("电话"),
            t("身份证号码"),
            t("培训日期"),
            t("登录名"),
            t("状态"),
        ]
        self.agent_table = QTableWidget(0, len(agent_headers))
        prepare_record_table(self.agent_table, "villageAgentTable", t("代办员"))
        self.agent_table.setHorizontalHeaderLabels(agent_headers)
        self.agent_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.agent_table.setMinimumHeight(100)
        self.agent_table.itemSelectionChanged.connect(self._agent_selected)
        layout.addWidget(self.agent_table)

        agent_form = QFormLayout()
        agent_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.agent_name_edit = self._line("agentNameEdit", t("代办员姓名"), 64)
        agent_form.addRow(t("姓名："), self.agent_name_edit)
        self.agent_phone_edit = self._line("agentPhoneEdit", t("代办员电话"), 32)
        agent_form.addRow(pt("VillagePointsEditor", "电话："), self.agent_phone_edit)
        self.agent_id_edit = self._line("agentIdEdit", t("代办员身份证号码"), 40)
        agent_form.addRow(t("身份证号码："), self.agent_id_edit)
        self.trained_edit = self._line("agentTrainedEdit", t("培训日期"), 10)
        self.trained_edit.setPlaceholderText(t("YYYY-MM-DD，可不填"))
        agent_form.addRow(t("培训日期："), self.trained_edit)
        self.login_combo = QComboBox()
        self.login_combo.setObjectName("agentLoginCombo")
        self.login_combo.setAccessibleName(t("代办员登录名"))
        agent_form.addRow(t("登录名："), self.login_combo)
        layout.addLayout(agent_form)
        agent_buttons = FlowLayout()
        self.add_agent_button = QPushButton(t("添加代办员"))
        self.add_agent_button.setObjectName("addAgentButton")
        self.add_agent_button.clicked.connect(self.add_agent)
        self.save_agent_button = QPushButton(t("保存代办员修改"))
        self.save_agent_button.setObjectName("saveAgentButton")
        self.save_agent_button.clicked.connect(self.save_agent)
        self.toggle_agent_button = QPushButton(t("停用代办员"))
        self.toggle_agent_button.setObjectName("toggleAgentButton")
        self.toggle_agent_button.clicked.connect(self.toggle_agent)
        for button in (self.add_agent_button, self.save_agent_button, self.toggle_agent_button):
            agent_buttons.addWidget(button)
        layout.addLayout(agent_buttons)
        self.message = MessageLine("villagePointsMessage")
        layout.addWidget(self.message)
        self._writes = WriteRunner(context, self, message=self.message)
        self._point_edits = {
            "village_id": self.village_combo,
            "name": self.point_name_edit,
            "code": self.point_code_edit,
            "address": self.point_address_edit,
            "phone": self.point_phone_edit,
        }
        self._agent_edits = {
            "name": self.agent_name_edit,
            "phone": self.agent_phone_edit,
            "id_number": self.agent_id_edit,
            "trained_on": self.trained_edit,
            "username": self.login_combo,
        }
        self.reload()
        context.bus.data_changed.connect(self._on_data_changed)

    def _line(self, name: str, accessible_name: str, max_length: int) -> QLineEdit:
        edit = QLineEdit()
        edit.setObjectName(name)
        edit.setAccessibleName(accessible_name)
        edit.setMaxLength(max_length)
        return edit

    # --- showing ---------------------------------------------------------------------------
    def reload(self) -> None:
        chosen = self.selected_point()
        chosen_agent = self.selected_agent()
        actor = self._context.actor
        self.points = self._service.points(actor, include_inactive=True)
        self.point_table.blockSignals(True)
        self.point_table.setRowCount(len(self.points))
        for row, point in enumerate(self.points):
            agents = t("、").join(agent.name for agent in point.active_agents) or "—"
            cells = [
                point.code,
                point.name,
                point.village_name,
                point.phone,
                agents,
                t("启用") if point.active else t("已停用"),
            ]
            set_record_row(self.point_table, row, cells, active=point.active)
        self.point_table.blockSignals(False)
        self._load_villages()
        self._load_logins()
        if chosen is not None:
            self._select_point(chosen.id)
        self._show_agents()
        if chosen_agent is not None:
            self._select_agent(chosen_agent.id)
        self._update_buttons()

    def _load_villages(self) -> None:
        current = self.village_combo.currentData()
        self.village_combo.clear()
        for village in self._context.settings.villages():
            self.village_combo.addItem(village.name, village.id)
        index = self.village_combo.findData(current)
        if index >= 0:
            self.village_combo.setCurrentIndex(index)

    def _load_logins(self) -> None:
        current = self.login_combo.currentData()
        self.login_combo.clear()
        self.login_combo.addItem(t("（不登录）"), "")
        for user in self._context.users.list_users(self._context.actor):
            if user.role is Role.VILLAGE_AGENT and user.active:
                self.login_combo.addItem(f"{user.username}（{user.display_name}）", user.username)
        index = self.login_combo.findData(current)
        self.login_combo.setCurrentIndex(max(index, 0))

    def selected_point(self) -> VillagePointInfo | None:
        rows = self.point_table.selectionModel().selectedRows()
        return self.points[rows[0].row()] if rows else None

    def selected_agent(self) -> VillageAgentInfo | None:
        point = self.selected_point()
        rows = self.agent_table.selectionModel().selectedRows()
        if point is None or not rows:
            return None
        return point.agents[rows[0].row()]

    def _select_point(self, point_id: int) -> None:
        for row, point in enumerate(self.points):
            if point.id == point_id:
                self.point_table.selectRow(row)

    def _select_agent(self, agent_id: int) -> None:
        point = self.selected_point()
        for row, agent in enumerate(point.agents if point else ()):
            if agent.id == agent_id:
                self.agent_table.selectRow(row)

    def _point_selected(self) -> None:
        point = self.selected_point()
        if point is not None:
            self.village_combo.setCurrentIndex(self.village_combo.findData(point.village_id))
            self.point_name_edit.setText(point.name)
            self.point_code_edit.setText(point.code)
            self.point_address_edit.setText(point.address)
            self.point_phone_edit.setText(point.phone)
        self._show_agents()
        self._update_buttons()

    def _show_agents(self) -> None:
        point = self.selected_point()
        agents = point.agents if point else ()
        self.agents_heading.setText(
            t("“{point}”的代办员", point=point.name) if point else t("选择服务点后登记其代办员")
        )
        self.agent_table.blockSignals(True)
        self.agent_table.setRowCount(len(agents))
        for row, agent in enumerate(agents):
            cells = [
                agent.name,
                mask_phone(agent.phone),
                mask_id_number(agent.id_number),
                agent.trained_on.isoformat() if agent.trained_on else "—",
                agent.username or "—",
                t("启用") if agent.active else t("已停用"),
            ]
            set_record_row(self.agent_table, row, cells, active=agent.active)
        self.agent_table.blockSignals(False)

    def _agent_selected(self) -> None:
        agent = self.selected_agent()
        if agent is not None:
            self.agent_name_edit.setText(agent.name)
            self.agent_phone_edit.setText(agent.phone)
            self.agent_id_edit.setText(agent.id_number)
            self.trained_edit.setText(agent.trained_on.isoformat() if agent.trained_on else "")
            self.login_combo.setCurrentIndex(max(self.login_combo.findData(agent.username), 0))
        self._update_buttons()

    def _update_buttons(self) -> None:
        point = self.selected_point()
        agent = self.selected_agent()
        self.save_point_button.setEnabled(point is not None)
        self.toggle_point_button.setEnabled(point is not None)
        self.toggle_point_button.setText(
            t("停用服务点") if point is None or point.active else t("启用服务点")
        )
        self.add_agent_button.setEnabled(point is not None)
        self.save_agent_button.setEnabled(agent is not None)
        self.toggle_agent_button.setEnabled(agent is not None)
        self.toggle_agent_button.setText(
            t("停用代办员") if agent is None or agent.active else t("启用代办员")
        )

    # --- writing ---------------------------------------------------------------------------
    def _point_input(self) -> PointInput | None:
        """The point typed in, or None when a field is wrong (said beside the cursor in it)."""
        data = PointInput(
            village_id=int(self.village_combo.currentData() or 0),
            name=self.point_name_edit.text(),
            code=self.point_code_edit.text(),
            address=self.point_address_edit.text(),
            phone=self.point_phone_edit.text(),
        )
        try:
            return check_point(data)
        except FieldError as error:
            self._field_error(error, self._point_edits)
            return None

    def add_point(self) -> None:
        data, actor = self._point_input(), self._context.actor
        if data is None:
            return
        self._write(
            lambda: self._service.add_point(actor, data),
            self.add_point_button,
            lambda point: t("已添加服务点 {code} {name}", code=point.code, name=point.name),
        )

    def save_point(self) -> None:
        point = self.selected_point()
        data, actor = self._point_input(), self._context.actor
        if point is None or data is None:
            return
        self._write(
            lambda: self._service.update_point(actor, point.id, data),
            self.save_point_button,
            lambda saved: t("已保存服务点 {code} {name}", code=saved.code, name=saved.name),
        )

    def toggle_point(self) -> None:
        point = self.selected_point()
        if point is None:
            return
        actor = self._context.actor
        self._write(
            lambda: self._service.set_point_active(actor, point.id, not point.active),
            self.toggle_point_button,
            lambda saved: (
                t("“{name}”已启用。", name=saved.name)
                if saved.active
                else t("“{name}”已停用。", name=saved.name)
            ),
        )

    def _agent_input(self) -> VillageAgentInput | None:
        text = self.trained_edit.text().strip()
        trained_on = None
        if text:
            try:
                trained_on = dt.date.fromisoformat(text)
            except ValueError:
                self._field_error(
                    FieldError(t("培训日期应为 YYYY-MM-DD 格式：{text}", text=text), "trained_on"),
                    self._agent_edits,
                )
                return None
        data = VillageAgentInput(
            name=self.agent_name_edit.text(),
            phone=self.agent_phone_edit.text(),
            id_number=self.agent_id_edit.text(),
            trained_on=trained_on,
            username=str(self.login_combo.currentData() or ""),
        )
        try:
            return check_agent(data, self._context.db.today())
        except FieldError as error:
            self._field_error(error, self._agent_edits)
            return None

    def add_agent(self) -> None:
        point = self.selected_point()
        data = self._agent_input()
        if point is None or data is None:
            return
        actor = self._context.actor
        self._write(
            lambda: self._service.add_agent(actor, point.id, data),
            self.add_agent_button,
            lambda saved: t("已添加代办员 {name}", name=data.name),
        )

    def save_agent(self) -> None:
        agent = self.selected_agent()
        data = self._agent_input()
        if agent is None or data is None:
            return
        actor = self._context.actor
        self._write(
            lambda: self._service.update_agent(actor, agent.id, data),
            self.save_agent_button,
            lambda saved: t("已保存代办员 {name}", name=data.name),
        )

    def toggle_agent(self) -> None:
        agent = self.selected_agent()
        if agent is None:
            return
        actor = self._context.actor
        self._write(
            lambda: self._service.set_agent_active(actor, agent.id, not agent.active),
            self.toggle_agent_button,
            lambda saved: (
                t("代办员 {name} 已停用。", name=agent.name)
                if agent.active
                else t("代办员 {name} 已启用。", name=agent.name)
            ),
        )

    def _write(
        self,
        work: Callable[[], VillagePointInfo],
        button: QPushButton,
        said: Callable[[VillagePointInfo], str],
    ) -> None:
        self.message.clear_message()
        self._writes.run(
            work, on_done=lambda point: self._written(point, said(point)), busy=(button,)
        )

    def _written(self, point: VillagePointInfo, text: str) -> None:
        # The tables have reloaded already (_on_data_changed): the point is in them.
        self._select_point(point.id)
        self.message.show_ok(text)

    def _field_error(self, error: FieldError, edits: dict[str, QWidget]) -> None:
        self.message.show_error(str(error))
        edit = edits.get(error.field)
        if edit is not None:
            edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def _on_data_changed(self, area: DataArea, _initiator: object) -> None:
        if area in (DataArea.VILLAGES, DataArea.SETTINGS, DataArea.USERS):
            self.reload()
