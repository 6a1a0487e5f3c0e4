"""Users: add one with a role, disable or enable, reset a forgotten password, lift the delay
that failed logins put on a name."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from townclerk.enums import Role
from townclerk.i18n import pt, t
from townclerk.records.changes import Changed, DataArea
from townclerk.services.users import UserInfo, password_rule
from townclerk.ui import style
from townclerk.ui.context import AppContext
from townclerk.ui.operations import WriteRunner
from townclerk.ui.widgets.dialog_keys import add_confirm_keys
from townclerk.ui.widgets.flow_layout import FlowLayout
from townclerk.ui.widgets.message_line import MessageLine
from townclerk.ui.widgets.record_table import prepare_record_table, set_record_row


def _password_edit(object_name: str, accessible_name: str) -> QLineEdit:
    edit = QLineEdit()
    edit.setObjectName(object_name)
    edit.setAccessibleName(accessible_name)
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setMaxLength(128)
    return edit


class ResetPasswordDialog(QDialog):
    """Set a new password for a user; the password is typed twice."""

    def __init__(self, context: AppContext, user: UserInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        add_confirm_keys(self)  # Ctrl+Enter confirms from any field, Esc cancels
        self.setObjectName("resetPasswordDialog")
        self.setWindowTitle(t("重置密码"))
        self.setModal(True)
        self.setMinimumWidth(420)
        self._context = context
        self.user = user
        layout = QVBoxLayout(self)
        explanation = QLabel(
            t(
                "为 {name}（{username}）设置新密码。请当面告知本人；登录等待将同时解除。",
                name=user.display_name,
                username=user.username,
            )
        )
        explanation.setWordWrap(True)
        layout.addWidget(explanation)
        form = QFormLayout()
        self.password_edit = _password_edit("resetPasswordEdit", t("新密码"))
        self.repeat_edit = _password_edit("resetPasswordRepeatEdit", t("再次输入"))
        form.addRow(t("新密码"), self.password_edit)
        form.addRow(t("再次输入"), self.repeat_edit)
        layout.addLayout(form)
        self.message = MessageLine("resetPasswordMessage")
        layout.addWidget(self.message)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.confirm_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.confirm_button.setText(t("设置密码"))
        self.confirm_button.setObjectName("resetPasswordConfirm")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(t("取消"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._writes = WriteRunner(context, self, message=self.message)

    def accept(self) -> None:
        password = self.password_edit.text()
        if password != self.repeat_edit.text():
            self.message.show_error(pt("ResetPasswordDialog", "两次输入的密码不一致"))
            return
        users, actor, username = self._context.users, self._context.actor, self.user.username
        self._writes.run(
            lambda: users.reset_password(actor, username, password),
            on_done=self._password_set,
            busy=(self.confirm_button,),
        )

    def _password_set(self, _result: Changed) -> None:
        super().accept()


class UsersEditor(QWidget):
    """The users table with the add form beside it."""

    BESIDE_WIDTH = 760  # narrower (1024×768 at 150 %), the form goes below the list

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("usersEditor")
        self._context = context
        self.users: list[UserInfo] = []
        self.active_dialog: ResetPasswordDialog | None = None
        # The new-user form beside the list, or below it on a narrow window (resizeEvent).
        layout = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        self.columns = layout

        left = QVBoxLayout()
        self.table = QTableWidget(0, 5)
        prepare_record_table(self.table, "userTable", t("用户"))
        self.table.setHorizontalHeaderLabels(
            [
                t("用户名"),
                t("姓名"),
                t("角色"),
                t("状态"),
                t("登录等待至"),
            ]
        )
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        left.addWidget(self.table, 1)
        buttons = FlowLayout()
        self.toggle_button = QPushButton(pt("UsersEditor", "停用"))
        self.toggle_button.setObjectName("toggleUserButton")
        self.toggle_button.clicked.connect(self.toggle_selected)
        self.reset_button = QPushButton(t("重置密码…"))
        self.reset_button.setObjectName("resetPasswordButton")
        self.reset_button.clicked.connect(self.open_reset_dialog)
        self.unlock_button = QPushButton(t("解除登录等待"))
        self.unlock_button.setObjectName("unlockUserButton")
        self.unlock_button.clicked.connect(self.unlock_selected)
        buttons.addWidget(self.toggle_button)
        buttons.addWidget(self.reset_button)
        buttons.addWidget(self.unlock_button)
        left.addLayout(buttons)
        self.message = MessageLine("userMessage")
        left.addWidget(self.message)
        layout.addLayout(left, 3)

        box = QGroupBox(t("新增用户"))
        form = QFormLayout(box)
        self.username_edit = QLineEdit()
        self.username_edit.setObjectName("newUserNameEdit")
        self.username_edit.setAccessibleName(t("用户名"))
        self.username_edit.setPlaceholderText(t("字母和数字，如 wangxy"))
        self.username_edit.setMaxLength(64)
        self.display_edit = QLineEdit()
        self.display_edit.setObjectName("newUserDisplayNameEdit")
        self.display_edit.setAccessibleName(t("姓名"))
        self.display_edit.setMaxLength(64)
        self.role_combo = QComboBox()
        self.role_combo.setObjectName("newUserRoleCombo")
        self.role_combo.setAccessibleName(t("角色"))
        for role in Role:
            self.role_combo.addItem(t(role.label), role)
        self.password_edit = _password_edit("newUserPasswordEdit", t("密码"))
        self.repeat_edit = _password_edit("newUserPasswordRepeatEdit", t("再次输入"))
        form.addRow(t("用户名"), self.username_edit)
        form.addRow(t("姓名"), self.display_edit)
        form.addRow(t("角色"), self.role_combo)
        form.addRow(t("密码"), self.password_edit)
        # The rule is said before the first try, not only after a failure.
        self.password_rule = QLabel(password_rule())
        self.password_rule.setObjectName("passwordRuleLabel")
        self.password_rule.setWordWrap(True)
        self.password_rule.setStyleSheet(style.MUTED_TEXT)
        form.addRow("", self.password_rule)
        form.addRow(t("再次输入"), self.repeat_edit)
        self.add_button = QPushButton(pt("UsersEditor", "添加用户"))
        self.add_button.setObjectName("addUserButton")
        self.add_button.clicked.connect(self.add)
        form.addRow(self.add_button)
        # What adding says (done, or why not) is shown in the form, under its button.
        self.add_message = MessageLine("addUserMessage")
        form.addRow(self.add_message)
        for edit in (self.username_edit, self.display_edit, self.password_edit, self.repeat_edit):
            edit.returnPressed.connect(self.add)  # Enter adds the user, from any of its fields
        layout.addWidget(box, 2, Qt.AlignmentFlag.AlignTop)

        self._writes = WriteRunner(context, self, message=self.message)
        self._adds = WriteRunner(context, self, message=self.add_message)
        context.bus.data_changed.connect(self._on_data_changed)
        self.reload()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        beside = event.size().width() >= self.BESIDE_WIDTH
        self.columns.setDirection(
            QBoxLayout.Direction.LeftToRight if beside else QBoxLayout.Direction.TopToBottom
        )

    def reload(self) -> None:
        selected = self.selected_user()
        self.users = self._context.users.list_users(self._context.actor)
        self.table.setRowCount(len(self.users))
        now = self._context.db.now()
        for index, user in enumerate(self.users):
            delayed = (
                f"{user.login_wait_until:%Y-%m-%d %H:%M:%S}"
                if user.login_wait_until is not None and user.login_wait_until > now
                else ""
            )
            cells = [
                user.username,
                user.display_name,
                t(user.role.label),
                pt("UsersEditor", "启用") if user.active else t("已停用"),
                delayed,
            ]
            set_record_row(self.table, index, cells, active=user.active)
        if selected is not None:
            self.select_username(selected.username)
        self._update_buttons()

    def select_username(self, username: str) -> None:
        for index, user in enumerate(self.users):
            if user.username == username:
                self.table.selectRow(index)
                return

    def selected_user(self) -> UserInfo | None:
        indexes = self.table.selectionModel().selectedRows()
        return self.users[indexes[0].row()] if indexes else None

    def add(self) -> None:
        if self._adds.is_running():
            return
        username = self.username_edit.text().strip()
        password = self.password_edit.text()
        if password != self.repeat_edit.text():
            self.add_message.show_error(pt("UsersEditor", "两次输入的密码不一致"))
            return
        role = Role(self.role_combo.currentData())
        users, actor = self._context.users, self._context.actor
        display_name = self.display_edit.text()
        self._adds.run(
            lambda: users.create_user(actor, username, password, role, display_name),
            on_done=self._added,
            busy=(self.add_button,),
        )

    def _added(self, user: UserInfo) -> None:
        # The table has reloaded already (_on_data_changed): the new user is in it.
        for edit in (self.username_edit, self.display_edit, self.password_edit, self.repeat_edit):
            edit.clear()
        self.add_message.show_ok(
            t("用户 {username}（{role}）已添加。", username=user.username, role=t(user.role.label))
        )
        self.select_username(user.username)

    def toggle_selected(self) -> None:
        user = self.selected_user()
        if user is None:
            return
        users, actor = self._context.users, self._context.actor
        text = t("用户 {username} 已启用。") if not user.active else t("用户 {username} 已停用。")
        self._writes.run(
            lambda: users.set_active(actor, user.username, not user.active),
            on_done=lambda _result: self.message.show_ok(text.format(username=user.username)),
            busy=(self.toggle_button,),
        )

    def unlock_selected(self) -> None:
        user = self.selected_user()
        if user is None:
            return
        users, actor = self._context.users, self._context.actor
        self._writes.run(
            lambda: users.unlock(actor, user.username),
            on_done=lambda _result: self.message.show_ok(
                t("{username} 可以立即登录。", username=user.username)
            ),
            busy=(self.unlock_button,),
        )

    def open_reset_dialog(self) -> ResetPasswordDialog | None:
        user = self.selected_user()
        if user is None:
            return None
        dialog = ResetPasswordDialog(self._context, user, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.active_dialog = dialog
        dialog.accepted.connect(
            lambda: self.message.show_ok(
                t("用户 {username} 的密码已重置。", username=user.username)
            )
        )
        dialog.finished.connect(lambda _result: self._dialog_closed(dialog))
        dialog.open()
        return dialog

    def _dialog_closed(self, dialog: ResetPasswordDialog) -> None:
        if self.active_dialog is dialog:
            self.active_dialog = None

    def _update_buttons(self) -> None:
        user = self.selected_user()
        self.toggle_button.setEnabled(user is not None)
        self.reset_button.setEnabled(user is not None)
        self.unlock_button.setEnabled(user is not None and user.login_wait_until is not None)
        self.toggle_button.setText(
            pt("Enable", "启用")
            if user is not None and not user.active
            else pt("UsersEditor", "停用")
        )

    def _on_data_changed(self, area: DataArea, _initiator: object) -> None:
        if area is DataArea.USERS:
            self.reload()
