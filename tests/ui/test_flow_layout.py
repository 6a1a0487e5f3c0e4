"""A row of controls that wraps on a narrow window instead of widening it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect
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


def test_the_height_for_a_width_is_worked_out_once_until_the_row_changes(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = QWidget()
    qtbot.addWidget(page)
    row = FlowLayout(page)
    buttons = [QPushButton(f"筛选 {n}") for n in range(4)]
    for button in buttons:
        row.addWidget(button)
    arranged: list[int] = []
    arrange = row._arrange

    def counted(rect: QRect, *, move: bool) -> int:
        arranged.append(rect.width())
        return arrange(rect, move=move)

    monkeypatch.setattr(row, "_arrange", counted)
    narrow = buttons[0].sizeHint().width() + 10
    one_line = row.heightForWidth(2000)
    wrapped = row.heightForWidth(narrow)
    for _ in range(20):  # a window's layout passes, each keystroke
        assert row.heightForWidth(narrow) == wrapped
    assert len(arranged) == 2
    assert wrapped > one_line

    buttons[1].setText("筛选一个长得多的名字，一行放不下")  # the row changes: measured again
    row.invalidate()
    assert row.heightForWidth(narrow) >= wrapped
    assert len(arranged) == 3
