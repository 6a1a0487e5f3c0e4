"""The one-screen intake driven like a clerk drives it, checked against the database."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QComboBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QStyle,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select, update

from tests.conftest import FakeClock
from tests.factories import ID_LI, ID_ZHANG, intake_for, make_item, resident_id
from tests.keyboard import type_text
from tests.ui.test_intake_support import Env, build_env, commit_text, show_intake_page
from townclerk.db.database import Database
from townclerk.db.models import Case, ServiceItem
from townclerk.enums import ApplicantKind, CaseStatus, Decision, IdType, MaterialState
from townclerk.records.cases import AgentInput, ApplicantInput, Intake
from townclerk.services.access import Actor
from townclerk.services.cases import CaseService
from townclerk.ui.pages.intake import result_banner
from townclerk.ui.pages.intake.field_status import FieldState
from townclerk.ui.pages.intake.intake_page import IntakePage
from townclerk.ui.pages.intake.material_checklist import COL_PROMISED, COL_RECEIVED, COL_TOLERATED
from townclerk.ui.widgets.text_dialog import TextDialog

# The offscreen platform warns when a top-level window is shown; that is not our warning.


@pytest.fixture
def env(db: Database, admin: Actor, clerk: Actor) -> Env:
    return build_env(db, admin, clerk)


@pytest.fixture
def page(qtbot: QtBot, env: Env) -> IntakePage:
    return show_intake_page(qtbot, env.context)


def find(page: QWidget, name: str) -> QWidget:
    widget = page.findChild(QWidget, name)
    assert widget is not None, name
    return widget


def choose_item(qtbot: QtBot, page: IntakePage, query: str = "gtgs") -> None:
    page.search.edit.clear()
    qtbot.keyClicks(page.search.edit, query)
    assert page.search.model.rowCount() > 0
    page.search.choose_current()
    assert page.item_panel.item is not None


def click_check(qtbot: QtBot, table: QTableView, row: int, column: int) -> None:
    """Click the check box drawn in a cell, where the view's style puts it."""
    index = table.model().index(row, column)
    option = QStyleOptionViewItem()
    option.initFrom(table)
    option.rect = table.visualRect(index)
    option.features |= QStyleOptionViewItem.ViewItemFeature.HasCheckIndicator
    indicator = table.style().subElementRect(
        QStyle.SubElement.SE_ItemViewItemCheckIndicator, option, table
    )
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=indicator.center())


def fill_applicant(
    qtbot: QtBot, page: IntakePage, *, id_number: str = ID_ZHANG, phone: str = "13812345678"
) -> None:
    qtbot.keyClicks(page.applicant.id_edit, id_number)
    page.applicant.name_edit.setFocus()
    type_text(page.applicant.name_edit, "张伟")
    qtbot.keyClicks(page.applicant.phone_edit, phone)


def register(qtbot: QtBot, page: IntakePage, button: QWidget) -> object:
    with qtbot.waitSignal(page.registered, timeout=10_000) as blocker:
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    return blocker.args[0]


def open_text_dialog(qtbot: QtBot, page: IntakePage) -> TextDialog:
    """The notice's or refusal's dialog just opened, active, its text box focused."""
    dialog = page.text_dialog
    assert dialog is not None and dialog.isVisible()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.edit.hasFocus)
    return dialog


def case_count(db: Database) -> int:
    with db.sessions() as session:
        return session.scalar(select(func.count()).select_from(Case)) or 0


def test_names_for_automation_and_accessibility(page: IntakePage) -> None:
    for name in (
        "searchEdit",
        "resultList",
        "materialTable",
        "applicantKind",
        "idNumberEdit",
        "nameEdit",
        "phoneEdit",
        "addressEdit",
        "villageCombo",
        "acceptButton",
        "noticeButton",
        "refuseButton",
    ):
        widget = find(page, name)
        assert widget.accessibleName(), name


def part_of_another_widget(widget: QWidget) -> bool:
    """Qt's own pieces: a table's header, a combo box's popup list."""
    if isinstance(widget, QHeaderView):
        return True
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QComboBox):
            return True
        parent = parent.parentWidget()
    return False


def test_every_input_has_a_name_and_an_accessible_name(page: IntakePage) -> None:
    unnamed = [
        f"{type(widget).__name__} {widget.objectName()!r}"
        for kind in (QLineEdit, QComboBox, QCheckBox, QPushButton, QAbstractItemView)
        for widget in page.findChildren(kind)
        if not part_of_another_widget(widget)
        and not (widget.objectName() and widget.accessibleName())
    ]
    assert unnamed == []


def test_search_is_focused_at_start_and_lists_results_live(qtbot: QtBot, page: IntakePage) -> None:
    assert QApplication.focusWidget() is page.search.edit
    qtbot.keyClicks(page.search.edit, "gt")
    assert page.search.model.rowCount() == 1
    assert page.search.model.item(0).name == "个体工商户设立登记"
    qtbot.keyClicks(page.search.edit, "gszz")
    assert page.search.model.rowCount() == 0
    assert "gtgszz" in page.search.header.text()


def test_accept_typing_and_clicking(qtbot: QtBot, page: IntakePage, env: Env, db: Database) -> None:
    assert not page.accept_button.isEnabled()
    choose_item(qtbot, page)
    assert page.item_panel.title.text() == "个体工商户设立登记"
    assert "睢宁县市场监督管理局" in find(page, "item_department").text()
    table = page.item_panel.table
    click_check(qtbot, table, 0, COL_RECEIVED)
    click_check(qtbot, table, 1, COL_RECEIVED)
    rows = page.item_panel.model.rows()
    assert [row.state for row in rows] == [
        MaterialState.RECEIVED,
        MaterialState.RECEIVED,
        MaterialState.MISSING,
    ]
    fill_applicant(qtbot, page)
    assert page.applicant.id_status.state is FieldState.OK
    assert page.applicant.identity_label.text()
    village = page.applicant.village_combo
    village.setCurrentIndex(village.findData(env.villages[1].id))
    qtbot.keyClicks(page.applicant.address_edit, "Wangji 12")
    assert page.accept_button.isEnabled()

    case = register(qtbot, page, page.accept_button)

    stored = env.context.cases.get(env.context.actor, case.number)  # type: ignore[attr-defined]
    assert stored.status is CaseStatus.ACCEPTED
    assert stored.applicant.name == "张伟"
    assert stored.applicant.id_number == ID_ZHANG
    assert stored.applicant.phone == "13812345678"
    assert stored.applicant.village_id == env.villages[1].id
    assert stored.window_name == env.window.name
    assert stored.due_date == dt.date(2026, 10, 12)
    assert [m.state for m in stored.materials] == [
        MaterialState.RECEIVED,
        MaterialState.RECEIVED,
        MaterialState.MISSING,
    ]
    assert case_count(db) == 1
    # The outcome stays on screen; the form is ready for the next resident.
    assert stored.number in page.banner.headline.text()
    assert "2026-10-12" in page.banner.detail.text()
    assert page.item_panel.item is None
    assert page.applicant.id_edit.text() == ""
    assert page.search.edit.text() == ""
    assert QApplication.focusWidget() is page.search.edit


def test_accept_with_the_keyboard_alone(
    qtbot: QtBot, page: IntakePage, env: Env, db: Database
) -> None:
    # A returning resident: their details come back when the ID number is typed.
    env.context.cases.accept(
        env.context.actor,
        Intake(
            item_id=env.instant.id,
            applicant=ApplicantInput(
                kind=ApplicantKind.PERSON,
                id_type=IdType.RESIDENT_ID,
                id_number=ID_LI,
                name="李娜",
                phone="13912345678",
                address="王集村3组",
                village_id=env.villages[0].id,
            ),
            materials=intake_for(env.instant).materials,
        ),
    )
    page.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is page)
    focus = QApplication.focusWidget
    assert focus() is page.search.edit
    qtbot.keyClicks(focus(), "gtgshsldj")
    qtbot.keyClick(focus(), Qt.Key.Key_Return)
    assert page.item_panel.item is not None
    assert focus() is page.item_panel.table
    qtbot.keyClick(focus(), Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)
    # A button's accelerator clicks it after a short press animation.
    qtbot.waitUntil(
        lambda: all(row.state is MaterialState.RECEIVED for row in page.item_panel.model.rows())
    )
    assert focus() is page.applicant.id_edit
    qtbot.keyClicks(focus(), ID_LI.lower())
    assert page.applicant.name_edit.text() == "李娜"
    assert page.applicant.phone_edit.text() == "13912345678"
    assert page.applicant.address_edit.text() == "王集村3组"
    assert page.applicant.village_id() == env.villages[0].id
    assert page.accept_button.isEnabled()
    with qtbot.waitSignal(page.registered, timeout=10_000) as blocker:
        qtbot.keyClick(focus(), Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    case = blocker.args[0]
    assert case.status is CaseStatus.ACCEPTED
    assert case.applicant.id_number == ID_LI
    assert case_count(db) == 2
    assert focus() is page.search.edit


def test_choosing_the_same_item_again_keeps_the_ticks(qtbot: QtBot, page: IntakePage) -> None:
    choose_item(qtbot, page)
    page.item_panel.model.toggle_received(0)
    page.search.choose_current()
    assert page.item_panel.model.rows()[0].state is MaterialState.RECEIVED


def test_space_ticks_the_current_material(qtbot: QtBot, page: IntakePage) -> None:
    choose_item(qtbot, page)
    table = page.item_panel.table
    table.setFocus()
    table.setCurrentIndex(page.item_panel.model.index(2, 2))
    qtbot.keyClick(table, Qt.Key.Key_Space)
    assert page.item_panel.model.rows()[2].state is MaterialState.RECEIVED
    qtbot.keyClick(table, Qt.Key.Key_Space)
    assert page.item_panel.model.rows()[2].state is MaterialState.MISSING


def test_one_time_notice_lists_exactly_what_is_missing(
    qtbot: QtBot, page: IntakePage, env: Env, monkeypatch: pytest.MonkeyPatch
) -> None:
    choose_item(qtbot, page)
    click_check(qtbot, page.item_panel.table, 0, COL_RECEIVED)
    qtbot.keyClicks(page.applicant.id_edit, ID_ZHANG)
    commit_text(page.applicant.name_edit, "张伟")
    assert not page.accept_button.isEnabled()
    assert "个体工商户设立登记申请书" in page.blockers.text()
    assert page.notice_button.isEnabled()
    qtbot.mouseClick(page.notice_button, Qt.MouseButton.LeftButton)
    dialog = open_text_dialog(qtbot, page)
    asked = [label.text() for label in dialog.findChildren(QLabel)]
    type_text(dialog.edit, "营业执照名称须与申请书一致")
    with qtbot.waitSignal(page.registered, timeout=10_000) as blocker:
        qtbot.keyClick(dialog.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    case = blocker.args[0]
    asked = ["\n".join(asked)]

    assert "个体工商户设立登记申请书" in asked[0]
    assert "经营场所使用证明" in asked[0]
    assert "居民身份证" not in asked[0]
    stored = env.context.cases.get(env.context.actor, case.number)  # type: ignore[attr-defined]
    assert stored.status is CaseStatus.NOTIFIED
    assert [m.name for m in stored.missing_materials] == [
        "个体工商户设立登记申请书",
        "经营场所使用证明",
    ]
    assert stored.reason == "营业执照名称须与申请书一致"
    assert "个体工商户设立登记申请书" in page.banner.detail.text()


def test_refusal_requires_a_reason(
    qtbot: QtBot, page: IntakePage, env: Env, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    choose_item(qtbot, page)
    qtbot.keyClicks(page.applicant.id_edit, ID_ZHANG)
    type_text(page.applicant.name_edit, "张伟")
    qtbot.mouseClick(page.refuse_button, Qt.MouseButton.LeftButton)
    dialog = open_text_dialog(qtbot, page)
    type_text(dialog.edit, "   ")
    qtbot.keyClick(dialog.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    # Checked inside the dialog: it stays open, says why, and keeps what was typed.
    assert dialog.isVisible() and case_count(db) == 0
    assert dialog.error_label.isVisibleTo(dialog)
    assert dialog.error_label.text() == "不予受理须填写理由。"
    assert page.item_panel.item is not None  # nothing was lost either
    # Tab moves on to the buttons: it never types a tab into the reason.
    dialog.edit.setFocus()
    qtbot.keyClick(dialog.edit, Qt.Key.Key_Tab)
    assert "\t" not in dialog.edit.toPlainText() and not dialog.edit.hasFocus()
    dialog.edit.setFocus()
    type_text(dialog.edit, "申请事项不属于本机关职权范围")
    # Not ours: the notice must say where to apply (第32条(二)), so the body is asked for.
    assert dialog.competent_label.text() == "有权受理的机关 *"
    qtbot.keyClick(dialog.edit, Qt.Key.Key_Enter, Qt.KeyboardModifier.ControlModifier)
    assert dialog.isVisible() and case_count(db) == 0
    assert dialog.error_label.text() == (
        "申请事项不属于本机关职权范围的，须告知申请人向哪个机关申请，请填写有权受理的机关。"
    )
    assert dialog.competent_edit.hasFocus()
    type_text(dialog.competent_edit, "睢宁县市场监督管理局")
    # The legal basis starts from the item's 设定依据; the clerk adds the article applied.
    assert dialog.basis_edit.toPlainText() == "《个体工商户条例》第八条"
    dialog.basis_edit.moveCursor(QTextCursor.MoveOperation.End)
    type_text(dialog.basis_edit, "；《中华人民共和国行政许可法》第三十二条")
    with qtbot.waitSignal(page.registered, timeout=10_000) as blocker:
        qtbot.keyClick(dialog.competent_edit, Qt.Key.Key_Enter, Qt.KeyboardModifier.ControlModifier)
    stored = env.context.cases.get(env.context.actor, blocker.args[0].number)
    assert stored.status is CaseStatus.REFUSED
    assert stored.reason == "申请事项不属于本机关职权范围"
    assert stored.competent_body == "睢宁县市场监督管理局"
    assert stored.legal_basis == "《个体工商户条例》第八条；《中华人民共和国行政许可法》第三十二条"
    assert case_count(db) == 1


def test_the_refusal_offers_the_common_reasons(
    qtbot: QtBot, page: IntakePage, env: Env, db: Database
) -> None:
    choose_item(qtbot, page)
    qtbot.keyClicks(page.applicant.id_edit, ID_ZHANG)
    type_text(page.applicant.name_edit, "张伟")
    qtbot.mouseClick(page.refuse_button, Qt.MouseButton.LeftButton)
    dialog = open_text_dialog(qtbot, page)
    picker = dialog.reason_picker
    assert picker is not None
    offered = [picker.itemText(row) for row in range(1, picker.count())]
    assert offered == [
        "申请事项不属于本机关职权范围",
        "申请材料不符合法定形式且无法补正",
        "申请人不具备申请资格",
    ]
    picker.setCurrentIndex(3)
    assert dialog.text() == "申请人不具备申请资格"
    assert dialog.competent_label.text() == "有权受理的机关"  # ours: nowhere else to send
    picker.setCurrentIndex(1)  # another pick replaces the first
    assert dialog.text() == "申请事项不属于本机关职权范围"
    assert dialog.competent_label.text() == "有权受理的机关 *"
    type_text(dialog.competent_edit, "睢宁县民政局")
    with qtbot.waitSignal(page.registered, timeout=10_000) as done:
        qtbot.keyClick(dialog.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    stored = env.context.cases.get(env.context.actor, done.args[0].number)
    assert stored.reason == "申请事项不属于本机关职权范围"
    assert stored.competent_body == "睢宁县民政局"


def test_cancelled_dialogs_record_nothing(qtbot: QtBot, page: IntakePage, db: Database) -> None:
    choose_item(qtbot, page)
    qtbot.keyClicks(page.applicant.id_edit, ID_ZHANG)
    type_text(page.applicant.name_edit, "张伟")
    for button in (page.refuse_button, page.notice_button):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        dialog = open_text_dialog(qtbot, page)
        type_text(dialog.edit, "x")
        qtbot.keyClick(dialog.edit, Qt.Key.Key_Escape)
        assert not dialog.isVisible()
    assert case_count(db) == 0
    assert page.applicant.name_edit.text() == "张伟"


def test_tolerated_acceptance_with_a_promised_date(
    qtbot: QtBot, page: IntakePage, env: Env
) -> None:
    choose_item(qtbot, page)
    model = page.item_panel.model
    table = page.item_panel.table
    click_check(qtbot, table, 0, COL_RECEIVED)
    assert not model.flags(model.index(0, COL_TOLERATED)) & Qt.ItemFlag.ItemIsUserCheckable
    click_check(qtbot, table, 1, COL_TOLERATED)
    row = model.rows()[1]
    assert row.state is MaterialState.TOLERATED
    assert row.promised_date == dt.date(2026, 10, 12)  # 5 working days, by default
    # A date that is not after today is refused; a later one is taken.
    promised = model.index(1, COL_PROMISED)
    assert not model.setData(promised, QDate(2026, 9, 29), Qt.ItemDataRole.EditRole)
    assert model.setData(promised, QDate(2026, 10, 20), Qt.ItemDataRole.EditRole)
    fill_applicant(qtbot, page)
    assert page.accept_button.isEnabled()

    case = register(qtbot, page, page.accept_button)
    stored = env.context.cases.get(env.context.actor, case.number)  # type: ignore[attr-defined]
    assert stored.status is CaseStatus.ACCEPTED
    tolerated = stored.tolerated_materials
    assert [(m.name, m.promised_date) for m in tolerated] == [
        ("个体工商户设立登记申请书", dt.date(2026, 10, 20))
    ]
    assert "个体工商户设立登记申请书" in page.banner.detail.text()


def test_receiving_a_tolerated_material_clears_its_promise(qtbot: QtBot, page: IntakePage) -> None:
    choose_item(qtbot, page)
    model = page.item_panel.model
    model.setData(
        model.index(1, COL_TOLERATED), Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole
    )
    model.setData(
        model.index(1, COL_RECEIVED), Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole
    )
    row = model.rows()[1]
    assert (row.state, row.promised_date) == (MaterialState.RECEIVED, None)


def test_accept_is_disabled_for_an_invalid_id_or_a_missing_material(
    qtbot: QtBot, page: IntakePage
) -> None:
    choose_item(qtbot, page)
    page.item_panel.receive_all()
    fill_applicant(qtbot, page)
    assert page.accept_button.isEnabled()
    assert page.notice_button.isEnabled()

    # A typo in the check character.
    id_edit = page.applicant.id_edit
    id_edit.setFocus()
    qtbot.keyClick(id_edit, Qt.Key.Key_Backspace)
    assert page.applicant.id_status.state is FieldState.HINT  # one character to go: no alarm
    assert not page.accept_button.isEnabled()
    qtbot.keyClicks(id_edit, "9")
    assert page.applicant.id_status.state is FieldState.ERROR
    assert "校验位" in page.applicant.id_status.text()
    assert not page.accept_button.isEnabled()
    assert not page.notice_button.isEnabled()
    qtbot.keyClick(id_edit, Qt.Key.Key_Backspace)
    qtbot.keyClicks(id_edit, ID_ZHANG[-1])
    assert page.accept_button.isEnabled()

    # A required material taken back.
    page.item_panel.model.toggle_received(0)
    assert not page.accept_button.isEnabled()
    assert "居民身份证" in page.blockers.text()
    page.item_panel.model.toggle_received(0)
    assert page.accept_button.isEnabled()

    # An optional material does not block.
    page.item_panel.model.toggle_received(2)
    assert page.accept_button.isEnabled()


def test_a_first_generation_id_is_refused_with_its_reason(qtbot: QtBot, page: IntakePage) -> None:
    qtbot.keyClicks(page.applicant.id_edit, "320324900315123")
    assert page.applicant.id_status.state is FieldState.HINT
    page.applicant.id_edit.editingFinished.emit()
    assert page.applicant.id_status.state is FieldState.ERROR
    assert "15位" in page.applicant.id_status.text()


def test_phone_is_checked_live(qtbot: QtBot, page: IntakePage) -> None:
    choose_item(qtbot, page)
    page.item_panel.receive_all()
    fill_applicant(qtbot, page, phone="1231234")
    assert page.applicant.phone_status.state is FieldState.HINT
    page.applicant.phone_edit.editingFinished.emit()
    assert page.applicant.phone_status.state is FieldState.ERROR
    assert not page.accept_button.isEnabled()
    page.applicant.phone_edit.clear()
    qtbot.keyClicks(page.applicant.phone_edit, "0516-88881234")
    assert page.applicant.phone_status.state is FieldState.OK
    assert page.accept_button.isEnabled()


def test_chinese_input_reaches_the_name_field(qtbot: QtBot, page: IntakePage) -> None:
    name = page.applicant.name_edit
    name.setFocus()
    type_text(name, "欧阳")
    commit_text(name, "娜娜")
    assert name.text() == "欧阳娜娜"


def test_a_known_applicant_is_filled_in_without_overwriting_typed_values(
    qtbot: QtBot, page: IntakePage, env: Env
) -> None:
    env.context.cases.accept(env.context.actor, intake_for(env.item, name="张伟"))
    name = page.applicant.name_edit
    name.setFocus()
    type_text(name, "张小伟")
    qtbot.keyClicks(page.applicant.id_edit, ID_ZHANG)
    assert name.text() == "张小伟"
    assert page.applicant.phone_edit.text() == "13812345678"
    assert "1990-03-15" in page.applicant.identity_label.text()


def test_an_organisation_uses_its_credit_code(qtbot: QtBot, page: IntakePage, env: Env) -> None:
    choose_item(qtbot, page)
    page.item_panel.receive_all()
    kind = page.applicant.kind_combo
    kind.setCurrentIndex(1)
    assert page.applicant.id_type.value == "uscc"
    qtbot.keyClicks(page.applicant.id_edit, "91320324MA1XXXXX0")
    page.applicant.id_edit.editingFinished.emit()
    assert page.applicant.id_status.state is FieldState.ERROR
    page.applicant.id_edit.clear()
    qtbot.keyClicks(page.applicant.id_edit, "91350100M000100Y43")
    assert page.applicant.id_status.state is FieldState.OK
    commit_text(page.applicant.name_edit, "睢宁县示范镇某某农业专业合作社")
    qtbot.keyClicks(page.applicant.phone_edit, "13812345678")
    case = register(qtbot, page, page.accept_button)
    assert case.applicant.id_number == "91350100M000100Y43"  # type: ignore[attr-defined]


def test_an_agent_must_be_valid_and_is_recorded(qtbot: QtBot, page: IntakePage) -> None:
    choose_item(qtbot, page)
    page.item_panel.receive_all()
    fill_applicant(qtbot, page)
    page.applicant.agent_check.setChecked(True)
    assert not page.accept_button.isEnabled()
    commit_text(page.applicant.agent_name_edit, "王代办")
    qtbot.keyClicks(page.applicant.agent_id_edit, resident_id(sequence="124")[:-1] + "0")
    qtbot.keyClicks(page.applicant.agent_phone_edit, "13700001111")
    assert not page.accept_button.isEnabled()
    page.applicant.agent_id_edit.clear()
    qtbot.keyClicks(page.applicant.agent_id_edit, resident_id(sequence="124"))
    assert page.applicant.agent_id_status.state is FieldState.OK
    assert page.accept_button.isEnabled()
    case = register(qtbot, page, page.accept_button)
    assert case.agent_name == "王代办"  # type: ignore[attr-defined]
    assert case.agent_id_number == resident_id(sequence="124")  # type: ignore[attr-defined]


def test_an_instant_item_is_completed_in_the_same_step(
    qtbot: QtBot, page: IntakePage, env: Env
) -> None:
    choose_item(qtbot, page, "lnr")
    assert page.item_panel.result_row.isVisible()
    assert page.search.model.data(page.search.model.index(0, 0), Qt.ItemDataRole.ToolTipRole)
    page.item_panel.result_edit.clear()
    qtbot.keyClicks(page.item_panel.result_edit, "youdaizheng")
    page.item_panel.receive_all()
    fill_applicant(qtbot, page)
    case = register(qtbot, page, page.accept_button)
    stored = env.context.cases.get(env.context.actor, case.number)  # type: ignore[attr-defined]
    assert stored.status is CaseStatus.COMPLETED
    assert stored.decision is Decision.GRANTED
    assert stored.result_text == "youdaizheng"
    assert "youdaizheng" in page.banner.detail.text()


def test_the_window_s_most_used_items_show_when_the_box_is_empty(qtbot: QtBot, env: Env) -> None:
    # Usage is counted over recent months when the index is built (at start), per window.
    other_window = env.context.settings.windows()[1].id
    for _ in range(2):
        env.context.cases.accept(env.context.actor, intake_for(env.item, window_id=other_window))
    env.context.cases.accept(env.context.actor, intake_for(env.instant, window_id=env.window.id))
    page = IntakePage(env.context)
    qtbot.addWidget(page)
    model = page.search.model
    assert [model.item(row).id for row in range(model.rowCount())] == [env.instant.id]
    assert page.search.header.text() == "本窗口常用事项"
    qtbot.keyClicks(page.search.edit, "gtgs")
    assert page.search.header.text() == "找到 1 个事项"
    page.search.edit.clear()
    assert [model.item(row).id for row in range(model.rowCount())] == [env.instant.id]


def test_up_down_and_escape_in_the_search_box(qtbot: QtBot, page: IntakePage, env: Env) -> None:
    commit_text(page.search.edit, "睢宁县")  # the department of both items
    assert page.search.model.rowCount() == 2
    assert page.search.list.currentIndex().row() == 0
    qtbot.keyClick(page.search.edit, Qt.Key.Key_Down)
    assert page.search.list.currentIndex().row() == 1
    qtbot.keyClick(page.search.edit, Qt.Key.Key_Down)
    assert page.search.list.currentIndex().row() == 1
    qtbot.keyClick(page.search.edit, Qt.Key.Key_Up)
    assert page.search.list.currentIndex().row() == 0
    qtbot.keyClick(page.search.edit, Qt.Key.Key_Escape)
    assert page.search.edit.text() == ""


def test_a_service_refusal_is_shown_and_nothing_is_saved(
    qtbot: QtBot, page: IntakePage, env: Env, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    choose_item(qtbot, page)
    page.item_panel.receive_all()
    fill_applicant(qtbot, page)
    with db.sessions.begin() as session:  # the catalog took the item back meanwhile
        session.execute(
            update(ServiceItem).where(ServiceItem.id == env.item.id).values(active=False)
        )
    shown: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "warning", staticmethod(lambda parent, title, text: shown.append(text))
    )
    qtbot.mouseClick(page.accept_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not page.busy)
    assert shown and "撤销" in shown[0]
    assert case_count(db) == 0
    assert page.applicant.name_edit.text() == "张伟"  # the form is kept to try again


def test_table_models_pass_the_model_tester(
    qtmodeltester: object, page: IntakePage, env: Env
) -> None:
    commit_text(page.search.edit, "睢宁县")
    qtmodeltester.check(page.search.model)  # type: ignore[attr-defined]
    page.choose_item(env.item.id)
    model = page.item_panel.model
    model.setData(
        model.index(1, COL_TOLERATED), Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole
    )
    qtmodeltester.check(model)  # type: ignore[attr-defined]


def test_agent_input_is_passed_through(page: IntakePage) -> None:
    assert page.applicant.agent_input() is None
    page.applicant.agent_check.setChecked(True)
    assert isinstance(page.applicant.agent_input(), AgentInput)


def test_the_document_is_printed_from_the_outcome(
    qtbot: QtBot, page: IntakePage, env: Env, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[str] = []
    monkeypatch.setattr(
        result_banner, "preview_document", lambda _parent, path, _title: opened.append(str(path))
    )
    choose_item(qtbot, page)
    page.item_panel.receive_all()
    fill_applicant(qtbot, page)
    case = register(qtbot, page, page.accept_button)
    assert page.banner.print_button.isVisible()
    with qtbot.waitSignal(page.banner.printed, timeout=10_000) as blocker:
        qtbot.mouseClick(page.banner.print_button, Qt.MouseButton.LeftButton)
    path = blocker.args[0]
    assert path.is_file() and path.name == f"{case.number}-receipt.pdf"  # type: ignore[attr-defined]
    assert opened == [str(path)]
    stored = env.context.cases.get(env.context.actor, case.number)  # type: ignore[attr-defined]
    assert stored.print_count == 1


def test_the_banner_flags_a_due_date_in_a_year_without_official_holidays(
    qtbot: QtBot, env: Env, db: Database, clerk: Actor, clock: FakeClock
) -> None:
    calendar = env.context.settings.work_calendar()
    year = dt.date.today().year + 1
    while calendar.is_known_year(year):
        year += 1
    clock.set(dt.datetime(year - 1, 12, 20, 9, 0))
    banner = result_banner.ResultBanner(env.context)
    qtbot.addWidget(banner)
    long_item = make_item(db, code="320324-LONG-001", promised_days=20, statutory_days=20)
    banner.show_case(CaseService(db).accept(clerk, intake_for(long_item)))
    assert f"{year}年国家法定节假日安排尚未公布" in banner.detail.text()
    short_item = make_item(db, code="320324-SHORT-01", promised_days=1, statutory_days=1)
    banner.show_case(CaseService(db).accept(clerk, intake_for(short_item)))
    assert "not published" not in banner.detail.text()


def test_what_blocks_acceptance_says_which_materials_may_be_tolerated(
    qtbot: QtBot, page: IntakePage
) -> None:
    choose_item(qtbot, page)  # 居民身份证 required; 申请书 required, 容缺 allowed
    problems = page.item_panel.problems()
    assert problems == ["收取：居民身份证", "收取或容缺：个体工商户设立登记申请书"]
    assert not page.accept_button.isEnabled()
