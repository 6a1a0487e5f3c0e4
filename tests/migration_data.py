"""Databases at an older schema, for the migrations' tests: moving a database up or down to a
revision, and the rows a 0005 database holds."""

from __future__ import annotations

from collections.abc import Callable

from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, Engine, text

from townclerk.db.migrate import _config


def upgrade(engine: Engine, revision: str) -> None:
    _run(engine, command.upgrade, revision)


def downgrade(engine: Engine, revision: str) -> None:
    _run(engine, command.downgrade, revision)


def _run(engine: Engine, step: Callable[[Config, str], None], revision: str) -> None:
    config = _config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        step(config, revision)


def fill_at_0005(connection: Connection) -> None:
    """A clerk, an item of 5 promised and 15 statutory working days, and four cases accepted on
    Tue 2026-09-29: open, open after a closed 补正, in a running 补正, and completed."""
    # Timestamps are seconds since 1970 on SQLite, timestamps on PostgreSQL.
    stamp = "0" if connection.dialect.name == "sqlite" else "'2026-09-29 09:30:00'"
    for statement in (
        "INSERT INTO users (id, username, display_name, role, password_hash, active, created_at,"
        " password_changed_at)"
        f" VALUES (1, 'clerk1', '王晓燕', 'clerk', 'x', TRUE, {stamp}, {stamp})",
        "INSERT INTO service_items (id, code, name, category, department, level, case_kind,"
        " statutory_days, promised_days, charges_fee, fee_standard, legal_basis, conditions,"
        " place, result, window_name, lists, notes, active, pinyin_initials, pinyin_full)"
        " VALUES (1, 'X-1', '个体工商户设立登记', 'licensing', '睢宁县市场监督管理局', 'township',"
        " 'promised', 15, 5, FALSE, '', '', '', '', '', '', '', '', TRUE, '', '')",
        "INSERT INTO applicants (id, kind, id_type, id_number, name, phone, address, created_at,"
        " updated_at) VALUES (1, 'person', 'resident_id', '320324199003151238', '张伟',"
        f" '13812345678', '', {stamp}, {stamp})",
        # An admin made Tue 2026-10-20 a day off.
        "INSERT INTO calendar_overrides (day, is_workday, note, changed_by, changed_at)"
        f" VALUES ('2026-10-20', FALSE, '', 'admin', {stamp})",
    ):
        connection.execute(text(statement))
    for case_id, status, due in (
        (1, "accepted", "2026-10-12"),
        (2, "accepted", "2026-10-16"),
        (3, "correction", "2026-10-12"),
        (4, "completed", "2026-10-12"),
    ):
        connection.execute(
            text(
                "INSERT INTO cases (id, number, status, item_id, item_code, item_name, department,"
                " case_kind, statutory_days, promised_days, applicant_id, applicant_name,"
                " channel, clerk_id, received_at, received_on, due_date) VALUES"
                f" ({case_id}, '320324101-20260929-000{case_id}', '{status}', 1, 'X-1',"
                " '个体工商户设立登记', '睢宁县市场监督管理局', 'promised', 15, 5, 1, '张伟',"
                f" 'window', 1, {stamp}, '2026-09-29', '{due}')"
            )
        )
    for case_id, started, ended in (
        (2, "'2026-10-09'", "'2026-10-14'"),  # 10-09, 10-10 (make-up Saturday), 10-12 … 10-14
        (3, "'2026-10-09'", "NULL"),  # still running
    ):
        connection.execute(
            text(
                "INSERT INTO case_pauses (case_id, kind, started_on, ended_on, reason)"
                f" VALUES ({case_id}, 'correction', {started}, {ended}, '')"
            )
        )
