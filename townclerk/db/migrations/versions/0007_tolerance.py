"""容缺逾期: a partial index of the tolerated materials by promised date

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-03 08:50:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

TOLERATED = sa.text("state = 'tolerated'")


def upgrade() -> None:
    op.create_index(
        "ix_case_materials_tolerated",
        "case_materials",
        ["promised_date"],
        sqlite_where=TOLERATED,
        postgresql_where=TOLERATED,
    )


def downgrade() -> None:
    op.drop_index("ix_case_materials_tolerated", table_name="case_materials")
