"""The band across the top of the main window while the database server cannot be reached.

Shown on ``bus.connection_lost``, hidden on ``bus.connection_restored`` (ui/live_updates.py
retries by itself). Nothing else on the window changes: every page keeps what was typed and
every dialog stays open, so the clerk carries on once the band is gone.
"""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QWidget

from townclerk.i18n import t
from townclerk.ui import style
from townclerk.ui.context import DataBus


class ConnectionBanner(QFrame):
    def __init__(self, bus: DataBus, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("connectionBanner")
        self.setStyleSheet(
            style.frame_style(
                "connectionBanner", style.WARNING_FILL, style.WARNING_BORDER, radius=0
            )
        )
        self.label = QLabel(t("连接中断，正在重试…"))
        self.label.setObjectName("connectionBannerText")
        self.label.setStyleSheet(style.text_style(style.TEXT, bold=True))
        self.label.setWordWrap(True)
        self.hint = QLabel(t("已填写的内容会保留；连接恢复后请重新保存未保存的操作。"))
        self.hint.setObjectName("connectionBannerHint")
        self.hint.setStyleSheet(style.text_style(style.TEXT))
        self.hint.setWordWrap(True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 6, 12, 6)
        layout.addWidget(self.label)
        layout.addWidget(self.hint, 1)
        self.setAccessibleName(t("连接中断，正在重试…"))
        self.hide()
        bus.connection_lost.connect(self.show)
        bus.connection_restored.connect(self.hide)
