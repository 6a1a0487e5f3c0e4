"""The catalog browser: every role filters and reads the active items; admins edit aliases."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from tests.keyboard import type_text
from tests.ui.writes import wait_for_writes
from townclerk.db.database import Database
from townclerk.db.models import AuditEntry
from townclerk.enums import CaseKind, Level, Role
from townclerk.paths import resource_path
from townclerk.services.access import Actor, Permission, allows
from townclerk.services.catalog import CatalogService
from townclerk.services.search import CatalogSearch
from townclerk.ui.context import AppContext, DataBus, Session
from townclerk.ui.pages.catalog_browser import browser_page
from townclerk.ui.pages.catalog_browser.browser_page import CatalogBrowserPage
from townclerk.ui.pages.catalog_browser.item_table import CatalogItemModel
from townclerk.ui.pages.registry import PAGES

WAIT_MS = 15_000


@pytest.fixture
def sample(db: Database, admin: Actor) -> None:
    CatalogService(db).import_file(admin, resource_path("catalog", "sample_catalog.xlsx"))


def open_page(qtbot: QtBot, db: Database, actor: Actor) -> CatalogBrowserPage:
    context = AppContext(db, DataBus())
    context.session = Session(actor, None, "")
    page = CatalogBrowserPage(context)
    qtbot.addWidget(page)
    page.resize(1300, 800)
    page.show()
    settle(qtbot, page)
    return page


def settle(qtbot: QtBot, page: CatalogBrowserPage) -> None:
    qtbot.waitUntil(lambda: not page.is_loading(), timeout=WAIT_MS)


def names(page: CatalogBrowserPage) -> list[str]:
    return [item.name for item in page.model.rows()]


def test_every_role_has_the_page() -> None:
    spec = next(spec for spec in PAGES if spec.key == "browse")
    assert all(allows(role, spec.permission) for role in Role)
    assert spec.permission is Permission.VIEW_CATALOG


def test_filters_and_the_chosen_item_in_full(
    qtbot: QtBot, db: Database, clerk: Actor, sample: None
) -> None:
    page = open_page(qtbot, db, clerk)
    total = len(CatalogService(db).items())
    assert page.model.rowCount() == total
    assert page.status_label.text() == f"显示{total}项，共{total}项"
    assert not page.detail.alias_row.isVisible()  # a clerk only reads

    department = page.department_combo.findData("睢宁县残疾人联合会")
    page.department_combo.setCurrentIndex(department)
    assert names(page) and all("残疾" in name or "辅助" in name for name in names(page))
    page.kind_combo.setCurrentIndex(page.kind_combo.findData(CaseKind.INSTANT))
    assert all(item.case_kind is CaseKind.INSTANT for item in page.model.rows())
    page.kind_combo.setCurrentIndex(0)
    page.level_combo.setCurrentIndex(page.level_combo.findData(Level.VILLAGE))
    assert all(item.level is Level.VILLAGE for item in page.model.rows())
    page.level_combo.setCurrentIndex(0)
    page.department_combo.setCurrentIndex(0)

    # Everyday names find items here too; a single match is chosen and shown in full.
    type_text(page.search_edit, "准生证")
    settle(qtbot, page)
    assert names(page) == ["生育登记"]
    qtbot.waitUntil(lambda: page.detail.item is not None, timeout=WAIT_MS)
    assert page.detail.title.text() == "生育登记"
    text = page.detail.text.toPlainText()
    assert "准生证" in text and "申请材料（" in text and "不收费" in text
    page.search_edit.clear()
    page.search_edit.setFocus()
    qtbot.keyClick(page.search_edit, Qt.Key.Key_Down)  # ↓ moves into the list
    assert page.table.hasFocus() or page.current_item_id() is not None


def test_typing_searches_once_the_clerk_pauses_and_lists_the_best_matches_filtered(
    qtbot: QtBot, db: Database, clerk: Actor, sample: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(browser_page, "SHOWN_MATCHES", 5)
    page = open_page(qtbot, db, clerk)
    total = page.model.rowCount()
    asked: list[tuple[str, int]] = []
    search = CatalogSearch.search

    def spy(self: CatalogSearch, text: str, window_id: int | None = None, limit: int = 20) -> Any:
        asked.append((text, limit))
        return search(self, text, window_id, limit)

    monkeypatch.setattr(CatalogSearch, "search", spy)
    type_text(page.search_edit, "保险")
    assert asked == []  # nothing while the clerk types
    settle(qtbot, page)
    assert asked == [("保险", 5)]  # once, for the few shown, never the whole catalog
    ranking = CatalogSearch.load(db).search("保险", limit=total)
    assert names(page) == [item.name for item in ranking[:5]]
    assert page.status_label.text() == f"显示最相关的5项，共{total}项"

    # A filter applies on top: the search is asked for more until five pass it.
    asked.clear()
    page.department_combo.setCurrentIndex(page.department_combo.findData("睢宁县医疗保障局"))
    admitted = [item.name for item in ranking if item.department == "睢宁县医疗保障局"]
    assert len(admitted) >= 5
    assert names(page) == admitted[: len(names(page))] and len(names(page)) >= 5
    assert [limit for _text, limit in asked] == [5, 20, 80, 320][: len(asked)]
    assert len(asked) > 1  # the best five overall are not all of this department
    page.department_combo.setCurrentIndex(0)

    # ↓ and Enter do not wait for the pause: what was typed is searched at once.
    page.search_edit.clear()
    type_text(page.search_edit, "准生证")
    qtbot.keyClick(page.search_edit, Qt.Key.Key_Down)
    assert names(page) == ["生育登记"] and page.table.hasFocus()
    page.search_edit.setFocus()
    page.search_edit.clear()
    type_text(page.search_edit, "老年证")
    qtbot.keyClick(page.search_edit, Qt.Key.Key_Return)
    assert names(page) == ["老年人优待证申领"]
    assert page.status_label.text() == f"显示1项，共{total}项"
    settle(qtbot, page)


def test_the_table_model_passes_the_model_tester(
    qtmodeltester: Any, db: Database, sample: None
) -> None:
    model = CatalogItemModel()
    qtmodeltester.check(model)
    model.set_rows(CatalogService(db).items())
    qtmodeltester.check(model)


def test_an_admin_edits_everyday_names_in_one_audited_write(
    qtbot: QtBot, db: Database, admin: Actor, sample: None
) -> None:
    page = open_page(qtbot, db, admin)
    assert page.detail.alias_row.isVisibleTo(page)
    type_text(page.search_edit, "光荣牌悬挂申请")
    settle(qtbot, page)
    qtbot.waitUntil(lambda: page.detail.item is not None, timeout=WAIT_MS)
    item_id = page.detail.item.id if page.detail.item else 0
    page.detail.alias_edit.setText("光荣牌、 挂光荣牌；光荣牌、光荣牌悬挂申请")
    page.detail.alias_button.click()
    wait_for_writes(qtbot, page._context)
    settle(qtbot, page)
    # Each name once; the item's own name is no alias.
    assert CatalogService(db).item(item_id).aliases == ("光荣牌", "挂光荣牌")
    assert page.detail.message.text().startswith("✓")
    with db.reads() as session:
        entry = session.scalars(
            select(AuditEntry).where(AuditEntry.action == "catalog.set_aliases")
        ).one()
    assert entry.detail["new"] == ["光荣牌", "挂光荣牌"]
    # The search index follows at once.
    page.search_edit.clear()
    type_text(page.search_edit, "挂光荣牌")
    settle(qtbot, page)
    assert names(page) == ["光荣牌悬挂申请"]
    # Too long a name is refused beside the field and changes nothing.
    page.detail.alias_edit.setText("长" * 40)
    page.detail.alias_button.click()
    wait_for_writes(qtbot, page._context)
    assert "过长" in page.detail.message.text()
    assert CatalogService(db).item(item_id).aliases == ("光荣牌", "挂光荣牌")
