"""Asking where an Excel workbook goes or comes from: the catalog page and its import wizard, and
the dashboard's report exports.

The file dialogs are Qt's static ones, so tests replace ``QFileDialog.getOpenFileName`` and
``QFileDialog.getSaveFileName``. A saved workbook always ends in .xlsx, whatever was typed.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget

from townclerk.i18n import t

XLSX_SUFFIX = ".xlsx"


def documents_folder() -> Path:
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(folder) if folder else Path.home()


def ask_open_workbook(parent: QWidget, start: Path | None) -> Path | None:
    """The catalog workbook the admin picks, or None if they cancel."""
    folder = start if start is not None and start.is_dir() else documents_folder()
    chosen, _filter = QFileDialog.getOpenFileName(
        parent,
        t("选择事项目录工作簿"),
        str(folder),
        t("Excel 工作簿 (*.xlsx);;所有文件 (*)"),
    )
    return Path(chosen) if chosen else None


def ask_save_workbook(parent: QWidget, title: str, suggested: Path) -> Path | None:
    """Where to save a workbook (``.xlsx`` added when missing), or None if the admin cancels."""
    chosen, _filter = QFileDialog.getSaveFileName(
        parent,
        title,
        str(suggested),
        t("Excel 工作簿 (*.xlsx)"),
    )
    if not chosen:
        return None
    target = Path(chosen)
    if target.suffix.lower() != XLSX_SUFFIX:
        target = target.with_name(target.name + XLSX_SUFFIX)
    return target
