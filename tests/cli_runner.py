"""Running ``townclerk`` commands in the test's own process, as a user at a terminal would."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from townclerk.cli import main
from townclerk.paths import DATABASE_URL_ENV, sqlite_url

ADMIN_PASSWORD = "Admin2026x"  # the admin ``boss`` of the ``initialised`` data folder


def database_url(data_dir: Path) -> str:
    """The database the commands of a test reach: TOWNCLERK_DATABASE_URL when the test runs on
    PostgreSQL, else the data folder's SQLite file (what ``townclerk`` itself decides)."""
    return os.environ.get(DATABASE_URL_ENV) or sqlite_url(data_dir)


def run_cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """``townclerk ARGS``: the exit code (2 for argparse's usage error), stdout and stderr."""
    try:
        code = main(list(args))
    except SystemExit as exit_info:  # argparse: a usage error, or --version
        code = int(exit_info.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def initialised_center(
    folder: Path,
    password: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> Path:
    """``folder`` after ``townclerk init --admin boss`` with ``password``."""
    monkeypatch.setenv("TOWNCLERK_PASSWORD", password)
    code, out, _ = run_cli(capsys, "--data-dir", str(folder), "init", "--admin", "boss")
    assert code == 0 and "boss" in out
    return folder
