"""``audit verify``: check the hash chains of the case history and the audit log."""

from __future__ import annotations

import argparse

from townclerk.cli.context import CliContext, add_user_option, fail
from townclerk.i18n import t
from townclerk.services.history import describe_break, verify_history


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    audit = subparsers.add_parser("audit", help=t("历史记录核验（需管理员或中心负责人）"))
    commands = audit.add_subparsers(dest="audit_command", metavar="ACTION", required=True)
    verify = commands.add_parser(
        "verify", help=t("核验办件历史和审计日志的哈希链：未被改动时退出码为0")
    )
    add_user_option(verify)
    verify.set_defaults(handler=run_verify)


def run_verify(args: argparse.Namespace, context: CliContext) -> int:
    actor = context.login(args.user)
    report = verify_history(context.database(), actor)
    if report.broken is not None:
        return fail(describe_break(report.broken))
    for head in report.heads:
        print(
            t(
                "{table}：{count}条，链头 {hash}",
                table=head.table,
                count=head.count,
                hash=head.row_hash,
            )
        )
    print(t("历史记录完整：已核验{count}条记录", count=report.checked))
    return 0
