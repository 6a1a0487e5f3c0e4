"""The intake search's result list: updated row by row while typing, painted from cached text,
and the window's most used items kept current after each registration."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QModelIndex, QRect, Qt
from PySide6.QtGui import QColor, QImage, QPalette
from pytestqt.qtbot import QtBot

from tests.factories import ID_ZHANG, make_item
from tests.ui.test_intake_support import Env, build_env, commit_text, show_intake_page
from tests.ui.writes import changed_elsewhere
from townclerk.db.database import Database
from townclerk.enums import CaseKind, Category, Level
from townclerk.records.changes import DataArea
from townclerk.services.access import Actor
from townclerk.services.search import ItemSummary
from townclerk.ui import style
from townclerk.ui.pages.intake.intake_page import IntakePage
from townclerk.ui.pages.intake.search_results import SearchResultsModel


def summary(number: int, *, name: str = "事项", instant: bool = False) -> ItemSummary:
    return ItemSummary(
        id=number,
        code=f"C-{number}",
        name=f"{name}{number}",
        department="睢宁县民政局",
        category=Category.PUBLIC_SERVICE,
        case_kind=CaseKind.INSTANT if instant else CaseKind.PROMISED,
        promised_days=0 if instant else 5,
        statutory_days=5,
        level=Level.TOWNSHIP,
    )


class ModelEvents:
    """What a model told its views, in order."""

    def __init__(self, model: SearchResultsModel) -> None:
        self.seen: list[tuple[object, ...]] = []
        model.modelReset.connect(lambda: self.seen.append(("reset",)))
        model.rowsInserted.connect(
            lambda _parent, first, last: self.seen.append(("inserted", first, last))
        )
        model.rowsRemoved.connect(
            lambda _parent, first, last: self.seen.append(("removed", first, last))
        )
        model.dataChanged.connect(
            lambda top, bottom, _roles: self.seen.append(("changed", top.row(), bottom.row()))
        )

    def take(self) -> list[tuple[object, ...]]:
        seen, self.seen = self.seen, []
        return seen


def items_of(model: SearchResultsModel) -> list[ItemSummary]:
    return [model.item(row) for row in range(model.rowCount())]


def test_typing_on_repaints_only_the_rows_that_changed(qapp: object) -> None:
    model = SearchResultsModel()
    events = ModelEvents(model)
    a, b, c, d = (summary(number) for number in range(1, 5))
    steps = [
        ([a, b, c], [("inserted", 0, 2)]),
        ([a, b, c], []),  # the same results: nothing to repaint
        ([a, d, c], [("changed", 1, 1)]),
        ([a, d], [("removed", 2, 2)]),
        ([b, d, c, a], [("changed", 0, 0), ("inserted", 2, 3)]),
        ([c], [("removed", 1, 3), ("changed", 0, 0)]),
        ([], [("removed", 0, 0)]),
    ]
    for items, expected in steps:
        model.set_items(items)
        assert events.take() == expected, items
        assert items_of(model) == items


def test_the_model_stays_consistent_through_updates(qtmodeltester: object) -> None:
    model = SearchResultsModel()
    qtmodeltester.check(model)  # type: ignore[attr-defined]  # stays attached, warns on faults
    sequences = [
        [summary(1), summary(2, instant=True), summary(3)],
        [summary(2, instant=True)],
        [summary(number) for number in range(10, 30)],
        [summary(number) for number in range(15, 25)],
        [],
        [summary(4)],
    ]
    for items in sequences:
        model.set_items(items)
        assert items_of(model) == items
        assert model.data(model.index(len(items), 0)) is None


@pytest.fixture
def env(db: Database, admin: Actor, clerk: Actor) -> Env:
    return build_env(db, admin, clerk)


@pytest.fixture
def page(qtbot: QtBot, env: Env) -> IntakePage:
    return show_intake_page(qtbot, env.context)


def test_typing_more_keeps_the_first_result_highlighted(qtbot: QtBot, page: IntakePage) -> None:
    commit_text(page.search.edit, "睢宁")  # the department of both items
    assert page.search.model.rowCount() == 2
    qtbot.keyClick(page.search.edit, Qt.Key.Key_Down)
    assert page.search.list.currentIndex().row() == 1
    commit_text(page.search.edit, "县")  # still both: the rows stay, the highlight goes back
    assert page.search.edit.text() == "睢宁县"
    assert page.search.model.rowCount() == 2
    assert page.search.list.currentIndex().row() == 0
    first = page.search.model.item(0)
    with qtbot.waitSignal(page.search.item_chosen) as chosen:
        qtbot.keyClick(page.search.edit, Qt.Key.Key_Return)
    assert chosen.args == [first.id]


def test_a_long_result_count_text_does_not_widen_the_panel(qtbot: QtBot, page: IntakePage) -> None:
    qtbot.wait(10)
    width = page.search.width()
    minimum = page.search.minimumSizeHint().width()
    qtbot.keyClicks(page.search.edit, "x" * 120)  # "No item matches “xxxx…”": wider than the panel
    qtbot.wait(10)
    assert "x" * 120 in page.search.header.text()
    assert page.search.header.sizeHint().width() > width
    assert page.search.minimumSizeHint().width() == minimum
    assert page.search.width() == width


def painted(page: IntakePage) -> QImage:
    return page.search.list.viewport().grab().toImage()


def row_rect(page: IntakePage, row: int) -> QRect:
    return page.search.list.visualRect(page.search.model.index(row, 0))


def count_pixels(image: QImage, rect: QRect, wanted: Callable[[QColor], bool]) -> int:
    return sum(
        1
        for y in range(rect.top(), rect.bottom() + 1)
        for x in range(rect.left(), rect.right() + 1)
        if wanted(image.pixelColor(x, y))
    )


def halves(rect: QRect) -> tuple[QRect, QRect]:
    """The name line and the detail line of a row."""
    top = QRect(rect.left(), rect.top(), rect.width(), rect.height() // 2)
    return top, QRect(rect.left(), top.bottom() + 1, rect.width(), rect.bottom() - top.bottom())


def is_badge(colour: QColor) -> bool:
    return colour == style.WARNING


def is_dark(colour: QColor) -> bool:
    return colour.lightness() < 90 and colour.saturation() < 60


def is_grey(colour: QColor) -> bool:
    return 60 <= colour.lightness() <= 200 and colour.saturation() < 40


def test_rows_show_the_name_the_detail_and_a_badge_for_instant_items(
    qtbot: QtBot, page: IntakePage, env: Env
) -> None:
    commit_text(page.search.edit, "睢宁县")
    qtbot.wait(10)
    model = page.search.model
    instant = next(row for row in range(2) if model.item(row).id == env.instant.id)
    image = painted(page)
    assert count_pixels(image, row_rect(page, instant), is_badge) > 50
    assert count_pixels(image, row_rect(page, 1 - instant), is_badge) == 0
    # The second row is not highlighted: a dark name over a grey detail line.
    name_line, detail_line = halves(row_rect(page, 1))
    assert count_pixels(image, name_line, is_dark) > 50
    assert count_pixels(image, detail_line, is_dark) == 0
    assert count_pixels(image, detail_line, is_grey) > 50
    # The first is: the highlight colour behind it.
    highlight = page.search.list.palette().color(QPalette.ColorRole.Highlight)
    assert count_pixels(image, row_rect(page, 0), lambda colour: colour == highlight) > 1000


def test_a_long_name_is_cut_short_before_the_badge(
    qtbot: QtBot, page: IntakePage, env: Env, db: Database
) -> None:
    make_item(
        db,
        code="320324-MZ-099",
        name="城乡居民最低生活保障对象动态管理及临时救助申请一件事联办受理" * 2,
        department="睢宁县民政局",
        promised_days=0,
        statutory_days=5,
        materials=(("居民身份证", True, False),),
    )
    changed_elsewhere(env.context, DataArea.CATALOG)
    commit_text(page.search.edit, "城乡居民最低")
    assert page.search.model.rowCount() == 1
    name_line, _detail_line = halves(row_rect(page, 0))
    # Unhighlight the row so that the name is dark on the base colour.
    page.search.list.clearSelection()
    page.search.list.setCurrentIndex(QModelIndex())
    qtbot.wait(10)
    image = painted(page)
    middle = name_line.center().y()
    badge = [x for x in range(name_line.right() + 1) if is_badge(image.pixelColor(x, middle))]
    assert badge, "no badge drawn"
    badge_area = QRect(min(badge), name_line.top(), len(badge), name_line.height())
    before_badge = QRect(0, name_line.top(), min(badge), name_line.height())
    assert count_pixels(image, badge_area, is_dark) == 0  # the name stops before the badge
    assert count_pixels(image, before_badge, is_dark) > 100


def test_after_a_registration_the_window_s_most_used_items_are_current(
    qtbot: QtBot, page: IntakePage, env: Env
) -> None:
    model = page.search.model
    assert model.rowCount() == 0  # nothing registered at this window yet
    assert page.search.header.text() == ""
    qtbot.keyClicks(page.search.edit, "gtgs")
    qtbot.keyClick(page.search.edit, Qt.Key.Key_Return)
    assert page.item_panel.item is not None and page.item_panel.item.id == env.item.id
    page.item_panel.receive_all()
    qtbot.keyClicks(page.applicant.id_edit, ID_ZHANG)
    page.applicant.name_edit.setText("张伟")
    qtbot.keyClicks(page.applicant.phone_edit, "13812345678")
    with qtbot.waitSignal(page.registered, timeout=10_000):
        qtbot.mouseClick(page.accept_button, Qt.MouseButton.LeftButton)
    assert page.search.edit.text() == ""
    assert [item.id for item in items_of(model)] == [env.item.id]
    assert page.search.header.text() == "本窗口常用事项"
    assert page.search.list.currentIndex() == model.index(0, 0, QModelIndex())
