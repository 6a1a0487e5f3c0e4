"""Ctrl+Enter confirms a dialog and Esc cancels it, from whichever field has the focus.

Every dialog of townclerk calls :func:`add_confirm_keys`. A text box would take Ctrl+Enter as a
new line and a line edit as its own Enter, so the key is caught before the field sees it. Esc is
QDialog's own: it calls ``reject()``, which a dialog may refuse while it is busy.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QDialog, QWidget


def is_confirm_key(event: QKeyEvent) -> bool:
    """Ctrl+Enter, with either Enter key."""
    modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
    return (
        event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        and modifiers == Qt.KeyboardModifier.ControlModifier
    )


class _ConfirmKeys(QObject):
    def __init__(self, dialog: QDialog, confirm: Callable[[], object]) -> None:
        super().__init__(dialog)
        self._dialog = dialog
        self._confirm = confirm
        dialog.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and watched is self._dialog:
            for child in self._dialog.findChildren(QWidget):
                child.removeEventFilter(self)  # shown again: never filtered twice
                if child.window() is self._dialog:  # a dialog opened from it has its own keys
                    child.installEventFilter(self)
        elif event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if is_confirm_key(event):
                self._confirm()
                return True
        return super().eventFilter(watched, event)


def add_confirm_keys(dialog: QDialog, confirm: Callable[[], object] | None = None) -> None:
    """Ctrl+Enter in any field of ``dialog`` calls ``confirm`` (what its confirm button does:
    ``button.click``, which does nothing while the button is disabled), by default
    ``dialog.accept``; Esc rejects it."""
    _ConfirmKeys(dialog, confirm or dialog.accept)
