"""The back-office desks (后台窗口): a desk is a county department's window in the center that
decides the cases of the departments mapped to it (后台分类审批), worked by the back-office
officers attached to it. Desks are deactivated, never deleted: the hand-overs name them."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
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
from townclerk.i18n import t
from townclerk.records.changes import DataArea
from townclerk.records.desks import DeskInfo
from townclerk.services.desks import DeskService, check_desk_name
from townclerk.ui.context import AppContext
from townclerk.ui.operations import WriteRunner
from townclerk.ui.widgets.message_line import MessageLine
from townclerk.ui.widgets.record_table import prepare_record_table, set_record_row


class DesksEditor(QWidget):
    """The desks table; under it, what to do with the chosen desk: rename it, stop or resume
    it, map a department to it, attach or detach an officer."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("desksEditor")
        self._context = context
        self._service = DeskService(context.db)
        self.desks: list[DeskInfo] = []
        layout = QVBoxLayout(self)
        explanation = QLabel(
            t(
                "后台窗口是进驻中心的县级部门窗口：分配给它的实施部门的事项，"
                "由窗口受理后移交该后台审批，审批后退回综合窗口出件。"
                "只有“后台审批人员”角色的用户可以加入后台窗口。"
            )
        )
        explanation.setWordWrap(True)
        layout.addWidget(explanation)

        headers = [t("后台窗口"), t("实施部门"), t("审批人员"), t("状态")]
        self.table = QTableWidget(0, len(headers))
        prepare_record_table(self.table, "desksTable", t("后台窗口"))
        self.table.setHorizontalHeaderLabels(headers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setMinimumHeight(150)
        self.table.itemSelectionChanged.connect(self._selected)
        layout.addWidget(self.table, 1)

        grid = QGridLayout()
        self.name_edit = QLineEdit()
        self.name_edit.setObjectName("deskNameEdit")
        self.name_edit.setAccessibleName(t("后台窗口名称"))
        self.name_edit.setPlaceholderText(t("如 市场监管后台"))
        self.name_edit.setMaxLength(64)
        self.name_edit.returnPressed.connect(self.add_desk)
        self.add_button = self._button("addDeskButton", t("添加后台窗口"), self.add_desk)
        self.rename_button = self._button("renameDeskButton", t("改名"), self.rename_desk)
        self.active_button = self._button("deskActiveButton", t("停用"), self.toggle_active)
        grid.addWidget(QLabel(t("名称")), 0, 0)
        grid.addWidget(self.name_edit, 0, 1)
        grid.addWidget(self.add_button, 0, 2)
        grid.addWidget(self.rename_button, 0, 3)
        grid.addWidget(self.active_button, 0, 4)

        self.department_combo = QComboBox()
        self.department_combo.setObjectName("deskDepartmentCombo")
        self.department_combo.setAccessibleName(t("实施部门"))
        self.map_button = self._button(
            "mapDepartmentButton", t("分配给所选后台"), self.map_department
        )
        self.unmap_button = self._button(
            "unmapDepartmentButton", t("取消分配"), self.unmap_department
        )
        grid.addWidget(QLabel(t("实施部门")), 1, 0)
        grid.addWidget(self.department_combo, 1, 1)
        grid.addWidget(self.map_button, 1, 2)
        grid.addWidget(self.unmap_button, 1, 3)

        self.officer_combo = QComboBox()
        self.officer_combo.setObjectName("deskOfficerCombo")
        self.officer_combo.setAccessibleName(t("审批人员"))
        self.join_button = self._button("addDeskMemberButton", t("加入所选后台"), self.add_member)
        self.leave_button = self._button(
            "removeDeskMemberButton", t("移出所选后台"), self.remove_member
        )
        grid.addWidget(QLabel(t("审批人员")), 2, 0)
        grid.addWidget(self.officer_combo, 2, 1)
        grid.addWidget(self.join_button, 2, 2)
        grid.addWidget(self.leave_button, 2, 3)
        grid.setColumnStretch(1, 1)
        layout.addLayout(grid)
        self.department_combo.currentIndexChanged.connect(self._update_buttons)
        self.officer_combo.currentIndexChanged.connect(self._update_buttons)

        self.message = MessageLine("desksMessage")
        layout.addWidget(self.message)
        self._writes = WriteRunner(context, self, message=self.message)
        self.reload()
        context.bus.data_changed.connect(self._on_data_changed)

    def _button(self, name: str, text: str, slot: Callable[[], None]) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.clicked.connect(slot)
        return button

    # --- reading ---------------------------------------------------------------------------
    def reload(self) -> None:
        chosen = self.selected_desk()
        self.desks = self._service.desks(self._context.actor)
        self.table.setRowCount(len(self.desks))
        for index, desk in enumerate(self.desks):
            officers = t("、").join(officer.display_name for officer in desk.officers)
            cells = [
                desk.name,
                t("、").join(desk.departments),
                officers,
                t("启用") if desk.active else t("停用"),
            ]
            set_record_row(self.table, index, cells, active=desk.active)
            if chosen is not None and desk.id == chosen.id:
                self.table.selectRow(index)
        self._fill_departments()
        self._fill_officers()
        self._update_buttons()

    def _fill_departments(self) -> None:
        current = self.department_combo.currentText()
        self.department_combo.clear()
        self.department_combo.addItems(self._service.departments())
        self.department_combo.setCurrentIndex(max(self.department_combo.findText(current), 0))

    def _fill_officers(self) -> None:
        current = self.officer_combo.currentData()
        self.officer_combo.clear()
        for user in self._context.users.list_users(self._context.actor):
            if user.role is Role.BACK_OFFICE and user.active:
                self.officer_combo.addItem(f"{user.display_name}（{user.username}）", user.username)
        self.officer_combo.setCurrentIndex(max(self.officer_combo.findData(current), 0))

    def selected_desk(self) -> DeskInfo | None:
        indexes = self.table.selectionModel().selectedRows()
        return self.desks[indexes[0].row()] if indexes else None

    def _selected(self) -> None:
        desk = self.selected_desk()
        if desk is not None:
            self.name_edit.setText(desk.name)
        self._update_buttons()

    def _update_buttons(self) -> None:
        desk = self.selected_desk()
        chosen = desk is not None
        for button in (self.rename_button, self.active_button, self.map_button, self.join_button):
            button.setEnabled(chosen)
        self.map_button.setEnabled(chosen and desk is not None and desk.active)
        self.active_button.setText(t("启用") if desk is not None and not desk.active else t("停用"))
        department = self.department_combo.currentText()
        self.unmap_button.setEnabled(any(department in d.departments for d in self.desks))
        self.leave_button.setEnabled(
            desk is not None
            and any(o.username == self.officer_combo.currentData() for o in desk.officers)
        )

    # --- writing ---------------------------------------------------------------------------
    def _name(self) -> str | None:
        try:
            return check_desk_name(self.name_edit.text())
        except FieldError as error:
            self.message.show_error(str(error))
            self.name_edit.setFocus()
            return None

    def add_desk(self) -> None:
        self.message.clear_message()
        name = self._name()
        if name is None:
            return
        service, actor = self._service, self._context.actor
        self._writes.run(
            lambda: service.add(actor, name),
            on_done=lambda desk: self._done(desk, t("已添加后台窗口“{name}”", name=desk.name)),
            busy=(self.add_button,),
        )

    def rename_desk(self) -> None:
        desk = self.selected_desk()
        name = self._name() if desk is not None else None
        if desk is None or name is None:
            return
        service, actor = self._service, self._context.actor
        self._writes.run(
            lambda: service.rename(actor, desk.id, name),
            on_done=lambda renamed: self._done(
                renamed, t("“{old}”已改名为“{name}”", old=desk.name, name=renamed.name)
            ),
            busy=(self.rename_button,),
        )

    def toggle_active(self) -> None:
        desk = self.selected_desk()
        if desk is None:
            return
        service, actor = self._service, self._context.actor
        self._writes.run(
            lambda: service.set_active(actor, desk.id, not desk.active),
            on_done=lambda changed: self._done(
                changed,
                t("已启用“{name}”", name=changed.name)
                if changed.active
                else t("已停用“{name}”：其部门的新办件改由窗口办结", name=changed.name),
            ),
            busy=(self.active_button,),
        )

    def map_department(self) -> None:
        desk = self.selected_desk()
        department = self.department_combo.currentText()
        if desk is None or not department:
            return
        service, actor = self._service, self._context.actor
        self._writes.run(
            lambda: service.map_department(actor, department, desk.id),
            on_done=lambda mapped: self._done(
                mapped,
                t(
                    "{department} 的后台审批事项由“{desk}”办理",
                    department=department,
                    desk=mapped.name,
                ),
            ),
            busy=(self.map_button,),
        )

    def unmap_department(self) -> None:
        department = self.department_combo.currentText()
        if not department:
            return
        service, actor = self._service, self._context.actor
        self._writes.run(
            lambda: service.unmap_department(actor, department),
            on_done=lambda _changed: self.message.show_ok(
                t("{department} 不再分配后台窗口", department=department)
            ),
            busy=(self.unmap_button,),
        )

    def add_member(self) -> None:
        desk = self.selected_desk()
        username = self.officer_combo.currentData()
        if desk is None or not username:
            if desk is not None:
                self.message.show_error(t("没有可加入的后台审批人员：请先在“用户”中添加"))
            return
        service, actor = self._service, self._context.actor
        self._writes.run(
            lambda: service.add_member(actor, desk.id, username),
            on_done=lambda joined: self._done(
                joined, t("已将 {username} 加入“{desk}”", username=username, desk=joined.name)
            ),
            busy=(self.join_button,),
        )

    def remove_member(self) -> None:
        desk = self.selected_desk()
        username = self.officer_combo.currentData()
        if desk is None or not username:
            return
        service, actor = self._service, self._context.actor
        self._writes.run(
            lambda: service.remove_member(actor, desk.id, username),
            on_done=lambda left: self._done(
                left, t("已将 {username} 移出“{desk}”", username=username, desk=left.name)
            ),
            busy=(self.leave_button,),
        )

    def _done(self, desk: DeskInfo, text: str) -> None:
        self.message.show_ok(text)
        for index, listed in enumerate(self.desks):
            if listed.id == desk.id:
                self.table.selectRow(index)

    def _on_data_changed(self, area: DataArea, _initiator: object) -> None:
        if area in (DataArea.DESKS, DataArea.USERS, DataArea.CATALOG):
            self.reload()
