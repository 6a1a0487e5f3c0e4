"""Personal data follows the paper rule on screens and the command line: ID numbers and phones
masked unless a role allowed to see them (or the clerk handling the case) asks, and the asking
is audited; a disabled user's session ends at its next action."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import select

from tests.cli_runner import run_cli
from tests.factories import ID_ZHANG, intake_for, make_item
from tests.people import PASSWORD
from townclerk.db.database import Database
from townclerk.db.models import AuditEntry
from townclerk.enums import Role
from townclerk.errors import PermissionDenied
from townclerk.records.cases import AgentInput, CaseDetail, CaseQuery
from townclerk.records.statistics import Period
from townclerk.services.access import Actor, SessionEnded
from townclerk.services.cases import REVEAL_ACTION, CaseService
from townclerk.services.report_workbooks import ReportWorkbooks
from townclerk.services.settings import SettingsService
from townclerk.services.users import UserService

MASKED_ID = "320324********1238"
MASKED_PHONE = "138****5678"
AGENT_ID = "32032419851120002X"


def reveals(db: Database) -> list[AuditEntry]:
    with db.sessions() as session:
        return list(session.scalars(select(AuditEntry).where(AuditEntry.action == REVEAL_ACTION)))


@pytest.fixture
def case(db: Database, clerk: Actor) -> CaseDetail:
    agent = AgentInput(name="李娜", id_number=AGENT_ID, phone="13987654321")
    return CaseService(db).accept(clerk, replace(intake_for(make_item(db)), agent=agent))


def test_masked_keeps_the_first_six_and_last_four(case: CaseDetail) -> None:
    masked = case.masked()
    assert (masked.applicant.id_number, masked.applicant.phone) == (MASKED_ID, MASKED_PHONE)
    assert (masked.agent_id_number, masked.agent_phone) == ("320324********002X", "139****4321")
    assert masked.applicant.name == case.applicant.name  # names are not masked
    assert case.applicant.id_number == ID_ZHANG  # the record itself is unchanged


def test_the_handling_clerk_and_a_supervisor_may_reveal_and_are_audited(
    db: Database, case: CaseDetail, clerk: Actor, supervisor: Actor
) -> None:
    service = CaseService(db)
    assert service.reveal(clerk, case.number).case.applicant.id_number == ID_ZHANG
    assert service.reveal(supervisor, case.number).case.applicant.phone == "13812345678"
    entries = reveals(db)
    assert [(entry.username, entry.target) for entry in entries] == [
        ("clerk1", case.number),
        ("chief", case.number),
    ]


def test_another_clerk_and_an_admin_are_refused_and_nothing_is_audited(
    db: Database, case: CaseDetail, admin: Actor
) -> None:
    UserService(db).create_user(admin, "clerk2", PASSWORD, Role.CLERK, "刘建国")
    other = UserService(db).authenticate("clerk2", PASSWORD)
    for actor in (other, admin):
        with pytest.raises(PermissionDenied, match="查看完整个人信息"):
            CaseService(db).reveal(actor, case.number)
    assert reveals(db) == []


def show_case(
    capsys: pytest.CaptureFixture[str], data_dir: Path, number: str, *options: str
) -> tuple[int, str, str]:
    return run_cli(capsys, "--data-dir", str(data_dir), "case", "show", number, *options)


@pytest.fixture
def cli_case(
    db: Database, case: CaseDetail, monkeypatch: pytest.MonkeyPatch, data_dir: Path
) -> CaseDetail:
    monkeypatch.setenv("TOWNCLERK_PASSWORD", PASSWORD)
    db.dispose()  # the command line opens the same file itself
    return case


def test_case_show_masks_unless_full(
    cli_case: CaseDetail,
    db: Database,
    supervisor: Actor,
    data_dir: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = show_case(capsys, data_dir, cli_case.number, "--user", "clerk1")
    assert code == 0
    assert MASKED_ID in out and ID_ZHANG not in out and AGENT_ID not in out
    assert reveals(db) == []

    code, out, _ = show_case(capsys, data_dir, cli_case.number, "--full", "--user", "chief")
    assert code == 0
    assert ID_ZHANG in out and AGENT_ID in out
    (entry,) = reveals(db)
    assert (entry.username, entry.target) == ("chief", cli_case.number)


def test_a_refused_full_prints_nothing_personal_and_audits_nothing(
    cli_case: CaseDetail,
    db: Database,
    admin: Actor,
    data_dir: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    UserService(db).create_user(admin, "clerk2", PASSWORD, Role.CLERK, "刘建国")
    for user in ("clerk2", "admin"):
        code, out, err = show_case(capsys, data_dir, cli_case.number, "--full", "--user", user)
        assert code == 1
        assert out == ""
        assert "查看完整个人信息" in err and len(err.splitlines()) == 1
        assert "1238" not in err
    assert reveals(db) == []


def test_case_list_prints_no_personal_data(
    cli_case: CaseDetail, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run_cli(capsys, "--data-dir", str(data_dir), "case", "list", "--user", "clerk1")
    assert code == 0
    assert out.startswith(cli_case.number)
    assert "1238" not in out and "5678" not in out and "张伟" not in out


# --- a disabled user's session --------------------------------------------------------------
def test_a_disabled_users_next_action_is_refused(
    db: Database, admin: Actor, clerk: Actor, supervisor: Actor, tmp_path: Path
) -> None:
    item = make_item(db)
    cases = CaseService(db)
    number = cases.accept(clerk, intake_for(item)).number
    users = UserService(db)
    users.set_active(admin, "clerk1", False)
    users.set_active(admin, "chief", False)

    refusals = [
        lambda: cases.accept(clerk, intake_for(item, id_number="32032419851120002X")),
        lambda: cases.get(clerk, number),
        lambda: cases.reveal(clerk, number),
        lambda: cases.withdraw(clerk, number, "申请人撤回"),
        lambda: users.change_password(clerk, PASSWORD, "Another2026x"),
        lambda: ReportWorkbooks(db).daily(supervisor, db.today(), tmp_path / "d.xlsx"),
        lambda: ReportWorkbooks(db).ledger(
            supervisor, Period.day(db.today()), tmp_path / "l.xlsx", full_personal_data=True
        ),
    ]
    for refused in refusals:
        with pytest.raises(SessionEnded, match="已被停用"):
            refused()
    assert list(tmp_path.glob("*.xlsx")) == []
    assert [case.number for case in cases.list_cases(admin, CaseQuery())] == [number]

    users.set_active(admin, "clerk1", True)  # enabled again: the same session works
    assert cases.get(clerk, number).number == number


def test_a_disabled_admin_changes_nothing(db: Database, admin: Actor) -> None:
    users = UserService(db)
    users.create_user(admin, "admin2", PASSWORD, Role.ADMIN)
    second = users.authenticate("admin2", PASSWORD)
    users.set_active(admin, "admin2", False)
    with pytest.raises(SessionEnded):
        SettingsService(db).add_window(second, "综合窗口九")
    with pytest.raises(SessionEnded):
        users.create_user(second, "mole", PASSWORD, Role.ADMIN)
    assert [row.name for row in SettingsService(db).windows()] == []
    assert [user.username for user in users.list_users(admin)] == ["admin", "admin2"]
