"""A supervisor's approval, one and the same for both steps a clerk may not take alone (延期, and
办结 with a 容缺 material outstanding), through the real service on SQLite and PostgreSQL: who
may approve, a wrong password throttled like a login, every refusal audited and the case left
as it was."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from sqlalchemy import func, select

from tests.conftest import FakeClock
from tests.factories import intake_for, make_item
from tests.people import PASSWORD, add_user, first_admin
from townclerk.db.database import Database
from townclerk.db.models import AuditEntry, Case, CaseEvent, LoginThrottle
from townclerk.enums import CaseStatus, Decision, Role
from townclerk.errors import AuthenticationFailed, InvalidTransition, PermissionDenied, UserError
from townclerk.records.approval import SupervisorCredentials
from townclerk.records.cases import CaseDetail, ToleranceOverride
from townclerk.services.access import Actor
from townclerk.services.cases import EXTEND_ACTION, TOLERANCE_OVERRIDE_ACTION, CaseService
from townclerk.services.supervisor_approval import APPROVAL_REFUSED_ACTION
from townclerk.services.users import UserService

REASON = "需实地核查经营场所"
PROMISED = dt.date(2026, 10, 9)


@dataclass(frozen=True)
class Step:
    """A step that needs a supervisor's approval: a case ready for it, and taking it."""

    action: str  # the audit action of the approved step
    ready: Callable[[Database, Actor], str]
    take: Callable[[CaseService, Actor, str, SupervisorCredentials | None], CaseDetail]
    taken: Callable[[CaseDetail], bool]


def _accepted(db: Database, clerk: Actor) -> str:
    return CaseService(db).accept(clerk, intake_for(make_item(db))).number


def _tolerated(db: Database, clerk: Actor) -> str:
    item = make_item(db)
    intake = intake_for(
        item, received=item.material_ids[:1], tolerated={item.material_ids[1]: PROMISED}
    )
    return CaseService(db).accept(clerk, intake).number


EXTEND = Step(
    EXTEND_ACTION,
    _accepted,
    lambda service, actor, number, credentials: service.extend(
        actor, number, 5, REASON, credentials=credentials
    ),
    lambda case: case.extension is not None,
)
TOLERANCE_OVERRIDE = Step(
    TOLERANCE_OVERRIDE_ACTION,
    _tolerated,
    lambda service, actor, number, credentials: service.complete(
        actor,
        number,
        Decision.GRANTED,
        "营业执照",
        override=ToleranceOverride("申请人住院，申请书原件出院后补交", credentials),
    ),
    lambda case: case.status is CaseStatus.COMPLETED,
)


@pytest.fixture(params=[EXTEND, TOLERANCE_OVERRIDE], ids=["extend", "tolerance_override"])
def step(request: pytest.FixtureRequest) -> Step:
    result: Step = request.param
    return result


@dataclass(frozen=True)
class People:
    admin: Actor
    clerk: Actor
    chief: Actor


@pytest.fixture
def people(any_db: Database) -> People:
    admin = first_admin(any_db, display_name="系统管理员")
    add_user(any_db, admin, "clerk2", Role.CLERK, "赵敏")
    add_user(any_db, admin, "deputy", Role.SUPERVISOR, "张副主任")
    UserService(any_db).set_active(admin, "deputy", False)
    return People(
        admin,
        add_user(any_db, admin, "clerk1", Role.CLERK, "王晓燕"),
        add_user(any_db, admin, "chief", Role.SUPERVISOR, "李主任"),
    )


def case_state(db: Database, number: str) -> tuple[object, ...]:
    """What a refused approval leaves as it was."""
    with db.reads() as session:
        case = session.scalar(select(Case).where(Case.number == number))
        assert case is not None
        events = session.scalar(
            select(func.count()).select_from(CaseEvent).where(CaseEvent.case_id == case.id)
        )
        return (
            case.status,
            case.completed_at,
            case.statutory_due_date,
            case.extension_days,
            case.extension_approved_by,
            events,
        )


def audit(db: Database, action: str) -> list[tuple[str, str, dict[str, object]]]:
    with db.reads() as session:
        rows = session.execute(
            select(AuditEntry.username, AuditEntry.target, AuditEntry.detail)
            .where(AuditEntry.action == action)
            .order_by(AuditEntry.id)
        )
        return [(username, target, detail) for username, target, detail in rows]


def throttled(db: Database) -> dict[str, int]:
    with db.reads() as session:
        return dict(session.execute(select(LoginThrottle.name, LoginThrottle.failures)).all())


def test_a_supervisor_taking_the_step_approves_it_alone(
    any_db: Database, people: People, step: Step
) -> None:
    number = step.ready(any_db, people.clerk)
    case = step.take(CaseService(any_db), people.chief, number, None)
    assert step.taken(case)
    [(username, target, detail)] = audit(any_db, step.action)
    assert (username, target, detail["approver"]) == ("chief", number, "chief")
    assert audit(any_db, APPROVAL_REFUSED_ACTION) == []


@pytest.mark.parametrize(("typed", "approver"), [(" chief ", "chief"), ("admin", "admin")])
def test_a_clerk_takes_the_step_with_a_supervisors_password(
    any_db: Database, people: People, step: Step, typed: str, approver: str
) -> None:
    number = step.ready(any_db, people.clerk)
    credentials = SupervisorCredentials(typed, PASSWORD)
    case = step.take(CaseService(any_db), people.clerk, number, credentials)
    assert step.taken(case)
    [(username, target, detail)] = audit(any_db, step.action)
    assert (username, target, detail["approver"]) == ("clerk1", number, approver)
    assert audit(any_db, APPROVAL_REFUSED_ACTION) == []


def test_a_wrong_password_is_throttled_like_a_login_and_audited(
    any_db: Database, people: People, step: Step, clock: FakeClock
) -> None:
    number = step.ready(any_db, people.clerk)
    before = case_state(any_db, number)
    service = CaseService(any_db)

    def attempt(password: str) -> CaseDetail:
        return step.take(service, people.clerk, number, SupervisorCredentials("chief", password))

    with pytest.raises(AuthenticationFailed, match=r"^批准人用户名或密码错误$"):
        attempt("wrong-pass1")
    with pytest.raises(AuthenticationFailed, match=r"^批准人用户名或密码错误；1秒后才能再试$"):
        attempt("wrong-pass2")
    assert throttled(any_db) == {"chief": 2}
    # Even the right password waits: the dialog is no side door for guessing.
    with pytest.raises(AuthenticationFailed, match=r"^密码错误次数过多，请1秒后再试$"):
        attempt(PASSWORD)
    # The same count holds the supervisor's login back.
    with pytest.raises(AuthenticationFailed, match="登录失败次数过多"):
        UserService(any_db).authenticate("chief", PASSWORD)
    assert case_state(any_db, number) == before
    assert audit(any_db, step.action) == []
    refused = {"step": step.action, "approver": "chief"}
    assert audit(any_db, APPROVAL_REFUSED_ACTION) == [
        ("clerk1", number, refused | {"refused": "password"}),
        ("clerk1", number, refused | {"refused": "password"}),
        ("clerk1", number, refused | {"refused": "throttled"}),
    ]
    clock.advance(seconds=2)
    assert step.taken(attempt(PASSWORD))
    assert throttled(any_db) == {}


@pytest.mark.parametrize(
    ("typed", "error", "message", "refused"),
    [
        (
            "clerk2",
            PermissionDenied,
            "^赵敏（窗口工作人员）不能批准：须由中心负责人输入其用户名和密码$",
            "role",
        ),
        ("clerk1", PermissionDenied, "^王晓燕（窗口工作人员）不能批准", "role"),
        ("deputy", PermissionDenied, "^用户 deputy 已被停用，不能批准$", "inactive"),
        ("nobody", AuthenticationFailed, "^批准人用户名或密码错误$", "password"),
    ],
    ids=["another-clerk", "the-clerk-themselves", "inactive-supervisor", "unknown-name"],
)
def test_only_an_active_supervisors_password_approves(
    any_db: Database,
    people: People,
    step: Step,
    typed: str,
    error: type[Exception],
    message: str,
    refused: str,
) -> None:
    number = step.ready(any_db, people.clerk)
    before = case_state(any_db, number)
    with pytest.raises(error, match=message):
        step.take(CaseService(any_db), people.clerk, number, SupervisorCredentials(typed, PASSWORD))
    assert case_state(any_db, number) == before
    assert audit(any_db, step.action) == []
    assert audit(any_db, APPROVAL_REFUSED_ACTION) == [
        ("clerk1", number, {"step": step.action, "approver": typed, "refused": refused})
    ]


@pytest.mark.parametrize(
    ("credentials", "message"),
    [
        (None, "^须经中心负责人批准：请中心负责人输入其用户名和密码$"),
        (SupervisorCredentials("  ", PASSWORD), "^须经中心负责人批准"),
        (SupervisorCredentials("", ""), "^须经中心负责人批准"),
        (SupervisorCredentials("chief", ""), "^请输入中心负责人的密码$"),
    ],
    ids=["none", "blank-name", "both-empty", "no-password"],
)
def test_empty_fields_write_nothing(
    any_db: Database,
    people: People,
    step: Step,
    credentials: SupervisorCredentials | None,
    message: str,
) -> None:
    number = step.ready(any_db, people.clerk)
    before = case_state(any_db, number)
    with pytest.raises(UserError, match=message):
        step.take(CaseService(any_db), people.clerk, number, credentials)
    assert case_state(any_db, number) == before
    assert audit(any_db, APPROVAL_REFUSED_ACTION) == []
    assert throttled(any_db) == {}


def test_no_password_is_checked_for_a_case_that_cannot_take_the_step(
    any_db: Database, people: People, step: Step
) -> None:
    service = CaseService(any_db)
    number = step.ready(any_db, people.clerk)
    service.withdraw(people.clerk, number, "申请人撤回申请")
    with pytest.raises(InvalidTransition, match="已撤回"):
        step.take(service, people.clerk, number, SupervisorCredentials("chief", "wrong-pass1"))
    assert throttled(any_db) == {}
    assert audit(any_db, APPROVAL_REFUSED_ACTION) == []
