"""``case send-to-county``, ``case county-decision``, ``case to-deliver`` and ``case deliver``:
each does its step (and prints its document), a bad input is one line and exit 1 with nothing
changed."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import select, update

from tests.cli_runner import ADMIN_PASSWORD, database_url, run_cli
from tests.factories import intake_for, make_item
from townclerk.db.database import open_database
from townclerk.db.models import Case, ServiceItem
from townclerk.enums import CaseStatus, Holder, Role, Routing
from townclerk.services.cases import CaseService
from townclerk.services.users import UserService

CLERK_PASSWORD = "Clerk2026x"


@pytest.fixture
def number(initialised: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """An accepted 初审转报 case in the initialised folder; the CLI logs in as clerk1."""
    db = open_database(database_url(initialised), initialised)
    users = UserService(db)
    admin = users.authenticate("boss", ADMIN_PASSWORD)
    users.create_user(admin, "clerk1", CLERK_PASSWORD, Role.CLERK, "王晓燕")
    clerk = users.authenticate("clerk1", CLERK_PASSWORD)
    item = make_item(db, name="取水许可初审", department="睢宁县水务局", promised_days=20)
    with db.sessions.begin() as session:
        session.execute(
            update(ServiceItem).where(ServiceItem.id == item.id).values(routing=Routing.COUNTY)
        )
    accepted = CaseService(db).accept(clerk, intake_for(item)).number
    db.dispose()
    monkeypatch.setenv("TOWNCLERK_PASSWORD", CLERK_PASSWORD)
    return accepted


def case_row(folder: Path, number: str) -> tuple[object, ...]:
    db = open_database(database_url(folder), folder)
    try:
        with db.reads() as session:
            row = session.execute(
                select(
                    Case.status,
                    Case.holder,
                    Case.county_body,
                    Case.review_opinion,
                    Case.decision,
                    Case.delivered_to,
                ).where(Case.number == number)
            ).one()
            return tuple(row)
    finally:
        db.dispose()


def cli(capsys: pytest.CaptureFixture[str], folder: Path, *args: str) -> tuple[int, str, str]:
    return run_cli(capsys, "--data-dir", str(folder), "case", *args, "--user", "clerk1")


def test_the_whole_journey_from_the_command_line(
    initialised: Path, number: str, capsys: pytest.CaptureFixture[str]
) -> None:
    today = dt.date.today().isoformat()
    code, out, _ = cli(
        capsys, initialised, "send-to-county", number, "--opinion", "材料齐全，同意上报"
    )
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == f"办件 {number} 已转报睢宁县水务局（{today}）"
    assert lines[1].startswith("已生成转报函，归档于 ")
    assert list((initialised / "documents").rglob(f"{number}-referral_letter.pdf"))
    assert case_row(initialised, number)[:4] == (
        CaseStatus.ACCEPTED,
        Holder.COUNTY,
        "睢宁县水务局",
        "材料齐全，同意上报",
    )
    code, out, _ = cli(capsys, initialised, "show", number)
    assert "初审时限：" in out and "转报：" in out and "初审意见：材料齐全，同意上报" in out
    code, out, _ = cli(
        capsys,
        initialised,
        "county-decision",
        number,
        "--granted",
        "--date",
        today,
        "--result",
        "取水许可证",
        "--number",
        "取水(苏睢)字[2026]第018号",
        "--valid-until",
        "2031-12-31",
    )
    assert (code, out) == (0, f"办件 {number} 县级决定已登记：准予，已交回综合窗口待出件\n")
    code, out, _ = cli(capsys, initialised, "to-deliver")
    [row] = out.splitlines()
    assert row.startswith(f"{number}\t{today}\t准予\t张伟\t取水许可初审\t取水许可证")
    code, out, _ = cli(
        capsys, initialised, "deliver", number, "--method", "邮寄送达", "--to", "李芳"
    )
    assert code == 0
    assert out.splitlines()[0] == f"办件 {number} 已出件：邮寄送达，领取人 李芳"
    assert list((initialised / "documents").rglob(f"{number}-service_receipt.pdf"))
    assert case_row(initialised, number)[-1] == "李芳"
    code, out, _ = cli(capsys, initialised, "to-deliver")
    assert (code, out) == (0, "")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("send-to-county", "{number}", "--opinion", "  "), "请填写初审意见"),
        (
            ("send-to-county", "{number}", "--opinion", "同意", "--body", "局" * 129),
            "县级部门名称过长（最多128个字符）",
        ),
        (
            ("county-decision", "{number}", "--granted", "--date", "2026-01-01", "--result", "证"),
            "不在县级部门（现在综合窗口），不能登记县级决定",
        ),
        (("deliver", "{number}", "--to", "李芳"), "办件当前状态为“在办”，不能送达"),
        (("deliver", "{number}", "--to", " "), "请填写领取人"),
        (("send-to-county", "nope", "--opinion", "同意"), "办件 nope 不存在"),
    ],
)
def test_bad_input_is_one_line_and_changes_nothing(
    initialised: Path,
    number: str,
    capsys: pytest.CaptureFixture[str],
    args: tuple[str, ...],
    message: str,
) -> None:
    before = case_row(initialised, number)
    code, out, err = cli(capsys, initialised, *(a.format(number=number) for a in args))
    assert (code, out) == (1, "")
    assert err.strip().endswith(message) and len(err.strip().splitlines()) == 1
    assert case_row(initialised, number) == before
    assert not list((initialised / "documents").rglob("*.pdf"))


@pytest.mark.parametrize(
    "args",
    [
        ("county-decision", "X", "--date", "2026-01-01", "--result", "证"),  # 准予 or 不予?
        ("county-decision", "X", "--granted", "--denied", "--date", "2026-01-01", "--result", "证"),
        ("county-decision", "X", "--granted", "--date", "明天", "--result", "证"),
        ("deliver", "X", "--method", "飞鸽", "--to", "李芳"),
        ("send-to-county", "X"),
    ],
)
def test_usage_errors_exit_2(
    initialised: Path, number: str, capsys: pytest.CaptureFixture[str], args: tuple[str, ...]
) -> None:
    code, _, err = cli(capsys, initialised, *args)
    assert code == 2 and err
