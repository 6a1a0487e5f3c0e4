"""Writes on a PostgreSQL server tell the other PCs what changed; the listener hears them and
notices a lost server."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import psycopg
import pytest
from sqlalchemy import create_engine, text

from tests.conftest import FakeClock
from tests.factories import intake_for, make_item
from tests.people import add_user, first_admin
from tests.postgres_server import terminate_backend
from townclerk.db.base import Base
from townclerk.db.change_listener import ChangeListener
from townclerk.db.change_notices import CHANNEL, written_table
from townclerk.db.database import Database, open_database
from townclerk.enums import Role
from townclerk.records.cases import CaseQuery
from townclerk.records.changes import TABLE_AREAS, DataArea, areas_of_tables
from townclerk.services.cases import CaseService
from townclerk.services.settings import SettingsService

WAIT_S = 10.0


def test_every_table_is_given_its_areas() -> None:
    assert set(TABLE_AREAS) == set(Base.metadata.tables), (
        "map the new table to the areas a write to it changes (records/changes.py)"
    )


def test_areas_of_tables() -> None:
    assert areas_of_tables(["cases", "case_events", "history_chain_heads"]) == {DataArea.CASES}
    assert areas_of_tables(["audit_log"]) == frozenset()
    assert areas_of_tables(["users", "settings"]) == {DataArea.USERS, DataArea.SETTINGS}
    # A table of a newer townclerk on another PC: everything may have changed.
    assert areas_of_tables(["cases", "a_new_table"]) == frozenset(DataArea)


@pytest.mark.parametrize(
    ("statement", "table"),
    [
        ("INSERT INTO cases (number) VALUES (%(number)s)", "cases"),
        ('  insert into "case_events" (seq) values (1)', "case_events"),
        ("UPDATE public.history_chain_heads SET seq=1", "history_chain_heads"),
        ("DELETE FROM desk_members WHERE desk_id = 1", "desk_members"),
        ("SELECT * FROM cases FOR UPDATE", None),
        ("SELECT pg_notify('x', 'UPDATE cases')", None),
    ],
)
def test_the_table_a_statement_writes(statement: str, table: str | None) -> None:
    assert written_table(statement) == table


@contextmanager
def listening(db: Database) -> Iterator[Callable[[], list[dict[str, Any]]]]:
    """A plain psycopg connection LISTENing; yields a function returning what arrived so far."""
    url = db.engine.url.set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute(f"LISTEN {CHANNEL}")

        def received() -> list[dict[str, Any]]:
            return [json.loads(n.payload) for n in connection.notifies(timeout=0.5)]

        yield received


@pytest.mark.postgres
def test_a_committed_write_notifies_once_with_its_tables(pg: Database) -> None:
    admin = first_admin(pg)
    clerk = add_user(pg, admin, "clerk1", Role.CLERK, "王晓燕")
    item = make_item(pg)
    with listening(pg) as received:
        CaseService(pg).accept(clerk, intake_for(item))
        [notice] = received()
        assert notice["origin"] == pg.origin
        assert {"cases", "case_events", "case_materials", "applicants"} <= set(notice["tables"])
        assert areas_of_tables(notice["tables"]) == {DataArea.CASES}
        SettingsService(pg).add_window(admin, "综合窗口九")
        [notice] = received()
        assert areas_of_tables(notice["tables"]) == {DataArea.SETTINGS}
        # Reads and rolled-back writes say nothing.
        CaseService(pg).list_cases(clerk, CaseQuery())
        with pytest.raises(RuntimeError), pg.sessions.begin() as session:
            session.execute(text("UPDATE users SET display_name = 'x'"))
            raise RuntimeError("rolled back")
        with pg.sessions.begin() as session:
            session.execute(text("SELECT count(*) FROM cases"))
        assert received() == []


class Heard:
    """What a ChangeListener's callbacks reported, from its thread."""

    def __init__(self) -> None:
        self.events: list[object] = []
        self._changed = threading.Condition()

    def add(self, event: object) -> None:
        with self._changed:
            self.events.append(event)
            self._changed.notify_all()

    def wait_for(self, predicate: Callable[[list[object]], bool]) -> None:
        with self._changed:
            assert self._changed.wait_for(lambda: predicate(self.events), WAIT_S), self.events


@pytest.mark.postgres
def test_the_listener_hears_other_writers_and_comes_back_after_a_lost_connection(
    pg: Database, pg_url: str, clock: FakeClock, tmp_path: Path
) -> None:
    admin = first_admin(pg)
    other = open_database(pg_url, tmp_path / "other", clock=clock)  # another PC
    heard = Heard()
    listener = ChangeListener(
        pg.engine,
        pg.origin,
        on_tables=heard.add,
        on_lost=lambda: heard.add("lost"),
        on_restored=lambda: heard.add("restored"),
        backoff=(0.05, 0.1),
        heartbeat_seconds=0.5,
    )
    listener.start()
    try:
        deadline = time.monotonic() + WAIT_S
        while not listener.connected:
            assert time.monotonic() < deadline
            time.sleep(0.02)
        SettingsService(pg).add_window(admin, "本机写的")  # its own write: not reported
        SettingsService(other).add_window(admin, "别的电脑写的")
        heard.wait_for(lambda events: len(events) == 1)
        [tables] = heard.events
        assert isinstance(tables, tuple) and "service_windows" in tables

        pid = listener.backend_pid
        assert pid is not None
        terminate_backend(pg.engine, pid)
        heard.wait_for(lambda events: events[1:] == ["lost", "restored"])
        assert listener.backend_pid != pid
        SettingsService(other).add_village(admin, "王集村")
        heard.wait_for(lambda events: len(events) == 4)
        assert isinstance(heard.events[3], tuple) and "villages" in heard.events[3]

        # A write that failed with a disconnect asks the listener to check: the server answers.
        listener.check_now()
        heard.wait_for(lambda events: events[4:] == ["restored"])
    finally:
        listener.stop()
        other.dispose()
    assert not listener.connected


def test_a_lost_server_is_retried_after_1_2_4_8_then_every_10_seconds(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    heard = Heard()
    listener = ChangeListener(
        create_engine("sqlite://"),  # never connected: _connect is stood in for below
        "this-window",
        on_tables=heard.add,
        on_lost=lambda: heard.add("lost"),
        on_restored=lambda: heard.add("restored"),
    )
    pauses: list[float] = []
    failures = iter(range(7))

    def connect() -> None:
        if next(failures, None) is not None:
            raise OSError("connection refused")
        listener.connected = True

    def listen() -> None:  # until stopped
        listener._stop.wait(WAIT_S)

    monkeypatch.setattr(listener, "_connect", connect)
    monkeypatch.setattr(listener, "_listen", listen)
    monkeypatch.setattr(listener, "_pause", pauses.append)
    listener.start()
    heard.wait_for(lambda events: "restored" in events)
    listener.stop()
    assert heard.events == ["lost", "restored"]  # one banner, however many tries
    assert pauses == [1, 2, 4, 8, 10, 10, 10]
