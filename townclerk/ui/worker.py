"""Running long work (reads, imports, exports, printing) off the UI thread.

``TaskRunner(parent).start(work, on_done=..., on_error=..., on_progress=...)`` runs
``work(progress)`` on the global thread pool; ``progress(...)`` may be called from the worker and
arrives on the UI thread, as do the result and any error. ``on_error`` gets every exception: it
shows what the user can act on (see ``crash.user_message``) and re-raises the rest, which the
application's crash handler reports.

``Preload(work, name)`` starts work the start-up needs later (the search index, the history
check) on a thread of its own while the login dialog waits; ``result()`` waits for it.
"""

from __future__ import annotations

import logging
import threading
import traceback
from collections.abc import Callable
from typing import Any, Generic, TypeVar

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

log = logging.getLogger("townclerk.ui.worker")

Progress = Callable[[int, int, str], None]
T = TypeVar("T")


class Preload(Generic[T]):
    """``work`` running on a daemon thread from now on (a daemon: a clerk who closes the login
    dialog does not wait for it)."""

    def __init__(self, work: Callable[[], T], name: str) -> None:
        self._work = work
        self._value: T | None = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            self._value = self._work()
        except BaseException as error:  # handed to whoever asks for the result
            self._error = error

    def result(self) -> T:
        """The work's value once it has finished; its exception, raised here, if it failed."""
        self._thread.join()
        if self._error is not None:
            raise self._error
        return self._value  # type: ignore[return-value]  # set when no error was


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
