"""The 村代办 page, driven from the keyboard as a village agent (and a clerk on an agent's
behalf) works it, checked against the database: a pre-registration and its 回执, a bad ID
refused with nothing written, the list with the township's answers and 待领取, 撤销, and the
trip's 交接单; the page fits a 1024×768 screen and one at 150 %."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import select, update

from tests.keyboard import type_text
from tests.ui.fit import outside
from tests.ui.writes import changed_elsewhere, wait_for_writes
from tests.villages import Township, pre_registration
from townclerk.db.database import Database
from townclerk.db.models import PreRegistration, TransferList
from townclerk.enums import PreRegistrationStatus
from townclerk.records.changes import DataArea
from townclerk.services.access import Actor
from townclerk.services.pre_registrations import PreRegistrationService
from townclerk.ui.context import AppContext, DataBus, Session
from townclerk.ui.main_window import MainWindow
from townclerk.ui.pages.village_point import papers
from townclerk.ui.pages.village_point.village_point_page import VillagePointPage

APPLICANT_ID = "320324194008122628"


@pytest.fixture
def town(db: Database) -> Township:
    town = Township(db)
    return town


@pytest.fixture
def printed(monkeypatch: pytest.MonkeyPatch) -> list[tuple[Path, str]]:
    """The papers the page showed in the print preview (the dialog itself is tested apart)."""
    shown: list[tuple[Path, str]] = []
    monkeypatch.setattr(
        papers, "preview_document", lambda _parent, path, title: shown.append((path, title))
    )
    return shown


def open_page(qtbot: QtBot, db: Database, actor: Actor) -> VillagePointPage:
    context = AppContext(db, DataBus())
    context.start_session(Session(actor, None, ""))
    page = VillagePointPage(context)
    qtbot.addWidget(page)
    page.resize(1100, 700)
    page.show()
    qtbot.waitExposed(page)
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    return page


def wait_for_print(qtbot: QtBot, page: VillagePointPage) -> None:
    qtbot.waitUntil(lambda: not page.printer.busy, timeout=10_000)


def key(
    qtbot: QtBot,
    widget: object,
    key: Qt.Key,
    modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
) -> None:
    qtbot.keyClick(widget, key, modifier)


def fill_applicant(page: VillagePointPage, id_number: str = APPLICANT_ID) -> None:
    form = page.form
    type_text(form.id_edit, id_number)
    type_text(form.name_edit, "赵桂英")
    type_text(form.phone_edit, "13812340001")
    type_text(form.address_edit, "王集村三组")


def stored(db: Database) -> list[tuple[str, str, PreRegistrationStatus, str]]:
    with db.reads() as session:
        return [
            (row.reference, row.applicant_name, row.status, row.registered_by)
            for row in session.scalars(select(PreRegistration).order_by(PreRegistration.id))
        ]


def test_an_agent_pre_registers_from_the_keyboard_and_the_receipt_prints(
    qtbot: QtBot, town: Township, printed: list[tuple[Path, str]]
) -> None:
    page = open_page(qtbot, town.db, town.agent_user)
    assert page.point_combo.currentText() == "王集村便民服务点（WJ）"
    assert not page.point_combo.isEnabled()  # an agent works for their own point only
    assert page.agent_combo.currentText() == "张代办"
    form = page.form
    page.focus_search()
    type_text(form.search.edit, "高龄")
    key(qtbot, form.search.edit, Qt.Key.Key_Return)
    assert form.item is not None and form.item.name == "高龄津贴申请"
    assert QApplication.focusWidget() is form.materials
    key(qtbot, form.materials, Qt.Key.Key_Space)  # 居民身份证
    key(qtbot, form.materials, Qt.Key.Key_Down)
    key(qtbot, form.materials, Qt.Key.Key_Space)  # 户口簿
    fill_applicant(page)
    key(qtbot, form.phone_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    wait_for_writes(qtbot, page._context)
    wait_for_print(qtbot, page)
    assert stored(town.db) == [
        ("WJ-20260929-001", "赵桂英", PreRegistrationStatus.PENDING, "agent1")
    ]
    pre = PreRegistrationService(town.db).get(town.agent_user, "WJ-20260929-001")
    assert [m.received for m in pre.materials] == [True, True, False]
    assert pre.applicant_address == "王集村三组"
    assert "已预登记 WJ-20260929-001" in page.message.text()
    [(path, title)] = printed
    assert title == "预登记回执 WJ-20260929-001" and path.exists()
    assert form.item is None and form.id_edit.text() == ""  # ready for the next resident
    assert [p.reference for p in page.list.rows] == ["WJ-20260929-001"]


def test_a_bad_id_number_is_said_and_nothing_is_written(
    qtbot: QtBot, town: Township, printed: list[tuple[Path, str]]
) -> None:
    page = open_page(qtbot, town.db, town.agent_user)
    form = page.form
    type_text(form.search.edit, "高龄")
    key(qtbot, form.search.edit, Qt.Key.Key_Return)
    form.receive_all()
    fill_applicant(page, "320324194008122620")
    key(qtbot, form.id_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    wait_for_writes(qtbot, page._context)
    assert page.message.is_error
    assert "身份证号码校验位不正确" in page.message.text()
    assert stored(town.db) == [] and printed == []
    assert form.item is not None and form.name_edit.text() == "赵桂英"  # kept to correct


def test_a_clerk_registers_on_an_agents_behalf(
    qtbot: QtBot, town: Township, printed: list[tuple[Path, str]]
) -> None:
    page = open_page(qtbot, town.db, town.clerk)
    assert page.point_combo.isEnabled() and page.point_combo.count() == 2
    page.point_combo.setCurrentIndex(page.point_combo.findData(town.liwei))
    assert page.agent_combo.currentText() == "李代办"
    form = page.form
    type_text(form.search.edit, "高龄")
    key(qtbot, form.search.edit, Qt.Key.Key_Return)
    key(qtbot, form.materials, Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)
    assert QApplication.focusWidget() is form.id_edit
    fill_applicant(page)
    form.register_button.click()
    wait_for_writes(qtbot, page._context)
    wait_for_print(qtbot, page)
    assert stored(town.db) == [
        ("LW-20260929-001", "赵桂英", PreRegistrationStatus.PENDING, "clerk1")
    ]
    assert len(printed) == 1


def test_the_list_shows_the_answers_and_makes_the_trip(
    qtbot: QtBot, town: Township, printed: list[tuple[Path, str]]
) -> None:
    service = PreRegistrationService(town.db)
    first = service.register(town.agent_user, pre_registration(town.item)).reference
    second = service.register(town.agent_user, pre_registration(town.item, name="钱德明")).reference
    answered = service.register(
        town.agent_user, pre_registration(town.item, name="孙玉兰")
    ).reference
    service.make_transfer_list(town.agent_user, town.wangji, [answered], "张代办")
    with town.db.sessions.begin() as session:
        session.execute(
            update(PreRegistration)
            .where(PreRegistration.reference == answered)
            .values(
                status=PreRegistrationStatus.ACCEPTED,
                case_number="320324101-20260929-0007",
                result_text="高龄津贴核定通知",
                result_at_point_at=town.db.now(),
            )
        )
    page = open_page(qtbot, town.db, town.agent_user)
    page.tabs.setCurrentIndex(1)
    listing = page.list
    assert [p.reference for p in listing.rows] == [answered, second, first]
    assert listing.table.item(0, 5).text() == "320324101-20260929-0007"
    assert listing.table.item(0, 7).text() == "结果已到服务点，待领取：高龄津贴核定通知"
    assert listing.summary.text() == "共 3 件；待交接 2 件；待领取 1 件"
    listing.pickup_check.click()
    assert [p.reference for p in listing.rows] == [answered]
    listing.pickup_check.click()

    # 撤销 the second: chosen in the list, the reason typed, Ctrl+Enter.
    listing.table.selectRow(1)
    key(qtbot, listing.table, Qt.Key.Key_C, Qt.KeyboardModifier.AltModifier)
    dialog = page.dialog
    assert dialog is not None
    type_text(dialog.edit, "申请人暂不办理")
    key(qtbot, dialog.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    wait_for_writes(qtbot, page._context)
    assert service.get(town.agent_user, second).status is PreRegistrationStatus.CANCELLED

    # 生成交接单 with nothing chosen: every pending one (the first), carried by 张代办.
    listing.table.clearSelection()
    assert listing.transfer_button.isEnabled()
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    key(qtbot, listing.table, Qt.Key.Key_J, Qt.KeyboardModifier.AltModifier)
    trip_dialog = page.dialog
    assert trip_dialog is not None and trip_dialog.objectName() == "transferDialog"
    assert trip_dialog.carrier_edit.text() == "张代办"
    key(qtbot, trip_dialog.carrier_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    wait_for_writes(qtbot, page._context)
    wait_for_print(qtbot, page)
    with town.db.reads() as session:
        numbers = session.scalars(select(TransferList.number).order_by(TransferList.id)).all()
    assert numbers == ["WJ-JJ-20260929-01", "WJ-JJ-20260929-02"]
    assert service.get(town.agent_user, first).status is PreRegistrationStatus.SENT
    assert printed[-1][1] == "交接单 WJ-JJ-20260929-02"
    assert not listing.transfer_button.isEnabled()  # nothing left pending


def test_an_empty_carrier_keeps_the_dialog_open(
    qtbot: QtBot, town: Township, printed: list[tuple[Path, str]]
) -> None:
    PreRegistrationService(town.db).register(town.agent_user, pre_registration(town.item))
    page = open_page(qtbot, town.db, town.agent_user)
    page.tabs.setCurrentIndex(1)
    page.list.transfer_button.click()
    dialog = page.dialog
    assert dialog is not None
    dialog.carrier_edit.clear()
    dialog.confirm_button.click()
    assert dialog.isVisible() and "请填写移交人" in dialog.error_label.text()
    dialog.reject()
    with town.db.reads() as session:
        assert session.scalars(select(TransferList)).all() == []


def test_a_change_elsewhere_reloads_the_list(qtbot: QtBot, town: Township) -> None:
    page = open_page(qtbot, town.db, town.agent_user)
    assert page.list.rows == ()
    PreRegistrationService(town.db).register(town.agent_user, pre_registration(town.item))
    changed_elsewhere(page._context, DataArea.VILLAGES)
    assert [p.reference for p in page.list.rows] == ["WJ-20260929-001"]


@pytest.mark.parametrize("size", [(1024, 698), (683, 512)], ids=["1024x768", "1024-at-150%"])
def test_the_agents_window_fits(qtbot: QtBot, town: Township, size: tuple[int, int]) -> None:
    for _ in range(3):
        PreRegistrationService(town.db).register(town.agent_user, pre_registration(town.item))
    context = AppContext(town.db, DataBus())
    context.start_session(Session(town.agent_user, None, ""))
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.resize(*size)
    window.show()
    qtbot.waitExposed(window)
    assert window.current_key() == "village_point"  # the agent's start page
    page = window.pages["village_point"]
    assert isinstance(page, VillagePointPage)
    for tab in range(page.tabs.count()):
        page.tabs.setCurrentIndex(tab)
        QApplication.processEvents()
        assert outside(window, page) == []
    assert window.width() <= size[0] and window.height() <= size[1]
