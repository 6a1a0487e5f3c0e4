"""The back office on screen: the officer's window opens on their queue (every page inside a
1024×768 screen), a decision taken by keyboard completes the case and sends it back to the
window, a denial without its reason stays in the dialog with nothing written, 退回窗口 with a
reason; and the admin's 后台窗口 settings tab. Each test checks the database."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from tests.factories import ItemRef, intake_for, make_item, resident_id
from tests.keyboard import type_text
from tests.people import add_user
from tests.ui.fit import outside
from tests.ui.writes import wait_for_writes
from townclerk.db.database import Database
from townclerk.db.models import Case, CaseHandover, Desk, DeskDepartment, DeskMember, User
from townclerk.enums import CaseStatus, Decision, Holder, Role
from townclerk.services.access import Actor
from townclerk.services.cases import CaseService
from townclerk.services.desks import DeskService
from townclerk.services.handover import HandoverService
from townclerk.ui.context import AppContext, DataBus, Session
from townclerk.ui.main_window import MainWindow
from townclerk.ui.pages.back_office.back_office_page import BackOfficePage
from townclerk.ui.pages.back_office.decide_dialog import DecideDialog
from townclerk.ui.pages.settings.settings_page import SettingsPage
from townclerk.ui.widgets.text_dialog import TextDialog

MARKET = "睢宁县市场监督管理局"


class Desked:
    def __init__(self, db: Database, admin: Actor, clerk: Actor) -> None:
        self.officer = add_user(db, admin, "scjg1", Role.BACK_OFFICE, "孙科员")
        self.item: ItemRef = make_item(db, department=MARKET)
        desks = DeskService(db)
        self.desk = desks.add(admin, "市场监管后台").id
        desks.map_department(admin, MARKET, self.desk)
        desks.add_member(admin, self.desk, "scjg1")
        cases, handover = CaseService(db), HandoverService(db)
        self.numbers = []
        for sequence in ("101", "102"):
            intake = intake_for(self.item, id_number=resident_id(sequence=sequence))
            number = cases.accept(clerk, intake).number
            handover.to_desk(clerk, number, self.desk, taken_by="孙科员")
            self.numbers.append(number)


@pytest.fixture
def desked(db: Database, admin: Actor, clerk: Actor) -> Desked:
    return Desked(db, admin, clerk)


def context_of(db: Database, actor: Actor) -> AppContext:
    context = AppContext(db, DataBus())
    context.session = Session(actor, None, "")
    return context


def queue_page(qtbot: QtBot, context: AppContext) -> BackOfficePage:
    page = BackOfficePage(context)
    qtbot.addWidget(page)
    page.resize(1000, 600)
    page.show()
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    qtbot.waitUntil(lambda: not page.is_loading() and page.model.rowCount() > 0, timeout=10_000)
    return page


def case_row(db: Database, number: str) -> tuple[object, ...]:
    with db.reads() as session:
        case = session.scalar(select(Case).where(Case.number == number))
        assert case is not None
        handovers = session.scalar(
            select(func.count()).select_from(CaseHandover).where(CaseHandover.case_id == case.id)
        )
        return (
            case.status,
            case.holder,
            case.decision,
            case.result_number,
            case.result_valid_until,
            handovers,
        )


def ctrl_enter(widget: QWidget | None) -> None:
    assert widget is not None
    QTest.keyClick(widget, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)


def test_the_officers_window_opens_on_the_queue_and_fits_a_small_screen(
    qtbot: QtBot, db: Database, desked: Desked
) -> None:
    context = context_of(db, desked.officer)
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.resize(1024, 768 - 70)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: not window._missing_pages(), timeout=10_000)
    assert window.current_key() == "back_office"
    assert set(window.pages) == {"back_office", "cases", "browse"}
    for key in list(window.pages):
        page = window.show_page(key)
        qtbot.wait(100)
        assert outside(window, page) == [], key


def test_a_decision_by_keyboard_completes_the_case_and_returns_it(
    qtbot: QtBot, db: Database, desked: Desked
) -> None:
    context = context_of(db, desked.officer)
    page = queue_page(qtbot, context)
    first, second = desked.numbers
    assert [page.model.row_at(r).number for r in range(page.model.rowCount())] == [first, second]
    assert "待审批 2 件" in page.status_label.text()
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    dialog = page.dialog
    assert isinstance(dialog, DecideDialog) and dialog.row.number == first
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.result_edit)
    type_text(dialog.result_edit, "准予登记，核发营业执照")
    qtbot.keyClick(dialog.result_edit, Qt.Key.Key_Tab)  # 不予许可的理由: off for a grant
    type_text(QApplication.focusWidget(), "92320324MA1XXXXX1")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    type_text(QApplication.focusWidget(), "2031-09-28")
    ctrl_enter(QApplication.focusWidget())
    wait_for_writes(qtbot, context)
    qtbot.waitUntil(lambda: page.dialog is None and not page.is_loading())
    assert case_row(db, first) == (
        CaseStatus.COMPLETED,
        Holder.WINDOW,
        Decision.GRANTED,
        "92320324MA1XXXXX1",
        dt.date(2031, 9, 28),
        2,
    )
    assert "已退回综合窗口待出件" in page.message.text()
    assert [page.model.row_at(r).number for r in range(page.model.rowCount())] == [second]


def test_a_denial_without_its_reason_stays_in_the_dialog(
    qtbot: QtBot, db: Database, desked: Desked
) -> None:
    context = context_of(db, desked.officer)
    page = queue_page(qtbot, context)
    first = desked.numbers[0]
    before = case_row(db, first)
    dialog = page.decide()
    assert dialog is not None
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.keyClick(dialog.result_edit, Qt.Key.Key_B, Qt.KeyboardModifier.AltModifier)
    assert dialog.denied.isChecked() and not dialog.number_edit.isEnabled()
    type_text(dialog.result_edit, "不予登记")
    ctrl_enter(dialog.result_edit)
    wait_for_writes(qtbot, context)
    assert dialog.isVisible() and "请填写不予许可的理由" in dialog.error_label.text()
    assert case_row(db, first) == before
    type_text(dialog.reason_edit, "经营场所属于禁止经营区域")
    ctrl_enter(dialog.reason_edit)
    wait_for_writes(qtbot, context)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert case_row(db, first)[:3] == (CaseStatus.COMPLETED, Holder.WINDOW, Decision.DENIED)


def test_a_bad_validity_date_is_told_and_nothing_is_written(
    qtbot: QtBot, db: Database, desked: Desked
) -> None:
    context = context_of(db, desked.officer)
    page = queue_page(qtbot, context)
    first = desked.numbers[0]
    before = case_row(db, first)
    dialog = page.decide()
    assert dialog is not None
    type_text(dialog.result_edit, "准予登记")
    type_text(dialog.valid_edit, "2031-13-40")
    ctrl_enter(dialog.valid_edit)
    assert "有效期应为 YYYY-MM-DD 格式的日期" in dialog.error_label.text()
    dialog.valid_edit.clear()
    type_text(dialog.valid_edit, "2020-01-01")
    ctrl_enter(dialog.valid_edit)
    wait_for_writes(qtbot, context)
    assert "证照有效期不能早于今天" in dialog.error_label.text() and dialog.isVisible()
    assert case_row(db, first) == before


def test_return_to_the_window_with_a_reason(qtbot: QtBot, db: Database, desked: Desked) -> None:
    context = context_of(db, desked.officer)
    page = queue_page(qtbot, context)
    first = desked.numbers[0]
    qtbot.keyClick(page, Qt.Key.Key_R, Qt.KeyboardModifier.AltModifier)
    dialog = page.dialog
    assert isinstance(dialog, TextDialog)
    ctrl_enter(dialog.edit)  # no reason: stays open
    assert dialog.isVisible() and "请说明退回窗口的原因" in dialog.error_label.text()
    assert case_row(db, first)[1] is Holder.DESK
    type_text(dialog.edit, "营业执照名称需申请人确认")
    ctrl_enter(dialog.edit)
    wait_for_writes(qtbot, context)
    qtbot.waitUntil(lambda: not page.is_loading() and page.model.rowCount() == 1)
    assert case_row(db, first)[:2] == (CaseStatus.ACCEPTED, Holder.WINDOW)
    detail = CaseService(db).get(desked.officer, first)
    assert detail.journey is not None
    assert detail.journey.handovers[-1].note == "退回窗口：营业执照名称需申请人确认"


def test_the_admin_sets_up_a_desk_in_the_settings(qtbot: QtBot, db: Database, admin: Actor) -> None:
    add_user(db, admin, "scjg1", Role.BACK_OFFICE, "孙科员")
    add_user(db, admin, "clerk1", Role.CLERK, "王晓燕")
    make_item(db, department=MARKET)
    context = context_of(db, admin)
    page = SettingsPage(context)
    qtbot.addWidget(page)
    page.resize(1000, 700)
    page.show()
    page.show_tab(page.desks)
    tab = page.desks
    assert tab is not None
    assert tab.officer_combo.count() == 1  # back-office officers only
    tab.name_edit.setFocus()
    type_text(tab.name_edit, "市场监管后台")
    qtbot.keyClick(tab.name_edit, Qt.Key.Key_Return)
    wait_for_writes(qtbot, context)
    assert "已添加后台窗口“市场监管后台”" in tab.message.text()
    assert tab.table.rowCount() == 1
    tab.table.selectRow(0)
    tab.map_button.click()
    wait_for_writes(qtbot, context)
    tab.join_button.click()
    wait_for_writes(qtbot, context)
    assert tab.table.item(0, 1).text() == MARKET and tab.table.item(0, 2).text() == "孙科员"
    with db.reads() as session:
        desk = session.scalar(select(Desk))
        assert desk is not None and desk.name == "市场监管后台"
        assert session.scalar(select(DeskDepartment.desk_id)) == desk.id
        assert session.scalar(select(func.count()).select_from(DeskMember)) == 1
    # The same name again: told in the tab, nothing added.
    tab.name_edit.clear()
    type_text(tab.name_edit, "市场监管后台")
    tab.add_button.click()
    wait_for_writes(qtbot, context)
    assert "后台窗口“市场监管后台”已存在" in tab.message.text()
    tab.table.selectRow(0)
    tab.active_button.click()
    wait_for_writes(qtbot, context)
    with db.reads() as session:
        assert session.scalar(select(func.count()).select_from(Desk)) == 1
        assert session.scalar(select(Desk.active)) is False


def test_the_users_tab_offers_the_back_office_and_village_agent_roles(
    qtbot: QtBot, db: Database, admin: Actor
) -> None:
    context = context_of(db, admin)
    page = SettingsPage(context)
    qtbot.addWidget(page)
    page.resize(1000, 700)
    page.show()
    users = page.users
    assert users is not None
    roles = [users.role_combo.itemText(i) for i in range(users.role_combo.count())]
    assert "后台审批人员" in roles and "村代办员" in roles
    type_text(users.username_edit, "scjg1")
    type_text(users.display_edit, "孙科员")
    users.role_combo.setCurrentIndex(roles.index("后台审批人员"))
    type_text(users.password_edit, "Officer2026x")
    type_text(users.repeat_edit, "Officer2026x")
    users.add_button.click()
    wait_for_writes(qtbot, context)
    with db.reads() as session:
        role = session.scalar(select(User.role).where(User.username == "scjg1"))
    assert role is Role.BACK_OFFICE
    # The new officer is offered to the desks at once.
    assert page.desks is not None and page.desks.officer_combo.findData("scjg1") >= 0
