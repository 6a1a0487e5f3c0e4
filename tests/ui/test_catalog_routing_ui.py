"""The catalog browser says how an item is handled: a 初审转报 item with its 初审时限."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from tests.keyboard import type_text
from tests.ui.test_catalog_browser import WAIT_MS, names, open_page, settle
from townclerk.db.database import Database
from townclerk.paths import resource_path
from townclerk.services.access import Actor
from townclerk.services.catalog import CatalogService


def test_a_review_item_shows_its_handling_and_review_days(
    qtbot: QtBot, db: Database, admin: Actor, clerk: Actor
) -> None:
    CatalogService(db).import_file(admin, resource_path("catalog", "sample_catalog.xlsx"))
    page = open_page(qtbot, db, clerk)
    type_text(page.search_edit, "取水许可初审")
    settle(qtbot, page)
    assert names(page)[0] == "取水许可初审"
    qtbot.waitUntil(lambda: page.detail.item is not None, timeout=WAIT_MS)
    assert "办理方式初审转报（初审10个工作日）" in "".join(page.detail.text.toPlainText().split())
