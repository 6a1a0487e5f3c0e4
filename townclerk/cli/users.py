"""``user add|list|passwd|disable|enable|unlock``."""

from __future__ import annotations

import argparse

from townclerk.cli.context import NEW_PASSWORD_ENV, CliContext, add_user_option, read_secret
from townclerk.enums import Role
from townclerk.i18n import N_, t
from townclerk.services.users import UserService


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    user = subparsers.add_parser("user", help=t("用户管理（需管理员）"))
    commands = user.add_subparsers(dest="user_command", metavar="ACTION", required=True)

    add = commands.add_parser("add", help=t("添加用户"))
    add.add_argument("name", help=t("登录名"))
    add.add_argument("--role", required=True, choices=[role.value for role in Role])
    add.add_argument("--display-name", default="", help=t("显示的姓名"))
    add_user_option(add)
    add.set_defaults(handler=run_add)

    listing = commands.add_parser("list", help=t("列出用户"))
    add_user_option(listing)
    listing.set_defaults(handler=run_list)

    passwd = commands.add_parser("passwd", help=t("重置用户密码"))
    passwd.add_argument("name")
    add_user_option(passwd)
    passwd.set_defaults(handler=run_passwd)

    for action, handler, text in (
        ("disable", run_disable, N_("停用用户")),
        ("enable", run_enable, N_("启用用户")),
        ("unlock", run_unlock, N_("解除登录失败造成的等待")),
    ):
        sub = commands.add_parser(action, help=t(text))
        sub.add_argument("name")
        add_user_option(sub)
        sub.set_defaults(handler=handler)


def run_add(args: argparse.Namespace, context: CliContext) -> int:
    actor = context.login(args.user)
    password = read_secret(
        NEW_PASSWORD_ENV, t("新用户 {name} 的密码：", name=args.name), confirm=True
    )
    info = UserService(context.database()).create_user(
        actor, args.name, password, Role(args.role), args.display_name
    )
    print(t("已添加用户 {name}（{role}）", name=info.username, role=t(info.role.label)))
    return 0


def run_list(args: argparse.Namespace, context: CliContext) -> int:
    actor = context.login(args.user)
    for info in UserService(context.database()).list_users(actor):
        state = t("启用") if info.active else t("停用")
        print(f"{info.username}\t{info.role.value}\t{state}\t{info.display_name}")
    return 0


def run_passwd(args: argparse.Namespace, context: CliContext) -> int:
    actor = context.login(args.user)
    password = read_secret(NEW_PASSWORD_ENV, t("{name} 的新密码：", name=args.name), confirm=True)
    UserService(context.database()).reset_password(actor, args.name, password)
    print(t("已重置 {name} 的密码", name=args.name))
    return 0


def run_disable(args: argparse.Namespace, context: CliContext) -> int:
    actor = context.login(args.user)
    UserService(context.database()).set_active(actor, args.name, False)
    print(t("已停用 {name}", name=args.name))
    return 0


def run_enable(args: argparse.Namespace, context: CliContext) -> int:
    actor = context.login(args.user)
    UserService(context.database()).set_active(actor, args.name, True)
    print(t("已启用 {name}", name=args.name))
    return 0


def run_unlock(args: argparse.Namespace, context: CliContext) -> int:
    actor = context.login(args.user)
    UserService(context.database()).unlock(actor, args.name)
    print(t("{name} 可以立即登录", name=args.name))
    return 0
