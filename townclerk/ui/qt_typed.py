"""Typed forms of the few PySide6 calls whose stubs are looser than the calls themselves.

PySide6's stubs say ``QT_TRANSLATE_NOOP`` and ``QDate.toPython`` return ``object`` and do not
list ``QDate(datetime.date)``; these say what the calls do, so the UI type-checks strictly.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import cast

from PySide6 import QtCore
from PySide6.QtCore import QDate

# Returns its source text unchanged (the stub says object). Keep the name: lupdate looks for it.
QT_TRANSLATE_NOOP = cast(Callable[[str, str], str], QtCore.QT_TRANSLATE_NOOP)


def to_qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def from_qdate(day: QDate) -> dt.date:
    """The date of a valid ``day``."""
    return dt.date(day.year(), day.month(), day.day())
