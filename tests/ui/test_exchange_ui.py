"""Exchange files in the window: the 交换文件（U盘） dialog exporting and importing between two
databases, a refused file, the admin's 交换密钥 tab, and the station mode in 中心信息."""

from __future__ import annotations

import shutil
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from tests.conftest import FakeClock
from tests.exchange_rows import (
    POINT_CODE,
    Pair,
    add_point,
    add_pre_registrations,
    footprint,
    link,
    pre_registration,
    township_center,
    village_center,
)
from tests.keyboard import type_text
from tests.people import add_user, first_admin
from tests.ui.fit import outside
from tests.ui.test_settings_page import click, make_context, retype, write
from tests.ui.writes import wait_for_writes
from townclerk.db.database import Database, open_database
from townclerk.enums import PreRegistrationStatus, Role, StationMode
from townclerk.paths import DATABASE_FILE, sqlite_url
from townclerk.services.exchange import ExchangeService
from townclerk.services.exchange_keys import ExchangeKeyService
from townclerk.services.settings import SettingsService
from townclerk.ui.context import Session
from townclerk.ui.dialogs import exchange as exchange_dialog
from townclerk.ui.dialogs.exchange import ExchangeDialog
from townclerk.ui.main_window import MainWindow
from townclerk.ui.pages.settings import exchange_keys_tab
from townclerk.ui.pages.settings.center_tab import CenterSettingsForm
from townclerk.ui.pages.settings.exchange_keys_tab import ExchangeKeysEditor


@pytest.fixture
def village_db(tmp_path: Path, clock: FakeClock, migrated_template: Path) -> Iterator[Database]:
    folder = tmp_path / "village"
    folder.mkdir()
    shutil.copyfile(migrated_template, folder / DATABASE_FILE)
    database = open_database(sqlite_url(folder), folder, clock=clock)
    yield database
    database.dispose()


@pytest.fixture
def pair(db: Database, village_db: Database, tmp_path: Path) -> Pair:
    return link(db, village_db, tmp_path)


def choose_file(monkeypatch: pytest.MonkeyPatch, module: object, which: str, path: Path) -> None:
    """The next open or save dialog of ``module`` answers ``path``."""
    monkeypatch.setattr(
        module.QFileDialog,  # type: ignore[attr-defined]
        which,
        staticmethod(lambda *args: (str(path), "")),
    )


def test_the_dialog_imports_a_village_file_and_shows_the_summary(
    qtbot: QtBot, pair: Pair, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    refs = add_pre_registrations(pair.village, pair.village_point, [1, 2])
    path = tmp_path / "from-village.zip"
    ExchangeService(pair.village).export(pair.village_admin, path)
    clerk = add_user(pair.township, pair.township_admin, "clerk1", Role.CLERK, "王晓燕")
    context = make_context(pair.township, clerk)
    dialog = ExchangeDialog(context)
    qtbot.addWidget(dialog)
    dialog.show()
    assert "王庄村便民服务点" in dialog.peer_combo.currentText()
    choose_file(monkeypatch, exchange_dialog, "getOpenFileName", path)
    qtbot.keyClick(dialog.import_button, Qt.Key.Key_Space)  # the focused button, by keyboard
    wait_for_writes(qtbot, context)
    assert dialog.message.text() == "✓ 交换文件已导入。"
    assert "已导入“王庄村便民服务点”的第1号交换文件：预登记新增2条" in dialog.summary_label.text()
    assert pre_registration(pair.township, refs[0]).status is PreRegistrationStatus.SENT
    # The same file again: nothing changes, and it says so.
    before = footprint(pair.township)
    click(qtbot, dialog.import_button)
    wait_for_writes(qtbot, context)
    assert dialog.message.text() == "✓ 此交换文件已导入过，未作任何更改"
    assert footprint(pair.township) == before
    assert outside(dialog, dialog) == []


def test_the_dialog_shows_a_refusal_and_changes_nothing(
    qtbot: QtBot, pair: Pair, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_pre_registrations(pair.village, pair.village_point, [1])
    good = tmp_path / "good.zip"
    ExchangeService(pair.village).export(pair.village_admin, good)
    with zipfile.ZipFile(good) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    records = bytearray(parts["records.json"])
    records[records.index("张伟".encode())] ^= 0x01
    parts["records.json"] = bytes(records)
    bad = tmp_path / "bad.zip"
    with zipfile.ZipFile(bad, "w") as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    context = make_context(pair.township, pair.township_admin)
    dialog = ExchangeDialog(context)
    qtbot.addWidget(dialog)
    before = footprint(pair.township)
    choose_file(monkeypatch, exchange_dialog, "getOpenFileName", bad)
    click(qtbot, dialog.import_button)
    wait_for_writes(qtbot, context)
    assert dialog.message.text() == "✗ 交换文件的签名不符：文件已被改动或损坏，未导入"
    assert dialog.summary_label.text() == ""
    assert footprint(pair.township) == before


def test_the_village_exports_for_the_township(
    qtbot: QtBot, pair: Pair, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_pre_registrations(pair.village, pair.village_point, [1, 2, 3])
    agent = add_user(pair.village, pair.village_admin, "wangdb", Role.VILLAGE_AGENT, "王代办")
    context = make_context(pair.village, agent)
    dialog = ExchangeDialog(context)
    qtbot.addWidget(dialog)
    assert dialog.peer_combo.currentText().startswith("示范镇为民服务中心（镇中心")
    usb = tmp_path / "usb"
    usb.mkdir()
    choose_file(monkeypatch, exchange_dialog, "getSaveFileName", usb / "for-township")
    click(qtbot, dialog.export_button)
    wait_for_writes(qtbot, context)
    assert dialog.message.text() == "✓ 交换文件已导出。"
    assert "导出第1号交换文件：预登记3条" in dialog.summary_label.text()
    summary = ExchangeService(pair.township).import_file(
        pair.township_admin, usb / "for-township.zip"
    )
    assert summary.pre_registrations.new == 3


def test_the_system_menu_opens_the_dialog_for_who_may_exchange(
    qtbot: QtBot, db: Database, admin: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    officer = add_user(db, admin, "desk1", Role.BACK_OFFICE, "赵审批")  # type: ignore[arg-type]
    clerk = add_user(db, admin, "clerk1", Role.CLERK, "王晓燕")  # type: ignore[arg-type]
    context = make_context(db, officer)
    window = MainWindow(context, pages=[])
    qtbot.addWidget(window)
    action = window.findChild(exchange_dialog.QAction, "exchangeAction")
    assert action is not None and not action.isVisible()
    context.session = Session(clerk, None, "")
    context.bus.session_changed.emit()
    assert action.isVisible() and action.text() == "交换文件（U盘）(&X)…"
    opened: list[QDialog] = []
    monkeypatch.setattr(ExchangeDialog, "exec", lambda self: opened.append(self) or 0)
    action.trigger()
    assert [type(dialog) for dialog in opened] == [ExchangeDialog]
    assert "本库尚未生成交换密钥" in opened[0].about_label.text()


def test_the_admin_sets_up_keys_in_the_settings_tab(
    qtbot: QtBot,
    db: Database,
    village_db: Database,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    admin = first_admin(db, township_center())
    village_admin = first_admin(village_db, village_center())
    context = make_context(db, admin)
    tab = ExchangeKeysEditor(context)
    qtbot.addWidget(tab)
    assert "尚未生成交换密钥" in tab.identity_label.text()
    assert not tab.export_button.isEnabled()
    write(qtbot, context, tab.create_button)
    identity = ExchangeKeyService(db).identity(admin)
    assert identity is not None and identity.fingerprint in tab.identity_label.text()
    assert tab.create_button.text() == "更换本库密钥(&G)…"
    choose_file(monkeypatch, exchange_keys_tab, "getSaveFileName", tmp_path / "township.json")
    write(qtbot, context, tab.export_button)
    assert (tmp_path / "township.json").is_file()
    assert identity.fingerprint in tab.message.text()

    # The village's key file: the township must know the point first.
    add_point(db)
    village_keys = ExchangeKeyService(village_db)
    village_keys.create_identity(village_admin)
    card = village_keys.export_public_key(village_admin, tmp_path / "village.json")
    choose_file(monkeypatch, exchange_keys_tab, "getOpenFileName", tmp_path / "village.json")

    def confirm() -> None:
        dialog = tab.peer_dialog
        assert dialog is not None and dialog.fingerprint_label.text() == card.fingerprint
        assert not dialog.replace_check.isVisible()
        retype(dialog.name_edit, "")
        type_text(dialog.name_edit, "王庄村")
        qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    QTimer.singleShot(0, confirm)
    click(qtbot, tab.add_button)
    wait_for_writes(qtbot, context)
    [peer] = ExchangeKeyService(db).peers(admin)
    assert (peer.name, peer.station.point_code, peer.fingerprint) == (
        "王庄村",
        POINT_CODE,
        card.fingerprint,
    )
    assert tab.table.rowCount() == 1 and tab.table.item(0, 2).text() == card.fingerprint
    assert [tab.table.item(0, column).text() for column in (3, 4)] == ["—", "—"]
    assert tab.message.text() == "✓ 已导入“王庄村”的公钥。"

    # Cancelling with Esc trusts nothing.
    def cancel() -> None:
        dialog = tab.peer_dialog
        assert dialog is not None and not dialog.replace_check.isVisible()
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)

    choose_file(monkeypatch, exchange_keys_tab, "getOpenFileName", tmp_path / "township.json")
    QTimer.singleShot(0, cancel)
    click(qtbot, tab.add_button)
    assert len(ExchangeKeyService(db).peers(admin)) == 1


def test_a_bad_key_file_is_refused_in_the_tab(
    qtbot: QtBot, db: Database, admin: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    context = make_context(db, admin)  # type: ignore[arg-type]
    tab = ExchangeKeysEditor(context)
    qtbot.addWidget(tab)
    (tmp_path / "photo.json").write_bytes(b"\x89PNG")
    choose_file(monkeypatch, exchange_keys_tab, "getOpenFileName", tmp_path / "photo.json")
    click(qtbot, tab.add_button)
    assert tab.message.text() == "✗ 这不是 townclerk 的交换公钥文件"
    assert tab.peer_dialog is None


def test_the_station_mode_is_set_in_the_center_tab(
    qtbot: QtBot, db: Database, admin: object
) -> None:
    context = make_context(db, admin)  # type: ignore[arg-type]
    form = CenterSettingsForm(context)
    qtbot.addWidget(form)
    form.station_combo.setCurrentIndex(form.station_combo.findData(StationMode.VILLAGE_POINT))
    click(qtbot, form.save_button)
    assert "须填写本服务点的代码" in form.field_messages["village_point_code"].text()
    assert SettingsService(db).center().station_mode is StationMode.TOWNSHIP
    retype(form.point_code_edit, POINT_CODE)
    write(qtbot, context, form.save_button)
    center = SettingsService(db).center()
    assert (center.station_mode, center.village_point_code) == (
        StationMode.VILLAGE_POINT,
        POINT_CODE,
    )
