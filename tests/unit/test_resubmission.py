"""补齐后受理: a 一次性告知's applicant comes back with what was missing; the new case is linked to
the notice, both show it, and the statistics count it. On SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from sqlalchemy import func, select

from tests.factories import ID_LI, ID_ZHANG, ItemRef, intake_for, make_item
from tests.unit.test_tolerance import People
from townclerk.case_states import CaseAction
from townclerk.cli.cases import format_case
from townclerk.db.database import Database
from townclerk.db.models import Case, CaseEvent, ServiceItem
from townclerk.enums import CaseStatus, Channel
from townclerk.errors import InvalidTransition, NotFound, UserError
from townclerk.records.cases import AgentInput, CaseDetail
from townclerk.records.statistics import MEASURE_BY_FIELD, Period
from townclerk.services.cases import CaseService
from townclerk.services.statistics import StatisticsService

AGENT = AgentInput("李芳", ID_LI, "13987654321")


@pytest.fixture
def people(any_db: Database) -> People:
    return People(any_db)


def notice(db: Database, people: People) -> CaseDetail:
    """张伟 applied through the agent 李芳 with only the first of three materials."""
    item = make_item(db)
    intake = intake_for(item, received=item.material_ids[:1])
    intake = replace(intake, agent=AGENT, channel=Channel.VILLAGE_AGENT)
    return CaseService(db).notify(people.clerk, intake)


def counts(db: Database) -> tuple[int, int]:
    with db.reads() as session:
        return (
            session.scalar(select(func.count()).select_from(Case)) or 0,
            session.scalar(select(func.count()).select_from(CaseEvent)) or 0,
        )


def test_the_draft_carries_the_notices_item_applicant_agent_and_materials_seen(
    any_db: Database,
    people: People,
) -> None:
    told = notice(any_db, people)
    draft = CaseService(any_db).resubmission(people.clerk, f" {told.number} ")
    assert draft.notice_number == told.number
    assert draft.item_id == told.item_id
    assert draft.item_name == "个体工商户设立登记"
    assert (draft.applicant.name, draft.applicant.id_number) == ("张伟", ID_ZHANG)
    assert draft.agent == AGENT
    assert draft.channel is Channel.VILLAGE_AGENT
    assert draft.received_material_ids == (told.materials[0].material_id,)


def test_accepting_links_the_new_case_to_the_notice(
    any_db: Database,
    people: People,
) -> None:
    told = notice(any_db, people)
    service = CaseService(any_db)
    complete = intake_for(_ref(told))
    accepted = service.accept(people.clerk, complete, resubmits=told.number)
    assert accepted.status is CaseStatus.ACCEPTED
    assert accepted.resubmits == told.number
    assert [e.action for e in accepted.events] == [CaseAction.ACCEPT, CaseAction.RESUBMIT]
    assert accepted.events[1].note == f"补齐一次性告知 {told.number} 后受理"
    with any_db.reads() as session:
        linked = session.scalar(
            select(Case.resubmits_case_id).where(Case.number == accepted.number)
        )
    assert linked == told.id

    again = service.get(people.clerk, told.number)
    assert again.status is CaseStatus.NOTIFIED
    assert again.resubmitted_as == accepted.number
    assert again.events[-1].action is CaseAction.RESUBMIT
    assert again.events[-1].note == f"已补齐受理，办件 {accepted.number}"
    assert CaseAction.RESUBMIT not in again.allowed_actions
    assert f"补齐后受理：补齐一次性告知 {told.number}" in format_case(
        service.get(people.clerk, accepted.number)
    )
    assert f"补齐后受理：已由办件 {accepted.number} 补齐受理" in format_case(again)

    # One acceptance completes a notice: a second one is refused and writes nothing.
    before = counts(any_db)
    with pytest.raises(
        UserError, match=f"一次性告知 {told.number} 已补齐受理（办件 {accepted.number}）"
    ):
        service.accept(people.clerk, complete, resubmits=told.number)
    with pytest.raises(UserError, match="不能再次受理"):
        service.resubmission(people.clerk, told.number)
    assert counts(any_db) == before


def test_an_instant_item_resubmitted_is_accepted_linked_and_completed(
    any_db: Database,
    people: People,
) -> None:
    item = make_item(any_db, code="JB-1", promised_days=0)
    told = CaseService(any_db).notify(people.clerk, intake_for(item, received=()))
    done = CaseService(any_db).accept(people.clerk, intake_for(item), resubmits=told.number)
    assert done.status is CaseStatus.COMPLETED
    assert [e.seq for e in done.events] == [1, 2, 3]
    assert [e.action for e in done.events] == [
        CaseAction.ACCEPT,
        CaseAction.RESUBMIT,
        CaseAction.COMPLETE,
    ]


def test_a_notice_whose_resubmission_was_not_accepted_may_be_resubmitted_again(
    any_db: Database,
    people: People,
) -> None:
    told = notice(any_db, people)
    service = CaseService(any_db)
    # The applicant came back still short of a paper: a second notice, not linked.
    second = service.notify(
        people.clerk, intake_for(_ref(told), received=_ref(told).material_ids[:2])
    )
    assert second.resubmits is None
    assert service.get(people.clerk, told.number).resubmitted_as is None
    accepted = service.accept(people.clerk, intake_for(_ref(told)), resubmits=told.number)
    assert accepted.resubmits == told.number


def test_bad_resubmissions_change_nothing(any_db: Database, people: People) -> None:
    told = notice(any_db, people)
    service = CaseService(any_db)
    accepted = service.accept(people.clerk, intake_for(make_item(any_db, code="OTHER-1")))
    before = counts(any_db)
    with pytest.raises(InvalidTransition, match="办件当前状态为“在办”，不能补齐后受理"):
        service.resubmission(people.clerk, accepted.number)
    with pytest.raises(InvalidTransition, match="不能补齐后受理"):
        service.accept(people.clerk, intake_for(_ref(told)), resubmits=accepted.number)
    with pytest.raises(NotFound, match="办件 320324101-20260929-9999 不存在"):
        service.resubmission(people.clerk, "320324101-20260929-9999")
    with pytest.raises(NotFound):
        service.accept(people.clerk, intake_for(_ref(told)), resubmits="320324101-20260929-9999")
    other_item = make_item(any_db, code="OTHER-2")
    with pytest.raises(
        UserError, match="补齐后受理须为一次性告知的同一事项（“个体工商户设立登记”）"
    ):
        service.accept(people.clerk, intake_for(other_item), resubmits=told.number)
    with pytest.raises(UserError, match="申请人（张伟）相同"):
        service.accept(
            people.clerk,
            intake_for(_ref(told), id_number=ID_LI, name="李娜"),
            resubmits=told.number,
        )
    assert counts(any_db) == before


def test_a_retired_item_cannot_be_resubmitted(any_db: Database, people: People) -> None:
    told = notice(any_db, people)
    with any_db.sessions.begin() as session:
        item = session.get(ServiceItem, told.item_id)
        assert item is not None
        item.active = False
    with pytest.raises(UserError, match="事项“个体工商户设立登记”已从目录中撤销，不能补齐后受理"):
        CaseService(any_db).resubmission(people.clerk, told.number)


def test_statistics_count_notices_that_became_acceptances(
    any_db: Database,
    people: People,
) -> None:
    told = notice(any_db, people)
    service = CaseService(any_db)
    service.accept(people.clerk, intake_for(_ref(told)), resubmits=told.number)
    service.accept(people.clerk, intake_for(_ref(told), id_number=ID_LI, name="李娜"))
    report = StatisticsService(any_db).report(people.supervisor, Period.day(dt.date(2026, 9, 29)))
    assert (report.totals.notified, report.totals.accepted, report.totals.resubmitted) == (1, 2, 1)
    definition = MEASURE_BY_FIELD["resubmitted"]
    assert definition.label == "告知后补齐受理件"
    assert "补齐后受理" in definition.definition


def _ref(case: CaseDetail) -> ItemRef:
    """The item of ``case`` with its materials, for :func:`intake_for`."""
    return ItemRef(case.item_id, tuple(m.material_id for m in case.materials))
