#!/usr/bin/env python3
"""Screenshots of the case list, the settings page and the working-day calendar, headless.

    QT_QPA_PLATFORM=offscreen python scripts/screenshot_pages.py docs/screenshots

:func:`save_case_list_and_settings` writes case_list.png, settings.png and calendar.png from a
fresh demo database (demo users, windows, villages, the sample catalog, a few hundred synthetic
cases and one case with a tolerated material and a correction) at a fixed date, in Chinese.
scripts/screenshots.py calls it beside its own shots.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import QThreadPool

from townclerk.db.database import Database, open_database
from townclerk.enums import ApplicantKind, IdType, MaterialState
from townclerk.paths import sqlite_url
from townclerk.records.cases import ApplicantInput, Intake, MaterialInput
from townclerk.records.changes import DataArea
from townclerk.services.catalog import CatalogService
from townclerk.services.demo import DEMO_PASSWORD, generate_cases, install_demo
from townclerk.services.settings import SettingsService
from townclerk.services.users import UserService
from townclerk.ui.app import create_application
from townclerk.ui.context import AppContext, DataBus, Session
from townclerk.ui.main_window import MainWindow
from townclerk.ui.pages.cases.cases_page import CaseListPage
from townclerk.ui.pages.settings.settings_page import SettingsPage
from townclerk.validation import id_check_character

SCREENSHOT_TIME = dt.datetime(2026, 9, 29, 10, 30)
WINDOW_SIZE = (1366, 768)  # the most common screen at a township window
SYNTHETIC_CASES = 360
RECENT_CASES = 60
SHOWN_ITEM = "农村村民宅基地审批"
from screenshot_support import Clock, close, grab, settle  # noqa: E402


def case_with_a_history(db: Database, clock: Clock) -> str:
    """A homestead application accepted last week with a tolerated material and a correction."""
    catalog = CatalogService(db)
    item = next(summary for summary in catalog.items() if summary.name == SHOWN_ITEM)
    materials = catalog.item(item.id).materials
    tolerated = next(m for m in materials if m.tolerance_allowed)
    states = tuple(
        MaterialInput(m.id, MaterialState.TOLERATED, dt.date(2026, 10, 16))
        if m is tolerated
        else MaterialInput(m.id, MaterialState.RECEIVED)
        for m in materials
        if m.required
    )
    first17 = "32032419880612421"
    intake = Intake(
        item_id=item.id,
        applicant=ApplicantInput(
            kind=ApplicantKind.PERSON,
            id_type=IdType.RESIDENT_ID,
            id_number=first17 + id_check_character(first17),
            name="赵丽娟",
            phone="13852167788",
            address="3组12号",
            village_id=SettingsService(db).villages()[2].id,
        ),
        materials=states,
        window_id=SettingsService(db).windows()[0].id,
    )
    context = AppContext(db, DataBus())
    clerk = context.users.authenticate("clerk1", DEMO_PASSWORD)
    clock.now = dt.datetime(2026, 9, 22, 9, 12)
    number = context.cases.accept(clerk, intake).number
    clock.now = dt.datetime(2026, 9, 23, 15, 40)
    context.cases.start_correction(clerk, number, "相邻权利人界址确认书缺东邻签字，请补正")
    clock.now = dt.datetime(2026, 9, 28, 10, 5)
    context.cases.end_correction(clerk, number, "申请人已补交签字齐全的确认书")
    clock.now = SCREENSHOT_TIME
    return number


def logged_in_window(db: Database, username: str) -> tuple[AppContext, MainWindow]:
    context = AppContext(db, DataBus())
    actor = context.users.authenticate(username, DEMO_PASSWORD)
    window_row = context.settings.windows()[0]
    context.start_session(Session(actor, window_row.id, window_row.name))
    window = MainWindow(context)
    window.resize(*WINDOW_SIZE)
    window.show()
    settle()
    return context, window


def save_case_list_and_settings(folder: Path) -> list[Path]:
    """Write case_list.png, settings.png and calendar.png into ``folder``; return their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    create_application("zh_CN")
    written = []
    with tempfile.TemporaryDirectory(prefix="townclerk-screenshots-") as temporary:
        data_dir = Path(temporary)
        clock = Clock(SCREENSHOT_TIME)
        db = open_database(sqlite_url(data_dir), data_dir, clock=clock)
        try:
            install_demo(db)
            # Cases are listed newest first by id: write the history in the order it happened.
            clock.now = dt.datetime(2026, 9, 21, 17, 0)
            admin = UserService(db).authenticate("admin", DEMO_PASSWORD)
            generate_cases(db, admin, cases=SYNTHETIC_CASES, days=40)
            shown = case_with_a_history(db, clock)
            generate_cases(db, admin, cases=RECENT_CASES, days=7, seed=2)

            context, window = logged_in_window(db, "clerk1")
            page = window.show_page("cases")
            assert isinstance(page, CaseListPage)
            settle()
            page.select_number(shown)
            settle()
            written.append(grab(window, folder / "case_list.png"))
            close(window)

            context, window = logged_in_window(db, "admin")
            admin = context.actor
            context.settings.set_day(admin, dt.date(2026, 11, 4), False, "镇庙会，窗口暂停对外服务")
            context.settings.set_day(admin, dt.date(2026, 12, 26), True, "年终集中办理日")
            context.bus.data_changed.emit(DataArea.SETTINGS, None)  # written behind the screens
            settings = window.show_page("settings")
            assert isinstance(settings, SettingsPage)
            settle()
            written.append(grab(window, folder / "settings.png"))
            settings.show_tab(settings.calendar)
            settle()
            written.append(grab(window, folder / "calendar.png"))
            close(window)
        finally:
            QThreadPool.globalInstance().waitForDone(10_000)
            db.dispose()
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="where to write the PNG files")
    args = parser.parse_args(argv)
    for path in save_case_list_and_settings(args.folder):
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
