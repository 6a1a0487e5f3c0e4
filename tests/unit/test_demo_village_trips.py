"""The demo's village trips: after ``init --demo`` and ``demo-data`` the window has a 交接单 to
tick in and a 返还清单 gone back with one of its results picked up."""

from __future__ import annotations

from townclerk.db.database import Database
from townclerk.enums import CaseStatus, DeliveryMethod, Holder, PreRegistrationStatus
from townclerk.services.cases import CaseService
from townclerk.services.demo import DEMO_PASSWORD, generate_cases, install_demo
from townclerk.services.users import UserService
from townclerk.services.village_arrivals import VillageArrivalService
from townclerk.services.village_returns import VillageReturnService


def test_the_demo_has_a_list_to_tick_in_and_results_at_a_point(db: Database) -> None:
    install_demo(db)
    users = UserService(db)
    admin = users.authenticate("admin", DEMO_PASSWORD)
    clerk = users.authenticate("clerk1", DEMO_PASSWORD)
    summary = generate_cases(db, admin, cases=20, days=3)
    assert summary.examples == 5  # a denial, a refusal, 3 notices (the trips came with init)

    # The trip of three (the village point demo's own 交接单 carries two).
    incoming = VillageArrivalService(db).incoming(clerk)
    assert len(incoming) == 2
    (arrived,) = [trip for trip in incoming if len(trip.entries) == 3]
    assert arrived.received_at is None
    assert [entry.status for entry in arrived.entries] == [PreRegistrationStatus.SENT] * 3
    assert "户口簿" not in arrived.entries[1].papers
    assert "委托书（代办时提供）" in arrived.entries[0].papers

    returns = VillageReturnService(db)
    (point,) = [p for p in returns.points(clerk) if p.at_point]
    assert (point.ready, point.at_point) == (0, 1)
    (returned,) = returns.lists_for_point(clerk, point.id)
    picked, waiting = returned.entries
    assert picked.picked_up_by == "周德明" and waiting.picked_up_by is None
    case = CaseService(db).get(clerk, picked.case_number)
    assert (case.status, case.delivery_method) == (CaseStatus.DELIVERED, DeliveryMethod.AGENT)
    waiting_case = CaseService(db).get(clerk, waiting.case_number)
    assert waiting_case.journey is not None and waiting_case.journey.holder is Holder.VILLAGE
