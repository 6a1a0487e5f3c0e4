"""移交后台: the window hands an open case's papers to a back-office desk. The desk (by default
the one its department is mapped to), the officer who takes them, the papers (the materials
received, ticked; untick what stays at the window) and a note. The write is one hand-over; the
物料流转凭证 is printed after it for both to sign."""

from __future__ import annotations

from PySide6.QtCore import QStringListModel, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from townclerk.i18n import t
from townclerk.records.cases import CaseDetail
from townclerk.records.desks import DeskInfo
from townclerk.services.handover import HandoverService
from townclerk.ui import style
from townclerk.ui.context import AppContext
from townclerk.ui.operations import WriteRunner
from townclerk.ui.widgets.dialog_keys import add_confirm_keys


class HandoverDialog(QDialog):
    handed_over = Signal(object)  # the CaseDetail, now at the desk

    def __init__(
        self,
        context: AppContext,
        parent: QWidget | None,
        case: CaseDetail,
        desks: list[DeskInfo],
    ) -> None:
        super().__init__(parent)
        self.setObjectName("handoverDialog")
        self.setWindowTitle(t("移交后台"))
        self.setModal(True)
        self.setMinimumWidth(460)
        self._context = context
        self.case = case
        self._desks = desks
        self._writes = WriteRunner(context, self)
        layout = QVBoxLayout(self)
        header = QLabel(
            t(
                "办件 {number} · {item} · {applicant}",
                number=case.number,
                item=case.item_name,
                applicant=case.applicant.name,
            )
        )
        header.setWordWrap(True)
        header.setStyleSheet("font-weight: bold;")
        layout.addWidget(header)
        explanation = QLabel(
            t(
                "材料移交后台审批；审批后由后台退回综合窗口出件。移交后请打印物料流转凭证，双方签字。"
            )
        )
        explanation.setWordWrap(True)
        layout.addWidget(explanation)
        form = QFormLayout()
        self.desk_combo = QComboBox()
        self.desk_combo.setObjectName("handoverDeskCombo")
        self.desk_combo.setAccessibleName(t("后台窗口"))
        for desk in desks:
            self.desk_combo.addItem(desk.name, desk.id)
        mapped = next((d for d in desks if case.department in d.departments), None)
        if mapped is not None:
            self.desk_combo.setCurrentIndex(self.desk_combo.findData(mapped.id))
        form.addRow(t("后台窗口"), self.desk_combo)
        self.taker_edit = QLineEdit()
        self.taker_edit.setObjectName("handoverTakerEdit")
        self.taker_edit.setAccessibleName(t("接收人"))
        self.taker_edit.setMaxLength(64)
        self._officers = QStringListModel(self)
        completer = QCompleter(self._officers, self.taker_edit)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.taker_edit.setCompleter(completer)
        form.addRow(t("接收人"), self.taker_edit)
        self.papers = QListWidget()
        self.papers.setObjectName("handoverPapers")
        self.papers.setAccessibleName(t("移交材料"))
        self.papers.setMaximumHeight(130)
        for material in case.materials:
            item = QListWidgetItem(material.name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            received = material in case.received_materials
            item.setCheckState(Qt.CheckState.Checked if received else Qt.CheckState.Unchecked)
            self.papers.addItem(item)
        form.addRow(t("移交材料"), self.papers)
        self.note_edit = QLineEdit()
        self.note_edit.setObjectName("handoverNoteEdit")
        self.note_edit.setAccessibleName(t("说明"))
        self.note_edit.setPlaceholderText(t("可不填"))
        form.addRow(t("说明"), self.note_edit)
        layout.addLayout(form)
        self.error_label = QLabel()
        self.error_label.setObjectName("handoverError")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(style.text_style(style.ERROR))
        self.error_label.hide()
        layout.addWidget(self.error_label)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.confirm_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.confirm_button.setText(t("移交"))
        self.confirm_button.setObjectName("handoverConfirm")
        self.confirm_button.setToolTip("Ctrl+Enter")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(t("取消"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        add_confirm_keys(self, self.confirm_button.click)
        self.desk_combo.currentIndexChanged.connect(self._desk_changed)
        self._desk_changed()
        self.taker_edit.setFocus()

    def _desk_changed(self) -> None:
        """The chosen desk's officers are offered as the taker; one alone is filled in."""
        desk = next((d for d in self._desks if d.id == self.desk_combo.currentData()), None)
        names = [o.display_name for o in desk.officers if o.active] if desk is not None else []
        self._officers.setStringList(names)
        if len(names) == 1 and not self.taker_edit.isModified():
            self.taker_edit.setText(names[0])

    def chosen_papers(self) -> list[str]:
        return [
            self.papers.item(row).text()
            for row in range(self.papers.count())
            if self.papers.item(row).checkState() == Qt.CheckState.Checked
        ]

    def accept(self) -> None:
        if self._writes.is_running():
            return
        desk_id = self.desk_combo.currentData()
        papers = self.chosen_papers()
        if desk_id is None:
            self._show_error(t("没有启用的后台窗口：请管理员在“系统设置 → 后台窗口”中设置"))
            return
        if not papers:
            self._show_error(t("请勾选移交的材料"))
            self.papers.setFocus()
            return
        self.error_label.hide()
        handover, actor, number = (
            HandoverService(self._context.db),
            self._context.actor,
            self.case.number,
        )
        taker, note = self.taker_edit.text(), self.note_edit.text()
        self._writes.run(
            lambda: handover.to_desk(
                actor, number, int(desk_id), taken_by=taker, papers=papers, note=note
            ),
            on_done=self._done,
            on_user_error=self._show_error,
            busy=(self.confirm_button,),
        )

    def _show_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.show()

    def _done(self, case: CaseDetail) -> None:
        self.handed_over.emit(case)
        super().accept()

    def reject(self) -> None:
        if not self._writes.is_running():
            super().reject()
