#!/usr/bin/env python3
"""Screenshot of the supervisors' dashboard, headless.

    QT_QPA_PLATFORM=offscreen python scripts/screenshot_dashboard.py docs/screenshots
    QT_QPA_PLATFORM=offscreen python scripts/screenshot_dashboard.py --lang en /tmp/en

:func:`save_dashboard` writes dashboard.png: a fresh demo database (sample catalog, demo users,
windows and villages) given a few thousand cases over the last months with ``demo-data``'s
generator, seen by the supervisor late on a working afternoon in the main window at 1366x768.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import QCoreApplication, QThreadPool

from townclerk.db.database import open_database
from townclerk.i18n import LANGUAGES
from townclerk.paths import sqlite_url
from townclerk.services.demo import DEMO_PASSWORD, generate_cases, install_demo
from townclerk.services.users import UserService
from townclerk.ui.app import create_application
from townclerk.ui.context import AppContext, DataBus, Session
from townclerk.ui.main_window import MainWindow
from townclerk.ui.pages.dashboard.dashboard_page import DashboardPage

DEMO_INSTALLED = dt.datetime(2026, 3, 2, 9, 0)
SCREENSHOT_TIME = dt.datetime(2026, 9, 29, 16, 40)  # a Tuesday afternoon before National Day
CASES = 4000
DAYS = 90
WINDOW_SIZE = (1366, 768)  # the most common screen at a township window
SUPERVISOR = "chief"
from screenshot_support import Clock, settle  # noqa: E402


def save_dashboard(folder: Path, lang: str = "zh_CN") -> Path:
    """Write dashboard.png, in the interface language ``lang``, into ``folder``; return its
    path."""
    folder.mkdir(parents=True, exist_ok=True)
    create_application(lang)
    with tempfile.TemporaryDirectory(prefix="townclerk-dashboard-") as temporary:
        data_dir = Path(temporary) / "data"
        clock = Clock(DEMO_INSTALLED)
        db = open_database(sqlite_url(data_dir), data_dir, clock=clock)
        try:
            install_demo(db)
            clock.now = SCREENSHOT_TIME
            admin = UserService(db).authenticate("admin", DEMO_PASSWORD)
            generate_cases(db, admin, cases=CASES, days=DAYS, seed=7)
            context = AppContext(db, DataBus())
            actor = context.users.authenticate(SUPERVISOR, DEMO_PASSWORD)
            context.start_session(Session(actor, None, ""))
            window = MainWindow(context)
            window.resize(*WINDOW_SIZE)
            window.show()
            page = window.show_page("dashboard")
            if not isinstance(page, DashboardPage):
                raise RuntimeError("the dashboard page is not registered")
            settle()
            if page.snapshot is None:
                raise RuntimeError(f"the dashboard did not load: {page.status_label.text()}")
            target = folder / "dashboard.png"
            if not window.grab().save(str(target)):
                raise OSError(f"could not write {target}")
            window.close()
            window.deleteLater()
            QCoreApplication.processEvents()
        finally:
            QThreadPool.globalInstance().waitForDone(30_000)
            db.dispose()
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="where to write dashboard.png")
    parser.add_argument("--lang", default="zh_CN", choices=LANGUAGES)
    args = parser.parse_args(argv)
    print(f"wrote {save_dashboard(args.folder, args.lang)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
