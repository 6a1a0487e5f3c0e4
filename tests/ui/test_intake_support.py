"""Helpers shared by the window tests (login, main window, intake); this module has no tests.

Chinese text cannot go through ``qtbot.keyClicks`` (Qt aborts on non-ASCII in qasciikey.cpp), so
:func:`type_chinese` sends one key event per character with the character as its text, and
:func:`commit_text` sends what an input method sends when the clerk picks a candidate.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from tests.factories import ItemRef, make_item
from townclerk.db.database import Database
from townclerk.services.access import Actor
from townclerk.services.settings import NamedRow, SettingsService
from townclerk.ui.context import AppContext, DataBus, Session
from townclerk.ui.pages.intake.intake_page import IntakePage

WINDOW_NAME = "综合窗口一"
VILLAGES = ("王集村", "李圩村")


@dataclass
class Env:
    context: AppContext
    window: NamedRow
    villages: list[NamedRow]
    item: ItemRef  # 个体工商户设立登记: 身份证 (required), 申请书 (required, 容缺), 证明
    instant: ItemRef  # 即办件 with one required material


def build_env(db: Database, admin: Actor, clerk: Actor) -> Env:
    settings = SettingsService(db)
    window = settings.add_window(admin, WINDOW_NAME)
    settings.add_window(admin, "综合窗口二")
    villages = [settings.add_village(admin, name) for name in VILLAGES]
    item = make_item(db, legal_basis="《个体工商户条例》第八条")
    instant = make_item(
        db,
        code="320324-MZ-009",
        name="老年人优待证办理",
        department="睢宁县民政局",
        promised_days=0,
        statutory_days=5,
        materials=(("居民身份证", True, False),),
    )
    context = AppContext(db, DataBus())
    context.start_session(Session(clerk, window.id, window.name))
    return Env(context, window, villages, item, instant)


def commit_text(widget: QWidget, text: str) -> None:
    """What a Chinese input method sends when a candidate is chosen: a commit string."""
    event = QInputMethodEvent("", [])
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def show_intake_page(qtbot: QtBot, context: AppContext) -> IntakePage:
    """The intake page at a clerk's usual screen size, shown and exposed."""
    widget = IntakePage(context)
    qtbot.addWidget(widget)
    widget.resize(1366, 760)
    widget.show()
    qtbot.waitExposed(widget)
    return widget
