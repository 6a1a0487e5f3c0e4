"""Render every kind of printed document to PNG pages for a person to look at.

Usage: .venv/bin/python scripts/render_documents.py [OUT_DIR]   (default docs/screenshots)

Builds a throw-away database in a temp dir with real services (a fixed clock, so the pages are the
same on every run), prints each document through PrintService (which also archives it), renders
the variants (A5, two parts, reprint, a long case, rare characters) straight from the documents
package, and turns the pages into PNGs with poppler's pdftoppm.
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import subprocess
import sys
import tempfile
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import update

from tests.data.document_cases import (
    accepted_case,
    long_case,
    open_sample_database,
    supply_tolerated,
)
from tests.factories import intake_for, make_item, resident_id
from townclerk.db.database import Database
from townclerk.db.models import ServiceItem
from townclerk.enums import Decision, DeliveryMethod, DocumentKind, Routing, SpecialProcedure
from townclerk.formats.pdf.notices import render_document
from townclerk.records.approval import SupervisorCredentials
from townclerk.records.cases import CaseDetail
from townclerk.records.center import CenterSettings
from townclerk.services.access import Actor
from townclerk.services.cases import CaseService
from townclerk.services.county import CountyService
from townclerk.services.printing import PrintService
from townclerk.services.settings import SettingsService

PASSWORD = "render-documents-1"
RESOLUTION = 80  # dpi: an A4 page becomes about 660 x 935 pixels


class Clock:
    def __init__(self, now: dt.datetime) -> None:
        self.now = now

    def __call__(self) -> dt.datetime:
        return self.now


def make_cases(db: Database, clerk: Actor, window_id: int, clock: Clock) -> dict[str, CaseDetail]:
    cases = CaseService(db)
    item = make_item(db)
    receipt = accepted_case(db, clerk, window_id, item)
    granted = accepted_case(db, clerk, window_id, item)
    notice = cases.notify(
        clerk,
        intake_for(
            item,
            id_number=resident_id(birth="19920101", sequence="234"),
            name="赵敏",
            received=item.material_ids[:1],
            window_id=window_id,
        ),
        extra="申请书第2页经营范围填写不规范，请按《国民经济行业分类》规范表述后重新填写。",
    )
    refusal = cases.refuse(
        clerk,
        intake_for(
            item,
            id_number=resident_id(birth="19780808", sequence="567"),
            name="孙强",
            received=item.material_ids[:1],
            window_id=window_id,
        ),
        reason="申请事项依法不属于本机关职权范围。",
        legal_basis="《中华人民共和国行政许可法》第三十二条第一款第（二）项",
        competent_body="睢宁县市场监督管理局",
    )
    denied = cases.accept(
        clerk,
        intake_for(
            item,
            id_number=resident_id(birth="19850303", sequence="678"),
            name="周静",
            window_id=window_id,
        ),
    )
    correction = accepted_case(db, clerk, window_id, item)
    cases.start_correction(
        clerk,
        correction.number,
        "申请书第2页缺少申请人签名，请本人签名后提交。",
        material_ids=[item.material_ids[1]],
    )
    special = accepted_case(db, clerk, window_id, item)
    cases.start_special(
        clerk,
        special.number,
        "经营场所涉及相邻权利人通行，需组织专家现场评审。",
        procedure=SpecialProcedure.EXPERT_REVIEW,
        expected_days=10,
    )
    clock.now += dt.timedelta(days=9, hours=5)  # Thu 2026-10-08, the first working day after 国庆
    supply_tolerated(db, clerk, granted)
    completion = cases.complete(
        clerk, granted.number, Decision.GRANTED, "营业执照（正本1份、副本1份）"
    )
    denial = cases.complete(
        clerk,
        denied.number,
        Decision.DENIED,
        "不予行政许可决定书",
        reason="经现场核查，申请登记的经营场所为住宅，未取得利害关系业主同意，不符合登记条件",
        legal_basis="《促进个体工商户发展条例》第八条；《中华人民共和国行政许可法》第三十八条第二款",
    )
    clock.now += dt.timedelta(hours=1)
    service = cases.deliver(clerk, granted.number, "申请人本人领取", method=DeliveryMethod.DIRECT)
    return {
        "denial": denial,
        "receipt": receipt,
        "notice": notice,
        "refusal": refusal,
        "completion": completion,
        "correction-notice": correction,
        "special-notice": special,
        "service-receipt": service,
    }


def make_referred_case(db: Database, clerk: Actor, window_id: int) -> CaseDetail:
    """A 取水许可初审 the township reviewed and sent to the county with its 转报函."""
    item = make_item(
        db,
        code="320324-SW-001",
        name="取水许可初审",
        department="睢宁县水务局",
        promised_days=20,
        statutory_days=45,
        materials=(
            ("取水许可申请书", True, False),
            ("申请人身份证明（居民身份证或营业执照）", True, False),
            ("建设项目水资源论证报告（表）", True, False),
            ("与第三者利害关系的相关说明", True, True),
        ),
    )
    with db.sessions.begin() as session:
        session.execute(
            update(ServiceItem)
            .where(ServiceItem.id == item.id)
            .values(routing=Routing.COUNTY, review_days=10)
        )
    intake = intake_for(
        item,
        id_number=resident_id(birth="19700512", sequence="135"),
        name="钱德福",
        window_id=window_id,
    )
    number = CaseService(db).accept(clerk, intake).number
    return CountyService(db).send_to_county(
        clerk,
        number,
        "经初审，申请材料齐全、符合法定形式；取水用途为农田灌溉，取水地点位于本镇新河村"
        "老龙潭河段，不在饮用水水源保护区内，同意上报",
        county_body="睢宁县水务局水资源管理科",
    )


def make_extended_case(db: Database, clerk: Actor, window_id: int, clock: Clock) -> CaseDetail:
    """A 农村村民宅基地审批 extended by 10 working days with the admin's approval (第42条)."""
    item = make_item(
        db,
        code="320324-ZJD-001",
        name="农村村民宅基地审批",
        department="睢宁县自然资源和规划局",
        promised_days=15,
        statutory_days=20,
    )
    intake = intake_for(
        item,
        id_number=resident_id(birth="19660606", sequence="456"),
        name="周建华",
        window_id=window_id,
    )
    number = CaseService(db).accept(clerk, intake).number
    clock.now += dt.timedelta(days=14)
    return CaseService(db).extend(
        clerk,
        number,
        10,
        "拟用地涉及相邻宅基地界址争议，需会同村委会现场勘查并听取相邻权利人意见",
        credentials=SupervisorCredentials("admin", PASSWORD),
    )


def make_rare_case(db: Database, clerk: Actor) -> CaseDetail:
    """A name with characters from CJK Extension A and B (the fallback font, and one in none)."""
    item = make_item(
        db, code="320324-MZ-002", name="困难群众临时救助", materials=(("申请书", True, False),)
    )
    intake = intake_for(
        item, id_number=resident_id(birth="19700505", sequence="345"), name="刘䶮𠮷"
    )
    return CaseService(db).accept(clerk, intake)


def to_png(pdf: Path, out_dir: Path, stem: str, page: int = 1) -> Path:
    target = out_dir / stem
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            str(RESOLUTION),
            "-f",
            str(page),
            "-l",
            str(page),
            "-singlefile",
            str(pdf),
            str(target),
        ],
        check=True,
    )
    return target.with_suffix(".png")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir", nargs="?", default="docs/screenshots", type=Path)
    args = parser.parse_args(argv)
    if shutil.which("pdftoppm") is None:
        print("pdftoppm is missing: apt-get install poppler-utils", file=sys.stderr)
        return 1
    out_dir: Path = args.out_dir
    out_dir.mkdir(parents=True, exist_ok=True)
    clock = Clock(dt.datetime(2026, 9, 29, 9, 30, 0))
    with tempfile.TemporaryDirectory(prefix="townclerk-render-") as temp:
        data_dir = Path(temp)
        db, clerk, window_id = open_sample_database(data_dir, clock, PASSWORD)
        try:
            cases = make_cases(db, clerk, window_id, clock)
            cases["extension_notice"] = make_extended_case(db, clerk, window_id, clock)
            cases["referral-letter"] = make_referred_case(db, clerk, window_id)
            printer = PrintService(db)
            center = SettingsService(db).center()
            written = []
            for stem, kind in (
                ("receipt", DocumentKind.RECEIPT),
                ("notice", DocumentKind.NOTICE),
                ("refusal", DocumentKind.REFUSAL),
                ("completion", DocumentKind.COMPLETION),
                ("correction-notice", DocumentKind.CORRECTION_NOTICE),
                ("special-notice", DocumentKind.SPECIAL_NOTICE),
                ("service-receipt", DocumentKind.SERVICE_RECEIPT),
                ("denial", DocumentKind.DENIAL),
                ("extension_notice", DocumentKind.EXTENSION_NOTICE),
                ("referral-letter", DocumentKind.REFERRAL_LETTER),
            ):
                pdf = printer.render(clerk, cases[stem].number, kind).path
                written.append(to_png(pdf, out_dir, stem))
            reprint = printer.render(clerk, cases["receipt"].number, DocumentKind.RECEIPT).path
            written.append(to_png(reprint, out_dir, "receipt-reprint"))

            def variant(stem: str, case: CaseDetail, settings: CenterSettings) -> Path:
                pdf = data_dir / f"{stem}.pdf"
                pdf.write_bytes(render_document(DocumentKind.RECEIPT, case, settings))
                return pdf

            receipt = CaseService(db).get(clerk, cases["receipt"].number)
            a5 = variant("receipt-a5", receipt, replace(center, paper_size="A5"))
            written.append(to_png(a5, out_dir, "receipt-a5"))
            two_part = variant("receipt-two-part", receipt, replace(center, two_part=True))
            written.append(to_png(two_part, out_dir, "receipt-two-part-p2", page=2))
            long = variant("receipt-long", long_case(db, clerk, window_id), center)
            written.append(to_png(long, out_dir, "receipt-long-p1"))
            written.append(to_png(long, out_dir, "receipt-long-p2", page=2))
            sparse = replace(center, phone="", address="")
            rare = variant("receipt-rare", make_rare_case(db, clerk), sparse)
            written.append(to_png(rare, out_dir, "receipt-rare"))
        finally:
            db.dispose()
    for path in written:
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
