"""数据库连接, driven with the keyboard: 测试连接 against the throwaway PostgreSQL server (a
success, a wrong password), saving (the choice to this PC's settings file, the password to the
keyring and never to the file), no keyring at all, 单机; the first start; the status bar."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import keyring
import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QRadioButton, QWidget
from pytestqt.qtbot import QtBot

from tests.keyboard import type_text
from tests.memory_keyring import MemoryKeyring, NoKeyring
from tests.people import first_admin
from tests.server_roles import password_role, server_owner
from tests.ui.fit import outside
from townclerk.db.connection_choice import LOCAL, ConnectionChoice, ServerAddress, UrlOrigin
from townclerk.db.database import Database
from townclerk.db.server_passwords import KEYRING_SERVICE
from townclerk.launch import Launch
from townclerk.logs import configure_logging
from townclerk.paths import DATABASE_FILE, sqlite_url
from townclerk.services.access import Actor
from townclerk.ui import app as app_module
from townclerk.ui.connection_settings import read_choice, write_choice
from townclerk.ui.context import AppContext, DataBus, Session
from townclerk.ui.crash import CrashDialog, ExceptionHook
from townclerk.ui.database_startup import StartupConnection
from townclerk.ui.dialogs.database_connection import (
    DatabaseConnectionDialog,
    ServerPasswordDialog,
)
from townclerk.ui.main_window import MainWindow

CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier
SECRET = "PW-s3cret-2026"


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    """This PC's settings, in an INI file of the test's own."""
    return QSettings(str(tmp_path / "pc.ini"), QSettings.Format.IniFormat)


def settings_text(settings: QSettings) -> str:
    settings.sync()
    return Path(settings.fileName()).read_text(encoding="utf-8")


def focused() -> QWidget:
    widget = QApplication.focusWidget() or QApplication.activeWindow()
    assert widget is not None
    return widget


def key(key: Qt.Key, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    QTest.keyClick(focused(), key, modifiers)


def replace_field(letter: Qt.Key, text: str) -> None:
    """Alt+letter to the field, select what is there, type over it."""
    key(letter, ALT)
    key(Qt.Key.Key_A, CTRL)
    if text:
        type_text(focused(), text)
    else:
        key(Qt.Key.Key_Delete)


def shown(qtbot: QtBot, dialog: QDialog) -> QDialog:
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def open_dialog(qtbot: QtBot, tmp_path: Path, settings: QSettings) -> DatabaseConnectionDialog:
    dialog = DatabaseConnectionDialog(tmp_path / "data", settings=settings)
    shown(qtbot, dialog)
    return dialog


def choose(qtbot: QtBot, radio: QRadioButton, letter: Qt.Key) -> None:
    """Alt+letter: Qt clicks a button's mnemonic a moment later, as a click would look."""
    key(letter, ALT)
    qtbot.waitUntil(radio.isChecked)


def type_server(
    qtbot: QtBot, dialog: DatabaseConnectionDialog, address: ServerAddress, password: str
) -> None:
    choose(qtbot, dialog.server_radio, Qt.Key.Key_C)  # 中心服务器
    replace_field(Qt.Key.Key_H, address.host)
    replace_field(Qt.Key.Key_D, address.database)
    replace_field(Qt.Key.Key_U, address.user)
    replace_field(Qt.Key.Key_P, password)


def run_test_connection(
    qtbot: QtBot, dialog: DatabaseConnectionDialog, keys: Qt.Key, mods: Qt.KeyboardModifier
) -> None:
    """Press the keys that start 测试连接 (Alt+T, or 确定), then wait for its verdict."""
    before = dialog.message.text()
    key(keys, mods)

    def answered() -> bool:
        text = dialog.message.text()
        return text != before and text.startswith(("✓", "✗")) and not dialog._runner.is_running()

    qtbot.waitUntil(answered, timeout=15_000)


# --- 测试连接 and saving -----------------------------------------------------------------------
@pytest.mark.postgres
def test_a_tested_server_is_saved_with_its_password_in_the_keyring_only(
    qtbot: QtBot,
    tmp_path: Path,
    settings: QSettings,
    pg: Database,
    pg_url: str,
    memory_keyring: MemoryKeyring,
) -> None:
    owner = server_owner(pg_url)
    dialog = open_dialog(qtbot, tmp_path, settings)
    assert dialog.local_radio.isChecked() and not dialog.server_box.isEnabled()
    type_server(qtbot, dialog, owner, SECRET)
    assert dialog.server_radio.isChecked() and dialog.password_edit.text() == SECRET
    run_test_connection(qtbot, dialog, Qt.Key.Key_T, ALT)  # 测试连接
    assert not dialog.message.is_error
    assert "连接成功（服务器版本 " in dialog.message.text()
    assert "数据库版本 0007）" in dialog.message.text()
    key(Qt.Key.Key_Return, CTRL)  # 确定: just tested as typed, saved at once
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.choice == ConnectionChoice(server=owner) and dialog.password == SECRET
    assert read_choice(settings) == ConnectionChoice(server=owner)
    assert memory_keyring.passwords == {(KEYRING_SERVICE, owner.key): SECRET}
    written = settings_text(settings)
    assert owner.host in written and owner.user in written and SECRET not in written


@pytest.mark.postgres
def test_a_wrong_password_is_said_plainly_and_saved_only_when_confirmed_again(
    qtbot: QtBot,
    tmp_path: Path,
    settings: QSettings,
    pg: Database,
    pg_url: str,
    memory_keyring: MemoryKeyring,
) -> None:
    role = password_role(pg_url)
    dialog = open_dialog(qtbot, tmp_path, settings)
    type_server(qtbot, dialog, role, "Wrong-PW")
    run_test_connection(qtbot, dialog, Qt.Key.Key_T, ALT)
    assert dialog.message.is_error
    assert dialog.message.text() == (
        "✗ 用户名或密码错误：服务器不接受用户 window_pc 的这个密码，请核对后重试"
    )
    # 确定 tests again, fails, and says how to save anyway
    run_test_connection(qtbot, dialog, Qt.Key.Key_Return, CTRL)
    assert dialog.isVisible() and "仍要保存这个设置，请再按“确定”。" in dialog.message.text()
    assert read_choice(settings) is None and memory_keyring.passwords == {}
    key(Qt.Key.Key_Return, CTRL)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert read_choice(settings) == ConnectionChoice(server=role)


def test_a_missing_field_is_named_and_nothing_is_saved(
    qtbot: QtBot, tmp_path: Path, settings: QSettings, memory_keyring: MemoryKeyring
) -> None:
    dialog = open_dialog(qtbot, tmp_path, settings)
    choose(qtbot, dialog.server_radio, Qt.Key.Key_C)
    key(Qt.Key.Key_Return, CTRL)
    assert dialog.message.text() == "✗ 请填写服务器地址（主机名或 IP 地址）"
    assert dialog.host_edit.hasFocus()
    type_text(focused(), "192.168.1.10")
    replace_field(Qt.Key.Key_U, "window3")
    key(Qt.Key.Key_Return, CTRL)
    assert dialog.message.text() == "✗ 请填写数据库密码" and dialog.password_edit.hasFocus()
    replace_field(Qt.Key.Key_D, "")
    key(Qt.Key.Key_Return, CTRL)
    assert dialog.message.text() == "✗ 请填写数据库名" and dialog.database_edit.hasFocus()
    assert dialog.isVisible() and read_choice(settings) is None
    assert memory_keyring.passwords == {}


def test_without_a_keyring_the_dialog_says_so_and_keeps_the_password_for_this_run(
    qtbot: QtBot, tmp_path: Path, settings: QSettings
) -> None:
    keyring.set_keyring(NoKeyring())
    address = ServerAddress("192.168.1.10", 5432, "townclerk", "window3")
    dialog = open_dialog(qtbot, tmp_path, settings)
    note = dialog.keyring_label
    assert note.isVisible() and "本机没有可用的系统密钥环" in note.text()
    assert "每次启动时请输入密码" in note.text()
    type_server(qtbot, dialog, address, SECRET)
    dialog._save_server(address, SECRET)  # as after a test (no server at this address)
    assert dialog.result() == QDialog.DialogCode.Accepted and dialog.password == SECRET
    assert read_choice(settings) == ConnectionChoice(server=address)
    assert SECRET not in settings_text(settings)


def test_going_back_to_the_local_file_forgets_the_servers_password(
    qtbot: QtBot, tmp_path: Path, settings: QSettings, memory_keyring: MemoryKeyring
) -> None:
    address = ServerAddress("192.168.1.10", 5432, "townclerk", "window3")
    write_choice(ConnectionChoice(server=address), settings)
    memory_keyring.set_password(KEYRING_SERVICE, address.key, SECRET)
    dialog = open_dialog(qtbot, tmp_path, settings)
    assert dialog.server_radio.isChecked() and dialog.host_edit.text() == "192.168.1.10"
    assert dialog.password_edit.text() == SECRET
    choose(qtbot, dialog.local_radio, Qt.Key.Key_L)  # 单机
    key(Qt.Key.Key_Return, CTRL)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert read_choice(settings) == LOCAL and memory_keyring.passwords == {}
    assert "local" in settings_text(settings)


def test_the_dialog_fits_a_small_screen(qtbot: QtBot, tmp_path: Path, settings: QSettings) -> None:
    dialog = open_dialog(qtbot, tmp_path, settings)
    choose(qtbot, dialog.server_radio, Qt.Key.Key_C)
    dialog.resize(dialog.sizeHint())
    assert dialog.width() <= 1024 and dialog.height() <= 740
    assert outside(dialog, dialog) == []


# --- the start ----------------------------------------------------------------------------------
def launch_in(folder: Path) -> Launch:
    return Launch(data_dir=folder, url=sqlite_url(folder), origin=UrlOrigin.DEFAULT)


def run_window(launch: Launch, monkeypatch: pytest.MonkeyPatch) -> int:
    """``run_gui`` in Chinese without Qt's own Chinese catalogue, which would stay installed
    in the application for the tests after this one."""
    monkeypatch.setattr(app_module, "install_qt_translator", lambda app, lang: None)
    try:
        return app_module.run_gui(launch)
    finally:
        launch.close()


def never(self: QDialog) -> int:
    raise AssertionError(f"{type(self).__name__} was shown")


def test_a_pc_that_already_has_a_local_database_starts_as_before(
    tmp_path: Path, settings: QSettings, monkeypatch: pytest.MonkeyPatch
) -> None:
    tmp_path.joinpath(DATABASE_FILE).write_bytes(b"")
    monkeypatch.setattr(DatabaseConnectionDialog, "exec", never)
    launch = launch_in(tmp_path)
    assert StartupConnection(launch, settings=settings).prepare()
    assert launch.url == sqlite_url(tmp_path) and launch.origin is UrlOrigin.DEFAULT
    assert read_choice(settings) is None


def test_a_url_given_for_this_run_is_used_whatever_is_stored(
    tmp_path: Path, settings: QSettings, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_choice(ConnectionChoice(server=ServerAddress("db", 5432, "t", "w")), settings)
    monkeypatch.setattr(DatabaseConnectionDialog, "exec", never)
    monkeypatch.setattr(ServerPasswordDialog, "exec", never)
    launch = Launch(data_dir=tmp_path, url="sqlite:///given.db")
    assert StartupConnection(launch, settings=settings).prepare()
    assert launch.url == "sqlite:///given.db"


def answered(
    monkeypatch: pytest.MonkeyPatch, kind: type[QDialog], answer: Callable[[QDialog], None]
) -> list[QDialog]:
    """``kind`` shown modally: ``answer`` does what the person at the PC would."""
    seen: list[QDialog] = []

    def run(self: QDialog) -> int:
        seen.append(self)
        answer(self)
        return int(self.result())

    monkeypatch.setattr(kind, "exec", run)
    return seen


def test_the_first_start_of_a_new_pc_asks_which_database(
    tmp_path: Path, settings: QSettings, monkeypatch: pytest.MonkeyPatch
) -> None:
    def choose_local(dialog: QDialog) -> None:
        assert isinstance(dialog, DatabaseConnectionDialog)
        dialog.local_radio.setChecked(True)
        dialog.ok_button.click()

    seen = answered(monkeypatch, DatabaseConnectionDialog, choose_local)
    launch = launch_in(tmp_path)
    assert StartupConnection(launch, settings=settings).prepare()
    [dialog] = seen
    assert "第一次运行 townclerk" in dialog.findChild(QWidget, "connectionIntro").text()
    assert dialog.cancel_button.text() == "退出"
    assert read_choice(settings) == LOCAL and launch.origin is UrlOrigin.PC_CHOICE
    assert launch.url == sqlite_url(tmp_path)

    answered(monkeypatch, DatabaseConnectionDialog, lambda dialog: dialog.reject())
    assert not StartupConnection(
        launch_in(tmp_path / "other"),
        settings=QSettings(str(tmp_path / "other.ini"), QSettings.Format.IniFormat),
    ).prepare()


def test_the_stored_servers_password_comes_from_the_keyring(
    tmp_path: Path,
    settings: QSettings,
    memory_keyring: MemoryKeyring,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    address = ServerAddress("192.168.1.10", 5432, "townclerk", "window3")
    write_choice(ConnectionChoice(server=address), settings)
    memory_keyring.set_password(KEYRING_SERVICE, address.key, SECRET)
    monkeypatch.setattr(ServerPasswordDialog, "exec", never)
    launch = launch_in(tmp_path)
    assert StartupConnection(launch, settings=settings).prepare()
    assert launch.url == address.url(SECRET) and launch.origin is UrlOrigin.PC_CHOICE


def test_without_a_keyring_the_password_is_asked_for_at_the_start(
    tmp_path: Path, settings: QSettings, monkeypatch: pytest.MonkeyPatch
) -> None:
    keyring.set_keyring(NoKeyring())
    address = ServerAddress("192.168.1.10", 5432, "townclerk", "window3")
    write_choice(ConnectionChoice(server=address), settings)

    def type_password(dialog: QDialog) -> None:
        assert isinstance(dialog, ServerPasswordDialog)
        dialog.ok_button.click()  # nothing typed: refused
        assert dialog.message.text() == "✗ 请填写数据库密码" and not dialog.result()
        type_text(dialog.password_edit, SECRET)
        dialog.ok_button.click()

    seen = answered(monkeypatch, ServerPasswordDialog, type_password)
    launch = launch_in(tmp_path)
    assert StartupConnection(launch, settings=settings).prepare()
    reason = seen[0].findChild(QWidget, "serverPasswordReason").text()
    assert "本机没有可用的系统密钥环" in reason
    assert launch.url == address.url(SECRET)
    assert SECRET not in settings_text(settings)


@pytest.mark.postgres
def test_a_server_refusing_at_the_start_offers_to_change_the_connection(
    tmp_path: Path,
    pg: Database,
    pg_url: str,
    memory_keyring: MemoryKeyring,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A stored password that the server no longer accepts: the window says why and offers
    数据库连接; the person at the PC chooses 退出 here."""
    role = password_role(pg_url)
    write_choice(ConnectionChoice(server=role))  # the PC's own settings (a temporary folder)
    memory_keyring.set_password(KEYRING_SERVICE, role.key, "Old-PW")
    boxes: list[str] = []

    def quit_box(box: QMessageBox) -> int:
        boxes.append(box.text())
        [leave] = [b for b in box.buttons() if b.text() == "退出"]
        leave.click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", quit_box)
    assert run_window(launch_in(tmp_path), monkeypatch) == 1
    [text] = boxes
    assert text.startswith("数据库服务器不接受这个用户名或密码，请检查数据库连接的用户名和密码：")
    assert f"数据库：服务器：{role.user}@{role.host}:5432/{role.database}" in text
    assert "Old-PW" not in text


# --- the status bar -----------------------------------------------------------------------------
def status_label(qtbot: QtBot, db: Database, actor: Actor) -> QWidget:
    context = AppContext(db, DataBus())
    context.start_session(Session(actor, None, ""))
    window = MainWindow(context, pages=[])
    qtbot.addWidget(window)
    label = window.findChild(QWidget, "statusDatabase")
    assert label is not None
    return label


def test_the_status_bar_shows_the_local_file(qtbot: QtBot, db: Database, admin: Actor) -> None:
    label = status_label(qtbot, db, admin)
    path = (db.data_dir / DATABASE_FILE).as_posix()
    assert label.text().startswith("单机：") and label.text().endswith("townclerk.sqlite3")
    assert label.toolTip() == f"单机：{path}"


@pytest.mark.postgres
def test_the_status_bar_shows_the_server_without_a_password(
    qtbot: QtBot, pg: Database, pg_url: str
) -> None:
    admin = first_admin(pg)
    owner = server_owner(pg_url)
    label = status_label(qtbot, pg, admin)
    assert label.text() == f"服务器：{owner.user}@{owner.host}/{owner.database}"
    assert label.toolTip() == f"服务器：{owner.user}@{owner.host}:5432/{owner.database}"


@pytest.mark.postgres
def test_changing_the_connection_at_the_start_tries_again_with_the_new_choice(
    tmp_path: Path,
    pg: Database,
    pg_url: str,
    memory_keyring: MemoryKeyring,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    role = password_role(pg_url)
    write_choice(ConnectionChoice(server=role))
    memory_keyring.set_password(KEYRING_SERVICE, role.key, "Old-PW")

    def change(box: QMessageBox) -> int:
        [button] = [b for b in box.buttons() if b.text() == "更改数据库连接(&D)…"]
        button.click()
        return 0

    def choose_local(dialog: QDialog) -> None:
        assert isinstance(dialog, DatabaseConnectionDialog)
        assert dialog.host_edit.text() == role.host  # what is stored, to correct
        dialog.local_radio.setChecked(True)
        dialog.ok_button.click()

    monkeypatch.setattr(QMessageBox, "exec", change)
    answered(monkeypatch, DatabaseConnectionDialog, choose_local)
    critical: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "critical", staticmethod(lambda p, t, text: critical.append(text))
    )
    launch = launch_in(tmp_path)
    assert run_window(launch, monkeypatch) == 1  # the new local database has no users yet
    assert read_choice() == LOCAL and memory_keyring.passwords == {}
    assert launch.url == sqlite_url(tmp_path) and (tmp_path / DATABASE_FILE).is_file()
    [message] = critical
    assert "townclerk init" in message


def test_a_crash_report_never_holds_a_database_password(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A connection failure nobody explained is a bug: its report names the URL, never the
    password in it, in the dialog and in the log."""
    log_path = configure_logging(tmp_path)
    assert log_path is not None
    shown_details: list[str] = []

    def show(dialog: CrashDialog) -> int:
        shown_details.append(dialog.details.toPlainText())
        return 0

    monkeypatch.setattr(CrashDialog, "exec", show)
    url = ServerAddress("db.center.lan", 5432, "townclerk", "window3").url(SECRET)
    try:
        try:
            raise RuntimeError(f"the pool gave up on {url}")
        except RuntimeError as error:
            ExceptionHook(log_path)(type(error), error, error.__traceback__)
    finally:
        configure_logging(tmp_path, to_file=False)
    [details] = shown_details
    logged = log_path.read_text(encoding="utf-8")
    for report in (details, logged):
        assert "window3:***@db.center.lan" in report and SECRET not in report


def test_the_system_menu_opens_it_for_any_user_and_asks_to_restart(
    qtbot: QtBot, db: Database, clerk: Actor, monkeypatch: pytest.MonkeyPatch
) -> None:
    context = AppContext(db, DataBus(), database_origin=UrlOrigin.GIVEN)
    context.start_session(Session(clerk, None, ""))
    window = MainWindow(context, pages=[])
    qtbot.addWidget(window)
    window.show()
    asked: list[str] = []

    def question(parent: QWidget, title: str, text: str, *args: object) -> object:
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    window.connection_action.trigger()
    dialog = window.findChild(DatabaseConnectionDialog)
    assert dialog is not None and dialog.isVisible()
    intro = dialog.findChild(QWidget, "connectionIntro").text()
    assert intro.startswith("注意：更改后，本机将改用另一个数据库")
    note = dialog.findChild(QWidget, "connectionNote").text()
    assert note.startswith("本次启动使用的数据库由命令行 --db 指定，它优先于这里的设置")
    dialog.ok_button.click()  # 单机, as before
    assert read_choice() == LOCAL
    assert asked == ["已保存本机的数据库连接，重新启动 townclerk 后生效。现在退出 townclerk 吗？"]
    assert not window.isVisible()
