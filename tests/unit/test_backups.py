"""Backups: create, list, verify, restore, rotation, encryption; refusals write nothing."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import stat
from dataclasses import replace
from pathlib import Path

import pytest

from tests.conftest import FakeClock
from tests.factories import intake_for, make_item, resident_id
from tests.people import PASSWORD
from townclerk.db.database import Database, open_database
from townclerk.errors import PermissionDenied, UserError
from townclerk.formats.backups import crypto
from townclerk.formats.backups.manifest import manifest_path, read_manifest
from townclerk.paths import DATABASE_FILE, backups_dir, sqlite_url
from townclerk.services import backups
from townclerk.services.access import Actor
from townclerk.services.backup_schedule import (
    BackupPolicy,
    BackupReason,
    backups_to_remove,
    due_backup,
    is_stale,
)
from townclerk.services.cases import CaseService
from townclerk.services.settings import SettingsService

# The backup file of a SQLite database (PostgreSQL's pg_dump route: test_backup_postgres.py).
pytestmark = pytest.mark.sqlite_only

PASSPHRASE = "correct horse battery"


def _register(db: Database, actor: Actor, count: int, code: str = "320324-SCJG-001") -> list[str]:
    item = make_item(db, code=code)
    cases = CaseService(db)
    return [
        cases.accept(actor, intake_for(item, id_number=resident_id(sequence=f"{n:03d}"))).number
        for n in range(count)
    ]


def _numbers(db_file: Path) -> set[str]:
    with sqlite3.connect(db_file) as connection:
        return {row[0] for row in connection.execute("SELECT number FROM cases")}


def _files(folder: Path) -> set[str]:
    return {path.name for path in folder.iterdir()} if folder.exists() else set()


def test_a_backup_right_after_commits_holds_them_although_they_are_still_in_the_wal(
    db: Database, admin: Actor, clerk: Actor
) -> None:
    numbers = _register(db, clerk, 5)
    wal = db.data_dir / (DATABASE_FILE + "-wal")
    assert wal.stat().st_size > 0  # the cases are in the WAL, not yet in the main file
    info = backups.create_backup(db, admin)
    assert _numbers(info.path) == set(numbers)
    assert info.path.name.startswith("320324101-20260929-093000-manual")
    assert info.row_counts["cases"] == 5
    assert info.schema_revision is not None and not info.encrypted
    assert read_manifest(info.path) == info
    assert backups.list_backups([backups_dir(db.data_dir)]) == [info]
    report = backups.verify_backup(info.path, db.data_dir)
    assert report.ok and report.row_counts["cases"] == 5


def test_only_an_admin_backs_up_and_a_bad_folder_is_refused_writing_nothing(
    db: Database, admin: Actor, clerk: Actor, tmp_path: Path
) -> None:
    with pytest.raises(PermissionDenied):
        backups.create_backup(db, clerk)
    a_file = tmp_path / "file"
    a_file.write_text("x")
    for folder, message in (
        (a_file, "不是文件夹"),
        (Path("/dev/null"), "不是文件夹"),
        (tmp_path / "missing", "不存在"),
    ):
        with pytest.raises(UserError, match=message):
            backups.create_backup(db, admin, folder=folder)
    assert a_file.read_text() == "x"
    assert not (tmp_path / "missing").exists()
    assert not backups_dir(db.data_dir).exists()


def test_encrypted_backup_round_trip_wrong_passphrase_tampering_and_truncation(
    db: Database, admin: Actor, clerk: Actor
) -> None:
    numbers = _register(db, clerk, 3)
    info = backups.create_backup(db, admin, encrypt=True, passphrase=PASSPHRASE)
    assert info.path.name.endswith(".sqlite3.enc") and crypto.is_encrypted(info.path)
    assert b"SQLite format 3" not in info.path.read_bytes()
    assert backups.verify_backup(info.path, db.data_dir, PASSPHRASE).ok
    with pytest.raises(crypto.WrongPassphrase, match="备份口令不正确"):
        backups.verify_backup(info.path, db.data_dir, "not the passphrase")
    with pytest.raises(UserError, match="加密备份，请提供备份口令"):
        backups.verify_backup(info.path, db.data_dir)
    original = info.path.read_bytes()
    tampered = bytearray(original)
    tampered[len(original) // 2] ^= 0x01
    info.path.write_bytes(bytes(tampered))
    with pytest.raises(crypto.DamagedBackup, match="已被改动或不完整"):
        backups.verify_backup(info.path, db.data_dir, PASSPHRASE)
    info.path.write_bytes(original[: len(original) - 100])
    with pytest.raises(crypto.DamagedBackup):
        backups.verify_backup(info.path, db.data_dir, PASSPHRASE)
    info.path.write_bytes(original)
    result = backups.restore_backup(
        sqlite_url(db.data_dir), db.data_dir, info.path, "admin", PASSWORD, passphrase=PASSPHRASE
    )
    assert result.kept_as is not None
    assert _numbers(db.data_dir / DATABASE_FILE) == set(numbers)


def test_a_leftover_scratch_folder_of_a_killed_run_is_removed_once_stale(
    db: Database, admin: Actor
) -> None:
    folder = backups_dir(db.data_dir)
    old, young = (
        folder / (backups.SCRATCH_PREFIX + "old"),
        folder / (backups.SCRATCH_PREFIX + "young"),
    )
    for leftover in (old, young):
        leftover.mkdir(parents=True)
        (leftover / "plain").write_bytes(b"decrypted")
    two_days_ago = dt.datetime.now().timestamp() - 2 * 86400
    os.utime(old, (two_days_ago, two_days_ago))
    backups.create_backup(db, admin)
    assert not old.exists() and young.exists()


def test_encryption_streams_in_frames(tmp_path: Path) -> None:
    source = tmp_path / "plain"
    source.write_bytes(bytes(range(256)) * (crypto.FRAME_SIZE // 256 * 2 + 3))
    target = tmp_path / "enc"
    with target.open("wb") as handle:
        crypto.encrypt_file(source, handle, PASSPHRASE, lambda chunk: None)
    back = tmp_path / "back"
    with back.open("wb") as handle:
        crypto.decrypt_file(target, handle, PASSPHRASE)
    assert back.read_bytes() == source.read_bytes()
    # Dropping the last frame is noticed, not taken as a shorter file.
    frame = crypto.FRAME_SIZE + 16
    target.write_bytes(target.read_bytes()[:-frame])
    with pytest.raises(crypto.DamagedBackup), back.open("wb") as handle:
        crypto.decrypt_file(target, handle, PASSPHRASE)


def test_verify_finds_a_damaged_or_edited_backup(db: Database, admin: Actor, clerk: Actor) -> None:
    _register(db, clerk, 2)
    info = backups.create_backup(db, admin)
    with sqlite3.connect(info.path) as connection:
        connection.execute("DROP TRIGGER case_events_no_delete")  # the history is append-only
        connection.execute("DELETE FROM case_events")
    report = backups.verify_backup(info.path, db.data_dir)
    assert not report.ok
    assert any("校验值与清单不符" in p for p in report.problems)
    assert any("case_events" in p for p in report.problems)
    info.path.write_bytes(info.path.read_bytes()[:8192])
    report = backups.verify_backup(info.path, db.data_dir)
    assert any("已损坏" in p for p in report.problems)
    with pytest.raises(UserError, match="不是备份文件"):
        backups.verify_backup(db.data_dir, db.data_dir)


def test_extra_checks_run_on_the_backup(
    db: Database, admin: Actor, monkeypatch: pytest.MonkeyPatch
) -> None:
    info = backups.create_backup(db, admin)
    seen = []

    def chain_check(copy: Database) -> list[str]:
        seen.append(copy.engine.url.database)
        return ["历史记录链断裂"]

    monkeypatch.setattr(backups, "EXTRA_CHECKS", [chain_check])
    assert backups.verify_backup(info.path, db.data_dir).problems == ("历史记录链断裂",)
    assert seen


def test_a_backup_in_a_folder_whose_name_has_a_uri_character_verifies_in_full(
    db: Database, admin: Actor, clerk: Actor, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``#`` ends the path of a SQLite URI: the read-only opening quotes the path."""
    _register(db, clerk, 2)
    folder = tmp_path / "备份#2"
    folder.mkdir()
    info = backups.create_backup(db, admin, folder=folder)
    counted = []

    def count_cases(copy: Database) -> list[str]:
        with copy.engine.connect() as connection:
            counted.append(connection.exec_driver_sql("SELECT count(*) FROM cases").scalar())
        return []

    monkeypatch.setattr(backups, "EXTRA_CHECKS", [count_cases])
    report = backups.verify_backup(info.path, db.data_dir)
    assert report.ok and report.row_counts["cases"] == 2
    assert counted == [2]


def test_restore_drill_corrupt_live_file_restore_everything_back(
    db: Database, admin: Actor, clerk: Actor, clock: FakeClock
) -> None:
    numbers = _register(db, clerk, 4)
    info = backups.create_backup(db, admin)
    db.dispose()
    live = db.data_dir / DATABASE_FILE
    live.write_bytes(live.read_bytes()[:4096])
    (db.data_dir / (DATABASE_FILE + "-wal")).unlink(missing_ok=True)
    with pytest.raises(UserError, match="已损坏"):
        open_database(sqlite_url(db.data_dir), db.data_dir)
    # The message names the newest good backup and the command.
    message = backups.corrupt_database_message(db.data_dir, "损坏")
    assert str(info.path) in message and "townclerk restore" in message
    with pytest.raises(UserError, match="用户名或密码错误"):
        backups.restore_backup(sqlite_url(db.data_dir), db.data_dir, info.path, "admin", "wrong")
    assert live.stat().st_size == 4096
    listing = _files(db.data_dir), _files(backups_dir(db.data_dir))
    with pytest.raises(PermissionDenied):
        backups.restore_backup(sqlite_url(db.data_dir), db.data_dir, info.path, "clerk1", PASSWORD)
    assert live.stat().st_size == 4096
    assert (_files(db.data_dir), _files(backups_dir(db.data_dir))) == listing
    clock.advance(minutes=5)
    result = backups.restore_backup(
        sqlite_url(db.data_dir), db.data_dir, info.path, "admin", PASSWORD, clock=clock
    )
    assert result.kept_as is not None and result.kept_as.stat().st_size == 4096
    assert _numbers(live) == set(numbers)
    reopened = open_database(sqlite_url(db.data_dir), db.data_dir, clock=clock)
    try:
        assert (
            CaseService(reopened)
            .accept(clerk, intake_for(make_item(reopened, code="320324-SCJG-002")))
            .number
        )
    finally:
        reopened.dispose()
    with sqlite3.connect(live) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        actions = [row[0] for row in connection.execute("SELECT action FROM audit_log")]
    assert "backup.restore" in actions


def test_restore_keeps_the_current_database_first(
    db: Database, admin: Actor, clerk: Actor, clock: FakeClock
) -> None:
    before = _register(db, clerk, 2)
    info = backups.create_backup(db, admin)
    later = _register(db, clerk, 1, code="320324-SCJG-009")
    clock.advance(minutes=1)
    result = backups.restore_backup(
        sqlite_url(db.data_dir), db.data_dir, info.path, "admin", PASSWORD, clock=clock
    )
    assert result.kept_as is not None and "pre-restore" in result.kept_as.name
    assert _numbers(result.kept_as) == set(before + later)
    assert _numbers(db.data_dir / DATABASE_FILE) == set(before)


def _edited_copy(info_path: Path, tmp_path: Path, sql: str) -> Path:
    copy = tmp_path / info_path.name
    copy.write_bytes(info_path.read_bytes())
    with sqlite3.connect(copy) as connection:
        connection.execute(sql)
    return copy


@pytest.mark.parametrize(
    ("sql", "message"),
    [
        ("UPDATE alembic_version SET version_num = '9999'", "更新版本"),
        ("UPDATE settings SET value = '320324999' WHERE key = 'center_code'", "另一个中心"),
    ],
)
def test_restore_refuses_a_newer_schema_or_another_centers_backup(
    db: Database, admin: Actor, clerk: Actor, tmp_path: Path, sql: str, message: str
) -> None:
    numbers = _register(db, clerk, 2)
    info = backups.create_backup(db, admin)
    foreign = _edited_copy(info.path, tmp_path, sql)  # no manifest beside it
    live = db.data_dir / DATABASE_FILE
    listing = _files(db.data_dir)
    with pytest.raises(UserError, match=message):
        backups.restore_backup(sqlite_url(db.data_dir), db.data_dir, foreign, "admin", PASSWORD)
    assert _numbers(live) == set(numbers)
    assert _files(db.data_dir) == listing
    assert _files(backups_dir(db.data_dir)) == {info.path.name, manifest_path(info.path).name}


def test_restore_refuses_a_corrupt_backup(db: Database, admin: Actor, tmp_path: Path) -> None:
    info = backups.create_backup(db, admin)
    broken = tmp_path / info.path.name
    broken.write_bytes(info.path.read_bytes()[:3000])
    with pytest.raises(UserError, match="未通过检查"):
        backups.restore_backup(sqlite_url(db.data_dir), db.data_dir, broken, "admin", PASSWORD)
    with pytest.raises(UserError, match="不存在"):
        backups.restore_backup(
            sqlite_url(db.data_dir), db.data_dir, tmp_path / "none", "admin", PASSWORD
        )


# --- schedule and rotation --------------------------------------------------------------------
def test_due_backup() -> None:
    policy = BackupPolicy(interval_hours=4)
    morning = dt.datetime(2026, 11, 27, 8, 30)
    assert due_backup(morning, [], policy) is BackupReason.START_OF_DAY
    assert due_backup(morning, [morning - dt.timedelta(hours=1)], policy) is None
    yesterday = dt.datetime(2026, 11, 26, 17, 0)
    assert due_backup(morning, [yesterday], policy) is BackupReason.START_OF_DAY
    assert due_backup(morning + dt.timedelta(hours=4), [morning], policy) is BackupReason.INTERVAL
    assert due_backup(morning + dt.timedelta(minutes=10), [morning], policy, closing=True) is None
    assert (
        due_backup(morning + dt.timedelta(hours=1), [morning], policy, closing=True)
        is BackupReason.CLOSE
    )
    assert is_stale(None, morning) and is_stale(morning - dt.timedelta(days=3), morning)
    assert not is_stale(morning - dt.timedelta(days=1), morning)


def test_rotation_keeps_daily_weekly_monthly() -> None:
    start = dt.datetime(2025, 1, 1, 8, 0)
    # Three backups a day for 400 days.
    made = [start + dt.timedelta(days=d, hours=h) for d in range(400) for h in (0, 4, 8)]
    policy = BackupPolicy(keep_daily=7, keep_weekly=4, keep_monthly=12)
    removed = set(backups_to_remove(made, lambda at: at, policy))
    kept = sorted(set(made) - removed)
    newest = max(made)
    assert newest in kept
    assert len({at.date() for at in kept if newest - at < dt.timedelta(days=7)}) == 7
    assert len({(at.year, at.month) for at in kept}) == 12
    recent = [at for at in made if newest - at < dt.timedelta(hours=24)]
    assert set(recent) <= set(kept)
    older = [at for at in kept if at not in recent]
    assert len(older) <= 7 + 4 + 12
    assert all(at == max(x for x in made if x.date() == at.date()) for at in older)


def test_automatic_backup_second_location_rotation_and_a_missing_location(
    db: Database, admin: Actor, clock: FakeClock, tmp_path: Path
) -> None:
    usb = tmp_path / "usb"
    usb.mkdir()
    settings = SettingsService(db)
    center = settings.center()
    settings.update_center(
        admin,
        replace(
            center,
            backup_second_location=str(usb),
            backup_keep_daily=2,
            backup_keep_weekly=0,
            backup_keep_monthly=0,
        ),
    )
    first = backups.automatic_backup(db)
    assert first.reason is BackupReason.START_OF_DAY and not first.warnings
    assert first.info is not None and (usb / first.info.path.name).exists()
    assert backups.automatic_backup(db).info is None  # not due yet
    for _day in range(3):
        clock.advance(days=1)
        assert backups.automatic_backup(db).info is not None
    for folder in (backups_dir(db.data_dir), usb):
        assert len(backups.list_backups([folder])) == 2
    usb.rmdir() if not any(usb.iterdir()) else None
    settings.update_center(
        admin, replace(settings.center(), backup_second_location=str(tmp_path / "unplugged"))
    )
    clock.advance(days=1)
    result = backups.automatic_backup(db)
    assert result.info is not None and result.info.path.exists()
    assert len(result.warnings) == 1 and "不可用" in result.warnings[0]
    assert not (tmp_path / "unplugged").exists()


def test_the_copy_in_the_second_location_is_private_from_its_first_byte(
    db: Database, admin: Actor, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Under an open umask, every file in the second location is 0600 whenever its bytes are
    synced (the backup and its manifest): no moment where another user may read it."""
    usb = tmp_path / "usb"
    usb.mkdir()
    settings = SettingsService(db)
    settings.update_center(admin, replace(settings.center(), backup_second_location=str(usb)))
    synced_modes: list[tuple[str, int]] = []
    real_fsync = os.fsync

    def fsync(descriptor: int) -> None:
        real_fsync(descriptor)
        synced_modes.extend(
            (path.name, stat.S_IMODE(path.stat().st_mode)) for path in usb.iterdir()
        )

    monkeypatch.setattr(os, "fsync", fsync)
    previous = os.umask(0)
    try:
        info = backups.automatic_backup(db).info
    finally:
        os.umask(previous)
    assert info is not None
    assert synced_modes and all(mode == 0o600 for _name, mode in synced_modes), synced_modes
    assert sorted(path.name for path in usb.iterdir()) == sorted(
        [info.path.name, manifest_path(info.path).name]
    )


def test_an_automatic_backup_reads_the_settings_and_the_backups_once(
    db: Database, admin: Actor, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    backups.automatic_backup(db)
    clock.advance(days=1)
    center_reads = []
    listed: list[list[Path]] = []
    read_center, list_backups = SettingsService.center, backups.list_backups
    monkeypatch.setattr(
        SettingsService, "center", lambda self: center_reads.append(1) or read_center(self)
    )
    monkeypatch.setattr(
        backups,
        "list_backups",
        lambda folders: listed.append(list(folders)) or list_backups(folders),
    )
    assert backups.automatic_backup(db).info is not None
    assert len(center_reads) == 1
    assert listed == [[backups_dir(db.data_dir)]]
    assert len(backups.list_backups([backups_dir(db.data_dir)])) == 2


def test_encrypted_automatic_backup_takes_the_passphrase_from_the_environment(
    db: Database, admin: Actor, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = SettingsService(db)
    settings.update_center(admin, replace(settings.center(), backup_encrypt=True))
    monkeypatch.setattr(backups, "backup_passphrase", lambda code: None)
    with pytest.raises(UserError, match="没有备份口令"):
        backups.automatic_backup(db)
    assert not backups.list_backups([backups_dir(db.data_dir)])
    monkeypatch.undo()
    monkeypatch.setenv(backups.PASSPHRASE_ENV, PASSPHRASE)
    info = backups.automatic_backup(db).info
    assert info is not None and info.encrypted
    assert backups.verify_backup(info.path, db.data_dir, PASSPHRASE).ok


def test_backup_settings_are_validated(db: Database, admin: Actor) -> None:
    settings = SettingsService(db)
    center = settings.center()
    for change, message in (
        ({"backup_interval_hours": 0}, "1至24小时"),
        ({"backup_keep_daily": -1}, "保留份数"),
        ({"backup_keep_daily": 0, "backup_keep_weekly": 0, "backup_keep_monthly": 0}, "至少"),
        ({"backup_second_location": "relative/path"}, "完整路径"),
    ):
        with pytest.raises(UserError, match=message):
            settings.update_center(admin, replace(center, **change))  # type: ignore[arg-type]
    assert settings.center() == center
