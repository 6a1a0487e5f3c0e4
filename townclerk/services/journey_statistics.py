"""The journey figures of a period (records/journey_statistics.py): per back-office desk and
for the county from the hand-overs, per village point from its pre-registrations."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from sqlalchemy import ColumnElement, and_, case, func, select, text
from sqlalchemy.orm import Session, aliased

from townclerk.db.database import Database
from townclerk.db.models import (
    AT_COUNTY_SQL,
    AT_DESK_SQL,
    Case,
    CaseHandover,
    Desk,
    PreRegistration,
    TransferList,
    TransferListEntry,
    VillagePoint,
)
from townclerk.enums import Holder, PreRegistrationStatus, TransferDirection
from townclerk.i18n import t
from townclerk.records.journey_statistics import HolderFigures, JourneyReport, VillagePointFigures
from townclerk.records.statistics import Period
from townclerk.services.access import Actor, Permission, require, viewing
from townclerk.services.settings import SettingsService
from townclerk.workdays import WorkCalendar

# The literal terms of the partial indexes ix_cases_desk_queue and ix_cases_at_county.
_HELD_SQL = {Holder.DESK: AT_DESK_SQL, Holder.COUNTY: AT_COUNTY_SQL}
_ANSWERED = (
    PreRegistrationStatus.ACCEPTED,
    PreRegistrationStatus.NOTIFIED,
    PreRegistrationStatus.NOT_RECEIVED,
)


class JourneyStatisticsService:
    def __init__(self, db: Database) -> None:
        self._db = db

    def report(self, actor: Actor, period: Period) -> JourneyReport:
        require(actor, Permission.VIEW_REPORTS)
        start = dt.datetime.combine(period.first, dt.time())
        end = dt.datetime.combine(period.last + dt.timedelta(days=1), dt.time())
        with viewing(self._db, actor) as session:
            calendar = SettingsService.work_calendar_in(session)
            desks = session.execute(
                select(Desk.id, Desk.name, Desk.active).order_by(Desk.sort_order, Desk.id)
            ).all()
            now = self._db.now()
            holders = [
                _holder(session, calendar, name, Holder.DESK, desk_id, start, end, now)
                for desk_id, name, active in desks
            ]
            # A closed desk is shown only while papers still moved through it in the period.
            holders = [
                figures
                for figures, (_, _, active) in zip(holders, desks, strict=True)
                if active or figures.received or figures.handed_over or figures.waiting
            ]
            holders.append(
                _holder(
                    session, calendar, t(Holder.COUNTY.label), Holder.COUNTY, None, start, end, now
                )
            )
            points = _points(session, calendar, start, end)
        return JourneyReport(period, tuple(holders), tuple(points))


def _at(holder: Holder, desk_id: int | None, *, arriving: bool) -> ColumnElement[bool]:
    if arriving:
        where = CaseHandover.to_holder == holder
        return and_(where, CaseHandover.to_desk_id == desk_id) if desk_id is not None else where
    where = CaseHandover.from_holder == holder
    return and_(where, CaseHandover.from_desk_id == desk_id) if desk_id is not None else where


def _count(session: Session, *conditions: ColumnElement[bool]) -> int:
    return session.scalar(select(func.count()).select_from(CaseHandover).where(*conditions)) or 0


def _holder(
    session: Session,
    calendar: WorkCalendar,
    name: str,
    holder: Holder,
    desk_id: int | None,
    start: dt.datetime,
    end: dt.datetime,
    now: dt.datetime,
) -> HolderFigures:
    in_period = and_(CaseHandover.at >= start, CaseHandover.at < end)
    by_end = CaseHandover.at < end
    arrived, left = _at(holder, desk_id, arriving=True), _at(holder, desk_id, arriving=False)
    # Each departure in the period, with the arrival it ends (the latest one before it).
    arrival = aliased(CaseHandover)
    arrival_at = (
        select(func.max(arrival.at))
        .where(
            arrival.case_id == CaseHandover.case_id,
            arrival.id < CaseHandover.id,
            arrival.to_holder == holder,
            *([arrival.to_desk_id == desk_id] if desk_id is not None else []),
        )
        .scalar_subquery()
    )
    stays = session.execute(select(arrival_at, CaseHandover.at).where(left, in_period)).all()
    if end > now:
        # A period reaching today (the dashboard's, after every registration): what is there
        # now, through the holder's partial index, not every hand-over since the first.
        held = select(func.count()).select_from(Case).where(text(_HELD_SQL[holder]))
        if desk_id is not None:
            held = held.where(Case.desk_id == desk_id)
        waiting = session.scalar(held) or 0
    else:
        waiting = _count(session, arrived, by_end) - _count(session, left, by_end)
    return HolderFigures(
        name=name,
        received=_count(session, arrived, in_period),
        handed_over=len(stays),
        waiting=waiting,
        average_days=_average(
            calendar.days_used(came.date(), went.date(), []) for came, went in stays if came
        ),
    )


def _points(
    session: Session, calendar: WorkCalendar, start: dt.datetime, end: dt.datetime
) -> list[VillagePointFigures]:
    pre = PreRegistration

    def within(column: Any) -> ColumnElement[bool]:
        return and_(column >= start, column < end)

    def counted(condition: ColumnElement[bool]) -> ColumnElement[int]:
        return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)

    rows = session.execute(
        select(
            VillagePoint.id,
            VillagePoint.code,
            VillagePoint.name,
            VillagePoint.active,
            counted(within(pre.registered_at)),
            counted(and_(within(pre.answered_at), pre.status == PreRegistrationStatus.ACCEPTED)),
            counted(and_(within(pre.answered_at), pre.status == PreRegistrationStatus.NOTIFIED)),
            counted(
                and_(within(pre.answered_at), pre.status == PreRegistrationStatus.NOT_RECEIVED)
            ),
            counted(
                and_(
                    pre.registered_at < end,
                    pre.status != PreRegistrationStatus.CANCELLED,
                    (pre.answered_at.is_(None)) | (pre.answered_at >= end),
                )
            ),
            counted(within(pre.result_at_point_at)),
            counted(within(pre.picked_up_at)),
        )
        .outerjoin(pre, pre.point_id == VillagePoint.id)
        .group_by(VillagePoint.id, VillagePoint.code, VillagePoint.name, VillagePoint.active)
        .order_by(VillagePoint.code)
    ).all()
    sent = dict(
        session.execute(
            select(TransferList.point_id, func.count())
            .join(TransferListEntry, TransferListEntry.list_id == TransferList.id)
            .where(
                TransferList.direction == TransferDirection.TO_TOWNSHIP,
                TransferList.created_at >= start,
                TransferList.created_at < end,
            )
            .group_by(TransferList.point_id)
        ).all()
    )
    answers: dict[int, list[int]] = {}
    for point_id, registered_at, answered_at in session.execute(
        select(pre.point_id, pre.registered_at, pre.answered_at).where(
            within(pre.answered_at), pre.status.in_(_ANSWERED)
        )
    ):
        if answered_at is not None:
            answers.setdefault(point_id, []).append(
                calendar.days_used(registered_at.date(), answered_at.date(), [])
            )
    figures = []
    for row in rows:
        point_id, code, name, active = row[:4]
        registered, accepted, notified, not_received, waiting, returned, picked = (
            int(n) for n in row[4:]
        )
        if not active and not (registered or waiting or returned or picked):
            continue
        figures.append(
            VillagePointFigures(
                code=code,
                name=name,
                registered=registered,
                sent=int(sent.get(point_id, 0)),
                accepted=accepted,
                notified=notified,
                not_received=not_received,
                waiting=waiting,
                returned=returned,
                picked_up=picked,
                average_days_to_answer=_average(answers.get(point_id, [])),
            )
        )
    return figures


def _average(values: Iterable[int]) -> float | None:
    collected = list(values)
    return round(sum(collected) / len(collected), 1) if collected else None
