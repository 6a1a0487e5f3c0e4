"""``village arrivals``, ``village return POINT_CODE --carrier NAME [NUMBER ...]`` and
``village pickup NUMBER --by NAME``: the window's side of the village agents' trips.

:func:`add_commands` adds them to the ``village`` command group; :func:`register` makes that
group when no other module does.
"""

from __future__ import annotations

import argparse

from townclerk.cli.context import CliContext, add_user_option
from townclerk.errors import UserError
from townclerk.i18n import t
from townclerk.services.village_arrivals import VillageArrivalService
from townclerk.services.village_returns import VillageReturnService


def add_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    arrivals = commands.add_parser(
        "arrivals", help=t("列出待接件的交接单及其预登记（证件号码已遮蔽）")
    )
    add_user_option(arrivals)
    arrivals.set_defaults(handler=run_arrivals)
    back = commands.add_parser(
        "return", help=t("生成返还清单：将村便民服务点已办结的办件结果交代办员带回，并打印清单")
    )
    back.add_argument("point", metavar="POINT_CODE", help=t("村便民服务点编码"))
    back.add_argument("--carrier", required=True, metavar="NAME", help=t("携带人（代办员）姓名"))
    back.add_argument(
        "numbers", nargs="*", metavar="NUMBER", help=t("办件编号；不填则返还该点全部待返还办件")
    )
    add_user_option(back)
    back.set_defaults(handler=run_return)
    pickup = commands.add_parser("pickup", help=t("登记申请人在村便民服务点领取办理结果"))
    pickup.add_argument("number", metavar="NUMBER", help=t("办件编号"))
    pickup.add_argument("--by", required=True, metavar="NAME", help=t("领取人姓名"))
    add_user_option(pickup)
    pickup.set_defaults(handler=run_pickup)


def run_arrivals(args: argparse.Namespace, context: CliContext) -> int:
    actor = context.login(args.user)
    lists = VillageArrivalService(context.database()).incoming(actor)
    if not lists:
        print(t("没有待接件的交接单"))
    for arrived in lists:
        received = t("未签收")
        if arrived.received_at is not None:
            at = f"{arrived.received_at:%Y-%m-%d %H:%M}"
            received = t("{at} 由{name}签收", at=at, name=arrived.received_by)
        print(f"{arrived.number}\t{arrived.point_name}\t{arrived.carrier}\t{received}")
        for entry in arrived.entries:
            print(
                f"  {entry.reference}\t{t(entry.status.label)}\t{entry.applicant_name}"
                f"\t{entry.applicant_id_number}\t{entry.item_name}\t{entry.case_number or ''}"
            )
    return 0


def run_return(args: argparse.Namespace, context: CliContext) -> int:
    code = args.point.strip()
    actor = context.login(args.user)
    service = VillageReturnService(context.database())
    point = next((p for p in service.points(actor) if p.code == code), None)
    if point is None:
        raise UserError(t("村便民服务点 {code} 不存在或已停用", code=code))
    numbers = list(args.numbers) or [c.number for c in service.ready_for_point(actor, point.id)]
    if not numbers:
        raise UserError(t("{point}没有待返还的办件", point=point.name))
    returned = service.make_return_list(actor, point.id, numbers, args.carrier)
    print(
        t(
            "已生成返还清单 {number}：{count}件，携带人{carrier}",
            number=returned.number,
            count=len(returned.entries),
            carrier=returned.carrier,
        )
    )
    printed = service.print_return_list(actor, returned.number)
    print(t("已生成{kind}，归档于 {path}", kind=t("返还清单"), path=printed.path))
    return 0


def run_pickup(args: argparse.Namespace, context: CliContext) -> int:
    actor = context.login(args.user)
    picked = VillageReturnService(context.database()).record_pickup(actor, args.number, args.by)
    print(
        t(
            "办件 {number} 已由{name}在村便民服务点领取",
            number=picked.number,
            name=picked.picked_up_by,
        )
    )
    return 0
