"""The back-office decision (准予/不予) on a case of the queue: the result, for a denial its
reason and legal basis (《行政许可法》第38条), for a licence its number and validity. Keyboard
all the way: Alt+Z 准予, Alt+B 不予, Tab through the fields, Ctrl+Enter confirms. A user error
keeps the dialog open with what was typed; success closes it."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from townclerk.enums import Decision
from townclerk.i18n import t
from townclerk.records.cases import CaseDetail
from townclerk.records.desks import QueueRow
from townclerk.services.back_office import BackOfficeService
from townclerk.ui import style
from townclerk.ui.context import AppContext
from townclerk.ui.operations import WriteRunner
from townclerk.ui.widgets.dialog_keys import add_confirm_keys
from townclerk.ui.widgets.instant_mnemonic import instant_mnemonics


class DecideDialog(QDialog):
    decided = Signal(object)  # the CaseDetail, completed and back at the window

    def __init__(self, context: AppContext, parent: QWidget | None, row: QueueRow) -> None:
        super().__init__(parent)
        self.setObjectName("decideDialog")
        self.setWindowTitle(t("后台审批决定"))
        self.setModal(True)
        self.setMinimumWidth(480)
        self._context = context
        self.row = row
        self._writes = WriteRunner(context, self)
        layout = QVBoxLayout(self)
        header = QLabel(
            t(
                "办件 {number} · {item} · {applicant}",
                number=row.number,
                item=row.item_name,
                applicant=row.applicant_name,
            )
        )
        header.setWordWrap(True)
        header.setStyleSheet("font-weight: bold;")
        layout.addWidget(header)
        explanation = QLabel(t("决定后办件即办结，材料和办理结果退回综合窗口出件。"))
        explanation.setWordWrap(True)
        layout.addWidget(explanation)

        form = QFormLayout()
        choices = QHBoxLayout()
        self.granted = QRadioButton(t("准予(&Z)"))
        self.granted.setObjectName(Decision.GRANTED.value)
        self.denied = QRadioButton(t("不予(&B)"))
        self.denied.setObjectName(Decision.DENIED.value)
        group = QButtonGroup(self)
        for button in (self.granted, self.denied):
            group.addButton(button)
            choices.addWidget(button)
        choices.addStretch(1)
        self.granted.setChecked(True)
        instant_mnemonics(self, self.granted, self.denied)  # the cursor stays in its field
        form.addRow(t("决定"), choices)
        self.result_edit = self._line(
            "decideResultEdit", t("办理结果"), t("如 准予登记，核发营业执照")
        )
        form.addRow(t("办理结果") + " *", self.result_edit)
        self.reason_edit = QPlainTextEdit()
        self.reason_edit.setObjectName("decideReasonEdit")
        self.reason_edit.setAccessibleName(t("不予许可的理由"))
        self.reason_edit.setTabChangesFocus(True)
        self.reason_edit.setFixedHeight(70)
        form.addRow(t("不予许可的理由"), self.reason_edit)
        self.basis_edit = self._line("decideBasisEdit", t("法律依据"), "")
        form.addRow(t("法律依据"), self.basis_edit)
        self.number_edit = self._line(
            "decideNumberEdit", t("证照编号"), t("证照、批文的编号（可不填）")
        )
        form.addRow(t("证照编号"), self.number_edit)
        self.valid_edit = self._line("decideValidEdit", t("有效期至"), t("YYYY-MM-DD（可不填）"))
        form.addRow(t("有效期至"), self.valid_edit)
        self.note_edit = self._line("decideNoteEdit", t("说明"), t("可不填"))
        form.addRow(t("说明"), self.note_edit)
        layout.addLayout(form)
        self.error_label = QLabel()
        self.error_label.setObjectName("decideError")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(style.text_style(style.ERROR))
        self.error_label.hide()
        layout.addWidget(self.error_label)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.confirm_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.confirm_button.setText(t("确认决定"))
        self.confirm_button.setObjectName("decideConfirm")
        self.confirm_button.setToolTip("Ctrl+Enter")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(t("取消"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        add_confirm_keys(self, self.confirm_button.click)
        self.granted.toggled.connect(self._decision_changed)
        self._decision_changed()
        self.result_edit.setFocus()

    def _line(self, name: str, accessible: str, placeholder: str) -> QLineEdit:
        edit = QLineEdit()
        edit.setObjectName(name)
        edit.setAccessibleName(accessible)
        edit.setPlaceholderText(placeholder)
        return edit

    def decision(self) -> Decision:
        return Decision.GRANTED if self.granted.isChecked() else Decision.DENIED

    def _decision_changed(self) -> None:
        """A denial states its reasons; a licence's number belongs to a grant."""
        denied = self.decision() is Decision.DENIED
        self.reason_edit.setEnabled(denied)
        self.basis_edit.setEnabled(denied)
        self.number_edit.setEnabled(not denied)
        self.valid_edit.setEnabled(not denied)

    def _show_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.show()

    def accept(self) -> None:
        """Write the decision; the dialog closes when it has been recorded."""
        if self._writes.is_running():
            return
        valid_until: dt.date | None = None
        text = self.valid_edit.text().strip()
        denied = self.decision() is Decision.DENIED
        if text and not denied:
            try:
                valid_until = dt.date.fromisoformat(text)
            except ValueError:
                self._show_error(t("有效期应为 YYYY-MM-DD 格式的日期：{text}", text=text))
                self.valid_edit.setFocus()
                return
        self.error_label.hide()
        service = BackOfficeService(self._context.db)
        actor, number, decision = self._context.actor, self.row.number, self.decision()
        result = self.result_edit.text()
        reason = self.reason_edit.toPlainText() if denied else ""
        basis = self.basis_edit.text() if denied else ""
        licence = "" if denied else self.number_edit.text()
        note = self.note_edit.text()
        self._writes.run(
            lambda: service.decide(
                actor,
                number,
                decision,
                result,
                reason=reason,
                legal_basis=basis,
                result_number=licence,
                result_valid_until=valid_until,
                note=note,
            ),
            on_done=self._done,
            on_user_error=self._show_error,
            busy=(self.confirm_button,),
        )

    def _done(self, case: CaseDetail) -> None:
        self.decided.emit(case)
        super().accept()

    def reject(self) -> None:
        if not self._writes.is_running():
            super().reject()
