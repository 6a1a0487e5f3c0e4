"""``catalog template|import|export|search``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from townclerk.cli.arguments import whole_number
from townclerk.cli.context import CliContext, add_user_option, fail
from townclerk.errors import UserError
from townclerk.formats.catalog.reader import CatalogFileRefused
from townclerk.formats.catalog.shape import Problem, Severity
from townclerk.formats.catalog.writer import write_problems_workbook
from townclerk.formats.output_files import check_output_path
from townclerk.i18n import t
from townclerk.services.catalog import (
    CatalogPreview,
    CatalogService,
    RetirementNotConfirmed,
    summary_line,
)
from townclerk.services.search import CatalogSearch

SEARCH_LIMIT = 20
MAX_SEARCH_LIMIT = 10_000
NOTHING_APPLIED = summary_line(0, 0, 0, 0)


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    catalog = subparsers.add_parser("catalog", help=t("事项目录：模板、导入、导出、查找"))
    commands = catalog.add_subparsers(dest="catalog_command", metavar="ACTION", required=True)

    template = commands.add_parser("template", help=t("生成空白的事项目录模板（.xlsx）"))
    template.add_argument("-o", "--output", required=True, metavar="FILE", help=t("保存到"))
    template.set_defaults(handler=run_template)

    load = commands.add_parser(
        "import",
        help=t("导入事项目录（先预览；文件有错误时不导入任何内容）"),
        description=t("最后一行总是 added=N changed=N retired=N unchanged=N；有错误时退出码为1。"),
    )
    load.add_argument("file", metavar="FILE", help=t("事项目录工作簿（.xlsx）"))
    load.add_argument("--dry-run", action="store_true", help=t("只预览变更，不导入"))
    load.add_argument("--label", metavar="TEXT", help=t("版本说明（默认为文件名）"))
    load.add_argument(
        "--confirm-retire",
        type=whole_number(1, 1_000_000),
        metavar="N",
        help=t("撤销现有事项三分之一以上时必须给出：确认撤销的事项数"),
    )
    load.add_argument(
        "--errors-out", metavar="FILE", help=t("把发现的问题另存为工作簿（.xlsx），便于逐条修改")
    )
    add_user_option(load)
    load.set_defaults(handler=run_import)

    export = commands.add_parser("export", help=t("导出当前有效的事项目录（与模板格式相同）"))
    export.add_argument("-o", "--output", required=True, metavar="FILE", help=t("保存到"))
    add_user_option(export)
    export.set_defaults(handler=run_export)

    search = commands.add_parser("search", help=t("查找事项：编码<TAB>名称"))
    search.add_argument("text", metavar="TEXT", help=t("名称、拼音首字母、全拼、编码或部门"))
    search.add_argument(
        "--limit",
        type=whole_number(1, MAX_SEARCH_LIMIT),
        default=SEARCH_LIMIT,
        help=t("最多列出几项"),
    )
    search.set_defaults(handler=run_search)


def run_template(args: argparse.Namespace, context: CliContext) -> int:
    CatalogService(context.database()).write_template(Path(args.output))
    print(t("已生成事项目录模板：{path}", path=args.output))
    return 0


def _one_line(text: str) -> str:
    return " / ".join(part for part in text.split("\n") if part) or t("（空）")


def format_preview(preview: CatalogPreview) -> list[str]:
    """The preview as the terminal shows it: problems first, then every change."""
    lines = [
        t("文件：{name}（sha256 {digest}…）", name=preview.file_name, digest=preview.sha256[:12])
    ]
    if preview.problems:
        lines.append(
            t(
                "问题：{errors}个错误，{warnings}个警告",
                errors=len(preview.errors),
                warnings=len(preview.warnings),
            )
        )
        lines += [f"  {problem.describe()}" for problem in preview.problems]
    if preview.added:
        lines.append(t("新增事项（{count}）：", count=len(preview.added)))
        for brief in preview.added:
            again = t("（恢复已撤销的事项）") if brief.restored else ""
            lines.append(f"  + {brief.code}\t{brief.name}{again}")
    if preview.changed:
        lines.append(t("变更事项（{count}）：", count=len(preview.changed)))
        for change in preview.changed:
            recoded = t("（编码变更）") if change.recoded else ""
            lines.append(f"  ~ {change.code}\t{change.name}{recoded}")
            for field in change.changes:
                lines.append(
                    t(
                        "      {field}：{old} → {new}",
                        field=t(field.label),
                        old=_one_line(field.old),
                        new=_one_line(field.new),
                    )
                )
    if preview.retired:
        lines.append(t("撤销事项（{count}，不删除，在办件不受影响）：", count=len(preview.retired)))
        lines += [f"  - {brief.code}\t{brief.name}" for brief in preview.retired]
    return lines


def _write_problems(path: str, file_name: str, problems: tuple[Problem, ...]) -> None:
    write_problems_workbook(Path(path), file_name, problems)
    print(t("问题清单已保存：{path}", path=path))


def run_import(args: argparse.Namespace, context: CliContext) -> int:
    """Whatever happens, the last line printed is the counts of what was applied."""
    try:
        return _import(args, context)
    except UserError as error:
        code = fail(str(error))
        print(NOTHING_APPLIED)
        return code


def _import(args: argparse.Namespace, context: CliContext) -> int:
    if args.errors_out:
        check_output_path(Path(args.errors_out), ".xlsx")
    actor = context.login(args.user)
    service = CatalogService(context.database())
    source = Path(args.file)
    try:
        preview = service.preview(actor, source)
    except CatalogFileRefused as refusal:
        if args.errors_out:
            _write_problems(args.errors_out, source.name, (Problem(Severity.ERROR, str(refusal)),))
        raise
    for line in format_preview(preview):
        print(line)
    if args.errors_out:
        _write_problems(args.errors_out, preview.file_name, preview.problems)
    if preview.has_errors:
        raise UserError(t("文件有{count}处错误，未导入任何内容", count=len(preview.errors)))
    if args.dry_run:
        print(t("（预览，未导入）"))
        print(preview.summary_words())
        print(preview.summary_line())
        return 0
    try:
        version = service.apply(
            actor,
            preview,
            args.label or source.stem,
            confirmed_retirements=args.confirm_retire,
        )
    except RetirementNotConfirmed as refusal:
        raise UserError(
            t(
                "将撤销{retired}个事项（现有{active}个的三分之一以上），未导入；"
                "确认无误请加 --confirm-retire {retired} 再导入",
                retired=refusal.retired,
                active=refusal.active,
            )
        ) from refusal
    if version is None:
        print(t("与当前目录相同，没有变更，未创建新版本"))
    else:
        print(t("已导入为目录版本 #{id}「{label}」", id=version.id, label=version.label))
    print(preview.summary_words())
    print(preview.summary_line())
    return 0


def run_export(args: argparse.Namespace, context: CliContext) -> int:
    actor = context.login(args.user)
    count = CatalogService(context.database()).export(actor, Path(args.output))
    print(t("已导出{count}个事项：{path}", count=count, path=args.output))
    return 0


def run_search(args: argparse.Namespace, context: CliContext) -> int:
    search = CatalogSearch.load(context.database())
    found = search.search(args.text, limit=args.limit)
    for item in found:
        print(f"{item.code}\t{item.name}")
    if not found:
        print(t("未找到与“{text}”匹配的在用事项", text=args.text), file=sys.stderr)
    return 0
