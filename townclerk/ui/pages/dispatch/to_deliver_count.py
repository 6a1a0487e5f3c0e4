"""The status bar's 待出件 N: how many results wait at the window, read again (off the UI
thread, one count in a small partial index) whenever cases change or another user logs in.
Clicking it, or Ctrl+Shift+D, opens the 出件 page."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QPushButton, QWidget

from townclerk.i18n import t
from townclerk.records.changes import DataArea
from townclerk.services.access import Permission
from townclerk.services.dispatch import DispatchService
from townclerk.ui.context import AppContext
from townclerk.ui.worker import TaskRunner

SHORTCUT = "Ctrl+Shift+D"


class ToDeliverCount(QPushButton):
    counted = Signal(int)  # a count has been shown

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("statusToDeliver")
        self.setFlat(True)
        self.setToolTip(t("已办结、待领取的办件；点击或按 {key} 打开出件页", key=SHORTCUT))
        self._context = context
        self._dispatch = DispatchService(context.db)
        self._runner = TaskRunner(self)
        self._generation = 0
        self.count: int | None = None
        context.bus.data_changed.connect(self._on_data_changed)
        context.bus.session_changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        session = self._context.session
        if session is None or not self._context.can(Permission.HANDLE_CASES):
            self.count = None
            self.hide()
            return
        self._generation += 1
        generation = self._generation
        actor, dispatch = session.actor, self._dispatch
        self._runner.start(
            lambda _progress: dispatch.count_to_deliver(actor),
            on_done=lambda count: self._show(generation, count),
            on_error=lambda _error, _trace: None,  # a missed count: the next change tries again
        )

    def is_counting(self) -> bool:
        return self._runner.is_running()

    def _show(self, generation: int, count: int) -> None:
        if generation != self._generation:
            return
        self.count = count
        self.setText(t("待出件 {count}", count=count))
        self.show()
        self.counted.emit(count)

    def _on_data_changed(self, area: DataArea, _initiator: object) -> None:
        if area is DataArea.CASES:
            self.refresh()
