"""The pages of the main window, in navigation order.

Adding a page is one entry here: a key, a title marked for translation with
``NP_("Pages", ...)``, a factory taking the AppContext, and the permission a user
needs to see it. Factories import their page lazily so the window starts without loading every
screen's module. A page may define ``focus_search()``: Ctrl+F calls it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from PySide6.QtWidgets import QWidget

from townclerk.i18n import NP_, pt
from townclerk.services.access import Permission
from townclerk.ui.context import AppContext


@runtime_checkable
class SearchablePage(Protocol):
    def focus_search(self) -> None: ...


@dataclass(frozen=True)
class PageSpec:
    key: str
    title: str  # marked with NP_, translated in the "Pages" context
    factory: Callable[[AppContext], QWidget]
    permission: Permission

    def display_title(self) -> str:
        return pt("Pages", self.title)


def _back_office(context: AppContext) -> QWidget:
    from townclerk.ui.pages.back_office.back_office_page import BackOfficePage

    return BackOfficePage(context)


def _intake(context: AppContext) -> QWidget:
    from townclerk.ui.pages.intake.intake_page import IntakePage

    return IntakePage(context)


def _case_list(context: AppContext) -> QWidget:
    from townclerk.ui.pages.cases.cases_page import CaseListPage

    return CaseListPage(context)


def _dispatch(context: AppContext) -> QWidget:
    from townclerk.ui.pages.dispatch.dispatch_page import DispatchPage

    return DispatchPage(context)


def _dashboard(context: AppContext) -> QWidget:
    from townclerk.ui.pages.dashboard.dashboard_page import DashboardPage

    return DashboardPage(context)


def _village_point(context: AppContext) -> QWidget:
    from townclerk.ui.pages.village_point.village_point_page import VillagePointPage

    return VillagePointPage(context)


def _settings(context: AppContext) -> QWidget:
    from townclerk.ui.pages.settings.settings_page import SettingsPage

    return SettingsPage(context)


def _catalog_admin(context: AppContext) -> QWidget:
    from townclerk.ui.pages.catalog.catalog_page import CatalogAdminPage

    return CatalogAdminPage(context)


def _catalog_browser(context: AppContext) -> QWidget:
    from townclerk.ui.pages.catalog_browser.browser_page import CatalogBrowserPage

    return CatalogBrowserPage(context)


def _village_arrivals(context: AppContext) -> QWidget:
    from townclerk.ui.pages.village_arrivals.village_arrivals_page import VillageArrivalsPage

    return VillageArrivalsPage(context)


PAGES: list[PageSpec] = [
    # First: a back-office officer's start page (nobody else may decide at a desk).
    PageSpec("back_office", NP_("Pages", "后台审批"), _back_office, Permission.DECIDE_CASES),
    PageSpec("intake", NP_("Pages", "受理"), _intake, Permission.HANDLE_CASES),
    PageSpec("cases", NP_("Pages", "办件查询"), _case_list, Permission.VIEW_CASES),
    PageSpec("dispatch", NP_("Pages", "出件"), _dispatch, Permission.HANDLE_CASES),
    # A village agent's first page (their only one besides 事项查询).
    PageSpec("village_point", NP_("Pages", "村代办"), _village_point, Permission.PRE_REGISTER),
    PageSpec("dashboard", NP_("Pages", "统计报表"), _dashboard, Permission.VIEW_REPORTS),
    PageSpec("settings", NP_("Pages", "系统设置"), _settings, Permission.MANAGE_SETTINGS),
    PageSpec(
        "catalog",
        NP_("Pages", "事项目录"),
        _catalog_admin,
        Permission.MANAGE_CATALOG,
    ),
    PageSpec(
        "browse",
        NP_("Pages", "事项查询"),
        _catalog_browser,
        Permission.VIEW_CATALOG,
    ),
    PageSpec(
        "village_arrivals",
        NP_("Pages", "村代办接件"),
        _village_arrivals,
        Permission.HANDLE_CASES,
    ),
]
