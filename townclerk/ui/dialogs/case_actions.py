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

from PySide6.QtCore import QObject, Qt, Signal
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

from townclerk.enums import Decision, Evaluation, LabeledEnum, MaterialState
from townclerk.errors import UserError
from townclerk.i18n import NP_, pt, t
from townclerk.services.case_records import CaseDetail
from townclerk.services.case_states import CaseAction
from townclerk.ui.context import AREA_CASES, AppContext

ChoiceT = TypeVar("ChoiceT", bound=LabeledEnum)

ERROR_STYLE = "color: #b00020;"


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
            t(
                "办件 {number} · {item} · {applicant}",
                number=case.number,
                item=case.item_name,
                applicant=case.applicant.name,
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
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.hide()
        layout.addWidget(self.error_label)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.confirm_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.confirm_button.setText(confirm_text)
        self.confirm_button.setObjectName("caseActionConfirm")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(t("取消"))
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
            button = QRadioButton(t(member.label))
            button.setObjectName(f"{type(member).__name__.lower()}_{member.value}")
            button.setAccessibleName(t(member.label))
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
            return t("请填写：{what}", what=self.reason_label)
        return None


class CompleteDialog(CaseActionDialog):
    """办结: the decision (准予 / 不予), the result handed out, and the reason for a denial."""

    def __init__(self, parent: QWidget | None, case: CaseDetail) -> None:
        super().__init__(
            parent,
            case,
            title=pt("CompleteDialog", "办结"),
            explanation=t("记录办理决定和办理结果。办结后等待向申请人送达。"),
            confirm_text=t("确认办结"),
        )
        row = QHBoxLayout()
        self.decision_buttons = self.add_choices(t("办理决定"), Decision, row)
        row.addStretch(1)
        self.decision_buttons[Decision.GRANTED].setChecked(True)
        self.result_edit = QLineEdit()
        self.result_edit.setObjectName("caseActionResult")
        self.result_edit.setAccessibleName(t("办理结果"))
        self.result_edit.setPlaceholderText(t("如：营业执照、批复文件、不予许可决定书"))
        self.form.addRow(t("办理结果") + " *", self.result_edit)
        self.note_edit = self.add_text_field(t("理由或说明（不予时必填）"), required=False)
        self.result_edit.setFocus()

    def decision(self) -> Decision:
        return self.chosen(self.decision_buttons) or Decision.GRANTED

    def result_text(self) -> str:
        return self.result_edit.text().strip()

    def note(self) -> str:
        return self.note_edit.toPlainText().strip()

    def check(self) -> str | None:
        if not self.result_text():
            return t("请填写办理结果")
        if self.decision() is Decision.DENIED and not self.note():
            return t("不予办理必须说明理由")
        return None


class EvaluateDialog(CaseActionDialog):
    """好差评: the applicant's evaluation of the service (国办发〔2019〕51号)."""

    def __init__(self, parent: QWidget | None, case: CaseDetail) -> None:
        super().__init__(
            parent,
            case,
            title=t("好差评"),
            explanation=t("记录申请人本人对服务的评价。每件办件只能评价一次。"),
            confirm_text=t("确认评价"),
        )
        self.evaluation_buttons = self.add_choices(t("好差评") + " *", Evaluation, QVBoxLayout())
        self.note_edit = self.add_text_field(t("申请人意见"), required=False)

    def evaluation(self) -> Evaluation | None:
        return self.chosen(self.evaluation_buttons)

    def note(self) -> str:
        return self.note_edit.toPlainText().strip()

    def check(self) -> str | None:
        if self.evaluation() is None:
            return t("请选择申请人的评价")
        return None


class SupplyMaterialDialog(CaseActionDialog):
    """补交: a material accepted under 容缺 (or missing) is handed in."""

    def __init__(self, parent: QWidget | None, case: CaseDetail) -> None:
        super().__init__(
            parent,
            case,
            title=t("补交材料"),
            explanation=t("记录申请人已补交以下材料。"),
            confirm_text=t("确认已收取"),
        )
        self.material_combo = QComboBox()
        self.material_combo.setObjectName("caseActionMaterial")
        self.material_combo.setAccessibleName(t("材料"))
        for material in case.materials:
            if material.state is MaterialState.RECEIVED:
                continue
            promise = ""
            if material.promised_date is not None:
                promise = t("，承诺 {date} 前补交", date=material.promised_date.isoformat())
            text = t(
                "{name}（{state}{promise}）",
                name=material.name,
                state=t(material.state.label),
                promise=promise,
            )
            self.material_combo.addItem(text, material.material_id)
        self.form.addRow(t("材料"), self.material_combo)

    def material_id(self) -> int | None:
        value = self.material_combo.currentData()
        return value if isinstance(value, int) else None

    def check(self) -> str | None:
        if self.material_id() is None:
            return t("该办件的材料已全部收取")
        return None


@dataclass(frozen=True)
class ReasonTexts:
    """What a ReasonDialog says for one action (marked texts, translated when shown)."""

    title: str
    explanation: str
    confirm: str
    reason_label: str
    reason_required: bool
    placeholder: str = ""


REASON_TEXTS: dict[CaseAction, ReasonTexts] = {
    CaseAction.START_CORRECTION: ReasonTexts(
        title=NP_("CaseActions", "开始补正"),
        explanation=NP_(
            "CaseActions", "申请人需补正或补充申请材料。补正期间暂停计时，补正完成后继续计算。"
        ),
        confirm=NP_("CaseActions", "开始补正"),
        reason_label=NP_("CaseActions", "需补正的内容"),
        reason_required=True,
    ),
    CaseAction.END_CORRECTION: ReasonTexts(
        title=NP_("CaseActions", "补正完成"),
        explanation=NP_("CaseActions", "申请人已补正。恢复计时，到期日顺延暂停的工作日数。"),
        confirm=NP_("CaseActions", "补正完成"),
        reason_label=NP_("CaseActions", "说明"),
        reason_required=False,
    ),
    CaseAction.START_SPECIAL: ReasonTexts(
        title=NP_("CaseActions", "开始特别程序"),
        explanation=NP_(
            "CaseActions", "需要听证、公示、鉴定或专家评审等特别程序。特别程序期间暂停计时。"
        ),
        confirm=NP_("CaseActions", "开始特别程序"),
        reason_label=NP_("CaseActions", "程序种类及原因"),
        reason_required=True,
        placeholder=NP_("CaseActions", "如：公示7天"),
    ),
    CaseAction.END_SPECIAL: ReasonTexts(
        title=NP_("CaseActions", "特别程序结束"),
        explanation=NP_("CaseActions", "特别程序已结束。恢复计时，到期日顺延暂停的工作日数。"),
        confirm=NP_("CaseActions", "特别程序结束"),
        reason_label=NP_("CaseActions", "程序结果"),
        reason_required=False,
    ),
    CaseAction.DELIVER: ReasonTexts(
        title=NP_("CaseActions", "送达办理结果"),
        explanation=NP_("CaseActions", "确认办理结果已交付申请人。"),
        confirm=NP_("CaseActions", "确认送达"),
        reason_label=NP_("CaseActions", "说明（领取人、领取方式）"),
        reason_required=False,
    ),
    CaseAction.WITHDRAW: ReasonTexts(
        title=NP_("CaseActions", "撤回申请"),
        explanation=NP_("CaseActions", "申请人撤回申请。撤回后办件终止，不能恢复。"),
        confirm=NP_("CaseActions", "确认撤回"),
        reason_label=NP_("CaseActions", "撤回原因"),
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
            return pt("CaseActions", source) if source else ""

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
