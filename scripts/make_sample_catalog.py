"""Write the sample delegated catalog (赋权目录) workbook used for training and tests.

The catalog below is SAMPLE DATA (示例数据) for an imaginary township, 睢宁县示范镇 (center code
320324101). Item names, legal bases and materials follow what published Jiangsu township catalogs
contain, but the codes are made up and the rows are not an official catalog.

Usage:
    .venv/bin/python scripts/make_sample_catalog.py [OUTPUT.xlsx]

The workbook follows the project's catalog template: sheet 事项 (title row, header row 2, data
from row 3), sheet 申请材料 (header row 1) and sheet 说明. After writing, the script reads the
file back and prints a summary.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

REPO = Path(__file__).resolve().parents[1]
DEFAULT_OUTPUT = REPO / "resources" / "catalog" / "sample_catalog.xlsx"

TOWN = "睢宁县示范镇"
CENTER = f"{TOWN}为民服务中心"
CENTER_CODE = "320324101"
TITLE = f"{TOWN}行政许可和公共服务事项赋权目录（示例数据）"

# --------------------------------------------------------------------------------------------
# Vocabularies (the Chinese labels of townclerk.enums)
# --------------------------------------------------------------------------------------------

XK = "行政许可"
QR = "行政确认"
GF = "行政给付"
CJ = "行政裁决"
JL = "行政奖励"
BA = "行政备案"
QT = "其他行政权力"
GG = "公共服务"
CATEGORIES = (XK, QR, GF, CJ, JL, BA, QT, GG)

SOURCES = ("法定本级行使", "上级下放", "上级授权", "同级授权", "上级委托", "同级委托")
LEVELS = ("镇级", "村级")
KINDS = ("即办件", "承诺件")
YES_NO = ("是", "否")
RESULTS = ("证照", "批文", "其他", "无")
ROUTINGS = ("窗口办结", "后台审批", "初审转报")
NEEDS = ("必要", "非必要")

ORI = "原件"
CPY = "复印件"
ORI_CPY = "原件及复印件"
ELE = "电子"
FORMS = (ORI, CPY, ORI_CPY, ELE)

LIST_POWER = "权力清单"
LIST_DUTY = "责任清单"
LIST_SERVICE = "公共服务事项清单"
LIST_VILLAGE = "村级便民服务点受理民生服务清单"
LIST_SHARED = "县镇跨部门信息共享清单"

WIN_1 = "综合窗口一"
WIN_2 = "综合窗口二"
WIN_SOCIAL = "社保医保窗口"
WIN_ESTATE = "不动产窗口"
WIN_UTILITY = "供水供电供气窗口"
WIN_POLICE = "公安户籍窗口"
WIN_TAX = "税务窗口"

# Statutory and promised limits (working days) of an item done on the spot.
JB = (0, 0)

# Code of the category inside a national-style implementation code.
CATEGORY_CODES = {XK: "01", GF: "05", QR: "07", JL: "08", CJ: "09", QT: "10", BA: "11", GG: "20"}

DEFAULT_CONDITIONS = {
    GG: "本镇辖区内有办理需求的居民或单位，按要求提供申请材料",
    "": "申请人符合法律法规规定的条件，申请材料齐全、符合法定形式",
}


# --------------------------------------------------------------------------------------------
# Model
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Material:
    name: str
    form: str = ORI_CPY
    copies: int = 1
    optional: bool = False
    tolerant: bool = False
    note: str = ""


@dataclass(frozen=True)
class Item:
    name: str
    category: str
    limits: tuple[int, int]
    basis: str
    materials: tuple[Material, ...]
    conditions: str = ""
    result: str = "其他"
    village: bool = False
    source: str = ""
    window: str = ""
    fee: str = ""
    shared: bool = False
    local: bool = False
    note: str = ""


@dataclass(frozen=True)
class Department:
    name: str
    abbr: str
    org_body: str | None  # 8 characters of the organisation code; None: local codes only
    window: str
    source: str
    base: int  # first sequence number of the department's national-style codes
    items: tuple[Item, ...]
    shared: bool = False
    uscc_kind: str = "11"  # 11: government agency; 13: mass organisation


def m(
    name: str,
    form: str = ORI_CPY,
    copies: int = 1,
    *,
    optional: bool = False,
    tolerant: bool = False,
    note: str = "",
) -> Material:
    """A required material; `optional` makes it 非必要, `tolerant` allows 容缺."""
    return Material(name, form, copies, optional, tolerant, note)


def app(name: str, copies: int = 1) -> Material:
    """An application form, handed in as an original."""
    return Material(name, ORI, copies)


def it(
    name: str,
    category: str,
    limits: tuple[int, int],
    basis: str,
    materials: list[Material],
    **kwargs: Any,
) -> Item:
    return Item(name, category, limits, basis, tuple(materials), **kwargs)


# Materials many items share.
ID = m("申请人居民身份证")
HUKOU = m("户口簿")
PROXY = m("委托书（代办时提供）", ORI, optional=True)
AGENT_ID = m("代办人居民身份证（代办时提供）", optional=True)
PHOTO = m("近期一寸免冠彩色照片", ORI, 2)
PHOTO_2 = m("近期二寸免冠白底彩色照片", ORI, 3)
BANK = m("本人银行卡或存折", CPY, tolerant=True)
PROPERTY = m("不动产权证书（或房屋产权证明、购房合同）")
LICENSE = m("营业执照（可提供电子营业执照）")
LEGAL_ID = m("法定代表人（负责人）居民身份证")
APPLICANT_PROOF = m("申请人身份证明（居民身份证或营业执照）")
INCOME = m("家庭成员收入情况声明", ORI)
CHECK_AUTH = m("家庭经济状况核对授权书", ORI)
DISABILITY_CARD = m("中华人民共和国残疾人证（第二代）")
VETERAN_CARD = m("退役证件（退伍证、转业证等）")
SITE_PHOTOS = m("现场照片", ELE)

# --------------------------------------------------------------------------------------------
# Catalog data, by original department
# --------------------------------------------------------------------------------------------

SOCIAL_AID = "《社会救助暂行办法》"
JS_SOCIAL_AID = "《江苏省社会救助办法》"

MINZHENG = Department(
    "睢宁县民政局",
    "MZ",
    "01411837",
    WIN_1,
    "上级下放",
    117,
    (
        it(
            "最低生活保障审核",
            GF,
            (30, 15),
            f"{SOCIAL_AID}第十一条；{JS_SOCIAL_AID}",
            [
                app("最低生活保障申请书"),
                ID,
                HUKOU,
                INCOME,
                CHECK_AUTH,
                m("家庭成员患病、残疾等情况证明（有相关情形时提供）", CPY, optional=True),
                m("婚姻状况证明材料（结婚证、离婚证等）", optional=True),
                BANK,
                PROXY,
            ],
            conditions="共同生活的家庭成员人均收入低于本县最低生活保障标准，"
            "且家庭财产状况符合规定的本县户籍居民",
            village=True,
            shared=True,
            note="审核确认权限下放至镇；审核结果在村（社区）公示7日",
        ),
        it(
            "特困人员救助供养审核",
            GF,
            (20, 15),
            f"{SOCIAL_AID}第十四条、第十五条；"
            "《国务院关于进一步健全特困人员救助供养制度的意见》（国发〔2016〕14号）",
            [
                app("特困人员救助供养申请书"),
                ID,
                HUKOU,
                PHOTO,
                m("无劳动能力证明材料（残疾人证、医院诊断证明等）"),
                INCOME,
                CHECK_AUTH,
                m("法定赡养、抚养、扶养义务人情况说明", ORI, tolerant=True),
                app("生活自理能力评估表"),
                app("供养方式选择意见书（集中或分散供养）"),
                app("村（居）民委员会调查意见"),
                BANK,
                PROXY,
                AGENT_ID,
            ],
            conditions="无劳动能力、无生活来源且无法定赡养抚养扶养义务人或其义务人无履行能力的"
            "老年人、残疾人以及未满16周岁的未成年人",
            village=True,
            shared=True,
        ),
        it(
            "临时救助申请",
            GF,
            (10, 5),
            f"{SOCIAL_AID}第四十七条、第四十八条",
            [
                app("临时救助申请书"),
                ID,
                HUKOU,
                m("遭遇突发事件、意外事故或者重大疾病的证明材料"),
                m("医疗费用票据（因病申请时提供）", CPY, optional=True),
                BANK,
            ],
            conditions="因火灾、交通事故等意外事件或家庭成员突发重大疾病等原因，"
            "导致基本生活暂时出现严重困难的家庭或个人",
            village=True,
            shared=True,
            note="急难型临时救助可先行救助，事后补齐材料",
        ),
        it(
            "高龄津贴申请",
            GF,
            (15, 5),
            "《中华人民共和国老年人权益保障法》；《江苏省老年人权益保障条例》",
            [ID, HUKOU, BANK, PROXY],
            conditions="具有本县户籍、年满80周岁的老年人",
            village=True,
        ),
        it(
            "困难残疾人生活补贴和重度残疾人护理补贴审核",
            GF,
            (20, 10),
            "《国务院关于全面建立困难残疾人生活补贴和重度残疾人护理补贴制度的意见》"
            "（国发〔2015〕52号）",
            [
                app("困难残疾人生活补贴和重度残疾人护理补贴申请审批表"),
                ID,
                DISABILITY_CARD,
                HUKOU,
                m("最低生活保障证或低保边缘家庭证明（申请生活补贴时提供）", optional=True),
                BANK,
                PROXY,
            ],
            conditions="持有第二代残疾人证的低保家庭残疾人，"
            "或残疾等级为一级、二级且需要长期照护的重度残疾人",
            village=True,
            shared=True,
        ),
        it(
            "经济困难老年人养老服务补贴申请",
            GF,
            (20, 10),
            "《江苏省养老服务条例》",
            [app("养老服务补贴申请表"), ID, HUKOU, app("老年人能力评估报告"), INCOME],
            conditions="本县户籍、经济困难且经评估失能或半失能的老年人",
            village=True,
        ),
        it(
            "孤儿基本生活保障金申请",
            GF,
            (20, 15),
            "《国务院办公厅关于加强孤儿保障工作的意见》（国办发〔2010〕54号）",
            [
                app("孤儿基本生活费申请表"),
                m("儿童居民身份证或户口簿"),
                m("父母死亡证明或人民法院宣告死亡、失踪的判决书"),
                m("监护人居民身份证"),
                PHOTO,
                BANK,
            ],
            conditions="父母均死亡或被人民法院宣告死亡、失踪的未满18周岁的本县户籍儿童",
            shared=True,
        ),
        it(
            "事实无人抚养儿童认定",
            QR,
            (20, 15),
            "《民政部等12部门关于进一步加强事实无人抚养儿童保障工作的意见》（民发〔2019〕62号）",
            [
                app("事实无人抚养儿童认定申请表"),
                m("儿童户口簿"),
                m("父母重残、重病、服刑、失联等情形的证明材料"),
                m("监护人居民身份证"),
                PHOTO,
            ],
            conditions="父母双方均符合重残、重病、服刑在押、强制隔离戒毒、失联等情形之一的儿童",
        ),
        it(
            "困境儿童认定",
            QR,
            (20, 15),
            "《国务院关于加强困境儿童保障工作的意见》（国发〔2016〕36号）",
            [
                app("困境儿童认定申请表"),
                HUKOU,
                m("儿童监护人居民身份证"),
                m("家庭经济困难或儿童重病、残疾的证明材料"),
            ],
        ),
        it(
            "支出型贫困家庭生活救助审核",
            GF,
            (30, 20),
            JS_SOCIAL_AID,
            [
                app("支出型困难家庭救助申请书"),
                ID,
                HUKOU,
                INCOME,
                CHECK_AUTH,
                m("近12个月医疗、教育等刚性支出票据", CPY),
                BANK,
            ],
            conditions="因医疗、教育等刚性支出过大，导致一定时期内基本生活出现严重困难的"
            "本县户籍家庭",
            shared=True,
        ),
        it(
            "基本殡葬服务费用减免申请",
            GF,
            (10, 5),
            "《殡葬管理条例》；《江苏省殡葬管理办法》",
            [
                app("基本殡葬服务费用减免申请表"),
                m("逝者居民身份证或户口簿"),
                m("火化证明"),
                m("经办人居民身份证"),
                app("殡葬服务费用票据"),
            ],
        ),
        it(
            "农村公益性公墓安葬审核",
            QT,
            (10, 5),
            "《殡葬管理条例》第八条",
            [m("火化证明"), ID, app("公益性公墓安葬申请表")],
            result="批文",
        ),
        it(
            "社区社会组织登记备案",
            BA,
            (20, 10),
            "《社会团体登记管理条例》；"
            "《民政部关于大力培育发展社区社会组织的意见》（民发〔2017〕191号）",
            [
                app("社区社会组织备案申请表"),
                app("组织章程"),
                m("负责人居民身份证"),
                app("成员名册"),
                m("活动场所使用证明", tolerant=True),
            ],
        ),
        it(
            "村规民约、居民公约备案",
            BA,
            (10, 5),
            "《中华人民共和国村民委员会组织法》第二十七条",
            [
                app("村规民约（居民公约）备案报告"),
                app("村规民约（居民公约）文本", 2),
                app("村民会议或村民代表会议决议"),
            ],
            conditions="经村民会议或居民会议讨论通过的村规民约、居民公约",
            source="法定本级行使",
            local=True,
        ),
        it(
            "最低生活保障、特困供养对象证明出具",
            GG,
            JB,
            SOCIAL_AID,
            [ID],
            shared=True,
        ),
        it(
            "农村留守老年人关爱服务需求登记",
            GG,
            JB,
            "《民政部等10部门关于加强农村留守老年人关爱服务工作的意见》（民发〔2017〕193号）",
            [ID, m("紧急联系人信息登记表", ORI, optional=True)],
            village=True,
            local=True,
            result="无",
        ),
        it(
            "最低生活保障对象增减变更（停发、减发、恢复）",
            QT,
            (20, 10),
            f"{SOCIAL_AID}第十三条",
            [app("最低生活保障变更申请书"), ID, m("家庭人口、收入或财产变化的证明材料")],
            shared=True,
        ),
        it(
            "老年人能力综合评估申请",
            GG,
            (15, 10),
            "《江苏省养老服务条例》",
            [ID, app("老年人能力评估申请表"), m("近期病历或诊断证明", CPY, optional=True)],
        ),
    ),
)

RURAL_PENSION = "《国务院关于建立统一的城乡居民基本养老保险制度的意见》（国发〔2014〕8号）"
EMPLOYMENT_RULES = "《就业服务与就业管理规定》（劳动和社会保障部令第28号）"
STARTUP_LOAN = (
    "《财政部 人力资源社会保障部 中国人民银行关于进一步加大创业担保贷款贴息力度"
    "全力支持重点群体创业就业的通知》（财金〔2020〕21号）"
)

RENSHE = Department(
    "睢宁县人力资源和社会保障局",
    "RS",
    "01411845",
    WIN_SOCIAL,
    "上级委托",
    301,
    (
        it(
            "城乡居民基本养老保险参保登记",
            GG,
            (5, 0),
            RURAL_PENSION,
            [ID, HUKOU, app("城乡居民基本养老保险参保登记表")],
            conditions="年满16周岁（不含在校学生）、非国家机关和事业单位工作人员及"
            "不属于职工基本养老保险制度覆盖范围的本县户籍居民",
            village=True,
            shared=True,
        ),
        it(
            "城乡居民基本养老保险参保信息变更登记",
            GG,
            (5, 0),
            RURAL_PENSION,
            [ID, app("城乡居民基本养老保险变更登记表"), m("变更事项证明材料", optional=True)],
            village=True,
        ),
        it(
            "城乡居民基本养老保险待遇申领",
            GF,
            (20, 10),
            f"{RURAL_PENSION}；《城乡居民基本养老保险经办规程》",
            [
                ID,
                HUKOU,
                app("城乡居民基本养老保险待遇领取申请表"),
                BANK,
                m("近期一寸免冠彩色照片", ORI),
            ],
            conditions="年满60周岁、累计缴费满15年且未领取国家规定的基本养老保障待遇的参保人",
            village=True,
        ),
        it(
            "城乡居民基本养老保险注销登记",
            GG,
            (10, 5),
            "《城乡居民基本养老保险经办规程》",
            [
                m("参保人死亡证明或火化证明"),
                m("参保人居民身份证或户口簿（注销页）"),
                m("继承人或指定受益人居民身份证"),
                m("继承关系证明材料", tolerant=True),
                m("继承人银行卡或存折", CPY),
            ],
            conditions="参保人死亡、丧失中华人民共和国国籍或已享受其他基本养老保障待遇",
            village=True,
        ),
        it(
            "城乡养老保险制度衔接申请",
            GG,
            (15, 10),
            "《城乡养老保险制度衔接暂行办法》（人社部发〔2014〕17号）",
            [ID, app("城乡养老保险制度衔接申请表"), m("原参保地缴费凭证", ORI, tolerant=True)],
        ),
        it(
            "城乡居民基本养老保险待遇领取资格认证",
            GG,
            JB,
            "《城乡居民基本养老保险经办规程》",
            [ID],
            village=True,
            result="无",
        ),
        it(
            "城乡居民基本养老保险缴费档次变更",
            GG,
            JB,
            RURAL_PENSION,
            [ID],
        ),
        it(
            "城乡居民养老保险待遇发放银行账户变更",
            GG,
            (5, 0),
            "《城乡居民基本养老保险经办规程》",
            [ID, m("本人新开立的银行卡或存折"), app("待遇发放账户变更申请表")],
            village=True,
        ),
        it(
            "就业登记",
            GG,
            JB,
            EMPLOYMENT_RULES,
            [ID, m("劳动合同或用工证明", CPY, tolerant=True)],
            shared=True,
        ),
        it(
            "失业登记",
            GG,
            JB,
            f"《中华人民共和国就业促进法》；{EMPLOYMENT_RULES}",
            [
                ID,
                app("失业登记表"),
                m("与原单位终止或解除劳动关系的证明", CPY, optional=True),
            ],
            conditions="法定劳动年龄内、有劳动能力、有就业要求、处于无业状态的城乡劳动者",
            shared=True,
        ),
        it(
            "就业困难人员认定",
            QR,
            (15, 5),
            "《中华人民共和国就业促进法》第五十二条",
            [
                ID,
                app("就业困难人员认定申请表"),
                m("就业困难类别证明材料（残疾人证、低保证等）"),
                m("失业登记证明", CPY, tolerant=True),
            ],
            shared=True,
        ),
        it(
            "灵活就业人员社会保险登记",
            GG,
            JB,
            "《中华人民共和国社会保险法》第五十八条",
            [ID, app("灵活就业人员社会保险登记表")],
        ),
        it(
            "灵活就业人员社会保险补贴申领",
            GF,
            (20, 10),
            "《江苏省就业促进条例》；《就业补助资金管理办法》（财社〔2017〕164号）",
            [
                ID,
                app("灵活就业社会保险补贴申请表"),
                app("社会保险缴费凭证"),
                m("就业困难人员认定证明", CPY),
                BANK,
            ],
        ),
        it(
            "个人创业担保贷款申请受理（经办银行放款前初审）",
            GG,
            (10, 5),
            STARTUP_LOAN,
            [
                ID,
                HUKOU,
                app("个人创业担保贷款申请表"),
                LICENSE,
                m("经营场所租赁合同或产权证明", CPY, tolerant=True),
                app("个人信用报告"),
                m("结婚证或单身声明", optional=True),
                m("反担保人身份证明及收入证明", optional=True),
            ],
            conditions="符合创业担保贷款扶持对象条件、已办理个体工商户或小微企业登记的创业者",
            note="贷款额度和放款由经办银行审批",
        ),
        it(
            "创业担保贷款到期还款贴息申请",
            GF,
            (15, 10),
            STARTUP_LOAN,
            [
                ID,
                app("创业担保贷款贴息申请表"),
                app("银行出具的还款及利息结算凭证"),
                m("贷款合同", CPY),
            ],
        ),
        it(
            "一次性创业补贴申领",
            GF,
            (20, 10),
            "《江苏省就业促进条例》",
            [
                ID,
                LICENSE,
                app("一次性创业补贴申请表"),
                app("带动就业人员社会保险缴费明细"),
                BANK,
            ],
        ),
        it(
            "求职登记及就业岗位信息查询",
            GG,
            JB,
            EMPLOYMENT_RULES,
            [ID],
            result="无",
        ),
        it(
            "职业技能培训报名",
            GG,
            JB,
            "《国务院关于推行终身职业技能培训制度的意见》（国发〔2018〕11号）",
            [ID, PHOTO, m("学历证书", CPY, optional=True)],
            village=True,
        ),
        it(
            "劳动保障违法行为投诉受理",
            QT,
            (5, 5),
            "《劳动保障监察条例》",
            [app("劳动保障监察投诉书"), ID, m("劳动关系及违法事实证明材料", CPY)],
            note="镇级受理后转县劳动保障监察机构处理",
        ),
        it(
            "劳动人事争议调解申请",
            GG,
            (15, 15),
            "《中华人民共和国劳动争议调解仲裁法》第十条、第十四条",
            [
                app("劳动争议调解申请书"),
                ID,
                app("被申请人名称、住所等基本情况"),
                m("劳动关系证明材料（劳动合同、工资条等）", CPY, tolerant=True),
            ],
            source="法定本级行使",
        ),
        it(
            "社会保障卡申领（含补换卡）",
            GG,
            JB,
            "《中华人民共和国社会保险法》第五十八条",
            [ID, m("近期一寸免冠白底彩色照片", ORI), PROXY, AGENT_ID],
            result="证照",
        ),
        it(
            "社会保障卡挂失与解挂",
            GG,
            JB,
            "《中华人民共和国社会保险法》第五十八条",
            [ID],
        ),
        it(
            "社会保险个人权益记录查询打印",
            GG,
            JB,
            "《社会保险个人权益记录管理办法》（人力资源和社会保障部令第14号）",
            [ID],
            village=True,
        ),
        it(
            "被征地农民社会保障待遇申领",
            GF,
            (20, 15),
            "《江苏省征地补偿和被征地农民社会保障办法》",
            [ID, HUKOU, app("被征地农民身份确认表"), BANK],
            shared=True,
        ),
        it(
            "丧葬补助金和抚恤金申领",
            GF,
            (20, 10),
            "《中华人民共和国社会保险法》第十七条",
            [
                m("死者死亡证明或火化证明"),
                m("死者居民身份证或户口注销证明"),
                m("申领人居民身份证"),
                m("申领人与死者关系证明"),
                m("申领人银行卡或存折", CPY),
            ],
        ),
        it(
            "企业职工基本养老保险待遇领取资格认证",
            GG,
            JB,
            "《中华人民共和国社会保险法》",
            [ID],
            result="无",
        ),
    ),
)

HEALTH_CARE_AID = "《国务院办公厅关于健全重特大疾病医疗保险和救助制度的意见》（国办发〔2021〕42号）"
LONG_TERM_CARE = "《国家医保局 财政部关于扩大长期护理保险制度试点的指导意见》（医保发〔2020〕37号）"
OUTPATIENT_POOL = (
    "《国务院办公厅关于建立健全职工基本医疗保险门诊共济保障机制的指导意见》（国办发〔2021〕14号）"
)

YIBAO = Department(
    "睢宁县医疗保障局",
    "YB",
    "MB1C2147",
    WIN_SOCIAL,
    "上级委托",
    411,
    (
        it(
            "城乡居民基本医疗保险参保登记",
            GG,
            JB,
            "《中华人民共和国社会保险法》第二十五条",
            [ID, HUKOU, m("居住证（非本县户籍人员提供）", optional=True)],
            conditions="未参加职工基本医疗保险的本县户籍居民及持有本县居住证的常住人员",
            village=True,
            shared=True,
        ),
        it(
            "城乡居民基本医疗保险参保信息变更",
            GG,
            JB,
            "《中华人民共和国社会保险法》第二十五条",
            [ID, m("变更事项证明材料", CPY, optional=True)],
        ),
        it(
            "医疗救助申请",
            GF,
            (20, 10),
            f"{SOCIAL_AID}第二十八条；{HEALTH_CARE_AID}",
            [
                app("医疗救助申请审批表"),
                ID,
                HUKOU,
                app("医疗费用发票"),
                m("出院小结或诊断证明", CPY),
                app("医保结算单"),
                m("救助对象身份证明（低保证、特困证等）", CPY),
                BANK,
            ],
            conditions="本县户籍的特困人员、低保对象、低保边缘家庭成员、防返贫监测对象等"
            "医疗救助对象",
            village=True,
            shared=True,
        ),
        it(
            "基本医疗保险参保人员异地就医备案",
            GG,
            JB,
            "《国家医疗保障局 财政部关于进一步做好基本医疗保险跨省异地就医直接结算工作的通知》"
            "（医保发〔2022〕22号）",
            [
                m("居民身份证或医保电子凭证", ELE),
                app("异地就医备案登记表"),
                m("异地长期居住证明或个人承诺书", ORI, optional=True),
            ],
            village=True,
        ),
        it(
            "门诊慢特病病种待遇认定",
            QR,
            (15, 10),
            OUTPATIENT_POOL,
            [
                ID,
                app("门诊慢特病待遇认定申请表"),
                app("二级及以上医疗机构诊断证明"),
                m("近期相关检查报告", CPY),
                m("病历资料", CPY),
            ],
        ),
        it(
            "零星医疗费用手工报销",
            GF,
            (30, 20),
            "《中华人民共和国社会保险法》第二十九条",
            [ID, app("医疗费用发票"), app("费用明细清单"), m("出院记录或门诊病历", CPY), BANK],
        ),
        it(
            "长期护理保险失能等级评估申请",
            GG,
            (30, 20),
            LONG_TERM_CARE,
            [
                ID,
                app("长期护理保险失能评估申请表"),
                m("近6个月内病历或诊断证明", CPY),
                app("失能人员近期照片"),
            ],
            conditions="参加本县基本医疗保险、因年老疾病伤残等原因长期卧床、"
            "生活不能自理已达6个月以上的参保人员",
        ),
        it(
            "长期护理保险待遇申请",
            GF,
            (20, 10),
            LONG_TERM_CARE,
            [
                ID,
                app("失能等级评估结论书"),
                app("长期护理保险待遇申请表"),
                m("护理服务机构确认书", ORI, optional=True),
                BANK,
            ],
        ),
        it(
            "基本医疗保险关系转移接续",
            GG,
            (15, 10),
            "《流动就业人员基本医疗保障关系转移接续暂行办法》（人社部发〔2009〕191号）",
            [ID, app("参保（合）凭证"), app("基本医疗保险关系转移接续申请表")],
            shared=True,
        ),
        it(
            "医疗保险参保缴费凭证查询打印",
            GG,
            JB,
            "《中华人民共和国社会保险法》第七十四条",
            [m("居民身份证或医保电子凭证", ELE)],
            village=True,
        ),
        it(
            "医保电子凭证激活与使用指导",
            GG,
            JB,
            "国家医疗保障局医保电子凭证推广应用有关规定",
            [ID],
            village=True,
            local=True,
            result="无",
        ),
        it(
            "生育医疗费用及生育津贴申领",
            GF,
            (20, 10),
            "《中华人民共和国社会保险法》第五十四条",
            [
                ID,
                m("出生医学证明", CPY),
                app("医疗费用票据及出院小结"),
                m("结婚证", CPY, optional=True),
                BANK,
            ],
        ),
        it(
            "困难群众参保资助审核",
            GF,
            (20, 10),
            HEALTH_CARE_AID,
            [ID, m("特困、低保、防返贫监测对象等身份证明", CPY), app("参保资助申请表")],
            shared=True,
        ),
        it(
            "职工医保个人账户家庭共济备案",
            BA,
            JB,
            OUTPATIENT_POOL,
            [ID, m("共济人员户口簿或亲属关系证明"), app("家庭共济备案表")],
        ),
    ),
)

JS_POPULATION = "《江苏省人口与计划生育条例》"

WEIJIAN = Department(
    "睢宁县卫生健康委员会",
    "WJ",
    "01411853",
    WIN_1,
    "上级下放",
    523,
    (
        it(
            "生育登记",
            GG,
            JB,
            f"《中华人民共和国人口与计划生育法》；{JS_POPULATION}",
            [m("夫妻双方居民身份证"), m("结婚证（已婚时提供）", optional=True)],
            village=True,
            shared=True,
            note="也可通过网上政务服务平台办理",
        ),
        it(
            "农村部分计划生育家庭奖励扶助资格确认",
            GF,
            (20, 15),
            f"《全国农村部分计划生育家庭奖励扶助制度管理规范》；{JS_POPULATION}",
            [
                ID,
                HUKOU,
                app("奖励扶助对象申报表"),
                m("独生子女父母光荣证或其他生育情况证明"),
                m("结婚证"),
                BANK,
            ],
            village=True,
        ),
        it(
            "计划生育家庭特别扶助金申请",
            GF,
            (20, 15),
            JS_POPULATION,
            [
                ID,
                HUKOU,
                app("特别扶助对象申报表"),
                m("独生子女死亡证明或伤残证明"),
                m("独生子女父母光荣证"),
                PHOTO,
                BANK,
            ],
            conditions="独生子女死亡或伤残（三级以上）、女方年满49周岁的计划生育家庭",
            village=True,
        ),
        it(
            "独生子女父母退休一次性奖励申请",
            JL,
            (20, 10),
            JS_POPULATION,
            [
                ID,
                m("独生子女父母光荣证"),
                m("退休证或退休审批表", CPY),
                app("一次性奖励申请表"),
                BANK,
            ],
        ),
        it(
            "独生子女父母光荣证补发",
            QR,
            (10, 5),
            JS_POPULATION,
            [ID, HUKOU, m("结婚证"), app("补证申请表"), m("夫妻二寸合影照片", ORI)],
            result="证照",
        ),
        it(
            "老年人优待证申领",
            GG,
            (5, 3),
            "《中华人民共和国老年人权益保障法》",
            [ID, m("近期一寸免冠彩色照片", ORI)],
            village=True,
            result="证照",
        ),
        it(
            "儿童预防接种证办理",
            GG,
            JB,
            "《中华人民共和国疫苗管理法》第四十七条",
            [m("出生医学证明"), m("监护人居民身份证")],
            result="证照",
            note="在镇卫生院预防接种门诊办理",
        ),
        it(
            "公共场所卫生许可初审",
            XK,
            (20, 10),
            "《公共场所卫生管理条例》第八条",
            [
                app("公共场所卫生许可申请表"),
                LICENSE,
                LEGAL_ID,
                app("公共场所地址方位示意图、平面图和卫生设施平面布局图"),
                m("从业人员健康合格证明", CPY),
                app("卫生管理制度"),
                m("集中空调通风系统卫生检测报告（有集中空调时提供）", ORI, optional=True),
            ],
            result="证照",
        ),
        it(
            "母婴健康手册建档",
            GG,
            JB,
            "《中华人民共和国母婴保健法》",
            [m("孕妇居民身份证"), m("早孕诊断证明", ORI, optional=True)],
            local=True,
        ),
        it(
            "乡村医生执业注册初审",
            XK,
            (20, 15),
            "《乡村医生从业管理条例》第九条",
            [
                app("乡村医生执业注册申请审核表"),
                ID,
                m("乡村医生证书或执业助理医师资格证书"),
                app("健康证明"),
                m("近期二寸免冠彩色照片", ORI, 2),
                app("拟执业的村卫生室同意证明"),
            ],
            result="证照",
        ),
        it(
            "诊所备案初审",
            BA,
            (10, 5),
            "《医疗机构管理条例》",
            [
                app("诊所备案信息表"),
                ID,
                m("诊所主要负责人及医护人员执业证书", CPY),
                m("房屋产权证明或租赁合同", CPY),
                app("诊所规章制度"),
            ],
        ),
        it(
            "计划生育手术并发症人员扶助申请",
            GF,
            (20, 15),
            JS_POPULATION,
            [ID, m("计划生育手术并发症鉴定结论"), app("扶助申请表"), BANK],
        ),
    ),
)

DISABLED_CARD_RULES = "《中华人民共和国残疾人证管理办法》（残联发〔2017〕73号）"

CANLIAN = Department(
    "睢宁县残疾人联合会",
    "CL",
    "50887132",
    WIN_1,
    "上级委托",
    631,
    (
        it(
            "残疾人证申领初审",
            QR,
            (20, 10),
            DISABLED_CARD_RULES,
            [
                app("残疾人证申请表"),
                ID,
                HUKOU,
                PHOTO_2,
                m("既往病历、诊断证明等医学资料", CPY, tolerant=True),
                m("监护人居民身份证（无民事行为能力人申请时提供）", optional=True),
                PROXY,
            ],
            conditions="本县户籍、符合残疾标准的视力、听力、言语、肢体、智力、精神及多重残疾人",
            result="证照",
            village=True,
            note="残疾评定由县残联指定的医疗机构进行",
        ),
        it(
            "残疾人证换领",
            QR,
            (20, 10),
            DISABLED_CARD_RULES,
            [ID, m("原残疾人证", ORI), PHOTO_2, app("残疾人证换领申请表")],
            result="证照",
            village=True,
        ),
        it(
            "残疾人证迁移",
            QR,
            (10, 5),
            DISABLED_CARD_RULES,
            [ID, DISABILITY_CARD, m("迁入地户口簿"), app("残疾人证迁移申请表")],
            result="证照",
        ),
        it(
            "残疾人证注销",
            QR,
            JB,
            DISABLED_CARD_RULES,
            [
                m("残疾人证", ORI),
                m("死亡证明或户口注销证明（因死亡注销时提供）", optional=True),
                app("残疾人证注销申请表"),
            ],
        ),
        it(
            "残疾人证挂失补办",
            QR,
            (20, 10),
            DISABLED_CARD_RULES,
            [ID, app("遗失声明或书面说明"), PHOTO_2, app("残疾人证补办申请表")],
            result="证照",
        ),
        it(
            "残疾人辅助器具适配申请",
            GG,
            (20, 10),
            "《中华人民共和国残疾人保障法》",
            [ID, DISABILITY_CARD, app("辅助器具适配申请表"), m("适配评估意见", ORI, optional=True)],
            village=True,
        ),
        it(
            "重度残疾人托养服务补贴申请",
            GF,
            (20, 10),
            "《中华人民共和国残疾人保障法》；《江苏省残疾人保障条例》",
            [
                ID,
                DISABILITY_CARD,
                HUKOU,
                app("托养服务补贴申请表"),
                m("托养服务协议", CPY, tolerant=True),
                BANK,
            ],
            conditions="持第二代残疾人证、残疾等级为一级或二级、接受托养服务的本县户籍残疾人",
        ),
        it(
            "残疾人家庭无障碍改造申请",
            GG,
            (20, 15),
            "《中华人民共和国无障碍环境建设法》",
            [
                ID,
                DISABILITY_CARD,
                m("房屋产权证明或居住证明", tolerant=True),
                app("无障碍改造申请表"),
            ],
        ),
        it(
            "残疾儿童康复救助申请",
            GF,
            (20, 10),
            "《国务院关于建立残疾儿童康复救助制度的意见》（国发〔2018〕20号）",
            [
                app("残疾儿童康复救助申请表"),
                m("儿童户口簿"),
                m("监护人居民身份证"),
                app("二级以上医疗机构诊断证明"),
                m("残疾人证（已办理时提供）", optional=True),
                PHOTO,
            ],
            conditions="0至6周岁视力、听力、言语、肢体、智力等残疾儿童和孤独症儿童",
        ),
        it(
            "残疾人自主就业创业扶持补贴申请",
            GF,
            (20, 15),
            "《残疾人就业条例》",
            [ID, DISABILITY_CARD, LICENSE, app("就业创业扶持补贴申请表"), BANK],
        ),
        it(
            "残疾学生及残疾人家庭子女助学补贴申请",
            GF,
            (20, 15),
            "《江苏省残疾人保障条例》",
            [ID, DISABILITY_CARD, m("学生证或录取通知书", CPY), app("助学补贴申请表"), BANK],
        ),
    ),
    shared=True,
    uscc_kind="13",
)

MILITARY_CARE = "《军人抚恤优待条例》"

TUIYI = Department(
    "睢宁县退役军人事务局",
    "TY",
    "MB1C2251",
    WIN_1,
    "上级下放",
    707,
    (
        it(
            "退役军人优待证申领",
            GG,
            (20, 10),
            "《退役军人、其他优抚对象优待证管理办法（试行）》",
            [ID, VETERAN_CARD, m("近期二寸免冠彩色照片（着便装）", ELE), app("优待证申领表")],
            result="证照",
            village=True,
            shared=True,
        ),
        it(
            "退役军人信息采集",
            GG,
            JB,
            "《中华人民共和国退役军人保障法》",
            [ID, VETERAN_CARD, HUKOU],
            shared=True,
        ),
        it(
            "义务兵家庭优待金申领",
            GF,
            (20, 10),
            MILITARY_CARE,
            [m("入伍通知书", CPY), m("义务兵父母居民身份证"), HUKOU, BANK],
        ),
        it(
            "在乡复员军人、带病回乡退伍军人、参战参试退役军人及部分农村籍退役士兵定期生活补助申请",
            GF,
            (20, 15),
            f"{MILITARY_CARE}；"
            "《民政部 财政部关于给部分农村籍退役士兵发放老年生活补助的通知》（民发〔2011〕110号）",
            [
                ID,
                VETERAN_CARD,
                HUKOU,
                app("定期生活补助申请表"),
                m("参战参试身份认定材料（参战参试人员提供）", CPY, optional=True),
                BANK,
            ],
        ),
        it(
            "伤残抚恤关系接收",
            GF,
            (20, 15),
            "《伤残抚恤管理办法》",
            [
                ID,
                m("残疾军人证或伤残人员证"),
                app("伤残档案"),
                m("户口迁移证明", CPY),
                app("伤残抚恤关系转移申请表"),
            ],
        ),
        it(
            "残疾军人残疾等级评定申请初审",
            QR,
            (20, 15),
            "《伤残抚恤管理办法》",
            [
                app("残疾等级评定申请表"),
                ID,
                VETERAN_CARD,
                m("致残时的原始证明材料"),
                app("二级以上医疗机构诊断证明"),
                PHOTO,
            ],
        ),
        it(
            "烈士遗属、因公牺牲军人遗属、病故军人遗属定期抚恤金申领",
            GF,
            (20, 15),
            MILITARY_CARE,
            [
                ID,
                m("烈士证明书或军人因公牺牲、病故证明书"),
                HUKOU,
                m("亲属关系证明"),
                BANK,
            ],
        ),
        it(
            "优抚对象医疗补助申请",
            GF,
            (20, 10),
            "《优抚对象医疗保障办法》",
            [ID, m("优抚对象证件"), app("医疗费用票据及结算单"), BANK],
        ),
        it(
            "光荣牌悬挂申请",
            GG,
            (10, 5),
            "《为烈属、军属和退役军人等家庭悬挂光荣牌工作实施办法》",
            [ID, m("退役证件或军属身份证明"), HUKOU],
            village=True,
        ),
        it(
            "退役军人帮扶援助申请",
            GG,
            (20, 10),
            "《中华人民共和国退役军人保障法》",
            [ID, VETERAN_CARD, app("帮扶援助申请表"), m("家庭困难情况证明材料")],
        ),
    ),
)

ZIRAN = Department(
    "睢宁县自然资源和规划局",
    "ZR",
    "MB1C2198",
    WIN_ESTATE,
    "上级下放",
    811,
    (
        it(
            "乡村建设规划许可证核发",
            XK,
            (20, 15),
            "《中华人民共和国城乡规划法》第四十一条；《江苏省城乡规划条例》",
            [
                app("乡村建设规划许可申请表"),
                ID,
                HUKOU,
                m("农村宅基地批准书或土地使用权证明"),
                app("村民会议或村民代表会议讨论意见"),
                app("村民委员会意见"),
                app("建设工程设计方案或农房通用图集选用图", 2),
                app("现场地形图（1:500）"),
                m("相邻权利人意见", ORI, tolerant=True),
                m("原房屋拆除承诺书（拆旧建新时提供）", ORI, optional=True),
                app("建设工程施工安全承诺书"),
                app("公示材料及公示无异议证明"),
                PROXY,
                AGENT_ID,
            ],
            conditions="在乡、村规划区内进行乡镇企业、乡村公共设施和公益事业建设以及"
            "农村村民住宅建设，符合村庄规划",
            result="证照",
            note="农村村民住宅建设与宅基地审批“一个窗口”联审联办",
        ),
        it(
            "临时用地审批初审",
            XK,
            (20, 15),
            "《中华人民共和国土地管理法》第五十七条",
            [
                app("临时用地申请表"),
                APPLICANT_PROOF,
                app("临时用地土地复垦方案"),
                app("临时使用土地合同"),
                app("勘测定界图"),
            ],
            result="批文",
        ),
        it(
            "不动产登记资料查询",
            GG,
            JB,
            "《不动产登记资料查询暂行办法》",
            [
                ID,
                app("不动产登记资料查询申请书"),
                m("利害关系证明材料（利害关系人查询时提供）", optional=True),
            ],
        ),
        it(
            "宅基地使用权及房屋所有权首次登记",
            QR,
            (30, 15),
            "《不动产登记暂行条例》；《不动产登记暂行条例实施细则》",
            [
                app("不动产登记申请书"),
                ID,
                HUKOU,
                m("农村宅基地批准书"),
                m("乡村建设规划许可证"),
                m("房屋竣工规划核实证明"),
                app("不动产权籍调查成果"),
                app("村集体经济组织出具的成员身份证明"),
            ],
            result="证照",
            fee="仅收取不动产权属证书工本费，每本10元",
            shared=True,
        ),
        it(
            "不动产权证书遗失补发",
            QR,
            (30, 10),
            "《不动产登记暂行条例实施细则》第二十二条",
            [ID, app("不动产登记申请书"), app("遗失声明（已公告15个工作日）")],
            result="证照",
            fee="不动产权属证书工本费每本10元",
        ),
        it(
            "不动产抵押权首次登记（银行贷款抵押）",
            QR,
            (30, 5),
            "《不动产登记暂行条例》；《中华人民共和国民法典》第四百零二条",
            [
                app("不动产登记申请书"),
                m("抵押人、抵押权人身份证明"),
                PROPERTY,
                app("主债权合同及抵押合同"),
                app("银行授权委托书及经办人身份证明"),
            ],
            result="证照",
            fee="住宅类每件80元；小微企业、个体工商户申请时免收",
        ),
        it(
            "不动产抵押权注销登记（还款后注销）",
            QR,
            (30, 3),
            "《不动产登记暂行条例》",
            [
                app("不动产登记申请书"),
                m("不动产登记证明（抵押）", ORI),
                app("抵押权人同意注销的证明或债务清偿证明"),
                m("双方身份证明"),
            ],
        ),
        it(
            "土地权属争议调处初审",
            CJ,
            (30, 30),
            "《中华人民共和国土地管理法》第十四条；《土地权属争议调查处理办法》",
            [
                app("土地权属争议调处申请书"),
                ID,
                m("权属来源证明材料"),
                app("争议地块位置示意图"),
            ],
            result="批文",
            source="上级委托",
        ),
        it(
            "设施农业用地备案",
            BA,
            (15, 10),
            "《自然资源部 农业农村部关于设施农业用地管理有关问题的通知》（自然资规〔2019〕4号）",
            [
                app("设施农业用地备案表"),
                app("用地协议"),
                app("设施建设方案"),
                APPLICANT_PROOF,
                app("用地位置图"),
            ],
        ),
        it(
            "乡村建设规划竣工核实",
            QT,
            (15, 10),
            "《江苏省城乡规划条例》",
            [app("规划核实申请表"), m("乡村建设规划许可证"), m("竣工现场照片", ELE), ID],
        ),
        it(
            "林木采伐许可证核发",
            XK,
            (20, 10),
            "《中华人民共和国森林法》第五十六条",
            [
                app("林木采伐申请表"),
                ID,
                m("林木权属证明"),
                app("采伐地点、面积、树种、株数等情况说明"),
                app("更新造林承诺书"),
            ],
            result="证照",
        ),
    ),
)

ZHUJIAN = Department(
    "睢宁县住房和城乡建设局",
    "ZJ",
    "01411861",
    WIN_2,
    "上级下放",
    903,
    (
        it(
            "农村危房改造补助申请",
            GF,
            (30, 20),
            "《住房和城乡建设部 财政部 民政部 国家乡村振兴局关于做好农村低收入群体等重点对象"
            "住房安全保障工作的实施意见》（建村〔2021〕35号）",
            [
                app("农村危房改造申请表"),
                ID,
                HUKOU,
                app("房屋安全性鉴定意见"),
                m("低收入群体身份证明（低保、特困、低保边缘等）", CPY),
                m("房屋现状照片", ELE),
                BANK,
            ],
            conditions="住房为C级或D级危房的农村低收入群体等重点对象",
            village=True,
            shared=True,
        ),
        it(
            "建筑工程施工许可证核发（镇区限额以上）",
            XK,
            (7, 5),
            "《中华人民共和国建筑法》第七条、第八条；"
            "《建筑工程施工许可管理办法》（住房和城乡建设部令第18号）",
            [
                app("建筑工程施工许可申请表"),
                m("用地批准手续", CPY),
                m("建设工程规划许可证", CPY),
                app("施工合同"),
                m("施工图设计文件审查合格书", CPY),
                app("建设资金已落实承诺书"),
                app("质量安全监督手续"),
                m("建设单位营业执照或法人证书"),
                m("法定代表人授权委托书", ORI, optional=True),
                app("施工现场具备施工条件承诺书"),
                m("监理合同（依法必须监理的工程提供）", CPY, optional=True),
                m("施工企业安全生产许可证", CPY),
                m("项目负责人注册证书", CPY),
            ],
            result="证照",
        ),
        it(
            "房屋建筑和市政基础设施工程竣工验收备案",
            BA,
            (15, 5),
            "《建设工程质量管理条例》第四十九条",
            [
                app("竣工验收备案表"),
                app("工程竣工验收报告"),
                m("规划、消防等部门出具的认可文件或准许使用文件", CPY),
                app("施工单位签署的工程质量保修书"),
                m("住宅质量保证书和住宅使用说明书（商品住宅提供）", ORI, optional=True),
            ],
        ),
        it(
            "城镇住房保障家庭租赁补贴申请",
            GF,
            (30, 20),
            "《公共租赁住房管理办法》（住房和城乡建设部令第11号）",
            [
                app("住房保障申请表"),
                ID,
                HUKOU,
                INCOME,
                CHECK_AUTH,
                app("住房情况证明"),
                m("租赁合同", CPY, tolerant=True),
                BANK,
            ],
            shared=True,
        ),
        it(
            "公共租赁住房申请初审",
            GF,
            (30, 20),
            "《公共租赁住房管理办法》（住房和城乡建设部令第11号）",
            [
                app("公共租赁住房申请表"),
                ID,
                HUKOU,
                INCOME,
                app("住房情况证明"),
                m("婚姻状况证明", optional=True),
            ],
        ),
        it(
            "房屋安全鉴定申请",
            GG,
            (20, 15),
            "《城市危险房屋管理规定》",
            [app("房屋安全鉴定委托书"), ID, PROPERTY, m("房屋图纸资料", CPY, optional=True)],
        ),
        it(
            "农村村民自建住房开工备案",
            BA,
            (5, 3),
            "《村庄和集镇规划建设管理条例》",
            [
                ID,
                m("乡村建设规划许可证", CPY),
                app("施工合同或施工协议"),
                m("建筑工匠培训合格证明", CPY, tolerant=True),
            ],
            source="上级授权",
            local=True,
        ),
        it(
            "城镇污水排入排水管网许可",
            XK,
            (20, 10),
            "《城镇排水与污水处理条例》第二十一条",
            [
                app("排水许可申请表"),
                LICENSE,
                app("排水户内部排水管网、专用检测井、污水排放口位置和口径的图纸及说明"),
                m("排水水质检测报告", ORI, tolerant=True),
                m("预处理设施说明", ORI, optional=True),
            ],
            result="证照",
        ),
        it(
            "燃气经营者改动市政燃气设施审批",
            XK,
            (20, 10),
            "《城镇燃气管理条例》第三十八条",
            [app("改动市政燃气设施申请表"), LICENSE, app("改动方案"), app("安全保障措施")],
            result="批文",
        ),
        it(
            "房屋建筑工程质量投诉受理",
            QT,
            (10, 5),
            "《建设工程质量管理条例》",
            [app("投诉书"), ID, m("质量问题照片或证明材料", ELE)],
        ),
        it(
            "其他建设工程消防验收备案",
            BA,
            (5, 3),
            "《建设工程消防设计审查验收管理暂行规定》（住房和城乡建设部令第51号）",
            [app("消防验收备案表"), m("工程竣工验收报告", CPY), app("涉及消防的建设工程竣工图纸")],
        ),
    ),
)

NONGYE = Department(
    "睢宁县农业农村局",
    "NY",
    "01411870",
    WIN_2,
    "上级下放",
    1021,
    (
        it(
            "农村村民宅基地审批",
            XK,
            (20, 15),
            "《中华人民共和国土地管理法》第六十二条；"
            "《农业农村部 自然资源部关于规范农村宅基地审批管理的通知》（农经发〔2019〕6号）",
            [
                app("农村宅基地和建房（规划许可）申请表"),
                ID,
                HUKOU,
                app("农村宅基地使用承诺书"),
                app("村民小组会议讨论通过意见"),
                app("村集体经济组织或村民委员会审查意见"),
                app("拟用地位置示意图及现场照片"),
                m("原宅基地退出协议（拆旧建新时提供）", ORI, optional=True),
                m("房屋设计方案或通用图集选用意见", ORI, tolerant=True),
                m("相邻权利人签字认可的界址确认书", ORI, tolerant=True),
                app("公示无异议证明"),
                PROXY,
            ],
            conditions="本村集体经济组织成员，以户为单位申请，符合“一户一宅”和面积标准规定，"
            "拟用地符合国土空间规划和村庄规划",
            result="证照",
            window=WIN_ESTATE,
            shared=True,
            note="结果为《农村宅基地批准书》，与乡村建设规划许可联审联办",
        ),
        it(
            "农村土地经营权流转合同备案",
            BA,
            (10, 5),
            "《农村土地经营权流转管理办法》（农业农村部令2021年第1号）",
            [
                m("流转双方身份证明"),
                app("土地经营权流转合同", 2),
                m("农村土地承包经营权证", CPY),
                m("发包方同意流转意见（再流转时提供）", ORI, optional=True),
            ],
        ),
        it(
            "农村土地承包经营纠纷调解",
            QT,
            (30, 30),
            "《中华人民共和国农村土地承包经营纠纷调解仲裁法》第三条",
            [
                app("调解申请书"),
                ID,
                m("土地承包合同或承包经营权证", CPY),
                m("纠纷相关证据材料", CPY, tolerant=True),
            ],
            source="法定本级行使",
        ),
        it(
            "农作物秸秆综合利用补助申请",
            GF,
            (20, 10),
            "《中华人民共和国大气污染防治法》第七十六条；"
            "《江苏省人民代表大会常务委员会关于促进农作物秸秆综合利用的决定》",
            [
                app("秸秆综合利用补助申请表"),
                APPLICANT_PROOF,
                app("秸秆收储利用台账"),
                m("作业现场照片", ELE),
                BANK,
            ],
        ),
        it(
            "耕地地力保护补贴申报",
            GF,
            (20, 10),
            "《财政部 农业部关于全面推开农业“三项补贴”改革工作的通知》（财农〔2016〕26号）",
            [
                ID,
                m("农村土地承包经营权证或流转合同", CPY),
                app("耕地地力保护补贴面积申报表"),
                m("惠农补贴“一卡通”银行账户", CPY),
            ],
            village=True,
            shared=True,
        ),
        it(
            "农机购置与应用补贴申请",
            GF,
            (15, 10),
            "《中华人民共和国农业机械化促进法》第二十七条",
            [
                ID,
                app("购机发票"),
                m("机具铭牌及人机合影照片", ELE),
                app("农机购置补贴申请表"),
                BANK,
            ],
        ),
        it(
            "家庭农场名录登记",
            GG,
            (10, 5),
            "《关于实施家庭农场培育计划的指导意见》（中农发〔2019〕16号）",
            [
                ID,
                app("家庭农场名录登记表"),
                m("土地承包或流转合同", CPY),
                m("营业执照（已登记时提供）", optional=True),
            ],
        ),
        it(
            "政策性农业保险投保登记",
            GG,
            JB,
            "《农业保险条例》",
            [ID, app("种植、养殖面积或数量清单"), m("本人银行卡或存折", CPY, optional=True)],
            village=True,
        ),
        it(
            "内陆渔业捕捞许可初审",
            XK,
            (20, 15),
            "《中华人民共和国渔业法》第二十三条",
            [
                app("渔业捕捞许可证申请书"),
                ID,
                m("渔业船舶检验证书", CPY),
                m("渔业船舶登记证书", CPY),
                m("船舶照片", ELE),
            ],
            result="证照",
        ),
        it(
            "农村集体经济组织成员身份确认",
            QR,
            (30, 20),
            "《中华人民共和国农村集体经济组织法》",
            [
                app("成员身份确认申请表"),
                ID,
                HUKOU,
                app("村集体经济组织成员（代表）大会决议"),
                m("户籍迁移、婚姻变动等相关证明", CPY, optional=True),
            ],
            note="依据2025年5月1日起施行的《中华人民共和国农村集体经济组织法》",
        ),
        it(
            "农村集体资产产权交易申请",
            GG,
            (10, 5),
            "《江苏省农村集体资产管理条例》",
            [app("交易申请书"), app("村集体经济组织决议"), m("资产权属证明", CPY), app("交易方案")],
        ),
        it(
            "动物检疫申报受理",
            QR,
            (1, 1),
            "《中华人民共和国动物防疫法》第四十九条",
            [app("动物检疫申报单"), app("畜禽养殖档案"), app("强制免疫证明")],
            result="证照",
        ),
        it(
            "农村村民宅基地有偿退出申请",
            GG,
            (30, 20),
            "《中华人民共和国土地管理法》第六十二条",
            [
                ID,
                HUKOU,
                app("宅基地有偿退出申请书"),
                m("宅基地使用权证明"),
                app("家庭成员一致同意退出的书面意见"),
            ],
        ),
        it(
            "农业生产救灾资金申请",
            GF,
            (20, 10),
            "《农业相关转移支付资金管理办法》",
            [
                ID,
                app("农业生产救灾资金申请表"),
                app("受灾面积及损失情况说明"),
                m("受灾现场照片", ELE),
                BANK,
            ],
        ),
        it(
            "病死畜禽无害化处理补助申请",
            GF,
            (15, 10),
            "《病死畜禽和病害畜禽产品无害化处理管理办法》（农业农村部令2022年第3号）",
            [
                app("无害化处理补助申请表"),
                app("无害化处理收集凭证"),
                m("养殖场（户）身份证明"),
                BANK,
            ],
        ),
        it(
            "农民专业合作社示范社申报",
            JL,
            (30, 20),
            "《中华人民共和国农民专业合作社法》",
            [app("示范社申报书"), LICENSE, app("年度财务报告"), app("成员名册及出资清单")],
        ),
        it(
            "农村土地承包经营权证变更（分户、增人）登记",
            QR,
            (20, 10),
            "《中华人民共和国农村土地承包法》第二十四条",
            [
                ID,
                HUKOU,
                m("原农村土地承包经营权证", ORI),
                app("变更登记申请书"),
                app("发包方同意变更证明"),
            ],
            result="证照",
        ),
        it(
            "农业技术咨询服务",
            GG,
            JB,
            "《中华人民共和国农业技术推广法》",
            [m("咨询问题相关照片或样品", ELE, optional=True)],
            local=True,
            result="无",
        ),
        it(
            "动物防疫条件合格证初审",
            XK,
            (20, 10),
            "《中华人民共和国动物防疫法》；《动物防疫条件审查办法》（农业农村部令2022年第8号）",
            [
                app("动物防疫条件审查申请表"),
                APPLICANT_PROOF,
                app("场所地理位置图、各功能区布局平面图"),
                app("设施设备清单"),
                app("管理制度文本"),
                m("人员情况说明", ORI, tolerant=True),
            ],
            result="证照",
        ),
    ),
)

JS_FOOD_SMALL = "《江苏省食品小作坊和食品摊贩管理条例》"
MARKET_REG = "《中华人民共和国市场主体登记管理条例》"
SELF_EMPLOYED = "《促进个体工商户发展条例》"

SHICHANG = Department(
    "睢宁县市场监督管理局",
    "SJ",
    "MB1C1856",
    WIN_2,
    "上级下放",
    1157,
    (
        it(
            "个体工商户设立登记",
            XK,
            (3, 0),
            f"{MARKET_REG}第十九条；{SELF_EMPLOYED}",
            [
                app("个体工商户登记（备案）申请书"),
                ID,
                m("经营场所使用证明（房屋产权证明或租赁协议）", CPY, tolerant=True),
                m("前置审批许可文件（涉及时提供）", CPY, optional=True),
                PROXY,
                AGENT_ID,
            ],
            conditions="有经营能力的自然人或家庭，经营场所符合规定，经营范围不涉及禁止性规定",
            result="证照",
        ),
        it(
            "个体工商户变更登记",
            XK,
            (3, 0),
            f"{MARKET_REG}；{SELF_EMPLOYED}",
            [
                app("个体工商户变更登记申请书"),
                m("营业执照正副本", ORI),
                ID,
                m("变更事项相关证明文件", CPY, tolerant=True),
                PROXY,
            ],
            result="证照",
        ),
        it(
            "个体工商户注销登记",
            XK,
            (3, 0),
            f"{MARKET_REG}；{SELF_EMPLOYED}",
            [app("个体工商户注销登记申请书"), m("营业执照正副本", ORI), ID, PROXY],
        ),
        it(
            "个体工商户简易注销登记",
            XK,
            (3, 0),
            f"{MARKET_REG}第三十三条",
            [app("简易注销登记申请书"), app("全体投资人承诺书"), ID],
            note="需经20日公示，公示期不计入办理时限",
        ),
        it(
            "个体工商户营业执照遗失补领",
            XK,
            (3, 0),
            MARKET_REG,
            [app("营业执照补领申请书"), ID, app("营业执照遗失声明")],
            result="证照",
        ),
        it(
            "个体工商户年度报告填报指导",
            GG,
            JB,
            "《企业信息公示暂行条例》；《促进个体工商户发展条例》",
            [m("营业执照或电子营业执照", ELE)],
            result="无",
        ),
        it(
            "食品小经营店备案",
            BA,
            (5, 0),
            f"《中华人民共和国食品安全法》第三十六条；{JS_FOOD_SMALL}",
            [
                app("食品小经营店备案申请表"),
                ID,
                LICENSE,
                app("经营场所平面布局图"),
                m("从业人员健康证明", CPY),
                m("食品安全管理制度", ORI, tolerant=True),
            ],
            result="证照",
        ),
        it(
            "食品小作坊登记",
            XK,
            (20, 10),
            f"《中华人民共和国食品安全法》第三十六条；{JS_FOOD_SMALL}",
            [
                app("食品小作坊登记申请表"),
                ID,
                LICENSE,
                app("生产加工场所平面图及周边环境图"),
                app("生产工艺流程图"),
                app("主要设备设施清单"),
                m("从业人员健康证明", CPY),
                app("食品安全管理制度"),
                m("产品执行标准文本", CPY),
                m("生产用水检测报告（使用自备水源时提供）", ORI, optional=True),
                m("产品检验报告", ORI, tolerant=True),
                app("食品安全承诺书"),
                PROXY,
            ],
            conditions="从业人员较少、生产加工规模小、无预包装或者简易包装，"
            "且不属于禁止生产加工食品目录的食品生产加工者",
            result="证照",
        ),
        it(
            "食品摊贩登记",
            BA,
            (5, 0),
            JS_FOOD_SMALL,
            [
                app("食品摊贩登记申请表"),
                ID,
                PHOTO,
                m("从业人员健康证明", CPY),
                m("经营地点所在村（社区）意见", ORI, tolerant=True),
            ],
            result="证照",
        ),
        it(
            "仅销售预包装食品备案",
            BA,
            JB,
            "《中华人民共和国食品安全法》第三十五条",
            [app("仅销售预包装食品经营者备案信息采集表"), LICENSE, ID],
        ),
        it(
            "食品经营许可（小型餐饮）初审",
            XK,
            (10, 5),
            "《中华人民共和国食品安全法》第三十五条；"
            "《食品经营许可和备案管理办法》（国家市场监督管理总局令第78号）",
            [
                app("食品经营许可申请书"),
                LICENSE,
                LEGAL_ID,
                app("与食品经营相适应的主要设备设施、经营布局、操作流程等文件"),
                app("食品安全管理制度目录"),
                m("食品安全管理人员健康证明", CPY),
                PROXY,
            ],
            result="证照",
        ),
        it(
            "消费者投诉举报受理",
            QT,
            (7, 3),
            "《市场监督管理投诉举报处理暂行办法》（国家市场监督管理总局令第20号）",
            [app("投诉书或举报材料"), ID, m("购物凭证、合同等证据材料", CPY, tolerant=True)],
        ),
        it(
            "集贸市场计量器具免费检定申请",
            GG,
            (10, 5),
            "《中华人民共和国计量法》第九条",
            [app("计量器具检定申请表"), ID, m("待检计量器具（电子秤等）", ORI)],
        ),
        it(
            "农民专业合作社设立登记",
            XK,
            (15, 3),
            "《中华人民共和国农民专业合作社法》第十六条；" + MARKET_REG,
            [
                app("农民专业合作社登记（备案）申请书"),
                app("全体设立人签名的设立大会纪要"),
                app("全体设立人签名的章程"),
                m("法定代表人、理事的任职文件及身份证明"),
                app("出资成员签名的出资清单"),
                m("住所使用证明", CPY, tolerant=True),
                m("全体出资成员的身份证明", CPY),
                PROXY,
            ],
            result="证照",
        ),
        it(
            "农民专业合作社变更登记",
            XK,
            (15, 3),
            "《中华人民共和国农民专业合作社法》；" + MARKET_REG,
            [
                app("农民专业合作社变更登记申请书"),
                m("营业执照正副本", ORI),
                app("成员大会或成员代表大会决议"),
                m("变更事项证明文件", CPY),
                PROXY,
            ],
            result="证照",
        ),
        it(
            "市场主体登记信息查询打印",
            GG,
            JB,
            "《企业信息公示暂行条例》",
            [ID, app("查询申请书")],
        ),
    ),
)

CITY_ROADS = "《城市道路管理条例》"
CITY_CLEAN = "《城市市容和环境卫生管理条例》"
JS_CITY_CLEAN = "《江苏省城市市容和环境卫生管理条例》"
CITY_GREEN = "《城市绿化条例》"

CHENGGUAN = Department(
    "睢宁县城市管理局",
    "CG",
    "MB1C2307",
    WIN_2,
    "上级下放",
    1283,
    (
        it(
            "占用、挖掘城市道路审批",
            XK,
            (20, 5),
            f"{CITY_ROADS}第三十条、第三十一条、第三十三条",
            [
                app("占用挖掘城市道路申请表"),
                APPLICANT_PROOF,
                app("施工方案及交通安全保障措施"),
                app("占用挖掘位置平面图"),
                m("规划或相关部门批准文件", CPY, tolerant=True),
            ],
            result="批文",
            fee="按占用面积和期限收取城市道路占用费；挖掘修复费按修复面积计收（按省定标准）",
        ),
        it(
            "设置大型户外广告及在城市建筑物、设施上悬挂、张贴宣传品审批",
            XK,
            (20, 7),
            f"{CITY_CLEAN}第十一条",
            [
                app("户外广告设置申请表"),
                APPLICANT_PROOF,
                app("广告设置效果图及位置图"),
                m("设施结构安全证明（大型户外广告提供）", ORI, optional=True),
                m("场地使用权证明或协议", CPY, tolerant=True),
            ],
            result="批文",
        ),
        it(
            "城市建筑垃圾处置核准",
            XK,
            (20, 5),
            "《国务院对确需保留的行政审批项目设定行政许可的决定》（国务院令第412号）第101项；"
            "《城市建筑垃圾管理规定》",
            [
                app("建筑垃圾处置核准申请表"),
                LICENSE,
                app("建筑垃圾处置方案"),
                m("运输车辆行驶证及运输单位资质", CPY),
                app("消纳场所证明"),
            ],
            result="证照",
        ),
        it(
            "临时占用城市绿地审批",
            XK,
            (20, 10),
            CITY_GREEN,
            [
                app("临时占用绿地申请表"),
                APPLICANT_PROOF,
                app("占用绿地位置图及面积说明"),
                app("绿地恢复方案或补偿承诺"),
            ],
            result="批文",
        ),
        it(
            "砍伐、迁移城市树木审批",
            XK,
            (20, 10),
            CITY_GREEN,
            [
                app("砍伐迁移城市树木申请表"),
                APPLICANT_PROOF,
                app("树木位置、树种、胸径、数量清单"),
                SITE_PHOTOS,
                m("补植方案", ORI, tolerant=True),
            ],
            result="批文",
        ),
        it(
            "门头店招标牌设置备案",
            BA,
            (5, 0),
            JS_CITY_CLEAN,
            [app("店招标牌设置备案表"), LICENSE, m("店招设计效果图", ELE)],
            local=True,
        ),
        it(
            "临时搭建建筑物、构筑物或其他设施审批",
            XK,
            (20, 10),
            CITY_CLEAN,
            [
                app("临时搭建申请表"),
                APPLICANT_PROOF,
                app("搭建位置图及设计方案"),
                app("安全承诺书"),
            ],
            result="批文",
        ),
        it(
            "临时摊点（夜市）占道经营审批",
            XK,
            (10, 5),
            JS_CITY_CLEAN,
            [
                app("临时摊点设置申请表"),
                ID,
                m("近期一寸免冠彩色照片", ORI),
                m("从业人员健康证明（食品经营类提供）", CPY, optional=True),
            ],
            result="批文",
        ),
        it(
            "依附于城市道路建设各种管线、杆线等设施审批",
            XK,
            (20, 10),
            f"{CITY_ROADS}第二十九条",
            [app("管线杆线设施申请表"), LICENSE, app("管线、杆线设计图"), app("施工方案")],
            result="批文",
        ),
        it(
            "特殊车辆在城市道路上行驶审批",
            XK,
            (20, 5),
            f"{CITY_ROADS}第二十八条",
            [
                app("特殊车辆通行申请表"),
                m("车辆行驶证", CPY),
                app("行驶路线及时间说明"),
                m("驾驶员驾驶证", CPY),
            ],
            result="证照",
        ),
        it(
            "建筑渣土运输车辆准运证核发",
            XK,
            (10, 5),
            "《城市建筑垃圾管理规定》",
            [
                app("准运证申请表"),
                m("运输企业营业执照"),
                m("车辆行驶证", CPY),
                app("车辆密闭化及卫星定位装置证明"),
            ],
            result="证照",
        ),
        it(
            "市容环境卫生责任区（门前三包）责任书签订",
            GG,
            JB,
            JS_CITY_CLEAN,
            [LICENSE, m("经营者居民身份证")],
            local=True,
        ),
        it(
            "非居民生活垃圾上门收运服务申请",
            GG,
            (5, 3),
            "《城市生活垃圾管理办法》（建设部令第157号）",
            [app("收运服务申请表"), LICENSE],
            fee="按县价格主管部门核定的标准收取非居民生活垃圾处理费",
        ),
        it(
            "城市桥梁上架设各类市政管线审批",
            XK,
            (20, 10),
            "《城市桥梁检测和养护维修管理办法》",
            [app("桥梁架设管线申请表"), LICENSE, app("管线架设设计方案及桥梁安全评估报告")],
            result="批文",
        ),
    ),
)

RIVER_RULES = "《中华人民共和国河道管理条例》"

SHUIWU = Department(
    "睢宁县水务局",
    "SW",
    "01411888",
    WIN_2,
    "上级下放",
    1409,
    (
        it(
            "河道采砂许可",
            XK,
            (20, 15),
            "《中华人民共和国水法》第三十九条；《江苏省河道管理条例》",
            [
                app("河道采砂许可申请书"),
                LICENSE,
                LEGAL_ID,
                app("采砂作业方式、范围、期限及弃料处理方案"),
                m("采砂船舶或机具证明", CPY),
                app("对防洪、航运、生态影响的分析报告"),
            ],
            result="证照",
            note="镇级受理初审后报县水务局",
        ),
        it(
            "取水许可初审",
            XK,
            (45, 20),
            "《取水许可和水资源费征收管理条例》",
            [
                app("取水许可申请书"),
                APPLICANT_PROOF,
                app("建设项目水资源论证报告（表）"),
                m("与第三者利害关系的相关说明", ORI, tolerant=True),
            ],
            result="证照",
        ),
        it(
            "河道管理范围内建设项目工程建设方案审批",
            XK,
            (20, 15),
            f"《中华人民共和国防洪法》第二十七条；{RIVER_RULES}第十一条",
            [app("工程建设方案审批申请书"), LICENSE, app("建设项目防洪评价报告"), app("工程图纸")],
            result="批文",
        ),
        it(
            "河道管理范围内有关活动（不含河道采砂）审批",
            XK,
            (20, 10),
            f"{RIVER_RULES}第二十五条",
            [app("河道管理范围内活动申请书"), APPLICANT_PROOF, app("活动方案及位置图")],
            result="批文",
        ),
        it(
            "生产建设项目水土保持方案审批（报告表）",
            XK,
            (20, 10),
            "《中华人民共和国水土保持法》第二十五条",
            [app("水土保持方案审批申请"), app("水土保持方案报告表"), LICENSE],
            result="批文",
        ),
        it(
            "农村饮水安全工程故障报修",
            GG,
            JB,
            "《江苏省城乡供水管理条例》",
            [app("报修登记表"), m("故障现场照片", ELE, optional=True)],
            village=True,
            local=True,
            result="无",
        ),
        it(
            "农业灌溉用水申请（泵站开机）",
            GG,
            JB,
            "《中华人民共和国水法》",
            [app("灌溉用水申请单（村组汇总）")],
            local=True,
            result="无",
        ),
        it(
            "占用农业灌溉水源、灌排工程设施审批",
            XK,
            (20, 10),
            "《国务院对确需保留的行政审批项目设定行政许可的决定》（国务院令第412号）",
            [app("占用灌排工程设施申请书"), APPLICANT_PROOF, app("占用方案及补救措施")],
            result="批文",
        ),
    ),
)

DISASTER_AID = "《自然灾害救助条例》"

YINGJI = Department(
    "睢宁县应急管理局",
    "YJ",
    "MB1C2235",
    WIN_2,
    "上级下放",
    1511,
    (
        it(
            "受灾人员冬春生活救助申请",
            GF,
            (20, 10),
            f"{DISASTER_AID}第二十一条",
            [ID, HUKOU, app("冬春生活救助申请表"), BANK],
            village=True,
            shared=True,
        ),
        it(
            "因灾倒损住房恢复重建补助申请",
            GF,
            (30, 20),
            f"{DISASTER_AID}第十九条",
            [
                ID,
                HUKOU,
                app("恢复重建补助申请表"),
                m("倒损住房现场照片", ELE),
                app("住房受损程度评估意见"),
                BANK,
            ],
            shared=True,
        ),
        it(
            "烟花爆竹零售经营许可初审",
            XK,
            (20, 10),
            "《烟花爆竹安全管理条例》第十九条",
            [
                app("烟花爆竹零售经营许可申请书"),
                LICENSE,
                ID,
                app("零售经营场所平面布置图"),
                app("安全管理制度"),
                m("主要负责人安全培训合格证明", CPY),
            ],
            result="证照",
        ),
        it(
            "生产经营单位生产安全事故应急预案备案",
            BA,
            (20, 5),
            "《生产安全事故应急预案管理办法》（应急管理部令第2号）",
            [
                app("应急预案备案申请表"),
                app("应急预案评审意见"),
                m("应急预案电子文档", ELE),
                app("风险评估及应急资源调查报告"),
            ],
        ),
        it(
            "安全生产违法行为举报受理",
            QT,
            (5, 3),
            "《中华人民共和国安全生产法》",
            [app("举报材料"), m("现场照片或视频", ELE, optional=True)],
        ),
    ),
)

SIFA = Department(
    "睢宁县司法局",
    "SF",
    "01411896",
    WIN_1,
    "上级委托",
    1603,
    (
        it(
            "人民调解申请",
            GG,
            (30, 30),
            "《中华人民共和国人民调解法》",
            [app("人民调解申请书"), ID, m("纠纷相关证据材料", CPY, tolerant=True)],
            village=True,
            source="法定本级行使",
        ),
        it(
            "法律援助申请初审",
            GG,
            (7, 3),
            "《中华人民共和国法律援助法》",
            [
                app("法律援助申请表"),
                ID,
                app("经济困难状况说明表"),
                m("与所申请法律援助事项有关的材料", CPY, tolerant=True),
                PROXY,
            ],
            village=True,
            note="镇司法所初审后转县法律援助中心",
        ),
        it(
            "社区矫正对象请假外出审批",
            QT,
            (3, 3),
            "《中华人民共和国社区矫正法》；《中华人民共和国社区矫正法实施办法》",
            [app("外出请假申请"), app("外出事由证明材料")],
            result="批文",
        ),
        it(
            "公证事项预约代办",
            GG,
            JB,
            "《中华人民共和国公证法》",
            [ID, m("拟公证事项相关材料", CPY)],
            local=True,
        ),
        it(
            "公共法律服务咨询",
            GG,
            JB,
            "《中华人民共和国法律援助法》",
            [m("咨询事项相关材料", CPY, optional=True)],
            result="无",
        ),
        it(
            "刑满释放人员安置帮教衔接登记",
            GG,
            JB,
            "《关于加强和改进刑满释放人员安置帮教工作的意见》",
            [ID, m("释放证明书")],
            shared=True,
        ),
    ),
)

WATER_SUPPLY = "《城市供水条例》；《江苏省城乡供水管理条例》"

ZILAISHUI = Department(
    "睢宁县自来水公司",
    "GS",
    None,
    WIN_UTILITY,
    "上级委托",
    0,
    (
        it(
            "居民用水报装",
            GG,
            (5, 2),
            WATER_SUPPLY,
            [ID, PROPERTY, app("用水报装申请表")],
        ),
        it(
            "非居民用水报装",
            GG,
            (10, 5),
            WATER_SUPPLY,
            [
                app("用水报装申请表"),
                LICENSE,
                m("用水地址产权证明或租赁合同", CPY),
                m("用水设计图纸（涉及时提供）", optional=True),
            ],
        ),
        it(
            "用水过户",
            GG,
            JB,
            WATER_SUPPLY,
            [ID, PROPERTY, m("原户主水费结清凭证", ORI, tolerant=True)],
        ),
        it(
            "水费查询及缴纳",
            GG,
            JB,
            WATER_SUPPLY,
            [m("用水户号或水费通知单", ORI)],
            result="无",
        ),
        it(
            "水表故障报修",
            GG,
            JB,
            WATER_SUPPLY,
            [m("用水户号", ORI)],
            result="无",
        ),
        it(
            "用水销户",
            GG,
            (3, 0),
            WATER_SUPPLY,
            [ID, app("水费结清凭证"), PROPERTY],
        ),
    ),
)

POWER_SUPPLY = "《电力供应与使用条例》；《供电营业规则》（国家发展改革委令2024年第14号）"

GONGDIAN = Department(
    "国网睢宁县供电公司",
    "GD",
    None,
    WIN_UTILITY,
    "上级委托",
    0,
    (
        it(
            "低压居民用电报装",
            GG,
            (5, 2),
            POWER_SUPPLY,
            [ID, PROPERTY],
        ),
        it(
            "低压非居民用电报装",
            GG,
            (5, 3),
            POWER_SUPPLY,
            [app("用电申请书"), LICENSE, LEGAL_ID, m("用电地址产权证明")],
        ),
        it(
            "高压用电报装受理",
            GG,
            (15, 10),
            POWER_SUPPLY,
            [
                app("用电申请书"),
                LICENSE,
                app("用电设备清单及负荷说明"),
                m("项目批复或备案文件", CPY),
                m("用电地址产权证明"),
            ],
        ),
        it(
            "用电更名过户",
            GG,
            JB,
            POWER_SUPPLY,
            [ID, PROPERTY, app("原户主电费结清凭证")],
        ),
        it(
            "电费缴纳及电子发票打印",
            GG,
            JB,
            POWER_SUPPLY,
            [m("用电户号", ORI)],
        ),
        it(
            "居民峰谷分时电价申请",
            GG,
            JB,
            POWER_SUPPLY,
            [ID, m("用电户号", ORI)],
        ),
        it(
            "分布式光伏发电并网申请",
            GG,
            (10, 5),
            "《中华人民共和国可再生能源法》第十四条；" + POWER_SUPPLY,
            [
                ID,
                PROPERTY,
                app("分布式电源并网申请表"),
                app("屋顶使用权证明或同意书"),
                app("光伏组件及逆变器技术参数"),
            ],
        ),
    ),
)

GAS_SUPPLY = "《城镇燃气管理条例》"

RANQI = Department(
    "睢宁县燃气公司",
    "GQ",
    None,
    WIN_UTILITY,
    "上级委托",
    0,
    (
        it(
            "居民燃气开户",
            GG,
            (5, 3),
            GAS_SUPPLY,
            [ID, PROPERTY, app("管道燃气开户申请表")],
        ),
        it(
            "非居民燃气报装",
            GG,
            (10, 5),
            GAS_SUPPLY,
            [
                app("用气申请表"),
                LICENSE,
                m("用气地址产权证明或租赁合同"),
                app("用气设备清单"),
            ],
        ),
        it(
            "燃气过户",
            GG,
            JB,
            GAS_SUPPLY,
            [ID, PROPERTY, app("燃气费结清凭证")],
        ),
        it(
            "燃气暂停使用或销户",
            GG,
            (3, 0),
            GAS_SUPPLY,
            [ID, app("燃气费结清凭证")],
        ),
        it(
            "燃气设施入户安全检查预约",
            GG,
            JB,
            GAS_SUPPLY,
            [m("用气户号", ORI)],
            result="无",
        ),
    ),
)

HUKOU_RULES = "《中华人民共和国户口登记条例》"
ID_CARD_LAW = "《中华人民共和国居民身份证法》"
RESIDENCE_PERMIT = "《居住证暂行条例》"

GONGAN = Department(
    "睢宁县公安局",
    "GA",
    "01411792",
    WIN_POLICE,
    "上级授权",
    1721,
    (
        it(
            "出生登记",
            QR,
            JB,
            f"{HUKOU_RULES}第七条",
            [
                m("出生医学证明"),
                m("父母居民身份证"),
                m("父母户口簿"),
                m("父母结婚证", optional=True),
            ],
            conditions="新生儿出生后，由户主、亲属、抚养人或者邻居向常住地户口登记机关申报",
            result="证照",
            shared=True,
        ),
        it(
            "死亡注销户口",
            QR,
            JB,
            f"{HUKOU_RULES}第八条",
            [
                m("死亡医学证明或火化证明"),
                m("死者居民身份证"),
                HUKOU,
                m("申报人居民身份证"),
            ],
            shared=True,
        ),
        it(
            "户口迁移（省内迁入）",
            QR,
            (10, 5),
            f"{HUKOU_RULES}第十条",
            [
                ID,
                HUKOU,
                m("迁入地合法稳定住所证明（不动产权证书等）"),
                app("户口迁移申请表"),
                m("结婚证（投靠迁移时提供）", optional=True),
            ],
            shared=True,
        ),
        it(
            "居民身份证申领、换领",
            QR,
            (60, 15),
            ID_CARD_LAW,
            [
                HUKOU,
                m("现场采集人像及指纹信息", ELE),
                m("原居民身份证（换领时提供）", ORI, optional=True),
            ],
            result="证照",
            fee="居民身份证工本费每证20元",
        ),
        it(
            "居民身份证补领",
            QR,
            (60, 15),
            ID_CARD_LAW,
            [HUKOU, m("现场采集人像及指纹信息", ELE)],
            result="证照",
            fee="居民身份证工本费每证20元",
        ),
        it(
            "临时居民身份证申领",
            QR,
            (3, 0),
            ID_CARD_LAW,
            [HUKOU, m("现场采集人像信息", ELE)],
            result="证照",
            fee="临时居民身份证工本费每证10元",
        ),
        it(
            "户籍证明出具",
            QR,
            JB,
            HUKOU_RULES,
            [ID, HUKOU, m("证明用途说明", ORI, optional=True)],
        ),
        it(
            "户口登记项目变更更正",
            QR,
            (20, 10),
            HUKOU_RULES,
            [
                ID,
                HUKOU,
                m("变更更正依据材料（出生医学证明、档案等）"),
                app("户口登记项目变更更正申请表"),
            ],
        ),
        it(
            "犬只登记",
            XK,
            (10, 5),
            "《中华人民共和国动物防疫法》第三十条",
            [
                app("养犬登记申请表"),
                ID,
                app("犬只狂犬病免疫证明"),
                m("犬只近期彩色照片", ELE),
                m("养犬人居住地证明（不动产权证书或租赁合同）", CPY, tolerant=True),
            ],
            conditions="具有完全民事行为能力的本镇居民，所养犬只已接种狂犬病疫苗且不属于禁养犬",
            result="证照",
        ),
        it(
            "居住证申领",
            QR,
            (15, 7),
            RESIDENCE_PERMIT,
            [
                ID,
                m("居住登记凭证"),
                m("合法稳定就业、合法稳定住所或连续就读证明", CPY),
                m("现场采集人像信息", ELE),
            ],
            conditions="离开常住户口所在地到本镇居住半年以上，并有合法稳定就业、"
            "合法稳定住所或连续就读条件之一的公民",
            result="证照",
        ),
        it(
            "居住登记（流动人口信息申报）",
            QR,
            JB,
            RESIDENCE_PERMIT,
            [ID, m("居住地址证明（租赁合同等）", CPY, tolerant=True)],
            shared=True,
        ),
        it(
            "户口簿补领、换领",
            QR,
            (3, 0),
            HUKOU_RULES,
            [ID, app("户口簿补换领申请表")],
            result="证照",
        ),
        it(
            "分户登记",
            QR,
            (10, 5),
            HUKOU_RULES,
            [ID, HUKOU, m("独立合法住所证明（不动产权证书等）"), app("分户申请表")],
            result="证照",
        ),
        it(
            "无犯罪记录证明开具",
            GG,
            (3, 0),
            "《公安机关办理犯罪记录查询工作规定》（公通字〔2021〕19号）",
            [ID, app("犯罪记录查询申请表"), PROXY],
        ),
    ),
)

SHUIWU_JU = Department(
    "国家税务总局睢宁县税务局",
    "SWJ",
    "01411907",
    WIN_TAX,
    "上级委托",
    1849,
    (
        it(
            "城乡居民基本养老保险费缴纳",
            GG,
            JB,
            "《中华人民共和国社会保险法》第六十条",
            [ID],
            village=True,
            shared=True,
        ),
        it(
            "城乡居民基本医疗保险费缴纳",
            GG,
            JB,
            "《中华人民共和国社会保险法》第六十条",
            [ID],
            shared=True,
        ),
        it(
            "个人代开增值税普通发票",
            GG,
            JB,
            "《中华人民共和国发票管理办法》第十六条",
            [
                ID,
                app("付款方对所购货物或服务的确认证明"),
                m("经营项目相关合同或协议", CPY, optional=True),
            ],
        ),
        it(
            "个人税收完税证明开具",
            GG,
            JB,
            "《税收票证管理办法》（国家税务总局令第28号）",
            [ID],
        ),
        it(
            "灵活就业人员社会保险费缴费申报",
            GG,
            JB,
            "《中华人民共和国社会保险法》",
            [ID, m("社会保险登记信息", ELE)],
            shared=True,
        ),
        it(
            "个体工商户定期定额核定",
            QR,
            (20, 10),
            "《个体工商户税收定期定额征收管理办法》（国家税务总局令第16号）",
            [app("个体工商户定期定额申报表"), LICENSE, ID],
        ),
        it(
            "个人所得税综合所得汇算清缴辅导",
            GG,
            JB,
            "《中华人民共和国个人所得税法》",
            [ID, m("收入及专项附加扣除相关资料", CPY, optional=True)],
            result="无",
        ),
        it(
            "新办纳税人涉税事项套餐办理",
            GG,
            JB,
            "《中华人民共和国税收征收管理法》",
            [
                LICENSE,
                LEGAL_ID,
                m("经营场所证明", CPY, optional=True),
                m("财务会计制度及核算软件备案资料", ORI, optional=True),
            ],
        ),
    ),
)

SHENGTAI = Department(
    "徐州市睢宁生态环境局",
    "HB",
    "MB1C2260",
    WIN_2,
    "上级委托",
    1931,
    (
        it(
            "建设项目环境影响登记表备案",
            BA,
            JB,
            "《中华人民共和国环境影响评价法》第二十二条",
            [m("建设项目环境影响登记表", ELE), LICENSE],
        ),
        it(
            "固定污染源排污登记",
            BA,
            JB,
            "《排污许可管理条例》第二十四条",
            [m("固定污染源排污登记表", ELE), LICENSE],
        ),
    ),
)

HIGHWAY_LAW = "《中华人民共和国公路法》"

JIAOTONG = Department(
    "睢宁县交通运输局",
    "JT",
    "01411915",
    WIN_2,
    "上级委托",
    1987,
    (
        it(
            "农村公路涉路施工许可",
            XK,
            (20, 10),
            f"{HIGHWAY_LAW}第四十四条、第四十五条；《公路安全保护条例》",
            [
                app("涉路施工许可申请书"),
                LICENSE,
                app("施工方案及安全保障措施"),
                app("涉路工程设计图"),
                m("公路修复方案或补偿承诺", ORI, tolerant=True),
            ],
            result="批文",
        ),
        it(
            "在公路用地范围内设置非公路标志审批",
            XK,
            (20, 10),
            f"{HIGHWAY_LAW}第五十四条",
            [app("非公路标志设置申请书"), APPLICANT_PROOF, app("标志设置位置及设计图")],
            result="批文",
        ),
    ),
)

STUDENT_AID = "《学生资助资金管理办法》（财教〔2021〕310号）"

JIAOYU = Department(
    "睢宁县教育局",
    "JY",
    "01411923",
    WIN_1,
    "上级委托",
    2039,
    (
        it(
            "家庭经济困难学生资助申请",
            GF,
            (30, 20),
            STUDENT_AID,
            [
                app("家庭经济困难学生认定申请表"),
                m("学生居民身份证或户口簿"),
                m("家庭经济困难证明材料（低保证、特困证等）", CPY, tolerant=True),
                m("监护人银行卡或存折", CPY),
            ],
            shared=True,
        ),
        it(
            "学前教育幼儿资助申请",
            GF,
            (30, 20),
            STUDENT_AID,
            [
                app("学前教育资助申请表"),
                m("幼儿户口簿"),
                m("家庭经济困难证明材料", CPY, tolerant=True),
            ],
        ),
        it(
            "义务教育入学登记咨询",
            GG,
            JB,
            "《中华人民共和国义务教育法》",
            [HUKOU, m("房屋产权证明或居住证明", CPY, optional=True)],
            result="无",
        ),
    ),
)

WENLV = Department(
    "睢宁县文体广电和旅游局",
    "WL",
    "01411931",
    WIN_2,
    "上级委托",
    2083,
    (
        it(
            "设置卫星电视广播地面接收设施审批初审",
            XK,
            (20, 10),
            "《卫星电视广播地面接收设施管理规定》",
            [app("设置卫星地面接收设施申请表"), LICENSE, app("设施安装位置图")],
            result="证照",
        ),
        it(
            "镇综合文化站场地预约",
            GG,
            JB,
            "《中华人民共和国公共文化服务保障法》",
            [ID, m("活动方案", ORI, optional=True)],
            local=True,
            result="无",
        ),
    ),
)

DEPARTMENTS: tuple[Department, ...] = (
    MINZHENG,
    RENSHE,
    YIBAO,
    WEIJIAN,
    CANLIAN,
    TUIYI,
    ZIRAN,
    ZHUJIAN,
    NONGYE,
    SHICHANG,
    CHENGGUAN,
    SHUIWU,
    YINGJI,
    SIFA,
    ZILAISHUI,
    GONGDIAN,
    RANQI,
    GONGAN,
    SHUIWU_JU,
    SHENGTAI,
    JIAOTONG,
    JIAOYU,
    WENLV,
)

# --------------------------------------------------------------------------------------------
# Codes
# --------------------------------------------------------------------------------------------

_CODE_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # GB 32100: no I, ORI, Z, S, V
_USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)


def org_code(body: str) -> str:
    """The 9-character organisation code (GB 11714) for an 8-character body."""
    total = sum(int(ch, 36) * w for ch, w in zip(body, _ORG_WEIGHTS, strict=True))
    check = 11 - total % 11
    return body + {10: "X", 11: "0"}.get(check, str(check))


def uscc(org: str, kind: str = "11") -> str:
    """A unified social credit code (GB 32100) for a Suining county agency."""
    body = f"{kind}320324{org}"
    total = sum(_CODE_CHARS.index(ch) * w for ch, w in zip(body, _USCC_WEIGHTS, strict=True))
    return body + _CODE_CHARS[(31 - total % 31) % 31]


@dataclass(frozen=True)
class Row:
    code: str
    dept: Department
    item: Item


def build_rows() -> list[Row]:
    names = {item.name for dept in DEPARTMENTS for item in dept.items}
    missing = sorted(set(EVERYDAY_NAMES) - names)
    assert not missing, f"everyday names for items the catalog lacks: {missing}"
    missing = sorted(set(COUNTY_REVIEW_DAYS) - names)
    assert not missing, f"初审时限 for items the catalog lacks: {missing}"
    rows: list[Row] = []
    for dept in DEPARTMENTS:
        prefix = uscc(org_code(dept.org_body), dept.uscc_kind) if dept.org_body else ""
        local_no = 0
        for n, item in enumerate(dept.items):
            if item.local or not prefix:
                local_no += 1
                code = f"SNZ-{dept.abbr}-{local_no:03d}"
            elif item.category == GG:
                code = f"{prefix}20{dept.base + n:06d}"
            else:
                code = f"{prefix}{CATEGORY_CODES[item.category]}{dept.base + n:05d}001"
            rows.append(Row(code, dept, item))
    return rows


# --------------------------------------------------------------------------------------------
# Derived columns
# --------------------------------------------------------------------------------------------


# The names residents use at the window (常用名), by item name: 低保 finds 最低生活保障审核.
EVERYDAY_NAMES: dict[str, tuple[str, ...]] = {
    "最低生活保障审核": ("低保", "低保申请", "吃低保"),
    "最低生活保障对象增减变更（停发、减发、恢复）": ("低保变更", "低保停发"),
    "最低生活保障、特困供养对象证明出具": ("低保证明", "五保证明"),
    "特困人员救助供养审核": ("五保", "五保户", "特困"),
    "困难残疾人生活补贴和重度残疾人护理补贴审核": ("残疾人两项补贴", "残补"),
    "经济困难老年人养老服务补贴申请": ("养老补贴",),
    "个体工商户设立登记": ("个体户", "个体户营业执照", "开店执照"),
    "个体工商户变更登记": ("个体户变更",),
    "个体工商户注销登记": ("个体户注销",),
    "个体工商户营业执照遗失补领": ("营业执照补办",),
    "个体工商户定期定额核定": ("个体户定额", "定税"),
    "生育登记": ("准生证", "生育服务证", "生育证"),
    "残疾人证申领初审": ("残疾证", "办残疾证"),
    "残疾人证换领": ("残疾证换证",),
    "残疾人证挂失补办": ("残疾证补办",),
    "老年人优待证申领": ("老年证", "老年优待证"),
    "城乡居民基本医疗保险参保登记": ("医保", "农村医保", "新农合", "合作医疗"),
    "城乡居民基本医疗保险费缴纳": ("交医保", "医保缴费", "新农合缴费"),
    "城乡居民基本养老保险参保登记": ("养老保险", "农村养老保险", "新农保"),
    "城乡居民基本养老保险费缴纳": ("交养老保险",),
    "城乡居民基本养老保险待遇领取资格认证": ("养老金认证", "生存认证"),
    "社会保障卡申领（含补换卡）": ("社保卡", "办社保卡", "补社保卡"),
    "社会保障卡挂失与解挂": ("社保卡挂失",),
    "医保电子凭证激活与使用指导": ("医保码",),
    "农村村民宅基地审批": ("宅基地", "批宅基地", "盖房审批"),
    "宅基地使用权及房屋所有权首次登记": ("房产证", "宅基地确权"),
    "居民身份证申领、换领": ("身份证", "办身份证"),
    "居民身份证补领": ("身份证补办", "丢了身份证"),
    "户口簿补领、换领": ("户口本",),
    "死亡注销户口": ("销户",),
    "独生子女父母光荣证补发": ("独生子女证",),
    "退役军人优待证申领": ("军人优待证",),
}


# 初审转报: the items the township only reviews (初审) before the county department decides,
# with the township's own working days for it (初审时限). 河道采砂许可 says so in its note only.
COUNTY_REVIEW_DAYS: dict[str, int] = {
    "公共场所卫生许可初审": 5,
    "乡村医生执业注册初审": 5,
    "诊所备案初审": 3,
    "残疾人证申领初审": 5,
    "残疾军人残疾等级评定申请初审": 10,
    "临时用地审批初审": 10,
    "土地权属争议调处初审": 20,
    "公共租赁住房申请初审": 10,
    "内陆渔业捕捞许可初审": 7,
    "动物防疫条件合格证初审": 5,
    "食品经营许可（小型餐饮）初审": 3,
    "河道采砂许可": 10,
    "取水许可初审": 10,
    "烟花爆竹零售经营许可初审": 5,
    "法律援助申请初审": 2,
    "设置卫星电视广播地面接收设施审批初审": 5,
}
COUNTY = "初审转报"


def item_values(row: Row) -> list[object]:
    item, dept = row.item, row.dept
    statutory, promised = item.limits
    window = item.window or dept.window
    place = f"{CENTER}{window}"
    if item.village:
        place = f"各村（社区）便民服务点；{place}"
    lists = [LIST_SERVICE] if item.category == GG else [LIST_POWER, LIST_DUTY]
    if item.village:
        lists.append(LIST_VILLAGE)
    if item.shared or dept.shared:
        lists.append(LIST_SHARED)
    conditions = item.conditions or DEFAULT_CONDITIONS.get(item.category, DEFAULT_CONDITIONS[""])
    return [
        row.code,
        item.name,
        item.category,
        item.source or dept.source,
        dept.name,
        "村级" if item.village else "镇级",
        "即办件" if promised == 0 else "承诺件",
        statutory,
        promised,
        "是" if item.fee else "否",
        item.fee,
        item.basis,
        conditions,
        place,
        item.result,
        window,
        "；".join(lists),
        item.note,
        "、".join(EVERYDAY_NAMES.get(item.name, ())) or None,
        COUNTY if item.name in COUNTY_REVIEW_DAYS else None,
        COUNTY_REVIEW_DAYS.get(item.name),
    ]


def material_values(row: Row) -> list[list[object]]:
    return [
        [
            row.code,
            seq,
            mat.name,
            mat.form,
            mat.copies,
            "非必要" if mat.optional else "必要",
            "是" if mat.tolerant else "否",
            mat.note,
        ]
        for seq, mat in enumerate(row.item.materials, start=1)
    ]


def validate(rows: list[Row]) -> None:
    """Refuse to write a catalog that breaks the template's rules."""
    codes = [r.code for r in rows]
    dupes = [c for c, k in Counter(codes).items() if k > 1]
    assert not dupes, f"duplicate codes: {dupes}"
    names = Counter((r.item.name, r.dept.name) for r in rows)
    assert max(names.values()) == 1, "duplicate item names"
    for r in rows:
        item = r.item
        statutory, promised = item.limits
        assert len(r.code) <= 64, r.code
        assert item.category in CATEGORIES, item.name
        assert (item.source or r.dept.source) in SOURCES, item.name
        assert 0 <= promised <= statutory, item.name
        review = COUNTY_REVIEW_DAYS.get(item.name)
        assert review is None or 1 <= review <= min(promised, 60), item.name
        assert item.result in RESULTS, item.name
        assert item.materials, item.name
        for mat in item.materials:
            assert mat.form in FORMS, (item.name, mat.name)
            assert 1 <= mat.copies <= 3, (item.name, mat.name)
            assert not (mat.tolerant and mat.optional), (item.name, mat.name)
            assert len(mat.name) <= 255, mat.name
        names_of = [mat.name for mat in item.materials]
        assert len(set(names_of)) == len(names_of), f"repeated material in {item.name}"


# --------------------------------------------------------------------------------------------
# Workbook
# --------------------------------------------------------------------------------------------

ITEM_COLUMNS: tuple[tuple[str, int, str, str], ...] = (
    # header, width, meaning, allowed values
    (
        "事项编码*",
        32,
        "事项的唯一编码。国家实施编码与本地编码格式不同，系统只作整体比对，不解析其结构",
        "不超过64个字符；全表唯一",
    ),
    ("事项名称*", 40, "事项的规范名称", "文本"),
    ("事项类型*", 12, "事项所属的权力或服务类型", "、".join(CATEGORIES)),
    ("权力来源", 14, "镇（街道）行使该事项的权力来源", "、".join(SOURCES)),
    ("原实施部门*", 26, "赋权前实施该事项的县级部门或单位", "文本"),
    ("受理层级", 10, "可受理该事项的层级；村级表示村（社区）便民服务点可受理", "镇级、村级"),
    ("办件类型", 10, "即办件当场办结；承诺件在承诺时限内办结", "即办件、承诺件"),
    ("法定时限（工作日）*", 12, "法律法规规定的办结时限", "非负整数，单位为工作日"),
    (
        "承诺时限（工作日）*",
        12,
        "本中心承诺的办结时限，自受理次日起按工作日计算",
        "非负整数，不得大于法定时限；即办件为0",
    ),
    ("是否收费", 10, "办理该事项是否收取费用", "是、否"),
    ("收费标准", 26, "收费项目及标准", "文本；是否收费为“是”时填写"),
    ("设定依据", 46, "设定该事项的法律、法规、规章或规范性文件", "文本"),
    ("受理条件", 40, "申请人应当具备的条件", "文本"),
    ("办理地点", 34, "受理申请的地点", "文本"),
    ("办理结果", 10, "办结后交付申请人的结果类型", "、".join(RESULTS)),
    ("受理窗口", 16, "为民服务中心内受理该事项的窗口", "文本，如综合窗口一、社保医保窗口"),
    (
        "所属清单",
        36,
        "该事项所属的清单，可属于多张清单",
        "权力清单、责任清单、公共服务事项清单、职责准入清单、村级便民服务点受理民生服务清单、"
        "县镇跨部门信息共享清单；多个以全角分号“；”分隔",
    ),
    ("备注", 28, "其他需要说明的情况", "文本，可为空"),
    (
        "常用名",
        24,
        "群众对该事项的常用叫法，搜索时按常用名也能找到",
        "文本，可为空；多个以顿号“、”、分号“；”或换行分隔",
    ),
    (
        "办理方式",
        12,
        "窗口办结、后台审批，或初审转报（镇里只作初审，报县级部门决定）",
        "窗口办结、后台审批、初审转报；可为空（按事项推定）",
    ),
    (
        "初审时限（工作日）",
        12,
        "初审转报事项镇里完成初审、报送县级部门的时限，自受理次日起按工作日计算",
        "1至60的整数，不得大于承诺时限；其他事项为空",
    ),
)

MATERIAL_COLUMNS: tuple[tuple[str, int, str, str], ...] = (
    ("事项编码*", 32, "材料所属事项的编码，须在“事项”表中存在", "与“事项”表一致"),
    ("序号", 8, "材料在该事项中的顺序", "从1开始的整数"),
    ("材料名称*", 52, "申请材料名称", "文本"),
    ("材料形式", 14, "提交材料的形式", "、".join(FORMS)),
    ("份数", 8, "需提交的份数", "正整数"),
    ("必要性", 10, "是否必须提交", "必要、非必要"),
    ("可容缺", 10, "缺少该材料时能否容缺受理（申请人书面承诺限期补交）", "是、否"),
    ("备注", 28, "其他需要说明的情况", "文本，可为空"),
)

HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
TITLE_FONT = Font(bold=True, size=14)
THIN = Side(style="thin", color="A6A6A6")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WRAP_TOP = Alignment(wrap_text=True, vertical="top")
WRAP_CENTER = Alignment(wrap_text=True, horizontal="center", vertical="center")

# Rows beyond the data that still get drop-downs, so an admin can add items by hand.
VALIDATION_SLACK = 500


def _list_validation(values: tuple[str, ...], title: str) -> DataValidation:
    dv = DataValidation(type="list", formula1='"' + ",".join(values) + '"', allow_blank=True)
    dv.error = f"请从下拉列表中选择：{'、'.join(values)}"
    dv.errorTitle = f"{title}取值无效"
    dv.showErrorMessage = True
    return dv


def _whole_validation(low: int, high: int, title: str) -> DataValidation:
    dv = DataValidation(
        type="whole", operator="between", formula1=str(low), formula2=str(high), allow_blank=True
    )
    dv.error = f"请输入{low}至{high}之间的整数"
    dv.errorTitle = f"{title}取值无效"
    dv.showErrorMessage = True
    return dv


def _write_header(ws: Worksheet, row: int, columns: tuple[tuple[str, int, str, str], ...]) -> None:
    for col, (header, width, _meaning, _values) in enumerate(columns, start=1):
        cell = ws.cell(row=row, column=col, value=header)
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        cell.alignment = WRAP_CENTER
        cell.border = BORDER
        ws.column_dimensions[get_column_letter(col)].width = width


def _write_body(ws: Worksheet, first_row: int, data: list[list[object]]) -> None:
    for r, values in enumerate(data, start=first_row):
        for c, value in enumerate(values, start=1):
            cell = ws.cell(row=r, column=c, value=value if value != "" else None)
            cell.alignment = WRAP_TOP
            cell.border = BORDER


def _add_validations(
    ws: Worksheet, first_row: int, last_row: int, rules: dict[str, DataValidation]
) -> None:
    for letter, dv in rules.items():
        dv.add(f"{letter}{first_row}:{letter}{last_row + VALIDATION_SLACK}")
        ws.add_data_validation(dv)


def write_items_sheet(ws: Worksheet, rows: list[Row]) -> None:
    ws.title = "事项"
    last_col = get_column_letter(len(ITEM_COLUMNS))
    ws.merge_cells(f"A1:{last_col}1")
    title = ws["A1"]
    title.value = TITLE
    title.font = TITLE_FONT
    title.alignment = Alignment(horizontal="center", vertical="center")
    ws.row_dimensions[1].height = 30
    _write_header(ws, 2, ITEM_COLUMNS)
    ws.row_dimensions[2].height = 32
    _write_body(ws, 3, [item_values(r) for r in rows])
    last = 2 + len(rows)
    ws.freeze_panes = "A3"
    ws.auto_filter.ref = f"A2:{last_col}{last}"
    _add_validations(
        ws,
        3,
        last,
        {
            "C": _list_validation(CATEGORIES, "事项类型"),
            "D": _list_validation(SOURCES, "权力来源"),
            "F": _list_validation(LEVELS, "受理层级"),
            "G": _list_validation(KINDS, "办件类型"),
            "H": _whole_validation(0, 999, "法定时限"),
            "I": _whole_validation(0, 999, "承诺时限"),
            "J": _list_validation(YES_NO, "是否收费"),
            "O": _list_validation(RESULTS, "办理结果"),
            "T": _list_validation(ROUTINGS, "办理方式"),
            "U": _whole_validation(1, 60, "初审时限"),
        },
    )


def write_materials_sheet(ws: Worksheet, rows: list[Row]) -> int:
    data = [values for r in rows for values in material_values(r)]
    _write_header(ws, 1, MATERIAL_COLUMNS)
    ws.row_dimensions[1].height = 24
    _write_body(ws, 2, data)
    last = 1 + len(data)
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(MATERIAL_COLUMNS))}{last}"
    _add_validations(
        ws,
        2,
        last,
        {
            "D": _list_validation(FORMS, "材料形式"),
            "E": _whole_validation(1, 99, "份数"),
            "F": _list_validation(NEEDS, "必要性"),
            "G": _list_validation(YES_NO, "可容缺"),
        },
    )
    return len(data)


NOTICE = (
    "本工作簿为示例数据（SAMPLE DATA），由 townclerk 项目为培训和测试编制，"
    "不是任何政府部门发布的正式赋权目录。事项名称、设定依据和申请材料参照江苏省镇（街道）"
    "公开目录的常见内容编写，事项编码、统一社会信用代码和乡镇名称（示范镇）均为虚构，"
    "不得作为办事依据。"
)


def write_notes_sheet(ws: Worksheet) -> None:
    ws.title = "说明"
    lines = [
        ("示例数据声明", NOTICE),
        (
            "适用对象",
            f"{TOWN}为民服务中心（中心代码 {CENTER_CODE}，虚构），"
            "用于系统导入、窗口受理演练和自动化测试。",
        ),
        (
            "模板结构",
            "“事项”表第1行为标题、第2行为表头、第3行起为数据；"
            "“申请材料”表第1行为表头、第2行起每行一项材料。"
            "表头带“*”的列为必填列。",
        ),
    ]
    for r, (label, text) in enumerate(lines, start=1):
        ws.merge_cells(f"B{r}:D{r}")
        head = ws.cell(row=r, column=1, value=label)
        head.font = Font(bold=True, color="C00000" if r == 1 else None)
        head.alignment = WRAP_TOP
        body = ws.cell(row=r, column=2, value=text)
        body.alignment = WRAP_TOP
        body.font = Font(bold=r == 1, color="C00000" if r == 1 else None)
        ws.row_dimensions[r].height = 62 if r == 1 else 34
    header_row = len(lines) + 2
    headers = (("工作表", 14, "", ""), ("列名", 22, "", ""), ("含义", 60, "", ""))
    _write_header(ws, header_row, (*headers, ("取值", 70, "", "")))
    data: list[list[object]] = [
        ["事项", header, meaning, values] for header, _w, meaning, values in ITEM_COLUMNS
    ]
    data += [
        ["申请材料", header, meaning, values] for header, _w, meaning, values in MATERIAL_COLUMNS
    ]
    _write_body(ws, header_row + 1, data)
    ws.freeze_panes = f"A{header_row + 1}"


def write_workbook(path: Path) -> None:
    rows = build_rows()
    validate(rows)
    wb = Workbook()
    write_items_sheet(wb.active, rows)
    write_materials_sheet(wb.create_sheet("申请材料"), rows)
    write_notes_sheet(wb.create_sheet("说明"))
    wb.properties.title = TITLE
    wb.properties.subject = "示例数据：镇（街道）行政许可和公共服务事项赋权目录"
    wb.properties.creator = "townclerk scripts/make_sample_catalog.py"
    wb.properties.description = NOTICE
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)


# --------------------------------------------------------------------------------------------
# Read-back check
# --------------------------------------------------------------------------------------------


def verify(path: Path) -> dict[str, int]:
    """Read the workbook back and check the template's rules; return the counts."""
    wb = load_workbook(path, read_only=True)
    assert wb.sheetnames == ["事项", "申请材料", "说明"], wb.sheetnames
    items_ws, mats_ws = wb["事项"], wb["申请材料"]
    item_rows = list(items_ws.iter_rows(values_only=True))
    assert item_rows[0][0] == TITLE, item_rows[0][0]
    assert tuple(item_rows[1]) == tuple(c[0] for c in ITEM_COLUMNS), item_rows[1]
    items = [r for r in item_rows[2:] if any(v is not None for v in r)]
    codes = [r[0] for r in items]
    assert len(codes) == len(set(codes)), "item codes are not unique"
    for r in items:
        assert r[2] in CATEGORIES and r[3] in SOURCES and r[5] in LEVELS and r[6] in KINDS, r
        assert isinstance(r[7], int) and isinstance(r[8], int), r
        assert 0 <= r[8] <= r[7], f"promised > statutory: {r[0]}"
        assert (r[6] == "即办件") == (r[8] == 0), r[0]
        assert r[9] in YES_NO and (r[9] == "否") == (r[10] is None), r[0]
        assert r[14] in RESULTS, r[0]
    mat_rows = list(mats_ws.iter_rows(values_only=True))
    assert tuple(mat_rows[0]) == tuple(c[0] for c in MATERIAL_COLUMNS), mat_rows[0]
    mats = [r for r in mat_rows[1:] if any(v is not None for v in r)]
    known = set(codes)
    per_item: dict[str, list[int]] = {}
    for r in mats:
        assert r[0] in known, f"material for unknown item {r[0]}"
        assert r[3] in FORMS and r[5] in NEEDS and r[6] in YES_NO, r
        assert isinstance(r[4], int) and 1 <= r[4] <= 3, r
        assert not (r[6] == "是" and r[5] == "非必要"), r
        per_item.setdefault(r[0], []).append(r[1])
    for code in codes:
        seqs = per_item.get(code, [])
        assert seqs == list(range(1, len(seqs) + 1)) and seqs, f"bad 序号 for {code}"
    wb.close()
    counts = [len(v) for v in per_item.values()]
    return {
        "items": len(items),
        "materials": len(mats),
        "departments": len({r[4] for r in items}),
        "instant (即办件)": sum(r[6] == "即办件" for r in items),
        "village (村级)": sum(r[5] == "村级" for r in items),
        "charging (收费)": sum(r[9] == "是" for r in items),
        "local codes": sum(str(r[0]).startswith("SNZ-") for r in items),
        "初审转报": sum(r[19] == COUNTY for r in items),
        "max materials per item": max(counts),
        "items with 12+ materials": sum(c >= 12 for c in counts),
        "longest name": max(len(r[1]) for r in items),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output", nargs="?", type=Path, default=DEFAULT_OUTPUT)
    args = parser.parse_args(argv)
    write_workbook(args.output)
    counts = verify(args.output)
    print(f"wrote {args.output}")
    for key, value in counts.items():
        print(f"  {key}: {value}")
    print(f"  average materials per item: {counts['materials'] / counts['items']:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
