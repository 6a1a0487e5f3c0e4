"""出件 (统一窗口出件): what the window hands out and what it waits for from the county.

The lists read through the partial indexes built for them: ``ix_cases_to_deliver`` (decided
cases by holder and decision time) and ``ix_cases_at_county``; their WHERE terms repeat the
indexes' own words literally, so SQLite uses them (see ``db.models.open_cases``)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Row, func, select, text

from townclerk.db.database import Database
from townclerk.db.models import AT_COUNTY_SQL, COMPLETED_STATUS_SQL, Case, open_cases
from townclerk.enums import Holder, Routing
from townclerk.records.dispatch import CountyRow, ToDeliverRow
from townclerk.services.access import Actor, Permission, require, viewing
from townclerk.services.settings import SettingsService
from townclerk.workdays import WorkCalendar

# The window's own rows among the decided cases (a desk or the village may hold others).
_AT_WINDOW_SQL = f"holder = '{Holder.WINDOW.value}'"
LIST_LIMIT = 500


class DispatchService:
    def __init__(self, db: Database) -> None:
        self._db = db

    def to_deliver(self, actor: Actor, *, limit: int = LIST_LIMIT) -> list[ToDeliverRow]:
        """待出件: decided cases held at the window, oldest decision first."""
        require(actor, Permission.VIEW_CASES)
        with viewing(self._db, actor) as session:
            rows = session.execute(
                select(
                    Case.number,
                    Case.item_name,
                    Case.applicant_name,
                    Case.agent_name,
                    Case.decision,
                    Case.result_text,
                    Case.completed_at,
                    Case.due_date,
                    Case.county_decided_on,
                    Case.county_body,
                    Case.issuing_body,
                )
                .where(text(COMPLETED_STATUS_SQL), text(_AT_WINDOW_SQL))
                .order_by(Case.completed_at, Case.id)
                .limit(limit)
            )
            return [
                ToDeliverRow(
                    number=row.number,
                    item_name=row.item_name,
                    applicant_name=row.applicant_name,
                    agent_name=row.agent_name,
                    decision=row.decision,
                    result_text=row.result_text or "",
                    completed_at=row.completed_at,
                    due_date=row.due_date,
                    county_body=row.county_body if row.county_decided_on else None,
                    issuing_body=row.issuing_body or "",
                )
                for row in rows
            ]

    def count_to_deliver(self, actor: Actor) -> int:
        """How many results wait at the window (the status bar's 待出件 N): counted in the
        partial index alone."""
        require(actor, Permission.VIEW_CASES)
        with viewing(self._db, actor) as session:
            return (
                session.scalar(
                    select(func.count())
                    .select_from(Case)
                    .where(text(COMPLETED_STATUS_SQL), text(_AT_WINDOW_SQL))
                )
                or 0
            )

    def county_cases(self, actor: Actor) -> list[CountyRow]:
        """在县级: the 初审转报 cases still at the window (their 初审 date first), then those
        away at the county, longest away first."""
        require(actor, Permission.VIEW_CASES)
        today = self._db.today()
        with viewing(self._db, actor) as session:
            calendar = SettingsService.work_calendar_in(session)
            columns = (
                Case.number,
                Case.item_name,
                Case.applicant_name,
                Case.holder,
                Case.county_body,
                Case.sent_to_county_on,
                Case.review_due_date,
                Case.due_date,
            )
            waiting = session.execute(
                select(*columns)
                .where(
                    Case.id.in_(select(Case.id).where(open_cases())),
                    Case.routing == Routing.COUNTY,
                    text(_AT_WINDOW_SQL),
                )
                .order_by(Case.review_due_date, Case.id)
            )
            away = session.execute(
                select(*columns).where(text(AT_COUNTY_SQL)).order_by(Case.holder_since, Case.id)
            )
            return [_county_row(row, calendar, today) for row in [*waiting, *away]]


def _county_row(row: Row[Any], calendar: WorkCalendar, today: dt.date) -> CountyRow:
    sent_on: dt.date | None = row.sent_to_county_on
    review_due: dt.date | None = row.review_due_date
    away = row.holder is Holder.COUNTY and sent_on is not None
    # 初审 ends when the case is sent; one still at the window is measured against today.
    reviewed_by = sent_on if away and sent_on is not None else today
    return CountyRow(
        number=row.number,
        item_name=row.item_name,
        applicant_name=row.applicant_name,
        holder=row.holder,
        county_body=row.county_body,
        sent_on=sent_on if away else None,
        days_away=calendar.days_used(sent_on, today, ()) if away and sent_on else None,
        review_due_date=review_due,
        due_date=row.due_date,
        review_late=review_due is not None and reviewed_by > review_due,
    )
