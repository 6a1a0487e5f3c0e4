"""Running long work (imports, exports, batch printing) off the UI thread.

``run_task(parent, work, on_done=..., on_error=...)`` runs ``work(progress)`` on the global thread
pool; ``progress(done, total, text)`` may be called from the worker and arrives on the UI thread.
Results and errors are delivered on the UI thread. A UserError goes to ``on_error``; any other
exception is a bug and goes to the application's crash handler unless ``on_error`` takes all.
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

    def busy(self) -> bool:
        return bool(self._running)

    def wait(self, msecs: int = 30_000) -> bool:
        return QThreadPool.globalInstance().waitForDone(msecs)
