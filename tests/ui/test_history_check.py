"""The start-up check of the history's tail: logged for everyone, a warning for an admin."""

from __future__ import annotations

import logging

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import text

from tests.factories import intake_for, make_item
from townclerk.db.database import Database
from townclerk.services.access import Actor
from townclerk.services.cases import CaseService
from townclerk.ui.dialogs.history_check import check_recent_history, warn_admin


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
