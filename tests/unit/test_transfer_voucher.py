"""The 物料流转凭证: the papers of a case's latest hand-over between the window and a desk, as
printed (pypdf text): the case, the item, the applicant masked, the papers with their form and
copies, from and to, who gave and who took, and the lines both sign."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.factories import ID_ZHANG, intake_for, make_item
from tests.people import PASSWORD, add_user
from townclerk.db.database import Database
from townclerk.enums import Decision, DocumentKind, Role
from townclerk.errors import UserError
from townclerk.formats.pdf.notices import render_document
from townclerk.services.access import Actor
from townclerk.services.back_office import BackOfficeService
from townclerk.services.cases import CaseService
from townclerk.services.desks import DeskService
from townclerk.services.handover import HandoverService
from townclerk.services.printable import check_kind, kinds_for
from townclerk.services.printing import PrintService
from townclerk.services.settings import SettingsService
from townclerk.services.users import UserService
from townclerk.validation import mask_id_number

MARKET = "睢宁县市场监督管理局"


def text_of(pdf: bytes) -> str:
    return "".join(
        "".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages
    )


@pytest.fixture
def desk(db: Database, admin: Actor) -> int:
    desks = DeskService(db)
    desk = desks.add(admin, "市场监管后台").id
    add_user(db, admin, "scjg1", Role.BACK_OFFICE, "孙科员")
    desks.add_member(admin, desk, "scjg1")
    return desk


def test_the_voucher_lists_the_papers_handed_to_the_desk(
    db: Database, admin: Actor, clerk: Actor, desk: int
) -> None:
    item = make_item(db, department=MARKET)
    DeskService(db).map_department(admin, MARKET, desk)
    number = CaseService(db).accept(clerk, intake_for(item)).number
    accepted = CaseService(db).get(clerk, number)
    assert DocumentKind.TRANSFER_VOUCHER not in kinds_for(accepted)
    with pytest.raises(UserError, match="不能打印物料流转凭证"):
        check_kind(accepted, DocumentKind.TRANSFER_VOUCHER)
    case = HandoverService(db).to_desk(
        clerk,
        number,
        desk,
        taken_by="孙科员",
        papers=["居民身份证", "个体工商户设立登记申请书"],
        note="请于三个工作日内审批",
    )
    assert DocumentKind.TRANSFER_VOUCHER in kinds_for(case)
    center = SettingsService(db).center()
    pdf = render_document(DocumentKind.TRANSFER_VOUCHER, case, center)
    if keep := os.environ.get("TOWNCLERK_KEEP_PDFS"):
        Path(keep, "transfer-voucher.pdf").write_bytes(pdf)
    text = text_of(pdf)
    for expected in (
        "物料流转凭证",
        f"办件编号{number}",
        "个体工商户设立登记",
        mask_id_number(ID_ZHANG),
        "移出综合窗口",
        "移入市场监管后台",
        "移交人王晓燕",
        "接收人孙科员",
        "1居民身份证原件及复印件1份□",
        "2个体工商户设立登记申请书原件及复印件1份□",
        "移交人签字：",
        "接收人签字：",
        "说明请于三个工作日内审批",
        "双方当面清点无误后签字",
    ):
        assert expected in text, expected
    assert ID_ZHANG not in text
    assert "经营场所使用证明" not in text  # not handed over
    assert "（盖章）" not in text  # the center's own record, no decision


def test_the_voucher_of_the_way_back_lists_the_result(
    db: Database, admin: Actor, clerk: Actor, desk: int
) -> None:
    item = make_item(db, department=MARKET)
    DeskService(db).map_department(admin, MARKET, desk)
    number = CaseService(db).accept(clerk, intake_for(item)).number
    HandoverService(db).to_desk(clerk, number, desk, taken_by="孙科员")
    scjg = UserService(db).authenticate("scjg1", PASSWORD)
    BackOfficeService(db).decide(
        scjg, number, Decision.GRANTED, "准予登记", result_number="92320324MA1XXXXX1"
    )
    printed = PrintService(db).render(clerk, number, DocumentKind.TRANSFER_VOUCHER)
    text = text_of(printed.path.read_bytes())
    assert "移出市场监管后台" in text and "移入综合窗口" in text
    assert "办理结果：准予登记（92320324MA1XXXXX1）" in text
    assert "移交人孙科员" in text
