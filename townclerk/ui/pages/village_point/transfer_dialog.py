"""生成交接单: the pre-registrations leaving on this trip and who carries them."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from townclerk.i18n import t
from townclerk.records.villages import PreRegistrationInfo
from townclerk.ui import style
from townclerk.ui.widgets.dialog_keys import add_confirm_keys


class TransferDialog(QDialog):
    def __init__(
        self, parent: QWidget | None, leaving: Sequence[PreRegistrationInfo], carrier: str
    ) -> None:
        super().__init__(parent)
        self.setObjectName("transferDialog")
        self.setWindowTitle(t("生成交接单"))
        self.setModal(True)
        self.setMinimumWidth(420)
        layout = QVBoxLayout(self)
        papers = sum(len(pre.received_papers) for pre in leaving)
        summary = QLabel(
            t(
                "以下 {count} 件预登记的材料（共 {papers} 项）将随本次交接单送交镇为民服务中心：",
                count=len(leaving),
                papers=papers,
            )
        )
        summary.setWordWrap(True)
        layout.addWidget(summary)
        listing = QLabel(
            "\n".join(f"{pre.reference}　{pre.applicant_name}　{pre.item_name}" for pre in leaving)
        )
        listing.setObjectName("transferListing")
        listing.setWordWrap(True)
        layout.addWidget(listing)
        form = QFormLayout()
        self.carrier_edit = QLineEdit(carrier)
        self.carrier_edit.setObjectName("carrierEdit")
        self.carrier_edit.setAccessibleName(t("移交人（携带材料的代办员）"))
        self.carrier_edit.setMaxLength(64)
        form.addRow(t("移交人："), self.carrier_edit)
        layout.addLayout(form)
        self.error_label = QLabel()
        self.error_label.setObjectName("transferError")
        self.error_label.setStyleSheet(style.text_style(style.ERROR))
        self.error_label.hide()
        layout.addWidget(self.error_label)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.confirm_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.confirm_button.setText(t("生成并打印交接单"))
        self.confirm_button.setObjectName("transferConfirm")
        self.confirm_button.setToolTip("Ctrl+Enter")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(t("取消"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        add_confirm_keys(self)
        self.carrier_edit.setFocus()
        self.carrier_edit.selectAll()

    def carrier(self) -> str:
        return self.carrier_edit.text().strip()

    def accept(self) -> None:
        if not self.carrier():
            self.error_label.setText(t("请填写移交人（携带材料的代办员）姓名"))
            self.error_label.show()
            self.carrier_edit.setFocus()
            return
        super().accept()
