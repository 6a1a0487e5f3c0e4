"""Where a case is on its way (前台综合受理、后台分类审批、综合窗口出件) and how it got there:
the rule that says where an item is decided, and the records of hand-overs."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from townclerk.enums import CaseKind, Holder, Routing

# Words in an item's name saying the township only does the 初审 and reports it up (转报).
_COUNTY_WORDS = ("初审", "转报", "审核上报", "初核")


def route_for(
    *,
    routing: Routing | None,
    name: str,
    case_kind: CaseKind,
    department: str,
    desk_departments: Collection[str],
) -> Routing:
    """Where an item is decided: the catalog's word first; otherwise a 即办件 at the window, an
    item named as a 初审/转报 by the county, an item of a department that has a desk in the
    center at that desk, anything else at the window (as before desks existed)."""
    if routing is not None:
        return routing
    if case_kind is CaseKind.INSTANT:
        return Routing.WINDOW
    if any(word in name for word in _COUNTY_WORDS):
        return Routing.COUNTY
    if department in desk_departments:
        return Routing.BACK_OFFICE
    return Routing.WINDOW


@dataclass(frozen=True)
class HandoverInfo:
    """One hand-over of a case's papers, as its history shows it."""

    at: dt.datetime
    from_holder: Holder
    from_desk: str  # the desk's name, "" when not a desk
    to_holder: Holder
    to_desk: str
    given_by: str  # the user's display name
    taken_by: str
    papers: tuple[str, ...]
    note: str
    transfer_list: str = ""  # the 交接单/返还清单 number it travelled on


@dataclass(frozen=True)
class CaseJourney:
    """Where a case is and where it has been. ``routing`` is where its item is decided, as
    when it was registered."""

    routing: Routing
    holder: Holder
    desk_id: int | None = None
    desk_name: str = ""
    holder_since: dt.datetime | None = None
    handovers: tuple[HandoverInfo, ...] = ()
    # 初审转报: the township's own clock and what it sent; the county's decision date.
    review_due_date: dt.date | None = None
    review_opinion: str | None = None
    county_body: str | None = None
    sent_to_county_on: dt.date | None = None
    county_decided_on: dt.date | None = None
    # The result: a licence's number and validity; who collected it.
    result_number: str | None = None
    result_valid_until: dt.date | None = None
    delivered_to: str | None = None
    village_point: str = ""  # the village point whose agent brought it

    @property
    def holder_label(self) -> str:
        """The holder as a list shows it (untranslated): a desk by its name."""
        return (
            self.desk_name if self.holder is Holder.DESK and self.desk_name else self.holder.label
        )


def papers_text(papers: Sequence[str]) -> str:
    """Papers as stored: one a line, blank lines dropped."""
    return "\n".join(paper.strip() for paper in papers if paper.strip())
