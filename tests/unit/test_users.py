"""Users: creation, passwords, authentication with its login delay, disabling, permissions,
audit."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

import pytest
from argon2 import PasswordHasher
from sqlalchemy import Connection, event, func, select

from tests.conftest import FakeClock
from tests.people import PASSWORD
from townclerk.db.database import Database
from townclerk.db.engine import WRITE_OPTION
from townclerk.db.models import AuditEntry, LoginThrottle, User
from townclerk.enums import Role
from townclerk.errors import AuthenticationFailed, NotFound, PermissionDenied, UserError
from townclerk.services import users as users_module
from townclerk.services.access import Actor, SessionEnded
from townclerk.services.login_throttle import MAX_DELAY, delay_after
from townclerk.services.users import UserInfo, UserService

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
        login_wait_until=None,
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


def fail_in_a_row(users: UserService, name: str, times: int, clock: FakeClock) -> None:
    """Fail ``times`` logins, waiting out each delay (the clock ends after the last wait)."""
    for _ in range(times):
        clock.advance(seconds=MAX_DELAY)
        failed_login(users, name)


def throttle_row(db: Database, name: str) -> LoginThrottle | None:
    with db.reads() as session:
        return session.get(LoginThrottle, name)


def test_failed_logins_delay_the_next_attempt_more_and_more(
    db: Database, clerk: Actor, clock: FakeClock
) -> None:
    users = UserService(db)
    messages = []
    for _ in range(10):
        messages.append(failed_login(users, "clerk1"))
        row = throttle_row(db, "clerk1")
        assert row is not None
        clock.set(row.next_attempt_at)  # wait exactly as long as asked

    assert messages[0] == "用户名或密码错误"
    assert messages[1:] == [
        f"用户名或密码错误；{seconds}秒后才能再次登录"
        for seconds in (1, 2, 4, 8, 16, 32, 60, 60, 60)
    ]
    assert [delay_after(n) for n in range(1, 11)] == [0, 1, 2, 4, 8, 16, 32, 60, 60, 60]


def test_an_attempt_during_the_delay_is_refused_unchecked_and_does_not_extend_it(
    db: Database, clerk: Actor, clock: FakeClock
) -> None:
    users = UserService(db)
    fail_in_a_row(users, "clerk1", 5, clock)  # the 5th sets 8 s
    until = clock.now + dt.timedelta(seconds=8)

    # Even the right password waits: the delay is not a way to test passwords fast.
    assert failed_login(users, "clerk1", PASSWORD) == "登录失败次数过多，请8秒后再试"
    clock.advance(seconds=7)
    assert failed_login(users, "clerk1", PASSWORD) == "登录失败次数过多，请1秒后再试"
    row = throttle_row(db, "clerk1")
    assert row is not None and (row.failures, row.next_attempt_at) == (5, until)

    clock.advance(seconds=1)
    assert users.authenticate("clerk1", PASSWORD).username == "clerk1"
    assert throttle_row(db, "clerk1") is None  # a good password resets it


def test_unknown_names_are_throttled_too(db: Database, admin: Actor, clock: FakeClock) -> None:
    users = UserService(db)
    assert failed_login(users, "nobody") == "用户名或密码错误"
    assert failed_login(users, "nobody") == "用户名或密码错误；1秒后才能再次登录"
    assert failed_login(users, "nobody") == "登录失败次数过多，请1秒后再试"
    row = throttle_row(db, "nobody")
    assert row is not None and row.failures == 2
    # A name longer than any user name is throttled by its first 64 characters.
    long_name = "x" * 200
    failed_login(users, long_name)
    assert failed_login(users, long_name) == "用户名或密码错误；1秒后才能再次登录"
    assert throttle_row(db, "x" * 64) is not None


def test_others_failures_cannot_lock_the_admin_out_beyond_the_delay(
    db: Database, admin: Actor, clock: FakeClock
) -> None:
    """Calls without the password (the old lockout took 5 of them for 15 minutes)."""
    users = UserService(db)
    for _ in range(50):
        with pytest.raises(AuthenticationFailed):
            users.authenticate("admin", "")
    row = throttle_row(db, "admin")
    assert row is not None and row.next_attempt_at - clock.now <= dt.timedelta(seconds=MAX_DELAY)

    clock.advance(seconds=MAX_DELAY)

    assert users.authenticate("admin", PASSWORD).username == "admin"


def test_failures_of_one_name_do_not_delay_another(
    db: Database, clerk: Actor, clock: FakeClock
) -> None:
    users = UserService(db)
    fail_in_a_row(users, "clerk1", 5, clock)
    assert users.authenticate("admin", PASSWORD).username == "admin"


def test_an_admin_lifts_a_delay_and_it_is_audited(
    db: Database, admin: Actor, clerk: Actor, clock: FakeClock
) -> None:
    users = UserService(db)
    fail_in_a_row(users, "clerk1", 6, clock)
    clerk_info = next(u for u in users.list_users(admin) if u.username == "clerk1")
    assert clerk_info.login_wait_until == clock.now + dt.timedelta(seconds=16)

    users.unlock(admin, "clerk1")

    assert throttle_row(db, "clerk1") is None
    assert users.authenticate("clerk1", PASSWORD).username == "clerk1"
    assert audit_rows(db)[-1] == {
        "at": clock.now,
        "username": "admin",
        "action": "user.unlock",
        "target": "clerk1",
        "detail": {},
    }


def test_unlock_needs_an_admin_and_a_known_name(
    db: Database, admin: Actor, clerk: Actor, clock: FakeClock
) -> None:
    users = UserService(db)
    fail_in_a_row(users, "clerk1", 3, clock)
    failed_login(users, "typo")
    before = audit_rows(db)
    with pytest.raises(PermissionDenied):
        users.unlock(clerk, "clerk1")
    with pytest.raises(NotFound, match="用户 ghost 不存在"):
        users.unlock(admin, "ghost")
    assert throttle_row(db, "clerk1") is not None
    assert audit_rows(db) == before
    users.unlock(admin, "typo")  # a name typed by mistake has a delay too
    assert throttle_row(db, "typo") is None


def test_a_login_verifies_the_password_outside_any_write_transaction(
    db: Database, clerk: Actor, monkeypatch: pytest.MonkeyPatch
) -> None:
    """argon2 is slow: while it runs, clerks must be able to save."""
    seen: list[bool] = []
    real = users_module._hasher

    class Spy(PasswordHasher):
        def verify(self, hash: str | bytes, password: str | bytes) -> Literal[True]:
            # Another connection can take the write lock meanwhile.
            with db.sessions.begin() as session:
                session.execute(select(User.id).limit(1))
                seen.append(True)
            return real.verify(hash, password)

    monkeypatch.setattr(users_module, "_hasher", Spy(time_cost=1, memory_cost=1024))
    UserService(db).authenticate("clerk1", PASSWORD)
    failed_login(UserService(db), "clerk1")
    failed_login(UserService(db), "nobody")
    assert seen == [True, True, True]


def test_a_disabled_user_is_told_so(db: Database, admin: Actor, clerk: Actor) -> None:
    users = UserService(db)
    users.set_active(admin, "clerk1", False)

    assert failed_login(users, "clerk1", PASSWORD) == "该用户已被停用，请联系系统管理员"
    # A wrong password does not reveal that the user exists and was disabled.
    assert failed_login(users, "clerk1", "wrong-one-1") == "用户名或密码错误"
    assert not stored_user(db, "clerk1").active

    users.set_active(admin, "clerk1", True)
    assert users.authenticate("clerk1", PASSWORD).username == "clerk1"


# --- Passwords ---------------------------------------------------------------------------------


def test_a_password_reset_lifts_the_login_delay(
    db: Database, admin: Actor, clerk: Actor, clock: FakeClock
) -> None:
    users = UserService(db)
    fail_in_a_row(users, "clerk1", 6, clock)

    users.reset_password(admin, "clerk1", NEW_PASSWORD)

    assert users.authenticate("clerk1", NEW_PASSWORD).username == "clerk1"
    assert failed_login(users, "clerk1", PASSWORD) == "用户名或密码错误"


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


class _WriteTransactions:
    """The write transactions open on a database's engine now (its writer connections begun and
    not yet committed or rolled back)."""

    def __init__(self, db: Database) -> None:
        self.open: set[int] = set()
        event.listen(db.engine, "begin", self._begin)
        event.listen(db.engine, "commit", self._end)
        event.listen(db.engine, "rollback", self._end)

    def _begin(self, connection: Connection) -> None:
        if connection.get_execution_options().get(WRITE_OPTION):
            self.open.add(id(connection))

    def _end(self, connection: Connection) -> None:
        self.open.discard(id(connection))


def test_argon2_never_runs_inside_a_write_transaction(
    any_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A password check or hash takes ~100 ms: inside a write transaction it would hold every
    clerk's save for as long, and a loop of failed logins would starve registrations
    (benchmarks/bench_login_contention.py has the figures). Every path that hashes or checks a
    password is taken, each call made while no write transaction is open."""
    writes = _WriteTransactions(any_db)
    calls: list[tuple[str, int]] = []  # (what, write transactions open then)

    class SpyHasher(PasswordHasher):
        def hash(self, password: str | bytes, *, salt: bytes | None = None) -> str:
            calls.append(("hash", len(writes.open)))
            return super().hash(password, salt=salt)

        def verify(self, hash: str | bytes, password: str | bytes) -> Literal[True]:
            calls.append(("verify", len(writes.open)))
            return super().verify(hash, password)

    monkeypatch.setattr(users_module, "_hasher", SpyHasher(time_cost=1, memory_cost=1024))
    users = UserService(any_db)
    users.create_first_admin("admin", PASSWORD)
    admin = users.authenticate("admin", PASSWORD)
    users.create_user(admin, "clerk1", PASSWORD, Role.CLERK)
    for name, password in (("clerk1", "wrong-pass1"), ("ghost", PASSWORD)):
        with pytest.raises(AuthenticationFailed):
            users.authenticate(name, password)
    clerk = users.authenticate("clerk1", PASSWORD)  # after a failure: the delay is lifted
    users.change_password(clerk, PASSWORD, NEW_PASSWORD)
    users.reset_password(admin, "clerk1", PASSWORD)
    # Stronger parameters since the hash was made: the login stores a new hash.
    monkeypatch.setattr(users_module, "_hasher", SpyHasher(time_cost=2, memory_cost=1024))
    before = stored_user(any_db, "clerk1").password_hash
    users.authenticate("clerk1", PASSWORD)
    assert stored_user(any_db, "clerk1").password_hash != before

    assert calls and all(open_then == 0 for _what, open_then in calls), calls
    assert {what for what, _open in calls} == {"hash", "verify"}
