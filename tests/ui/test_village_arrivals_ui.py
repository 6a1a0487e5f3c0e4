"""村代办接件 as a clerk works it: an arrived 交接单 ticked in from the keyboard (Enter opens the
intake pre-filled from the pre-registration and Ctrl+Enter accepts it; Alt+N tells the village
what is missing; 未收到 asks why), the 授权委托书 the intake asks for when someone files for the
applicant, and the results sent back on a printed 返还清单 and picked up; each checked against
the database."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QThreadPool
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from tests.factories import ID_ZHANG, ItemRef, make_item, resident_id
from tests.keyboard import type_text
from tests.ui.fit import outside
from tests.ui.test_intake_support import Env, build_env
from tests.ui.writes import wait_for_writes
from tests.unit.test_village_arrivals import intake_from
from tests.village_rows import AGENT_ID, PointRef, make_point, pre_register, transfer_list
from townclerk.db.database import Database
from townclerk.db.models import Case, PreRegistration, TransferList
from townclerk.enums import (
    CaseStatus,
    Channel,
    Decision,
    DeliveryMethod,
    Holder,
    MaterialState,
    PreRegistrationStatus,
    TransferDirection,
)
from townclerk.services.access import Actor
from townclerk.services.village_arrivals import VillageArrivalService
from townclerk.ui.main_window import MainWindow
from townclerk.ui.pages.intake.intake_page import IntakePage
from townclerk.ui.pages.intake.material_checklist import COL_REQUIRED
from townclerk.ui.pages.registry import PAGES
from townclerk.ui.pages.village_arrivals import returns_tab
from townclerk.ui.pages.village_arrivals.village_arrivals_page import VillageArrivalsPage

MATERIALS = (
    ("居民身份证", True, False),
    ("城乡居民基本养老保险参保登记表", True, True),
    ("授权委托书", False, False),
)
SPECS = [spec for spec in PAGES if spec.key in ("intake", "village_arrivals")]


class Trip:
    def __init__(self, db: Database, env: Env) -> None:
        self.env = env
        self.item: ItemRef = make_item(
            db, code="320324-RS-001", name="城乡居民基本养老保险参保登记", materials=MATERIALS
        )
        self.point: PointRef = make_point(db)
        ids = self.item.material_ids
        self.references = [
            pre_register(db, self.point, self.item, seq=1, id_number=ID_ZHANG),
            pre_register(
                db,
                self.point,
                self.item,
                seq=2,
                id_number=resident_id(sequence="201"),
                name="赵敏",
                received=ids[:1] + ids[2:],
            ),
            pre_register(
                db, self.point, self.item, seq=3, id_number=resident_id(sequence="202"), name="钱进"
            ),
        ]
        self.list_id = transfer_list(db, self.point, self.references)


@pytest.fixture(autouse=True)
def _drain_workers() -> Iterator[None]:
    yield
    QThreadPool.globalInstance().waitForDone(10_000)  # no worker may outlive the database


@pytest.fixture
def trip(db: Database, admin: Actor, clerk: Actor) -> Trip:
    return Trip(db, build_env(db, admin, clerk))


@pytest.fixture
def window(qtbot: QtBot, trip: Trip) -> MainWindow:
    widget = MainWindow(trip.env.context, pages=SPECS)
    qtbot.addWidget(widget)
    widget.resize(1024, 698)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def village_page(qtbot: QtBot, window: MainWindow) -> VillageArrivalsPage:
    page = window.show_page("village_arrivals")
    assert isinstance(page, VillageArrivalsPage)
    settle(qtbot, page)
    return page


def settle(qtbot: QtBot, page: VillageArrivalsPage) -> None:
    qtbot.waitUntil(lambda: not page.is_loading(), timeout=10_000)
    qtbot.wait(10)
    qtbot.waitUntil(lambda: not page.is_loading(), timeout=10_000)


def intake_of(window: MainWindow) -> IntakePage:
    page = window.pages["intake"]
    assert isinstance(page, IntakePage)
    return page


def pre_row(db: Database, reference: str) -> PreRegistration:
    with db.reads() as session:
        row = session.scalar(select(PreRegistration).where(PreRegistration.reference == reference))
        assert row is not None
        session.expunge(row)
        return row


def test_a_list_is_ticked_in_from_the_keyboard(
    qtbot: QtBot, window: MainWindow, trip: Trip, db: Database
) -> None:
    page = village_page(qtbot, window)
    arrivals = page.arrivals
    assert arrivals.lists.rowCount() == 1
    assert arrivals.lists.item(0, 0).text() == "WZ-JJ-20260929-01"
    assert arrivals.lists.item(0, 3).text() == "未签收"
    assert arrivals.entries.rowCount() == 3
    assert arrivals.entries.item(0, 3).text() == "320324********1238"
    assert outside(window, page) == []

    # 签收 (Alt+S), then Enter on the first entry: the intake, pre-filled.
    arrivals.entries.setFocus()
    qtbot.keyClick(arrivals.entries, Qt.Key.Key_S, Qt.KeyboardModifier.AltModifier)
    wait_for_writes(qtbot, trip.env.context)
    settle(qtbot, page)
    assert arrivals.lists.item(0, 3).text().endswith("王晓燕")
    arrivals.entries.setFocus()
    arrivals.entries.selectRow(0)
    qtbot.keyClick(arrivals.entries, Qt.Key.Key_Return)
    intake = intake_of(window)
    qtbot.waitUntil(lambda: intake.pre_registration == trip.references[0], timeout=10_000)
    assert window.stack.currentWidget() is intake
    assert intake.item_panel.item is not None and intake.item_panel.item.id == trip.item.id
    assert intake.applicant.name_edit.text() == "张伟"
    assert intake.applicant.channel() is Channel.VILLAGE_AGENT
    assert intake.applicant.agent_id_edit.text() == AGENT_ID
    assert intake.applicant.village_id() == trip.point.village_id
    assert [row.state for row in intake.item_panel.model.rows()] == [MaterialState.RECEIVED] * 3
    assert "村代办预登记 WZ-20260929-001（王庄村便民服务点）" in intake.resubmission_label.text()
    assert not intake.refuse_button.isEnabled()
    assert intake.accept_button.isEnabled()
    with qtbot.waitSignal(intake.registered, timeout=10_000) as blocker:
        qtbot.keyClick(
            QApplication.focusWidget(), Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier
        )
    case = blocker.args[0]
    pre = pre_row(db, trip.references[0])
    assert (pre.status, pre.case_number) == (PreRegistrationStatus.ACCEPTED, case.number)
    with db.reads() as session:
        row = session.get(Case, case.id)
        assert row is not None and row.village_point_id == trip.point.id
    assert intake.pre_registration is None

    # Back at the list: the entry says its case; the next open one is current.
    page = village_page(qtbot, window)
    assert arrivals.entries.item(0, 6).text() == f"已受理 {case.number}"
    assert arrivals.current_entry() is not None
    assert arrivals.current_entry().reference == trip.references[1]  # type: ignore[union-attr]


def test_a_one_time_notice_goes_back_to_the_village(
    qtbot: QtBot, window: MainWindow, trip: Trip, db: Database
) -> None:
    page = village_page(qtbot, window)
    page.arrivals.entries.selectRow(1)
    page.arrivals.entries.setFocus()
    qtbot.keyClick(page.arrivals.entries, Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)
    intake = intake_of(window)
    qtbot.waitUntil(
        lambda: intake.text_dialog is not None and intake.text_dialog.isVisible(), timeout=10_000
    )
    dialog = intake.text_dialog
    assert dialog is not None
    prompt = "".join(label.text() for label in dialog.findChildren(QLabel))
    assert "1. 城乡居民基本养老保险参保登记表（必要）" in prompt
    type_text(dialog.edit, "登记表须本人签字")
    with qtbot.waitSignal(intake.registered, timeout=10_000) as blocker:
        qtbot.keyClick(dialog.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    notice = blocker.args[0]
    assert notice.status is CaseStatus.NOTIFIED
    pre = pre_row(db, trip.references[1])
    assert pre.status is PreRegistrationStatus.NOTIFIED
    assert pre.answer == "缺少材料：城乡居民基本养老保险参保登记表；登记表须本人签字"


def test_not_received_asks_why(qtbot: QtBot, window: MainWindow, trip: Trip, db: Database) -> None:
    page = village_page(qtbot, window)
    arrivals = page.arrivals
    arrivals.entries.selectRow(2)
    arrivals.entries.setFocus()
    qtbot.keyClick(arrivals.entries, Qt.Key.Key_U, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: arrivals.text_dialog is not None and arrivals.text_dialog.isVisible())
    dialog = arrivals.text_dialog
    assert dialog is not None
    qtbot.keyClick(dialog.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.isVisible() and dialog.error_label.text() == "请填写未收到的说明"
    assert pre_row(db, trip.references[2]).status is PreRegistrationStatus.SENT
    type_text(dialog.edit, "袋中无此件")
    qtbot.keyClick(dialog.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    wait_for_writes(qtbot, trip.env.context)
    settle(qtbot, page)
    pre = pre_row(db, trip.references[2])
    assert (pre.status, pre.answer) == (PreRegistrationStatus.NOT_RECEIVED, "袋中无此件")
    assert arrivals.message.text() == "✓ 预登记 WZ-20260929-003：已登记未收到"
    assert arrivals.entries.item(2, 6).text() == "未收到：袋中无此件"


def test_an_answered_entry_refused_from_a_stale_list_says_why(
    qtbot: QtBot, window: MainWindow, trip: Trip, db: Database
) -> None:
    page = village_page(qtbot, window)
    # Another window answered it meanwhile; this list has not heard yet.
    VillageArrivalService(db).not_received(trip.env.context.actor, trip.references[0], "未见")
    page.arrivals.entries.selectRow(0)
    page.arrivals.accept()
    qtbot.waitUntil(lambda: page.arrivals.message.is_error, timeout=10_000)
    assert "已答复（未收到）" in page.arrivals.message.text()
    assert intake_of(window).pre_registration is None


def test_the_intake_asks_for_the_power_of_attorney_when_someone_files(
    qtbot: QtBot, window: MainWindow, trip: Trip, db: Database
) -> None:
    intake = intake_of(window)
    window.show_page("intake")
    intake.choose_item(trip.item.id)
    model = intake.item_panel.model
    model.receive(trip.item.material_ids[:2])
    type_text(intake.applicant.id_edit, ID_ZHANG)
    type_text(intake.applicant.name_edit, "张伟")
    type_text(intake.applicant.phone_edit, "13812345678")
    assert intake.accept_button.isEnabled()
    assert model.index(2, COL_REQUIRED).data() == "非必要"
    intake.applicant.agent_check.click()
    type_text(intake.applicant.agent_name_edit, "李芳")
    type_text(intake.applicant.agent_id_edit, AGENT_ID)
    type_text(intake.applicant.agent_phone_edit, "13987654321")
    assert model.index(2, COL_REQUIRED).data() == "代办必要"
    assert not intake.accept_button.isEnabled()
    assert "代办须收取：授权委托书" in intake.blockers.text()
    model.toggle_received(2)
    assert intake.accept_button.isEnabled()
    with qtbot.waitSignal(intake.registered, timeout=10_000) as blocker:
        intake.accept()
    assert blocker.args[0].agent_name == "李芳"


def test_the_service_refusal_reaches_the_clerk_when_the_paper_is_unticked(
    qtbot: QtBot, window: MainWindow, trip: Trip, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The 村代办 channel alone (no agent typed) also needs it: the button says so, and the
    service refuses a stale form with nothing written."""
    intake = intake_of(window)
    window.show_page("intake")
    intake.choose_item(trip.item.id)
    intake.item_panel.model.receive(trip.item.material_ids[:2])
    type_text(intake.applicant.id_edit, ID_ZHANG)
    type_text(intake.applicant.name_edit, "张伟")
    type_text(intake.applicant.phone_edit, "13812345678")
    combo = intake.applicant.channel_combo
    combo.setCurrentIndex(combo.findData(Channel.VILLAGE_AGENT.value))
    assert not intake.accept_button.isEnabled()
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text: shown.append(text))
    intake.accept_button.setEnabled(True)  # a form that did not hear of the change
    intake.accept()
    wait_for_writes(qtbot, trip.env.context)
    assert shown and "代办人代为申请须收取“授权委托书”" in shown[0]
    with db.reads() as session:
        assert session.scalar(select(Case.id)) is None


def test_results_go_back_on_a_printed_return_list_and_are_picked_up(
    qtbot: QtBot,
    window: MainWindow,
    trip: Trip,
    db: Database,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    previews: list[tuple[Path, str]] = []
    monkeypatch.setattr(
        returns_tab, "preview_document", lambda _parent, path, title: previews.append((path, title))
    )
    context = trip.env.context
    draft = VillageArrivalService(db).draft(context.actor, trip.references[0])
    number = context.cases.accept(context.actor, intake_from(draft)).number
    context.cases.complete(context.actor, number, Decision.GRANTED, "参保登记确认单")

    page = village_page(qtbot, window)
    qtbot.keyClick(page.tabs, Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)
    returns = page.returns
    qtbot.waitUntil(lambda: page.tabs.currentWidget() is returns)
    settle(qtbot, page)
    assert (
        returns.point_combo.currentText() == "王庄村便民服务点（WZ）：待返还 1 件，在村待领取 0 件"
    )
    assert returns.ready_table.rowCount() == 1
    assert returns.ready_table.item(0, 1).text() == number
    assert not returns.make_button.isEnabled()
    returns.ready_table.setFocus()
    returns.ready_table.setCurrentCell(0, 0)
    qtbot.keyClick(returns.ready_table, Qt.Key.Key_Space)
    assert returns.ticked_numbers() == [number]
    qtbot.keyClick(returns, Qt.Key.Key_C, Qt.KeyboardModifier.AltModifier)
    type_text(QApplication.focusWidget(), "李芳")
    assert returns.carrier_edit.text() == "李芳" and returns.make_button.isEnabled()
    qtbot.keyClick(returns.carrier_edit, Qt.Key.Key_P, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: bool(previews), timeout=10_000)
    ((path, title),) = previews
    assert title == "返还清单 WZ-FH-20260929-01" and path.is_file()
    with db.reads() as session:
        case = session.scalar(select(Case).where(Case.number == number))
        assert case is not None and case.holder is Holder.VILLAGE
        trip_row = session.scalar(
            select(TransferList).where(TransferList.direction == TransferDirection.TO_VILLAGE)
        )
        assert trip_row is not None and trip_row.carrier == "李芳"
    settle(qtbot, page)
    assert returns.ready_table.rowCount() == 0
    assert returns.waiting_table.rowCount() == 1

    # The agent reports the pickup: Alt+K, the applicant's name offered.
    qtbot.keyClick(returns, Qt.Key.Key_K, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: returns.text_dialog is not None and returns.text_dialog.isVisible())
    dialog = returns.text_dialog
    assert dialog is not None and dialog.text() == "张伟"
    qtbot.keyClick(dialog.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    wait_for_writes(qtbot, context)
    settle(qtbot, page)
    with db.reads() as session:
        case = session.scalar(select(Case).where(Case.number == number))
        assert case is not None
        assert (case.status, case.delivery_method, case.delivered_to) == (
            CaseStatus.DELIVERED,
            DeliveryMethod.AGENT,
            "张伟",
        )
    assert pre_row(db, trip.references[0]).picked_up_by == "张伟"
    assert returns.waiting_table.rowCount() == 0
    assert returns.message.text() == f"✓ 办件 {number} 已由张伟在村便民服务点领取"
