"""The demo's back office: its desks mapped to the sample catalog's departments, the officer
孙科员 who logs in with the demo password and finds their queue, and today's cases at the desk
and decided there, back at the window for 出件."""

from __future__ import annotations

from townclerk.db.database import Database
from townclerk.enums import CaseStatus, Holder, Routing
from townclerk.records.cases import CaseQuery
from townclerk.services.back_office import BackOfficeService
from townclerk.services.cases import CaseService
from townclerk.services.demo import DEMO_PASSWORD, generate_cases, install_demo
from townclerk.services.desks import DeskService
from townclerk.services.users import UserService


def test_the_demo_has_desks_an_officer_and_cases_at_the_desk(db: Database) -> None:
    printed = install_demo(db)
    assert "scjg1" in printed and "孙科员" in printed and "市场监管后台" in printed
    users = UserService(db)
    admin = users.authenticate("admin", DEMO_PASSWORD)
    officer = users.authenticate("scjg1", DEMO_PASSWORD)
    desks = {desk.name: desk for desk in DeskService(db).desks(admin)}
    assert desks["市场监管后台"].departments == ("睢宁县市场监督管理局",)
    assert desks["人社后台"].departments == ("睢宁县人力资源和社会保障局",)
    assert [o.username for o in desks["市场监管后台"].officers] == ["scjg1"]
    generate_cases(db, admin, cases=20, days=3, seed=4)
    queue = BackOfficeService(db).queue(officer)
    assert len(queue) == 2
    assert {row.desk_name for row in queue} == {"市场监管后台"}
    cases = CaseService(db)
    back = cases.list_cases(
        officer, CaseQuery(holder=Holder.WINDOW, statuses=(CaseStatus.COMPLETED,), text="")
    )
    decided = [
        cases.get(officer, row.number) for row in back if row.item_name == queue[0].item_name
    ]
    assert len(decided) == 1
    journey = decided[0].journey
    assert journey is not None and journey.routing is Routing.BACK_OFFICE
    assert journey.result_number is not None and journey.result_number.startswith("92320324MA")
    assert [h.to_holder for h in journey.handovers] == [Holder.DESK, Holder.WINDOW]
