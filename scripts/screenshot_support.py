"""What the screenshot and document-rendering scripts share: a fixed clock, waiting for the
window to settle, saving a grab."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEventLoop, QThreadPool, QTimer
from PySide6.QtWidgets import QWidget


class Clock:
    """A demo database's clock: fixed, moved on by the script where its story needs it."""

    def __init__(self, now: dt.datetime) -> None:
        self.now = now

    def __call__(self) -> dt.datetime:
        return self.now


def settle(ms: int = 200, rounds: int = 2) -> None:
    """Let layouts, timers and worker threads finish before grabbing."""
    for _ in range(rounds):
        QThreadPool.globalInstance().waitForDone(30_000)
        loop = QEventLoop()
        QTimer.singleShot(ms, loop.quit)
        loop.exec()


def grab(widget: QWidget, target: Path) -> Path:
    if not widget.grab().save(str(target)):
        raise OSError(f"could not write {target}")
    return target


def close(window: QWidget) -> None:
    window.close()
    window.deleteLater()
    QCoreApplication.processEvents()
