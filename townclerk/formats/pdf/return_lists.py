"""The 返还清单: the results a village agent carries from the window to the village point, one
line per case with a column for the resident's signature when they collect it, and the
signatures of who handed the papers over and the agent who took them."""

from __future__ import annotations

import datetime as dt

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether

from townclerk.formats.pdf import fonts
from townclerk.formats.pdf.blocks import Composer, Field, chinese_date, chinese_datetime
from townclerk.formats.pdf.layout import DocumentLayout, PageFrame, make_styles, paper_for
from townclerk.records.center import CenterSettings
from townclerk.records.issuing import Issuer
from townclerk.records.village_returns import ReturnEntry, ReturnList

TITLE = "返还清单"
REPRINT_MARK = "补打"
# 序号, 办件编号 (and the village's reference), 申请人, 事项, 办理结果, 领取人签名及日期
_COLUMNS = (0.06, 0.28, 0.16, 0.17, 0.16, 0.17)


def render_return_list(
    returned: ReturnList,
    center: CenterSettings,
    *,
    reprint: bool = False,
    printed_at: dt.datetime | None = None,
) -> bytes:
    fonts.register_fonts()
    paper = paper_for(center.paper_size)
    styles = make_styles(paper)
    contact = [center.center_name]
    if center.phone:
        contact.append(f"咨询电话：{center.phone}")
    if center.address:
        contact.append(f"地址：{center.address}")
    frame = PageFrame(
        issuer=center.center_name,
        title=TITLE,
        number=returned.number,
        footer="　".join(contact),
        marks=(REPRINT_MARK,) if reprint else (),
    )
    layout = DocumentLayout(frame, paper, styles)
    issuer = Issuer(center.center_name, center.center_name)

    def body() -> list[Flowable]:
        composer = Composer(paper, styles, layout.body_width, issuer=issuer)
        flowables: list[Flowable] = []
        grid = composer.fields(
            [
                Field("村便民服务点", f"{returned.point_name}（{returned.point_code}）"),
                Field("件数", f"{len(returned.entries)}件"),
                Field("携带人（代办员）", returned.carrier),
                Field("制单人", returned.created_by),
                Field("制单时间", chinese_datetime(returned.created_at)),
            ]
        )
        if grid is not None:
            flowables += [grid, composer.spacer(3 * mm)]
        flowables.append(
            composer.table(
                ["序号", "办件编号", "申请人", "事项", "办理结果", "领取人签名及日期"],
                [_row(entry) for entry in returned.entries],
                _COLUMNS,
            )
        )
        flowables.append(composer.spacer(2 * mm))
        flowables.append(
            composer.small(
                "说明：代办员将办理结果带回村便民服务点，申请人（或其委托的人）凭本人身份证件"
                "领取，并在本清单上签名、注明领取日期。本清单一式两份，综合窗口与村便民服务点"
                "各执一份；全部领取后由代办员交回综合窗口存档。"
            )
        )
        tail: list[Flowable] = [
            composer.spacer(4 * mm),
            composer.sign_lines(
                ["移交人（综合窗口）：", "接收人（代办员）：", "移交日期：", "接收日期："],
                columns=2,
            ),
            composer.spacer(2 * mm),
            composer.small(f"制单日期：{chinese_date(returned.created_at.date())}"),
        ]
        if reprint and printed_at is not None:
            tail.append(composer.small(f"本件为补打件，补打时间：{chinese_datetime(printed_at)}"))
        note = composer.rare_character_note(center.center_name)
        if note is not None:
            tail.append(note)
        flowables.append(KeepTogether(tail))
        return flowables

    return layout.build(
        ("",),
        body,
        title=f"{TITLE} {returned.number}",
        author=center.center_name,
        subject=returned.number,
    )


def _row(entry: ReturnEntry) -> list[str]:
    applicant = f"{entry.applicant_name}\n{entry.applicant_id_number}"
    result = "\n".join(
        [*([entry.decision.label] if entry.decision is not None else []), *entry.papers]
    )
    signed = ""
    if entry.picked_up_by:
        signed = entry.picked_up_by
        if entry.picked_up_at is not None:
            signed += f"\n{entry.picked_up_at:%Y-%m-%d}"
    number = entry.case_number + (f"\n预登记 {entry.reference}" if entry.reference else "")
    return [str(entry.seq), number, applicant, entry.item_name, result, signed]
