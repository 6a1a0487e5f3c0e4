"""Alt+letter on a button acts at once and leaves the keyboard focus where it was.

Qt answers a button's mnemonic with ``animateClick()``: it moves the focus to the button and
clicks 100 ms later, so whatever the clerk types in between (the ID number right after Alt+A)
goes to the button and is lost. Buttons given to :func:`instant_mnemonics` are clicked at once
instead, and the focus goes wherever their action puts it.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QAbstractButton


class _InstantMnemonic(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Shortcut and isinstance(watched, QAbstractButton):
            if watched.isEnabled() and watched.isVisible():
                watched.click()
            return True
        return super().eventFilter(watched, event)


def instant_mnemonics(owner: QObject, *buttons: QAbstractButton) -> None:
    """Make the mnemonics of ``buttons`` click at once, without taking the focus."""
    watcher = _InstantMnemonic(owner)
    for button in buttons:
        button.installEventFilter(watcher)
