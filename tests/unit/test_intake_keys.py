"""One intake form, one case: a registration retried with its form's key never registers twice."""

from __future__ import annotations

import dataclasses
import uuid

import pytest
from sqlalchemy import func, select

from tests.factories import ID_LI, intake_for, make_item
from tests.people import add_user, first_admin
from townclerk.db.database import Database
from townclerk.db.models import Case
from townclerk.enums import CaseStatus, Role
from townclerk.errors import UserError
from townclerk.records.cases import Intake
from townclerk.services import cases as cases_module
from townclerk.services.access import Actor
from townclerk.services.cases import CaseService


@pytest.fixture
def clerk(any_db: Database) -> Actor:
    return add_user(any_db, first_admin(any_db), "clerk1", Role.CLERK, "王晓燕")


def keyed_intake(db: Database) -> Intake:
    return dataclasses.replace(intake_for(make_item(db)), intake_key=uuid.uuid4().hex)


def case_count(db: Database) -> int:
    with db.reads() as session:
        return session.scalar(select(func.count()).select_from(Case)) or 0


def test_the_same_form_registered_twice_gives_back_the_first_case(
    any_db: Database, clerk: Actor
) -> None:
    intake = keyed_intake(any_db)
    service = CaseService(any_db)
    first = service.accept(clerk, intake)
    again = service.accept(clerk, intake)
    assert again.number == first.number
    assert again.status is CaseStatus.ACCEPTED
    assert [event.action for event in again.events] == [event.action for event in first.events]
    assert case_count(any_db) == 1
    with any_db.reads() as session:
        assert session.scalar(select(Case.intake_key)) == intake.intake_key
    # The next form has a key of its own: a second case.
    other = service.accept(clerk, dataclasses.replace(intake, intake_key=uuid.uuid4().hex))
    assert other.number != first.number
    assert case_count(any_db) == 2


def test_a_registration_losing_the_race_for_its_key_gives_back_the_winners_case(
    any_db: Database, clerk: Actor, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two tries of one form at once both find no case by the key; the unique index stops the
    second, which then reads the first's case."""
    intake = keyed_intake(any_db)
    service = CaseService(any_db)
    first = service.accept(clerk, intake)
    monkeypatch.setattr(cases_module, "registered_before", lambda *_args: None)
    again = service.accept(clerk, intake)
    assert again.number == first.number
    assert case_count(any_db) == 1


def test_a_key_back_with_another_applicant_or_item_is_refused(
    any_db: Database, clerk: Actor
) -> None:
    intake = keyed_intake(any_db)
    service = CaseService(any_db)
    first = service.accept(clerk, intake)
    other_item = make_item(any_db, code="320324-MZ-010", name="临时救助申请")
    for reused in (
        dataclasses.replace(intake_for(other_item), intake_key=intake.intake_key),
        dataclasses.replace(
            intake, applicant=dataclasses.replace(intake.applicant, id_number=ID_LI)
        ),
    ):
        with pytest.raises(UserError, match=f"本表单已登记过办件 {first.number}"):
            service.accept(clerk, reused)
    assert case_count(any_db) == 1


@pytest.mark.parametrize("key", ["", "x" * 65])
def test_a_malformed_key_is_refused(any_db: Database, clerk: Actor, key: str) -> None:
    intake = dataclasses.replace(keyed_intake(any_db), intake_key=key)
    with pytest.raises(UserError, match="受理表单的标识无效"):
        CaseService(any_db).accept(clerk, intake)
    assert case_count(any_db) == 0


def test_registrations_without_a_key_are_not_merged(any_db: Database, clerk: Actor) -> None:
    """The CLI and older callers send no key: each call is a registration of its own."""
    intake = intake_for(make_item(any_db))
    service = CaseService(any_db)
    assert service.accept(clerk, intake).number != service.accept(clerk, intake).number
    assert case_count(any_db) == 2
