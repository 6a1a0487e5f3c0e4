"""The small line under an input that says, with a mark and a colour, whether it is right."""

from __future__ import annotations

from enum import Enum

from PySide6.QtWidgets import QLabel, QWidget

from townclerk.ui import style


class FieldState(Enum):
    EMPTY = "empty"
    HINT = "hint"
    OK = "ok"
    ERROR = "error"


_STYLE = {
    FieldState.EMPTY: "",
    FieldState.HINT: style.MUTED_TEXT,
    FieldState.OK: style.OK_TEXT,
    FieldState.ERROR: style.ERROR_TEXT,
}
_MARK = {FieldState.EMPTY: "", FieldState.HINT: "", FieldState.OK: "✓ ", FieldState.ERROR: "✗ "}


class FieldStatus(QLabel):
    """A mark (✓ or ✗) and a message; the state is readable for tests and screen readers."""

    def __init__(self, object_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        self.setWordWrap(True)
        self.state = FieldState.EMPTY
        self.message = ""

    def show_state(self, state: FieldState, message: str = "") -> None:
        self.state = state
        self.message = message
        self.setText(_MARK[state] + message if message else "")
        self.setStyleSheet(_STYLE[state])
        self.setAccessibleDescription(message)

    def clear_state(self) -> None:
        self.show_state(FieldState.EMPTY)
