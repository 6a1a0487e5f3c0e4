"""数据库连接: which database this PC uses, 单机 (the file in its data folder) or the center's
server, with 测试连接. Shown at the first start of a PC that has no database yet, and from
系统 → 数据库连接….

The choice goes to this PC's QSettings (ui/connection_settings.py), the password to the
system keyring (db/server_passwords.py). Without a keyring the password is not kept: the window
asks for it at each start (:class:`ServerPasswordDialog`).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from townclerk.db.connection_choice import (
    DEFAULT_DATABASE,
    DEFAULT_PORT,
    LOCAL,
    ConnectionChoice,
    ServerAddress,
    server_address,
)
from townclerk.db.server_check import ServerCheck, check_server
from townclerk.db.server_passwords import KeyringUnavailable, ServerPasswords
from townclerk.errors import FieldError, UserError
from townclerk.i18n import t
from townclerk.paths import DATABASE_FILE
from townclerk.ui import style
from townclerk.ui.connection_settings import read_choice, write_choice
from townclerk.ui.context import AppContext
from townclerk.ui.crash import user_message
from townclerk.ui.widgets.dialog_keys import add_confirm_keys
from townclerk.ui.widgets.message_line import MessageLine
from townclerk.ui.worker import TaskRunner

FIELD_WIDTH = 280


class DatabaseConnectionDialog(QDialog):
    """After ``accept()``: ``choice`` as saved, and ``password`` as typed (for this run, when
    the keyring cannot keep it)."""

    def __init__(
        self,
        data_dir: Path,
        parent: QWidget | None = None,
        *,
        first_start: bool = False,
        note: str = "",
        settings: QSettings | None = None,
        passwords: ServerPasswords | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("databaseConnectionDialog")
        self.setWindowTitle(t("数据库连接"))
        self._settings = settings
        self._passwords = passwords or ServerPasswords()
        self._runner = TaskRunner(self)
        self._stored = read_choice(settings)
        self.choice: ConnectionChoice | None = None
        self.password: str | None = None
        self.keyring_problem: str | None = None
        # The fields of the last 测试连接: 确定 with the same ones saves without another test
        # (after a failure, only when 确定 is pressed again).
        self._passed_with: tuple[ServerAddress, str] | None = None
        self._failed_with: tuple[ServerAddress, str] | None = None
        self._save_after_test = False

        layout = QVBoxLayout(self)
        intro = QLabel(
            t(
                "这台电脑第一次运行 townclerk。请选择本机使用的数据库：只有这一台电脑办件时选"
                "“单机”；中心有多个窗口时，每台电脑都连接同一台中心服务器。"
            )
            if first_start
            else t(
                "注意：更改后，本机将改用另一个数据库（重新启动 townclerk 后生效）。"
                "这是本机的设置，与登录的用户无关。"
            )
        )
        intro.setObjectName("connectionIntro")
        intro.setWordWrap(True)
        if not first_start:
            intro.setStyleSheet(style.text_style(style.WARNING, bold=True))
        layout.addWidget(intro)
        if note:
            note_label = QLabel(note)
            note_label.setObjectName("connectionNote")
            note_label.setWordWrap(True)
            note_label.setStyleSheet(style.MUTED_TEXT)
            layout.addWidget(note_label)

        self.local_radio = QRadioButton(t("单机(&L)：本机数据目录中的数据库文件"))
        self.local_radio.setObjectName("localRadio")
        local_path = QLabel(str(data_dir / DATABASE_FILE))
        local_path.setObjectName("localPath")
        local_path.setWordWrap(True)
        local_path.setStyleSheet(style.MUTED_TEXT)
        local_path.setContentsMargins(24, 0, 0, 0)
        self.server_radio = QRadioButton(t("中心服务器(&C)：PostgreSQL，中心的各个窗口共用"))
        self.server_radio.setObjectName("serverRadio")
        kinds = QButtonGroup(self)
        kinds.addButton(self.local_radio)
        kinds.addButton(self.server_radio)
        layout.addWidget(self.local_radio)
        layout.addWidget(local_path)
        layout.addWidget(self.server_radio)

        self.server_box = QWidget()
        form = QFormLayout(self.server_box)
        form.setContentsMargins(24, 0, 0, 0)
        self.host_edit = self._line_edit("hostEdit", t("服务器地址"), "192.168.1.10")
        self.port_spin = QSpinBox()
        self.port_spin.setObjectName("portSpin")
        self.port_spin.setAccessibleName(t("端口"))
        self.port_spin.setRange(1, 65535)
        self.port_spin.setValue(DEFAULT_PORT)
        self.database_edit = self._line_edit("databaseEdit", t("数据库名"), "")
        self.database_edit.setText(DEFAULT_DATABASE)
        self.user_edit = self._line_edit("serverUserEdit", t("数据库用户名"), "")
        self.password_edit = self._line_edit("serverPasswordEdit", t("数据库密码"), "")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(t("服务器地址(&H)："), self.host_edit)
        form.addRow(t("端口(&O)："), self.port_spin)
        form.addRow(t("数据库名(&D)："), self.database_edit)
        form.addRow(t("用户名(&U)："), self.user_edit)
        form.addRow(t("密码(&P)："), self.password_edit)
        self.keyring_label = QLabel()
        self.keyring_label.setObjectName("keyringNote")
        self.keyring_label.setWordWrap(True)
        self.keyring_label.setStyleSheet(style.text_style(style.WARNING))
        self.keyring_label.hide()
        form.addRow(self.keyring_label)
        self.test_button = QPushButton(t("测试连接(&T)"))
        self.test_button.setObjectName("testConnectionButton")
        self.test_button.setAutoDefault(False)
        self.test_button.clicked.connect(self.test_connection)
        test_row = QHBoxLayout()
        test_row.addWidget(self.test_button)
        test_row.addStretch(1)
        form.addRow(test_row)
        layout.addWidget(self.server_box)

        self.message = MessageLine("connectionMessage")
        self.message.setMinimumHeight(self.message.fontMetrics().height() * 3)
        layout.addWidget(self.message)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.cancel_button = QPushButton(t("退出") if first_start else t("取消"))
        self.cancel_button.setObjectName("connectionCancelButton")
        self.cancel_button.setAutoDefault(False)
        self.cancel_button.clicked.connect(self.reject)
        self.ok_button = QPushButton(t("确定"))
        self.ok_button.setObjectName("connectionOkButton")
        self.ok_button.setDefault(True)
        self.ok_button.clicked.connect(self.save)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.ok_button)
        layout.addLayout(buttons)

        self.server_radio.toggled.connect(self._kind_changed)
        for edit in (self.host_edit, self.database_edit, self.user_edit, self.password_edit):
            edit.textChanged.connect(self.message.clear_message)
        self.port_spin.valueChanged.connect(self.message.clear_message)
        problem = self._passwords.problem()
        if problem is not None:
            self._show_keyring_problem(problem)
        self._fill_from_stored()
        self.setMinimumWidth(560)
        add_confirm_keys(self, self.ok_button.click)

    def _line_edit(self, name: str, accessible: str, placeholder: str) -> QLineEdit:
        edit = QLineEdit()
        edit.setObjectName(name)
        edit.setAccessibleName(accessible)
        edit.setPlaceholderText(placeholder)
        edit.setMaxLength(253)
        edit.setMinimumWidth(FIELD_WIDTH)
        return edit

    def _fill_from_stored(self) -> None:
        server = self._stored.server if self._stored is not None else None
        if server is None:
            self.local_radio.setChecked(True)
            self._kind_changed(False)
            self.local_radio.setFocus()
            return
        self.server_radio.setChecked(True)
        self.host_edit.setText(server.host)
        self.port_spin.setValue(server.port)
        self.database_edit.setText(server.database)
        self.user_edit.setText(server.user)
        try:
            self.password_edit.setText(self._passwords.get(server) or "")
        except KeyringUnavailable as problem:
            self._show_keyring_problem(str(problem))
        self.server_radio.setFocus()

    def _kind_changed(self, server: bool) -> None:
        self.server_box.setEnabled(server)
        self.message.clear_message()

    def _show_keyring_problem(self, text: str) -> None:
        self.keyring_problem = text
        self.keyring_label.setText(text)
        self.keyring_label.show()

    # --- 测试连接 ---------------------------------------------------------------------------
    def _address(self) -> tuple[ServerAddress, str] | None:
        """The typed address and password, or None after saying which field is wrong."""
        fields = {
            "host": self.host_edit,
            "port": self.port_spin,
            "database": self.database_edit,
            "user": self.user_edit,
        }
        try:
            address = server_address(
                self.host_edit.text(),
                self.port_spin.value(),
                self.database_edit.text(),
                self.user_edit.text(),
            )
        except FieldError as error:
            self.message.show_error(str(error))
            fields[error.field].setFocus()
            return None
        if not self.password_edit.text():
            self.message.show_error(t("请填写数据库密码"))
            self.password_edit.setFocus()
            return None
        return address, self.password_edit.text()

    def test_connection(self) -> None:
        if self._runner.is_running():
            return
        typed = self._address()
        if typed is None:
            return
        address, password = typed
        self._set_busy(True)
        self.message.setStyleSheet(style.MUTED_TEXT)
        self.message.setText(t("正在连接 {where}…", where=address.shown()))
        self._runner.start(
            lambda _progress: check_server(address, password),
            on_done=lambda check: self._tested(address, password, check),
            on_error=lambda error, _trace: self._test_failed(address, password, error),
        )

    def _tested(self, address: ServerAddress, password: str, check: ServerCheck) -> None:
        self._set_busy(False)
        if check.usable:
            self._passed_with = (address, password)
            self.message.show_ok(check.message(address))
            if self._save_after_test:
                self._save_server(address, password)
            return
        self._note_failure(address, password, check.message(address))

    def _test_failed(self, address: ServerAddress, password: str, error: BaseException) -> None:
        self._set_busy(False)
        self._note_failure(address, password, user_message(error))

    def _note_failure(self, address: ServerAddress, password: str, reason: str) -> None:
        if self._save_after_test:
            self._failed_with = (address, password)
            reason += t("\n仍要保存这个设置，请再按“确定”。")
        self._save_after_test = False
        self.message.show_error(reason)

    def _set_busy(self, busy: bool) -> None:
        for widget in (self.test_button, self.ok_button, self.local_radio, self.server_radio):
            widget.setEnabled(not busy)
        self.server_box.setEnabled(not busy and self.server_radio.isChecked())

    def reject(self) -> None:
        if not self._runner.is_running():  # a test still under way reports to this dialog
            super().reject()

    # --- 确定 -------------------------------------------------------------------------------
    def save(self) -> None:
        """单机: saved at once. 中心服务器: tested first (unless just tested as typed); when
        the test fails, saved only when 确定 is pressed again without changing anything."""
        if self._runner.is_running():
            return
        if self.local_radio.isChecked():
            self._forget_stored_password(None)
            self._finish(LOCAL, None)
            return
        typed = self._address()
        if typed is None:
            return
        if typed in (self._passed_with, self._failed_with):
            self._save_server(*typed)
            return
        self._failed_with = None
        self._save_after_test = True
        self.test_connection()

    def _save_server(self, address: ServerAddress, password: str) -> None:
        self._forget_stored_password(address)
        try:
            self._passwords.store(address, password)
        except KeyringUnavailable as problem:
            self._show_keyring_problem(str(problem))  # already said: typed at each start
        self._finish(ConnectionChoice(server=address), password)

    def _forget_stored_password(self, keep: ServerAddress | None) -> None:
        """The previous server's password leaves the keyring with the previous choice."""
        old = self._stored.server if self._stored is not None else None
        if old is None or old == keep:
            return
        try:
            self._passwords.forget(old)
        except KeyringUnavailable:
            return  # nothing could have been stored there

    def _finish(self, choice: ConnectionChoice, password: str | None) -> None:
        try:
            write_choice(choice, self._settings)
        except UserError as error:
            self.message.show_error(str(error))
            return
        self.choice, self.password = choice, password
        self.accept()


class ServerPasswordDialog(QDialog):
    """At start-up, when the keyring has no password for the stored server (or there is no
    keyring): the password for this run only."""

    def __init__(self, address: ServerAddress, reason: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("serverPasswordDialog")
        self.setWindowTitle(t("数据库密码"))
        layout = QVBoxLayout(self)
        why = QLabel(reason)
        why.setObjectName("serverPasswordReason")
        why.setWordWrap(True)
        why.setStyleSheet(style.MUTED_TEXT)
        layout.addWidget(why)
        form = QFormLayout()
        self.password_edit = QLineEdit()
        self.password_edit.setObjectName("serverPasswordPrompt")
        self.password_edit.setAccessibleName(t("数据库密码"))
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(t("{who} 的密码(&P)：", who=address.shown()), self.password_edit)
        layout.addLayout(form)
        self.message = MessageLine("serverPasswordMessage")
        layout.addWidget(self.message)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        cancel = QPushButton(t("退出"))
        cancel.setAutoDefault(False)
        cancel.clicked.connect(self.reject)
        self.ok_button = QPushButton(t("确定"))
        self.ok_button.setObjectName("serverPasswordOk")
        self.ok_button.setDefault(True)
        self.ok_button.clicked.connect(self._confirm)
        buttons.addWidget(cancel)
        buttons.addWidget(self.ok_button)
        layout.addLayout(buttons)
        self.setMinimumWidth(480)
        add_confirm_keys(self, self.ok_button.click)
        self.password_edit.setFocus()

    def _confirm(self) -> None:
        if not self.password_edit.text():
            self.message.show_error(t("请填写数据库密码"))
            return
        self.accept()

    def password(self) -> str:
        return self.password_edit.text()


def change_connection(window: QMainWindow, context: AppContext) -> DatabaseConnectionDialog:
    """系统 → 数据库连接…: any user may look; what is saved applies from the next start."""
    origin = context.database_origin
    note = (
        t(
            "本次启动使用的数据库由{origin} 指定，它优先于这里的设置；这里的设置在不指定时生效。",
            origin=origin.label(),
        )
        if origin.explicit
        else ""
    )
    dialog = DatabaseConnectionDialog(context.db.data_dir, window, note=note)
    dialog.accepted.connect(lambda: _offer_restart(window))
    dialog.open()
    return dialog


def _offer_restart(window: QMainWindow) -> None:
    answer = QMessageBox.question(
        window,
        t("数据库连接"),
        t("已保存本机的数据库连接，重新启动 townclerk 后生效。现在退出 townclerk 吗？"),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    if answer == QMessageBox.StandardButton.Yes:
        window.close()
