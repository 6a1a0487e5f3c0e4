"""What a write changed, said by the write itself (the idea of Anki's ``OpChanges``).

Screens reload themselves when an area of data they show has changed; they learn it from the
result of the write, never from the screen that made it. A write returns either a record whose
class names the area it belongs to (``CaseDetail.areas``: a write that hands back a case changed
cases), or, when it has nothing else to hand back, a :class:`Changed` naming the areas.
``ui/operations.py`` reads ``areas`` from the result and tells every screen.

The windows of other PCs learn of a write from the server instead (``db/change_notices.py``
sends the tables a transaction wrote): ``TABLE_AREAS`` says which area each table is part of.
"""

from __future__ import annotations

from collections.abc import Iterable
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

# What a write to each table changes, for the writes other PCs hear of (db/change_notices.py).
# Every table must be here (a test checks): a new table fails loudly until it is given its area.
# The history chains' rows are no area of their own: they are written with what they record.
TABLE_AREAS: dict[str, frozenset[DataArea]] = {
    **dict.fromkeys(
        (
            "cases",
            "case_materials",
            "case_pauses",
            "case_events",
            "case_handovers",
            "applicants",
            "case_number_counters",
        ),
        CASES,
    ),
    **dict.fromkeys(
        ("service_items", "item_materials", "item_revisions", "catalog_versions"), CATALOG
    ),
    **dict.fromkeys(
        ("settings", "calendar_overrides", "issuing_bodies", "service_windows", "villages"),
        SETTINGS,
    ),
    **dict.fromkeys(("users", "login_throttle"), USERS),
    **dict.fromkeys(
        (
            "village_points",
            "village_agents",
            "pre_registrations",
            "pre_registration_counters",
            "transfer_lists",
            "transfer_list_entries",
            "exchange_identity",
            "exchange_peers",
        ),
        VILLAGES,
    ),
    **dict.fromkeys(("desks", "desk_departments", "desk_members"), DESKS),
    **dict.fromkeys(("audit_log", "history_chain_heads"), frozenset()),
}


def areas_of_tables(tables: Iterable[str]) -> frozenset[DataArea]:
    """The areas a write to ``tables`` changed; a table this version does not know (written by
    a newer townclerk on another PC) may be anything, so it counts as every area."""
    areas: set[DataArea] = set()
    for table in tables:
        known = TABLE_AREAS.get(table)
        if known is None:
            return frozenset(DataArea)
        areas |= known
    return frozenset(areas)
