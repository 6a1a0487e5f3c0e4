"""In the window: the case detail masks ID numbers and phones for anyone but the clerk handling
the case, 显示完整号码 reveals them (audited) for a role allowed to; a disabled user's next
write returns the window to the login dialog, keeping the form as typed."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt, QThreadPool
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from tests.factories import ID_LI, ID_ZHANG, ItemRef, intake_for, make_item
from tests.people import PASSWORD
from tests.ui.test_intake import choose_item, click_check, fill_applicant
from tests.ui.test_intake_support import Env, build_env
from tests.ui.writes import wait_for_writes
from townclerk.db.database import Database
from townclerk.db.models import AuditEntry, Case
from townclerk.enums import Role
from townclerk.services.access import Actor
from townclerk.services.cases import REVEAL_ACTION, CaseService
from townclerk.services.users import UserService
from townclerk.ui.context import AppContext, DataBus, Session
from townclerk.ui.main_window import MainWindow
from townclerk.ui.pages.cases.cases_page import CaseListPage
from townclerk.ui.pages.intake.intake_page import IntakePage
from townclerk.ui.pages.intake.material_checklist import COL_RECEIVED
from townclerk.ui.pages.registry import PAGES

MASKED_ID = "320324********1238"


def reveals(db: Database) -> list[tuple[str, str]]:
    with db.sessions() as session:
        entries = session.scalars(select(AuditEntry).where(AuditEntry.action == REVEAL_ACTION))
        return [(entry.username, entry.target) for entry in entries]


@pytest.fixture
def item(db: Database) -> ItemRef:
    return make_item(db)


@pytest.fixture
def number(db: Database, clerk: Actor, item: ItemRef) -> str:
    return CaseService(db).accept(clerk, intake_for(item)).number


@pytest.fixture
def pages() -> Iterator[list[CaseListPage]]:
    opened: list[CaseListPage] = []
    yield opened
    QThreadPool.globalInstance().waitForDone(10_000)  # no worker may outlive the database


def show(
    qtbot: QtBot, db: Database, actor: Actor, number: str, opened: list[CaseListPage]
) -> CaseListPage:
    context = AppContext(db, DataBus())
    context.session = Session(actor, None, "")
    page = CaseListPage(context)
    qtbot.addWidget(page)
    page.show()
    opened.append(page)
    qtbot.waitUntil(lambda: not page.is_loading(), timeout=10_000)
    assert page.select_number(number)
    qtbot.waitUntil(lambda: page.detail.case is not None, timeout=10_000)
    return page


def test_the_handling_clerk_sees_the_numbers_without_a_button(
    qtbot: QtBot, db: Database, clerk: Actor, number: str, pages: list[CaseListPage]
) -> None:
    page = show(qtbot, db, clerk, number, pages)
    assert page.detail.value_text("id_number").endswith(ID_ZHANG)
    assert page.detail.value_text("phone") == "13812345678"
    assert not page.detail.reveal_button.isVisible()


def test_another_clerk_sees_them_masked_and_cannot_reveal(
    qtbot: QtBot, db: Database, admin: Actor, number: str, pages: list[CaseListPage]
) -> None:
    UserService(db).create_user(admin, "clerk2", PASSWORD, Role.CLERK, "刘建国")
    other = UserService(db).authenticate("clerk2", PASSWORD)
    page = show(qtbot, db, other, number, pages)
    assert page.detail.value_text("id_number").endswith(MASKED_ID)
    assert page.detail.value_text("phone") == "138****5678"
    assert not page.detail.reveal_button.isVisible()
    page = show(qtbot, db, admin, number, pages)
    assert page.detail.value_text("id_number").endswith(MASKED_ID)
    assert not page.detail.reveal_button.isVisible()
    assert reveals(db) == []


def test_a_supervisor_reveals_them_and_it_is_audited(
    qtbot: QtBot,
    db: Database,
    clerk: Actor,
    supervisor: Actor,
    item: ItemRef,
    number: str,
    pages: list[CaseListPage],
) -> None:
    other = CaseService(db).accept(clerk, intake_for(item, id_number=ID_LI)).number
    page = show(qtbot, db, supervisor, number, pages)
    assert page.detail.value_text("id_number").endswith(MASKED_ID)
    button = page.detail.reveal_button
    assert button.isVisible()
    assert reveals(db) == []
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    wait_for_writes(qtbot, page._context)
    qtbot.waitUntil(lambda: page.detail.value_text("id_number").endswith(ID_ZHANG))
    assert page.detail.value_text("phone") == "13812345678"
    assert not button.isVisible()
    assert reveals(db) == [("chief", number)]
    # Another case chosen, and this one again: masked again until asked again.
    assert page.select_number(other)
    qtbot.waitUntil(lambda: page.detail.case is not None and page.detail.case.number == other)
    assert page.select_number(number)
    qtbot.waitUntil(lambda: page.detail.value_text("id_number").endswith(MASKED_ID))
    assert button.isVisible()


# --- a disabled user's session --------------------------------------------------------------
@pytest.fixture
def env(db: Database, admin: Actor, clerk: Actor) -> Env:
    return build_env(db, admin, clerk)


def case_count(db: Database) -> int:
    with db.sessions() as session:
        return session.scalar(select(func.count()).select_from(Case)) or 0


def test_a_disabled_clerks_next_write_returns_to_the_login_dialog_keeping_the_form(
    qtbot: QtBot, env: Env, db: Database, admin: Actor
) -> None:
    intake = next(spec for spec in PAGES if spec.key == "intake")
    window = MainWindow(env.context, pages=[intake])
    qtbot.addWidget(window)
    window.show()
    page = window.pages["intake"]
    assert isinstance(page, IntakePage)
    choose_item(qtbot, page)
    click_check(qtbot, page.item_panel.table, 0, COL_RECEIVED)
    click_check(qtbot, page.item_panel.table, 1, COL_RECEIVED)
    fill_applicant(qtbot, page)
    assert page.accept_button.isEnabled()

    UserService(db).set_active(admin, "clerk1", False)  # meanwhile, at the admin's desk
    qtbot.mouseClick(page.accept_button, Qt.MouseButton.LeftButton)
    wait_for_writes(qtbot, env.context)
    qtbot.waitUntil(window.is_locked, timeout=10_000)
    dialog = window.lock_dialog
    assert dialog is not None
    assert "已被停用" in dialog.message.text()
    login = dialog.login_dialog
    assert login is not None and login.isVisible()
    assert not page.isVisible()
    assert case_count(db) == 0

    UserService(db).create_user(admin, "clerk2", PASSWORD, Role.CLERK, "刘建国")
    qtbot.keyClicks(login.user_edit, "clerk2")
    qtbot.keyClicks(login.password_edit, PASSWORD)
    qtbot.mouseClick(login.login_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not window.is_locked(), timeout=10_000)
    assert env.context.actor.username == "clerk2"
    assert page.applicant.id_edit.text() == ID_ZHANG  # the form as typed
    assert page.applicant.name_edit.text() == "张伟"
    window.close()
