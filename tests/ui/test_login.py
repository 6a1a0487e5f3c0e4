"""The login dialog: success, and the messages for everything that refuses a login."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDialog, QLineEdit, QPushButton
from pytestqt.qtbot import QtBot

from tests.conftest import PASSWORD
from tests.ui.test_intake_support import WINDOW_NAME, Env, build_env
from townclerk.db.database import Database
from townclerk.services.access import Actor
from townclerk.services.users import UserService
from townclerk.ui.dialogs.login import LoginDialog


@pytest.fixture
def env(db: Database, admin: Actor, clerk: Actor) -> Env:
    return build_env(db, admin, clerk)


@pytest.fixture
def dialog(qtbot: QtBot, env: Env) -> LoginDialog:
    widget = LoginDialog(env.context)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def log_in(qtbot: QtBot, dialog: LoginDialog, user: str, password: str) -> None:
    user_edit = dialog.findChild(QLineEdit, "loginUserEdit")
    password_edit = dialog.findChild(QLineEdit, "loginPasswordEdit")
    user_edit.clear()
    qtbot.keyClicks(user_edit, user)
    qtbot.keyClicks(password_edit, password)
    qtbot.mouseClick(dialog.findChild(QPushButton, "loginButton"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.busy, timeout=10_000)


def message(dialog: LoginDialog) -> str:
    return dialog.message.text()


def test_a_clerk_logs_in_at_a_window(qtbot: QtBot, dialog: LoginDialog, env: Env) -> None:
    combo = dialog.findChild(QComboBox, "loginWindowCombo")
    assert [combo.itemText(i) for i in range(combo.count() - 1)] == [WINDOW_NAME, "综合窗口二"]
    combo.setCurrentIndex(1)
    with qtbot.waitSignal(dialog.accepted, timeout=10_000):
        log_in(qtbot, dialog, "clerk1", PASSWORD)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.session is not None
    assert dialog.session.actor.username == "clerk1"
    assert dialog.session.window_name == "综合窗口二"
    assert dialog.session.window_id == env.context.settings.windows()[1].id


def test_a_user_not_at_a_window(qtbot: QtBot, dialog: LoginDialog) -> None:
    combo = dialog.findChild(QComboBox, "loginWindowCombo")
    combo.setCurrentIndex(combo.count() - 1)
    log_in(qtbot, dialog, "admin", PASSWORD)
    assert dialog.session is not None
    assert (dialog.session.window_id, dialog.session.window_name) == (None, "")


def test_a_wrong_password_is_refused(qtbot: QtBot, dialog: LoginDialog) -> None:
    log_in(qtbot, dialog, "clerk1", "wrong-password")
    assert dialog.session is None
    assert dialog.isVisible()
    assert message(dialog) == "用户名或密码错误"
    assert dialog.password_edit.text() == ""


def test_an_unknown_user(qtbot: QtBot, dialog: LoginDialog) -> None:
    log_in(qtbot, dialog, "nobody", PASSWORD)
    assert message(dialog) == "用户名或密码错误"


def test_a_disabled_user(qtbot: QtBot, dialog: LoginDialog, db: Database, admin: Actor) -> None:
    UserService(db).set_active(admin, "clerk1", False)
    log_in(qtbot, dialog, "clerk1", PASSWORD)
    assert dialog.session is None
    assert message(dialog) == "该用户已被停用，请联系系统管理员"


def test_repeated_failures_make_the_next_attempt_wait(qtbot: QtBot, dialog: LoginDialog) -> None:
    for _ in range(2):
        log_in(qtbot, dialog, "clerk1", "wrong-password")
    assert message(dialog) == "用户名或密码错误；1秒后才能再次登录"
    log_in(qtbot, dialog, "clerk1", PASSWORD)  # the clock stands still: the second is not over
    assert dialog.session is None
    assert message(dialog) == "登录失败次数过多，请1秒后再试"


def test_empty_fields_are_caught_before_checking(qtbot: QtBot, dialog: LoginDialog) -> None:
    qtbot.mouseClick(dialog.login_button, Qt.MouseButton.LeftButton)
    assert not dialog.busy
    assert message(dialog) == "请输入用户名。"
    qtbot.keyClicks(dialog.user_edit, "clerk1")
    qtbot.mouseClick(dialog.login_button, Qt.MouseButton.LeftButton)
    assert message(dialog) == "请输入密码。"
    assert dialog.session is None


def test_enter_in_the_password_field_logs_in(qtbot: QtBot, dialog: LoginDialog) -> None:
    qtbot.keyClicks(dialog.user_edit, "clerk1")
    qtbot.keyClicks(dialog.password_edit, PASSWORD)
    with qtbot.waitSignal(dialog.accepted, timeout=10_000):
        qtbot.keyClick(dialog.password_edit, Qt.Key.Key_Return)
    assert dialog.session is not None


def test_names_for_automation(dialog: LoginDialog) -> None:
    for kind, name in (
        (QLineEdit, "loginUserEdit"),
        (QLineEdit, "loginPasswordEdit"),
        (QComboBox, "loginWindowCombo"),
        (QPushButton, "loginButton"),
    ):
        widget = dialog.findChild(kind, name)
        assert widget is not None and widget.accessibleName(), name


def test_ctrl_enter_logs_in_from_any_field_and_escape_cancels(
    qtbot: QtBot, dialog: LoginDialog, env: Env
) -> None:
    ctrl = Qt.KeyboardModifier.ControlModifier
    qtbot.keyClick(dialog.user_edit, Qt.Key.Key_Return, ctrl)
    assert message(dialog) == "请输入用户名。"  # what the 登录 button says
    qtbot.keyClicks(dialog.user_edit, "clerk1")
    qtbot.keyClicks(dialog.password_edit, PASSWORD)
    with qtbot.waitSignal(dialog.accepted, timeout=10_000):
        qtbot.keyClick(dialog.window_combo, Qt.Key.Key_Enter, ctrl)
    assert dialog.session is not None and dialog.session.actor.username == "clerk1"

    again = LoginDialog(env.context)
    qtbot.addWidget(again)
    again.show()
    qtbot.waitExposed(again)
    with qtbot.waitSignal(again.rejected, timeout=1_000):
        qtbot.keyClick(again.user_edit, Qt.Key.Key_Escape)
    assert again.session is None and not again.isVisible()
