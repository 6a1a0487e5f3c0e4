"""A supervisor's approval in a clerk's dialog: their own username and password, or, when a
supervisor is logged in, a line saying that they approve themselves.

The widget only collects; the service (``services/supervisor_approval.py``) checks the password,
throttles wrong ones like logins and records who approved.
"""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QWidget

from townclerk.i18n import t
from townclerk.records.approval import SupervisorCredentials
from townclerk.services.access import Actor
from townclerk.services.supervisor_approval import APPROVING_ROLES
from townclerk.ui import style


class SupervisorApprovalFields(QWidget):
    """批准人 and 批准人密码, shown to a clerk; a supervisor sees that they approve."""

    def __init__(self, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("supervisorApproval")
        self.self_approved = actor.role in APPROVING_ROLES
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        self.username_edit = QLineEdit()
        self.username_edit.setObjectName("approverUsername")
        self.username_edit.setAccessibleName(t("批准人用户名"))
        self.username_edit.setPlaceholderText(t("中心负责人的用户名"))
        self.password_edit = QLineEdit()
        self.password_edit.setObjectName("approverPassword")
        self.password_edit.setAccessibleName(t("批准人密码"))
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.note = QLabel()
        self.note.setObjectName("approverNote")
        self.note.setWordWrap(True)
        self.note.setStyleSheet(style.MUTED_TEXT)
        if self.self_approved:
            self.note.setText(t("由您（{name}）以中心负责人身份批准。", name=actor.display_name))
            form.addRow(self.note)
        else:
            self.note.setText(t("须由中心负责人当面输入其用户名和密码批准。"))
            form.addRow(self.note)
            form.addRow(t("批准人用户名"), self.username_edit)
            form.addRow(t("批准人密码"), self.password_edit)

    def problem(self) -> str | None:
        """What is still missing before the service is asked (None: nothing)."""
        if self.self_approved:
            return None
        if not self.username_edit.text().strip():
            return t("请中心负责人输入其用户名")
        if not self.password_edit.text():
            return t("请中心负责人输入其密码")
        return None

    def credentials(self) -> SupervisorCredentials | None:
        """None when the actor approves themselves."""
        if self.self_approved:
            return None
        return SupervisorCredentials(self.username_edit.text().strip(), self.password_edit.text())

    def forget_password(self) -> None:
        """After a refusal the password is typed again, never left in the field."""
        self.password_edit.clear()
