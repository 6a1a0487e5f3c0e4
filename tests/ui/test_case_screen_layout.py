"""How the case list's new parts look once a case has a history: the print buttons of its
documents, the 办结 dialog when a denial adds its fields, the 送达 facts. Found trying the
window as a clerk and a supervisor would, at 1366×768 and 1024×768, in Chinese and English."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.qtbot import QtBot

from tests.factories import ItemRef
from tests.ui import test_case_list, test_tolerance_ui
from tests.ui.test_case_list import accept, open_page, select
from tests.ui.test_intake_support import Env
from tests.ui.test_tolerance_ui import case_page, open_complete_dialog, tolerated_case, window_for
from townclerk.db.database import Database
from townclerk.enums import Decision, DeliveryMethod, DocumentKind
from townclerk.i18n import set_language
from townclerk.services.access import Actor
from townclerk.services.cases import CaseService
from townclerk.ui.context import AppContext

# The fixtures of the case list's and the 容缺 screens' tests.
item, window_id, context = test_case_list.item, test_case_list.window_id, test_case_list.context
env = test_tolerance_ui.env


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


def squeezed_labels(dialog: QWidget) -> list[str]:
    """Wrapped labels given less height than their text needs at their width (cut off)."""
    return [
        label.text()
        for label in dialog.findChildren(QLabel)
        if label.isVisible()
        and label.wordWrap()
        and label.height() < label.heightForWidth(label.width())
    ]


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_the_completion_dialog_grows_with_the_fields_of_a_denial(
    qtbot: QtBot, db: Database, clerk: Actor, env: Env, lang: str
) -> None:
    number = tolerated_case(db, clerk, env)
    set_language(lang)
    try:
        window = window_for(qtbot, env)
        page = case_page(qtbot, window, number)
        dialog = open_complete_dialog(qtbot, page)
        assert dialog.override_box is not None
        assert squeezed_labels(dialog) == []
        height = dialog.height()
        dialog.decision_buttons[Decision.DENIED].click()
        qtbot.wait(50)  # the layout settles
        # The reason and the legal basis are added below: the dialog is taller, and the
        # 容缺 explanation under them still shows every line.
        assert dialog.height() > height
        assert squeezed_labels(dialog) == []
        dialog.decision_buttons[Decision.GRANTED].click()
        qtbot.wait(50)
        assert dialog.height() == height  # and shrinks back
        assert squeezed_labels(dialog) == []
        dialog.reject()
    finally:
        set_language("zh_CN")


def test_the_time_and_method_of_service_read_on_one_line(
    qtbot: QtBot, db: Database, clerk: Actor, item: ItemRef, context: AppContext
) -> None:
    number = accept(db, clerk, item)
    cases = CaseService(db)
    cases.complete(clerk, number, Decision.GRANTED, "营业执照", "")
    cases.deliver(clerk, number, "", method=DeliveryMethod.MAIL)
    page = open_page(qtbot, context)
    page.resize(1240, 700)  # the page of a maximised window on a 1366×768 screen
    select(qtbot, page, number)
    value = page.detail._values["delivered"]
    assert value.text().endswith(" 邮寄送达")
    # Beside another fact it wrapped inside the method's name (“邮 / 寄送达”).
    assert value.heightForWidth(value.width()) < 2 * value.fontMetrics().lineSpacing()
