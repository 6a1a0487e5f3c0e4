"""Typing into a widget key by key, for the tests, the screenshot scripts and the benchmarks.

``qtbot.keyClicks`` (``QTest.keyClicks``) aborts on non-ASCII text, so every character goes as
one key event whose text is the character: what a keyboard layout delivers. The events are made
here rather than by ``QTest.sendKeyEvent``: PySide6 6.9 resolves a one-character ``str`` to
that function's ``char`` overload and sends the first byte of its UTF-8 (typing “张伟” gave “åä”).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget


def type_text(
    widget: QWidget, text: str, *, after_each: Callable[[], object] | None = None
) -> None:
    """Type ``text`` into ``widget``; ``after_each`` runs after every key (a typist's pause)."""
    for character in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, character)
            QApplication.sendEvent(widget, event)
        if after_each is not None:
            after_each()
