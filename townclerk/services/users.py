"""Users: argon2id passwords, roles, disabling; failed logins delay the next attempt."""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import re
from dataclasses import dataclass
from typing import ClassVar, NoReturn

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from townclerk.db.database import Database
from townclerk.db.models import User
from townclerk.enums import Role
from townclerk.errors import AuthenticationFailed, NotFound, UserError
from townclerk.i18n import t
from townclerk.records import changes
from townclerk.records.changes import Changed, DataArea
from townclerk.records.from_rows import record_from
from townclerk.services import login_throttle as throttle
from townclerk.services.access import Actor, Permission, acting, require, viewing
from townclerk.services.audit import record_audit
from townclerk.validation import check_plain_text

MIN_PASSWORD_LENGTH = 8
_USERNAME = re.compile(r"[A-Za-z0-9_.\-]{2,64}")
_hasher = PasswordHasher()


@functools.cache
def _dummy_hash() -> str:
    return _hasher.hash("not-a-real-password-0")


@dataclass(frozen=True)
class UserInfo:
    areas: ClassVar[frozenset[DataArea]] = changes.USERS  # a write that returns a user

    id: int
    username: str
    display_name: str
    role: Role
    active: bool
    # Set while failed logins make this name wait (lifted by ``unlock`` or a good password).
    login_wait_until: dt.datetime | None = None


def _info(user: User, login_wait_until: dt.datetime | None = None) -> UserInfo:
    return record_from(UserInfo, user, login_wait_until=login_wait_until)


def password_matches(stored_hash: str | None, password: str) -> bool:
    """Whether ``password`` is the one ``stored_hash`` was made from (argon2, slow: call it
    outside any write transaction). ``None`` (no such user) spends the same time and fails, so
    names cannot be probed by timing."""
    try:
        return bool(_hasher.verify(stored_hash or _dummy_hash(), password)) and bool(stored_hash)
    except (VerificationError, InvalidHashError):
        return False


def actor_of(user: User) -> Actor:
    return Actor(id=user.id, username=user.username, display_name=user.display_name, role=user.role)


def password_rule() -> str:
    """What a password must be, said before the first try (the rule check_password_strength
    enforces)."""
    return t("密码至少{count}个字符，须同时包含字母和数字", count=MIN_PASSWORD_LENGTH)


def _new_password_hash(username: str, password: str) -> str:
    """A new user's checked name and password, hashed (before any transaction begins)."""
    if not _USERNAME.fullmatch(username):
        raise UserError(t("用户名须为2至64位字母、数字、下划线、点或连字符"))
    check_password_strength(password)
    return _hasher.hash(password)


def check_password_strength(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise UserError(t("密码至少需要{count}个字符", count=MIN_PASSWORD_LENGTH))
    if password.isdigit() or password.isalpha():
        raise UserError(t("密码需同时包含字母和数字"))


class UserService:
    def __init__(self, db: Database) -> None:
        self._db = db

    def _get(self, session: Session, username: str) -> User:
        user = session.scalar(select(User).where(User.username == username))
        if user is None:
            raise NotFound(t("用户 {username} 不存在", username=username))
        return user

    def has_users(self) -> bool:
        with self._db.reads() as session:
            return session.scalar(select(User.id).limit(1)) is not None

    def create_first_admin(self, username: str, password: str, display_name: str = "") -> UserInfo:
        """Create the first admin of an empty database (no actor exists yet to authorise it)."""
        password_hash = _new_password_hash(username, password)
        with self._db.sessions.begin() as session:
            if session.scalar(select(User.id).limit(1)) is not None:
                raise UserError(t("数据库中已有用户；请以管理员身份登录后添加用户"))
            user = self._new_user(session, username, password_hash, Role.ADMIN, display_name)
            record_audit(session, actor_of(user), "user.create", self._db.now(), target=username)
            return _info(user)

    def create_user(
        self, actor: Actor, username: str, password: str, role: Role, display_name: str = ""
    ) -> UserInfo:
        require(actor, Permission.MANAGE_USERS)
        password_hash = _new_password_hash(username, password)
        with acting(self._db, actor) as session:
            if session.scalar(select(User.id).where(User.username == username)) is not None:
                raise UserError(t("用户名 {username} 已存在", username=username))
            user = self._new_user(session, username, password_hash, role, display_name)
            record_audit(
                session, actor, "user.create", self._db.now(), target=username, role=role.value
            )
            return _info(user)

    def _new_user(
        self, session: Session, username: str, password_hash: str, role: Role, display_name: str
    ) -> User:
        now = self._db.now()
        user = User(
            username=username,
            display_name=check_plain_text(display_name, t("显示名称")).strip() or username,
            role=role,
            password_hash=password_hash,
            active=True,
            created_at=now,
            password_changed_at=now,
        )
        session.add(user)
        session.flush()
        return user

    def list_users(self, actor: Actor) -> list[UserInfo]:
        require(actor, Permission.MANAGE_USERS)
        now = self._db.now()
        with viewing(self._db, actor) as session:
            waits = throttle.waiting(session, now)
            return [
                _info(user, waits.get(user.username))
                for user in session.scalars(select(User).order_by(User.username))
            ]

    def list_names(self) -> list[tuple[int, str]]:
        """(id, display name) of every user, for filters and reports."""
        with self._db.reads() as session:
            rows = session.execute(select(User.id, User.display_name).order_by(User.id))
            return [(user_id, name) for user_id, name in rows]

    def authenticate(self, username: str, password: str) -> Actor:
        """Check a password. The slow check (argon2) runs outside any transaction, so a stream
        of failed logins never holds up a clerk who is saving; a failure then delays the next
        attempt with that name (see :mod:`townclerk.services.login_throttle`). Every argon2
        hash and check in this module runs before its write transaction begins, for the same
        reason."""
        name = username.strip()
        now = self._db.now()
        with self._db.reads() as session:
            had_failures = throttle.check(session, name, now)
            user = session.scalar(select(User).where(User.username == name))
        if user is None:
            # Spend the same time as a wrong password, so names cannot be probed by timing.
            with contextlib.suppress(VerificationError, InvalidHashError):
                _hasher.verify(_dummy_hash(), password)
            self._failed(name)
        assert user is not None
        try:
            _hasher.verify(user.password_hash, password)
        except (VerificationError, InvalidHashError):
            self._failed(name)
        if not user.active:
            # Only someone who knows the password learns that the user was disabled.
            raise AuthenticationFailed(t("该用户已被停用，请联系系统管理员"))
        rehashed = (
            _hasher.hash(password) if _hasher.check_needs_rehash(user.password_hash) else None
        )
        if rehashed is not None or had_failures:
            with self._db.sessions.begin() as session:
                throttle.clear(session, name)
                if rehashed is not None:
                    stored = session.get(User, user.id)
                    if stored is not None and stored.password_hash == user.password_hash:
                        stored.password_hash = rehashed
        return actor_of(user)

    def _failed(self, name: str) -> NoReturn:
        with self._db.sessions.begin() as session:
            wait = throttle.record_failure(session, name, self._db.now())
        if wait:
            raise AuthenticationFailed(
                t("用户名或密码错误；{seconds}秒后才能再次登录", seconds=wait)
            )
        raise AuthenticationFailed(t("用户名或密码错误"))

    def unlock(self, actor: Actor, username: str) -> Changed:
        """An admin lifts the login delay of a name (a user's, or a name typed by mistake)."""
        require(actor, Permission.MANAGE_USERS)
        name = username.strip()
        with acting(self._db, actor) as session:
            known = session.scalar(select(User.id).where(User.username == name)) is not None
            if not throttle.clear(session, name) and not known:
                raise NotFound(t("用户 {username} 不存在", username=name))
            record_audit(session, actor, "user.unlock", self._db.now(), target=name)
        return Changed(changes.USERS)

    def change_password(self, actor: Actor, old_password: str, new_password: str) -> None:
        """A user changes their own password."""
        with viewing(self._db, actor) as session:
            old_hash = self._get(session, actor.username).password_hash
        try:
            _hasher.verify(old_hash, old_password)
        except (VerificationError, InvalidHashError):
            raise AuthenticationFailed(t("原密码不正确")) from None
        check_password_strength(new_password)
        new_hash = _hasher.hash(new_password)
        with acting(self._db, actor) as session:
            user = self._get(session, actor.username)
            if user.password_hash != old_hash:  # changed meanwhile: the old one is no longer it
                raise AuthenticationFailed(t("原密码不正确"))
            user.password_hash = new_hash
            user.password_changed_at = self._db.now()
            record_audit(
                session, actor, "user.change_password", self._db.now(), target=user.username
            )

    def reset_password(self, actor: Actor, username: str, new_password: str) -> Changed:
        """An admin sets a user's password (and lifts the login delay of the name)."""
        require(actor, Permission.MANAGE_USERS)
        check_password_strength(new_password)
        new_hash = _hasher.hash(new_password)
        with acting(self._db, actor) as session:
            user = self._get(session, username)
            user.password_hash = new_hash
            user.password_changed_at = self._db.now()
            throttle.clear(session, username)
            record_audit(session, actor, "user.reset_password", self._db.now(), target=username)
        return Changed(changes.USERS)

    def set_active(self, actor: Actor, username: str, active: bool) -> Changed:
        require(actor, Permission.MANAGE_USERS)
        if username == actor.username and not active:
            raise UserError(t("不能停用当前登录的用户"))
        with acting(self._db, actor) as session:
            user = self._get(session, username)
            if not active and user.role is Role.ADMIN:
                others = session.scalar(
                    select(User.id)
                    .where(User.role == Role.ADMIN, User.active, User.id != user.id)
                    .limit(1)
                )
                if others is None:
                    raise UserError(t("不能停用最后一个系统管理员"))
            user.active = active
            action = "user.enable" if active else "user.disable"
            record_audit(session, actor, action, self._db.now(), target=username)
        return Changed(changes.USERS)
