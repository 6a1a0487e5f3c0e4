"""Start the real window as ``townclerk`` does (run_gui) and report, as JSON on stdout, what does
not fit on each page: run by test_window_fit in a subprocess whose Qt is scaled
(QT_SCALE_FACTOR) on an offscreen screen of a given size.

Only the two waits for a person are stood in for: the login dialog logs in ``chief`` (a
supervisor: intake, cases, dashboard, 事项查询) and the event loop, instead of waiting for the
clerk, looks at every page, switches to ``admin`` (settings, catalog) and looks again.

    python -m tests.ui.scaled_window DATA_DIR LANG
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from PySide6.QtCore import QThreadPool
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QMainWindow

from tests.ui.fit import outside
from townclerk.db.database import open_database
from townclerk.launch import Launch
from townclerk.paths import sqlite_url
from townclerk.services.demo import DEMO_PASSWORD, install_demo
from townclerk.ui import app as app_module
from townclerk.ui.context import AppContext, Session
from townclerk.ui.dialogs.login import LoginDialog
from townclerk.ui.main_window import MainWindow

WAIT_MS = 30_000


_shown: list[MainWindow] = []


def _log_in(context: AppContext, username: str) -> Session:
    actor = context.users.authenticate(username, DEMO_PASSWORD)
    desk = context.settings.windows()[0]
    return Session(actor, desk.id, desk.name)


def _login_exec(dialog: LoginDialog) -> int:
    dialog.session = _log_in(dialog._context, "chief")
    return QDialog.DialogCode.Accepted


def _show_main_window(window: QMainWindow, settings: object = None) -> None:
    assert isinstance(window, MainWindow)
    _shown.append(window)
    _real_show(window, window.window_settings)


def _wait_for_pages(window: MainWindow) -> None:
    waited = 0
    while window._missing_pages() and waited < WAIT_MS:
        QTest.qWait(50)
        waited += 50


def _look(window: MainWindow, found: dict[str, object]) -> None:
    _wait_for_pages(window)
    for key in list(window.pages):
        page = window.show_page(key)
        QTest.qWait(150)
        found[key] = {
            "outside": outside(window, page),
            "window": list(window.frameGeometry().getRect()),
        }


def _session(app: QApplication) -> int:
    [window] = _shown
    screen = window.screen().availableGeometry()
    found: dict[str, object] = {}
    report: dict[str, object] = {
        "screen": list(screen.getRect()),
        "scale": window.devicePixelRatio(),
        "maximised": window.isMaximized(),
        "pages": found,
    }
    _look(window, found)
    window._context.start_session(_log_in(window._context, "admin"))
    _look(window, found)
    print(json.dumps(report, ensure_ascii=False), flush=True)
    window.close()
    QThreadPool.globalInstance().waitForDone(WAIT_MS)
    return 0


_real_show = app_module.show_main_window


def main(data_dir: Path, lang: str) -> int:
    url = sqlite_url(data_dir)
    db = open_database(url, data_dir)
    install_demo(db)
    db.dispose()
    LoginDialog.exec = _login_exec  # type: ignore[method-assign]
    QApplication.exec = _session  # type: ignore[method-assign,assignment]
    app_module.show_main_window = _show_main_window  # type: ignore[assignment]
    return app_module.run_gui(Launch(data_dir=data_dir, url=url, lang=lang))


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]), sys.argv[2]))
