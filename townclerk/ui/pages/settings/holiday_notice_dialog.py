"""Paste the State Council's yearly holiday notice, see the days it sets, then apply them.

Reading the text is instant and writes nothing; the preview lists every day off and make-up
working day with its holiday and whether it changes the calendar in use. Applying is one write
(SettingsService.apply_notice): all the days, or none.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from townclerk.errors import UserError
from townclerk.formats.holiday_notice import HolidayNotice, notice_year, parse_notice
from townclerk.ui import style
from townclerk.ui.context import AppContext
from townclerk.ui.operations import WriteRunner
from townclerk.ui.widgets.message_line import MessageLine


class HolidayNoticeDialog(QDialog):
    """The notice's text, the year, a preview of its days, and Apply."""

    applied = Signal(int, int)  # year, days set

    def __init__(self, context: AppContext, year: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("holidayNoticeDialog")
        self.setWindowTitle(self.tr("The State Council's holiday notice"))
        self.setModal(True)
        self.resize(760, 620)
        self._context = context
        self.notice: HolidayNotice | None = None
        self._weekdays = (
            self.tr("Mon"),
            self.tr("Tue"),
            self.tr("Wed"),
            self.tr("Thu"),
            self.tr("Fri"),
            self.tr("Sat"),
            self.tr("Sun"),
        )
        layout = QVBoxLayout(self)
        hint = QLabel(
            self.tr(
                "Paste the notice (国务院办公厅关于…年部分节假日安排的通知) from its title to "
                "its last holiday, then press Read. Nothing is changed until you apply the days "
                "shown."
            )
        )
        hint.setWordWrap(True)
        layout.addWidget(hint)
        self.text_edit = QPlainTextEdit()
        self.text_edit.setObjectName("noticeTextEdit")
        self.text_edit.setAccessibleName(self.tr("Text of the notice"))
        self.text_edit.setTabChangesFocus(True)
        self.text_edit.textChanged.connect(self._text_changed)
        layout.addWidget(self.text_edit, 2)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Year, if the title is not pasted:")))
        self.year_spin = QSpinBox()
        self.year_spin.setObjectName("noticeYearSpin")
        self.year_spin.setRange(2001, 2100)
        self.year_spin.setValue(year)
        row.addWidget(self.year_spin)
        row.addStretch(1)
        self.read_button = QPushButton(self.tr("&Read"))
        self.read_button.setObjectName("noticeReadButton")
        self.read_button.clicked.connect(self.read)
        row.addWidget(self.read_button)
        layout.addLayout(row)
        self.summary = QLabel()
        self.summary.setObjectName("noticeSummary")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.table = QTableWidget(0, 4)
        self.table.setObjectName("noticeDaysTable")
        self.table.setAccessibleName(self.tr("Days the notice sets"))
        self.table.setHorizontalHeaderLabels(
            [self.tr("Day"), self.tr("Set as"), self.tr("Holiday"), self.tr("Change")]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        layout.addWidget(self.table, 3)
        self.message = MessageLine("noticeMessage")
        layout.addWidget(self.message)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.apply_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.apply_button.setObjectName("noticeApplyButton")
        self.apply_button.setText(self.tr("&Apply these days"))
        self.apply_button.setEnabled(False)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        # Ctrl+Enter: the text box would take it as a line break, so it is caught there too.
        self.text_edit.installEventFilter(self)
        self._writes = WriteRunner(context, self, message=self.message)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.text_edit
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            self._confirm_key()
            return True
        return super().eventFilter(watched, event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and (
            event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            self._confirm_key()
            return
        super().keyPressEvent(event)

    def _confirm_key(self) -> None:
        """Ctrl+Enter reads the text, and once read, applies it."""
        if self.notice is None:
            self.read()
        else:
            self.accept()

    def _text_changed(self) -> None:
        # What was read no longer matches the text: read again before applying.
        self.notice = None
        self.apply_button.setEnabled(False)

    def read(self) -> None:
        try:
            text = self.text_edit.toPlainText()
            # The title's year wins; the spin box is for a text pasted without its title.
            year = None if notice_year(text) is not None else self.year_spin.value()
            notice = parse_notice(text, year)
        except UserError as error:
            self.notice = None
            self.table.setRowCount(0)
            self.summary.clear()
            self.apply_button.setEnabled(False)
            self.message.show_error(str(error))
            return
        self.message.clear_message()
        self.notice = notice
        self.year_spin.setValue(notice.year)
        self._fill(notice)
        self.apply_button.setEnabled(True)
        self.apply_button.setFocus()

    def _fill(self, notice: HolidayNotice) -> None:
        calendar = self._context.settings.work_calendar()
        changes = 0
        self.table.setRowCount(len(notice.days))
        for row, notice_day in enumerate(notice.days):
            changed = calendar.is_workday(notice_day.day) != notice_day.is_workday
            changes += changed
            state = self.tr("班 working day") if notice_day.is_workday else self.tr("休 day off")
            values = [
                self.tr("{date} ({weekday})").format(
                    date=notice_day.day.isoformat(),
                    weekday=self._weekdays[notice_day.day.weekday()],
                ),
                state,
                notice_day.holiday,
                self.tr("changes the calendar") if changed else "",
            ]
            for column, text in enumerate(values):
                item = QTableWidgetItem(text)
                if column == 1:
                    colour = style.WORKED_MARK if notice_day.is_workday else style.HOLIDAY_MARK
                    item.setForeground(colour)
                self.table.setItem(row, column, item)
        self.summary.setText(
            self.tr(
                "{year}: {holidays}. {off} day(s) off and {worked} make-up working day(s); "
                "{changes} of them differ from the calendar in use."
            ).format(
                year=notice.year,
                holidays="、".join(notice.holidays),
                off=len(notice.days_off()),
                worked=len(notice.workdays()),
                changes=changes,
            )
        )

    def accept(self) -> None:
        notice = self.notice
        if notice is None:
            self.message.show_error(self.tr("Read the text first"))
            return
        settings, actor = self._context.settings, self._context.actor
        self._writes.run(
            lambda: settings.apply_notice(actor, notice),
            on_done=lambda _result: self._done(notice),
            busy=(self.apply_button,),
        )

    def _done(self, notice: HolidayNotice) -> None:
        self.applied.emit(notice.year, len(notice.days))
        super().accept()
