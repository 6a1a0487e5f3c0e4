"""Alt+letter whose button is disabled types nothing into the field with the focus."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from tests.keyboard import type_text
from tests.ui import test_tolerance_ui
from tests.ui.test_intake_support import Env
from tests.ui.test_tolerance_ui import window_for
from townclerk.ui.pages.intake.intake_page import IntakePage

ALT = Qt.KeyboardModifier.AltModifier
env = test_tolerance_ui.env  # the fixture


def test_a_disabled_buttons_mnemonic_leaves_the_phone_number_alone(
    qtbot: QtBot,
    env: Env,
) -> None:
    window = window_for(qtbot, env)
    page = window.show_page("intake")
    assert isinstance(page, IntakePage)
    phone = page.applicant.phone_edit
    phone.setFocus()
    QTest.keyClicks(phone, "138")
    # No item chosen yet: 不予受理 (Alt+R) and 一次性告知 (Alt+N) are disabled.
    QTest.keyClick(phone, Qt.Key.Key_R, ALT)
    QTest.keyClick(phone, Qt.Key.Key_N, ALT)
    assert phone.text() == "138"
    # Typing, Chinese included, goes on as before.
    QTest.keyClicks(phone, "12345678")
    assert phone.text() == "13812345678"
    name = page.applicant.name_edit
    type_text(name, "张伟")
    QTest.keyClick(name, Qt.Key.Key_R, ALT)
    assert name.text() == "张伟"
