"""Failed logins delay the next attempt with the same name: 0, 1, 2, 4… seconds, at most a
minute. Kept per typed name (unknown names too) in ``login_throttle``, so every window and CLI
process shares it; a good password or an admin's ``unlock`` removes it. Nobody can lock someone
else out for longer than :data:`MAX_DELAY` after their last failure.
"""

from __future__ import annotations

import datetime as dt
import logging
import math

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from townclerk.db.models import LoginThrottle
from townclerk.db.upsert import upsert_insert
from townclerk.errors import AuthenticationFailed
from townclerk.i18n import t

log = logging.getLogger("townclerk.users")
MAX_DELAY = 60  # seconds
NAME_LENGTH = 64  # longer names are throttled by their first 64 characters


def _key(name: str) -> str:
    return name[:NAME_LENGTH]


def delay_after(failures: int) -> int:
    """Seconds to wait after ``failures`` failed logins in a row."""
    if failures <= 1:
        return 0
    return min(MAX_DELAY, 1 << (failures - 2))


def check(session: Session, name: str, now: dt.datetime) -> bool:
    """Refuse an attempt that comes too early; return whether the name has failures on record."""
    row = session.get(LoginThrottle, _key(name))
    if row is None:
        return False
    seconds = seconds_to_wait(row, now)
    if seconds:
        raise AuthenticationFailed(t("登录失败次数过多，请{seconds}秒后再试", seconds=seconds))
    return True


def seconds_to_wait(row: LoginThrottle | None, now: dt.datetime) -> int:
    """Whole seconds before the name's next attempt (0: it may try now)."""
    if row is None or row.next_attempt_at <= now:
        return 0
    return max(1, math.ceil((row.next_attempt_at - now).total_seconds()))


def record(session: Session, name: str) -> LoginThrottle | None:
    """The name's failures on record, if any."""
    return session.get(LoginThrottle, _key(name))


def record_failure(session: Session, name: str, now: dt.datetime) -> int:
    """Count a failed login (in the caller's short transaction); return the delay it sets."""
    key = _key(name)
    statement = (
        upsert_insert(session, LoginThrottle)
        .values(name=key, failures=1, next_attempt_at=now)
        .on_conflict_do_update(
            index_elements=[LoginThrottle.name], set_={"failures": LoginThrottle.failures + 1}
        )
        .returning(LoginThrottle.failures)
    )
    failures = int(session.execute(statement).scalar_one())
    wait = delay_after(failures)
    session.execute(
        update(LoginThrottle)
        .where(LoginThrottle.name == key)
        .values(next_attempt_at=now + dt.timedelta(seconds=wait))
    )
    log.info("failed login: %d in a row for this name, next attempt in %d s", failures, wait)
    return wait


def clear(session: Session, name: str) -> bool:
    """Forget the name's failures; return whether there were any."""
    result = session.execute(delete(LoginThrottle).where(LoginThrottle.name == _key(name)))
    return bool(getattr(result, "rowcount", 0))


def waiting(session: Session, now: dt.datetime) -> dict[str, dt.datetime]:
    """Names that must wait before their next attempt, and until when."""
    rows = session.execute(
        select(LoginThrottle.name, LoginThrottle.next_attempt_at).where(
            LoginThrottle.next_attempt_at > now
        )
    )
    return {name: until for name, until in rows}
