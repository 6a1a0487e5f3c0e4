"""Where a file dialog starts, and which dialog it is.

A save or open dialog starts in the folder last used for that kind of file (the catalog
workbooks, the reports, the PDF copies), remembered in the user's Qt settings, else in
Documents. On Linux it is Qt's own dialog, which speaks the interface language through Qt's
translation (qtbase_zh_CN): the desktop's native dialog follows the system's language instead,
and on many township PCs that is English ("Look in:", "Files of type:"). Windows and macOS keep
their native dialogs, which follow the system and are Chinese on a Chinese system.

Qt's own Chinese (qtbase_zh_CN, loaded by ``ui/app.py``) misses a few labels that Qt 6 changed
(it added keyboard accelerators, the translation kept the old texts): :class:`QtLabelsInChinese`
supplies them, installed after Qt's translation so that it is asked first.
"""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path

from PySide6.QtCore import QObject, QSettings, QStandardPaths, QTranslator
from PySide6.QtWidgets import QFileDialog

SETTINGS_GROUP = "folders"


class FileKind(StrEnum):
    """Kinds of files whose folders are remembered separately."""

    CATALOG = "catalog"  # catalog workbooks, exports, templates, problem lists
    REPORT = "report"  # the dashboard's report workbooks
    DOCUMENT = "document"  # copies of printed documents (PDF)
    EXCHANGE = "exchange"  # exchange files and public key files (often a USB stick)


def documents_folder() -> Path:
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(folder) if folder else Path.home()


def settings() -> QSettings:
    """The user's townclerk settings (an INI file in the user's configuration folder)."""
    return QSettings(
        QSettings.Format.IniFormat, QSettings.Scope.UserScope, "townclerk", "townclerk"
    )


def start_folder(kind: FileKind) -> Path:
    """The folder last used for ``kind`` if it is still there, else Documents."""
    stored = settings().value(f"{SETTINGS_GROUP}/{kind.value}", "")
    folder = Path(str(stored)) if stored else None
    if folder is not None and folder.is_dir():
        return folder
    return documents_folder()


def remember_folder(kind: FileKind, chosen: Path) -> None:
    """Start the next dialog for ``kind`` where this file was chosen."""
    store = settings()
    store.setValue(f"{SETTINGS_GROUP}/{kind.value}", str(chosen.parent))
    store.sync()


def dialog_options() -> QFileDialog.Option:
    """Qt's own dialog on Linux (in the interface language), the native one elsewhere."""
    if sys.platform.startswith("linux"):
        return QFileDialog.Option.DontUseNativeDialog
    return QFileDialog.Option(0)


class QtLabelsInChinese(QTranslator):
    """The labels of Qt's own dialogs that qtbase_zh_CN lacks ("&Look in:", "Files of &type:")."""

    LABELS = {
        ("QFileDialog", "&Look in:"): "查找范围(&L)：",
        ("QFileDialog", "Files of &type:"): "文件类型(&T)：",
        ("QPrintSettingsOutput", "Page &Set:"): "页面组(&S)：",
    }

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)

    def translate(
        self,
        context: str,
        source_text: str,
        disambiguation: str | None = None,
        n: int = -1,
    ) -> str | None:
        # None (a null string), not "": Qt then asks the next translator (qtbase).
        return self.LABELS.get((context, source_text))

    def isEmpty(self) -> bool:
        return False
