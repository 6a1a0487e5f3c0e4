"""UI tests and the writes of ui/operations.py: waiting for them, and changes made elsewhere."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from townclerk.records.changes import DataArea
from townclerk.ui.context import AppContext

WRITE_TIMEOUT_MS = 10_000


def wait_for_writes(qtbot: QtBot, context: AppContext) -> None:
    """Until every write started from a screen has reported (and its screens have reloaded)."""
    qtbot.waitUntil(lambda: not context.bus.writes.is_running(), timeout=WRITE_TIMEOUT_MS)


def changed_elsewhere(context: AppContext, area: DataArea) -> None:
    """What a write made at another screen (or window) tells every screen."""
    context.bus.data_changed.emit(area, None)
