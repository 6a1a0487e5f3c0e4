"""The sample cases printed documents are tested with, rendered for people to look at
(scripts/render_documents.py) and measured with (benchmarks/bench_documents.py)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from tests.factories import ID_LI, ItemRef, intake_for, make_item
from tests.people import add_user, first_admin
from townclerk.db.database import Database, open_database
from townclerk.enums import ApplicantKind, IdType, Role
from townclerk.paths import sqlite_url
from townclerk.records.cases import AgentInput, CaseDetail
from townclerk.records.center import CenterSettings
from townclerk.services.access import Actor
from townclerk.services.cases import CaseService
from townclerk.services.settings import SettingsService
from townclerk.validation import uscc_check_character

CENTER_ADDRESS = "江苏省徐州市睢宁县示范镇人民路88号为民服务中心一楼大厅"
SAMPLE_CENTER = CenterSettings(
    center_name="睢宁县示范镇为民服务中心",
    center_code="320324101",
    phone="0516-88881234",
    address=CENTER_ADDRESS,
)
WINDOW_NAME = "综合受理窗口1号"
CLERK_NAME = "王晓燕"
USCC = "91320324MA1XY2345" + uscc_check_character("91320324MA1XY2345")
LONG_ITEM_CODE = "11320324MB1234567X4320302001000Y00000000000000000000000000000001"
LONG_ITEM_NAME = (
    "农村集体经济组织成员家庭在本集体经济组织所有的土地上建设住宅及附属设施的"
    "宅基地和建房规划许可审批及其变更、延续和注销登记"
)
LONG_ADDRESS = (
    "江苏省徐州市睢宁县示范镇幸福村村民委员会办公楼二楼东侧第三间"
    "（幸福大道与振兴路交叉口向北二百米路西，原村小学旧址院内）"
)
THIRTY_MATERIALS = (
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
)


def open_sample_database(
    folder: Path, clock: Callable[[], dt.datetime], password: str
) -> tuple[Database, Actor, int]:
    """A new database in ``folder``: the demo center (with its address), one window and the
    clerk 王晓燕; returns the database, the clerk and the window's id."""
    db = open_database(sqlite_url(folder), folder, clock=clock)
    admin = first_admin(db, SAMPLE_CENTER, password=password)
    window = SettingsService(db).add_window(admin, WINDOW_NAME)
    clerk = add_user(db, admin, "clerk", Role.CLERK, CLERK_NAME, password=password)
    return db, clerk, window.id


def accepted_case(
    db: Database, clerk: Actor, window_id: int | None = None, item: ItemRef | None = None
) -> CaseDetail:
    """张伟 (living in 幸福村), through the agent 李芳, with one material accepted under 容缺
    until 2026-10-09; the optional third material is not brought. ``item`` defaults to a new
    个体工商户设立登记 from :func:`tests.factories.make_item`."""
    item = item or make_item(db)
    intake = intake_for(
        item,
        received=item.material_ids[:1],
        tolerated={item.material_ids[1]: dt.date(2026, 10, 9)},
        window_id=window_id,
    )
    intake = replace(
        intake,
        applicant=replace(intake.applicant, address="睢宁县示范镇幸福村三组18号"),
        agent=AgentInput("李芳", ID_LI, "13987654321"),
    )
    return CaseService(db).accept(clerk, intake)


def supply_tolerated(db: Database, clerk: Actor, case: CaseDetail) -> None:
    """The applicant hands in what was accepted under 容缺 (办结 waits for it)."""
    for material in case.tolerated_materials:
        CaseService(db).supply_material(clerk, case.number, material.material_id)


def long_case(db: Database, clerk: Actor, window_id: int | None = None) -> CaseDetail:
    """The stress case: a 60-character item with a 64-character code and 30 materials, an
    organisation with a long address."""
    item = make_item(
        db,
        code=LONG_ITEM_CODE,
        name=LONG_ITEM_NAME,
        materials=tuple((name, True, False) for name in THIRTY_MATERIALS),
        promised_days=20,
        statutory_days=20,
    )
    intake = intake_for(item, window_id=window_id)
    applicant = replace(
        intake.applicant,
        kind=ApplicantKind.ORGANISATION,
        id_type=IdType.USCC,
        id_number=USCC,
        name="睢宁县示范镇幸福村股份经济合作社",
        phone="0516-87654321",
        address=LONG_ADDRESS,
    )
    return CaseService(db).accept(clerk, replace(intake, applicant=applicant))
