"""补正材料通知书, 特别程序告知书 and 送达回证: what their text says (pypdf), when a case may print
them, and ``townclerk print NUMBER --kind KIND`` for every kind of document."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import replace
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.conftest import FakeClock
from tests.data.document_cases import CENTER_ADDRESS, accepted_case, supply_tolerated
from tests.factories import intake_for, make_item, resident_id
from tests.people import PASSWORD
from townclerk.cli import main
from townclerk.db.database import Database
from townclerk.enums import (
    CaseStatus,
    Decision,
    DeliveryMethod,
    DocumentKind,
    PauseKind,
    SpecialProcedure,
)
from townclerk.errors import UserError
from townclerk.formats.pdf.notices import render_document
from townclerk.records.cases import CaseDetail, CaseQuery
from townclerk.records.center import CenterSettings
from townclerk.services.access import Actor
from townclerk.services.cases import CaseService
from townclerk.services.demo import DEMO_PASSWORD, generate_cases, install_demo
from townclerk.services.printable import kinds_for
from townclerk.services.printing import PrintService
from townclerk.services.settings import SettingsService
from townclerk.services.users import UserService


def text_of(pdf: bytes) -> str:
    """The document's text with all white space removed (lines wrap anywhere)."""
    pages = PdfReader(io.BytesIO(pdf)).pages
    return "".join("".join(page.extract_text().split()) for page in pages)


@pytest.fixture
def center(db: Database, admin: Actor) -> CenterSettings:
    settings = SettingsService(db)
    settings.update_center(admin, replace(settings.center(), address=CENTER_ADDRESS))
    return settings.center()


@pytest.fixture
def window_id(db: Database, admin: Actor) -> int:
    return SettingsService(db).add_window(admin, "综合受理窗口1号").id


def corrected(db: Database, clerk: Actor, window_id: int) -> CaseDetail:
    case = accepted_case(db, clerk, window_id)
    return CaseService(db).start_correction(
        clerk,
        case.number,
        "申请书第2页缺少申请人签名",
        until=dt.date(2026, 10, 9),
        material_ids=[case.materials[0].material_id],
    )


def test_the_correction_notice_says_what_by_when_and_that_the_clock_stops(
    db: Database, clerk: Actor, center: CenterSettings, window_id: int
) -> None:
    case = corrected(db, clerk, window_id)
    pdf = render_document(DocumentKind.CORRECTION_NOTICE, case, center)
    assert len(PdfReader(io.BytesIO(pdf)).pages) == 1
    text = text_of(pdf)
    for expected in (
        "补正材料通知书",
        "编号：320324101-20260929-0001",
        "张伟",
        "个体工商户设立登记",
        "第三十二条",
        "1居民身份证（原件及复印件，1份）",
        "2申请书第2页缺少申请人签名",
        "请于2026年10月9日前补正",
        "补正期间暂停计算办理期限",
        "自收到全部补正材料的次日起继续计算",
        "睢宁县示范镇为民服务中心综合受理窗口1号提交",
        CENTER_ADDRESS,
        "申请人（代办人）签收：",
        "签收日期：",
    ):
        assert expected in text, expected


def test_a_correction_recorded_before_deadlines_were_kept_prints_without_one(
    db: Database, clerk: Actor, center: CenterSettings, window_id: int
) -> None:
    case = corrected(db, clerk, window_id)
    old = replace(case, pauses=(replace(case.pauses[0], expected_end=None),))
    text = text_of(render_document(DocumentKind.CORRECTION_NOTICE, old, center))
    assert "补正期限" not in text and "请于" not in text
    assert "二、办理期限的计算" in text and "三、补正材料的提交" in text


def test_the_special_notice_names_the_procedure_its_length_and_that_it_does_not_count(
    db: Database, clerk: Actor, center: CenterSettings, window_id: int, clock: FakeClock
) -> None:
    case = accepted_case(db, clerk, window_id)
    clock.set(dt.datetime(2026, 10, 12, 10, 0))
    paused = CaseService(db).start_special(
        clerk,
        case.number,
        "涉及相邻权利人通行",
        procedure=SpecialProcedure.EXPERT_REVIEW,
        expected_days=5,
    )
    text = text_of(render_document(DocumentKind.SPECIAL_NOTICE, paused, center))
    for expected in (
        "特别程序告知书",
        "第四十五条",
        "需要进行专家评审",
        "程序种类专家评审",
        "开始日期2026年10月12日",
        "预计用时5个工作日",
        "预计结束日期2026年10月19日",
        "涉及相邻权利人通行",
        "专家评审所需时间不计算在办理期限内",
        "申请人（代办人）签收：",
    ):
        assert expected in text, expected


def test_the_service_receipt_of_a_delivered_case_ticks_its_method(
    db: Database, clerk: Actor, center: CenterSettings, window_id: int
) -> None:
    case = accepted_case(db, clerk, window_id)
    supply_tolerated(db, clerk, case)
    service = CaseService(db)
    service.complete(clerk, case.number, Decision.GRANTED, "营业执照")
    delivered = service.deliver(clerk, case.number, "EMS 1190000000", method=DeliveryMethod.MAIL)
    text = text_of(render_document(DocumentKind.SERVICE_RECEIPT, delivered, center))
    for expected in (
        "送达回证",
        "送达文书办结通知书及办理结果（营业执照）",
        "文书编号320324101-20260929-0001",
        "受送达人张伟（代办人：李芳）",
        "□直接送达■邮寄送达□电子送达□代办员转交",
        "送达时间2026年9月29日09:30",
        "备注EMS1190000000",
        "受送达人签名（盖章）：",
        "签收日期：",
        "送达人签名：",
        "送达日期：",
    ):
        assert expected in text, expected


def test_a_blank_service_receipt_for_a_refusal_and_for_a_denial(
    db: Database, clerk: Actor, center: CenterSettings
) -> None:
    item = make_item(db)
    service = CaseService(db)
    refused = service.refuse(clerk, intake_for(item), reason="申请人不具备申请资格")
    text = text_of(render_document(DocumentKind.SERVICE_RECEIPT, refused, center))
    assert "送达文书不予受理通知书" in text
    assert "■" not in text and "送达时间" not in text  # to be filled in by hand
    denied = service.accept(clerk, intake_for(item, id_number=resident_id(sequence="456")))
    denied = service.complete(
        clerk, denied.number, Decision.DENIED, "不予行政许可决定书", reason="条件不符"
    )
    text = text_of(render_document(DocumentKind.SERVICE_RECEIPT, denied, center))
    assert "送达文书不予行政许可决定书" in text


def test_a_pause_notice_stays_reprintable_after_the_pause(
    db: Database, clerk: Actor, window_id: int, center: CenterSettings
) -> None:
    case = corrected(db, clerk, window_id)
    assert kinds_for(case)[0] is DocumentKind.CORRECTION_NOTICE
    resumed = CaseService(db).end_correction(clerk, case.number)
    assert resumed.status is CaseStatus.ACCEPTED
    assert kinds_for(resumed) == (DocumentKind.RECEIPT, DocumentKind.CORRECTION_NOTICE)
    printer = PrintService(db)
    first = printer.render(clerk, case.number, DocumentKind.CORRECTION_NOTICE).path
    again = printer.render(clerk, case.number, DocumentKind.CORRECTION_NOTICE).path
    assert first.name == f"{case.number}-correction_notice.pdf"
    assert "补打" in text_of(again.read_bytes())
    assert DocumentKind.SPECIAL_NOTICE not in kinds_for(resumed)  # it never had one
    with pytest.raises(UserError, match="不能打印特别程序告知书"):
        printer.render(clerk, case.number, DocumentKind.SPECIAL_NOTICE)


# --- the command line ------------------------------------------------------------------------
def cases_to_print(db: Database, clerk: Actor) -> dict[DocumentKind, str]:
    """A case number that can print each new kind of document, and an accepted case."""
    item = make_item(db)
    service = CaseService(db)

    def new(sequence: str) -> str:
        intake = intake_for(item, id_number=resident_id(sequence=sequence))
        return service.accept(clerk, intake).number

    accepted = new("123")
    corrected = new("345")
    service.start_correction(clerk, corrected, "缺少户口簿")
    special = new("567")
    service.start_special(clerk, special, "", procedure=SpecialProcedure.APPRAISAL, expected_days=5)
    completed = new("789")
    service.complete(clerk, completed, Decision.GRANTED, "营业执照")
    service.deliver(clerk, completed, method=DeliveryMethod.AGENT)
    return {
        DocumentKind.RECEIPT: accepted,
        DocumentKind.CORRECTION_NOTICE: corrected,
        DocumentKind.SPECIAL_NOTICE: special,
        DocumentKind.SERVICE_RECEIPT: completed,
    }


def run_print(data_dir: Path, number: str, kind: str) -> int:
    return main(["--data-dir", str(data_dir), "print", number, "--kind", kind, "--user", "clerk1"])


@pytest.mark.parametrize(
    "kind",
    [
        DocumentKind.CORRECTION_NOTICE,
        DocumentKind.SPECIAL_NOTICE,
        DocumentKind.SERVICE_RECEIPT,
    ],
    ids=str,
)
def test_cli_prints_each_new_kind(
    db: Database,
    clerk: Actor,
    data_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    kind: DocumentKind,
) -> None:
    number = cases_to_print(db, clerk)[kind]
    monkeypatch.setenv("TOWNCLERK_PASSWORD", PASSWORD)
    assert run_print(data_dir, number, kind.value) == 0
    [archived] = (data_dir / "documents").rglob(f"{number}-{kind.value}.pdf")
    assert capsys.readouterr().out.startswith(f"已生成{kind.label}，归档于 {archived}")
    assert kind.label in text_of(archived.read_bytes())


def test_cli_accepts_every_kind_and_refuses_one_that_does_not_fit_in_one_line(
    db: Database,
    clerk: Actor,
    data_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    accepted = cases_to_print(db, clerk)[DocumentKind.RECEIPT]
    monkeypatch.setenv("TOWNCLERK_PASSWORD", PASSWORD)
    capsys.readouterr()
    for kind in DocumentKind:
        if kind is DocumentKind.RECEIPT:
            continue
        assert run_print(data_dir, accepted, kind.value) == 1, kind
        error = capsys.readouterr().err
        assert error.count("\n") == 1, error
        assert f"不能打印{kind.label}（可打印：受理通知书）" in error
    assert not (data_dir / "documents").exists()
    with pytest.raises(SystemExit) as exit_info:
        run_print(data_dir, accepted, "seal")
    assert exit_info.value.code == 2
    assert "'seal'" in capsys.readouterr().err


# --- demo data -------------------------------------------------------------------------------
def test_demo_data_holds_a_correction_a_publicity_and_a_result_served_with_their_notices(
    db: Database,
) -> None:
    install_demo(db)
    users = UserService(db)
    admin = users.authenticate("admin", DEMO_PASSWORD)
    clerk = users.authenticate("clerk1", DEMO_PASSWORD)
    generate_cases(db, admin, cases=20, days=3, seed=4)
    service = CaseService(db)
    examples = {
        case.status: case
        for case in (
            service.get(clerk, row.number)
            for row in service.list_cases(clerk, CaseQuery(), limit=100)
            if row.item_name == "最低生活保障审核"
            and row.applicant_name in ("周文静", "陈建国", "吴秀英")
        )
    }
    correction = examples[CaseStatus.CORRECTION].last_pause(PauseKind.CORRECTION)
    assert correction is not None and correction.expected_end is not None
    assert correction.reason.startswith("户口簿（原件及复印件，1份）")
    publicity = examples[CaseStatus.SPECIAL].last_pause(PauseKind.SPECIAL)
    assert publicity is not None and publicity.procedure is SpecialProcedure.PUBLICITY
    assert examples[CaseStatus.DELIVERED].delivery_method is DeliveryMethod.MAIL
    for status, kind in (
        (CaseStatus.CORRECTION, DocumentKind.CORRECTION_NOTICE),
        (CaseStatus.SPECIAL, DocumentKind.SPECIAL_NOTICE),
        (CaseStatus.DELIVERED, DocumentKind.SERVICE_RECEIPT),
    ):
        number = examples[status].number
        assert examples[status].events[-1].printed_document is kind
        assert list((db.data_dir / "documents").rglob(f"{number}-{kind.value}.pdf"))
