"""The four printed documents: what their text says, how they page, what they embed."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.conftest import FakeClock
from tests.data.document_cases import (
    CENTER_ADDRESS,
    LONG_ADDRESS,
    LONG_ITEM_NAME,
    THIRTY_MATERIALS,
    USCC,
    accepted_case,
    long_case,
    supply_tolerated,
)
from tests.factories import ID_LI, ID_ZHANG, intake_for, make_item
from townclerk.db.database import Database
from townclerk.enums import Decision, DeliveryMethod, DocumentKind, PowerSource
from townclerk.formats.pdf.notices import appeal_rights, render_document
from townclerk.records.center import CenterSettings
from townclerk.services.access import Actor
from townclerk.services.cases import CaseService
from townclerk.services.settings import SettingsService
from townclerk.validation import mask_id_number


def page_texts(pdf: bytes) -> list[str]:
    """Each page's extracted text with all white space removed (lines wrap anywhere)."""
    return ["".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages]


def all_text(pdf: bytes) -> str:
    return "".join(page_texts(pdf))


@pytest.fixture
def center(db: Database, admin: Actor) -> CenterSettings:
    settings = SettingsService(db)
    settings.update_center(admin, replace(settings.center(), address=CENTER_ADDRESS))
    return settings.center()


@pytest.fixture
def window_id(db: Database, admin: Actor) -> int:
    return SettingsService(db).add_window(admin, "综合受理窗口1号").id


def test_receipt_carries_every_required_element(
    db: Database, clerk: Actor, center: CenterSettings, window_id: int
) -> None:
    case = accepted_case(db, clerk, window_id)
    pdf = render_document(DocumentKind.RECEIPT, case, center)
    pages = page_texts(pdf)
    assert len(pages) == 1
    text = pages[0]
    for expected in (
        "睢宁县示范镇人民政府",
        "受理地点睢宁县示范镇为民服务中心",
        "受理通知书",
        "编号：320324101-20260929-0001",
        "张伟",
        mask_id_number(ID_ZHANG),
        "138****5678",
        "睢宁县示范镇幸福村三组18号",
        "李芳",
        mask_id_number(ID_LI),
        "139****4321",
        "个体工商户设立登记",
        "320324-SCJG-001",
        "居民身份证原件及复印件1份已收取",
        "个体工商户设立登记申请书原件及复印件1份容缺，2026年10月9日前补交",
        "受理时间2026年9月29日09:30",
        # 5 working days from Tue 2026-09-29 across National Day (DOMAIN.md's example).
        "承诺办结日期2026年10月12日",
        "经办人王晓燕",
        "受理窗口综合受理窗口1号",
        "咨询电话0516-88881234",
        "请妥善保管本通知书，凭此领取办理结果。",
        "申请人（代办人）签收：",
        "（盖章）",
        "第1页共1页",
    ):
        assert expected in text, expected
    # A material not received (an optional one) is listed as such, never as received.
    assert "经营场所使用证明原件及复印件1份未收取（非必要）" in text
    assert "补打" not in text and "申请人联" not in text


def test_full_id_numbers_and_phones_never_reach_the_pdf(
    db: Database, clerk: Actor, center: CenterSettings
) -> None:
    case = accepted_case(db, clerk)
    for kind in (DocumentKind.RECEIPT, DocumentKind.COMPLETION):
        if kind is DocumentKind.COMPLETION:
            supply_tolerated(db, clerk, case)
            case = CaseService(db).complete(clerk, case.number, Decision.GRANTED, "营业执照")
        pdf = render_document(kind, case, center)
        text = all_text(pdf)
        assert mask_id_number(ID_ZHANG) in text
        for secret in (ID_ZHANG, ID_LI, "13812345678", "13987654321"):
            assert secret not in text
            assert secret.encode() not in pdf
        metadata = PdfReader(io.BytesIO(pdf)).metadata or {}
        assert all(ID_ZHANG not in str(value) for value in metadata.values())


def test_notice_lists_everything_missing_and_where_to_supply_it(
    db: Database, clerk: Actor, center: CenterSettings, window_id: int
) -> None:
    item = make_item(db)
    intake = intake_for(item, received=item.material_ids[:1], window_id=window_id)
    case = CaseService(db).notify(clerk, intake, extra="申请书经营范围填写不规范，请重新填写。")
    text = all_text(render_document(DocumentKind.NOTICE, case, center))
    for expected in (
        "一次性告知书",
        case.number,
        "一次性告知如下",
        "个体工商户设立登记申请书原件及复印件1份必须提交",
        "经营场所使用证明原件及复印件1份视情形提交",
        "需补正的内容",
        "申请书经营范围填写不规范，请重新填写。",
        "携带本告知书到睢宁县示范镇为民服务中心综合受理窗口1号重新提交申请",
        f"办理地点{CENTER_ADDRESS}",
        "咨询电话0516-88881234",
        "经办人王晓燕",
        mask_id_number(ID_ZHANG),
    ):
        assert expected in text, expected
    assert "居民身份证原件及复印件" not in text  # received: not missing
    assert ID_ZHANG not in text


def test_refusal_states_reason_legal_basis_and_appeal_rights(
    db: Database, clerk: Actor, center: CenterSettings
) -> None:
    item = make_item(db)
    case = CaseService(db).refuse(
        clerk,
        intake_for(item),
        reason="申请事项不属于本机关职权范围。",
        legal_basis="《中华人民共和国行政许可法》第三十二条第一款第（二）项",
        competent_body="睢宁县市场监督管理局",
    )
    text = all_text(render_document(DocumentKind.REFUSAL, case, center))
    for expected in (
        "不予受理通知书",
        case.number,
        "决定不予受理",
        "不予受理的理由申请事项不属于本机关职权范围。",
        "法律依据《中华人民共和国行政许可法》第三十二条第一款第（二）项",
        "有权受理的机关请向睢宁县市场监督管理局申请办理。",
        "六十日内向睢宁县人民政府申请行政复议",
        "六个月内向睢宁县人民法院提起行政诉讼",
        "".join(appeal_rights(center, "本通知书").split()),
    ):
        assert expected in text, expected


def test_refusal_without_legal_basis_prints_no_empty_heading(
    db: Database, clerk: Actor, center: CenterSettings
) -> None:
    case = CaseService(db).refuse(clerk, intake_for(make_item(db)), reason="不属于受理范围。")
    text = all_text(render_document(DocumentKind.REFUSAL, case, center))
    assert "不属于受理范围。" in text
    assert "法律依据" not in text


def test_completion_notice_has_result_place_and_pickup_slip(
    db: Database, clerk: Actor, center: CenterSettings, clock: FakeClock, window_id: int
) -> None:
    case = accepted_case(db, clerk, window_id)
    clock.set(dt.datetime(2026, 10, 9, 15, 0))
    supply_tolerated(db, clerk, case)
    case = CaseService(db).complete(clerk, case.number, Decision.GRANTED, "营业执照正本1份")
    pdf = render_document(DocumentKind.COMPLETION, case, center)
    pages = page_texts(pdf)
    assert len(pages) == 1
    text = pages[0]
    for expected in (
        "办结通知书",
        "已于2026年10月9日15:00办结，办理决定为：准予。",
        "办理结果营业执照正本1份",
        "办理用时3个工作日",  # 09-30, 10-08, 10-09
        f"领取地点{CENTER_ADDRESS}",
        "到睢宁县示范镇为民服务中心综合受理窗口1号领取办理结果",
        "领取回执",
        "本人已领取上述办理结果。",
        "领取人签名：",
        "2026年10月9日",
    ):
        assert expected in text, expected
    assert "行政复议" not in text


def test_completion_notice_reprinted_after_delivery_stays_one_page(
    db: Database, clerk: Actor, center: CenterSettings, clock: FakeClock, window_id: int
) -> None:
    """The notice reads as issued at 办结: no 送达时间 (the 送达回证 has it), and the pickup
    slip never lands alone on a second page."""
    case = accepted_case(db, clerk, window_id)
    clock.set(dt.datetime(2026, 10, 9, 15, 0))
    supply_tolerated(db, clerk, case)
    service = CaseService(db)
    service.complete(clerk, case.number, Decision.GRANTED, "营业执照（正本1份、副本1份）")
    clock.set(dt.datetime(2026, 10, 12, 10, 0))
    case = service.deliver(clerk, case.number, "申请人本人领取", method=DeliveryMethod.DIRECT)
    pages = page_texts(render_document(DocumentKind.COMPLETION, case, center))
    assert len(pages) == 1
    assert "领取回执" in pages[0]
    assert "送达时间" not in pages[0]


def test_pickup_slip_never_lands_alone_on_a_page(
    db: Database, clerk: Actor, center: CenterSettings, clock: FakeClock, window_id: int
) -> None:
    """An entrusted item's seal block is a line taller (受委托单位): the notice still fits one
    A4 page; on A5 the slip moves with 领取方式 and the seal, never on its own."""
    item = make_item(
        db,
        name="最低生活保障审核确认",
        department="睢宁县民政局",
        power_source=PowerSource.ENTRUSTED_FROM_ABOVE,
    )
    case = accepted_case(db, clerk, window_id, item)
    clock.set(dt.datetime(2026, 10, 9, 15, 0))
    supply_tolerated(db, clerk, case)
    case = CaseService(db).complete(clerk, case.number, Decision.GRANTED, "营业执照正本1份")
    assert len(page_texts(render_document(DocumentKind.COMPLETION, case, center))) == 1
    a5 = page_texts(
        render_document(DocumentKind.COMPLETION, case, replace(center, paper_size="A5"))
    )
    slip_page = next(text for text in a5 if "领取回执" in text)
    assert "领取方式" in slip_page
    assert "受委托单位：" in slip_page


def test_the_seal_never_stands_alone_on_a_page(
    db: Database, clerk: Actor, center: CenterSettings
) -> None:
    """On A5 an entrusted item's refusal runs to two pages: the seal page carries text too."""
    item = make_item(
        db,
        name="最低生活保障审核确认",
        department="睢宁县民政局",
        power_source=PowerSource.ENTRUSTED_FROM_ABOVE,
    )
    case = CaseService(db).refuse(
        clerk,
        intake_for(item),
        reason="申请事项依法不属于本机关职权范围。",
        legal_basis="《中华人民共和国行政许可法》第三十二条第一款第（二）项",
        competent_body="睢宁县人力资源和社会保障局",
    )
    a5 = replace(center, paper_size="A5")
    pages = page_texts(render_document(DocumentKind.REFUSAL, case, a5))
    assert len(pages) == 2
    assert "（盖章）" in pages[1]
    assert "咨询电话0516-88881234" in pages[1]  # the handling grid goes along with the seal


def test_a_denial_is_a_decision_with_its_reason_and_appeal_rights(
    db: Database, clerk: Actor, center: CenterSettings
) -> None:
    case = accepted_case(db, clerk)
    supply_tolerated(db, clerk, case)
    case = CaseService(db).complete(
        clerk,
        case.number,
        Decision.DENIED,
        "不予行政许可决定书",
        reason="经营场所不符合消防安全要求",
        legal_basis="《中华人民共和国行政许可法》第三十八条第二款",
    )
    text = all_text(render_document(DocumentKind.DENIAL, case, center))
    for expected in (
        "不予行政许可决定书",
        "本机关决定不予许可",
        "不予许可的理由经营场所不符合消防安全要求",
        "法律依据《中华人民共和国行政许可法》第三十八条第二款",
        "".join(appeal_rights(center, "本决定书").split()),
    ):
        assert expected in text, expected


def test_long_case_continues_on_a_second_page_with_the_header_repeated(
    db: Database, clerk: Actor, center: CenterSettings
) -> None:
    case = long_case(db, clerk)
    assert len(case.materials) == 30 and len(case.item_name) == 60
    pages = page_texts(render_document(DocumentKind.RECEIPT, case, center))
    assert len(pages) == 2
    for number, page in enumerate(pages, start=1):
        assert f"第{number}页共2页" in page
        assert "睢宁县示范镇人民政府" in page
        assert "受理通知书" in page
        assert f"编号：{case.number}" in page
        assert "序号材料名称形式份数收取情况" in page  # the table header repeats too
    text = "".join(pages)
    assert LONG_ITEM_NAME in text
    assert LONG_ADDRESS in text
    assert f"统一社会信用代码{USCC}" in text  # public registration data: printed whole
    assert "0516-****4321" in text
    for name in THIRTY_MATERIALS:
        assert name in text, name
    assert "申请人（代办人）签收：" in pages[1]


def test_empty_optional_fields_leave_no_labels(db: Database, clerk: Actor, admin: Actor) -> None:
    settings = SettingsService(db)
    settings.update_center(admin, replace(settings.center(), phone="", address=""))
    center = settings.center()
    case = CaseService(db).accept(clerk, intake_for(make_item(db)))
    text = all_text(render_document(DocumentKind.RECEIPT, case, center))
    for label in ("地址", "所属村", "受理窗口", "咨询电话", "代办人证件"):
        assert label not in text, label
    assert text.count("代办人") == 1  # only in "申请人（代办人）签收"
    assert "承诺办结日期2026年10月12日" in text  # a field with a value stays
    case = CaseService(db).notify(clerk, intake_for(make_item(db, code="X-2"), received=()))
    text = all_text(render_document(DocumentKind.NOTICE, case, center))
    assert "办理地点" not in text and "咨询电话" not in text and "受理窗口" not in text
    assert "需补正的内容" not in text  # no extra text was given
    assert "携带本告知书到睢宁县示范镇为民服务中心重新提交申请" in text


def test_a_long_footer_wraps_and_is_printed_whole_on_every_page(
    db: Database, clerk: Actor, center: CenterSettings
) -> None:
    footer = (
        "温馨提示：" + "请妥善保管本通知书，凭此通知书和身份证件领取办理结果，遗失须及时挂失。" * 3
    )
    pages = page_texts(
        render_document(
            DocumentKind.RECEIPT, long_case(db, clerk), replace(center, receipt_footer=footer)
        )
    )
    assert len(pages) == 2
    assert all(footer in page for page in pages)


def test_a5_paper_setting(db: Database, clerk: Actor, center: CenterSettings) -> None:
    case = accepted_case(db, clerk)
    pdf = render_document(DocumentKind.RECEIPT, case, replace(center, paper_size="A5"))
    reader = PdfReader(io.BytesIO(pdf))
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (420, 595)
    text = all_text(pdf)
    assert "受理通知书" in text and mask_id_number(ID_ZHANG) in text
    a4 = PdfReader(io.BytesIO(render_document(DocumentKind.RECEIPT, case, center)))
    assert round(float(a4.pages[0].mediabox.height)) == 842


def test_two_parts_print_the_document_twice_each_labelled_and_numbered(
    db: Database, clerk: Actor, center: CenterSettings
) -> None:
    two_part = replace(center, two_part=True)
    short = page_texts(render_document(DocumentKind.RECEIPT, accepted_case(db, clerk), two_part))
    assert len(short) == 2
    assert "申请人联" in short[0] and "存根联" not in short[0]
    assert "存根联" in short[1] and "申请人联" not in short[1]
    assert all("第1页共1页" in page for page in short)
    long = page_texts(render_document(DocumentKind.RECEIPT, long_case(db, clerk), two_part))
    assert len(long) == 4
    assert [("申请人联" in page, "存根联" in page) for page in long] == [
        (True, False),
        (True, False),
        (False, True),
        (False, True),
    ]
    assert ["第1页共2页" in p for p in long] == [True, False, True, False]
    assert ["第2页共2页" in p for p in long] == [False, True, False, True]


def test_reprint_is_marked_on_every_page(
    db: Database, clerk: Actor, center: CenterSettings
) -> None:
    case = long_case(db, clerk)
    printed_at = dt.datetime(2026, 10, 10, 14, 5)
    pages = page_texts(
        render_document(DocumentKind.RECEIPT, case, center, reprint=True, printed_at=printed_at)
    )
    assert len(pages) == 2
    assert all("补打" in page for page in pages)
    assert "本件为补打件，补打时间：2026年10月10日14:05" in pages[-1]


def test_the_reprint_note_never_stands_alone_on_a_page(
    db: Database, clerk: Actor, center: CenterSettings, clock: FakeClock, window_id: int
) -> None:
    """A full one-page completion notice, reprinted: the note goes with the pickup slip."""
    item = make_item(
        db,
        name="城乡居民养老保险待遇发放银行账户变更",
        department="睢宁县人力资源和社会保障局",
        power_source=PowerSource.ENTRUSTED_FROM_ABOVE,
    )
    case = accepted_case(db, clerk, window_id, item)
    clock.set(dt.datetime(2026, 10, 9, 15, 0))
    supply_tolerated(db, clerk, case)
    case = CaseService(db).complete(clerk, case.number, Decision.GRANTED, "营业执照正本1份")
    printed_at = dt.datetime(2026, 10, 12, 9, 0)
    pages = page_texts(
        render_document(DocumentKind.COMPLETION, case, center, reprint=True, printed_at=printed_at)
    )
    note_page = next(page for page in pages if "本件为补打件" in page)
    assert "领取人签名：" in note_page
    refused = CaseService(db).refuse(clerk, intake_for(item), reason="申请人不具备申请资格")
    reprinted = render_document(
        DocumentKind.REFUSAL, refused, center, reprint=True, printed_at=printed_at
    )
    assert len(page_texts(reprinted)) == 1  # a short notice keeps its one page


def test_rare_characters_print_or_are_marked_never_dropped(
    db: Database, clerk: Actor, center: CenterSettings
) -> None:
    intake = intake_for(make_item(db))
    intake = replace(intake, applicant=replace(intake.applicant, name="刘䶮𠮷"))
    case = CaseService(db).accept(clerk, intake)
    pdf = render_document(DocumentKind.RECEIPT, case, center)
    text = all_text(pdf)
    assert "刘䶮[U+20BB7]：" in text  # 䶮 from the fallback face, 𠮷 marked
    assert "注：[U+20BB7]为本机字库未收录的生僻字" in text
    assert {name.split("+", 1)[1] for name in embedded_font_names(pdf)} == {
        "WenQuanYiMicroHei-0",
        "DroidSansFallback",
    }


def test_no_note_when_every_character_prints(
    db: Database, clerk: Actor, center: CenterSettings
) -> None:
    text = all_text(render_document(DocumentKind.RECEIPT, accepted_case(db, clerk), center))
    assert "生僻字" not in text and "[U+" not in text


def embedded_font_names(pdf: bytes) -> list[str]:
    """Names of the fonts the PDF uses, each checked to carry its font program."""
    names = []
    for page in PdfReader(io.BytesIO(pdf)).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font["/FontDescriptor"].get_object()
            assert any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))
            names.append(str(font["/BaseFont"]).lstrip("/"))
    return sorted(set(names))


def test_every_font_is_embedded(
    db: Database, clerk: Actor, center: CenterSettings, tmp_path: Path
) -> None:
    intake = intake_for(make_item(db))
    intake = replace(intake, applicant=replace(intake.applicant, name="刘䶮"))
    case = CaseService(db).accept(clerk, intake)
    pdf = render_document(DocumentKind.RECEIPT, case, replace(center, two_part=True))
    names = embedded_font_names(pdf)  # inspected with pypdf, always
    assert len(names) >= 2 and all("+" in name for name in names)  # subsets: ABCDEF+Name
    if shutil.which("pdffonts") is None:
        pytest.skip("pdffonts (poppler-utils) not installed; checked with pypdf only")
    path = tmp_path / "receipt.pdf"
    path.write_bytes(pdf)
    listing = subprocess.run(
        ["pdffonts", str(path)], check=True, capture_output=True, text=True
    ).stdout
    rows = listing.splitlines()[2:]
    assert len(rows) == len(names)
    for row in rows:
        emb, sub = row.split()[-5:-3]
        assert (emb, sub) == ("yes", "yes"), row


def test_only_receipt_and_completion_carry_the_pickup_footer(
    db: Database, clerk: Actor, center: CenterSettings
) -> None:
    item = make_item(db)
    service = CaseService(db)
    refused = service.refuse(clerk, intake_for(item), reason="申请人不具备申请资格")
    notice = service.notify(clerk, intake_for(item, received=()))
    accepted = service.accept(clerk, intake_for(item))
    footer = "".join(center.receipt_footer.split())
    for kind, case in ((DocumentKind.REFUSAL, refused), (DocumentKind.NOTICE, notice)):
        text = all_text(render_document(kind, case, center))
        assert footer not in text
        # The phone comes before the long address, so a line never ends on "咨询电话：".
        page = PdfReader(io.BytesIO(render_document(kind, case, center))).pages[0]
        assert "咨询电话：0516-88881234" in page.extract_text()
    assert footer in all_text(render_document(DocumentKind.RECEIPT, accepted, center))
