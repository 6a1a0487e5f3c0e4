"""item aliases (常用名) and their pinyin keys; catalog versions count items given a new code

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-03 06:40:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMN (SQLite supports it): a batch copy of service_items would have to drop
    # a table that item_materials and cases point at.
    op.add_column(
        "catalog_versions", sa.Column("recoded", sa.Integer(), nullable=False, server_default="0")
    )
    for column in ("aliases", "alias_initials", "alias_pinyin"):
        op.add_column(
            "service_items", sa.Column(column, sa.Text(), nullable=False, server_default="")
        )


def downgrade() -> None:
    for column in ("alias_pinyin", "alias_initials", "aliases"):
        op.drop_column("service_items", column)
    op.drop_column("catalog_versions", "recoded")
