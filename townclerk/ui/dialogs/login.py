"""Logging in at a window: user name, password, and which window the clerk sits at.

The password is checked on a worker thread (argon2 takes a few hundred milliseconds by design);
wrong passwords, disabled users and login delays are explained by the user service's own messages.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from townclerk.i18n import pt, t
from townclerk.services.access import Actor
from townclerk.ui import style
from townclerk.ui.context import AppContext, Session
from townclerk.ui.crash import user_message
from townclerk.ui.widgets.dialog_keys import add_confirm_keys
from townclerk.ui.worker import TaskRunner


class LoginDialog(QDialog):
    def __init__(
        self,
        context: AppContext,
        parent: QWidget | None = None,
        *,
        username: str = "",
        window_id: int | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("loginDialog")
        self._context = context
        self._runner = TaskRunner(self)
        self.session: Session | None = None
        self.busy = False
        center = context.settings.center()
        self.setWindowTitle(t("登录 — townclerk"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 24, 28, 20)
        layout.setSpacing(12)
        title = QLabel(center.center_name)
        title.setObjectName("loginCenterName")
        title.setStyleSheet("font-size: 16pt; font-weight: bold;")
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(title)
        subtitle = QLabel(t("综合窗口受理系统"))
        subtitle.setAlignment(Qt.AlignmentFlag.AlignCenter)
        subtitle.setStyleSheet(style.MUTED_TEXT)
        layout.addWidget(subtitle)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.user_edit = QLineEdit(username)
        self.user_edit.setObjectName("loginUserEdit")
        self.user_edit.setAccessibleName(t("用户名"))
        self.user_edit.setMaxLength(64)
        self.password_edit = QLineEdit()
        self.password_edit.setObjectName("loginPasswordEdit")
        self.password_edit.setAccessibleName(t("密码"))
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.window_combo = QComboBox()
        self.window_combo.setObjectName("loginWindowCombo")
        self.window_combo.setAccessibleName(pt("LoginDialog", "窗口"))
        for window in context.settings.windows():
            self.window_combo.addItem(window.name, window.id)
        self.window_combo.addItem(t("（不在窗口）"), None)
        if window_id is not None and self.window_combo.findData(window_id) >= 0:
            self.window_combo.setCurrentIndex(self.window_combo.findData(window_id))
        form.addRow(t("用户名(&U)："), self.user_edit)
        form.addRow(t("密码(&P)："), self.password_edit)
        form.addRow(t("窗口(&W)："), self.window_combo)
        layout.addLayout(form)

        self.message = QLabel()
        self.message.setObjectName("loginMessage")
        self.message.setWordWrap(True)
        self.message.setMinimumHeight(self.message.fontMetrics().height() * 2)
        layout.addWidget(self.message)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.cancel_button = QPushButton(t("取消"))
        self.cancel_button.setObjectName("loginCancelButton")
        self.cancel_button.setAutoDefault(False)
        self.cancel_button.clicked.connect(self.reject)
        self.login_button = QPushButton(t("登录"))
        self.login_button.setObjectName("loginButton")
        self.login_button.setAccessibleName(t("登录"))
        self.login_button.setDefault(True)
        self.login_button.clicked.connect(self.try_login)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.login_button)
        layout.addLayout(buttons)
        self.setMinimumWidth(420)
        add_confirm_keys(self, self.try_login)
        (self.password_edit if username else self.user_edit).setFocus()

    def show_message(self, text: str, *, error: bool = True) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(style.ERROR_TEXT if error else style.MUTED_TEXT)

    def try_login(self) -> None:
        if self.busy:
            return
        username = self.user_edit.text().strip()
        password = self.password_edit.text()
        if not username:
            self.show_message(t("请输入用户名。"))
            self.user_edit.setFocus()
            return
        if not password:
            self.show_message(t("请输入密码。"))
            self.password_edit.setFocus()
            return
        self._set_busy(True)
        self.show_message(t("正在验证…"), error=False)
        users = self._context.users
        self._runner.start(
            lambda _progress: users.authenticate(username, password),
            on_done=self._logged_in,
            on_error=self._failed,
        )

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        for widget in (self.user_edit, self.password_edit, self.window_combo, self.login_button):
            widget.setEnabled(not busy)

    def _logged_in(self, actor: Actor) -> None:
        self._set_busy(False)
        window_id = self.window_combo.currentData()
        self.session = Session(
            actor=actor,
            window_id=window_id if isinstance(window_id, int) else None,
            window_name=self.window_combo.currentText() if isinstance(window_id, int) else "",
        )
        self.show_message("", error=False)
        self.accept()

    def _failed(self, error: BaseException, _trace: str) -> None:
        self._set_busy(False)
        message = user_message(error)
        self.show_message(message)
        self.password_edit.clear()
        self.password_edit.setFocus()

    def reject(self) -> None:
        if not self.busy:
            super().reject()
