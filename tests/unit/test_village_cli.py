"""``village arrivals``, ``village return`` and ``village pickup``: plain lines, a printed
返还清单, and one line with exit 1 (nothing changed) for every bad input."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from tests.cli_runner import ADMIN_PASSWORD, database_url, run_cli
from tests.factories import make_item, resident_id
from tests.village_rows import make_point, pre_register, transfer_list
from townclerk.db.database import open_database
from townclerk.db.models import Case, TransferList
from townclerk.enums import CaseStatus, Decision, MaterialState, Role
from townclerk.records.cases import Intake, MaterialInput
from townclerk.services.cases import CaseService
from townclerk.services.users import UserService
from townclerk.services.village_arrivals import VillageArrivalService


@pytest.fixture
def center(initialised: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[list[str], list[str], str]:
    """A clerk, a village point with a 交接单 of two pre-registrations, the first accepted and
    decided; returns the base arguments, the two references and the decided case's number."""
    db = open_database(database_url(initialised), initialised)
    users = UserService(db)
    admin = users.authenticate("boss", ADMIN_PASSWORD)
    users.create_user(admin, "clerk1", "Clerk2026x", Role.CLERK, "王晓燕")
    clerk = users.authenticate("clerk1", "Clerk2026x")
    item = make_item(db)
    point = make_point(db)
    references = [
        pre_register(db, point, item, seq=seq, id_number=resident_id(sequence=f"{seq}01"))
        for seq in (1, 2)
    ]
    transfer_list(db, point, references)
    draft = VillageArrivalService(db).draft(clerk, references[0])
    intake = Intake(
        draft.item_id,
        draft.applicant,
        tuple(MaterialInput(m, MaterialState.RECEIVED) for m in draft.received_material_ids),
        channel=draft.channel,
        agent=draft.agent,
        pre_registration=draft.reference,
    )
    cases = CaseService(db)
    number = cases.accept(clerk, intake).number
    cases.complete(clerk, number, Decision.GRANTED, "营业执照")
    db.dispose()
    monkeypatch.setenv("TOWNCLERK_PASSWORD", "Clerk2026x")
    return ["--data-dir", str(initialised)], references, number


def _counts(folder: str) -> tuple[int, int]:
    db = open_database(database_url(Path(folder)), Path(folder))
    try:
        with db.reads() as session:
            return (
                session.scalar(select(func.count()).select_from(TransferList)) or 0,
                session.scalar(
                    select(func.count())
                    .select_from(Case)
                    .where(Case.status == CaseStatus.DELIVERED)
                )
                or 0,
            )
    finally:
        db.dispose()


def test_arrivals_lists_the_entries(
    center: tuple[list[str], list[str], str], capsys: pytest.CaptureFixture[str]
) -> None:
    base, references, number = center
    code, out, _ = run_cli(capsys, *base, "village", "arrivals", "--user", "clerk1")
    assert code == 0
    head, first, second = out.splitlines()
    assert head.startswith("WZ-JJ-") and "王庄村便民服务点\t李芳\t" in head
    assert first.split("\t")[:2] == [f"  {references[0]}", "已受理"]
    assert first.endswith(number)
    assert second.split("\t")[1] == "已交接" and "320324********" in second


def test_return_then_pickup(
    center: tuple[list[str], list[str], str], capsys: pytest.CaptureFixture[str]
) -> None:
    base, _references, number = center
    code, out, err = run_cli(
        capsys, *base, "village", "return", "WZ", "--carrier", "李芳", "--user", "clerk1"
    )
    assert code == 0, err
    made, printed = out.splitlines()
    assert made.startswith("已生成返还清单 WZ-FH-") and made.endswith("1件，携带人李芳")
    path = Path(printed.split("归档于 ")[1])
    assert printed.startswith("已生成返还清单") and path.is_file()
    assert path.name.endswith("-返还清单.pdf")
    code, out, _ = run_cli(
        capsys, *base, "village", "pickup", number, "--by", "张伟", "--user", "clerk1"
    )
    assert code == 0
    assert out.strip() == f"办件 {number} 已由张伟在村便民服务点领取"
    assert _counts(base[1]) == (2, 1)


@pytest.mark.parametrize(
    "arguments, message",
    [
        (["return", "XX", "--carrier", "李芳"], "村便民服务点 XX 不存在或已停用"),
        (["return", "WZ", "--carrier", " "], "请填写携带人（代办员）"),
        (["return", "--carrier", "李芳", "WZ", "320324101-20260101-0001"], "不存在"),
        (["pickup", "NUMBER", "--by", "张伟"], "办理结果不在村便民服务点（现在：综合窗口）"),
        (["pickup", "NUMBER", "--by", " "], "办理结果不在村便民服务点"),
    ],
)
def test_bad_input_is_one_line_and_changes_nothing(
    center: tuple[list[str], list[str], str],
    capsys: pytest.CaptureFixture[str],
    arguments: list[str],
    message: str,
) -> None:
    base, _references, number = center
    arguments = [number if argument == "NUMBER" else argument for argument in arguments]
    before = _counts(base[1])
    code, out, err = run_cli(capsys, *base, "village", *arguments, "--user", "clerk1")
    assert (code, out) == (1, "")
    assert err.count("\n") == 1 and message in err and "Traceback" not in err
    assert _counts(base[1]) == before


def test_nothing_to_return_is_said(
    center: tuple[list[str], list[str], str], capsys: pytest.CaptureFixture[str]
) -> None:
    base, _references, _number = center
    args = [*base, "village", "return", "WZ", "--carrier", "李芳", "--user", "clerk1"]
    assert run_cli(capsys, *args)[0] == 0
    code, _, err = run_cli(capsys, *args)
    assert code == 1 and err.strip() == "townclerk: 王庄村便民服务点没有待返还的办件"
