"""村代办接件: the window's side of the village agents' trips. 接件 ticks in the 交接单 they
bring (each pre-registration accepted or told what is missing through the intake page, or not
received); 返还 sends the results back on a 返还清单 and records their pickup at the point."""

from __future__ import annotations

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from townclerk.i18n import t
from townclerk.ui.context import AppContext
from townclerk.ui.pages.village_arrivals.arrivals_tab import ArrivalsTab
from townclerk.ui.pages.village_arrivals.returns_tab import ReturnsTab


class VillageArrivalsPage(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("villageArrivalsPage")
        self._context = context
        self.arrivals = ArrivalsTab(context)
        self.returns = ReturnsTab(context)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("villageTabs")
        self.tabs.addTab(self.arrivals, t("接件(&1)"))
        self.tabs.addTab(self.returns, t("返还(&2)"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        context.bus.session_changed.connect(self._on_session_changed)

    def is_loading(self) -> bool:
        return self.arrivals.reads.is_running() or self.returns.reads.is_running()

    def reload(self) -> None:
        self.arrivals.reload()
        self.returns.reload()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._context.session is not None:
            self.reload()
        if self.tabs.currentWidget() is self.arrivals:
            self.arrivals.focus_lists()

    def _on_session_changed(self) -> None:
        if self._context.session is not None and self.isVisible():
            self.reload()
