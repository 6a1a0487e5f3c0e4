"""容缺: 办结 waits for the tolerated materials unless a supervisor approves with a reason; the
容缺逾期 filter and sheet list what is owed past its promised date. On SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from tests.conftest import FakeClock
from tests.factories import ID_LI, ItemRef, intake_for, make_item
from tests.people import CENTER_CODE, PASSWORD
from townclerk.case_states import CaseAction
from townclerk.db.database import Database
from townclerk.db.models import AuditEntry, Case, CaseEvent, LoginThrottle
from townclerk.enums import CaseStatus, Decision, MaterialState, Role
from townclerk.errors import UserError
from townclerk.records.approval import SupervisorCredentials
from townclerk.records.cases import CaseDetail, CaseQuery, ToleranceOverride
from townclerk.records.center import CenterSettings
from townclerk.services.access import Actor
from townclerk.services.cases import TOLERANCE_OVERRIDE_ACTION, CaseService
from townclerk.services.report_workbooks import ReportWorkbooks
from townclerk.services.settings import SettingsService
from townclerk.services.users import UserService

PROMISED = dt.date(2026, 10, 9)  # the 容缺 material's promised date (a Friday)
AFTER_PROMISE = dt.datetime(2026, 10, 13, 10, 0)  # 3 working days later (Sat 10-10 is one)


class People:
    def __init__(self, db: Database) -> None:
        users = UserService(db)
        users.create_first_admin("admin", PASSWORD, "系统管理员")
        self.admin = users.authenticate("admin", PASSWORD)
        SettingsService(db).update_center(
            self.admin,
            CenterSettings(center_name="睢宁县示范镇为民服务中心", center_code=CENTER_CODE),
        )
        users.create_user(self.admin, "clerk1", PASSWORD, Role.CLERK, "王晓燕")
        users.create_user(self.admin, "clerk2", PASSWORD, Role.CLERK, "赵敏")
        users.create_user(self.admin, "chief", PASSWORD, Role.SUPERVISOR, "李主任")
        self.clerk = users.authenticate("clerk1", PASSWORD)
        self.supervisor = users.authenticate("chief", PASSWORD)


@pytest.fixture
def people(any_db: Database) -> People:
    return People(any_db)


def tolerated_case(db: Database, clerk: Actor, *, id_number: str | None = None) -> CaseDetail:
    """张伟's 个体工商户设立登记, its application form (申请书) tolerated until PROMISED."""
    item = _item(db)
    intake = intake_for(
        item,
        received=item.material_ids[:1],
        tolerated={item.material_ids[1]: PROMISED},
        **({"id_number": id_number, "name": "李娜"} if id_number else {}),
    )
    return CaseService(db).accept(clerk, intake)


def _item(db: Database) -> ItemRef:
    with db.reads() as session:
        count = session.scalar(select(func.count()).select_from(Case)) or 0
    return make_item(db, code=f"SCJG-{count}")


def state(db: Database, number: str) -> tuple[object, ...]:
    """What a refused 办结 must leave as it was."""
    with db.reads() as session:
        case = session.scalar(select(Case).where(Case.number == number))
        assert case is not None
        return (
            case.status,
            case.decision,
            case.completed_at,
            session.scalar(select(func.count()).select_from(CaseEvent)),
            session.scalar(select(func.count()).select_from(AuditEntry)),
        )


def throttled_names(db: Database) -> dict[str, int]:
    with db.reads() as session:
        return dict(session.execute(select(LoginThrottle.name, LoginThrottle.failures)).all())


def test_complete_is_refused_while_a_tolerated_material_is_outstanding(
    any_db: Database, people: People
) -> None:
    case = tolerated_case(any_db, people.clerk)
    before = state(any_db, case.number)
    with pytest.raises(UserError) as refused:
        CaseService(any_db).complete(people.clerk, case.number, Decision.GRANTED, "营业执照")
    message = str(refused.value)
    assert "容缺材料尚未补交，不能办结" in message
    assert "个体工商户设立登记申请书（承诺2026-10-09前补交）" in message
    assert state(any_db, case.number) == before
    # Once supplied, 办结 needs nobody's approval.
    service = CaseService(any_db)
    service.supply_material(people.clerk, case.number, case.tolerated_materials[0].material_id)
    done = service.complete(people.clerk, case.number, Decision.GRANTED, "营业执照")
    assert done.status is CaseStatus.COMPLETED
    assert CaseAction.TOLERANCE_OVERRIDE not in [event.action for event in done.events]


def test_an_override_without_a_reason_changes_nothing(any_db: Database, people: People) -> None:
    # The approval's own refusals are in test_supervisor_approval.py, with 延期's.
    case = tolerated_case(any_db, people.clerk)
    before = state(any_db, case.number)
    override = ToleranceOverride("  \n", SupervisorCredentials("chief", "wrong-pass1"))
    with pytest.raises(UserError, match="请填写批准理由"):
        CaseService(any_db).complete(
            people.clerk, case.number, Decision.GRANTED, "营业执照", override=override
        )
    assert state(any_db, case.number) == before
    assert throttled_names(any_db) == {}  # the reason comes first: no password was checked


def test_a_supervisor_approves_with_their_password_and_it_is_recorded(
    any_db: Database, people: People, clock: FakeClock
) -> None:
    case = tolerated_case(any_db, people.clerk)
    clock.set(AFTER_PROMISE)
    done = CaseService(any_db).complete(
        people.clerk,
        case.number,
        Decision.GRANTED,
        "营业执照",
        override=ToleranceOverride(
            "申请人住院，申请书原件出院后补交", SupervisorCredentials(" chief ", PASSWORD)
        ),
    )
    assert done.status is CaseStatus.COMPLETED
    approval, completion = done.events[-2:]
    assert (approval.action, completion.action) == (
        CaseAction.TOLERANCE_OVERRIDE,
        CaseAction.COMPLETE,
    )
    assert approval.user_name == "王晓燕"  # the clerk acted; the supervisor approved
    assert approval.note == (
        "批准人：李主任（chief）；理由：申请人住院，申请书原件出院后补交；"
        "未补交：个体工商户设立登记申请书（承诺2026-10-09前补交）"
    )
    # Still owed: the material can be supplied after 办结.
    assert [m.state for m in done.tolerated_materials] == [MaterialState.TOLERATED]
    with any_db.reads() as session:
        entry = session.scalar(
            select(AuditEntry).where(AuditEntry.action == TOLERANCE_OVERRIDE_ACTION)
        )
    assert entry is not None
    assert (entry.username, entry.target) == ("clerk1", case.number)
    assert entry.detail["approver"] == "chief"
    assert entry.detail["reason"] == "申请人住院，申请书原件出院后补交"
    assert entry.detail["outstanding"] == ["个体工商户设立登记申请书"]


def test_a_supervisor_completing_needs_only_the_reason(any_db: Database, people: People) -> None:
    case = tolerated_case(any_db, people.clerk)
    done = CaseService(any_db).complete(
        people.supervisor,
        case.number,
        Decision.GRANTED,
        "营业执照",
        override=ToleranceOverride("材料已在县局系统核验"),
    )
    assert done.events[-2].note.startswith("批准人：李主任（chief）；理由：材料已在县局系统核验")
    with pytest.raises(UserError, match="请填写批准理由"):
        other = tolerated_case(any_db, people.clerk, id_number=ID_LI)
        CaseService(any_db).complete(
            people.supervisor,
            other.number,
            Decision.GRANTED,
            "营业执照",
            override=ToleranceOverride(""),
        )


def test_an_instant_item_cannot_be_accepted_under_tolerance(
    any_db: Database, people: People
) -> None:
    item = make_item(any_db, code="JB-1", promised_days=0)
    intake = intake_for(
        item, received=item.material_ids[:1], tolerated={item.material_ids[1]: PROMISED}
    )
    with pytest.raises(UserError, match="即办件当场办结，不能容缺受理（个体工商户设立登记申请书）"):
        CaseService(any_db).accept(people.clerk, intake)
    with any_db.reads() as session:
        assert session.scalar(select(func.count()).select_from(Case)) == 0


def test_the_tolerance_overdue_filter(any_db: Database, people: People, clock: FakeClock) -> None:
    service = CaseService(any_db)
    owing = tolerated_case(any_db, people.clerk)
    supplied = tolerated_case(any_db, people.clerk, id_number=ID_LI)
    service.supply_material(
        people.clerk, supplied.number, supplied.tolerated_materials[0].material_id
    )
    query = CaseQuery(tolerance_overdue=True)
    assert service.list_cases(people.clerk, query) == []  # nothing is late yet
    clock.set(AFTER_PROMISE)
    assert [row.number for row in service.list_cases(people.clerk, query)] == [owing.number]
    assert service.count_cases(people.clerk, query) == 1
    # Completed with approval, it is still owed (and still listed) until it is delivered.
    service.complete(
        people.supervisor,
        owing.number,
        Decision.GRANTED,
        "营业执照",
        override=ToleranceOverride("县局已核验"),
    )
    assert [row.number for row in service.list_cases(people.clerk, query)] == [owing.number]
    service.deliver(people.clerk, owing.number)
    assert service.list_cases(people.clerk, query) == []


def test_the_overdue_workbook_has_a_sheet_of_tolerated_materials_overdue(
    any_db: Database, people: People, clock: FakeClock, tmp_path: Path
) -> None:
    owing = tolerated_case(any_db, people.clerk)
    tolerated_case(any_db, people.clerk, id_number=ID_LI)  # promised later: not overdue
    with any_db.sessions.begin() as session:
        later = session.scalar(select(Case).where(Case.number != owing.number))
        assert later is not None
        later_number = later.number
    CaseService(any_db).supply_material(
        people.clerk,
        later_number,
        CaseService(any_db).get(people.clerk, later_number).tolerated_materials[0].material_id,
    )
    clock.set(AFTER_PROMISE)
    path = tmp_path / "预警.xlsx"
    ReportWorkbooks(any_db).deadline_warnings(people.supervisor, path)
    sheet = load_workbook(path)["容缺逾期"]
    rows = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=5, max_row=6)]
    assert rows[0][:5] == [1, owing.number, "个体工商户设立登记", "张伟", "138****5678"]
    assert rows[0][7:11] == [
        "个体工商户设立登记申请书",
        dt.datetime(2026, 10, 9),
        "逾期3个工作日",
        "在办",
    ]
    assert rows[1][:2] == ["合计", "1件，材料1份"]


def test_demo_data_has_tolerance_overdue_and_linked_resubmissions(
    db: Database, admin: Actor, clerk: Actor, supervisor: Actor
) -> None:
    from townclerk.db.models import Setting
    from townclerk.records.statistics import Period
    from townclerk.services.demo import DEMO_SETTING, generate_cases
    from townclerk.services.history import verify_chain
    from townclerk.services.statistics import StatisticsService

    with db.sessions.begin() as session:
        session.add(Setting(key=DEMO_SETTING, value="1"))
    make_item(db)
    make_item(db, code="CN-20", name="农村村民宅基地审批", promised_days=20, statutory_days=20)
    generate_cases(db, admin, cases=400, days=60, seed=3)
    service = CaseService(db)
    owing = service.list_cases(clerk, CaseQuery(tolerance_overdue=True))
    assert owing
    case = service.get(clerk, owing[0].number)
    today = db.today()
    assert case.overdue_tolerated(today) and case.status in (
        CaseStatus.ACCEPTED,
        CaseStatus.CORRECTION,
        CaseStatus.SPECIAL,
    )
    with db.reads() as session:
        linked = session.scalars(
            select(Case.number).where(Case.resubmits_case_id.is_not(None))
        ).all()
    assert linked
    resubmission = service.get(clerk, linked[0])
    assert resubmission.resubmits is not None
    assert resubmission.events[1].action is CaseAction.RESUBMIT
    notice = service.get(clerk, resubmission.resubmits)
    assert notice.status is CaseStatus.NOTIFIED
    assert notice.resubmitted_as == resubmission.number
    assert notice.applicant.id == resubmission.applicant.id
    assert notice.events[-1].note == f"已补齐受理，办件 {resubmission.number}"
    assert [e.seq for e in resubmission.events] == list(range(1, len(resubmission.events) + 1))
    report = StatisticsService(db).report(supervisor, Period(today - dt.timedelta(days=59), today))
    assert report.totals.resubmitted == len(linked)
    assert verify_chain(db).ok
