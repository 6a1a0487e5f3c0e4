"""With ``--lang en`` the messages that come from the Qt-free core are English on screen too."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from tests.factories import ID_ZHANG
from tests.ui.test_intake_support import Env, build_env, show_intake_page
from townclerk.case_states import CaseAction
from townclerk.db.database import Database
from townclerk.enums import CaseStatus
from townclerk.i18n import current_language, set_language, t
from townclerk.services.access import Actor
from townclerk.ui import app as app_module
from townclerk.ui.pages.intake.field_status import FieldState, FieldStatus
from townclerk.ui.pages.intake.intake_page import IntakePage
from townclerk.ui.pages.registry import PAGES

WRONG_CHECK_CHARACTER = ID_ZHANG[:-1] + ("0" if ID_ZHANG[-1] != "0" else "1")


@pytest.fixture
def english_app(qapp: QApplication) -> Iterator[QApplication]:
    """The application as ``townclerk --lang en`` creates it; Chinese again afterwards."""
    locale = QLocale()
    app = app_module.create_application("en")
    yield app
    set_language("zh_CN")
    QLocale.setDefault(locale)


@pytest.fixture
def page(
    qtbot: QtBot, english_app: QApplication, db: Database, admin: Actor, clerk: Actor
) -> IntakePage:
    env: Env = build_env(db, admin, clerk)
    return show_intake_page(qtbot, env.context)


def child(page: QWidget, kind: type[QWidget], name: str) -> QWidget:
    found = page.findChild(kind, name)
    assert found is not None, name
    return found


def test_the_application_sets_the_language_of_the_core_messages(english_app: QApplication) -> None:
    assert current_language() == "en"


def test_an_invalid_id_number_is_explained_in_english(qtbot: QtBot, page: IntakePage) -> None:
    id_edit = child(page, QLineEdit, "idNumberEdit")
    status = child(page, FieldStatus, "idStatusLabel")
    assert isinstance(id_edit, QLineEdit) and isinstance(status, FieldStatus)
    id_edit.setFocus()
    qtbot.keyClicks(id_edit, WRONG_CHECK_CHARACTER)
    assert status.state is FieldState.ERROR
    assert status.message == (
        "The check character of the ID card number is wrong; "
        "please check the number for typing mistakes."
    )
    assert status.text().endswith(status.message)
    qtbot.keyClick(id_edit, Qt.Key.Key_Backspace)
    qtbot.keyClicks(id_edit, ID_ZHANG[-1])
    assert (status.state, status.message) == (FieldState.OK, "Valid")
    id_edit.clear()
    qtbot.keyClicks(id_edit, "320324900315123")  # a first-generation number, refused on leaving
    id_edit.editingFinished.emit()
    assert status.state is FieldState.ERROR
    assert status.message.startswith("15-digit first-generation ID cards have not been valid")


def test_the_screens_show_the_same_english_as_before(page: IntakePage) -> None:
    """The interface is written in Chinese now; its English is the catalogue's."""
    assert page.accept_button.text() == "Accept (Ctrl+Enter)"
    assert page.notice_button.text() == "One-time &notice"
    assert page.refuse_button.text() == "&Refuse"
    assert [spec.display_title() for spec in PAGES] == [
        "Back office",
        "Intake",
        "Cases",
        "Hand-out",
        "Village agents",
        "Dashboard",
        "Settings",
        "Catalog",
        "Items",
        "Village arrivals",
    ]
    assert t(CaseAction.ACCEPT.label) == "Acceptance"  # 受理 in a case's history
    assert t(CaseStatus.ACCEPTED.label) == "In progress"
