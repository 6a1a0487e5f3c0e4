"""Searching when the typing in a search box pauses, not at every keystroke."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QLineEdit


class TypingPause(QObject):
    """Runs ``search`` once the text of ``edit`` has not changed for ``delay_ms``; Enter, or
    :meth:`flush`, runs a pending search at once."""

    def __init__(self, edit: QLineEdit, delay_ms: int, search: Callable[[], None]) -> None:
        super().__init__(edit)
        self._search = search
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(search)
        edit.textChanged.connect(lambda _text: self._timer.start())
        edit.returnPressed.connect(self.flush)

    def pending(self) -> bool:
        return self._timer.isActive()

    def cancel(self) -> None:
        """Forget the pending search (the caller is searching anyway)."""
        self._timer.stop()

    def flush(self) -> None:
        if self._timer.isActive():
            self._timer.stop()
            self._search()
