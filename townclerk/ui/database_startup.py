"""Before the window opens: point the launch at this PC's database.

A URL given for this run (``--db``, ``TOWNCLERK_DATABASE_URL``) is used as it is. Otherwise the
PC's stored choice: its server with the password from the keyring (asked for when the keyring
cannot give it), or its own file. A PC with no choice stored that already has a database in its
data folder keeps working alone, as before; one with neither gets the 数据库连接 dialog first.
When the stored server cannot be opened, the reason is shown with a way to change the choice.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QDialog, QMessageBox

from townclerk.db.connection_choice import ServerAddress, describe_database
from townclerk.db.server_passwords import KeyringUnavailable, ServerPasswords
from townclerk.i18n import t
from townclerk.launch import Launch
from townclerk.paths import DATABASE_FILE
from townclerk.ui.connection_settings import read_choice
from townclerk.ui.dialogs.database_connection import (
    DatabaseConnectionDialog,
    ServerPasswordDialog,
)


class StartupConnection:
    def __init__(
        self,
        launch: Launch,
        *,
        settings: QSettings | None = None,
        passwords: ServerPasswords | None = None,
    ) -> None:
        self._launch = launch
        self._settings = settings
        self._passwords = passwords or ServerPasswords()
        self._typed: dict[ServerAddress, str] = {}  # passwords typed in this run's dialogs

    def prepare(self) -> bool:
        """Set the launch's database; False when the person at the PC chose to quit."""
        launch = self._launch
        if launch.origin.explicit:
            return True
        choice = read_choice(self._settings)
        if choice is None:
            if (launch.data_dir / DATABASE_FILE).exists():
                return True
            if not self._ask(first_start=True):
                return False
            choice = read_choice(self._settings)
            if choice is None:  # the settings file could not be read back
                return True
        password = None
        if choice.server is not None:
            password = self._password_for(choice.server)
            if password is None:
                return False
        launch.use_choice(choice, password)
        return True

    def offer_change(self, problem: str) -> bool:
        """This PC's stored choice did not open: say why; True when a new choice was saved."""
        box = QMessageBox(
            QMessageBox.Icon.Critical,
            t("townclerk 无法启动"),
            t(
                "{problem}\n\n数据库：{database}",
                problem=problem,
                database=describe_database(self._launch.url).full,
            ),
        )
        box.setObjectName("connectionFailedBox")
        change = box.addButton(t("更改数据库连接(&D)…"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(t("退出"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(change)
        box.exec()
        if box.clickedButton() is not change:
            return False
        self._launch.close()
        return self._ask(first_start=False)

    def _ask(self, *, first_start: bool) -> bool:
        dialog = DatabaseConnectionDialog(
            self._launch.data_dir,
            first_start=first_start,
            settings=self._settings,
            passwords=self._passwords,
        )
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.choice is None:
            return False
        server = dialog.choice.server
        if server is not None and dialog.password is not None:
            self._typed[server] = dialog.password
        return True

    def _password_for(self, server: ServerAddress) -> str | None:
        typed = self._typed.get(server)
        if typed is not None:
            return typed
        try:
            stored = self._passwords.get(server)
        except KeyringUnavailable as problem:
            reason = str(problem)
        else:
            if stored is not None:
                return stored
            reason = t(
                "系统密钥环中没有保存 {who} 的密码。请输入密码（只用于本次运行；"
                "要保存它，请在 系统 → 数据库连接 中按“确定”）。",
                who=server.shown(),
            )
        dialog = ServerPasswordDialog(server, reason)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        self._typed[server] = dialog.password()
        return dialog.password()
