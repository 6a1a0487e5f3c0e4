"""The case list and the back office: the 去向 column and filter, 移交后台 (the desk, the taker,
the papers) followed by its 物料流转凭证, and the window's 办结 closed for a case a desk
decides. Driven as a clerk drives it, checked against the database."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QThreadPool
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from tests.factories import ItemRef, intake_for, make_item, resident_id
from tests.keyboard import type_text
from tests.people import add_user
from tests.ui.fit import outside
from tests.ui.writes import wait_for_writes
from townclerk.case_states import CaseAction
from townclerk.db.database import Database
from townclerk.db.models import Case, CaseHandover
from townclerk.enums import Holder, Role
from townclerk.services.access import Actor
from townclerk.services.cases import CaseService
from townclerk.services.desks import DeskService
from townclerk.services.handover import HandoverService
from townclerk.ui.context import AppContext, DataBus, Session
from townclerk.ui.pages.cases import cases_page as case_list
from townclerk.ui.pages.cases.case_table import COL_HOLDER
from townclerk.ui.pages.cases.cases_page import CaseListPage
from townclerk.ui.pages.cases.handover_dialog import HandoverDialog

MARKET = "睢宁县市场监督管理局"


class Center:
    def __init__(self, db: Database, admin: Actor, clerk: Actor) -> None:
        add_user(db, admin, "scjg1", Role.BACK_OFFICE, "孙科员")
        self.item: ItemRef = make_item(db, department=MARKET)
        self.window_item = make_item(
            db, code="320324-MZ-001", name="临时救助", department="县民政局"
        )
        desks = DeskService(db)
        desks.add(admin, "人社后台")
        self.desk = desks.add(admin, "市场监管后台").id
        desks.map_department(admin, MARKET, self.desk)
        desks.add_member(admin, self.desk, "scjg1")
        cases = CaseService(db)
        self.away = cases.accept(
            clerk, intake_for(self.item, id_number=resident_id(sequence="101"))
        ).number
        HandoverService(db).to_desk(clerk, self.away, self.desk)
        self.here = cases.accept(
            clerk, intake_for(self.item, id_number=resident_id(sequence="102"))
        ).number
        self.window_case = cases.accept(
            clerk, intake_for(self.window_item, id_number=resident_id(sequence="103"))
        ).number


@pytest.fixture
def center(db: Database, admin: Actor, clerk: Actor) -> Center:
    return Center(db, admin, clerk)


@pytest.fixture
def context(qtbot: QtBot, db: Database, clerk: Actor) -> Iterator[AppContext]:
    context = AppContext(db, DataBus())
    context.session = Session(clerk, None, "")
    yield context
    QThreadPool.globalInstance().waitForDone(10_000)


@pytest.fixture
def previewed(monkeypatch: pytest.MonkeyPatch) -> list[tuple[Path, str]]:
    shown: list[tuple[Path, str]] = []
    monkeypatch.setattr(
        case_list, "preview_document", lambda _parent, path, title: shown.append((path, title))
    )
    return shown


def open_page(
    qtbot: QtBot, context: AppContext, size: tuple[int, int] = (1400, 800)
) -> CaseListPage:
    page = CaseListPage(context)
    qtbot.addWidget(page)
    page.resize(*size)
    page.show()
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    qtbot.waitUntil(lambda: not page.is_loading(), timeout=10_000)
    return page


def shown(page: CaseListPage) -> list[tuple[str, str]]:
    model = page.model
    return [
        (model.row_at(row).number, model.index(row, COL_HOLDER).data())
        for row in range(model.rowCount())
    ]


def choose(qtbot: QtBot, page: CaseListPage, number: str) -> None:
    assert page.select_number(number)
    qtbot.waitUntil(
        lambda: page.current is not None and page.current.number == number and not page.is_loading()
    )


def test_the_holder_column_and_filter(qtbot: QtBot, context: AppContext, center: Center) -> None:
    page = open_page(qtbot, context)
    assert shown(page) == [
        (center.window_case, "综合窗口"),
        (center.here, "综合窗口"),
        (center.away, "市场监管后台"),
    ]
    combo = page.holder_combo
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Down)  # 综合窗口
    qtbot.waitUntil(lambda: not page.is_loading())
    assert [n for n, _ in shown(page)] == [center.window_case, center.here]
    qtbot.keyClick(combo, Qt.Key.Key_Down)  # 后台审批
    qtbot.waitUntil(lambda: not page.is_loading())
    assert shown(page) == [(center.away, "市场监管后台")]
    qtbot.keyClick(combo, Qt.Key.Key_Down)  # 县级部门
    qtbot.waitUntil(lambda: not page.is_loading())
    assert shown(page) == [] and page.status_label.text() == "没有符合条件的办件"


def test_hand_over_to_the_desk_and_print_the_voucher(
    qtbot: QtBot,
    db: Database,
    context: AppContext,
    center: Center,
    previewed: list[tuple[Path, str]],
) -> None:
    page = open_page(qtbot, context)
    choose(qtbot, page, center.here)
    assert page.handover_button.isEnabled()
    assert not page.action_buttons[CaseAction.COMPLETE].isEnabled()  # a desk decides it
    qtbot.keyClick(page.table, Qt.Key.Key_B, Qt.KeyboardModifier.AltModifier)
    dialog = page.active_dialog
    assert isinstance(dialog, HandoverDialog)
    assert dialog.desk_combo.currentText() == "市场监管后台"  # the department's desk
    assert dialog.taker_edit.text() == "孙科员"  # its one officer
    assert dialog.chosen_papers() == ["居民身份证", "个体工商户设立登记申请书", "经营场所使用证明"]
    dialog.papers.item(2).setCheckState(Qt.CheckState.Unchecked)  # stays at the window
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    dialog.note_edit.setFocus()
    type_text(dialog.note_edit, "加急")
    with qtbot.waitSignal(page.printed, timeout=20_000) as printed:
        qtbot.keyClick(dialog.note_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    wait_for_writes(qtbot, context)
    path = printed.args[0]
    assert previewed == [(path, f"物料流转凭证 {center.here}")]
    assert path.name == f"{center.here}-transfer_voucher.pdf"
    with db.reads() as session:
        case = session.scalar(select(Case).where(Case.number == center.here))
        assert case is not None and (case.holder, case.desk_id) == (Holder.DESK, center.desk)
        handover = session.scalars(
            select(CaseHandover).where(CaseHandover.case_id == case.id)
        ).one()
        assert (handover.taken_by, handover.note) == ("孙科员", "加急")
        assert handover.papers == "居民身份证\n个体工商户设立登记申请书"
    assert not page.handover_button.isEnabled()  # at the desk now


def test_no_papers_ticked_keeps_the_dialog_open_and_writes_nothing(
    qtbot: QtBot, db: Database, context: AppContext, center: Center
) -> None:
    page = open_page(qtbot, context)
    choose(qtbot, page, center.here)
    dialog = page.start_handover()
    assert dialog is not None
    for row in range(dialog.papers.count()):
        dialog.papers.item(row).setCheckState(Qt.CheckState.Unchecked)
    dialog.confirm_button.click()
    assert dialog.isVisible() and dialog.error_label.text() == "请勾选移交的材料"
    with db.reads() as session:
        assert (
            session.scalar(select(Case.holder).where(Case.number == center.here)) is Holder.WINDOW
        )
        assert len(session.scalars(select(CaseHandover)).all()) == 1  # the fixture's own


def test_a_window_item_is_not_handed_over_and_is_completed_at_the_window(
    qtbot: QtBot, context: AppContext, center: Center
) -> None:
    page = open_page(qtbot, context)
    choose(qtbot, page, center.window_case)
    assert not page.handover_button.isEnabled()
    assert page.start_handover() is None
    assert page.action_buttons[CaseAction.COMPLETE].isEnabled()


def test_the_case_list_with_the_holder_column_fits_1024_by_768(
    qtbot: QtBot, context: AppContext, center: Center
) -> None:
    page = open_page(qtbot, context, (1024, 768 - 70))
    choose(qtbot, page, center.here)
    qtbot.wait(100)
    assert outside(page, page) == []
