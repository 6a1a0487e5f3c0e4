"""Schema upgrades at start-up: back up the SQLite file, refuse a newer database, migrate."""

from __future__ import annotations

import datetime as dt
import logging
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util.exc import CommandError
from sqlalchemy import Connection, Engine, create_engine, inspect

from townclerk.errors import DatabaseVersionError
from townclerk.i18n import t

log = logging.getLogger("townclerk.db")
MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def _config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(_config()).get_current_head()
    assert head is not None
    return head


@dataclass(frozen=True)
class SchemaState:
    current: str | None
    head: str
    has_tables: bool

    @property
    def up_to_date(self) -> bool:
        return self.current == self.head


def schema_state(engine: Engine) -> SchemaState:
    with engine.connect() as connection:
        current = MigrationContext.configure(connection).get_current_revision()
        has_tables = bool(inspect(connection).get_table_names())
    return SchemaState(current=current, head=head_revision(), has_tables=has_tables)


def _check_known(state: SchemaState) -> None:
    if state.current is None:
        if state.has_tables:
            raise DatabaseVersionError(
                t("该数据库不是 townclerk 数据库（含有未知的数据表），未做任何修改")
            )
        return
    try:
        ScriptDirectory.from_config(_config()).get_revision(state.current)
    except CommandError:
        raise DatabaseVersionError(
            t(
                "该数据库由更新版本的 townclerk 创建（结构版本 {version}），"
                "请升级软件后再打开；数据库未做任何修改",
                version=state.current,
            )
        ) from None


def backup_sqlite_file(db_file: Path, version: str | None) -> Path:
    """Copy the database beside itself (consistent even in WAL mode) before a migration."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    target = db_file.with_name(f"{db_file.name}.{version or 'empty'}-{stamp}.bak")
    source = sqlite3.connect(db_file)
    try:
        destination = sqlite3.connect(target)
        try:
            source.backup(destination)
        finally:
            destination.close()
    finally:
        source.close()
    log.info("backed up %s to %s before migrating", db_file, target)
    return target


def check_sqlite_file(db_file: Path) -> None:
    """Refuse a newer or foreign SQLite file before anything opens it for writing.

    Opening with townclerk's pragmas would already change the file (WAL mode is recorded in its
    header); a database we refuse must stay byte for byte as it was.
    """
    if not db_file.exists() or db_file.stat().st_size == 0:
        return
    engine = create_engine(f"sqlite:///file:{db_file.as_posix()}?mode=ro&uri=true")
    try:
        _check_known(schema_state(engine))
    finally:
        engine.dispose()


def upgrade_database(engine: Engine) -> Path | None:
    """Bring the schema to the head revision; return the backup made, if any."""
    state = schema_state(engine)
    _check_known(state)
    if state.up_to_date:
        return None
    backup = None
    db_file = engine.url.database
    if engine.dialect.name == "sqlite" and db_file and state.has_tables:
        backup = backup_sqlite_file(Path(db_file), state.current)
    with engine.begin() as connection:
        migrate_on(connection)
    log.info("database migrated from %s to %s", state.current, state.head)
    return backup


def migrate_on(connection: Connection) -> None:
    """Bring the schema on ``connection`` to the head revision inside the caller's transaction
    (on PostgreSQL the new tables appear only when it commits); then the server's application
    role, if any, loses UPDATE and DELETE on the append-only history again."""
    config = _config()
    config.attributes["connection"] = connection
    command.upgrade(config, "head")
    if connection.dialect.name == "postgresql":
        from townclerk.db.server_roles import protect_append_only

        protect_append_only(connection)


def is_known_revision(revision: str) -> bool:
    """A revision this townclerk's migrations know (the head or an older one)."""
    try:
        return ScriptDirectory.from_config(_config()).get_revision(revision) is not None
    except CommandError:
        return False
