"""What every command needs: where the data is, the opened database, the acting user."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

from townclerk.db.database import Database, open_database
from townclerk.errors import UserError
from townclerk.i18n import t
from townclerk.logs import configure_logging
from townclerk.paths import DATABASE_URL_ENV, default_data_dir, sqlite_url
from townclerk.services.access import Actor

PASSWORD_ENV = "TOWNCLERK_PASSWORD"
NEW_PASSWORD_ENV = "TOWNCLERK_NEW_PASSWORD"


def fail(message: str, code: int = 1) -> int:
    """Print one plain line on stderr and return the exit code."""
    print(f"townclerk: {message}", file=sys.stderr)
    return code


def read_secret(env_name: str, prompt: str, *, confirm: bool = False) -> str:
    value = os.environ.get(env_name)
    if value is not None:
        return value
    if not sys.stdin.isatty():
        raise UserError(t("请通过环境变量 {env} 提供密码（当前没有可交互的终端）", env=env_name))
    value = getpass.getpass(prompt)
    if confirm and getpass.getpass(t("再次输入：")) != value:
        raise UserError(t("两次输入的密码不一致"))
    return value


@dataclass
class CliContext:
    data_dir: Path
    url: str
    lang: str = "zh_CN"
    verbose: bool = False
    _db: Database | None = field(default=None, init=False)

    @classmethod
    def from_args(cls, args: argparse.Namespace) -> CliContext:
        data_dir = Path(args.data_dir) if args.data_dir else default_data_dir()
        url = args.db or os.environ.get(DATABASE_URL_ENV) or sqlite_url(data_dir)
        context = cls(data_dir=data_dir, url=url, lang=args.lang, verbose=args.verbose)
        configure_logging(data_dir, verbose=args.verbose)
        return context

    def database(self, *, migrate: bool = True) -> Database:
        if self._db is None:
            self._db = open_database(self.url, self.data_dir, migrate=migrate)
        return self._db

    def login(self, username: str | None) -> Actor:
        """Authenticate ``--user`` with the password from TOWNCLERK_PASSWORD or a prompt."""
        from townclerk.services.users import UserService

        if not username:
            raise UserError(t("该命令需要 --user 指定操作用户"))
        password = read_secret(PASSWORD_ENV, t("{username} 的密码：", username=username))
        return UserService(self.database()).authenticate(username, password)

    def close(self) -> None:
        if self._db is not None:
            self._db.dispose()
            self._db = None


def add_user_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--user", metavar="NAME", help=t("操作用户（密码取自 {env} 或提示输入）", env=PASSWORD_ENV)
    )
