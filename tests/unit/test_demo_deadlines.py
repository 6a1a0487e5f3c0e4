"""The demo data's deadline stories: every accepted case has its statutory date, one case has a
延期 (with its notice), one is left open past its statutory limit."""

from __future__ import annotations

from sqlalchemy import select

from tests.factories import make_item
from townclerk.case_states import CaseAction
from townclerk.db.database import Database
from townclerk.db.models import Case, CasePause, Setting
from townclerk.enums import CaseStatus, DocumentKind
from townclerk.records.cases import CaseQuery
from townclerk.services.access import Actor
from townclerk.services.cases import CaseService
from townclerk.services.demo import (
    DEMO_EXTENSION_DAYS,
    DEMO_EXTENSION_REASON,
    DEMO_SETTING,
    generate_cases,
)
from townclerk.services.history import verify_history
from townclerk.services.printing import PrintService
from townclerk.workdays import WorkCalendar


def test_demo_cases_carry_both_deadlines_an_extension_and_an_overrun(
    db: Database, admin: Actor, clerk: Actor, supervisor: Actor
) -> None:
    with db.sessions.begin() as session:
        session.add(Setting(key=DEMO_SETTING, value="1"))
    make_item(db)  # 5 promised, 15 statutory working days
    make_item(db, code="CN-20", name="农村村民宅基地审批", promised_days=20, statutory_days=20)
    generate_cases(db, admin, cases=400, days=90, seed=5)
    service = CaseService(db)
    with db.sessions() as session:
        accepted = session.scalars(
            select(Case).where(Case.status.not_in([CaseStatus.NOTIFIED, CaseStatus.REFUSED]))
        ).all()
        assert accepted and all(case.statutory_due_date is not None for case in accepted)
        paused = set(session.scalars(select(CasePause.case_id)))
        calendar = WorkCalendar()
        for case in accepted:
            limit = case.statutory_days + case.extension_days
            if case.id not in paused:
                assert case.statutory_due_date == calendar.add_working_days(case.received_on, limit)
        (extended,) = [case.number for case in accepted if case.extension_days]

    over = service.list_cases(supervisor, CaseQuery(over_statutory=True))
    assert len(over) == 1 and over[0].status is CaseStatus.ACCEPTED

    case = service.get(supervisor, extended)
    assert case.extension is not None
    assert (case.extension.days, case.extension.reason, case.extension.approved_by) == (
        DEMO_EXTENSION_DAYS,
        DEMO_EXTENSION_REASON,
        "李主任",
    )
    assert case.extension.decided_on is not None
    assert [event.action for event in case.events][-1] is CaseAction.EXTEND
    printed = PrintService(db).render(supervisor, extended, DocumentKind.EXTENSION_NOTICE)
    assert printed.path.is_file()
    assert verify_history(db, admin).ok
