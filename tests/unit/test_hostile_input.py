"""Every output path checked before any work, text cells never formulas, control characters
refused, zip bombs refused before parsing, no argument gives a traceback, no password printed,
no database created by a mistyped folder, a foreign file left as it was."""

from __future__ import annotations

import os
import sqlite3
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.cli_runner import initialised_center, run_cli
from tests.factories import intake_for, make_item
from tests.people import PASSWORD
from townclerk.db.database import Database, explain_environment_error
from townclerk.db.engine import redact_passwords, shown_url
from townclerk.errors import UserError
from townclerk.formats.catalog.reader import CatalogFileRefused, read_catalog, read_catalog_bytes
from townclerk.formats.catalog.writer import write_catalog_workbook, write_template
from townclerk.records.cases import AgentInput, CaseQuery
from townclerk.services.access import Actor
from townclerk.services.cases import CaseService
from townclerk.services.catalog import CatalogService
from townclerk.services.settings import SettingsService
from townclerk.services.users import UserService
from townclerk.validation import ValidationError, check_plain_text

DDE = "=cmd|' /C calc'!A0"


@pytest.fixture
def center(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> Path:
    return initialised_center(tmp_path / "center", PASSWORD, monkeypatch, capsys)


# --- output paths ---------------------------------------------------------------------------
def bad_targets(tmp_path: Path) -> list[tuple[Path, str]]:
    folder = tmp_path / "a-folder.xlsx"
    folder.mkdir(parents=True)
    locked = tmp_path / "locked"
    locked.mkdir()
    os.chmod(locked, 0o500)
    targets = [
        (folder, "是文件夹"),
        (Path("/dev/null"), "不是普通文件"),
        (tmp_path / "missing" / "x.xlsx", "文件夹不存在"),
    ]
    if os.name == "posix" and os.geteuid() != 0:  # root may write anywhere
        targets.append((locked / "x.xlsx", "没有权限"))
    return targets


@pytest.mark.parametrize("command", ["template", "export"])
def test_catalog_outputs_are_checked_before_any_work(
    command: str, center: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    targets = tmp_path / "targets"
    for target, message in bad_targets(targets):
        before = sorted(targets.rglob("*"))
        args = ["--data-dir", str(center), "catalog", command, "-o", str(target)]
        if command == "export":
            args += ["--user", "boss"]
        code, out, err = run_cli(capsys, *args)
        assert code == 1, target
        assert message in err and len(err.splitlines()) == 1, err
        assert "Traceback" not in err and out == ""
        assert sorted(targets.rglob("*")) == before
    assert Path("/dev/null").is_char_device()


def test_output_given_twice_as_a_folder_is_one_line(
    center: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    code, _, err = run_cli(
        capsys, "--data-dir", str(center), "catalog", "template", "-o", str(out), "-o", str(out)
    )
    assert code == 1 and "是文件夹" in err and len(err.splitlines()) == 1
    assert list(out.iterdir()) == []


def test_reports_and_print_refuse_a_device(
    center: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run_cli(
        capsys, "--data-dir", str(center), "report", "daily", "-o", "/dev/null", "--user", "boss"
    )
    assert code == 1 and "不是普通文件" in err
    code, _, err = run_cli(
        capsys, "--data-dir", str(center), "print", "X", "-o", "/dev/null", "--user", "boss"
    )
    assert code == 1 and "不是普通文件" in err


def test_catalog_text_cells_are_text_never_formulas(
    db: Database, admin: Actor, tmp_path: Path
) -> None:
    make_item(db, name=DDE)
    path = tmp_path / "catalog.xlsx"
    CatalogService(db).export(admin, path)
    with zipfile.ZipFile(path) as package:
        sheets = [package.read(name) for name in package.namelist() if "worksheets/" in name]
    assert not any(b"<f>" in sheet for sheet in sheets)
    cell = next(
        cell for row in load_workbook(path)["事项"].iter_rows() for cell in row if cell.value == DDE
    )
    assert cell.data_type == "s"
    names = [item.name for item in read_catalog(path).items]
    assert DDE in names  # and it reads back as the same name
    write_template(tmp_path / "template.xlsx")
    write_catalog_workbook(tmp_path / "empty.xlsx", ())


# --- control characters ---------------------------------------------------------------------
@pytest.mark.parametrize("character", ["\x00", "\x1b", "\x07", "\x7f", "\x9b"])
def test_control_characters_are_refused(character: str) -> None:
    with pytest.raises(ValidationError, match="控制字符"):
        check_plain_text(f"张{character}伟", "姓名")
    with pytest.raises(ValidationError, match="控制字符"):
        check_plain_text(f"第一行\n第二{character}行", "备注", multiline=True)


def test_tab_and_line_breaks_where_several_lines_are_allowed() -> None:
    assert check_plain_text("第一行\n\t第二行", "备注", multiline=True) == "第一行\n\t第二行"
    with pytest.raises(ValidationError):
        check_plain_text("张\n伟", "姓名")


def test_services_refuse_control_characters_and_change_nothing(
    db: Database, admin: Actor, clerk: Actor
) -> None:
    item = make_item(db)
    cases = CaseService(db)
    agent = AgentInput("李\x00娜", "32032419851120002X", "13987654321")
    applicant = intake_for(item).applicant
    attempts = [
        lambda: cases.accept(clerk, intake_for(item, name="张\x1b[2J伟")),
        lambda: cases.accept(clerk, replace(intake_for(item), note="备注\x00")),
        lambda: cases.accept(clerk, replace(intake_for(item), agent=agent)),
        lambda: cases.accept(
            clerk,
            replace(intake_for(item), applicant=replace(applicant, address="路\x1b12号")),
        ),
        lambda: SettingsService(db).add_window(admin, "窗口\x1b"),
        lambda: SettingsService(db).add_village(admin, "王集\x07村"),
        lambda: UserService(db).create_user(admin, "clerk9", PASSWORD, clerk.role, "王\x00"),
    ]
    for attempt in attempts:
        with pytest.raises(UserError, match="控制字符"):
            attempt()
    assert cases.count_cases(admin, CaseQuery()) == 0
    assert SettingsService(db).windows(include_inactive=True) == []


# --- archives that unpack too far -----------------------------------------------------------
def bomb(tmp_path: Path, member_bytes: int) -> Path:
    """A real catalog workbook plus one member of ``member_bytes`` zeros (deflated to ~1/1000)."""
    source = tmp_path / "source.xlsx"
    write_template(source)
    target = tmp_path / "bomb.xlsx"
    with (
        zipfile.ZipFile(source) as original,
        zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as package,
    ):
        for info in original.infolist():
            package.writestr(info, original.read(info))
        with package.open("xl/media/padding.bin", "w") as stream:
            chunk = bytes(1024 * 1024)
            for _ in range(member_bytes // len(chunk)):
                stream.write(chunk)
    return target


def test_a_member_unpacking_far_beyond_its_size_is_refused_before_parsing(
    tmp_path: Path,
) -> None:
    path = bomb(tmp_path, 8 * 1024 * 1024)  # 8 MB of zeros in ~8 KB
    assert path.stat().st_size < 100_000
    with pytest.raises(CatalogFileRefused, match="压缩比"):
        read_catalog(path)


def test_an_archive_unpacking_beyond_100_mb_is_refused(tmp_path: Path) -> None:
    path = bomb(tmp_path, 101 * 1024 * 1024)
    with pytest.raises(CatalogFileRefused, match="超过100"):
        read_catalog_bytes(path.read_bytes(), path.name)


# --- arguments ------------------------------------------------------------------------------
ODD_VALUES = ["", "0", "-1", "99999999", "9" * 40, "x", "\x00", "../../etc/passwd", "--", "1e9"]


def test_no_argument_gives_a_traceback(
    center: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Every command with odd values: a usage error (2) or one plain line (1), never a crash."""
    base = ["--data-dir", str(center)]
    templates = [
        ["demo-data", "--cases", "1", "--days", "{v}"],
        ["demo-data", "--cases", "{v}"],
        ["demo-data", "--cases", "1", "--seed", "{v}"],
        ["case", "show", "{v}", "--user", "boss"],
        ["case", "list", "--date", "{v}", "--user", "boss"],
        ["case", "list", "--status", "{v}", "--user", "boss"],
        ["catalog", "search", "{v}"],
        ["catalog", "search", "a", "--limit", "{v}"],
        ["catalog", "import", "{v}", "--dry-run", "--user", "boss"],
        ["catalog", "export", "-o", "{v}", "--user", "boss"],
        ["report", "daily", "--date", "{v}", "-o", str(tmp_path / "r.xlsx"), "--user", "boss"],
        ["report", "ledger", "--from", "{v}", "--to", "2026-01-01", "-o", "x.xlsx"],
        ["print", "{v}", "--kind", "{v}", "--user", "boss"],
        ["user", "list", "--user", "{v}"],
    ]
    for template in templates:
        for value in ODD_VALUES:
            args = [part.replace("{v}", value) for part in template]
            code, _, err = run_cli(capsys, *base, *args)
            assert code in (0, 1, 2), (args, err)
            assert "Traceback" not in err, (args, err)
            if code == 1:
                assert len(err.strip().splitlines()) == 1, (args, err)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("mysql://u:SECRET@localhost/x", "不支持该数据库"),
        ("postgresql+psycopg://u:SECRET@127.0.0.1:notaport/x", "数据库地址无效"),
        ("oracle://u:SECRET@h/x", "不支持该数据库"),
    ],
)
def test_a_bad_database_url_is_one_line_without_its_password(
    url: str, expected: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TOWNCLERK_PASSWORD", PASSWORD)
    for args in (["db", "status"], ["case", "list", "--user", "a"], ["init"]):
        code, out, err = run_cli(capsys, "--db", url, *args)
        assert code == 1, (args, err)
        assert expected in err and len(err.splitlines()) == 1
        assert "SECRET" not in out + err


def test_a_url_is_shown_without_its_password() -> None:
    url = "postgresql+psycopg://clerk:PW-2026@db.local:5432/townclerk"
    assert shown_url(url) == "postgresql+psycopg://clerk:***@db.local:5432/townclerk"
    assert "PW-2026" not in redact_passwords(f"could not connect to {url}: refused")
    problem = explain_environment_error(ConnectionError(f"connection refused ({url})"))
    assert problem is not None and "PW-2026" not in str(problem)


# --- the data folder ------------------------------------------------------------------------
def test_a_mistyped_data_folder_is_refused_not_created(
    center: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    typo = tmp_path / "centre"
    for args in (["case", "list", "--user", "boss"], ["db", "status"], ["db", "upgrade"]):
        code, _, err = run_cli(capsys, "--data-dir", str(typo), *args)
        assert code == 1 and "中没有数据库" in err and "townclerk init" in err
        assert "密码" not in err
    code, _, err = run_cli(
        capsys, "--db", f"sqlite:///{tmp_path / 'nothing.sqlite3'}", "db", "status"
    )
    assert code == 1 and "不存在" in err
    assert not typo.exists() and not (tmp_path / "nothing.sqlite3").exists()


def test_db_status_leaves_a_foreign_file_as_it_was(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    foreign = tmp_path / "accounts.db"
    connection = sqlite3.connect(foreign)
    connection.execute("CREATE TABLE ledger (amount INTEGER)")
    connection.commit()
    connection.close()
    before = foreign.read_bytes()
    code, out, _ = run_cli(capsys, "--db", f"sqlite:///{foreign}", "db", "status")
    assert code == 0 and "不是 townclerk 数据库" in out
    assert foreign.read_bytes() == before
    assert sorted(path.name for path in tmp_path.iterdir()) == ["accounts.db"]
    check = sqlite3.connect(foreign)
    assert check.execute("PRAGMA journal_mode").fetchone() == ("delete",)
    check.close()
