"""The four documents a case prints (shared/DOMAIN.md, "Printed documents").

受理通知书, 一次性告知书, 不予受理通知书 and 办结通知书 share the page frame, the applicant and item
grid and the seal; each adds what its legal act needs. Personal data is printed masked: ID
numbers keep their first 6 and last 4 characters, phones their first 3 and last 4 digits.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import replace

from reportlab.platypus import Flowable, KeepTogether

from townclerk.enums import CaseKind, Decision, DocumentKind, IdType, MaterialState
from townclerk.formats.pdf import fonts
from townclerk.formats.pdf.blocks import Composer, Field, chinese_date, chinese_datetime
from townclerk.formats.pdf.layout import DocumentLayout, PageFrame, make_styles, paper_for
from townclerk.records.cases import CaseDetail, CaseMaterialInfo
from townclerk.records.center import CenterSettings
from townclerk.validation import mask_id_number, mask_phone

TWO_PART_COPIES = ("申请人联", "存根联")
REPRINT_MARK = "补打"
APPEAL_RIGHTS = (
    "如对本决定不服，可以自收到本通知书之日起六十日内依法申请行政复议，"
    "或者自收到本通知书之日起六个月内依法向人民法院提起行政诉讼。"
)
MATERIAL_COLUMNS = (0.065, 0.395, 0.16, 0.07, 0.31)


def render_document(
    kind: DocumentKind,
    case: CaseDetail,
    center: CenterSettings,
    *,
    reprint: bool = False,
    printed_at: dt.datetime | None = None,
) -> bytes:
    """The PDF of ``kind`` for ``case``; ``reprint`` marks every page 补打."""
    fonts.register_fonts()
    paper = paper_for(center.paper_size)
    styles = make_styles(paper)
    frame = PageFrame(
        center_name=center.center_name,
        title=kind.label,
        number=case.number,
        footer=_footer(kind, center),
        marks=(REPRINT_MARK,) if reprint else (),
    )
    layout = DocumentLayout(frame, paper, styles)
    write_body = _BODIES[kind]

    def body() -> list[Flowable]:
        composer = Composer(paper, styles, layout.body_width)
        flowables = write_body(composer, case, center)
        if kind is DocumentKind.RECEIPT and case.unofficial_due_years:
            # DOMAIN.md: a year without official data is flagged, never silently guessed.
            years = "、".join(f"{year}年" for year in case.unofficial_due_years)
            flowables.append(
                composer.small(
                    f"注：{years}国家法定节假日安排尚未公布，承诺办结日期暂按周末推算；"
                    "如期间遇法定节假日，办结日期依法顺延。"
                )
            )
        if reprint and printed_at is not None:
            flowables.append(
                composer.small(f"本件为补打件，补打时间：{chinese_datetime(printed_at)}")
            )
        note = composer.rare_character_note(center.center_name)
        if note is not None:
            flowables.append(note)
        return flowables

    copies = TWO_PART_COPIES if center.two_part else ("",)
    return layout.build(
        copies,
        body,
        title=f"{kind.label} {case.number}",
        author=center.center_name,
        subject=case.number,
    )


# --- what the documents share ---------------------------------------------------------------
def shown_id(id_type: IdType, number: str) -> str:
    """A unified social credit code is public and printed whole; personal IDs are masked."""
    return number if id_type is IdType.USCC else mask_id_number(number)


def _id_text(id_type: IdType, number: str) -> str:
    """The number alone for a resident ID (the usual case), else with what kind of number it is."""
    shown = shown_id(id_type, number)
    return shown if id_type is IdType.RESIDENT_ID else f"{id_type.label} {shown}"


def _applicant_fields(case: CaseDetail, *, contact: bool = True) -> list[Field]:
    """The applicant (with phone, village and address when ``contact``) and the agent."""
    applicant = case.applicant
    fields = [
        Field("申请人", applicant.name),
        Field(
            "证件号码",
            _id_text(applicant.id_type, applicant.id_number),
            wide=applicant.id_type is not IdType.RESIDENT_ID,  # long with its kind in front
        ),
    ]
    if contact:
        fields += [
            Field("联系电话", mask_phone(applicant.phone) if applicant.phone else ""),
            Field("所属村（社区）", applicant.village_name),
            Field("地址", applicant.address, wide=True),
        ]
    if case.agent_name:
        agent = [case.agent_name]
        if case.agent_id_number:
            agent.append(f"证件号码 {mask_id_number(case.agent_id_number)}")
        if case.agent_phone:
            agent.append(f"电话 {mask_phone(case.agent_phone)}")
        fields.append(Field("代办人", "　".join(agent), wide=True))
    return fields


def _item_fields(case: CaseDetail) -> list[Field]:
    return [
        Field("事项名称", case.item_name, wide=True),
        Field("事项编码", case.item_code),
        Field("实施部门", case.department),
        Field("办件类型", _case_kind_text(case)),
    ]


def _case_kind_text(case: CaseDetail) -> str:
    if case.case_kind is CaseKind.INSTANT:
        return f"{case.case_kind.label}（当场办结）"
    return f"{case.case_kind.label}（承诺{case.promised_days}个工作日）"


def _handling_fields(case: CaseDetail, center: CenterSettings) -> list[Field]:
    return [
        Field("受理窗口", case.window_name),
        Field("经办人", case.clerk_name),
        Field("咨询电话", center.phone),
    ]


def _opening(composer: Composer, case: CaseDetail, text: str) -> list[Flowable]:
    return [composer.paragraph(f"{case.applicant.name}："), composer.indented(text)]


def _material_rows(
    materials: tuple[CaseMaterialInfo, ...], state: Callable[[CaseMaterialInfo], str]
) -> list[list[str]]:
    return [
        [str(index), m.name, m.form.label, f"{m.copies}份", state(m)]
        for index, m in enumerate(materials, start=1)
    ]


def _received_state(material: CaseMaterialInfo) -> str:
    if material.state is MaterialState.TOLERATED and material.promised_date is not None:
        return f"容缺，{chinese_date(material.promised_date)}前补交"
    return material.state.label


def _grid(composer: Composer, fields: list[Field]) -> list[Flowable]:
    table = composer.fields(fields)
    return [table] if table is not None else []


def _where_to_go(center: CenterSettings, case: CaseDetail) -> str:
    return center.center_name + (case.window_name if case.window_name else "")


# --- 受理通知书 -------------------------------------------------------------------------------
def _as_accepted(material: CaseMaterialInfo) -> CaseMaterialInfo:
    """A material handed in after acceptance under 容缺 (it keeps its promised date) is shown
    as it was at acceptance: the receipt, reprinted, says what the original said."""
    if material.state is MaterialState.RECEIVED and material.promised_date is not None:
        return replace(material, state=MaterialState.TOLERATED)
    return material


def _receipt(composer: Composer, case: CaseDetail, center: CenterSettings) -> list[Flowable]:
    case = replace(case, materials=tuple(_as_accepted(m) for m in case.materials))
    tolerated = case.tolerated_materials
    decision = (
        "除下列容缺材料外，申请材料齐全、符合法定形式，本中心决定予以容缺受理。"
        if tolerated
        else "申请材料齐全、符合法定形式，本中心决定予以受理。"
    )
    text = (
        f"你（单位）于{chinese_datetime(case.received_at)}提出的“{case.item_name}”申请，{decision}"
    )
    if case.case_kind is CaseKind.INSTANT:
        text += "本件为即办件，当场办结。"
    elif case.due_date is not None:
        text += (
            f"本中心承诺于{chinese_date(case.due_date)}前办结"
            "（按工作日计算，补正、特别程序所需时间不计算在内）。"
        )
    flowables = _opening(composer, case, text)
    fields = _applicant_fields(case) + _item_fields(case)
    fields += [
        Field("受理时间", chinese_datetime(case.received_at)),
        Field("承诺办结日期", chinese_date(case.due_date) if case.due_date else ""),
    ]
    flowables += _grid(composer, fields + _handling_fields(case, center))
    materials = tuple(m for m in case.materials if m.state is not MaterialState.MISSING)
    if materials:
        flowables.append(composer.heading("收取的申请材料"))
        flowables.append(
            composer.table(
                ("序号", "材料名称", "形式", "份数", "收取情况"),
                _material_rows(materials, _received_state),
                MATERIAL_COLUMNS,
            )
        )
    if tolerated:
        flowables.append(composer.small("请在承诺日期前补交容缺材料；补交时请携带本通知书。"))
    flowables.append(
        composer.signatures(
            ("申请人（代办人）签收：", "签收日期："), center.center_name, case.received_at.date()
        )
    )
    return flowables


# --- 一次性告知书 ------------------------------------------------------------------------------
def _notice(composer: Composer, case: CaseDetail, center: CenterSettings) -> list[Flowable]:
    text = (
        f"你（单位）于{chinese_datetime(case.received_at)}申请办理“{case.item_name}”，经审查，"
        "申请材料不齐全或者不符合法定形式。现将需要补充、补正的全部内容一次性告知如下："
    )
    flowables = _opening(composer, case, text)
    flowables += _grid(composer, _applicant_fields(case) + _item_fields(case))
    sections = 0
    missing = case.missing_materials
    if missing:
        sections += 1
        flowables.append(composer.heading(f"{_ordinal(sections)}、需补充的材料"))
        flowables.append(
            composer.table(
                ("序号", "材料名称", "形式", "份数", "要求"),
                _material_rows(missing, lambda m: "必须提交" if m.required else "视情形提交"),
                MATERIAL_COLUMNS,
            )
        )
    if case.reason:
        sections += 1
        flowables.append(composer.heading(f"{_ordinal(sections)}、需补正的内容"))
        flowables.append(composer.indented(case.reason))
    sections += 1
    flowables.append(composer.heading(f"{_ordinal(sections)}、补充、补正的方式"))
    flowables.append(
        composer.indented(
            f"请备齐上述材料、补正上述内容后，携带本告知书到{_where_to_go(center, case)}"
            "重新提交申请。"
        )
    )
    flowables += _grid(
        composer,
        [
            Field("办理地点", center.address, wide=True),
            *_handling_fields(case, center),
            Field("告知时间", chinese_datetime(case.received_at)),
        ],
    )
    flowables.append(
        composer.signatures(
            ("申请人（代办人）签收：", "签收日期："), center.center_name, case.received_at.date()
        )
    )
    return flowables


def _ordinal(number: int) -> str:
    return "一二三四五六七八九十"[number - 1]


# --- 不予受理通知书 ----------------------------------------------------------------------------
def _refusal(composer: Composer, case: CaseDetail, center: CenterSettings) -> list[Flowable]:
    text = (
        f"你（单位）于{chinese_datetime(case.received_at)}提出的“{case.item_name}”申请，"
        "经审查，本中心决定不予受理。"
    )
    flowables = _opening(composer, case, text)
    flowables += _grid(composer, _applicant_fields(case) + _item_fields(case))
    flowables.append(composer.heading("不予受理的理由"))
    flowables.append(composer.indented(case.reason or ""))
    if case.legal_basis:
        flowables.append(composer.heading("法律依据"))
        flowables.append(composer.indented(case.legal_basis))
    flowables.append(composer.heading("申请人的权利"))
    flowables.append(composer.indented(APPEAL_RIGHTS))
    flowables += _grid(composer, _handling_fields(case, center))
    flowables.append(
        composer.signatures(
            ("申请人（代办人）签收：", "签收日期："), center.center_name, case.received_at.date()
        )
    )
    return flowables


# --- 办结通知书 (with the pickup slip) ---------------------------------------------------------
def _completion(composer: Composer, case: CaseDetail, center: CenterSettings) -> list[Flowable]:
    completed = case.completed_at or case.received_at
    decision = case.decision.label if case.decision else ""
    text = (
        f"你（单位）于{chinese_datetime(case.received_at)}申请办理的“{case.item_name}”，"
        f"已于{chinese_datetime(completed)}办结，办理决定为：{decision}。"
    )
    flowables = _opening(composer, case, text)
    fields = _applicant_fields(case, contact=False) + _item_fields(case)
    fields += [
        Field("办理决定", decision),
        Field("办结时间", chinese_datetime(completed)),
        Field("办理用时", f"{case.days_used}个工作日" if case.days_used is not None else ""),
        Field("送达时间", chinese_datetime(case.delivered_at) if case.delivered_at else ""),
        Field("办理结果", case.result_text or "", wide=True),
    ]
    flowables += _grid(composer, fields)
    flowables.append(composer.heading("领取方式"))
    flowables.append(
        composer.indented(
            f"请携带本通知书和申请人有效身份证件（他人代领的，另携带代领人有效身份证件）"
            f"到{_where_to_go(center, case)}领取办理结果。"
        )
    )
    flowables += _grid(
        composer, [Field("领取地点", center.address, wide=True), *_handling_fields(case, center)]
    )
    if case.decision is Decision.DENIED:
        flowables.append(composer.heading("申请人的权利"))
        flowables.append(composer.indented(APPEAL_RIGHTS))
    flowables.append(composer.signatures((), center.center_name, completed.date()))
    slip: list[Flowable] = [
        composer.cut_line("沿此线剪下，领取回执由中心留存"),
        composer.heading("领取回执"),
        *_grid(
            composer,
            [
                Field("办件编号", case.number),
                Field("申请人", case.applicant.name),
                Field("事项名称", case.item_name, wide=True),
                Field("办理结果", f"{decision}：{case.result_text or ''}", wide=True),
            ],
        ),
        composer.spacer(composer.paper.body_font * 0.5),
        composer.paragraph("本人已领取上述办理结果。"),
        composer.sign_lines(("领取人签名：", "领取日期：", "领取人证件号码："), columns=2),
    ]
    flowables.append(KeepTogether(slip))
    return flowables


# --- 延长办理期限通知书 -------------------------------------------------------------------------
ARTICLE_42 = (
    "《中华人民共和国行政许可法》第四十二条第一款：除可以当场作出行政许可决定的外，"
    "行政机关应当自受理行政许可申请之日起二十日内作出行政许可决定。二十日内不能作出决定的，"
    "经本行政机关负责人批准，可以延长十日，并应当将延长期限的理由告知申请人。"
    "但是，法律、法规另有规定的，依照其规定。"
)


def _extension_notice(
    composer: Composer, case: CaseDetail, center: CenterSettings
) -> list[Flowable]:
    extension = case.extension
    if extension is None or case.statutory_due_date is None:
        raise ValueError(f"case {case.number} was never extended: no notice to print")
    decided = extension.decided_on or case.received_at.date()
    new_date = chinese_date(case.statutory_due_date)
    text = (
        f"你（单位）于{chinese_datetime(case.received_at)}提出的“{case.item_name}”申请"
        f"（办件编号{case.number}）已依法受理，法定办理期限为{case.statutory_days}个工作日。"
        f"因{extension.reason.rstrip('。')}，在法定期限内不能作出决定。经本机关负责人批准，"
        f"依照《中华人民共和国行政许可法》第四十二条第一款的规定，办理期限延长"
        f"{extension.days}个工作日，将于{new_date}前作出决定。"
    )
    flowables = _opening(composer, case, text)
    fields = _applicant_fields(case, contact=False) + _item_fields(case)
    fields += [
        Field("受理时间", chinese_datetime(case.received_at)),
        Field("原法定办理期限", f"{case.statutory_days}个工作日"),
        Field("延长期限", f"{extension.days}个工作日"),
        Field("延长后办结日期", new_date),
        Field("批准", "经本机关负责人批准", wide=True),
    ]
    flowables += _grid(composer, fields)
    flowables.append(composer.heading("延长期限的理由"))
    flowables.append(composer.indented(extension.reason))
    flowables.append(composer.heading("法律依据"))
    flowables.append(composer.indented(ARTICLE_42))
    flowables.append(
        composer.small(
            "办理期限按工作日计算；补正材料、听证、检验、检测、鉴定、专家评审等所需时间"
            "不计算在办理期限内，办结日期相应顺延。"
        )
    )
    flowables += _grid(composer, _handling_fields(case, center))
    flowables.append(
        composer.signatures(("申请人（代办人）签收：", "签收日期："), center.center_name, decided)
    )
    return flowables


_BODIES: dict[DocumentKind, Callable[[Composer, CaseDetail, CenterSettings], list[Flowable]]] = {
    DocumentKind.RECEIPT: _receipt,
    DocumentKind.NOTICE: _notice,
    DocumentKind.REFUSAL: _refusal,
    DocumentKind.COMPLETION: _completion,
    DocumentKind.EXTENSION_NOTICE: _extension_notice,
}


def _footer(kind: DocumentKind, center: CenterSettings) -> str:
    """The settings' receipt footer speaks of collecting the result: it belongs on the receipt
    and the completion notice only. A notice or a refusal carries the center's contact."""
    if kind in (DocumentKind.RECEIPT, DocumentKind.COMPLETION):
        return center.receipt_footer
    contact = [center.center_name]
    if center.address:
        contact.append(f"地址：{center.address}")
    if center.phone:
        contact.append(f"咨询电话：{center.phone}")
    return "　".join(contact)
