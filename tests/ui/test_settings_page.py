"""The settings page, driven as an administrator drives it, checked against the database."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QAbstractButton, QMessageBox, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from tests.keyboard import type_text
from tests.people import CENTER_CODE, PASSWORD
from tests.ui.writes import wait_for_writes
from townclerk.db.database import Database
from townclerk.db.models import AuditEntry
from townclerk.enums import PowerSource, Role
from townclerk.errors import AuthenticationFailed
from townclerk.records.changes import DataArea
from townclerk.services.access import Actor
from townclerk.services.issuing import IssuingService
from townclerk.services.settings import SettingsService
from townclerk.services.users import UserService
from townclerk.ui.context import AppContext, DataBus, Session
from townclerk.ui.pages.settings import center_tab as settings_center
from townclerk.ui.pages.settings.calendar_tab import CalendarSettings, DayOverrideDialog
from townclerk.ui.pages.settings.calendar_year import MonthGrid
from townclerk.ui.pages.settings.settings_page import SettingsPage
from townclerk.ui.pages.settings.users_tab import ResetPasswordDialog
from townclerk.workdays import last_official_year

# The offscreen platform reports every top-level window's size hints as unsupported.


def retype(widget: QWidget, text: str) -> None:
    widget.clear()  # type: ignore[attr-defined]
    type_text(widget, text)


def click(qtbot: QtBot, widget: QWidget) -> None:
    """Click inside the widget's own content: a radio button stretched wider than its label
    does not react to a click beyond it."""
    spot = widget.rect().center()
    if isinstance(widget, QAbstractButton):
        spot.setX(min(spot.x(), widget.sizeHint().width() // 2))
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=spot)


def write(qtbot: QtBot, context: AppContext, button: QWidget) -> None:
    """Click a button that writes, and wait until the write has reported (on a worker thread)."""
    click(qtbot, button)
    wait_for_writes(qtbot, context)


def make_context(db: Database, actor: Actor) -> AppContext:
    context = AppContext(db, DataBus())
    context.session = Session(actor, None, "")
    return context


@pytest.fixture
def context(qtbot: QtBot, db: Database, admin: Actor) -> AppContext:
    return make_context(db, admin)


@pytest.fixture
def page(qtbot: QtBot, context: AppContext) -> SettingsPage:
    page = SettingsPage(context)
    qtbot.addWidget(page)
    page.resize(1300, 800)
    page.show()
    return page


# --- the center ------------------------------------------------------------------------------
def test_admin_edits_the_center_settings(
    qtbot: QtBot,
    db: Database,
    page: SettingsPage,
    context: AppContext,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    form = page.center
    assert form is not None
    page.show_tab(form)
    assert form.code_edit.text() == CENTER_CODE
    retype(form.name_edit, "睢宁县双沟镇为民服务中心")
    retype(form.code_edit, "320324102")
    retype(form.phone_edit, "0516 8888 0000")
    retype(form.address_edit, "双沟镇人民路8号")
    retype(form.footer_edit, "凭本通知书领取结果")
    form.paper_combo.setCurrentText("A5")
    click(qtbot, form.two_part_check)
    form.idle_spin.setValue(15)
    form.warning_spin.setValue(3)
    form.review_spin.setValue(8)
    asked: list[str] = []

    def answer(_parent: object, title: str, *_args: object) -> QMessageBox.StandardButton:
        asked.append(title)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(settings_center.QMessageBox, "question", answer)
    with qtbot.waitSignal(context.bus.data_changed) as announced:
        write(qtbot, context, form.save_button)
    assert announced.args == [DataArea.SETTINGS, form]  # the form need not reload itself
    assert asked == ["更改中心代码？"]  # the code starts every case number
    stored = SettingsService(db).center()
    assert stored.center_name == "睢宁县双沟镇为民服务中心"
    assert stored.center_code == "320324102"
    assert stored.phone == "0516-88880000"  # normalised
    assert stored.address == "双沟镇人民路8号"
    assert stored.receipt_footer == "凭本通知书领取结果"
    assert (stored.paper_size, stored.two_part) == ("A5", True)
    assert (stored.idle_lock_minutes, stored.warning_days) == (15, 3)
    assert stored.review_days == 8
    assert not form.message.is_error
    assert form.phone_edit.text() == "0516-88880000"


def test_a_new_center_code_not_confirmed_changes_nothing(
    qtbot: QtBot,
    db: Database,
    page: SettingsPage,
    monkeypatch: pytest.MonkeyPatch,
    context: AppContext,
) -> None:
    before = SettingsService(db).center()
    form = page.center
    assert form is not None
    monkeypatch.setattr(
        settings_center.QMessageBox, "question", lambda *_args: QMessageBox.StandardButton.No
    )
    retype(form.code_edit, "320324102")
    retype(form.address_edit, "新地址")
    write(qtbot, context, form.save_button)
    assert SettingsService(db).center() == before


FIELD_NAMES = {"code_edit": "center_code", "name_edit": "center_name", "phone_edit": "phone"}


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("code_edit", "12345", "中心代码应为9位或12位数字的行政区划代码，如 320324101"),
        ("name_edit", "", "请填写中心名称"),
        ("phone_edit", "12345", "联系电话应为11位手机号码，或带区号的固定电话（如 0516-88881234）"),
    ],
)
def test_bad_center_settings_are_refused_and_nothing_changes(
    qtbot: QtBot,
    db: Database,
    page: SettingsPage,
    field: str,
    value: str,
    message: str,
    context: AppContext,
) -> None:
    before = SettingsService(db).center()
    form = page.center
    assert form is not None
    retype(form.address_edit, "新地址")  # a valid edit in the same save is not stored either
    retype(getattr(form, field), value)
    write(qtbot, context, form.save_button)
    # Beside its field (the row under it), not at the foot of the page.
    beside = form.field_messages[FIELD_NAMES[field]]
    assert beside.is_error and beside.isVisibleTo(form)
    assert beside.text() == "✗ " + message
    edit = getattr(form, field)
    gap = beside.mapTo(form, QPoint(0, 0)).y() - edit.mapTo(form, QPoint(0, edit.height())).y()
    assert 0 <= gap < 20
    assert not form.message.text()
    assert SettingsService(db).center() == before
    click(qtbot, form.revert_button)
    assert form.address_edit.text() == before.address
    assert form.code_edit.text() == before.center_code


# --- windows and villages --------------------------------------------------------------------
def test_add_disable_and_enable_a_window(
    qtbot: QtBot, db: Database, page: SettingsPage, context: AppContext
) -> None:
    editor = page.windows
    assert editor is not None
    settings = SettingsService(db)
    write(qtbot, context, editor.add_button)
    assert editor.message.text() == "✗ 请填写窗口名称"
    assert settings.windows(include_inactive=True) == []

    type_text(editor.name_edit, "综合窗口三")
    write(qtbot, context, editor.add_button)
    [window] = settings.windows(include_inactive=True)
    assert (window.name, window.active) == ("综合窗口三", True)
    assert editor.name_edit.text() == ""
    assert editor.table.item(0, 0).text() == "综合窗口三"

    type_text(editor.name_edit, "综合窗口三")
    write(qtbot, context, editor.add_button)
    assert editor.message.text() == "✗ 窗口“综合窗口三”已存在"
    assert len(settings.windows(include_inactive=True)) == 1

    editor.table.selectRow(0)
    assert editor.toggle_button.text() == "停用"
    write(qtbot, context, editor.toggle_button)
    assert settings.windows() == []  # gone from the pickers
    assert settings.windows(include_inactive=True)[0].active is False
    assert editor.table.item(0, 1).text() == "已停用"
    assert editor.toggle_button.text() == "启用"
    write(qtbot, context, editor.toggle_button)
    assert settings.windows()[0].name == "综合窗口三"


def test_add_a_village_with_and_without_a_code(
    qtbot: QtBot, db: Database, page: SettingsPage, context: AppContext
) -> None:
    editor = page.villages
    assert editor is not None
    settings = SettingsService(db)
    type_text(editor.name_edit, "王集村")
    qtbot.keyClicks(editor.code_edit, "123")
    write(qtbot, context, editor.add_button)
    assert editor.message.text() == "✗ 村（社区）代码应为12位数字"
    assert settings.villages(include_inactive=True) == []
    assert editor.name_edit.text() == "王集村"  # kept for the clerk to fix the code

    editor.code_edit.clear()
    qtbot.keyClicks(editor.code_edit, "320324101201")
    write(qtbot, context, editor.add_button)
    type_text(editor.name_edit, "东街社区")
    write(qtbot, context, editor.add_button)
    villages = settings.villages(include_inactive=True)
    assert [(v.name, v.code, v.active) for v in villages] == [
        ("王集村", "320324101201", True),
        ("东街社区", "", True),
    ]
    assert editor.table.item(0, 1).text() == "320324101201"
    editor.table.selectRow(1)
    write(qtbot, context, editor.toggle_button)
    assert [v.name for v in settings.villages()] == ["王集村"]


# --- users -----------------------------------------------------------------------------------
def test_add_a_user_with_a_role(
    qtbot: QtBot, db: Database, page: SettingsPage, context: AppContext
) -> None:
    editor = page.users
    assert editor is not None
    page.show_tab(editor)
    users = UserService(db)
    qtbot.keyClicks(editor.username_edit, "chenjing")
    type_text(editor.display_edit, "陈静")
    editor.role_combo.setCurrentIndex(editor.role_combo.findData(Role.SUPERVISOR))
    qtbot.keyClicks(editor.password_edit, "chen2026ok")
    qtbot.keyClicks(editor.repeat_edit, "chen2026no")
    # The rule is shown before any try.
    assert editor.password_rule.text() == "密码至少8个字符，须同时包含字母和数字"
    assert editor.password_rule.isVisibleTo(editor)
    write(qtbot, context, editor.add_button)
    assert editor.add_message.text() == "✗ 两次输入的密码不一致"
    assert [u.username for u in users.list_users(context.actor)] == ["admin"]

    editor.repeat_edit.clear()
    qtbot.keyClicks(editor.repeat_edit, "chen2026ok")
    with qtbot.waitSignal(context.bus.data_changed) as announced:
        editor.repeat_edit.setFocus()
        qtbot.keyClick(editor.repeat_edit, Qt.Key.Key_Return)  # Enter adds the user
        wait_for_writes(qtbot, context)
    assert announced.args == [DataArea.USERS, None]
    actor = users.authenticate("chenjing", "chen2026ok")
    assert (actor.display_name, actor.role) == ("陈静", Role.SUPERVISOR)
    assert editor.username_edit.text() == "" and editor.password_edit.text() == ""
    assert [editor.table.item(row, 0).text() for row in range(editor.table.rowCount())] == [
        "admin",
        "chenjing",
    ]

    qtbot.keyClicks(editor.username_edit, "wang")
    qtbot.keyClicks(editor.password_edit, "short1")
    qtbot.keyClicks(editor.repeat_edit, "short1")
    write(qtbot, context, editor.add_button)
    assert editor.add_message.text() == "✗ 密码至少需要8个字符"
    assert len(users.list_users(context.actor)) == 2


def test_disable_enable_and_reset_a_users_password(
    qtbot: QtBot, db: Database, clerk: Actor, page: SettingsPage, context: AppContext
) -> None:
    editor = page.users
    assert editor is not None
    users = UserService(db)
    editor.select_username("admin")
    write(qtbot, context, editor.toggle_button)
    assert editor.message.text() == "✗ 不能停用当前登录的用户"

    editor.select_username("clerk1")
    write(qtbot, context, editor.toggle_button)
    with pytest.raises(AuthenticationFailed, match="该用户已被停用"):
        users.authenticate("clerk1", PASSWORD)
    assert editor.selected_user() is not None
    assert editor.toggle_button.text() == "启用"
    write(qtbot, context, editor.toggle_button)
    assert users.authenticate("clerk1", PASSWORD).id == clerk.id

    click(qtbot, editor.reset_button)
    dialog = editor.active_dialog
    assert isinstance(dialog, ResetPasswordDialog) and dialog.isVisible()
    qtbot.keyClicks(dialog.password_edit, "newpass2026")
    qtbot.keyClicks(dialog.repeat_edit, "newpass2026")
    write(qtbot, context, dialog.confirm_button)
    assert editor.active_dialog is None
    assert users.authenticate("clerk1", "newpass2026").id == clerk.id
    assert editor.message.text() == "✓ 用户 clerk1 的密码已重置。"


def test_lift_a_users_login_delay(
    qtbot: QtBot, db: Database, clerk: Actor, page: SettingsPage, context: AppContext
) -> None:
    editor = page.users
    assert editor is not None
    users = UserService(db)
    for _ in range(2):
        with pytest.raises(AuthenticationFailed):
            users.authenticate("clerk1", "wrong-pass1")
    editor.reload()
    editor.select_username("admin")
    assert not editor.unlock_button.isEnabled()  # nothing to lift
    editor.select_username("clerk1")
    row = editor.table.currentRow()
    assert editor.table.item(row, 4).text() != ""
    assert editor.unlock_button.isEnabled()

    write(qtbot, context, editor.unlock_button)

    assert editor.message.text() == "✓ clerk1 可以立即登录。"
    assert editor.table.item(editor.table.currentRow(), 4).text() == ""
    assert users.authenticate("clerk1", PASSWORD).id == clerk.id


def test_a_weak_reset_password_is_refused_in_the_dialog(
    qtbot: QtBot, db: Database, clerk: Actor, page: SettingsPage, context: AppContext
) -> None:
    editor = page.users
    assert editor is not None
    editor.select_username("clerk1")
    dialog = editor.open_reset_dialog()
    assert dialog is not None
    qtbot.keyClicks(dialog.password_edit, "12345678")
    qtbot.keyClicks(dialog.repeat_edit, "12345678")
    # Ctrl+Enter confirms from a field, as in every dialog.
    qtbot.keyClick(dialog.repeat_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    wait_for_writes(qtbot, context)
    assert dialog.isVisible()
    assert dialog.message.text() == "✗ 密码需同时包含字母和数字"
    assert UserService(db).authenticate("clerk1", PASSWORD).id == clerk.id


# --- the calendar ----------------------------------------------------------------------------
def click_day(qtbot: QtBot, calendar: CalendarSettings, day: dt.date) -> DayOverrideDialog:
    grid: MonthGrid = calendar.year_view.month_grid(day)
    qtbot.mouseDClick(grid, Qt.MouseButton.LeftButton, pos=grid.day_rect(day).center())
    dialog = calendar.active_dialog
    assert dialog is not None and dialog.isVisible()
    return dialog


def test_clicking_a_day_toggles_and_clears_an_override(
    qtbot: QtBot, db: Database, page: SettingsPage, context: AppContext
) -> None:
    calendar = page.calendar
    assert calendar is not None
    page.show_tab(calendar)
    settings = SettingsService(db)
    make_up_saturday = dt.date(2026, 10, 10)
    assert calendar.year() == 2026
    info = calendar.year_view.info(make_up_saturday)
    assert info is not None and info.is_workday and info.is_make_up_workday
    assert not info.overridden

    dialog = click_day(qtbot, calendar, make_up_saturday)
    assert dialog.info.day == make_up_saturday
    assert dialog.day_off_radio.isChecked()  # a click means "the other way round"
    assert not dialog.official_radio.isEnabled()
    type_text(dialog.note_edit, "县政府通知：本日不调休")
    write(qtbot, context, dialog.confirm_button)
    assert calendar.active_dialog is None
    [override] = settings.overrides(2026)
    assert (override.day, override.is_workday, override.note) == (
        make_up_saturday,
        False,
        "县政府通知：本日不调休",
    )
    assert not settings.work_calendar().is_workday(make_up_saturday)
    info = calendar.year_view.info(make_up_saturday)
    assert info is not None and info.overridden and not info.is_workday
    assert calendar.override_table.rowCount() == 1
    assert calendar.message.text() == "✓ 2026-10-10 已设为休息日。"

    dialog = click_day(qtbot, calendar, make_up_saturday)
    assert dialog.workday_radio.isChecked()
    assert dialog.official_radio.isEnabled()
    assert dialog.note_edit.text() == "县政府通知：本日不调休"
    click(qtbot, dialog.official_radio)
    write(qtbot, context, dialog.confirm_button)
    assert settings.overrides(2026) == []
    assert settings.work_calendar().is_workday(make_up_saturday)  # official again
    assert calendar.override_table.rowCount() == 0

    # A weekday made a day off, e.g. a local holiday; cancelling a dialog changes nothing.
    dialog = click_day(qtbot, calendar, dt.date(2026, 11, 4))
    dialog.reject()
    assert settings.overrides(2026) == []
    dialog = click_day(qtbot, calendar, dt.date(2026, 11, 4))
    write(qtbot, context, dialog.confirm_button)
    assert [(o.day, o.is_workday) for o in settings.overrides(2026)] == [
        (dt.date(2026, 11, 4), False)
    ]


def test_a_year_without_official_data_is_flagged_until_confirmed(
    qtbot: QtBot, db: Database, page: SettingsPage, context: AppContext
) -> None:
    calendar = page.calendar
    assert calendar is not None
    page.show_tab(calendar)
    assert calendar.banner_text() == ""  # 2026 is official
    unofficial = last_official_year() + 1
    calendar.year_spin.setValue(unofficial)
    assert f"本程序中没有{unofficial}年的官方放假安排" in calendar.banner_text()
    assert "⚠" in calendar.banner_text()
    assert calendar.confirm_button.text() == f"确认{unofficial}年日历"
    assert "已按《全国年节及纪念日放假办法》计入法定节假日" in calendar.banner_text()
    assert "调休安排尚未公布，未计入" in calendar.banner_text()
    # Without a schedule the statutory holidays are off, with their names.
    new_year = dt.date(unofficial, 1, 1)
    info = calendar.year_view.info(new_year)
    assert info is not None and not info.is_workday and not info.official_workday
    assert info.holiday_name == "元旦" and not info.overridden

    write(qtbot, context, calendar.confirm_button)
    assert SettingsService(db).work_calendar().is_known_year(unofficial)
    assert "已由管理员手工录入并确认" in calendar.banner_text()
    assert calendar.confirm_button.text() == "撤销确认"
    write(qtbot, context, calendar.confirm_button)
    assert not SettingsService(db).work_calendar().is_known_year(unofficial)
    assert "⚠" in calendar.banner_text()

    click(qtbot, calendar.previous_button)
    assert calendar.year() == unofficial - 1
    assert calendar.banner_text() == ""


def test_the_typed_day_opens_the_same_dialog(
    qtbot: QtBot, db: Database, page: SettingsPage, context: AppContext
) -> None:
    calendar = page.calendar
    assert calendar is not None
    calendar.day_edit.setDate(dt.date(2027, 2, 6))
    click(qtbot, calendar.adjust_button)
    assert calendar.year() == 2027
    dialog = calendar.active_dialog
    assert dialog is not None and dialog.info.day == dt.date(2027, 2, 6)
    write(qtbot, context, dialog.confirm_button)
    assert [o.day for o in SettingsService(db).overrides(2027)] == [dt.date(2027, 2, 6)]


# --- who sees what ---------------------------------------------------------------------------
def test_a_clerk_sees_no_settings_and_an_admin_login_brings_them(
    qtbot: QtBot, db: Database, admin: Actor, clerk: Actor
) -> None:
    context = make_context(db, clerk)
    page = SettingsPage(context)
    qtbot.addWidget(page)
    assert page.tabs.count() == 0
    context.start_session(Session(admin, None, ""))
    assert [page.tabs.tabText(index) for index in range(page.tabs.count())] == [
        "中心信息",
        "发文机关",
        "窗口",
        "村（社区）",
        "后台窗口",
        "村便民服务点",
        "用户",
        "工作日历",
        "交换密钥",
    ]


def test_the_center_form_keeps_unsaved_typing_when_another_tab_saves(
    qtbot: QtBot, db: Database, admin: Actor, page: SettingsPage, context: AppContext
) -> None:
    form = page.center
    assert form is not None
    retype(form.address_edit, "正在输入的地址")
    SettingsService(db).update_center(
        admin, replace(SettingsService(db).center(), phone="0516-88889999")
    )
    page.windows.name_edit.setText("综合窗口四")  # type: ignore[union-attr]
    write(qtbot, context, page.windows.add_button)  # type: ignore[union-attr]
    assert form.address_edit.text() == "正在输入的地址"
    assert form.phone_edit.text() == "0516-88881234"
    click(qtbot, form.revert_button)
    assert form.phone_edit.text() == "0516-88889999"


def test_an_admin_edits_the_common_reasons(
    qtbot: QtBot, db: Database, page: SettingsPage, context: AppContext
) -> None:
    form = page.center
    assert form is not None
    shown = form.refusal_reasons_edit.toPlainText().split("\n")
    assert shown == [
        "申请事项不属于本机关职权范围",
        "申请材料不符合法定形式且无法补正",
        "申请人不具备申请资格",
    ]
    form.refusal_reasons_edit.setPlainText("不属于本镇受理范围\n\n申请人不具备申请资格\n")
    write(qtbot, context, form.save_button)
    assert SettingsService(db).center().refusal_reasons == (
        "不属于本镇受理范围",
        "申请人不具备申请资格",
    )
    form.correction_reasons_edit.setPlainText("理" * 201)
    write(qtbot, context, form.save_button)
    beside = form.field_messages["correction_reasons"]
    assert beside.is_error and beside.isVisibleTo(form)
    assert SettingsService(db).center().correction_reasons != ("理" * 201,)


# --- issuing bodies and appeal rights ---------------------------------------------------------
def test_admin_names_the_township_government_the_review_body_and_the_court(
    qtbot: QtBot, db: Database, page: SettingsPage, context: AppContext
) -> None:
    form = page.center
    assert form is not None
    page.show_tab(form)
    # Left empty, each shows (greyed) what is printed in its place, read from the center's name.
    assert form.government_edit.text() == ""
    assert form.government_edit.placeholderText() == "睢宁县示范镇人民政府"
    assert form.seal_edit.placeholderText() == "睢宁县示范镇人民政府行政审批专用章"
    assert form.review_body_edit.placeholderText() == "睢宁县人民政府"
    assert form.court_edit.placeholderText() == "睢宁县人民法院"
    form.government_edit.setFocus()
    type_text(form.government_edit, "睢宁县双沟镇人民政府")
    assert form.seal_edit.placeholderText() == "睢宁县双沟镇人民政府行政审批专用章"
    assert form.court_edit.placeholderText() == "睢宁县人民法院"
    type_text(form.seal_edit, "睢宁县双沟镇人民政府行政审批专用章")
    type_text(form.review_body_edit, "睢宁县人民政府")
    type_text(form.court_edit, "睢宁县人民法院")
    write(qtbot, context, form.save_button)
    stored = SettingsService(db).center()
    assert stored.government_name == "睢宁县双沟镇人民政府"
    assert stored.government_seal == "睢宁县双沟镇人民政府行政审批专用章"
    assert (stored.review_body, stored.court) == ("睢宁县人民政府", "睢宁县人民法院")
    assert not form.message.is_error


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("court_edit", "睢宁县司法局", "一审人民法院名称应以“法院”结尾，如 睢宁县人民法院"),
        (
            "government_edit",
            "睢宁县示范镇",
            "镇（街道）人民政府名称应以“人民政府”或“办事处”结尾，如 睢宁县示范镇人民政府",
        ),
        (
            "seal_edit",
            "行政审批专用章",
            "印章文字应以发文机关名称开头，如 睢宁县示范镇人民政府行政审批专用章",
        ),
        (
            "review_body_edit",
            "睢宁县法院",
            "行政复议机关一般为县级人民政府（《行政复议法》第二十四条），如 睢宁县人民政府",
        ),
    ],
)
def test_a_bad_issuing_setting_is_shown_beside_its_field(
    qtbot: QtBot,
    db: Database,
    page: SettingsPage,
    context: AppContext,
    field: str,
    value: str,
    message: str,
) -> None:
    before = SettingsService(db).center()
    form = page.center
    assert form is not None
    page.show_tab(form)
    edit = getattr(form, field)
    edit.setFocus()
    type_text(edit, value)
    write(qtbot, context, form.save_button)
    names = {
        "court_edit": "court",
        "government_edit": "government_name",
        "seal_edit": "government_seal",
        "review_body_edit": "review_body",
    }
    beside = form.field_messages[names[field]]
    assert beside.is_error and beside.isVisibleTo(form)
    assert beside.text() == "✗ " + message
    gap = beside.mapTo(form, QPoint(0, 0)).y() - edit.mapTo(form, QPoint(0, edit.height())).y()
    assert 0 <= gap < 20
    assert SettingsService(db).center() == before


def test_admin_keeps_the_issuing_bodies_table_by_keyboard(
    qtbot: QtBot, db: Database, page: SettingsPage, context: AppContext
) -> None:
    editor = page.issuing
    assert editor is not None
    page.show_tab(editor)
    issuing = IssuingService(db)
    # A required name left empty: said under the field, nothing stored.
    editor.source_combo.setFocus()
    editor.source_combo.setCurrentIndex(
        editor.source_combo.findData(PowerSource.ENTRUSTED_FROM_ABOVE.value)
    )
    qtbot.keyClick(editor.source_combo, Qt.Key.Key_Tab)
    assert editor.department_edit.hasFocus()
    type_text(editor.department_edit, "国家税务总局睢宁县税务局")
    qtbot.keyClick(editor.department_edit, Qt.Key.Key_Return)
    assert editor.field_messages["name"].text() == "✗ 请填写发文机关"
    assert editor.name_edit.hasFocus() and issuing.rules() == []
    type_text(editor.name_edit, "国家税务总局睢宁县税务局")
    qtbot.keyClick(editor.name_edit, Qt.Key.Key_Tab)
    type_text(editor.seal_edit, "国家税务总局睢宁县税务局第一税务分局")
    qtbot.keyClick(editor.seal_edit, Qt.Key.Key_Return)
    wait_for_writes(qtbot, context)
    assert not editor.field_messages["name"].isVisibleTo(editor)
    assert [(r.power_source, r.department, r.name, r.seal_text) for r in issuing.rules()] == [
        (
            PowerSource.ENTRUSTED_FROM_ABOVE,
            "国家税务总局睢宁县税务局",
            "国家税务总局睢宁县税务局",
            "国家税务总局睢宁县税务局第一税务分局",
        )
    ]
    assert editor.table.rowCount() == 1
    assert editor.table.item(0, 0).text() == "上级委托"
    # Choosing the row fills the form; saving it again changes the rule.
    editor.table.setFocus()
    editor.table.selectRow(0)
    assert editor.seal_edit.text() == "国家税务总局睢宁县税务局第一税务分局"
    retype(editor.seal_edit, "睢宁县税务局章")
    write(qtbot, context, editor.save_button)
    assert [r.seal_text for r in issuing.rules()] == ["睢宁县税务局章"]
    # Delete removes the chosen rule.
    editor.table.setFocus()
    editor.table.selectRow(0)
    qtbot.keyClick(editor.table, Qt.Key.Key_Delete)
    wait_for_writes(qtbot, context)
    assert issuing.rules() == [] and editor.table.rowCount() == 0
    with db.reads() as session:
        actions = session.scalars(select(AuditEntry.action).order_by(AuditEntry.id)).all()
    assert actions[-3:] == ["issuing_body.add", "issuing_body.change", "issuing_body.remove"]


def test_a_clerk_has_no_issuing_bodies_tab(qtbot: QtBot, db: Database, clerk: Actor) -> None:
    page = SettingsPage(make_context(db, clerk))
    qtbot.addWidget(page)
    assert page.issuing is None
