"""Supervisor statistics: the figures of :mod:`~townclerk.records.statistics`,
counted by SQL (:mod:`~townclerk.services.statistics_sql`) for a period and optional filters,
in total and grouped by item, department, window, clerk, channel, village and day."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import ColumnElement, Table, select
from sqlalchemy.orm import Session

from townclerk.db.database import Database
from townclerk.db.models import ServiceItem, ServiceWindow, User, Village
from townclerk.enums import Channel
from townclerk.errors import NotFound, UserError
from townclerk.i18n import N_, t
from townclerk.records.statistics import (
    Dimension,
    Figures,
    GroupFigures,
    Period,
    StatisticsFilter,
    StatisticsReport,
)
from townclerk.services.access import Actor, Permission, require, viewing
from townclerk.services.settings import SettingsService
from townclerk.services.statistics_sql import (
    ONE_DAY,
    completion_counts,
    evaluation_counts,
    figure_counts,
    filter_conditions,
    gathered_cases,
    open_spells_by_day,
    registration_counts,
)

# Group labels for cases without a window, village or known clerk: printed as they are in the
# workbooks, translated (t()) where a screen shows them.
NO_WINDOW = N_("（未指定窗口）")
NO_VILLAGE = N_("（未关联村、社区）")
UNKNOWN = N_("（未知）")

Key = Any  # a group key as the database returns it: id, text, enum, date or None
Parts = dict[Key, dict[str, int]]
Counts = list[tuple[str, ColumnElement[Any]]]

_GROUP_COLUMNS = {
    Dimension.ITEM: "item_id",
    Dimension.DEPARTMENT: "department",
    Dimension.WINDOW: "window_id",
    Dimension.CLERK: "clerk_id",
    Dimension.CHANNEL: "channel",
    Dimension.VILLAGE: "village_id",
}


def describe_filters(session: Session, filters: StatisticsFilter) -> str:
    """The filters in words for a title block ("全部" when there are none); unknown ids are
    refused with a message."""
    parts: list[str] = []
    if filters.department is not None:
        if not filters.department.strip():
            raise UserError(t("筛选的实施部门不能为空"))
        parts.append(f"实施部门：{filters.department}")
    if filters.item_id is not None:
        item = session.get(ServiceItem, filters.item_id)
        if item is None:
            raise NotFound(t("筛选的事项不存在"))
        parts.append(f"事项：{item.name}（{item.code}）")
    if filters.window_id is not None:
        window = session.get(ServiceWindow, filters.window_id)
        if window is None:
            raise NotFound(t("筛选的窗口不存在"))
        parts.append(f"窗口：{window.name}")
    if filters.clerk_id is not None:
        user = session.get(User, filters.clerk_id)
        if user is None:
            raise NotFound(t("筛选的经办人不存在"))
        parts.append(f"经办人：{user.display_name}")
    if filters.channel is not None:
        parts.append(f"渠道：{filters.channel.label}")
    if filters.village_id is not None:
        village = session.get(Village, filters.village_id)
        if village is None:
            raise NotFound(t("筛选的村（社区）不存在"))
        parts.append(f"村（社区）：{village.name}")
    return "；".join(parts) if parts else "全部"


class StatisticsService:
    def __init__(self, db: Database) -> None:
        self._db = db

    def report(
        self,
        actor: Actor,
        period: Period,
        filters: StatisticsFilter | None = None,
        dimensions: Sequence[Dimension] = tuple(Dimension),
    ) -> StatisticsReport:
        """Totals and the requested breakdowns of ``period``, read in one transaction.

        Nothing happens after today, so a period running past today is counted up to today,
        and its open cases are those open now.
        """
        require(actor, Permission.VIEW_REPORTS)
        filters = filters or StatisticsFilter()
        now = self._db.now()
        today = now.date()
        if period.first > today:
            raise UserError(t("统计期间从 {first:%Y-%m-%d} 开始，尚未到来", first=period.first))
        first, last = period.first, min(period.last, today)
        # A read transaction: the temporary tables it fills never need the write lock.
        with viewing(self._db, actor) as session:
            filter_label = describe_filters(session, filters)
            center_name = SettingsService.center_in(session).center_name
            conditions = filter_conditions(filters)
            with gathered_cases(session, first, last, today, conditions) as table:
                counts = figure_counts(table, first, last)
                totals = _grouped(session, table, counts, None)[None]
                breakdowns = {
                    dimension: (
                        _by_day(session, table, first, last)
                        if dimension is Dimension.DAY
                        else _by_group(session, table, counts, dimension)
                    )
                    for dimension in dimensions
                }
        if last == today:
            open_as_of = f"{now:%Y-%m-%d %H:%M}（报表生成时）"
        else:
            open_as_of = f"{last:%Y-%m-%d} 日终"
        return StatisticsReport(
            center_name=center_name,
            period=period,
            filters=filters,
            filter_label=filter_label,
            counted_until=last,
            open_as_of=open_as_of,
            generated_at=now,
            generated_by=actor.display_name,
            totals=Figures(**totals),
            breakdowns=breakdowns,
        )


def _grouped(
    session: Session,
    table: Table,
    counts: Counts,
    group: Any,
    condition: ColumnElement[bool] | None = None,
) -> Parts:
    """Run the aggregates ``counts`` over ``table`` grouped by the column ``group``, or over
    the whole table when ``group`` is None."""
    statement = select(*(aggregate for _, aggregate in counts)).select_from(table)
    if condition is not None:
        statement = statement.where(condition)
    if group is not None:
        statement = statement.add_columns(group).group_by(group)
    names = [name for name, _ in counts]
    result: Parts = {}
    for row in session.execute(statement):
        key = row[-1] if group is not None else None
        result[key] = {name: int(value or 0) for name, value in zip(names, row, strict=False)}
    return result


def _by_group(
    session: Session, table: Table, counts: Counts, dimension: Dimension
) -> tuple[GroupFigures, ...]:
    parts = _grouped(session, table, counts, table.c[_GROUP_COLUMNS[dimension]])
    if dimension is Dimension.CHANNEL:
        for channel in Channel:
            parts.setdefault(channel, {})
    else:
        parts = {key: figures for key, figures in parts.items() if any(figures.values())}
    labels = _labels(session, dimension, parts.keys())
    rows = [
        GroupFigures(key, labels[key][0], Figures(**counts_of_key), labels[key][1])
        for key, counts_of_key in parts.items()
    ]
    if dimension is Dimension.CHANNEL:
        order: dict[Key, int] = {channel: index for index, channel in enumerate(Channel)}
        rows.sort(key=lambda row: order[row.key])
    else:
        rows.sort(key=lambda row: (-row.figures.accepted, -row.figures.completed, row.label))
    return tuple(rows)


def _by_day(
    session: Session, table: Table, first: dt.date, last: dt.date
) -> tuple[GroupFigures, ...]:
    """One row per day, each figure counted by its own date; open cases at each day's end."""
    rc = table.c
    parts: Parts = {}
    for counts, day_column in (
        (registration_counts(table, first, last), rc.received_on),
        (completion_counts(table, first, last), rc.completed_on),
        (evaluation_counts(table, first, last), rc.evaluated_on),
    ):
        in_period = day_column.between(first, last)
        for day, figures in _grouped(session, table, counts, day_column, in_period).items():
            parts.setdefault(day, {}).update(figures)
    for day, figures in _open_each_day(session, table, first, last).items():
        parts.setdefault(day, {}).update(figures)
    days = [first + ONE_DAY * offset for offset in range((last - first).days + 1)]
    return tuple(
        GroupFigures(day, f"{day:%Y-%m-%d}", Figures(**parts.get(day, {}))) for day in days
    )


def _open_each_day(session: Session, table: Table, first: dt.date, last: dt.date) -> Parts:
    """在办, 在办超期 and 在办超法定时限 at the end of every day: SQL groups the open spells by
    their clipped (opened, closed, due, statutory due, paused) days; difference arrays turn the
    groups into daily counts."""
    size = (last - first).days + 1
    changes = {name: [0] * (size + 1) for name in ("open", "open_overdue", "open_over_statutory")}
    for opened_on, closed_on, due_on, statutory_on, paused_from, count in session.execute(
        open_spells_by_day(table, first, last)
    ):
        start = (opened_on - first).days
        stop = size if closed_on is None else (closed_on - first).days
        changes["open"][start] += count
        changes["open"][stop] -= count
        # A paused case is not overdue from the day its pause began.
        overdue_until = stop if paused_from is None else min(stop, (paused_from - first).days)
        for name, due in (("open_overdue", due_on), ("open_over_statutory", statutory_on)):
            if due is not None:
                overdue_from = max(start, (due - first).days + 1)
                if overdue_from < overdue_until:
                    changes[name][overdue_from] += count
                    changes[name][overdue_until] -= count
    parts: Parts = {}
    running = dict.fromkeys(changes, 0)
    for offset in range(size):
        for name, change in changes.items():
            running[name] += change[offset]
        parts[first + ONE_DAY * offset] = dict(running)
    return parts


def _labels(
    session: Session, dimension: Dimension, keys: Iterable[Key]
) -> dict[Key, tuple[str, str]]:
    """(label, code) of each group key; codes are given for items only."""
    keys = list(keys)
    ids = [key for key in keys if key is not None]
    if dimension is Dimension.ITEM:
        rows = session.execute(
            select(ServiceItem.id, ServiceItem.name, ServiceItem.code).where(
                ServiceItem.id.in_(ids)
            )
        )
        found = {item_id: (name, code) for item_id, name, code in rows}
        return {key: found.get(key, (f"{UNKNOWN}#{key}", "")) for key in keys}
    named: dict[Dimension, tuple[Any, Any, str]] = {
        Dimension.WINDOW: (ServiceWindow.id, ServiceWindow.name, NO_WINDOW),
        Dimension.CLERK: (User.id, User.display_name, UNKNOWN),
        Dimension.VILLAGE: (Village.id, Village.name, NO_VILLAGE),
    }
    if dimension in named:
        id_column, name_column, missing = named[dimension]
        statement = select(id_column, name_column).where(id_column.in_(ids))
        found_names: dict[Key, str] = {row_id: name for row_id, name in session.execute(statement)}
        return {key: (found_names.get(key, missing), "") for key in keys}
    if dimension is Dimension.CHANNEL:
        return {key: (Channel(key).label, "") for key in keys}
    return {key: (str(key), "") for key in keys}
