"""Every document a case prints names its deciding body, the seal's text and the date; a
refusal and a denial state their reason, legal basis and appeal rights with the named bodies.
One case per 权力来源: 法定本级行使, 上级下放, 上级委托, and a utility's 公共服务."""

from __future__ import annotations

import datetime as dt
import io
import os
from dataclasses import dataclass, replace
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import text as sql_text

from tests.conftest import FakeClock
from tests.factories import intake_for, make_item
from townclerk.db.database import Database
from townclerk.db.models import Desk
from townclerk.enums import (
    Category,
    Decision,
    DeliveryMethod,
    DocumentKind,
    PowerSource,
    SpecialProcedure,
)
from townclerk.formats.pdf.notices import render_document
from townclerk.records.cases import CaseDetail
from townclerk.records.center import CenterSettings
from townclerk.services.access import Actor
from townclerk.services.cases import CaseService
from townclerk.services.handover import HandoverService
from townclerk.services.printing import PrintService
from townclerk.services.settings import SettingsService

EXPERT_REVIEW = SpecialProcedure.EXPERT_REVIEW
GOVERNMENT = "睢宁县示范镇人民政府"
SEAL = "睢宁县示范镇人民政府行政审批专用章"
REVIEW_BODY = "睢宁县人民政府"
COURT = "睢宁县人民法院"
CENTER_NAME = "睢宁县示范镇为民服务中心"
LEGAL_BASIS = "《社会救助暂行办法》第十一条"
DENIAL_REASON = "家庭人均收入高于当地低保标准"


@dataclass(frozen=True)
class Source:
    label: str
    power_source: PowerSource
    category: Category
    department: str
    issuer: str
    seal: str
    entrusted: bool


SOURCES = (
    Source(
        "statutory",
        PowerSource.STATUTORY,
        Category.OTHER_POWER,
        "睢宁县司法局",
        GOVERNMENT,
        SEAL,
        False,
    ),
    Source(
        "delegated",
        PowerSource.DELEGATED_FROM_ABOVE,
        Category.BENEFIT,
        "睢宁县民政局",
        GOVERNMENT,
        SEAL,
        False,
    ),
    Source(
        "entrusted",
        PowerSource.ENTRUSTED_FROM_ABOVE,
        Category.CONFIRMATION,
        "睢宁县人力资源和社会保障局",
        "睢宁县人力资源和社会保障局",
        "睢宁县人力资源和社会保障局",
        True,
    ),
    Source(
        "utility",
        PowerSource.ENTRUSTED_FROM_ABOVE,
        Category.PUBLIC_SERVICE,
        "睢宁县自来水公司",
        "睢宁县自来水公司",
        "睢宁县自来水公司",
        True,
    ),
)


def text_of(pdf: bytes) -> str:
    pages = PdfReader(io.BytesIO(pdf)).pages
    return "".join("".join(page.extract_text().split()) for page in pages)


@pytest.fixture
def center(db: Database, admin: Actor) -> CenterSettings:
    settings = SettingsService(db)
    settings.update_center(
        admin,
        replace(
            settings.center(),
            government_name=GOVERNMENT,
            government_seal=SEAL,
            review_body=REVIEW_BODY,
            court=COURT,
        ),
    )
    return settings.center()


def cases_for(
    db: Database, clerk: Actor, supervisor: Actor, clock: FakeClock, source: Source
) -> dict[str, CaseDetail]:
    """A case for every kind of document, for an item of ``source``."""
    service = CaseService(db)
    item = make_item(
        db,
        code=f"ITEM-{source.label}",
        name=f"测试事项（{source.label}）",
        department=source.department,
        category=source.category,
        power_source=source.power_source,
        legal_basis=LEGAL_BASIS,
    )
    clock.set(dt.datetime(2026, 9, 29, 9, 30))
    accepted = service.accept(clerk, intake_for(item))
    notified = service.notify(clerk, intake_for(item, received=()), extra="申请表未签字")
    refused = service.refuse(
        clerk,
        intake_for(item),
        reason="申请人不具备申请资格",
        legal_basis=f"{LEGAL_BASIS}；《中华人民共和国行政许可法》第三十二条",
    )
    granted = service.accept(clerk, intake_for(item))
    denied = service.accept(clerk, intake_for(item))
    corrected = service.accept(clerk, intake_for(item))
    special = service.accept(clerk, intake_for(item))
    extended = service.accept(clerk, intake_for(item))
    transferred = service.accept(clerk, intake_for(item))
    clock.set(dt.datetime(2026, 10, 9, 15, 0))
    with db.sessions.begin() as session:
        desk = Desk(name=f"后台（{source.label}）", active=True, sort_order=1)
        session.add(desk)
        session.flush()
        desk_id = desk.id
    transferred = HandoverService(db).to_desk(clerk, transferred.number, desk_id)
    corrected = service.start_correction(clerk, corrected.number, "申请表未签字")
    special = service.start_special(
        clerk, special.number, "需组织专家现场评审", procedure=EXPERT_REVIEW, expected_days=5
    )
    extended = service.extend(supervisor, extended.number, 5, "需实地核查经营场所")
    granted = service.complete(clerk, granted.number, Decision.GRANTED, "准予，证照1份")
    served = service.deliver(clerk, granted.number, "EMS 1190000000", method=DeliveryMethod.MAIL)
    denied = service.complete(
        clerk,
        denied.number,
        Decision.DENIED,
        "不予行政许可决定书",
        reason=DENIAL_REASON,
        legal_basis=LEGAL_BASIS,
    )
    return {
        "receipt": accepted,
        "notice": notified,
        "refusal": refused,
        "completion": granted,
        "denial": denied,
        "correction_notice": corrected,
        "special_notice": special,
        "extension_notice": extended,
        "service_receipt": served,
        "transfer_voucher": transferred,
    }


# Every kind the deciding body issues, by its case above. The 转报函 is the township
# government's own letter to the county, whoever decides the item (test_documents_county.py).
KINDS = {kind.value: kind for kind in DocumentKind if kind is not DocumentKind.REFERRAL_LETTER}


@pytest.mark.parametrize("source", SOURCES, ids=[s.label for s in SOURCES])
def test_every_document_is_issued_and_sealed_by_the_deciding_body(
    db: Database,
    clerk: Actor,
    supervisor: Actor,
    clock: FakeClock,
    center: CenterSettings,
    source: Source,
) -> None:
    cases = cases_for(db, clerk, supervisor, clock, source)
    assert set(cases) == set(KINDS)
    keep = os.environ.get("TOWNCLERK_KEEP_PDFS")
    for name, case in cases.items():
        assert case.issuing_body == source.issuer
        pdf = render_document(KINDS[name], case, center)
        if keep:
            Path(keep, f"{source.label}-{name}.pdf").write_bytes(pdf)
        text = text_of(pdf)
        assert source.issuer in text, name
        assert "本中心" not in text, name
        if name == "transfer_voucher":  # the center's own record of papers moved: no seal
            assert "（盖章）" not in text
            continue
        assert source.seal in text, name
        assert "（盖章）" in text, name
        assert (f"受委托单位：{CENTER_NAME}" in text) is source.entrusted, name
        if source.category is Category.PUBLIC_SERVICE:
            # A company is no administrative organ: no 行政复议 or 行政诉讼 against it.
            assert "本机关" not in text, name
            assert "行政复议" not in text, name
            assert "行政诉讼" not in text, name
            assert "不予许可" not in text, name  # a company decides 不予办理, not 不予许可
        if name in ("refusal", "denial"):
            if source.category is Category.PUBLIC_SERVICE:
                assert "可以向本单位提出" in text, name
                assert "向人民法院提起诉讼" in text, name
            else:
                assert f"六十日内向{REVIEW_BODY}申请行政复议" in text, name
                assert f"六个月内向{COURT}提起行政诉讼" in text, name
            assert LEGAL_BASIS in text, name
    assert "不予受理的理由申请人不具备申请资格" in text_of(
        render_document(DocumentKind.REFUSAL, cases["refusal"], center)
    )
    denial = text_of(render_document(DocumentKind.DENIAL, cases["denial"], center))
    if source.category is Category.PUBLIC_SERVICE:
        assert "不予办理决定书" in denial and "决定不予办理" in denial
        assert f"不予办理的理由{DENIAL_REASON}。二、法律依据" in denial
    else:
        assert "不予行政许可决定书" in denial
        assert f"不予许可的理由{DENIAL_REASON}。二、法律依据" in denial  # typed as a phrase
    assert "2026年10月9日" in denial


def test_a_refusal_outside_our_powers_names_the_body_to_apply_to(
    db: Database, clerk: Actor, center: CenterSettings
) -> None:
    item = make_item(db, power_source=PowerSource.DELEGATED_FROM_ABOVE, promised_days=0)
    case = CaseService(db).refuse(
        clerk,
        intake_for(item),
        reason="申请事项不属于本机关职权范围",
        competent_body="睢宁县市场监督管理局",
    )
    text = text_of(render_document(DocumentKind.REFUSAL, case, center))
    assert "请向睢宁县市场监督管理局申请办理。" in text
    # A refused 即办件 was not done on the spot.
    assert "当场办结" not in text
    assert "办件类型即办件" in text


def test_a_case_from_before_issuing_bodies_prints_with_todays_settings(
    db: Database, clerk: Actor, center: CenterSettings, admin: Actor
) -> None:
    item = make_item(db, power_source=PowerSource.ENTRUSTED_FROM_ABOVE, department="睢宁县民政局")
    case = CaseService(db).accept(clerk, intake_for(item))
    with db.engine.begin() as connection:
        connection.execute(
            sql_text("UPDATE cases SET issuing_body = NULL, issuing_seal = NULL WHERE id = :id"),
            {"id": case.id},
        )
    path = PrintService(db).render(clerk, case.number, DocumentKind.RECEIPT).path
    text = text_of(path.read_bytes())
    assert "睢宁县民政局" in text
    assert f"受委托单位：{CENTER_NAME}" in text
