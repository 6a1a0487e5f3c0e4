"""Alt+letter never types its letter into a field.

A mnemonic whose button is disabled (不予受理, Alt+R, before the applicant is complete) lets the
key through to the field with the focus, and Qt's text fields take Alt+letter as the letter:
the phone number being typed became “138rn”. The text fields of a page given to
:func:`keep_alt_letters_out` drop Alt+letter instead. Ctrl+Alt (AltGr on some layouts) still
types, and keys without text (Alt+←) are left alone.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractSpinBox, QLineEdit, QPlainTextEdit, QTextEdit, QWidget

_TEXT_FIELDS = (QLineEdit, QPlainTextEdit, QTextEdit, QAbstractSpinBox)


class _AltLetters(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            modifiers = event.modifiers()
            if (
                modifiers & Qt.KeyboardModifier.AltModifier
                and not modifiers & Qt.KeyboardModifier.ControlModifier
                and event.text().strip()
            ):
                return True
        return super().eventFilter(watched, event)


def keep_alt_letters_out(page: QWidget) -> None:
    """The text fields of ``page`` (those it has now) ignore Alt+letter."""
    watcher = _AltLetters(page)
    for field in page.findChildren(QWidget):
        if isinstance(field, _TEXT_FIELDS):
            field.installEventFilter(watcher)
