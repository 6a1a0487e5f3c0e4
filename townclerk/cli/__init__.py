"""The ``townclerk`` command line. With no command it opens the window.

Each command group lives in its own module exposing ``register(subparsers)``; a command's handler
receives the parsed arguments and a :class:`~townclerk.cli.context.CliContext` and returns the
exit code. User errors print one plain line and exit 1; usage errors exit 2.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import logging
import os
import signal
import sys
import threading
from collections.abc import Iterator, Sequence

from townclerk import __version__
from townclerk.cli.context import CliContext, fail
from townclerk.errors import DatabaseCorrupt, UserError
from townclerk.i18n import DEFAULT_LANGUAGE, LANGUAGES, set_language, t

log = logging.getLogger("townclerk.cli")
# Imported only when a command is given: opening the window should not pay for ReportLab,
# openpyxl and the rest.
COMMAND_GROUPS = [
    "database",
    "users",
    "cases",
    "catalog",
    "printing",
    "reports",
    "audit",
    "demo",
    "settings",
    "backups",
    "exchange",
    "desks",
    "villages",
]


def _global_options(*, add_help: bool) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="townclerk",
        description=t("乡镇为民服务中心综合窗口受理系统 (townclerk)"),
        add_help=add_help,
    )
    parser.add_argument("--version", action="version", version=f"townclerk {__version__}")
    parser.add_argument("--data-dir", metavar="DIR", help=t("数据目录（默认为用户数据目录）"))
    parser.add_argument(
        "--db", metavar="URL", help=t("数据库地址（SQLAlchemy URL），也可用 TOWNCLERK_DATABASE_URL")
    )
    parser.add_argument("--lang", choices=LANGUAGES, default=DEFAULT_LANGUAGE, help=t("界面语言"))
    parser.add_argument("--selftest", action="store_true", help=t("自检后退出（用于安装包）"))
    parser.add_argument("-v", "--verbose", action="store_true", help=t("输出调试日志"))
    return parser


def build_parser() -> argparse.ArgumentParser:
    parser = _global_options(add_help=True)
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_GROUPS:
        importlib.import_module(f"townclerk.cli.{name}").register(subparsers)
    return parser


def _parse(argv: Sequence[str] | None) -> argparse.Namespace:
    arguments = list(sys.argv[1:] if argv is None else argv)
    options, rest = _global_options(add_help=False).parse_known_args(arguments)
    # Before the full parser is built: its help and its errors are in this language too.
    set_language(options.lang)
    if any("\x00" in argument for argument in arguments):  # only a caller in-process can
        _global_options(add_help=False).error(t("参数中含有 NUL 字符"))
    if not rest:  # no command: the window
        options.command = None
        return options
    return build_parser().parse_args(arguments)


def _stop(signal_number: int, _frame: object) -> None:
    """SIGTERM (a scheduler's time-out, a shutdown): stop as Ctrl+C does, so a half-written
    export's temporary file is removed on the way out."""
    raise KeyboardInterrupt


@contextlib.contextmanager
def _terminate_as_interrupt() -> Iterator[None]:
    if threading.current_thread() is not threading.main_thread():
        yield  # signal handlers belong to the main thread
        return
    previous = signal.signal(signal.SIGTERM, _stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _explained(error: UserError, context: CliContext) -> str:
    """A damaged database also names the newest good backup and the command to restore it."""
    if isinstance(error, DatabaseCorrupt):
        from townclerk.services.backups import corrupt_database_message

        log.info("damaged database: %s", error)  # the file log; stderr gets one line
        return corrupt_database_message(context.data_dir, str(error))
    return str(error)


def main(argv: Sequence[str] | None = None) -> int:
    with _terminate_as_interrupt():
        return _main(argv)


def _main(argv: Sequence[str] | None) -> int:
    args = _parse(argv)
    # Only init and the window (its first start) may create the database.
    context = CliContext.from_args(args, creates=args.command in (None, "init"))
    try:
        if args.selftest or args.command is None:
            from townclerk.ui.app import run_gui

            return int(run_gui(context, selftest=args.selftest))
        if getattr(args, "uses_pc_choice", True):
            context.use_pc_choice()
        handler = args.handler
        return int(handler(args, context))
    except UserError as error:
        return fail(_explained(error, context))
    except KeyboardInterrupt:
        return fail(t("已取消"), code=130)
    except BrokenPipeError:
        # The reader went away (`townclerk case list | head`): stop quietly, as Unix tools do.
        with contextlib.suppress(OSError, ValueError):  # no file descriptor under a test
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception as error:
        # A locked or unreachable database, a data folder that is a file, a bad --db URL:
        # one plain line, as for any other problem the user can fix. Anything else is a bug.
        from townclerk.db.database import user_error_behind

        problem = user_error_behind(error)
        if problem is None:
            raise
        return fail(_explained(problem, context))
    finally:
        context.close()


if __name__ == "__main__":
    sys.exit(main())
