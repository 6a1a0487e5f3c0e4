"""Users: creation, passwords, authentication with lockout, disabling, permissions, audit."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from sqlalchemy import func, select

from tests.conftest import PASSWORD, FakeClock
from townclerk.db.database import Database
from townclerk.db.models import AuditEntry, User
from townclerk.enums import Role
from townclerk.errors import AuthenticationFailed, NotFound, PermissionDenied, UserError
from townclerk.services.access import Actor, SessionEnded
from townclerk.services.users import LOCKOUT, MAX_FAILED_LOGINS, UserInfo, UserService

NEW_PASSWORD = "n3wSecret"


def user_count(db: Database) -> int:
    with db.sessions() as session:
        return session.scalar(select(func.count()).select_from(User)) or 0


def audit_rows(db: Database) -> list[dict[str, Any]]:
    """The user-management part of the audit log, oldest first."""
    with db.sessions() as session:
        entries = session.scalars(
            select(AuditEntry).where(AuditEntry.action.startswith("user.")).order_by(AuditEntry.id)
        )
        return [
            {
                "at": entry.at,
                "username": entry.username,
                "action": entry.action,
                "target": entry.target,
                "detail": entry.detail,
            }
            for entry in entries
        ]


def stored_user(db: Database, username: str) -> User:
    with db.sessions() as session:
        user = session.scalar(select(User).where(User.username == username))
        assert user is not None
        return user


def failed_login(users: UserService, username: str, password: str = "wrong-pass1") -> str:
    with pytest.raises(AuthenticationFailed) as failure:
        users.authenticate(username, password)
    return str(failure.value)


# --- Creating users ----------------------------------------------------------------------------


def test_an_admin_creates_a_user(db: Database, admin: Actor) -> None:
    users = UserService(db)

    info = users.create_user(admin, "clerk1", PASSWORD, Role.CLERK, " 王晓燕 ")

    assert info == UserInfo(
        id=info.id,
        username="clerk1",
        display_name="王晓燕",
        role=Role.CLERK,
        active=True,
        locked_until=None,
    )
    assert [user.username for user in users.list_users(admin)] == ["admin", "clerk1"]
    assert (info.id, "王晓燕") in users.list_names()


def test_a_user_without_a_display_name_is_shown_by_username(db: Database, admin: Actor) -> None:
    info = UserService(db).create_user(admin, "chief", PASSWORD, Role.SUPERVISOR, "  ")
    assert info.display_name == "chief"


def test_passwords_are_stored_as_argon2id_hashes(db: Database, admin: Actor) -> None:
    UserService(db).create_user(admin, "clerk1", PASSWORD, Role.CLERK)
    stored = stored_user(db, "clerk1").password_hash
    assert stored.startswith("$argon2id$")
    assert PASSWORD not in stored


def test_a_duplicate_username_is_refused_and_nothing_written(db: Database, admin: Actor) -> None:
    users = UserService(db)
    users.create_user(admin, "clerk1", PASSWORD, Role.CLERK, "王晓燕")
    before, audit_before = user_count(db), audit_rows(db)

    with pytest.raises(UserError, match="用户名 clerk1 已存在"):
        users.create_user(admin, "clerk1", "0ther-pass", Role.ADMIN, "冒名者")

    assert user_count(db) == before
    assert audit_rows(db) == audit_before
    assert stored_user(db, "clerk1").role is Role.CLERK


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("a1b2c3", "密码至少需要8个字符"),
        ("", "密码至少需要8个字符"),
        ("12345678", "密码需同时包含字母和数字"),
        ("password", "密码需同时包含字母和数字"),
        ("密码密码密码密码", "密码需同时包含字母和数字"),
    ],
)
def test_a_weak_password_is_refused_and_nothing_written(
    db: Database, admin: Actor, password: str, message: str
) -> None:
    before, audit_before = user_count(db), audit_rows(db)

    with pytest.raises(UserError, match=message):
        UserService(db).create_user(admin, "clerk1", password, Role.CLERK)

    assert user_count(db) == before
    assert audit_rows(db) == audit_before


@pytest.mark.parametrize("username", ["a", "王晓燕", "clerk one", "clerk@1", "x" * 65, ""])
def test_a_malformed_username_is_refused_and_nothing_written(
    db: Database, admin: Actor, username: str
) -> None:
    before = user_count(db)
    with pytest.raises(UserError, match="用户名须为2至64位字母、数字、下划线、点或连字符"):
        UserService(db).create_user(admin, username, PASSWORD, Role.CLERK)
    assert user_count(db) == before


@pytest.mark.parametrize("role", [Role.CLERK, Role.SUPERVISOR])
def test_only_an_admin_may_create_users_and_nothing_is_written(
    db: Database, admin: Actor, role: Role
) -> None:
    users = UserService(db)
    users.create_user(admin, "someone", PASSWORD, role)
    actor = users.authenticate("someone", PASSWORD)
    before, audit_before = user_count(db), audit_rows(db)

    with pytest.raises(PermissionDenied, match="无权管理用户"):
        users.create_user(actor, "intruder", PASSWORD, Role.ADMIN)

    assert user_count(db) == before
    assert audit_rows(db) == audit_before


def test_a_clerk_may_not_list_reset_or_disable_users(db: Database, clerk: Actor) -> None:
    users = UserService(db)
    hash_before = stored_user(db, "admin").password_hash
    with pytest.raises(PermissionDenied):
        users.list_users(clerk)
    with pytest.raises(PermissionDenied):
        users.reset_password(clerk, "admin", NEW_PASSWORD)
    with pytest.raises(PermissionDenied):
        users.set_active(clerk, "admin", False)
    admin_row = stored_user(db, "admin")
    assert admin_row.active
    assert admin_row.password_hash == hash_before


def test_the_first_admin_can_only_be_created_in_an_empty_database(db: Database) -> None:
    users = UserService(db)
    assert not users.has_users()
    with pytest.raises(UserError, match="密码至少需要8个字符"):
        users.create_first_admin("admin", "short1")
    assert not users.has_users()

    info = users.create_first_admin("admin", PASSWORD, "系统管理员")

    assert info.role is Role.ADMIN
    assert users.has_users()
    with pytest.raises(UserError, match="数据库中已有用户"):
        users.create_first_admin("admin2", PASSWORD)
    assert user_count(db) == 1


# --- Authentication and lockout ----------------------------------------------------------------


def test_authentication_returns_the_acting_user(db: Database, admin: Actor) -> None:
    info = UserService(db).create_user(admin, "clerk1", PASSWORD, Role.CLERK, "王晓燕")

    actor = UserService(db).authenticate(" clerk1 ", PASSWORD)

    assert actor == Actor(id=info.id, username="clerk1", display_name="王晓燕", role=Role.CLERK)


def test_an_unknown_user_gets_the_same_message_as_a_wrong_password(
    db: Database, admin: Actor
) -> None:
    assert failed_login(UserService(db), "nobody") == "用户名或密码错误"


def test_wrong_passwords_count_down_then_lock_the_user(
    db: Database, clerk: Actor, clock: FakeClock
) -> None:
    users = UserService(db)

    messages = [failed_login(users, "clerk1") for _ in range(MAX_FAILED_LOGINS)]

    assert messages == [
        "用户名或密码错误（再错4次将锁定账户）",
        "用户名或密码错误（再错3次将锁定账户）",
        "用户名或密码错误（再错2次将锁定账户）",
        "用户名或密码错误（再错1次将锁定账户）",
        "密码错误次数过多，账户已锁定15分钟",
    ]
    assert stored_user(db, "clerk1").locked_until == clock.now + LOCKOUT


def test_a_locked_user_is_refused_even_with_the_right_password(
    db: Database, clerk: Actor, clock: FakeClock
) -> None:
    users = UserService(db)
    for _ in range(MAX_FAILED_LOGINS):
        failed_login(users, "clerk1")

    # At once the full 15 minutes remain, not 16.
    assert failed_login(users, "clerk1", PASSWORD) == "密码错误次数过多，账户已锁定，请15分钟后再试"
    clock.advance(minutes=10)
    assert failed_login(users, "clerk1", PASSWORD) == "密码错误次数过多，账户已锁定，请5分钟后再试"
    clock.advance(minutes=4, seconds=1)
    assert failed_login(users, "clerk1", PASSWORD) == "密码错误次数过多，账户已锁定，请1分钟后再试"
    clock.advance(seconds=58)
    assert failed_login(users, "clerk1", PASSWORD) == "密码错误次数过多，账户已锁定，请1分钟后再试"
    # Attempts while locked do not extend the lockout.
    assert stored_user(db, "clerk1").locked_until == dt.datetime(2026, 9, 29, 9, 45, 0)


def test_the_lockout_expires(db: Database, clerk: Actor, clock: FakeClock) -> None:
    users = UserService(db)
    for _ in range(MAX_FAILED_LOGINS):
        failed_login(users, "clerk1")

    clock.advance(minutes=15)

    assert users.authenticate("clerk1", PASSWORD).username == "clerk1"
    row = stored_user(db, "clerk1")
    assert row.locked_until is None
    assert row.failed_logins == 0


def test_after_a_lockout_expires_the_count_starts_afresh(
    db: Database, clerk: Actor, clock: FakeClock
) -> None:
    users = UserService(db)
    for _ in range(MAX_FAILED_LOGINS):
        failed_login(users, "clerk1")
    clock.advance(minutes=15, seconds=1)

    assert failed_login(users, "clerk1") == "用户名或密码错误（再错4次将锁定账户）"


def test_a_successful_login_resets_the_failure_count(db: Database, clerk: Actor) -> None:
    users = UserService(db)
    for _ in range(3):
        failed_login(users, "clerk1")
    assert stored_user(db, "clerk1").failed_logins == 3

    users.authenticate("clerk1", PASSWORD)

    assert stored_user(db, "clerk1").failed_logins == 0
    assert failed_login(users, "clerk1") == "用户名或密码错误（再错4次将锁定账户）"


def test_failures_are_counted_across_service_instances(db: Database, clerk: Actor) -> None:
    # Each login attempt is its own transaction: a refused one must still save its count.
    for _ in range(2):
        failed_login(UserService(db), "clerk1")
    assert stored_user(db, "clerk1").failed_logins == 2
    assert failed_login(UserService(db), "clerk1") == "用户名或密码错误（再错2次将锁定账户）"


def test_failures_of_one_user_do_not_lock_another(db: Database, clerk: Actor) -> None:
    users = UserService(db)
    for _ in range(MAX_FAILED_LOGINS):
        failed_login(users, "clerk1")
    assert users.authenticate("admin", PASSWORD).username == "admin"


def test_a_disabled_user_is_told_so(db: Database, admin: Actor, clerk: Actor) -> None:
    users = UserService(db)
    users.set_active(admin, "clerk1", False)

    assert failed_login(users, "clerk1", PASSWORD) == "该用户已被停用，请联系系统管理员"
    # A wrong password does not reveal that the user exists and was disabled.
    assert failed_login(users, "clerk1", "wrong-one-1") == "用户名或密码错误"
    assert stored_user(db, "clerk1").failed_logins == 0
    assert not stored_user(db, "clerk1").active

    users.set_active(admin, "clerk1", True)
    assert users.authenticate("clerk1", PASSWORD).username == "clerk1"


# --- Passwords ---------------------------------------------------------------------------------


def test_a_password_reset_lifts_a_lockout(db: Database, admin: Actor, clerk: Actor) -> None:
    users = UserService(db)
    for _ in range(MAX_FAILED_LOGINS):
        failed_login(users, "clerk1")

    users.reset_password(admin, "clerk1", NEW_PASSWORD)

    assert users.authenticate("clerk1", NEW_PASSWORD).username == "clerk1"
    assert failed_login(users, "clerk1", PASSWORD) == "用户名或密码错误（再错4次将锁定账户）"


def test_a_reset_to_a_weak_password_is_refused_and_nothing_changes(
    db: Database, admin: Actor, clerk: Actor
) -> None:
    hash_before = stored_user(db, "clerk1").password_hash
    with pytest.raises(UserError, match="密码需同时包含字母和数字"):
        UserService(db).reset_password(admin, "clerk1", "abcdefghij")
    assert stored_user(db, "clerk1").password_hash == hash_before


def test_resetting_an_unknown_user_says_so(db: Database, admin: Actor) -> None:
    with pytest.raises(NotFound, match="用户 ghost 不存在"):
        UserService(db).reset_password(admin, "ghost", NEW_PASSWORD)


def test_a_user_changes_their_own_password(db: Database, clerk: Actor, clock: FakeClock) -> None:
    users = UserService(db)
    clock.advance(days=30)

    users.change_password(clerk, PASSWORD, NEW_PASSWORD)

    assert users.authenticate("clerk1", NEW_PASSWORD).username == "clerk1"
    assert failed_login(users, "clerk1", PASSWORD).startswith("用户名或密码错误")
    assert stored_user(db, "clerk1").password_changed_at == clock.now


def test_changing_a_password_needs_the_old_one(db: Database, clerk: Actor) -> None:
    users = UserService(db)
    hash_before = stored_user(db, "clerk1").password_hash

    with pytest.raises(AuthenticationFailed, match="原密码不正确"):
        users.change_password(clerk, "not-my-pass1", NEW_PASSWORD)

    assert stored_user(db, "clerk1").password_hash == hash_before
    assert users.authenticate("clerk1", PASSWORD).username == "clerk1"


def test_changing_to_a_weak_password_is_refused(db: Database, clerk: Actor) -> None:
    users = UserService(db)
    with pytest.raises(UserError, match="密码至少需要8个字符"):
        users.change_password(clerk, PASSWORD, "abc1")
    assert users.authenticate("clerk1", PASSWORD).username == "clerk1"


# --- Disabling ---------------------------------------------------------------------------------


def test_an_admin_cannot_disable_themselves(db: Database, admin: Actor) -> None:
    UserService(db).create_user(admin, "admin2", PASSWORD, Role.ADMIN)
    with pytest.raises(UserError, match="不能停用当前登录的用户"):
        UserService(db).set_active(admin, "admin", False)
    assert stored_user(db, "admin").active


def test_an_admin_disables_another_admin_while_one_remains(db: Database, admin: Actor) -> None:
    users = UserService(db)
    users.create_user(admin, "admin2", PASSWORD, Role.ADMIN)

    users.set_active(admin, "admin2", False)

    assert not stored_user(db, "admin2").active
    assert failed_login(users, "admin2", PASSWORD) == "该用户已被停用，请联系系统管理员"


def test_the_last_active_admin_cannot_be_disabled(db: Database, admin: Actor) -> None:
    users = UserService(db)
    users.create_user(admin, "admin2", PASSWORD, Role.ADMIN)
    second = users.authenticate("admin2", PASSWORD)
    # admin disables admin2, whose session is still open; admin2 then tries to disable admin:
    # that session ended when admin2 was disabled.
    users.set_active(admin, "admin2", False)
    with pytest.raises(SessionEnded, match="admin2 已被停用"):
        users.set_active(second, "admin", False)

    assert stored_user(db, "admin").active


def test_disabling_an_unknown_user_says_so(db: Database, admin: Actor) -> None:
    with pytest.raises(NotFound, match="用户 ghost 不存在"):
        UserService(db).set_active(admin, "ghost", False)


# --- Audit -------------------------------------------------------------------------------------


def test_admin_actions_are_audited(db: Database, clock: FakeClock) -> None:
    users = UserService(db)
    users.create_first_admin("admin", PASSWORD)
    admin = users.authenticate("admin", PASSWORD)
    start = clock.now

    clock.advance(minutes=1)
    users.create_user(admin, "clerk1", PASSWORD, Role.CLERK)
    clock.advance(minutes=1)
    users.reset_password(admin, "clerk1", NEW_PASSWORD)
    clock.advance(minutes=1)
    users.set_active(admin, "clerk1", False)
    clock.advance(minutes=1)
    users.set_active(admin, "clerk1", True)
    clock.advance(minutes=1)
    users.change_password(admin, PASSWORD, NEW_PASSWORD)

    minute = dt.timedelta(minutes=1)
    assert audit_rows(db) == [
        {
            "at": start,
            "username": "admin",
            "action": "user.create",
            "target": "admin",
            "detail": {},
        },
        {
            "at": start + minute,
            "username": "admin",
            "action": "user.create",
            "target": "clerk1",
            "detail": {"role": "clerk"},
        },
        {
            "at": start + 2 * minute,
            "username": "admin",
            "action": "user.reset_password",
            "target": "clerk1",
            "detail": {},
        },
        {
            "at": start + 3 * minute,
            "username": "admin",
            "action": "user.disable",
            "target": "clerk1",
            "detail": {},
        },
        {
            "at": start + 4 * minute,
            "username": "admin",
            "action": "user.enable",
            "target": "clerk1",
            "detail": {},
        },
        {
            "at": start + 5 * minute,
            "username": "admin",
            "action": "user.change_password",
            "target": "admin",
            "detail": {},
        },
    ]


def test_a_lockout_is_audited(db: Database, clerk: Actor, clock: FakeClock) -> None:
    users = UserService(db)
    for _ in range(MAX_FAILED_LOGINS):
        failed_login(users, "clerk1")

    lockouts = [row for row in audit_rows(db) if row["action"] == "user.lockout"]

    assert lockouts == [
        {
            "at": clock.now,
            "username": "clerk1",
            "action": "user.lockout",
            "target": "clerk1",
            "detail": {},
        }
    ]


def test_refused_admin_actions_leave_no_audit_entry(
    db: Database, admin: Actor, clerk: Actor
) -> None:
    users = UserService(db)
    before = audit_rows(db)
    with pytest.raises(UserError):
        users.set_active(admin, "admin", False)
    with pytest.raises(UserError):
        users.reset_password(admin, "clerk1", "weak")
    with pytest.raises(PermissionDenied):
        users.create_user(clerk, "x1", PASSWORD, Role.CLERK)
    assert audit_rows(db) == before
