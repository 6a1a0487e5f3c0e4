"""What the window does with an exception nobody caught.

Errors the user can act on (a :class:`~townclerk.errors.UserError`, or a database error that
:func:`~townclerk.db.database.explain_environment_error` recognises: disk full, read-only data
dir, database locked) get a plain message box. Anything else is a bug: it is logged with its
traceback and shown in a crash dialog that names the log file to send to support.
"""

from __future__ import annotations

import logging
import sys
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from townclerk.db.database import user_error_behind
from townclerk.i18n import t
from townclerk.logs import redact_passwords
from townclerk.ui.widgets.dialog_keys import add_confirm_keys

log = logging.getLogger("townclerk.ui")


def user_message(error: BaseException) -> str:
    """The plain message of an error the user can act on (a UserError, or an environment problem
    behind ``error``). Anything else is a bug and is raised again, for the crash handler."""
    known = user_error_behind(error)
    if known is None:
        raise error
    return str(known)


def show_user_error(parent: QWidget | None, message: str) -> None:
    QMessageBox.warning(parent, t("无法继续"), message)


class CrashDialog(QDialog):
    """A bug: say so plainly, point at the log, offer the details for a support call."""

    def __init__(self, details: str, log_path: Path | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("crashDialog")
        self.setWindowTitle(t("程序出错"))
        self.quit_requested = False
        layout = QVBoxLayout(self)
        message = QLabel(
            t(
                "程序遇到了意外错误。此前已保存的数据不受影响；刚才的操作可能没有"
                "完成，请核对，并告知系统管理员。"
            )
        )
        message.setWordWrap(True)
        layout.addWidget(message)
        where = (
            t("错误详情已写入日志文件：\n{path}", path=log_path)
            if log_path is not None
            else t("日志文件无法写入，请复制下面的错误详情。")
        )
        log_label = QLabel(where)
        log_label.setObjectName("crashLogPath")
        log_label.setWordWrap(True)
        log_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(log_label)
        self.details = QPlainTextEdit(details)
        self.details.setObjectName("crashDetails")
        self.details.setAccessibleName(t("错误详情"))
        self.details.setReadOnly(True)
        self.details.setMinimumSize(560, 220)
        layout.addWidget(self.details)
        buttons = QDialogButtonBox()
        copy = QPushButton(t("复制详情"))
        copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(details))
        buttons.addButton(copy, QDialogButtonBox.ButtonRole.ActionRole)
        carry_on = buttons.addButton(t("继续"), QDialogButtonBox.ButtonRole.AcceptRole)
        carry_on.setDefault(True)
        quit_button = buttons.addButton(t("退出程序"), QDialogButtonBox.ButtonRole.DestructiveRole)
        quit_button.clicked.connect(self._quit)
        buttons.accepted.connect(self.accept)
        layout.addWidget(buttons)
        add_confirm_keys(self)  # Ctrl+Enter carries on, Esc as well

    def _quit(self) -> None:
        self.quit_requested = True
        self.reject()


class ExceptionHook:
    """Replaces ``sys.excepthook`` while the window runs (Qt hands slot exceptions to it)."""

    def __init__(self, log_path: Path | None) -> None:
        self.log_path = log_path
        self._showing = False
        self._previous = sys.excepthook

    def install(self) -> None:
        self._previous = sys.excepthook
        sys.excepthook = self

    def uninstall(self) -> None:
        sys.excepthook = self._previous

    def __call__(
        self,
        kind: type[BaseException],
        error: BaseException,
        trace: TracebackType | None,
    ) -> None:
        if issubclass(kind, KeyboardInterrupt):
            QApplication.quit()
            return
        parent = QApplication.activeWindow()
        known = user_error_behind(error)
        if known is not None:
            log.warning("shown to the user: %s", known)
            if not self._showing:
                self._showing = True
                try:
                    show_user_error(parent, str(known))
                finally:
                    self._showing = False
            return
        # A driver's error may quote a database URL: its password never reaches the report.
        details = redact_passwords("".join(traceback.format_exception(kind, error, trace)))
        log.error("unexpected error\n%s", details)
        if self._showing:  # an error while reporting an error: do not loop
            sys.__excepthook__(kind, error, trace)
            return
        self._showing = True
        try:
            dialog = CrashDialog(details, self.log_path, parent)
            dialog.exec()
            if dialog.quit_requested:
                QApplication.exit(70)  # EX_SOFTWARE
        finally:
            self._showing = False
