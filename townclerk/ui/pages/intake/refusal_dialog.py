"""不予受理: the reason (a common one or typed), the legal basis (the item's 设定依据 to start
from, edited freely) and, for a matter outside our powers, the body to apply to, which the
notice then names (行政许可法 第32条(二))."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QPlainTextEdit, QWidget

from townclerk.i18n import pt, t
from townclerk.records.center import refusal_needs_competent_body
from townclerk.ui.widgets.text_dialog import TextDialog


class RefusalDialog(TextDialog):
    def __init__(self, parent: QWidget | None, *, reasons: Sequence[str], legal_basis: str) -> None:
        super().__init__(
            parent,
            title=pt("IntakePage", "不予受理"),
            prompt=t("不予受理的理由（必填；将与申请人的救济权利一并印在不予受理通知书上）："),
            confirm_text=pt("IntakePage", "不予受理"),
            required_message=t("不予受理须填写理由。"),
            reasons=reasons,
        )
        self.setObjectName("refuseDialog")
        # The common reasons that say the matter is not ours, as shown in this language.
        self._outside_reasons = [t(r) for r in reasons if refusal_needs_competent_body(r)]
        form = QFormLayout()
        self.basis_edit = QPlainTextEdit()
        self.basis_edit.setObjectName("refusalBasisEdit")
        self.basis_edit.setAccessibleName(t("法律依据"))
        self.basis_edit.setTabChangesFocus(True)
        self.basis_edit.setFixedHeight(70)
        self.basis_edit.setPlainText(legal_basis)
        form.addRow(t("法律依据"), self.basis_edit)
        self.competent_edit = QLineEdit()
        self.competent_edit.setObjectName("competentBodyEdit")
        self.competent_edit.setAccessibleName(t("有权受理的机关"))
        self.competent_edit.setMaxLength(255)
        self.competent_edit.setPlaceholderText(t("如 睢宁县市场监督管理局"))
        self.competent_label = QLabel()
        form.addRow(self.competent_label, self.competent_edit)
        layout = self.layout()
        assert layout is not None
        layout.insertLayout(layout.indexOf(self.error_label), form)  # type: ignore[attr-defined]
        self.edit.textChanged.connect(self._update_competent)
        self._update_competent()

    def needs_competent_body(self) -> bool:
        text = self.text()
        return refusal_needs_competent_body(text) or any(r in text for r in self._outside_reasons)

    def _update_competent(self) -> None:
        label = t("有权受理的机关")
        self.competent_label.setText(label + (" *" if self.needs_competent_body() else ""))

    def legal_basis(self) -> str:
        return self.basis_edit.toPlainText().strip()

    def competent_body(self) -> str:
        return self.competent_edit.text().strip()

    def accept(self) -> None:
        if self.text() and self.needs_competent_body() and not self.competent_body():
            self.error_label.setText(
                t(
                    "申请事项不属于本机关职权范围的，须告知申请人向哪个机关申请，请填写有权受理的机关。"
                )
            )
            self.error_label.show()
            self.competent_edit.setFocus()
            return
        super().accept()
