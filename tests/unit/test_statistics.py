"""Supervisor statistics checked against the hand-worked scenario in report_scenario.py."""

from __future__ import annotations

import datetime as dt
from dataclasses import fields
from typing import Any

import pytest
from sqlalchemy import event

from tests.conftest import FakeClock
from tests.unit.report_scenario import Scenario, build_scenario
from townclerk.db.database import Database
from townclerk.enums import Channel
from townclerk.errors import NotFound, PermissionDenied, UserError
from townclerk.records.statistics import (
    MEASURES,
    Dimension,
    Figures,
    Period,
    StatisticsFilter,
    StatisticsReport,
)
from townclerk.services import statistics
from townclerk.services.access import Actor
from townclerk.services.statistics import StatisticsService

FIRST = dt.date(2026, 9, 29)
LAST = dt.date(2026, 10, 15)


@pytest.fixture
def scenario(
    db: Database, clock: FakeClock, admin: Actor, clerk: Actor, supervisor: Actor
) -> Scenario:
    return build_scenario(db, clock, admin, clerk, supervisor)


def report(
    db: Database,
    actor: Actor,
    first: dt.date = FIRST,
    last: dt.date = LAST,
    filters: StatisticsFilter | None = None,
    dimensions: tuple[Dimension, ...] = (),
) -> StatisticsReport:
    return StatisticsService(db).report(actor, Period(first, last), filters, dimensions)


def by_label(report: StatisticsReport, dimension: Dimension) -> dict[str, Figures]:
    return {row.label: row.figures for row in report.breakdowns[dimension]}


def test_totals_of_the_whole_period(db: Database, scenario: Scenario, supervisor: Actor) -> None:
    totals = report(db, supervisor).totals
    assert totals == Figures(
        accepted=12,  # c1-c3, c6-c14: the notice (c4) and the refusal (c5) are not accepted
        instant=2,  # c3, c10
        promised=10,
        notified=1,
        refused=1,
        completed=6,  # c1, c2, c3, c10, c12, c14 (c3 and c12 delivered)
        completed_promised=4,  # c3 and c10 are 即办件
        completed_on_time=2,  # c1, c12
        completed_late=2,  # c2 (due 10-14 after its correction), c14 (due 10-10)
        days_used_total=19,  # c1 4 + c2 6 + c12 3 + c14 6 + two 即办件 0
        open=4,  # c7, c8 (特别程序), c9 (补正), c11
        open_overdue=1,  # c7 due 10-13; not c9, late since 10-11 but paused since 10-12
        very_satisfied=2,
        satisfied=1,
        basically_satisfied=1,
        dissatisfied=1,
    )
    assert totals.overdue == 3
    assert totals.evaluated == 5
    assert totals.on_time_rate == pytest.approx(2 / 4)  # of the 承诺件 alone
    assert totals.average_days == pytest.approx(19 / 6)
    # GB/T 39734: 好评 = 非常满意 2 + 满意 1 + 基本满意 1; 差评 = 不满意 1.
    assert totals.good_rate == pytest.approx(4 / 5)
    assert totals.bad_count == 1


def test_report_header_fields(db: Database, scenario: Scenario, supervisor: Actor) -> None:
    result = report(db, supervisor)
    assert result.center_name == "睢宁县示范镇为民服务中心"
    assert result.generated_by == "李主任"
    assert result.generated_at == dt.datetime(2026, 10, 15, 17, 0)
    assert result.counted_until == LAST
    assert result.open_as_of == "2026-10-15 17:00（报表生成时）"
    assert result.filter_label == "全部"


def test_breakdowns_by_each_dimension(db: Database, scenario: Scenario, supervisor: Actor) -> None:
    result = report(
        db, supervisor, dimensions=tuple(d for d in Dimension if d is not Dimension.DAY)
    )
    items = {row.code: row.figures for row in result.breakdowns[Dimension.ITEM]}
    assert [row.code for row in result.breakdowns[Dimension.ITEM]] == [
        "SCJG-001",
        "RS-001",
        "MZ-001",
    ]
    a, b, c = items["SCJG-001"], items["MZ-001"], items["RS-001"]
    assert (a.accepted, a.notified, a.refused, a.completed, a.completed_late) == (6, 1, 1, 2, 1)
    assert (a.days_used_total, a.open, a.open_overdue, a.evaluated) == (10, 3, 1, 3)
    assert (b.accepted, b.instant, b.completed, b.completed_promised, b.days_used_total) == (
        2,
        2,
        2,
        0,
        0,
    )
    assert b.on_time_rate is None  # only 即办件: no on-time rate
    assert (b.satisfied, b.very_satisfied, b.open) == (1, 1, 0)
    assert (c.accepted, c.completed, c.completed_late, c.days_used_total) == (4, 2, 1, 9)
    assert (c.open, c.open_overdue, c.evaluated) == (1, 0, 0)

    departments = by_label(result, Dimension.DEPARTMENT)
    assert departments["睢宁县市场监督管理局"] == a
    assert departments["睢宁县民政局"] == b

    windows = by_label(result, Dimension.WINDOW)
    assert (windows["综合窗口一"].accepted, windows["综合窗口一"].open) == (8, 4)
    assert (windows["综合窗口二"].accepted, windows["综合窗口二"].completed) == (4, 4)
    assert windows["综合窗口二"].days_used_total == 9

    clerks = by_label(result, Dimension.CLERK)
    assert (clerks["李主任"].accepted, clerks["李主任"].completed) == (2, 2)
    assert (clerks["王晓燕"].accepted, clerks["王晓燕"].open_overdue) == (10, 1)

    channels = by_label(result, Dimension.CHANNEL)
    assert set(channels) == {channel.label for channel in Channel}
    assert (channels["村代办"].accepted, channels["村代办"].open_overdue) == (1, 1)
    assert (channels["预约"].completed, channels["预约"].completed_late) == (1, 1)
    assert channels["窗口"].accepted == 10

    villages = by_label(result, Dimension.VILLAGE)
    assert villages["王集村"].accepted == 1
    assert villages["（未关联村、社区）"].accepted == 11

    for dimension, rows in result.breakdowns.items():
        summed = sum(row.figures.accepted for row in rows)
        assert summed == result.totals.accepted, dimension
        assert sum(row.figures.open_overdue for row in rows) == 1, dimension


# day: (accepted, instant, completed, of them 承诺件, 承诺件 on time, late, days used, open,
# open overdue, evaluated)
EXPECTED_DAYS = {
    dt.date(2026, 9, 29): (3, 1, 1, 0, 0, 0, 0, 2, 0, 2),  # c3, a 即办件, completed
    dt.date(2026, 9, 30): (6, 0, 0, 0, 0, 0, 0, 8, 0, 0),
    **{dt.date(2026, 10, day): (0, 0, 0, 0, 0, 0, 0, 8, 0, 0) for day in range(1, 10)},
    dt.date(2026, 10, 10): (2, 1, 2, 1, 1, 0, 4, 8, 0, 2),  # make-up Saturday: c1 out, c11 in
    dt.date(2026, 10, 11): (0, 0, 0, 0, 0, 0, 0, 8, 2, 0),  # c9, c14 past due; c13 paused before
    dt.date(2026, 10, 12): (1, 0, 0, 0, 0, 0, 0, 9, 1, 0),  # c9 paused: not overdue any more
    dt.date(2026, 10, 13): (0, 0, 0, 0, 0, 0, 0, 9, 1, 0),
    dt.date(2026, 10, 14): (0, 0, 1, 1, 0, 1, 6, 7, 2, 0),  # c13 withdrawn, c14 done; c6, c7 late
    dt.date(2026, 10, 15): (0, 0, 2, 2, 1, 1, 9, 4, 1, 1),  # c6 withdrawn, c2 and c12 done
}


def test_by_day_counts_each_figure_by_its_own_date(
    db: Database, scenario: Scenario, supervisor: Actor
) -> None:
    rows = report(db, supervisor, dimensions=(Dimension.DAY,)).breakdowns[Dimension.DAY]
    assert [row.key for row in rows] == list(EXPECTED_DAYS)
    for row in rows:
        f = row.figures
        actual = (
            f.accepted,
            f.instant,
            f.completed,
            f.completed_promised,
            f.completed_on_time,
            f.completed_late,
            f.days_used_total,
            f.open,
            f.open_overdue,
            f.evaluated,
        )
        assert actual == EXPECTED_DAYS[row.key], row.label
    assert sum(row.figures.notified for row in rows) == 1
    assert rows[0].figures.refused == 1


def test_open_cases_as_of_the_end_of_a_past_period(
    db: Database, scenario: Scenario, supervisor: Actor
) -> None:
    result = report(db, supervisor, FIRST, dt.date(2026, 10, 13))
    # c2 and c12 completed later, c6 and c13 withdrawn later, c7 c8 c9 c11 still open;
    # overdue: c14; not c9 (late on 10-11, paused since 10-12) nor c13 (paused before its date)
    assert (result.totals.open, result.totals.open_overdue) == (9, 1)
    assert (result.totals.completed, result.totals.completed_late) == (3, 0)
    assert result.open_as_of == "2026-10-13 日终"
    quiet_day = report(db, supervisor, dt.date(2026, 10, 9), dt.date(2026, 10, 9))
    assert quiet_day.totals == Figures(open=8)
    withdrawals = report(db, supervisor, dt.date(2026, 10, 14), dt.date(2026, 10, 14))
    assert (withdrawals.totals.open, withdrawals.totals.open_overdue) == (7, 2)


def test_daily_report_of_the_make_up_saturday(
    db: Database, scenario: Scenario, supervisor: Actor
) -> None:
    saturday = dt.date(2026, 10, 10)
    totals = report(db, supervisor, saturday, saturday).totals
    assert totals == Figures(
        accepted=2,
        instant=1,
        promised=1,
        completed=2,
        completed_promised=1,  # c1; c10 is a 即办件
        completed_on_time=1,
        days_used_total=4,  # c1: 09-30, 10-08, 10-09 and Saturday 10-10
        open=8,
        very_satisfied=2,
    )
    assert totals.average_days == 2.0
    assert totals.on_time_rate == 1.0
    assert (totals.good_rate, totals.bad_count) == (1.0, 0)


def test_filters_restrict_every_figure(db: Database, scenario: Scenario, supervisor: Actor) -> None:
    window2 = report(db, supervisor, filters=StatisticsFilter(window_id=scenario.window_ids[1]))
    assert window2.filter_label == "窗口：综合窗口二"
    assert window2.totals == Figures(
        accepted=4,
        instant=2,
        promised=2,
        completed=4,
        completed_promised=2,  # c12, c14; c3 and c10 are 即办件
        completed_on_time=1,
        completed_late=1,
        days_used_total=9,
        very_satisfied=1,
        satisfied=1,
    )
    village_agent = report(db, supervisor, filters=StatisticsFilter(channel=Channel.VILLAGE_AGENT))
    assert village_agent.totals == Figures(accepted=1, promised=1, open=1, open_overdue=1)
    combined = StatisticsFilter(department="睢宁县民政局", clerk_id=supervisor.id)
    assert report(db, supervisor, filters=combined).totals.accepted == 1
    item_c = StatisticsFilter(item_id=scenario.items["C"].id)
    assert report(db, supervisor, filters=item_c).totals.accepted == 4
    village = StatisticsFilter(village_id=scenario.village_id)
    assert report(db, supervisor, filters=village).totals.open_overdue == 1


def test_period_running_past_today_is_counted_until_now(
    db: Database, scenario: Scenario, admin: Actor
) -> None:
    result = report(
        db, admin, dt.date(2026, 10, 1), dt.date(2026, 10, 31), dimensions=(Dimension.DAY,)
    )
    assert result.counted_until == LAST
    assert result.breakdowns[Dimension.DAY][-1].key == LAST
    assert result.totals.open == 4
    assert result.period.label() == "2026-10-01 至 2026-10-31（31天）"


def test_bad_requests_are_refused_with_a_message(
    db: Database, scenario: Scenario, clerk: Actor, supervisor: Actor
) -> None:
    with pytest.raises(PermissionDenied, match="查看统计报表"):
        report(db, clerk)
    with pytest.raises(UserError, match="尚未到来"):
        report(db, supervisor, dt.date(2026, 10, 16), dt.date(2026, 10, 20))
    with pytest.raises(UserError, match="晚于结束日期"):
        Period(dt.date(2026, 10, 2), dt.date(2026, 10, 1))
    with pytest.raises(UserError, match="不能早于"):
        Period(dt.date(1999, 12, 31), dt.date(2026, 10, 1))
    with pytest.raises(NotFound, match="窗口不存在"):
        report(db, supervisor, filters=StatisticsFilter(window_id=999))
    with pytest.raises(NotFound, match="事项不存在"):
        report(db, supervisor, filters=StatisticsFilter(item_id=999))
    with pytest.raises(NotFound, match="经办人不存在"):
        report(db, supervisor, filters=StatisticsFilter(clerk_id=999))
    with pytest.raises(NotFound, match="村（社区）不存在"):
        report(db, supervisor, filters=StatisticsFilter(village_id=999))
    with pytest.raises(UserError, match="实施部门不能为空"):
        report(db, supervisor, filters=StatisticsFilter(department=" "))


def test_an_empty_period_has_no_rates(db: Database, supervisor: Actor) -> None:
    result = report(db, supervisor, FIRST, FIRST, dimensions=tuple(Dimension))
    assert result.totals == Figures()
    assert result.totals.on_time_rate is None
    assert result.totals.average_days is None
    assert result.totals.good_rate is None
    assert result.totals.bad_count == 0
    assert [row.label for row in result.breakdowns[Dimension.CHANNEL]] == ["窗口", "村代办", "预约"]
    assert result.breakdowns[Dimension.ITEM] == ()


def test_every_measure_is_a_figure_with_a_written_definition() -> None:
    figures = Figures(accepted=3, completed=2, completed_on_time=1, satisfied=1)
    labels = [measure.label for measure in MEASURES]
    assert len(labels) == len(set(labels))
    counted = {field.name for field in fields(Figures)}
    for measure in MEASURES:
        assert measure.definition and measure.counted_by
        assert measure.field in counted or isinstance(
            getattr(type(figures), measure.field), property
        )
        figures.value(measure)
    shown = {"受理量", "承诺件按时办结率", "好评率", "差评数", "在办超期", "平均办结用时（工作日）"}
    assert shown <= set(labels)
    assert "满意率" not in labels


def gathering_plan(db: Database, actor: Actor) -> str:
    """SQLite's plan for the one statement of a report that reads ``cases``."""
    plans: list[str] = []

    def explain(conn: Any, cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        if "FROM cases" in statement and not statement.startswith("EXPLAIN"):
            rows = conn.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, parameters)
            plans.append(" | ".join(row[-1] for row in rows))

    event.listen(db.engine, "before_cursor_execute", explain)
    try:
        report(db, actor, FIRST, dt.date(2026, 10, 13))
    finally:
        event.remove(db.engine, "before_cursor_execute", explain)
    (plan,) = [plan for plan in plans if "ix_cases_open_due" in plan]
    return plan


@pytest.mark.sqlite_only  # SQLite's query plans
def test_the_report_finds_cases_by_their_dates_indexes(
    db: Database, scenario: Scenario, supervisor: Actor
) -> None:
    plan = gathering_plan(db, supervisor)
    assert "SCAN cases USING INDEX ix_cases_open_due" in plan  # the literal status terms
    assert "INDEX ix_cases_received_on (received_on>? AND received_on<?)" in plan
    assert "INDEX ix_cases_completed_on (completed_on>? AND completed_on<?)" in plan
    assert "INDEX ix_cases_completed_on (completed_on>?)" in plan  # open at the period's end


@pytest.mark.sqlite_only  # SQLite's query plans
def test_the_report_never_scans_the_cases_table(
    db: Database, scenario: Scenario, supervisor: Actor
) -> None:
    plan = gathering_plan(db, supervisor)
    assert "ix_cases_evaluated_at" in plan
    assert "ix_cases_withdrawn" in plan
    assert "SCAN cases |" not in plan + " |"


def test_a_failed_report_leaves_nothing_behind(
    db: Database, scenario: Scenario, supervisor: Actor, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The temporary table of a report that fails half-way goes with the rolled-back
    transaction, so the next report on the same pooled connection starts clean."""

    def broken(*_: Any) -> dict[Any, tuple[str, str]]:
        raise RuntimeError("label lookup failed")

    with monkeypatch.context() as patch:
        patch.setattr(statistics, "_labels", broken)
        with pytest.raises(RuntimeError, match="label lookup failed"):
            report(db, supervisor, dimensions=(Dimension.ITEM,))
    assert report(db, supervisor, dimensions=(Dimension.ITEM,)).totals.accepted == 12
