"""The ``townclerk`` command line. With no command it opens the window.

Each command group lives in its own module exposing ``register(subparsers)``; a command's handler
receives the parsed arguments and a :class:`~townclerk.cli.context.CliContext` and returns the
exit code. User errors print one plain line and exit 1; usage errors exit 2.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence

from townclerk import __version__
from townclerk.cli import cases, catalog, database, demo, printing, users
from townclerk.cli.context import CliContext, fail
from townclerk.errors import UserError

log = logging.getLogger("townclerk.cli")
COMMAND_GROUPS = [database, users, cases, catalog, printing, demo]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="townclerk",
        description="乡镇为民服务中心综合窗口受理系统 (townclerk)",
    )
    parser.add_argument("--version", action="version", version=f"townclerk {__version__}")
    parser.add_argument("--data-dir", metavar="DIR", help="数据目录（默认为用户数据目录）")
    parser.add_argument(
        "--db", metavar="URL", help="数据库地址（SQLAlchemy URL），也可用 TOWNCLERK_DATABASE_URL"
    )
    parser.add_argument("--lang", choices=["zh_CN", "en"], default="zh_CN", help="界面语言")
    parser.add_argument("--selftest", action="store_true", help="自检后退出（用于安装包）")
    parser.add_argument("-v", "--verbose", action="store_true", help="输出调试日志")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for group in COMMAND_GROUPS:
        group.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    context = CliContext.from_args(args)
    try:
        if args.selftest or args.command is None:
            from townclerk.ui.app import run_gui

            return int(run_gui(context, selftest=args.selftest))
        handler = args.handler
        return int(handler(args, context))
    except UserError as error:
        return fail(str(error))
    except KeyboardInterrupt:
        return fail("已取消", code=130)
    finally:
        context.close()


if __name__ == "__main__":
    sys.exit(main())
