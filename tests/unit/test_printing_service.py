"""PrintService (render, archive, record) and the ``townclerk print`` command."""

from __future__ import annotations

import argparse
import datetime as dt
import io
from dataclasses import replace
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.cli_runner import database_url
from tests.conftest import FakeClock
from tests.factories import intake_for, make_item
from tests.people import PASSWORD
from townclerk.case_states import CaseAction
from townclerk.cli import printing as print_command
from townclerk.cli.context import CliContext
from townclerk.db.database import Database
from townclerk.enums import CaseStatus, Decision, DocumentKind
from townclerk.errors import NotFound, UserError
from townclerk.records.cases import CaseDetail
from townclerk.services import printing
from townclerk.services.access import Actor
from townclerk.services.cases import CaseService
from townclerk.services.printable import default_kind, printable_kinds
from townclerk.services.printing import PrintService
from townclerk.services.settings import SettingsService


def text_of(path: Path) -> str:
    reader = PdfReader(io.BytesIO(path.read_bytes()))
    return "".join("".join(page.extract_text().split()) for page in reader.pages)


def archive(data_dir: Path) -> Path:
    return data_dir / "documents" / "2026" / "09"


def archived_files(data_dir: Path) -> list[str]:
    root = data_dir / "documents"
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


def print_events(db: Database, clerk: Actor, number: str) -> list[tuple[CaseAction, str]]:
    case = CaseService(db).get(clerk, number)
    return [
        (e.action, e.note)
        for e in case.events
        if e.action in (CaseAction.PRINT, CaseAction.REPRINT)
    ]


@pytest.fixture
def accepted(db: Database, clerk: Actor) -> CaseDetail:
    return CaseService(db).accept(clerk, intake_for(make_item(db)))


def test_first_print_is_archived_and_recorded(
    db: Database, clerk: Actor, accepted: CaseDetail, data_dir: Path
) -> None:
    path = PrintService(db).render(clerk, accepted.number, DocumentKind.RECEIPT).path
    assert path == archive(data_dir) / f"{accepted.number}-receipt.pdf"
    assert archived_files(data_dir) == [f"2026/09/{accepted.number}-receipt.pdf"]
    text = text_of(path)
    assert "受理通知书" in text and accepted.number in text
    assert "补打" not in text
    assert print_events(db, clerk, accepted.number) == [(CaseAction.PRINT, "receipt")]
    assert CaseService(db).get(clerk, accepted.number).print_count == 1


def test_reprint_is_marked_counted_and_never_overwrites_the_original(
    db: Database, clerk: Actor, accepted: CaseDetail, clock: FakeClock, data_dir: Path
) -> None:
    service = PrintService(db)
    original = service.render(clerk, accepted.number, DocumentKind.RECEIPT).path
    original_bytes = original.read_bytes()
    clock.set(dt.datetime(2026, 10, 10, 14, 5))  # printed again the next month
    first_reprint = service.render(clerk, accepted.number, DocumentKind.RECEIPT).path
    second_reprint = service.render(clerk, accepted.number, DocumentKind.RECEIPT).path
    folder = archive(data_dir)  # the case's month, not the printing month
    assert first_reprint == folder / f"{accepted.number}-receipt-补打1.pdf"
    assert second_reprint == folder / f"{accepted.number}-receipt-补打2.pdf"
    assert original.read_bytes() == original_bytes
    assert "补打" not in text_of(original)
    for reprint in (first_reprint, second_reprint):
        text = text_of(reprint)
        assert "补打" in text
        assert "补打时间：2026年10月10日14:05" in text
    assert print_events(db, clerk, accepted.number) == [
        (CaseAction.PRINT, "receipt"),
        (CaseAction.REPRINT, "receipt"),
        (CaseAction.REPRINT, "receipt"),
    ]
    assert CaseService(db).get(clerk, accepted.number).print_count == 3
    assert len(archived_files(data_dir)) == 3


def test_each_kind_counts_its_own_prints(
    db: Database, clerk: Actor, accepted: CaseDetail, data_dir: Path
) -> None:
    service = PrintService(db)
    service.render(clerk, accepted.number, DocumentKind.RECEIPT)
    CaseService(db).complete(clerk, accepted.number, Decision.GRANTED, "营业执照")
    completion = service.render(clerk, accepted.number, DocumentKind.COMPLETION).path
    assert completion.name == f"{accepted.number}-completion.pdf"
    assert "补打" not in text_of(completion)
    assert print_events(db, clerk, accepted.number) == [
        (CaseAction.PRINT, "receipt"),
        (CaseAction.PRINT, "completion"),
    ]


def test_forced_reprint_mark_on_a_first_print(
    db: Database, clerk: Actor, accepted: CaseDetail
) -> None:
    path = PrintService(db).render(clerk, accepted.number, DocumentKind.RECEIPT, reprint=True).path
    assert path.name == f"{accepted.number}-receipt.pdf"
    assert "补打" in text_of(path)
    assert print_events(db, clerk, accepted.number) == [(CaseAction.PRINT, "receipt")]


def test_a_kind_that_does_not_fit_the_status_is_refused_and_nothing_recorded(
    db: Database, clerk: Actor, data_dir: Path
) -> None:
    refused = CaseService(db).refuse(clerk, intake_for(make_item(db)), reason="不属于受理范围")
    with pytest.raises(UserError) as error:
        PrintService(db).render(clerk, refused.number, DocumentKind.RECEIPT)
    assert str(error.value) == (
        f"办件 {refused.number} 状态为“不予受理”，不能打印受理通知书"
        "（可打印：不予受理通知书、送达回证）"
    )
    assert print_events(db, clerk, refused.number) == []
    assert not (data_dir / "documents").exists()


@pytest.mark.parametrize(
    ("status", "kinds"),
    [
        (CaseStatus.ACCEPTED, (DocumentKind.RECEIPT,)),
        (CaseStatus.CORRECTION, (DocumentKind.CORRECTION_NOTICE, DocumentKind.RECEIPT)),
        (CaseStatus.SPECIAL, (DocumentKind.SPECIAL_NOTICE, DocumentKind.RECEIPT)),
        (
            CaseStatus.COMPLETED,
            (DocumentKind.COMPLETION, DocumentKind.SERVICE_RECEIPT, DocumentKind.RECEIPT),
        ),
        (
            CaseStatus.DELIVERED,
            (DocumentKind.COMPLETION, DocumentKind.SERVICE_RECEIPT, DocumentKind.RECEIPT),
        ),
        (CaseStatus.NOTIFIED, (DocumentKind.NOTICE,)),
        (CaseStatus.REFUSED, (DocumentKind.REFUSAL, DocumentKind.SERVICE_RECEIPT)),
    ],
)
def test_documents_each_status_can_print(
    status: CaseStatus, kinds: tuple[DocumentKind, ...]
) -> None:
    assert printable_kinds(status) == kinds
    assert default_kind(status) is kinds[0]


def test_a_withdrawn_case_has_nothing_to_print() -> None:
    assert printable_kinds(CaseStatus.WITHDRAWN) == ()
    with pytest.raises(UserError, match="办件状态为“已撤回”，没有可打印的文书"):
        default_kind(CaseStatus.WITHDRAWN)


def test_unknown_case_is_a_clear_error(db: Database, clerk: Actor) -> None:
    with pytest.raises(NotFound, match="办件 320324101-20260929-9999 不存在"):
        PrintService(db).render(clerk, "320324101-20260929-9999", DocumentKind.RECEIPT)


def test_failed_rendering_records_nothing_and_leaves_no_file(
    db: Database,
    clerk: Actor,
    accepted: CaseDetail,
    data_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def broken(*args: object, **kwargs: object) -> bytes:
        raise RuntimeError("layout bug")

    monkeypatch.setattr(printing, "render_document", broken)
    with pytest.raises(RuntimeError, match="layout bug"):
        PrintService(db).render(clerk, accepted.number, DocumentKind.RECEIPT)
    assert print_events(db, clerk, accepted.number) == []
    assert not (data_dir / "documents").exists()


def test_failed_recording_removes_the_rendered_file(
    db: Database,
    clerk: Actor,
    accepted: CaseDetail,
    data_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def locked(*args: object, **kwargs: object) -> bool:
        raise UserError("数据库正被其他程序占用")

    monkeypatch.setattr(CaseService, "record_print", locked)
    with pytest.raises(UserError, match="占用"):
        PrintService(db).render(clerk, accepted.number, DocumentKind.RECEIPT)
    assert archived_files(data_dir) == []


def test_an_unwritable_archive_is_a_clear_error(
    db: Database, clerk: Actor, accepted: CaseDetail, data_dir: Path
) -> None:
    (data_dir / "documents").write_text("a file where the folder should be")
    with pytest.raises(UserError, match="无法保存文书到"):
        PrintService(db).render(clerk, accepted.number, DocumentKind.RECEIPT)
    assert print_events(db, clerk, accepted.number) == []


def test_a_print_by_another_window_in_between_still_marks_the_reprint(
    db: Database,
    clerk: Actor,
    accepted: CaseDetail,
    data_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The print history is read before rendering; another print can land before ours."""
    real_record = CaseService.record_print

    def other_window_first(self: CaseService, actor: Actor, number: str, document: str) -> bool:
        real_record(self, actor, number, document)  # the other window's print
        return real_record(self, actor, number, document)

    monkeypatch.setattr(CaseService, "record_print", other_window_first)
    path = PrintService(db).render(clerk, accepted.number, DocumentKind.RECEIPT).path
    assert path.name == f"{accepted.number}-receipt-补打1.pdf"
    assert "补打" in text_of(path)
    assert archived_files(data_dir) == [f"2026/09/{path.name}"]


def test_paper_size_setting_reaches_the_archive(
    db: Database, admin: Actor, clerk: Actor, accepted: CaseDetail
) -> None:
    settings = SettingsService(db)
    settings.update_center(admin, replace(settings.center(), paper_size="A5", two_part=True))
    path = PrintService(db).render(clerk, accepted.number, DocumentKind.RECEIPT).path
    reader = PdfReader(io.BytesIO(path.read_bytes()))
    assert len(reader.pages) == 2  # 申请人联 and 存根联
    assert round(float(reader.pages[0].mediabox.width)) == 420


# --- the command line ------------------------------------------------------------------------
def run_cli(db: Database, argv: list[str], monkeypatch: pytest.MonkeyPatch, data_dir: Path) -> int:
    parser = argparse.ArgumentParser(prog="townclerk")
    print_command.register(parser.add_subparsers(dest="command"))
    args = parser.parse_args(argv)
    monkeypatch.setenv("TOWNCLERK_PASSWORD", PASSWORD)
    context = CliContext(data_dir=data_dir, url=database_url(data_dir))
    context._db = db  # the test's database, with its fake clock
    return int(args.handler(args, context))


def test_cli_prints_the_default_kind_and_saves_a_copy(
    db: Database,
    clerk: Actor,
    accepted: CaseDetail,
    data_dir: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    output = tmp_path / "out" / "回执.pdf"
    output.parent.mkdir()
    argv = ["print", accepted.number, "-o", str(output), "--user", "clerk1"]
    assert run_cli(db, argv, monkeypatch, data_dir) == 0
    archived = archive(data_dir) / f"{accepted.number}-receipt.pdf"
    assert output.read_bytes() == archived.read_bytes()
    printed = capsys.readouterr().out
    assert f"已生成受理通知书，归档于 {archived}" in printed
    assert f"已另存到 {output}" in printed
    assert print_events(db, clerk, accepted.number) == [(CaseAction.PRINT, "receipt")]


def test_cli_prints_a_chosen_kind(
    db: Database,
    clerk: Actor,
    accepted: CaseDetail,
    data_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    CaseService(db).complete(clerk, accepted.number, Decision.GRANTED, "营业执照")
    argv = ["print", accepted.number, "--kind", "receipt", "--user", "clerk1"]
    assert run_cli(db, argv, monkeypatch, data_dir) == 0
    assert archived_files(data_dir) == [f"2026/09/{accepted.number}-receipt.pdf"]
    argv = ["print", accepted.number, "--user", "clerk1"]
    assert run_cli(db, argv, monkeypatch, data_dir) == 0  # default for 已办结: the completion
    assert f"2026/09/{accepted.number}-completion.pdf" in archived_files(data_dir)


def test_cli_refuses_a_kind_that_does_not_fit(
    db: Database,
    clerk: Actor,
    accepted: CaseDetail,
    data_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    argv = ["print", accepted.number, "--kind", "refusal", "--user", "clerk1"]
    with pytest.raises(UserError, match="不能打印不予受理通知书"):
        run_cli(db, argv, monkeypatch, data_dir)
    assert print_events(db, clerk, accepted.number) == []


def test_cli_checks_the_output_before_printing(
    db: Database,
    clerk: Actor,
    accepted: CaseDetail,
    data_dir: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    missing = tmp_path / "no-such-folder" / "x.pdf"
    argv = ["print", accepted.number, "-o", str(missing), "--user", "clerk1"]
    with pytest.raises(UserError, match=f"目录 {missing.parent} 不存在"):
        run_cli(db, argv, monkeypatch, data_dir)
    argv = ["print", accepted.number, "-o", str(tmp_path), "--user", "clerk1"]
    with pytest.raises(UserError, match="是一个目录"):
        run_cli(db, argv, monkeypatch, data_dir)
    assert print_events(db, clerk, accepted.number) == []
    assert not (data_dir / "documents").exists()


def test_cli_rejects_an_unknown_kind(
    db: Database, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        run_cli(db, ["print", "X", "--kind", "invoice"], monkeypatch, data_dir)
    assert exit_info.value.code == 2


def test_cli_needs_a_user(db: Database, data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(UserError, match="--user"):
        run_cli(db, ["print", "320324101-20260929-0001"], monkeypatch, data_dir)


def test_a_due_date_in_a_year_without_official_holidays_is_flagged_on_the_receipt(
    db: Database, clerk: Actor, clock: FakeClock, admin: Actor
) -> None:
    calendar = SettingsService(db).work_calendar()
    next_year = dt.date.today().year + 1
    while calendar.is_known_year(next_year):
        next_year += 1
    clock.set(dt.datetime(next_year - 1, 12, 20, 9, 0))
    long_item = make_item(db, code="320324-LONG-001", promised_days=20, statutory_days=20)
    short_item = make_item(db, code="320324-SHORT-01", promised_days=1, statutory_days=1)
    crossing = CaseService(db).accept(clerk, intake_for(long_item))
    assert crossing.due_date is not None and crossing.due_date.year == next_year
    within = CaseService(db).accept(clerk, intake_for(short_item))
    assert within.due_date is not None and within.due_date.year == next_year - 1
    service = PrintService(db)
    flagged = text_of(service.render(clerk, crossing.number, DocumentKind.RECEIPT).path)
    assert f"注：{next_year}年的放假调休安排尚未公布。" in flagged
    assert "已按《全国年节及纪念日放假办法》规定的法定节假日和周末推算，未含调休" in flagged
    assert "尚未公布" not in text_of(
        service.render(clerk, within.number, DocumentKind.RECEIPT).path
    )
    # Once an admin has entered and confirmed the year, the note goes.
    SettingsService(db).confirm_year(admin, next_year)
    reprinted = text_of(service.render(clerk, crossing.number, DocumentKind.RECEIPT).path)
    assert "尚未公布" not in reprinted


def test_a_print_event_names_its_document_in_words(
    db: Database, clerk: Actor, accepted: CaseDetail
) -> None:
    from townclerk.cli.cases import format_case

    PrintService(db).render(clerk, accepted.number, DocumentKind.RECEIPT)
    case = CaseService(db).get(clerk, accepted.number)
    printed = [event for event in case.events if event.action is CaseAction.PRINT]
    assert [event.printed_document for event in printed] == [DocumentKind.RECEIPT]
    assert all(event.printed_document is None for event in case.events[:1])
    assert "打印：受理通知书" in format_case(case)
    assert "receipt" not in format_case(case)


def test_a_reprinted_receipt_says_what_the_original_said_after_a_material_is_handed_in(
    db: Database, clerk: Actor
) -> None:
    item = make_item(db)
    promised = dt.date(2026, 10, 9)
    intake = intake_for(
        item, received=item.material_ids[:1], tolerated={item.material_ids[1]: promised}
    )
    case = CaseService(db).accept(clerk, intake)
    service = PrintService(db)
    original = text_of(service.render(clerk, case.number, DocumentKind.RECEIPT).path)
    CaseService(db).supply_material(clerk, case.number, item.material_ids[1])
    supplied = CaseService(db).get(clerk, case.number)
    assert not supplied.tolerated_materials
    reprint = text_of(service.render(clerk, case.number, DocumentKind.RECEIPT).path)
    for text in (original, reprint):
        assert "除下列容缺材料外" in text
        assert "容缺，2026年10月9日前补交" in text
    assert "补打" in reprint and "补打" not in original
