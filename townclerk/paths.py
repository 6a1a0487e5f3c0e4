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


def saved_file_mode() -> int:
    """The mode of a new file the user saves (an export, a report, a template): 0o666 less the
    user's umask, as any program would create it, so colleagues read it on a shared folder when
    the umask allows. (Temporary files are created 0600 and given this mode before they take the
    file's name.) The data folder's own files do not use this: they stay private."""
    return 0o666 & ~USER_UMASK


def _umask() -> int:
    # Reading the umask by setting it is not thread-safe; Linux says it in /proc.
    try:
        for line in Path("/proc/self/status").read_text(encoding="ascii").splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


# Read once, when townclerk starts: the umask the user's session gave the program, whatever the
# program later sets for its own private files.
USER_UMASK = _umask()


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
