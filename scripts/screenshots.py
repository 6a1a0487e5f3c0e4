#!/usr/bin/env python3
"""Save a screenshot of each screen, headless, for the README and for looking at the layout.

    QT_QPA_PLATFORM=offscreen python scripts/screenshots.py docs/screenshots

Every screen is drawn against a fresh demo database (sample catalog, demo users, windows and
villages) at a fixed date, in Chinese. To add a screen, write a function taking a
:class:`Stage` and returning the widget to grab, and add it to ``SHOTS``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import os
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import keyring
from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from tests.keyboard import type_text
from tests.memory_keyring import MemoryKeyring
from townclerk.db.database import Database, open_database
from townclerk.db.schema_version import HEAD
from townclerk.i18n import set_language, t
from townclerk.paths import sqlite_url
from townclerk.services.demo import DEMO_PASSWORD, install_demo
from townclerk.ui.app import create_application
from townclerk.ui.context import AppContext, DataBus, Session
from townclerk.ui.dialogs.database_connection import DatabaseConnectionDialog
from townclerk.ui.dialogs.login import LoginDialog
from townclerk.ui.main_window import MainWindow
from townclerk.ui.pages.intake.intake_page import IntakePage

SCREENSHOT_TIME = dt.datetime(2026, 9, 29, 9, 30)
WINDOW_SIZE = (1366, 768)  # the most common screen at a township window
from screenshot_support import settle  # noqa: E402


@dataclass
class Stage:
    app: QApplication
    db: Database
    context: AppContext

    def log_in(self, username: str = "clerk1") -> None:
        actor = self.context.users.authenticate(username, DEMO_PASSWORD)
        window = self.context.settings.windows()[0]
        self.context.start_session(Session(actor, window.id, window.name))

    def main_window(self) -> MainWindow:
        window = MainWindow(self.context)
        window.resize(*WINDOW_SIZE)
        window.show()
        settle()
        return window


def shot_login(stage: Stage) -> QWidget:
    dialog = LoginDialog(stage.context)
    dialog.user_edit.setText("clerk1")
    dialog.password_edit.setText("********")
    dialog.show()
    settle()
    return dialog


def shot_intake(stage: Stage) -> QWidget:
    stage.log_in()
    window = stage.main_window()
    page = window.pages["intake"]
    assert isinstance(page, IntakePage)
    QTest.keyClicks(page.search.edit, "gtgs")
    settle()
    page.search.choose_current()
    model = page.item_panel.model
    for row in range(model.rowCount()):
        if model.rows()[row].required:
            model.toggle_received(row)
    applicant = page.applicant
    QTest.keyClicks(applicant.id_edit, "32032419900315123")
    from townclerk.validation import id_check_character

    QTest.keyClicks(applicant.id_edit, id_check_character("32032419900315123"))
    type_text(applicant.name_edit, "张伟")
    QTest.keyClicks(applicant.phone_edit, "13812345678")
    type_text(applicant.address_edit, "睢宁县示范镇王集村3组12号")
    applicant.village_combo.setCurrentIndex(3)
    page.search.edit.setFocus()
    QTest.keyClicks(page.search.edit, "")
    settle()
    return window


def connection_dialog(stage: Stage, lang: str) -> QWidget:
    """数据库连接 as a window PC of the center fills it in (no server is asked: the line under
    the fields is what a successful 测试连接 shows). Nothing is read from or written to this
    computer's own settings or keyring."""
    keyring.set_keyring(MemoryKeyring())
    set_language(lang)
    try:
        with tempfile.TemporaryDirectory(prefix="townclerk-screenshot-pc-") as folder:
            settings = QSettings(str(Path(folder) / "pc.ini"), QSettings.Format.IniFormat)
            dialog = DatabaseConnectionDialog(
                Path("/home/window3/.local/share/townclerk"), settings=settings
            )
        dialog.server_radio.setChecked(True)
        dialog.host_edit.setText("192.168.1.10")
        dialog.user_edit.setText("window3")
        dialog.password_edit.setText("********")
        dialog.message.show_ok(
            t("连接成功（服务器版本 {server}，数据库版本 {version}）", server="16.4", version=HEAD)
        )
        dialog.show()
        settle()
    finally:
        set_language("zh_CN")
    return dialog


def shot_connection_lost(stage: Stage) -> QWidget:
    """The intake half filled in when the server stops answering: the banner, the form kept.
    The lost connection is told to the window as the listener would tell it."""
    window = shot_intake(stage)
    stage.context.bus.connection_lost.emit()
    settle()
    return window


def page_of(username: str, key: str | None = None) -> Callable[[Stage], QWidget]:
    """The main window of ``username`` on page ``key`` (None: their start page), as the demo's
    journey left it (cases at the desk, the county, waiting for 出件, at the village)."""

    def shoot(stage: Stage) -> QWidget:
        stage.log_in(username)
        window = stage.main_window()
        if key is not None:
            window.show_page(key)
        settle()
        return window

    return shoot


SHOTS: list[tuple[str, Callable[[Stage], QWidget]]] = [
    ("login.png", shot_login),
    ("intake.png", shot_intake),
    ("database_connection.png", lambda stage: connection_dialog(stage, "zh_CN")),
    ("database_connection-en.png", lambda stage: connection_dialog(stage, "en")),
    ("connection_lost.png", shot_connection_lost),
    ("back_office.png", page_of("scjg1")),
    ("dispatch.png", page_of("clerk1", "dispatch")),
    ("village_arrivals.png", page_of("clerk1", "village_arrivals")),
]
# Pages whose scripts set up their own databases: (module in scripts/, function(folder)).
OTHER_PAGES = [
    ("screenshot_pages", "save_case_list_and_settings"),
    ("screenshot_catalog", "save_catalog_screens"),
    ("screenshot_preview", "save_print_preview"),
    ("screenshot_dashboard", "save_dashboard"),
]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="where to write the PNG files")
    parser.add_argument("--only", nargs="*", help="file names to take (default: all)")
    args = parser.parse_args(argv)
    args.folder.mkdir(parents=True, exist_ok=True)
    app = create_application("zh_CN")
    with tempfile.TemporaryDirectory(prefix="townclerk-screenshots-") as folder:
        data_dir = Path(folder)
        db = open_database(sqlite_url(data_dir), data_dir, clock=lambda: SCREENSHOT_TIME)
        try:
            install_demo(db)
            for name, shoot in SHOTS:
                if args.only and name not in args.only:
                    continue
                stage = Stage(app, db, AppContext(db, DataBus()))
                widget = shoot(stage)
                target = args.folder / name
                if not widget.grab().save(str(target)):
                    print(f"could not write {target}", file=sys.stderr)
                    return 1
                print(f"wrote {target}")
                widget.close()
                widget.deleteLater()
                QCoreApplication.processEvents()
        finally:
            db.dispose()
    if not args.only:
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        for module_name, function_name in OTHER_PAGES:
            save = getattr(importlib.import_module(module_name), function_name)
            written = save(args.folder)
            for path in written if isinstance(written, list) else [written]:
                print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
