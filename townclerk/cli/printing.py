"""``print CASE_NUMBER [--kind KIND] [-o FILE.pdf]``: print a case's document as a PDF.

The document is archived under the data dir and recorded on the case like a print from the
window (a second print is a 补打); ``-o`` also saves a copy where the user wants it.
"""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

from townclerk.cli.context import CliContext, add_user_option
from townclerk.enums import DocumentKind
from townclerk.errors import UserError
from townclerk.formats.output_files import atomic_output, check_output_path
from townclerk.i18n import t
from townclerk.services.cases import CaseService
from townclerk.services.printable import default_kind
from townclerk.services.printing import PrintService


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    kinds = t("；").join(f"{kind.value} {kind.label}" for kind in DocumentKind)
    command = subparsers.add_parser(
        "print", help=t("打印办件文书：生成PDF，归档到数据目录并记录打印（再次打印为补打）")
    )
    command.add_argument("number", metavar="CASE_NUMBER", help=t("办件编号"))
    command.add_argument(
        "--kind",
        choices=[kind.value for kind in DocumentKind],
        help=t("文书种类（{kinds}）；默认按办件状态选择", kinds=kinds),
    )
    command.add_argument(
        "-o", "--output", metavar="FILE.pdf", type=Path, help=t("另存一份PDF到此文件")
    )
    add_user_option(command)
    command.set_defaults(handler=run_print)


def _check_output(output: Path) -> None:
    """Refuse an output the copy would fail on, before anything is printed or recorded."""
    if output.is_dir():
        raise UserError(
            t(
                "{output} 是一个目录，请给出PDF文件名，如 {example}",
                output=output,
                example=output / "受理通知书.pdf",
            )
        )
    if not output.parent.is_dir():
        raise UserError(t("目录 {folder} 不存在", folder=output.parent))
    check_output_path(output)  # a device, a pipe, a folder without write permission


def run_print(args: argparse.Namespace, context: CliContext) -> int:
    number = args.number.strip()
    if not number:
        raise UserError(t("请提供办件编号"))
    if args.output is not None:
        _check_output(args.output)
    actor = context.login(args.user)
    db = context.database()
    if args.kind:
        kind = DocumentKind(args.kind)
    else:
        case = CaseService(db).get(actor, number)
        kind = default_kind(case.status, case.decision)
    archived = PrintService(db).render(actor, number, kind).path
    print(t("已生成{kind}，归档于 {path}", kind=t(kind.label), path=archived))
    if args.output is not None:
        try:
            with atomic_output(args.output) as stream, archived.open("rb") as source:
                shutil.copyfileobj(source, stream)
        except UserError as error:
            raise UserError(
                t(
                    "文书已归档于 {archived}，但无法另存到 {output}：{reason}",
                    archived=archived,
                    output=args.output,
                    reason=error,
                )
            ) from error
        print(t("已另存到 {path}", path=args.output))
    return 0
