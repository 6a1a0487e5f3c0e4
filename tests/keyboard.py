"""Typing into a widget key by key, for the tests, the screenshot scripts and the benchmarks.

``qtbot.keyClicks`` (``QTest.keyClicks``) aborts on non-ASCII text, so every character goes as
one key event whose text is the character: what a keyboard layout delivers.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget


def type_text(
    widget: QWidget, text: str, *, after_each: Callable[[], object] | None = None
) -> None:
    """Type ``text`` into ``widget``; ``after_each`` runs after every key (a typist's pause)."""
    for character in text:
        QTest.sendKeyEvent(
            QTest.KeyAction.Click,
            widget,
            Qt.Key.Key_unknown,
            character,
            Qt.KeyboardModifier.NoModifier,
        )
        if after_each is not None:
            after_each()
