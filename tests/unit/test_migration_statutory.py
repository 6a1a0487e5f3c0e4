"""Migration 0006 gives the open cases of an existing database their statutory due date,
counted like the promised one: the admin's calendar, closed pauses skipped, a running pause
left for its end. On SQLite and PostgreSQL, from a database at 0005."""

from __future__ import annotations

from sqlalchemy import Engine, text

from tests.migration_data import fill_at_0005, upgrade


def test_open_cases_get_their_statutory_due_date(blank_engine: Engine) -> None:
    upgrade(blank_engine, "0005")
    with blank_engine.begin() as connection:
        fill_at_0005(connection)
    upgrade(blank_engine, "head")
    with blank_engine.connect() as connection:
        rows = {
            case_id: None if due is None else str(due)
            for case_id, due in connection.execute(text("SELECT id, statutory_due_date FROM cases"))
        }
    assert rows == {
        1: "2026-10-27",  # 15 working days, 10-20 off
        2: "2026-11-03",  # and the five working days of the closed pause, its first included
        3: "2026-10-27",  # the running pause counts when it ends
        4: None,  # closed: its days used tell its overrun
    }
