"""``case list`` and ``case show``."""

from __future__ import annotations

import argparse
import datetime as dt

from townclerk.cli.context import CliContext, add_user_option
from townclerk.enums import CaseStatus
from townclerk.errors import UserError
from townclerk.services.case_records import CaseDetail, CaseQuery
from townclerk.services.cases import CaseService

PAGE = 1000


def parse_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"日期格式应为 YYYY-MM-DD：{text}") from None


def parse_status(text: str) -> CaseStatus:
    try:
        return CaseStatus(text)
    except ValueError:
        try:
            return CaseStatus.from_label(text)  # type: ignore[return-value]
        except ValueError:
            choices = "、".join(f"{s.value}（{s.label}）" for s in CaseStatus)
            raise argparse.ArgumentTypeError(f"未知状态 {text}；可选：{choices}") from None


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    case = subparsers.add_parser("case", help="查询办件")
    commands = case.add_subparsers(dest="case_command", metavar="ACTION", required=True)
    listing = commands.add_parser("list", help="列出办件：编号<TAB>状态<TAB>事项名称")
    listing.add_argument("--date", type=parse_date, help="受理日期 YYYY-MM-DD")
    listing.add_argument("--status", type=parse_status, help="状态，如 accepted 或 在办")
    add_user_option(listing)
    listing.set_defaults(handler=run_list)
    show = commands.add_parser("show", help="显示办件及其全部记录")
    show.add_argument("number", help="办件编号")
    add_user_option(show)
    show.set_defaults(handler=run_show)


def run_list(args: argparse.Namespace, context: CliContext) -> int:
    actor = context.login(args.user)
    service = CaseService(context.database())
    query = CaseQuery(
        received_from=args.date,
        received_to=args.date,
        statuses=(args.status,) if args.status else (),
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
    lines = [
        f"办件编号：{case.number}",
        f"状态：{case.status.label}（{case.status.value}）",
        f"事项：{case.item_name}（{case.item_code}）",
        f"实施部门：{case.department}",
        f"办件类型：{case.case_kind.label}；法定{case.statutory_days}个工作日，"
        f"承诺{case.promised_days}个工作日",
        f"申请人：{case.applicant.name}"
        f"（{case.applicant.id_type.label} {case.applicant.id_number}）",
    ]
    if case.agent_name:
        lines.append(f"代办人：{case.agent_name}（{case.agent_id_number}）")
    lines += [
        f"渠道：{case.channel.label}；窗口：{case.window_name or '—'}；经办人：{case.clerk_name}",
        f"登记时间：{case.received_at:%Y-%m-%d %H:%M:%S}",
    ]
    if case.due_date:
        lines.append(f"承诺办结日期：{case.due_date:%Y-%m-%d}")
    if case.reason:
        lines.append(f"理由/说明：{case.reason}")
    if case.decision:
        lines.append(
            f"办结：{case.decision.label}，{case.result_text}（用时{case.days_used}个工作日）"
        )
    if case.evaluation:
        lines.append(f"评价：{case.evaluation.label}")
    if case.materials:
        lines.append("材料：")
        for material in case.materials:
            promise = (
                f"，承诺{material.promised_date:%Y-%m-%d}前补交" if material.promised_date else ""
            )
            lines.append(
                f"  {material.seq}. {material.name}（{material.form.label}{material.copies}份）"
                f"：{material.state.label}{promise}"
            )
    lines.append("记录：")
    for event in case.events:
        change = ""
        if event.to_status is not None:
            before = event.from_status.label if event.from_status else "—"
            change = f" [{before} → {event.to_status.label}]"
        note = f"：{event.note}" if event.note else ""
        lines.append(
            f"  {event.at:%Y-%m-%d %H:%M:%S} {event.user_name} {event.action.label}{change}{note}"
        )
    return "\n".join(lines)


def run_show(args: argparse.Namespace, context: CliContext) -> int:
    actor = context.login(args.user)
    number = args.number.strip()
    if not number:
        raise UserError("请提供办件编号")
    print(format_case(CaseService(context.database()).get(actor, number)))
    return 0
