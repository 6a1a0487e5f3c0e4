"""The dialogs that confirm an action on a case (补正, 特别程序, 办结, 送达, 撤回, 好差评, 补交).

Every dialog names the case it acts on and asks for what the action needs (a reason, a decision,
an evaluation). Its confirm button runs the service call: a :class:`UserError` (an empty reason,
a case someone else has just moved on) is shown inside the dialog, which stays open with what the
clerk typed; only a successful call closes it. :class:`CaseActions` builds the right dialog for an
action and announces the change so every screen showing cases reloads itself.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TypeVar

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QBoxLayout,
    QButtonGroup,
    QComboBox,
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

from townclerk.case_states import CaseAction
from townclerk.enums import Decision, Evaluation, LabeledEnum, MaterialState
from townclerk.errors import UserError
from townclerk.records.cases import CaseDetail
from townclerk.ui import style
from townclerk.ui.context import AREA_CASES, AppContext
from townclerk.ui.qt_typed import QT_TRANSLATE_NOOP
from townclerk.ui.widgets.enum_text import enum_text

ChoiceT = TypeVar("ChoiceT", bound=LabeledEnum)


class CaseActionDialog(QDialog):
    """Confirm one action on one case. ``submit`` does the work; a UserError keeps it open."""

    def __init__(
        self,
        parent: QWidget | None,
        case: CaseDetail,
        *,
        title: str,
        explanation: str,
        confirm_text: str,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setModal(True)
        self.setMinimumWidth(460)
        self.case = case
        self.submit: Callable[[], None] | None = None
        layout = QVBoxLayout(self)
        header = QLabel(
            self.tr("Case {number} · {item} · {applicant}").format(
                number=case.number, item=case.item_name, applicant=case.applicant.name
            )
        )
        header.setObjectName("caseActionHeader")
        header.setWordWrap(True)
        header.setStyleSheet("font-weight: bold;")
        layout.addWidget(header)
        text = QLabel(explanation)
        text.setWordWrap(True)
        layout.addWidget(text)
        self.form = QFormLayout()
        layout.addLayout(self.form)
        self.error_label = QLabel()
        self.error_label.setObjectName("caseActionError")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(style.text_style(style.ERROR))
        self.error_label.hide()
        layout.addWidget(self.error_label)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.confirm_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.confirm_button.setText(confirm_text)
        self.confirm_button.setObjectName("caseActionConfirm")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    def add_text_field(
        self, label: str, *, required: bool, placeholder: str = ""
    ) -> QPlainTextEdit:
        edit = QPlainTextEdit()
        edit.setObjectName("caseActionReason")
        edit.setAccessibleName(label)
        edit.setPlaceholderText(placeholder)
        edit.setTabChangesFocus(True)
        edit.setFixedHeight(80)
        self.form.addRow(label + (" *" if required else ""), edit)
        return edit

    def add_choices(
        self, label: str, members: Iterable[ChoiceT], layout: QBoxLayout
    ) -> dict[ChoiceT, QRadioButton]:
        """One radio button per member (named ``<enum value>`` for automation), in ``layout``."""
        group = QButtonGroup(self)
        buttons: dict[ChoiceT, QRadioButton] = {}
        for member in members:
            button = QRadioButton(enum_text(member))
            button.setObjectName(f"{type(member).__name__.lower()}_{member.value}")
            button.setAccessibleName(enum_text(member))
            group.addButton(button)
            buttons[member] = button
            layout.addWidget(button)
        self.form.addRow(label, layout)
        return buttons

    @staticmethod
    def chosen(buttons: dict[ChoiceT, QRadioButton]) -> ChoiceT | None:
        return next((member for member, button in buttons.items() if button.isChecked()), None)

    def check(self) -> str | None:
        """A message when the input is incomplete (checked before the service is called)."""
        return None

    def show_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.show()

    def accept(self) -> None:
        problem = self.check()
        if problem is not None:
            self.show_error(problem)
            return
        if self.submit is not None:
            try:
                self.submit()
            except UserError as error:
                self.show_error(str(error))
                return
        super().accept()


class ReasonDialog(CaseActionDialog):
    """An action that needs a reason (required) or takes an optional note."""

    def __init__(
        self,
        parent: QWidget | None,
        case: CaseDetail,
        *,
        title: str,
        explanation: str,
        confirm_text: str,
        reason_label: str,
        reason_required: bool,
        placeholder: str = "",
    ) -> None:
        super().__init__(
            parent, case, title=title, explanation=explanation, confirm_text=confirm_text
        )
        self.reason_label = reason_label
        self.reason_required = reason_required
        self.reason_edit = self.add_text_field(
            reason_label, required=reason_required, placeholder=placeholder
        )
        self.reason_edit.setFocus()

    def reason(self) -> str:
        return self.reason_edit.toPlainText().strip()

    def check(self) -> str | None:
        if self.reason_required and not self.reason():
            return self.tr("Please fill in: {what}").format(what=self.reason_label)
        return None


class CompleteDialog(CaseActionDialog):
    """办结: the decision (准予 / 不予), the result handed out, and the reason for a denial."""

    def __init__(self, parent: QWidget | None, case: CaseDetail) -> None:
        super().__init__(
            parent,
            case,
            title=self.tr("Complete the case"),
            explanation=self.tr(
                "Record the decision and the result. The case then waits for the result to be "
                "handed to the applicant."
            ),
            confirm_text=self.tr("Complete"),
        )
        row = QHBoxLayout()
        self.decision_buttons = self.add_choices(self.tr("Decision"), Decision, row)
        row.addStretch(1)
        self.decision_buttons[Decision.GRANTED].setChecked(True)
        self.result_edit = QLineEdit()
        self.result_edit.setObjectName("caseActionResult")
        self.result_edit.setAccessibleName(self.tr("Result"))
        self.result_edit.setPlaceholderText(
            self.tr("e.g. business licence, approval document, decision not to permit")
        )
        self.form.addRow(self.tr("Result") + " *", self.result_edit)
        self.note_edit = self.add_text_field(
            self.tr("Reason or note (required for a denial)"), required=False
        )
        self.result_edit.setFocus()

    def decision(self) -> Decision:
        return self.chosen(self.decision_buttons) or Decision.GRANTED

    def result_text(self) -> str:
        return self.result_edit.text().strip()

    def note(self) -> str:
        return self.note_edit.toPlainText().strip()

    def check(self) -> str | None:
        if not self.result_text():
            return self.tr("Please fill in the result")
        if self.decision() is Decision.DENIED and not self.note():
            return self.tr("A denial must state its reason")
        return None


class EvaluateDialog(CaseActionDialog):
    """好差评: the applicant's evaluation of the service (国办发〔2019〕51号)."""

    def __init__(self, parent: QWidget | None, case: CaseDetail) -> None:
        super().__init__(
            parent,
            case,
            title=self.tr("Evaluation"),
            explanation=self.tr(
                "Record the applicant's own evaluation of the service. A case is evaluated once."
            ),
            confirm_text=self.tr("Record evaluation"),
        )
        self.evaluation_buttons = self.add_choices(
            self.tr("Evaluation") + " *", Evaluation, QVBoxLayout()
        )
        self.note_edit = self.add_text_field(self.tr("Applicant's comment"), required=False)

    def evaluation(self) -> Evaluation | None:
        return self.chosen(self.evaluation_buttons)

    def note(self) -> str:
        return self.note_edit.toPlainText().strip()

    def check(self) -> str | None:
        if self.evaluation() is None:
            return self.tr("Please choose the applicant's evaluation")
        return None


class SupplyMaterialDialog(CaseActionDialog):
    """补交: a material accepted under 容缺 (or missing) is handed in."""

    def __init__(self, parent: QWidget | None, case: CaseDetail) -> None:
        super().__init__(
            parent,
            case,
            title=self.tr("Material supplied"),
            explanation=self.tr("Record that the applicant has handed in this material."),
            confirm_text=self.tr("Record as received"),
        )
        self.material_combo = QComboBox()
        self.material_combo.setObjectName("caseActionMaterial")
        self.material_combo.setAccessibleName(self.tr("Material"))
        for material in case.materials:
            if material.state is MaterialState.RECEIVED:
                continue
            promise = ""
            if material.promised_date is not None:
                promise = self.tr(", promised by {date}").format(
                    date=material.promised_date.isoformat()
                )
            text = self.tr("{name} ({state}{promise})").format(
                name=material.name, state=enum_text(material.state), promise=promise
            )
            self.material_combo.addItem(text, material.material_id)
        self.form.addRow(self.tr("Material"), self.material_combo)

    def material_id(self) -> int | None:
        value = self.material_combo.currentData()
        return value if isinstance(value, int) else None

    def check(self) -> str | None:
        if self.material_id() is None:
            return self.tr("Every material of this case has been received")
        return None


@dataclass(frozen=True)
class ReasonTexts:
    """What a ReasonDialog says for one action (English sources, translated when shown)."""

    title: str
    explanation: str
    confirm: str
    reason_label: str
    reason_required: bool
    placeholder: str = ""


REASON_TEXTS: dict[CaseAction, ReasonTexts] = {
    CaseAction.START_CORRECTION: ReasonTexts(
        title=QT_TRANSLATE_NOOP("CaseActions", "Start correction"),
        explanation=QT_TRANSLATE_NOOP(
            "CaseActions",
            "The applicant must correct or supplement the application. The clock stops "
            "until the correction is complete.",
        ),
        confirm=QT_TRANSLATE_NOOP("CaseActions", "Start correction"),
        reason_label=QT_TRANSLATE_NOOP("CaseActions", "What must be corrected"),
        reason_required=True,
    ),
    CaseAction.END_CORRECTION: ReasonTexts(
        title=QT_TRANSLATE_NOOP("CaseActions", "Correction complete"),
        explanation=QT_TRANSLATE_NOOP(
            "CaseActions",
            "The applicant has supplied the correction. The clock runs again and the due "
            "date moves by the working days paused.",
        ),
        confirm=QT_TRANSLATE_NOOP("CaseActions", "Correction complete"),
        reason_label=QT_TRANSLATE_NOOP("CaseActions", "Note"),
        reason_required=False,
    ),
    CaseAction.START_SPECIAL: ReasonTexts(
        title=QT_TRANSLATE_NOOP("CaseActions", "Start special procedure"),
        explanation=QT_TRANSLATE_NOOP(
            "CaseActions",
            "A hearing, public notice, appraisal or expert review is needed. The clock "
            "stops until the procedure ends.",
        ),
        confirm=QT_TRANSLATE_NOOP("CaseActions", "Start special procedure"),
        reason_label=QT_TRANSLATE_NOOP("CaseActions", "Procedure and reason"),
        reason_required=True,
        placeholder=QT_TRANSLATE_NOOP("CaseActions", "e.g. public notice for 7 days"),
    ),
    CaseAction.END_SPECIAL: ReasonTexts(
        title=QT_TRANSLATE_NOOP("CaseActions", "Special procedure ended"),
        explanation=QT_TRANSLATE_NOOP(
            "CaseActions",
            "The special procedure has ended. The clock runs again and the due date moves "
            "by the working days paused.",
        ),
        confirm=QT_TRANSLATE_NOOP("CaseActions", "Special procedure ended"),
        reason_label=QT_TRANSLATE_NOOP("CaseActions", "Outcome of the procedure"),
        reason_required=False,
    ),
    CaseAction.DELIVER: ReasonTexts(
        title=QT_TRANSLATE_NOOP("CaseActions", "Deliver the result"),
        explanation=QT_TRANSLATE_NOOP(
            "CaseActions", "Confirm that the result has been handed to the applicant."
        ),
        confirm=QT_TRANSLATE_NOOP("CaseActions", "Delivered"),
        reason_label=QT_TRANSLATE_NOOP("CaseActions", "Note (who collected it, how)"),
        reason_required=False,
    ),
    CaseAction.WITHDRAW: ReasonTexts(
        title=QT_TRANSLATE_NOOP("CaseActions", "Withdraw the application"),
        explanation=QT_TRANSLATE_NOOP(
            "CaseActions",
            "The applicant withdraws the application. The case is closed and cannot be reopened.",
        ),
        confirm=QT_TRANSLATE_NOOP("CaseActions", "Withdraw"),
        reason_label=QT_TRANSLATE_NOOP("CaseActions", "Reason for withdrawal"),
        reason_required=True,
    ),
}


class CaseActions(QObject):
    """Builds the dialog for an action, runs the service call, announces the change."""

    performed = Signal(object, object)  # (CaseDetail after the action, CaseAction)

    def __init__(self, context: AppContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._context = context

    def dialog_for(
        self, parent: QWidget | None, case: CaseDetail, action: CaseAction
    ) -> CaseActionDialog:
        """The dialog confirming ``action`` on ``case``; call ``open()`` or ``exec()`` on it."""
        dialog = self._build(parent, case, action)
        dialog.setObjectName(f"caseAction_{action.value}")
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        return dialog

    def _build(
        self, parent: QWidget | None, case: CaseDetail, action: CaseAction
    ) -> CaseActionDialog:
        cases = self._context.cases
        actor = self._context.actor
        number = case.number
        if action is CaseAction.COMPLETE:
            complete = CompleteDialog(parent, case)
            complete.submit = lambda: self._done(
                cases.complete(
                    actor, number, complete.decision(), complete.result_text(), complete.note()
                ),
                action,
            )
            return complete
        if action is CaseAction.EVALUATE:
            evaluate = EvaluateDialog(parent, case)

            def submit_evaluation() -> None:
                evaluation = evaluate.evaluation()
                assert evaluation is not None  # check() ran first
                self._done(cases.evaluate(actor, number, evaluation, evaluate.note()), action)

            evaluate.submit = submit_evaluation
            return evaluate
        if action is CaseAction.SUPPLY_MATERIAL:
            supply = SupplyMaterialDialog(parent, case)

            def submit_material() -> None:
                material_id = supply.material_id()
                assert material_id is not None  # check() ran first
                self._done(cases.supply_material(actor, number, material_id), action)

            supply.submit = submit_material
            return supply
        dialog = self._reason_dialog(parent, case, action)
        calls: dict[CaseAction, Callable[[str], CaseDetail]] = {
            CaseAction.START_CORRECTION: lambda text: cases.start_correction(actor, number, text),
            CaseAction.END_CORRECTION: lambda text: cases.end_correction(actor, number, text),
            CaseAction.START_SPECIAL: lambda text: cases.start_special(actor, number, text),
            CaseAction.END_SPECIAL: lambda text: cases.end_special(actor, number, text),
            CaseAction.DELIVER: lambda text: cases.deliver(actor, number, text),
            CaseAction.WITHDRAW: lambda text: cases.withdraw(actor, number, text),
        }
        call = calls[action]
        dialog.submit = lambda: self._done(call(dialog.reason()), action)
        return dialog

    def _reason_dialog(
        self, parent: QWidget | None, case: CaseDetail, action: CaseAction
    ) -> ReasonDialog:
        texts = REASON_TEXTS[action]

        def translated(source: str) -> str:
            return QCoreApplication.translate("CaseActions", source) if source else ""

        return ReasonDialog(
            parent,
            case,
            title=translated(texts.title),
            explanation=translated(texts.explanation),
            confirm_text=translated(texts.confirm),
            reason_label=translated(texts.reason_label),
            reason_required=texts.reason_required,
            placeholder=translated(texts.placeholder),
        )

    def _done(self, case: CaseDetail, action: CaseAction) -> None:
        self._context.announce(AREA_CASES)
        self.performed.emit(case, action)
