"""The bar under the year calendar that marks the selected days 休 or 班 in one step.

The days are chosen on the calendar (click, shift-click, drag, or arrow keys with Shift) or typed
into the two date fields; one note (the reason, e.g. the county's notice) goes with all of them.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDateEdit,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from townclerk.i18n import t
from townclerk.ui import style
from townclerk.ui.qt_typed import from_qdate, to_qdate

MAX_NOTE = 200


class RangeBar(QFrame):
    """From, to, a note and three buttons: 休 (days off), 班 (working days), official."""

    marked = Signal(object, object, object, str)  # first, last, is_workday (None: official), note
    typed = Signal(object, object)  # first, last typed into the date fields

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("calendarRangeBar")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 4, 0, 4)
        self.summary = QLabel()
        self.summary.setObjectName("rangeSummary")
        row.addWidget(self.summary)
        self.from_edit = self._date_edit("rangeFromEdit", t("要标记的第一天"))
        self.to_edit = self._date_edit("rangeToEdit", t("要标记的最后一天"))
        row.addWidget(self.from_edit)
        row.addWidget(QLabel("—"))
        row.addWidget(self.to_edit)
        self.note_edit = QLineEdit()
        self.note_edit.setObjectName("rangeNoteEdit")
        self.note_edit.setAccessibleName(t("所选日期的原因"))
        self.note_edit.setPlaceholderText(t("原因，如县政府2027年11月20日通知"))
        self.note_edit.setMaxLength(MAX_NOTE)
        row.addWidget(self.note_edit, 1)
        self.off_button = self._button("markOffButton", t("休 放假(&D)"), style.HOLIDAY_MARK, False)
        self.work_button = self._button("markWorkButton", t("班 上班(&W)"), style.WORKED_MARK, True)
        self.official_button = self._button(
            "markOfficialButton", t("恢复官方(&O)"), style.TEXT, None
        )
        for button in self.buttons():
            row.addWidget(button)
        self._updating = False
        self.show_selection(None, None)

    def _date_edit(self, name: str, accessible: str) -> QDateEdit:
        edit = QDateEdit()
        edit.setObjectName(name)
        edit.setAccessibleName(accessible)
        edit.setDisplayFormat("yyyy-MM-dd")
        edit.setCalendarPopup(True)
        edit.dateChanged.connect(lambda _date: self._dates_typed())
        return edit

    def _button(self, name: str, text: str, colour: object, is_workday: bool | None) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        if is_workday is not None:
            button.setStyleSheet(style.text_style(colour, bold=True))  # type: ignore[arg-type]
        button.clicked.connect(lambda: self._mark(is_workday))
        return button

    def buttons(self) -> tuple[QPushButton, ...]:
        return (self.off_button, self.work_button, self.official_button)

    def start_at(self, day: dt.date) -> None:
        """Nothing chosen yet: the date fields show ``day`` to type from (not Qt's 2000-01-01)."""
        self._updating = True
        try:
            self.from_edit.setDate(to_qdate(day))
            self.to_edit.setDate(to_qdate(day))
        finally:
            self._updating = False

    def selection(self) -> tuple[dt.date, dt.date] | None:
        first, last = from_qdate(self.from_edit.date()), from_qdate(self.to_edit.date())
        return (first, last) if first <= last else None

    def show_selection(self, first: dt.date | None, last: dt.date | None) -> None:
        """The calendar's selection, shown in the fields (None: nothing selected)."""
        self._updating = True
        try:
            if first is not None and last is not None:
                self.from_edit.setDate(to_qdate(first))
                self.to_edit.setDate(to_qdate(last))
        finally:
            self._updating = False
        self._describe(first is not None)

    def _describe(self, chosen: bool) -> None:
        selection = self.selection() if chosen else None
        if selection is None:
            self.summary.setText(t("在日历上选择日期（按住Shift扩展）："))
        else:
            count = (selection[1] - selection[0]).days + 1
            self.summary.setText(t("已选{count}天：", count=count))
        for button in self.buttons():
            button.setEnabled(selection is not None)

    def _dates_typed(self) -> None:
        if self._updating:
            return
        selection = self.selection()
        self._describe(True)
        if selection is not None:
            self.typed.emit(*selection)

    def _mark(self, is_workday: bool | None) -> None:
        selection = self.selection()
        if selection is not None:
            self.marked.emit(*selection, is_workday, self.note_edit.text().strip())
