"""The append-only, hash-chained history: triggers refuse changes on SQLite and PostgreSQL, and
``verify`` names the first row an attacker who dropped them edited, deleted, moved or added."""

from __future__ import annotations

import hashlib
import itertools
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from tests.conftest import FakeClock
from tests.factories import intake_for, make_item, resident_id
from tests.migration_data import downgrade, upgrade
from tests.people import PASSWORD, add_user, first_admin
from townclerk.case_states import CaseAction
from townclerk.cli import main
from townclerk.db import history
from townclerk.db.database import Database
from townclerk.enums import Role
from townclerk.errors import PermissionDenied
from townclerk.services.access import Actor
from townclerk.services.cases import CaseService
from townclerk.services.history import (
    chain_heads,
    verify_chain,
    verify_history,
    verify_recent_tail,
)
from townclerk.services.settings import SettingsService
from townclerk.services.users import UserService

ROOT = Path(__file__).resolve().parents[2]


def populate(db: Database, cases: int = 5) -> tuple[Actor, Actor, list[str]]:
    """An admin, a clerk, settings (audit entries) and some cases (events)."""
    admin = first_admin(db)
    clerk = add_user(db, admin, "clerk1")
    item = make_item(db)
    service = CaseService(db)
    numbers = [
        service.accept(clerk, intake_for(item, id_number=resident_id(sequence=f"{n:03d}"))).number
        for n in range(cases)
    ]
    service.withdraw(clerk, numbers[0], "申请人撤回")
    return admin, clerk, numbers


def sql(db: Database, statement: str) -> None:
    with db.engine.begin() as connection:
        connection.execute(text(statement))


def drop_triggers(db: Database) -> None:
    """What an attacker with the file (or the database password) can do."""
    for table in (history.EVENTS, history.AUDIT):
        if db.engine.dialect.name == "sqlite":
            sql(db, f"DROP TRIGGER {table}_no_update")
            sql(db, f"DROP TRIGGER {table}_no_delete")
        else:
            sql(db, f"DROP TRIGGER {table}_append_only ON {table}")


def test_every_row_is_chained_to_the_one_before(any_db: Database) -> None:
    populate(any_db)
    report = verify_chain(any_db)
    assert report.ok, report.broken
    events, audit = report.heads
    assert (events.table, events.count) == ("case_events", 6)
    assert audit.table == "audit_log" and audit.count == 3  # admin, center, clerk
    assert report.checked == 9
    with any_db.reads() as session:
        rows = session.execute(
            text("SELECT chain_pos, prev_hash, row_hash FROM case_events ORDER BY chain_pos")
        ).all()
    assert [row[0] for row in rows] == [1, 2, 3, 4, 5, 6]
    assert bytes(rows[0][1]) == history.GENESIS
    for before, after in itertools.pairwise(rows):
        assert bytes(after[1]) == bytes(before[2])
    assert bytes(rows[-1][2]).hex() == events.row_hash
    assert chain_heads(any_db) == report.heads
    assert verify_recent_tail(any_db, 2).checked == 4


@pytest.mark.parametrize(
    ("table", "statement"),
    [
        ("case_events", "UPDATE case_events SET user_id = 1 WHERE seq = 1"),
        ("case_events", "DELETE FROM case_events"),
        ("audit_log", "UPDATE audit_log SET username = 'nobody'"),
        ("audit_log", "DELETE FROM audit_log"),
    ],
)
def test_triggers_refuse_updates_and_deletes(any_db: Database, table: str, statement: str) -> None:
    populate(any_db)
    before = chain_heads(any_db)
    with pytest.raises(DBAPIError, match="append-only"):
        sql(any_db, statement)
    if any_db.engine.dialect.name == "postgresql":
        with pytest.raises(DBAPIError, match="append-only"):
            sql(any_db, f"TRUNCATE {table}")
    assert chain_heads(any_db) == before
    assert verify_chain(any_db).ok


def _at_minus_an_hour(db: Database) -> str:
    return "at - 3600" if db.engine.dialect.name == "sqlite" else "at - interval '1 hour'"


@pytest.mark.parametrize(
    ("tamper", "table", "position", "row", "problem"),
    [
        (
            "UPDATE case_events SET user_id = 1, at = {earlier} WHERE chain_pos = 3",
            "case_events",
            3,
            "case_id=3 seq=1",
            "被修改",
        ),
        ("DELETE FROM case_events WHERE chain_pos = 2", "case_events", 2, "case_id=3", "缺失"),
        ("DELETE FROM case_events WHERE chain_pos = 6", "case_events", 6, "", "末尾"),
        (
            "UPDATE case_events SET chain_pos = -chain_pos WHERE chain_pos IN (2, 3);"
            "UPDATE case_events SET chain_pos = 5 + chain_pos WHERE chain_pos < 0",
            "case_events",
            2,
            "case_id=3 seq=1",
            "",
        ),
        (
            "INSERT INTO case_events (case_id, seq, at, user_id, action, chain_pos, prev_hash,"
            " row_hash) SELECT case_id, 9, at, user_id, action, 7, row_hash, row_hash"
            " FROM case_events WHERE chain_pos = 6",
            "case_events",
            7,
            "case_id=1 seq=9",
            "被修改",
        ),
        (
            "UPDATE audit_log SET username = 'clerk1' WHERE chain_pos = 2",
            "audit_log",
            2,
            "id=2",
            "被修改",
        ),
        ("DELETE FROM audit_log", "audit_log", 1, "", "实有0条"),
    ],
)
def test_verify_names_the_first_broken_link(
    any_db: Database, tamper: str, table: str, position: int, row: str, problem: str
) -> None:
    populate(any_db)
    drop_triggers(any_db)
    for statement in tamper.split(";"):
        sql(any_db, statement.format(earlier=_at_minus_an_hour(any_db)))

    report = verify_chain(any_db)

    assert report.broken is not None
    assert (report.broken.table, report.broken.position) == (table, position)
    assert report.broken.row.startswith(row)
    assert problem in report.broken.problem
    tail = verify_recent_tail(any_db, 10)
    assert tail.broken == report.broken


def test_a_forged_row_with_a_correct_hash_is_caught_by_the_head(any_db: Database) -> None:
    """The attacker knows the format and hashes the row properly: the head, and the head
    printed on the daily report, no longer match."""
    populate(any_db)
    drop_triggers(any_db)
    head = chain_heads(any_db)[1]
    row = {
        "chain_pos": head.count + 1,
        "at": any_db.now(),
        "username": "admin",
        "action": "user.create",
        "target": "ghost",
        "detail": {},
    }
    forged_hash = history.link(bytes.fromhex(head.row_hash), "audit_log", row)
    with any_db.engine.begin() as connection:
        connection.execute(
            history.CHAINED_TABLES["audit_log"].insert(),
            {**row, "prev_hash": bytes.fromhex(head.row_hash), "row_hash": forged_hash},
        )
    broken = verify_chain(any_db).broken
    assert broken is not None
    assert (broken.table, broken.position, broken.row) == ("audit_log", 4, "")
    assert "链头记为3条，实有4条" in broken.problem


def test_a_tail_check_looks_only_at_the_tail(db: Database) -> None:
    populate(db, cases=20)
    drop_triggers(db)
    sql(db, "UPDATE case_events SET note = 'forged' WHERE chain_pos = 1")
    assert verify_recent_tail(db, 5).ok
    assert not verify_chain(db).ok


def test_only_admins_and_supervisors_verify(db: Database) -> None:
    admin, clerk, _ = populate(db)
    UserService(db).create_user(admin, "chief", PASSWORD, Role.SUPERVISOR)
    chief = UserService(db).authenticate("chief", PASSWORD)
    assert verify_history(db, admin).ok and verify_history(db, chief).ok
    with pytest.raises(PermissionDenied):
        verify_history(db, clerk)


def test_audit_verify_command(
    db: Database, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    populate(db)
    base = ["--data-dir", str(db.data_dir), "audit", "verify"]
    monkeypatch.setenv("TOWNCLERK_PASSWORD", PASSWORD)
    assert main([*base, "--user", "admin"]) == 0
    out = capsys.readouterr().out
    head = chain_heads(db)[0]
    assert f"case_events：6条，链头 {head.row_hash}" in out
    assert "已核验9条记录" in out

    assert main([*base, "--user", "clerk1"]) == 1
    assert "无权" in capsys.readouterr().err

    drop_triggers(db)
    an_hour_earlier = (
        "at - 3600" if db.engine.dialect.name == "sqlite" else "at - interval '1 hour'"
    )
    sql(db, f"UPDATE case_events SET user_id = 1, at = {an_hour_earlier} WHERE chain_pos = 4")
    assert main([*base, "--user", "admin"]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1
    assert "case_events 第4条（case_id=4 seq=1）" in captured.err and "被修改" in captured.err


def test_two_processes_writing_at_once_keep_one_chain(any_db: Database) -> None:
    populate(any_db, cases=1)
    item = make_item(any_db, code="PAR-1")
    url = any_db.engine.url.render_as_string(hide_password=False)
    count = 15
    workers = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "tests.unit.history_worker",
                url,
                str(any_db.data_dir),
                str(worker),
                str(count),
                str(item.id),
                ",".join(map(str, item.material_ids)),
            ],
            cwd=ROOT,
            stderr=subprocess.PIPE,
            text=True,
        )
        for worker in (1, 2)
    ]
    for worker in workers:
        _, err = worker.communicate(timeout=300)
        assert worker.returncode == 0, err
    report = verify_chain(any_db)
    assert report.ok, report.broken
    events, audit = report.heads
    assert events.count == 2 + 2 * count
    assert audit.count == 3 + 2 * count


def test_migration_chains_the_rows_a_database_already_has(any_db: Database) -> None:
    populate(any_db)
    downgrade(any_db.engine, "0003")  # the history as townclerk 0003 left it: no chain, no triggers
    sql(any_db, "UPDATE case_events SET note = 'before 0004' WHERE seq = 1")  # allowed then
    sql(any_db, "DELETE FROM audit_log WHERE id = 2")
    sql(
        any_db,
        "INSERT INTO catalog_versions (label, file_name, sha256, imported_by, imported_at,"
        " added, changed, retired, unchanged)"
        " VALUES ('示例目录（演示数据）', 'sample_catalog.xlsx', '', 'admin', "
        + ("0" if any_db.engine.dialect.name == "sqlite" else "now()")
        + ", 0, 0, 0, 0)",
    )

    upgrade(any_db.engine, "head")

    report = verify_chain(any_db)
    assert report.ok, report.broken
    assert [(head.table, head.count) for head in report.heads] == [
        ("case_events", 6),
        ("audit_log", 2),
    ]
    with any_db.reads() as session:
        keys = session.execute(
            text("SELECT case_id, seq FROM case_events ORDER BY chain_pos")
        ).all()
        demo = session.execute(
            text("SELECT value FROM settings WHERE key = 'demo_database'")
        ).scalar()
    assert [tuple(key) for key in keys] == [(1, 1), (1, 2), (2, 1), (3, 1), (4, 1), (5, 1)]
    assert demo == "1"  # an old demo database is recognised by its sample catalog
    with pytest.raises(DBAPIError, match="append-only"):
        sql(any_db, "DELETE FROM case_events")
    # New rows go on from the migrated head.
    admin = UserService(any_db).authenticate("admin", PASSWORD)
    SettingsService(any_db).add_window(admin, "综合窗口一")
    assert verify_chain(any_db).heads[1].count == 3


def test_the_canonical_form_is_fixed() -> None:
    """Changing it would break every chain already written: this text must never change."""
    import datetime as dt

    from townclerk.enums import CaseStatus

    event = {
        "chain_pos": 7,
        "case_id": 3,
        "seq": 2,
        "at": dt.datetime(2026, 9, 29, 9, 30, 5, 123456),
        "user_id": 2,
        "action": "complete",
        "from_status": CaseStatus.ACCEPTED,
        "to_status": CaseStatus.COMPLETED,
        "note": '准予："证照"',
    }
    assert history.canonical("case_events", event).decode() == (
        '["case_events",7,3,2,"2026-09-29T09:30:05",2,"complete","accepted","completed",'
        '"准予：\\"证照\\""]'
    )
    entry = {
        "chain_pos": 1,
        "at": dt.datetime(2026, 9, 29, 9, 30),
        "username": "admin",
        "action": "export",
        "target": "",
        "detail": {"rows": 3, "full": True, "file": None, "a": [1, "二"]},
    }
    assert history.canonical("audit_log", entry).decode() == (
        '["audit_log",1,"2026-09-29T09:30:00","admin","export","",'
        '{"a":[1,"二"],"file":null,"full":true,"rows":3}]'
    )
    assert (
        history.link(history.GENESIS, "audit_log", entry)
        == hashlib.sha256(bytes(32) + history.canonical("audit_log", entry)).digest()
    )


@pytest.mark.sqlite_only  # a backup file of SQLite
def test_a_backups_verify_checks_its_chain(db: Database, clock: FakeClock) -> None:
    from townclerk.services import backups

    admin, _, _ = populate(db)
    assert backups.verify_backup(backups.create_backup(db, admin).path, db.data_dir).ok
    clock.advance(minutes=1)
    drop_triggers(db)
    sql(db, "UPDATE audit_log SET username = 'clerk1' WHERE chain_pos = 2")
    info = backups.create_backup(db, admin)

    report = backups.verify_backup(info.path, db.data_dir)

    assert report.problems == (
        "历史记录被改动：audit_log 第2条（id=2）：记录内容与其哈希不符：该记录被修改过",
    )


def test_registering_a_case_appends_its_events_in_one_call(
    any_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A 即办件's acceptance and completion, and a 补齐后受理's link in both histories: one
    append (one lock and one update of the chain's head) per registration."""
    admin = first_admin(any_db)
    clerk = add_user(any_db, admin, "clerk1")
    item = make_item(any_db, code="JB-1", name="城乡居民养老保险参保登记", promised_days=0)
    service = CaseService(any_db)
    notice = service.notify(clerk, intake_for(item, received=item.material_ids[:1])).number
    appends: list[list[str]] = []
    real_append = history.append

    def counting(connection: Any, table: str, rows: Any, **options: Any) -> None:
        appends.append([row["action"] for row in rows] if table == history.EVENTS else [])
        real_append(connection, table, rows, **options)

    monkeypatch.setattr(history, "append", counting)
    instant = service.accept(clerk, intake_for(item))
    assert [event.action for event in instant.events] == [CaseAction.ACCEPT, CaseAction.COMPLETE]
    resubmitted = service.accept(clerk, intake_for(item), resubmits=notice)
    assert appends == [
        ["accept", "complete"],
        ["accept", "resubmit", "resubmit", "complete"],
    ]
    assert [event.seq for event in resubmitted.events] == [1, 2, 3]
    assert [event.action for event in service.get(clerk, notice).events][-1] is CaseAction.RESUBMIT
    report = verify_chain(any_db)
    assert report.ok, report.broken
    assert report.heads[0].count == 7  # the notice, then 2 and 4
