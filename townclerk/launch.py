"""Where this run's data lives and the database it opens: what the command line and the window
both start from (the CLI parses the options; the window is one of its commands)."""

from __future__ import annotations

import argparse
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Self

from townclerk.db.database import Database, open_database
from townclerk.logs import configure_logging
from townclerk.paths import DATABASE_URL_ENV, default_data_dir, sqlite_url


@dataclass
class Launch:
    data_dir: Path
    url: str
    lang: str = "zh_CN"
    verbose: bool = False
    _db: Database | None = field(default=None, init=False)

    @classmethod
    def from_args(cls, args: argparse.Namespace) -> Self:
        """From the global options (``--data-dir``, ``--db``, ``--lang``, ``--verbose``);
        logging is configured for the data folder."""
        data_dir = Path(args.data_dir) if args.data_dir else default_data_dir()
        url = args.db or os.environ.get(DATABASE_URL_ENV) or sqlite_url(data_dir)
        launch = cls(data_dir=data_dir, url=url, lang=args.lang, verbose=args.verbose)
        configure_logging(data_dir, verbose=args.verbose)
        return launch

    def database(self, *, migrate: bool = True) -> Database:
        if self._db is None:
            self._db = open_database(self.url, self.data_dir, migrate=migrate)
        return self._db

    def close(self) -> None:
        if self._db is not None:
            self._db.dispose()
            self._db = None
