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

from townclerk.db.database import Database, open_database
from townclerk.db.models import ItemMaterial, ServiceItem
from townclerk.documents.kinds import DocumentKind
from townclerk.documents.notices import render_document
from townclerk.enums import (
    ApplicantKind,
    CaseKind,
    Category,
    Decision,
    IdType,
    Level,
    MaterialForm,
    MaterialState,
    Role,
)
from townclerk.services.access import Actor
from townclerk.services.case_records import (
    AgentInput,
    ApplicantInput,
    CaseDetail,
    Intake,
    MaterialInput,
)
from townclerk.services.cases import CaseService
from townclerk.services.printing import PrintService
from townclerk.services.settings import CenterSettings, SettingsService
from townclerk.services.users import UserService
from townclerk.validation import id_check_character, uscc_check_character

PASSWORD = "render-documents-1"
RESOLUTION = 80  # dpi: an A4 page becomes about 660 x 935 pixels
FORMS = tuple(MaterialForm)


class Clock:
    def __init__(self, now: dt.datetime) -> None:
        self.now = now

    def __call__(self) -> dt.datetime:
        return self.now


def resident_id(first17: str) -> str:
    return first17 + id_check_character(first17)


def add_item(
    db: Database, code: str, name: str, materials: list[tuple[str, bool, bool]], days: int = 5
) -> tuple[int, list[int]]:
    with db.sessions.begin() as session:
        item = ServiceItem(
            code=code,
            name=name,
            category=Category.LICENSING,
            department="睢宁县市场监督管理局",
            level=Level.TOWNSHIP,
            case_kind=CaseKind.PROMISED if days else CaseKind.INSTANT,
            statutory_days=max(days, 15),
            promised_days=days,
            result="营业执照",
        )
        session.add(item)
        session.flush()
        rows = [
            ItemMaterial(
                item_id=item.id,
                seq=seq,
                name=material,
                form=FORMS[seq % len(FORMS)] if seq > 2 else MaterialForm.ORIGINAL_AND_COPY,
                copies=1 + seq % 2,
                required=required,
                tolerance_allowed=tolerated,
            )
            for seq, (material, required, tolerated) in enumerate(materials, start=1)
        ]
        session.add_all(rows)
        session.flush()
        return item.id, [row.id for row in rows]


def set_up(data_dir: Path, clock: Clock) -> tuple[Database, Actor, int]:
    db = open_database(f"sqlite:///{(data_dir / 'demo.sqlite3').as_posix()}", data_dir, clock=clock)
    users = UserService(db)
    users.create_first_admin("admin", PASSWORD, "系统管理员")
    admin = users.authenticate("admin", PASSWORD)
    settings = SettingsService(db)
    settings.update_center(
        admin,
        CenterSettings(
            center_name="睢宁县示范镇为民服务中心",
            center_code="320324101",
            phone="0516-88881234",
            address="江苏省徐州市睢宁县示范镇人民路88号为民服务中心一楼大厅",
        ),
    )
    window = settings.add_window(admin, "综合受理窗口1号")
    users.create_user(admin, "clerk1", PASSWORD, Role.CLERK, "王晓燕")
    return db, users.authenticate("clerk1", PASSWORD), window.id


def person(name: str, first17: str, **extra: str) -> ApplicantInput:
    return ApplicantInput(
        kind=ApplicantKind.PERSON,
        id_type=IdType.RESIDENT_ID,
        id_number=resident_id(first17),
        name=name,
        phone=extra.get("phone", "13812345678"),
        address=extra.get("address", ""),
    )


def make_cases(db: Database, clerk: Actor, window_id: int, clock: Clock) -> dict[str, CaseDetail]:
    cases = CaseService(db)
    item_id, material_ids = add_item(
        db,
        "320324-SCJG-001",
        "个体工商户设立登记",
        [
            ("居民身份证", True, False),
            ("个体工商户设立登记申请书", True, True),
            ("经营场所使用证明", True, True),
            ("从业人员健康证明", False, False),
        ],
    )
    today = clock.now.date()
    receipt = cases.accept(
        clerk,
        Intake(
            item_id=item_id,
            applicant=person("张伟", "32032419900315123", address="睢宁县示范镇幸福村三组18号"),
            materials=(
                MaterialInput(material_ids[0], MaterialState.RECEIVED),
                MaterialInput(material_ids[1], MaterialState.RECEIVED),
                MaterialInput(
                    material_ids[2], MaterialState.TOLERATED, today + dt.timedelta(days=5)
                ),
            ),
            window_id=window_id,
            agent=AgentInput("李芳", resident_id("32032419851120002"), "13987654321"),
        ),
    )
    notice = cases.notify(
        clerk,
        Intake(
            item_id=item_id,
            applicant=person("赵敏", "32032419920101234"),
            materials=(MaterialInput(material_ids[0], MaterialState.RECEIVED),),
            window_id=window_id,
        ),
        extra="申请书第2页经营范围填写不规范，请按《国民经济行业分类》规范表述后重新填写。",
    )
    refusal = cases.refuse(
        clerk,
        Intake(
            item_id=item_id,
            applicant=person("孙强", "32032419780808567"),
            materials=(MaterialInput(material_ids[0], MaterialState.RECEIVED),),
            window_id=window_id,
        ),
        reason="申请事项依法不属于本中心职权范围，请向睢宁县市场监督管理局登记注册窗口申请。",
        legal_basis="《中华人民共和国行政许可法》第三十二条第一款第（二）项",
    )
    clock.now += dt.timedelta(days=8, hours=5)
    completion = cases.complete(
        clerk, receipt.number, Decision.GRANTED, "营业执照（正本1份、副本1份）"
    )
    clock.now += dt.timedelta(hours=1)
    return {
        "receipt": receipt,
        "notice": notice,
        "refusal": refusal,
        "completion": completion,
    }


LONG_CASE_MATERIALS = [
    "农村宅基地和建房（规划许可）申请表",
    "农村宅基地使用承诺书",
    "申请人居民身份证",
    "申请人户口簿",
    "家庭成员居民身份证",
    "村民小组会议讨论通过的记录",
    "村民委员会审查意见",
    "宅基地坐落平面位置图",
    "现场踏勘记录",
    "相邻权利人签字确认的界址确认书",
    "原有宅基地处置情况说明",
    "住宅设计图或者通用设计图",
    "建房施工承诺书",
    "施工单位（人员）资质或能力证明",
    "集体经济组织成员资格认定材料",
    "经公示无异议的村级公示照片及公示材料（公示期不少于5个工作日）",
    "自然资源部门审查意见",
    "农业农村部门审查意见",
    "乡镇规划建设部门意见",
    "水利部门意见（涉及河道管理范围的）",
    "交通运输部门意见（涉及公路建筑控制区的）",
    "电力部门意见（涉及电力设施保护区的）",
    "林业部门意见（涉及林地的）",
    "文物部门意见（涉及文物保护范围的）",
    "地质灾害危险性评估报告（位于地质灾害易发区的）",
    "不动产权属证明",
    "授权委托书",
    "受托人居民身份证",
    "其他需要提交的材料说明",
    "申请材料真实性承诺书",
]


def make_long_case(db: Database, clerk: Actor, window_id: int) -> CaseDetail:
    """A 60-character item name, 30 materials, a long address, an organisation with a USCC."""
    name = (
        "农村集体经济组织成员家庭在本集体经济组织所有的土地上建设住宅及附属设施的"
        "宅基地和建房规划许可审批及其变更、延续和注销登记"
    )
    assert len(name) == 60
    item_id, material_ids = add_item(
        db,
        "11320324MB1234567X4320302001000Y0000000000000000000000000000001",
        name,
        [(material, True, False) for material in LONG_CASE_MATERIALS],
        days=20,
    )
    first17 = "91320324MA1XY2345"
    applicant = ApplicantInput(
        kind=ApplicantKind.ORGANISATION,
        id_type=IdType.USCC,
        id_number=first17 + uscc_check_character(first17),
        name="睢宁县示范镇幸福村股份经济合作社",
        phone="0516-87654321",
        address=(
            "江苏省徐州市睢宁县示范镇幸福村村民委员会办公楼二楼东侧第三间"
            "（幸福大道与振兴路交叉口向北二百米路西，原村小学旧址院内）"
        ),
    )
    intake = Intake(
        item_id=item_id,
        applicant=applicant,
        materials=tuple(MaterialInput(m, MaterialState.RECEIVED) for m in material_ids),
        window_id=window_id,
    )
    return CaseService(db).accept(clerk, intake)


def make_rare_case(db: Database, clerk: Actor) -> CaseDetail:
    item_id, material_ids = add_item(
        db, "320324-MZ-002", "困难群众临时救助", [("申请书", True, False)]
    )
    intake = Intake(
        item_id=item_id,
        applicant=person("刘䶮𠮷", "32032419700505345"),
        materials=(MaterialInput(material_ids[0], MaterialState.RECEIVED),),
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
        db, clerk, window_id = set_up(data_dir, clock)
        try:
            cases = make_cases(db, clerk, window_id, clock)
            printer = PrintService(db)
            center = SettingsService(db).center()
            written = []
            for stem, kind in (
                ("receipt", DocumentKind.RECEIPT),
                ("notice", DocumentKind.NOTICE),
                ("refusal", DocumentKind.REFUSAL),
                ("completion", DocumentKind.COMPLETION),
            ):
                pdf = printer.render(clerk, cases[stem].number, kind)
                written.append(to_png(pdf, out_dir, stem))
            reprint = printer.render(clerk, cases["receipt"].number, DocumentKind.RECEIPT)
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
            long_case = variant("receipt-long", make_long_case(db, clerk, window_id), center)
            written.append(to_png(long_case, out_dir, "receipt-long-p1"))
            written.append(to_png(long_case, out_dir, "receipt-long-p2", page=2))
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
