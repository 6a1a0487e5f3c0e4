"""The dialogs that confirm an action on a case (补正, 特别程序, 办结, 送达, 撤回, 好差评, 补交,
延期).

Every dialog names the case it acts on and asks for what the action needs (a reason, a decision,
an evaluation). Its confirm button starts the write (ui/operations.py), and the dialog cannot be
closed until it has reported: a user error (an empty reason, a case someone else has just moved
on) is shown inside the dialog, which stays open with what the clerk typed; only a successful
write closes it. An action that asks only for a text gets a :class:`ReasonDialog` worded by its
row in the transition table (``townclerk/case_states.py``); 办结, 好差评, 补交 and 延期 have
dialogs of their own. :class:`CaseActions` builds the right dialog for an action.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
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
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from townclerk.case_states import CaseAction
from townclerk.enums import Decision, Evaluation, LabeledEnum, MaterialState
from townclerk.i18n import pt, t
from townclerk.records.cases import CaseDetail
from townclerk.services.cases import EXTENSION_APPROVERS
from townclerk.services.deadlines import MAX_EXTENSION_DAYS
from townclerk.ui import style
from townclerk.ui.context import AppContext
from townclerk.ui.operations import WriteRunner
from townclerk.ui.widgets.text_dialog import ReasonPicker, add_confirm_keys

ChoiceT = TypeVar("ChoiceT", bound=LabeledEnum)


class CaseActionDialog(QDialog):
    """Confirm one action on one case: :meth:`write` says what to write; a user error keeps the
    dialog open, success closes it and emits ``performed``."""

    performed = Signal(object)  # the CaseDetail after the action

    def __init__(
        self,
        context: AppContext,
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
        self._context = context
        self.case = case
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
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(t("取消"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.confirm_button.setToolTip("Ctrl+Enter")
        layout.addWidget(self.buttons)
        add_confirm_keys(self)

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

    def write(self) -> Callable[[], CaseDetail]:
        """The service call for what the clerk entered (read here, run on a worker thread)."""
        raise NotImplementedError

    def is_writing(self) -> bool:
        return self._writes.is_running()

    def show_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.show()

    def accept(self) -> None:
        if self.is_writing():
            return
        problem = self.check()
        if problem is not None:
            self.show_error(problem)
            return
        self._writes.run(
            self.write(),
            on_done=self._written,
            on_user_error=self.show_error,
            busy=(self.confirm_button,),
        )

    def _written(self, case: CaseDetail) -> None:
        self.performed.emit(case)
        super().accept()

    def reject(self) -> None:
        if self.is_writing():
            return  # the clerk sees how the action ends before the dialog closes
        super().reject()


class ReasonDialog(CaseActionDialog):
    """An action that asks only for a text: a required reason or an optional note. Its words
    and whether the text is required come from the action's row in the transition table."""

    def __init__(
        self, context: AppContext, parent: QWidget | None, case: CaseDetail, action: CaseAction
    ) -> None:
        rule = action.transition
        assert rule is not None and rule.prompt is not None, f"{action} has a dialog of its own"
        prompt = rule.prompt
        super().__init__(
            context,
            parent,
            case,
            title=t(prompt.title),
            explanation=t(prompt.explanation),
            confirm_text=t(prompt.confirm),
        )
        self.action = action
        self.reason_label = t(prompt.label)
        self.reason_required = rule.needs_reason
        self.reason_edit = self.add_text_field(
            self.reason_label,
            required=self.reason_required,
            placeholder=t(prompt.placeholder) if prompt.placeholder else "",
        )
        self.reason_picker: ReasonPicker | None = None
        self.material_list: QListWidget | None = None
        if action is CaseAction.START_CORRECTION:
            # 补正: the common reasons, and the case's materials to tick those to correct.
            center = context.settings.center()
            self.reason_picker = ReasonPicker(center.correction_reasons, self.reason_edit)
            self.form.insertRow(self.form.rowCount() - 1, t("常用理由"), self.reason_picker)
            self.material_list = QListWidget()
            self.material_list.setObjectName("correctionMaterials")
            self.material_list.setAccessibleName(t("需补正的材料"))
            self.material_list.setFixedHeight(110)
            for material in case.materials:
                entry = QListWidgetItem(material.name)
                entry.setFlags(entry.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                entry.setCheckState(Qt.CheckState.Unchecked)
                self.material_list.addItem(entry)
            self.material_list.setToolTip(t("空格键勾选或取消"))
            self.form.addRow(t("需补正的材料"), self.material_list)
        self.reason_edit.setFocus()

    def checked_materials(self) -> list[str]:
        if self.material_list is None:
            return []
        return [
            self.material_list.item(row).text()
            for row in range(self.material_list.count())
            if self.material_list.item(row).checkState() == Qt.CheckState.Checked
        ]

    def reason(self) -> str:
        text = self.reason_edit.toPlainText().strip()
        materials = self.checked_materials()
        if materials:
            listing = t("需补正的材料：{names}", names="、".join(materials))
            text = f"{text}\n{listing}" if text else listing
        return text

    def check(self) -> str | None:
        if self.reason_required and not self.reason():
            return t("请填写：{what}", what=self.reason_label)
        return None

    def write(self) -> Callable[[], CaseDetail]:
        cases, actor, number = self._context.cases, self._context.actor, self.case.number
        action, text = self.action, self.reason()
        return lambda: cases.perform(actor, number, action, text)


class CompleteDialog(CaseActionDialog):
    """办结: the decision (准予 / 不予), the result handed out, and the reason for a denial."""

    def __init__(self, context: AppContext, parent: QWidget | None, case: CaseDetail) -> None:
        super().__init__(
            context,
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

    def write(self) -> Callable[[], CaseDetail]:
        cases, actor, number = self._context.cases, self._context.actor, self.case.number
        decision, result, note = self.decision(), self.result_text(), self.note()
        return lambda: cases.complete(actor, number, decision, result, note)


class EvaluateDialog(CaseActionDialog):
    """好差评: the applicant's evaluation of the service (国办发〔2019〕51号)."""

    def __init__(self, context: AppContext, parent: QWidget | None, case: CaseDetail) -> None:
        super().__init__(
            context,
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

    def write(self) -> Callable[[], CaseDetail]:
        cases, actor, number = self._context.cases, self._context.actor, self.case.number
        evaluation, note = self.evaluation(), self.note()
        assert evaluation is not None  # check() ran first
        return lambda: cases.evaluate(actor, number, evaluation, note)


class SupplyMaterialDialog(CaseActionDialog):
    """补交: a material accepted under 容缺 is handed in (only those are listed)."""

    def __init__(self, context: AppContext, parent: QWidget | None, case: CaseDetail) -> None:
        super().__init__(
            context,
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
            if material.state is not MaterialState.TOLERATED:
                continue  # only what was accepted under 容缺 is still owed
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
            return t("该办件没有待补交的容缺材料")
        return None

    def write(self) -> Callable[[], CaseDetail]:
        cases, actor, number = self._context.cases, self._context.actor, self.case.number
        material_id = self.material_id()
        assert material_id is not None  # check() ran first
        return lambda: cases.supply_material(actor, number, material_id)


class ExtendDialog(CaseActionDialog):
    """延期 (《行政许可法》第42条): how many working days, why, and the supervisor's approval: a
    supervisor acting approves it; a clerk has the supervisor type their username and password."""

    def __init__(self, context: AppContext, parent: QWidget | None, case: CaseDetail) -> None:
        current = case.statutory_due_date.isoformat() if case.statutory_due_date else "—"
        super().__init__(
            context,
            parent,
            case,
            title=t("延长办理期限"),
            explanation=t(
                "法定期限内不能作出决定的，经中心负责人批准，可延长不超过{limit}个工作日，"
                "并书面告知申请人延长的理由（《行政许可法》第四十二条）。每件只能延期一次。"
                "当前法定办结日期：{date}（法定{days}个工作日）。",
                limit=MAX_EXTENSION_DAYS,
                date=current,
                days=case.statutory_days,
            ),
            confirm_text=t("批准延期并打印通知书"),
        )
        self.days_spin = QSpinBox()
        self.days_spin.setObjectName("extensionDays")
        self.days_spin.setAccessibleName(t("延长工作日数"))
        self.days_spin.setRange(1, MAX_EXTENSION_DAYS)
        self.days_spin.setValue(MAX_EXTENSION_DAYS)
        self.days_spin.setSuffix(t(" 个工作日"))
        self.form.addRow(t("延长期限"), self.days_spin)
        self.reason_edit = self.add_text_field(
            t("延期理由"), required=True, placeholder=t("如：需实地核查经营场所")
        )
        # A supervisor (or an admin) approves by doing it; a clerk's supervisor types their
        # username and password here. None: the actor approves.
        self.approval: tuple[QLineEdit, QLineEdit] | None = None
        if context.actor.role in EXTENSION_APPROVERS:
            self.form.addRow(
                t("批准人"), QLabel(t("{name}（本人批准）", name=context.actor.display_name))
            )
        else:
            approver_edit = QLineEdit()
            approver_edit.setObjectName("extensionApprover")
            approver_edit.setAccessibleName(t("批准人用户名"))
            password_edit = QLineEdit()
            password_edit.setObjectName("extensionPassword")
            password_edit.setAccessibleName(t("批准人密码"))
            password_edit.setEchoMode(QLineEdit.EchoMode.Password)
            self.form.addRow(t("批准人用户名") + " *", approver_edit)
            self.form.addRow(t("批准人密码") + " *", password_edit)
            self.approval = (approver_edit, password_edit)
        self.reason_edit.setFocus()

    def reason(self) -> str:
        return self.reason_edit.toPlainText().strip()

    def approver(self) -> tuple[str, str]:
        """The typed username and password ("" and "" when the actor approves)."""
        if self.approval is None:
            return "", ""
        approver_edit, password_edit = self.approval
        return approver_edit.text().strip(), password_edit.text()

    def check(self) -> str | None:
        if not self.reason():
            return t("请填写延期理由")
        if self.approval is not None and not all(self.approver()):
            return t("延期须经中心负责人批准：请中心负责人输入其用户名和密码")
        return None

    def show_error(self, message: str) -> None:
        if self.approval is not None:
            # A refused approval is typed again: the supervisor's password never stays behind.
            self.approval[1].clear()
        super().show_error(message)

    def write(self) -> Callable[[], CaseDetail]:
        cases, actor, number = self._context.cases, self._context.actor, self.case.number
        days, reason = self.days_spin.value(), self.reason()
        approver, password = self.approver()
        return lambda: cases.extend(
            actor, number, days, reason, approver=approver, password=password
        )


_OWN_DIALOGS: dict[
    CaseAction, type[CompleteDialog | EvaluateDialog | SupplyMaterialDialog | ExtendDialog]
] = {
    CaseAction.COMPLETE: CompleteDialog,
    CaseAction.EVALUATE: EvaluateDialog,
    CaseAction.SUPPLY_MATERIAL: SupplyMaterialDialog,
    CaseAction.EXTEND: ExtendDialog,
}


class CaseActions(QObject):
    """Builds the dialog for an action; ``performed`` reports each action done through one."""

    performed = Signal(object, object)  # (CaseDetail after the action, CaseAction)

    def __init__(self, context: AppContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._context = context

    def dialog_for(
        self, parent: QWidget | None, case: CaseDetail, action: CaseAction
    ) -> CaseActionDialog:
        """The dialog confirming ``action`` on ``case``; call ``open()`` or ``exec()`` on it."""
        own = _OWN_DIALOGS.get(action)
        dialog = (
            own(self._context, parent, case)
            if own is not None
            else ReasonDialog(self._context, parent, case, action)
        )
        dialog.setObjectName(f"caseAction_{action.value}")
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.performed.connect(lambda done: self.performed.emit(done, action))
        return dialog
