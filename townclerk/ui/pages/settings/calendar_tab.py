"""The working-day calendar tab: a year of days, official data and the admin's overrides.

Deadlines count working days, so a wrong day here moves every due date across it. Official data
comes from the State Council schedule (the ``holidays`` package); a year it does not cover yet
counts the statutory holidays of 《全国年节及纪念日放假办法》 and weekends, and is flagged with a
banner until an admin has entered the year's 调休 (make-up days and bridge days) and confirmed it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from holidays.countries.china import China
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QBoxLayout,
    QButtonGroup,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from townclerk.i18n import pt, t
from townclerk.records.changes import Changed, DataArea
from townclerk.services.settings import DayOverride
from townclerk.ui import style
from townclerk.ui.context import AppContext
from townclerk.ui.operations import WriteRunner
from townclerk.ui.pages.settings.calendar_range import RangeBar
from townclerk.ui.pages.settings.calendar_year import (
    DayInfo,
    YearCalendar,
)
from townclerk.ui.pages.settings.holiday_notice_dialog import HolidayNoticeDialog
from townclerk.ui.qt_typed import from_qdate, to_qdate
from townclerk.ui.widgets.dialog_keys import add_confirm_keys
from townclerk.ui.widgets.message_line import MessageLine
from townclerk.workdays import WorkCalendar, statutory_holidays

_WARNING_STYLE = style.frame_style(
    "calendarBanner", style.WARNING_FILL, style.WARNING_BORDER, radius=4
)
_INFO_STYLE = style.frame_style("calendarBanner", style.INFO_FILL, style.INFO_BORDER, radius=4)


def holiday_names(year: int, lang: str, *, official: bool) -> dict[dt.date, str]:
    """The holidays of ``year`` by name, in the interface language: the official schedule's, or
    in a year without one the statutory days alone."""
    language = "zh_CN" if lang.startswith("zh") else "en_US"
    if not official:
        return statutory_holidays(year, language)
    calendar = China(years=year, language=language)  # type: ignore[no-untyped-call]  # unannotated
    return {day: name for day, name in calendar.items() if day.year == year}


class DayOverrideDialog(QDialog):
    """Make one day a working day or a day off, or go back to the official calendar."""

    def __init__(self, context: AppContext, info: DayInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        add_confirm_keys(self)  # Ctrl+Enter confirms from any field, Esc cancels
        self.setObjectName("dayOverrideDialog")
        self.setWindowTitle(t("调整日期"))
        self.setModal(True)
        self.setMinimumWidth(400)
        self._context = context
        self.info = info
        layout = QVBoxLayout(self)
        official = t("工作日") if info.official_workday else t("休息日")
        text = t("{date}：官方日历为{state}。", date=info.day.isoformat(), state=official)
        if info.holiday_name:
            text += t("（{holiday}）", holiday=info.holiday_name)
        if info.overridden:
            now = t("工作日") if info.is_workday else t("休息日")
            text += "\n" + t("管理员已将其设为{state}。", state=now)
        header = QLabel(text)
        header.setWordWrap(True)
        layout.addWidget(header)

        self.choice = QButtonGroup(self)
        self.workday_radio = QRadioButton(t("工作日（上班）"))
        self.workday_radio.setObjectName("dayWorkdayRadio")
        self.day_off_radio = QRadioButton(t("休息日（放假）"))
        self.day_off_radio.setObjectName("dayOffRadio")
        self.official_radio = QRadioButton(t("按官方日历（取消调整）"))
        self.official_radio.setObjectName("dayOfficialRadio")
        self.official_radio.setEnabled(info.overridden)
        for button in (self.workday_radio, self.day_off_radio, self.official_radio):
            button.setAccessibleName(button.text())
            self.choice.addButton(button)
            layout.addWidget(button)
        # A click means "the other way round": preselect the opposite of what the day is now.
        (self.day_off_radio if info.is_workday else self.workday_radio).setChecked(True)

        form = QFormLayout()
        self.note_edit = QLineEdit(info.note)
        self.note_edit.setObjectName("dayNoteEdit")
        self.note_edit.setAccessibleName(pt("DayOverrideDialog", "说明"))
        self.note_edit.setPlaceholderText(t("如：依据县政府2027年11月20日通知"))
        self.note_edit.setMaxLength(200)
        form.addRow(pt("DayOverrideDialog", "说明"), self.note_edit)
        layout.addLayout(form)
        self.message = MessageLine("dayOverrideMessage")
        layout.addWidget(self.message)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.confirm_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.confirm_button.setText(t("确定"))
        self.confirm_button.setObjectName("dayOverrideConfirm")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(t("取消"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._writes = WriteRunner(context, self, message=self.message)

    def chosen(self) -> bool | None:
        """True: working day, False: day off, None: back to the official calendar."""
        if self.official_radio.isChecked():
            return None
        return self.workday_radio.isChecked()

    def accept(self) -> None:
        settings, actor, day = self._context.settings, self._context.actor, self.info.day
        is_workday, note = self.chosen(), self.note_edit.text().strip()
        self._writes.run(
            lambda: settings.set_day(actor, day, is_workday, note),
            on_done=self._day_set,
            busy=(self.confirm_button,),
        )

    def _day_set(self, _result: Changed) -> None:
        super().accept()


class CalendarSettings(QWidget):
    """Year navigation, the no-data banner, the year view and the list of overrides."""

    SIDE_WIDTH = 280  # the override list beside the year needs about this much

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        width = event.size().width() - 40  # the scroll bar and the margins
        beside = width >= self.year_view.width_for(4) + self.SIDE_WIDTH
        self.middle_row.setDirection(
            QBoxLayout.Direction.LeftToRight if beside else QBoxLayout.Direction.TopToBottom
        )
        columns = next((n for n in (4, 3, 2) if self.year_view.width_for(n) <= width), 2)
        self._fit_year(columns)

    def _fit_year(self, columns: int) -> None:
        self.year_view.set_columns(columns)
        self.year_scroll.setMinimumWidth(self.year_view.width_for(columns) + 20)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("calendarSettings")
        self._context = context
        self.calendar: WorkCalendar  # read by reload(), below
        self.active_dialog: DayOverrideDialog | None = None
        layout = QVBoxLayout(self)

        top = QHBoxLayout()
        self.previous_button = QPushButton("◀")
        self.previous_button.setObjectName("previousYearButton")
        self.previous_button.setAccessibleName(t("上一年"))
        self.previous_button.setToolTip(t("上一年"))
        self.year_spin = QSpinBox()
        self.year_spin.setObjectName("calendarYearSpin")
        self.year_spin.setAccessibleName(t("年份"))
        self.year_spin.setRange(2001, 2100)
        self.year_spin.setSuffix(t(" 年"))
        self.year_spin.setValue(context.db.today().year)
        self.year_spin.valueChanged.connect(lambda _year: self.reload())
        self.next_button = QPushButton("▶")
        self.next_button.setObjectName("nextYearButton")
        self.next_button.setAccessibleName(t("下一年"))
        self.next_button.setToolTip(t("下一年"))
        self.previous_button.clicked.connect(lambda: self.year_spin.stepBy(-1))
        self.next_button.clicked.connect(lambda: self.year_spin.stepBy(1))
        for button in (self.previous_button, self.next_button):
            button.setFixedWidth(36)
        top.addWidget(self.previous_button)
        top.addWidget(self.year_spin)
        top.addWidget(self.next_button)
        top.addSpacing(24)
        top.addWidget(QLabel(t("调整日期：")))
        self.day_edit = QDateEdit()
        self.day_edit.setObjectName("calendarDayEdit")
        self.day_edit.setAccessibleName(t("要调整的日期"))
        self.day_edit.setDisplayFormat("yyyy-MM-dd")
        self.day_edit.setCalendarPopup(True)
        today = context.db.today()
        self.day_edit.setDate(to_qdate(today))
        top.addWidget(self.day_edit)
        self.adjust_button = QPushButton(t("调整…"))
        self.adjust_button.setObjectName("adjustDayButton")
        self.adjust_button.clicked.connect(self._adjust_typed_day)
        top.addWidget(self.adjust_button)
        top.addStretch(1)
        self.notice_button = QPushButton(t("粘贴国务院放假通知(&N)…"))
        self.notice_button.setObjectName("holidayNoticeButton")
        self.notice_button.setToolTip(
            t("粘贴国务院办公厅每年的节假日安排通知：先列出其中的放假日和调休上班日，确认后再应用")
        )
        self.notice_button.clicked.connect(self.open_notice_dialog)
        top.addWidget(self.notice_button)
        layout.addLayout(top)

        self.banner = QFrame()
        self.banner.setObjectName("calendarBanner")
        banner_row = QHBoxLayout(self.banner)
        self.banner_label = QLabel()
        self.banner_label.setObjectName("calendarBannerText")
        self.banner_label.setWordWrap(True)
        banner_row.addWidget(self.banner_label, 1)
        self.confirm_button = QPushButton()
        self.confirm_button.setObjectName("confirmYearButton")
        self.confirm_button.clicked.connect(self._toggle_confirmation)
        banner_row.addWidget(self.confirm_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.banner)

        # The override list beside the year, or below it on a narrow window (resizeEvent).
        middle = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.middle_row = middle
        self.year_view = YearCalendar()
        self.year_view.day_activated.connect(self.open_day_dialog)
        scroll = QScrollArea()
        scroll.setObjectName("yearCalendarScroll")
        scroll.setWidget(self.year_view)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.year_scroll = scroll
        self._fit_year(4)
        # Its own least width (the months two a row), not the four-a-row layout's: the window
        # may be narrower, and resizeEvent then lays the year out anew.
        self.setMinimumWidth(self.year_view.width_for(2) + 60)
        middle.addWidget(scroll, 0)
        side = QVBoxLayout()
        side.addWidget(QLabel(t("本年管理员调整的日期：")))
        self.override_table = QTableWidget(0, 3)
        self.override_table.setObjectName("overrideTable")
        self.override_table.setAccessibleName(t("管理员调整的日期"))
        self.override_table.setHorizontalHeaderLabels(
            [pt("CalendarSettings", "日期"), t("设为"), pt("CalendarSettings", "说明")]
        )
        self.override_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.override_table.verticalHeader().setVisible(False)
        self.override_table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        self.override_table.horizontalHeader().setStretchLastSection(True)
        self.override_table.cellDoubleClicked.connect(self._open_listed_day)
        side.addWidget(self.override_table, 1)
        middle.addLayout(side, 1)
        layout.addLayout(middle, 1)
        self.range_bar = RangeBar(self)
        self.range_bar.start_at(today)
        self.range_bar.marked.connect(self._mark_range)
        self.year_view.selection_changed.connect(self.range_bar.show_selection)
        self.range_bar.typed.connect(self.year_view.select)
        layout.addWidget(self.range_bar)
        layout.addLayout(self._legend())
        self.message = MessageLine("calendarMessage")
        layout.addWidget(self.message)
        self._writes = WriteRunner(context, self, message=self.message)
        self.notice_dialog: HolidayNoticeDialog | None = None

        context.bus.data_changed.connect(self._on_data_changed)
        self.reload()

    def _legend(self) -> QHBoxLayout:
        row = QHBoxLayout()
        entries = [
            (style.WHITE, style.SWATCH_BORDER, pt("CalendarSettings", "工作日")),
            (style.DAY_OFF_FILL, style.SWATCH_BORDER, t("周末休息")),
            (style.HOLIDAY_FILL, style.SWATCH_BORDER, t("节假日（休：工作日放假）")),
            (style.WHITE, style.SWATCH_BORDER, t("班：周末调休上班")),
            (style.SELECTED_DAY_FILL, style.SWATCH_BORDER, t("已选中")),
            (style.WHITE, style.CHANGED_BORDER, t("管理员调整")),
        ]
        for background, border, text in entries:
            swatch = QLabel()
            swatch.setFixedSize(18, 14)
            width = 2 if border == style.CHANGED_BORDER else 1
            swatch.setStyleSheet(
                f"background: {background.name(QColor.NameFormat.HexArgb)}; "
                f"border: {width}px solid {border.name()};"
            )
            row.addWidget(swatch)
            row.addWidget(QLabel(text))
            row.addSpacing(12)
        row.addStretch(1)
        return row

    def year(self) -> int:
        return self.year_spin.value()

    def reload(self) -> None:
        year = self.year()
        self.calendar = self._context.settings.work_calendar()
        names = holiday_names(
            year, self._context.lang, official=self.calendar.is_official_year(year)
        )
        overrides = self._context.settings.overrides(year)
        notes = {o.day: o.note for o in overrides}
        days = [
            DayInfo(
                day=day,
                is_workday=is_workday,
                official_workday=self.calendar.official_is_workday(day),
                overridden=overridden,
                holiday_name=names.get(day, ""),
                note=notes.get(day, ""),
            )
            for day, is_workday, overridden in self.calendar.year_days(year)
        ]
        self.year_view.set_days(year, days, self._context.db.today())
        self._show_banner(year)
        self._fill_overrides(overrides)

    def _show_banner(self, year: int) -> None:
        if self.calendar.is_official_year(year):
            self.banner.hide()
            return
        self.banner.show()
        if self.calendar.is_known_year(year):
            self.banner.setStyleSheet(_INFO_STYLE)
            self.banner_label.setText(
                t(
                    "本程序中没有{year}年的官方放假安排；该年日历已由管理员手工录入并确认。",
                    year=year,
                )
            )
            self.confirm_button.setText(t("撤销确认"))
        else:
            self.banner.setStyleSheet(_WARNING_STYLE)
            self.banner_label.setText(
                t(
                    "⚠ 本程序中没有{year}年的官方放假安排：已按《全国年节及纪念日放假办法》"
                    "计入法定节假日（元旦、春节、清明节、劳动节、端午节、中秋节、国庆节），"
                    "调休安排尚未公布，未计入（调休上班日和连休的放假日）。国务院办公厅公布"
                    "放假安排后，请粘贴放假通知或选中日期后标记，然后确认本年日历。",
                    year=year,
                )
            )
            self.confirm_button.setText(t("确认{year}年日历", year=year))

    def banner_text(self) -> str:
        return self.banner_label.text() if self.banner.isVisibleTo(self) else ""

    def _fill_overrides(self, overrides: Sequence[DayOverride]) -> None:
        self.override_table.setRowCount(len(overrides))
        for row, override in enumerate(overrides):
            state = (
                pt("CalendarSettings", "工作日")
                if override.is_workday
                else pt("CalendarSettings", "休息日")
            )
            for column, text in enumerate([override.day.isoformat(), state, override.note]):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                item.setData(Qt.ItemDataRole.UserRole, override.day.toordinal())
                self.override_table.setItem(row, column, item)

    def _toggle_confirmation(self) -> None:
        year = self.year()
        confirm = not self.calendar.is_known_year(year)
        settings, actor = self._context.settings, self._context.actor
        text = t("{year}年日历已确认。") if confirm else t("已撤销{year}年日历的确认。")
        self._writes.run(
            lambda: settings.confirm_year(actor, year, confirm),
            on_done=lambda _result: self.message.show_ok(text.format(year=year)),
            busy=(self.confirm_button,),
        )

    def open_day_dialog(self, day: dt.date) -> DayOverrideDialog | None:
        if day.year != self.year():
            self.year_spin.setValue(day.year)
        info = self.year_view.info(day)
        if info is None:
            return None
        dialog = DayOverrideDialog(self._context, info, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.active_dialog = dialog
        dialog.accepted.connect(lambda: self._day_changed(day))
        dialog.finished.connect(lambda _result: self._dialog_closed(dialog))
        dialog.open()
        return dialog

    def _mark_range(self, first: dt.date, last: dt.date, is_workday: object, note: str) -> None:
        days = [first + dt.timedelta(days=n) for n in range((last - first).days + 1)]
        settings, actor = self._context.settings, self._context.actor
        state = (
            t("恢复为官方日历")
            if is_workday is None
            else pt("CalendarSettings", "上班日")
            if is_workday
            else pt("CalendarSettings", "休息日")
        )
        text = t(
            "{first}至{last}共{count}天已设为{state}。",
            count=len(days),
            first=first.isoformat(),
            last=last.isoformat(),
            state=state,
        )
        self._writes.run(
            lambda: settings.set_days(actor, days, is_workday, note),  # type: ignore[arg-type]
            on_done=lambda _result: self._range_marked(text),
            busy=self.range_bar.buttons(),
        )

    def _range_marked(self, text: str) -> None:
        self.range_bar.note_edit.clear()
        self.message.show_ok(text)

    def open_notice_dialog(self) -> HolidayNoticeDialog:
        dialog = HolidayNoticeDialog(self._context, self.year(), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.notice_dialog = dialog
        dialog.applied.connect(self._notice_applied)
        dialog.finished.connect(lambda _result: setattr(self, "notice_dialog", None))
        dialog.open()
        return dialog

    def _notice_applied(self, year: int, days: int) -> None:
        self.year_spin.setValue(year)
        self.message.show_ok(
            t("已应用国务院{year}年放假安排（共{days}天）。", year=year, days=days)
        )

    def _adjust_typed_day(self) -> None:
        self.open_day_dialog(from_qdate(self.day_edit.date()))

    def _open_listed_day(self, row: int, _column: int) -> None:
        item = self.override_table.item(row, 0)
        if item is not None:
            self.open_day_dialog(dt.date.fromordinal(int(item.data(Qt.ItemDataRole.UserRole))))

    def _dialog_closed(self, dialog: DayOverrideDialog) -> None:
        if self.active_dialog is dialog:
            self.active_dialog = None

    def _day_changed(self, day: dt.date) -> None:
        # The write's announcement has reloaded this tab already: the view shows the new day.
        info = self.year_view.info(day)
        if info is not None:
            self.message.show_ok(
                t(
                    "{date} 已设为{state}。",
                    date=day.isoformat(),
                    state=t("工作日") if info.is_workday else t("休息日"),
                )
            )

    def _on_data_changed(self, area: DataArea, _initiator: object) -> None:
        if area is DataArea.SETTINGS:
            self.reload()
