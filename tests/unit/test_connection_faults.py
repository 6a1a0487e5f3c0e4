"""The connection to the server cut in the middle of an accept (pg_terminate_backend): the
service reports a lost connection, and the retry with the form's intake key leaves exactly one
case, whether the first try's COMMIT reached the server or not."""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import Connection, event, func, select
from sqlalchemy.exc import DBAPIError

from tests.factories import intake_for, make_item
from tests.people import add_user, first_admin
from tests.postgres_server import terminate_backend
from townclerk.db.database import Database, user_error_behind
from townclerk.db.models import Case
from townclerk.enums import Role
from townclerk.errors import ConnectionLost
from townclerk.records.cases import Intake
from townclerk.services.access import Actor
from townclerk.services.cases import CaseService

pytestmark = [pytest.mark.postgres]


@pytest.fixture
def clerk(pg: Database) -> Actor:
    return add_user(pg, first_admin(pg), "clerk1", Role.CLERK, "王晓燕")


@pytest.fixture
def intake(pg: Database) -> Intake:
    return dataclasses.replace(intake_for(make_item(pg)), intake_key=uuid.uuid4().hex)


def case_count(db: Database) -> int:
    with db.reads() as session:
        return session.scalar(select(func.count()).select_from(Case)) or 0


@pytest.fixture
def cut_before_commit(pg: Database, clerk: Actor, intake: Intake) -> Iterator[None]:
    """(After the set-up's own commits.) The next COMMIT finds its server process gone:
    nothing of the transaction stays."""
    done: list[bool] = []

    def cut(connection: Connection) -> None:
        if not done:
            done.append(True)
            driver = connection.connection.driver_connection
            terminate_backend(pg.engine, driver.info.backend_pid)  # type: ignore[union-attr]

    event.listen(pg.engine, "commit", cut, insert=True)  # before the change notice is sent
    yield
    event.remove(pg.engine, "commit", cut)


@pytest.fixture
def cut_after_commit(
    pg: Database, clerk: Actor, intake: Intake, monkeypatch: pytest.MonkeyPatch
) -> None:
    """(After the set-up's own commits.) The next COMMIT reaches the server, then the
    connection dies before the window hears back: the case is registered, the window sees an
    error."""
    dialect = pg.engine.dialect
    commit = dialect.do_commit
    done: list[bool] = []

    def commit_then_cut(pooled: Any) -> None:
        commit(pooled)
        if not done:
            done.append(True)
            driver = pooled.driver_connection
            terminate_backend(pg.engine, driver.info.backend_pid)
            driver.execute("SELECT 1")  # what the lost answer looks like

    monkeypatch.setattr(dialect, "do_commit", commit_then_cut)


def accept_losing_the_connection(pg: Database, clerk: Actor, intake: Intake) -> None:
    with pytest.raises(Exception) as caught:
        CaseService(pg).accept(clerk, intake)
    assert isinstance(user_error_behind(caught.value), ConnectionLost), caught.value
    # SQLAlchemy knows the connection is dead: the pool drops it, the next try gets a new one.
    assert isinstance(caught.value, DBAPIError) and caught.value.connection_invalidated


@pytest.mark.usefixtures("cut_before_commit")
def test_cut_before_the_commit_registers_nothing_and_the_retry_registers_once(
    pg: Database, clerk: Actor, intake: Intake
) -> None:
    accept_losing_the_connection(pg, clerk, intake)
    assert case_count(pg) == 0
    case = CaseService(pg).accept(clerk, intake)  # the pool's next connection is a fresh one
    assert case_count(pg) == 1
    assert case.number.endswith("-0001")  # the number of the try that failed was not used
    assert CaseService(pg).accept(clerk, intake).number == case.number
    assert case_count(pg) == 1


@pytest.mark.usefixtures("cut_after_commit")
def test_cut_after_the_commit_and_the_retry_gives_back_the_same_case(
    pg: Database, clerk: Actor, intake: Intake
) -> None:
    accept_losing_the_connection(pg, clerk, intake)
    assert case_count(pg) == 1
    with pg.reads() as session:
        registered = session.scalar(select(Case.number))
    case = CaseService(pg).accept(clerk, intake)
    assert case.number == registered
    assert case_count(pg) == 1
