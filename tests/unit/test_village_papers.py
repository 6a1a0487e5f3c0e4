"""The papers a village point prints, read back with pypdf: the 预登记回执 is plainly no
acceptance (no 受理通知书 title, no case number, no promised date, the disclaimer); the 交接单
lists every pre-registration with its papers, the totals and both signatures; personal data is
masked; a second print says 补打 and is kept beside the first."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.villages import Township, pre_registration
from townclerk.db.database import Database
from townclerk.errors import NotFound
from townclerk.formats.pdf.village_papers import NOT_AN_ACCEPTANCE
from townclerk.services.pre_registrations import PreRegistrationService
from townclerk.services.village_documents import VillageDocuments

# A case number: the center's 9- or 12-digit code, the day, a 4-digit sequence.
CASE_NUMBER = re.compile(r"\d{9}(?:\d{3})?-\d{8}-\d{4}(?!\d)")


def _text(path: Path) -> str:
    return "".join("".join(page.extract_text().split()) for page in PdfReader(path).pages)


@pytest.fixture
def town(db: Database) -> Township:
    return Township(db)


def test_the_receipt_says_it_is_no_acceptance(town: Township) -> None:
    service = PreRegistrationService(town.db)
    reference = service.register(town.agent_user, pre_registration(town.item)).reference
    path = VillageDocuments(town.db).receipt(town.agent_user, reference)
    text = _text(path)
    assert "预登记回执" in text and reference in text
    assert "".join(NOT_AN_ACCEPTANCE.split()) in text
    # 受理通知书 appears only where the disclaimer and the closing note name it.
    assert text.count("受理通知书") == 3
    assert PdfReader(path).metadata.title == f"预登记回执 {reference}"
    assert not CASE_NUMBER.search(text)
    # No promised date: the only date printed is the day of the registration.
    assert set(re.findall(r"\d{4}年\d{1,2}月\d{1,2}日", text)) == {"2026年9月29日"}
    assert "高龄津贴申请" in text and "张代办" in text and "0516-88886601" in text
    assert "320324********2628" in text and "194008122628" not in text
    assert "138****0001" in text
    assert "银行卡复印件原件及复印件1未收取" in text


def test_a_receipt_of_an_accepted_one_still_prints_no_case_number(town: Township) -> None:
    from sqlalchemy import update

    from townclerk.db.models import PreRegistration

    service = PreRegistrationService(town.db)
    reference = service.register(town.agent_user, pre_registration(town.item)).reference
    with town.db.sessions.begin() as session:
        session.execute(update(PreRegistration).values(case_number="320324101-20260929-0007"))
    text = _text(VillageDocuments(town.db).receipt(town.agent_user, reference))
    assert not CASE_NUMBER.search(text)


def test_the_transfer_list_lists_the_papers_and_both_signatures(town: Township) -> None:
    service = PreRegistrationService(town.db)
    one = service.register(town.agent_user, pre_registration(town.item)).reference
    two = service.register(
        town.agent_user,
        pre_registration(town.item, name="钱德明", received=town.item.material_ids),
    ).reference
    trip = service.make_transfer_list(town.agent_user, town.wangji, [one, two], "张代办")
    documents = VillageDocuments(town.db)
    path = documents.transfer_list(town.agent_user, trip.number)
    text = _text(path)
    assert "代办材料交接单" in text and trip.number in text
    assert one in text and two in text and "赵桂英" in text and "钱德明" in text
    assert "居民身份证（原件及复印件×1）" in text and "银行卡复印件（原件及复印件×1）" in text
    assert "合计：2件，材料5项。" in text
    assert "移交人（代办员）：" in text and "接收人（镇为民服务中心）：" in text
    assert "移交日期：" in text and "接收日期：" in text
    assert "320324********2628" in text and "补打" not in text
    again = documents.transfer_list(town.agent_user, trip.number)
    assert again.name == f"{trip.number}-transfer_list-补打1.pdf" and path.exists()
    assert "补打" in _text(again)


def test_another_points_papers_are_not_printed(town: Township) -> None:
    service = PreRegistrationService(town.db)
    theirs = service.register(
        town.clerk,
        pre_registration(town.item, point_id=town.liwei, agent_id=town.liwei_agent),
    ).reference
    with pytest.raises(NotFound):
        VillageDocuments(town.db).receipt(town.agent_user, theirs)
    assert not list((town.db.data_dir / "documents").rglob("*.pdf"))
