"""The 村便民服务点 settings tab, driven as an administrator drives it, checked against the
database: a point and its agent added, a point changed and stopped, bad values said beside
the cursor with nothing written."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from tests.keyboard import type_text
from tests.ui.writes import wait_for_writes
from tests.villages import Township
from townclerk.db.database import Database
from townclerk.db.models import VillageAgent, VillagePoint
from townclerk.services.villages import VillageService
from townclerk.ui.context import AppContext, DataBus, Session
from townclerk.ui.pages.settings.settings_page import SettingsPage
from townclerk.ui.pages.settings.village_points_tab import VillagePointsEditor

NEW_AGENT_ID = "320324198509235370"


@pytest.fixture
def town(db: Database) -> Township:
    return Township(db)


@pytest.fixture
def page(qtbot: QtBot, town: Township) -> SettingsPage:
    context = AppContext(town.db, DataBus())
    context.start_session(Session(town.admin, None, ""))
    page = SettingsPage(context)
    qtbot.addWidget(page)
    page.resize(1024, 700)
    page.show()
    qtbot.waitExposed(page)
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    return page


@pytest.fixture
def tab(page: SettingsPage) -> VillagePointsEditor:
    editor = page.village_points
    assert editor is not None
    page.show_tab(editor)
    return editor


def retype(widget: QWidget, text: str) -> None:
    widget.clear()  # type: ignore[attr-defined]
    type_text(widget, text)


def counts(db: Database) -> tuple[int, int]:
    with db.reads() as session:
        return (
            session.scalar(select(func.count()).select_from(VillagePoint)) or 0,
            session.scalar(select(func.count()).select_from(VillageAgent)) or 0,
        )


def test_the_admin_adds_a_point_and_its_agent(
    qtbot: QtBot, tab: VillagePointsEditor, town: Township
) -> None:
    assert [tab.point_table.item(row, 0).text() for row in range(2)] == ["WJ", "LW"]
    tab.village_combo.setCurrentIndex(tab.village_combo.findData(town.spare_village))
    type_text(tab.point_name_edit, "张庄村便民服务点")
    type_text(tab.point_code_edit, "zz")
    type_text(tab.point_phone_edit, "0516 8888 6603")
    tab.add_point_button.click()
    wait_for_writes(qtbot, tab._context)
    assert tab.message.text().endswith("已添加服务点 ZZ 张庄村便民服务点")
    point = tab.selected_point()
    assert point is not None and (point.code, point.phone) == ("ZZ", "0516-88886603")
    assert tab.agents_heading.text() == "“张庄村便民服务点”的代办员"
    type_text(tab.agent_name_edit, "赵明")
    type_text(tab.agent_phone_edit, "13905160003")
    type_text(tab.agent_id_edit, NEW_AGENT_ID)
    type_text(tab.trained_edit, "2026-05-20")
    tab.add_agent_button.click()
    wait_for_writes(qtbot, tab._context)
    assert tab.message.text().endswith("已添加代办员 赵明")
    stored = VillageService(town.db).point(town.admin, point.id)
    [agent] = stored.agents
    assert (agent.name, agent.phone, agent.id_number, agent.trained_on.isoformat()) == (
        "赵明", "13905160003", NEW_AGENT_ID, "2026-05-20",
    )  # fmt: skip
    assert tab.agent_table.item(0, 2).text() == "320324********5370"  # masked on screen


def test_a_point_is_changed_and_stopped(
    qtbot: QtBot, tab: VillagePointsEditor, town: Township
) -> None:
    tab.point_table.selectRow(1)
    assert tab.point_code_edit.text() == "LW"
    retype(tab.point_name_edit, "李圩村为民服务站")
    tab.save_point_button.click()
    wait_for_writes(qtbot, tab._context)
    tab.toggle_point_button.click()
    wait_for_writes(qtbot, tab._context)
    assert tab.message.text().endswith("“李圩村为民服务站”已停用。")
    stored = VillageService(town.db).point(town.admin, town.liwei)
    assert (stored.name, stored.active) == ("李圩村为民服务站", False)
    assert tab.toggle_point_button.text() == "启用服务点"


@pytest.mark.parametrize(
    "field, text, message",
    [
        ("point_code_edit", "王集", "服务点代码应为2至32位字母或数字"),
        ("point_phone_edit", "12345", "联系电话应为11位手机号码"),
    ],
)
def test_a_bad_point_value_is_said_and_the_cursor_goes_there(
    tab: VillagePointsEditor, town: Township, field: str, text: str, message: str
) -> None:
    tab.village_combo.setCurrentIndex(tab.village_combo.findData(town.spare_village))
    type_text(tab.point_name_edit, "张庄村便民服务点")
    type_text(tab.point_code_edit, "ZZ")
    retype(getattr(tab, field), text)
    before = counts(town.db)
    tab.add_point_button.click()
    assert tab.message.is_error and message in tab.message.text()
    assert QApplication.focusWidget() is getattr(tab, field)
    assert counts(town.db) == before


def test_a_taken_code_is_refused_by_the_service(
    qtbot: QtBot, tab: VillagePointsEditor, town: Township
) -> None:
    tab.village_combo.setCurrentIndex(tab.village_combo.findData(town.spare_village))
    type_text(tab.point_name_edit, "张庄村便民服务点")
    type_text(tab.point_code_edit, "WJ")
    before = counts(town.db)
    tab.add_point_button.click()
    wait_for_writes(qtbot, tab._context)
    assert tab.message.is_error
    assert tab.message.text().endswith("服务点代码 WJ 已被“王集村便民服务点”使用")
    assert counts(town.db) == before


@pytest.mark.parametrize(
    "field, text, message",
    [
        ("agent_id_edit", "320324198509235373", "代办员身份证号码校验位不正确"),
        ("agent_phone_edit", "1390516", "代办员联系电话："),
        ("trained_edit", "2026-02-30", "培训日期应为 YYYY-MM-DD 格式"),
        ("trained_edit", "2027-01-01", "培训日期不能晚于今天"),
    ],
)
def test_a_bad_agent_value_is_said_and_nothing_changes(
    tab: VillagePointsEditor, town: Township, field: str, text: str, message: str
) -> None:
    tab.point_table.selectRow(1)
    type_text(tab.agent_name_edit, "王二")
    type_text(tab.agent_phone_edit, "13905160009")
    type_text(tab.agent_id_edit, NEW_AGENT_ID)
    retype(getattr(tab, field), text)
    before = counts(town.db)
    tab.add_agent_button.click()
    assert tab.message.is_error and message in tab.message.text()
    assert QApplication.focusWidget() is getattr(tab, field)
    assert counts(town.db) == before


def test_an_agent_is_stopped(qtbot: QtBot, tab: VillagePointsEditor, town: Township) -> None:
    tab.point_table.selectRow(0)
    tab.agent_table.selectRow(0)
    assert tab.agent_name_edit.text() == "张代办"
    assert tab.login_combo.currentData() == "agent1"
    tab.toggle_agent_button.click()
    wait_for_writes(qtbot, tab._context)
    assert tab.message.text().endswith("代办员 张代办 已停用。")
    [agent] = VillageService(town.db).point(town.admin, town.wangji).agents
    assert not agent.active
