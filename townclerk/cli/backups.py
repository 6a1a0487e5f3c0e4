"""``backup create|list|verify|passphrase`` and ``restore``.

``list`` and ``verify`` read only the backup files, so they work when the database itself is
damaged; ``restore`` checks the admin's password in the current database, or in the backup when
the current one cannot be read.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from townclerk.cli.context import PASSWORD_ENV, CliContext, add_user_option, read_secret
from townclerk.errors import UserError
from townclerk.formats.backups import crypto
from townclerk.formats.backups.manifest import read_manifest
from townclerk.i18n import t
from townclerk.records.backups import BackupInfo
from townclerk.services import backups
from townclerk.services.settings import SettingsService


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    backup = subparsers.add_parser("backup", help=t("备份数据库"))
    actions = backup.add_subparsers(dest="backup_command", metavar="ACTION", required=True)

    create = actions.add_parser("create", help=t("立即备份数据库（管理员）"))
    create.add_argument(
        "-o", "--output-dir", metavar="DIR", help=t("备份到该文件夹（默认为数据目录的 backups/）")
    )
    encryption = create.add_mutually_exclusive_group()
    encryption.add_argument(
        "--encrypt", dest="encrypt", action="store_true", default=None, help=t("加密备份")
    )
    encryption.add_argument(
        "--no-encrypt", dest="encrypt", action="store_false", help=t("不加密（覆盖中心设置）")
    )
    add_user_option(create)
    create.set_defaults(handler=run_create)

    listing = actions.add_parser("list", help=t("列出备份（数据目录和第二备份位置）"))
    listing.add_argument("--dir", metavar="DIR", action="append", help=t("另外列出该文件夹"))
    listing.set_defaults(handler=run_list)

    verify = actions.add_parser("verify", help=t("检查备份文件是否完好"))
    verify.add_argument("file", metavar="FILE")
    verify.set_defaults(handler=run_verify)

    passphrase = actions.add_parser(
        "passphrase", help=t("把备份口令保存到系统密钥环（管理员），供自动加密备份使用")
    )
    add_user_option(passphrase)
    passphrase.set_defaults(handler=run_passphrase)

    restore = subparsers.add_parser(
        "restore", help=t("用备份替换当前数据库（管理员；当前数据库先另存为备份）")
    )
    restore.add_argument("file", metavar="FILE")
    add_user_option(restore)
    restore.set_defaults(handler=run_restore)


def _line(info: BackupInfo) -> str:
    flags = [info.reason, info.engine] + ([t("加密")] if info.encrypted else [])
    return "\t".join(
        [
            info.created_at.strftime("%Y-%m-%d %H:%M:%S"),
            f"{info.size / 1_048_576:.1f} MB",
            ",".join(flags),
            info.schema_revision or "-",
            str(info.path),
        ]
    )


def _passphrase_for(path: Path) -> str | None:
    if not path.is_file() or not crypto.is_encrypted(path):
        return None
    manifest = read_manifest(path)
    stored = backups.backup_passphrase(manifest.center_code) if manifest else None
    return stored or read_secret(backups.PASSPHRASE_ENV, t("备份口令："))


def run_create(args: argparse.Namespace, context: CliContext) -> int:
    actor = context.login(args.user)
    folder = Path(args.output_dir) if args.output_dir else None
    center = SettingsService(context.database()).center()
    encrypt = center.backup_encrypt if args.encrypt is None else args.encrypt
    passphrase = None
    if encrypt:
        passphrase = backups.backup_passphrase(center.center_code) or read_secret(
            backups.PASSPHRASE_ENV, t("备份口令："), confirm=True
        )
    info = backups.create_backup(
        context.database(), actor, folder=folder, encrypt=encrypt, passphrase=passphrase
    )
    print(_line(info))
    return 0


def run_list(args: argparse.Namespace, context: CliContext) -> int:
    folders = backups.backup_folders(context.data_dir)
    try:
        center = SettingsService(context.database()).center()
        folders = backups.backup_folders(context.data_dir, center)
    except UserError:
        pass  # a damaged database: its own folder's backups are what is needed most
    folders += [Path(folder) for folder in args.dir or []]
    found = backups.list_backups(folders)
    for info in found:
        print(_line(info))
    if not found:
        print(t("没有找到备份：{folders}", folders="、".join(str(f) for f in folders)))
    return 0


def run_verify(args: argparse.Namespace, context: CliContext) -> int:
    path = Path(args.file)
    report = backups.verify_backup(path, context.data_dir, _passphrase_for(path))
    if not report.ok:
        raise UserError(
            t("备份 {path} 有问题：{problems}", path=path, problems="；".join(report.problems))
        )
    total = sum(report.row_counts.values())
    print(
        t(
            "备份完好：{path}（结构版本 {version}，{tables} 张表，共 {rows} 行）",
            path=path,
            version=report.schema_revision or "-",
            tables=len(report.row_counts),
            rows=total,
        )
    )
    return 0


def run_passphrase(args: argparse.Namespace, context: CliContext) -> int:
    actor = context.login(args.user)
    center = SettingsService(context.database()).center()
    passphrase = read_secret(backups.PASSPHRASE_ENV, t("新的备份口令："), confirm=True)
    backups.store_backup_passphrase(context.database(), actor, center.center_code, passphrase)
    print(t("备份口令已保存到系统密钥环"))
    return 0


def run_restore(args: argparse.Namespace, context: CliContext) -> int:
    if not args.user:
        raise UserError(t("该命令需要 --user 指定管理员"))
    path = Path(args.file)
    passphrase = _passphrase_for(path)
    password = read_secret(PASSWORD_ENV, t("{username} 的密码：", username=args.user))
    context.close()
    result = backups.restore_backup(
        context.url, context.data_dir, path, args.user, password, passphrase=passphrase
    )
    print(
        t(
            "已从 {path} 恢复数据库（恢复前的数据库另存为 {kept}）",
            path=result.restored_from,
            kept=result.kept_as or t("（无）"),
        )
    )
    return 0
