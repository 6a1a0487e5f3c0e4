"""The main window: pages by role, status bar, Ctrl+F, switching user, the idle lock; start-up
and error handling of the application."""

from __future__ import annotations

import gc
import logging
import sqlite3
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QPoint, Qt, QThreadPool
from PySide6.QtGui import QFont, QGuiApplication, QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QMessageBox, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy.exc import OperationalError

from tests.factories import ID_ZHANG
from tests.keyboard import type_text
from tests.people import PASSWORD
from tests.ui.start_window import start_window
from tests.ui.test_intake_support import Env, build_env, commit_text
from tests.ui.writes import changed_elsewhere
from townclerk.db.database import Database
from townclerk.enums import Role
from townclerk.errors import EnvironmentProblem, UserError
from townclerk.launch import Launch
from townclerk.paths import resource_path, sqlite_url
from townclerk.records.center import CenterSettings
from townclerk.records.changes import DataArea
from townclerk.services.access import Actor, Permission
from townclerk.services.settings import SettingsService
from townclerk.services.users import UserService
from townclerk.ui import app as app_module
from townclerk.ui import main_window as main_window_module
from townclerk.ui.context import AppContext, DataBus, Session
from townclerk.ui.crash import CrashDialog, ExceptionHook
from townclerk.ui.main_window import KEY_ROLE, MainWindow
from townclerk.ui.pages.dashboard.dashboard_page import DashboardPage
from townclerk.ui.pages.intake.intake_page import IntakePage
from townclerk.ui.pages.registry import PAGES, PageSpec

ROOT = Path(__file__).resolve().parents[2]
INTAKE = next(spec for spec in PAGES if spec.key == "intake")
ADMIN_PAGE = PageSpec(
    "admin-only", "Admin only", lambda context: QLabel("admin"), Permission.MANAGE_SETTINGS
)


class FakeMonotonic:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def env(db: Database, admin: Actor, clerk: Actor) -> Env:
    return build_env(db, admin, clerk)


@pytest.fixture
def idle_clock() -> FakeMonotonic:
    return FakeMonotonic()


@pytest.fixture
def window(qtbot: QtBot, env: Env, idle_clock: FakeMonotonic) -> MainWindow:
    widget = MainWindow(env.context, pages=[INTAKE, ADMIN_PAGE], idle_clock=idle_clock)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


# A clerk's pages, built before the window shows.
CLERK_PAGES = ["intake", "cases", "dispatch", "village_point", "browse", "village_arrivals"]


def intake_of(window: MainWindow) -> IntakePage:
    page = window.pages["intake"]
    assert isinstance(page, IntakePage)
    return page


def test_the_status_bar_shows_the_clerk_and_the_window(window: MainWindow, env: Env) -> None:
    assert window.user_label.text() == "工作人员：王晓燕（窗口工作人员）"
    assert window.window_label.text() == "窗口：综合窗口一"
    assert list(window.pages) == ["intake"]  # a clerk does not see admin pages
    assert window.stack.currentWidget() is window.pages["intake"]


def test_pages_follow_the_role_when_the_user_changes(
    qtbot: QtBot, window: MainWindow, env: Env, admin: Actor
) -> None:
    intake = window.pages["intake"]
    env.context.start_session(Session(admin, None, ""))
    assert list(window.pages) == ["admin-only"]
    assert window.window_label.text() == "未指定窗口"
    assert window.user_label.text() == "工作人员：系统管理员（系统管理员）"
    qtbot.waitUntil(lambda: not intake.isVisible())


def test_a_role_without_pages_sees_a_plain_message(qtbot: QtBot, env: Env, admin: Actor) -> None:
    env.context.start_session(Session(admin, None, ""))
    widget = MainWindow(env.context, pages=[INTAKE])
    qtbot.addWidget(widget)
    assert widget.pages == {}
    assert widget.stack.currentWidget() is widget.empty_page


def test_every_registered_page_builds_for_every_role(
    qtbot: QtBot, env: Env, admin: Actor, supervisor: Actor, clerk: Actor
) -> None:
    windows = []
    for actor in (clerk, supervisor, admin):
        env.context.start_session(Session(actor, env.window.id, env.window.name))
        widget = MainWindow(env.context)
        qtbot.addWidget(widget)
        windows.append(widget)
        expected = [spec.key for spec in PAGES if env.context.can(spec.permission)]
        assert list(widget.pages) == expected
        assert widget.nav.count() == len(expected)
    for widget in windows:
        widget.close()
    # Let the pages' background loads land while the pages still exist.
    assert QThreadPool.globalInstance().waitForDone(10_000)
    qtbot.wait(50)


def keys_in_the_navigation(window: MainWindow) -> list[str]:
    return [window.nav.item(row).data(KEY_ROLE) for row in range(window.nav.count())]


@pytest.fixture
def clerk_window(qtbot: QtBot, env: Env) -> Iterator[MainWindow]:
    """The window with every registered page, the clerk logged in, on screen."""
    widget = MainWindow(env.context)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    yield widget
    widget.close()
    assert QThreadPool.globalInstance().waitForDone(10_000)  # page loads land before teardown
    qtbot.wait(50)


@contextmanager
def worker_held() -> Iterator[threading.Event]:
    """A task on the thread pool until the event is set (or the block ends)."""
    release = threading.Event()
    started = threading.Event()

    def hold() -> None:
        started.set()
        release.wait(10)

    QThreadPool.globalInstance().start(hold)
    assert started.wait(10)
    try:
        yield release
    finally:
        release.set()


def test_a_user_switch_on_screen_builds_the_other_pages_right_after(
    qtbot: QtBot, clerk_window: MainWindow, env: Env, supervisor: Actor, clerk: Actor
) -> None:
    window = clerk_window
    # Built before it was shown:
    assert list(window.pages) == [
        "intake",
        "cases",
        "dispatch",
        "village_point",
        "browse",
        "village_arrivals",
    ]
    cases = window.show_page("cases")
    built: list[list[str]] = []
    window.pages_built.connect(lambda: built.append(list(window.pages)))
    env.context.start_session(Session(supervisor, env.window.id, env.window.name))
    # The switch itself builds nothing: the supervisor goes on with the page shown.
    assert keys_in_the_navigation(window) == [
        "intake",
        "cases",
        "dispatch",
        "village_point",
        "dashboard",
        "browse",
        "village_arrivals",
    ]
    assert list(window.pages) == [
        "intake",
        "cases",
        "dispatch",
        "village_point",
        "browse",
        "village_arrivals",
    ]
    assert window.stack.currentWidget() is cases
    qtbot.waitUntil(
        lambda: (
            built
            == [
                [
                    "intake",
                    "cases",
                    "dispatch",
                    "village_point",
                    "browse",
                    "village_arrivals",
                    "dashboard",
                ]
            ]
        ),
        timeout=10_000,
    )
    assert isinstance(window.pages["dashboard"], DashboardPage)
    assert window.stack.currentWidget() is cases
    env.context.start_session(Session(clerk, env.window.id, env.window.name))
    assert list(window.pages) == [
        "intake",
        "cases",
        "dispatch",
        "village_point",
        "browse",
        "village_arrivals",
    ]
    qtbot.waitUntil(lambda: len(built) == 2, timeout=10_000)


def test_a_page_chosen_before_it_is_built_is_built_at_once(
    qtbot: QtBot, clerk_window: MainWindow, env: Env, supervisor: Actor
) -> None:
    window = clerk_window
    env.context.start_session(Session(supervisor, env.window.id, env.window.name))
    assert "dashboard" not in window.pages
    window.nav.setCurrentRow(keys_in_the_navigation(window).index("dashboard"))
    page = window.pages["dashboard"]
    assert isinstance(page, DashboardPage)
    assert window.stack.currentWidget() is page
    with pytest.raises(KeyError):
        window.page("settings")  # a supervisor has no settings page
    qtbot.waitUntil(lambda: not page.is_busy(), timeout=10_000)


def test_pages_are_built_while_no_worker_thread_runs(
    qtbot: QtBot,
    clerk_window: MainWindow,
    env: Env,
    supervisor: Actor,
    clerk: Actor,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = clerk_window
    supervisor_session = Session(supervisor, env.window.id, env.window.name)
    monkeypatch.setattr(main_window_module, "PAGE_BUILD_LONGEST_WAIT_S", 60.0)
    assert QThreadPool.globalInstance().waitForDone(10_000)
    with worker_held() as release:
        env.context.start_session(supervisor_session)
        qtbot.wait(200)
        assert "dashboard" not in window.pages  # it waits for the worker
        release.set()
        qtbot.waitUntil(lambda: "dashboard" in window.pages, timeout=10_000)
    env.context.start_session(Session(clerk, env.window.id, env.window.name))
    assert "dashboard" not in window.pages
    # A worker that goes on and on (an export) does not keep the page away for long.
    monkeypatch.setattr(main_window_module, "PAGE_BUILD_LONGEST_WAIT_S", 0.2)
    assert QThreadPool.globalInstance().waitForDone(10_000)
    with worker_held():
        env.context.start_session(supervisor_session)
        qtbot.waitUntil(lambda: "dashboard" in window.pages, timeout=5_000)


def test_ctrl_f_focuses_the_search(qtbot: QtBot, window: MainWindow) -> None:
    page = intake_of(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    page.applicant.name_edit.setFocus()
    qtbot.keyClicks(page.search.edit, "gtgs")
    qtbot.keyClick(page.applicant.name_edit, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is page.search.edit
    assert page.search.edit.selectedText() == "gtgs"


def fill_some_form(qtbot: QtBot, page: IntakePage) -> None:
    qtbot.keyClicks(page.search.edit, "gtgs")
    page.search.choose_current()
    page.item_panel.model.toggle_received(0)
    qtbot.keyClicks(page.applicant.id_edit, ID_ZHANG)
    page.applicant.name_edit.setFocus()
    type_text(page.applicant.name_edit, "张伟")


def test_the_idle_lock_keeps_the_form(
    qtbot: QtBot, window: MainWindow, idle_clock: FakeMonotonic
) -> None:
    page = intake_of(window)
    fill_some_form(qtbot, page)
    assert window.idle.minutes == 10
    idle_clock.now += 9 * 60
    window.idle.check()
    assert not window.is_locked()
    idle_clock.now += 61
    window.idle.check()
    assert window.is_locked()
    dialog = window.lock_dialog
    assert dialog is not None and dialog.isVisible()
    assert window.central.currentWidget() is window.lock_cover
    assert not page.isVisible()  # nobody can read the resident's data meanwhile

    dialog.reject()  # Escape does not unlock
    assert window.is_locked()
    qtbot.keyClicks(dialog.password_edit, "wrong-password")
    qtbot.mouseClick(dialog.unlock_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.busy, timeout=10_000)
    assert window.is_locked()
    assert "用户名或密码错误" in dialog.message.text()

    qtbot.keyClicks(dialog.password_edit, PASSWORD)
    qtbot.mouseClick(dialog.unlock_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not window.is_locked(), timeout=10_000)
    assert page.isVisible()
    assert page.item_panel.item is not None
    assert page.applicant.id_edit.text() == ID_ZHANG
    assert page.applicant.name_edit.text() == "张伟"
    assert page.item_panel.model.rows()[0].state.value == "received"
    assert window.idle.armed


def test_user_input_postpones_the_lock(
    qtbot: QtBot, window: MainWindow, idle_clock: FakeMonotonic
) -> None:
    page = intake_of(window)
    idle_clock.now += 9 * 60
    qtbot.keyClicks(page.search.edit, "g")
    idle_clock.now += 5 * 60
    window.idle.check()
    assert not window.is_locked()
    assert window.idle.idle_seconds() == 5 * 60


def focus_in(qtbot: QtBot, window: MainWindow, widget: QWidget) -> None:
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    widget.setFocus()
    qtbot.waitUntil(lambda: QGuiApplication.focusObject() is widget)


def test_chinese_from_an_input_method_postpones_the_lock(
    qtbot: QtBot, window: MainWindow, idle_clock: FakeMonotonic
) -> None:
    name_edit = intake_of(window).applicant.name_edit
    focus_in(qtbot, window, name_edit)
    idle_clock.now += 9 * 60
    commit_text(name_edit, "张伟")  # a candidate chosen: no key event reaches the window
    assert name_edit.text() == "张伟"
    idle_clock.now += 5 * 60
    window.idle.check()
    assert not window.is_locked()
    assert window.idle.idle_seconds() == 5 * 60


def test_clicks_and_mouse_moves_reaching_the_window_postpone_the_lock(
    qtbot: QtBot, window: MainWindow, idle_clock: FakeMonotonic
) -> None:
    handle = window.windowHandle()
    assert handle is not None
    for deliver in (
        lambda: QTest.mouseClick(
            handle, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(300, 300)
        ),
        lambda: QTest.mouseMove(handle, QPoint(320, 310)),
    ):
        idle_clock.now += 9 * 60
        deliver()  # as the system delivers input: to the window first, then to a widget
        assert window.idle.idle_seconds() == 0
        window.idle.check()
        assert not window.is_locked()


def test_the_idle_watcher_sees_windows_and_the_focus_not_every_widget(
    qtbot: QtBot, window: MainWindow, idle_clock: FakeMonotonic
) -> None:
    page = intake_of(window)
    focus_in(qtbot, window, page.search.edit)
    idle_clock.now += 60
    # An event for a widget without the focus (real input never comes that way: it passes the
    # window first) does not go through the watcher, nor does any other widget's painting.
    key = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_A, Qt.KeyboardModifier.NoModifier, "a")
    QApplication.sendEvent(page.applicant.phone_edit, key)
    page.applicant.phone_edit.repaint()
    assert window.idle.idle_seconds() == 60
    # Once the main window closes, the watcher lets go of the windows and the focus.
    window.close()
    qtbot.keyClicks(page.search.edit, "g")
    assert window.idle.idle_seconds() == 60


def test_the_idle_time_follows_the_settings(window: MainWindow, env: Env, admin: Actor) -> None:
    SettingsService(env.context.db).update_center(
        admin, CenterSettings(center_name="示范镇为民服务中心", idle_lock_minutes=3)
    )
    changed_elsewhere(env.context, DataArea.SETTINGS)
    assert window.idle.minutes == 3
    assert "示范镇为民服务中心" in window.windowTitle()


def test_ctrl_l_locks_at_once(qtbot: QtBot, window: MainWindow) -> None:
    window.lock_action.trigger()
    assert window.is_locked()


def test_ctrl_enter_unlocks_and_escape_leaves_the_window_locked(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.lock()
    dialog = window.lock_dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.keyClick(dialog.password_edit, Qt.Key.Key_Escape)
    assert window.is_locked() and dialog.isVisible()  # nothing to cancel: it stays locked
    qtbot.keyClick(dialog.password_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.message.text() == "请输入密码。"  # what 解锁 says
    qtbot.keyClicks(dialog.password_edit, PASSWORD)
    qtbot.keyClick(dialog.password_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not window.is_locked(), timeout=10_000)


def test_another_user_can_log_in_from_the_lock_screen(
    qtbot: QtBot, window: MainWindow, env: Env, admin: Actor
) -> None:
    UserService(env.context.db).create_user(admin, "clerk2", PASSWORD, Role.CLERK, "刘建国")
    window.lock()
    dialog = window.lock_dialog
    assert dialog is not None
    qtbot.mouseClick(dialog.switch_button, Qt.MouseButton.LeftButton)
    login = dialog.login_dialog
    assert login is not None and login.isVisible()
    qtbot.keyClicks(login.user_edit, "clerk2")
    qtbot.keyClicks(login.password_edit, PASSWORD)
    qtbot.mouseClick(login.login_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not window.is_locked(), timeout=10_000)
    assert env.context.actor.username == "clerk2"
    assert window.user_label.text() == "工作人员：刘建国（窗口工作人员）"


def test_switch_user_from_the_menu(
    qtbot: QtBot, window: MainWindow, env: Env, admin: Actor
) -> None:
    UserService(env.context.db).create_user(admin, "clerk2", PASSWORD, Role.CLERK, "刘建国")
    window.switch_action.trigger()
    login = window.login_dialog
    assert login is not None
    login.window_combo.setCurrentIndex(1)
    qtbot.keyClicks(login.user_edit, "clerk2")
    qtbot.keyClicks(login.password_edit, PASSWORD)
    with qtbot.waitSignal(env.context.bus.session_changed, timeout=10_000):
        qtbot.mouseClick(login.login_button, Qt.MouseButton.LeftButton)
    assert env.context.actor.username == "clerk2"
    assert window.window_label.text() == "窗口：综合窗口二"


# --- errors ------------------------------------------------------------------------------------
def test_a_user_error_gets_a_plain_message(monkeypatch: pytest.MonkeyPatch) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda p, t, text: shown.append(text)))
    crashes: list[object] = []
    monkeypatch.setattr(CrashDialog, "exec", lambda self: crashes.append(self))
    hook = ExceptionHook(None)
    error = UserError("该事项不存在或已从目录中撤销，不能受理")
    hook(type(error), error, None)
    assert shown == ["该事项不存在或已从目录中撤销，不能受理"]
    assert crashes == []


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("database is locked", "数据库正被其他程序占用"),
        ("database or disk is full", "磁盘空间已满"),
        ("attempt to write a readonly database", "数据目录不可写"),
    ],
)
def test_database_problems_are_explained(
    monkeypatch: pytest.MonkeyPatch, raw: str, expected: str
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda p, t, text: shown.append(text)))
    error = OperationalError("INSERT INTO cases …", {}, sqlite3.OperationalError(raw))
    ExceptionHook(None)(type(error), error, None)
    assert len(shown) == 1 and expected in shown[0]


@pytest.mark.parametrize(
    ("key", "modifier", "outcome"),
    [
        (Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier, QDialog.DialogCode.Accepted),
        (Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier, QDialog.DialogCode.Rejected),
    ],
    ids=["ctrl-enter-carries-on", "escape"],
)
def test_the_crash_dialog_carries_on_with_ctrl_enter_and_closes_with_escape(
    qtbot: QtBot, key: Qt.Key, modifier: Qt.KeyboardModifier, outcome: QDialog.DialogCode
) -> None:
    dialog = CrashDialog("Traceback …", None)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.keyClick(dialog.details, key, modifier)
    assert not dialog.isVisible() and dialog.result() == outcome
    assert not dialog.quit_requested


def test_a_bug_gets_the_crash_dialog_with_the_log_path(
    qapp: QApplication,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    tmp_path: Path,
) -> None:
    crashes: list[CrashDialog] = []
    monkeypatch.setattr(CrashDialog, "exec", lambda self: crashes.append(self))
    log_file = tmp_path / "townclerk.log"
    try:
        raise KeyError("material")
    except KeyError as error:
        with caplog.at_level(logging.ERROR, logger="townclerk.ui"):
            ExceptionHook(log_file)(type(error), error, error.__traceback__)
    assert len(crashes) == 1
    dialog = crashes[0]
    assert str(log_file) in dialog.findChild(QLabel, "crashLogPath").text()
    assert "KeyError: 'material'" in dialog.details.toPlainText()
    assert "KeyError" in caplog.text
    dialog.deleteLater()


def test_the_hook_replaces_and_restores_sys_excepthook() -> None:
    before = sys.excepthook
    hook = ExceptionHook(None)
    hook.install()
    assert sys.excepthook is hook
    hook.uninstall()
    assert sys.excepthook is before


# --- start-up ----------------------------------------------------------------------------------
def test_an_empty_database_tells_the_user_to_run_init(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "critical", staticmethod(lambda p, t, text: shown.append(text))
    )
    data_dir = tmp_path / "empty"
    launch = Launch(data_dir=data_dir, url=sqlite_url(data_dir), lang="en")
    try:
        assert app_module.run_gui(launch) == 1
    finally:
        launch.close()
    assert len(shown) == 1 and "townclerk init" in shown[0]
    assert "townclerk init" in capsys.readouterr().err


def test_a_database_that_cannot_be_opened_is_explained(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "critical", staticmethod(lambda p, t, text: shown.append(text))
    )

    def locked(self: Launch, *, migrate: bool = True) -> Database:
        raise EnvironmentProblem("数据库正被其他程序占用，请稍后重试，或关闭占用数据库的程序")

    monkeypatch.setattr(Launch, "database", locked)
    launch = Launch(data_dir=tmp_path, url=sqlite_url(tmp_path), lang="en")
    assert app_module.run_gui(launch) == 1
    assert shown and "占用" in shown[0]


def test_the_window_starts_with_what_start_up_built_out_of_the_collectors_way(
    qtbot: QtBot,
    env: Env,
    clerk: Actor,
    supervisor: Actor,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Full collections would walk every object of the start-up again and again (a stall of up
    to 150 ms each): they are frozen once the window is built, and again after a user switch."""
    seen: dict[str, object] = {}

    def session(window: MainWindow, context: AppContext) -> None:
        seen["shown"] = window.isVisible()
        seen["frozen at start"] = gc.get_freeze_count()
        gc.unfreeze()  # what the user switch freezes is counted apart
        context.start_session(Session(supervisor, env.window.id, env.window.name))
        qtbot.waitUntil(lambda: "dashboard" in window.pages, timeout=10_000)
        qtbot.waitUntil(lambda: gc.get_freeze_count() > 0, timeout=10_000)
        seen["frozen after the switch"] = gc.get_freeze_count()

    clerk_session = Session(clerk, env.window.id, env.window.name)
    assert start_window(monkeypatch, env.context.db, tmp_path, clerk_session, session) == 0
    assert seen["shown"] is True
    assert isinstance(seen["frozen at start"], int) and seen["frozen at start"] > 50_000
    assert isinstance(seen["frozen after the switch"], int) and seen["frozen after the switch"] > 0


def test_the_clerks_and_supervisors_pages_load_without_the_workbook_library() -> None:
    """openpyxl takes ~0.3 s to import: reading or writing a workbook brings it in, on a worker
    thread; building these pages (a user switch, with the window on screen) must not."""
    pages = ("intake.intake_page", "cases.cases_page", "dashboard.dashboard_page")
    code = "\n".join(
        [
            "import sys",
            *(f"import townclerk.ui.pages.{page}" for page in pages),
            "import townclerk.services.catalog",
            "print(sorted(name for name in sys.modules if name.split('.')[0] == 'openpyxl'))",
        ]
    )
    run = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert run.stdout.strip() == "[]"


def test_the_selftest_runs_everything_and_exits_0(
    qapp: QApplication, capsys: pytest.CaptureFixture[str]
) -> None:
    assert app_module.run_selftest(qapp, "en") == 0
    out = capsys.readouterr().out
    assert "input-method plugins load into Qt 6." in out and "ibus" in out
    assert "search index built" in out
    assert "main window shown" in out
    assert "receipt rendered" in out
    assert out.strip().endswith("selftest: ok")


def test_the_bundled_font_loads() -> None:
    family = app_module.load_font_file(resource_path(*app_module.BUNDLED_FONT))
    assert family is not None and "WenQuanYi" in family
    assert app_module.load_font_file(resource_path("fonts", "no-such-font.ttf")) is None


def test_a_machine_without_chinese_fonts_gets_the_bundled_one(
    qapp: QApplication, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = QFont(qapp.font())
    monkeypatch.setattr(app_module, "has_chinese_font", lambda: False)
    try:
        family = app_module.ensure_chinese_font(qapp)
        assert family is not None
        assert qapp.font().families()[0] == family
    finally:
        qapp.setFont(before)


def test_the_application_is_named_and_has_its_icon(qapp: QApplication) -> None:
    app = app_module.create_application("en")
    assert app is qapp
    assert app.applicationName() == "townclerk"
    assert not app.windowIcon().isNull()


def test_english_needs_no_translation_of_qts_own_texts(qapp: QApplication) -> None:
    assert app_module.install_qt_translator(qapp, "en") is None


def test_chinese_loads_qts_own_translation(qapp: QApplication) -> None:
    """Qt's standard buttons and dialogs come from Qt's catalogue, ours from townclerk.i18n."""
    translator = app_module.install_qt_translator(qapp, "zh_CN")
    assert translator is not None
    try:
        assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"
    finally:
        qapp.removeTranslator(translator)
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Cancel"


def test_context_session_helpers(env: Env) -> None:
    context = AppContext(env.context.db, DataBus())
    assert context.window_id is None
    assert not context.can(Permission.HANDLE_CASES)
    with pytest.raises(RuntimeError):
        _ = context.actor


def test_the_search_index_can_be_built_while_the_login_dialog_waits(env: Env) -> None:
    context = AppContext(env.context.db, DataBus())
    context.preload_search()
    context.preload_search()  # a second call changes nothing
    assert len(context.search) == 2
    assert context.search is context.search


def test_a_failed_preload_reaches_the_first_user_of_the_index(
    env: Env, monkeypatch: pytest.MonkeyPatch
) -> None:
    from townclerk.services.search import CatalogSearch

    def broken(db: Database) -> CatalogSearch:
        raise EnvironmentProblem("数据库正被其他程序占用，请稍后重试，或关闭占用数据库的程序")

    monkeypatch.setattr(CatalogSearch, "load", staticmethod(broken))
    context = AppContext(env.context.db, DataBus())
    context.preload_search()
    with pytest.raises(EnvironmentProblem):
        _ = context.search
