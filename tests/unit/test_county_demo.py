"""Demo data shows the 初审转报 journey: a case waiting for its 初审, cases away at the county
(one sent after its 初审 date), decided ones back at the window for 出件, each 转报函 printed."""

from __future__ import annotations

from townclerk.db.database import Database
from townclerk.enums import Holder
from townclerk.services.demo import DEMO_PASSWORD, generate_cases, install_demo
from townclerk.services.dispatch import DispatchService
from townclerk.services.users import UserService


def test_demo_data_has_cases_at_the_county_and_results_to_hand_out(db: Database) -> None:
    install_demo(db)
    users = UserService(db)
    admin = users.authenticate("admin", DEMO_PASSWORD)
    clerk = users.authenticate("clerk1", DEMO_PASSWORD)
    generate_cases(db, admin, cases=30, days=30, seed=2)
    dispatch = DispatchService(db)
    rows = dispatch.county_cases(clerk)
    [waiting] = [row for row in rows if row.holder is Holder.WINDOW]
    assert waiting.review_due_date is not None and not waiting.review_late
    away = [row for row in rows if row.holder is Holder.COUNTY]
    assert len(away) == 3
    # Longest away first: sent 3, 2 (after its 初审 date) and 1 working days ago.
    assert [row.review_late for row in away] == [False, True, False]
    assert [row.days_away for row in away] == [3, 2, 1]
    assert all(row.days_away is not None and row.county_body for row in away)
    decided = [row for row in dispatch.to_deliver(clerk) if row.county_body]
    assert len(decided) == 2
    letters = list((db.data_dir / "documents").rglob("*-referral_letter.pdf"))
    assert len(letters) == 5
