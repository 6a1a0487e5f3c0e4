"""The 出件 page's dialogs: 出件 (how and to whom the result is handed out), 转报 (the 初审意见,
the county body and the papers sent) and 县级结果 (the county's decision). They are the case
list's action dialogs (ui/pages/cases/case_actions.py): one case named at the top, Ctrl+Enter to
confirm, a refusal shown inside with what was typed kept."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QWidget,
)

from townclerk.enums import Decision, MaterialState
from townclerk.i18n import t
from townclerk.records.cases import CaseDetail
from townclerk.services.county import CountyService
from townclerk.ui.context import AppContext
from townclerk.ui.pages.cases.case_actions import CaseActionDialog, DeliverDialog


def _date_edit(name: str, label: str, day: dt.date) -> QDateEdit:
    edit = QDateEdit(QDate(day.year, day.month, day.day))
    edit.setObjectName(name)
    edit.setAccessibleName(label)
    edit.setDisplayFormat("yyyy-MM-dd")
    edit.setCalendarPopup(True)
    return edit


def _date_of(edit: QDateEdit) -> dt.date:
    day = edit.date()
    return dt.date(day.year(), day.month(), day.day())


def _line(name: str, label: str, text: str = "", placeholder: str = "") -> QLineEdit:
    edit = QLineEdit(text)
    edit.setObjectName(name)
    edit.setAccessibleName(label)
    edit.setPlaceholderText(placeholder)
    return edit


def _text_box(name: str, label: str, height: int) -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setObjectName(name)
    edit.setAccessibleName(label)
    edit.setTabChangesFocus(True)
    edit.setFixedHeight(height)
    return edit


class CollectDialog(DeliverDialog):
    """出件: the case list's 送达 with who collects the result (the applicant by default; a
    proxy's name when someone collects it for them), printed on the 送达回证."""

    def __init__(self, context: AppContext, parent: QWidget | None, case: CaseDetail) -> None:
        super().__init__(context, parent, case)
        self.setWindowTitle(t("出件"))
        self.confirm_button.setText(t("确认出件"))
        self.recipient_edit = _line("recipientEdit", t("领取人"), case.applicant.name)
        self.recipient_edit.setMaxLength(128)
        self.recipient_edit.setToolTip(t("申请人本人领取时不用修改；他人代领时填写代领人姓名"))
        self.form.insertRow(1, t("领取人") + " *", self.recipient_edit)
        self.recipient_edit.setFocus()
        self.recipient_edit.selectAll()

    def recipient(self) -> str:
        return self.recipient_edit.text().strip()

    def check(self) -> str | None:
        if not self.recipient():
            self.recipient_edit.setFocus()
            return t("请填写领取人")
        return None

    def write(self) -> Callable[[], CaseDetail]:
        cases, actor, number = self._context.cases, self._context.actor, self.case.number
        method, note = self.method(), self.reason_edit.toPlainText().strip()
        recipient = self.recipient()
        return lambda: cases.deliver(actor, number, note, method=method, recipient=recipient)


class SendToCountyDialog(CaseActionDialog):
    """转报: the township's 初审意见, the county body (the item's department to start from)
    and the papers sent (those received, ticked); the 转报函 prints next."""

    def __init__(self, context: AppContext, parent: QWidget | None, case: CaseDetail) -> None:
        review_due = case.journey.review_due_date if case.journey is not None else None
        due_text = t("初审时限：{date}。", date=review_due.isoformat()) if review_due else ""
        super().__init__(
            context,
            parent,
            case,
            title=t("初审转报"),
            explanation=due_text
            + t("记录初审意见，把申请材料报送县级部门决定。确认后打印转报函，随材料报送。"),
            confirm_text=t("确认转报"),
        )
        self.opinion_edit = self.add_text_field(t("初审意见"), required=True)
        self.opinion_edit.setObjectName("reviewOpinionEdit")
        self.opinion_edit.setPlaceholderText(t("如：经初审，申请材料齐全，符合条件，同意上报"))
        self.body_edit = _line("countyBodyEdit", t("县级部门"), case.department)
        self.body_edit.setMaxLength(128)
        self.form.addRow(t("县级部门") + " *", self.body_edit)
        self.paper_list = QListWidget()
        self.paper_list.setObjectName("papersSent")
        self.paper_list.setAccessibleName(t("报送材料"))
        self.paper_list.setToolTip(t("空格键勾选或取消"))
        self.paper_list.setFixedHeight(110)
        for material in case.materials:
            if material.state is not MaterialState.RECEIVED:
                continue
            entry = QListWidgetItem(material.name)
            entry.setFlags(entry.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            entry.setCheckState(Qt.CheckState.Checked)
            self.paper_list.addItem(entry)
        if self.paper_list.count():
            self.paper_list.setCurrentRow(0)
        self.form.addRow(t("报送材料"), self.paper_list)
        self.opinion_edit.setFocus()

    def opinion(self) -> str:
        return self.opinion_edit.toPlainText().strip()

    def papers(self) -> list[str]:
        return [
            self.paper_list.item(row).text()
            for row in range(self.paper_list.count())
            if self.paper_list.item(row).checkState() == Qt.CheckState.Checked
        ]

    def check(self) -> str | None:
        if not self.opinion():
            self.opinion_edit.setFocus()
            return t("请填写初审意见")
        if not self.papers():
            return t("请勾选报送的材料")
        return None

    def write(self) -> Callable[[], CaseDetail]:
        county, actor, number = (
            CountyService(self._context.db),
            self._context.actor,
            self.case.number,
        )
        opinion, body, papers = self.opinion(), self.body_edit.text(), self.papers()
        return lambda: county.send_to_county(
            actor, number, opinion, county_body=body, papers=papers
        )


class CountyDecisionDialog(CaseActionDialog):
    """县级结果: what the county body decided and on which day, the result handed out, a
    licence's number and validity; a denial's reason and legal basis."""

    def __init__(self, context: AppContext, parent: QWidget | None, case: CaseDetail) -> None:
        journey = case.journey
        body = (journey.county_body if journey is not None else None) or case.department
        super().__init__(
            context,
            parent,
            case,
            title=t("登记县级结果"),
            explanation=t(
                "{body}已作出决定。登记后办件办结并交回综合窗口，进入待出件。", body=body
            ),
            confirm_text=t("确认登记"),
        )
        row = QHBoxLayout()
        self.decision_buttons = self.add_choices(t("县级决定"), Decision, row)
        row.addStretch(1)
        self.decision_buttons[Decision.GRANTED].setChecked(True)
        today = context.db.today()
        self.date_edit = _date_edit("countyDecidedOn", t("决定日期"), today)
        self.form.addRow(t("决定日期") + " *", self.date_edit)
        self.result_edit = _line(
            "countyResultEdit", t("办理结果"), placeholder=t("如：取水许可证、批复文件")
        )
        self.form.addRow(t("办理结果") + " *", self.result_edit)
        self.number_edit = _line("resultNumberEdit", t("证照（批文）编号"))
        self.number_edit.setMaxLength(128)
        self.form.addRow(t("证照（批文）编号"), self.number_edit)
        self.valid_check = QCheckBox(t("有效期至"))
        self.valid_check.setObjectName("validUntilCheck")
        five_years = today + dt.timedelta(days=5 * 365)  # a usual term
        self.valid_edit = _date_edit("validUntilEdit", t("有效期至"), five_years)
        self.valid_edit.setEnabled(False)
        self.valid_check.toggled.connect(self.valid_edit.setEnabled)
        valid_row = QHBoxLayout()
        valid_row.addWidget(self.valid_check)
        valid_row.addWidget(self.valid_edit, 1)
        self.form.addRow(t("有效期"), valid_row)
        self.reason_edit = _text_box("countyDenialReason", t("不予许可的理由"), 56)
        self.form.addRow(t("不予许可的理由") + " *", self.reason_edit)
        self.basis_edit = _text_box("countyDenialBasis", t("法律依据"), 56)
        self.form.addRow(t("法律依据"), self.basis_edit)
        self.decision_buttons[Decision.DENIED].toggled.connect(self._show_denial)
        self._show_denial(False)
        self.result_edit.setFocus()

    def _show_denial(self, denied: bool) -> None:
        for widget in (self.reason_edit, self.basis_edit):
            widget.setVisible(denied)
            label = self.form.labelForField(widget)
            if label is not None:
                label.setVisible(denied)
        self.adjustSize()

    def decision(self) -> Decision:
        return self.chosen(self.decision_buttons) or Decision.GRANTED

    def check(self) -> str | None:
        if not self.result_edit.text().strip():
            self.result_edit.setFocus()
            return t("请填写办理结果")
        if self.decision() is Decision.DENIED and not self.reason_edit.toPlainText().strip():
            self.reason_edit.setFocus()
            return t("请填写不予许可的理由")
        return None

    def write(self) -> Callable[[], CaseDetail]:
        county, actor, number = (
            CountyService(self._context.db),
            self._context.actor,
            self.case.number,
        )
        decision, decided_on = self.decision(), _date_of(self.date_edit)
        result, licence = self.result_edit.text(), self.number_edit.text()
        valid_until = _date_of(self.valid_edit) if self.valid_check.isChecked() else None
        denied = decision is Decision.DENIED
        reason = self.reason_edit.toPlainText() if denied else ""
        basis = self.basis_edit.toPlainText() if denied else ""
        return lambda: county.record_county_decision(
            actor,
            number,
            decision,
            decided_on,
            result,
            reason=reason,
            legal_basis=basis,
            result_number=licence,
            result_valid_until=valid_until,
        )
