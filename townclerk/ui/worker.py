"""Running long work (reads, imports, exports, printing) off the UI thread.

``TaskRunner(parent).start(work, on_done=..., on_error=..., on_progress=...)`` runs
``work(progress)`` on the global thread pool; ``progress(...)`` may be called from the worker and
arrives on the UI thread, as do the result and any error. ``on_error`` gets every exception: it
shows what the user can act on (see ``crash.user_message``) and re-raises the rest, which the
application's crash handler reports.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

log = logging.getLogger("townclerk.ui.worker")

Progress = Callable[[int, int, str], None]


class _Signals(QObject):
    progress = Signal(int, int, str)
    finished = Signal(object)
    failed = Signal(object, str)


class Task(QRunnable):
    def __init__(self, work: Callable[[Progress], Any]) -> None:
        super().__init__()
        self.signals = _Signals()
        self._work = work
        self.setAutoDelete(False)

    def run(self) -> None:
        try:
            result = self._work(self.signals.progress.emit)
        except BaseException as error:  # delivered to the UI thread, never swallowed
            self.signals.failed.emit(error, traceback.format_exc())
        else:
            self.signals.finished.emit(result)


class TaskRunner(QObject):
    """Keeps running tasks alive and routes their signals to the callbacks on the UI thread."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._running: set[Task] = set()

    def is_running(self) -> bool:
        """A task started here has not reported yet (tests wait on this)."""
        return bool(self._running)

    def start(
        self,
        work: Callable[[Progress], Any],
        *,
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException, str], None],
        on_progress: Progress | None = None,
    ) -> Task:
        task = Task(work)
        self._running.add(task)

        @Slot(object)
        def done(result: Any) -> None:
            self._running.discard(task)
            if shiboken6.isValid(self):  # the screen that asked may be gone meanwhile
                on_done(result)

        @Slot(object, str)
        def failed(error: BaseException, trace: str) -> None:
            self._running.discard(task)
            if shiboken6.isValid(self):
                on_error(error, trace)
            else:
                log.error("background task failed after its screen closed:\n%s", trace)

        task.signals.finished.connect(done)
        task.signals.failed.connect(failed)
        if on_progress is not None:
            task.signals.progress.connect(on_progress)
        QThreadPool.globalInstance().start(task)
        return task
