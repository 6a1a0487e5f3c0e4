"""The measures that follow national conventions, counted by SQL on SQLite and PostgreSQL:
好评率 and 差评数 as GB/T 39734 defines them, and the on-time rate of 承诺件, 即办件 apart."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import pytest

from tests.conftest import FakeClock
from tests.factories import intake_for, make_item, resident_id
from tests.people import PASSWORD
from townclerk.db.database import Database
from townclerk.enums import Decision, Evaluation, Role
from townclerk.records.statistics import Figures, Period
from townclerk.services.access import Actor
from townclerk.services.cases import CaseService
from townclerk.services.statistics import StatisticsService
from townclerk.services.users import UserService

DAY = dt.date(2026, 9, 29)  # a Tuesday
V, S, B, D, W = (
    Evaluation.VERY_SATISFIED,
    Evaluation.SATISFIED,
    Evaluation.BASICALLY_SATISFIED,
    Evaluation.DISSATISFIED,
    Evaluation.VERY_DISSATISFIED,
)


@pytest.fixture
def actors(any_db: Database, clock: FakeClock) -> tuple[Actor, Actor]:
    """A clerk and a supervisor on ``any_db``; the clock at 09:00 on :data:`DAY`."""
    clock.set(dt.datetime.combine(DAY, dt.time(9, 0)))
    users = UserService(any_db)
    users.create_first_admin("admin", PASSWORD)
    admin = users.authenticate("admin", PASSWORD)
    users.create_user(admin, "clerk1", PASSWORD, Role.CLERK, "王晓燕")
    users.create_user(admin, "chief", PASSWORD, Role.SUPERVISOR, "李主任")
    return users.authenticate("clerk1", PASSWORD), users.authenticate("chief", PASSWORD)


def instant_cases(db: Database, clerk: Actor, count: int) -> list[str]:
    """``count`` 即办件 of one item, each completed as it is accepted."""
    item = make_item(db, code="MZ-001", name="老年人优待证办理", promised_days=0, statutory_days=0)
    cases = CaseService(db)
    return [
        cases.accept(clerk, intake_for(item, id_number=resident_id(sequence=f"{n:03d}"))).number
        for n in range(count)
    ]


def totals(db: Database, supervisor: Actor, last: dt.date = DAY) -> Figures:
    return StatisticsService(db).report(supervisor, Period(DAY, last), dimensions=()).totals


@pytest.mark.parametrize(
    ("given", "good_rate", "bad_count"),
    [
        ((V, V, V, B, D), 0.8, 1),  # 基本满意 is 好评
        ((S, W, W), 1 / 3, 2),  # 非常不满意 is 差评
        ((B, B), 1.0, 0),  # 满意率 counted 非常满意＋满意 only: it gave 0 here
    ],
)
def test_good_rate_and_bad_count_follow_gb_t_39734(
    any_db: Database,
    actors: tuple[Actor, Actor],
    given: Sequence[Evaluation],
    good_rate: float,
    bad_count: int,
) -> None:
    clerk, supervisor = actors
    cases = CaseService(any_db)
    for number, evaluation in zip(instant_cases(any_db, clerk, len(given)), given, strict=True):
        cases.evaluate(clerk, number, evaluation)
    figures = totals(any_db, supervisor)
    assert figures.evaluated == len(given)
    assert figures.good_rate == pytest.approx(good_rate)
    assert figures.bad_count == bad_count
    assert (figures.dissatisfied, figures.very_dissatisfied) == (given.count(D), given.count(W))


def test_the_on_time_rate_is_of_promised_cases_with_instant_cases_apart(
    any_db: Database, actors: tuple[Actor, Actor], clock: FakeClock
) -> None:
    clerk, supervisor = actors
    instant_cases(any_db, clerk, 2)
    item = make_item(db=any_db, code="SCJG-001", promised_days=1, statutory_days=5)
    cases = CaseService(any_db)
    on_time, late, _left_open = (
        cases.accept(clerk, intake_for(item, id_number=resident_id(sequence=f"{n:03d}"))).number
        for n in range(10, 13)
    )
    # Due Wednesday 09-30 (one working day): one done that day, one on Thursday.
    clock.set(dt.datetime(2026, 9, 30, 10, 0))
    cases.complete(clerk, on_time, Decision.GRANTED, "营业执照")
    clock.set(dt.datetime(2026, 10, 8, 10, 0))  # after National Day
    cases.complete(clerk, late, Decision.DENIED, "不予行政许可决定书", reason="经营场所不符合要求")

    figures = totals(any_db, supervisor, dt.date(2026, 10, 8))
    assert (figures.accepted, figures.instant, figures.promised) == (5, 2, 3)
    assert (figures.completed, figures.completed_promised) == (4, 2)
    assert (figures.completed_on_time, figures.completed_late) == (1, 1)
    assert figures.on_time_rate == pytest.approx(0.5)  # the two 即办件 do not lift it to 75 %
    assert figures.open == 1

    instant_only = totals(any_db, supervisor)  # 09-29: the two 即办件 alone were completed
    assert (instant_only.completed, instant_only.completed_promised) == (2, 0)
    assert instant_only.on_time_rate is None
