"""A row of controls that wraps on a narrow window instead of widening it."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit, QPushButton, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from townclerk.ui.widgets.flow_layout import FlowLayout


def test_a_row_wraps_when_narrow_and_its_search_box_takes_the_room_left(qtbot: QtBot) -> None:
    page = QWidget()
    qtbot.addWidget(page)
    column = QVBoxLayout(page)
    row = FlowLayout()
    buttons = [QPushButton(f"筛选 {n}") for n in range(6)]
    for button in buttons:
        row.addWidget(button)
    search = QLineEdit()
    search.setMinimumWidth(200)
    row.addWidget(search)
    column.addLayout(row)
    column.addStretch(1)
    one_line = row.sizeHint().width()
    assert page.minimumSizeHint().width() < one_line / 2  # never forces the whole row's width

    page.resize(one_line + 300, 200)
    page.show()
    qtbot.waitExposed(page)
    assert {button.y() for button in buttons} == {search.y()}  # one line
    assert search.geometry().right() >= page.width() - 20  # the box fills the line
    assert search.width() > 200

    page.resize(buttons[0].sizeHint().width() * 3 + 60, 300)
    qtbot.waitUntil(lambda: search.y() > buttons[0].y())
    assert buttons[0].y() < buttons[-1].y()  # the buttons wrap too
    for widget in [*buttons, search]:
        assert widget.geometry().right() < page.width()  # nothing beyond the page's edge
