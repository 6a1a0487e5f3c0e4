"""The database cannot be read: say so, name the newest good backup, let an admin restore it.

Nobody is logged in (the users are in the damaged file), so the dialog asks for an admin's name
and password; the restore checks them in the backup itself and verifies the backup before the
damaged file is replaced (it is kept beside the backups). With no backup, the dialog only says
what happened and where the log is.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from townclerk.errors import UserError
from townclerk.i18n import t
from townclerk.launch import Launch
from townclerk.records.backups import BackupInfo
from townclerk.services.backups import restore_backup
from townclerk.ui.crash import user_message
from townclerk.ui.widgets.dialog_keys import add_confirm_keys
from townclerk.ui.widgets.message_line import MessageLine

log = logging.getLogger("townclerk.ui")


class DamagedDatabaseDialog(QDialog):
    def __init__(
        self,
        launch: Launch,
        problem: str,
        newest: BackupInfo | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("damagedDatabaseDialog")
        self.setWindowTitle(t("数据库无法读取"))
        self._launch = launch
        self._newest = newest
        layout = QVBoxLayout(self)
        self.problem_label = QLabel(problem)
        self.problem_label.setObjectName("damagedProblem")
        self.problem_label.setWordWrap(True)
        layout.addWidget(self.problem_label)
        self.backup_label = QLabel()
        self.backup_label.setObjectName("damagedBackup")
        self.backup_label.setWordWrap(True)
        self.backup_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.backup_label)
        form = QFormLayout()
        self.user_edit = QLineEdit()
        self.user_edit.setObjectName("restoreUser")
        self.password_edit = QLineEdit()
        self.password_edit.setObjectName("restorePassword")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase_edit = QLineEdit()
        self.passphrase_edit.setObjectName("restorePassphrase")
        self.passphrase_edit.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(t("管理员"), self.user_edit)
        form.addRow(t("密码"), self.password_edit)
        if newest is not None and newest.encrypted:
            form.addRow(t("备份口令"), self.passphrase_edit)
        layout.addLayout(form)
        self.message = MessageLine("restoreMessage")
        layout.addWidget(self.message)
        buttons = QDialogButtonBox()
        self.restore_button = QPushButton(t("恢复该备份"))
        self.restore_button.setObjectName("restoreButton")
        self.restore_button.clicked.connect(self.restore)
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        add_confirm_keys(self, self.restore_button.click)
        if newest is None:
            self.backup_label.setText(
                t(
                    "数据目录中没有备份。请保留已损坏的文件并联系技术支持；日志在 {folder}。",
                    folder=launch.data_dir / "logs",
                )
            )
            for widget in (self.user_edit, self.password_edit, self.restore_button):
                widget.setEnabled(False)
        else:
            self.backup_label.setText(
                t(
                    "最新的完好备份是 {path}（{at}）。管理员可以立即恢复该备份，已损坏"
                    "的文件会另行保留；备份之后登记的办件将会丢失。",
                    path=newest.path,
                    at=newest.created_at.strftime("%Y-%m-%d %H:%M"),
                )
            )
        self.resize(560, self.sizeHint().height())

    def restore(self) -> None:
        assert self._newest is not None
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            result = restore_backup(
                self._launch.url,
                self._launch.data_dir,
                Path(self._newest.path),
                self.user_edit.text().strip(),
                self.password_edit.text(),
                passphrase=self.passphrase_edit.text() or None,
            )
        except UserError as error:
            self.message.show_error(str(error))
            return
        except Exception as error:
            self.message.show_error(user_message(error))
            return
        finally:
            QGuiApplication.restoreOverrideCursor()
        log.warning(
            "restored %s after a damaged database (kept as %s)",
            result.restored_from,
            result.kept_as,
        )
        self.accept()
