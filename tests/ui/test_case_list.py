"""The case list page, driven as a clerk drives it, checked against the database."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, QModelIndex, Qt, QThreadPool, QUrl
from PySide6.QtGui import QTextCursor
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from tests.conftest import FakeClock
from tests.factories import ID_LI, ID_ZHANG, ItemRef, intake_for, make_item, resident_id
from tests.keyboard import type_text
from tests.ui.writes import changed_elsewhere, wait_for_writes
from townclerk.case_states import CaseAction
from townclerk.db.database import Database
from townclerk.enums import (
    CaseStatus,
    Decision,
    DeliveryMethod,
    DocumentKind,
    Evaluation,
    MaterialState,
    PauseKind,
    SpecialProcedure,
)
from townclerk.errors import NotFound
from townclerk.records.cases import (
    WARNING_RED,
    WARNING_YELLOW,
    CaseDetail,
    CaseQuery,
    CaseRow,
)
from townclerk.records.changes import DataArea
from townclerk.services.access import Actor
from townclerk.services.cases import CaseService
from townclerk.services.settings import SettingsService
from townclerk.ui import style
from townclerk.ui.context import AppContext, DataBus, Session
from townclerk.ui.pages.cases import cases_page as case_list
from townclerk.ui.pages.cases.case_actions import (
    CaseActionDialog,
    CompleteDialog,
    CorrectionDialog,
    DeliverDialog,
    EvaluateDialog,
    ReasonDialog,
    SpecialDialog,
    SupplyMaterialDialog,
)
from townclerk.ui.pages.cases.case_table import (
    COL_APPLICANT,
    COL_DUE,
    COL_NUMBER,
    WARNING_BACKGROUNDS,
    CaseNumberRole,
    CaseRowRole,
    CaseTableModel,
    WarningRole,
)
from townclerk.ui.pages.cases.cases_page import CaseFilter, CaseListPage

# The offscreen platform reports every top-level window's size hints as unsupported.

ROOT = Path(__file__).resolve().parents[2]
TUESDAY = dt.datetime(2026, 9, 29, 9, 30)


@pytest.fixture
def item(db: Database) -> ItemRef:
    return make_item(db)


@pytest.fixture
def window_id(db: Database, admin: Actor) -> int:
    return SettingsService(db).add_window(admin, "综合窗口一").id


def make_context(db: Database, actor: Actor, window_id: int | None = None) -> AppContext:
    context = AppContext(db, DataBus())
    context.session = Session(actor, window_id, "综合窗口一" if window_id else "")
    return context


@pytest.fixture
def context(qtbot: QtBot, db: Database, clerk: Actor, window_id: int) -> Iterator[AppContext]:
    yield make_context(db, clerk, window_id)
    QThreadPool.globalInstance().waitForDone(10_000)  # no worker may outlive the database


def open_page(qtbot: QtBot, context: AppContext) -> CaseListPage:
    page = CaseListPage(context)
    qtbot.addWidget(page)
    page.resize(1400, 800)
    page.show()
    settle(qtbot, page)
    return page


def settle(qtbot: QtBot, page: CaseListPage) -> None:
    """Wait until the rows asked for have arrived from the worker thread."""
    qtbot.waitUntil(lambda: not page.is_loading(), timeout=10_000)


def numbers(page: CaseListPage) -> list[str]:
    return [row.number for row in page.model.rows()]


def accept(
    db: Database, actor: Actor, item: ItemRef, sequence: str = "123", **fields: object
) -> str:
    intake = intake_for(item, id_number=resident_id(sequence=sequence), **fields)  # type: ignore[arg-type]
    return CaseService(db).accept(actor, intake).number


def select(qtbot: QtBot, page: CaseListPage, number: str) -> None:
    """Choose the case in the list and wait for its detail, read on a worker thread."""
    assert page.select_number(number), f"{number} is not listed"
    settle(qtbot, page)
    assert page.current is not None and page.current.number == number


def visible_actions(page: CaseListPage) -> set[CaseAction]:
    """The actions the clerk may start now (the others stay in place, disabled)."""
    return {
        action
        for action, button in page.action_buttons.items()
        if button.isVisibleTo(page) and button.isEnabled()
    }


def run_action(qtbot: QtBot, page: CaseListPage, action: CaseAction) -> CaseActionDialog:
    qtbot.mouseClick(page.action_buttons[action], Qt.MouseButton.LeftButton)
    dialog = page.active_dialog
    assert dialog is not None and dialog.isVisible()
    return dialog


def confirm(
    qtbot: QtBot, context: AppContext, page: CaseListPage, dialog: CaseActionDialog
) -> None:
    """Confirm the action and wait for its write, then for the list and case it reloads."""
    qtbot.mouseClick(dialog.confirm_button, Qt.MouseButton.LeftButton)
    wait_for_writes(qtbot, context)
    settle(qtbot, page)


def status_of(db: Database, actor: Actor, number: str) -> CaseStatus:
    return CaseService(db).get(actor, number).status


# --- the list --------------------------------------------------------------------------------
def test_lists_newest_first_with_id_numbers_masked(
    qtbot: QtBot, db: Database, clerk: Actor, item: ItemRef, context: AppContext
) -> None:
    first = CaseService(db).accept(clerk, intake_for(item, id_number=ID_ZHANG)).number
    second = CaseService(db).accept(clerk, intake_for(item, id_number=ID_LI, name="李娜")).number
    page = open_page(qtbot, context)
    assert numbers(page) == [second, first]
    applicant = page.model.index(1, COL_APPLICANT, QModelIndex()).data()
    assert applicant == "张伟 320324********1238"
    for row in range(page.model.rowCount()):
        for column in range(page.model.columnCount()):
            text = str(page.model.index(row, column, QModelIndex()).data())
            assert ID_ZHANG not in text and ID_LI not in text
    assert page.table.objectName() == "caseTable"
    assert page.status_label.text() == "共 2 件"


def test_table_model_passes_the_model_tester(
    qtbot: QtBot, qtmodeltester: object, db: Database, clerk: Actor, item: ItemRef
) -> None:
    for sequence in ("101", "102", "103"):
        accept(db, clerk, item, sequence)
    rows = CaseService(db).list_cases(clerk, CaseQuery())
    model = CaseTableModel()
    model.set_rows(rows[:1], has_more=True)
    # Answer "more" at once, as the page does once its worker is back.

    def one_more(before_id: int) -> None:
        older = [row for row in rows if row.id < before_id]
        model.append_rows(older[:1], has_more=len(older) > 1)

    model.more_requested.connect(one_more)
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    model.set_rows(rows, has_more=False)
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    index = model.index(0, COL_NUMBER, QModelIndex())
    assert isinstance(index.data(CaseRowRole), CaseRow)
    assert index.data(CaseNumberRole) == rows[0].number
    assert index.data(WarningRole) is None


def test_older_cases_load_as_the_clerk_scrolls(
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    db: Database,
    clerk: Actor,
    item: ItemRef,
    context: AppContext,
) -> None:
    monkeypatch.setattr(case_list, "PAGE_SIZE", 10)
    created = [accept(db, clerk, item, f"{index:03d}") for index in range(25)]
    newest_first = created[::-1]
    page = CaseListPage(context)
    qtbot.addWidget(page)
    page.table.setFixedHeight(180)  # room for about five rows: the first page fills it
    page.show()
    settle(qtbot, page)
    assert numbers(page) == newest_first[:10]
    assert page.model.canFetchMore(QModelIndex())
    assert "向下滚动加载更多" in page.status_label.text()
    for expected in (20, 25):
        page.table.scrollToBottom()
        qtbot.waitUntil(lambda expected=expected: page.model.rowCount() == expected, timeout=10_000)
        settle(qtbot, page)
    assert numbers(page) == newest_first
    assert not page.model.canFetchMore(QModelIndex())
    assert page.status_label.text() == "共 25 件"


def test_filters_pick_the_right_cases(
    qtbot: QtBot,
    db: Database,
    clock: FakeClock,
    clerk: Actor,
    supervisor: Actor,
    item: ItemRef,
    context: AppContext,
) -> None:
    cases = CaseService(db)
    short = make_item(db, code="320324-MZ-002", name="临时救助", promised_days=2)
    clock.set(dt.datetime(2026, 9, 14, 10, 0))
    overdue = accept(db, clerk, item, "201")  # due 2026-09-19
    clock.set(dt.datetime(2026, 9, 28, 10, 0))
    due_soon = accept(db, supervisor, short, "202")  # due 2026-09-30, another clerk's
    clock.set(TUESDAY)
    running = accept(db, clerk, item, "203")  # due 2026-10-12
    done = accept(db, clerk, item, "204")
    cases.complete(clerk, done, Decision.GRANTED, "营业执照")

    page = open_page(qtbot, context)
    expected = {
        CaseFilter.ALL: [done, running, due_soon, overdue],
        CaseFilter.TODAY: [done, running],
        CaseFilter.MINE: [done, running, overdue],
        CaseFilter.OPEN: [running, due_soon, overdue],
        CaseFilter.DUE_SOON: [due_soon],
        CaseFilter.OVERDUE: [overdue],
    }
    for case_filter, wanted in expected.items():
        qtbot.mouseClick(page.filter_buttons[case_filter], Qt.MouseButton.LeftButton)
        settle(qtbot, page)
        assert page.current_filter() is case_filter
        assert numbers(page) == wanted, case_filter

    qtbot.mouseClick(page.filter_buttons[CaseFilter.ALL], Qt.MouseButton.LeftButton)
    settle(qtbot, page)
    warnings = {row.number: row.warning for row in page.model.rows()}
    assert warnings == {done: None, running: None, due_soon: WARNING_YELLOW, overdue: WARNING_RED}
    for row, case in enumerate(page.model.rows()):
        brush = page.model.index(row, COL_DUE, QModelIndex()).data(Qt.ItemDataRole.BackgroundRole)
        if case.warning is None:
            assert brush is None
        else:
            assert brush.color() == WARNING_BACKGROUNDS[case.warning]


def test_colours_follow_the_clock_and_the_warning_setting(
    qtbot: QtBot,
    db: Database,
    clock: FakeClock,
    admin: Actor,
    clerk: Actor,
    item: ItemRef,
    context: AppContext,
) -> None:
    number = accept(db, clerk, item)  # accepted Tue 2026-09-29, due Mon 2026-10-12
    page = open_page(qtbot, context)

    def warning() -> str | None:
        return page.model.index(0, COL_DUE, QModelIndex()).data(WarningRole)

    assert page.model.index(0, COL_DUE, QModelIndex()).data() == "2026-10-12"
    assert warning() is None
    clock.set(dt.datetime(2026, 10, 9, 9, 0))  # Fri; Sat 10-10 is a make-up working day
    page.reload()
    settle(qtbot, page)
    assert warning() == WARNING_YELLOW
    clock.set(dt.datetime(2026, 10, 8, 9, 0))
    page.reload()
    settle(qtbot, page)
    assert warning() is None  # 10-09, 10-10: two working days before 10-12
    # A longer warning period, announced by the settings page, repaints the list by itself.
    center = SettingsService(db).center()
    SettingsService(db).update_center(admin, replace(center, warning_days=5))
    changed_elsewhere(context, DataArea.SETTINGS)
    settle(qtbot, page)
    assert warning() == WARNING_YELLOW
    clock.set(dt.datetime(2026, 10, 13, 9, 0))
    changed_elsewhere(context, DataArea.CASES)
    settle(qtbot, page)
    assert warning() == WARNING_RED
    assert page.model.index(0, COL_DUE, QModelIndex()).data(Qt.ItemDataRole.ToolTipRole)
    assert number in numbers(page)


def test_search_by_part_of_phone_id_number_name_or_case_number(
    qtbot: QtBot, db: Database, clerk: Actor, item: ItemRef, context: AppContext
) -> None:
    zhang = accept(db, clerk, item, "111", name="张伟", phone="13812345678")
    li = (
        CaseService(db)
        .accept(clerk, intake_for(item, id_number=ID_LI, name="李娜", phone="13955556666"))
        .number
    )
    wang = accept(db, clerk, item, "333", name="王芳", phone="13700001111")
    page = open_page(qtbot, context)
    edit = page.search_edit
    assert edit.objectName() == "caseSearchEdit"

    def search(text: str, wanted: list[str], *, chinese: bool = False) -> None:
        edit.clear()
        if chinese:
            type_text(edit, text)
        else:
            qtbot.keyClicks(edit, text)
        qtbot.waitUntil(lambda: numbers(page) == wanted and not page.is_loading(), timeout=10_000)

    search("5556", [li])  # part of a phone number
    search("19851120", [li])  # part of an ID number (the birth date)
    search("1380", [])  # nothing starts or contains that
    search("李", [li], chinese=True)
    search(zhang.split("-", 1)[1], [zhang])  # the number without the center code
    edit.clear()
    qtbot.keyClicks(edit, "0001111")
    edit.returnPressed.emit()  # Enter searches at once
    settle(qtbot, page)
    assert numbers(page) == [wang]
    assert page.status_label.text() == "共 1 件"
    search("x", [wang, li])  # a lower-case x finds the ID numbers ending in X
    search("zz", [])
    assert page.status_label.text() == "没有符合条件的办件"


# --- the chosen case ---------------------------------------------------------------------------
def test_the_chosen_case_is_read_off_the_ui_thread_and_the_last_choice_wins(
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    db: Database,
    clerk: Actor,
    item: ItemRef,
    context: AppContext,
) -> None:
    first = accept(db, clerk, item, "401")
    second = accept(db, clerk, item, "402")
    page = open_page(qtbot, context)
    select(qtbot, page, first)
    release = threading.Event()
    readers: list[threading.Thread] = []
    original = context.cases.get

    def held_get(actor: Actor, number: str) -> CaseDetail:
        readers.append(threading.current_thread())
        assert release.wait(10)
        return original(actor, number)

    monkeypatch.setattr(context.cases, "get", held_get)
    assert page.select_number(second)
    assert page.is_loading()
    # The pane keeps the case it shows until the next arrives; its actions and prints wait.
    assert page.current is not None and page.current.number == first
    assert page.start_action(CaseAction.WITHDRAW) is None and page.active_dialog is None
    page.print_document(DocumentKind.RECEIPT)
    assert page.action_message.text() == ""
    assert page.select_number(first)  # changed their mind before the second case arrived
    release.set()
    settle(qtbot, page)
    assert page.current is not None and page.current.number == first
    assert page.detail.title.text().startswith(first)
    assert len(readers) == 2 and threading.main_thread() not in readers
    assert page.start_action(CaseAction.WITHDRAW) is not None


def test_up_and_down_show_each_case_in_turn(
    qtbot: QtBot, db: Database, clerk: Actor, item: ItemRef, context: AppContext
) -> None:
    older = accept(db, clerk, item, "411", name="王五")
    newer = accept(db, clerk, item, "412", name="赵六")
    page = open_page(qtbot, context)
    select(qtbot, page, newer)
    page.table.setFocus()
    QTest.keyClick(page.table, Qt.Key.Key_Down)
    settle(qtbot, page)
    assert page.current is not None and page.current.number == older
    assert page.detail.value_text("applicant").startswith("王五")
    QTest.keyClick(page.table, Qt.Key.Key_Up)
    settle(qtbot, page)
    assert page.current is not None and page.current.number == newer
    assert page.detail.value_text("applicant").startswith("赵六")


def test_a_case_gone_before_it_was_read_says_so(
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    db: Database,
    clerk: Actor,
    item: ItemRef,
    context: AppContext,
) -> None:
    number = accept(db, clerk, item)
    page = open_page(qtbot, context)
    gone = NotFound(f"办件 {number} 不存在")

    def removed_meanwhile(actor: Actor, wanted: str) -> CaseDetail:
        raise gone  # e.g. a backup was restored at another window

    monkeypatch.setattr(context.cases, "get", removed_meanwhile)
    assert page.select_number(number)
    settle(qtbot, page)
    assert page.current is None
    assert page.detail.empty.isVisibleTo(page)
    assert page.status_label.text() == str(gone)
    assert visible_actions(page) == set()


# --- actions ---------------------------------------------------------------------------------
def test_complete_then_deliver_then_evaluate(
    qtbot: QtBot, db: Database, clerk: Actor, item: ItemRef, context: AppContext
) -> None:
    number = accept(db, clerk, item)
    page = open_page(qtbot, context)
    select(qtbot, page, number)
    assert page.detail.value_text("id_number").endswith(resident_id())  # the clerk sees it all
    assert visible_actions(page) == {
        CaseAction.START_CORRECTION,
        CaseAction.START_SPECIAL,
        CaseAction.COMPLETE,
        CaseAction.WITHDRAW,
        CaseAction.EXTEND,
    }

    dialog = run_action(qtbot, page, CaseAction.COMPLETE)
    assert isinstance(dialog, CompleteDialog)
    qtbot.mouseClick(dialog.confirm_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.error_label.text() == "请填写办理结果"
    assert status_of(db, clerk, number) is CaseStatus.ACCEPTED
    type_text(dialog.result_edit, "营业执照")
    confirm(qtbot, context, page, dialog)
    assert page.active_dialog is None  # closed (and deleted)
    detail = CaseService(db).get(clerk, number)
    assert detail.status is CaseStatus.COMPLETED
    assert (detail.decision, detail.result_text, detail.on_time) == (
        Decision.GRANTED,
        "营业执照",
        True,
    )
    assert visible_actions(page) == {CaseAction.DELIVER, CaseAction.EVALUATE}
    assert page.detail.value_text("outcome").startswith("准予：营业执照")

    dialog = run_action(qtbot, page, CaseAction.DELIVER)
    assert isinstance(dialog, DeliverDialog)
    assert dialog.method_buttons[DeliveryMethod.DIRECT].isChecked()  # the usual way
    dialog.method_buttons[DeliveryMethod.AGENT].click()
    type_text(dialog.reason_edit, "王集村代办员赵红转交")
    confirm(qtbot, context, page, dialog)
    detail = CaseService(db).get(clerk, number)
    assert detail.status is CaseStatus.DELIVERED and detail.delivered_at is not None
    assert detail.delivery_method is DeliveryMethod.AGENT
    assert detail.events[-1].note == "代办员转交：王集村代办员赵红转交"
    assert page.detail.value_text("delivered").endswith("代办员转交")
    assert visible_actions(page) == {CaseAction.EVALUATE}
    # The 送达回证 to sign is one key away.
    assert "请打印送达回证交申请人。" in page.action_message.text()
    assert page.focusWidget() is page.print_buttons[DocumentKind.SERVICE_RECEIPT]

    dialog = run_action(qtbot, page, CaseAction.EVALUATE)
    assert isinstance(dialog, EvaluateDialog)
    qtbot.mouseClick(dialog.confirm_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()  # no evaluation chosen yet
    dialog.evaluation_buttons[Evaluation.SATISFIED].click()
    confirm(qtbot, context, page, dialog)
    assert CaseService(db).get(clerk, number).evaluation is Evaluation.SATISFIED
    assert visible_actions(page) == set()
    assert page.current is not None and page.current.evaluation is Evaluation.SATISFIED


def test_a_denial_needs_its_reason(
    qtbot: QtBot, db: Database, clerk: Actor, context: AppContext
) -> None:
    item = make_item(db, legal_basis="《个体工商户条例》第八条")
    number = accept(db, clerk, item)
    page = open_page(qtbot, context)
    select(qtbot, page, number)
    dialog = run_action(qtbot, page, CaseAction.COMPLETE)
    assert isinstance(dialog, CompleteDialog)
    assert not dialog.reason_edit.isVisibleTo(dialog)  # asked for a denial only
    dialog.decision_buttons[Decision.DENIED].click()
    assert dialog.reason_edit.isVisibleTo(dialog) and dialog.basis_edit.isVisibleTo(dialog)
    assert dialog.result_edit.text() == "不予行政许可决定书"
    # The legal basis starts from the item's 设定依据; the clerk may add to it.
    assert dialog.basis_edit.toPlainText() == "《个体工商户条例》第八条"
    qtbot.mouseClick(dialog.confirm_button, Qt.MouseButton.LeftButton)
    assert dialog.error_label.text() == "不予许可须写明理由，理由将印在不予行政许可决定书上"
    assert status_of(db, clerk, number) is CaseStatus.ACCEPTED
    type_text(dialog.reason_edit, "经营场所不符合要求")
    dialog.basis_edit.moveCursor(QTextCursor.MoveOperation.End)
    type_text(dialog.basis_edit, "；《个体工商户登记管理办法》第十条")
    confirm(qtbot, context, page, dialog)
    detail = CaseService(db).get(clerk, number)
    assert detail.decision is Decision.DENIED
    assert detail.reason == "经营场所不符合要求"
    assert detail.legal_basis == "《个体工商户条例》第八条；《个体工商户登记管理办法》第十条"
    assert detail.events[-1].note == "不予：不予行政许可决定书；经营场所不符合要求"
    # What it prints is the 不予行政许可决定书, not a 办结通知书.
    assert page.print_buttons[DocumentKind.DENIAL].isVisibleTo(page)
    assert not page.print_buttons[DocumentKind.COMPLETION].isVisibleTo(page)


def test_an_empty_reason_is_refused_and_changes_nothing(
    qtbot: QtBot,
    db: Database,
    clerk: Actor,
    item: ItemRef,
    context: AppContext,
) -> None:
    number = accept(db, clerk, item)
    events_before = len(CaseService(db).get(clerk, number).events)
    page = open_page(qtbot, context)
    select(qtbot, page, number)
    dialog = run_action(qtbot, page, CaseAction.WITHDRAW)
    assert isinstance(dialog, ReasonDialog)
    type_text(dialog.reason_edit, "   ")
    qtbot.mouseClick(dialog.confirm_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert dialog.error_label.isVisibleTo(dialog)
    assert dialog.error_label.text().startswith("请填写：")
    detail = CaseService(db).get(clerk, number)
    assert detail.status is CaseStatus.ACCEPTED
    assert len(detail.events) == events_before
    qtbot.mouseClick(
        dialog.buttons.button(dialog.buttons.StandardButton.Cancel), Qt.MouseButton.LeftButton
    )
    assert page.active_dialog is None
    assert status_of(db, clerk, number) is CaseStatus.ACCEPTED


def test_withdraw_records_the_reason(
    qtbot: QtBot, db: Database, clerk: Actor, item: ItemRef, context: AppContext
) -> None:
    number = accept(db, clerk, item)
    page = open_page(qtbot, context)
    select(qtbot, page, number)
    dialog = run_action(qtbot, page, CaseAction.WITHDRAW)
    assert isinstance(dialog, ReasonDialog)
    type_text(dialog.reason_edit, "申请人主动撤回")
    confirm(qtbot, context, page, dialog)
    detail = CaseService(db).get(clerk, number)
    assert detail.status is CaseStatus.WITHDRAWN
    assert detail.reason == "申请人主动撤回"
    assert page.detail.value_text("reason") == "申请人主动撤回"
    assert visible_actions(page) == set()
    assert "已记录“撤回”" in page.action_message.text()


def test_correction_stops_the_clock_and_moves_the_due_date(
    qtbot: QtBot,
    db: Database,
    clock: FakeClock,
    clerk: Actor,
    item: ItemRef,
    context: AppContext,
) -> None:
    number = accept(db, clerk, item)  # Tue 2026-09-29, 5 working days: due Mon 2026-10-12
    page = open_page(qtbot, context)
    select(qtbot, page, number)
    dialog = run_action(qtbot, page, CaseAction.START_CORRECTION)
    type_text(dialog.reason_edit, "补充经营场所租赁合同")  # type: ignore[attr-defined]
    confirm(qtbot, context, page, dialog)
    assert status_of(db, clerk, number) is CaseStatus.CORRECTION
    assert visible_actions(page) == {
        CaseAction.END_CORRECTION,
        CaseAction.WITHDRAW,
        CaseAction.EXTEND,
    }
    assert page.detail.pauses.rowCount() == 1

    clock.set(dt.datetime(2026, 10, 9, 15, 0))  # three working days later (09-30, 10-08, 10-09)
    dialog = run_action(qtbot, page, CaseAction.END_CORRECTION)
    confirm(qtbot, context, page, dialog)
    detail = CaseService(db).get(clerk, number)
    assert detail.status is CaseStatus.ACCEPTED
    # The clock runs again after 10-09: Sat 10-10 (make-up day), 10-12, 10-13, 10-14, 10-15.
    assert detail.due_date == dt.date(2026, 10, 15)
    assert detail.pauses[0].ended_on == dt.date(2026, 10, 9)
    assert "2026-10-15" in page.action_message.text()
    assert page.detail.value_text("due") == "2026-10-15"
    row = page.model.row_of_number(number)
    assert row is not None
    assert page.model.index(row, COL_DUE, QModelIndex()).data() == "2026-10-15"


def test_the_correction_dialog_lists_the_cases_materials_and_the_date_to_correct_by(
    qtbot: QtBot, db: Database, clerk: Actor, context: AppContext
) -> None:
    item = make_item(db)
    number = accept(db, clerk, item)
    page = open_page(qtbot, context)
    select(qtbot, page, number)
    dialog = run_action(qtbot, page, CaseAction.START_CORRECTION)
    assert isinstance(dialog, CorrectionDialog)
    names = [dialog.material_list.item(row).text() for row in range(dialog.material_list.count())]
    assert names == [m.name for m in CaseService(db).get(clerk, number).materials]
    # Five working days on by default: 09-30, 10-08, 10-09, Sat 10-10 (make-up day), 10-12.
    assert dialog.until() == dt.date(2026, 10, 12)
    dialog.until_edit.setDate(QDate(2026, 10, 16))
    qtbot.keyClick(dialog.material_list, Qt.Key.Key_Down)
    qtbot.keyClick(dialog.material_list, Qt.Key.Key_Space)  # ticks the second material
    dialog.reason_picker.setCurrentIndex(1)
    confirm(qtbot, context, page, dialog)
    stored = CaseService(db).get(clerk, number)
    assert stored.status is CaseStatus.CORRECTION
    pause = stored.last_pause(PauseKind.CORRECTION)
    assert pause is not None and pause.expected_end == dt.date(2026, 10, 16)
    assert pause.reason == f"{names[1]}（原件及复印件，1份）\n申请材料不齐全"
    assert page.detail.pauses.item(0, 3).text() == "2026-10-16"
    assert "请打印补正材料通知书交申请人。" in page.action_message.text()
    notice = page.print_buttons[DocumentKind.CORRECTION_NOTICE]
    assert page.focusWidget() is notice and notice.text() == "打印补正材料通知书"


def test_a_correction_with_nothing_to_correct_or_a_past_date_is_refused(
    qtbot: QtBot, db: Database, clerk: Actor, item: ItemRef, context: AppContext
) -> None:
    number = accept(db, clerk, item)
    events_before = len(CaseService(db).get(clerk, number).events)
    page = open_page(qtbot, context)
    select(qtbot, page, number)
    dialog = run_action(qtbot, page, CaseAction.START_CORRECTION)
    assert isinstance(dialog, CorrectionDialog)
    type_text(dialog.reason_edit, "   ")
    qtbot.mouseClick(dialog.confirm_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert dialog.error_label.text() == "请勾选需补正的材料，或填写需补正的内容"
    type_text(dialog.reason_edit, "缺少户口簿")
    dialog.until_edit.setDate(QDate(2026, 9, 28))
    qtbot.mouseClick(dialog.confirm_button, Qt.MouseButton.LeftButton)
    wait_for_writes(qtbot, context)
    assert dialog.isVisible() and dialog.error_label.text() == "补正期限不能早于今天"
    detail = CaseService(db).get(clerk, number)
    assert detail.status is CaseStatus.ACCEPTED and detail.pauses == ()
    assert len(detail.events) == events_before


def test_a_special_procedure_must_be_chosen(
    qtbot: QtBot, db: Database, clerk: Actor, item: ItemRef, context: AppContext
) -> None:
    number = accept(db, clerk, item)
    page = open_page(qtbot, context)
    select(qtbot, page, number)
    dialog = run_action(qtbot, page, CaseAction.START_SPECIAL)
    assert isinstance(dialog, SpecialDialog)
    qtbot.mouseClick(dialog.confirm_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.error_label.text() == "请选择特别程序的种类"
    assert status_of(db, clerk, number) is CaseStatus.ACCEPTED


def test_special_procedure_and_a_tolerated_material(
    qtbot: QtBot, db: Database, clock: FakeClock, clerk: Actor, context: AppContext
) -> None:
    item = make_item(db)
    promised = dt.date(2026, 10, 16)
    intake = intake_for(
        item, received=item.material_ids[:1], tolerated={item.material_ids[1]: promised}
    )
    number = CaseService(db).accept(clerk, intake).number
    page = open_page(qtbot, context)
    select(qtbot, page, number)
    assert CaseAction.SUPPLY_MATERIAL in visible_actions(page)
    assert page.detail.materials.item(1, 4).text() == "容缺（2026-10-16 前补交）"
    # The optional material left missing is no gap: not red.
    assert page.detail.materials.item(2, 4).foreground().color() == style.MUTED

    dialog = run_action(qtbot, page, CaseAction.SUPPLY_MATERIAL)
    assert isinstance(dialog, SupplyMaterialDialog)
    # Only the tolerated material is owed: the optional one left missing is not listed.
    assert dialog.material_combo.count() == 1
    assert dialog.material_id() == item.material_ids[1]
    confirm(qtbot, context, page, dialog)
    states = {m.material_id: m.state for m in CaseService(db).get(clerk, number).materials}
    assert states[item.material_ids[1]] is MaterialState.RECEIVED
    assert states[item.material_ids[2]] is MaterialState.MISSING
    # Nothing tolerated is outstanding any more: the action stays in its place, disabled.
    assert CaseAction.SUPPLY_MATERIAL not in visible_actions(page)
    assert page.action_buttons[CaseAction.SUPPLY_MATERIAL].isVisible()

    dialog = run_action(qtbot, page, CaseAction.START_SPECIAL)
    assert isinstance(dialog, SpecialDialog)
    dialog.procedure_combo.setCurrentIndex(
        dialog.procedure_combo.findData(SpecialProcedure.PUBLICITY.value)
    )
    dialog.days_spin.setValue(7)
    type_text(dialog.reason_edit, "低保对象须在村务公开栏公示")
    confirm(qtbot, context, page, dialog)
    assert status_of(db, clerk, number) is CaseStatus.SPECIAL
    pause = CaseService(db).get(clerk, number).last_pause(PauseKind.SPECIAL)
    assert pause is not None
    assert (pause.procedure, pause.expected_days, pause.expected_end) == (
        SpecialProcedure.PUBLICITY,
        7,
        dt.date(2026, 10, 14),  # from 09-29: 09-30, 10-08, 10-09, 10-10, 10-12 … 10-14
    )
    assert page.focusWidget() is page.print_buttons[DocumentKind.SPECIAL_NOTICE]
    clock.advance(days=1)
    dialog = run_action(qtbot, page, CaseAction.END_SPECIAL)
    confirm(qtbot, context, page, dialog)
    assert status_of(db, clerk, number) is CaseStatus.ACCEPTED
    assert [e.action for e in CaseService(db).get(clerk, number).events][-2:] == [
        CaseAction.START_SPECIAL,
        CaseAction.END_SPECIAL,
    ]


def test_the_dialog_stays_open_until_its_write_has_reported(
    qtbot: QtBot,
    db: Database,
    clerk: Actor,
    item: ItemRef,
    context: AppContext,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    number = accept(db, clerk, item)
    page = open_page(qtbot, context)
    select(qtbot, page, number)
    release = threading.Event()
    perform = context.cases.perform

    def held(actor: Actor, number: str, action: CaseAction, text: str) -> CaseDetail:
        assert release.wait(10)
        return perform(actor, number, action, text)

    monkeypatch.setattr(context.cases, "perform", held)
    dialog = run_action(qtbot, page, CaseAction.WITHDRAW)
    type_text(dialog.reason_edit, "申请人主动撤回")  # type: ignore[attr-defined]
    qtbot.mouseClick(dialog.confirm_button, Qt.MouseButton.LeftButton)
    assert dialog.is_writing() and not dialog.confirm_button.isEnabled()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.isVisible()  # the clerk sees how the write ends
    release.set()
    wait_for_writes(qtbot, context)
    settle(qtbot, page)
    assert page.active_dialog is None
    assert status_of(db, clerk, number) is CaseStatus.WITHDRAWN


def test_a_case_moved_on_elsewhere_shows_the_refusal_in_the_dialog(
    qtbot: QtBot, db: Database, clerk: Actor, item: ItemRef, context: AppContext
) -> None:
    number = accept(db, clerk, item)
    page = open_page(qtbot, context)
    select(qtbot, page, number)
    dialog = run_action(qtbot, page, CaseAction.COMPLETE)
    assert isinstance(dialog, CompleteDialog)
    CaseService(db).withdraw(clerk, number, "另一窗口已办理撤回")  # meanwhile, at another window
    type_text(dialog.result_edit, "营业执照")
    qtbot.mouseClick(dialog.confirm_button, Qt.MouseButton.LeftButton)
    wait_for_writes(qtbot, context)
    assert dialog.isVisible() and dialog.confirm_button.isEnabled()
    assert dialog.error_label.text() == "办件当前状态为“已撤回”，不能办结"
    assert status_of(db, clerk, number) is CaseStatus.WITHDRAWN


def test_an_admin_may_look_but_not_act(
    qtbot: QtBot, db: Database, admin: Actor, clerk: Actor, item: ItemRef
) -> None:
    number = accept(db, clerk, item)
    page = open_page(qtbot, make_context(db, admin))
    select(qtbot, page, number)
    assert visible_actions(page) == set()
    assert page.start_action(CaseAction.COMPLETE) is None
    assert page.active_dialog is None
    assert page.detail.value_text("id_number").endswith("320324********1238")
    assert page.detail.value_text("phone") == "138****5678"
    QThreadPool.globalInstance().waitForDone(10_000)


def test_print_and_reprint_the_receipt(
    qtbot: QtBot,
    db: Database,
    clerk: Actor,
    item: ItemRef,
    context: AppContext,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    previewed: list[tuple[Path, str]] = []
    monkeypatch.setattr(
        case_list, "preview_document", lambda _parent, path, title: previewed.append((path, title))
    )
    number = accept(db, clerk, item)
    page = open_page(qtbot, context)
    select(qtbot, page, number)
    button = page.print_buttons[DocumentKind.RECEIPT]
    assert button.isVisibleTo(page)
    assert not page.print_buttons[DocumentKind.COMPLETION].isVisibleTo(page)
    assert button.text() == "打印受理通知书"
    with qtbot.waitSignal(page.printed, timeout=20_000) as printed:
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    path = printed.args[0]
    assert path.is_file() and path.read_bytes().startswith(b"%PDF")
    # The message links to the archived file (a regression guard: the link once lost its <a>).
    assert f'<a href="{QUrl.fromLocalFile(str(path)).toString()}">' in page.action_message.text()
    settle(qtbot, page)
    assert button.text() == "补打受理通知书"
    with qtbot.waitSignal(page.printed, timeout=20_000) as reprinted:
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert reprinted.args[0] != path and reprinted.args[0].is_file()
    settle(qtbot, page)
    actions = [e.action for e in CaseService(db).get(clerk, number).events]
    assert actions[-2:] == [CaseAction.PRINT, CaseAction.REPRINT]
    assert previewed == [
        (path, f"受理通知书 {number}"),
        (reprinted.args[0], f"受理通知书 {number}"),
    ]


def test_a_new_clerk_at_the_window_gets_their_own_list(
    qtbot: QtBot, db: Database, clerk: Actor, supervisor: Actor, item: ItemRef, context: AppContext
) -> None:
    mine = accept(db, clerk, item, "301")
    theirs = accept(db, supervisor, item, "302")
    page = open_page(qtbot, context)
    page.set_filter(CaseFilter.MINE)
    settle(qtbot, page)
    assert numbers(page) == [mine]
    select(qtbot, page, mine)
    context.start_session(Session(supervisor, None, ""))
    settle(qtbot, page)
    assert numbers(page) == [theirs]
    assert page.current is None


def test_a_number_tail_lists_its_case_first_and_a_single_result_is_shown(
    qtbot: QtBot, db: Database, clerk: Actor, item: ItemRef, context: AppContext
) -> None:
    first = accept(db, clerk, item, "111", name="张伟", phone="13800000002")
    second = accept(db, clerk, item, "333", name="王芳", phone="13700001111")
    assert second.endswith("-0002")
    page = open_page(qtbot, context)
    qtbot.keyClicks(page.search_edit, "0002")
    page.search_edit.returnPressed.emit()
    qtbot.waitUntil(lambda: numbers(page) == [second, first] and not page.is_loading())
    assert page.current is None  # two matches: the clerk chooses
    page.search_edit.clear()
    qtbot.keyClicks(page.search_edit, second.split("-", 1)[1])
    page.search_edit.returnPressed.emit()
    qtbot.waitUntil(
        lambda: page.current is not None and page.current.number == second, timeout=10_000
    )
    assert page.table.currentIndex().row() == 0
