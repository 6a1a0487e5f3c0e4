"""The statutory deadline beside the promised one, and 延期 (《行政许可法》第42条), through the real
service on SQLite and PostgreSQL: every refusal leaves the case as it was."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from tests.conftest import FakeClock
from tests.factories import intake_for, make_item
from tests.people import PASSWORD
from townclerk.case_states import CaseAction
from townclerk.db.database import Database
from townclerk.db.models import AuditEntry, Case, CaseEvent
from townclerk.enums import Decision, Role, SpecialProcedure
from townclerk.errors import InvalidTransition, PermissionDenied, UserError
from townclerk.records.approval import SupervisorCredentials
from townclerk.records.cases import CaseQuery
from townclerk.records.center import CenterSettings
from townclerk.records.statistics import MEASURE_BY_FIELD, Dimension, Period
from townclerk.services.access import Actor
from townclerk.services.cases import EXTEND_ACTION, CaseService
from townclerk.services.report_workbooks import ReportWorkbooks
from townclerk.services.settings import SettingsService
from townclerk.services.statistics import StatisticsService
from townclerk.services.users import UserService

ACCEPTED_ON = dt.date(2026, 9, 29)  # the clock's Tuesday before National Day
STATUTORY_DUE = dt.date(2026, 10, 26)  # 15 working days (10-10 is a make-up Saturday)
REASON = "需实地核查经营场所，法定期限内不能作出决定"


@dataclass(frozen=True)
class People:
    admin: Actor
    clerk: Actor
    other_clerk: Actor
    chief: Actor


@pytest.fixture
def people(any_db: Database) -> People:
    users = UserService(any_db)
    users.create_first_admin("admin", PASSWORD, "系统管理员")
    admin = users.authenticate("admin", PASSWORD)
    SettingsService(any_db).update_center(
        admin, CenterSettings(center_name="睢宁县示范镇为民服务中心", center_code="320324101")
    )
    for username, role, name in (
        ("clerk1", Role.CLERK, "王晓燕"),
        ("clerk2", Role.CLERK, "赵敏"),
        ("chief", Role.SUPERVISOR, "李主任"),
    ):
        users.create_user(admin, username, PASSWORD, role, name)
    return People(
        admin,
        users.authenticate("clerk1", PASSWORD),
        users.authenticate("clerk2", PASSWORD),
        users.authenticate("chief", PASSWORD),
    )


def accepted(db: Database, clerk: Actor) -> str:
    item = make_item(db, promised_days=5, statutory_days=15)
    return CaseService(db).accept(clerk, intake_for(item)).number


def snapshot(db: Database, number: str) -> tuple[object, ...]:
    with db.sessions() as session:
        case = session.scalar(select(Case).where(Case.number == number))
        assert case is not None
        events = session.scalars(select(CaseEvent.action).where(CaseEvent.case_id == case.id))
        return (
            case.status,
            case.due_date,
            case.statutory_due_date,
            case.extension_days,
            case.extension_reason,
            case.extension_approved_by,
            tuple(events),
        )


def audit_actions(db: Database) -> list[tuple[str, str, dict[str, object]]]:
    with db.sessions() as session:
        rows = session.execute(
            select(AuditEntry.action, AuditEntry.target, AuditEntry.detail).order_by(AuditEntry.id)
        )
        return [(action, target, detail) for action, target, detail in rows]


# --- the statutory deadline ---------------------------------------------------------------------


def test_acceptance_sets_both_deadlines(any_db: Database, people: People) -> None:
    case = CaseService(any_db).get(people.clerk, accepted(any_db, people.clerk))
    assert case.due_date == dt.date(2026, 10, 12)
    assert case.statutory_due_date == STATUTORY_DUE
    assert case.statutory_limit == 15
    assert case.extension is None


def test_a_pause_moves_both_deadlines_alike(
    any_db: Database, people: People, clock: FakeClock
) -> None:
    service = CaseService(any_db)
    number = accepted(any_db, people.clerk)
    clock.set(dt.datetime(2026, 10, 9, 9))
    service.start_correction(people.clerk, number, "申请书签名缺失")
    clock.set(dt.datetime(2026, 10, 14, 9))
    case = service.end_correction(people.clerk, number)
    # 10-09, 10-10 (a make-up Saturday) and 10-12 … 10-14 did not count, on either clock.
    assert case.due_date == dt.date(2026, 10, 19)
    assert case.statutory_due_date == dt.date(2026, 11, 2)


# --- 延期 -----------------------------------------------------------------------------------------


def test_supervisor_extends_on_their_own_authority(any_db: Database, people: People) -> None:
    number = accepted(any_db, people.chief)
    case = CaseService(any_db).extend(people.chief, number, 5, REASON)
    assert case.statutory_due_date == dt.date(2026, 11, 2)
    assert case.due_date == dt.date(2026, 10, 12)  # the promise does not move
    assert case.statutory_limit == 20
    assert case.extension is not None
    assert case.extension.days == 5
    assert case.extension.reason == REASON
    assert case.extension.approved_by == "李主任"
    assert case.extension.decided_on == ACCEPTED_ON
    event = case.events[-1]
    assert event.action is CaseAction.EXTEND
    assert event.user_name == "李主任"
    assert event.note == f"延长法定办理期限5个工作日（李主任批准）：{REASON}"
    assert (EXTEND_ACTION, number, {"approver": "chief", "days": 5}) in audit_actions(any_db)


def test_clerk_extends_with_the_supervisors_password(any_db: Database, people: People) -> None:
    number = accepted(any_db, people.clerk)
    case = CaseService(any_db).extend(
        people.clerk, number, 10, REASON, credentials=SupervisorCredentials("chief", PASSWORD)
    )
    assert case.statutory_due_date == dt.date(2026, 11, 9)
    assert case.extension is not None and case.extension.approved_by == "李主任"
    assert case.events[-1].user_name == "王晓燕"  # who did it; the note and audit say who approved
    assert "李主任批准" in case.events[-1].note
    assert snapshot(any_db, number)[3:6] == (10, REASON, "李主任")
    assert audit_actions(any_db)[-1] == (
        EXTEND_ACTION,
        number,
        {"approver": "chief", "days": 10},
    )


def test_extension_during_a_pause_counts_once_the_pause_ends(
    any_db: Database, people: People, clock: FakeClock
) -> None:
    service = CaseService(any_db)
    number = accepted(any_db, people.chief)
    clock.set(dt.datetime(2026, 10, 12, 9))
    service.start_special(
        people.chief, number, "专家评审", procedure=SpecialProcedure.EXPERT_REVIEW, expected_days=5
    )
    clock.set(dt.datetime(2026, 10, 14, 9))
    assert service.extend(people.chief, number, 2, REASON).statutory_due_date == dt.date(
        2026, 10, 28
    )
    clock.set(dt.datetime(2026, 10, 16, 9))
    # 15 + 2 working days, the five of the 特别程序 (10-12 … 10-16) not counted.
    assert service.end_special(people.chief, number).statutory_due_date == dt.date(2026, 11, 4)


@pytest.mark.parametrize(
    ("days", "reason", "message"),
    [
        (11, REASON, "延长的期限应为1至10个工作日"),
        (0, REASON, "延长的期限应为1至10个工作日"),
        (-3, REASON, "延长的期限应为1至10个工作日"),
        (5, "  ", "请填写延期理由"),
    ],
)
def test_bad_extension_changes_nothing(
    any_db: Database, people: People, days: int, reason: str, message: str
) -> None:
    # The approval's own refusals are in test_supervisor_approval.py, with 容缺's.
    number = accepted(any_db, people.clerk)
    before = snapshot(any_db, number)
    with pytest.raises(UserError, match=message):
        CaseService(any_db).extend(
            people.clerk, number, days, reason, credentials=SupervisorCredentials("chief", PASSWORD)
        )
    assert snapshot(any_db, number) == before


def test_only_once(any_db: Database, people: People) -> None:
    service = CaseService(any_db)
    number = accepted(any_db, people.chief)
    assert CaseAction.EXTEND in service.get(people.chief, number).allowed_actions
    assert CaseAction.EXTEND not in service.extend(people.chief, number, 3, REASON).allowed_actions
    before = snapshot(any_db, number)
    with pytest.raises(UserError, match="该办件已延期3个工作日；依法只能延期一次"):
        service.extend(people.chief, number, 2, REASON)
    assert snapshot(any_db, number) == before


def test_not_on_a_closed_case(any_db: Database, people: People) -> None:
    service = CaseService(any_db)
    number = accepted(any_db, people.chief)
    service.complete(people.chief, number, Decision.GRANTED, "营业执照")
    before = snapshot(any_db, number)
    with pytest.raises(InvalidTransition, match="办件当前状态为“已办结”，不能延期"):
        service.extend(people.chief, number, 5, REASON)
    assert snapshot(any_db, number) == before


def test_not_after_the_statutory_limit_ran_out(
    any_db: Database, people: People, clock: FakeClock
) -> None:
    service = CaseService(any_db)
    number = accepted(any_db, people.chief)
    clock.set(dt.datetime(2026, 10, 27, 9))
    before = snapshot(any_db, number)
    with pytest.raises(UserError, match="法定办理期限已于2026-10-26届满，不能再延期"):
        service.extend(people.chief, number, 5, REASON)
    assert snapshot(any_db, number) == before


def test_an_admin_cannot_act_on_a_case_but_can_approve(any_db: Database, people: People) -> None:
    service = CaseService(any_db)
    number = accepted(any_db, people.clerk)
    with pytest.raises(PermissionDenied):
        service.extend(people.admin, number, 5, REASON)
    approval = SupervisorCredentials("admin", PASSWORD)
    case = service.extend(people.clerk, number, 5, REASON, credentials=approval)
    assert case.extension is not None and case.extension.approved_by == "系统管理员"


# --- the case list ---------------------------------------------------------------------------


def test_list_flags_and_filters_the_two_overruns_apart(
    any_db: Database, people: People, clock: FakeClock
) -> None:
    service = CaseService(any_db)
    promised_only = accepted(any_db, people.chief)  # promised 10-12, statutory 10-26
    clock.set(dt.datetime(2026, 10, 12, 9))
    paused = service.accept(
        people.chief, intake_for(make_item(any_db, code="X-2", promised_days=1, statutory_days=1))
    ).number
    service.start_correction(people.chief, paused, "缺少签名")
    late = service.accept(
        people.chief, intake_for(make_item(any_db, code="X-3", promised_days=1, statutory_days=1))
    ).number
    clock.set(dt.datetime(2026, 10, 15, 9))
    rows = {row.number: row for row in service.list_cases(people.chief, CaseQuery())}
    assert (rows[promised_only].warning, rows[promised_only].over_statutory) == ("red", False)
    assert rows[promised_only].statutory_due_date == STATUTORY_DUE
    assert rows[late].over_statutory
    assert not rows[paused].over_statutory  # paused: its deadline moves on
    over = service.list_cases(people.chief, CaseQuery(over_statutory=True))
    assert [row.number for row in over] == [late]
    assert service.count_cases(people.chief, CaseQuery(over_statutory=True)) == 1
    overdue = {row.number for row in service.list_cases(people.chief, CaseQuery(overdue=True))}
    assert promised_only in overdue and late in overdue


# --- statistics and the warning workbook -----------------------------------------------------


def statutory_scenario(db: Database, people: People, clock: FakeClock) -> dict[str, str]:
    """From Tue 2026-09-29: an item of 1 promised and 2 statutory working days (due 09-30 and
    10-08) and one of 1 and 15; cases completed late on 10-12, left open, paused, extended."""
    service = CaseService(db)
    short = make_item(db, code="S-2", promised_days=1, statutory_days=2)
    long = make_item(db, code="S-15", promised_days=1, statutory_days=15)
    chief = people.chief
    numbers = {
        name: service.accept(chief, intake_for(item)).number
        for name, item in (
            ("done_over", short),
            ("open_over", short),
            ("paused", short),
            ("extended", short),
            ("promise_only", long),
        )
    }
    clock.set(dt.datetime(2026, 9, 30, 10))
    service.extend(chief, numbers["extended"], 10, REASON)  # statutory 10-21
    clock.set(dt.datetime(2026, 10, 9, 10))
    service.start_correction(chief, numbers["paused"], "缺少签名")
    clock.set(dt.datetime(2026, 10, 12, 10))
    for name in ("done_over", "promise_only"):
        service.complete(chief, numbers[name], Decision.GRANTED, "证照")
    clock.set(dt.datetime(2026, 10, 15, 17))
    return numbers


def test_statistics_count_over_statutory_cases_apart(
    any_db: Database, people: People, clock: FakeClock
) -> None:
    statutory_scenario(any_db, people, clock)
    report = StatisticsService(any_db).report(
        people.chief, Period(ACCEPTED_ON, dt.date(2026, 10, 15)), dimensions=(Dimension.DAY,)
    )
    totals = report.totals
    # done_over took 5 working days against 2; open_over is open past 10-08. The paused case
    # is not counted while paused, the extended one runs to 10-21, promise_only was late on
    # its promise only.
    assert (totals.completed_over_statutory, totals.open_over_statutory) == (1, 1)
    assert totals.value(MEASURE_BY_FIELD["over_statutory"]) == 2
    assert totals.completed_late == 2
    days = {row.key: row.figures for row in report.breakdowns[Dimension.DAY]}
    assert days[dt.date(2026, 10, 8)].open_over_statutory == 0  # due that day: not yet over
    assert days[dt.date(2026, 10, 9)].open_over_statutory == 2  # done_over, open_over
    assert days[dt.date(2026, 10, 12)].open_over_statutory == 1  # done_over completed
    assert days[dt.date(2026, 10, 12)].completed_over_statutory == 1
    earlier = StatisticsService(any_db).report(
        people.chief, Period(dt.date(2026, 10, 1), dt.date(2026, 10, 9))
    )
    assert earlier.totals.over_statutory == 2  # both open at the end of 10-09


def test_warning_workbook_flags_over_statutory_cases(
    any_db: Database, people: People, clock: FakeClock, tmp_path: Path
) -> None:
    numbers = statutory_scenario(any_db, people, clock)
    path = tmp_path / "预警.xlsx"
    ReportWorkbooks(any_db).deadline_warnings(people.chief, path)
    sheet = load_workbook(path)["超期预警清单"]
    header = [cell.value for cell in sheet[4]]
    assert header[-2:] == ["法定办结日期", "超法定时限"]
    rows = {row[1]: row for row in sheet.iter_rows(min_row=5, values_only=True)}
    # 10-09, the make-up Saturday 10-10, 10-12 … 10-15.
    assert rows[numbers["open_over"]][-2:] == (dt.datetime(2026, 10, 8), "超6个工作日")
    assert rows[numbers["extended"]][-2:] == (dt.datetime(2026, 10, 21), None)
    # Paused: never 超法定时限 (whether the promised date lists it is the pauses' rule).
    assert rows.get(numbers["paused"], (None,))[-1] is None
    (total,) = [row for row in rows.values() if row[0] == "合计"]
    assert total[-1] == "超法定时限1件"
    notes = [cell.value for cell in load_workbook(path)["说明"]["B"]]
    assert any(str(note).startswith("超法定时限：") for note in notes)
