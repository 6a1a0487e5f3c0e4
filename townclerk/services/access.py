"""Who may do what. Checked inside every service call, whatever the UI shows or hides."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from enum import Enum

from sqlalchemy import select
from sqlalchemy.orm import Session

from townclerk.db.database import Database
from townclerk.db.models import User
from townclerk.enums import Role
from townclerk.errors import PermissionDenied
from townclerk.i18n import N_, t


@dataclass(frozen=True)
class Actor:
    """The authenticated user on whose behalf a service acts."""

    id: int
    username: str
    display_name: str
    role: Role


class Permission(Enum):
    VIEW_CATALOG = N_("查看事项目录")
    HANDLE_CASES = N_("办理办件")
    VIEW_CASES = N_("查看办件")
    VIEW_REPORTS = N_("查看统计报表")
    EXPORT_FULL_PERSONAL_DATA = N_("导出完整个人信息")
    VIEW_FULL_PERSONAL_DATA = N_("查看完整个人信息")
    MANAGE_CATALOG = N_("管理事项目录")
    MANAGE_USERS = N_("管理用户")
    MANAGE_SETTINGS = N_("管理系统设置")
    VERIFY_HISTORY = N_("核验历史记录")
    MANAGE_BACKUPS = N_("备份和恢复数据库")
    # 后台审批: decide the cases at one's desks.
    DECIDE_CASES = N_("审批后台办件")
    # 村代办: pre-register an application at a village point (never accept it).
    PRE_REGISTER = N_("村代办预登记")
    EXCHANGE_FILES = N_("导入导出交换文件")


_GRANTS: dict[Role, frozenset[Permission]] = {
    Role.CLERK: frozenset(
        {
            Permission.VIEW_CATALOG,
            Permission.HANDLE_CASES,
            Permission.VIEW_CASES,
            Permission.PRE_REGISTER,
            Permission.EXCHANGE_FILES,
        }
    ),
    Role.SUPERVISOR: frozenset(
        {
            Permission.VIEW_CATALOG,
            Permission.HANDLE_CASES,
            Permission.VIEW_CASES,
            Permission.VIEW_REPORTS,
            Permission.EXPORT_FULL_PERSONAL_DATA,
            Permission.VERIFY_HISTORY,
            Permission.VIEW_FULL_PERSONAL_DATA,
            Permission.PRE_REGISTER,
            Permission.EXCHANGE_FILES,
        }
    ),
    Role.ADMIN: frozenset(
        {
            Permission.VIEW_CATALOG,
            Permission.VIEW_CASES,
            Permission.VIEW_REPORTS,
            Permission.MANAGE_CATALOG,
            Permission.MANAGE_USERS,
            Permission.MANAGE_SETTINGS,
            Permission.VERIFY_HISTORY,
            Permission.MANAGE_BACKUPS,
            Permission.EXCHANGE_FILES,
        }
    ),
    Role.BACK_OFFICE: frozenset(
        {Permission.VIEW_CATALOG, Permission.VIEW_CASES, Permission.DECIDE_CASES}
    ),
    Role.VILLAGE_AGENT: frozenset(
        {Permission.VIEW_CATALOG, Permission.PRE_REGISTER, Permission.EXCHANGE_FILES}
    ),
}


def allows(role: Role, permission: Permission) -> bool:
    return permission in _GRANTS[role]


def require(actor: Actor, permission: Permission) -> None:
    if not allows(actor.role, permission):
        raise PermissionDenied(
            t(
                "{role}（{username}）无权{permission}",
                role=t(actor.role.label),
                username=actor.username,
                permission=t(permission.value),
            )
        )


class SessionEnded(PermissionDenied):
    """The acting user was disabled after logging in: the session is over."""


@contextmanager
def acting(db: Database, actor: Actor) -> Iterator[Session]:
    """The write transaction of an action taken for ``actor``, refused first if the user has
    been disabled since logging in. Every write made for a logged-in user opens here."""
    with db.sessions.begin() as session:
        _check_active(session, actor)
        yield session


@contextmanager
def viewing(db: Database, actor: Actor) -> Iterator[Session]:
    """The read transaction of what ``actor`` looks at, refused like :func:`acting`.

    Reads check every time, the case list's search included: it runs once a typing pause, not
    per keystroke (the intake's item search reads no database at all), and the check, one
    primary-key read in the search's own transaction, is about 0.04 ms of a 2.5–12 ms search on
    100,000 cases (benchmarks/bench_session_check.py). Skipping it, or checking once a minute,
    would let a disabled user go on seeing applicants' personal data for nothing measurable."""
    with db.reads.begin() as session:
        _check_active(session, actor)
        yield session


def confirm_active(db: Database, actor: Actor) -> None:
    """For work that is not one transaction (a backup, a file read first): refuse a disabled
    actor before it starts."""
    with viewing(db, actor):
        pass


def _check_active(session: Session, actor: Actor) -> None:
    if not session.scalar(select(User.active).where(User.id == actor.id)):
        raise SessionEnded(
            t("用户 {username} 已被停用，本次登录已结束；请重新登录", username=actor.username)
        )


def sees_full_personal_data(actor: Actor, clerk_id: int) -> bool:
    """The clerk handling a case sees its applicant's ID number and phone on screen
    (DOMAIN.md, personal information); everybody else sees them masked unless they ask."""
    return actor.id == clerk_id and allows(actor.role, Permission.HANDLE_CASES)
