"""容缺 and 补齐后受理 on screen, driven as a clerk drives them, checked against the database:
the 办结 dialog's supervisor approval, the 容缺逾期 filter, and a one-time notice's applicant
coming back (补齐后受理 → the intake pre-filled → Alt+A → Ctrl+Enter → the link)."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator
from dataclasses import replace

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt, QThreadPool
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from tests.conftest import FakeClock
from tests.factories import ID_LI, ID_ZHANG, intake_for, make_item
from tests.keyboard import type_text
from tests.people import PASSWORD
from tests.ui.approval import refuse_every_wrong_approval
from tests.ui.test_intake_support import Env, build_env
from tests.ui.writes import wait_for_writes
from townclerk.case_states import CaseAction
from townclerk.db.database import Database
from townclerk.db.models import Case, CaseMaterial
from townclerk.enums import CaseStatus, Channel, DocumentKind, MaterialState
from townclerk.formats.pdf.notices import render_document
from townclerk.records.cases import AgentInput, CaseDetail
from townclerk.services.access import Actor
from townclerk.services.cases import CaseService
from townclerk.services.settings import SettingsService
from townclerk.ui.context import Session
from townclerk.ui.main_window import MainWindow
from townclerk.ui.pages.cases.case_actions import CompleteDialog
from townclerk.ui.pages.cases.cases_page import CaseFilter, CaseListPage
from townclerk.ui.pages.intake.intake_page import IntakePage

ALT = Qt.KeyboardModifier.AltModifier
CTRL = Qt.KeyboardModifier.ControlModifier
PROMISED = dt.date(2026, 10, 9)
AFTER_PROMISE = dt.datetime(2026, 10, 13, 10, 0)


@pytest.fixture
def env(db: Database, admin: Actor, clerk: Actor, supervisor: Actor) -> Iterator[Env]:
    yield build_env(db, admin, clerk)
    QThreadPool.globalInstance().waitForDone(10_000)  # no worker may outlive the database


def focused() -> QWidget:
    widget = QApplication.focusWidget() or QApplication.activeWindow()
    assert widget is not None
    return widget


def key(key: Qt.Key, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    QTest.keyClick(focused(), key, modifiers)


def window_for(qtbot: QtBot, env: Env) -> MainWindow:
    window = MainWindow(env.context)
    qtbot.addWidget(window)
    window.resize(1366, 700)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window


def case_page(qtbot: QtBot, window: MainWindow, number: str) -> CaseListPage:
    """Ctrl+2, the number typed in the search box, the one case found and shown."""
    key(Qt.Key.Key_2, CTRL)
    page = window.pages["cases"]
    assert isinstance(page, CaseListPage)
    key(Qt.Key.Key_F, CTRL)
    type_text(focused(), number)
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        key(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.current is not None and page.current.number == number)
    return page


def tolerated_case(db: Database, clerk: Actor, env: Env) -> str:
    intake = intake_for(
        env.item, received=env.item.material_ids[:1], tolerated={env.item.material_ids[1]: PROMISED}
    )
    return CaseService(db).accept(clerk, intake).number


def status_of(db: Database, number: str) -> CaseStatus:
    with db.reads() as session:
        status = session.scalar(select(Case.status).where(Case.number == number))
    assert status is not None
    return status


def open_complete_dialog(qtbot: QtBot, page: CaseListPage) -> CompleteDialog:
    key(Qt.Key.Key_5, ALT)  # 办结 is the fifth action
    dialog = page.active_dialog
    assert isinstance(dialog, CompleteDialog) and dialog.isVisible()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def test_completing_with_tolerance_outstanding_needs_a_supervisors_password(
    qtbot: QtBot, db: Database, admin: Actor, clerk: Actor, env: Env, clock: FakeClock
) -> None:
    number = tolerated_case(db, clerk, env)
    clock.set(AFTER_PROMISE)
    window = window_for(qtbot, env)
    page = case_page(qtbot, window, number)
    owed = page.detail.value_text("tolerance")
    assert "个体工商户设立登记申请书（承诺 2026-10-09 前补交，已逾期）" in owed
    assert page.detail._values["tolerance"].isVisible()

    dialog = open_complete_dialog(qtbot, page)
    box = dialog.override_box
    assert box is not None
    assert box.owed.text() == "个体工商户设立登记申请书：承诺 2026-10-09 前补交，已逾期 4 天"
    type_text(dialog.result_edit, "营业执照")
    # No reason: the dialog says so and nothing is written.
    qtbot.mouseClick(dialog.confirm_button, Qt.MouseButton.LeftButton)
    assert dialog.error_label.text() == "请填写容缺材料未补交而先行办结的理由"
    type_text(box.reason_edit, "申请人住院，出院后补交申请书原件")
    refuse_every_wrong_approval(qtbot, env.context, dialog, box.approval, admin)
    assert status_of(db, number) is CaseStatus.ACCEPTED

    clock.advance(seconds=2)  # the delay after two wrong passwords is over
    box.approval.username_edit.clear()
    qtbot.keyClicks(box.approval.username_edit, "chief")
    qtbot.keyClicks(box.approval.password_edit, PASSWORD)
    with qtbot.waitSignal(dialog.performed, timeout=10_000):
        qtbot.mouseClick(dialog.confirm_button, Qt.MouseButton.LeftButton)
    wait_for_writes(qtbot, env.context)
    assert status_of(db, number) is CaseStatus.COMPLETED
    case = CaseService(db).get(clerk, number)
    approval = next(e for e in case.events if e.action is CaseAction.TOLERANCE_OVERRIDE)
    assert approval.note.startswith(
        "批准人：李主任（chief）；理由：申请人住院，出院后补交申请书原件"
    )


def test_a_supervisor_at_the_window_approves_without_a_password(
    qtbot: QtBot, db: Database, clerk: Actor, supervisor: Actor, env: Env
) -> None:
    number = tolerated_case(db, clerk, env)
    env.context.start_session(Session(supervisor, env.window.id, env.window.name))
    window = window_for(qtbot, env)
    page = case_page(qtbot, window, number)
    dialog = open_complete_dialog(qtbot, page)
    box = dialog.override_box
    assert box is not None
    assert box.approval.note.text() == "由您（李主任）以中心负责人身份批准。"
    assert not box.approval.password_edit.isVisibleTo(dialog)
    type_text(dialog.result_edit, "营业执照")
    type_text(box.reason_edit, "材料已在县局系统核验")
    with qtbot.waitSignal(dialog.performed, timeout=10_000):
        qtbot.mouseClick(dialog.confirm_button, Qt.MouseButton.LeftButton)
    assert status_of(db, number) is CaseStatus.COMPLETED


def test_the_tolerance_overdue_filter(
    qtbot: QtBot, db: Database, clerk: Actor, env: Env, clock: FakeClock
) -> None:
    owing = tolerated_case(db, clerk, env)
    CaseService(db).accept(clerk, intake_for(env.item, id_number=ID_LI, name="李娜"))
    clock.set(AFTER_PROMISE)
    window = window_for(qtbot, env)
    key(Qt.Key.Key_2, CTRL)
    page = window.pages["cases"]
    assert isinstance(page, CaseListPage)
    qtbot.waitUntil(lambda: not page.is_loading())
    assert page.model.rowCount() == 2
    button = page.filter_buttons[CaseFilter.TOLERANCE_OVERDUE]
    assert button.text() == "容缺逾期"
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert [row.number for row in page.model.rows()] == [owing]


def notice_with_agent(db: Database, clerk: Actor, env: Env) -> CaseDetail:
    """张伟, through the village agent 李芳, brought only his ID card: a one-time notice."""
    intake = intake_for(env.item, received=env.item.material_ids[:1])
    intake = replace(
        intake,
        agent=AgentInput("李芳", ID_LI, "13987654321"),
        channel=Channel.VILLAGE_AGENT,
    )
    return CaseService(db).notify(clerk, intake)


def test_resubmit_a_notice_from_the_case_list_with_the_keyboard(
    qtbot: QtBot, db: Database, clerk: Actor, env: Env, clock: FakeClock
) -> None:
    notice = notice_with_agent(db, clerk, env)
    clock.advance(days=2)
    window = window_for(qtbot, env)
    page = case_page(qtbot, window, notice.number)
    assert page.action_buttons[CaseAction.RESUBMIT].isEnabled()
    assert page.action_buttons[CaseAction.RESUBMIT].text() == "补齐后受理…(&0)"
    key(Qt.Key.Key_0, ALT)

    intake = window.pages["intake"]
    assert isinstance(intake, IntakePage)
    qtbot.waitUntil(lambda: window.current_key() == "intake" and intake.resubmits is not None)
    assert intake.resubmits == notice.number
    assert notice.number in intake.resubmission_label.text()
    assert intake.item_panel.item is not None and intake.item_panel.item.id == env.item.id
    applicant = intake.applicant
    assert (applicant.id_edit.text(), applicant.name_edit.text()) == (ID_ZHANG, "张伟")
    assert applicant.phone_edit.text() == "13812345678"
    assert applicant.agent_check.isChecked()
    assert (applicant.agent_name_edit.text(), applicant.agent_id_edit.text()) == ("李芳", ID_LI)
    assert applicant.channel() is Channel.VILLAGE_AGENT
    states = [row.state for row in intake.item_panel.model.rows()]
    assert states == [MaterialState.RECEIVED, MaterialState.MISSING, MaterialState.MISSING]
    assert intake.item_panel.table.hasFocus()

    key(Qt.Key.Key_A, ALT)  # the application form is brought now; the optional paper is not
    rows = intake.item_panel.model.rows
    qtbot.waitUntil(lambda: rows()[1].state is MaterialState.RECEIVED)
    assert rows()[2].state is MaterialState.MISSING
    with qtbot.waitSignal(intake.registered, timeout=10_000) as done:
        key(Qt.Key.Key_Return, CTRL)
    accepted = done.args[0]
    assert accepted.status is CaseStatus.ACCEPTED and accepted.resubmits == notice.number
    assert intake.resubmits is None and not intake.resubmission_label.isVisible()

    with db.reads() as session:
        link = session.scalar(select(Case.resubmits_case_id).where(Case.number == accepted.number))
        optional = session.scalar(
            select(CaseMaterial.state).where(
                CaseMaterial.case_id == accepted.id,
                CaseMaterial.material_id == env.item.material_ids[2],
            )
        )
    assert link == notice.id
    assert optional is MaterialState.MISSING  # an unticked optional material is stored missing
    # The receipt says so: 未收取, never 已收取.
    center = SettingsService(db).center()
    pdf = render_document(DocumentKind.RECEIPT, accepted, center)
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    text = "".join(text.split())
    assert "经营场所使用证明原件及复印件1份未收取（非必要）" in text
    assert "经营场所使用证明原件及复印件1份已收取" not in text

    # Both cases show the link; the notice's opens the new case.
    page = case_page(qtbot, window, notice.number)
    qtbot.waitUntil(lambda: accepted.number in page.detail.value_text("link"))
    assert CaseAction.RESUBMIT not in page.current.allowed_actions  # type: ignore[union-attr]
    assert not page.action_buttons[CaseAction.RESUBMIT].isEnabled()
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.detail._values["link"].linkActivated.emit(accepted.number)
    qtbot.waitUntil(lambda: page.current is not None and page.current.number == accepted.number)
    link = f'补齐一次性告知 <a href="{notice.number}">{notice.number}</a> 后受理'
    assert page.detail.value_text("link") == link


def test_a_notice_of_a_retired_item_says_so(
    qtbot: QtBot, db: Database, clerk: Actor, env: Env
) -> None:
    retired = make_item(db, code="OLD-1", name="旧事项", active=True)
    notice = CaseService(db).notify(clerk, intake_for(retired, received=()))
    from townclerk.db.models import ServiceItem

    with db.sessions.begin() as session:
        item = session.get(ServiceItem, retired.id)
        assert item is not None
        item.active = False
    window = window_for(qtbot, env)
    page = case_page(qtbot, window, notice.number)
    key(Qt.Key.Key_0, ALT)
    qtbot.waitUntil(lambda: "已从目录中撤销" in page.action_message.text())
    assert "旧事项" in page.action_message.text()
    assert window.current_key() == "cases"
