"""Starting the window as ``townclerk`` does (``ui.app.run_gui``), with the login dialog and
Qt's event loop stood in for, so a test can look at the window the start-up built."""

from __future__ import annotations

import gc
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QApplication, QDialog

from townclerk.db.database import Database
from townclerk.launch import Launch
from townclerk.paths import sqlite_url
from townclerk.ui import app as app_module
from townclerk.ui.context import AppContext, Session
from townclerk.ui.dialogs.login import LoginDialog
from townclerk.ui.main_window import MainWindow


def start_window(
    monkeypatch: pytest.MonkeyPatch,
    db: Database,
    folder: Path,
    session: Session,
    while_open: Callable[[MainWindow, AppContext], object],
) -> int:
    """``run_gui`` on ``db``, ``session`` logging in at the login dialog; ``while_open`` gets
    the main window and its context where the event loop would run, then the window closes.
    Returns run_gui's exit code. What the start-up froze for the garbage collector is unfrozen
    afterwards, so the rest of the tests in this process collect as usual."""
    monkeypatch.setattr(Launch, "database", lambda self, migrate=True: db)
    built: list[tuple[MainWindow, AppContext]] = []

    class BuiltWindow(MainWindow):
        def __init__(self, context: AppContext) -> None:
            super().__init__(context)
            built.append((self, context))

    def logged_in(dialog: LoginDialog) -> int:
        dialog.session = session
        return QDialog.DialogCode.Accepted

    def event_loop(app: QApplication) -> int:
        [(window, context)] = built
        while_open(window, context)
        window.close()
        QThreadPool.globalInstance().waitForDone(10_000)
        return 0

    monkeypatch.setattr(LoginDialog, "exec", logged_in)
    monkeypatch.setattr(QApplication, "exec", event_loop)
    monkeypatch.setattr(app_module, "MainWindow", BuiltWindow)
    try:
        return app_module.run_gui(Launch(data_dir=folder, url=sqlite_url(folder), lang="en"))
    finally:
        gc.unfreeze()
