"""``townclerk village list|add-point|add-agent``: the points with their agents (phones
masked), an admin adding a point and an agent; a bad value is one line on stderr, exit 1, and
nothing changed."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli_runner import ADMIN_PASSWORD, database_url, initialised_center, run_cli
from tests.factories import resident_id
from townclerk.db.database import open_database
from townclerk.services.settings import SettingsService
from townclerk.services.users import UserService
from townclerk.services.villages import VillageService

AGENT_ID = resident_id(birth="19800506", sequence="315")


@pytest.fixture
def folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> Path:
    folder = initialised_center(tmp_path / "cli-data", ADMIN_PASSWORD, monkeypatch, capsys)
    monkeypatch.setenv("TOWNCLERK_NEW_PASSWORD", ADMIN_PASSWORD)
    for name, role in (("agent1", "village_agent"), ("clerk1", "clerk")):
        code, _, err = village_cli(capsys, folder, "user", "add", name, "--role", role)
        assert code == 0, err
    db = open_database(database_url(folder), folder)
    try:
        admin = UserService(db).authenticate("boss", ADMIN_PASSWORD)
        SettingsService(db).add_village(admin, "王集村", "320324101203")
        SettingsService(db).add_village(admin, "李圩村", "320324101204")
    finally:
        db.dispose()
    return folder


def village_cli(
    capsys: pytest.CaptureFixture[str], folder: Path, *args: str, user: str = "boss"
) -> tuple[int, str, str]:
    return run_cli(capsys, "--data-dir", str(folder), *args, "--user", user)


def points(folder: Path) -> list[tuple[str, str, tuple[str, ...]]]:
    db = open_database(database_url(folder), folder)
    try:
        admin = UserService(db).authenticate("boss", ADMIN_PASSWORD)
        return [
            (p.code, p.name, tuple(f"{a.name}/{a.username}" for a in p.agents))
            for p in VillageService(db).points(admin, include_inactive=True)
        ]
    finally:
        db.dispose()


def test_points_and_agents_are_added_and_listed(
    capsys: pytest.CaptureFixture[str], folder: Path
) -> None:
    code, out, err = village_cli(
        capsys, folder, "village", "add-point", "王集村", "wj", "王集村便民服务点",
        "--phone", "0516-88886601",
    )  # fmt: skip
    assert (code, err) == (0, "")
    assert out == "已设立服务点 WJ 王集村便民服务点（王集村）\n"
    code, out, err = village_cli(
        capsys, folder, "village", "add-agent", "WJ", "张代办", "--phone", "13905160001",
        "--id-number", AGENT_ID, "--trained-on", "2026-03-01", "--login", "agent1",
    )  # fmt: skip
    assert (code, err) == (0, "")
    assert out == "已登记代办员 张代办（王集村便民服务点），登录名 agent1\n"
    village_cli(capsys, folder, "village", "add-point", "320324101204", "LW", "李圩村便民服务点")
    code, out, _ = village_cli(capsys, folder, "village", "list", user="clerk1")
    assert code == 0
    assert out.splitlines() == [
        "WJ\t王集村便民服务点\t王集村\t张代办 139****0001",
        "LW\t李圩村便民服务点\t李圩村\t（无代办员）",
    ]
    code, out, _ = village_cli(capsys, folder, "village", "list", user="agent1")
    assert out.splitlines() == ["WJ\t王集村便民服务点\t王集村\t张代办 139****0001"]


@pytest.mark.parametrize(
    "args, message",
    [
        (("add-point", "张庄村", "ZZ", "张庄村便民服务点"), "没有名为“张庄村”的村（社区）"),
        (("add-point", "王集村", "王集", "王集村便民服务点"), "服务点代码应为2至32位字母或数字"),
        (("add-point", "王集村", "WJ", "王集村便民服务点", "--phone", "110"), "联系电话应为"),
        (("add-agent", "XX", "张代办", "--phone", "13905160001", "--id-number", AGENT_ID),
         "没有代码为 XX 的村便民服务点"),
        (("add-agent", "LW", "张代办", "--phone", "13905160001", "--id-number", "3203241980"),
         "代办员身份证号码应为18位，现为10位"),
        (("add-agent", "LW", "张代办", "--phone", "139", "--id-number", AGENT_ID),
         "代办员联系电话："),
        (("add-agent", "LW", "张代办", "--phone", "13905160001", "--id-number", AGENT_ID,
          "--trained-on", "2026-13-01"), "日期应为 YYYY-MM-DD 格式：2026-13-01"),
        (("add-agent", "LW", "张代办", "--phone", "13905160001", "--id-number", AGENT_ID,
          "--login", "clerk1"), "只有村代办员可以关联为代办员"),
    ],
)  # fmt: skip
def test_bad_input_is_one_line_exit_1_and_changes_nothing(
    capsys: pytest.CaptureFixture[str], folder: Path, args: tuple[str, ...], message: str
) -> None:
    village_cli(capsys, folder, "village", "add-point", "李圩村", "LW", "李圩村便民服务点")
    before = points(folder)
    code, out, err = village_cli(capsys, folder, "village", *args)
    assert code == 1 and out == ""
    assert err.startswith("townclerk: ") and message in err and err.count("\n") == 1
    assert points(folder) == before


def test_a_clerk_may_not_add_a_point(capsys: pytest.CaptureFixture[str], folder: Path) -> None:
    code, _, err = village_cli(
        capsys, folder, "village", "add-point", "王集村", "WJ", "王集村便民服务点", user="clerk1"
    )
    assert code == 1 and "无权管理系统设置" in err
    assert points(folder) == []
