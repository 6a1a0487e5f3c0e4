"""The papers a village service point prints: the 代办材料交接单 that goes with a trip's papers to
the township (both sides sign it), and the 预登记回执 the resident keeps.

Both are headed by the point, not by a deciding body, and carry no seal: the point takes
papers in, it decides nothing. The 回执 says so in as many words, and prints neither a case
number nor a promised date (those come with the township's 受理通知书). Personal data is
masked as on every printed document.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Table, TableStyle

from townclerk.formats.pdf import fonts
from townclerk.formats.pdf.blocks import TABLE_FONT, Composer, Field, chinese_datetime
from townclerk.formats.pdf.layout import DocumentLayout, PageFrame, make_styles, paper_for
from townclerk.formats.pdf.notices import shown_id
from townclerk.records.center import CenterSettings
from townclerk.records.issuing import Issuer
from townclerk.records.villages import PreRegistrationInfo, TransferListInfo
from townclerk.validation import mask_phone

TRANSFER_TITLE = "代办材料交接单"
RECEIPT_TITLE = "预登记回执"
REPRINT_MARK = "补打"
# Said on every 回执, and checked by the tests: the paper is no acceptance.
NOT_AN_ACCEPTANCE = (
    "本回执仅证明代办员已收取材料，不是受理通知书；受理与否以镇为民服务中心出具的受理通知书为准。"
)
TRANSFER_COLUMNS = (0.065, 0.255, 0.19, 0.37, 0.12)
MATERIAL_COLUMNS = (0.08, 0.5, 0.16, 0.08, 0.18)


def render_transfer_list(
    trip: TransferListInfo,
    center: CenterSettings,
    *,
    reprint: bool = False,
    printed_at: dt.datetime | None = None,
) -> bytes:
    """The 交接单 of ``trip``: its lines with their papers, the totals, both signatures."""

    def body(composer: Composer) -> list[Flowable]:
        flowables: list[Flowable] = [
            composer.paragraph(
                f"{trip.point_name}代办员{trip.carrier}于{chinese_datetime(trip.created_at)}"
                f"将下列{len(trip.entries)}件预登记申请的材料移交{center.center_name}。"
                "接收人请逐件核对材料，在“接收情况”栏注明，并在下方签字。"
            ),
        ]
        grid = composer.fields(
            [
                Field("服务点", f"{trip.point_name}（{trip.point_code}）"),
                Field("服务点电话", trip.point_phone),
                Field("移交人（代办员）", trip.carrier),
                Field("移交时间", chinese_datetime(trip.created_at)),
                Field("接收单位", center.center_name, wide=True),
            ]
        )
        if grid is not None:
            flowables.append(grid)
        flowables.append(composer.spacer(2 * mm))
        rows = [
            (
                str(entry.seq),
                "\n".join(
                    part
                    for part in (
                        entry.reference,
                        entry.applicant_name,
                        shown_id(entry.applicant_id_type, entry.applicant_id_number)
                        if entry.applicant_id_type is not None
                        else "",
                    )
                    if part
                ),
                entry.item_name,
                "\n".join(entry.papers) or "（无）",
                "□接收\n□告知\n□未收到",
            )
            for entry in trip.entries
        ]
        flowables.append(
            composer.table(
                ("序号", "预登记号、申请人", "事项", "材料（形式×份数）", "接收情况"),
                rows,
                TRANSFER_COLUMNS,
            )
        )
        flowables.append(
            composer.paragraph(f"合计：{len(trip.entries)}件，材料{trip.paper_count}项。")
        )
        flowables.append(
            KeepTogether(
                [
                    composer.spacer(4 * mm),
                    composer.sign_lines(
                        (
                            "移交人（代办员）：",
                            "移交日期：",
                            "接收人（镇为民服务中心）：",
                            "接收日期：",
                        ),
                        columns=2,
                    ),
                ]
            )
        )
        return flowables

    return _render(
        issuer=trip.point_name,
        title=TRANSFER_TITLE,
        number=trip.number,
        footer=_footer(center, trip.point_name, trip.point_phone),
        body=body,
        center=center,
        reprint=reprint,
        printed_at=printed_at,
        subject=trip.number,
    )


def render_pre_registration_receipt(
    pre: PreRegistrationInfo,
    center: CenterSettings,
    *,
    reprint: bool = False,
    printed_at: dt.datetime | None = None,
) -> bytes:
    """The 预登记回执 of ``pre`` for the resident: what the agent took, and that it is no
    acceptance."""

    def body(composer: Composer) -> list[Flowable]:
        flowables: list[Flowable] = [
            composer.paragraph(
                f"{pre.applicant_name}：您于{chinese_datetime(pre.registered_at)}在"
                f"{pre.point_name}申请代办“{pre.item_name}”。代办员已收取下列材料，"
                f"将送交{center.center_name}。"
            ),
            _boxed(composer, NOT_AN_ACCEPTANCE),
        ]
        grid = composer.fields(
            [
                Field("预登记号", pre.reference),
                Field("登记时间", chinese_datetime(pre.registered_at)),
                Field("申请人", pre.applicant_name),
                Field("证件号码", shown_id(pre.applicant_id_type, pre.applicant_id_number)),
                Field("联系电话", mask_phone(pre.applicant_phone) if pre.applicant_phone else ""),
                Field("代办员", pre.agent_name),
                Field("申请事项", pre.item_name, wide=True),
                Field("服务点", pre.point_name),
                Field("服务点电话", pre.point_phone),
            ]
        )
        if grid is not None:
            flowables.append(grid)
        if pre.materials:
            flowables.append(composer.heading("材料收取情况"))
            flowables.append(
                composer.table(
                    ("序号", "材料名称", "形式", "份数", "收取情况"),
                    [
                        (
                            str(number),
                            material.name,
                            material.form.label,
                            str(material.copies),
                            "已收取" if material.received else "未收取",
                        )
                        for number, material in enumerate(pre.materials, start=1)
                    ],
                    MATERIAL_COLUMNS,
                )
            )
        missing = [m.name for m in pre.materials if not m.received]
        if missing:
            flowables.append(
                composer.small(
                    f"未收取的材料（{'、'.join(missing)}）如属必需，请尽快交给代办员，"
                    "以免影响办理。"
                )
            )
        flowables.append(
            composer.small(
                "镇为民服务中心收到材料后，将出具受理通知书（载明办件编号和承诺办结日期），"
                "或一次性告知需要补充的材料，均由代办员转告您。请妥善保管本回执，"
                "查询进度请凭预登记号联系代办员或服务点。"
            )
        )
        flowables.append(
            KeepTogether(
                [
                    composer.spacer(3 * mm),
                    composer.sign_lines(
                        ("代办员签名：", "申请人签名：", "日期：", "日期："), columns=2
                    ),
                ]
            )
        )
        return flowables

    return _render(
        issuer=pre.point_name,
        title=RECEIPT_TITLE,
        number=pre.reference,
        footer=_footer(center, pre.point_name, pre.point_phone),
        body=body,
        center=center,
        reprint=reprint,
        printed_at=printed_at,
        subject=pre.reference,
    )


def _render(
    *,
    issuer: str,
    title: str,
    number: str,
    footer: str,
    body: Callable[[Composer], list[Flowable]],
    center: CenterSettings,
    reprint: bool,
    printed_at: dt.datetime | None,
    subject: str,
) -> bytes:
    fonts.register_fonts()
    paper = paper_for(center.paper_size)
    styles = make_styles(paper)
    frame = PageFrame(
        issuer=issuer,
        title=title,
        number=number,
        footer=footer,
        marks=(REPRINT_MARK,) if reprint else (),
    )
    layout = DocumentLayout(frame, paper, styles)

    def story() -> list[Flowable]:
        composer = Composer(paper, styles, layout.body_width, issuer=Issuer(issuer, issuer))
        flowables = body(composer)
        if reprint and printed_at is not None:
            flowables.append(
                composer.small(f"本件为补打件，补打时间：{chinese_datetime(printed_at)}")
            )
        note = composer.rare_character_note(issuer, footer)
        if note is not None:
            flowables.append(note)
        return flowables

    return layout.build(("",), story, title=f"{title} {number}", author=issuer, subject=subject)


def _footer(center: CenterSettings, point_name: str, point_phone: str) -> str:
    parts = [point_name]
    if point_phone:
        parts.append(f"电话：{point_phone}")
    parts.append(f"送交：{center.center_name}")
    return "　".join(parts)


def _boxed(composer: Composer, text: str) -> Table:
    """A sentence in a ruled box, so it is read."""
    return Table(
        [[composer.paragraph(text)]],
        colWidths=[composer.width],
        style=TableStyle(
            [
                TABLE_FONT,
                ("BOX", (0, 0), (-1, -1), 1, "#000000"),
                ("LEFTPADDING", (0, 0), (-1, -1), 6),
                ("RIGHTPADDING", (0, 0), (-1, -1), 6),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ]
        ),
        spaceBefore=2,
        spaceAfter=6,
    )
