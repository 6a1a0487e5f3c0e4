"""Logging set-up: a rotating file in the data dir plus stderr for warnings; no database
password reaches either."""

from __future__ import annotations

import logging
import logging.handlers
import re
from io import TextIOWrapper
from pathlib import Path

from townclerk.paths import log_dir
from townclerk.private_files import create_private_file, private_folder, tighten

LOG_FILE = "townclerk.log"

_URL_PASSWORD = re.compile(r"(://[^:/@\s]*:)[^@\s]*@")
_CONNINFO_PASSWORD = re.compile(r"(\bpassword\s*=\s*)('[^']*'|\S+)", re.IGNORECASE)


def redact_passwords(text: str) -> str:
    """``postgresql://u:secret@host`` → ``postgresql://u:***@host`` (and a libpq
    ``password=secret`` → ``password=***``) anywhere in ``text``."""
    return _CONNINFO_PASSWORD.sub(r"\1***", _URL_PASSWORD.sub(r"\1***@", text))


class _RedactingFormatter(logging.Formatter):
    """Whatever a record carries (a driver's message, a traceback), its database passwords are
    hidden before it is written."""

    def format(self, record: logging.LogRecord) -> str:
        return redact_passwords(super().format(record))


class _PrivateRotatingFile(logging.handlers.RotatingFileHandler):
    """A rotating log whose files are 0600 whatever the umask (logs name users and cases)."""

    def _open(self) -> TextIOWrapper:
        create_private_file(Path(self.baseFilename))
        return super()._open()

    def doRollover(self) -> None:
        super().doRollover()
        for number in range(1, self.backupCount + 1):
            tighten(Path(f"{self.baseFilename}.{number}"))


def configure_logging(
    data_dir: Path, *, verbose: bool = False, to_file: bool = True
) -> Path | None:
    """Send every townclerk logger to ``<data dir>/logs/townclerk.log``; return that path.

    Returns None when the folder cannot be written (the caller still runs, logging to stderr),
    or when ``to_file`` is false (a data folder this run must not create).
    """
    root = logging.getLogger("townclerk")
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    for handler in list(root.handlers):
        root.removeHandler(handler)
        handler.close()
    console = logging.StreamHandler()
    console.setLevel(logging.DEBUG if verbose else logging.WARNING)
    console.setFormatter(_RedactingFormatter("%(levelname)s %(name)s: %(message)s"))
    root.addHandler(console)
    if not to_file:
        return None
    folder = log_dir(data_dir)
    try:
        private_folder(data_dir)
        private_folder(folder)
        file_handler = _PrivateRotatingFile(
            folder / LOG_FILE, maxBytes=5_000_000, backupCount=5, encoding="utf-8"
        )
    except OSError:
        return None
    file_handler.setFormatter(
        _RedactingFormatter("%(asctime)s %(levelname)s %(name)s [%(process)d]: %(message)s")
    )
    root.addHandler(file_handler)
    return folder / LOG_FILE
