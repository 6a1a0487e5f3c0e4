"""Alembic environment: runs on the connection townclerk hands over (see townclerk.db.migrate)."""

from alembic import context

from townclerk.db.models import Base

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("townclerk migrations run through townclerk.db.migrate, not the alembic CLI")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
