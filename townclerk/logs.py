"""Logging set-up: a rotating file in the data dir plus stderr for warnings."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

from townclerk.paths import log_dir

LOG_FILE = "townclerk.log"


def configure_logging(data_dir: Path, *, verbose: bool = False) -> Path | None:
    """Send every townclerk logger to ``<data dir>/logs/townclerk.log``; return that path.

    Returns None when the folder cannot be written (the caller still runs, logging to stderr).
    """
    root = logging.getLogger("townclerk")
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    for handler in list(root.handlers):
        root.removeHandler(handler)
        handler.close()
    console = logging.StreamHandler()
    console.setLevel(logging.DEBUG if verbose else logging.WARNING)
    console.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    root.addHandler(console)
    folder = log_dir(data_dir)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        file_handler = logging.handlers.RotatingFileHandler(
            folder / LOG_FILE, maxBytes=5_000_000, backupCount=5, encoding="utf-8"
        )
    except OSError:
        return None
    file_handler.setFormatter(
        logging.Formatter("%(asctime)s %(levelname)s %(name)s [%(process)d]: %(message)s")
    )
    root.addHandler(file_handler)
    return folder / LOG_FILE
