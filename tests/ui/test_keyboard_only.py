"""The clerk's day with the keyboard only: an intake from the search box to 受理, and every case
action from the case list, with QTest key events sent to whatever widget has the focus (no
widget is reached by reference, nothing is clicked)."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from tests.factories import ID_ZHANG, intake_for
from tests.keyboard import type_text
from tests.ui.test_intake_support import Env, build_env
from townclerk.case_states import TRANSITIONS, CaseAction
from townclerk.db.database import Database
from townclerk.enums import CaseStatus, DocumentKind, MaterialState
from townclerk.services.access import Actor
from townclerk.services.cases import CaseService
from townclerk.ui.context import Session
from townclerk.ui.main_window import MainWindow
from townclerk.ui.pages.cases import cases_page as case_list
from townclerk.ui.pages.cases.cases_page import CaseListPage
from townclerk.ui.pages.intake.intake_page import IntakePage
from townclerk.ui.pages.intake.material_checklist import COL_TOLERATED

CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier


def focused() -> QWidget:
    """The widget with the keyboard focus, else the active window (keys go there)."""
    widget = QApplication.focusWidget() or QApplication.activeWindow()
    assert widget is not None
    return widget


def key(key: Qt.Key, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    QTest.keyClick(focused(), key, modifiers)


def typed(text: str) -> None:
    type_text(focused(), text)


def window_for(qtbot: QtBot, env: Env, actor: Actor) -> MainWindow:
    env.context.start_session(Session(actor, env.window.id, env.window.name))
    window = MainWindow(env.context)
    qtbot.addWidget(window)
    window.resize(1366, 700)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window


def test_no_keystroke_is_lost_right_after_alt_a(
    qtbot: QtBot, db: Database, admin: Actor, clerk: Actor
) -> None:
    """Alt+A used to click 100 ms later with the focus on the button: what was typed in
    between (the start of the ID number) was lost."""
    env = build_env(db, admin, clerk)
    window = window_for(qtbot, env, clerk)
    page = window.pages["intake"]
    assert isinstance(page, IntakePage)
    page.focus_search()
    typed("gtgs")
    key(Qt.Key.Key_Return)
    assert page.item_panel.table.hasFocus()
    key(Qt.Key.Key_A, ALT)
    typed(ID_ZHANG)  # at once: no event loop turn in between
    assert page.applicant.id_edit.text() == ID_ZHANG
    # Alt+A ticks the required materials; the optional one is ticked only when handed in.
    assert [row.state for row in page.item_panel.model.rows()] == [
        MaterialState.RECEIVED,
        MaterialState.RECEIVED,
        MaterialState.MISSING,
    ]


def test_tab_leaves_the_materials_table_and_t_tolerates(
    qtbot: QtBot, db: Database, admin: Actor, clerk: Actor
) -> None:
    env = build_env(db, admin, clerk)
    window = window_for(qtbot, env, clerk)
    page = window.pages["intake"]
    assert isinstance(page, IntakePage)
    page.focus_search()
    typed("gtgs")
    key(Qt.Key.Key_Return)
    table = page.item_panel.table
    model = page.item_panel.model
    assert table.hasFocus()
    key(Qt.Key.Key_Down)
    key(Qt.Key.Key_T)  # row 2 (申请书) allows 容缺
    assert model.rows()[1].state is MaterialState.TOLERATED
    assert (
        model.index(1, COL_TOLERATED).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    )
    key(Qt.Key.Key_Up)
    key(Qt.Key.Key_T)  # row 1 (身份证) does not: nothing changes
    assert model.rows()[0].state is MaterialState.MISSING
    key(Qt.Key.Key_Space)
    assert model.rows()[0].state is MaterialState.RECEIVED
    key(Qt.Key.Key_Tab)
    assert not table.hasFocus() and not table.isAncestorOf(focused())


def test_a_whole_intake_with_the_keyboard_only(
    qtbot: QtBot, db: Database, admin: Actor, clerk: Actor
) -> None:
    env = build_env(db, admin, clerk)
    window = window_for(qtbot, env, clerk)
    page = window.pages["intake"]
    assert isinstance(page, IntakePage)
    key(Qt.Key.Key_F, CTRL)
    typed("gtgs")
    key(Qt.Key.Key_Return)
    key(Qt.Key.Key_A, ALT)
    typed(ID_ZHANG)
    assert focused() is page.applicant.id_edit
    key(Qt.Key.Key_Tab)
    assert focused() is page.applicant.name_edit
    typed("张伟")
    while focused() is not page.applicant.phone_edit:
        key(Qt.Key.Key_Tab)
    typed("13812345678")
    with qtbot.waitSignal(page.registered, timeout=10_000) as done:
        key(Qt.Key.Key_Return, CTRL)
    case = done.args[0]
    assert case.status is CaseStatus.ACCEPTED
    assert focused() is page.search.edit  # ready for the next resident


def test_every_case_action_with_the_keyboard_only(
    qtbot: QtBot, db: Database, admin: Actor, clerk: Actor, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl+2 to the case list, the number, ↓ into the list, Enter to the actions, Alt+digit
    for each action, its text typed, Ctrl+Enter: 补正 … 好差评 and 补交 on one case."""
    env = build_env(db, admin, clerk)
    previewed: list[str] = []
    monkeypatch.setattr(
        case_list, "preview_document", lambda _parent, _path, title: previewed.append(title)
    )
    service = CaseService(db)
    tolerated = {env.item.material_ids[1]: dt.date(2026, 10, 16)}
    number = service.accept(
        clerk, intake_for(env.item, received=env.item.material_ids[:1], tolerated=tolerated)
    ).number
    window = window_for(qtbot, env, clerk)
    key(Qt.Key.Key_2, CTRL)
    page = window.pages["cases"]
    assert isinstance(page, CaseListPage)
    key(Qt.Key.Key_F, CTRL)
    typed(number)
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        key(Qt.Key.Key_Return)
    assert page.model.rowCount() == 1
    key(Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: page.current is not None and page.current.number == number)
    key(Qt.Key.Key_Return)
    assert focused() in page.action_buttons.values()
    digits = {action: position for position, action in enumerate(TRANSITIONS, start=1)}
    texts = {CaseAction.COMPLETE: "营业执照"}
    for action in (
        CaseAction.SUPPLY_MATERIAL,
        CaseAction.START_CORRECTION,
        CaseAction.END_CORRECTION,
        CaseAction.START_SPECIAL,
        CaseAction.END_SPECIAL,
        CaseAction.COMPLETE,
        CaseAction.DELIVER,
        CaseAction.EVALUATE,
    ):
        assert page.action_buttons[action].isEnabled(), action
        key(getattr(Qt.Key, f"Key_{digits[action]}"), ALT)
        dialog = page.active_dialog
        assert dialog is not None and dialog.isVisible()
        dialog.activateWindow()
        qtbot.waitUntil(dialog.isActiveWindow)
        if action is CaseAction.EVALUATE:
            key(Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)
            while not focused().objectName().startswith("evaluation_"):
                key(Qt.Key.Key_Tab)
            key(Qt.Key.Key_Space)
        elif focused().metaObject().className() == "QListWidget":  # 补正: the materials
            key(Qt.Key.Key_Space)
        elif focused().metaObject().className() == "QComboBox":  # 特别程序: the procedure
            key(Qt.Key.Key_Down)
        elif focused().metaObject().className() in ("QPlainTextEdit", "QLineEdit"):
            typed(texts.get(action, "经办人说明"))
        with qtbot.waitSignal(page._actions.performed, timeout=10_000):
            key(Qt.Key.Key_Return, CTRL)
        qtbot.waitUntil(lambda d=dialog: not d.isVisible())
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        qtbot.waitUntil(lambda: page.current is not None and not page._detail_loading)
        if action is CaseAction.START_CORRECTION:
            # The 补正材料通知书 is printed with one key: its button has the focus.
            assert focused() is page.print_buttons[DocumentKind.CORRECTION_NOTICE]
            with qtbot.waitSignal(page.printed, timeout=20_000):
                key(Qt.Key.Key_Space)
            qtbot.waitUntil(lambda: not page._writes.is_running())
    assert previewed == [f"补正材料通知书 {number}"]
    final = service.get(clerk, number)
    assert final.status is CaseStatus.DELIVERED and final.evaluation is not None
    # 撤回 on a second case: Esc first (nothing happens), then for real.
    second = service.accept(clerk, intake_for(env.item, id_number=ID_ZHANG)).number
    key(Qt.Key.Key_F, CTRL)
    typed(second)
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        key(Qt.Key.Key_Return)
    key(Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: page.current is not None and page.current.number == second)
    for confirm in (False, True):
        key(getattr(Qt.Key, f"Key_{digits[CaseAction.WITHDRAW]}"), ALT)
        dialog = page.active_dialog
        assert dialog is not None and dialog.isVisible()
        dialog.activateWindow()
        qtbot.waitUntil(dialog.isActiveWindow)
        typed("申请人书面撤回")
        if confirm:
            with qtbot.waitSignal(page._actions.performed, timeout=10_000):
                key(Qt.Key.Key_Return, CTRL)
        else:
            key(Qt.Key.Key_Escape)
            assert not dialog.isVisible()
            assert service.get(clerk, second).status is CaseStatus.ACCEPTED
            window.activateWindow()
            qtbot.waitUntil(window.isActiveWindow)
    assert service.get(clerk, second).status is CaseStatus.WITHDRAWN
