"""A supervisor's approval of a step a clerk may not take alone (延期, 办结 with a 容缺 material
still outstanding): the actor is a supervisor (or admin), or a supervisor types their own
username and password at the clerk's window.

The password is checked like a login: argon2 outside any write transaction, and a wrong password
counts against that name in ``login_throttle`` (the same delay as a failed login, so the dialog
is no side door for guessing a supervisor's password). Every refused approval a name was typed
for is written to the audit log here, in the same short transaction as the failure's count; the
caller records a granted approval with the step, in its own write transaction.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from townclerk.db.database import Database
from townclerk.db.models import User
from townclerk.enums import Role
from townclerk.errors import AuthenticationFailed, PermissionDenied, UserError
from townclerk.i18n import t
from townclerk.records.approval import SupervisorCredentials
from townclerk.services import login_throttle as throttle
from townclerk.services.access import Actor
from townclerk.services.audit import record_audit
from townclerk.services.users import actor_of, password_matches

APPROVING_ROLES = frozenset({Role.SUPERVISOR, Role.ADMIN})
APPROVAL_REFUSED_ACTION = "approval.refused"


def approving_supervisor(
    db: Database,
    actor: Actor,
    credentials: SupervisorCredentials | None,
    *,
    step: str,
    target: str,
) -> Actor:
    """Who approves ``step`` (the audit action of what is approved) on ``target``: ``actor``
    when a supervisor or admin, else the supervisor whose username and password were typed.

    Missing fields raise and write nothing. A throttled name, a wrong password, a disabled user
    or one who is no supervisor raise and write the refusal to the audit log (and a wrong
    password's count to the throttle)."""
    if actor.role in APPROVING_ROLES:
        return actor
    name = credentials.username.strip() if credentials is not None else ""
    if credentials is None or not name:
        raise UserError(t("须经中心负责人批准：请中心负责人输入其用户名和密码"))
    if not credentials.password:
        raise UserError(t("请输入中心负责人的密码"))

    def refused(session: Session, why: str) -> None:
        record_audit(
            session,
            actor,
            APPROVAL_REFUSED_ACTION,
            db.now(),
            target=target,
            step=step,
            approver=name,
            refused=why,
        )

    now = db.now()
    with db.reads() as session:
        row = throttle.record(session, name)
        wait = throttle.seconds_to_wait(row, now)
        had_failures = row is not None
        user = session.scalar(select(User).where(User.username == name))
    if wait:
        with db.sessions.begin() as session:
            refused(session, "throttled")
        raise AuthenticationFailed(t("密码错误次数过多，请{seconds}秒后再试", seconds=wait))
    if not password_matches(user.password_hash if user is not None else None, credentials.password):
        with db.sessions.begin() as session:
            wait = throttle.record_failure(session, name, db.now())
            refused(session, "password")
        if wait:
            raise AuthenticationFailed(
                t("批准人用户名或密码错误；{seconds}秒后才能再试", seconds=wait)
            )
        raise AuthenticationFailed(t("批准人用户名或密码错误"))
    assert user is not None
    refusal: tuple[str, str] | None = None
    if not user.active:
        refusal = "inactive", t("用户 {username} 已被停用，不能批准", username=name)
    elif user.role not in APPROVING_ROLES:
        refusal = (
            "role",
            t(
                "{name}（{role}）不能批准：须由中心负责人输入其用户名和密码",
                name=user.display_name,
                role=t(user.role.label),
            ),
        )
    if had_failures or refusal is not None:
        with db.sessions.begin() as session:
            if had_failures:
                throttle.clear(session, name)
            if refusal is not None:
                refused(session, refusal[0])
    if refusal is not None:
        raise PermissionDenied(refusal[1])
    return actor_of(user)
