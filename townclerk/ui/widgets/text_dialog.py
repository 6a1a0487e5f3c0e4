"""A dialog asking for a text (a refusal's reason, what a one-time notice adds): keyboard all
the way and checked in place.

Tab moves on (it never types a tab), Ctrl+Enter confirms, Esc cancels. A required text left
empty keeps the dialog open with the problem shown inside it, next to what the clerk typed.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from townclerk.i18n import t
from townclerk.ui import style
from townclerk.ui.widgets.dialog_keys import add_confirm_keys


class ReasonPicker(QComboBox):
    """The common reasons (Settings) to pick from: the one picked goes into ``edit``, replacing
    the one picked before (what the clerk typed is kept, the reason added on a new line)."""

    def __init__(self, reasons: Sequence[str], edit: QPlainTextEdit) -> None:
        super().__init__()
        self.setObjectName("reasonPicker")
        self.setAccessibleName(t("常用理由"))
        self._edit = edit
        self._picked = ""
        self.addItem(t("（选择常用理由，或直接填写）"), "")
        for reason in reasons:
            self.addItem(t(reason), t(reason))
        self.currentIndexChanged.connect(self._pick)

    def _pick(self, _index: int) -> None:
        reason = str(self.currentData() or "")
        text = self._edit.toPlainText()
        if self._picked and self._picked in text:
            text = text.replace(self._picked, reason, 1)
        elif reason:
            text = f"{text.rstrip()}\n{reason}" if text.strip() else reason
        self._edit.setPlainText(text.strip("\n"))
        self._picked = reason


class TextDialog(QDialog):
    def __init__(
        self,
        parent: QWidget | None,
        *,
        title: str,
        prompt: str,
        confirm_text: str,
        required_message: str | None = None,
        reasons: Sequence[str] = (),
    ) -> None:
        """``required_message``: the text is required, and this says so when it is empty."""
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setModal(True)
        self.setMinimumWidth(440)
        self._required_message = required_message
        layout = QVBoxLayout(self)
        label = QLabel(prompt)
        label.setWordWrap(True)
        layout.addWidget(label)
        self.edit = QPlainTextEdit()
        self.edit.setObjectName("textDialogEdit")
        self.edit.setAccessibleName(title)
        self.edit.setTabChangesFocus(True)
        self.edit.setFixedHeight(100)
        label.setBuddy(self.edit)
        self.reason_picker: ReasonPicker | None = None
        if reasons:
            self.reason_picker = ReasonPicker(reasons, self.edit)
            layout.addWidget(self.reason_picker)
        layout.addWidget(self.edit)
        self.error_label = QLabel()
        self.error_label.setObjectName("textDialogError")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(style.text_style(style.ERROR))
        self.error_label.hide()
        layout.addWidget(self.error_label)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.confirm_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.confirm_button.setText(confirm_text)
        self.confirm_button.setObjectName("textDialogConfirm")
        self.confirm_button.setToolTip("Ctrl+Enter")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(t("取消"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        add_confirm_keys(self)
        self.edit.setFocus()

    def text(self) -> str:
        return self.edit.toPlainText().strip()

    def accept(self) -> None:
        if self._required_message is not None and not self.text():
            self.error_label.setText(self._required_message)
            self.error_label.show()
            self.edit.setFocus()
            return
        super().accept()
