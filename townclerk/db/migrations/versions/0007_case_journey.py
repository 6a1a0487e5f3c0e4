"""the case travels: back-office desks, where a case is (holder) and its hand-overs, 初审转报,
village service points with their agents, pre-registrations and trips, exchange keys; the
intake key that makes a retried registration find its first try

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-03 11:40:00
"""

import sqlalchemy as sa
from alembic import op

from townclerk.db.base import EpochSeconds

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

Timestamp = sa.DateTime().with_variant(EpochSeconds(), "sqlite")


def _enum(name: str, *values: str) -> sa.Enum:
    return sa.Enum(*values, name=name, native_enum=False, length=32)


ROUTING = _enum("routing", "window", "back_office", "county")
HOLDER = _enum("holder", "window", "desk", "county", "village")
PRE_STATUS = _enum(
    "preregistrationstatus", "pending", "sent", "accepted", "notified", "not_received", "cancelled"
)
DIRECTION = _enum("transferdirection", "to_township", "to_village")
APPLICANT_KIND = _enum("applicantkind", "person", "organisation")
ID_TYPE = _enum("idtype", "resident_id", "uscc", "other")
DECISION = _enum("decision", "granted", "denied")
AT_DESK = sa.text("holder = 'desk'")
AT_COUNTY = sa.text("holder = 'county'")
COMPLETED = sa.text("status = 'completed'")
APPEND_ONLY = "case_handovers"

# Plain ADD COLUMN on cases (SQLite supports it): a batch copy would rewrite a million rows.
CASE_COLUMNS = (
    ("review_due_date", sa.Date()),
    ("review_opinion", sa.Text()),
    ("county_body", sa.String(length=128)),
    ("sent_to_county_on", sa.Date()),
    ("county_decided_on", sa.Date()),
    ("result_number", sa.String(length=128)),
    ("result_valid_until", sa.Date()),
    ("delivered_to", sa.String(length=128)),
    ("holder_since", Timestamp),
)


def upgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    op.create_table(
        "desks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_desks")),
        sa.UniqueConstraint("name", name=op.f("uq_desks_name")),
    )
    op.create_table(
        "desk_departments",
        sa.Column("department", sa.String(length=128), nullable=False),
        sa.Column("desk_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["desk_id"], ["desks.id"], name=op.f("fk_desk_departments_desk_id_desks")
        ),
        sa.PrimaryKeyConstraint("department", name=op.f("pk_desk_departments")),
    )
    op.create_index(op.f("ix_desk_departments_desk_id"), "desk_departments", ["desk_id"])
    op.create_table(
        "desk_members",
        sa.Column("desk_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["desk_id"], ["desks.id"], name=op.f("fk_desk_members_desk_id_desks")
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_desk_members_user_id_users")
        ),
        sa.PrimaryKeyConstraint("desk_id", "user_id", name=op.f("pk_desk_members")),
    )
    op.create_table(
        "village_points",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("village_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=128), nullable=False),
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("address", sa.String(length=255), nullable=False),
        sa.Column("phone", sa.String(length=32), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["village_id"], ["villages.id"], name=op.f("fk_village_points_village_id_villages")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_village_points")),
        sa.UniqueConstraint("code", name=op.f("uq_village_points_code")),
        sa.UniqueConstraint("village_id", name=op.f("uq_village_points_village_id")),
    )
    op.create_table(
        "village_agents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("point_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("phone", sa.String(length=32), nullable=False),
        sa.Column("id_number", sa.String(length=64), nullable=False),
        sa.Column("trained_on", sa.Date(), nullable=True),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["point_id"], ["village_points.id"], name=op.f("fk_village_agents_point_id_village_points")
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_village_agents_user_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_village_agents")),
        sa.UniqueConstraint("user_id", name=op.f("uq_village_agents_user_id")),
    )
    op.create_index(op.f("ix_village_agents_point_id"), "village_agents", ["point_id"])
    op.add_column("service_items", sa.Column("routing", ROUTING, nullable=True))
    op.add_column("service_items", sa.Column("review_days", sa.Integer(), nullable=True))
    op.add_column(
        "cases", sa.Column("routing", ROUTING, nullable=False, server_default="window")
    )
    op.add_column("cases", sa.Column("holder", HOLDER, nullable=False, server_default="window"))
    for name, type_ in CASE_COLUMNS:
        op.add_column("cases", sa.Column(name, type_, nullable=True))
    if sqlite:
        # SQLite adds a foreign key only inline with its column.
        op.execute("ALTER TABLE cases ADD COLUMN desk_id INTEGER REFERENCES desks (id)")
        op.execute(
            "ALTER TABLE cases ADD COLUMN village_point_id INTEGER REFERENCES village_points (id)"
        )
    else:
        op.add_column("cases", sa.Column("desk_id", sa.Integer(), nullable=True))
        op.add_column("cases", sa.Column("village_point_id", sa.Integer(), nullable=True))
        op.create_foreign_key(
            op.f("fk_cases_desk_id_desks"), "cases", "desks", ["desk_id"], ["id"]
        )
        op.create_foreign_key(
            op.f("fk_cases_village_point_id_village_points"),
            "cases",
            "village_points",
            ["village_point_id"],
            ["id"],
        )
    op.add_column("cases", sa.Column("intake_key", sa.String(length=64), nullable=True))
    op.create_index("uq_cases_intake_key", "cases", ["intake_key"], unique=True)
    op.create_index(
        "ix_cases_desk_queue",
        "cases",
        ["desk_id", "holder_since"],
        sqlite_where=AT_DESK,
        postgresql_where=AT_DESK,
    )
    op.create_index(
        "ix_cases_at_county",
        "cases",
        ["holder_since"],
        sqlite_where=AT_COUNTY,
        postgresql_where=AT_COUNTY,
    )
    op.create_index(
        "ix_cases_to_deliver",
        "cases",
        ["holder", "completed_at"],
        sqlite_where=COMPLETED,
        postgresql_where=COMPLETED,
    )
    op.create_table(
        "transfer_lists",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=48), nullable=False),
        sa.Column("direction", DIRECTION, nullable=False),
        sa.Column("point_id", sa.Integer(), nullable=False),
        sa.Column("carrier", sa.String(length=64), nullable=False),
        sa.Column("created_at", Timestamp, nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.Column("received_at", Timestamp, nullable=True),
        sa.Column("received_by", sa.String(length=64), nullable=True),
        sa.ForeignKeyConstraint(
            ["point_id"], ["village_points.id"], name=op.f("fk_transfer_lists_point_id_village_points")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_transfer_lists")),
        sa.UniqueConstraint("number", name=op.f("uq_transfer_lists_number")),
    )
    op.create_index(op.f("ix_transfer_lists_point_id"), "transfer_lists", ["point_id"])
    op.create_table(
        "case_handovers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("at", Timestamp, nullable=False),
        sa.Column("from_holder", HOLDER, nullable=False),
        sa.Column("from_desk_id", sa.Integer(), nullable=True),
        sa.Column("to_holder", HOLDER, nullable=False),
        sa.Column("to_desk_id", sa.Integer(), nullable=True),
        sa.Column("given_by", sa.Integer(), nullable=False),
        sa.Column("taken_by", sa.String(length=128), nullable=False),
        sa.Column("papers", sa.Text(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("transfer_list_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.id"], name=op.f("fk_case_handovers_case_id_cases")
        ),
        sa.ForeignKeyConstraint(
            ["from_desk_id"], ["desks.id"], name=op.f("fk_case_handovers_from_desk_id_desks")
        ),
        sa.ForeignKeyConstraint(
            ["to_desk_id"], ["desks.id"], name=op.f("fk_case_handovers_to_desk_id_desks")
        ),
        sa.ForeignKeyConstraint(
            ["given_by"], ["users.id"], name=op.f("fk_case_handovers_given_by_users")
        ),
        sa.ForeignKeyConstraint(
            ["transfer_list_id"],
            ["transfer_lists.id"],
            name=op.f("fk_case_handovers_transfer_list_id_transfer_lists"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_handovers")),
    )
    op.create_index(op.f("ix_case_handovers_case_id"), "case_handovers", ["case_id"])
    op.create_index(op.f("ix_case_handovers_at"), "case_handovers", ["at"])
    op.create_table(
        "pre_registrations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("reference", sa.String(length=48), nullable=False),
        sa.Column("point_id", sa.Integer(), nullable=False),
        sa.Column("agent_name", sa.String(length=64), nullable=False),
        sa.Column("status", PRE_STATUS, nullable=False),
        sa.Column("item_code", sa.String(length=64), nullable=False),
        sa.Column("item_name", sa.String(length=255), nullable=False),
        sa.Column("applicant_kind", APPLICANT_KIND, nullable=False),
        sa.Column("applicant_id_type", ID_TYPE, nullable=False),
        sa.Column("applicant_id_number", sa.String(length=64), nullable=False),
        sa.Column("applicant_name", sa.String(length=128), nullable=False),
        sa.Column("applicant_phone", sa.String(length=32), nullable=False),
        sa.Column("applicant_address", sa.String(length=255), nullable=False),
        sa.Column("materials", sa.JSON(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("registered_at", Timestamp, nullable=False),
        sa.Column("registered_by", sa.String(length=64), nullable=False),
        sa.Column("updated_at", Timestamp, nullable=False),
        sa.Column("answered_at", Timestamp, nullable=True),
        sa.Column("answer", sa.Text(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=True),
        sa.Column("case_number", sa.String(length=32), nullable=True),
        sa.Column("due_date", sa.Date(), nullable=True),
        sa.Column("decision", DECISION, nullable=True),
        sa.Column("result_text", sa.Text(), nullable=True),
        sa.Column("result_at_point_at", Timestamp, nullable=True),
        sa.Column("picked_up_at", Timestamp, nullable=True),
        sa.Column("picked_up_by", sa.String(length=128), nullable=True),
        sa.ForeignKeyConstraint(
            ["point_id"],
            ["village_points.id"],
            name=op.f("fk_pre_registrations_point_id_village_points"),
        ),
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.id"], name=op.f("fk_pre_registrations_case_id_cases")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pre_registrations")),
        sa.UniqueConstraint("reference", name=op.f("uq_pre_registrations_reference")),
        sa.UniqueConstraint("case_id", name=op.f("uq_pre_registrations_case_id")),
    )
    op.create_index(op.f("ix_pre_registrations_point_id"), "pre_registrations", ["point_id"])
    op.create_index(op.f("ix_pre_registrations_status"), "pre_registrations", ["status"])
    op.create_index(op.f("ix_pre_registrations_updated_at"), "pre_registrations", ["updated_at"])
    op.create_table(
        "pre_registration_counters",
        sa.Column("point_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("last", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["point_id"],
            ["village_points.id"],
            name=op.f("fk_pre_registration_counters_point_id_village_points"),
        ),
        sa.PrimaryKeyConstraint("point_id", "day", name=op.f("pk_pre_registration_counters")),
    )
    op.create_table(
        "transfer_list_entries",
        sa.Column("list_id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("pre_registration_id", sa.Integer(), nullable=True),
        sa.Column("case_id", sa.Integer(), nullable=True),
        sa.Column("papers", sa.Text(), nullable=False),
        sa.Column("outcome", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(
            ["list_id"],
            ["transfer_lists.id"],
            name=op.f("fk_transfer_list_entries_list_id_transfer_lists"),
        ),
        sa.ForeignKeyConstraint(
            ["pre_registration_id"],
            ["pre_registrations.id"],
            name=op.f("fk_transfer_list_entries_pre_registration_id_pre_registrations"),
        ),
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.id"], name=op.f("fk_transfer_list_entries_case_id_cases")
        ),
        sa.PrimaryKeyConstraint("list_id", "seq", name=op.f("pk_transfer_list_entries")),
    )
    op.create_index(
        op.f("ix_transfer_list_entries_pre_registration_id"),
        "transfer_list_entries",
        ["pre_registration_id"],
    )
    op.create_index(
        op.f("ix_transfer_list_entries_case_id"), "transfer_list_entries", ["case_id"]
    )
    op.create_table(
        "exchange_identity",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("private_key", sa.LargeBinary(length=32), nullable=False),
        sa.Column("public_key", sa.LargeBinary(length=32), nullable=False),
        sa.Column("created_at", Timestamp, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_exchange_identity")),
    )
    op.create_table(
        "exchange_peers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=128), nullable=False),
        sa.Column("center_code", sa.String(length=32), nullable=False),
        sa.Column("point_code", sa.String(length=32), nullable=False),
        sa.Column("public_key", sa.LargeBinary(length=32), nullable=False),
        sa.Column("added_at", Timestamp, nullable=False),
        sa.Column("added_by", sa.String(length=64), nullable=False),
        sa.Column("last_seq_in", sa.Integer(), nullable=False),
        sa.Column("last_sha256_in", sa.String(length=64), nullable=False),
        sa.Column("last_seq_out", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_exchange_peers")),
        sa.UniqueConstraint("public_key", name=op.f("uq_exchange_peers_public_key")),
    )
    _append_only(sqlite)


def _append_only(sqlite: bool) -> None:
    """Hand-overs are history: refused UPDATE and DELETE, like the case events (0004, whose
    PostgreSQL function this reuses)."""
    if sqlite:
        for verb in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER {APPEND_ONLY}_no_{verb.lower()} BEFORE {verb} ON {APPEND_ONLY} "
                f"BEGIN SELECT RAISE(ABORT, '{APPEND_ONLY} is append-only: {verb} refused'); END"
            )
        return
    op.execute(
        f"CREATE TRIGGER {APPEND_ONLY}_append_only BEFORE UPDATE OR DELETE ON {APPEND_ONLY} "
        "FOR EACH ROW EXECUTE FUNCTION townclerk_append_only()"
    )
    op.execute(
        f"CREATE TRIGGER {APPEND_ONLY}_no_truncate BEFORE TRUNCATE ON {APPEND_ONLY} "
        "FOR EACH STATEMENT EXECUTE FUNCTION townclerk_append_only()"
    )


def downgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    if sqlite:
        op.execute(f"DROP TRIGGER {APPEND_ONLY}_no_update")
        op.execute(f"DROP TRIGGER {APPEND_ONLY}_no_delete")
    else:
        op.execute(f"DROP TRIGGER {APPEND_ONLY}_append_only ON {APPEND_ONLY}")
        op.execute(f"DROP TRIGGER {APPEND_ONLY}_no_truncate ON {APPEND_ONLY}")
    op.drop_table("exchange_peers")
    op.drop_table("exchange_identity")
    op.drop_table("transfer_list_entries")
    op.drop_table("pre_registration_counters")
    op.drop_table("pre_registrations")
    op.drop_table("case_handovers")
    op.drop_table("transfer_lists")
    op.drop_index("ix_cases_to_deliver", table_name="cases")
    op.drop_index("ix_cases_at_county", table_name="cases")
    op.drop_index("ix_cases_desk_queue", table_name="cases")
    op.drop_index("uq_cases_intake_key", table_name="cases")
    if not sqlite:
        op.drop_constraint(op.f("fk_cases_village_point_id_village_points"), "cases", type_="foreignkey")
        op.drop_constraint(op.f("fk_cases_desk_id_desks"), "cases", type_="foreignkey")
    for name in ("intake_key", "village_point_id", "desk_id", "holder", "routing"):
        op.execute(f"ALTER TABLE cases DROP COLUMN {name}")
    for name, _ in reversed(CASE_COLUMNS):
        op.drop_column("cases", name)
    op.drop_column("service_items", "review_days")
    op.drop_column("service_items", "routing")
    op.drop_table("village_agents")
    op.drop_table("village_points")
    op.drop_table("desk_members")
    op.drop_table("desk_departments")
    op.drop_table("desks")
