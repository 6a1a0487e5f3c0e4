"""延期: the reason given to the applicant and who approved it

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


def upgrade() -> None:
    op.add_column("cases", sa.Column("extension_reason", sa.Text(), nullable=True))
    op.add_column("cases", sa.Column("extension_approved_by", sa.String(length=128), nullable=True))


def downgrade() -> None:
    op.drop_column("cases", "extension_approved_by")
    op.drop_column("cases", "extension_reason")
