"""Locking the window when the clerk walks away, without losing what they were typing.

:class:`IdleWatcher` notes the time of the last key press, click, wheel turn or input-method
commit; a timer compares it with the configured idle time. The main window then hides its pages
(kept intact underneath) and shows :class:`LockDialog`, which needs the clerk's password, or lets
another user log in instead.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QWindow
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from townclerk.i18n import t
from townclerk.services.access import Actor
from townclerk.ui import style
from townclerk.ui.context import AppContext, Session
from townclerk.ui.crash import user_message
from townclerk.ui.dialogs.login import LoginDialog
from townclerk.ui.widgets.dialog_keys import add_confirm_keys
from townclerk.ui.worker import TaskRunner

CHECK_INTERVAL_MS = 5_000
USER_INPUT_EVENTS = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.InputMethod,
        QEvent.Type.TouchBegin,
        QEvent.Type.TabletPress,
    }
)


class IdleWatcher(QObject):
    """Emits ``idle`` once when no user input arrived for ``minutes``; ``reset`` re-arms it.

    :meth:`watch_application` makes it an event filter where user input arrives first, not on
    the whole application: there a Python filter would run for every event of every widget (30
    to 60 a keystroke, ~1,800 for a page switch), each call waiting for Python's lock while a
    worker thread holds it. The system hands keys, clicks, wheel turns and touches to a top-level
    window before any widget sees them, and an input method hands its committed text (Chinese
    typed in pinyin) to the object that has the keyboard focus; so the watcher filters the
    windows that have had the focus and the current focus object.
    """

    idle = Signal()

    def __init__(
        self,
        minutes: int,
        parent: QObject | None = None,
        *,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(parent)
        self._clock = clock
        self.minutes = minutes
        self.last_input = clock()
        self.armed = True
        self._focus_object: QObject | None = None
        self._watching = False
        self._timer = QTimer(self)
        self._timer.setInterval(CHECK_INTERVAL_MS)
        self._timer.timeout.connect(self.check)
        self._timer.start()

    def watch_application(self) -> None:
        """Watch the application's windows, and each window and object that gets the focus."""
        if self._watching:
            return
        self._watching = True
        for window in QGuiApplication.topLevelWindows():
            self.watch_window(window)
        application = QGuiApplication.instance()
        if isinstance(application, QGuiApplication):
            application.focusWindowChanged.connect(self.watch_window)
            application.focusObjectChanged.connect(self._watch_focus_object)
        self._watch_focus_object(QGuiApplication.focusObject())

    def watch_window(self, window: QWindow | None) -> None:
        """Filter the input ``window`` receives (installing twice is the same as once)."""
        if window is not None:
            window.installEventFilter(self)

    def _watch_focus_object(self, focus: QObject | None) -> None:
        previous, self._focus_object = self._focus_object, focus
        if (
            previous is not None
            and previous is not focus
            and not isinstance(previous, QWindow)  # a window stays watched
            and shiboken6.isValid(previous)  # not deleted meanwhile
        ):
            previous.removeEventFilter(self)
        if focus is not None:
            focus.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in USER_INPUT_EVENTS:
            self.last_input = self._clock()
        return False

    def idle_seconds(self) -> float:
        return self._clock() - self.last_input

    def check(self) -> None:
        if self.armed and self.minutes > 0 and self.idle_seconds() >= self.minutes * 60:
            self.armed = False
            self.idle.emit()

    def reset(self) -> None:
        self.last_input = self._clock()
        self.armed = True

    def stop(self) -> None:
        """Stop watching and checking (the main window is closing)."""
        self._timer.stop()
        if not self._watching:
            return
        self._watching = False
        application = QGuiApplication.instance()
        if isinstance(application, QGuiApplication):
            application.focusWindowChanged.disconnect(self.watch_window)
            application.focusObjectChanged.disconnect(self._watch_focus_object)
        for window in QGuiApplication.topLevelWindows():
            window.removeEventFilter(self)
        self._watch_focus_object(None)


class LockDialog(QDialog):
    """Unlock with the password of the user who locked, or log in as somebody else."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lockDialog")
        self.setWindowTitle(t("已锁定 — townclerk"))
        self.setWindowFlags(
            Qt.WindowType.Dialog | Qt.WindowType.CustomizeWindowHint | Qt.WindowType.WindowTitleHint
        )
        self._context = context
        self._runner = TaskRunner(self)
        self.busy = False
        self.new_session: Session | None = None
        self.login_dialog: LoginDialog | None = None
        session = context.session
        assert session is not None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 24, 28, 20)
        layout.setSpacing(12)
        title = QLabel(t("窗口已锁定"))
        title.setStyleSheet("font-size: 15pt; font-weight: bold;")
        layout.addWidget(title)
        who = QLabel(
            t(
                "{name}（{role}）。输入密码后继续刚才的工作。",
                name=session.actor.display_name,
                role=t(session.actor.role.label),
            )
        )
        who.setObjectName("lockUserLabel")
        who.setWordWrap(True)
        layout.addWidget(who)
        self.password_edit = QLineEdit()
        self.password_edit.setObjectName("lockPasswordEdit")
        self.password_edit.setAccessibleName(t("密码"))
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        layout.addWidget(self.password_edit)
        self.message = QLabel()
        self.message.setObjectName("lockMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet(style.ERROR_TEXT)
        layout.addWidget(self.message)
        buttons = QHBoxLayout()
        self.switch_button = QPushButton(t("切换用户(&S)…"))
        self.switch_button.setObjectName("lockSwitchUserButton")
        self.switch_button.setAccessibleName(t("以其他用户身份登录"))
        self.switch_button.setAutoDefault(False)
        self.switch_button.clicked.connect(self.switch_user)
        self.unlock_button = QPushButton(t("解锁"))
        self.unlock_button.setObjectName("unlockButton")
        self.unlock_button.setAccessibleName(t("解锁"))
        self.unlock_button.setDefault(True)
        self.unlock_button.clicked.connect(self.try_unlock)
        buttons.addWidget(self.switch_button)
        buttons.addStretch(1)
        buttons.addWidget(self.unlock_button)
        layout.addLayout(buttons)
        self.setMinimumWidth(400)
        add_confirm_keys(self, self.try_unlock)  # Esc does nothing here (reject)
        self.password_edit.setFocus()

    def try_unlock(self) -> None:
        if self.busy:
            return
        password = self.password_edit.text()
        if not password:
            self.message.setText(t("请输入密码。"))
            return
        self._set_busy(True)
        users = self._context.users
        username = self._context.actor.username
        self._runner.start(
            lambda _progress: users.authenticate(username, password),
            on_done=self._unlocked,
            on_error=self._failed,
        )

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        for widget in (self.password_edit, self.unlock_button, self.switch_button):
            widget.setEnabled(not busy)

    def _unlocked(self, _actor: Actor) -> None:
        self._set_busy(False)
        self.accept()

    def _failed(self, error: BaseException, _trace: str) -> None:
        self._set_busy(False)
        message = user_message(error)
        self.message.setText(message)
        self.password_edit.clear()
        self.password_edit.setFocus()

    def switch_user(self) -> None:
        session = self._context.session
        dialog = LoginDialog(self._context, self, window_id=session.window_id if session else None)
        dialog.setObjectName("switchUserDialog")
        dialog.accepted.connect(lambda: self._switched(dialog))
        self.login_dialog = dialog
        dialog.open()

    def _switched(self, dialog: LoginDialog) -> None:
        if dialog.session is not None:
            self.new_session = dialog.session
            self.accept()

    def reject(self) -> None:
        """Escape and the close button do not unlock."""
