"""Counting a window's most used items: read once, then kept current case by case."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from itertools import count
from typing import Any

import pytest
from sqlalchemy import event

from tests.conftest import FakeClock
from tests.factories import ItemRef, intake_for, make_item, resident_id
from townclerk.db.database import Database
from townclerk.services.access import Actor
from townclerk.services.cases import CaseService
from townclerk.services.search import USAGE_DAYS, CatalogSearch, WindowUsage, usage_start
from townclerk.services.settings import SettingsService

DAY = dt.date(2026, 9, 29)

# --- the counts alone ---------------------------------------------------------------------------


def test_the_counted_days_are_the_last_usage_days() -> None:
    assert usage_start(DAY) == DAY - dt.timedelta(days=USAGE_DAYS)
    assert WindowUsage(DAY).first_day == usage_start(DAY)


def test_a_new_case_adds_one_to_its_item() -> None:
    usage = WindowUsage(DAY, last_case_id=10, counts={7: 2})
    usage.add(11, 7, DAY)
    usage.add(12, 8, DAY)
    assert usage.counts == {7: 3, 8: 1}
    assert usage.last_case_id == 12


def test_a_case_already_counted_is_not_counted_again() -> None:
    usage = WindowUsage(DAY, last_case_id=10, counts={7: 2})
    usage.add(10, 7, DAY)
    usage.add(9, 7, DAY)
    usage.add(11, 7, DAY)
    usage.add(11, 7, DAY)
    assert usage.counts == {7: 3}
    assert usage.last_case_id == 11


def test_a_case_received_before_the_counted_days_does_not_count() -> None:
    usage = WindowUsage(DAY)
    usage.add(1, 7, usage.first_day - dt.timedelta(days=1))
    usage.add(2, 7, usage.first_day)
    assert usage.counts == {7: 1}
    assert usage.last_case_id == 2  # seen, even where it did not count


# --- kept current against the database -----------------------------------------------------------


@pytest.fixture
def window(db: Database, admin: Actor) -> int:
    return SettingsService(db).add_window(admin, "综合窗口一").id


@pytest.fixture
def other_window(db: Database, admin: Actor) -> int:
    return SettingsService(db).add_window(admin, "综合窗口二").id


@pytest.fixture
def items(db: Database) -> dict[str, ItemRef]:
    return {
        "GT": make_item(db, code="GT-1", name="个体工商户设立登记"),
        "NY": make_item(db, code="NY-1", name="农村个体工商户帮扶"),
        "CL": make_item(db, code="CL-1", name="重度残疾人护理补贴"),
    }


_applicants = count(101, 2)


def register(
    db: Database,
    clerk: Actor,
    item: ItemRef,
    window_id: int,
    times: int = 1,
    *,
    notice: bool = False,
) -> None:
    cases = CaseService(db)
    for _ in range(times):
        intake = intake_for(
            item,
            id_number=resident_id(sequence=f"{next(_applicants) % 1000:03d}"),
            window_id=window_id,
            received=() if notice else None,  # a notice lists what is missing
        )
        if notice:
            cases.notify(clerk, intake)
        else:
            cases.accept(clerk, intake)


@contextmanager
def queries(db: Database) -> Iterator[list[str]]:
    """The SELECT statements the block runs."""
    seen: list[str] = []

    def note(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if statement.startswith("SELECT"):
            seen.append(statement)

    event.listen(db.engine, "before_cursor_execute", note)
    try:
        yield seen
    finally:
        event.remove(db.engine, "before_cursor_execute", note)


def recounts(seen: list[str]) -> bool:
    return any("GROUP BY" in statement for statement in seen)


def counted_afresh(db: Database, window_id: int | None) -> list[str]:
    return [item.code for item in CatalogSearch.load(db).most_used(window_id)]


def codes(search: CatalogSearch, window_id: int | None) -> list[str]:
    return [item.code for item in search.most_used(window_id)]


def test_new_cases_are_added_without_counting_everything_again(
    db: Database, clerk: Actor, window: int, other_window: int, items: dict[str, ItemRef]
) -> None:
    register(db, clerk, items["GT"], window, 2)
    search = CatalogSearch.load(db)
    assert codes(search, window) == ["GT-1"]
    assert codes(search, None) == ["GT-1"]

    register(db, clerk, items["NY"], window, 3)
    register(db, clerk, items["CL"], other_window, 4)
    register(db, clerk, items["CL"], window, 1, notice=True)  # a notice is a case too
    search.forget_usage()
    with queries(db) as seen:
        assert codes(search, window) == ["NY-1", "GT-1", "CL-1"]
        assert codes(search, None) == ["CL-1", "NY-1", "GT-1"]
    assert seen and not recounts(seen)
    assert counted_afresh(db, window) == codes(search, window)
    assert counted_afresh(db, None) == codes(search, None)
    assert codes(search, other_window) == ["CL-1"]


def test_counts_are_read_once_until_cases_change(
    db: Database, clerk: Actor, window: int, items: dict[str, ItemRef]
) -> None:
    register(db, clerk, items["GT"], window)
    search = CatalogSearch.load(db)
    search.most_used(window)
    with queries(db) as seen:
        search.most_used(window)
        search.search("gtgs", window_id=window)
    assert seen == []
    search.forget_usage()
    with queries(db) as seen:
        search.most_used(window)  # nothing new: the newest id and the cases after the last
        search.most_used(window)
    assert len(seen) == 2 and not recounts(seen)


def test_catching_up_twice_counts_each_case_once(
    db: Database, clerk: Actor, window: int, items: dict[str, ItemRef]
) -> None:
    search = CatalogSearch.load(db)
    assert search.most_used(window) == []
    register(db, clerk, items["GT"], window, 2)
    search.forget_usage()
    search.forget_usage()
    assert codes(search, window) == ["GT-1"]
    search.forget_usage()
    register(db, clerk, items["NY"], window, 1)
    assert codes(search, window) == ["GT-1", "NY-1"]
    assert search.search("gtgs", window_id=window)[0].code == "GT-1"


def test_a_new_day_counts_again_and_old_cases_drop_out(
    db: Database, clerk: Actor, clock: FakeClock, window: int, items: dict[str, ItemRef]
) -> None:
    register(db, clerk, items["NY"], window, 3)
    clock.advance(days=USAGE_DAYS - 1)
    register(db, clerk, items["GT"], window, 1)
    search = CatalogSearch.load(db)
    assert codes(search, window) == ["NY-1", "GT-1"]
    clock.advance(days=2)  # the NY cases are now more than USAGE_DAYS days old
    with queries(db) as seen:
        assert codes(search, window) == ["GT-1"]
    assert recounts(seen)


def test_a_catalog_reload_counts_again(
    db: Database, clerk: Actor, window: int, items: dict[str, ItemRef]
) -> None:
    register(db, clerk, items["GT"], window)
    search = CatalogSearch.load(db)
    search.most_used(window)
    search.reload()
    with queries(db) as seen:
        assert codes(search, window) == ["GT-1"]
    assert recounts(seen)


def test_a_window_without_cases_and_a_limit_of_nothing(
    db: Database, clerk: Actor, window: int, other_window: int, items: dict[str, ItemRef]
) -> None:
    register(db, clerk, items["GT"], window)
    search = CatalogSearch.load(db)
    assert search.most_used(other_window) == []
    assert search.most_used(987654) == []  # no such window: nothing used there
    assert search.most_used(window, limit=0) == []
    search.forget_usage()
    register(db, clerk, items["NY"], other_window)
    assert codes(search, other_window) == ["NY-1"]
    assert codes(search, window) == ["GT-1"]
