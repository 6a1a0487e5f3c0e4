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
    with op.batch_alter_table("catalog_versions", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("recoded", sa.Integer(), nullable=False, server_default="0")
        )
    with op.batch_alter_table("service_items", schema=None) as batch_op:
        for column in ("aliases", "alias_initials", "alias_pinyin"):
            batch_op.add_column(sa.Column(column, sa.Text(), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("service_items", schema=None) as batch_op:
        for column in ("alias_pinyin", "alias_initials", "aliases"):
            batch_op.drop_column(column)
    with op.batch_alter_table("catalog_versions", schema=None) as batch_op:
        batch_op.drop_column("recoded")
