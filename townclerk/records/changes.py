"""What a write changed, said by the write itself (the idea of Anki's ``OpChanges``).

Screens reload themselves when an area of data they show has changed; they learn it from the
result of the write, never from the screen that made it. A write returns either a record whose
class names the area it belongs to (``CaseDetail.areas``: a write that hands back a case changed
cases), or, when it has nothing else to hand back, a :class:`Changed` naming the areas.
``ui/operations.py`` reads ``areas`` from the result and tells every screen.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol


class DataArea(StrEnum):
    """The parts of the data a screen may show; one write may change several."""

    CASES = "cases"
    CATALOG = "catalog"
    SETTINGS = "settings"
    USERS = "users"
    # Village points, their pre-registrations and trips; desks.
    VILLAGES = "villages"
    DESKS = "desks"


class Changes(Protocol):
    """The result of a write: it knows which areas of data the write changed."""

    @property
    def areas(self) -> frozenset[DataArea]: ...


@dataclass(frozen=True)
class Changed:
    """The result of a write that has nothing to hand back but what it changed."""

    areas: frozenset[DataArea]


CASES: frozenset[DataArea] = frozenset({DataArea.CASES})
CATALOG: frozenset[DataArea] = frozenset({DataArea.CATALOG})
SETTINGS: frozenset[DataArea] = frozenset({DataArea.SETTINGS})
USERS: frozenset[DataArea] = frozenset({DataArea.USERS})
VILLAGES: frozenset[DataArea] = frozenset({DataArea.VILLAGES})
DESKS: frozenset[DataArea] = frozenset({DataArea.DESKS})
