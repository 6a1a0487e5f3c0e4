"""Text that does not fit ends in "…" with the whole text in the tooltip; text that fits has
no tooltip; table cells cut short by their column show their whole text on hover."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QHelpEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QApplication, QTableView, QToolTip
from pytestqt.qtbot import QtBot

from townclerk.ui.widgets.elided_text import ElidedLabel, cut_short, show_full_text_tips

LONG = "个体工商户（个人经营）设立登记、变更登记及注销登记一件事联办"


def test_a_long_text_in_a_narrow_label_ends_in_an_ellipsis_with_the_whole_in_its_tooltip(
    qtbot: QtBot,
) -> None:
    label = ElidedLabel(LONG)
    qtbot.addWidget(label)
    label.resize(120, 30)
    label.show()
    qtbot.waitExposed(label)
    shown = label.shown_text()
    assert shown.endswith("…") and LONG.startswith(shown[:-1])
    assert label.text() == LONG
    assert label.toolTip() == LONG
    assert label.minimumSizeHint().width() < 60  # never widens its window to show it all


def test_the_middle_is_cut_when_the_end_matters(qtbot: QtBot) -> None:
    label = ElidedLabel("已受理　编号 320324101-20261203-0438", mode=Qt.TextElideMode.ElideMiddle)
    qtbot.addWidget(label)
    label.resize(150, 30)
    label.show()
    assert "…" in label.shown_text() and label.shown_text().endswith("0438")


def test_a_short_text_is_shown_whole_without_a_tooltip(qtbot: QtBot) -> None:
    label = ElidedLabel(LONG)
    qtbot.addWidget(label)
    label.resize(120, 30)
    label.show()
    label.setText("已受理")
    assert label.shown_text() == "已受理" and label.toolTip() == ""
    label.setText(LONG)
    label.resize(label.sizeHint().width() + 10, 30)  # widened: the long text fits now
    assert label.shown_text() == LONG and label.toolTip() == ""


def _hover(view: QTableView, row: int, column: int) -> bool:
    index = view.model().index(row, column)
    pos = view.visualRect(index).center()
    event = QHelpEvent(QEvent.Type.ToolTip, pos, view.viewport().mapToGlobal(pos))
    return QApplication.sendEvent(view.viewport(), event)


def test_a_cell_cut_short_shows_its_whole_text_on_hover(qtbot: QtBot) -> None:
    model = QStandardItemModel(2, 1)
    model.setItem(0, 0, QStandardItem(LONG))
    model.setItem(1, 0, QStandardItem("低保"))
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.setColumnWidth(0, 100)
    show_full_text_tips(view)
    view.resize(300, 200)
    view.show()
    qtbot.waitExposed(view)
    assert cut_short(view, model.index(0, 0)) and not cut_short(view, model.index(1, 0))
    shown: list[str] = []
    original = QToolTip.showText
    try:
        QToolTip.showText = staticmethod(  # type: ignore[method-assign]
            lambda _pos, text, *_rest: shown.append(text)
        )
        assert _hover(view, 0, 0)
        assert shown == [LONG]
        assert _hover(view, 1, 0)  # taken, and no tooltip for a cell that fits
        assert shown == [LONG]
    finally:
        QToolTip.showText = original  # type: ignore[method-assign]


def test_a_style_sheets_larger_font_shortens_the_text_again(qtbot: QtBot) -> None:
    label = ElidedLabel("已受理　编号 0438")
    qtbot.addWidget(label)
    label.resize(label.sizeHint().width() + 4, 40)
    label.show()
    assert label.shown_text() == "已受理　编号 0438" and label.toolTip() == ""
    label.setStyleSheet("font-size: 24pt; font-weight: bold;")
    assert label.shown_text().endswith("…") and label.toolTip() == "已受理　编号 0438"
