"""Qt's dialogs speak Chinese in Chinese mode; save dialogs start where that kind went last."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QColorDialog,
    QFileDialog,
    QLabel,
    QMessageBox,
    QWidget,
)
from pytestqt.qtbot import QtBot

from townclerk.ui import app as app_module
from townclerk.ui.widgets import file_dialogs
from townclerk.ui.widgets.file_dialogs import FileKind, QtLabelsInChinese, dialog_options
from townclerk.ui.widgets.workbook_files import ask_save_workbook

ENGLISH = ("Look in", "Files of type", "File name", "Cancel", "Save", "Open", "Yes", "No")


@pytest.fixture
def chinese(qapp: QApplication) -> Iterator[None]:
    qt = app_module.install_qt_translator(qapp, "zh_CN")
    labels = qapp.findChildren(QtLabelsInChinese)
    yield
    for translator in [qt, *labels]:
        if translator is not None:
            qapp.removeTranslator(translator)
    for translator in labels:
        translator.setParent(None)


def texts(widget: QWidget) -> list[str]:
    found = [label.text() for label in widget.findChildren(QLabel)]
    found += [button.text() for button in widget.findChildren(QAbstractButton)]
    return [text for text in found if text]


def test_the_file_dialog_is_chinese_in_chinese_mode(qtbot: QtBot, chinese: None) -> None:
    dialog = QFileDialog(None, "保存", "", "Excel 工作簿 (*.xlsx)")
    dialog.setOptions(dialog_options())
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    qtbot.addWidget(dialog)
    shown = texts(dialog)
    assert any("查找范围" in text for text in shown)  # Qt's own dialog, translated
    assert any("文件类型" in text for text in shown)
    for text in shown:
        assert not any(english in text for english in ENGLISH), text


def test_message_box_and_colour_dialog_buttons_are_chinese(qtbot: QtBot, chinese: None) -> None:
    box = QMessageBox(QMessageBox.Icon.Question, "确认", "确定吗？")
    box.setStandardButtons(
        QMessageBox.StandardButton.Yes
        | QMessageBox.StandardButton.No
        | QMessageBox.StandardButton.Cancel
    )
    qtbot.addWidget(box)
    assert {b.text().replace("&", "") for b in box.buttons()} >= {"是(Y)", "否(N)"} or all(
        not any(english in b.text() for english in ENGLISH) for b in box.buttons()
    )
    colour = QColorDialog()
    colour.setOption(QColorDialog.ColorDialogOption.DontUseNativeDialog)
    qtbot.addWidget(colour)
    for text in texts(colour):
        assert not any(english in text for english in ("Cancel", "OK", "Basic colors")), text


def test_linux_uses_qts_own_dialog() -> None:
    import sys

    expected = sys.platform.startswith("linux")
    assert bool(dialog_options() & QFileDialog.Option.DontUseNativeDialog) == expected


def test_save_dialogs_start_in_the_last_folder_of_their_kind(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []
    answers: list[str] = []

    def save(_parent: object, _title: str, suggested: str, *rest: object) -> tuple[str, str]:
        asked.append(suggested)
        return (answers.pop(0), "")

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save)
    documents = tmp_path / "Documents"
    documents.mkdir()
    monkeypatch.setattr(file_dialogs, "documents_folder", lambda: documents)
    parent = QWidget()
    qtbot.addWidget(parent)
    share = tmp_path / "共享" / "报表"
    share.mkdir(parents=True)
    answers.append(str(share / "日报"))
    target = ask_save_workbook(parent, "保存", "日报.xlsx", FileKind.REPORT)
    assert target == share / "日报.xlsx"
    assert asked[-1] == str(documents / "日报.xlsx")  # first time: Documents
    answers.append(str(share / "月报.xlsx"))
    ask_save_workbook(parent, "保存", "月报.xlsx", FileKind.REPORT)
    assert asked[-1] == str(share / "月报.xlsx")  # the folder reports went to last
    answers.append("")
    assert ask_save_workbook(parent, "保存", "目录.xlsx", FileKind.CATALOG) is None
    assert asked[-1] == str(documents / "目录.xlsx")  # another kind: its own folder
    share.rmdir()
    answers.append("")
    ask_save_workbook(parent, "保存", "日报.xlsx", FileKind.REPORT)
    assert asked[-1] == str(documents / "日报.xlsx")  # a folder gone: Documents again
