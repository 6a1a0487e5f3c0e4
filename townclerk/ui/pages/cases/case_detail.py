"""One case at a glance: who applied for what, the clock, the outcome, materials, history."""

from __future__ import annotations

import datetime as dt
import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from townclerk.enums import MaterialState
from townclerk.i18n import pt, t
from townclerk.records.cases import CaseDetail
from townclerk.ui import style
from townclerk.ui.widgets.record_table import prepare_record_table

_STATE_COLOURS = {
    MaterialState.RECEIVED: style.OK,
    MaterialState.TOLERATED: style.CAUTION,
    MaterialState.MISSING: style.ERROR,
}


def _state_colour(state: MaterialState, *, required: bool) -> QColor:
    """Red only for what the case lacks: an optional material not handed in is no gap."""
    if state is MaterialState.MISSING and not required:
        return style.MUTED
    return _STATE_COLOURS[state]


_LAST_ROW = 99
_WIDE_FACTS = frozenset(
    {"item", "kind", "address", "outcome", "reason", "note", "tolerance", "link", "delivered"}
)
_RICH_FACTS = frozenset({"tolerance", "link"})


def _when(value: dt.datetime | None) -> str:
    return f"{value:%Y-%m-%d %H:%M}" if value is not None else ""


def _statutory_due(case: CaseDetail) -> str:
    """The statutory due date, with the 延期 that moved it."""
    if case.statutory_due_date is None:
        return ""
    text = case.statutory_due_date.isoformat()
    if case.extension is not None:
        text += t(
            "（已延期 {days} 个工作日，{approver}批准：{reason}）",
            days=case.extension.days,
            approver=case.extension.approved_by,
            reason=case.extension.reason,
        )
    return text


def _review(case: CaseDetail) -> str:
    """初审转报: the township's own 初审 date, and where and when the case went."""
    journey = case.journey
    if journey is None or journey.review_due_date is None:
        return ""
    text = journey.review_due_date.isoformat()
    if journey.sent_to_county_on is not None:
        text += t(
            "（{date} 已转报{body}）",
            date=journey.sent_to_county_on.isoformat(),
            body=journey.county_body or "",
        )
    return text


def _table(object_name: str, headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    prepare_record_table(table, object_name)
    table.setHorizontalHeaderLabels(headers)
    table.setWordWrap(True)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setStretchLastSection(True)
    return table


def _fill(table: QTableWidget, rows: list[list[str]], colours: list[QColor] | None = None) -> None:
    table.setRowCount(len(rows))
    for row, values in enumerate(rows):
        for column, value in enumerate(values):
            item = QTableWidgetItem(value)
            item.setToolTip(value)
            table.setItem(row, column, item)
        colour = colours[row] if colours else None
        state_item = table.item(row, len(values) - 1)
        if colour is not None and state_item is not None:
            state_item.setForeground(QBrush(colour))
    table.resizeRowsToContents()


def _tolerance_html(case: CaseDetail, today: dt.date) -> str:
    """The 容缺 materials still owed, each with its promised date; red once that has passed."""
    parts = []
    for material in case.tolerated_materials:
        if material.promised_date is None:
            continue
        overdue = material.promised_date < today
        text = t(
            "{name}（承诺 {date} 前补交{late}）",
            name=material.name,
            date=material.promised_date.isoformat(),
            late=t("，已逾期") if overdue else "",
        )
        colour = style.ERROR if overdue else style.CAUTION
        escaped = f"<b>{html.escape(text)}</b>" if overdue else html.escape(text)
        parts.append(style.coloured_html(escaped, colour))
    return "<br>".join(parts)


def _link_html(case: CaseDetail) -> str:
    """补齐后受理: the notice this case completes, or the case that completed this notice."""
    mark = "\x00"  # where the link goes, in the translated sentence
    if case.resubmits:
        text, number = t("补齐一次性告知 {number} 后受理", number=mark), case.resubmits
    elif case.resubmitted_as:
        text, number = t("已补齐受理，办件 {number}", number=mark), case.resubmitted_as
    else:
        return ""
    link = f'<a href="{html.escape(number, quote=True)}">{html.escape(number)}</a>'
    return html.escape(text).replace(mark, link)


class CaseDetailView(QWidget):
    """Shows a :class:`CaseDetail`; ``full_personal_data`` False masks the ID and phone.
    ``case_link_activated`` gives the number of a linked case the clerk opens (补齐后受理)."""

    case_link_activated = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("caseDetail")
        self.case: CaseDetail | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.title = QLabel()
        self.title.setObjectName("caseDetailTitle")
        self.title.setStyleSheet("font-size: 15px; font-weight: bold;")
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.title.setWordWrap(True)
        heading = QHBoxLayout()
        heading.addWidget(self.title, 1)
        # Shown with masked numbers to a role allowed to see them in full; the page that owns
        # the view asks the service (audited) and shows the answer.
        self.reveal_button = QPushButton(t("显示完整号码"))
        self.reveal_button.setObjectName("caseRevealButton")
        self.reveal_button.setToolTip(t("显示本件完整的证件号码和联系电话（记入审计日志）"))
        self.reveal_button.hide()
        heading.addWidget(self.reveal_button)
        layout.addLayout(heading)
        self.empty = QLabel(t("在上方列表中选择办件，即可在此查看详情。"))
        self.empty.setObjectName("caseDetailEmpty")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setStyleSheet(style.MUTED_TEXT)
        layout.addWidget(self.empty)

        self.body = QWidget()
        body = QHBoxLayout(self.body)  # facts on the left, materials and history on the right
        body.setContentsMargins(0, 0, 0, 0)
        facts = QFrame()
        facts.setFrameShape(QFrame.Shape.StyledPanel)
        self.grid = QGridLayout(facts)
        self.grid.setHorizontalSpacing(12)
        self.grid.setColumnStretch(1, 1)
        self.grid.setColumnStretch(3, 1)
        self.grid.setRowStretch(_LAST_ROW, 1)  # facts stay at the top of the frame
        self._values: dict[str, QLabel] = {}
        fields = [
            ("item", t("事项")),
            ("department", t("实施部门")),
            ("channel", t("渠道")),
            ("kind", pt("CaseDetailView", "办件类型")),
            ("applicant", t("申请人")),
            ("id_number", t("证件")),
            ("phone", t("电话")),
            ("agent", t("代办人")),
            ("address", t("地址")),
            ("handled", t("窗口/经办人")),
            ("received", t("受理时间")),
            ("due", t("承诺到期日")),
            ("statutory_due", t("法定到期日")),
            ("review", t("初审时限")),
            ("tolerance", t("容缺待补")),
            ("link", t("补齐受理")),
            ("delivered", t("送达时间")),
            ("outcome", pt("CaseDetailView", "办理结果")),
            ("evaluation", t("评价")),
            ("reason", t("原因")),
            ("note", pt("CaseDetailView", "备注")),
        ]
        self._labels: dict[str, QLabel] = {}
        for key, label in fields:
            caption = QLabel(t("{label}：", label=label))
            caption.setStyleSheet(style.MUTED_TEXT)
            caption.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
            value = QLabel()
            value.setObjectName(f"caseDetail_{key}")
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
            if key in _RICH_FACTS:
                value.setTextFormat(Qt.TextFormat.RichText)
            else:
                value.setTextFormat(Qt.TextFormat.PlainText)
            self._labels[key] = caption
            self._values[key] = value
        link = self._values["link"]
        link.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        link.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        link.linkActivated.connect(self.case_link_activated)
        body.addWidget(facts, 5)

        self.tabs = QTabWidget()
        self.materials = _table(
            "caseMaterials",
            [
                pt("CaseDetailView", "材料名称"),
                t("形式"),
                t("份数"),
                t("必要"),
                t("状态"),
            ],
        )
        self.events = _table(
            "caseEvents",
            [
                t("时间"),
                t("操作"),
                t("操作人"),
                pt("CaseDetailView", "状态"),
                pt("CaseDetailView", "备注"),
            ],
        )
        self.pauses = _table(
            "casePauses",
            [t("类型"), t("开始"), t("结束"), t("期限或预计结束"), t("原因")],
        )
        self.tabs.addTab(self.materials, pt("CaseDetailView", "材料"))
        self.tabs.addTab(self.events, t("办理记录"))
        self.tabs.addTab(self.pauses, t("暂停计时"))
        body.addWidget(self.tabs, 6)
        layout.addWidget(self.body, 1)
        self.show_case(None)

    def _lay_out_facts(self, keys: list[str]) -> None:
        """Two facts a line; long ones take a whole line."""
        for key in self._values:
            for widget in (self._labels[key], self._values[key]):
                self.grid.removeWidget(widget)
                widget.hide()
        row = column = 0
        for key in keys:
            caption, value = self._labels[key], self._values[key]
            if key in _WIDE_FACTS:
                if column:
                    row, column = row + 1, 0
                self.grid.addWidget(caption, row, 0)
                self.grid.addWidget(value, row, 1, 1, 3)
                row += 1
            else:
                self.grid.addWidget(caption, row, column * 2)
                self.grid.addWidget(value, row, column * 2 + 1)
                row, column = (row + 1, 0) if column else (row, 1)
            caption.show()
            value.show()

    def value_text(self, key: str) -> str:
        return self._values[key].text()

    def show_case(
        self,
        case: CaseDetail | None,
        *,
        full_personal_data: bool = False,
        can_reveal: bool = False,
        today: dt.date | None = None,
    ) -> None:
        """Show ``case``, masked unless ``full_personal_data``; ``can_reveal`` offers the
        reveal button when it is masked; ``today`` marks 容缺 materials owed past their date."""
        self.case = case
        self.empty.setVisible(case is None)
        self.body.setVisible(case is not None)
        self.reveal_button.setVisible(case is not None and can_reveal and not full_personal_data)
        if case is None:
            self.title.setText("")
            return
        self.title.setText(f"{case.number}　{t(case.status.label)}")
        shown = case if full_personal_data else case.masked()
        applicant = shown.applicant
        id_number, phone = applicant.id_number, applicant.phone
        limit = t(
            "{kind}，承诺 {promised} / 法定 {statutory} 个工作日",
            kind=t(case.case_kind.label),
            promised=case.promised_days,
            statutory=case.statutory_days,
        )
        agent = ""
        if case.agent_name:
            agent = f"{case.agent_name} {shown.agent_id_number or ''}"
        outcome = ""
        if case.decision is not None:
            outcome = t(
                "{decision}：{result}",
                decision=t(case.decision.label),
                result=case.result_text or "",
            )
            if case.days_used is not None:
                outcome += t(
                    "（用时 {days} 个工作日，{timing}）",
                    days=case.days_used,
                    timing=t("按时") if case.on_time else t("超期"),
                )
        address = applicant.address
        if applicant.village_name:
            address = f"{applicant.village_name} {address}".strip()
        values = {
            "item": t("{name}（{detail}）", name=case.item_name, detail=case.item_code),
            "department": case.department,
            "kind": limit,
            "channel": t(case.channel.label),
            "applicant": t(
                "{name}（{detail}）", name=applicant.name, detail=t(applicant.kind.label)
            ),
            "id_number": f"{t(applicant.id_type.label)} {id_number}",
            "phone": phone,
            "address": address,
            "agent": agent,
            "handled": " / ".join(part for part in (case.window_name, case.clerk_name) if part),
            "received": _when(case.received_at),
            "due": case.due_date.isoformat() if case.due_date else "",
            "statutory_due": _statutory_due(case),
            "review": _review(case),
            "tolerance": _tolerance_html(case, today or dt.date.today()),
            "link": _link_html(case),
            "outcome": outcome,
            "delivered": _when(case.delivered_at)
            + (f" {t(case.delivery_method.label)}" if case.delivery_method else ""),
            "evaluation": t(case.evaluation.label) if case.evaluation else "",
            "reason": case.reason or "",
            "note": case.note or "",
        }
        for key, text in values.items():
            self._values[key].setText(text)
        # Empty facts take no room: a fresh case shows only what it has.
        self._lay_out_facts([key for key, text in values.items() if text])

        yes, no = t("是"), t("否")
        material_rows = []
        for material in case.materials:
            state = t(material.state.label)
            if material.promised_date is not None:
                if material.state is MaterialState.TOLERATED:
                    state += t("（{date} 前补交）", date=material.promised_date.isoformat())
                else:
                    state += t("（容缺受理，已补交）")
            material_rows.append(
                [
                    material.name,
                    t(material.form.label),
                    str(material.copies),
                    yes if material.required else no,
                    state,
                ]
            )
        _fill(
            self.materials,
            material_rows,
            [_state_colour(m.state, required=m.required) for m in case.materials],
        )
        event_rows = []
        for event in reversed(case.events):  # newest first: what just happened is on top
            status = t(event.to_status.label) if event.to_status is not None else ""
            document = event.printed_document
            note = t(document.label) if document is not None else event.note
            event_rows.append(
                [_when(event.at), t(event.action.label), event.user_name, status, note]
            )
        _fill(self.events, event_rows)
        pause_rows = [
            [
                t(pause.kind.label)
                + (f"（{t(pause.procedure.label)}）" if pause.procedure else ""),
                pause.started_on.isoformat(),
                pause.ended_on.isoformat() if pause.ended_on else t("进行中"),
                pause.expected_end.isoformat() if pause.expected_end else "",
                pause.reason,
            ]
            for pause in case.pauses
        ]
        _fill(self.pauses, pause_rows)
        self.tabs.setTabText(2, t("暂停计时（{count}）", count=len(case.pauses)))
