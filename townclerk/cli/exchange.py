"""``exchange``: the signed exchange files of an offline village point (交换文件).

``key init``, ``key export`` and ``peer add`` are the admin's one-time set-up on each side;
``export`` and ``import`` move the files on a USB stick. A refused file prints one line, exits 1
and changes nothing; a file imported before prints so and exits 0.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from townclerk.cli.context import CliContext, add_user_option
from townclerk.i18n import t
from townclerk.services.exchange import ExchangeService
from townclerk.services.exchange_keys import ExchangeKeyService


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    exchange = subparsers.add_parser("exchange", help=t("村便民服务点的交换文件（U盘）"))
    commands = exchange.add_subparsers(dest="exchange_command", metavar="ACTION", required=True)

    keys = commands.add_parser("key", help=t("本库的交换密钥（需管理员）"))
    key_actions = keys.add_subparsers(dest="key_command", metavar="ACTION", required=True)
    init = key_actions.add_parser("init", help=t("生成本库的交换密钥"))
    init.add_argument(
        "--replace", action="store_true", help=t("更换已有的密钥（各对方须重新导入本库的公钥）")
    )
    add_user_option(init)
    init.set_defaults(handler=run_key_init)
    export_key = key_actions.add_parser("export", help=t("导出本库的公钥文件，交给对方导入"))
    export_key.add_argument("-o", "--output", required=True, metavar="FILE", help=t("保存到"))
    add_user_option(export_key)
    export_key.set_defaults(handler=run_key_export)

    peers = commands.add_parser("peer", help=t("对方的公钥"))
    peer_actions = peers.add_subparsers(dest="peer_command", metavar="ACTION", required=True)
    add = peer_actions.add_parser("add", help=t("导入对方的公钥文件（需管理员）"))
    add.add_argument("file", metavar="FILE", help=t("对方导出的公钥文件"))
    add.add_argument("--name", default="", help=t("对方的名称（默认取公钥文件中的名称）"))
    add.add_argument(
        "--replace", action="store_true", help=t("对方更换了电脑或密钥：以新公钥替换旧公钥")
    )
    add_user_option(add)
    add.set_defaults(handler=run_peer_add)
    listing = peer_actions.add_parser(
        "list", help=t("列出对方：服务点代码<TAB>名称<TAB>指纹<TAB>已导入号<TAB>已导出号")
    )
    add_user_option(listing)
    listing.set_defaults(handler=run_peer_list)

    export = commands.add_parser("export", help=t("为对方导出交换文件"))
    export.add_argument(
        "--peer",
        metavar="CODE",
        help=t("村便民服务点代码（镇中心必填；村便民服务点默认导出给镇中心）"),
    )
    export.add_argument("-o", "--output", required=True, metavar="FILE", help=t("保存到"))
    add_user_option(export)
    export.set_defaults(handler=run_export)
    load = commands.add_parser("import", help=t("导入对方的交换文件"))
    load.add_argument("file", metavar="FILE", help=t("交换文件（.zip）"))
    add_user_option(load)
    load.set_defaults(handler=run_import)


def run_key_init(args: argparse.Namespace, context: CliContext) -> int:
    actor = context.login(args.user)
    identity = ExchangeKeyService(context.database()).create_identity(actor, replace=args.replace)
    print(
        t(
            "已生成本库的交换密钥，指纹：{fingerprint}（导入本库公钥的一方应在电话中核对）",
            fingerprint=identity.fingerprint,
        )
    )
    return 0


def run_key_export(args: argparse.Namespace, context: CliContext) -> int:
    actor = context.login(args.user)
    card = ExchangeKeyService(context.database()).export_public_key(actor, Path(args.output))
    print(
        t(
            "公钥已导出到 {path}；指纹：{fingerprint}",
            path=args.output,
            fingerprint=card.fingerprint,
        )
    )
    return 0


def run_peer_add(args: argparse.Namespace, context: CliContext) -> int:
    actor = context.login(args.user)
    peer = ExchangeKeyService(context.database()).add_peer(
        actor, Path(args.file), args.name, replace=args.replace
    )
    print(
        t(
            "已导入{station}“{name}”的公钥，指纹：{fingerprint}；请与对方电话核对指纹",
            station=peer.station.describe(),
            name=peer.name,
            fingerprint=peer.fingerprint,
        )
    )
    return 0


def run_peer_list(args: argparse.Namespace, context: CliContext) -> int:
    actor = context.login(args.user)
    for peer in ExchangeKeyService(context.database()).peers(actor):
        code = peer.station.point_code or t("镇中心")
        print(f"{code}\t{peer.name}\t{peer.fingerprint}\t{peer.last_seq_in}\t{peer.last_seq_out}")
    return 0


def run_export(args: argparse.Namespace, context: CliContext) -> int:
    actor = context.login(args.user)
    summary = ExchangeService(context.database()).export(actor, Path(args.output), args.peer)
    print(summary.text())
    return 0


def run_import(args: argparse.Namespace, context: CliContext) -> int:
    actor = context.login(args.user)
    print(ExchangeService(context.database()).import_file(actor, Path(args.file)).text())
    return 0
