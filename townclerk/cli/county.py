"""``case send-to-county``, ``case county-decision``, ``case to-deliver`` and ``case deliver``:
the 初审转报 journey and 出件 from the command line (registered under ``case``)."""

from __future__ import annotations

import argparse

from townclerk.cli.cases import parse_date
from townclerk.cli.context import CliContext, add_user_option
from townclerk.enums import Decision, DeliveryMethod, DocumentKind
from townclerk.errors import UserError
from townclerk.i18n import t
from townclerk.services.cases import CaseService
from townclerk.services.county import CountyService
from townclerk.services.dispatch import DispatchService
from townclerk.services.printing import PrintService


def parse_method(text: str) -> DeliveryMethod:
    try:
        return DeliveryMethod(text)
    except ValueError:
        try:
            return DeliveryMethod.from_label(text)  # type: ignore[return-value]
        except ValueError:
            choices = t("、").join(f"{m.value}（{m.label}）" for m in DeliveryMethod)
            raise argparse.ArgumentTypeError(
                t("未知送达方式 {text}；可选：{choices}", text=text, choices=choices)
            ) from None


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    send = commands.add_parser(
        "send-to-county", help=t("初审转报：记录初审意见，把办件材料报送县级部门并打印转报函")
    )
    send.add_argument("number", help=t("办件编号"))
    send.add_argument("--opinion", required=True, help=t("初审意见"))
    send.add_argument("--body", default="", help=t("县级部门（默认为事项的原实施部门）"))
    add_user_option(send)
    send.set_defaults(handler=run_send)

    decision = commands.add_parser(
        "county-decision", help=t("登记县级部门的决定：办件办结并交回综合窗口待出件")
    )
    decision.add_argument("number", help=t("办件编号"))
    outcome = decision.add_mutually_exclusive_group(required=True)
    outcome.add_argument("--granted", action="store_true", help=t("准予"))
    outcome.add_argument("--denied", action="store_true", help=t("不予"))
    decision.add_argument("--date", required=True, type=parse_date, help=t("决定日期 YYYY-MM-DD"))
    decision.add_argument("--result", required=True, help=t("办理结果，如 取水许可证"))
    decision.add_argument("--reason", default="", help=t("不予许可的理由（不予时必填）"))
    decision.add_argument("--basis", default="", help=t("法律依据"))
    decision.add_argument("--number", dest="result_number", default="", help=t("证照（批文）编号"))
    decision.add_argument("--valid-until", type=parse_date, help=t("证照有效期至 YYYY-MM-DD"))
    add_user_option(decision)
    decision.set_defaults(handler=run_decision)

    waiting = commands.add_parser(
        "to-deliver", help=t("待出件：已办结、在综合窗口待领取的办件，决定早的在前")
    )
    add_user_option(waiting)
    waiting.set_defaults(handler=run_to_deliver)

    deliver = commands.add_parser("deliver", help=t("出件：记录送达方式和领取人，打印送达回证"))
    deliver.add_argument("number", help=t("办件编号"))
    deliver.add_argument(
        "--method",
        type=parse_method,
        default=DeliveryMethod.DIRECT,
        help=t("送达方式：direct、mail、electronic、agent（或中文名称）；默认直接送达"),
    )
    deliver.add_argument("--to", dest="recipient", required=True, help=t("领取人姓名"))
    deliver.add_argument("--note", default="", help=t("说明"))
    add_user_option(deliver)
    deliver.set_defaults(handler=run_deliver)


def _number(text: str) -> str:
    number = text.strip()
    if not number:
        raise UserError(t("请提供办件编号"))
    return number


def run_send(args: argparse.Namespace, context: CliContext) -> int:
    number = _number(args.number)
    actor = context.login(args.user)
    db = context.database()
    case = CountyService(db).send_to_county(actor, number, args.opinion, county_body=args.body)
    assert case.journey is not None
    print(
        t(
            "办件 {number} 已转报{body}（{date:%Y-%m-%d}）",
            number=case.number,
            body=case.journey.county_body,
            date=case.journey.sent_to_county_on,
        )
    )
    archived = PrintService(db).render(actor, case.number, DocumentKind.REFERRAL_LETTER).path
    print(
        t("已生成{kind}，归档于 {path}", kind=t(DocumentKind.REFERRAL_LETTER.label), path=archived)
    )
    return 0


def run_decision(args: argparse.Namespace, context: CliContext) -> int:
    number = _number(args.number)
    actor = context.login(args.user)
    case = CountyService(context.database()).record_county_decision(
        actor,
        number,
        Decision.GRANTED if args.granted else Decision.DENIED,
        args.date,
        args.result,
        reason=args.reason,
        legal_basis=args.basis,
        result_number=args.result_number,
        result_valid_until=args.valid_until,
    )
    print(
        t(
            "办件 {number} 县级决定已登记：{decision}，已交回综合窗口待出件",
            number=case.number,
            decision=t(case.decision.label) if case.decision else "",
        )
    )
    return 0


def run_to_deliver(args: argparse.Namespace, context: CliContext) -> int:
    actor = context.login(args.user)
    for row in DispatchService(context.database()).to_deliver(actor):
        decision = t(row.decision.label) if row.decision else ""
        print(
            f"{row.number}\t{row.completed_at:%Y-%m-%d}\t{decision}\t{row.applicant_name}"
            f"\t{row.item_name}\t{row.result_text}"
        )
    return 0


def run_deliver(args: argparse.Namespace, context: CliContext) -> int:
    number = _number(args.number)
    if not args.recipient.strip():
        raise UserError(t("请填写领取人"))
    actor = context.login(args.user)
    db = context.database()
    case = CaseService(db).deliver(
        actor, number, args.note, method=args.method, recipient=args.recipient
    )
    print(
        t(
            "办件 {number} 已出件：{method}，领取人 {recipient}",
            number=case.number,
            method=t(args.method.label),
            recipient=case.journey.delivered_to if case.journey else args.recipient,
        )
    )
    archived = PrintService(db).render(actor, case.number, DocumentKind.SERVICE_RECEIPT).path
    print(
        t("已生成{kind}，归档于 {path}", kind=t(DocumentKind.SERVICE_RECEIPT.label), path=archived)
    )
    return 0
