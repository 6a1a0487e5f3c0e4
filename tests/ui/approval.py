"""A dialog's supervisor approval (``SupervisorApprovalFields``) driven through every refusal as
a clerk with the supervisor beside them would; the same for each dialog that asks for one."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from tests.people import PASSWORD, add_user
from tests.ui.writes import wait_for_writes
from townclerk.db.models import AuditEntry
from townclerk.enums import Role
from townclerk.services.access import Actor
from townclerk.services.supervisor_approval import APPROVAL_REFUSED_ACTION
from townclerk.services.users import UserService
from townclerk.ui.context import AppContext
from townclerk.ui.pages.cases.case_actions import CaseActionDialog
from townclerk.ui.widgets.supervisor_approval import SupervisorApprovalFields

# What the supervisor types, what the dialog then says, and why the audit log says it refused.
REFUSALS = [
    (
        "clerk1",
        PASSWORD,
        "王晓燕（窗口工作人员）不能批准：须由中心负责人输入其用户名和密码",
        "role",
    ),
    ("deputy", PASSWORD, "用户 deputy 已被停用，不能批准", "inactive"),
    ("chief", "not-the-password1", "批准人用户名或密码错误", "password"),
    ("chief", "not-the-password2", "批准人用户名或密码错误；1秒后才能再试", "password"),
]


def refuse_every_wrong_approval(
    qtbot: QtBot,
    context: AppContext,
    dialog: CaseActionDialog,
    fields: SupervisorApprovalFields,
    admin: Actor,
) -> None:
    """With the dialog's own fields filled in: empty approval fields are refused in the dialog;
    the clerk's own name, a disabled supervisor and wrong passwords by the service, each
    audited, the dialog open and the password field emptied. The caller checks that the case
    is as it was."""
    add_user(context.db, admin, "deputy", Role.SUPERVISOR, "张副主任")
    UserService(context.db).set_active(admin, "deputy", False)

    def attempt(username: str, password: str) -> str:
        fields.username_edit.clear()
        fields.password_edit.clear()
        qtbot.keyClicks(fields.username_edit, username)
        qtbot.keyClicks(fields.password_edit, password)
        qtbot.mouseClick(dialog.confirm_button, Qt.MouseButton.LeftButton)
        wait_for_writes(qtbot, context)
        assert dialog.isVisible()
        return dialog.error_label.text()

    assert attempt("", "") == "请中心负责人输入其用户名"
    assert attempt("chief", "") == "请中心负责人输入其密码"
    for username, password, message, _why in REFUSALS:
        assert attempt(username, password) == message
        assert fields.password_edit.text() == ""  # typed again, never left in the field
        assert fields.username_edit.text() == username
    with context.db.reads() as session:
        refused = session.scalars(
            select(AuditEntry.detail).where(AuditEntry.action == APPROVAL_REFUSED_ACTION)
        ).all()
    assert [(entry["approver"], entry["refused"]) for entry in refused] == [
        (username, why) for username, _password, _message, why in REFUSALS
    ]
