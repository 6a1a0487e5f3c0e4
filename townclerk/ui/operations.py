"""Writes from the screens: run off the UI thread, then every screen hears what changed.

A screen that writes owns a ``WriteRunner(context, self, message=self.message)`` and writes
through it: ``run(work, on_done=..., on_user_error=..., busy=(button,), initiator=self)``.

- ``work()`` (one service call) runs on the worker thread pool, like a ``TaskRunner`` task.
- Its result says what the write changed (``records/changes.py``): on success the runner emits
  ``bus.data_changed(area, initiator)`` for each area the result names, and every screen showing
  one of them reloads itself; a screen that has already shown its own change may skip the
  reload when the initiator is itself. A result of None (a write that found nothing to change)
  names no area. Then ``on_done(result)`` is called. Screens never emit ``data_changed``.
- A user error (what ``crash.user_message`` recognises: a UserError, a full disk, a locked
  database) goes to ``on_user_error(message)`` when given, else to the runner's message line.
  A write refused because the user has been disabled meanwhile (``SessionEnded``) emits
  ``bus.session_ended(message)`` instead: the main window returns to the login dialog, which
  shows the message.
  A write that broke off because the connection to the database server was lost is the
  user's environment, no bug: the message says plainly that nothing was saved (``lost_message``
  says it in the screen's own words), and ``bus.connection_lost`` is emitted, so the main
  window shows its banner until the server answers again. The screen keeps what was typed.
  Anything else is a bug: it is raised again on the UI thread, for the crash handler.
- The ``busy`` widgets are disabled while the write runs and enabled again before the result
  or the error is shown (the reloads that follow may disable them again). A screen whose state
  is worked out rather than switched on and off listens to ``finished``, emitted then too, on
  every outcome, bugs included.

The write itself runs on the bus's runner, which lives as long as the application: a write
whose screen has closed meanwhile still announces its change; only the screen's callbacks are
skipped. ``is_running()`` says whether a write of this runner has not reported yet (tests wait
on ``bus.writes``, which covers every screen).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, TypeVar

import shiboken6
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from townclerk.db.database import is_connection_lost
from townclerk.i18n import t
from townclerk.records.changes import Changes
from townclerk.services.access import SessionEnded
from townclerk.ui.crash import user_message
from townclerk.ui.widgets.message_line import MessageLine

if TYPE_CHECKING:
    from townclerk.ui.context import AppContext

log = logging.getLogger("townclerk.ui.operations")

R = TypeVar("R", bound=Changes | None)


class WriteRunner(QObject):
    """The writes of one screen (its parent); see the module's docstring."""

    finished = Signal()  # a write has reported; its result or error is shown next

    def __init__(
        self, context: AppContext, parent: QObject, *, message: MessageLine | None = None
    ) -> None:
        super().__init__(parent)
        self._bus = context.bus
        self._message = message
        self._running = 0

    def is_running(self) -> bool:
        return self._running > 0

    def run(
        self,
        work: Callable[[], R],
        *,
        on_done: Callable[[R], None] | None = None,
        on_user_error: Callable[[str], None] | None = None,
        busy: Sequence[QWidget] = (),
        initiator: object = None,
        lost_message: str | None = None,
    ) -> None:
        show_error = on_user_error
        if show_error is None:
            if self._message is None:
                raise TypeError("a screen without a message line must say where errors go")
            show_error = self._message.show_error
        bus = self._bus
        for widget in busy:
            widget.setEnabled(False)
        self._running += 1

        def finish() -> bool:
            """Re-enable the busy widgets; False when the screen is gone."""
            if not shiboken6.isValid(self):
                return False
            self._running -= 1
            for widget in busy:
                if shiboken6.isValid(widget):
                    widget.setEnabled(True)
            self.finished.emit()
            return True

        def done(result: R) -> None:
            alive = finish()
            if result is not None:
                for area in sorted(result.areas):
                    bus.data_changed.emit(area, initiator)
            if alive and on_done is not None:
                on_done(result)

        def failed(error: BaseException, _trace: str) -> None:
            alive = finish()
            message = user_message(error)  # a bug is raised again here
            if is_connection_lost(error):
                bus.connection_lost.emit()
                message = lost_message or t(
                    "保存失败：与服务器的连接中断，本次操作未保存。连接恢复后请再试。"
                )
            if isinstance(error, SessionEnded):
                bus.session_ended.emit(message)
            elif alive:
                show_error(message)
            else:
                log.warning("a write from a closed screen was refused: %s", message)

        bus.writes.start(lambda _progress: work(), on_done=done, on_error=failed)
