"""``report daily|range|ledger|overdue``: the supervisors' workbooks, for scheduled export.

Meant for Windows Task Scheduler or cron, e.g. every evening::

    TOWNCLERK_PASSWORD=... townclerk report daily -o D:/报表/日报.xlsx --user chief

The acting user must be a supervisor or an admin; ``--full`` (full ID numbers and phones) is for
supervisors only and is written to the audit log.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from townclerk.cli.cases import parse_date
from townclerk.cli.context import CliContext, add_user_option
from townclerk.i18n import t
from townclerk.records.statistics import Period
from townclerk.services.report_workbooks import ExportResult, ReportWorkbooks


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    report = subparsers.add_parser(
        "report", help=t("导出统计报表、办件台账和超期预警清单（中心负责人或管理员）")
    )
    commands = report.add_subparsers(dest="report_command", metavar="KIND", required=True)

    daily = commands.add_parser("daily", help=t("日报：一天的统计"))
    daily.add_argument(
        "--date", type=parse_date, metavar="D", help=t("日期 YYYY-MM-DD（默认今天）")
    )
    _common(daily, handler=run_daily)

    ranged = commands.add_parser(
        "range", help=t("统计报表：一周、一月或任意期间，含按日统计和图表")
    )
    _period(ranged)
    _common(ranged, handler=run_range)

    ledger = commands.add_parser("ledger", help=t("办件台账：期间内登记的每一件"))
    _period(ledger)
    _full(ledger)
    _common(ledger, handler=run_ledger)

    overdue = commands.add_parser("overdue", help=t("超期预警清单：已超期和即将到期的在办件"))
    _full(overdue)
    _common(overdue, handler=run_overdue)


def _period(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--from", dest="first", type=parse_date, required=True, metavar="D", help=t("开始日期")
    )
    parser.add_argument(
        "--to", dest="last", type=parse_date, required=True, metavar="D", help=t("结束日期（含）")
    )


def _full(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--full",
        action="store_true",
        help=t("导出完整的证件号码和联系电话（仅中心负责人，记入审计日志）"),
    )


def _common(parser: argparse.ArgumentParser, *, handler: object) -> None:
    parser.add_argument(
        "-o", "--output", type=Path, required=True, metavar="FILE", help=t("输出文件（.xlsx）")
    )
    add_user_option(parser)
    parser.set_defaults(handler=handler)


def _report(result: ExportResult, *, counted: bool = False) -> int:
    """Say what was written; ``counted`` listings say how many cases they hold."""
    if counted:
        print(
            t(
                "已导出{title}（{rows}件）：{path}",
                title=result.title,
                rows=result.rows,
                path=result.path,
            )
        )
    else:
        print(t("已导出{title}：{path}", title=result.title, path=result.path))
    return 0


def run_daily(args: argparse.Namespace, context: CliContext) -> int:
    actor = context.login(args.user)
    db = context.database()
    return _report(ReportWorkbooks(db).daily(actor, args.date or db.today(), args.output))


def run_range(args: argparse.Namespace, context: CliContext) -> int:
    actor = context.login(args.user)
    period = Period(args.first, args.last)
    return _report(ReportWorkbooks(context.database()).range_report(actor, period, args.output))


def run_ledger(args: argparse.Namespace, context: CliContext) -> int:
    actor = context.login(args.user)
    period = Period(args.first, args.last)
    result = ReportWorkbooks(context.database()).ledger(
        actor, period, args.output, full_personal_data=args.full
    )
    return _report(result, counted=True)


def run_overdue(args: argparse.Namespace, context: CliContext) -> int:
    actor = context.login(args.user)
    result = ReportWorkbooks(context.database()).deadline_warnings(
        actor, args.output, full_personal_data=args.full
    )
    return _report(result, counted=True)
