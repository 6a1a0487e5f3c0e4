"""``desk list|add|map|member``: the back-office desks (后台分类审批)."""

from __future__ import annotations

import argparse

from townclerk.cli.context import CliContext, add_user_option
from townclerk.i18n import t
from townclerk.services.desks import DeskService


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    desk = subparsers.add_parser("desk", help=t("后台审批窗口：部门分配和审批人员"))
    commands = desk.add_subparsers(dest="desk_command", metavar="ACTION", required=True)
    listing = commands.add_parser("list", help=t("列出后台窗口：名称<TAB>实施部门<TAB>审批人员"))
    add_user_option(listing)
    listing.set_defaults(handler=run_list)
    add = commands.add_parser("add", help=t("添加后台窗口（需管理员）"))
    add.add_argument("name", metavar="NAME", help=t("后台窗口名称，如 市场监管后台"))
    add_user_option(add)
    add.set_defaults(handler=run_add)
    mapping = commands.add_parser(
        "map", help=t("将实施部门的后台审批事项分配给后台窗口（需管理员）")
    )
    mapping.add_argument("department", metavar="DEPARTMENT", help=t("事项目录中的实施部门"))
    mapping.add_argument("desk", metavar="DESK", help=t("后台窗口名称"))
    add_user_option(mapping)
    mapping.set_defaults(handler=run_map)
    member = commands.add_parser(
        "member", help=t("将后台审批人员加入后台窗口，或用 --remove 移出（需管理员）")
    )
    member.add_argument("username", metavar="USERNAME", help=t("登录名"))
    member.add_argument("desk", metavar="DESK", help=t("后台窗口名称"))
    member.add_argument("--remove", action="store_true", help=t("移出该后台窗口"))
    add_user_option(member)
    member.set_defaults(handler=run_member)


def run_list(args: argparse.Namespace, context: CliContext) -> int:
    actor = context.login(args.user)
    for desk in DeskService(context.database()).desks(actor):
        name = desk.name if desk.active else t("{name}（停用）", name=desk.name)
        departments = t("、").join(desk.departments) or "—"
        officers = t("、").join(f"{o.display_name}（{o.username}）" for o in desk.officers) or "—"
        print(f"{name}\t{departments}\t{officers}")
    return 0


def run_add(args: argparse.Namespace, context: CliContext) -> int:
    actor = context.login(args.user)
    desk = DeskService(context.database()).add(actor, args.name)
    print(t("已添加后台窗口“{name}”", name=desk.name))
    return 0


def run_map(args: argparse.Namespace, context: CliContext) -> int:
    actor = context.login(args.user)
    service = DeskService(context.database())
    desk = service.map_department(actor, args.department, service.find(args.desk).id)
    print(
        t(
            "{department} 的后台审批事项由“{desk}”办理",
            department=args.department.strip(),
            desk=desk.name,
        )
    )
    return 0


def run_member(args: argparse.Namespace, context: CliContext) -> int:
    actor = context.login(args.user)
    service = DeskService(context.database())
    desk_id = service.find(args.desk).id
    if args.remove:
        desk = service.remove_member(actor, desk_id, args.username)
        print(t("已将 {username} 移出“{desk}”", username=args.username.strip(), desk=desk.name))
    else:
        desk = service.add_member(actor, desk_id, args.username)
        print(t("已将 {username} 加入“{desk}”", username=args.username.strip(), desk=desk.name))
    return 0
