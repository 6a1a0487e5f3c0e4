"""The two pick lists an admin keeps: service windows and villages (村/社区).

Rows are never deleted (cases point at them); a row no longer used is disabled, which takes it
out of the login and intake pickers and keeps it in history.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from townclerk.i18n import pt, t
from townclerk.records.changes import Changed, DataArea
from townclerk.services.settings import NamedRow
from townclerk.ui.context import AppContext
from townclerk.ui.operations import WriteRunner
from townclerk.ui.widgets.message_line import MessageLine
from townclerk.ui.widgets.record_table import prepare_record_table, set_record_row


class _NamedRowsEditor(QWidget):
    """A table of named rows with an "add" line and an enable/disable button."""

    prefix = ""  # objectName prefix: "window" or "village"

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self.rows: list[NamedRow] = []
        layout = QVBoxLayout(self)

        add_row = QHBoxLayout()
        self.name_edit = QLineEdit()
        self.name_edit.setObjectName(f"{self.prefix}NameEdit")
        self.name_edit.setMaxLength(64)
        self.name_edit.returnPressed.connect(self.add)
        add_row.addWidget(self.name_edit, 2)
        self.add_button = QPushButton()
        self.add_button.setObjectName(f"add{self.prefix.capitalize()}Button")
        self.add_button.clicked.connect(self.add)
        self.extra_inputs(add_row)
        add_row.addWidget(self.add_button)
        layout.addLayout(add_row)

        self.table = QTableWidget(0, len(self.headers()))
        prepare_record_table(self.table, f"{self.prefix}Table")
        self.table.setHorizontalHeaderLabels(self.headers())
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._update_toggle)
        layout.addWidget(self.table, 1)

        buttons = QHBoxLayout()
        self.toggle_button = QPushButton()
        self.toggle_button.setObjectName(f"toggle{self.prefix.capitalize()}Button")
        self.toggle_button.clicked.connect(self.toggle_selected)
        buttons.addWidget(self.toggle_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.message = MessageLine(f"{self.prefix}Message")
        layout.addWidget(self.message)
        self._writes = WriteRunner(context, self, message=self.message)
        self.describe_inputs()
        self.reload()
        context.bus.data_changed.connect(self._on_data_changed)

    # Each list names its own inputs and calls its own service methods.
    def headers(self) -> list[str]:
        raise NotImplementedError

    def describe_inputs(self) -> None:
        raise NotImplementedError

    def extra_inputs(self, row: QHBoxLayout) -> None:
        """Inputs beside the name (the village code)."""

    def load_rows(self) -> list[NamedRow]:
        raise NotImplementedError

    def creation(self, name: str) -> Callable[[], NamedRow]:
        """The write that adds the row typed in (read from the inputs here, run on a worker)."""
        raise NotImplementedError

    def activation(self, row_id: int, active: bool) -> Callable[[], Changed]:
        raise NotImplementedError

    def cells(self, row: NamedRow) -> list[str]:
        raise NotImplementedError

    def added_text(self, row: NamedRow) -> str:
        raise NotImplementedError

    def state_text(self, active: bool) -> str:
        return pt("_NamedRowsEditor", "启用") if active else t("已停用")

    # --- behaviour -------------------------------------------------------------------------
    def reload(self) -> None:
        selected = self.selected_row()
        self.rows = self.load_rows()
        self.table.setRowCount(len(self.rows))
        for index, row in enumerate(self.rows):
            cells = [*self.cells(row), self.state_text(row.active)]
            set_record_row(self.table, index, cells, active=row.active)
        if selected is not None:
            self.select_id(selected.id)
        self._update_toggle()

    def select_id(self, row_id: int) -> None:
        for index, row in enumerate(self.rows):
            if row.id == row_id:
                self.table.selectRow(index)
                return

    def selected_row(self) -> NamedRow | None:
        indexes = self.table.selectionModel().selectedRows()
        if not indexes:
            return None
        return self.rows[indexes[0].row()]

    def add(self) -> None:
        self._writes.run(
            self.creation(self.name_edit.text()), on_done=self._added, busy=(self.add_button,)
        )

    def _added(self, row: NamedRow) -> None:
        # The list has reloaded already (_on_data_changed): the new row is in it.
        self.name_edit.clear()
        self.clear_extra_inputs()
        self.message.show_ok(self.added_text(row))
        self.select_id(row.id)

    def clear_extra_inputs(self) -> None:
        """Empty the inputs beside the name after an add."""

    def toggle_selected(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        text = t("“{name}”已启用。") if not row.active else t("“{name}”已停用。")
        self._writes.run(
            self.activation(row.id, not row.active),
            on_done=lambda _result: self.message.show_ok(text.format(name=row.name)),
            busy=(self.toggle_button,),
        )

    def _update_toggle(self) -> None:
        row = self.selected_row()
        self.toggle_button.setEnabled(row is not None)
        self.toggle_button.setText(
            pt("Enable", "启用")
            if row is not None and not row.active
            else pt("_NamedRowsEditor", "停用")
        )

    def _on_data_changed(self, area: DataArea, _initiator: object) -> None:
        if area is DataArea.SETTINGS:
            self.reload()


class WindowsEditor(_NamedRowsEditor):
    """Service windows (窗口): chosen at login, printed on receipts, counted in statistics."""

    prefix = "window"

    def headers(self) -> list[str]:
        return [pt("WindowsEditor", "窗口"), t("状态")]

    def describe_inputs(self) -> None:
        self.name_edit.setAccessibleName(t("新窗口名称"))
        self.name_edit.setPlaceholderText(t("新窗口名称，如 综合窗口三"))
        self.add_button.setText(t("添加窗口"))
        self.table.setAccessibleName(pt("Windows", "窗口"))

    def load_rows(self) -> list[NamedRow]:
        return self._context.settings.windows(include_inactive=True)

    def creation(self, name: str) -> Callable[[], NamedRow]:
        settings, actor = self._context.settings, self._context.actor
        return lambda: settings.add_window(actor, name)

    def activation(self, row_id: int, active: bool) -> Callable[[], Changed]:
        settings, actor = self._context.settings, self._context.actor
        return lambda: settings.set_window_active(actor, row_id, active)

    def cells(self, row: NamedRow) -> list[str]:
        return [row.name]

    def added_text(self, row: NamedRow) -> str:
        return t("窗口“{name}”已添加。", name=row.name)


class VillagesEditor(_NamedRowsEditor):
    """Villages and communities (村/社区) the center serves, with their optional 12-digit code."""

    prefix = "village"

    def headers(self) -> list[str]:
        return [pt("VillagesEditor", "村（社区）"), t("区划代码"), t("状态")]

    def extra_inputs(self, row: QHBoxLayout) -> None:
        self.code_edit = QLineEdit()
        self.code_edit.setObjectName("villageCodeEdit")
        self.code_edit.setMaxLength(12)
        self.code_edit.returnPressed.connect(self.add)
        row.addWidget(self.code_edit, 1)

    def clear_extra_inputs(self) -> None:
        self.code_edit.clear()

    def describe_inputs(self) -> None:
        self.name_edit.setAccessibleName(t("新村（社区）名称"))
        self.name_edit.setPlaceholderText(pt("VillagesEditor", "新村（社区）名称"))
        self.code_edit.setAccessibleName(t("区划代码（12位，可不填）"))
        self.code_edit.setPlaceholderText(t("12位区划代码（可不填）"))
        self.add_button.setText(t("添加村（社区）"))
        self.table.setAccessibleName(pt("Villages", "村（社区）"))

    def load_rows(self) -> list[NamedRow]:
        return self._context.settings.villages(include_inactive=True)

    def creation(self, name: str) -> Callable[[], NamedRow]:
        settings, actor, code = self._context.settings, self._context.actor, self.code_edit.text()
        return lambda: settings.add_village(actor, name, code)

    def activation(self, row_id: int, active: bool) -> Callable[[], Changed]:
        settings, actor = self._context.settings, self._context.actor
        return lambda: settings.set_village_active(actor, row_id, active)

    def cells(self, row: NamedRow) -> list[str]:
        return [row.name, row.code]

    def added_text(self, row: NamedRow) -> str:
        return t("“{name}”已添加。", name=row.name)
