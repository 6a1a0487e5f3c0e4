"""How the case list's new parts look once a case has a history: the print buttons of its
documents, the 办结 dialog when a denial adds its fields, the 送达 facts. Found trying the
window as a clerk and a supervisor would, at 1366×768 and 1024×768, in Chinese and English."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from tests.factories import ItemRef
from tests.ui.test_case_list import accept, open_page, select
from tests.ui.test_case_list import context, item, window_id  # noqa: F401  (fixtures)
from townclerk.db.database import Database
from townclerk.enums import DocumentKind
from townclerk.i18n import set_language
from townclerk.services.access import Actor
from townclerk.services.cases import CaseService
from townclerk.ui.context import AppContext


def print_places(page: object) -> dict[DocumentKind, tuple[int, int]]:
    """Where each shown print button sits in the print grid (row, column)."""
    grid = page.print_grid  # type: ignore[attr-defined]
    places = {}
    for kind, button in page.print_buttons.items():  # type: ignore[attr-defined]
        index = grid.indexOf(button)
        if button.isVisibleTo(page) and index >= 0:
            row, column, _rows, _columns = grid.getItemPosition(index)
            places[kind] = (row, column)
    return places


def test_the_documents_of_a_case_sit_side_by_side_from_the_first_place(
    qtbot: QtBot, db: Database, clerk: Actor, item: ItemRef, context: AppContext
) -> None:
    number = accept(db, clerk, item)
    CaseService(db).start_correction(clerk, number, "补充经营场所租赁合同")
    page = open_page(qtbot, context)
    select(qtbot, page, number)
    # Two documents: two places on the first row, no hole where other kinds would go.
    assert print_places(page) == {
        DocumentKind.RECEIPT: (0, 0),
        DocumentKind.CORRECTION_NOTICE: (0, 1),
    }


def test_a_long_document_name_in_english_does_not_widen_the_page(
    qtbot: QtBot, db: Database, clerk: Actor, item: ItemRef, context: AppContext
) -> None:
    number = accept(db, clerk, item)
    CaseService(db).start_correction(clerk, number, "补充经营场所租赁合同")
    set_language("en")
    try:
        page = open_page(qtbot, context)
        select(qtbot, page, number)
        notice = page.print_buttons[DocumentKind.CORRECTION_NOTICE]
        assert notice.text() == "Print Notice to correct the application"
        # It takes a row of its own rather than a column twice an action button's width.
        assert print_places(page) == {
            DocumentKind.RECEIPT: (0, 0),
            DocumentKind.CORRECTION_NOTICE: (1, 0),
        }
        assert page.print_grid.sizeHint().width() <= page.action_grid.sizeHint().width()
    finally:
        set_language("zh_CN")
