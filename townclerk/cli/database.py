"""``init`` and ``db upgrade|status|connect``."""

from __future__ import annotations

import argparse

from townclerk.cli import database_server
from townclerk.cli.arguments import whole_number
from townclerk.cli.context import PASSWORD_ENV, SERVER_PASSWORD_ENV, CliContext, read_secret
from townclerk.db.connection_choice import (
    DEFAULT_DATABASE,
    DEFAULT_PORT,
    LOCAL,
    ConnectionChoice,
    ServerAddress,
    describe_database,
    server_address,
)
from townclerk.db.engine import create_db_engine, read_only_engine, shown_url
from townclerk.db.migrate import schema_state, upgrade_database
from townclerk.db.server_check import check_server
from townclerk.db.server_passwords import KeyringUnavailable, ServerPasswords
from townclerk.errors import UserError
from townclerk.i18n import t
from townclerk.paths import DATABASE_FILE
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
    db_commands.add_parser("status", help=t("显示本机使用的数据库和它的结构版本")).set_defaults(
        handler=run_status
    )
    connect = db_commands.add_parser(
        "connect",
        help=t("设置本机使用的数据库：中心服务器（密码存入系统密钥环）或 --local 单机"),
    )
    where = connect.add_mutually_exclusive_group(required=True)
    where.add_argument("--host", help=t("中心服务器的主机名或 IP 地址"))
    where.add_argument("--local", action="store_true", help=t("改用本机数据目录中的单机数据库"))
    connect.add_argument(
        "--port", type=whole_number(1, 65535), default=DEFAULT_PORT, help=t("端口（默认 5432）")
    )
    connect.add_argument(
        "--database", default=DEFAULT_DATABASE, help=t("数据库名（默认 townclerk）")
    )
    connect.add_argument(
        "--server-user",
        metavar="NAME",
        help=t("数据库用户名（密码取自 {env} 或提示输入）", env=SERVER_PASSWORD_ENV),
    )
    connect.set_defaults(handler=run_connect, uses_pc_choice=False)
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
            "使用：{database}（{origin}）",
            database=describe_database(context.url).full,
            origin=context.origin.label(),
        )
    )
    print(
        t(
            "数据库：{url}\n结构版本：{version}（{status}）",
            url=shown_url(context.url),
            version=state.current or t("（空）"),
            status=status,
        )
    )
    return 0


def run_connect(args: argparse.Namespace, context: CliContext) -> int:
    """Store this PC's choice, as the window's 数据库连接 does; a server only once it answers
    and holds a database this townclerk can use. Nothing is stored on a failure."""
    from townclerk.ui.connection_settings import read_choice, write_choice

    previous = read_choice()
    old_server = previous.server if previous is not None else None
    passwords = ServerPasswords()
    if args.local:
        _forget(passwords, old_server)
        write_choice(LOCAL)
        print(t("本机已改用单机数据库：{path}", path=context.data_dir / DATABASE_FILE))
        return 0
    if not args.server_user:
        raise UserError(t("请用 --server-user 指定数据库用户名"))
    address = server_address(args.host, args.port, args.database, args.server_user)
    password = read_secret(SERVER_PASSWORD_ENV, t("数据库用户 {who} 的密码：", who=address.shown()))
    check = check_server(address, password)
    if not check.usable:
        raise UserError(check.message(address))
    if old_server != address:
        _forget(passwords, old_server)
    try:
        passwords.store(address, password)
    except KeyringUnavailable as problem:
        print(str(problem))
    write_choice(ConnectionChoice(server=address))
    print(
        t(
            "本机已连接中心服务器 {who}：{result}",
            who=address.shown(),
            result=check.message(address),
        )
    )
    if context.origin.explicit:
        print(t("注意：{origin} 指定了数据库，它优先于本机的设置", origin=context.origin.label()))
    return 0


def _forget(passwords: ServerPasswords, server: ServerAddress | None) -> None:
    if server is None:
        return
    try:
        passwords.forget(server)
    except KeyringUnavailable:
        return  # nothing could have been stored there
