"""UI tests keep the user's Qt settings (window geometry, last folders) in their own folder."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from townclerk.db.database import Database


@pytest.fixture
def db(sqlite_db: Database) -> Database:
    """The screens' tests run on SQLite (the services' tests run on both databases)."""
    return sqlite_db


@pytest.fixture(autouse=True)
def _own_qt_settings(tmp_path: Path) -> None:
    QSettings.setPath(
        QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "qt-settings")
    )
