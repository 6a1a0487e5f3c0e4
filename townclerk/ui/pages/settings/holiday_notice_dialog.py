"""Paste the State Council's yearly holiday notice, see the days it sets, then apply them.

Reading the text is instant and writes nothing; the preview lists every day off and make-up
working day with its holiday and whether it changes the calendar in use. Applying is one write
(SettingsService.apply_notice): all the days, or none.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
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
from townclerk.i18n import t
from townclerk.ui import style
from townclerk.ui.context import AppContext
from townclerk.ui.operations import WriteRunner
from townclerk.ui.widgets.dialog_keys import add_confirm_keys
from townclerk.ui.widgets.message_line import MessageLine


class HolidayNoticeDialog(QDialog):
    """The notice's text, the year, a preview of its days, and Apply."""

    applied = Signal(int, int)  # year, days set

    def __init__(self, context: AppContext, year: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("holidayNoticeDialog")
        self.setWindowTitle(t("国务院节假日安排通知"))
        self.setModal(True)
        self.resize(760, 620)
        self._context = context
        self.notice: HolidayNotice | None = None
        self._weekdays = (
            t("周一"),
            t("周二"),
            t("周三"),
            t("周四"),
            t("周五"),
            t("周六"),
            t("周日"),
        )
        layout = QVBoxLayout(self)
        hint = QLabel(
            t(
                "粘贴《国务院办公厅关于…年部分节假日安排的通知》（从标题到最后一个节日），然后按“读取”。应用所列日期之前不会改动日历。"
            )
        )
        hint.setWordWrap(True)
        layout.addWidget(hint)
        self.text_edit = QPlainTextEdit()
        self.text_edit.setObjectName("noticeTextEdit")
        self.text_edit.setAccessibleName(t("通知原文"))
        self.text_edit.setTabChangesFocus(True)
        self.text_edit.textChanged.connect(self._text_changed)
        layout.addWidget(self.text_edit, 2)
        row = QHBoxLayout()
        row.addWidget(QLabel(t("年份（未粘贴标题时）：")))
        self.year_spin = QSpinBox()
        self.year_spin.setObjectName("noticeYearSpin")
        self.year_spin.setRange(2001, 2100)
        self.year_spin.setValue(year)
        row.addWidget(self.year_spin)
        row.addStretch(1)
        self.read_button = QPushButton(t("读取(&R)"))
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
        self.table.setAccessibleName(t("通知设定的日期"))
        self.table.setHorizontalHeaderLabels([t("日期"), t("设为"), t("节日"), t("变化")])
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
        self.apply_button.setText(t("应用这些日期(&A)"))
        self.apply_button.setEnabled(False)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(t("取消"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        add_confirm_keys(self, self._confirm_key)
        self._writes = WriteRunner(context, self, message=self.message)

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
            state = t("班 上班") if notice_day.is_workday else t("休 放假")
            values = [
                t(
                    "{date}（{weekday}）",
                    date=notice_day.day.isoformat(),
                    weekday=self._weekdays[notice_day.day.weekday()],
                ),
                state,
                notice_day.holiday,
                t("与现日历不同") if changed else "",
            ]
            for column, text in enumerate(values):
                item = QTableWidgetItem(text)
                if column == 1:
                    colour = style.WORKED_MARK if notice_day.is_workday else style.HOLIDAY_MARK
                    item.setForeground(colour)
                self.table.setItem(row, column, item)
        self.summary.setText(
            t(
                "{year}年：{holidays}。放假{off}天，调休上班{worked}天；其中{changes}天与现用日历不同。",
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
            self.message.show_error(t("请先读取通知原文"))
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
