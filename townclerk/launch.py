"""Where this run's data lives and the database it opens: what the command line and the window
both start from (the CLI parses the options; the window is one of its commands)."""

from __future__ import annotations

import argparse
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Self

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from townclerk.db.connection_choice import ConnectionChoice, UrlOrigin
from townclerk.db.database import Database, open_database
from townclerk.db.engine import is_sqlite, redact_passwords
from townclerk.errors import EnvironmentProblem
from townclerk.i18n import t
from townclerk.logs import configure_logging
from townclerk.paths import DATABASE_URL_ENV, default_data_dir, sqlite_url
from townclerk.private_files import secure_data_folder


@dataclass
class Launch:
    data_dir: Path
    url: str
    lang: str = "zh_CN"
    verbose: bool = False
    # Only ``init`` and the window (its first start) create a database; every other command
    # refuses a data folder without one (a mistyped --data-dir must not become a new center).
    creates: bool = True
    # A URL named by the caller (--db, a test) wins over this PC's stored choice.
    origin: UrlOrigin = UrlOrigin.GIVEN
    _db: Database | None = field(default=None, init=False)

    @classmethod
    def from_args(cls, args: argparse.Namespace, *, creates: bool = True) -> Self:
        """From the global options (``--data-dir``, ``--db``, ``--lang``, ``--verbose``);
        logging is configured for the data folder (to stderr only while it does not exist
        and this run may not create it)."""
        data_dir = Path(args.data_dir) if args.data_dir else default_data_dir()
        from_env = os.environ.get(DATABASE_URL_ENV)
        if args.db:
            url, origin = args.db, UrlOrigin.GIVEN
        elif from_env:
            url, origin = from_env, UrlOrigin.ENVIRONMENT
        else:
            url, origin = sqlite_url(data_dir), UrlOrigin.DEFAULT
        launch = cls(
            data_dir=data_dir,
            url=url,
            lang=args.lang,
            verbose=args.verbose,
            creates=creates,
            origin=origin,
        )
        configure_logging(data_dir, verbose=args.verbose, to_file=creates or data_dir.is_dir())
        return launch

    def use_choice(self, choice: ConnectionChoice, password: str | None) -> None:
        """Use this PC's stored choice (see db/connection_choice.py): its server, logging in
        with ``password``, or the file in the data folder. A URL given for this run wins."""
        if self.origin.explicit:
            return
        self.close()
        server = choice.server
        self.url = sqlite_url(self.data_dir) if server is None else server.url(password)
        self.origin = UrlOrigin.PC_CHOICE

    def database(self, *, migrate: bool = True) -> Database:
        """The opened database; on the first call the data folder is made private and the
        temporary files a killed export or print left in it are removed."""
        if self._db is None:
            self.check_database_exists()
            secure_data_folder(self.data_dir)
            self._db = open_database(self.url, self.data_dir, migrate=migrate)
        return self._db

    def check_database_exists(self) -> None:
        """Refuse a malformed URL, and a SQLite database file that is not there unless this run
        creates one."""
        try:
            make_url(self.url).port  # noqa: B018 -- parsing the port is the check
        except (ArgumentError, ValueError) as error:
            raise EnvironmentProblem(
                t("数据库地址无效，请检查 --db：{reason}", reason=redact_passwords(str(error)))
            ) from None
        if self.creates or not is_sqlite(self.url) or self.data_dir.is_file():
            return  # (a file named as the data folder: open_database says so)
        name = make_url(self.url).database
        if not name or name == ":memory:" or Path(name).is_file():
            return
        if self.url == sqlite_url(self.data_dir):
            message = t(
                "数据目录 {folder} 中没有数据库；"
                "请检查 --data-dir，新建数据库请运行 townclerk init",
                folder=self.data_dir,
            )
        else:
            message = t("数据库文件 {path} 不存在；请检查 --db", path=name)
        raise EnvironmentProblem(message)

    def close(self) -> None:
        if self._db is not None:
            self._db.dispose()
            self._db = None
