"""The start-up check of the history's tail: logged for everyone, a warning for an admin."""

from __future__ import annotations

import logging
import threading
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import text

from tests.factories import intake_for, make_item
from tests.ui.start_window import start_window
from townclerk.db.database import Database
from townclerk.records.history import ChainReport
from townclerk.services.access import Actor
from townclerk.services.cases import CaseService
from townclerk.services.users import UserService
from townclerk.ui.context import AppContext, Session
from townclerk.ui.dialogs import history_check
from townclerk.ui.dialogs.history_check import check_recent_history, warn_admin
from townclerk.ui.main_window import MainWindow


def tamper(db: Database) -> None:
    with db.engine.begin() as connection:
        connection.execute(text("DROP TRIGGER case_events_no_update"))
        connection.execute(text("UPDATE case_events SET user_id = 1 WHERE chain_pos = 1"))


def test_an_intact_history_says_nothing(
    qtbot: QtBot, db: Database, admin: Actor, clerk: Actor, caplog: pytest.LogCaptureFixture
) -> None:
    CaseService(db).accept(clerk, intake_for(make_item(db)))
    report = check_recent_history(db)
    assert report.ok
    assert warn_admin(report, admin, None) is None
    assert "history chain broken" not in caplog.text


def test_a_broken_tail_is_logged_and_shown_to_an_admin_only(
    qtbot: QtBot, db: Database, admin: Actor, clerk: Actor, caplog: pytest.LogCaptureFixture
) -> None:
    CaseService(db).accept(clerk, intake_for(make_item(db)))
    tamper(db)
    with caplog.at_level(logging.ERROR, logger="townclerk.ui"):
        report = check_recent_history(db)
    assert not report.ok
    assert "history chain broken: case_events position 1 case_id=1 seq=1" in caplog.text

    assert warn_admin(report, clerk, None) is None
    box = warn_admin(report, admin, None)
    assert box is not None
    qtbot.addWidget(box)
    assert box.isVisible()
    assert "case_events" in box.text() and "case_id=1 seq=1" in box.text()
    assert "townclerk audit verify" in box.text()
    box.close()


def test_the_start_checks_the_tail_beside_the_login_and_warns_the_admin_after_it(
    qtbot: QtBot,
    db: Database,
    admin: Actor,
    clerk: Actor,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The check reads the history on a thread of its own (the login dialog does not wait for
    it); what it finds is shown to the admin who logs in, as before. The users are read once."""
    CaseService(db).accept(clerk, intake_for(make_item(db)))
    tamper(db)
    checked_on: list[str] = []
    verify = history_check.verify_recent_tail

    def verify_on_a_thread(database: Database) -> ChainReport:
        checked_on.append(threading.current_thread().name)
        return verify(database)

    monkeypatch.setattr(history_check, "verify_recent_tail", verify_on_a_thread)
    user_reads: list[int] = []
    has_users = UserService.has_users
    monkeypatch.setattr(
        UserService, "has_users", lambda self: user_reads.append(1) or has_users(self)
    )

    shown: list[str] = []

    def look(window: MainWindow, _context: AppContext) -> None:
        box = window.findChild(QMessageBox, "historyWarning")
        shown.append(box.text() if box is not None and box.isVisible() else "")

    assert start_window(monkeypatch, db, tmp_path, Session(admin, None, ""), look) == 0
    assert checked_on == ["history-check"]
    assert len(shown) == 1 and "case_id=1 seq=1" in shown[0]
    assert user_reads == [1]
