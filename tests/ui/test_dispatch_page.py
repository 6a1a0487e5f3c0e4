"""The 出件 page as a clerk drives it by keyboard: 出件 from the 待出件 list with the recipient
and the 送达回证; 转报 of a 初审 case with its 转报函; the county's result; refusals shown in the
dialog with nothing changed; and the status bar's 待出件 count opening the page. Each checked
against the database."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QDate, Qt, QThreadPool
from pytestqt.qtbot import QtBot
from sqlalchemy import select, update

from tests.factories import ItemRef, intake_for, make_item, resident_id
from tests.keyboard import type_text
from tests.ui.writes import changed_elsewhere, wait_for_writes
from townclerk.db.database import Database
from townclerk.db.models import Case, ServiceItem
from townclerk.enums import CaseStatus, Decision, DeliveryMethod, Holder, Routing
from townclerk.records.changes import DataArea
from townclerk.services.access import Actor
from townclerk.services.cases import CaseService
from townclerk.services.county import CountyService
from townclerk.ui.context import AppContext, DataBus, Session
from townclerk.ui.main_window import MainWindow
from townclerk.ui.pages.cases.cases_page import CaseListPage
from townclerk.ui.pages.dispatch import dispatch_page as dispatch_module
from townclerk.ui.pages.dispatch.dispatch_dialogs import (
    CollectDialog,
    CountyDecisionDialog,
    SendToCountyDialog,
)
from townclerk.ui.pages.dispatch.dispatch_page import DispatchPage

OPINION = "经初审，材料齐全，同意上报"


@dataclass(frozen=True)
class Cases:
    waiting: str  # accepted, at the window for its 初审
    away: str  # sent to the county
    decided: str  # decided by the county, waiting for 出件


@pytest.fixture(autouse=True)
def _drain_workers() -> Iterator[None]:
    yield
    QThreadPool.globalInstance().waitForDone(10_000)  # no worker may outlive the database


@pytest.fixture
def previewed(monkeypatch: pytest.MonkeyPatch) -> list[tuple[Path, str]]:
    shown: list[tuple[Path, str]] = []
    monkeypatch.setattr(
        dispatch_module,
        "preview_document",
        lambda _parent, path, title: shown.append((path, title)),
    )
    return shown


def county_item(db: Database) -> ItemRef:
    item = make_item(
        db,
        name="取水许可初审",
        department="睢宁县水务局",
        promised_days=20,
        statutory_days=45,
        materials=(("取水许可申请书", True, False), ("建设项目水资源论证报告", True, False)),
    )
    with db.sessions.begin() as session:
        session.execute(
            update(ServiceItem).where(ServiceItem.id == item.id).values(routing=Routing.COUNTY)
        )
    return item


@pytest.fixture
def cases(db: Database, clerk: Actor) -> Cases:
    item = county_item(db)
    service, county = CaseService(db), CountyService(db)

    def accept(sequence: str) -> str:
        return service.accept(
            clerk, intake_for(item, id_number=resident_id(sequence=sequence))
        ).number

    waiting, away, decided = accept("111"), accept("222"), accept("333")
    county.send_to_county(clerk, away, OPINION)
    county.send_to_county(clerk, decided, OPINION)
    county.record_county_decision(clerk, decided, Decision.GRANTED, db.today(), "取水许可证")
    return Cases(waiting, away, decided)


def page_for(qtbot: QtBot, db: Database, actor: Actor) -> tuple[DispatchPage, AppContext]:
    context = AppContext(db, DataBus())
    context.session = Session(actor, None, "")
    page = DispatchPage(context)
    qtbot.addWidget(page)
    page.resize(1000, 640)
    page.show()
    qtbot.waitExposed(page)
    settle(qtbot, page)
    return page, context


def settle(qtbot: QtBot, page: DispatchPage) -> None:
    qtbot.waitUntil(lambda: not page.is_loading(), timeout=10_000)


def press_enter_on(qtbot: QtBot, page: DispatchPage, table: object) -> None:
    qtbot.keyClick(table, Qt.Key.Key_Return)  # type: ignore[arg-type]
    qtbot.waitUntil(lambda: page.active_dialog is not None, timeout=10_000)


def confirm(qtbot: QtBot, context: AppContext, dialog: object) -> None:
    qtbot.keyClick(dialog, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # type: ignore[arg-type]
    wait_for_writes(qtbot, context)


def row_of(db: Database, number: str) -> tuple[object, ...]:
    with db.reads() as session:
        return tuple(
            session.execute(
                select(
                    Case.status,
                    Case.holder,
                    Case.review_opinion,
                    Case.county_body,
                    Case.decision,
                    Case.result_text,
                    Case.delivery_method,
                    Case.delivered_to,
                ).where(Case.number == number)
            ).one()
        )


def pdf_text(path: Path) -> str:
    return "".join("".join(page.extract_text().split()) for page in PdfReader(path).pages)


def test_the_lists_show_where_each_case_is(
    qtbot: QtBot, db: Database, clerk: Actor, cases: Cases
) -> None:
    page, _context = page_for(qtbot, db, clerk)
    assert [row.number for row in page.deliver_model.rows()] == [cases.decided]
    assert [(row.number, row.holder) for row in page.county_model.rows()] == [
        (cases.waiting, Holder.WINDOW),
        (cases.away, Holder.COUNTY),
    ]
    assert page.tabs.tabText(0) == "待出件（1）"
    assert page.tabs.tabText(1) == "在县级（1，待转报1）"
    county = page.county_model
    assert county.data(county.index(0, 3)) == "待转报"
    assert county.data(county.index(1, 3)) == "在县级"
    assert county.data(county.index(1, 4)) == "睢宁县水务局"
    assert page.deliver_model.data(page.deliver_model.index(0, 6)) == "睢宁县水务局"


def test_deliver_from_the_list_records_the_recipient_and_prints_the_receipt(
    qtbot: QtBot, db: Database, clerk: Actor, cases: Cases, previewed: list[tuple[Path, str]]
) -> None:
    page, context = page_for(qtbot, db, clerk)
    page.focus_list()
    press_enter_on(qtbot, page, page.deliver_table)
    dialog = page.active_dialog
    assert isinstance(dialog, CollectDialog)
    assert dialog.recipient_edit.text() == "张伟"  # the applicant, to start from
    assert dialog.focusWidget() is dialog.recipient_edit
    dialog.recipient_edit.clear()
    confirm(qtbot, context, dialog)
    assert dialog.error_label.text() == "请填写领取人"  # nothing written
    assert row_of(db, cases.decided)[0] is CaseStatus.COMPLETED
    type_text(dialog.recipient_edit, "李芳")
    dialog.method_buttons[DeliveryMethod.MAIL].click()
    with qtbot.waitSignal(page.printed, timeout=20_000) as printed:
        confirm(qtbot, context, dialog)
    status, holder, *_rest, method, recipient = row_of(db, cases.decided)
    assert (status, holder, method, recipient) == (
        CaseStatus.DELIVERED,
        Holder.WINDOW,
        DeliveryMethod.MAIL,
        "李芳",
    )
    path = printed.args[0]
    assert path.name == f"{cases.decided}-service_receipt.pdf"
    assert "领取人李芳（代为领取）" in pdf_text(path)
    assert previewed == [(path, f"送达回证 {cases.decided}")]
    settle(qtbot, page)
    assert page.deliver_model.rows() == [] and page.tabs.tabText(0) == "待出件（0）"


def test_send_to_the_county_prints_the_letter(
    qtbot: QtBot, db: Database, clerk: Actor, cases: Cases, previewed: list[tuple[Path, str]]
) -> None:
    page, context = page_for(qtbot, db, clerk)
    page.tabs.setCurrentIndex(1)
    assert page.send_button.isEnabled() and not page.decision_button.isEnabled()
    press_enter_on(qtbot, page, page.county_table)
    dialog = page.active_dialog
    assert isinstance(dialog, SendToCountyDialog)
    assert dialog.body_edit.text() == "睢宁县水务局"
    confirm(qtbot, context, dialog)
    assert dialog.error_label.text() == "请填写初审意见"
    assert row_of(db, cases.waiting)[1] is Holder.WINDOW
    type_text(dialog.opinion_edit, OPINION)
    dialog.paper_list.setFocus()
    dialog.paper_list.setCurrentRow(1)
    qtbot.keyClick(dialog.paper_list, Qt.Key.Key_Space)  # the report stays behind
    assert dialog.papers() == ["取水许可申请书"]
    with qtbot.waitSignal(page.printed, timeout=20_000) as printed:
        confirm(qtbot, context, dialog)
    status, holder, opinion, body, *_rest = row_of(db, cases.waiting)
    assert (status, holder, opinion, body) == (
        CaseStatus.ACCEPTED,
        Holder.COUNTY,
        OPINION,
        "睢宁县水务局",
    )
    text = pdf_text(printed.args[0])
    assert "转报函" in text and "二、报送材料（共1项）" in text and "论证报告" not in text
    assert previewed[-1][1] == f"转报函 {cases.waiting}"
    settle(qtbot, page)
    assert [row.holder for row in page.county_model.rows()] == [Holder.COUNTY, Holder.COUNTY]


def test_the_county_result_completes_the_case_and_refusals_change_nothing(
    qtbot: QtBot, db: Database, clerk: Actor, cases: Cases
) -> None:
    page, context = page_for(qtbot, db, clerk)
    page.tabs.setCurrentIndex(1)
    page.county_table.selectRow(1)
    assert page.decision_button.isEnabled() and not page.send_button.isEnabled()
    press_enter_on(qtbot, page, page.county_table)
    dialog = page.active_dialog
    assert isinstance(dialog, CountyDecisionDialog)
    before = row_of(db, cases.away)
    type_text(dialog.result_edit, "取水许可证")
    yesterday = db.today() - dt.timedelta(days=1)
    dialog.date_edit.setDate(QDate(yesterday.year, yesterday.month, yesterday.day))
    confirm(qtbot, context, dialog)
    assert dialog.isVisible()
    assert dialog.error_label.text() == "县级决定日期不能早于转报日期（2026-09-29）"
    assert row_of(db, cases.away) == before
    dialog.decision_buttons[Decision.DENIED].click()
    dialog.date_edit.setDate(QDate(2026, 9, 29))
    confirm(qtbot, context, dialog)
    assert dialog.error_label.text() == "请填写不予许可的理由"
    assert row_of(db, cases.away) == before
    dialog.decision_buttons[Decision.GRANTED].click()
    confirm(qtbot, context, dialog)
    qtbot.waitUntil(lambda: page.active_dialog is None, timeout=10_000)
    status, holder, _opinion, _body, decision, result, *_rest = row_of(db, cases.away)
    assert (status, holder, decision, result) == (
        CaseStatus.COMPLETED,
        Holder.WINDOW,
        Decision.GRANTED,
        "取水许可证",
    )
    settle(qtbot, page)
    assert {row.number for row in page.deliver_model.rows()} == {cases.decided, cases.away}


def test_the_status_bar_counts_results_waiting_and_opens_the_page(
    qtbot: QtBot, db: Database, clerk: Actor, cases: Cases
) -> None:
    context = AppContext(db, DataBus())
    context.start_session(Session(clerk, None, ""))
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    count = window.to_deliver
    qtbot.waitUntil(lambda: count.text() == "待出件 1", timeout=10_000)
    CountyService(db).record_county_decision(clerk, cases.away, Decision.GRANTED, db.today(), "证")
    with qtbot.waitSignal(count.counted, timeout=10_000):
        changed_elsewhere(context, DataArea.CASES)
    assert count.text() == "待出件 2"
    qtbot.mouseClick(count, Qt.MouseButton.LeftButton)
    assert window.current_key() == "dispatch"
    window.show_page("intake")
    qtbot.keyClick(
        window,
        Qt.Key.Key_D,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert window.current_key() == "dispatch"
    page = window.pages["dispatch"]
    assert isinstance(page, DispatchPage)
    qtbot.waitUntil(lambda: page.deliver_table.hasFocus(), timeout=5_000)
    window.close()


def test_the_count_is_hidden_from_a_role_that_does_not_hand_out(
    qtbot: QtBot, db: Database, admin: Actor
) -> None:
    context = AppContext(db, DataBus())
    context.start_session(Session(admin, None, ""))
    window = MainWindow(context)
    qtbot.addWidget(window)
    assert window.to_deliver.isHidden() and window.to_deliver.count is None
    assert "dispatch" not in window.pages


def test_the_case_detail_shows_the_township_clock_beside_the_promise(
    qtbot: QtBot, db: Database, clerk: Actor, cases: Cases
) -> None:
    context = AppContext(db, DataBus())
    context.session = Session(clerk, None, "")
    page = CaseListPage(context)
    qtbot.addWidget(page)
    page.resize(1400, 800)
    page.show()
    qtbot.waitUntil(lambda: not page.is_loading(), timeout=10_000)
    assert page.select_number(cases.away)
    qtbot.waitUntil(lambda: page.detail.value_text("review") != "", timeout=10_000)
    # The center's default 5 working days from Tue 09-29 (National Day in between).
    assert page.detail.value_text("review") == "2026-10-12（2026-09-29 已转报睢宁县水务局）"
    assert page.detail.value_text("due") == "2026-11-02"
