"""Backups in the window: the settings fields, the 上次备份 indicator, the automatic backups,
and a damaged database at start-up."""

from __future__ import annotations

import logging
import os
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMessageBox
from pytestqt.qtbot import QtBot

from tests.conftest import PASSWORD, FakeClock
from tests.keyboard import type_text
from tests.ui.test_settings_page import click, make_context, retype, write
from townclerk.db.database import Database
from townclerk.launch import Launch
from townclerk.paths import DATABASE_FILE, backups_dir, sqlite_url
from townclerk.services import backups
from townclerk.services.access import Actor
from townclerk.services.settings import SettingsService
from townclerk.ui import app as app_module
from townclerk.ui import style
from townclerk.ui.dialogs.damaged_database import DamagedDatabaseDialog
from townclerk.ui.main_window import MainWindow
from townclerk.ui.pages.settings.center_tab import CenterSettingsForm


def test_the_backup_settings_are_saved_and_a_bad_value_is_refused_in_chinese(
    qtbot: QtBot, db: Database, admin: Actor, tmp_path: Path
) -> None:
    context = make_context(db, admin)
    form = CenterSettingsForm(context)
    qtbot.addWidget(form)
    retype(form.second_location_edit, "relative/folder")
    click(qtbot, form.save_button)
    assert "完整路径" in form.field_messages["backup_second_location"].text()  # beside the field
    assert SettingsService(db).center().backup_second_location == ""
    usb = tmp_path / "usb"
    retype(form.second_location_edit, str(usb))
    form.interval_spin.setValue(2)
    form.keep_daily_spin.setValue(10)
    form.keep_weekly_spin.setValue(5)
    form.keep_monthly_spin.setValue(24)
    form.encrypt_check.setChecked(True)
    write(qtbot, context, form.save_button)
    center = SettingsService(db).center()
    assert (center.backup_second_location, center.backup_interval_hours) == (str(usb), 2)
    assert (center.backup_keep_daily, center.backup_keep_weekly) == (10, 5)
    assert center.backup_keep_monthly == 24 and center.backup_encrypt


def test_the_folder_picker_fills_the_second_location(
    qtbot: QtBot, db: Database, admin: Actor, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from townclerk.ui.pages.settings import center_tab

    form = CenterSettingsForm(make_context(db, admin))
    qtbot.addWidget(form)
    monkeypatch.setattr(
        center_tab.QFileDialog, "getExistingDirectory", staticmethod(lambda *a: str(tmp_path))
    )
    click(qtbot, form.choose_location_button)
    assert form.second_location_edit.text() == str(tmp_path)


def _window(qtbot: QtBot, db: Database, actor: Actor) -> MainWindow:
    window = MainWindow(make_context(db, actor), pages=[])
    qtbot.addWidget(window)
    return window


def test_the_last_backup_is_shown_to_admins_and_supervisors_red_after_two_days(
    qtbot: QtBot, db: Database, admin: Actor, supervisor: Actor, clerk: Actor, clock: FakeClock
) -> None:
    window = _window(qtbot, db, supervisor)
    label = window.backup_label
    assert not label.isHidden() and label.text() == "上次备份：无"
    assert style.ERROR.name() in label.styleSheet()
    backups.create_backup(db, admin)
    window.backups.refresh_last_good()
    label.refresh()
    assert label.text() == "上次备份：2026-09-29 09:30"
    assert style.ERROR.name() not in label.styleSheet()
    clock.advance(days=2, minutes=1)
    label.refresh()
    assert style.ERROR.name() in label.styleSheet()
    assert not _window(qtbot, db, admin).backup_label.isHidden()
    assert _window(qtbot, db, clerk).backup_label.isHidden()


def test_automatic_backups_run_off_the_ui_thread_and_a_missing_location_is_a_warning(
    qtbot: QtBot, db: Database, admin: Actor, tmp_path: Path, clock: FakeClock
) -> None:
    settings = SettingsService(db)
    settings.update_center(
        admin, replace(settings.center(), backup_second_location=str(tmp_path / "unplugged"))
    )
    window = _window(qtbot, db, admin)
    window.show()
    window.backups.start()
    qtbot.waitUntil(lambda: window.backups.last_good is not None, timeout=10_000)
    qtbot.waitUntil(lambda: not window.backups.is_running(), timeout=10_000)
    [made] = backups.list_backups([backups_dir(db.data_dir)])
    assert made.reason == "auto"
    assert "不可用" in window.backups.problem
    assert "不可用" in window.statusBar().currentMessage()
    assert window.backup_label.text() == "上次备份：2026-09-29 09:30"
    clock.advance(hours=1)
    window.close()  # the closing backup, in the foreground
    assert len(backups.list_backups([backups_dir(db.data_dir)])) == 2


def test_a_failed_automatic_backup_is_logged_and_shown_never_a_crash(
    qtbot: QtBot,
    db: Database,
    admin: Actor,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    settings = SettingsService(db)
    settings.update_center(admin, replace(settings.center(), backup_encrypt=True))
    monkeypatch.setattr(backups, "backup_passphrase", lambda code: None)
    window = _window(qtbot, db, admin)
    with caplog.at_level(logging.ERROR, logger="townclerk.ui.backups"):
        window.backups.check()
        qtbot.waitUntil(lambda: bool(window.backups.problem), timeout=10_000)
    assert "没有备份口令" in window.backups.problem
    assert "automatic backup failed" in caplog.text


# --- a damaged database at start-up ------------------------------------------------------------
def _damage(db_file: Path, kind: str) -> None:
    good = db_file.read_bytes()
    for suffix in ("-wal", "-shm"):
        db_file.with_name(db_file.name + suffix).unlink(missing_ok=True)
    db_file.write_bytes(
        {
            "truncated": good[: len(good) // 3],
            "header-only": good[:100],
            "random": os.urandom(len(good)),
            "zero-length": b"",
            "damaged-pages": good[:4096] + os.urandom(len(good) - 4096),
        }[kind]
    )


@pytest.mark.parametrize(
    "kind", ["truncated", "header-only", "random", "zero-length", "damaged-pages"]
)
def test_a_damaged_database_at_start_shows_the_dialog_naming_the_newest_backup(
    qtbot: QtBot,
    db: Database,
    admin: Actor,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    kind: str,
) -> None:
    info = backups.create_backup(db, admin)
    db.dispose()
    _damage(db.data_dir / DATABASE_FILE, kind)
    shown: list[DamagedDatabaseDialog] = []

    def closed(dialog: DamagedDatabaseDialog) -> int:
        shown.append(dialog)
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(DamagedDatabaseDialog, "exec", closed)
    monkeypatch.setattr(QMessageBox, "critical", staticmethod(lambda *a: pytest.fail("critical")))
    launch = Launch(data_dir=db.data_dir, url=sqlite_url(db.data_dir), lang="en")
    with caplog.at_level(logging.ERROR, logger="townclerk.ui"):
        assert app_module.run_gui(launch) == 1
    [dialog] = shown
    assert "is damaged" in dialog.problem_label.text()
    assert str(info.path) in dialog.backup_label.text()
    assert dialog.restore_button.isEnabled()
    assert "cannot be read" in caplog.text


def test_an_admin_restores_the_newest_backup_from_the_dialog_and_the_window_starts(
    qtbot: QtBot, db: Database, admin: Actor, clerk: Actor, monkeypatch: pytest.MonkeyPatch
) -> None:
    info = backups.create_backup(db, admin)
    db.dispose()
    _damage(db.data_dir / DATABASE_FILE, "random")
    launch = Launch(data_dir=db.data_dir, url=sqlite_url(db.data_dir), lang="en")
    newest = backups.newest_good_backup([backups_dir(db.data_dir)])
    assert newest == info
    dialog = DamagedDatabaseDialog(launch, "已损坏", newest)
    qtbot.addWidget(dialog)
    type_text(dialog.user_edit, "clerk1")
    type_text(dialog.password_edit, PASSWORD)
    click(qtbot, dialog.restore_button)
    assert "无权" in dialog.message.text()
    assert (db.data_dir / DATABASE_FILE).read_bytes()[:6] != b"SQLite"
    dialog.user_edit.clear()
    type_text(dialog.user_edit, "admin")
    click(qtbot, dialog.restore_button)
    assert dialog.result() == QDialog.DialogCode.Accepted
    restored = launch.database()
    try:
        assert SettingsService(restored).center().center_code == "320324101"
    finally:
        launch.close()


def test_ctrl_enter_restores_like_the_button_and_escape_closes(
    qtbot: QtBot, db: Database, admin: Actor
) -> None:
    info = backups.create_backup(db, admin)
    db.dispose()
    _damage(db.data_dir / DATABASE_FILE, "random")
    launch = Launch(data_dir=db.data_dir, url=sqlite_url(db.data_dir), lang="en")
    dialog = DamagedDatabaseDialog(launch, "已损坏", info)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    type_text(dialog.user_edit, "admin")
    qtbot.keyClick(dialog.user_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.message.text()  # what 恢复该备份 says: the password is missing
    assert dialog.isVisible()
    assert (db.data_dir / DATABASE_FILE).read_bytes()[:6] != b"SQLite"
    qtbot.keyClick(dialog.user_edit, Qt.Key.Key_Escape)
    assert not dialog.isVisible() and dialog.result() == QDialog.DialogCode.Rejected


def test_with_no_backup_the_dialog_only_explains(qtbot: QtBot, tmp_path: Path) -> None:
    launch = Launch(data_dir=tmp_path, url=sqlite_url(tmp_path), lang="en")
    dialog = DamagedDatabaseDialog(launch, "已损坏", None)
    qtbot.addWidget(dialog)
    assert "没有备份" in dialog.backup_label.text()
    assert not dialog.restore_button.isEnabled()
