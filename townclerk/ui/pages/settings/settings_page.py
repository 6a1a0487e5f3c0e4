"""The settings page (administrators): the center, issuing bodies, windows, villages, users,
the calendar.

Each tab is its own widget under ``townclerk/ui/widgets/settings_*.py``; a tab is shown only to a
role whose permission covers it (the services check again on every call).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QScrollArea, QTabWidget, QVBoxLayout, QWidget

from townclerk.i18n import pt, t
from townclerk.services.access import Permission
from townclerk.ui.context import AppContext
from townclerk.ui.pages.settings.calendar_tab import CalendarSettings
from townclerk.ui.pages.settings.center_tab import CenterSettingsForm
from townclerk.ui.pages.settings.desks_tab import DesksEditor
from townclerk.ui.pages.settings.exchange_keys_tab import ExchangeKeysEditor
from townclerk.ui.pages.settings.issuing_tab import IssuingBodiesEditor
from townclerk.ui.pages.settings.lists_tab import VillagesEditor, WindowsEditor
from townclerk.ui.pages.settings.users_tab import UsersEditor
from townclerk.ui.pages.settings.village_points_tab import VillagePointsEditor


class SettingsPage(QWidget):
    """Tabs for what an administrator keeps up to date."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("settingsPage")
        self._context = context
        self.tabs = QTabWidget()
        self.tabs.setObjectName("settingsTabs")
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        self.center: CenterSettingsForm | None = None
        self.issuing: IssuingBodiesEditor | None = None
        self.windows: WindowsEditor | None = None
        self.villages: VillagesEditor | None = None
        self.desks: DesksEditor | None = None
        self.users: UsersEditor | None = None
        self.village_points: VillagePointsEditor | None = None
        self.calendar: CalendarSettings | None = None
        self.exchange_keys: ExchangeKeysEditor | None = None
        self._build_tabs()
        context.bus.session_changed.connect(self._build_tabs)

    def _build_tabs(self) -> None:
        """(Re)build the tabs the logged-in user may use."""
        while (widget := self.tabs.widget(0)) is not None:  # each tab's scroll area
            self.tabs.removeTab(0)
            widget.deleteLater()
        self.center = self.windows = self.villages = self.users = self.calendar = None
        self.issuing = self.exchange_keys = self.desks = self.village_points = None
        context = self._context
        if context.can(Permission.MANAGE_SETTINGS):
            self.center = CenterSettingsForm(context)
            self._add_tab(self.center, t("中心信息"))
            self.issuing = IssuingBodiesEditor(context)
            self._add_tab(self.issuing, t("发文机关"))
            self.windows = WindowsEditor(context)
            self._add_tab(self.windows, pt("SettingsPage", "窗口"))
            self.villages = VillagesEditor(context)
            self._add_tab(self.villages, pt("SettingsPage", "村（社区）"))
            self.desks = DesksEditor(context)
            self._add_tab(self.desks, t("后台窗口"))
            self.village_points = VillagePointsEditor(context)
            self._add_tab(self.village_points, t("村便民服务点"))
        if context.can(Permission.MANAGE_USERS):
            self.users = UsersEditor(context)
            self._add_tab(self.users, t("用户"))
        if context.can(Permission.MANAGE_SETTINGS):
            self.calendar = CalendarSettings(context)
            self._add_tab(self.calendar, t("工作日历"))
            self.exchange_keys = ExchangeKeysEditor(context)
            self._add_tab(self.exchange_keys, t("交换密钥"))

    def _add_tab(self, widget: QWidget, title: str) -> None:
        """A tab scrolls up and down when the window is low (1366×768 at 150 %: 512 pixels);
        its widget keeps to the width it is given."""
        scroll = QScrollArea()
        scroll.setObjectName(f"{widget.objectName()}Scroll")
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(widget)
        self.tabs.addTab(scroll, title)

    def show_tab(self, widget: QWidget | None) -> None:
        if widget is not None:
            for index in range(self.tabs.count()):
                tab = self.tabs.widget(index)
                if tab is not None and tab.isAncestorOf(widget):
                    self.tabs.setCurrentIndex(index)
