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
from townclerk.records.cases import AgentInput, ApplicantInfo, ApplicantInput
from townclerk.records.changes import DataArea
from townclerk.ui.context import AppContext
from townclerk.ui.pages.intake.field_status import FieldState, FieldStatus
from townclerk.ui.widgets.enum_text import enum_text
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
        heading = QLabel(self.tr("3. Applicant"))
        heading.setStyleSheet("font-weight: bold;")
        layout.addWidget(heading)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        layout.addLayout(form)

        self.kind_combo = QComboBox()
        self.kind_combo.setObjectName("applicantKind")
        self.kind_combo.setAccessibleName(self.tr("Applicant kind"))
        for kind in ApplicantKind:
            # Enum members would reach Qt as plain str: store the value, convert back on reading.
            self.kind_combo.addItem(enum_text(kind), kind.value)
        form.addRow(self.tr("Applicant kind:"), self.kind_combo)

        self.id_type_combo = QComboBox()
        self.id_type_combo.setObjectName("idTypeCombo")
        self.id_type_combo.setAccessibleName(self.tr("ID type"))
        form.addRow(self.tr("ID type:"), self.id_type_combo)

        self.id_edit = self._line_edit("idNumberEdit", self.tr("ID number"), MAX_ID_INPUT)
        self.id_status = FieldStatus("idStatusLabel")
        form.addRow(self.tr("ID number:"), self.id_edit)
        form.addRow("", self.id_status)
        self.identity_label = QLabel()
        self.identity_label.setObjectName("birthSexLabel")
        form.addRow("", self.identity_label)

        self.name_edit = self._line_edit("nameEdit", self.tr("Name"), NAME_MAX_LENGTH)
        self.name_label = QLabel(self.tr("Name:"))
        form.addRow(self.name_label, self.name_edit)

        self.phone_edit = self._line_edit("phoneEdit", self.tr("Phone"), 32)
        self.phone_edit.setPlaceholderText(self.tr("Mobile, or landline with area code"))
        self.phone_status = FieldStatus("phoneStatusLabel")
        form.addRow(self.tr("Phone:"), self.phone_edit)
        form.addRow("", self.phone_status)

        self.address_edit = self._line_edit("addressEdit", self.tr("Address"), ADDRESS_MAX_LENGTH)
        form.addRow(self.tr("Address:"), self.address_edit)

        self.village_combo = QComboBox()
        self.village_combo.setObjectName("villageCombo")
        self.village_combo.setAccessibleName(self.tr("Village or community"))
        form.addRow(self.tr("Village:"), self.village_combo)

        self.channel_combo = QComboBox()
        self.channel_combo.setObjectName("channelCombo")
        self.channel_combo.setAccessibleName(self.tr("Channel"))
        for channel, text in (
            (Channel.WINDOW, self.tr("At the window")),
            (Channel.VILLAGE_AGENT, self.tr("Through a village agent")),
            (Channel.APPOINTMENT, self.tr("By appointment")),
        ):
            self.channel_combo.addItem(text, channel.value)
        form.addRow(self.tr("Channel:"), self.channel_combo)

        self.agent_check = QCheckBox(self.tr("An a&gent applies for the applicant"))
        self.agent_check.setObjectName("agentCheck")
        self.agent_check.setAccessibleName(self.tr("Agent"))
        layout.addWidget(self.agent_check)
        self.agent_fields = QFrame()
        self.agent_fields.setObjectName("agentFields")
        self.agent_fields.setFrameShape(QFrame.Shape.StyledPanel)
        agent_form = QFormLayout(self.agent_fields)
        self.agent_name_edit = self._line_edit(
            "agentNameEdit", self.tr("Agent name"), NAME_MAX_LENGTH
        )
        self.agent_id_edit = self._line_edit(
            "agentIdEdit", self.tr("Agent resident ID number"), MAX_ID_INPUT
        )
        self.agent_id_status = FieldStatus("agentIdStatusLabel")
        self.agent_phone_edit = self._line_edit("agentPhoneEdit", self.tr("Agent phone"), 32)
        self.agent_phone_status = FieldStatus("agentPhoneStatusLabel")
        agent_form.addRow(self.tr("Name:"), self.agent_name_edit)
        agent_form.addRow(self.tr("Resident ID:"), self.agent_id_edit)
        agent_form.addRow("", self.agent_id_status)
        agent_form.addRow(self.tr("Phone:"), self.agent_phone_edit)
        agent_form.addRow("", self.agent_phone_status)
        self.agent_fields.setVisible(False)
        layout.addWidget(self.agent_fields)

        notes = QFormLayout()
        self.note_edit = self._line_edit("noteEdit", self.tr("Notes"), 2000)
        notes.addRow(self.tr("Notes:"), self.note_edit)
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
        self.village_combo.addItem(self.tr("(not given)"), None)
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
            self.id_type_combo.addItem(enum_text(id_type), id_type.value)
        self.id_type_combo.blockSignals(False)
        person = self.kind is ApplicantKind.PERSON
        self.name_label.setText(self.tr("Name:") if person else self.tr("Organisation name:"))
        self.name_edit.setAccessibleName(
            self.tr("Name") if person else self.tr("Organisation name")
        )
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
                    sex_text=enum_text(resident.sex),
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
            status.show_state(FieldState.OK, self.tr("Valid"))
        elif not check.number:
            status.clear_state()
        elif (
            id_type in (IdType.RESIDENT_ID, IdType.USCC)
            and len(check.number) < ID_LENGTH
            and not finished
        ):
            left = ID_LENGTH - len(check.number)
            status.show_state(FieldState.HINT, self.tr("{left} more characters").format(left=left))
        else:
            status.show_state(FieldState.ERROR, check.error)

    def _on_id_changed(self, *_args: object, finished: bool = False) -> None:
        check = self.check_id()
        self._show_id_status(self.id_status, self.id_type, check, finished)
        if check.birth_date is not None:
            self.identity_label.setText(
                self.tr("Born {date}, {sex}").format(
                    date=check.birth_date.isoformat(), sex=check.sex_text
                )
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
        self.id_status.show_state(
            FieldState.OK, self.tr("Valid; returning applicant, details filled in")
        )

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
            status.show_state(FieldState.OK, self.tr("Valid"))
        elif not edit.text().strip():
            status.clear_state()
        elif len(digits) < 11 and not finished:
            status.show_state(
                FieldState.HINT, self.tr("{count} digits so far").format(count=len(digits))
            )
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
            problems.append(self.tr("a valid ID number"))
        if not self.name_edit.text().strip():
            problems.append(
                self.tr("the applicant's name")
                if self.kind is ApplicantKind.PERSON
                else self.tr("the organisation's name")
            )
        if self.phone_edit.text().strip() or phone_required:
            ok, _error = self._phone_check(self.phone_edit)
            if not ok:
                problems.append(self.tr("a valid phone number"))
        if self.agent_check.isChecked():
            problems.extend(self._agent_problems())
        return problems

    def _agent_problems(self) -> list[str]:
        problems = []
        if not self.agent_name_edit.text().strip():
            problems.append(self.tr("the agent's name"))
        if not self._check_id(IdType.RESIDENT_ID, self.agent_id_edit.text()).valid:
            problems.append(self.tr("the agent's valid ID number"))
        if not self._phone_check(self.agent_phone_edit)[0]:
            problems.append(self.tr("the agent's valid phone number"))
        return problems

    # --- the result --------------------------------------------------------------------------
    def applicant_input(self) -> ApplicantInput:
        check = self.check_id()
        if not check.valid:
            raise UserError(check.error or self.tr("Enter a valid ID number"))
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
