"""Several windows on one PostgreSQL server: another window's writes reach this one's screens
without a refresh; a lost server shows the banner, keeps every form as typed, and comes back
by itself; a write cut off says plainly that nothing was saved."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import Connection, event, func, select
from sqlalchemy.exc import OperationalError

from tests.conftest import FakeClock
from tests.factories import intake_for
from tests.people import CENTER_CODE, add_user, first_admin
from tests.postgres_server import terminate_backend
from tests.ui.test_intake import choose_item, fill_applicant
from tests.ui.test_intake_support import Env, build_env, show_intake_page
from tests.ui.test_operations import Screen
from tests.ui.writes import wait_for_writes
from townclerk.db.database import Database, open_database
from townclerk.db.models import Case
from townclerk.enums import Role
from townclerk.records.center import CenterSettings
from townclerk.records.changes import Changed, DataArea
from townclerk.services.access import Actor
from townclerk.ui.context import AppContext, DataBus, Session
from townclerk.ui.main_window import MainWindow
from townclerk.ui.pages.cases.cases_page import CaseListPage
from townclerk.ui.pages.registry import PAGES

INTAKE = next(spec for spec in PAGES if spec.key == "intake")
LOST_AT_INTAKE = "保存失败：与服务器的连接中断，本次操作未保存（办件未登记）。连接恢复后请再试。"
WAIT_MS = 10_000


def admin_of(db: Database) -> Actor:
    center = CenterSettings(
        center_name="睢宁县示范镇为民服务中心", center_code=CENTER_CODE, phone="0516-88881234"
    )
    return first_admin(db, center, display_name="系统管理员")


@pytest.fixture
def pg_env(qtbot: QtBot, pg: Database) -> Iterator[Env]:
    admin = admin_of(pg)
    env = build_env(pg, admin, add_user(pg, admin, "clerk1", Role.CLERK, "王晓燕"))
    yield env
    env.context.stop_live_updates()
    wait_for_writes(qtbot, env.context)


def case_count(db: Database) -> int:
    with db.reads() as session:
        return session.scalar(select(func.count()).select_from(Case)) or 0


def wait_listening(qtbot: QtBot, context: AppContext) -> None:
    live = context.live
    assert live is not None
    qtbot.waitUntil(lambda: live.listener.connected, timeout=WAIT_MS)


@pytest.mark.postgres
def test_an_accept_cut_off_by_the_server_keeps_the_form_and_the_retry_registers_once(
    qtbot: QtBot, pg_env: Env, pg: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = show_intake_page(qtbot, pg_env.context)
    choose_item(qtbot, page)
    page.item_panel.receive_all()
    fill_applicant(qtbot, page)
    key = page.intake_key
    materials = page.item_panel.model.material_inputs()
    shown: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "warning", staticmethod(lambda parent, title, text: shown.append(text))
    )
    lost: list[bool] = []
    pg_env.context.bus.connection_lost.connect(lambda: lost.append(True))
    cut: list[bool] = []

    def cut_before_commit(connection: Connection) -> None:
        if not cut:
            cut.append(True)
            driver = connection.connection.driver_connection
            terminate_backend(pg.engine, driver.info.backend_pid)  # type: ignore[union-attr]

    event.listen(pg.engine, "commit", cut_before_commit)
    try:
        qtbot.mouseClick(page.accept_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: not page.busy, timeout=WAIT_MS)
    finally:
        event.remove(pg.engine, "commit", cut_before_commit)
    assert shown == [LOST_AT_INTAKE]  # a message, no crash dialog
    assert lost == [True]  # the main window's banner
    assert case_count(pg) == 0
    # Everything as typed, ready to try again with the same key.
    assert page.item_panel.item is not None and page.item_panel.item.id == pg_env.item.id
    assert page.applicant.name_edit.text() == "张伟"
    assert page.applicant.phone_edit.text() == "13812345678"
    assert page.item_panel.model.material_inputs() == materials
    assert page.intake_key == key
    assert page.accept_button.isEnabled()

    with qtbot.waitSignal(page.registered, timeout=WAIT_MS) as registered:
        qtbot.mouseClick(page.accept_button, Qt.MouseButton.LeftButton)
    assert case_count(pg) == 1
    with pg.reads() as session:
        assert session.scalar(select(Case.intake_key)) == key
    with pg.reads() as session:
        assert session.scalar(select(Case.number)) == registered.args[0].number
    assert page.intake_key != key  # the next resident, the next form


@pytest.mark.postgres
def test_the_banner_shows_while_the_server_is_lost_and_goes_when_it_is_back(
    qtbot: QtBot, pg_env: Env, pg: Database
) -> None:
    context = pg_env.context
    window = MainWindow(context, pages=[INTAKE])
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    banner = window.connection_banner
    assert banner.isHidden()
    page = window.page("intake")
    page.applicant.phone_edit.setText("1381234")  # half typed when the server goes
    context.start_live_updates()
    wait_listening(qtbot, context)
    assert context.live is not None
    listener = context.live.listener
    shown_when_lost: list[bool] = []
    context.bus.connection_lost.connect(lambda: shown_when_lost.append(banner.isVisible()))
    heard: list[DataArea] = []
    context.bus.data_changed.connect(lambda area, _initiator: heard.append(area))
    restored: list[bool] = []
    context.bus.connection_restored.connect(lambda: restored.append(True))

    pid = listener.backend_pid
    assert pid is not None
    terminate_backend(pg.engine, pid)
    qtbot.waitUntil(lambda: bool(shown_when_lost), timeout=WAIT_MS)
    assert shown_when_lost[0] is True
    assert "连接中断，正在重试…" in banner.label.text()
    qtbot.waitUntil(lambda: bool(restored) and banner.isHidden(), timeout=WAIT_MS)
    assert listener.backend_pid != pid
    # What was written meanwhile went unheard: every screen reloads, once.
    qtbot.waitUntil(lambda: sorted(heard) == sorted(DataArea), timeout=WAIT_MS)
    assert page.applicant.phone_edit.text() == "1381234"
    assert window.current_key() == "intake"


@pytest.mark.postgres
def test_a_case_registered_at_one_window_appears_in_the_others_list(
    qtbot: QtBot,
    pg_env: Env,
    pg: Database,
    pg_url: str,
    clock: FakeClock,
    tmp_path: Path,
) -> None:
    window_a = pg_env.context
    db_b = open_database(pg_url, tmp_path / "window-b", clock=clock)  # another PC
    window_b = AppContext(db_b, DataBus())
    window_b.start_session(Session(window_a.actor, pg_env.window.id, pg_env.window.name))
    try:
        cases_b = CaseListPage(window_b)
        qtbot.addWidget(cases_b)
        cases_b.show()
        qtbot.waitExposed(cases_b)
        qtbot.waitUntil(lambda: not cases_b.is_loading(), timeout=WAIT_MS)
        assert cases_b.model.rowCount() == 0
        for context in (window_a, window_b):
            context.start_live_updates()
            wait_listening(qtbot, context)
        intake = dataclasses.replace(intake_for(pg_env.item), intake_key="window-a-form-1")
        case = window_a.cases.accept(window_a.actor, intake)
        qtbot.waitUntil(lambda: cases_b.model.row_of_number(case.number) is not None, timeout=5_000)
    finally:
        window_b.stop_live_updates()
        wait_for_writes(qtbot, window_b)
        db_b.dispose()


def test_a_window_on_sqlite_listens_to_nothing(db: Database, admin: Actor) -> None:
    context = AppContext(db, DataBus())
    context.start_live_updates()
    assert context.live is None


def test_a_write_cut_off_with_the_connection_says_nothing_was_saved(
    qtbot: QtBot, db: Database, clerk: Actor
) -> None:
    """A lost server is the user's environment, not a bug: a plain message, no crash dialog,
    and the banner is asked for."""
    context = AppContext(db, DataBus())
    context.session = Session(clerk, None, "")
    screen = Screen(context)
    qtbot.addWidget(screen)
    lost: list[bool] = []
    context.bus.connection_lost.connect(lambda: lost.append(True))

    def cut_off() -> Changed:
        raise OperationalError(
            "COMMIT", {}, psycopg.OperationalError("server closed the connection unexpectedly")
        )

    screen.writes.run(cut_off, on_done=screen.done.append)
    wait_for_writes(qtbot, context)
    assert screen.message.is_error
    assert screen.message.text() == (
        "✗ 保存失败：与服务器的连接中断，本次操作未保存。连接恢复后请再试。"
    )
    assert lost == [True] and screen.done == []
