"""Village service points (村级便民服务点) and their agents (代办员): kept by the admin,
audited. A point serves one village (from the settings' villages list); its code heads the
references of its pre-registrations and the numbers of its trips. An agent may log in as a
user of the 村代办员 role, linked to exactly one agent row."""

from __future__ import annotations

import datetime as dt
import re

from sqlalchemy import select
from sqlalchemy.orm import Session

from townclerk.db.database import Database
from townclerk.db.models import User, Village, VillageAgent, VillagePoint
from townclerk.enums import Role
from townclerk.errors import FieldError, NotFound, PermissionDenied
from townclerk.i18n import t
from townclerk.records.villages import (
    PointInput,
    VillageAgentInfo,
    VillageAgentInput,
    VillagePointInfo,
)
from townclerk.services.access import Actor, Permission, acting, allows, require, viewing
from townclerk.services.audit import record_audit
from townclerk.validation import (
    ADDRESS_MAX_LENGTH,
    ValidationError,
    check_plain_text,
    parse_phone,
    parse_resident_id,
)

POINT_NAME_MAX = 128
AGENT_NAME_MAX = 64
CODE_MAX = 32
_CODE = re.compile(r"[A-Z0-9]{2,32}")


def check_point(point: PointInput) -> PointInput:
    """The point as stored (trimmed, code in capitals, phone normalised); a bad field raises a
    :class:`FieldError` naming it."""
    name = _one_line(point.name, t("服务点名称"), "name")
    if not name:
        raise FieldError(t("请填写服务点名称"), "name")
    if len(name) > POINT_NAME_MAX:
        raise FieldError(t("服务点名称过长（最多{limit}个字符）", limit=POINT_NAME_MAX), "name")
    code = "".join(point.code.split()).upper()
    if not _CODE.fullmatch(code):
        raise FieldError(
            t("服务点代码应为2至32位字母或数字（如村的区划代码 320324101201）"), "code"
        )
    address = _one_line(point.address, t("地址"), "address")
    if len(address) > ADDRESS_MAX_LENGTH:
        raise FieldError(t("地址过长（最多255个字符）"), "address")
    phone = point.phone.strip()
    if phone:
        try:
            phone = parse_phone(phone)
        except ValidationError as error:
            raise FieldError(str(error), "phone") from error
    return PointInput(point.village_id, name, code, address, phone)


def check_agent(agent: VillageAgentInput, today: dt.date) -> VillageAgentInput:
    """The agent as stored; a bad field raises a :class:`FieldError` naming it."""
    name = " ".join(_one_line(agent.name, t("代办员姓名"), "name").split())
    if not name:
        raise FieldError(t("请填写代办员姓名"), "name")
    if len(name) > AGENT_NAME_MAX:
        raise FieldError(t("代办员姓名过长（最多{limit}个字符）", limit=AGENT_NAME_MAX), "name")
    try:
        phone = parse_phone(agent.phone)
    except ValidationError as error:
        raise FieldError(t("代办员联系电话：{error}", error=error), "phone") from error
    try:
        id_number = parse_resident_id(agent.id_number, today=today).number
    except ValidationError as error:
        raise FieldError(t("代办员{error}", error=error), "id_number") from error
    if agent.trained_on is not None and agent.trained_on > today:
        raise FieldError(t("培训日期不能晚于今天"), "trained_on")
    username = agent.username.strip()
    return VillageAgentInput(name, phone, id_number, agent.trained_on, username)


def _one_line(text: str, what: str, field: str) -> str:
    try:
        return check_plain_text(text, what).strip()
    except ValidationError as error:
        raise FieldError(str(error), field) from error


def agent_info(agent: VillageAgent, username: str) -> VillageAgentInfo:
    return VillageAgentInfo(
        id=agent.id,
        point_id=agent.point_id,
        name=agent.name,
        phone=agent.phone,
        id_number=agent.id_number,
        trained_on=agent.trained_on,
        username=username,
        active=agent.active,
    )


def points_in(
    session: Session, *, include_inactive: bool, point_id: int | None = None
) -> list[VillagePointInfo]:
    """The points (one of them, with ``point_id``) with their village and agents, in the
    villages' order."""
    query = (
        select(VillagePoint, Village.name)
        .join(Village, Village.id == VillagePoint.village_id)
        .order_by(Village.sort_order, Village.id)
    )
    if not include_inactive:
        query = query.where(VillagePoint.active)
    if point_id is not None:
        query = query.where(VillagePoint.id == point_id)
    rows = session.execute(query).all()
    agents: dict[int, list[VillageAgentInfo]] = {}
    agent_query = (
        select(VillageAgent, User.username)
        .outerjoin(User, User.id == VillageAgent.user_id)
        .where(VillageAgent.point_id.in_([point.id for point, _name in rows]))
        .order_by(VillageAgent.id)
    )
    if not include_inactive:
        agent_query = agent_query.where(VillageAgent.active)
    for agent, username in session.execute(agent_query):
        agents.setdefault(agent.point_id, []).append(agent_info(agent, username or ""))
    return [
        VillagePointInfo(
            id=point.id,
            village_id=point.village_id,
            village_name=village_name,
            name=point.name,
            code=point.code,
            address=point.address,
            phone=point.phone,
            active=point.active,
            agents=tuple(agents.get(point.id, ())),
        )
        for point, village_name in rows
    ]


def own_agent_in(session: Session, actor: Actor) -> VillageAgent:
    """The agent row a village agent logs in as, at an active point; refused otherwise."""
    agent = session.scalar(select(VillageAgent).where(VillageAgent.user_id == actor.id))
    if agent is None or not agent.active:
        raise PermissionDenied(
            t("用户 {username} 未登记为在岗的代办员，请联系系统管理员", username=actor.username)
        )
    point = session.get(VillagePoint, agent.point_id)
    if point is None or not point.active:
        raise PermissionDenied(t("您所在的村便民服务点已停用"))
    return agent


class VillageService:
    def __init__(self, db: Database) -> None:
        self._db = db

    # --- reading ---------------------------------------------------------------------------
    def points(self, actor: Actor, *, include_inactive: bool = False) -> list[VillagePointInfo]:
        """The points with their agents: every point for an admin (``include_inactive`` for
        the stopped ones too), the active ones for the window, a village agent's own."""
        if not (
            allows(actor.role, Permission.MANAGE_SETTINGS)
            or allows(actor.role, Permission.PRE_REGISTER)
        ):
            raise PermissionDenied(
                t(
                    "{role}（{username}）无权查看村便民服务点",
                    role=t(actor.role.label),
                    username=actor.username,
                )
            )
        admin = allows(actor.role, Permission.MANAGE_SETTINGS)
        with viewing(self._db, actor) as session:
            if actor.role is Role.VILLAGE_AGENT:
                own = own_agent_in(session, actor)
                return points_in(session, include_inactive=False, point_id=own.point_id)
            return points_in(session, include_inactive=include_inactive and admin)

    def point(self, actor: Actor, point_id: int) -> VillagePointInfo:
        for point in self.points(actor, include_inactive=True):
            if point.id == point_id:
                return point
        raise NotFound(t("村便民服务点不存在"))

    # --- points ----------------------------------------------------------------------------
    def add_point(self, actor: Actor, point: PointInput) -> VillagePointInfo:
        require(actor, Permission.MANAGE_SETTINGS)
        with acting(self._db, actor) as session:
            point = check_point(point)
            village = session.get(Village, point.village_id)
            if village is None or not village.active:
                raise FieldError(t("村（社区）不存在或已停用"), "village_id")
            if session.scalar(select(VillagePoint.id).where(VillagePoint.village_id == village.id)):
                raise FieldError(
                    t("“{village}”已有便民服务点，请修改原有服务点", village=village.name),
                    "village_id",
                )
            self._check_code_free(session, point.code, None)
            row = VillagePoint(
                village_id=village.id,
                name=point.name,
                code=point.code,
                address=point.address,
                phone=point.phone,
                active=True,
            )
            session.add(row)
            session.flush()
            record_audit(
                session,
                actor,
                "village_point.add",
                self._db.now(),
                target=point.code,
                name=point.name,
                village=village.name,
            )
            return points_in(session, include_inactive=True, point_id=row.id)[0]

    def update_point(self, actor: Actor, point_id: int, point: PointInput) -> VillagePointInfo:
        """Change a point's name, code, address and phone (its village stays). A new code
        heads new references only; those already given keep theirs."""
        require(actor, Permission.MANAGE_SETTINGS)
        with acting(self._db, actor) as session:
            point = check_point(point)
            row = self._point(session, point_id)
            if point.village_id != row.village_id:
                raise FieldError(t("服务点所属的村（社区）不能更改"), "village_id")
            self._check_code_free(session, point.code, row.id)
            changed = {
                field: value
                for field, value in (
                    ("name", point.name),
                    ("code", point.code),
                    ("address", point.address),
                    ("phone", point.phone),
                )
                if getattr(row, field) != value
            }
            for field, value in changed.items():
                setattr(row, field, value)
            if changed:
                record_audit(
                    session,
                    actor,
                    "village_point.change",
                    self._db.now(),
                    target=row.code,
                    **changed,
                )
            return points_in(session, include_inactive=True, point_id=row.id)[0]

    def set_point_active(self, actor: Actor, point_id: int, active: bool) -> VillagePointInfo:
        """Stop (or start again) a point: a stopped one takes no new pre-registrations; its
        own stay as they are."""
        require(actor, Permission.MANAGE_SETTINGS)
        with acting(self._db, actor) as session:
            row = self._point(session, point_id)
            row.active = active
            action = "village_point.enable" if active else "village_point.disable"
            record_audit(session, actor, action, self._db.now(), target=row.code)
            return points_in(session, include_inactive=True, point_id=row.id)[0]

    # --- agents ----------------------------------------------------------------------------
    def add_agent(self, actor: Actor, point_id: int, agent: VillageAgentInput) -> VillagePointInfo:
        require(actor, Permission.MANAGE_SETTINGS)
        with acting(self._db, actor) as session:
            agent = check_agent(agent, self._db.today())
            point = self._point(session, point_id)
            row = VillageAgent(
                point_id=point.id,
                name=agent.name,
                phone=agent.phone,
                id_number=agent.id_number,
                trained_on=agent.trained_on,
                user_id=self._login(session, agent.username, None),
                active=True,
            )
            session.add(row)
            session.flush()
            record_audit(
                session,
                actor,
                "village_agent.add",
                self._db.now(),
                target=f"{point.code}/{agent.name}",
                username=agent.username,
            )
            return points_in(session, include_inactive=True, point_id=point.id)[0]

    def update_agent(
        self, actor: Actor, agent_id: int, agent: VillageAgentInput
    ) -> VillagePointInfo:
        require(actor, Permission.MANAGE_SETTINGS)
        with acting(self._db, actor) as session:
            agent = check_agent(agent, self._db.today())
            row = self._agent(session, agent_id)
            row.name, row.phone, row.id_number = agent.name, agent.phone, agent.id_number
            row.trained_on = agent.trained_on
            row.user_id = self._login(session, agent.username, row.id)
            point = self._point(session, row.point_id)
            record_audit(
                session,
                actor,
                "village_agent.change",
                self._db.now(),
                target=f"{point.code}/{agent.name}",
                username=agent.username,
            )
            return points_in(session, include_inactive=True, point_id=point.id)[0]

    def set_agent_active(self, actor: Actor, agent_id: int, active: bool) -> VillagePointInfo:
        """An agent who stops (or starts again); a stopped agent's login may no longer
        pre-register."""
        require(actor, Permission.MANAGE_SETTINGS)
        with acting(self._db, actor) as session:
            row = self._agent(session, agent_id)
            row.active = active
            point = self._point(session, row.point_id)
            action = "village_agent.enable" if active else "village_agent.disable"
            record_audit(session, actor, action, self._db.now(), target=f"{point.code}/{row.name}")
            return points_in(session, include_inactive=True, point_id=point.id)[0]

    # --- helpers ---------------------------------------------------------------------------
    @staticmethod
    def _point(session: Session, point_id: int) -> VillagePoint:
        row = session.get(VillagePoint, point_id)
        if row is None:
            raise NotFound(t("村便民服务点不存在"))
        return row

    @staticmethod
    def _agent(session: Session, agent_id: int) -> VillageAgent:
        row = session.get(VillageAgent, agent_id)
        if row is None:
            raise NotFound(t("代办员不存在"))
        return row

    @staticmethod
    def _check_code_free(session: Session, code: str, point_id: int | None) -> None:
        other = session.scalar(select(VillagePoint).where(VillagePoint.code == code))
        if other is not None and other.id != point_id:
            raise FieldError(
                t("服务点代码 {code} 已被“{name}”使用", code=code, name=other.name), "code"
            )

    @staticmethod
    def _login(session: Session, username: str, agent_id: int | None) -> int | None:
        """The id of the 村代办员 user ``username`` ("" = no login), not linked to another
        agent."""
        if not username:
            return None
        user = session.scalar(select(User).where(User.username == username))
        if user is None:
            raise FieldError(t("用户 {username} 不存在", username=username), "username")
        if user.role is not Role.VILLAGE_AGENT:
            raise FieldError(
                t(
                    "用户 {username} 的角色是“{role}”，只有村代办员可以关联为代办员",
                    username=username,
                    role=t(user.role.label),
                ),
                "username",
            )
        linked = session.scalar(select(VillageAgent).where(VillageAgent.user_id == user.id))
        if linked is not None and linked.id != agent_id:
            point = session.get(VillagePoint, linked.point_id)
            raise FieldError(
                t(
                    "用户 {username} 已关联为“{point}”的代办员 {name}",
                    username=username,
                    point=point.name if point else "",
                    name=linked.name,
                ),
                "username",
            )
        return user.id
