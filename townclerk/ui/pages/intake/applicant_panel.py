"""Who applies: the applicant (person or organisation), an optional agent, and notes.

Identifiers are checked as they are typed: while an ID number is still short the line under it
counts the characters left; once it is complete (or the cursor leaves it) it shows a ✓ or the
reason it is wrong. A valid resident ID fills in the birth date and sex; a known applicant's
name, phone, address and village are filled in from their last visit, never over what the clerk
has typed.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QFrame,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from townclerk.enums import ApplicantKind, Channel, IdType
from townclerk.errors import UserError
from townclerk.i18n import pt, t
from townclerk.records.cases import AgentInput, ApplicantInfo, ApplicantInput
from townclerk.records.changes import DataArea
from townclerk.ui.context import AppContext
from townclerk.ui.pages.intake.field_status import FieldState, FieldStatus
from townclerk.validation import (
    ADDRESS_MAX_LENGTH,
    ID_LENGTH,
    NAME_MAX_LENGTH,
    ValidationError,
    clean_number,
    parse_other_id,
    parse_phone,
    parse_resident_id,
    parse_uscc,
)

MAX_ID_INPUT = 40
_ID_TYPES = {
    ApplicantKind.PERSON: (IdType.RESIDENT_ID, IdType.OTHER),
    ApplicantKind.ORGANISATION: (IdType.USCC, IdType.OTHER),
}


@dataclass(frozen=True)
class IdCheck:
    """The verdict on an ID number as typed so far."""

    valid: bool
    number: str = ""
    error: str = ""  # why it is wrong (empty while it may still be incomplete)
    birth_date: dt.date | None = None
    sex_text: str = ""


class ApplicantPanel(QWidget):
    changed = Signal()

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._autofilled: dict[QLineEdit, str] = {}
        self._autofilled_village: int | None = None
        self._known: ApplicantInfo | None = None
        self._looked_up: tuple[IdType, str] | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        heading = QLabel(t("3. 申请人"))
        heading.setStyleSheet("font-weight: bold;")
        layout.addWidget(heading)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        layout.addLayout(form)

        self.kind_combo = QComboBox()
        self.kind_combo.setObjectName("applicantKind")
        self.kind_combo.setAccessibleName(t("申请人类型"))
        for kind in ApplicantKind:
            # Enum members would reach Qt as plain str: store the value, convert back on reading.
            self.kind_combo.addItem(t(kind.label), kind.value)
        form.addRow(t("申请人类型："), self.kind_combo)

        self.id_type_combo = QComboBox()
        self.id_type_combo.setObjectName("idTypeCombo")
        self.id_type_combo.setAccessibleName(t("证件类型"))
        form.addRow(t("证件类型："), self.id_type_combo)

        self.id_edit = self._line_edit("idNumberEdit", t("证件号码"), MAX_ID_INPUT)
        self.id_status = FieldStatus("idStatusLabel")
        form.addRow(t("证件号码："), self.id_edit)
        form.addRow("", self.id_status)
        self.identity_label = QLabel()
        self.identity_label.setObjectName("birthSexLabel")
        form.addRow("", self.identity_label)

        self.name_edit = self._line_edit("nameEdit", t("姓名"), NAME_MAX_LENGTH)
        self.name_label = QLabel(t("姓名："))
        form.addRow(self.name_label, self.name_edit)

        self.phone_edit = self._line_edit("phoneEdit", pt("ApplicantPanel", "联系电话"), 32)
        self.phone_edit.setPlaceholderText(t("手机号码，或带区号的固定电话"))
        self.phone_status = FieldStatus("phoneStatusLabel")
        form.addRow(t("联系电话："), self.phone_edit)
        form.addRow("", self.phone_status)

        self.address_edit = self._line_edit("addressEdit", t("地址"), ADDRESS_MAX_LENGTH)
        form.addRow(t("地址："), self.address_edit)

        self.village_combo = QComboBox()
        self.village_combo.setObjectName("villageCombo")
        self.village_combo.setAccessibleName(t("所属村（社区）"))
        form.addRow(t("村（社区）："), self.village_combo)

        self.channel_combo = QComboBox()
        self.channel_combo.setObjectName("channelCombo")
        self.channel_combo.setAccessibleName(t("受理渠道"))
        for channel, text in (
            (Channel.WINDOW, t("窗口")),
            (Channel.VILLAGE_AGENT, pt("ApplicantPanel", "村代办")),
            (Channel.APPOINTMENT, pt("ApplicantPanel", "预约")),
        ):
            self.channel_combo.addItem(text, channel.value)
        form.addRow(t("受理渠道："), self.channel_combo)

        self.agent_check = QCheckBox(t("由代办人代为申请(&G)"))
        self.agent_check.setObjectName("agentCheck")
        self.agent_check.setAccessibleName(t("代办人"))
        layout.addWidget(self.agent_check)
        self.agent_fields = QFrame()
        self.agent_fields.setObjectName("agentFields")
        self.agent_fields.setFrameShape(QFrame.Shape.StyledPanel)
        agent_form = QFormLayout(self.agent_fields)
        self.agent_name_edit = self._line_edit("agentNameEdit", t("代办人姓名"), NAME_MAX_LENGTH)
        self.agent_id_edit = self._line_edit("agentIdEdit", t("代办人身份证号码"), MAX_ID_INPUT)
        self.agent_id_status = FieldStatus("agentIdStatusLabel")
        self.agent_phone_edit = self._line_edit("agentPhoneEdit", t("代办人联系电话"), 32)
        self.agent_phone_status = FieldStatus("agentPhoneStatusLabel")
        agent_form.addRow(t("姓名："), self.agent_name_edit)
        agent_form.addRow(t("身份证号码："), self.agent_id_edit)
        agent_form.addRow("", self.agent_id_status)
        agent_form.addRow(t("联系电话："), self.agent_phone_edit)
        agent_form.addRow("", self.agent_phone_status)
        self.agent_fields.setVisible(False)
        layout.addWidget(self.agent_fields)

        notes = QFormLayout()
        self.note_edit = self._line_edit("noteEdit", t("备注"), 2000)
        notes.addRow(t("备注："), self.note_edit)
        layout.addLayout(notes)
        layout.addStretch(1)

        self.kind_combo.currentIndexChanged.connect(self._on_kind_changed)
        self.id_type_combo.currentIndexChanged.connect(self._on_id_changed)
        self.id_edit.textChanged.connect(self._on_id_changed)
        self.id_edit.editingFinished.connect(lambda: self._on_id_changed(finished=True))
        self.phone_edit.textChanged.connect(self._on_phone_changed)
        self.phone_edit.editingFinished.connect(lambda: self._on_phone_changed(finished=True))
        self.agent_id_edit.textChanged.connect(self._on_agent_id_changed)
        self.agent_id_edit.editingFinished.connect(lambda: self._on_agent_id_changed(finished=True))
        self.agent_phone_edit.textChanged.connect(self._on_agent_phone_changed)
        self.agent_phone_edit.editingFinished.connect(
            lambda: self._on_agent_phone_changed(finished=True)
        )
        self.agent_check.toggled.connect(self._on_agent_toggled)
        for edit in (self.name_edit, self.address_edit, self.agent_name_edit, self.note_edit):
            edit.textChanged.connect(self.changed)
        for edit in (self.name_edit, self.phone_edit, self.address_edit):
            edit.textEdited.connect(lambda _text, edit=edit: self._autofilled.pop(edit, None))
        self.village_combo.activated.connect(self._forget_autofilled_village)
        self.village_combo.currentIndexChanged.connect(self.changed)
        self.channel_combo.currentIndexChanged.connect(self.changed)
        context.bus.data_changed.connect(self._on_data_changed)
        self._load_villages()
        self._on_kind_changed()

    def _line_edit(self, name: str, accessible: str, max_length: int) -> QLineEdit:
        edit = QLineEdit()
        edit.setObjectName(name)
        edit.setAccessibleName(accessible)
        edit.setMaxLength(max_length)
        return edit

    # --- choices -----------------------------------------------------------------------------
    @property
    def kind(self) -> ApplicantKind:
        return ApplicantKind(self.kind_combo.currentData())

    @property
    def id_type(self) -> IdType:
        value = self.id_type_combo.currentData()
        return IdType(value) if value else _ID_TYPES[self.kind][0]

    def village_id(self) -> int | None:
        value = self.village_combo.currentData()
        return value if isinstance(value, int) else None

    def _load_villages(self) -> None:
        current = self.village_id()
        self.village_combo.blockSignals(True)
        self.village_combo.clear()
        self.village_combo.addItem(t("（未选择）"), None)
        for village in self._context.settings.villages():
            self.village_combo.addItem(village.name, village.id)
        self._select_village(current)
        self.village_combo.blockSignals(False)

    def _select_village(self, village_id: int | None) -> None:
        index = self.village_combo.findData(village_id) if village_id is not None else 0
        self.village_combo.setCurrentIndex(max(index, 0))

    def _on_data_changed(self, area: DataArea, _initiator: object) -> None:
        if area is DataArea.SETTINGS:
            self._load_villages()

    def _on_kind_changed(self) -> None:
        self.id_type_combo.blockSignals(True)
        self.id_type_combo.clear()
        for id_type in _ID_TYPES[self.kind]:
            self.id_type_combo.addItem(t(id_type.label), id_type.value)
        self.id_type_combo.blockSignals(False)
        person = self.kind is ApplicantKind.PERSON
        self.name_label.setText(t("姓名：") if person else t("单位名称："))
        self.name_edit.setAccessibleName(t("姓名") if person else t("单位名称"))
        self._on_id_changed()

    def _on_agent_toggled(self, on: bool) -> None:
        self.agent_fields.setVisible(on)
        if on:
            self.agent_name_edit.setFocus(Qt.FocusReason.OtherFocusReason)
        self.changed.emit()

    # --- checking ----------------------------------------------------------------------------
    def check_id(self) -> IdCheck:
        return self._check_id(self.id_type, self.id_edit.text())

    def _check_id(self, id_type: IdType, text: str) -> IdCheck:
        number = clean_number(text).upper()
        if not number:
            return IdCheck(False)
        try:
            if id_type is IdType.RESIDENT_ID:
                resident = parse_resident_id(number, today=self._context.db.today())
                return IdCheck(
                    True,
                    resident.number,
                    birth_date=resident.birth_date,
                    sex_text=t(resident.sex.label),
                )
            if id_type is IdType.USCC:
                return IdCheck(True, parse_uscc(number))
            return IdCheck(True, parse_other_id(number))
        except ValidationError as error:
            return IdCheck(False, number, error=str(error))

    def _show_id_status(
        self, status: FieldStatus, id_type: IdType, check: IdCheck, finished: bool
    ) -> None:
        if check.valid:
            status.show_state(FieldState.OK, t("有效"))
        elif not check.number:
            status.clear_state()
        elif (
            id_type in (IdType.RESIDENT_ID, IdType.USCC)
            and len(check.number) < ID_LENGTH
            and not finished
        ):
            left = ID_LENGTH - len(check.number)
            status.show_state(FieldState.HINT, t("还差 {left} 位", left=left))
        else:
            status.show_state(FieldState.ERROR, check.error)

    def _on_id_changed(self, *_args: object, finished: bool = False) -> None:
        check = self.check_id()
        self._show_id_status(self.id_status, self.id_type, check, finished)
        if check.birth_date is not None:
            self.identity_label.setText(
                t("出生日期 {date}，{sex}", date=check.birth_date.isoformat(), sex=check.sex_text)
            )
        else:
            self.identity_label.clear()
        if check.valid:
            self._fill_known_applicant(self.id_type, check.number)
        else:
            self._looked_up = None
            self._known = None
        self.changed.emit()

    def _fill_known_applicant(self, id_type: IdType, number: str) -> None:
        if self._looked_up == (id_type, number):
            return
        self._looked_up = (id_type, number)
        known = self._context.cases.find_applicant(id_type, number)
        self._known = known
        if known is None:
            return
        for edit, value in (
            (self.name_edit, known.name),
            (self.phone_edit, known.phone),
            (self.address_edit, known.address),
        ):
            if value and (not edit.text().strip() or self._autofilled.get(edit) == edit.text()):
                edit.setText(value)
                self._autofilled[edit] = value
        if known.village_id is not None and (
            self.village_id() is None or self.village_id() == self._autofilled_village
        ):
            self._select_village(known.village_id)
            self._autofilled_village = known.village_id
        self.id_status.show_state(FieldState.OK, t("有效；老申请人，已填入上次登记的信息"))

    def _forget_autofilled_village(self) -> None:
        self._autofilled_village = None

    def _phone_check(self, edit: QLineEdit) -> tuple[bool, str]:
        try:
            parse_phone(edit.text())
        except ValidationError as error:
            return False, str(error)
        return True, ""

    def _show_phone_status(self, edit: QLineEdit, status: FieldStatus, finished: bool) -> None:
        ok, error = self._phone_check(edit)
        digits = re.sub(r"\D", "", unicodedata.normalize("NFKC", edit.text()))
        if ok:
            status.show_state(FieldState.OK, t("有效"))
        elif not edit.text().strip():
            status.clear_state()
        elif len(digits) < 11 and not finished:
            status.show_state(FieldState.HINT, t("已输入 {count} 位数字", count=len(digits)))
        else:
            status.show_state(FieldState.ERROR, error)

    def _on_phone_changed(self, *_args: object, finished: bool = False) -> None:
        self._show_phone_status(self.phone_edit, self.phone_status, finished)
        self.changed.emit()

    def _on_agent_id_changed(self, *_args: object, finished: bool = False) -> None:
        check = self._check_id(IdType.RESIDENT_ID, self.agent_id_edit.text())
        self._show_id_status(self.agent_id_status, IdType.RESIDENT_ID, check, finished)
        self.changed.emit()

    def _on_agent_phone_changed(self, *_args: object, finished: bool = False) -> None:
        self._show_phone_status(self.agent_phone_edit, self.agent_phone_status, finished)
        self.changed.emit()

    def problems(self, *, phone_required: bool) -> list[str]:
        """What is still wrong or missing, as short phrases for the action bar."""
        problems = []
        check = self.check_id()
        if not check.valid:
            problems.append(t("有效的证件号码"))
        if not self.name_edit.text().strip():
            problems.append(
                t("申请人姓名")
                if self.kind is ApplicantKind.PERSON
                else pt("ApplicantPanel", "单位名称")
            )
        if self.phone_edit.text().strip() or phone_required:
            ok, _error = self._phone_check(self.phone_edit)
            if not ok:
                problems.append(t("有效的联系电话"))
        if self.agent_check.isChecked():
            problems.extend(self._agent_problems())
        return problems

    def _agent_problems(self) -> list[str]:
        problems = []
        if not self.agent_name_edit.text().strip():
            problems.append(pt("ApplicantPanel", "代办人姓名"))
        if not self._check_id(IdType.RESIDENT_ID, self.agent_id_edit.text()).valid:
            problems.append(t("代办人有效的身份证号码"))
        if not self._phone_check(self.agent_phone_edit)[0]:
            problems.append(t("代办人有效的联系电话"))
        return problems

    # --- the result --------------------------------------------------------------------------
    def applicant_input(self) -> ApplicantInput:
        check = self.check_id()
        if not check.valid:
            raise UserError(check.error or t("请输入有效的证件号码"))
        return ApplicantInput(
            kind=self.kind,
            id_type=self.id_type,
            id_number=check.number,
            name=self.name_edit.text(),
            phone=self.phone_edit.text(),
            address=self.address_edit.text(),
            village_id=self.village_id(),
        )

    def agent_input(self) -> AgentInput | None:
        if not self.agent_check.isChecked():
            return None
        return AgentInput(
            name=self.agent_name_edit.text(),
            id_number=self.agent_id_edit.text(),
            phone=self.agent_phone_edit.text(),
        )

    def channel(self) -> Channel:
        return Channel(self.channel_combo.currentData())

    def note(self) -> str:
        return self.note_edit.text()

    def applicant_name(self) -> str:
        return self.name_edit.text().strip()

    def fill(self, applicant: ApplicantInfo, agent: AgentInput | None, channel: Channel) -> None:
        """The form as a registered applicant left it (补齐后受理): their ID number fills in
        their stored details, as for any returning applicant; the agent and channel too."""
        self.clear()
        self.kind_combo.setCurrentIndex(max(self.kind_combo.findData(applicant.kind.value), 0))
        self.id_type_combo.setCurrentIndex(
            max(self.id_type_combo.findData(applicant.id_type.value), 0)
        )
        self.id_edit.setText(applicant.id_number)
        self._on_id_changed(finished=True)
        self.channel_combo.setCurrentIndex(max(self.channel_combo.findData(channel.value), 0))
        if agent is not None:
            self.agent_check.setChecked(True)
            self.agent_name_edit.setText(agent.name)
            self.agent_id_edit.setText(agent.id_number)
            self.agent_phone_edit.setText(agent.phone)
        self.changed.emit()

    def fill_input(
        self, applicant: ApplicantInput, agent: AgentInput | None, channel: Channel
    ) -> None:
        """The form as another station registered the applicant (a village pre-registration):
        what it wrote wins over what a returning applicant's ID number fills in."""
        self.clear()
        self.kind_combo.setCurrentIndex(max(self.kind_combo.findData(applicant.kind.value), 0))
        self.id_type_combo.setCurrentIndex(
            max(self.id_type_combo.findData(applicant.id_type.value), 0)
        )
        self.id_edit.setText(applicant.id_number)
        self._on_id_changed(finished=True)
        for edit, value in (
            (self.name_edit, applicant.name),
            (self.phone_edit, applicant.phone),
            (self.address_edit, applicant.address),
        ):
            if value:
                edit.setText(value)
                self._autofilled.pop(edit, None)
        if applicant.village_id is not None:
            self._select_village(applicant.village_id)
        self.channel_combo.setCurrentIndex(max(self.channel_combo.findData(channel.value), 0))
        if agent is not None:
            self.agent_check.setChecked(True)
            self.agent_name_edit.setText(agent.name)
            self.agent_id_edit.setText(agent.id_number)
            self.agent_phone_edit.setText(agent.phone)
        self.changed.emit()

    def agent_filing(self) -> bool:
        """Someone files for the applicant: an agent is entered, or a village agent brought it."""
        return self.agent_check.isChecked() or self.channel() is Channel.VILLAGE_AGENT

    def focus_id(self) -> None:
        self.id_edit.setFocus(Qt.FocusReason.OtherFocusReason)
        self.id_edit.selectAll()

    def clear(self) -> None:
        for edit in (
            self.id_edit,
            self.name_edit,
            self.phone_edit,
            self.address_edit,
            self.agent_name_edit,
            self.agent_id_edit,
            self.agent_phone_edit,
            self.note_edit,
        ):
            edit.clear()
        self._autofilled.clear()
        self._autofilled_village = None
        self._looked_up = None
        self._known = None
        self.agent_check.setChecked(False)
        self.channel_combo.setCurrentIndex(0)
        self.village_combo.setCurrentIndex(0)
        self.kind_combo.setCurrentIndex(0)
        for status in (
            self.id_status,
            self.phone_status,
            self.agent_id_status,
            self.agent_phone_status,
        ):
            status.clear_state()
        self.changed.emit()
