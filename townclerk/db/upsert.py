"""The dialect's own INSERT, which has ON CONFLICT on both SQLite and PostgreSQL: the way a row
that another window may be writing at the same moment is written once (a counter, a resident)."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session


def upsert_insert(session: Session, model: Any) -> Any:
    """``insert(model)`` of the session's dialect. The PostgreSQL dialect is imported only on
    PostgreSQL, so a SQLite installation never loads it (nor asyncio with it) at start-up."""
    if session.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as postgresql_insert

        return postgresql_insert(model)
    from sqlalchemy.dialects.sqlite import insert as sqlite_insert

    return sqlite_insert(model)
