"""Printing a village point's papers from its page: rendered and archived off the UI thread
(``services/village_documents.py``), then shown in the print preview."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QWidget

from townclerk.i18n import t
from townclerk.services.village_documents import VillageDocuments
from townclerk.ui.context import AppContext
from townclerk.ui.crash import user_message
from townclerk.ui.dialogs.print_preview import preview_document
from townclerk.ui.widgets.message_line import MessageLine
from townclerk.ui.worker import TaskRunner


class PaperPrinter:
    """Prints the 预登记回执 and the 交接单 for ``owner``; problems go to ``message``."""

    def __init__(self, context: AppContext, owner: QWidget, message: MessageLine) -> None:
        self._context = context
        self._owner = owner
        self._message = message
        self._documents = VillageDocuments(context.db)
        self.tasks = TaskRunner(owner)

    @property
    def busy(self) -> bool:
        return self.tasks.is_running()

    def receipt(self, reference: str) -> None:
        actor, documents = self._context.actor, self._documents
        self._print(
            lambda: documents.receipt(actor, reference), t("预登记回执 {number}", number=reference)
        )

    def transfer_list(self, number: str) -> None:
        actor, documents = self._context.actor, self._documents
        self._print(
            lambda: documents.transfer_list(actor, number), t("交接单 {number}", number=number)
        )

    def _print(self, work: Callable[[], Path], title: str) -> None:
        self.tasks.start(
            lambda _progress: work(),
            on_done=lambda path: preview_document(self._owner, path, title),
            on_error=lambda error, _trace: self._message.show_error(user_message(error)),
        )
