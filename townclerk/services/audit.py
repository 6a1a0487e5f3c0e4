"""Writing to the audit log, always inside the caller's transaction (hash-chained, see
townclerk.db.history)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy.orm import Session

from townclerk.db import history
from townclerk.services.access import Actor


def record_audit(
    session: Session,
    actor: Actor,
    action: str,
    at: dt.datetime,
    *,
    target: str = "",
    **detail: Any,
) -> None:
    session.flush()  # rows the ORM still holds go first, as the caller wrote them
    history.append(
        session.connection(),
        history.AUDIT,
        [
            {
                "at": at,
                "username": actor.username,
                "action": action,
                "target": target,
                "detail": detail,
            }
        ],
    )
