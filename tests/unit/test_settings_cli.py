"""``townclerk settings show|set`` and ``settings issuing-body list|set|remove``: every center
setting by its key, an admin's login for changes, one line and a non-zero exit for bad input
with nothing changed."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli_runner import database_url
from townclerk.cli import main
from townclerk.db.database import open_database
from townclerk.enums import PowerSource
from townclerk.records.center import CenterSettings
from townclerk.services.issuing import IssuingService
from townclerk.services.settings import SettingsService, center_setting_keys

ADMIN_PASSWORD = "Admin2026x"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """The exit code (argparse's usage errors exit by SystemExit), stdout and stderr."""
    try:
        code = main(list(args))
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> Path:
    folder = tmp_path / "cli-data"
    monkeypatch.setenv("TOWNCLERK_PASSWORD", ADMIN_PASSWORD)
    monkeypatch.setenv("TOWNCLERK_NEW_PASSWORD", ADMIN_PASSWORD)
    code, _, _ = run(capsys, "--data-dir", str(folder), "init", "--admin", "boss")
    assert code == 0
    code, _, _ = run(
        capsys, "--data-dir", str(folder), "user", "add", "clerk1", "--role", "clerk",
        "--user", "boss",
    )  # fmt: skip
    assert code == 0
    return folder


def stored(folder: Path) -> CenterSettings:
    db = open_database(database_url(folder), folder)
    try:
        return SettingsService(db).center()
    finally:
        db.dispose()


def settings(capsys: pytest.CaptureFixture[str], folder: Path, *args: str) -> tuple[int, str, str]:
    return run(capsys, "--data-dir", str(folder), "settings", *args)


def test_show_lists_every_setting_one_a_line(
    capsys: pytest.CaptureFixture[str], folder: Path
) -> None:
    code, out, _ = settings(capsys, folder, "show", "--user", "clerk1")
    assert code == 0
    lines = out.splitlines()
    assert [line.split(" = ")[0] for line in lines] == list(center_setting_keys())
    for key in ("government_name", "government_seal", "review_body", "court"):
        assert f"{key} = " in lines[list(center_setting_keys()).index(key)]
    assert "two_part = false" in lines
    assert "refusal_reasons = 申请事项不属于本机关职权范围 | " in out


@pytest.mark.parametrize(
    ("key", "value", "shown", "field_value"),
    [
        ("government_name", "睢宁县示范镇人民政府", None, "睢宁县示范镇人民政府"),
        ("court", " 睢宁县人民法院 ", "睢宁县人民法院", "睢宁县人民法院"),
        ("review_body", "睢宁县人民政府", None, "睢宁县人民政府"),
        ("two_part", "true", None, True),
        ("idle_lock_minutes", "30", None, 30),
        ("phone", "0516 8888 1234", "0516-88881234", "0516-88881234"),
        ("correction_reasons", "缺签名 | 缺照片", None, ("缺签名", "缺照片")),
    ],
)
def test_set_changes_one_setting(
    capsys: pytest.CaptureFixture[str],
    folder: Path,
    key: str,
    value: str,
    shown: str | None,
    field_value: object,
) -> None:
    code, out, err = settings(capsys, folder, "set", key, value, "--user", "boss")
    assert (code, err) == (0, "")
    assert out == f"{key} = {shown or value}\n"
    assert getattr(stored(folder), key) == field_value


@pytest.mark.parametrize(
    ("user", "key", "value", "message"),
    [
        ("boss", "nosuch", "1", "没有名为 nosuch 的设置；可用：center_name, "),
        ("boss", "two_part", "maybe", "two_part 的值应为 true 或 false：maybe"),
        ("boss", "warning_days", "two", "warning_days 的值应为整数：two"),
        ("boss", "warning_days", "31", "预警天数应在0至30个工作日之间"),
        ("boss", "review_days", "0", "初审时限应在1至60个工作日之间"),
        ("boss", "court", "睢宁县司法局", "一审人民法院名称应以“法院”结尾"),
        ("boss", "government_name", "睢宁县示范镇", "镇（街道）人民政府名称应以“人民政府”"),
        ("boss", "government_seal", "行政审批专用章", "印章文字应以发文机关名称开头"),
        ("boss", "phone", "12345", "联系电话应为11位手机号码"),
        ("clerk1", "court", "睢宁县人民法院", "窗口工作人员（clerk1）无权管理系统设置"),
    ],
)
def test_bad_input_is_one_line_and_changes_nothing(
    capsys: pytest.CaptureFixture[str],
    folder: Path,
    user: str,
    key: str,
    value: str,
    message: str,
) -> None:
    before = stored(folder)
    code, out, err = settings(capsys, folder, "set", key, value, "--user", user)
    assert code == 1 and out == ""
    assert err.startswith(f"townclerk: {message}") and err.count("\n") == 1
    assert stored(folder) == before


def test_issuing_body_rules_from_the_command_line(
    capsys: pytest.CaptureFixture[str], folder: Path
) -> None:
    code, out, _ = settings(
        capsys, folder, "issuing-body", "set", "上级委托", "国家税务总局睢宁县税务局",
        "--department", "国家税务总局睢宁县税务局", "--seal", "税务章", "--user", "boss",
    )  # fmt: skip
    assert code == 0 and "国家税务总局睢宁县税务局" in out
    code, _, _ = settings(
        capsys, folder, "issuing-body", "set", "entrusted_by_peer", "睢宁县示范镇人民政府",
        "--user", "boss",
    )  # fmt: skip
    assert code == 0
    code, out, _ = settings(capsys, folder, "issuing-body", "list", "--user", "clerk1")
    assert out.splitlines() == [
        "entrusted_by_peer\t（所有部门）\t睢宁县示范镇人民政府\t睢宁县示范镇人民政府",
        "entrusted_from_above\t国家税务总局睢宁县税务局\t国家税务总局睢宁县税务局\t税务章",
    ]
    code, out, _ = settings(capsys, folder, "issuing-body", "remove", "同级委托", "--user", "boss")
    assert code == 0
    db = open_database(database_url(folder), folder)
    rules = IssuingService(db).rules()
    db.dispose()
    assert [(r.power_source, r.department) for r in rules] == [
        (PowerSource.ENTRUSTED_FROM_ABOVE, "国家税务总局睢宁县税务局")
    ]


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (("set", "委托", "某局"), 2, "未知权力来源 委托"),
        (("set", "上级委托", " "), 1, "townclerk: 请填写发文机关"),
        (("remove", "上级委托"), 1, "townclerk: 没有“上级委托”“所有部门”的发文机关规则"),
        (("set", "上级委托", "某局", "--user", "clerk1"), 1, "无权管理系统设置"),
    ],
)
def test_bad_rules_from_the_command_line_change_nothing(
    capsys: pytest.CaptureFixture[str],
    folder: Path,
    args: tuple[str, ...],
    code: int,
    message: str,
) -> None:
    user = () if "--user" in args else ("--user", "boss")
    result, out, err = settings(capsys, folder, "issuing-body", *args, *user)
    assert result == code and out == ""
    assert message in err
    db = open_database(database_url(folder), folder)
    assert IssuingService(db).rules() == []
    db.dispose()


def test_case_show_prints_the_issuer_basis_and_competent_body(
    capsys: pytest.CaptureFixture[str], folder: Path
) -> None:
    from tests.factories import intake_for, make_item
    from townclerk.services.cases import CaseService
    from townclerk.services.users import UserService

    code, _, _ = settings(
        capsys, folder, "set", "center_name", "睢宁县示范镇为民服务中心", "--user", "boss"
    )
    assert code == 0
    db = open_database(database_url(folder), folder)
    clerk = UserService(db).authenticate("clerk1", ADMIN_PASSWORD)
    case = CaseService(db).refuse(
        clerk,
        intake_for(make_item(db, power_source=PowerSource.DELEGATED_FROM_ABOVE)),
        reason="申请事项不属于本机关职权范围",
        legal_basis="《中华人民共和国行政许可法》第三十二条",
        competent_body="睢宁县市场监督管理局",
    )
    db.dispose()
    code, out, _ = run(
        capsys, "--data-dir", str(folder), "case", "show", case.number, "--user", "clerk1"
    )
    assert code == 0
    assert "法律依据：《中华人民共和国行政许可法》第三十二条" in out
    assert "有权受理的机关：睢宁县市场监督管理局" in out
    # Derived from the center's name (nothing else set).
    assert "发文机关：睢宁县示范镇人民政府（印章：睢宁县示范镇人民政府行政审批专用章）" in out
