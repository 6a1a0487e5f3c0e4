"""``townclerk desk …``, ``user add --role back_office|village_agent``, ``case list --holder``
and the holder and hand-overs in ``case show``: one plain line and exit 1 on a bad input,
nothing changed."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from tests.cli_runner import ADMIN_PASSWORD, database_url, run_cli
from tests.factories import ItemRef, intake_for, make_item, resident_id
from townclerk.db.database import open_database
from townclerk.db.models import (
    AuditEntry,
    Desk,
    DeskDepartment,
    DeskMember,
    ItemMaterial,
    ServiceItem,
)
from townclerk.services.cases import CaseService
from townclerk.services.desks import DeskService
from townclerk.services.handover import HandoverService
from townclerk.services.users import UserService

MARKET = "睢宁县市场监督管理局"


def _desk_rows(folder: Path) -> tuple[object, ...]:
    db = open_database(database_url(folder), folder)
    try:
        with db.reads() as session:
            return (
                sorted(tuple(r) for r in session.execute(select(Desk.name, Desk.active))),
                sorted(tuple(r) for r in session.execute(select(DeskDepartment.department))),
                session.scalar(select(func.count()).select_from(DeskMember)),
                session.scalar(select(func.count()).select_from(AuditEntry)),
            )
    finally:
        db.dispose()


@pytest.fixture
def center(
    initialised: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> Path:
    """A data folder with an item of the market department and two new users added through
    ``user add`` with the new roles."""
    db = open_database(database_url(initialised), initialised)
    make_item(db, department=MARKET)
    db.dispose()
    base = ["--data-dir", str(initialised)]
    monkeypatch.setenv("TOWNCLERK_PASSWORD", ADMIN_PASSWORD)
    monkeypatch.setenv("TOWNCLERK_NEW_PASSWORD", "Officer2026x")
    for name, role, display in (
        ("scjg1", "back_office", "孙科员"),
        ("agent1", "village_agent", "张代办"),
        ("clerk1", "clerk", "王晓燕"),
    ):
        code, out, err = run_cli(
            capsys,
            *base,
            "user",
            "add",
            name,
            "--role",
            role,
            "--display-name",
            display,
            "--user",
            "boss",
        )
        assert code == 0, err
    code, out, _ = run_cli(capsys, *base, "user", "list", "--user", "boss")
    assert "scjg1\tback_office\t启用\t孙科员" in out.splitlines()
    assert "agent1\tvillage_agent\t启用\t张代办" in out.splitlines()
    return initialised


def test_desk_commands(center: Path, capsys: pytest.CaptureFixture[str]) -> None:
    base = ["--data-dir", str(center)]
    code, out, err = run_cli(capsys, *base, "desk", "add", "市场监管后台", "--user", "boss")
    assert (code, out) == (0, "已添加后台窗口“市场监管后台”\n"), err
    code, out, _ = run_cli(capsys, *base, "desk", "map", MARKET, "市场监管后台", "--user", "boss")
    assert (code, out) == (0, f"{MARKET} 的后台审批事项由“市场监管后台”办理\n")
    code, out, _ = run_cli(
        capsys, *base, "desk", "member", "scjg1", "市场监管后台", "--user", "boss"
    )
    assert (code, out) == (0, "已将 scjg1 加入“市场监管后台”\n")
    code, out, _ = run_cli(capsys, *base, "desk", "list", "--user", "boss")
    assert out.splitlines() == [f"市场监管后台\t{MARKET}\t孙科员（scjg1）"]
    code, out, _ = run_cli(
        capsys, *base, "desk", "member", "scjg1", "市场监管后台", "--remove", "--user", "boss"
    )
    assert (code, out) == (0, "已将 scjg1 移出“市场监管后台”\n")
    code, out, _ = run_cli(capsys, *base, "desk", "list", "--user", "boss")
    assert out.splitlines() == [f"市场监管后台\t{MARKET}\t—"]


@pytest.mark.parametrize(
    "arguments, message",
    [
        (["add", " ", "--user", "boss"], "请填写后台窗口名称"),
        (["add", "新后台", "--user", "clerk1"], "无权管理系统设置"),
        (["add", "市场监管后台", "--user", "boss"], "后台窗口“市场监管后台”已存在"),
        (["map", "县水务局", "市场监管后台", "--user", "boss"], "事项目录中没有实施部门“县水务局”"),
        (["map", MARKET, "无此后台", "--user", "boss"], "没有名为“无此后台”的后台窗口"),
        (
            ["member", "clerk1", "市场监管后台", "--user", "boss"],
            "只有后台审批人员可以加入后台窗口",
        ),
        (["member", "nobody", "市场监管后台", "--user", "boss"], "用户 nobody 不存在"),
        (
            ["member", "scjg1", "市场监管后台", "--remove", "--user", "boss"],
            "用户 scjg1 不在后台窗口“市场监管后台”",
        ),
        (["list"], "--user"),
    ],
)
def test_a_bad_desk_command_is_one_line_and_changes_nothing(
    center: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    arguments: list[str],
    message: str,
) -> None:
    base = ["--data-dir", str(center)]
    assert run_cli(capsys, *base, "desk", "add", "市场监管后台", "--user", "boss")[0] == 0
    if "clerk1" in arguments and arguments[0] == "add":
        monkeypatch.setenv("TOWNCLERK_PASSWORD", "Officer2026x")
    before = _desk_rows(center)
    code, out, err = run_cli(capsys, *base, "desk", *arguments)
    assert (code, out) == (1, "")
    assert err.count("\n") == 1 and message in err and "Traceback" not in err
    assert _desk_rows(center) == before


def test_case_list_by_holder_and_case_show_of_the_journey(
    center: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    db = open_database(database_url(center), center)
    users = UserService(db)
    admin = users.authenticate("boss", ADMIN_PASSWORD)
    clerk = users.authenticate("clerk1", "Officer2026x")
    desks = DeskService(db)
    desk = desks.add(admin, "市场监管后台").id
    desks.map_department(admin, MARKET, desk)
    cases = CaseService(db)
    with db.reads() as session:  # the item the fixture made, and its materials
        item = session.scalar(select(ServiceItem.id))
        materials = tuple(session.scalars(select(ItemMaterial.id).order_by(ItemMaterial.seq)))
    ref = ItemRef(item or 0, materials)
    away = cases.accept(clerk, intake_for(ref, id_number=resident_id(sequence="101"))).number
    here = cases.accept(clerk, intake_for(ref, id_number=resident_id(sequence="102"))).number
    HandoverService(db).to_desk(clerk, away, desk, taken_by="孙科员")
    db.dispose()
    base = ["--data-dir", str(center)]
    monkeypatch.setenv("TOWNCLERK_PASSWORD", "Officer2026x")
    code, out, _ = run_cli(capsys, *base, "case", "list", "--holder", "desk", "--user", "clerk1")
    assert (code, out.splitlines()) == (0, [f"{away}\taccepted\t个体工商户设立登记"])
    code, out, _ = run_cli(capsys, *base, "case", "list", "--holder", "window", "--user", "clerk1")
    assert out.splitlines() == [f"{here}\taccepted\t个体工商户设立登记"]
    code, out, _ = run_cli(capsys, *base, "case", "list", "--holder", "county", "--user", "clerk1")
    assert (code, out) == (0, "")
    code, out, err = run_cli(capsys, *base, "case", "list", "--holder", "moon", "--user", "clerk1")
    assert (code, out) == (1, "")
    assert err.count("\n") == 1 and "未知去向 moon" in err and "desk（后台审批）" in err
    code, out, _ = run_cli(capsys, *base, "case", "show", away, "--user", "clerk1")
    lines = out.splitlines()
    assert "办理方式：后台审批；材料现在：市场监管后台（自 " in "\n".join(lines)
    assert any(
        line.startswith("  ")
        and "综合窗口 → 市场监管后台，移交人：王晓燕，接收人：孙科员；材料：居民身份证、" in line
        for line in lines
    )
