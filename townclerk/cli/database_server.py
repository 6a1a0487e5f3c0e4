"""``db copy`` (moving the database to a server or back to a file) and ``db server-setup``."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from townclerk.cli.arguments import database_name
from townclerk.cli.context import CliContext, add_user_option
from townclerk.i18n import t
from townclerk.records.database_copy import TableCopy

OWNER_PASSWORD_ENV = "TOWNCLERK_OWNER_PASSWORD"
APP_PASSWORD_ENV = "TOWNCLERK_APP_PASSWORD"


def register(db_commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    copy = db_commands.add_parser(
        "copy", help=t("把当前数据库复制到一个空数据库（管理员；如迁移到中心服务器）")
    )
    target = copy.add_mutually_exclusive_group(required=True)
    target.add_argument(
        "--to", metavar="URL", help=t("目标数据库地址（如 postgresql+psycopg://…）")
    )
    target.add_argument("--to-file", metavar="PATH", help=t("目标 SQLite 文件（须尚不存在或为空）"))
    add_user_option(copy)
    copy.set_defaults(handler=run_copy)

    setup = db_commands.add_parser(
        "server-setup", help=t("在 PostgreSQL 服务器上创建数据库、所有者账户和程序账户（一次）")
    )
    setup.add_argument(
        "--superuser-url",
        metavar="URL",
        required=True,
        help=t("超级用户的地址（如 postgresql+psycopg://postgres@localhost/postgres）"),
    )
    setup.add_argument(
        "--database",
        metavar="NAME",
        type=database_name,
        default="townclerk",
        help=t("数据库名（默认 townclerk）"),
    )
    setup.set_defaults(handler=run_server_setup)


def run_copy(args: argparse.Namespace, context: CliContext) -> int:
    from townclerk.services import database_copy

    target = args.to or database_copy.sqlite_target(Path(args.to_file))
    context.check_database_exists()
    database_copy.check_source_schema(context.url)
    actor = context.login(args.user)

    def progress(table: TableCopy) -> None:
        print(f"{table.table}\t{table.rows}", flush=True)

    report = database_copy.copy_database(context.database(), actor, target, on_table=progress)
    heads = "；".join(
        t(
            "{table} {count} 条，链头 {hash}",
            table=head.table,
            count=head.count,
            hash=head.short_hash,
        )
        for head in report.heads
    )
    print(
        t(
            "核对通过：{tables} 张表的行数与源数据库一致；历史记录链在目标上验证完好（{heads}）",
            tables=len(report.tables),
            heads=heads,
        )
    )
    print(
        t(
            "已复制到 {target}：共 {rows} 行，用时 {seconds:.1f} 秒",
            target=report.target,
            rows=report.rows,
            seconds=report.seconds,
        )
    )
    return 0


def run_server_setup(args: argparse.Namespace, context: CliContext) -> int:
    from townclerk.db.server_roles import new_password, set_up_server

    accounts = set_up_server(
        args.superuser_url,
        args.database,
        os.environ.get(OWNER_PASSWORD_ENV) or new_password(),
        os.environ.get(APP_PASSWORD_ENV) or new_password(),
    )
    if accounts.created:
        print(t("已创建：{names}", names="、".join(accounts.created)))
    if accounts.kept:
        print(t("已存在，密码未改：{names}", names="、".join(accounts.kept)))
    print(t("所有者账户（升级结构、db copy 用）：{url}", url=accounts.owner_url))
    print(t("程序账户（各窗口电脑用）：{url}", url=accounts.app_url))
    if len(accounts.kept) < 2:
        print(t("新账户的密码只在这里显示这一次，townclerk 不保存；请妥善记下"))
    print(t("各窗口电脑连接时，把地址中的主机换成服务器的局域网地址"))
    return 0
