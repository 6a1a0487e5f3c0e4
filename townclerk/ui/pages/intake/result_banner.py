"""The outcome of the last registration, shown large: what happened, the number, the due date.

The number is what the resident will quote on the phone, so it stays on screen (selectable)
until the next registration. The matching document (receipt, notice, refusal) prints from here.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from townclerk.enums import CaseKind, CaseStatus
from townclerk.i18n import pt, t
from townclerk.records.cases import CaseDetail
from townclerk.ui import style
from townclerk.ui.context import AppContext
from townclerk.ui.crash import show_user_error
from townclerk.ui.dialogs.print_preview import preview_document
from townclerk.ui.operations import WriteRunner
from townclerk.ui.widgets.elided_text import ElidedLabel
from townclerk.ui.widgets.instant_mnemonic import instant_mnemonics

if TYPE_CHECKING:
    from townclerk.services.printing import PrintedDocument

log = logging.getLogger("townclerk.ui.intake")


@dataclass(frozen=True)
class Outcome:
    number: str
    status: CaseStatus


class ResultBanner(QFrame):
    printed = Signal(object)  # the Path of the archived PDF

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self.outcome: Outcome | None = None
        self._writes = WriteRunner(context, self)
        self.setObjectName("resultBanner")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QHBoxLayout(self)
        texts = QVBoxLayout()
        # The number at the end stays readable when the window is narrow: cut in the middle.
        self.headline = ElidedLabel(t("请接待下一位群众。"), mode=Qt.TextElideMode.ElideMiddle)
        self.headline.setObjectName("resultHeadline")
        self.headline.setStyleSheet("font-size: 13pt; font-weight: bold;")
        self.headline.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail = QLabel()
        self.detail.setObjectName("resultDetail")
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        texts.addWidget(self.headline)
        texts.addWidget(self.detail)
        layout.addLayout(texts, 1)
        self.print_button = QPushButton(t("打印文书(&P)"))
        self.print_button.setObjectName("printButton")
        self.print_button.setAccessibleName(t("打印文书"))
        self.print_button.clicked.connect(self.print_document)
        instant_mnemonics(self, self.print_button)
        self.print_button.setVisible(False)
        layout.addWidget(self.print_button, 0, Qt.AlignmentFlag.AlignVCenter)

    def show_case(self, case: CaseDetail) -> None:
        if case.status is CaseStatus.COMPLETED and case.case_kind is CaseKind.INSTANT:
            headline = t("已受理并当场办结")
            detail = t("办理结果：{result}", result=case.result_text or "—")
            colour = style.OK
        elif case.status is CaseStatus.ACCEPTED:
            headline = t("已受理")
            due = case.due_date.isoformat() if case.due_date else "—"
            detail = t("承诺办结日期 {due}（{days}个工作日）", due=due, days=case.promised_days)
            if case.unofficial_due_years:
                detail += t(
                    "。{years}年国家法定节假日安排尚未公布，该日期暂按周末推算，如期间"
                    "遇法定节假日将顺延",
                    years=t("、").join(str(year) for year in case.unofficial_due_years),
                )
            tolerated = case.tolerated_materials
            if tolerated:
                detail += t(
                    "；容缺：{names}",
                    names=t("、").join(
                        t(
                            "{name}（{date}）",
                            name=m.name,
                            date=m.promised_date.isoformat() if m.promised_date else "",
                        )
                        for m in tolerated
                    ),
                )
            colour = style.OK
        elif case.status is CaseStatus.NOTIFIED:
            headline = pt("ResultBanner", "已一次性告知")
            missing = t("、").join(m.name for m in case.missing_materials)
            detail = t("缺少：{names}", names=missing or "—")
            if case.reason:
                detail += t("；另需：{text}", text=case.reason)
            colour = style.WARNING
        else:
            headline = t("已不予受理")
            detail = t("理由：{reason}", reason=case.reason or "—")
            colour = style.ERROR
        self.headline.setText(t("{what}　编号 {number}", what=headline, number=case.number))
        self.headline.setStyleSheet(style.heading_style(colour))
        self.detail.setText(
            t(
                "{applicant} · {item}。{detail}",
                applicant=case.applicant.name,
                item=case.item_name,
                detail=detail,
            )
        )
        self.outcome = Outcome(case.number, case.status)
        self.print_button.setVisible(True)

    @property
    def printing(self) -> bool:
        return self._writes.is_running()

    def print_document(self) -> None:
        """Render the outcome's document off the UI thread (it is archived and counted as a
        print of the case), then show it in the print preview."""
        if self.outcome is None or self.printing:
            return
        # Imported here: ReportLab is not needed until the first print.
        from townclerk.services.printable import default_kind
        from townclerk.services.printing import PrintService

        outcome = self.outcome
        kind = default_kind(outcome.status)
        actor = self._context.actor
        service = PrintService(self._context.db)
        self._writes.run(
            lambda: service.render(actor, outcome.number, kind),
            on_done=self._printed,
            on_user_error=lambda message: show_user_error(self, message),
            busy=(self.print_button,),
        )

    def _printed(self, printed: PrintedDocument) -> None:
        path = printed.path
        log.info("document %s rendered", path)
        self.printed.emit(path)
        from townclerk.services.printable import default_kind

        outcome = self.outcome
        title = (
            path.stem
            if outcome is None
            else f"{t(default_kind(outcome.status).label)} {outcome.number}"
        )
        preview_document(self, path, title)
