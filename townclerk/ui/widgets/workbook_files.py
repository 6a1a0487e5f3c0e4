"""Asking where an Excel workbook goes or comes from: the catalog page and its import wizard, and
the dashboard's report exports.

The file dialogs are Qt's static ones, so tests replace ``QFileDialog.getOpenFileName`` and
``QFileDialog.getSaveFileName``. They start in the folder last used for the kind of workbook
(:mod:`townclerk.ui.widgets.file_dialogs`). A saved workbook always ends in .xlsx, whatever was
typed.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget

from townclerk.i18n import t
from townclerk.ui.widgets.file_dialogs import (
    FileKind,
    dialog_options,
    remember_folder,
    start_folder,
)

XLSX_SUFFIX = ".xlsx"


def ask_open_workbook(parent: QWidget, start: Path | None) -> Path | None:
    """The catalog workbook the admin picks, or None if they cancel."""
    folder = start if start is not None and start.is_dir() else start_folder(FileKind.CATALOG)
    chosen, _filter = QFileDialog.getOpenFileName(
        parent,
        t("选择事项目录工作簿"),
        str(folder),
        t("Excel 工作簿 (*.xlsx);;所有文件 (*)"),
        "",
        dialog_options(),
    )
    if not chosen:
        return None
    remember_folder(FileKind.CATALOG, Path(chosen))
    return Path(chosen)


def ask_save_workbook(
    parent: QWidget, title: str, name: str, kind: FileKind, folder: Path | None = None
) -> Path | None:
    """Where to save a workbook called ``name`` (``.xlsx`` added when missing), starting in
    ``folder`` or the last folder used for ``kind``; None if the user cancels."""
    start = folder if folder is not None and folder.is_dir() else start_folder(kind)
    chosen, _filter = QFileDialog.getSaveFileName(
        parent,
        title,
        str(start / name),
        t("Excel 工作簿 (*.xlsx)"),
        "",
        dialog_options(),
    )
    if not chosen:
        return None
    target = Path(chosen)
    if target.suffix.lower() != XLSX_SUFFIX:
        target = target.with_name(target.name + XLSX_SUFFIX)
    remember_folder(kind, target)
    return target
