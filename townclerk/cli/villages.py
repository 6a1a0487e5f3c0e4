"""``village list``, ``village add-point`` and ``village add-agent``: the village service points
(村级便民服务点) and their agents (代办员)."""

from __future__ import annotations

import argparse
import datetime as dt

from townclerk.cli import village_trips
from townclerk.cli.context import CliContext, add_user_option
from townclerk.errors import NotFound, UserError
from townclerk.i18n import t
from townclerk.records.villages import PointInput, VillageAgentInput, VillagePointInfo
from townclerk.services.access import Actor
from townclerk.services.settings import SettingsService
from townclerk.services.villages import VillageService
from townclerk.validation import mask_phone


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    village = subparsers.add_parser(
        "village", help=t("村便民服务点和代办员；代办件到达、结果返还与领取")
    )
    commands = village.add_subparsers(dest="village_command", metavar="ACTION", required=True)
    village_trips.add_commands(commands)  # the window's side: arrivals, return, pickup

    listing = commands.add_parser(
        "list", help=t("列出服务点：代码<TAB>名称<TAB>村（社区）<TAB>代办员（电话已隐藏中间四位）")
    )
    listing.add_argument(
        "--all", action="store_true", help=t("包括已停用的服务点和代办员（需管理员）")
    )
    add_user_option(listing)
    listing.set_defaults(handler=run_list)

    point = commands.add_parser("add-point", help=t("为一个村（社区）设立便民服务点（需管理员）"))
    point.add_argument("village", help=t("村（社区）名称或其12位区划代码"))
    point.add_argument("code", help=t("服务点代码：2至32位字母或数字，是预登记号的开头"))
    point.add_argument("name", help=t("服务点名称，如 王集村便民服务点"))
    point.add_argument("--address", default="", help=t("地址"))
    point.add_argument("--phone", default="", help=t("服务点电话"))
    add_user_option(point)
    point.set_defaults(handler=run_add_point)

    agent = commands.add_parser("add-agent", help=t("为服务点登记代办员（需管理员）"))
    agent.add_argument("point", help=t("服务点代码"))
    agent.add_argument("name", help=t("代办员姓名"))
    agent.add_argument("--phone", required=True, help=t("联系电话"))
    agent.add_argument("--id-number", required=True, help=t("居民身份证号码"))
    agent.add_argument("--trained-on", default="", help=t("培训日期 YYYY-MM-DD"))
    agent.add_argument("--login", default="", help=t("代办员本人登录用的用户名（村代办员角色）"))
    add_user_option(agent)
    agent.set_defaults(handler=run_add_agent)


def _agents_text(point: VillagePointInfo, *, every: bool) -> str:
    agents = point.agents if every else point.active_agents
    if not agents:
        return t("（无代办员）")
    parts = []
    for agent in agents:
        text = f"{agent.name} {mask_phone(agent.phone)}"
        if not agent.active:
            text += t("（已停用）")
        parts.append(text)
    return t("、").join(parts)


def run_list(args: argparse.Namespace, context: CliContext) -> int:
    actor = context.login(args.user)
    for point in VillageService(context.database()).points(actor, include_inactive=args.all):
        state = "" if point.active else "\t" + t("已停用")
        agents = _agents_text(point, every=args.all)
        print(f"{point.code}\t{point.name}\t{point.village_name}\t{agents}{state}")
    return 0


def run_add_point(args: argparse.Namespace, context: CliContext) -> int:
    actor = context.login(args.user)
    village_id = _village_id(context, args.village)
    point = VillageService(context.database()).add_point(
        actor, PointInput(village_id, args.name, args.code, args.address, args.phone)
    )
    print(
        t(
            "已设立服务点 {code} {name}（{village}）",
            code=point.code,
            name=point.name,
            village=point.village_name,
        )
    )
    return 0


def run_add_agent(args: argparse.Namespace, context: CliContext) -> int:
    actor = context.login(args.user)
    service = VillageService(context.database())
    point = _point(service, actor, args.point)
    trained_on = _date(args.trained_on) if args.trained_on.strip() else None
    changed = service.add_agent(
        actor,
        point.id,
        VillageAgentInput(args.name, args.phone, args.id_number, trained_on, args.login),
    )
    agent = changed.agents[-1]
    login = t("，登录名 {username}", username=agent.username) if agent.username else ""
    print(
        t(
            "已登记代办员 {name}（{point}）{login}",
            name=agent.name,
            point=changed.name,
            login=login,
        )
    )
    return 0


def _village_id(context: CliContext, text: str) -> int:
    wanted = text.strip()
    for village in SettingsService(context.database()).villages():
        if wanted in (village.name, village.code):
            return village.id
    raise NotFound(t("没有名为“{name}”的村（社区）；请先在系统设置中添加", name=wanted))


def _point(service: VillageService, actor: Actor, code: str) -> VillagePointInfo:
    wanted = "".join(code.split()).upper()
    for point in service.points(actor, include_inactive=True):
        if point.code == wanted:
            return point
    raise NotFound(t("没有代码为 {code} 的村便民服务点", code=wanted))


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise UserError(t("日期应为 YYYY-MM-DD 格式：{text}", text=text)) from None
