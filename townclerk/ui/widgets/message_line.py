"""The line under a form or a panel that says what just happened: done (green) or why not (red).

A `WriteRunner` (`ui/operations.py`) given one shows its write's user errors there."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from townclerk.ui import style


class MessageLine(QLabel):
    """Empty until an action reports; ``is_error`` tells tests and code which kind it shows."""

    def __init__(self, object_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        self.setWordWrap(True)
        self.is_error = False

    def show_ok(self, text: str) -> None:
        self.is_error = False
        self.setStyleSheet(style.OK_TEXT)
        self.setText("✓ " + text)

    def show_error(self, text: str) -> None:
        self.is_error = True
        self.setStyleSheet(style.ERROR_TEXT)
        self.setText("✗ " + text)

    def clear_message(self) -> None:
        self.is_error = False
        self.setStyleSheet("")
        self.clear()
