"""The part of the 办结 dialog shown while a 容缺 material is still outstanding: what is owed and
since when, the reason to complete anyway, and the supervisor's approval (the service refuses
办结 without them)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QPlainTextEdit, QWidget

from townclerk.i18n import t
from townclerk.records.cases import CaseDetail, ToleranceOverride
from townclerk.services.access import Actor
from townclerk.ui import style
from townclerk.ui.widgets.supervisor_approval import SupervisorApprovalFields


def owed_text(case: CaseDetail, today: dt.date) -> str:
    """The outstanding 容缺 materials, one a line, each with its promised date."""
    lines = []
    for material in case.tolerated_materials:
        promised = material.promised_date
        if promised is None:
            continue
        if promised < today:
            lines.append(
                t(
                    "{name}：承诺 {date} 前补交，已逾期 {days} 天",
                    name=material.name,
                    date=promised.isoformat(),
                    days=(today - promised).days,
                )
            )
        else:
            lines.append(
                t("{name}：承诺 {date} 前补交", name=material.name, date=promised.isoformat())
            )
    return "\n".join(lines)


class ToleranceOverrideBox(QGroupBox):
    """容缺未补齐: the materials owed, the reason and the approval."""

    def __init__(
        self, case: CaseDetail, actor: Actor, today: dt.date, parent: QWidget | None = None
    ) -> None:
        super().__init__(t("容缺材料尚未补交"), parent)
        self.setObjectName("toleranceOverride")
        form = QFormLayout(self)
        explanation = QLabel(
            t(
                "以下容缺材料尚未补交。办结前应先登记补交；确需先行办结的，须说明理由，"
                "并经中心负责人批准（记入办理记录和审计日志）。"
            )
        )
        explanation.setWordWrap(True)
        form.addRow(explanation)
        self.owed = QLabel(owed_text(case, today))
        self.owed.setObjectName("toleranceOwed")
        self.owed.setWordWrap(True)
        self.owed.setStyleSheet(style.text_style(style.ERROR, bold=True))
        form.addRow(self.owed)
        self.reason_edit = QPlainTextEdit()
        self.reason_edit.setObjectName("overrideReason")
        self.reason_edit.setAccessibleName(t("先行办结的理由"))
        self.reason_edit.setTabChangesFocus(True)
        self.reason_edit.setFixedHeight(60)
        form.addRow(t("先行办结的理由 *"), self.reason_edit)
        self.approval = SupervisorApprovalFields(actor)
        form.addRow(self.approval)

    def reason(self) -> str:
        return self.reason_edit.toPlainText().strip()

    def problem(self) -> str | None:
        if not self.reason():
            return t("请填写容缺材料未补交而先行办结的理由")
        return self.approval.problem()

    def override(self) -> ToleranceOverride:
        return ToleranceOverride(self.reason(), self.approval.credentials())
