"""The progress dialog of a long task: window-modal, shown only if the task is not quick."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QProgressDialog, QWidget


def task_progress(
    parent: QWidget,
    name: str,
    title: str,
    label: str,
    *,
    maximum: int,
    delay_ms: int,
    cancel_text: str | None,
) -> QProgressDialog:
    """A dialog over ``parent`` that appears once the task has run ``delay_ms`` and stays until
    the caller closes it. ``maximum`` 0 means busy without steps; no ``cancel_text``, no cancel
    button."""
    dialog = QProgressDialog(label, cancel_text or "", 0, maximum, parent)
    dialog.setObjectName(name)
    dialog.setWindowTitle(title)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(delay_ms)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    if cancel_text is None:
        dialog.setCancelButton(None)
    return dialog
