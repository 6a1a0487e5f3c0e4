"""``case list`` and ``case show``."""

from __future__ import annotations

import argparse
import datetime as dt

from townclerk.cli.context import CliContext, add_user_option
from townclerk.enums import CaseStatus, Holder, MaterialState
from townclerk.errors import UserError
from townclerk.i18n import t
from townclerk.records.cases import CaseDetail, CaseQuery
from townclerk.services.cases import CaseService

PAGE = 1000


def parse_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(t("日期格式应为 YYYY-MM-DD：{text}", text=text)) from None


def parse_status(text: str) -> CaseStatus:
    try:
        return CaseStatus(text)
    except ValueError:
        try:
            return CaseStatus.from_label(text)  # type: ignore[return-value]
        except ValueError:
            choices = t("、").join(f"{s.value}（{s.label}）" for s in CaseStatus)
            raise argparse.ArgumentTypeError(
                t("未知状态 {text}；可选：{choices}", text=text, choices=choices)
            ) from None


def parse_holder(text: str) -> Holder:
    """``--holder``: window, desk, county or village (or the Chinese name)."""
    for holder in Holder:
        if text.strip() in (holder.value, holder.label):
            return holder
    choices = t("、").join(f"{h.value}（{t(h.label)}）" for h in Holder)
    raise UserError(t("未知去向 {text}；可选：{choices}", text=text, choices=choices))


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    case = subparsers.add_parser("case", help=t("查询办件"))
    commands = case.add_subparsers(dest="case_command", metavar="ACTION", required=True)
    listing = commands.add_parser("list", help=t("列出办件：编号<TAB>状态<TAB>事项名称"))
    listing.add_argument("--date", type=parse_date, help=t("受理日期 YYYY-MM-DD"))
    listing.add_argument("--status", type=parse_status, help=t("状态，如 accepted 或 在办"))
    listing.add_argument(
        "--holder",
        metavar="|".join(holder.value for holder in Holder),
        help=t("材料现在何处（综合窗口、后台审批、县级部门、村便民服务点）"),
    )
    add_user_option(listing)
    listing.set_defaults(handler=run_list)
    show = commands.add_parser(
        "show", help=t("显示办件及其全部记录（证件号码和电话已遮蔽，除非使用 --full）")
    )
    show.add_argument("number", help=t("办件编号"))
    show.add_argument(
        "--full",
        action="store_true",
        help=t("显示完整的证件号码和电话（仅中心负责人或办理该件的经办人，记入审计日志）"),
    )
    add_user_option(show)
    show.set_defaults(handler=run_show)
    # 初审转报 and 出件 live in their own module, which reads this one's date type.
    from townclerk.cli import county

    county.register(commands)


def run_list(args: argparse.Namespace, context: CliContext) -> int:
    actor = context.login(args.user)
    service = CaseService(context.database())
    query = CaseQuery(
        received_from=args.date,
        received_to=args.date,
        statuses=(args.status,) if args.status else (),
        holder=parse_holder(args.holder) if args.holder is not None else None,
    )
    before = None
    while True:
        rows = service.list_cases(actor, query, before_id=before, limit=PAGE)
        for row in rows:
            print(f"{row.number}\t{row.status.value}\t{row.item_name}")
        if len(rows) < PAGE:
            return 0
        before = rows[-1].id


def format_case(case: CaseDetail) -> str:
    """The case and its history as ``case show`` prints it, in the current language."""
    lines = [
        t("办件编号：{number}", number=case.number),
        t("状态：{status}（{value}）", status=t(case.status.label), value=case.status.value),
        t("事项：{name}（{code}）", name=case.item_name, code=case.item_code),
        t("实施部门：{department}", department=case.department),
        t(
            "办件类型：{kind}；法定{statutory}个工作日，承诺{promised}个工作日",
            kind=t(case.case_kind.label),
            statutory=case.statutory_days,
            promised=case.promised_days,
        ),
        t(
            "申请人：{name}（{id_type} {id_number}）",
            name=case.applicant.name,
            id_type=t(case.applicant.id_type.label),
            id_number=case.applicant.id_number,
        ),
    ]
    if case.agent_name:
        lines.append(
            t("代办人：{name}（{id_number}）", name=case.agent_name, id_number=case.agent_id_number)
        )
    lines += [
        t(
            "渠道：{channel}；窗口：{window}；经办人：{clerk}",
            channel=t(case.channel.label),
            window=case.window_name or "—",
            clerk=case.clerk_name,
        ),
        t("登记时间：{at:%Y-%m-%d %H:%M:%S}", at=case.received_at),
    ]
    if case.due_date:
        lines.append(t("承诺办结日期：{due:%Y-%m-%d}", due=case.due_date))
    lines += _county_lines(case)
    if case.resubmits:
        lines.append(t("补齐后受理：补齐一次性告知 {number}", number=case.resubmits))
    if case.resubmitted_as:
        lines.append(t("补齐后受理：已由办件 {number} 补齐受理", number=case.resubmitted_as))
    lines += _statutory_lines(case)
    if case.reason:
        lines.append(t("理由/说明：{reason}", reason=case.reason))
    if case.legal_basis:
        lines.append(t("法律依据：{basis}", basis=case.legal_basis))
    if case.competent_body:
        lines.append(t("有权受理的机关：{body}", body=case.competent_body))
    if case.issuing_body:
        lines.append(
            t("发文机关：{body}（印章：{seal}）", body=case.issuing_body, seal=case.issuing_seal)
        )
    if case.decision:
        lines.append(
            t(
                "办结：{decision}，{result}（用时{days}个工作日）",
                decision=t(case.decision.label),
                result=case.result_text,
                days=case.days_used,
            )
        )
    if case.evaluation:
        lines.append(t("评价：{evaluation}", evaluation=t(case.evaluation.label)))
    lines += _journey_lines(case)
    if case.materials:
        lines.append(t("材料："))
        for material in case.materials:
            promise = ""
            if material.promised_date is not None:
                promise = (
                    t("，承诺{date:%Y-%m-%d}前补交", date=material.promised_date)
                    if material.state is MaterialState.TOLERATED
                    else t("，容缺受理后补交")
                )
            lines.append(
                t(
                    "  {seq}. {name}（{form}{copies}份）：{state}{promise}",
                    seq=material.seq,
                    name=material.name,
                    form=t(material.form.label),
                    copies=material.copies,
                    state=t(material.state.label),
                    promise=promise,
                )
            )
    lines.append(t("记录："))
    for event in case.events:
        change = ""
        if event.to_status is not None:
            before = t(event.from_status.label) if event.from_status else "—"
            change = f" [{before} → {t(event.to_status.label)}]"
        document = event.printed_document
        shown = t(document.label) if document is not None else event.note
        note = t("：{note}", note=shown) if shown else ""
        action = t(event.action.label)
        lines.append(f"  {event.at:%Y-%m-%d %H:%M:%S} {event.user_name} {action}{change}{note}")
    return "\n".join(lines)


def _county_lines(case: CaseDetail) -> list[str]:
    """初审转报: the township's own 初审 date beside the promised one, what went to the county
    and what came back; who collected the result."""
    journey = case.journey
    if journey is None:
        return []
    lines = []
    if journey.review_due_date is not None:
        lines.append(
            t("初审时限：{due:%Y-%m-%d}（镇级初审后报县级部门决定）", due=journey.review_due_date)
        )
    if journey.sent_to_county_on is not None:
        lines.append(
            t(
                "转报：{date:%Y-%m-%d} 报送{body}；初审意见：{opinion}",
                date=journey.sent_to_county_on,
                body=journey.county_body,
                opinion=journey.review_opinion,
            )
        )
    if journey.county_decided_on is not None:
        lines.append(t("县级决定日期：{date:%Y-%m-%d}", date=journey.county_decided_on))
    if journey.delivered_to:
        lines.append(t("领取人：{name}", name=journey.delivered_to))
    return lines


def _journey_lines(case: CaseDetail) -> list[str]:
    """Where the papers are, the licence's number, and every hand-over."""
    journey = case.journey
    if journey is None:
        return []
    since = f"{journey.holder_since:%Y-%m-%d %H:%M}" if journey.holder_since else "—"
    lines = [
        t(
            "办理方式：{routing}；材料现在：{holder}（自 {since}）",
            routing=t(journey.routing.label),
            holder=journey.desk_name or t(journey.holder.label),
            since=since,
        )
    ]
    if journey.result_number:
        valid = journey.result_valid_until
        lines.append(
            t("证照编号：{number}", number=journey.result_number)
            + (t("，有效期至{date:%Y-%m-%d}", date=valid) if valid else "")
        )
    if journey.handovers:
        lines.append(t("移交："))
    for handover in journey.handovers:
        source = handover.from_desk or t(handover.from_holder.label)
        target = handover.to_desk or t(handover.to_holder.label)
        line = t(
            "  {at:%Y-%m-%d %H:%M} {source} → {target}，移交人：{giver}",
            at=handover.at,
            source=source,
            target=target,
            giver=handover.given_by,
        )
        if handover.taken_by:
            line += t("，接收人：{taker}", taker=handover.taken_by)
        if handover.papers:
            line += t("；材料：{papers}", papers=t("、").join(handover.papers))
        if handover.note:
            line += t("；{note}", note=handover.note)
        lines.append(line)
    return lines


def _statutory_lines(case: CaseDetail) -> list[str]:
    """The statutory deadline beside the promised one, and the 延期 that moved it."""
    if case.statutory_due_date is None:
        return []
    lines = [
        t(
            "法定办结日期：{due:%Y-%m-%d}（法定时限{days}个工作日）",
            due=case.statutory_due_date,
            days=case.statutory_limit,
        )
    ]
    extension = case.extension
    if extension is not None:
        lines.append(
            t(
                "延期：{days}个工作日（法定{statutory}＋延期{days}），{approver}批准；理由：{reason}",
                days=extension.days,
                statutory=case.statutory_days,
                approver=extension.approved_by,
                reason=extension.reason,
            )
        )
    return lines


def run_show(args: argparse.Namespace, context: CliContext) -> int:
    actor = context.login(args.user)
    number = args.number.strip()
    if not number:
        raise UserError(t("请提供办件编号"))
    service = CaseService(context.database())
    shown = service.reveal(actor, number).case if args.full else service.get(actor, number).masked()
    print(format_case(shown))
    return 0
