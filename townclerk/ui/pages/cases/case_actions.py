"""The dialogs that confirm an action on a case (补正, 特别程序, 办结, 送达, 撤回, 好差评, 补交,
延期).

Every dialog names the case it acts on and asks for what the action needs (a reason, a decision,
a date, a procedure, an evaluation). Its confirm button starts the write (ui/operations.py), and
the dialog cannot be closed until it has reported: a user error (an empty reason, a case someone
else has just moved on) is shown inside the dialog, which stays open with what the clerk typed;
only a successful write closes it. An action that asks only for a text gets a
:class:`ReasonDialog` worded by its row in the transition table (``townclerk/case_states.py``);
补正, 特别程序, 办结, 送达, 好差评, 补交 and 延期 have dialogs of their own. :class:`CaseActions`
builds the right dialog for an action.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import TypeVar

from PySide6.QtCore import QDate, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QBoxLayout,
    QButtonGroup,
    QComboBox,
    QDateEdit,
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
from townclerk.enums import (
    Decision,
    DeliveryMethod,
    Evaluation,
    LabeledEnum,
    MaterialState,
    SpecialProcedure,
)
from townclerk.i18n import pt, t
from townclerk.records.cases import CaseDetail
from townclerk.services.cases import CORRECTION_DAYS, LONGEST_SPECIAL_DAYS
from townclerk.services.deadlines import MAX_EXTENSION_DAYS
from townclerk.ui import style
from townclerk.ui.context import AppContext
from townclerk.ui.operations import WriteRunner
from townclerk.ui.pages.cases.tolerance_override import ToleranceOverrideBox
from townclerk.ui.widgets.dialog_keys import add_confirm_keys
from townclerk.ui.widgets.supervisor_approval import SupervisorApprovalFields
from townclerk.ui.widgets.text_dialog import ReasonPicker

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
        layout = self.column = QVBoxLayout(self)
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
            on_user_error=self.write_refused,
            busy=(self.confirm_button,),
        )

    def write_refused(self, message: str) -> None:
        """The service refused what was entered: say why; the dialog stays open."""
        self.show_error(message)

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
        self.reason_edit.setFocus()

    def reason(self) -> str:
        return self.reason_edit.toPlainText().strip()

    def check(self) -> str | None:
        if self.reason_required and not self.reason():
            return t("请填写：{what}", what=self.reason_label)
        return None

    def write(self) -> Callable[[], CaseDetail]:
        cases, actor, number = self._context.cases, self._context.actor, self.case.number
        action, text = self.action, self.reason()
        return lambda: cases.perform(actor, number, action, text)


def _date_edit(name: str, label: str, day: dt.date) -> QDateEdit:
    edit = QDateEdit(QDate(day.year, day.month, day.day))
    edit.setObjectName(name)
    edit.setAccessibleName(label)
    edit.setDisplayFormat("yyyy-MM-dd")
    edit.setCalendarPopup(True)
    return edit


def _working_days_spin(name: str, label: str, most: int, value: int) -> QSpinBox:
    spin = QSpinBox()
    spin.setObjectName(name)
    spin.setAccessibleName(label)
    spin.setRange(1, most)
    spin.setValue(value)
    spin.setSuffix(t(" 个工作日"))
    return spin


class CorrectionDialog(CaseActionDialog):
    """补正: the case's materials to correct (ticked), what else to correct, and the date the
    applicant must correct by; the 补正材料通知书 then prints from the case."""

    def __init__(self, context: AppContext, parent: QWidget | None, case: CaseDetail) -> None:
        super().__init__(
            context,
            parent,
            case,
            title=t("开始补正"),
            explanation=t(
                "申请人需补正或补充申请材料。补正期间暂停计时，收到补正材料的次日起继续计算。"
                "确认后打印补正材料通知书交申请人。"
            ),
            confirm_text=t("开始补正"),
        )
        self.material_list = QListWidget()
        self.material_list.setObjectName("correctionMaterials")
        self.material_list.setAccessibleName(t("需补正的材料"))
        self.material_list.setFixedHeight(110)
        for material in case.materials:
            entry = QListWidgetItem(material.name)
            entry.setData(Qt.ItemDataRole.UserRole, material.material_id)
            entry.setFlags(entry.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            entry.setCheckState(Qt.CheckState.Unchecked)
            self.material_list.addItem(entry)
        self.material_list.setToolTip(t("空格键勾选或取消"))
        if self.material_list.count():
            self.material_list.setCurrentRow(0)  # Space ticks it at once
        self.form.addRow(t("需补正的材料"), self.material_list)
        self.reason_edit = self.add_text_field(t("需补正的内容"), required=False)
        center = context.settings.center()
        self.reason_picker = ReasonPicker(center.correction_reasons, self.reason_edit)
        self.form.addRow(t("常用理由"), self.reason_picker)
        today = context.db.today()
        default = context.settings.work_calendar().add_working_days(today, CORRECTION_DAYS)
        self.until_edit = _date_edit("correctionUntil", t("补正期限"), default)
        self.until_edit.setToolTip(t("默认为{days}个工作日后", days=CORRECTION_DAYS))
        self.form.addRow(t("补正期限") + " *", self.until_edit)
        self.material_list.setFocus()

    def material_ids(self) -> list[int]:
        return [
            int(self.material_list.item(row).data(Qt.ItemDataRole.UserRole))
            for row in range(self.material_list.count())
            if self.material_list.item(row).checkState() == Qt.CheckState.Checked
        ]

    def reason(self) -> str:
        return self.reason_edit.toPlainText().strip()

    def until(self) -> dt.date:
        day = self.until_edit.date()
        return dt.date(day.year(), day.month(), day.day())

    def check(self) -> str | None:
        if not self.material_ids() and not self.reason():
            return t("请勾选需补正的材料，或填写需补正的内容")
        return None

    def write(self) -> Callable[[], CaseDetail]:
        cases, actor, number = self._context.cases, self._context.actor, self.case.number
        reason, until, materials = self.reason(), self.until(), self.material_ids()
        return lambda: cases.start_correction(
            actor, number, reason, until=until, material_ids=materials
        )


class SpecialDialog(CaseActionDialog):
    """特别程序 (第45条): which procedure, its expected length, and why."""

    def __init__(self, context: AppContext, parent: QWidget | None, case: CaseDetail) -> None:
        super().__init__(
            context,
            parent,
            case,
            title=t("开始特别程序"),
            explanation=t(
                "听证、招标、拍卖、检验、检测、检疫、鉴定、专家评审、公示等特别程序所需时间"
                "不计算在办理期限内。确认后打印特别程序告知书交申请人。"
            ),
            confirm_text=t("开始特别程序"),
        )
        self.procedure_combo = QComboBox()
        self.procedure_combo.setObjectName("specialProcedure")
        self.procedure_combo.setAccessibleName(t("程序种类"))
        self.procedure_combo.addItem(t("（请选择）"), "")
        for procedure in SpecialProcedure:
            self.procedure_combo.addItem(t(procedure.label), procedure.value)
        self.form.addRow(t("程序种类") + " *", self.procedure_combo)
        self.days_spin = _working_days_spin(
            "specialDays", t("预计用时（工作日）"), LONGEST_SPECIAL_DAYS, 5
        )
        self.form.addRow(t("预计用时") + " *", self.days_spin)
        self.reason_edit = self.add_text_field(
            t("需要特别程序的事由"), required=False, placeholder=t("如：涉及重大公共利益")
        )
        self.procedure_combo.setFocus()

    def procedure(self) -> SpecialProcedure | None:
        value = self.procedure_combo.currentData()
        return SpecialProcedure(value) if value else None

    def check(self) -> str | None:
        if self.procedure() is None:
            return t("请选择特别程序的种类")
        return None

    def write(self) -> Callable[[], CaseDetail]:
        cases, actor, number = self._context.cases, self._context.actor, self.case.number
        procedure, days = self.procedure(), self.days_spin.value()
        reason = self.reason_edit.toPlainText().strip()
        assert procedure is not None  # check() ran first
        return lambda: cases.start_special(
            actor, number, reason, procedure=procedure, expected_days=days
        )


class DeliverDialog(CaseActionDialog):
    """送达: how the result reached the applicant, and a note; the 送达回证 then prints."""

    def __init__(self, context: AppContext, parent: QWidget | None, case: CaseDetail) -> None:
        super().__init__(
            context,
            parent,
            case,
            title=t("送达办理结果"),
            explanation=t("确认办理结果已交付申请人。确认后可打印送达回证，由受送达人签收。"),
            confirm_text=t("确认送达"),
        )
        self.method_buttons = self.add_choices(t("送达方式"), DeliveryMethod, QVBoxLayout())
        self.method_buttons[DeliveryMethod.DIRECT].setChecked(True)
        self.reason_edit = self.add_text_field(t("说明（领取人、领取方式）"), required=False)
        self.method_buttons[DeliveryMethod.DIRECT].setFocus()

    def method(self) -> DeliveryMethod:
        return self.chosen(self.method_buttons) or DeliveryMethod.DIRECT

    def write(self) -> Callable[[], CaseDetail]:
        cases, actor, number = self._context.cases, self._context.actor, self.case.number
        method, note = self.method(), self.reason_edit.toPlainText().strip()
        return lambda: cases.deliver(actor, number, note, method=method)


class CompleteDialog(CaseActionDialog):
    """办结: the decision (准予 / 不予) and the result handed out. A denial states its reason,
    as the clerk writes it, and its legal basis (the item's 设定依据 to start from): both are
    printed in the 不予行政许可决定书 (行政许可法 第38条)."""

    DENIAL_RESULT = "不予行政许可决定书"

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
        self.reason_edit = QPlainTextEdit()
        self.reason_edit.setObjectName("denialReasonEdit")
        self.reason_edit.setAccessibleName(t("不予许可的理由"))
        self.reason_edit.setPlaceholderText(t("如：家庭人均收入高于当地低保标准"))
        self.reason_edit.setTabChangesFocus(True)
        self.reason_edit.setFixedHeight(60)
        self.form.addRow(t("不予许可的理由") + " *", self.reason_edit)
        self.basis_edit = QPlainTextEdit()
        self.basis_edit.setObjectName("denialBasisEdit")
        self.basis_edit.setAccessibleName(t("法律依据"))
        self.basis_edit.setTabChangesFocus(True)
        self.basis_edit.setFixedHeight(60)
        self.basis_edit.setPlainText(context.catalog.item(case.item_id).legal_basis)
        self.form.addRow(t("法律依据"), self.basis_edit)
        self.note_edit = self.add_text_field(t("说明"), required=False)
        self.note_edit.setFixedHeight(50)
        self.decision_buttons[Decision.DENIED].toggled.connect(self._show_denial)
        self._show_denial(False)
        # 容缺 still outstanding: the reason and a supervisor's approval, or no 办结.
        self.override_box: ToleranceOverrideBox | None = None
        if case.tolerated_materials:
            self.override_box = ToleranceOverrideBox(case, context.actor, context.db.today())
            self.column.insertWidget(self.column.indexOf(self.error_label), self.override_box)
        self.result_edit.setFocus()

    def _show_denial(self, denied: bool) -> None:
        for widget in (self.reason_edit, self.basis_edit):
            widget.setVisible(denied)
            label = self.form.labelForField(widget)
            if label is not None:
                label.setVisible(denied)
        if denied and not self.result_text():
            self.result_edit.setText(self.DENIAL_RESULT)
        elif not denied and self.result_text() == self.DENIAL_RESULT:
            self.result_edit.clear()
        if self.isVisible():
            self._fit_height()

    def _fit_height(self) -> None:
        """The height the fields now shown need at the dialog's width: Qt's minimum size
        leaves wrapped texts (the 容缺 explanation) cut off under a window manager, and keeps
        the denial's room after 准予 is chosen again."""
        self.column.activate()
        width = self.width()
        if self.column.hasHeightForWidth():
            height = self.column.totalHeightForWidth(width)
        else:
            height = self.column.totalSizeHint().height()
        self.resize(width, height)

    def decision(self) -> Decision:
        return self.chosen(self.decision_buttons) or Decision.GRANTED

    def result_text(self) -> str:
        return self.result_edit.text().strip()

    def reason(self) -> str:
        return self.reason_edit.toPlainText().strip()

    def legal_basis(self) -> str:
        return self.basis_edit.toPlainText().strip()

    def note(self) -> str:
        return self.note_edit.toPlainText().strip()

    def check(self) -> str | None:
        if not self.result_text():
            return t("请填写办理结果")
        if self.decision() is Decision.DENIED and not self.reason():
            self.reason_edit.setFocus()
            return t("不予许可须写明理由，理由将印在不予行政许可决定书上")
        if self.override_box is not None:
            return self.override_box.problem()
        return None

    def write(self) -> Callable[[], CaseDetail]:
        cases, actor, number = self._context.cases, self._context.actor, self.case.number
        decision, result, note = self.decision(), self.result_text(), self.note()
        denied = decision is Decision.DENIED
        reason = self.reason() if denied else ""
        basis = self.legal_basis() if denied else ""
        override = self.override_box.override() if self.override_box is not None else None
        return lambda: cases.complete(
            actor,
            number,
            decision,
            result,
            note,
            reason=reason,
            legal_basis=basis,
            override=override,
        )

    def write_refused(self, message: str) -> None:
        if self.override_box is not None:
            self.override_box.approval.forget_password()
        super().write_refused(message)


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
        self.days_spin = _working_days_spin(
            "extensionDays", t("延长工作日数"), MAX_EXTENSION_DAYS, MAX_EXTENSION_DAYS
        )
        self.form.addRow(t("延长期限"), self.days_spin)
        self.reason_edit = self.add_text_field(
            t("延期理由"), required=True, placeholder=t("如：需实地核查经营场所")
        )
        self.approval = SupervisorApprovalFields(context.actor)
        self.form.addRow(self.approval)
        self.reason_edit.setFocus()

    def reason(self) -> str:
        return self.reason_edit.toPlainText().strip()

    def check(self) -> str | None:
        if not self.reason():
            return t("请填写延期理由")
        return self.approval.problem()

    def write(self) -> Callable[[], CaseDetail]:
        cases, actor, number = self._context.cases, self._context.actor, self.case.number
        days, reason = self.days_spin.value(), self.reason()
        credentials = self.approval.credentials()
        return lambda: cases.extend(actor, number, days, reason, credentials=credentials)

    def write_refused(self, message: str) -> None:
        self.approval.forget_password()
        super().write_refused(message)


_OWN_DIALOGS: dict[
    CaseAction, Callable[[AppContext, QWidget | None, CaseDetail], CaseActionDialog]
] = {
    CaseAction.START_CORRECTION: CorrectionDialog,
    CaseAction.START_SPECIAL: SpecialDialog,
    CaseAction.DELIVER: DeliverDialog,
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
