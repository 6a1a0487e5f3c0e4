"""The whole journey of a village application on two databases, a village laptop's and the
township's, driven through the screens a clerk, an agent and an officer use:

1. the village agent pre-registers a resident on the 村代办 page (applicant typed, item searched,
   papers ticked by keyboard, Ctrl+Enter), makes the 交接单 there and exports the exchange file
   in the 交换文件（U盘） dialog;
2. the township's clerk imports it in the same dialog (and once more: refused, nothing
   changed), signs the 交接单 in on the 村代办接件 page, opens the entry (Enter: the intake
   pre-filled) and accepts it with Ctrl+Enter;
3. the clerk hands the case to its department's desk in the case list's 移交后台 dialog; the
   officer decides 准予 on the 后台审批 page's dialog and the case is back at the window, in
   the 出件 page's 待出件 list;
4. the clerk makes the 返还清单 on the 返还 tab (the result leaves 待出件), exports the
   answers, the village imports them and the 村代办 page's 待领取 filter shows the result
   waiting for the resident.

Only the setting up is written through services (users, keys, the item on both sides, the
desk); the print previews and the file dialogs are answered by the test, and the officer's
decision reaches the clerk's window as the live update from another PC would
(``changed_elsewhere``). Each step is checked against the databases.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QThreadPool
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from tests.conftest import FakeClock
from tests.exchange_rows import POINT_CODE, Pair, footprint, link, pre_registration
from tests.factories import ItemRef, make_item, resident_id
from tests.keyboard import type_text
from tests.people import add_user
from tests.ui.test_exchange_ui import choose_file
from tests.ui.test_settings_page import click
from tests.ui.writes import changed_elsewhere, wait_for_writes
from townclerk.db.database import Database, open_database
from townclerk.db.models import Case, CaseHandover, TransferList
from townclerk.enums import (
    CaseStatus,
    Channel,
    Decision,
    Holder,
    MaterialState,
    PreRegistrationStatus,
    Role,
    TransferDirection,
)
from townclerk.paths import DATABASE_FILE, sqlite_url
from townclerk.records.changes import DataArea
from townclerk.records.villages import VillageAgentInput
from townclerk.services.access import Actor
from townclerk.services.cases import CaseService
from townclerk.services.desks import DeskService
from townclerk.services.settings import SettingsService
from townclerk.services.villages import VillageService
from townclerk.ui.context import AppContext, DataBus, Session
from townclerk.ui.dialogs import exchange as exchange_dialog
from townclerk.ui.dialogs.exchange import ExchangeDialog
from townclerk.ui.main_window import MainWindow
from townclerk.ui.pages.back_office.back_office_page import BackOfficePage
from townclerk.ui.pages.back_office.decide_dialog import DecideDialog
from townclerk.ui.pages.cases import cases_page as case_list
from townclerk.ui.pages.cases.cases_page import CaseListPage
from townclerk.ui.pages.cases.handover_dialog import HandoverDialog
from townclerk.ui.pages.dispatch.dispatch_page import DispatchPage
from townclerk.ui.pages.intake.intake_page import IntakePage
from townclerk.ui.pages.registry import PAGES
from townclerk.ui.pages.village_arrivals import returns_tab
from townclerk.ui.pages.village_arrivals.village_arrivals_page import VillageArrivalsPage
from townclerk.ui.pages.village_point import papers
from townclerk.ui.pages.village_point.transfer_dialog import TransferDialog
from townclerk.ui.pages.village_point.village_point_page import VillagePointPage

WAIT_MS = 10_000
CIVIL_AFFAIRS = "睢宁县民政局"
ITEM_CODE = "320324-MZ-001"
MATERIALS = (
    ("居民身份证", True, False),
    ("户口簿", True, False),
    ("授权委托书", False, False),
)
APPLICANT_ID = "320324194008122628"
AGENT = "王代办"
AGENT_ID = resident_id(birth="19800506", sequence="315")
CLERK_PAGES = [
    spec for spec in PAGES if spec.key in ("intake", "village_arrivals", "cases", "dispatch")
]


class Journey:
    """Both sides set up as an admin leaves them: the village laptop with its agent who logs
    in, the township with the same point and agent, a window, the clerk, the 民政 desk and its
    officer; the 低保 item in both catalogs (its 授权委托书 is what a 代办 must bring)."""

    def __init__(self, pair: Pair) -> None:
        self.pair = pair
        village, township = pair.village, pair.township
        self.agent = add_user(village, pair.village_admin, "wangdb", Role.VILLAGE_AGENT, AGENT)
        VillageService(village).add_agent(
            pair.village_admin,
            pair.village_point,
            VillageAgentInput(AGENT, "13905160001", AGENT_ID, None, username="wangdb"),
        )
        VillageService(township).add_agent(
            pair.township_admin,
            pair.township_point,
            VillageAgentInput(AGENT, "13905160001", AGENT_ID, None),
        )
        for db in (village, township):
            self.item: ItemRef = make_item(
                db,
                code=ITEM_CODE,
                name="城乡居民最低生活保障申请",
                department=CIVIL_AFFAIRS,
                materials=MATERIALS,
            )
        admin = pair.township_admin
        self.clerk = add_user(township, admin, "clerk1", Role.CLERK, "王晓燕")
        self.officer = add_user(township, admin, "mzhb1", Role.BACK_OFFICE, "孙科员")
        self.window = SettingsService(township).add_window(admin, "综合窗口一")
        desks = DeskService(township)
        self.desk = desks.add(admin, "民政后台").id
        desks.map_department(admin, CIVIL_AFFAIRS, self.desk)
        desks.add_member(admin, self.desk, "mzhb1")


@pytest.fixture
def village_db(tmp_path: Path, clock: FakeClock, migrated_template: Path) -> Iterator[Database]:
    folder = tmp_path / "village"
    folder.mkdir()
    shutil.copyfile(migrated_template, folder / DATABASE_FILE)
    database = open_database(sqlite_url(folder), folder, clock=clock)
    yield database
    database.dispose()


@pytest.fixture
def journey(db: Database, village_db: Database, tmp_path: Path) -> Iterator[Journey]:
    yield Journey(link(db, village_db, tmp_path))
    QThreadPool.globalInstance().waitForDone(WAIT_MS)  # no worker may outlive the databases


@pytest.fixture
def previews(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The titles of the papers shown in the print preview (the preview is tested apart)."""
    titles: list[str] = []
    for module in (papers, case_list, returns_tab):
        monkeypatch.setattr(
            module, "preview_document", lambda _parent, _path, title: titles.append(title)
        )
    return titles


def context_of(db: Database, actor: Actor, session: Session | None = None) -> AppContext:
    context = AppContext(db, DataBus())
    context.start_session(session or Session(actor, None, ""))
    return context


def shown(qtbot: QtBot, widget: object) -> None:
    qtbot.addWidget(widget)
    widget.show()  # type: ignore[attr-defined]
    qtbot.waitExposed(widget)
    widget.activateWindow()  # type: ignore[attr-defined]
    qtbot.waitUntil(widget.isActiveWindow, timeout=WAIT_MS)  # type: ignore[attr-defined]


def ctrl_enter(qtbot: QtBot, widget: object) -> None:
    qtbot.keyClick(widget, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)


def exchange(
    qtbot: QtBot,
    context: AppContext,
    monkeypatch: pytest.MonkeyPatch,
    which: str,
    path: Path,
) -> ExchangeDialog:
    """The 交换文件 dialog with ``path`` chosen for an export or an import, done."""
    dialog = ExchangeDialog(context)
    qtbot.addWidget(dialog)
    dialog.show()
    if which == "export":
        choose_file(monkeypatch, exchange_dialog, "getSaveFileName", path)
        click(qtbot, dialog.export_button)
    else:
        choose_file(monkeypatch, exchange_dialog, "getOpenFileName", path)
        click(qtbot, dialog.import_button)
    wait_for_writes(qtbot, context)
    return dialog


def case_row(db: Database, number: str) -> Case:
    with db.reads() as session:
        case = session.scalar(select(Case).where(Case.number == number))
        assert case is not None
        session.expunge(case)
        return case


def test_a_village_application_goes_to_the_township_the_desk_and_back(
    qtbot: QtBot,
    journey: Journey,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    previews: list[str],
) -> None:
    pair = journey.pair
    usb = tmp_path / "usb"
    usb.mkdir()

    # 1. The village laptop: the agent pre-registers the resident and makes the 交接单.
    village = context_of(pair.village, journey.agent)
    point_page = VillagePointPage(village)
    point_page.resize(1024, 698)
    shown(qtbot, point_page)
    assert point_page.agent_combo.currentText() == AGENT
    form = point_page.form
    point_page.focus_search()
    type_text(form.search.edit, "最低生活保障")
    qtbot.keyClick(form.search.edit, Qt.Key.Key_Return)
    assert form.item is not None and form.item.code == ITEM_CODE
    assert QApplication.focusWidget() is form.materials
    for row in range(len(MATERIALS)):
        if row:
            qtbot.keyClick(form.materials, Qt.Key.Key_Down)
        qtbot.keyClick(form.materials, Qt.Key.Key_Space)
    type_text(form.id_edit, APPLICANT_ID)
    type_text(form.name_edit, "赵桂英")
    type_text(form.phone_edit, "13812340001")
    type_text(form.address_edit, "王庄村三组")
    ctrl_enter(qtbot, form.address_edit)
    wait_for_writes(qtbot, village)
    qtbot.waitUntil(lambda: not point_page.printer.busy, timeout=WAIT_MS)
    [registered] = point_page.list.rows
    reference = registered.reference
    assert reference == f"{POINT_CODE}-20260929-001"
    assert [m.received for m in registered.materials] == [True, True, True]
    assert previews == [f"预登记回执 {reference}"]

    point_page.tabs.setCurrentIndex(1)
    point_page.list.table.clearSelection()
    qtbot.keyClick(point_page.list.table, Qt.Key.Key_J, Qt.KeyboardModifier.AltModifier)
    trip_dialog = point_page.dialog
    assert isinstance(trip_dialog, TransferDialog)
    ctrl_enter(qtbot, trip_dialog.carrier_edit)  # 王代办 carries it, as offered
    wait_for_writes(qtbot, village)
    qtbot.waitUntil(lambda: not point_page.printer.busy, timeout=WAIT_MS)
    assert pre_registration(pair.village, reference).status is PreRegistrationStatus.SENT
    assert previews[-1] == f"交接单 {POINT_CODE}-JJ-20260929-01"

    to_township = usb / "for-township.zip"
    sent = exchange(qtbot, village, monkeypatch, "export", usb / "for-township")
    assert sent.message.text() == "✓ 交换文件已导出。"
    assert to_township.is_file()

    # 2. The township: the file imported (twice: the second changes nothing), the entry
    # ticked in and accepted from the intake it opens.
    clerk = context_of(
        pair.township, journey.clerk, Session(journey.clerk, journey.window.id, "综合窗口一")
    )
    imported = exchange(qtbot, clerk, monkeypatch, "import", to_township)
    assert imported.message.text() == "✓ 交换文件已导入。"
    assert "预登记新增1条" in imported.summary_label.text()
    before = footprint(pair.township)
    click(qtbot, imported.import_button)
    wait_for_writes(qtbot, clerk)
    assert imported.message.text() == "✓ 此交换文件已导入过，未作任何更改"
    assert footprint(pair.township) == before

    window = MainWindow(clerk, pages=CLERK_PAGES)
    window.resize(1024, 698)
    shown(qtbot, window)
    arrivals_page = window.show_page("village_arrivals")
    assert isinstance(arrivals_page, VillageArrivalsPage)
    settle(qtbot, arrivals_page)
    arrivals = arrivals_page.arrivals
    assert arrivals.lists.rowCount() == 1 and arrivals.entries.rowCount() == 1
    arrivals.entries.setFocus()
    qtbot.keyClick(arrivals.entries, Qt.Key.Key_S, Qt.KeyboardModifier.AltModifier)  # 签收
    wait_for_writes(qtbot, clerk)
    settle(qtbot, arrivals_page)
    arrivals.entries.setFocus()
    arrivals.entries.selectRow(0)
    qtbot.keyClick(arrivals.entries, Qt.Key.Key_Return)
    intake = window.pages["intake"]
    assert isinstance(intake, IntakePage)
    qtbot.waitUntil(lambda: intake.pre_registration == reference, timeout=WAIT_MS)
    assert intake.applicant.channel() is Channel.VILLAGE_AGENT
    assert intake.applicant.agent_id_edit.text() == AGENT_ID
    assert intake.accept_button.isEnabled()
    with qtbot.waitSignal(intake.registered, timeout=WAIT_MS) as accepted:
        ctrl_enter(qtbot, QApplication.focusWidget())
    number = accepted.args[0].number
    case = case_row(pair.township, number)
    assert (case.channel, case.village_point_id, case.holder) == (
        Channel.VILLAGE_AGENT,
        pair.township_point,
        Holder.WINDOW,
    )
    arrived = pre_registration(pair.township, reference)
    assert (arrived.status, arrived.case_number) == (PreRegistrationStatus.ACCEPTED, number)
    detail = CaseService(pair.township).get(journey.clerk, number)
    assert {m.name: m.state for m in detail.materials}["授权委托书"] is MaterialState.RECEIVED

    # 3. To the 民政 desk from the case list; the officer grants it; back at the window.
    cases_page = window.show_page("cases")
    assert isinstance(cases_page, CaseListPage)
    qtbot.waitUntil(lambda: not cases_page.is_loading(), timeout=WAIT_MS)
    assert cases_page.select_number(number)
    qtbot.waitUntil(
        lambda: (
            cases_page.current is not None
            and cases_page.current.number == number
            and not cases_page.is_loading()
        ),
        timeout=WAIT_MS,
    )
    qtbot.keyClick(cases_page.table, Qt.Key.Key_B, Qt.KeyboardModifier.AltModifier)
    handover = cases_page.active_dialog
    assert isinstance(handover, HandoverDialog)
    assert (handover.desk_combo.currentText(), handover.taker_edit.text()) == ("民政后台", "孙科员")
    handover.activateWindow()
    qtbot.waitUntil(handover.isActiveWindow, timeout=WAIT_MS)
    with qtbot.waitSignal(cases_page.printed, timeout=WAIT_MS):
        ctrl_enter(qtbot, handover.note_edit)
    wait_for_writes(qtbot, clerk)
    assert case_row(pair.township, number).holder is Holder.DESK

    officer = context_of(pair.township, journey.officer)
    queue = BackOfficePage(officer)
    queue.resize(1000, 600)
    shown(qtbot, queue)
    qtbot.waitUntil(lambda: not queue.is_loading() and queue.model.rowCount() == 1, timeout=WAIT_MS)
    queue.table.setFocus()
    qtbot.keyClick(queue.table, Qt.Key.Key_Return)
    decide = queue.dialog
    assert isinstance(decide, DecideDialog) and decide.row.number == number
    assert decide.granted.isChecked()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is decide.result_edit, timeout=WAIT_MS)
    type_text(decide.result_edit, "准予享受最低生活保障")
    ctrl_enter(qtbot, decide.result_edit)
    wait_for_writes(qtbot, officer)
    qtbot.waitUntil(lambda: queue.dialog is None, timeout=WAIT_MS)
    decided = case_row(pair.township, number)
    assert (decided.status, decided.holder, decided.decision) == (
        CaseStatus.COMPLETED,
        Holder.WINDOW,
        Decision.GRANTED,
    )
    with pair.township.reads() as session:
        moves = session.execute(
            select(CaseHandover.from_holder, CaseHandover.to_holder)
            .where(CaseHandover.case_id == decided.id)
            .order_by(CaseHandover.id)
        ).all()
    assert [tuple(move) for move in moves] == [
        (Holder.WINDOW, Holder.DESK),
        (Holder.DESK, Holder.WINDOW),
    ]
    history = [e.note for e in CaseService(pair.township).get(journey.clerk, number).events]
    assert any(note.startswith("综合窗口 → 民政后台") for note in history), history
    assert any(note.startswith("民政后台 → 综合窗口") for note in history), history

    # 4. The result waits at the window's 出件 page until it goes back to the village on a
    # 返还清单; the answers go by exchange file.
    changed_elsewhere(clerk, DataArea.CASES)  # the live update from the officer's PC
    dispatch = window.show_page("dispatch")
    assert isinstance(dispatch, DispatchPage)
    qtbot.waitUntil(
        lambda: [row.number for row in dispatch.deliver_model.rows()] == [number],
        timeout=WAIT_MS,
    )
    window.show_page("village_arrivals")
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=WAIT_MS)
    qtbot.keyClick(arrivals_page.tabs, Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)
    returns = arrivals_page.returns
    qtbot.waitUntil(lambda: arrivals_page.tabs.currentWidget() is returns, timeout=WAIT_MS)
    settle(qtbot, arrivals_page)
    assert returns.ready_table.rowCount() == 1
    assert returns.ready_table.item(0, 1).text() == number  # type: ignore[union-attr]
    returns.ready_table.setFocus()
    returns.ready_table.setCurrentCell(0, 0)
    qtbot.keyClick(returns.ready_table, Qt.Key.Key_Space)
    qtbot.keyClick(returns, Qt.Key.Key_C, Qt.KeyboardModifier.AltModifier)
    carrier = QApplication.focusWidget()
    assert carrier is returns.carrier_edit
    type_text(carrier, AGENT)
    assert returns.carrier_edit.text() == AGENT
    qtbot.keyClick(returns.carrier_edit, Qt.Key.Key_P, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: previews[-1].startswith("返还清单 "), timeout=WAIT_MS)
    wait_for_writes(qtbot, clerk)
    assert case_row(pair.township, number).holder is Holder.VILLAGE
    answered = pre_registration(pair.township, reference)
    assert answered.decision is Decision.GRANTED
    assert answered.result_at_point_at is not None
    with pair.township.reads() as session:
        back = session.scalars(
            select(TransferList).where(TransferList.direction == TransferDirection.TO_VILLAGE)
        ).one()
        assert back.carrier == AGENT

    qtbot.waitUntil(
        lambda: not dispatch.is_loading() and dispatch.deliver_model.rowCount() == 0,
        timeout=WAIT_MS,
    )  # out of the window's hands

    answers = exchange(qtbot, clerk, monkeypatch, "export", usb / "for-village")
    assert answers.message.text() == "✓ 交换文件已导出。"
    at_village = exchange(qtbot, village, monkeypatch, "import", usb / "for-village.zip")
    assert at_village.message.text() == "✓ 交换文件已导入。"
    home = pre_registration(pair.village, reference)
    assert (home.status, home.case_number) == (PreRegistrationStatus.ACCEPTED, number)
    assert home.result_at_point_at is not None and home.picked_up_at is None

    listing = point_page.list
    qtbot.waitUntil(
        lambda: bool(listing.rows) and listing.rows[0].case_number == number, timeout=WAIT_MS
    )
    listing.pickup_check.setFocus()
    qtbot.keyClick(listing.pickup_check, Qt.Key.Key_Space)
    qtbot.waitUntil(listing.awaiting_pickup, timeout=WAIT_MS)
    assert [row.reference for row in listing.rows] == [reference]
    assert listing.table.item(0, 7).text() == "结果已到服务点，待领取：准予享受最低生活保障"  # type: ignore[union-attr]
    with pair.village.reads() as session:
        assert session.scalar(select(func.count()).select_from(Case)) == 0  # cases: township's


def settle(qtbot: QtBot, page: VillageArrivalsPage) -> None:
    qtbot.waitUntil(lambda: not page.is_loading(), timeout=WAIT_MS)
    qtbot.wait(10)
    qtbot.waitUntil(lambda: not page.is_loading(), timeout=WAIT_MS)
