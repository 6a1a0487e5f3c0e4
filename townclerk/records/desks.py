"""Back-office desks (后台分类审批) and what waits at them: the desks as the admin keeps them,
and one row of an officer's queue."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import ClassVar

from townclerk.enums import CaseStatus, IdType
from townclerk.records import changes
from townclerk.records.changes import DataArea


@dataclass(frozen=True)
class DeskOfficer:
    """A back-office officer working at a desk."""

    user_id: int
    username: str
    display_name: str
    active: bool


@dataclass(frozen=True)
class DeskInfo:
    """A desk, the departments whose back-office cases it decides, and its officers."""

    areas: ClassVar[frozenset[DataArea]] = changes.DESKS  # a write that returns a desk

    id: int
    name: str
    active: bool
    sort_order: int
    departments: tuple[str, ...] = ()
    officers: tuple[DeskOfficer, ...] = ()


@dataclass(frozen=True)
class QueueRow:
    """A case waiting at one of an officer's desks. ``days_left``: working days to the promised
    date (negative: overdue; None without a date); ``days_at_desk``: working days since it
    arrived. The applicant's ID number is masked. A paused case (补正, 特别程序) has no
    warning: its clock stands still."""

    number: str
    status: CaseStatus
    item_name: str
    department: str
    desk_id: int
    desk_name: str
    applicant_name: str
    id_type: IdType
    id_number: str
    received_at: dt.datetime
    due_date: dt.date | None
    days_left: int | None
    at_desk_since: dt.datetime
    days_at_desk: int
    warning: str | None = None  # as the case list's (records.cases.deadline_warning)
