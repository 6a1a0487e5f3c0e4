"""The window's two lists of the 初审转报 and 出件 journey: results waiting to be handed out
(待出件), and the cases the county decides, waiting to be sent or away there (在县级)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from townclerk.enums import Decision, Holder


@dataclass(frozen=True)
class ToDeliverRow:
    """A decided case whose result waits at the window (待出件), oldest decision first."""

    number: str
    item_name: str
    applicant_name: str
    agent_name: str | None
    decision: Decision | None
    result_text: str
    completed_at: dt.datetime
    due_date: dt.date | None
    county_body: str | None  # the county body that decided it, for a 初审转报 case
    issuing_body: str = ""  # else the body that decided it (as when it was registered)


@dataclass(frozen=True)
class CountyRow:
    """A 初审转报 case: at the window waiting for its 初审 and 转报 (``holder`` WINDOW), or
    away at the county (COUNTY) since ``sent_on``."""

    number: str
    item_name: str
    applicant_name: str
    holder: Holder
    county_body: str | None
    sent_on: dt.date | None
    days_away: int | None  # working days since it was sent
    review_due_date: dt.date | None  # the township's own 初审 date
    due_date: dt.date | None  # the date promised to the resident
    review_late: bool  # sent after its 初审 date, or still here past it

    @property
    def at_county(self) -> bool:
        return self.holder is Holder.COUNTY
