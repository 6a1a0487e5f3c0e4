"""The point's pre-registrations with the township's answers: status, case number, promised
date, what is missing, the result waiting at the point (待领取). From here the agent makes the
trip's 交接单, cancels one the resident withdrew, and prints a 回执 again."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from townclerk.enums import PreRegistrationStatus
from townclerk.i18n import t
from townclerk.records.villages import PreRegistrationInfo
from townclerk.ui.widgets.flow_layout import FlowLayout
from townclerk.ui.widgets.instant_mnemonic import instant_mnemonics
from townclerk.ui.widgets.record_table import prepare_record_table, set_record_row

HEADERS = ("预登记号", "登记时间", "申请人", "事项", "状态", "办件编号", "承诺办结", "镇里答复")


def answer_text(pre: PreRegistrationInfo) -> str:
    """What has come back from the township, in one line."""
    if pre.picked_up_at is not None:
        return t("已领取（{who}，{at:%m-%d}）", who=pre.picked_up_by or "—", at=pre.picked_up_at)
    if pre.result_at_point_at is not None:
        result = pre.result_text or (t(pre.decision.label) if pre.decision else "")
        return t("结果已到服务点，待领取：{result}", result=result or "—")
    if pre.decision is not None:
        return t("已办结：{decision}", decision=t(pre.decision.label))
    if pre.status is PreRegistrationStatus.CANCELLED:
        return pre.note.splitlines()[-1] if pre.note else ""
    return pre.answer


class PreRegistrationList(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("preRegistrationList")
        self.rows: tuple[PreRegistrationInfo, ...] = ()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        filters = FlowLayout()
        status_label = QLabel(t("状态(&S)："))
        self.status_combo = QComboBox()
        self.status_combo.setObjectName("preStatusFilter")
        self.status_combo.setAccessibleName(t("按状态筛选"))
        status_label.setBuddy(self.status_combo)
        self.status_combo.addItem(t("全部"), "")
        for status in PreRegistrationStatus:
            self.status_combo.addItem(t(status.label), status.value)
        self.pickup_check = QCheckBox(t("只看待领取(&D)"))
        self.pickup_check.setObjectName("pickupFilter")
        filters.addWidget(status_label)
        filters.addWidget(self.status_combo)
        filters.addWidget(self.pickup_check)
        layout.addLayout(filters)

        self.table = QTableWidget(0, len(HEADERS))
        prepare_record_table(self.table, "preRegistrationTable", t("本服务点的预登记"))
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setHorizontalHeaderLabels([t(header) for header in HEADERS])
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in enumerate((150, 90, 70, 150, 70, 170, 80)):
            header.resizeSection(column, width)
        layout.addWidget(self.table, 1)
        self.summary = QLabel()
        self.summary.setObjectName("preRegistrationSummary")
        layout.addWidget(self.summary)

        actions = FlowLayout()
        self.transfer_button = QPushButton(t("生成交接单(&J)"))
        self.transfer_button.setObjectName("makeTransferButton")
        self.transfer_button.setToolTip(t("所选的待交接预登记（未选择时为全部待交接的）"))
        self.cancel_button = QPushButton(t("撤销预登记(&C)"))
        self.cancel_button.setObjectName("cancelPreButton")
        self.reprint_button = QPushButton(t("补打回执(&P)"))
        self.reprint_button.setObjectName("reprintReceiptButton")
        for button in (self.transfer_button, self.cancel_button, self.reprint_button):
            actions.addWidget(button)
        layout.addLayout(actions)
        instant_mnemonics(self, self.transfer_button, self.cancel_button, self.reprint_button)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self._update_buttons()

    # --- what is asked -----------------------------------------------------------------------
    def statuses(self) -> tuple[PreRegistrationStatus, ...]:
        value = self.status_combo.currentData()
        return (PreRegistrationStatus(value),) if value else ()

    def awaiting_pickup(self) -> bool:
        return self.pickup_check.isChecked()

    # --- showing -----------------------------------------------------------------------------
    def show_rows(self, rows: Sequence[PreRegistrationInfo]) -> None:
        chosen = {pre.reference for pre in self.selected()}
        self.rows = tuple(rows)
        self.table.blockSignals(True)
        self.table.clearSelection()
        self.table.setRowCount(len(self.rows))
        for index, pre in enumerate(self.rows):
            cells = [
                pre.reference,
                f"{pre.registered_at:%m-%d %H:%M}",
                pre.applicant_name,
                pre.item_name,
                t(pre.status.label),
                pre.case_number or "",
                pre.due_date.isoformat() if pre.due_date else "",
                answer_text(pre),
            ]
            set_record_row(
                self.table, index, cells, active=pre.status is not PreRegistrationStatus.CANCELLED
            )
        self.table.blockSignals(False)
        for index, pre in enumerate(self.rows):
            if pre.reference in chosen:
                self.table.selectionModel().select(
                    self.table.model().index(index, 0),
                    self.table.selectionModel().SelectionFlag.Select
                    | self.table.selectionModel().SelectionFlag.Rows,
                )
        pending = len(self.pending())
        waiting = sum(pre.awaiting_pickup for pre in self.rows)
        self.summary.setText(
            t(
                "共 {count} 件；待交接 {pending} 件；待领取 {waiting} 件",
                count=len(self.rows),
                pending=pending,
                waiting=waiting,
            )
        )
        self._update_buttons()

    def selected(self) -> list[PreRegistrationInfo]:
        rows = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        return [self.rows[row] for row in rows if row < len(self.rows)]

    def pending(self) -> list[PreRegistrationInfo]:
        return [pre for pre in self.rows if pre.status is PreRegistrationStatus.PENDING]

    def leaving(self) -> list[PreRegistrationInfo]:
        """What a 交接单 made now carries: the pending ones chosen, or every pending one."""
        chosen = [p for p in self.selected() if p.status is PreRegistrationStatus.PENDING]
        return chosen or (self.pending() if not self.selected() else [])

    def _update_buttons(self) -> None:
        selected = self.selected()
        self.transfer_button.setEnabled(bool(self.leaving()))
        self.cancel_button.setEnabled(
            len(selected) == 1 and selected[0].status is PreRegistrationStatus.PENDING
        )
        self.reprint_button.setEnabled(len(selected) == 1)

    def focus_table(self) -> None:
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)
