"""延期 from the case list, as a clerk does it with the supervisor beside them, and the list's
two overrun flags (超承诺时限, 超法定时限); each checked against the database."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QModelIndex, Qt, QThreadPool
from PySide6.QtWidgets import QLabel, QLineEdit
from pytestqt.qtbot import QtBot

from tests.conftest import FakeClock
from tests.factories import intake_for, make_item, resident_id
from tests.keyboard import type_text
from tests.people import PASSWORD
from tests.ui.approval import refuse_every_wrong_approval
from tests.ui.writes import wait_for_writes
from townclerk.case_states import CaseAction
from townclerk.db.database import Database
from townclerk.enums import DocumentKind
from townclerk.records.cases import WARNING_RED
from townclerk.services.access import Actor
from townclerk.services.cases import CaseService
from townclerk.ui import style
from townclerk.ui.context import AppContext, DataBus, Session
from townclerk.ui.pages.cases import cases_page as case_list
from townclerk.ui.pages.cases.case_actions import ExtendDialog
from townclerk.ui.pages.cases.case_table import (
    COL_STATUTORY_DUE,
    OverStatutoryRole,
    WarningRole,
)
from townclerk.ui.pages.cases.cases_page import CaseFilter, CaseListPage

REASON = "需实地核查经营场所"


def page_for(qtbot: QtBot, db: Database, actor: Actor) -> tuple[CaseListPage, AppContext]:
    context = AppContext(db, DataBus())
    context.session = Session(actor, None, "")
    page = CaseListPage(context)
    qtbot.addWidget(page)
    page.resize(1400, 800)
    page.show()
    settle(qtbot, page)
    return page, context


def settle(qtbot: QtBot, page: CaseListPage) -> None:
    qtbot.waitUntil(lambda: not page.is_loading(), timeout=10_000)


@pytest.fixture(autouse=True)
def _drain_workers() -> Iterator[None]:
    yield
    QThreadPool.globalInstance().waitForDone(10_000)  # no worker may outlive the database


@pytest.fixture
def previewed(monkeypatch: pytest.MonkeyPatch) -> list[tuple[Path, str]]:
    shown: list[tuple[Path, str]] = []
    monkeypatch.setattr(
        case_list, "preview_document", lambda _parent, path, title: shown.append((path, title))
    )
    return shown


def open_extension(qtbot: QtBot, page: CaseListPage, number: str) -> ExtendDialog:
    assert page.select_number(number)
    settle(qtbot, page)
    button = page.action_buttons[CaseAction.EXTEND]
    assert button.isVisibleTo(page) and button.isEnabled()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    dialog = page.active_dialog
    assert isinstance(dialog, ExtendDialog) and dialog.isVisible()
    return dialog


def confirm(qtbot: QtBot, context: AppContext, dialog: ExtendDialog) -> None:
    qtbot.mouseClick(dialog.confirm_button, Qt.MouseButton.LeftButton)
    wait_for_writes(qtbot, context)


def test_clerk_extends_with_the_supervisors_password_and_the_notice_prints(
    qtbot: QtBot,
    db: Database,
    admin: Actor,
    clerk: Actor,
    supervisor: Actor,
    clock: FakeClock,
    previewed: list[tuple[Path, str]],
) -> None:
    number = CaseService(db).accept(clerk, intake_for(make_item(db))).number
    page, context = page_for(qtbot, db, clerk)
    dialog = open_extension(qtbot, page, number)
    texts = [label.text() for label in dialog.findChildren(QLabel)]
    assert any("当前法定办结日期：2026-10-26（法定15个工作日）" in text for text in texts)
    approval = dialog.approval
    assert approval.password_edit.echoMode() is QLineEdit.EchoMode.Password
    assert approval.note.text() == "须由中心负责人当面输入其用户名和密码批准。"

    # No reason: refused in the dialog before the approval is looked at.
    qtbot.mouseClick(dialog.confirm_button, Qt.MouseButton.LeftButton)
    assert dialog.error_label.text() == "请填写延期理由"
    type_text(dialog.reason_edit, REASON)
    dialog.days_spin.setValue(7)
    before = CaseService(db).get(clerk, number)
    refuse_every_wrong_approval(qtbot, context, dialog, approval, admin)
    assert CaseService(db).get(clerk, number) == before

    clock.advance(seconds=2)  # the delay after two wrong passwords is over
    approval.username_edit.clear()
    qtbot.keyClicks(approval.username_edit, "chief")
    qtbot.keyClicks(approval.password_edit, PASSWORD)
    with qtbot.waitSignal(page.printed, timeout=20_000) as printed:
        confirm(qtbot, context, dialog)
    assert page.active_dialog is None  # closed (and deleted) after the write
    case = CaseService(db).get(clerk, number)
    assert case.extension is not None
    assert (case.extension.days, case.extension.reason, case.extension.approved_by) == (
        7,
        REASON,
        "李主任",
    )
    assert case.statutory_due_date == dt.date(2026, 11, 4)
    assert case.events[-1].action is CaseAction.PRINT
    path = printed.args[0]
    assert previewed == [(path, f"延长办理期限通知书 {number}")]
    text = "".join("".join(sheet.extract_text().split()) for sheet in PdfReader(path).pages)
    assert "办理期限延长7个工作日，将于2026年11月4日前作出决定" in text
    settle(qtbot, page)
    assert page.detail._values["statutory_due"].text() == (
        f"2026-11-04（已延期 7 个工作日，李主任批准：{REASON}）"
    )
    # Once per case: the action is no longer offered; the notice can be reprinted.
    assert not page.action_buttons[CaseAction.EXTEND].isEnabled()
    reprint = page.print_buttons[DocumentKind.EXTENSION_NOTICE]
    assert reprint.isVisibleTo(page) and reprint.text() == "补打延长办理期限通知书"


def test_a_supervisor_approves_by_doing_it(
    qtbot: QtBot,
    db: Database,
    supervisor: Actor,
    previewed: list[tuple[Path, str]],
) -> None:
    number = CaseService(db).accept(supervisor, intake_for(make_item(db))).number
    page, context = page_for(qtbot, db, supervisor)
    dialog = open_extension(qtbot, page, number)
    # Nothing to type: the supervisor approves.
    assert dialog.approval.note.text() == "由您（李主任）以中心负责人身份批准。"
    assert not dialog.approval.password_edit.isVisibleTo(dialog)
    type_text(dialog.reason_edit, REASON)
    with qtbot.waitSignal(page.printed, timeout=20_000):
        confirm(qtbot, context, dialog)
    case = CaseService(db).get(supervisor, number)
    assert case.extension is not None and case.extension.days == 10
    assert case.statutory_due_date == dt.date(2026, 11, 9)


def test_the_list_flags_and_filters_the_two_overruns_apart(
    qtbot: QtBot, db: Database, clock: FakeClock, clerk: Actor
) -> None:
    service = CaseService(db)
    # Promised 5 / statutory 15 working days from Tue 09-29: due 10-12 and 10-26.
    promised_late = service.accept(clerk, intake_for(make_item(db))).number
    short = make_item(db, code="S-1", promised_days=1, statutory_days=1)
    statutory_late = service.accept(
        clerk, intake_for(short, id_number=resident_id(sequence="201"))
    ).number
    clock.set(dt.datetime(2026, 10, 14, 9))
    page, _context = page_for(qtbot, db, clerk)
    rows = {row.number: row for row in page.model.rows()}
    assert rows[promised_late].warning == WARNING_RED and not rows[promised_late].over_statutory
    assert rows[statutory_late].over_statutory
    model = page.model
    for row, case in enumerate(model.rows()):
        index = model.index(row, COL_STATUTORY_DUE, QModelIndex())
        assert index.data(OverStatutoryRole) is case.over_statutory
        assert index.data(WarningRole) == case.warning
        if case.number == statutory_late:
            assert index.data() == "2026-09-30"
            assert index.data(Qt.ItemDataRole.BackgroundRole).color() == style.OVER_STATUTORY_FILL
            assert index.data(Qt.ItemDataRole.ToolTipRole) == "已超法定时限（法定办结日期已过）"
    assert page.filter_buttons[CaseFilter.OVERDUE].text() == "超承诺时限"
    for case_filter, wanted in (
        (CaseFilter.OVERDUE, [statutory_late, promised_late]),
        (CaseFilter.OVER_STATUTORY, [statutory_late]),
    ):
        qtbot.mouseClick(page.filter_buttons[case_filter], Qt.MouseButton.LeftButton)
        settle(qtbot, page)
        assert [row.number for row in page.model.rows()] == wanted
