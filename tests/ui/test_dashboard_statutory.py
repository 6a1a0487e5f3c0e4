"""The dashboard shows 超法定时限件 where it shows the overdue counts: a tile and a column."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QModelIndex, Qt
from pytestqt.qtbot import QtBot

from tests.conftest import FakeClock
from tests.factories import intake_for, make_item
from townclerk.db.database import Database
from townclerk.services.access import Actor
from townclerk.services.cases import CaseService
from townclerk.ui import style
from townclerk.ui.context import AppContext, DataBus, Session
from townclerk.ui.pages.dashboard.dashboard_page import DashboardPage
from townclerk.ui.pages.dashboard.group_table import COL_OVER_STATUTORY

WAIT_MS = 20_000


def test_a_case_past_its_statutory_date_shows_on_the_tile_and_in_the_tables(
    qtbot: QtBot, db: Database, clock: FakeClock, clerk: Actor, supervisor: Actor
) -> None:
    short = make_item(db, code="S-1", promised_days=1, statutory_days=2)  # due 09-30 and 10-08
    CaseService(db).accept(clerk, intake_for(short))
    clock.set(dt.datetime(2026, 10, 9, 16, 0))
    context = AppContext(db, DataBus())
    context.session = Session(supervisor, None, "")
    page = DashboardPage(context)
    qtbot.addWidget(page)
    page.resize(1254, 720)
    with qtbot.waitSignal(page.loaded, timeout=WAIT_MS):
        page.show()
    qtbot.waitUntil(lambda: not page.is_busy(), timeout=WAIT_MS)

    tile = page.board.tiles["over_statutory"]
    assert page.board.value_texts()["over_statutory"] == "1"
    assert tile.alert
    assert tile.note.text() == "办结 0 件，在办 1 件"
    assert tile.toolTip().startswith("超法定时限件：办结用时超过法定办结时限")
    model = page.clerks_model
    header = model.headerData(COL_OVER_STATUTORY, Qt.Orientation.Horizontal)
    assert header.replace("\n", "") == "超法定时限件"
    (row,) = [
        row
        for row in range(model.rowCount())
        if model.index(row, 0, QModelIndex()).data() == "王晓燕"
    ]
    cell = model.index(row, COL_OVER_STATUTORY, QModelIndex())
    assert cell.data() == "1"
    assert cell.data(Qt.ItemDataRole.ForegroundRole) == style.ERROR
