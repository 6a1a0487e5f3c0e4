"""legal documents: issuing bodies, the statutory deadline and 延期 (its reason and approver),
the competent body of a refusal, delivery methods, pauses with their deadline and procedure,
resubmission links, an index of tolerated materials (容缺逾期)

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-03 08:20:00
"""

import datetime as dt

import sqlalchemy as sa
from alembic import op

from townclerk.workdays import Pause, WorkCalendar

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

POWER_SOURCE = sa.Enum(
    "statutory",
    "delegated_from_above",
    "authorised_from_above",
    "authorised_by_peer",
    "entrusted_from_above",
    "entrusted_by_peer",
    name="powersource",
    native_enum=False,
    length=32,
)
TOLERATED = sa.text("state = 'tolerated'")
DELIVERY_METHOD = sa.Enum(
    "direct", "mail", "electronic", "agent", name="deliverymethod", native_enum=False, length=32
)


def upgrade() -> None:
    op.create_table(
        "issuing_bodies",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("power_source", POWER_SOURCE, nullable=False),
        sa.Column("department", sa.String(length=128), nullable=False),
        sa.Column("name", sa.String(length=128), nullable=False),
        sa.Column("seal_text", sa.String(length=128), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_issuing_bodies")),
        sa.UniqueConstraint(
            "power_source", "department", name=op.f("uq_issuing_bodies_power_source")
        ),
    )
    # Plain ADD COLUMN throughout (SQLite supports it): a batch copy of cases or service_items
    # would rewrite a million rows and drop tables others point at.
    op.add_column(
        "service_items",
        sa.Column("issuing_body", sa.String(length=128), nullable=False, server_default=""),
    )
    op.add_column("cases", sa.Column("power_source", POWER_SOURCE, nullable=True))
    op.add_column("cases", sa.Column("issuing_body", sa.String(length=128), nullable=True))
    op.add_column("cases", sa.Column("issuing_seal", sa.String(length=128), nullable=True))
    if op.get_bind().dialect.name == "sqlite":
        # SQLite adds a foreign key only inline with its column.
        op.execute("ALTER TABLE cases ADD COLUMN resubmits_case_id INTEGER REFERENCES cases (id)")
    else:
        op.add_column("cases", sa.Column("resubmits_case_id", sa.Integer(), nullable=True))
        op.create_foreign_key(
            op.f("fk_cases_resubmits_case_id_cases"), "cases", "cases", ["resubmits_case_id"], ["id"]
        )
    op.add_column("cases", sa.Column("statutory_due_date", sa.Date(), nullable=True))
    op.add_column(
        "cases", sa.Column("extension_days", sa.Integer(), nullable=False, server_default="0")
    )
    op.add_column("cases", sa.Column("extension_reason", sa.Text(), nullable=True))
    op.add_column("cases", sa.Column("extension_approved_by", sa.String(length=128), nullable=True))
    op.add_column("cases", sa.Column("competent_body", sa.String(length=255), nullable=True))
    op.add_column("cases", sa.Column("delivery_method", DELIVERY_METHOD, nullable=True))
    op.create_index(op.f("ix_cases_resubmits_case_id"), "cases", ["resubmits_case_id"])
    # 容缺逾期: the tolerated materials by promised date (few, so a partial index).
    op.create_index(
        "ix_case_materials_tolerated",
        "case_materials",
        ["promised_date"],
        sqlite_where=TOLERATED,
        postgresql_where=TOLERATED,
    )
    op.add_column("case_pauses", sa.Column("expected_end", sa.Date(), nullable=True))
    op.add_column(
        "case_pauses",
        sa.Column("procedure", sa.String(length=64), nullable=False, server_default=""),
    )
    # The 权力来源 each case was accepted under is its item's (items keep it when retired).
    op.execute(
        "UPDATE cases SET power_source = "
        "(SELECT power_source FROM service_items WHERE service_items.id = cases.item_id)"
    )
    _fill_statutory_due_dates()


OPEN_CASES = "status IN ('accepted', 'correction', 'special')"  # ix_cases_open_due's own terms


def _fill_statutory_due_dates() -> None:
    """The statutory due date of every open case, counted like its promised one: working days
    after acceptance, closed pauses skipped, a running pause left for its end to count.

    Only open cases need the date (a few thousand, found through their partial index); a closed
    case's statutory overrun is its days used against its statutory limit.
    """
    bind = op.get_bind()
    overrides = dict(bind.execute(sa.text("SELECT day, is_workday FROM calendar_overrides")).all())
    confirmed = bind.scalar(
        sa.text("SELECT value FROM settings WHERE key = 'calendar_confirmed_years'")
    )
    calendar = WorkCalendar(
        {_day(day): bool(workday) for day, workday in overrides.items()},
        [int(year) for year in (confirmed or "").split(",") if year],
    )
    cases = bind.execute(
        sa.text(f"SELECT id, received_on, statutory_days FROM cases WHERE {OPEN_CASES}")
    ).all()
    if not cases:
        return
    pauses: dict[int, list[Pause]] = {}
    closed_pauses = sa.text(
        "SELECT case_id, started_on, ended_on FROM case_pauses "
        f"WHERE ended_on IS NOT NULL AND case_id IN (SELECT id FROM cases WHERE {OPEN_CASES}) "
        "ORDER BY id"
    )
    for case_id, started_on, ended_on in bind.execute(closed_pauses):
        pauses.setdefault(case_id, []).append(Pause(_day(started_on), _day(ended_on)))
    bind.execute(
        sa.text("UPDATE cases SET statutory_due_date = :due WHERE id = :id").bindparams(
            sa.bindparam("due", type_=sa.Date())
        ),
        [
            {
                "id": case_id,
                "due": calendar.due_date(_day(received_on), days, pauses.get(case_id, ())),
            }
            for case_id, received_on, days in cases
        ],
    )


def _day(value: object) -> dt.date:
    """A date as the driver returns it (SQLite gives ISO text to a plain text() query)."""
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


def downgrade() -> None:
    op.drop_index("ix_case_materials_tolerated", table_name="case_materials")
    op.drop_column("case_pauses", "procedure")
    op.drop_column("case_pauses", "expected_end")
    op.drop_index(op.f("ix_cases_resubmits_case_id"), table_name="cases")
    for column in (
        "delivery_method",
        "competent_body",
        "extension_approved_by",
        "extension_reason",
        "extension_days",
        "statutory_due_date",
        "resubmits_case_id",
        "issuing_seal",
        "issuing_body",
        "power_source",
    ):
        op.drop_column("cases", column)
    op.drop_column("service_items", "issuing_body")
    op.drop_table("issuing_bodies")
