"""The 转报函 (the township's 初审意见 and papers to the county body), the receipt that promises the
resident only the item's date, and the 送达回证 naming who collected the result."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import replace

import pytest
from pypdf import PdfReader
from sqlalchemy import update

from tests.conftest import FakeClock
from tests.factories import ID_LI, ID_ZHANG, intake_for, make_item
from townclerk.db.database import Database
from townclerk.db.models import ServiceItem
from townclerk.enums import Decision, DeliveryMethod, DocumentKind, PowerSource, Routing
from townclerk.errors import UserError
from townclerk.formats.pdf.notices import render_document
from townclerk.records.cases import AgentInput, CaseDetail
from townclerk.records.center import CenterSettings
from townclerk.services.access import Actor
from townclerk.services.cases import CaseService
from townclerk.services.county import CountyService
from townclerk.services.printable import kinds_for
from townclerk.services.printing import PrintService
from townclerk.services.settings import SettingsService
from townclerk.validation import mask_id_number

OPINION = "经初审，申请人提交的材料齐全，取水用途和取水量符合规划，同意上报"


def text_of(pdf: bytes) -> str:
    return "".join(
        "".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages
    )


@pytest.fixture
def center(db: Database, admin: Actor) -> CenterSettings:
    settings = SettingsService(db)
    settings.update_center(
        admin, replace(settings.center(), address="睢宁县示范镇人民路1号", phone="0516-88881234")
    )
    return settings.center()


def county_case(db: Database, clerk: Actor, *, entrusted: bool = False) -> str:
    item = make_item(
        db,
        name="取水许可初审",
        department="睢宁县水务局",
        promised_days=20,
        statutory_days=45,
        materials=(("取水许可申请书", True, False), ("建设项目水资源论证报告", True, False)),
        power_source=PowerSource.ENTRUSTED_FROM_ABOVE if entrusted else None,
    )
    with db.sessions.begin() as session:
        session.execute(
            update(ServiceItem)
            .where(ServiceItem.id == item.id)
            .values(routing=Routing.COUNTY, review_days=3)
        )
    intake = replace(intake_for(item), agent=AgentInput("李芳", ID_LI, "13987654321"))
    return CaseService(db).accept(clerk, intake).number


def sent_case(db: Database, clerk: Actor, **kwargs: bool) -> CaseDetail:
    number = county_case(db, clerk, **kwargs)
    return CountyService(db).send_to_county(
        clerk, number, OPINION, county_body="睢宁县水务局水资源管理科"
    )


def test_the_referral_letter_says_what_a_county_officer_needs(
    db: Database, clerk: Actor, center: CenterSettings
) -> None:
    case = sent_case(db, clerk)
    text = text_of(render_document(DocumentKind.REFERRAL_LETTER, case, center))
    for expected in (
        "睢宁县示范镇人民政府",
        "转报函",
        f"编号：{case.number}",
        "睢宁县水务局水资源管理科：",
        "已依法受理并完成初审",
        "请依法审查并作出决定",
        "张伟",
        mask_id_number(ID_ZHANG),
        "取水许可初审",
        "受理日期2026年9月29日",
        "转报日期2026年9月29日",
        "初审时限2026年10月9日",
        "承诺办结日期2026年11月2日",
        "一、初审意见",
        OPINION + "。",
        "二、报送材料（共2项）",
        "1取水许可申请书原件及复印件1份",
        "2建设项目水资源论证报告原件及复印件1份",
        "三、联系方式",
        "经办人王晓燕",
        "联系电话0516-88881234",
        "移交人签名：",
        "接收人签名：",
        "睢宁县示范镇人民政府行政审批专用章",
    ):
        assert expected in text, expected
    assert ID_ZHANG not in text and ID_LI not in text  # masked, the agent's too


def test_an_entrusted_items_letter_is_still_the_township_governments(
    db: Database, clerk: Actor, center: CenterSettings
) -> None:
    case = sent_case(db, clerk, entrusted=True)
    assert case.issuing_body == "睢宁县水务局"  # its decision is the county's
    text = text_of(render_document(DocumentKind.REFERRAL_LETTER, case, center))
    assert "睢宁县示范镇人民政府行政审批专用章" in text
    assert "受委托" not in text


def test_the_receipt_promises_the_item_date_never_the_township_clock(
    db: Database, clerk: Actor, center: CenterSettings
) -> None:
    case = CaseService(db).get(clerk, county_case(db, clerk))
    text = text_of(render_document(DocumentKind.RECEIPT, case, center))
    assert "承诺于2026年11月2日前办结" in text
    assert "2026年10月9日" not in text and "初审" not in text.replace("取水许可初审", "")


def test_the_letter_prints_once_sent_and_reprints(
    db: Database, clerk: Actor, center: CenterSettings
) -> None:
    number = county_case(db, clerk)
    printer = PrintService(db)
    assert DocumentKind.REFERRAL_LETTER not in kinds_for(CaseService(db).get(clerk, number))
    with pytest.raises(UserError, match="不能打印转报函"):
        printer.render(clerk, number, DocumentKind.REFERRAL_LETTER)
    CountyService(db).send_to_county(clerk, number, OPINION)
    first = printer.render(clerk, number, DocumentKind.REFERRAL_LETTER).path
    again = printer.render(clerk, number, DocumentKind.REFERRAL_LETTER).path
    assert first.name == f"{number}-referral_letter.pdf"
    assert "补打" in text_of(again.read_bytes()) and "补打" not in text_of(first.read_bytes())


def test_the_service_receipt_names_who_collected_the_result(
    db: Database, clerk: Actor, center: CenterSettings, clock: FakeClock
) -> None:
    number = sent_case(db, clerk).number
    clock.set(dt.datetime(2026, 10, 20, 10, 0))
    CountyService(db).record_county_decision(
        clerk, number, Decision.GRANTED, dt.date(2026, 10, 16), "取水许可证"
    )
    delivered = CaseService(db).deliver(
        clerk, number, "凭委托书代领", method=DeliveryMethod.DIRECT, recipient="李芳"
    )
    text = text_of(render_document(DocumentKind.SERVICE_RECEIPT, delivered, center))
    assert "领取人李芳（代为领取）" in text
    assert "备注凭委托书代领" in text and "领取人：李芳" not in text
    assert "■直接送达" in text


def test_the_applicant_collecting_in_person_is_said_so(
    db: Database, clerk: Actor, center: CenterSettings
) -> None:
    number = sent_case(db, clerk).number
    CountyService(db).record_county_decision(
        clerk, number, Decision.GRANTED, dt.date(2026, 9, 29), "取水许可证"
    )
    delivered = CaseService(db).deliver(clerk, number, recipient="张伟")
    text = text_of(render_document(DocumentKind.SERVICE_RECEIPT, delivered, center))
    assert "领取人张伟（申请人本人）" in text
