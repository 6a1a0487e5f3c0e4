"""``townclerk catalog …`` through a parser holding the catalog command group."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.cli_runner import database_url
from tests.data.catalog_builders import (
    basic_sheets,
    compound_file,
    item_row,
    write_basic,
    write_sheets,
)
from tests.people import PASSWORD
from townclerk.cli import catalog as catalog_cli
from townclerk.cli.context import CliContext, fail
from townclerk.db.database import Database
from townclerk.errors import UserError
from townclerk.services.access import Actor
from townclerk.services.catalog import CatalogService


def run(data_dir: Path, *argv: str) -> int:
    """What townclerk.cli.main does for one command, with only the catalog group registered."""
    parser = argparse.ArgumentParser(prog="townclerk")
    catalog_cli.register(parser.add_subparsers(dest="command"))
    args = parser.parse_args(list(argv))
    context = CliContext(data_dir=data_dir, url=database_url(data_dir))
    try:
        return int(args.handler(args, context))
    except UserError as error:
        return fail(str(error))
    finally:
        context.close()


@pytest.fixture
def logged_in(monkeypatch: pytest.MonkeyPatch, admin: Actor, clerk: Actor) -> None:
    monkeypatch.setenv("TOWNCLERK_PASSWORD", PASSWORD)


def last_line(text: str) -> str:
    return text.rstrip("\n").split("\n")[-1]


def test_template(data_dir: Path, db: Database, tmp_path: Path) -> None:
    target = tmp_path / "模板.xlsx"
    assert run(data_dir, "catalog", "template", "-o", str(target)) == 0
    assert load_workbook(target).sheetnames == ["事项", "申请材料", "说明"]


def test_import_dry_run_then_import_then_again(
    data_dir: Path,
    db: Database,
    logged_in: None,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = str(write_basic(tmp_path / "v1.xlsx"))
    assert run(data_dir, "catalog", "import", path, "--dry-run", "--user", "admin") == 0
    out = capsys.readouterr().out
    assert "+ SCJG-001\t个体工商户设立登记" in out
    assert "（预览，未导入）" in out
    assert last_line(out) == "added=3 changed=0 retired=0 unchanged=0"
    assert CatalogService(db).versions() == []

    assert run(data_dir, "catalog", "import", path, "--label", "2026版", "--user", "admin") == 0
    out = capsys.readouterr().out
    assert "已导入为目录版本 #1「2026版」" in out
    assert last_line(out) == "added=3 changed=0 retired=0 unchanged=0"

    assert run(data_dir, "catalog", "import", path, "--user", "admin") == 0
    out = capsys.readouterr().out
    assert "没有变更" in out
    assert last_line(out) == "added=0 changed=0 retired=0 unchanged=3"
    assert len(CatalogService(db).versions()) == 1


def test_import_shows_changes_field_by_field(
    data_dir: Path,
    db: Database,
    logged_in: None,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    run(data_dir, "catalog", "import", str(write_basic(tmp_path / "v1.xlsx")), "--user", "admin")
    sheets = basic_sheets()
    sheets["事项"][1] = item_row("SCJG-001", "个体工商户设立登记", promised_days=3)
    del sheets["事项"][3]
    sheets["申请材料"] = [row for row in sheets["申请材料"] if row[0] != "GA-001"]
    path = str(write_sheets(tmp_path / "v2.xlsx", sheets))
    capsys.readouterr()
    assert run(data_dir, "catalog", "import", path, "--user", "admin") == 0
    out = capsys.readouterr().out
    assert "~ SCJG-001\t个体工商户设立登记" in out
    assert "承诺时限（工作日）：5 → 3" in out
    assert "- GA-001\t居住证申领" in out
    assert last_line(out) == "added=0 changed=1 retired=1 unchanged=1"


def test_import_with_errors_applies_nothing_and_writes_the_problems(
    data_dir: Path,
    db: Database,
    logged_in: None,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    sheets = basic_sheets()
    sheets["事项"].append(item_row("BAD-1", "承诺超过法定", statutory_days=3, promised_days=9))
    sheets["事项"].append(item_row("BAD-2", "无依据", legal_basis=None, category="许可证"))
    path = str(write_sheets(tmp_path / "bad.xlsx", sheets))
    problems = tmp_path / "problems.xlsx"
    code = run(
        data_dir, "catalog", "import", path, "--errors-out", str(problems), "--user", "admin"
    )
    captured = capsys.readouterr()
    assert code == 1
    assert "承诺时限（9个工作日）超过法定时限（3个工作日）" in captured.out
    assert "2处错误" in captured.err
    assert last_line(captured.out) == "added=0 changed=0 retired=0 unchanged=0"
    assert CatalogService(db).versions() == []
    rows = list(load_workbook(problems)["问题"].iter_rows(min_row=3, values_only=True))
    assert [(r[0], r[1], r[2], r[3]) for r in rows] == [
        ("错误", "事项", 5, "I"),
        ("错误", "事项", 6, "C"),
        ("警告", "事项", 6, "L"),
    ]


def test_an_unreadable_file_is_one_line_and_exit_1(
    data_dir: Path,
    db: Database,
    logged_in: None,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = tmp_path / "old.xls"
    path.write_bytes(compound_file(["Workbook"]))
    problems = tmp_path / "problems.xlsx"
    code = run(
        data_dir, "catalog", "import", str(path), "--errors-out", str(problems), "--user", "admin"
    )
    captured = capsys.readouterr()
    assert code == 1
    assert captured.err.count("\n") == 1 and ".xls" in captured.err
    assert last_line(captured.out) == "added=0 changed=0 retired=0 unchanged=0"
    rows = list(load_workbook(problems)["问题"].iter_rows(min_row=3, values_only=True))
    assert len(rows) == 1 and ".xls" in str(rows[0][5])


def test_a_clerk_may_not_import(
    data_dir: Path,
    db: Database,
    logged_in: None,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = str(write_basic(tmp_path / "v1.xlsx"))
    assert run(data_dir, "catalog", "import", path, "--user", "clerk1") == 1
    captured = capsys.readouterr()
    assert "无权管理事项目录" in captured.err
    assert last_line(captured.out) == "added=0 changed=0 retired=0 unchanged=0"
    assert CatalogService(db).versions() == []


def test_import_needs_a_user(
    data_dir: Path, db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = str(write_basic(tmp_path / "v1.xlsx"))
    assert run(data_dir, "catalog", "import", path) == 1
    captured = capsys.readouterr()
    assert "--user" in captured.err
    assert last_line(captured.out) == "added=0 changed=0 retired=0 unchanged=0"


def test_export_and_search(
    data_dir: Path,
    db: Database,
    logged_in: None,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    run(data_dir, "catalog", "import", str(write_basic(tmp_path / "v1.xlsx")), "--user", "admin")
    exported = tmp_path / "export.xlsx"
    assert run(data_dir, "catalog", "export", "-o", str(exported), "--user", "clerk1") == 0
    assert "已导出3个事项" in capsys.readouterr().out
    assert run(data_dir, "catalog", "import", str(exported), "--dry-run", "--user", "admin") == 0
    assert last_line(capsys.readouterr().out) == "added=0 changed=0 retired=0 unchanged=3"

    assert run(data_dir, "catalog", "search", "gtgs") == 0
    assert capsys.readouterr().out == "SCJG-001\t个体工商户设立登记\n"
    assert run(data_dir, "catalog", "search", "zhongdu") == 0
    assert capsys.readouterr().out == "CL-001\t重度残疾人护理补贴\n"
    assert run(data_dir, "catalog", "search", "没有这个事项") == 0
    assert capsys.readouterr().out == ""


def test_export_to_a_missing_folder_is_a_plain_error(
    data_dir: Path,
    db: Database,
    logged_in: None,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    target = tmp_path / "no-such-folder" / "export.xlsx"
    assert run(data_dir, "catalog", "export", "-o", str(target), "--user", "admin") == 1
    assert "文件夹不存在" in capsys.readouterr().err
    assert not target.exists()
