"""Plain frozen records the case service hands to screens, documents and the CLI."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import ClassVar

from townclerk.case_states import CaseAction
from townclerk.enums import (
    OPEN_STATUSES,
    ApplicantKind,
    CaseKind,
    CaseStatus,
    Channel,
    Decision,
    DeliveryMethod,
    DocumentKind,
    Evaluation,
    Holder,
    IdType,
    MaterialForm,
    MaterialState,
    PauseKind,
    PowerSource,
    SpecialProcedure,
)
from townclerk.records import changes
from townclerk.records.approval import SupervisorCredentials
from townclerk.records.changes import DataArea
from townclerk.records.journey import CaseJourney
from townclerk.validation import mask_id_number, mask_phone


@dataclass(frozen=True)
class ApplicantInput:
    kind: ApplicantKind
    id_type: IdType
    id_number: str
    name: str
    phone: str = ""
    address: str = ""
    village_id: int | None = None


@dataclass(frozen=True)
class AgentInput:
    name: str
    id_number: str
    phone: str


@dataclass(frozen=True)
class MaterialInput:
    material_id: int
    state: MaterialState
    promised_date: dt.date | None = None


@dataclass(frozen=True)
class Intake:
    """Everything the window registers for one application, whatever its outcome."""

    item_id: int
    applicant: ApplicantInput
    materials: tuple[MaterialInput, ...] = ()
    channel: Channel = Channel.WINDOW
    window_id: int | None = None
    agent: AgentInput | None = None
    note: str = ""
    # Made by the window once per form (uuid4 hex): registering the same key again (a retry
    # after a lost answer) gives back the case the first try registered.
    intake_key: str | None = None
    # 村代办: the reference of the village pre-registration this intake answers (受理 or
    # 一次性告知); the case is linked to it and to its village point in the same transaction.
    pre_registration: str | None = None


@dataclass(frozen=True)
class ApplicantInfo:
    id: int
    kind: ApplicantKind
    id_type: IdType
    id_number: str
    name: str
    phone: str
    address: str
    village_id: int | None
    village_name: str
    birth_date: dt.date | None


@dataclass(frozen=True)
class CaseMaterialInfo:
    material_id: int
    seq: int
    name: str
    form: MaterialForm
    copies: int
    required: bool
    state: MaterialState
    promised_date: dt.date | None


@dataclass(frozen=True)
class PauseInfo:
    kind: PauseKind
    started_on: dt.date
    ended_on: dt.date | None
    reason: str  # 补正: what to correct, one item a line
    # 补正: the date the applicant must correct by; 特别程序: the date it is expected to end.
    expected_end: dt.date | None = None
    procedure: SpecialProcedure | None = None  # 特别程序 only
    expected_days: int | None = None  # 特别程序: working days from its start to expected_end


@dataclass(frozen=True)
class CaseEventInfo:
    seq: int
    at: dt.datetime
    user_name: str
    action: CaseAction
    from_status: CaseStatus | None
    to_status: CaseStatus | None
    note: str

    @property
    def printed_document(self) -> DocumentKind | None:
        """The document a print or reprint event printed (its note holds the kind's code)."""
        if self.action in (CaseAction.PRINT, CaseAction.REPRINT):
            try:
                return DocumentKind(self.note)
            except ValueError:
                return None
        return None


@dataclass(frozen=True)
class ExtensionInfo:
    """The 延期 of a case (《行政许可法》第42条): granted once, approved by a supervisor."""

    days: int
    reason: str
    approved_by: str
    decided_on: dt.date | None  # the day of its event (None: the history is not at hand)


@dataclass(frozen=True)
class CaseDetail:
    areas: ClassVar[frozenset[DataArea]] = changes.CASES  # a write that returns a case

    id: int
    number: str
    status: CaseStatus
    item_id: int
    item_code: str
    item_name: str
    department: str
    case_kind: CaseKind
    statutory_days: int
    promised_days: int
    applicant: ApplicantInfo
    agent_name: str | None
    agent_id_number: str | None
    agent_phone: str | None
    channel: Channel
    window_name: str
    clerk_id: int
    clerk_name: str
    received_at: dt.datetime
    due_date: dt.date | None
    reason: str | None
    legal_basis: str | None
    decision: Decision | None
    result_text: str | None
    completed_at: dt.datetime | None
    days_used: int | None
    on_time: bool | None
    delivered_at: dt.datetime | None
    evaluation: Evaluation | None
    note: str | None
    materials: tuple[CaseMaterialInfo, ...] = ()
    delivery_method: DeliveryMethod | None = None
    pauses: tuple[PauseInfo, ...] = ()
    events: tuple[CaseEventInfo, ...] = ()
    allowed_actions: tuple[CaseAction, ...] = ()
    print_count: int = 0
    # Years the promised period runs into whose schedule is not published yet: the due date
    # counts their statutory holidays but not their 调休, and screens and the receipt say so
    # (DOMAIN.md: flagged).
    unofficial_due_years: tuple[int, ...] = ()
    # Who decides, as registered (records/issuing.py); "" for a case from before, decided
    # again when it prints.
    power_source: PowerSource | None = None
    issuing_body: str = ""
    issuing_seal: str = ""
    competent_body: str | None = None  # a refusal outside our powers: where to apply
    # 补齐后受理: the 一次性告知 this case completes, and the case that completed this notice.
    resubmits: str | None = None
    resubmitted_as: str | None = None

    def last_pause(self, kind: PauseKind) -> PauseInfo | None:
        """The latest 补正 or 特别程序 of the case (its notice describes that one)."""
        return next((pause for pause in reversed(self.pauses) if pause.kind is kind), None)

    # The statutory deadline (法定时限 plus any 延期) beside the promised ``due_date``; None for
    # a case never accepted, or closed before the date was kept.
    statutory_due_date: dt.date | None = None
    extension: ExtensionInfo | None = None
    # Where the case is and its hand-overs (None only for records built outside the service).
    journey: CaseJourney | None = None

    @property
    def statutory_limit(self) -> int:
        """The statutory limit in working days, with the 延期 if one was granted."""
        return self.statutory_days + (self.extension.days if self.extension else 0)

    @property
    def missing_materials(self) -> tuple[CaseMaterialInfo, ...]:
        return tuple(m for m in self.materials if m.state is MaterialState.MISSING)

    @property
    def tolerated_materials(self) -> tuple[CaseMaterialInfo, ...]:
        return tuple(m for m in self.materials if m.state is MaterialState.TOLERATED)

    def overdue_tolerated(self, today: dt.date) -> tuple[CaseMaterialInfo, ...]:
        """Tolerated materials still outstanding after the date promised for them (容缺逾期)."""
        return tuple(
            m
            for m in self.tolerated_materials
            if m.promised_date is not None and m.promised_date < today
        )

    @property
    def received_materials(self) -> tuple[CaseMaterialInfo, ...]:
        return tuple(m for m in self.materials if m.state is MaterialState.RECEIVED)

    def masked(self) -> CaseDetail:
        """The case with the applicant's and agent's ID numbers and phones masked (first 6 and
        last 4 characters, 138****5678); an organisation's credit code is public and stays."""
        applicant = self.applicant
        id_number = applicant.id_number
        if applicant.id_type is not IdType.USCC:
            id_number = mask_id_number(id_number)
        return replace(
            self,
            applicant=replace(applicant, id_number=id_number, phone=mask_phone(applicant.phone)),
            agent_id_number=mask_id_number(self.agent_id_number or "") or None,
            agent_phone=mask_phone(self.agent_phone or "") or None,
        )


@dataclass(frozen=True)
class RevealedCase:
    """A case with its personal data in full, shown on request (the request is audited; the
    audit log is no data area a screen shows)."""

    areas: ClassVar[frozenset[DataArea]] = frozenset()

    case: CaseDetail


# Deadline warnings of an open case (local practice, DOMAIN.md).
WARNING_RED = "red"
WARNING_YELLOW = "yellow"


def deadline_warning(
    status: CaseStatus,
    due_date: dt.date | None,
    paused: bool,
    today: dt.date,
    due_soon_until: dt.date,
) -> str | None:
    """Red for an open case past its due date, yellow for one due by ``due_soon_until``.

    A paused case (补正, 特别程序) has neither, whatever day the pause began: its clock stands
    still, and when it resumes its due date gives it the days it had left.
    """
    if status not in OPEN_STATUSES or due_date is None or paused:
        return None
    if due_date < today:
        return WARNING_RED
    if due_date <= due_soon_until:
        return WARNING_YELLOW
    return None


def over_statutory_limit(
    status: CaseStatus, statutory_due_date: dt.date | None, today: dt.date
) -> bool:
    """超法定时限: an open case whose statutory due date has passed. A paused case (补正,
    特别程序) is not: its deadline moves on while the pause lasts."""
    return (
        status is CaseStatus.ACCEPTED
        and statutory_due_date is not None
        and statutory_due_date < today
    )


@dataclass(frozen=True)
class CaseRow:
    """One line of the case list."""

    id: int
    number: str
    item_name: str
    applicant_name: str
    id_number: str
    phone: str
    received_at: dt.datetime
    due_date: dt.date | None
    status: CaseStatus
    window_name: str
    clerk_name: str
    warning: str | None = None  # of the promised date (超承诺时限 is red)
    statutory_due_date: dt.date | None = None
    over_statutory: bool = False  # 超法定时限 (:func:`over_statutory_limit`)
    holder: Holder = Holder.WINDOW  # who has the papers now
    desk_name: str = ""  # the desk's, when at a desk

    @property
    def holder_label(self) -> str:
        """The holder as the list shows it (untranslated): a desk by its name."""
        return (
            self.desk_name if self.holder is Holder.DESK and self.desk_name else self.holder.label
        )


@dataclass(frozen=True)
class CaseQuery:
    """Filters of the case list; all given filters must match."""

    received_from: dt.date | None = None
    received_to: dt.date | None = None
    clerk_id: int | None = None
    window_id: int | None = None
    statuses: tuple[CaseStatus, ...] = ()
    open_only: bool = False
    due_soon: bool = False
    overdue: bool = False  # past the promised date (超承诺时限)
    over_statutory: bool = False  # past the statutory date (超法定时限)
    tolerance_overdue: bool = False  # a 容缺 material still owed after its promised date
    holder: Holder | None = None  # who has the papers now
    text: str = ""


@dataclass(frozen=True)
class ResubmissionDraft:
    """What the intake is pre-filled with when the applicant of a 一次性告知 comes back with the
    missing materials (补齐后受理): the notice's item, applicant and agent, and the materials
    already seen then."""

    notice_number: str
    item_id: int
    item_name: str
    applicant: ApplicantInfo
    agent: AgentInput | None
    channel: Channel
    received_material_ids: tuple[int, ...]


@dataclass(frozen=True)
class ToleranceOverride:
    """办结 while a 容缺 material is outstanding: the reason, and the approving supervisor's
    credentials (None when the actor is a supervisor)."""

    reason: str
    credentials: SupervisorCredentials | None = None
