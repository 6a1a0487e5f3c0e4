"""``settings show``, ``settings set KEY VALUE`` and ``settings issuing-body list|set|remove``."""

from __future__ import annotations

import argparse

from townclerk.cli.context import CliContext, add_user_option
from townclerk.enums import PowerSource
from townclerk.i18n import t
from townclerk.services.issuing import IssuingService
from townclerk.services.settings import (
    LIST_SEPARATOR,
    SettingsService,
    center_setting_keys,
    setting_text,
)


def parse_power_source(text: str) -> PowerSource:
    """A 权力来源 by its code (entrusted_from_above) or its Chinese name (上级委托)."""
    for source in PowerSource:
        if text.strip() in (source.value, source.label):
            return source
    choices = t("、").join(f"{s.value}（{s.label}）" for s in PowerSource)
    raise argparse.ArgumentTypeError(
        t("未知权力来源 {text}；可选：{choices}", text=text, choices=choices)
    )


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    settings = subparsers.add_parser("settings", help=t("中心设置和发文机关"))
    commands = settings.add_subparsers(dest="settings_command", metavar="ACTION", required=True)
    show = commands.add_parser("show", help=t("列出全部中心设置，每行一项：键 = 值"))
    add_user_option(show)
    show.set_defaults(handler=run_show)
    change = commands.add_parser(
        "set",
        help=t("修改一项中心设置（需管理员）；列表用“{separator}”分隔", separator=LIST_SEPARATOR),
    )
    change.add_argument("key", metavar="KEY", help=", ".join(center_setting_keys()))
    change.add_argument("value", metavar="VALUE")
    add_user_option(change)
    change.set_defaults(handler=run_set)

    bodies = commands.add_parser("issuing-body", help=t("发文机关规则（按权力来源和实施部门）"))
    actions = bodies.add_subparsers(dest="issuing_command", metavar="ACTION", required=True)
    listing = actions.add_parser(
        "list", help=t("列出规则：权力来源<TAB>实施部门<TAB>发文机关<TAB>印章文字")
    )
    add_user_option(listing)
    listing.set_defaults(handler=run_list_rules)
    sources = t("、").join(f"{s.value}（{s.label}）" for s in PowerSource)
    rule = actions.add_parser("set", help=t("添加或修改一条规则（需管理员）"))
    rule.add_argument("power_source", type=parse_power_source, help=sources)
    rule.add_argument("name", help=t("发文机关，如 睢宁县民政局"))
    rule.add_argument(
        "--department", default="", help=t("实施部门（原实施部门）；不填则适用于所有部门")
    )
    rule.add_argument("--seal", default="", help=t("印章文字；不填则与发文机关相同"))
    add_user_option(rule)
    rule.set_defaults(handler=run_set_rule)
    remove = actions.add_parser("remove", help=t("删除一条规则（需管理员）"))
    remove.add_argument("power_source", type=parse_power_source, help=sources)
    remove.add_argument("--department", default="", help=t("实施部门；不填为适用于所有部门的规则"))
    add_user_option(remove)
    remove.set_defaults(handler=run_remove_rule)


def run_show(args: argparse.Namespace, context: CliContext) -> int:
    context.login(args.user)
    center = SettingsService(context.database()).center()
    for key in center_setting_keys():
        print(f"{key} = {setting_text(center, key)}")
    return 0


def run_set(args: argparse.Namespace, context: CliContext) -> int:
    actor = context.login(args.user)
    service = SettingsService(context.database())
    service.set_center_value(actor, args.key, args.value)
    print(f"{args.key} = {setting_text(service.center(), args.key)}")
    return 0


def run_list_rules(args: argparse.Namespace, context: CliContext) -> int:
    context.login(args.user)
    for rule in IssuingService(context.database()).rules():
        department = rule.department or t("（所有部门）")
        print(f"{rule.power_source.value}\t{department}\t{rule.name}\t{rule.seal_text}")
    return 0


def run_set_rule(args: argparse.Namespace, context: CliContext) -> int:
    actor = context.login(args.user)
    rule = IssuingService(context.database()).set_rule(
        actor, args.power_source, args.department, args.name, args.seal
    )
    print(
        t(
            "已设定：{source} {department} → {name}（印章：{seal}）",
            source=t(rule.power_source.label),
            department=rule.department or t("（所有部门）"),
            name=rule.name,
            seal=rule.seal_text,
        )
    )
    return 0


def run_remove_rule(args: argparse.Namespace, context: CliContext) -> int:
    actor = context.login(args.user)
    service = IssuingService(context.database())
    rule = service.find_rule(args.power_source, args.department)
    service.remove_rule(actor, rule.id)
    print(
        t(
            "已删除：{source} {department} → {name}",
            source=t(rule.power_source.label),
            department=rule.department or t("（所有部门）"),
            name=rule.name,
        )
    )
    return 0
