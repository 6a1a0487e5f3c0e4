"""Typed forms of the few PySide6 calls whose stubs are looser than the calls themselves.

PySide6's stubs say ``QDate.toPython`` returns ``object`` and do not list
``QDate(datetime.date)``; these say what the calls do, so the UI type-checks strictly.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate


def to_qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def from_qdate(day: QDate) -> dt.date:
    """The date of a valid ``day``."""
    return dt.date(day.year(), day.month(), day.day())
