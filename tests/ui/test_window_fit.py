"""The window on the screens townships have: opened maximised, then where it was left; every
control of a page inside the window at 1024×768, 1366×768 and 1920×1080, and at 150 % on the
first two (in this process by their logical size, and the real program in a subprocess with Qt
scaling it), in Chinese and English; keys that switch pages; messages that do not outlive their
user.

The fit tests grab each page to /tmp-style test folders (``tmp_path``) so a failure can be
looked at; a control is inside when its rectangle mapped to the window lies in the window, and
a scroll area that holds controls never needs a horizontal scroll bar.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QApplication, QSplitter
from pytestqt.qtbot import QtBot

from tests.people import PASSWORD
from tests.ui.fit import outside
from tests.ui.test_intake_support import Env, build_env
from townclerk.db.database import Database
from townclerk.enums import Role
from townclerk.i18n import set_language
from townclerk.services.access import Actor
from townclerk.ui import app as app_module
from townclerk.ui.context import Session
from townclerk.ui.main_window import MainWindow
from townclerk.ui.pages.intake.intake_page import IntakeLayout, IntakePage
from townclerk.ui.widgets.message_line import MessageLine
from townclerk.ui.window_state import app_settings, show_main_window

ROOT = Path(__file__).resolve().parents[2]
SIZES = [(1024, 768), (1366, 768), (1920, 1080)]
# What a maximised window gets of a screen: the taskbar (40) and the title bar (30) off.
FRAME = (0, 70)


@pytest.fixture(params=["zh_CN", "en"])
def language(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[str]:
    lang: str = request.param
    locale = QLocale()
    set_language(lang)
    translator = app_module.install_qt_translator(qapp, lang)
    yield lang
    if translator is not None:
        qapp.removeTranslator(translator)
    set_language("zh_CN")
    QLocale.setDefault(locale)


def fitted_window(qtbot: QtBot, env: Env, actor: Actor, size: tuple[int, int]) -> MainWindow:
    env.context.start_session(Session(actor, env.window.id, env.window.name))
    window = MainWindow(env.context)
    qtbot.addWidget(window)
    window.resize(size[0] - FRAME[0], size[1] - FRAME[1])
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: not window._missing_pages(), timeout=10_000)
    return window


def role_actor(env: Env, admin: Actor, clerk: Actor, role: Role) -> Actor:
    actor = {Role.CLERK: clerk, Role.ADMIN: admin}.get(role)
    if actor is None:
        env.context.users.create_user(admin, "chief", PASSWORD, Role.SUPERVISOR, "李主任")
        actor = env.context.users.authenticate("chief", PASSWORD)
    return actor


def page_problems(
    window: MainWindow, qtbot: QtBot, size: tuple[int, int], shots: Path, name: str
) -> dict[str, list[str]]:
    """Show every page of ``window`` in turn: what does not fit a window of at most ``size``, by
    page (grabs in ``shots``)."""
    problems = {}
    for key in list(window.pages):
        page = window.show_page(key)
        qtbot.wait(200)
        window.grab().save(str(shots / f"{name}-{key}.png"))
        found = outside(window, page)
        if window.width() > size[0] or window.height() > size[1]:
            found.insert(0, f"the window grew to {window.width()}×{window.height()} px")
        if found:
            problems[key] = found[:5]
    return problems


def assert_every_page_fits(
    qtbot: QtBot,
    db: Database,
    admin: Actor,
    clerk: Actor,
    role: Role,
    size: tuple[int, int],
    shots: Path,
) -> MainWindow:
    """Open the window of ``role`` at ``size`` (a screen, its title bar and panel included) and
    check every page it has; the window is returned for further checks."""
    env = build_env(db, admin, clerk)
    window = fitted_window(qtbot, env, role_actor(env, admin, clerk, role), size)
    available = (size[0], size[1] - FRAME[1])
    assert window.width() <= available[0] and window.height() <= available[1]
    problems = page_problems(
        window, qtbot, available, shots.parent, f"{shots.name}-{size[0]}x{size[1]}"
    )
    assert not problems, problems
    return window


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
@pytest.mark.parametrize("role", [Role.CLERK, Role.SUPERVISOR, Role.ADMIN])
def test_every_control_of_every_page_is_inside_the_window(
    qtbot: QtBot,
    db: Database,
    admin: Actor,
    clerk: Actor,
    language: str,
    role: Role,
    size: tuple[int, int],
    tmp_path: Path,
) -> None:
    assert_every_page_fits(qtbot, db, admin, clerk, role, size, tmp_path / language)


# At 150 % a 1024×768 screen is 683×512 logical pixels, 1366×768 is 910×512.
SCALED_SIZES = [(683, 512 + FRAME[1]), (910, 512 + FRAME[1])]


@pytest.mark.parametrize("size", SCALED_SIZES, ids=["1024-at-150%", "1366-at-150%"])
@pytest.mark.parametrize("role", [Role.SUPERVISOR, Role.ADMIN])  # between them: every page
def test_every_page_fits_at_150_percent(
    qtbot: QtBot,
    db: Database,
    admin: Actor,
    clerk: Actor,
    language: str,
    role: Role,
    size: tuple[int, int],
    tmp_path: Path,
) -> None:
    window = assert_every_page_fits(qtbot, db, admin, clerk, role, size, tmp_path / language)
    intake = window.pages.get("intake")
    if intake is not None:
        assert isinstance(intake, IntakePage)
        assert intake.layout_mode in (IntakeLayout.COMPACT, IntakeLayout.NARROW)


def test_the_intake_layout_follows_the_width(
    qtbot: QtBot, db: Database, admin: Actor, clerk: Actor
) -> None:
    env = build_env(db, admin, clerk)
    window = fitted_window(qtbot, env, clerk, (1920, 1080))
    page = window.pages["intake"]
    assert isinstance(page, IntakePage) and page.layout_mode is IntakeLayout.WIDE
    page.search.edit.setFocus()
    window.resize(1024, 700)
    qtbot.waitUntil(lambda: page.layout_mode is IntakeLayout.COMPACT)
    assert page.item_panel.isVisible() and page.applicant.isVisible()
    assert page.column.isAncestorOf(page.applicant)
    window.resize(1600, 900)
    qtbot.waitUntil(lambda: page.layout_mode is IntakeLayout.WIDE)
    assert page.wide_splitter.indexOf(page.applicant) == 2


def test_first_start_maximised_then_where_it_was_left(
    qtbot: QtBot, db: Database, admin: Actor, clerk: Actor
) -> None:
    env = build_env(db, admin, clerk)
    settings = app_settings()
    assert not settings.contains("mainWindow/geometry")  # never the user's own settings
    window = MainWindow(env.context)
    qtbot.addWidget(window)
    show_main_window(window, window.window_settings)
    qtbot.waitExposed(window)
    assert window.isMaximized()
    window.showNormal()
    window.setGeometry(20, 30, 700, 500)
    splitter = window.pages["intake"].findChild(QSplitter, "intakeCompactSplitter")
    assert splitter is not None
    splitter.setSizes([300, 700])
    sizes = splitter.sizes()
    left = window.size().toTuple()
    window.close()

    again = MainWindow(env.context)
    qtbot.addWidget(again)
    show_main_window(again, again.window_settings)
    qtbot.waitExposed(again)
    assert not again.isMaximized()
    # The offscreen screen is 800 px wide: the restored width is kept within it.
    assert again.height() == left[1] and again.width() == min(left[0], 798)
    # The splitter's state is kept; on a narrower window Qt shares the width out anew.
    assert sizes and settings.value("mainWindow/splitters/intakeCompactSplitter") is not None


def test_ctrl_number_switches_to_the_pages_the_user_may_see(
    qtbot: QtBot, db: Database, admin: Actor, clerk: Actor
) -> None:
    env = build_env(db, admin, clerk)
    window = fitted_window(qtbot, env, clerk, (1366, 768))
    assert window.current_key() == "intake"
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.current_key() == "cases"
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert window.current_key() == "dispatch"  # a clerk's third page: 出件
    qtbot.keyClick(window, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    assert window.current_key() == "village_point"  # the fourth: 村代办
    qtbot.keyClick(window, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
    assert window.current_key() == "browse"  # the fifth: 事项查询
    qtbot.keyClick(window, Qt.Key.Key_6, Qt.KeyboardModifier.ControlModifier)
    assert window.current_key() == "village_arrivals"  # the sixth: 村代办接件
    qtbot.keyClick(window, Qt.Key.Key_7, Qt.KeyboardModifier.ControlModifier)
    assert window.current_key() == "village_arrivals"  # a clerk has six: nothing past the last
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert window.current_key() == "intake"


def test_messages_do_not_outlive_their_user(
    qtbot: QtBot, db: Database, admin: Actor, clerk: Actor
) -> None:
    env = build_env(db, admin, clerk)
    window = fitted_window(qtbot, env, admin, (1366, 768))
    lines = window.pages["settings"].findChildren(MessageLine)
    assert lines
    lines[0].show_ok("已保存中心设置")
    window.statusBar().showMessage("已保存")
    env.context.start_session(Session(admin, env.window.id, env.window.name))
    assert all(not line.text() for line in window.pages["settings"].findChildren(MessageLine))
    assert window.statusBar().currentMessage() == ""


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_the_real_program_at_150_percent_on_a_1366x768_screen(tmp_path: Path, lang: str) -> None:
    """The program started as ``townclerk`` starts it, Qt scaling everything by 1.5 on a
    1366×768 screen (910×512 logical pixels): maximised on it, and every page of a supervisor
    and of an admin inside the window."""
    screens = tmp_path / "screens.json"
    screen = {"name": "township", "x": 0, "y": 0, "width": 1366, "height": 768}
    screens.write_text(json.dumps({"screens": [{**screen, "logicalDpi": 96, "dpr": 1}]}))
    environment = {
        **os.environ,
        "QT_SCALE_FACTOR": "1.5",
        "QT_QPA_PLATFORM": f"offscreen:configfile={screens}",
    }
    environment.pop("QT_SCREEN_SCALE_FACTORS", None)
    run = subprocess.run(
        [sys.executable, "-m", "tests.ui.scaled_window", str(tmp_path / "data"), lang],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=environment,
        timeout=180,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    report = json.loads(run.stdout.strip().splitlines()[-1])
    assert report["scale"] == 1.5 and report["screen"][2:] == [911, 512]
    assert report["maximised"]
    pages = report["pages"]
    assert set(pages) == {
        "intake",
        "cases",
        "dispatch",
        "village_point",
        "dashboard",
        "browse",
        "settings",
        "catalog",
        "village_arrivals",
    }
    problems = {key: page["outside"] for key, page in pages.items() if page["outside"]}
    assert not problems, problems
    for key, page in pages.items():
        x, y, width, height = page["window"]
        assert x >= 0 and y >= 0 and x + width <= 911 and y + height <= 512, (key, page)
