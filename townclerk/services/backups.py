"""Backups of the database, checking them, and restoring one.

- :func:`create_backup` copies the live database consistently (SQLite's online backup API, which
  includes what is still in the WAL, while clerks keep saving; ``pg_dump -Fc`` on PostgreSQL)
  into ``<center code>-<YYYYmmdd-HHMMSS>-<reason>.sqlite3`` (or ``.pgdump``), optionally
  encrypted (``.enc``, see ``formats/backups/crypto.py``), with a JSON manifest beside it:
  when, which townclerk, schema revision, center, row counts per table, sha256. Files appear
  under their final name only once complete.
- :func:`verify_backup`: the hash, ``integrity_check``, a schema revision this townclerk knows,
  the row counts against the manifest, and, beside them, every check in :data:`EXTRA_CHECKS`.
- :func:`restore_backup` (an admin): the backup is copied (decrypted) beside the database and
  verified there; the current database is kept as a ``pre-restore`` backup (or, when it is
  damaged, copied as it is); only then does the verified copy replace it, in one rename.
- :func:`automatic_backup`: what the window runs on its schedule (``backup_schedule.py``): a
  backup in the data folder's ``backups/``, copied to the second location when one is set (a
  missing or unwritable location is a warning, never a failure), then the rotation.

Encrypted backups need the passphrase: from ``TOWNCLERK_BACKUP_PASSPHRASE``, else the system
keyring (``townclerk backup passphrase`` stores it there).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import logging
import os
import shutil
import sqlite3
import stat
import tempfile
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path

from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError

from townclerk import __version__
from townclerk.db import snapshot
from townclerk.db.database import Database, local_now
from townclerk.db.engine import create_db_engine, is_sqlite, read_only_engine
from townclerk.db.file_check import damage_of
from townclerk.errors import DatabaseCorrupt, UserError
from townclerk.formats.backups import crypto
from townclerk.formats.backups.manifest import (
    base_name,
    data_suffix,
    is_backup_data,
    read_manifest,
    write_manifest,
)
from townclerk.i18n import t
from townclerk.paths import DATABASE_FILE, backups_dir
from townclerk.private_files import copy_whole, tighten
from townclerk.records.backups import BackupInfo, VerifyReport
from townclerk.records.center import CenterSettings
from townclerk.services.access import Actor, Permission, confirm_active, require
from townclerk.services.audit import record_audit
from townclerk.services.backup_schedule import (
    BackupPolicy,
    BackupReason,
    backups_to_remove,
    due_backup,
)
from townclerk.services.history import chain_problems
from townclerk.services.settings import SettingsService
from townclerk.services.users import UserService

log = logging.getLogger("townclerk.backups")

PASSPHRASE_ENV = "TOWNCLERK_BACKUP_PASSPHRASE"
KEYRING_SERVICE = "townclerk-backup"
_CHUNK = 1 << 20

ExtraCheck = Callable[[Database], list[str]]
#: More checks :func:`verify_backup` runs on a backup's database (read-only), each returning
#: its problems: the history chain (what ``townclerk audit verify`` checks).
EXTRA_CHECKS: list[ExtraCheck] = [chain_problems]


# --- the passphrase ---------------------------------------------------------------------------
def backup_passphrase(center_code: str) -> str | None:
    """The passphrase for encrypted backups: the environment variable, else the keyring."""
    from_env = os.environ.get(PASSPHRASE_ENV)
    if from_env:
        return from_env
    try:
        import keyring

        return keyring.get_password(KEYRING_SERVICE, center_code)
    except Exception as error:  # no keyring backend on this PC: the env var is the way
        log.info("no keyring available for the backup passphrase: %s", error)
        return None


def store_backup_passphrase(db: Database, actor: Actor, center_code: str, passphrase: str) -> None:
    require(actor, Permission.MANAGE_BACKUPS)
    if len(passphrase) < 8:
        raise UserError(t("备份口令至少需要8个字符"))
    confirm_active(db, actor)
    try:
        import keyring

        keyring.set_password(KEYRING_SERVICE, center_code, passphrase)
    except Exception as error:
        raise UserError(
            t(
                "本机没有可用的密钥环，无法保存备份口令；请用环境变量 {env} 提供口令（{reason}）",
                env=PASSPHRASE_ENV,
                reason=error,
            )
        ) from None


# --- files ------------------------------------------------------------------------------------
def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _fsync(path: Path) -> None:
    with path.open("rb+") as handle:
        os.fsync(handle.fileno())


def check_backup_folder(folder: Path, *, create: bool = False) -> None:
    """Refuse anything but a writable directory (a file, a device, a missing folder)."""
    if create and not folder.exists():
        folder.mkdir(parents=True, exist_ok=True)
    if not folder.exists():
        raise UserError(t("备份目录 {path} 不存在", path=folder))
    if not folder.is_dir():
        raise UserError(t("备份目录 {path} 不是文件夹", path=folder))
    if not os.access(folder, os.W_OK | os.X_OK):
        raise UserError(t("备份目录 {path} 不可写", path=folder))


def _backup_file(path: Path) -> Path:
    """A backup named on the command line: an existing regular file, or a clear refusal."""
    if not path.exists():
        raise UserError(t("备份文件 {path} 不存在", path=path))
    if not stat.S_ISREG(path.stat().st_mode):
        raise UserError(t("{path} 不是备份文件（是文件夹或设备）", path=path))
    return path


def _engine_of(path: Path) -> str:
    return "postgresql" if ".pgdump" in path.name else "sqlite"


SCRATCH_PREFIX = ".townclerk-scratch-"
STALE_SCRATCH = dt.timedelta(days=1)


@contextlib.contextmanager
def _scratch(folder: Path) -> Iterator[Path]:
    """A private temporary folder in ``folder`` (same disk: the results are renamed into place).

    A run killed half-way leaves its folder behind, possibly with a decrypted copy in it: any
    such folder older than a day is removed first (a younger one may be another run's).
    """
    folder.mkdir(parents=True, exist_ok=True)
    cutoff = dt.datetime.now().timestamp() - STALE_SCRATCH.total_seconds()
    for stale in folder.glob(SCRATCH_PREFIX + "*"):
        with contextlib.suppress(OSError):
            if stale.is_dir() and stale.stat().st_mtime < cutoff:
                shutil.rmtree(stale)
                log.info("removed the leftover %s", stale)
    with tempfile.TemporaryDirectory(prefix=SCRATCH_PREFIX, dir=folder) as name:
        yield Path(name)


# --- create -----------------------------------------------------------------------------------
def _sqlite_file(db: Database) -> Path | None:
    name = db.engine.url.database
    return Path(name) if is_sqlite(str(db.engine.url)) and name else None


def _counts_and_revision(plain: Path) -> tuple[dict[str, int], str | None]:
    with snapshot.read_only(plain) as connection:
        return snapshot.row_counts(connection), snapshot.schema_revision(connection)


def create_backup(
    db: Database,
    actor: Actor | None,
    *,
    folder: Path | None = None,
    reason: str = "manual",
    passphrase: str | None = None,
    encrypt: bool | None = None,
    center: CenterSettings | None = None,
) -> BackupInfo:
    """Back the database up into ``folder`` (default: the data folder's ``backups/``).

    ``actor`` is the admin asking; None only for the window's automatic backups. ``encrypt``
    defaults to the center's setting; the passphrase then comes from :func:`backup_passphrase`
    unless given. ``center``: its settings, when the caller has just read them.
    """
    if actor is not None:
        require(actor, Permission.MANAGE_BACKUPS)
        # Checked before the copy, not with the audit entry: a disabled admin takes no copy
        # away, and a copy that was made is always audited.
        confirm_active(db, actor)
    center = center or SettingsService(db).center()
    target_folder = folder or backups_dir(db.data_dir)
    check_backup_folder(target_folder, create=folder is None)
    encrypt = center.backup_encrypt if encrypt is None else encrypt
    if encrypt:
        passphrase = passphrase or backup_passphrase(center.center_code)
        if not passphrase:
            raise UserError(
                t(
                    "已设置备份加密，但没有备份口令：请用 townclerk backup passphrase 保存口令，"
                    "或设置环境变量 {env}",
                    env=PASSPHRASE_ENV,
                )
            )
    created_at = db.now()
    engine = "sqlite" if _sqlite_file(db) is not None else "postgresql"
    name = base_name(center.center_code, created_at, reason) + data_suffix(engine, encrypt)
    target = target_folder / name
    if target.exists():
        raise UserError(t("备份文件 {path} 已存在，请稍后再试", path=target))
    with _scratch(target_folder) as scratch:
        plain = scratch / "plain"
        sqlite_file = _sqlite_file(db)
        if sqlite_file is not None:
            snapshot.sqlite_copy(sqlite_file, plain)
            counts, revision = _counts_and_revision(plain)
        else:
            snapshot.pg_dump(db.engine.url.render_as_string(hide_password=False), plain)
            counts, revision = _pg_counts_and_revision(db)
        finished = scratch / "finished"
        if encrypt:
            assert passphrase is not None
            digest = hashlib.sha256()
            with finished.open("wb") as handle:
                crypto.encrypt_file(plain, handle, passphrase, digest.update)
            sha256 = digest.hexdigest()
        else:
            sha256 = _sha256(plain)
            plain.rename(finished)
        _fsync(finished)
        tighten(finished)
        os.replace(finished, target)
    info = BackupInfo(
        path=target,
        created_at=created_at,
        reason=reason,
        engine=engine,
        townclerk_version=__version__,
        schema_revision=revision,
        center_code=center.center_code,
        center_name=center.center_name,
        encrypted=encrypt,
        size=target.stat().st_size,
        sha256=sha256,
        row_counts=counts,
    )
    write_manifest(info)
    log.info("backup %s made (%s, %d bytes)", target, reason, info.size)
    if actor is not None:
        with db.sessions.begin() as session:
            record_audit(session, actor, "backup.create", db.now(), target=str(target))
    return info


def _pg_counts_and_revision(db: Database) -> tuple[dict[str, int], str | None]:
    from sqlalchemy import inspect, text

    with db.reads() as session:
        connection = session.connection()
        names = sorted(inspect(connection).get_table_names())
        counts = {
            name: int(connection.execute(text(f'SELECT count(*) FROM "{name}"')).scalar_one())
            for name in names
        }
        revision = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    return counts, revision


# --- list -------------------------------------------------------------------------------------
def list_backups(folders: Sequence[Path]) -> list[BackupInfo]:
    """The backups with a manifest in ``folders``, newest first (missing folders are skipped)."""
    found = []
    for folder in folders:
        if not folder.is_dir():
            continue
        for path in folder.iterdir():
            if is_backup_data(path):
                info = read_manifest(path)
                if info is not None:
                    found.append(info)
    return sorted(found, key=lambda info: info.created_at, reverse=True)


def backup_folders(data_dir: Path, center: CenterSettings | None = None) -> list[Path]:
    folders = [backups_dir(data_dir)]
    if center is not None and center.backup_second_location:
        folders.append(Path(center.backup_second_location))
    return folders


def newest_good_backup(folders: Sequence[Path]) -> BackupInfo | None:
    """The newest backup whose file is all there (its size and the manifest's agree)."""
    for info in list_backups(folders):
        with contextlib.suppress(OSError):
            if info.path.stat().st_size == info.size:
                return info
    return None


# --- verify -----------------------------------------------------------------------------------
@contextlib.contextmanager
def _plain_copy(path: Path, scratch: Path, passphrase: str | None) -> Iterator[tuple[Path, str]]:
    """The backup's plain database (decrypted into ``scratch`` when needed) and its sha256."""
    if crypto.is_encrypted(path):
        if not passphrase:
            raise UserError(
                t(
                    "{path} 是加密备份，请提供备份口令（环境变量 {env}）",
                    path=path,
                    env=PASSPHRASE_ENV,
                )
            )
        plain = scratch / "plain"
        with plain.open("wb") as handle:
            sha256 = crypto.decrypt_file(path, handle, passphrase)
        yield plain, sha256
    else:
        yield path, _sha256(path)


def _check_sqlite(plain: Path, data_dir: Path, manifest: BackupInfo | None) -> VerifyReport:
    damage = damage_of(plain)
    if damage is not None:
        return VerifyReport(plain, (t("数据库已损坏：{reason}", reason=damage),), None, {})
    # The extra checks (the history chain: Python work) run beside SQLite's integrity check (C
    # work that releases the GIL), so a large backup verifies in about the longer of the two.
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="backup-verify") as pool:
        extra = pool.submit(_extra_problems, plain, data_dir)
        problems: list[str] = []
        try:
            with snapshot.read_only(plain) as connection:
                problems += [
                    t("完整性检查：{detail}", detail=p)
                    for p in snapshot.integrity_problems(connection)
                ]
                revision = snapshot.schema_revision(connection)
                counts = snapshot.row_counts(connection) if not problems else {}
        except sqlite3.DatabaseError as error:
            return VerifyReport(plain, (t("数据库已损坏：{reason}", reason=error),), None, {})
        problems += _revision_problems(revision)
        if manifest is not None and counts and counts != manifest.row_counts:
            differing = sorted(
                name
                for name in set(counts) | set(manifest.row_counts)
                if counts.get(name) != manifest.row_counts.get(name)
            )
            problems.append(t("行数与清单不符：{tables}", tables="、".join(differing)))
        extra_problems = extra.result()
    # A copy that is damaged, foreign or newer says so; what its history says would only confuse.
    if not problems:
        problems += extra_problems
    return VerifyReport(plain, tuple(problems), revision, counts)


def _extra_problems(plain: Path, data_dir: Path) -> list[str]:
    copy = Database(
        engine=read_only_engine(f"sqlite:///{plain.as_posix()}", immutable=True), data_dir=data_dir
    )
    try:
        problems: list[str] = []
        for check in EXTRA_CHECKS:
            problems += check(copy)
        return problems
    except (sqlite3.DatabaseError, SQLAlchemyError):
        return []  # a damaged or foreign file: the integrity and revision checks say what
    finally:
        copy.dispose()


def _revision_problems(revision: str | None) -> list[str]:
    from townclerk.db.migrate import is_known_revision  # Alembic: not at every window start

    if revision is None:
        return [t("不是 townclerk 数据库（没有结构版本）")]
    if not is_known_revision(revision):
        return [
            t(
                "由更新版本的 townclerk 创建（结构版本 {version}），请先升级软件",
                version=revision,
            )
        ]
    return []


def verify_backup(path: Path, data_dir: Path, passphrase: str | None = None) -> VerifyReport:
    """Check a backup file thoroughly; the report lists every problem found (none: good)."""
    path = _backup_file(path)
    manifest = read_manifest(path)
    with (
        _scratch(backups_dir(data_dir)) as scratch,
        _plain_copy(path, scratch, passphrase) as (
            plain,
            sha256,
        ),
    ):
        sha_problems = (
            [t("校验值与清单不符（文件已被改动或不完整）")]
            if manifest is not None and manifest.sha256 != sha256
            else []
        )
        if _engine_of(path) == "postgresql":
            snapshot.pg_archive_check(plain)
            revision = manifest.schema_revision if manifest else None
            problems = sha_problems + _revision_problems(revision)
            counts = manifest.row_counts if manifest else {}
            return VerifyReport(path, tuple(problems), revision, counts)
        report = _check_sqlite(plain, data_dir, manifest)
    return replace(report, path=path, problems=tuple(sha_problems) + report.problems)


# --- restore ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class RestoreResult:
    restored_from: Path
    kept_as: Path | None
    schema_revision: str | None


def _live_readable(url: str, data_dir: Path) -> Database | None:
    """The live database opened without migrating, or None when it is damaged or missing."""
    from townclerk.db.database import open_database

    if is_sqlite(url):
        name = make_url(url).database
        if not name or not Path(name).exists() or damage_of(Path(name)) is not None:
            return None
    try:
        db = open_database(url, data_dir, migrate=False)
        SettingsService(db).center()
    except (DatabaseCorrupt, sqlite3.DatabaseError) as error:
        log.warning("the live database is unreadable: %s", error)
        return None
    except Exception as error:
        if isinstance(getattr(error, "orig", None), sqlite3.DatabaseError):
            log.warning("the live database is unreadable: %s", error)
            return None
        raise
    return db


def _admin(db: Database, username: str, password: str) -> Actor:
    actor = UserService(db).authenticate(username, password)
    require(actor, Permission.MANAGE_BACKUPS)
    return actor


def _expected_center(live: Database | None, data_dir: Path) -> str | None:
    if live is not None:
        return SettingsService(live).center().center_code
    codes = {info.center_code for info in list_backups([backups_dir(data_dir)])}
    return codes.pop() if len(codes) == 1 else None


def _center_problem(found: str | None, expected: str | None) -> None:
    if expected is not None and found is not None and found != expected:
        raise UserError(
            t(
                "该备份属于另一个中心（中心代码 {found}，本中心 {expected}），未做任何修改",
                found=found,
                expected=expected,
            )
        )


def restore_backup(
    url: str,
    data_dir: Path,
    source: Path,
    username: str,
    password: str,
    *,
    passphrase: str | None = None,
    clock: Callable[[], dt.datetime] = local_now,
) -> RestoreResult:
    """Replace the database with the backup ``source``, as the admin ``username``.

    Nothing changes unless every check passes: the admin's password (checked in the current
    database, or in the backup itself when the current one is damaged), the backup's integrity
    and hash, a schema this townclerk knows, the same center.
    """
    source = _backup_file(source)
    manifest = read_manifest(source)
    live = _live_readable(url, data_dir)
    try:
        actor = _admin(live, username, password) if live is not None else None
        if is_sqlite(url):
            return _restore_sqlite(
                url, data_dir, source, manifest, live, actor, username, password, passphrase, clock
            )
        if live is None or actor is None:
            raise UserError(t("无法连接当前数据库，不能恢复"))
        return _restore_postgres(live, source, manifest, actor, passphrase)
    finally:
        if live is not None:
            live.dispose()


def _restore_sqlite(
    url: str,
    data_dir: Path,
    source: Path,
    manifest: BackupInfo | None,
    live: Database | None,
    actor: Actor | None,
    username: str,
    password: str,
    passphrase: str | None,
    clock: Callable[[], dt.datetime],
) -> RestoreResult:
    db_file = Path(make_url(url).database or data_dir / DATABASE_FILE)
    if _engine_of(source) != "sqlite":
        raise UserError(t("{path} 是 PostgreSQL 备份，不能恢复到 SQLite 数据库", path=source))
    with _scratch(db_file.parent) as scratch:
        staged = scratch / "restored.sqlite3"
        if crypto.is_encrypted(source):
            with _plain_copy(source, scratch, passphrase) as (plain, sha256):
                plain.rename(staged)
        else:
            shutil.copyfile(source, staged)
            sha256 = _sha256(staged)
        if manifest is not None and manifest.sha256 != sha256:
            raise UserError(
                t(
                    "备份文件 {path} 与其清单的校验值不符，已被改动或不完整，未做任何修改",
                    path=source,
                )
            )
        report = _check_sqlite(staged, data_dir, manifest)
        if not report.ok:
            raise UserError(
                t(
                    "备份 {path} 未通过检查，未做任何修改：{problems}",
                    path=source,
                    problems="；".join(report.problems),
                )
            )
        with snapshot.read_only(staged) as connection:
            found_center = snapshot.setting(connection, "center_code")
        _center_problem(found_center, _expected_center(live, data_dir))
        if actor is None:
            staged_db = Database(
                engine=create_db_engine(f"sqlite:///{staged.as_posix()}"),
                data_dir=data_dir,
                clock=clock,
            )
            try:
                actor = _admin(staged_db, username, password)
            finally:
                staged_db.dispose()
        kept: Path | None
        if live is not None:
            kept = create_backup(live, None, reason="pre-restore", encrypt=False).path
            live.dispose()
        else:
            kept = _keep_damaged(db_file, data_dir, clock())
        snapshot.replace_sqlite_file(staged, db_file)
    tighten(db_file)
    _audit_restore(url, data_dir, actor, source, clock)
    log.info("database restored from %s by %s (previous kept as %s)", source, actor.username, kept)
    return RestoreResult(source, kept, report.schema_revision)


def _keep_damaged(db_file: Path, data_dir: Path, now: dt.datetime) -> Path | None:
    """Keep a damaged database as it is (with its WAL) before it is replaced."""
    if not db_file.exists():
        return None
    folder = backups_dir(data_dir)
    check_backup_folder(folder, create=True)
    kept = folder / f"damaged-{now.strftime('%Y%m%d-%H%M%S')}-{db_file.name}"
    for suffix in ("", "-wal"):
        part = db_file.with_name(db_file.name + suffix)
        if part.exists():
            copy_whole(part, kept.with_name(kept.name + suffix))
    return kept


def _audit_restore(
    url: str, data_dir: Path, actor: Actor, source: Path, clock: Callable[[], dt.datetime]
) -> None:
    from townclerk.db.database import open_database

    db = open_database(url, data_dir, clock=clock)
    try:
        with db.sessions.begin() as session:
            record_audit(session, actor, "backup.restore", db.now(), target=str(source))
    finally:
        db.dispose()


def _restore_postgres(
    live: Database, source: Path, manifest: BackupInfo | None, actor: Actor, passphrase: str | None
) -> RestoreResult:
    if _engine_of(source) != "postgresql":
        raise UserError(t("{path} 是 SQLite 备份，不能恢复到 PostgreSQL 数据库", path=source))
    if manifest is None:
        raise UserError(
            t("缺少备份清单 {path}，无法确认该 PostgreSQL 备份的中心和版本", path=source)
        )
    _center_problem(manifest.center_code, SettingsService(live).center().center_code)
    revision_problems = _revision_problems(manifest.schema_revision)
    if revision_problems:
        raise UserError(t("{problem}；未做任何修改", problem=revision_problems[0]))
    with (
        _scratch(backups_dir(live.data_dir)) as scratch,
        _plain_copy(source, scratch, passphrase) as (
            plain,
            sha256,
        ),
    ):
        if sha256 != manifest.sha256:
            raise UserError(
                t(
                    "备份文件 {path} 与其清单的校验值不符，已被改动或不完整，未做任何修改",
                    path=source,
                )
            )
        snapshot.pg_archive_check(plain)
        kept = create_backup(live, None, reason="pre-restore", encrypt=False).path
        url = live.engine.url.render_as_string(hide_password=False)
        live.dispose()
        snapshot.pg_restore(url, plain)
    db = Database(engine=create_db_engine(url), data_dir=live.data_dir, clock=live.clock)
    try:
        from townclerk.db.migrate import upgrade_database

        upgrade_database(db.engine)
        with db.sessions.begin() as session:
            record_audit(session, actor, "backup.restore", db.now(), target=str(source))
    finally:
        db.dispose()
    return RestoreResult(source, kept, manifest.schema_revision)


# --- the window's schedule ----------------------------------------------------------------------
@dataclass(frozen=True)
class AutomaticBackup:
    info: BackupInfo | None
    reason: BackupReason | None
    warnings: tuple[str, ...] = ()


def _automatic_in(folder: Path) -> list[BackupInfo]:
    return [info for info in list_backups([folder]) if info.reason == "auto"]


def automatic_backup(db: Database, *, closing: bool = False) -> AutomaticBackup:
    """Make the automatic backup if one is due, copy it to the second location, rotate."""
    center = SettingsService(db).center()
    policy = BackupPolicy.of(center)
    earlier = _automatic_in(backups_dir(db.data_dir))
    made = [info.created_at for info in earlier]
    reason = due_backup(db.now(), made, policy, closing=closing)
    if reason is None:
        return AutomaticBackup(None, None)
    info = create_backup(db, None, reason="auto", center=center)
    warnings = []
    _rotate([*earlier, info], policy)
    if center.backup_second_location:
        second = Path(center.backup_second_location)
        try:
            check_backup_folder(second)
            copy_backup(info, second)
            _rotate(_automatic_in(second), policy)
        except (UserError, OSError) as error:
            message = t(
                "第二备份位置 {path} 不可用，本次备份只保存在数据目录：{reason}",
                path=second,
                reason=error,
            )
            log.warning("%s", message)
            warnings.append(message)
    return AutomaticBackup(info, reason, tuple(warnings))


def copy_backup(info: BackupInfo, folder: Path) -> Path:
    """Copy a finished backup and its manifest into ``folder`` (complete or not at all)."""
    target = copy_whole(info.path, folder / info.path.name)
    write_manifest(replace(info, path=target))
    return target


def _rotate(automatic: list[BackupInfo], policy: BackupPolicy) -> None:
    for info in backups_to_remove(automatic, lambda info: info.created_at, policy):
        from townclerk.formats.backups.manifest import manifest_path

        info.path.unlink(missing_ok=True)
        manifest_path(info.path).unlink(missing_ok=True)
        log.info("rotated out backup %s", info.path)


# --- a damaged database -----------------------------------------------------------------------
def corrupt_database_message(data_dir: Path, problem: str) -> str:
    """One line: what is wrong, the newest good backup and the command that restores it."""
    newest = newest_good_backup([backups_dir(data_dir)])
    if newest is None:
        return t("{problem}；数据目录中没有可用的备份，请联系技术支持", problem=problem)
    return t(
        "{problem}；最新的完好备份是 {path}（{at}），"
        "恢复命令：townclerk restore {path} --user <管理员用户名>",
        problem=problem,
        path=newest.path,
        at=newest.created_at.strftime("%Y-%m-%d %H:%M"),
    )
