"""Automatic backups while the window runs, and the "上次备份" indicator in the status bar.

:class:`BackupScheduler` asks the Qt-free schedule (``services/backup_schedule.py``) whether a
backup is due when the window opens, every ``CHECK_INTERVAL_MS``, and when it closes. The backup
itself runs on the thread pool: SQLite's backup is one read transaction, which in WAL mode never
holds up a clerk who is saving, and the copy, the hash and the encryption release Python's lock.
A failure (a full disk, no passphrase) or a warning (the second location is missing) is logged
and shown in the status bar; it never stops the window. At close the backup runs in the
foreground: the window is going away and the process must not end halfway through it.

:class:`BackupStatusLabel` shows supervisors and admins when the last good backup was made, in
red when it is more than two days old or there is none.
"""

from __future__ import annotations

import datetime as dt
import logging

from PySide6.QtCore import QObject, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import QLabel, QWidget

from townclerk.enums import Role
from townclerk.i18n import t
from townclerk.paths import backups_dir
from townclerk.services.backup_schedule import is_stale
from townclerk.services.backups import AutomaticBackup, automatic_backup, newest_good_backup
from townclerk.ui import style
from townclerk.ui.context import AppContext
from townclerk.ui.crash import user_message
from townclerk.ui.worker import TaskRunner

log = logging.getLogger("townclerk.ui.backups")

CHECK_INTERVAL_MS = 10 * 60 * 1000
CLOSE_WAIT_MS = 120_000


class BackupScheduler(QObject):
    """Runs :func:`automatic_backup` when it is due; ``status_changed`` after each attempt."""

    status_changed = Signal()

    def __init__(self, context: AppContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._runner = TaskRunner(self)
        self._timer = QTimer(self)
        self._timer.setInterval(CHECK_INTERVAL_MS)
        self._timer.timeout.connect(self.check)
        self.problem = ""  # the last failure or warning, shown until a clean backup
        self.last_good: dt.datetime | None = None
        self.started = False
        self.refresh_last_good()

    def start(self) -> None:
        """Check now (the start of the day's backup) and every ``CHECK_INTERVAL_MS``."""
        self.started = True
        self._timer.start()
        QTimer.singleShot(0, self.check)

    def is_running(self) -> bool:
        return self._runner.is_running()

    def refresh_last_good(self) -> None:
        newest = newest_good_backup([backups_dir(self._context.db.data_dir)])
        self.last_good = None if newest is None else newest.created_at

    def check(self) -> None:
        """Start the backup on the thread pool if one is due (and none is running)."""
        if self._runner.is_running():
            return
        db = self._context.db
        self._runner.start(
            lambda _progress: automatic_backup(db),
            on_done=self._done,
            on_error=self._failed,
        )

    def at_close(self) -> None:
        """The closing backup, in the foreground (after one still running has finished)."""
        self._timer.stop()
        if self._runner.is_running():
            QThreadPool.globalInstance().waitForDone(CLOSE_WAIT_MS)
        try:
            self._done(automatic_backup(self._context.db, closing=True))
        except Exception as error:
            self._failed(error, "")

    def _done(self, result: AutomaticBackup) -> None:
        if result.info is None:
            return
        log.info("automatic backup (%s): %s", result.reason, result.info.path)
        self.problem = "；".join(result.warnings)
        self.refresh_last_good()
        self.status_changed.emit()

    def _failed(self, error: BaseException, trace: str) -> None:
        try:
            message = user_message(error)
        except BaseException:
            message = f"{type(error).__name__}: {error}"
        log.error("automatic backup failed: %s\n%s", message, trace)
        self.problem = t("自动备份失败：{reason}", reason=message)
        self.status_changed.emit()


class BackupStatusLabel(QLabel):
    """“Last backup: YYYY-MM-DD HH:MM” for supervisors and admins; red when stale."""

    def __init__(
        self, context: AppContext, scheduler: BackupScheduler, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("statusBackup")
        self._context = context
        self._scheduler = scheduler
        scheduler.status_changed.connect(self.refresh)
        context.bus.session_changed.connect(self.refresh)
        self.refresh()

    def is_stale(self) -> bool:
        return is_stale(self._scheduler.last_good, self._context.db.now())

    def refresh(self) -> None:
        session = self._context.session
        shown = session is not None and session.actor.role in (Role.ADMIN, Role.SUPERVISOR)
        self.setVisible(shown)
        last = self._scheduler.last_good
        text = (
            t("上次备份：{at}", at=last.strftime("%Y-%m-%d %H:%M"))
            if last is not None
            else t("上次备份：无")
        )
        self.setText(text)
        self.setToolTip(self._scheduler.problem)
        self.setStyleSheet(style.text_style(style.ERROR, bold=True) if self.is_stale() else "")
