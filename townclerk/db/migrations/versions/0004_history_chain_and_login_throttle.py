"""history chain and login throttle

Case events and the audit log become append-only (triggers refuse UPDATE and DELETE) and
hash-chained (townclerk.db.history): existing rows are chained in one pass, events in key order
(case, then sequence), audit entries by id. Failed logins move from a lockout on the user to a
throttle per typed name. A database made by ``init --demo`` before this revision (recognised by
the sample catalog it imported, labelled 示例目录（演示数据）) is marked as a demo database.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-03 06:30:00
"""

from typing import Any

import sqlalchemy as sa
from alembic import op

from townclerk.db.base import EpochSeconds
from townclerk.db.history import AUDIT, EVENTS, GENESIS, link

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

Timestamp = sa.DateTime().with_variant(EpochSeconds(), "sqlite")
PAGE = 20_000
DEMO_CATALOG_LABEL = "示例目录（演示数据）"
DEMO_SETTING = "demo_database"

events = sa.table(
    EVENTS,
    sa.column("case_id", sa.Integer),
    sa.column("seq", sa.Integer),
    sa.column("at", Timestamp),
    sa.column("user_id", sa.Integer),
    sa.column("action", sa.String),
    sa.column("from_status", sa.String),
    sa.column("to_status", sa.String),
    sa.column("note", sa.Text),
    sa.column("chain_pos", sa.Integer),
    sa.column("prev_hash", sa.LargeBinary),
    sa.column("row_hash", sa.LargeBinary),
)
audit = sa.table(
    AUDIT,
    sa.column("id", sa.Integer),
    sa.column("at", Timestamp),
    sa.column("username", sa.String),
    sa.column("action", sa.String),
    sa.column("target", sa.String),
    sa.column("detail", sa.JSON),
    sa.column("chain_pos", sa.Integer),
    sa.column("prev_hash", sa.LargeBinary),
    sa.column("row_hash", sa.LargeBinary),
)
heads = sa.table(
    "history_chain_heads",
    sa.column("table_name", sa.String),
    sa.column("position", sa.Integer),
    sa.column("row_hash", sa.LargeBinary),
)


def _add_chain_columns(table: str, sqlite: bool) -> None:
    # SQLite adds a NOT NULL column only with a default; PostgreSQL drops it once filled.
    op.add_column(table, sa.Column("chain_pos", sa.Integer(), nullable=False, server_default="0"))
    for name in ("prev_hash", "row_hash"):
        op.add_column(
            table,
            sa.Column(
                name,
                sa.LargeBinary(length=32),
                nullable=False,
                server_default=sa.text("x''") if sqlite else sa.text("'\\x'::bytea"),
            ),
        )


def _chain(
    connection: sa.Connection,
    name: str,
    table: Any,
    key: list[str],
) -> tuple[int, bytes]:
    """Hash the existing rows of ``table`` in key order, a page at a time."""
    position, prev_hash = 0, GENESIS
    columns = [column for column in table.c if column.name not in ("prev_hash", "row_hash")]
    last: tuple[Any, ...] | None = None
    while True:
        query = sa.select(*columns).order_by(*(table.c[k] for k in key)).limit(PAGE)
        if last is not None:
            query = query.where(sa.tuple_(*(table.c[k] for k in key)) > sa.tuple_(*last))
        rows = connection.execute(query).mappings().all()
        if not rows:
            return position, prev_hash
        updates = []
        for row in rows:
            position += 1
            values = {**row, "chain_pos": position}
            row_hash = link(prev_hash, name, values)
            updates.append(
                {
                    **{f"k_{k}": row[k] for k in key},
                    "chain_pos": position,
                    "prev_hash": prev_hash,
                    "row_hash": row_hash,
                }
            )
            prev_hash = row_hash
        condition = sa.and_(*(table.c[k] == sa.bindparam(f"k_{k}") for k in key))
        connection.execute(
            table.update()
            .where(condition)
            .values(
                chain_pos=sa.bindparam("chain_pos"),
                prev_hash=sa.bindparam("prev_hash"),
                row_hash=sa.bindparam("row_hash"),
            ),
            updates,
        )
        last = tuple(rows[-1][k] for k in key)


def _append_only_triggers(sqlite: bool) -> None:
    if sqlite:
        for table in (EVENTS, AUDIT):
            for verb in ("UPDATE", "DELETE"):
                op.execute(
                    f"CREATE TRIGGER {table}_no_{verb.lower()} BEFORE {verb} ON {table} "
                    f"BEGIN SELECT RAISE(ABORT, '{table} is append-only: {verb} refused'); END"
                )
        return
    op.execute(
        """
        CREATE FUNCTION townclerk_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP
                USING ERRCODE = 'restrict_violation';
        END
        $$
        """
    )
    for table in (EVENTS, AUDIT):
        op.execute(
            f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION townclerk_append_only()"
        )
        op.execute(
            f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
            "FOR EACH STATEMENT EXECUTE FUNCTION townclerk_append_only()"
        )


def upgrade() -> None:
    connection = op.get_bind()
    sqlite = connection.dialect.name == "sqlite"
    op.create_table(
        "history_chain_heads",
        sa.Column("table_name", sa.String(length=32), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("row_hash", sa.LargeBinary(length=32), nullable=False),
        sa.PrimaryKeyConstraint("table_name", name=op.f("pk_history_chain_heads")),
    )
    op.create_table(
        "login_throttle",
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", Timestamp, nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_login_throttle")),
    )
    for name, table, key in ((EVENTS, events, ["case_id", "seq"]), (AUDIT, audit, ["id"])):
        _add_chain_columns(name, sqlite)
        position, head = _chain(connection, name, table, key)
        op.create_index(f"ix_{name}_chain_pos", name, ["chain_pos"], unique=True)
        if not sqlite:
            for column in ("chain_pos", "prev_hash", "row_hash"):
                op.alter_column(name, column, server_default=None)
        connection.execute(heads.insert().values(table_name=name, position=position, row_hash=head))
    _append_only_triggers(sqlite)
    op.execute("ALTER TABLE users DROP COLUMN failed_logins")
    op.execute("ALTER TABLE users DROP COLUMN locked_until")
    demo = connection.scalar(
        sa.text("SELECT 1 FROM catalog_versions WHERE label = :label LIMIT 1"),
        {"label": DEMO_CATALOG_LABEL},
    )
    if demo:
        connection.execute(
            sa.text("INSERT INTO settings (key, value) VALUES (:key, '1')"), {"key": DEMO_SETTING}
        )


def downgrade() -> None:
    connection = op.get_bind()
    sqlite = connection.dialect.name == "sqlite"
    op.execute(f"DELETE FROM settings WHERE key = '{DEMO_SETTING}'")
    op.add_column("users", sa.Column("failed_logins", sa.Integer(), nullable=False, server_default="0"))
    op.add_column("users", sa.Column("locked_until", Timestamp, nullable=True))
    for table in (EVENTS, AUDIT):
        if sqlite:
            op.execute(f"DROP TRIGGER {table}_no_update")
            op.execute(f"DROP TRIGGER {table}_no_delete")
        else:
            op.execute(f"DROP TRIGGER {table}_append_only ON {table}")
            op.execute(f"DROP TRIGGER {table}_no_truncate ON {table}")
        op.drop_index(f"ix_{table}_chain_pos", table_name=table)
        for column in ("row_hash", "prev_hash", "chain_pos"):
            op.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
    if not sqlite:
        op.execute("DROP FUNCTION townclerk_append_only()")
    op.drop_table("login_throttle")
    op.drop_table("history_chain_heads")
