"""Results going back to a village point (返还清单) and their pickup there (领取)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import ClassVar

from townclerk.enums import Decision
from townclerk.records import changes
from townclerk.records.changes import DataArea

_CASES_AND_VILLAGES = changes.CASES | changes.VILLAGES


@dataclass(frozen=True)
class PointResults:
    """A village point and its results: decided at the window, and carried there uncollected."""

    id: int
    code: str
    name: str
    ready: int
    at_point: int


@dataclass(frozen=True)
class ReadyCase:
    """A decided case of a village point, held at the window and not yet handed out."""

    number: str
    reference: str | None  # the pre-registration it came as
    applicant_name: str
    applicant_id_number: str  # masked
    item_name: str
    decision: Decision | None
    result_text: str
    result_number: str | None
    completed_at: dt.datetime | None


@dataclass(frozen=True)
class ReturnEntry:
    """One line of a 返还清单: a case's result and, once collected, who collected it."""

    seq: int
    case_number: str
    reference: str | None
    applicant_name: str
    applicant_id_number: str  # masked
    item_name: str
    decision: Decision | None
    papers: tuple[str, ...]
    picked_up_at: dt.datetime | None
    picked_up_by: str | None


@dataclass(frozen=True)
class ReturnList:
    """A 返还清单: results carried from the window to a village point."""

    areas: ClassVar[frozenset[DataArea]] = _CASES_AND_VILLAGES

    id: int
    number: str
    point_code: str
    point_name: str
    carrier: str
    created_at: dt.datetime
    created_by: str
    entries: tuple[ReturnEntry, ...]


@dataclass(frozen=True)
class PickedUp:
    """A result collected at the village point (送达 by the agent, 代办员转交)."""

    areas: ClassVar[frozenset[DataArea]] = _CASES_AND_VILLAGES

    number: str
    reference: str | None
    picked_up_by: str
    at: dt.datetime
