"""A supervisor's approval of a step a clerk may not take alone (办结 with a 容缺 material still
outstanding): the actor is a supervisor (or admin), or a supervisor types their own username and
password at the clerk's window.

The password is checked like a login: argon2 outside any write transaction, and a wrong password
counts against that name in ``login_throttle`` (the same delay as a failed login, so the dialog
is no side door for guessing a supervisor's password). The caller records the approval in the
case's history and the audit log, in its own write transaction.
"""

from __future__ import annotations

from sqlalchemy import select

from townclerk.db.database import Database
from townclerk.db.models import User
from townclerk.enums import Role
from townclerk.errors import AuthenticationFailed, PermissionDenied, UserError
from townclerk.i18n import t
from townclerk.records.approval import SupervisorCredentials
from townclerk.services import login_throttle as throttle
from townclerk.services.access import Actor
from townclerk.services.users import actor_of, password_matches

APPROVING_ROLES = frozenset({Role.SUPERVISOR, Role.ADMIN})


def approving_supervisor(
    db: Database, actor: Actor, credentials: SupervisorCredentials | None
) -> Actor:
    """Who approves: ``actor`` when a supervisor or admin, else the supervisor whose username
    and password were typed. A missing, wrong or throttled password raises and writes nothing
    but the failure's count."""
    if actor.role in APPROVING_ROLES:
        return actor
    name = credentials.username.strip() if credentials is not None else ""
    if credentials is None or not name:
        raise UserError(t("须经中心负责人批准：请中心负责人输入其用户名和密码"))
    if not credentials.password:
        raise UserError(t("请输入中心负责人的密码"))
    now = db.now()
    with db.reads() as session:
        row = throttle.record(session, name)
        wait = throttle.seconds_to_wait(row, now)
        had_failures = row is not None
        user = session.scalar(select(User).where(User.username == name))
    if wait:
        raise AuthenticationFailed(t("密码错误次数过多，请{seconds}秒后再试", seconds=wait))
    if not password_matches(user.password_hash if user is not None else None, credentials.password):
        with db.sessions.begin() as session:
            wait = throttle.record_failure(session, name, db.now())
        if wait:
            raise AuthenticationFailed(
                t("批准人用户名或密码错误；{seconds}秒后才能再试", seconds=wait)
            )
        raise AuthenticationFailed(t("批准人用户名或密码错误"))
    assert user is not None
    if had_failures:
        with db.sessions.begin() as session:
            throttle.clear(session, name)
    if not user.active:
        raise PermissionDenied(t("用户 {username} 已被停用，不能批准", username=name))
    if user.role not in APPROVING_ROLES:
        raise PermissionDenied(
            t("{username} 不是中心负责人，不能批准；请中心负责人输入其用户名和密码", username=name)
        )
    return actor_of(user)
