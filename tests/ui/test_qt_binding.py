"""Guards against a broken Qt binding build: PySide6 6.12.0 under Python 3.11 loses a reference
to None on every void call and the app aborts after a few thousand clicks (none_dealloc)."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot


def test_void_qt_calls_keep_none_alive(qtbot: QtBot) -> None:
    label = QLabel()
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for _ in range(2000):
        label.setText("受理")
    after = sys.getrefcount(None)
    # Other threads may hold or drop a few references meanwhile; 2,000 lost ones is the bug.
    assert abs(after - before) < 200
