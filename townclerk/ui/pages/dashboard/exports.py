"""The dashboard's export buttons: 日报, 统计报表, 办件台账 and 超期预警清单 as Excel workbooks.

Each button asks where to save (Qt's static file dialog, which tests replace), then writes the
workbook through :class:`~townclerk.services.report_workbooks.ReportWorkbooks` on a worker
thread behind a progress dialog. When it is done the line under the buttons says where the file
is, with a button that opens its folder; when it cannot be written (file open in Excel, disk
full, folder gone) the line says why, in plain words, and no file is left behind.

The workbook writers are imported on the worker thread by the first export: they bring in
openpyxl (~0.25 s of imports), which building the page (on a user switch) must not wait for.

Full ID numbers and phones are offered only to roles allowed to export them; the service checks
the permission again and writes each such export to the audit log. The box is cleared after
every export, so the next one is masked unless asked again.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QProgressDialog,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from townclerk.db.database import Database
from townclerk.errors import UserError
from townclerk.i18n import pt, t
from townclerk.records.statistics import Period
from townclerk.services.access import Permission
from townclerk.ui.context import AppContext
from townclerk.ui.crash import user_message
from townclerk.ui.qt_typed import from_qdate, to_qdate
from townclerk.ui.widgets.file_dialogs import FileKind
from townclerk.ui.widgets.message_line import MessageLine
from townclerk.ui.widgets.progress_dialog import task_progress
from townclerk.ui.widgets.workbook_files import ask_save_workbook
from townclerk.ui.worker import Progress, TaskRunner

if TYPE_CHECKING:
    from townclerk.services.report_workbooks import ExportResult, ReportWorkbooks

PROGRESS_DELAY_MS = 300  # a quick export finishes before its progress dialog would flash


class ExportKind(Enum):
    DAILY = "daily"
    RANGE = "range"
    LEDGER = "ledger"
    WARNINGS = "warnings"


class ExportCancelled(Exception):
    """The supervisor cancelled a ledger export; nothing was written."""


RowsWritten = Callable[[int], None]


@dataclass(frozen=True)
class ExportJob:
    """One export as asked for: what it is, a file name to suggest, and the work itself
    (``run(path, rows_written)``, on the worker thread)."""

    kind: ExportKind
    name: str
    suggested_name: str
    run: Callable[[Path, RowsWritten], ExportResult]
    cancellable: bool = False
    counts_cases: bool = False


def _workbooks(db: Database) -> ReportWorkbooks:
    """The workbook writers, imported when an export runs (on its worker thread)."""
    from townclerk.services.report_workbooks import ReportWorkbooks

    return ReportWorkbooks(db)


def _day(edit: QDateEdit) -> dt.date:
    return from_qdate(edit.date())


class ReportExportPanel(QGroupBox):
    """The four exports, their dates and options, and the line that reports the outcome."""

    exported = Signal(object)  # the ExportResult of a workbook just written

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reportExportPanel")
        self.setTitle(t("导出 Excel 报表"))
        self._context = context
        self._runner = TaskRunner(self)
        self._today: dt.date | None = None
        self._folder: Path | None = None
        self._running: ExportKind | None = None
        self._cancel = threading.Event()
        self.progress: QProgressDialog | None = None
        self.last_result: ExportResult | None = None

        layout = QVBoxLayout(self)
        layout.addLayout(self._build_grid())
        result_row = QHBoxLayout()
        self.message = MessageLine("exportMessage")
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        result_row.addWidget(self.message, 1)
        self.open_folder_button = QPushButton(t("打开所在文件夹(&F)"))
        self.open_folder_button.setObjectName("openFolderButton")
        self.open_folder_button.setVisible(False)
        self.open_folder_button.clicked.connect(self.open_folder)
        result_row.addWidget(self.open_folder_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(result_row)
        layout.addStretch(1)
        self.set_today(context.db.today())
        self.update_permissions()

    # --- layout ----------------------------------------------------------------------------
    def _date_edit(self, name: str, accessible: str) -> QDateEdit:
        edit = QDateEdit()
        edit.setObjectName(name)
        edit.setAccessibleName(accessible)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        return edit

    def _build_grid(self) -> QGridLayout:
        grid = QGridLayout()
        grid.setHorizontalSpacing(6)
        names = self.report_names()
        tips = {
            ExportKind.DAILY: t("一天的统计，按事项、实施部门、窗口、经办人、渠道、村（社区）分列"),
            ExportKind.RANGE: t("任意期间（一周、一月……）的统计，含按日统计和图表"),
            ExportKind.LEDGER: t("期间内登记的每一件办件，一件一行"),
            ExportKind.WARNINGS: t("导出时已超期和即将到期的在办件"),
        }
        self.daily_date = self._date_edit("dailyDate", t("日报日期"))
        self.range_from = self._date_edit("rangeFrom", t("统计报表开始日期"))
        self.range_to = self._date_edit("rangeTo", t("统计报表结束日期"))
        self.ledger_from = self._date_edit("ledgerFrom", t("办件台账开始日期"))
        self.ledger_to = self._date_edit("ledgerTo", t("办件台账结束日期"))
        self.ledger_full = QCheckBox(t("含完整证件号码和电话（记入审计日志）"))
        self.ledger_full.setObjectName("ledgerFull")
        self.warnings_full = QCheckBox(t("含完整证件号码和电话（记入审计日志）"))
        self.warnings_full.setObjectName("warningsFull")
        full_tip = t(
            "不勾选时，证件号码和电话部分隐藏（如 320324********1234、138****"
            "5678）；导出完整信息会记入审计日志。"
        )
        for box in (self.ledger_full, self.warnings_full):
            box.setToolTip(full_tip)

        self.buttons: dict[ExportKind, QPushButton] = {}
        rows: list[tuple[ExportKind, list[QWidget]]] = [
            (ExportKind.DAILY, [self.daily_date]),
            (ExportKind.RANGE, [self.range_from, QLabel(t("至")), self.range_to]),
            (ExportKind.LEDGER, [self.ledger_from, QLabel(t("至")), self.ledger_to]),
            (ExportKind.WARNINGS, [self.warnings_full]),
        ]
        row = 0
        for kind, fields in rows:
            label = QLabel(names[kind])
            label.setStyleSheet("font-weight: bold;")
            label.setToolTip(tips[kind])
            grid.addWidget(label, row, 0)
            if len(fields) == 1:
                grid.addWidget(fields[0], row, 1, 1, 3)
            else:
                for column, field in enumerate(fields, start=1):
                    grid.addWidget(field, row, column)
            button = QPushButton(t("导出…"))
            button.setObjectName(f"export_{kind.value}")
            button.setAccessibleName(t("导出{report}", report=names[kind]))
            button.setToolTip(tips[kind])
            button.clicked.connect(self._export_slot(kind))
            grid.addWidget(button, row, 4)
            self.buttons[kind] = button
            row += 1
            if kind is ExportKind.LEDGER:
                grid.addWidget(self.ledger_full, row, 1, 1, 3)
                row += 1
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        return grid

    def report_names(self) -> dict[ExportKind, str]:
        return {
            ExportKind.DAILY: t("日报"),
            ExportKind.RANGE: pt("ReportExportPanel", "统计报表"),
            ExportKind.LEDGER: t("办件台账"),
            ExportKind.WARNINGS: t("超期预警清单"),
        }

    def _export_slot(self, kind: ExportKind) -> Callable[[], None]:
        return lambda: self.export(kind)

    # --- state -----------------------------------------------------------------------------
    def set_today(self, today: dt.date) -> None:
        """No date after ``today``; on a new day the dates start again from it (the day's
        report, and this month so far)."""
        latest = to_qdate(today)
        for edit in self._date_edits():
            edit.setMaximumDate(latest)
        if today == self._today:
            return
        self._today = today
        month_start = to_qdate(today.replace(day=1))
        self.daily_date.setDate(latest)
        for first, last in ((self.range_from, self.range_to), (self.ledger_from, self.ledger_to)):
            first.setDate(month_start)
            last.setDate(latest)

    def _date_edits(self) -> tuple[QDateEdit, ...]:
        return (self.daily_date, self.range_from, self.range_to, self.ledger_from, self.ledger_to)

    def update_permissions(self) -> None:
        """Offer full personal data only to roles that may export it (after a user switch too)."""
        self.setEnabled(self._context.can(Permission.VIEW_REPORTS))
        full_allowed = self._context.can(Permission.EXPORT_FULL_PERSONAL_DATA)
        for box in (self.ledger_full, self.warnings_full):
            box.setVisible(full_allowed)
            if not full_allowed:
                box.setChecked(False)

    def is_busy(self) -> bool:
        return self._running is not None

    # --- exporting -------------------------------------------------------------------------
    def job(self, kind: ExportKind) -> ExportJob:
        """What ``kind`` would export with the dates and boxes as they are now; dates that do
        not make a period raise a UserError."""
        actor = self._context.actor
        db = self._context.db
        name = self.report_names()[kind]
        full_allowed = self._context.can(Permission.EXPORT_FULL_PERSONAL_DATA)
        if kind is ExportKind.DAILY:
            day = _day(self.daily_date)
            return ExportJob(
                kind,
                name,
                t("日报{date}", date=day.isoformat()),
                lambda path, _rows: _workbooks(db).daily(actor, day, path),
            )
        if kind is ExportKind.RANGE:
            period = Period(_day(self.range_from), _day(self.range_to))
            return ExportJob(
                kind,
                name,
                t(
                    "统计报表{first}至{last}",
                    first=period.first.isoformat(),
                    last=period.last.isoformat(),
                ),
                lambda path, _rows: _workbooks(db).range_report(actor, period, path),
            )
        if kind is ExportKind.LEDGER:
            ledger_period = Period(_day(self.ledger_from), _day(self.ledger_to))
            full = full_allowed and self.ledger_full.isChecked()
            return ExportJob(
                kind,
                name,
                t(
                    "办件台账{first}至{last}",
                    first=ledger_period.first.isoformat(),
                    last=ledger_period.last.isoformat(),
                ),
                lambda path, rows: _workbooks(db).ledger(
                    actor, ledger_period, path, full_personal_data=full, progress=rows
                ),
                cancellable=True,
                counts_cases=True,
            )
        today = self._context.db.today()
        full_warnings = full_allowed and self.warnings_full.isChecked()
        return ExportJob(
            kind,
            name,
            t("超期预警清单{date}", date=today.isoformat()),
            lambda path, _rows: _workbooks(db).deadline_warnings(
                actor, path, full_personal_data=full_warnings
            ),
            counts_cases=True,
        )

    def export(self, kind: ExportKind) -> None:
        """Ask where to save ``kind``, then write it off the UI thread."""
        if self._running is not None or self._context.session is None:
            return
        self.message.clear_message()
        self.open_folder_button.setVisible(False)
        try:
            job = self.job(kind)
        except UserError as error:  # e.g. the first day after the last
            self.message.show_error(str(error))
            return
        target = ask_save_workbook(
            self,
            t("保存{report}", report=job.name),
            f"{job.suggested_name}.xlsx",
            FileKind.REPORT,
        )
        if target is None:
            return
        self._folder = target.parent
        self._start(job, target)

    def _start(self, job: ExportJob, target: Path) -> None:
        self._running = job.kind
        self._cancel.clear()
        for button in self.buttons.values():
            button.setEnabled(False)
        self.progress = self._progress_dialog(job)
        cancel = self._cancel

        def work(progress: Progress) -> ExportResult:
            def rows_written(count: int) -> None:
                if cancel.is_set():
                    raise ExportCancelled
                progress(count, 0, "")

            return job.run(target, rows_written)

        self._runner.start(
            work,
            on_done=lambda result: self._done(job, result),
            on_error=lambda error, _trace: self._failed(job, target, error),
            on_progress=self._advance,
        )

    def _progress_dialog(self, job: ExportJob) -> QProgressDialog:
        dialog = task_progress(
            self,
            "exportProgress",
            t("正在导出"),
            t("正在生成{report}…", report=job.name),
            maximum=0,
            delay_ms=PROGRESS_DELAY_MS,
            cancel_text=t("取消") if job.cancellable else None,
        )
        if job.cancellable:
            dialog.canceled.connect(self._cancel.set)
        dialog.setValue(0)
        return dialog

    def _advance(self, done: int, _total: int, _text: str) -> None:
        if self.progress is not None and not self._cancel.is_set():
            self.progress.setLabelText(
                t(
                    "正在生成{report}：已写入 {count} 件…",
                    report=self.report_names()[ExportKind.LEDGER],
                    count=format(done, ","),
                )
            )

    def _finish(self) -> None:
        if self.progress is not None:
            self.progress.close()
            self.progress.deleteLater()
            self.progress = None
        self._running = None
        for button in self.buttons.values():
            button.setEnabled(True)

    def _done(self, job: ExportJob, result: ExportResult) -> None:
        self._finish()
        self.last_result = result
        if job.kind is ExportKind.LEDGER:
            self.ledger_full.setChecked(False)
        if job.kind is ExportKind.WARNINGS:
            self.warnings_full.setChecked(False)
        if job.counts_cases:
            text = t(
                "已保存{report}（{count}件）：{path}",
                report=job.name,
                count=format(result.rows, ","),
                path=result.path,
            )
        else:
            text = t("已保存{report}：{path}", report=job.name, path=result.path)
        self.message.show_ok(text)
        self.open_folder_button.setVisible(True)
        self.exported.emit(result)

    def _failed(self, job: ExportJob, target: Path, error: BaseException) -> None:
        self._finish()
        if isinstance(error, ExportCancelled):
            self.message.clear_message()
            self.message.setText(
                t("已取消导出{report}，未写入 {path}。", report=job.name, path=target)
            )
            return
        message = user_message(error)
        self.message.show_error(message)

    def open_folder(self) -> bool:
        """Open the folder of the last workbook in the system's file manager."""
        if self.last_result is None:
            return False
        folder = self.last_result.path.parent
        if QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder))):
            return True
        self.message.show_error(t("无法打开文件夹 {folder}", folder=folder))
        return False
