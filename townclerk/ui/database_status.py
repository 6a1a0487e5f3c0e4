"""The status bar's 单机：<file> or 服务器：user@host/database: which database this window uses
(never its password); the whole of it on hover."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from townclerk.db.connection_choice import describe_database
from townclerk.db.database import Database


class DatabaseStatusLabel(QLabel):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("statusDatabase")
        label = describe_database(db.engine.url.render_as_string())
        self.setText(label.short)
        self.setToolTip(label.full)
        self.setAccessibleName(label.full)
