"""Where townclerk keeps its data and finds its resources, frozen (PyInstaller) or not."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

APP_NAME = "townclerk"
DATABASE_FILE = "townclerk.sqlite3"
DATABASE_URL_ENV = "TOWNCLERK_DATABASE_URL"
DATA_DIR_ENV = "TOWNCLERK_DATA_DIR"


def resource_root() -> Path:
    """The folder holding ``resources/``: the bundle's folder when frozen, else the repository."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root)
    return Path(__file__).resolve().parent.parent


def resource_path(*parts: str) -> Path:
    """A file under ``resources/``, e.g. ``resource_path("fonts", "wqy-microhei.ttc")``."""
    return resource_root().joinpath("resources", *parts)


def default_data_dir() -> Path:
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        return Path(override)
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def sqlite_url(data_dir: Path) -> str:
    return f"sqlite:///{(data_dir / DATABASE_FILE).as_posix()}"


def log_dir(data_dir: Path) -> Path:
    return data_dir / "logs"


def documents_dir(data_dir: Path) -> Path:
    return data_dir / "documents"


def backups_dir(data_dir: Path) -> Path:
    return data_dir / "backups"
