"""The back-office desks (后台分类审批) as the admin keeps them: a desk is a county department's
window in the center; the catalog's departments are mapped to desks (a case of a mapped
department is decided there) and back-office officers are attached to desks. Desks are
deactivated, never deleted: hand-overs name them. Every change is audited."""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from townclerk.db.database import Database
from townclerk.db.models import Desk, DeskDepartment, DeskMember, ServiceItem, User
from townclerk.enums import Role
from townclerk.errors import FieldError, NotFound, UserError
from townclerk.i18n import t
from townclerk.records import changes
from townclerk.records.changes import Changed
from townclerk.records.desks import DeskInfo, DeskOfficer
from townclerk.services.access import Actor, Permission, acting, require, viewing
from townclerk.services.audit import record_audit
from townclerk.validation import ValidationError, check_plain_text

NAME_MAX = 64


def check_desk_name(name: str) -> str:
    """A desk's name as stored; a bad one raises a :class:`FieldError` on ``name``."""
    try:
        value = check_plain_text(name, t("后台窗口名称")).strip()
    except ValidationError as error:
        raise FieldError(str(error), "name") from error
    if not value:
        raise FieldError(t("请填写后台窗口名称"), "name")
    if len(value) > NAME_MAX:
        raise FieldError(
            t("{what}过长（最多{limit}个字符）", what=t("后台窗口名称"), limit=NAME_MAX), "name"
        )
    return value


def desks_in(session: Session, *, active_only: bool = False) -> list[DeskInfo]:
    """Every desk (or the active ones) in their order, with departments and officers."""
    statement = select(Desk).order_by(Desk.sort_order, Desk.id)
    if active_only:
        statement = statement.where(Desk.active)
    rows = list(session.scalars(statement))
    departments: dict[int, list[str]] = defaultdict(list)
    for department, desk_id in session.execute(
        select(DeskDepartment.department, DeskDepartment.desk_id).order_by(
            DeskDepartment.department
        )
    ):
        departments[desk_id].append(department)
    officers: dict[int, list[DeskOfficer]] = defaultdict(list)
    for desk_id, user in session.execute(
        select(DeskMember.desk_id, User)
        .join(User, User.id == DeskMember.user_id)
        .order_by(User.username)
    ):
        officers[desk_id].append(
            DeskOfficer(user.id, user.username, user.display_name, user.active)
        )
    return [
        DeskInfo(
            id=row.id,
            name=row.name,
            active=row.active,
            sort_order=row.sort_order,
            departments=tuple(departments[row.id]),
            officers=tuple(officers[row.id]),
        )
        for row in rows
    ]


def actor_desk_ids(session: Session, actor: Actor) -> list[int]:
    """The active desks ``actor`` works at."""
    return list(
        session.scalars(
            select(DeskMember.desk_id)
            .join(Desk, Desk.id == DeskMember.desk_id)
            .where(DeskMember.user_id == actor.id, Desk.active)
            .order_by(Desk.sort_order, Desk.id)
        )
    )


class DeskService:
    def __init__(self, db: Database) -> None:
        self._db = db

    # --- reading ---------------------------------------------------------------------------
    def desks(self, actor: Actor, *, active_only: bool = False) -> list[DeskInfo]:
        """The desks: the admin's settings, the window's 移交后台 and the officers' queue all
        show them, so any active user may read them."""
        with viewing(self._db, actor) as session:
            return desks_in(session, active_only=active_only)

    def departments(self) -> list[str]:
        """The departments a desk may be mapped to: those of the catalog's active items."""
        with self._db.reads() as session:
            return _catalog_departments(session)

    def find(self, name: str) -> DeskInfo:
        """The desk named ``name`` (the CLI names desks)."""
        with self._db.reads() as session:
            return self._info(session, self._by_name(session, name.strip()))

    # --- the admin's changes ------------------------------------------------------------
    def add(self, actor: Actor, name: str) -> DeskInfo:
        require(actor, Permission.MANAGE_SETTINGS)
        name = check_desk_name(name)
        with acting(self._db, actor) as session:
            self._check_free(session, name)
            last = session.scalar(select(func.max(Desk.sort_order))) or 0
            desk = Desk(name=name, active=True, sort_order=last + 1)
            session.add(desk)
            session.flush()
            record_audit(session, actor, "desk.add", self._db.now(), target=name)
            return self._info(session, desk)

    def rename(self, actor: Actor, desk_id: int, name: str) -> DeskInfo:
        require(actor, Permission.MANAGE_SETTINGS)
        name = check_desk_name(name)
        with acting(self._db, actor) as session:
            desk = self._get(session, desk_id)
            if desk.name == name:
                return self._info(session, desk)
            self._check_free(session, name)
            old, desk.name = desk.name, name
            record_audit(session, actor, "desk.rename", self._db.now(), target=old, name=name)
            return self._info(session, desk)

    def set_active(self, actor: Actor, desk_id: int, active: bool) -> DeskInfo:
        """Deactivate a desk (its departments' new cases are decided at the window again;
        cases already at it stay until they are sent back) or activate it again."""
        require(actor, Permission.MANAGE_SETTINGS)
        with acting(self._db, actor) as session:
            desk = self._get(session, desk_id)
            if desk.active != active:
                desk.active = active
                action = "desk.activate" if active else "desk.deactivate"
                record_audit(session, actor, action, self._db.now(), target=desk.name)
            return self._info(session, desk)

    def map_department(self, actor: Actor, department: str, desk_id: int) -> DeskInfo:
        """Cases of ``department`` accepted from now on are decided at the desk (a department
        mapped to another desk moves)."""
        require(actor, Permission.MANAGE_SETTINGS)
        department = department.strip()
        with acting(self._db, actor) as session:
            desk = self._get(session, desk_id)
            if not desk.active:
                raise UserError(t("后台窗口“{name}”已停用，不能分配部门", name=desk.name))
            if department not in _catalog_departments(session):
                raise FieldError(
                    t("事项目录中没有实施部门“{department}”", department=department),
                    "department",
                )
            row = session.get(DeskDepartment, department)
            if row is not None and row.desk_id == desk.id:
                return self._info(session, desk)
            if row is None:
                session.add(DeskDepartment(department=department, desk_id=desk.id))
            else:
                row.desk_id = desk.id
            record_audit(
                session, actor, "desk.map", self._db.now(), target=department, desk=desk.name
            )
            return self._info(session, desk)

    def unmap_department(self, actor: Actor, department: str) -> Changed:
        """``department``'s new cases are no longer sent to a desk."""
        require(actor, Permission.MANAGE_SETTINGS)
        department = department.strip()
        with acting(self._db, actor) as session:
            row = session.get(DeskDepartment, department)
            if row is None:
                raise NotFound(t("实施部门“{department}”未分配后台窗口", department=department))
            session.delete(row)
            record_audit(session, actor, "desk.unmap", self._db.now(), target=department)
        return Changed(changes.DESKS)

    def add_member(self, actor: Actor, desk_id: int, username: str) -> DeskInfo:
        """Attach a back-office officer (后台审批人员) to a desk."""
        require(actor, Permission.MANAGE_SETTINGS)
        with acting(self._db, actor) as session:
            desk = self._get(session, desk_id)
            user = self._officer(session, username.strip())
            if session.get(DeskMember, (desk.id, user.id)) is None:
                session.add(DeskMember(desk_id=desk.id, user_id=user.id))
                record_audit(
                    session,
                    actor,
                    "desk.member_add",
                    self._db.now(),
                    target=desk.name,
                    username=user.username,
                )
            return self._info(session, desk)

    def remove_member(self, actor: Actor, desk_id: int, username: str) -> DeskInfo:
        require(actor, Permission.MANAGE_SETTINGS)
        with acting(self._db, actor) as session:
            desk = self._get(session, desk_id)
            user = session.scalar(select(User).where(User.username == username.strip()))
            member = None if user is None else session.get(DeskMember, (desk.id, user.id))
            if user is None or member is None:
                raise NotFound(
                    t(
                        "用户 {username} 不在后台窗口“{desk}”",
                        username=username.strip(),
                        desk=desk.name,
                    )
                )
            session.delete(member)
            record_audit(
                session,
                actor,
                "desk.member_remove",
                self._db.now(),
                target=desk.name,
                username=user.username,
            )
            return self._info(session, desk)

    # --- helpers ---------------------------------------------------------------------------
    @staticmethod
    def _get(session: Session, desk_id: int) -> Desk:
        desk = session.get(Desk, desk_id)
        if desk is None:
            raise NotFound(t("后台窗口不存在"))
        return desk

    @staticmethod
    def _by_name(session: Session, name: str) -> Desk:
        desk = session.scalar(select(Desk).where(Desk.name == name))
        if desk is None:
            raise NotFound(t("没有名为“{name}”的后台窗口", name=name))
        return desk

    @staticmethod
    def _check_free(session: Session, name: str) -> None:
        if session.scalar(select(Desk.id).where(Desk.name == name)) is not None:
            raise FieldError(t("后台窗口“{name}”已存在", name=name), "name")

    @staticmethod
    def _officer(session: Session, username: str) -> User:
        user = session.scalar(select(User).where(User.username == username))
        if user is None:
            raise NotFound(t("用户 {username} 不存在", username=username))
        if user.role is not Role.BACK_OFFICE:
            raise UserError(
                t(
                    "只有{role}可以加入后台窗口；{username} 是{current}",
                    role=t(Role.BACK_OFFICE.label),
                    username=username,
                    current=t(user.role.label),
                )
            )
        return user

    @staticmethod
    def _info(session: Session, desk: Desk) -> DeskInfo:
        session.flush()
        return next(info for info in desks_in(session) if info.id == desk.id)


def _catalog_departments(session: Session) -> list[str]:
    return list(
        session.scalars(
            select(ServiceItem.department)
            .where(ServiceItem.active)
            .distinct()
            .order_by(ServiceItem.department)
        )
    )
