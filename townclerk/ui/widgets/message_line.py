"""The line under a settings form that says what just happened: saved (green) or why not (red)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

_OK_STYLE = "color: #1b7f3b;"
_ERROR_STYLE = "color: #b00020; font-weight: bold;"


class MessageLine(QLabel):
    """Empty until an action reports; ``is_error`` tells tests and code which kind it shows."""

    def __init__(self, object_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        self.setWordWrap(True)
        self.is_error = False

    def show_ok(self, text: str) -> None:
        self.is_error = False
        self.setStyleSheet(_OK_STYLE)
        self.setText("✓ " + text)

    def show_error(self, text: str) -> None:
        self.is_error = True
        self.setStyleSheet(_ERROR_STYLE)
        self.setText("✗ " + text)

    def clear_message(self) -> None:
        self.is_error = False
        self.setStyleSheet("")
        self.clear()
