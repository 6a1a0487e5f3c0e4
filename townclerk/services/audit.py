"""Writing to the audit log, always inside the caller's transaction."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy.orm import Session

from townclerk.db.models import AuditEntry
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
    session.add(
        AuditEntry(at=at, username=actor.username, action=action, target=target, detail=detail)
    )
