"""Migration 0006 gives the open cases of an existing database their statutory due date,
counted like the promised one: the admin's calendar, closed pauses skipped, a running pause
left for its end."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from alembic import command
from sqlalchemy import create_engine

from townclerk.db.database import open_database
from townclerk.db.migrate import _config
from townclerk.paths import DATABASE_FILE, sqlite_url

ITEM = (
    "INSERT INTO service_items (id, code, name, category, department, level, case_kind,"
    " statutory_days, promised_days, charges_fee, fee_standard, legal_basis, conditions, place,"
    " result, window_name, lists, notes, active, pinyin_initials, pinyin_full) VALUES"
    " (1, 'X-1', '个体工商户设立登记', 'licensing', '睢宁县市场监督管理局', 'township',"
    " 'promised', 15, 5, 0, '', '', '', '', '', '', '', '', 1, '', '')"
)
CASE = (
    "INSERT INTO cases (id, number, status, item_id, item_code, item_name, department, case_kind,"
    " statutory_days, promised_days, applicant_id, applicant_name, channel, clerk_id,"
    " received_at, received_on, due_date) VALUES (?, ?, ?, 1, 'X-1', '个体工商户设立登记',"
    " '睢宁县市场监督管理局', 'promised', 15, 5, 1, '张伟', 'window', 1, 0, '2026-09-29', ?)"
)


def database_at_0005(folder: Path) -> Path:
    engine = create_engine(sqlite_url(folder))
    config = _config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0005")
    engine.dispose()
    return folder / DATABASE_FILE


def test_open_cases_get_their_statutory_due_date(data_dir: Path) -> None:
    db_file = database_at_0005(data_dir)
    with sqlite3.connect(db_file) as connection:
        connection.execute(
            "INSERT INTO users (id, username, display_name, role, password_hash, active,"
            " created_at, password_changed_at)"
            " VALUES (1, 'clerk1', '王晓燕', 'clerk', 'x', 1, 0, 0)"
        )
        connection.execute(ITEM)
        connection.execute(
            "INSERT INTO applicants (id, kind, id_type, id_number, name, phone, address,"
            " created_at, updated_at) VALUES (1, 'person', 'resident_id', '320324199003151238',"
            " '张伟', '13812345678', '', 0, 0)"
        )
        # An admin made Tue 2026-10-20 a day off.
        connection.execute(
            "INSERT INTO calendar_overrides (day, is_workday, note, changed_by, changed_at)"
            " VALUES ('2026-10-20', 0, '', 'admin', 0)"
        )
        for case_id, status, due in (
            (1, "accepted", "2026-10-12"),
            (2, "accepted", "2026-10-16"),
            (3, "correction", "2026-10-12"),
            (4, "completed", "2026-10-12"),
        ):
            connection.execute(CASE, (case_id, f"320324101-20260929-000{case_id}", status, due))
        connection.executemany(
            "INSERT INTO case_pauses (case_id, kind, started_on, ended_on, reason)"
            " VALUES (?, ?, ?, ?, '')",
            [
                (2, "correction", "2026-10-09", "2026-10-14"),  # 10-10, 10-12 … 10-14 skipped
                (3, "correction", "2026-10-09", None),  # still running
            ],
        )
    db = open_database(sqlite_url(data_dir), data_dir)
    try:
        with sqlite3.connect(db_file) as connection:
            rows = dict(connection.execute("SELECT id, statutory_due_date FROM cases").fetchall())
        assert rows == {
            1: "2026-10-27",  # 15 working days, 10-20 off
            2: "2026-11-02",  # and the four working days of the closed pause
            3: "2026-10-27",  # the running pause counts when it ends
            4: None,  # closed: its days used tell its overrun
        }
    finally:
        db.dispose()
