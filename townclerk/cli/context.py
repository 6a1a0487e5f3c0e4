"""What every command needs: where the data is, the opened database, the acting user."""

from __future__ import annotations

import argparse
import getpass
import os
import sys

from townclerk.db.connection_choice import ServerAddress
from townclerk.db.server_passwords import KeyringUnavailable, ServerPasswords
from townclerk.errors import UserError
from townclerk.i18n import t
from townclerk.launch import Launch
from townclerk.services.access import Actor

PASSWORD_ENV = "TOWNCLERK_PASSWORD"
NEW_PASSWORD_ENV = "TOWNCLERK_NEW_PASSWORD"
# The database server's password when the keyring has none: libpq's own variable.
SERVER_PASSWORD_ENV = "PGPASSWORD"


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


def server_password(address: ServerAddress) -> str:
    """The password of this PC's database user: from the keyring, else PGPASSWORD or a prompt."""
    try:
        stored = ServerPasswords().get(address)
    except KeyringUnavailable:
        stored = None
    if stored is not None:
        return stored
    return read_secret(SERVER_PASSWORD_ENV, t("数据库用户 {who} 的密码：", who=address.shown()))


class CliContext(Launch):
    """A run of the command line: the launch options plus logging in as ``--user``."""

    def use_pc_choice(self) -> None:
        """The database this PC's window uses (its stored choice), unless ``--db`` or the
        environment named one for this run."""
        if self.origin.explicit:
            return
        # QtCore's QSettings, as the window keeps them; no window is opened.
        from townclerk.ui.connection_settings import read_choice

        choice = read_choice()
        if choice is None:
            return
        password = server_password(choice.server) if choice.server is not None else None
        self.use_choice(choice, password)

    def login(self, username: str | None) -> Actor:
        """Authenticate ``--user`` with the password from TOWNCLERK_PASSWORD or a prompt."""
        from townclerk.services.users import UserService

        if not username:
            raise UserError(t("该命令需要 --user 指定操作用户"))
        password = read_secret(PASSWORD_ENV, t("{username} 的密码：", username=username))
        return UserService(self.database()).authenticate(username, password)


def add_user_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--user", metavar="NAME", help=t("操作用户（密码取自 {env} 或提示输入）", env=PASSWORD_ENV)
    )
