"""Migration 0007 (desks, holders, village points, pre-registrations, exchange keys) keeps
every case of an existing database where it was, at the window, and can be undone. On SQLite
and PostgreSQL, from a database at 0005 filled with cases."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine, exc, text

from tests.migration_data import downgrade, fill_at_0005, upgrade


def _cases(engine: Engine) -> dict[int, tuple[str, str, str | None]]:
    with engine.connect() as connection:
        rows = connection.execute(text("SELECT id, routing, holder, desk_id FROM cases"))
        return {case_id: (routing, holder, desk) for case_id, routing, holder, desk in rows}


def test_existing_cases_stay_at_the_window_and_the_step_undoes(blank_engine: Engine) -> None:
    upgrade(blank_engine, "0005")
    with blank_engine.begin() as connection:
        fill_at_0005(connection)
    upgrade(blank_engine, "head")
    assert _cases(blank_engine) == {n: ("window", "window", None) for n in (1, 2, 3, 4)}

    downgrade(blank_engine, "0006")
    with blank_engine.connect() as connection:
        columns = connection.execute(text("SELECT * FROM cases")).keys()
        assert "holder" not in columns and "intake_key" not in columns
        assert connection.scalar(text("SELECT count(*) FROM cases")) == 4
    upgrade(blank_engine, "head")
    assert _cases(blank_engine) == {n: ("window", "window", None) for n in (1, 2, 3, 4)}


def test_hand_overs_are_append_only(blank_engine: Engine) -> None:
    upgrade(blank_engine, "0005")
    with blank_engine.begin() as connection:
        fill_at_0005(connection)
    upgrade(blank_engine, "head")
    stamp = "0" if blank_engine.dialect.name == "sqlite" else "'2026-09-29 09:30:00'"
    with blank_engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO case_handovers (case_id, at, from_holder, to_holder, given_by,"
                f" taken_by, papers, note) VALUES (1, {stamp}, 'window', 'county', 1, '', '', '')"
            )
        )
    for statement in ("UPDATE case_handovers SET note = 'x'", "DELETE FROM case_handovers"):
        with (
            pytest.raises(exc.DatabaseError, match="append-only"),
            blank_engine.begin() as connection,
        ):
            connection.execute(text(statement))
    with blank_engine.connect() as connection:
        assert connection.scalar(text("SELECT note FROM case_handovers")) == ""


def test_an_intake_key_registers_one_case(blank_engine: Engine) -> None:
    upgrade(blank_engine, "0005")
    with blank_engine.begin() as connection:
        fill_at_0005(connection)
    upgrade(blank_engine, "head")
    with blank_engine.begin() as connection:
        connection.execute(text("UPDATE cases SET intake_key = 'k-1' WHERE id = 1"))
    with pytest.raises(exc.IntegrityError), blank_engine.begin() as connection:
        connection.execute(text("UPDATE cases SET intake_key = 'k-1' WHERE id = 2"))
