"""The demo database has village points with their agents, pre-registrations waiting at
王集村, one 交接单 already sent, and an agent who logs in (``agent1``)."""

from __future__ import annotations

from townclerk.db.database import Database
from townclerk.enums import PreRegistrationStatus, Role
from townclerk.services.demo import DEMO_PASSWORD, install_demo
from townclerk.services.pre_registrations import PreRegistrationService
from townclerk.services.users import UserService
from townclerk.services.villages import VillageService


def test_the_demo_has_points_agents_and_a_trip(db: Database) -> None:
    report = install_demo(db)
    assert "村便民服务点：3 个，预登记 6 件，交接单 1 份" in report
    users = UserService(db)
    agent = users.authenticate("agent1", DEMO_PASSWORD)
    assert (agent.role, agent.display_name) == (Role.VILLAGE_AGENT, "张代办")
    clerk = users.authenticate("clerk1", DEMO_PASSWORD)
    points = VillageService(db).points(clerk)
    assert [(p.village_name, p.code, [a.name for a in p.agents]) for p in points] == [
        ("王集村", "WJ", ["张代办"]),
        ("李圩村", "LW", ["李秀兰"]),
        ("张庄村", "ZZ", ["赵明"]),
        ("赵圩村", "ZW", ["吴立新"]),  # its laptop's exchange file waits in the demo folder
    ]
    own = PreRegistrationService(db).list(agent)
    statuses = sorted(p.status.value for p in own)
    assert statuses == ["pending"] * 3 + ["sent"] * 2
    sent = [p for p in own if p.status is PreRegistrationStatus.SENT]
    assert {p.transfer_list for p in sent} == {f"WJ-JJ-{db.today():%Y%m%d}-01"}
    assert any(not all(m.received for m in p.materials) for p in own)
    # At 李圩村 a clerk registered one on its agent's behalf (the rest came on the demo's trip).
    by_clerk = [
        p
        for p in PreRegistrationService(db).list(clerk, points[1].id)
        if p.registered_by == "clerk1"
    ]
    assert [p.agent_name for p in by_clerk] == ["李秀兰"]
