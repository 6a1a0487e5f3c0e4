"""``townclerk report …`` through a parser built with townclerk.cli.reports.register()."""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from tests.conftest import FakeClock
from tests.factories import ID_ZHANG
from tests.people import PASSWORD
from tests.unit.report_scenario import Scenario, build_scenario
from townclerk import launch
from townclerk.cli import reports
from townclerk.cli.context import CliContext
from townclerk.db.database import Database, open_database
from townclerk.db.models import AuditEntry
from townclerk.errors import PermissionDenied, UserError
from townclerk.services.access import Actor


@pytest.fixture
def scenario(
    db: Database, clock: FakeClock, admin: Actor, clerk: Actor, supervisor: Actor
) -> Scenario:
    return build_scenario(db, clock, admin, clerk, supervisor)


@pytest.fixture
def context(
    db: Database, data_dir: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> Iterator[CliContext]:
    """The CLI's context on the test database, reading the test clock."""

    def open_with_clock(url: str, folder: Path, *, migrate: bool = True) -> Database:
        return open_database(url, folder, migrate=migrate, clock=clock)

    monkeypatch.setattr(launch, "open_database", open_with_clock)
    monkeypatch.setenv("TOWNCLERK_PASSWORD", PASSWORD)
    cli = CliContext(data_dir=data_dir, url=str(db.engine.url))
    yield cli
    cli.close()


@pytest.fixture
def out(tmp_path: Path) -> Path:
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


def parser() -> argparse.ArgumentParser:
    result = argparse.ArgumentParser(prog="townclerk")
    reports.register(result.add_subparsers(dest="command"))
    return result


def run(context: CliContext, *args: str) -> int:
    parsed = parser().parse_args(list(args))
    return int(parsed.handler(parsed, context))


def test_daily_defaults_to_today(
    scenario: Scenario, context: CliContext, out: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = out / "日报.xlsx"
    assert run(context, "report", "daily", "-o", str(path), "--user", "chief") == 0
    assert capsys.readouterr().out == f"已导出办件统计日报：{path}\n"
    overview = load_workbook(path)["总览"]
    assert "2026-10-15（星期四）" in overview["A2"].value
    assert (
        run(context, "report", "daily", "--date", "2026-10-10", "-o", str(path), "--user", "chief")
        == 0
    )
    assert "2026-10-10（星期六）" in load_workbook(path)["总览"]["A2"].value


def test_range_report_for_an_admin(
    scenario: Scenario, context: CliContext, out: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = out / "月报.xlsx"
    code = run(
        context,
        "report",
        "range",
        "--from",
        "2026-10-01",
        "--to",
        "2026-10-31",
        "--output",
        str(path),
        "--user",
        "admin",
    )
    assert code == 0
    assert capsys.readouterr().out == f"已导出办件统计报表：{path}\n"
    book = load_workbook(path)
    assert "2026-10-01 至 2026-10-31（31天）" in book["总览"]["A2"].value
    assert book["按日"].cell(row=5 + 15, column=1).value == "合计"  # counted up to today, 10-15


def test_ledger_masked_and_full(
    db: Database,
    scenario: Scenario,
    context: CliContext,
    out: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    period = ("--from", "2026-09-29", "--to", "2026-10-15")
    masked, full = out / "台账.xlsx", out / "台账-完整.xlsx"
    assert run(context, "report", "ledger", *period, "-o", str(masked), "--user", "chief") == 0
    assert (
        run(context, "report", "ledger", *period, "-o", str(full), "--full", "--user", "chief") == 0
    )
    assert capsys.readouterr().out.splitlines() == [
        f"已导出办件台账（14件）：{masked}",
        f"已导出办件台账（14件）：{full}",
    ]
    assert load_workbook(masked)["办件台账"]["K5"].value == "320324********1238"
    assert load_workbook(full)["办件台账"]["K5"].value == ID_ZHANG
    with db.sessions() as session:
        targets = session.scalars(
            select(AuditEntry.target).where(AuditEntry.action.like("export%"))
        )
        assert list(targets) == [str(full)]


def test_overdue_list(
    scenario: Scenario, context: CliContext, out: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = out / "预警.xlsx"
    assert run(context, "report", "overdue", "-o", str(path), "--user", "chief") == 0
    assert capsys.readouterr().out == f"已导出超期预警清单（2件）：{path}\n"
    assert load_workbook(path)["超期预警清单"]["A5"].value == "已超期"


def test_refusals_leave_no_file(scenario: Scenario, context: CliContext, out: Path) -> None:
    path = str(out / "r.xlsx")
    with pytest.raises(PermissionDenied, match="查看统计报表"):
        run(context, "report", "daily", "-o", path, "--user", "clerk1")
    with pytest.raises(PermissionDenied, match="导出完整个人信息"):
        run(context, "report", "overdue", "-o", path, "--full", "--user", "admin")
    with pytest.raises(UserError, match="--user"):
        run(context, "report", "daily", "-o", path)
    with pytest.raises(UserError, match="晚于结束日期"):
        run(
            context,
            "report",
            "range",
            "--from",
            "2026-10-02",
            "--to",
            "2026-10-01",
            "-o",
            path,
            "--user",
            "chief",
        )
    with pytest.raises(UserError, match="尚未到来"):
        run(context, "report", "daily", "--date", "2026-10-16", "-o", path, "--user", "chief")
    with pytest.raises(UserError, match=r"\.xlsx"):
        run(context, "report", "daily", "-o", str(out / "r.csv"), "--user", "chief")
    assert list(out.iterdir()) == []


@pytest.mark.parametrize(
    "args",
    [
        ("report", "daily", "--user", "chief"),  # no -o
        ("report", "daily", "--date", "15/10/2026", "-o", "x.xlsx"),
        ("report", "range", "--from", "2026-10-01", "-o", "x.xlsx"),  # no --to
        ("report", "weekly", "-o", "x.xlsx"),
        ("report", "daily", "--full", "-o", "x.xlsx"),  # --full is for ledger and overdue
    ],
)
def test_usage_errors_exit_2(args: tuple[str, ...], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        parser().parse_args(list(args))
    assert exit_info.value.code == 2
    assert capsys.readouterr().err


def test_help_names_every_kind(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        parser().parse_args(["report", "--help"])
    assert exit_info.value.code == 0
    text = capsys.readouterr().out
    for kind in ("daily", "range", "ledger", "overdue"):
        assert kind in text


def test_dates_are_real_dates() -> None:
    parsed = parser().parse_args(
        ["report", "ledger", "--from", "2026-02-01", "--to", "2026-02-28", "-o", "x.xlsx"]
    )
    assert (parsed.first, parsed.last) == (dt.date(2026, 2, 1), dt.date(2026, 2, 28))
    assert parsed.full is False
