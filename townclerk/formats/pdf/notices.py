"""The documents a case prints (shared/DOMAIN.md, "Printed documents").

受理通知书, 一次性告知书, 不予受理通知书, 办结通知书 and 不予行政许可决定书 share the page frame,
the applicant and item grid and the seal: every document is issued in the deciding body's name
with its seal text (``records/issuing.py``), an entrusted item's with the 受委托单位; each adds
what its legal act needs. A refusal and a denial name the 复议机关 and the court with both
limits (行政复议法 2023 第20条: without them the 60 days do not start). Personal data is
printed masked: ID numbers keep their first 6 and last 4 characters, phones their first 3 and
last 4 digits.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import replace

from reportlab.platypus import Flowable, KeepTogether

from townclerk.case_states import CaseAction
from townclerk.enums import (
    CaseKind,
    CaseStatus,
    Decision,
    DeliveryMethod,
    DocumentKind,
    Holder,
    IdType,
    MaterialState,
    PauseKind,
)
from townclerk.formats.pdf import fonts
from townclerk.formats.pdf.blocks import Composer, Field, chinese_date, chinese_datetime
from townclerk.formats.pdf.layout import DocumentLayout, PageFrame, Paper, make_styles, paper_for
from townclerk.records.cases import CaseDetail, CaseMaterialInfo, PauseInfo
from townclerk.records.center import CenterSettings
from townclerk.records.issuing import Issuer, is_company, is_entrusted
from townclerk.validation import mask_id_number, mask_phone

TWO_PART_COPIES = ("申请人联", "存根联")
REPRINT_MARK = "补打"
MATERIAL_COLUMNS = (0.065, 0.395, 0.16, 0.07, 0.31)


def render_document(
    kind: DocumentKind,
    case: CaseDetail,
    center: CenterSettings,
    *,
    reprint: bool = False,
    printed_at: dt.datetime | None = None,
) -> bytes:
    """The PDF of ``kind`` for ``case``; ``reprint`` marks every page 补打. It is issued by the
    body the case names (``IssuingService.with_issuer`` names one for a case from before
    issuing bodies), else by the township government."""
    fonts.register_fonts()
    paper = paper_for(center.paper_size)
    styles = make_styles(paper)
    if case.issuing_body and kind is not DocumentKind.REFERRAL_LETTER:
        issuer = Issuer(case.issuing_body, case.issuing_seal or case.issuing_body)
    else:
        # The 初审 is the township's own: its letter to the county body is the government's,
        # whoever decides the item in the end.
        issuer = Issuer(center.government, center.seal)
    entrusted_to = (
        center.center_name
        if is_entrusted(case.power_source) and kind is not DocumentKind.REFERRAL_LETTER
        else ""
    )
    frame = PageFrame(
        issuer=issuer.name,
        title=_title(kind, issuer),
        number=case.number,
        footer=_footer(kind, center),
        marks=(REPRINT_MARK,) if reprint else (),
    )
    layout = DocumentLayout(frame, paper, styles)
    write_body = _BODIES[kind]

    def body() -> list[Flowable]:
        composer = Composer(
            paper, styles, layout.body_width, issuer=issuer, entrusted_to=entrusted_to
        )
        flowables = _seal_with_text(write_body(composer, case, center), layout.body_width, paper)
        last = len(flowables)
        if kind is DocumentKind.RECEIPT and case.unofficial_due_years:
            # DOMAIN.md: a year without official data is flagged, never silently guessed:
            # its statutory holidays are counted, its 调休 are not known yet.
            years = "、".join(f"{year}年" for year in case.unofficial_due_years)
            flowables.append(
                composer.small(
                    f"注：{years}的放假调休安排尚未公布。承诺办结日期已按《全国年节及纪念日"
                    "放假办法》规定的法定节假日和周末推算，未含调休；如公布的调休安排使期间内"
                    "休息日增加，办结日期相应顺延。"
                )
            )
        if reprint and printed_at is not None:
            flowables.append(
                composer.small(f"本件为补打件，补打时间：{chinese_datetime(printed_at)}")
            )
        note = composer.rare_character_note(center.center_name)
        if note is not None:
            flowables.append(note)
        if len(flowables) > last:  # the notes never go alone to a page of their own
            block, *notes = flowables[last - 1 :]
            # (a KeepTogether inside another reports an endless height: flatten it)
            kept = block._content if isinstance(block, KeepTogether) else [block]
            flowables[last - 1 :] = [KeepTogether([*kept, *notes])]
        return flowables

    copies = TWO_PART_COPIES if center.two_part else ("",)
    return layout.build(
        copies,
        body,
        title=f"{kind.label} {case.number}",
        author=issuer.name,
        subject=case.number,
    )


# --- what the documents share ---------------------------------------------------------------
def _seal_with_text(flowables: list[Flowable], width: float, paper: Paper) -> list[Flowable]:
    """The seal never stands alone on a page (GB/T 9704-2012 7.3.5): the block before it goes
    along, unless that block is long (a long materials table would leave a page half empty;
    it splits and its last rows stay with the seal anyway)."""
    if len(flowables) < 2 or isinstance(flowables[-1], KeepTogether):
        return flowables  # (the completion notice keeps its own tail together)
    _, height = flowables[-2].wrap(width, paper.size[1])
    if height > paper.size[1] / 4:
        return flowables
    return [*flowables[:-2], KeepTogether(flowables[-2:])]


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
    """A 即办件 says 当场办结 only when it was (granted on the spot), never on a refusal."""
    if case.case_kind is CaseKind.INSTANT:
        done = case.decision is Decision.GRANTED
        return f"{case.case_kind.label}（当场办结）" if done else case.case_kind.label
    return f"{case.case_kind.label}（承诺{case.promised_days}个工作日）"


def _handling_fields(case: CaseDetail, center: CenterSettings) -> list[Field]:
    """Where and by whom the application was handled: the center is the place, not the body
    that decides (the header and the seal name that one)."""
    return [
        Field("受理地点", center.center_name),
        Field("受理窗口", case.window_name),
        Field("经办人", case.clerk_name),
        Field("咨询电话", center.phone),
    ]


def _we(composer: Composer) -> str:
    """How the issuer speaks of itself: a company is no administrative organ."""
    return "本单位" if is_company(composer.issuer.name) else "本机关"


def _sentence(text: str) -> str:
    """A clerk's reason, typed as a phrase (家庭人均收入高于当地低保标准), printed as a sentence."""
    text = text.strip()
    return text if not text or text.endswith(("。", "！", "？", "；", "：")) else text + "。"


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
    if material.state is MaterialState.MISSING:
        return "未收取（非必要）" if not material.required else "未收取"
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
    we = _we(composer)
    decision = (
        f"除下列容缺材料外，申请材料齐全、符合法定形式，{we}决定予以容缺受理。"
        if tolerated
        else f"申请材料齐全、符合法定形式，{we}决定予以受理。"
    )
    text = (
        f"你（单位）于{chinese_datetime(case.received_at)}提出的“{case.item_name}”申请，{decision}"
    )
    if case.case_kind is CaseKind.INSTANT:
        text += "本件为即办件，当场办结。"
    elif case.due_date is not None:
        text += (
            f"{we}承诺于{chinese_date(case.due_date)}前办结"
            "（按工作日计算，补正、特别程序所需时间不计算在内）。"
        )
    flowables = _opening(composer, case, text)
    fields = _applicant_fields(case) + _item_fields(case)
    fields += [
        Field("受理时间", chinese_datetime(case.received_at)),
        Field("承诺办结日期", chinese_date(case.due_date) if case.due_date else ""),
    ]
    flowables += _grid(composer, fields + _handling_fields(case, center))
    if case.materials:
        # Every material of the item, so the resident sees what was not handed in: an accepted
        # case lacks only optional ones (非必要, e.g. 委托书 when nobody files for them).
        flowables.append(composer.heading("申请材料收取情况"))
        flowables.append(
            composer.table(
                ("序号", "材料名称", "形式", "份数", "收取情况"),
                _material_rows(case.materials, _received_state),
                MATERIAL_COLUMNS,
            )
        )
    if tolerated:
        flowables.append(composer.small("请在承诺日期前补交容缺材料；补交时请携带本通知书。"))
    flowables.append(
        composer.signatures(("申请人（代办人）签收：", "签收日期："), case.received_at.date())
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
        flowables.append(composer.indented(_sentence(case.reason)))
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
        composer.signatures(("申请人（代办人）签收：", "签收日期："), case.received_at.date())
    )
    return flowables


def _ordinal(number: int) -> str:
    return "一二三四五六七八九十"[number - 1]


# --- 不予受理通知书 ----------------------------------------------------------------------------
def _refusal(composer: Composer, case: CaseDetail, center: CenterSettings) -> list[Flowable]:
    text = (
        f"你（单位）于{chinese_datetime(case.received_at)}提出的“{case.item_name}”申请，"
        f"经审查，{_we(composer)}决定不予受理。"
    )
    flowables = _opening(composer, case, text)
    flowables += _grid(composer, _applicant_fields(case) + _item_fields(case))
    sections = [("不予受理的理由", _sentence(case.reason or ""))]
    if case.legal_basis:
        sections.append(("法律依据", case.legal_basis))
    if case.competent_body:
        # 第32条(二): a matter outside our powers is refused with the body to apply to.
        sections.append(("有权受理的机关", f"请向{case.competent_body}申请办理。"))
    organ = not is_company(composer.issuer.name)
    sections.append(("申请人的权利", appeal_rights(center, "本通知书", organ=organ)))
    for number, (heading, text) in enumerate(sections, start=1):
        flowables.append(composer.heading(f"{_ordinal(number)}、{heading}"))
        flowables.append(composer.indented(text))
    flowables += _grid(composer, _handling_fields(case, center))
    flowables.append(
        composer.signatures(("申请人（代办人）签收：", "签收日期："), case.received_at.date())
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
        # No 送达时间: the notice reads as issued at 办结, reprinted after 送达 too (the
        # 送达回证 records the delivery), and so keeps its pickup slip on the same page.
        Field("办理结果", case.result_text or "", wide=True),
    ]
    flowables += _grid(composer, fields)
    # From 领取方式 to the slip's end the notice keeps together: when it does not fit, the
    # pickup slip moves with the seal and the text above it, never alone to a second page.
    tail: list[Flowable] = [composer.heading("领取方式")]
    tail.append(
        composer.indented(
            f"请携带本通知书和申请人有效身份证件（他人代领的，另携带代领人有效身份证件）"
            f"到{_where_to_go(center, case)}领取办理结果。"
        )
    )
    tail += _grid(
        composer, [Field("领取地点", center.address, wide=True), *_handling_fields(case, center)]
    )
    tail.append(composer.signatures((), completed.date()))
    tail += [
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
        composer.paragraph("本人已领取上述办理结果。"),
        composer.sign_lines(("领取人签名：", "领取日期：", "领取人证件号码："), columns=2),
    ]
    flowables.append(KeepTogether(tail))
    return flowables


# --- 不予行政许可决定书 (第38条) ---------------------------------------------------------------
def _denial(composer: Composer, case: CaseDetail, center: CenterSettings) -> list[Flowable]:
    decided = case.completed_at or case.received_at
    organ = not is_company(composer.issuer.name)
    outcome = "不予许可" if organ else "不予办理"
    text = (
        f"你（单位）于{chinese_datetime(case.received_at)}申请办理的“{case.item_name}”，"
        f"经审查，{_we(composer)}决定{outcome}。"
    )
    flowables = _opening(composer, case, text)
    fields = _applicant_fields(case, contact=False) + _item_fields(case)
    fields.append(Field("决定时间", chinese_datetime(decided)))
    flowables += _grid(composer, fields)
    sections = [(f"{outcome}的理由", _sentence(case.reason or ""))]
    if case.legal_basis:
        sections.append(("法律依据", case.legal_basis))
    sections.append(("申请人的权利", appeal_rights(center, "本决定书", organ=organ)))
    for number, (heading, body) in enumerate(sections, start=1):
        flowables.append(composer.heading(f"{_ordinal(number)}、{heading}"))
        flowables.append(composer.indented(body))
    flowables += _grid(composer, _handling_fields(case, center))
    flowables.append(composer.signatures(("申请人（代办人）签收：", "签收日期："), decided.date()))
    return flowables


def _title(kind: DocumentKind, issuer: Issuer) -> str:
    """The document's title; a company's denial is no 行政许可 decision, so it says 不予办理."""
    if kind is DocumentKind.DENIAL and is_company(issuer.name):
        return COMPANY_DENIAL_TITLE
    return kind.label


COMPANY_DENIAL_TITLE = "不予办理决定书"


def appeal_rights(center: CenterSettings, document: str, *, organ: bool = True) -> str:
    """行政复议 within 60 days at the named 复议机关, or 行政诉讼 within 6 months at the named
    court (行政复议法 2023 第20条, 行政诉讼法 第46条); counted from receipt of ``document``.
    A company's refusal (not ``organ``) is no administrative act: the resident objects to it,
    complains to its regulator or sues it."""
    if not organ:
        return (
            "如对本决定有异议，可以向本单位提出，也可以依法向有关主管部门投诉，"
            "或者向人民法院提起诉讼。"
        )
    review = center.appeal_review_body
    court = center.appeal_court
    return (
        f"如对本决定不服，可以自收到{document}之日起六十日内"
        f"{f'向{review}' if review else '依法'}申请行政复议，"
        f"或者自收到{document}之日起六个月内"
        f"{f'向{court}' if court else '依法向人民法院'}提起行政诉讼。"
    )


# --- 补正材料通知书 ----------------------------------------------------------------------------
def _pause(case: CaseDetail, kind: PauseKind) -> PauseInfo:
    pause = case.last_pause(kind)
    if pause is None:
        raise ValueError(f"case {case.number} has had no {kind.value} pause")
    return pause


def _correction_notice(
    composer: Composer, case: CaseDetail, center: CenterSettings
) -> list[Flowable]:
    pause = _pause(case, PauseKind.CORRECTION)
    text = (
        f"你（单位）于{chinese_datetime(case.received_at)}提出的“{case.item_name}”申请已受理。"
        "经审查，申请材料需要补正。依照《中华人民共和国行政许可法》第三十二条的规定，"
        "现将需要补正的全部内容一次性告知如下："
    )
    flowables = _opening(composer, case, text)
    fields = _applicant_fields(case, contact=False) + _item_fields(case)
    fields += [
        Field("受理时间", chinese_datetime(case.received_at)),
        Field("告知日期", chinese_date(pause.started_on)),
    ]
    flowables += _grid(composer, fields)
    items = [line.strip() for line in pause.reason.splitlines() if line.strip()]
    sections: list[tuple[str, Flowable]] = [
        (
            "需补正的材料和内容",
            composer.table(
                ("序号", "需补正的材料和内容"),
                [[str(index), line] for index, line in enumerate(items, start=1)],
                (0.08, 0.92),
            ),
        )
    ]
    if pause.expected_end is not None:  # (a 补正 recorded before deadlines were kept has none)
        sections.append(
            (
                "补正期限",
                composer.indented(f"请于{chinese_date(pause.expected_end)}前补正上述材料和内容。"),
            )
        )
    sections += [
        (
            "办理期限的计算",
            composer.indented(
                f"自{chinese_date(pause.started_on)}起，补正期间暂停计算办理期限，"
                "补正所需时间不计入承诺办结时限和法定办结时限；"
                "自收到全部补正材料的次日起继续计算，新的办结日期届时告知。"
            ),
        ),
        (
            "补正材料的提交",
            composer.indented(f"请携带本通知书和补正材料到{_where_to_go(center, case)}提交。"),
        ),
    ]
    for number, (title, block) in enumerate(sections, start=1):
        flowables += [composer.heading(f"{_ordinal(number)}、{title}"), block]
    flowables += _grid(
        composer,
        [Field("提交地点", center.address, wide=True), *_handling_fields(case, center)],
    )
    flowables.append(
        composer.signatures(("申请人（代办人）签收：", "签收日期："), pause.started_on)
    )
    return flowables


# --- 特别程序告知书 ----------------------------------------------------------------------------
def _special_notice(composer: Composer, case: CaseDetail, center: CenterSettings) -> list[Flowable]:
    pause = _pause(case, PauseKind.SPECIAL)
    procedure = pause.procedure.label if pause.procedure is not None else "特别程序"
    text = (
        f"你（单位）于{chinese_datetime(case.received_at)}提出的“{case.item_name}”申请已受理。"
        f"经审查，该申请需要进行{procedure}。依照《中华人民共和国行政许可法》第四十五条的规定，"
        "现将有关事项告知如下："
    )
    flowables = _opening(composer, case, text)
    flowables += _grid(composer, _applicant_fields(case, contact=False) + _item_fields(case))
    flowables.append(composer.heading("一、特别程序"))
    length = f"{pause.expected_days}个工作日" if pause.expected_days else ""
    flowables += _grid(
        composer,
        [
            Field("程序种类", procedure),
            Field("开始日期", chinese_date(pause.started_on)),
            Field("预计用时", length),
            Field("预计结束日期", chinese_date(pause.expected_end) if pause.expected_end else ""),
            Field("事由", pause.reason, wide=True),
        ],
    )
    flowables.append(composer.heading("二、办理期限的计算"))
    flowables.append(
        composer.indented(
            f"{procedure}所需时间不计算在办理期限内。自{chinese_date(pause.started_on)}起暂停计算"
            "办理期限，程序结束的次日起继续计算；实际用时与预计不同的，以实际用时为准，"
            "新的办结日期届时告知。"
        )
    )
    flowables += _grid(composer, _handling_fields(case, center))
    flowables.append(
        composer.signatures(("申请人（代办人）签收：", "签收日期："), pause.started_on)
    )
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
        f"因{extension.reason.rstrip('。')}，在法定期限内不能作出决定。经{_we(composer)}负责人批准，"
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
        Field("批准", f"经{_we(composer)}负责人批准", wide=True),
    ]
    flowables += _grid(composer, fields)
    flowables.append(composer.heading("一、延长期限的理由"))
    flowables.append(composer.indented(_sentence(extension.reason)))
    flowables.append(composer.heading("二、法律依据"))
    flowables.append(composer.indented(ARTICLE_42))
    flowables.append(
        composer.small(
            "办理期限按工作日计算；补正材料、听证、检验、检测、鉴定、专家评审等所需时间"
            "不计算在办理期限内，办结日期相应顺延。"
        )
    )
    flowables += _grid(composer, _handling_fields(case, center))
    flowables.append(composer.signatures(("申请人（代办人）签收：", "签收日期："), decided))
    return flowables


# --- 送达回证 ---------------------------------------------------------------------------------
def served_document(case: CaseDetail) -> str:
    """The title of the decision a 送达回证 serves."""
    if case.status is CaseStatus.REFUSED:
        return DocumentKind.REFUSAL.label
    if case.decision is Decision.DENIED:
        return DocumentKind.DENIAL.label
    result = f"及办理结果（{case.result_text}）" if case.result_text else ""
    return DocumentKind.COMPLETION.label + result


def _delivery_remark(case: CaseDetail) -> str:
    """What the clerk noted on 送达, after the method the event's note begins with."""
    event = next((e for e in reversed(case.events) if e.action is CaseAction.DELIVER), None)
    if event is None:
        return ""
    method = case.delivery_method.label if case.delivery_method else ""
    remark = event.note.removeprefix(method).removeprefix("：")
    collector = case.journey.delivered_to if case.journey is not None else None
    if collector:  # printed in its own field
        remark = remark.removeprefix(f"领取人：{collector}").removeprefix("；")
    return remark


def _collector(case: CaseDetail) -> str:
    """Who collected the result, as recorded at 出件 ("" before it, or when not recorded)."""
    collector = case.journey.delivered_to if case.journey is not None else None
    if not collector:
        return ""
    if collector == case.applicant.name:
        return f"{collector}（申请人本人）"
    return f"{collector}（代为领取）"


def _service_receipt(
    composer: Composer, case: CaseDetail, center: CenterSettings
) -> list[Flowable]:
    chosen = case.delivery_method
    methods = "　".join(
        ("■" if method is chosen else "□") + method.label for method in DeliveryMethod
    )
    recipient = case.applicant.name
    if case.agent_name:
        recipient += f"（代办人：{case.agent_name}）"
    served = case.delivered_at
    flowables: list[Flowable] = [
        *_grid(
            composer,
            [
                Field("送达文书", served_document(case), wide=True),
                Field("文书编号", case.number, wide=True),
                Field("事项名称", case.item_name, wide=True),
                Field("受送达人", recipient, wide=True),
                Field("联系电话", mask_phone(case.applicant.phone) if case.applicant.phone else ""),
                Field("送达地址", case.applicant.address, wide=True),
                Field("送达方式", methods, wide=True),
                Field("送达时间", chinese_datetime(served) if served else ""),
                Field("领取人", _collector(case)),
                Field("备注", _delivery_remark(case), wide=True),
            ],
        ),
        composer.sign_lines(
            (
                "受送达人签名（盖章）：",
                "签收日期：",
                "代收人签名：",
                "代收理由：",
                "送达人签名：",
                "送达日期：",
                "见证人签名：",
                "见证日期：",
            ),
            columns=2,
        ),
        composer.spacer(composer.paper.body_font * 0.5),
        composer.small(
            "说明：受送达人拒绝签收的，送达人应当在本回证上注明拒收事由和日期，"
            "由送达人、见证人签名。邮寄送达的，以回执上注明的收件日期为送达日期；"
            "电子送达的，以送达信息到达受送达人特定系统的日期为送达日期。"
        ),
    ]
    if case.status is CaseStatus.REFUSED:
        issued = case.received_at.date()
    else:
        issued = (case.completed_at or case.received_at).date()
    flowables.append(composer.signatures((), served.date() if served else issued))
    return flowables


# --- 转报函 (初审转报) -------------------------------------------------------------------------
def _referral_letter(
    composer: Composer, case: CaseDetail, center: CenterSettings
) -> list[Flowable]:
    journey = case.journey
    if journey is None or journey.sent_to_county_on is None:
        raise ValueError(f"case {case.number} was never sent to the county: no letter to print")
    sent = next((h for h in reversed(journey.handovers) if h.to_holder is Holder.COUNTY), None)
    body = journey.county_body or case.department
    we = _we(composer)
    text = (
        f"{case.applicant.name}于{chinese_datetime(case.received_at)}向{center.center_name}"
        f"申请办理“{case.item_name}”（办件编号{case.number}），{we}已依法受理并完成初审。"
        f"现将初审意见和申请材料一并报送你单位，请依法审查并作出决定，"
        f"并将决定结果及时反馈{we}，以便按时向申请人送达。"
    )
    flowables: list[Flowable] = [composer.paragraph(f"{body}："), composer.indented(text)]
    fields = _applicant_fields(case, contact=False) + _item_fields(case)
    fields += [
        Field("受理日期", chinese_date(case.received_at.date())),
        Field("转报日期", chinese_date(journey.sent_to_county_on)),
        Field("初审时限", chinese_date(journey.review_due_date) if journey.review_due_date else ""),
        Field("承诺办结日期", chinese_date(case.due_date) if case.due_date else ""),
    ]
    flowables += _grid(composer, fields)
    flowables.append(composer.heading("一、初审意见"))
    flowables.append(composer.indented(_sentence(journey.review_opinion or "")))
    papers = sent.papers if sent is not None else ()
    flowables.append(composer.heading(f"二、报送材料（共{len(papers)}项）"))
    by_name = {m.name: m for m in case.materials}
    rows = []
    for index, paper in enumerate(papers, start=1):
        material = by_name.get(paper)
        form = material.form.label if material is not None else ""
        copies = f"{material.copies}份" if material is not None else ""
        rows.append([str(index), paper, form, copies, ""])
    flowables.append(
        composer.table(("序号", "材料名称", "形式", "份数", "接收核对"), rows, MATERIAL_COLUMNS)
    )
    flowables.append(composer.heading("三、联系方式"))
    flowables += _grid(
        composer,
        [
            Field("经办人", sent.given_by if sent is not None else case.clerk_name),
            Field("联系电话", center.phone),
            Field("联系地址", center.address, wide=True),
        ],
    )
    flowables.append(
        composer.small(
            "材料移交时请接收人逐项核对并在下方签收；本函一式两份，"
            f"一份随材料报送，一份经签收后由{center.center_name}留存。"
        )
    )
    flowables.append(
        composer.signatures(
            ("移交人签名：", "移交日期：", "接收人签名：", "接收日期："),
            journey.sent_to_county_on,
        )
    )
    return flowables


# --- 物料流转凭证 -----------------------------------------------------------------------------
PAPER_COLUMNS = (0.08, 0.5, 0.17, 0.1, 0.15)


def _holder_text(holder: Holder, desk: str) -> str:
    return desk or holder.label


def _paper_rows(case: CaseDetail, papers: tuple[str, ...]) -> list[list[str]]:
    """The papers as listed at the hand-over, with their form and copies where the case's
    materials name them (a result document has neither)."""
    materials = {material.name: material for material in case.materials}
    rows = []
    for index, paper in enumerate(papers, start=1):
        material = materials.get(paper)
        form = material.form.label if material is not None else ""
        copies = f"{material.copies}份" if material is not None else ""
        rows.append([str(index), paper, form, copies, "□"])
    return rows


def _transfer_voucher(
    composer: Composer, case: CaseDetail, center: CenterSettings
) -> list[Flowable]:
    """The papers of the case's latest hand-over (移交), counted out by the giver and the taker
    together and signed by both: the center's own record, no decision of the body, so it
    carries no seal."""
    journey = case.journey
    if journey is None or not journey.handovers:
        raise ValueError("a transfer voucher needs a hand-over")  # printable.kinds_for
    handover = journey.handovers[-1]
    applicant = case.applicant
    fields = [
        Field("办件编号", case.number, wide=True),
        Field("事项名称", case.item_name, wide=True),
        Field("申请人", applicant.name),
        Field("证件号码", _id_text(applicant.id_type, applicant.id_number)),
        Field("受理时间", chinese_datetime(case.received_at)),
        Field("承诺办结日期", chinese_date(case.due_date) if case.due_date else ""),
        Field("移出", _holder_text(handover.from_holder, handover.from_desk)),
        Field("移入", _holder_text(handover.to_holder, handover.to_desk)),
        Field("移交时间", chinese_datetime(handover.at)),
        Field("移交人", handover.given_by),
        Field("接收人", handover.taken_by),
        Field("受理地点", center.center_name),
    ]
    if handover.note:
        fields.append(Field("说明", handover.note, wide=True))
    flowables: list[Flowable] = [
        composer.paragraph(
            f"下列材料于{chinese_datetime(handover.at)}由"
            f"{_holder_text(handover.from_holder, handover.from_desk)}移交"
            f"{_holder_text(handover.to_holder, handover.to_desk)}，双方当面清点无误后签字。"
        ),
        *_grid(composer, fields),
        composer.heading("移交材料"),
        composer.table(
            ("序号", "材料名称", "形式", "份数", "核对"),
            _paper_rows(case, handover.papers) or [["", "（无）", "", "", ""]],
            PAPER_COLUMNS,
        ),
        KeepTogether(
            [
                composer.spacer(composer.paper.body_font),
                composer.sign_lines(
                    ("移交人签字：", "移交日期：", "接收人签字：", "接收日期："), columns=2
                ),
                composer.spacer(composer.paper.body_font * 0.5),
                composer.small(
                    "本凭证为办件材料在窗口与后台之间流转的记录，由移交方和接收方各留存一份。"
                ),
            ]
        ),
    ]
    return flowables


_BODIES: dict[DocumentKind, Callable[[Composer, CaseDetail, CenterSettings], list[Flowable]]] = {
    DocumentKind.RECEIPT: _receipt,
    DocumentKind.NOTICE: _notice,
    DocumentKind.REFUSAL: _refusal,
    DocumentKind.COMPLETION: _completion,
    DocumentKind.DENIAL: _denial,
    DocumentKind.CORRECTION_NOTICE: _correction_notice,
    DocumentKind.SPECIAL_NOTICE: _special_notice,
    DocumentKind.SERVICE_RECEIPT: _service_receipt,
    DocumentKind.EXTENSION_NOTICE: _extension_notice,
    DocumentKind.REFERRAL_LETTER: _referral_letter,
    DocumentKind.TRANSFER_VOUCHER: _transfer_voucher,
}


def _footer(kind: DocumentKind, center: CenterSettings) -> str:
    """The settings' receipt footer speaks of collecting the result: it belongs on the receipt
    and the completion notice only. A notice or a refusal carries the center's contact."""
    if kind in (DocumentKind.RECEIPT, DocumentKind.COMPLETION):
        return center.receipt_footer
    contact = [center.center_name]
    if center.phone:  # before the address, which is the part to wrap
        contact.append(f"咨询电话：{center.phone}")
    if center.address:
        contact.append(f"地址：{center.address}")
    return "　".join(contact)
