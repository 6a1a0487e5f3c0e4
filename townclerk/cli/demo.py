"""``demo-data``: synthetic cases for training and benchmarks."""

from __future__ import annotations

import argparse
import sys
import time

from townclerk.cli.arguments import whole_number
from townclerk.cli.context import CliContext, add_user_option
from townclerk.i18n import t
from townclerk.services.demo import generate_cases

MAX_CASES = 5_000_000
MAX_DAYS = 20 * 366  # twenty years of history is more than any center keeps on one PC


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    demo = subparsers.add_parser(
        "demo-data",
        help=t("生成演示办件（用于培训和性能测试；只用于 init --demo 创建的数据库，需管理员）"),
    )
    demo.add_argument("--cases", type=whole_number(1, MAX_CASES), required=True, help=t("办件数"))
    demo.add_argument(
        "--days",
        type=whole_number(1, MAX_DAYS),
        default=365,
        help=t("分布在截至今天的多少天内"),
    )
    demo.add_argument(
        "--seed",
        type=whole_number(0, 2**63 - 1),
        default=1,
        help=t("随机种子（相同种子生成相同数据）"),
    )
    add_user_option(demo)
    demo.set_defaults(handler=run_demo_data)


def run_demo_data(args: argparse.Namespace, context: CliContext) -> int:
    actor = context.login(args.user)
    started = time.perf_counter()

    def progress(done: int, total: int) -> None:
        if sys.stderr.isatty():
            print(f"\r{done}/{total}", end="", file=sys.stderr, flush=True)

    summary = generate_cases(
        context.database(),
        actor,
        cases=args.cases,
        days=args.days,
        seed=args.seed,
        progress=progress,
    )
    if sys.stderr.isatty():
        print(file=sys.stderr)
    print(f"{summary.line()} seconds={time.perf_counter() - started:.1f}")
    return 0
