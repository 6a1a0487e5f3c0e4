"""The SQL behind the statistics: gathering a report's cases once, then counting them.

A report first copies into a temporary table, ``report_cases``, every case that can count in the
period, each found through the index of its own date:

* registered in the period (``ix_cases_received_on``);
* completed in the period (``ix_cases_completed_on``);
* evaluated in the period (``evaluated_at``);
* open at the end of some day of the period: open now (the partial index ``ix_cases_open_due``),
  completed after the period's last day but received by then, or withdrawn.

Each row carries what the figures need: the grouping columns, status and kind, the completion
facts, the day of the evaluation, the day the case stopped being open (``closed_on``: completion
or withdrawal), the due date that can make it overdue (``due_on``) and the day a pause began that
stopped its clock for good (``paused_from``). Every figure is then one
``count(*) FILTER (WHERE ...)`` over that small table, grouped by item, department, window…

A case is overdue at the end of day D when it is open then and ``due_on < D``, unless it was
paused that day. A paused case is never overdue, whatever day its pause began: its clock stands
still. ``paused_from`` is the first day of the pause a case is in now (open), or of the pause its
withdrawal closed; its stored due date is the one it had before that pause, so it is overdue on
the days after that date and before ``paused_from`` only. Every other case left its pauses
through their end, so its stored due date is final: it already gives the case the days it had
left when each pause began (workdays.WorkCalendar.due_date). One approximation remains: a case
that was already late when a pause began, and has resumed since, counts as overdue for the days
before that pause from the due date the pause moved on, not from the one it had then.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from sqlalchemy import (
    Boolean,
    Column,
    ColumnElement,
    Date,
    MetaData,
    Select,
    Table,
    and_,
    case,
    func,
    insert,
    literal,
    or_,
    select,
    text,
    union,
)
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import QueryableAttribute, Session
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import FunctionElement

from townclerk.case_states import CaseAction
from townclerk.db import models
from townclerk.db.base import EpochSeconds
from townclerk.db.models import Case, CaseEvent, CasePause
from townclerk.enums import OPEN_STATUSES, CaseKind, CaseStatus, Evaluation
from townclerk.records.statistics import StatisticsFilter

ONE_DAY = dt.timedelta(days=1)
AnySelect = Select[*tuple[Any, ...]]

# The partial indexes' own terms (written out, not bound, so SQLite can use the indexes),
# qualified because the report's queries also read the temporary table, which has a status too.
OPEN_STATUS_SQL = text(f"cases.{models.OPEN_STATUS_SQL}")
WITHDRAWN_SQL = text(f"cases.{models.WITHDRAWN_STATUS_SQL}")
NOT_ACCEPTED = (CaseStatus.NOTIFIED, CaseStatus.REFUSED)
PAUSED = (CaseStatus.CORRECTION, CaseStatus.SPECIAL)


class day_of(FunctionElement[dt.date]):
    """The calendar day of a timestamp column, whatever way the backend stores timestamps."""

    type = Date()
    name = "day_of"
    inherit_cache = True


@compiles(day_of)
def _day_of_default(element: day_of, compiler: SQLCompiler, **kw: Any) -> str:
    return f"CAST({compiler.process(element.clauses, **kw)} AS DATE)"


@compiles(day_of, "sqlite")
def _day_of_sqlite(element: day_of, compiler: SQLCompiler, **kw: Any) -> str:
    (column,) = element.clauses
    argument = compiler.process(element.clauses, **kw)
    if isinstance(column.type.dialect_impl(compiler.dialect), EpochSeconds):
        return f"date({argument}, 'unixepoch')"
    return f"date({argument})"


class without_index(FunctionElement[Any]):
    """A column in a WHERE term that must not choose the index (SQLite's unary ``+``).

    Without statistics SQLite prefers any range on an indexed column: ``received_on <= :day``
    would walk nearly every case through ix_cases_received_on instead of the few open cases of
    the partial index.
    """

    name = "without_index"
    inherit_cache = True

    def __init__(self, column: Any) -> None:
        super().__init__(column)
        self.type = column.type


@compiles(without_index)
def _without_index_default(element: without_index, compiler: SQLCompiler, **kw: Any) -> str:
    return compiler.process(element.clauses, **kw)


@compiles(without_index, "sqlite")
def _without_index_sqlite(element: without_index, compiler: SQLCompiler, **kw: Any) -> str:
    return "+" + compiler.process(element.clauses, **kw)


def start_of(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time())


def filter_conditions(filters: StatisticsFilter) -> list[ColumnElement[bool]]:
    """The WHERE terms on ``cases`` for the given filters."""
    chosen: tuple[tuple[QueryableAttribute[Any], object], ...] = (
        (Case.department, filters.department),
        (Case.item_id, filters.item_id),
        (Case.window_id, filters.window_id),
        (Case.clerk_id, filters.clerk_id),
        (Case.channel, filters.channel),
        (Case.village_id, filters.village_id),
    )
    return [column == value for column, value in chosen if value is not None]


# --- the report's cases ---------------------------------------------------------------------
COPIED_COLUMNS = (
    "id",
    "item_id",
    "department",
    "window_id",
    "clerk_id",
    "channel",
    "village_id",
    "status",
    "case_kind",
    "received_on",
    "completed_on",
    "on_time",
    "days_used",
    "evaluation",
    "resubmits_case_id",
)
REPORT_CASES = Table(
    "report_cases",
    MetaData(),
    *(
        Column(name, Case.__table__.c[name].type, primary_key=name == "id")
        for name in COPIED_COLUMNS
    ),
    Column("evaluated_on", Date),
    Column("closed_on", Date),
    Column("due_on", Date),
    Column("paused_from", Date),
    Column("statutory_on", Date),
    Column("over_statutory", Boolean),
    prefixes=["TEMPORARY"],
)


@contextmanager
def gathered_cases(
    session: Session,
    first: dt.date,
    last: dt.date,
    today: dt.date,
    conditions: Sequence[ColumnElement[bool]],
) -> Iterator[Table]:
    """Fill ``report_cases`` for the days [first, last] (last <= today) and yield it.

    The table lives in the caller's transaction: it is dropped when the block ends, and a
    rollback after an error removes it as well.
    """
    connection = session.connection()
    REPORT_CASES.create(connection)
    ids = union(*_case_ids(session, first, last, today, conditions)).subquery("ids")
    connection.execute(
        insert(REPORT_CASES).from_select(
            [column.name for column in REPORT_CASES.columns], _case_rows(ids)
        )
    )
    yield REPORT_CASES
    REPORT_CASES.drop(connection)


def _case_ids(
    session: Session,
    first: dt.date,
    last: dt.date,
    today: dt.date,
    conditions: Sequence[ColumnElement[bool]],
) -> list[AnySelect]:
    evaluated_or_withdrawn = and_(
        Case.evaluated_at >= start_of(first), Case.evaluated_at < start_of(last + ONE_DAY)
    )
    if first < today:
        # Withdrawn cases (few, and possibly open during the period) have no index of their own
        # yet; one pass finds them with the evaluations: a single table scan, or SQLite's
        # multi-index OR once ix_cases_evaluated_at and ix_cases_withdrawn exist.
        evaluated_or_withdrawn = or_(
            evaluated_or_withdrawn, and_(WITHDRAWN_SQL, Case.received_on <= last)
        )
    selects: list[AnySelect] = [
        select(Case.id).where(Case.received_on >= first, Case.received_on <= last, *conditions),
        select(Case.id).where(Case.completed_on >= first, Case.completed_on <= last, *conditions),
        select(Case.id).where(evaluated_or_withdrawn, *conditions),
        select(Case.id).where(
            OPEN_STATUS_SQL, without_index(Case.received_on) <= last, *conditions
        ),
    ]
    if last < today:
        selects.append(_completed_after(session, last, today, conditions))
    return selects


def _completed_after(
    session: Session, last: dt.date, today: dt.date, conditions: Sequence[ColumnElement[bool]]
) -> AnySelect:
    """Cases received by ``last`` and completed after it: open at the end of ``last``.

    Both dates are ranges; the one reaching fewer days of cases drives the search (the
    completions since ``last`` for a recent period, the receptions up to it for an old one).
    """
    earliest = session.scalar(select(func.min(Case.received_on))) or last
    received: Any
    completed: Any
    if (today - last) <= (last - earliest):
        received, completed = without_index(Case.received_on), Case.completed_on
    else:
        received, completed = Case.received_on, without_index(Case.completed_on)
    return select(Case.id).where(completed > last, received <= last, *conditions)


def _case_rows(ids: Any) -> AnySelect:
    withdrawn_on = (
        select(day_of(func.max(CaseEvent.at)))
        .where(CaseEvent.case_id == Case.id, CaseEvent.action == CaseAction.WITHDRAW.value)
        .correlate(Case)  # also inside the EXISTS below, two levels down
        .scalar_subquery()
    )
    withdrawn = Case.status == CaseStatus.WITHDRAWN
    running_from = (
        select(func.max(CasePause.started_on))
        .where(CasePause.case_id == Case.id, CasePause.ended_on.is_(None))
        .scalar_subquery()
    )
    closed_by_withdrawal_from = (
        select(func.max(CasePause.started_on))
        .where(CasePause.case_id == Case.id, CasePause.ended_on == withdrawn_on)
        .correlate(Case)
        .scalar_subquery()
    )
    paused_from = case(
        (Case.status.in_(OPEN_STATUSES), running_from),
        (withdrawn, closed_by_withdrawal_from),
        else_=None,
    )
    closed_on = case((withdrawn, withdrawn_on), else_=Case.completed_on)
    copied = [Case.__table__.c[name] for name in COPIED_COLUMNS]
    return select(
        *copied,
        day_of(Case.evaluated_at),
        closed_on,
        Case.due_date,
        paused_from,
        Case.statutory_due_date,
        Case.days_used > Case.statutory_days + Case.extension_days,
    ).where(Case.id.in_(select(ids.c.id)))


# --- counting them --------------------------------------------------------------------------
def figure_counts(
    table: Table, first: dt.date, last: dt.date
) -> list[tuple[str, ColumnElement[Any]]]:
    """(Figures field, SQL aggregate) of every counted figure over ``report_cases``: each by its
    own date (statistics_definitions), open cases as of the end of ``last``."""
    return [
        *registration_counts(table, first, last),
        *completion_counts(table, first, last),
        *evaluation_counts(table, first, last),
        *open_counts(table, last),
    ]


def registration_counts(
    table: Table, first: dt.date, last: dt.date
) -> list[tuple[str, ColumnElement[Any]]]:
    rc = table.c
    registered = and_(rc.received_on >= first, rc.received_on <= last)
    accepted = and_(registered, rc.status.not_in(NOT_ACCEPTED))
    return [
        ("accepted", func.count().filter(accepted)),
        ("instant", func.count().filter(accepted, rc.case_kind == CaseKind.INSTANT)),
        ("promised", func.count().filter(accepted, rc.case_kind == CaseKind.PROMISED)),
        ("notified", func.count().filter(registered, rc.status == CaseStatus.NOTIFIED)),
        ("refused", func.count().filter(registered, rc.status == CaseStatus.REFUSED)),
        ("resubmitted", func.count().filter(accepted, rc.resubmits_case_id.is_not(None))),
    ]


def completion_counts(
    table: Table, first: dt.date, last: dt.date
) -> list[tuple[str, ColumnElement[Any]]]:
    rc = table.c
    completed = and_(rc.completed_on >= first, rc.completed_on <= last)
    # The on-time measures are of 承诺件 alone: a 即办件 is completed on the spot.
    promised = and_(completed, rc.case_kind == CaseKind.PROMISED)
    return [
        ("completed", func.count().filter(completed)),
        ("completed_promised", func.count().filter(promised)),
        ("completed_on_time", func.count().filter(promised, rc.on_time.is_(True))),
        ("completed_late", func.count().filter(promised, rc.on_time.is_(False))),
        (
            "completed_over_statutory",
            func.count().filter(completed, rc.over_statutory.is_(True)),
        ),
        ("days_used_total", func.sum(case((completed, rc.days_used), else_=0))),
    ]


def evaluation_counts(
    table: Table, first: dt.date, last: dt.date
) -> list[tuple[str, ColumnElement[Any]]]:
    rc = table.c
    evaluated = and_(rc.evaluated_on >= first, rc.evaluated_on <= last)
    return [
        (evaluation.value, func.count().filter(evaluated, rc.evaluation == evaluation))
        for evaluation in Evaluation
    ]


def open_counts(table: Table, end: dt.date) -> list[tuple[str, ColumnElement[Any]]]:
    rc = table.c
    open_at_end = and_(
        rc.status.not_in(NOT_ACCEPTED),
        rc.received_on <= end,
        or_(rc.closed_on.is_(None), rc.closed_on > end),
    )
    not_paused = or_(rc.paused_from.is_(None), rc.paused_from > end)
    return [
        ("open", func.count().filter(open_at_end)),
        ("open_overdue", func.count().filter(open_at_end, rc.due_on < end, not_paused)),
        (
            "open_over_statutory",
            func.count().filter(open_at_end, rc.statutory_on < end, not_paused),
        ),
    ]


def open_spells_by_day(table: Table, first: dt.date, last: dt.date) -> AnySelect:
    """The accepted cases open at the end of some day of [first, last], grouped by (first day
    counted, closing day, due date, statutory due date, first day paused), all clipped to the
    days: (opened_on, closed_on, due_on, statutory_on, paused_from, count). A case is open at
    the end of day D when opened_on <= D < closed_on (NULL: still open), and overdue then when
    also due_on < D < paused_from (NULL: not paused); 超法定时限 likewise with statutory_on."""
    rc = table.c
    opened = case((rc.received_on < first, literal(first, Date())), else_=rc.received_on)
    closed = case((rc.closed_on > last, None), else_=rc.closed_on)
    due, statutory = (
        case(
            (column >= last, None),
            (column < first, literal(first - ONE_DAY, Date())),
            else_=column,
        )
        for column in (rc.due_on, rc.statutory_on)
    )
    paused = case(
        (rc.paused_from > last, None),
        (rc.paused_from < first, literal(first, Date())),
        else_=rc.paused_from,
    )
    return (
        select(opened, closed, due, statutory, paused, func.count())
        .where(
            rc.status.not_in(NOT_ACCEPTED),
            rc.received_on <= last,
            or_(rc.closed_on.is_(None), and_(rc.closed_on > first, rc.closed_on > rc.received_on)),
        )
        .group_by(opened, closed, due, statutory, paused)
    )
