"""``init`` and ``db upgrade|status``."""

from __future__ import annotations

import argparse

from townclerk.cli import database_server
from townclerk.cli.context import PASSWORD_ENV, CliContext, read_secret
from townclerk.db.engine import create_db_engine, read_only_engine, shown_url
from townclerk.db.migrate import schema_state, upgrade_database
from townclerk.errors import UserError
from townclerk.i18n import t
from townclerk.services.users import UserService


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    init = subparsers.add_parser("init", help=t("创建或升级数据库，并创建第一个管理员"))
    init.add_argument(
        "--admin", metavar="NAME", default="admin", help=t("管理员用户名（默认 admin）")
    )
    init.add_argument(
        "--demo", action="store_true", help=t("加入演示用户、窗口、村（社区）和示例事项目录")
    )
    init.add_argument(
        "--if-new", action="store_true", help=t("数据库已有用户时只升级结构，不做其他改动")
    )
    init.set_defaults(handler=run_init)

    db = subparsers.add_parser("db", help=t("数据库维护"))
    db_commands = db.add_subparsers(dest="db_command", metavar="ACTION", required=True)
    db_commands.add_parser("upgrade", help=t("升级数据库结构（升级前自动备份）")).set_defaults(
        handler=run_upgrade
    )
    db_commands.add_parser("status", help=t("显示数据库结构版本")).set_defaults(handler=run_status)
    database_server.register(db_commands)


def run_init(args: argparse.Namespace, context: CliContext) -> int:
    db = context.database()
    users = UserService(db)
    if users.has_users():
        if args.demo and not args.if_new:
            raise UserError(t("数据库中已有用户，演示数据只能加入新的数据库；请使用新的数据目录"))
        print(t("数据库已存在，结构已是最新，未做其他改动：{url}", url=shown_url(context.url)))
        return 0
    if args.demo:
        from townclerk.services.demo import install_demo

        report = install_demo(db)
        print(t("已创建演示数据库：{url}", url=shown_url(context.url)))
        print(report)
        return 0
    password = read_secret(
        PASSWORD_ENV, t("设置管理员 {name} 的密码：", name=args.admin), confirm=True
    )
    users.create_first_admin(args.admin, password, "系统管理员")
    print(t("已创建数据库 {url} 和管理员 {name}", url=shown_url(context.url), name=args.admin))
    return 0


def run_upgrade(args: argparse.Namespace, context: CliContext) -> int:
    context.check_database_exists()
    engine = create_db_engine(context.url)
    try:
        backup = upgrade_database(engine)
        state = schema_state(engine)
    finally:
        engine.dispose()
    if backup:
        print(
            t(
                "数据库结构版本：{version}（升级前备份：{backup}）",
                version=state.current,
                backup=backup,
            )
        )
    else:
        print(t("数据库结构版本：{version}", version=state.current))
    return 0


def run_status(args: argparse.Namespace, context: CliContext) -> int:
    """Look without touching: a SQLite file is opened read-only."""
    context.check_database_exists()
    engine = read_only_engine(context.url)
    try:
        state = schema_state(engine)
    finally:
        engine.dispose()
    if state.current is None and state.has_tables:
        status = t("不是 townclerk 数据库，未做任何修改")
    elif state.up_to_date:
        status = t("最新")
    else:
        status = t("需要升级到 {head}", head=state.head)
    print(
        t(
            "数据库：{url}\n结构版本：{version}（{status}）",
            url=shown_url(context.url),
            version=state.current or t("（空）"),
            status=status,
        )
    )
    return 0
