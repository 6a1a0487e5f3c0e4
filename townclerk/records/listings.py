"""The rows of the listings (办件台账, 超期预警清单 with its 容缺逾期 sheet): read by the report
service, written by the workbooks."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Generic, TypeVar

from townclerk.enums import CaseKind, CaseStatus, Channel, Decision, Evaluation, IdType

RowT = TypeVar("RowT")


@dataclass(frozen=True)
class ListingHeader:
    """What a listing's title block says."""

    title: str
    center_name: str
    period_label: str
    filter_label: str
    generated_at: dt.datetime
    generated_by: str
    full_personal_data: bool


class Listing(Generic[RowT]):
    """The header and the rows of a listing, streamed as they are read; ``count`` says how many
    rows have been taken so far."""

    def __init__(self, header: ListingHeader, rows: Iterator[RowT]) -> None:
        self.header = header
        self._rows = rows
        self.count = 0

    def __iter__(self) -> Iterator[RowT]:
        for row in self._rows:
            self.count += 1
            yield row


@dataclass(frozen=True, slots=True)
class LedgerRow:
    number: str
    received_at: dt.datetime
    item_code: str
    item_name: str
    department: str
    case_kind: CaseKind
    channel: Channel
    applicant_name: str
    id_type: IdType
    id_number: str
    phone: str
    agent_name: str
    agent_id_number: str
    agent_phone: str
    village_name: str
    window_name: str
    clerk_name: str
    status: CaseStatus
    due_date: dt.date | None
    completed_at: dt.datetime | None
    decision: Decision | None
    result_text: str
    days_used: int | None
    on_time: bool | None
    evaluation: Evaluation | None
    reason: str
    note: str


@dataclass(frozen=True, slots=True)
class WarningRow:
    level: str  # WARNING_RED (overdue) or WARNING_YELLOW (due soon)
    number: str
    item_name: str
    department: str
    applicant_name: str
    phone: str
    agent_name: str
    agent_phone: str
    received_on: dt.date
    due_date: dt.date
    working_days: int  # overdue by (red) or left until the due date (yellow)
    status: CaseStatus
    window_name: str
    clerk_name: str
    statutory_due_date: dt.date | None = None
    over_statutory_days: int | None = None  # working days past the statutory date (超法定时限)


@dataclass(frozen=True, slots=True)
class ToleranceRow:
    """A 容缺 material still owed after the date the applicant promised it (容缺逾期)."""

    number: str
    item_name: str
    applicant_name: str
    phone: str
    agent_name: str
    agent_phone: str
    material_name: str
    promised_date: dt.date
    working_days: int  # working days past the promised date
    status: CaseStatus
    window_name: str
    clerk_name: str


class WarningListing(Listing[WarningRow]):
    """The deadline warnings, and the 容缺 materials overdue, read in the same transaction."""

    def __init__(
        self,
        header: ListingHeader,
        rows: Iterator[WarningRow],
        tolerances: tuple[ToleranceRow, ...],
    ) -> None:
        super().__init__(header, rows)
        self.tolerances = tolerances
