"""Village service points and their agents, kept by the admin: every change audited, every bad
input refused with a message naming the field and nothing changed. On SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from tests.factories import resident_id
from tests.people import add_user
from tests.villages import AGENT_ID, Township
from townclerk.db.database import Database
from townclerk.db.models import AuditEntry, VillageAgent, VillagePoint
from townclerk.enums import Role
from townclerk.errors import FieldError, NotFound, PermissionDenied
from townclerk.records.villages import PointInput, VillageAgentInput
from townclerk.services.villages import VillageService

# The agent's ID number with another check character.
WRONG_CHECK = AGENT_ID[:17] + ("0" if AGENT_ID[17] != "0" else "1")


@pytest.fixture
def town(any_db: Database) -> Township:
    return Township(any_db)


def _snapshot(db: Database) -> tuple[object, ...]:
    with db.reads() as session:
        points = session.execute(
            select(
                VillagePoint.id,
                VillagePoint.name,
                VillagePoint.code,
                VillagePoint.phone,
                VillagePoint.active,
            ).order_by(VillagePoint.id)
        ).all()
        agents = session.execute(
            select(
                VillageAgent.id,
                VillageAgent.name,
                VillageAgent.phone,
                VillageAgent.user_id,
                VillageAgent.active,
            ).order_by(VillageAgent.id)
        ).all()
        audits = session.scalar(select(func.count()).select_from(AuditEntry))
    return tuple(points), tuple(agents), audits


def test_points_list_their_village_code_and_agents(town: Township) -> None:
    points = VillageService(town.db).points(town.admin)
    assert [(p.village_name, p.name, p.code) for p in points] == [
        ("王集村", "王集村便民服务点", "WJ"),
        ("李圩村", "李圩村便民服务点", "LW"),
    ]
    agent = points[0].agents[0]
    assert (agent.name, agent.phone, agent.id_number, agent.username) == (
        "张代办",
        "13905160001",
        AGENT_ID,
        "agent1",
    )
    assert agent.trained_on == dt.date(2026, 3, 1)
    assert points[0].phone == "0516-88886601"


def test_a_village_agent_sees_their_own_point_and_a_clerk_the_active_ones(town: Township) -> None:
    service = VillageService(town.db)
    assert [p.code for p in service.points(town.agent_user)] == ["WJ"]
    service.set_point_active(town.admin, town.liwei, False)
    assert [p.code for p in service.points(town.clerk)] == ["WJ"]
    assert [p.code for p in service.points(town.clerk, include_inactive=True)] == ["WJ"]
    assert [p.code for p in service.points(town.admin, include_inactive=True)] == ["WJ", "LW"]


def test_adding_changing_and_stopping_a_point_is_audited(town: Township) -> None:
    service = VillageService(town.db)
    added = service.add_point(
        town.admin,
        PointInput(town.spare_village, " 张庄村便民服务点 ", " zz 01", "", "13905169999"),
    )
    assert (added.code, added.name, added.active) == ("ZZ01", "张庄村便民服务点", True)
    changed = service.update_point(
        town.admin, added.id, PointInput(town.spare_village, "张庄村为民服务站", "ZZ", "村部")
    )
    assert (changed.name, changed.code, changed.address, changed.phone) == (
        "张庄村为民服务站",
        "ZZ",
        "村部",
        "",
    )
    stopped = service.set_point_active(town.admin, added.id, False)
    assert not stopped.active
    with town.db.reads() as session:
        actions = session.scalars(
            select(AuditEntry.action).where(AuditEntry.action.like("village_point.%"))
        ).all()
    assert actions[-3:] == ["village_point.add", "village_point.change", "village_point.disable"]


def test_agents_are_added_changed_linked_and_stopped(town: Township) -> None:
    service = VillageService(town.db)
    add_user(town.db, town.admin, "agent2", Role.VILLAGE_AGENT, "李代办")
    point = service.add_agent(
        town.admin,
        town.liwei,
        VillageAgentInput("王 二", "0516-88886602", resident_id(sequence="511"), None, ""),
    )
    new = point.agents[-1]
    assert (new.name, new.phone, new.username) == ("王 二", "0516-88886602", "")
    linked = service.update_agent(
        town.admin,
        town.liwei_agent,
        VillageAgentInput(
            "李代办",
            "13905160002",
            resident_id(birth="19760211", sequence="422"),
            dt.date(2026, 9, 29),
            "agent2",
        ),
    )
    assert linked.agents[0].username == "agent2"
    stopped = service.set_agent_active(town.admin, new.id, False)
    assert [a.active for a in stopped.agents] == [True, False]
    assert [a.name for a in stopped.active_agents] == ["李代办"]


@pytest.mark.parametrize(
    "attempt, field, message",
    [
        ("empty name", "name", "请填写服务点名称"),
        ("bad code", "code", "服务点代码应为2至32位字母或数字"),
        ("taken code", "code", "服务点代码 WJ 已被“王集村便民服务点”使用"),
        ("bad phone", "phone", "联系电话应为11位手机号码"),
        ("village has one", "village_id", "“王集村”已有便民服务点"),
        ("missing village", "village_id", "村（社区）不存在或已停用"),
        ("control character", "name", "不可见的控制字符"),
    ],
)
def test_a_bad_point_is_refused_and_nothing_changes(
    town: Township, attempt: str, field: str, message: str
) -> None:
    service = VillageService(town.db)
    spare = town.spare_village
    inputs = {
        "empty name": PointInput(spare, "  ", "ZZ"),
        "bad code": PointInput(spare, "张庄村便民服务点", "张庄"),
        "taken code": PointInput(spare, "张庄村便民服务点", "wj"),
        "bad phone": PointInput(spare, "张庄村便民服务点", "ZZ", "", "12345"),
        "village has one": PointInput(town.wangji_village, "王集村二号点", "WJ2"),
        "missing village": PointInput(999, "张庄村便民服务点", "ZZ"),
        "control character": PointInput(spare, "张庄\x1b村", "ZZ"),
    }
    before = _snapshot(town.db)
    with pytest.raises(FieldError, match=message) as raised:
        service.add_point(town.admin, inputs[attempt])
    assert raised.value.field == field
    assert _snapshot(town.db) == before


@pytest.mark.parametrize(
    "attempt, field, message",
    [
        ("bad id", "id_number", "代办员身份证号码校验位不正确"),
        ("short id", "id_number", "代办员身份证号码应为18位"),
        ("bad phone", "phone", "代办员联系电话：联系电话应为11位手机号码"),
        ("no name", "name", "请填写代办员姓名"),
        ("future training", "trained_on", "培训日期不能晚于今天"),
        ("unknown user", "username", "用户 nobody 不存在"),
        ("not an agent", "username", "只有村代办员可以关联为代办员"),
        ("linked elsewhere", "username", "用户 agent1 已关联为“王集村便民服务点”的代办员 张代办"),
    ],
)
def test_a_bad_agent_is_refused_and_nothing_changes(
    town: Township, attempt: str, field: str, message: str
) -> None:
    good = VillageAgentInput("王二", "13905160003", resident_id(sequence="611"))
    inputs = {
        "bad id": VillageAgentInput("王二", "13905160003", WRONG_CHECK),
        "short id": VillageAgentInput("王二", "13905160003", AGENT_ID[:15] + "1"),
        "bad phone": VillageAgentInput("王二", "1390516", good.id_number),
        "no name": VillageAgentInput(" ", good.phone, good.id_number),
        "future training": VillageAgentInput(
            "王二", good.phone, good.id_number, dt.date(2026, 9, 30)
        ),
        "unknown user": VillageAgentInput("王二", good.phone, good.id_number, None, "nobody"),
        "not an agent": VillageAgentInput("王二", good.phone, good.id_number, None, "clerk1"),
        "linked elsewhere": VillageAgentInput("王二", good.phone, good.id_number, None, "agent1"),
    }
    before = _snapshot(town.db)
    with pytest.raises(FieldError, match=message) as raised:
        VillageService(town.db).add_agent(town.admin, town.liwei, inputs[attempt])
    assert raised.value.field == field
    assert _snapshot(town.db) == before


def test_only_an_admin_keeps_points_and_a_missing_one_is_named(town: Township) -> None:
    service = VillageService(town.db)
    before = _snapshot(town.db)
    with pytest.raises(PermissionDenied, match="无权管理系统设置"):
        service.add_point(town.clerk, PointInput(town.spare_village, "张庄村便民服务点", "ZZ"))
    with pytest.raises(PermissionDenied, match="无权管理系统设置"):
        service.set_agent_active(town.agent_user, town.wangji_agent, False)
    with pytest.raises(NotFound, match="村便民服务点不存在"):
        service.set_point_active(town.admin, 999, False)
    with pytest.raises(NotFound, match="代办员不存在"):
        service.set_agent_active(town.admin, 999, False)
    assert _snapshot(town.db) == before


def test_a_stopped_agent_login_sees_no_point(town: Township) -> None:
    service = VillageService(town.db)
    service.set_agent_active(town.admin, town.wangji_agent, False)
    with pytest.raises(PermissionDenied, match="未登记为在岗的代办员"):
        service.points(town.agent_user)
