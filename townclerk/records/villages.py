"""Village service points (村级便民服务点), their agents (代办员), the applications they
pre-register (预登记) and the trips that carry the papers to the township (交接单)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import ClassVar

from townclerk.enums import (
    ApplicantKind,
    Decision,
    IdType,
    MaterialForm,
    PreRegistrationStatus,
    TransferDirection,
)
from townclerk.records import changes
from townclerk.records.cases import ApplicantInput
from townclerk.records.changes import DataArea


@dataclass(frozen=True)
class PointInput:
    """A point as the admin types it: the village it serves, its name and code (the head of
    its references), where it is and its phone."""

    village_id: int
    name: str
    code: str
    address: str = ""
    phone: str = ""


@dataclass(frozen=True)
class VillageAgentInput:
    """An agent as the admin types them; ``username`` links their login ("" = none)."""

    name: str
    phone: str
    id_number: str
    trained_on: dt.date | None = None
    username: str = ""


@dataclass(frozen=True)
class VillageAgentInfo:
    id: int
    point_id: int
    name: str
    phone: str
    id_number: str
    trained_on: dt.date | None
    username: str  # "" when the agent does not log in
    active: bool


@dataclass(frozen=True)
class VillagePointInfo:
    areas: ClassVar[frozenset[DataArea]] = changes.VILLAGES  # a write that returns a point

    id: int
    village_id: int
    village_name: str
    name: str
    code: str
    address: str
    phone: str
    active: bool
    agents: tuple[VillageAgentInfo, ...] = ()

    @property
    def active_agents(self) -> tuple[VillageAgentInfo, ...]:
        return tuple(agent for agent in self.agents if agent.active)


@dataclass(frozen=True)
class PreRegistrationInput:
    """What the agent registers for a resident. A village agent's own point and agent row are
    found from their login (``point_id`` and ``agent_id`` may then be left None); a clerk
    registering on an agent's behalf names both."""

    item_id: int
    applicant: ApplicantInput
    received: tuple[int, ...] = ()  # the ids of the item's materials the agent took
    point_id: int | None = None
    agent_id: int | None = None
    note: str = ""


@dataclass(frozen=True)
class PreRegisteredMaterial:
    name: str
    form: MaterialForm
    copies: int
    received: bool

    @property
    def paper_line(self) -> str:
        """The material as a 交接单 lists it (untranslated: official paper)."""
        return f"{self.name}（{self.form.label}×{self.copies}）"


@dataclass(frozen=True)
class PreRegistrationInfo:
    """A pre-registration with the township's answers as far as they have come back."""

    areas: ClassVar[frozenset[DataArea]] = changes.VILLAGES

    id: int
    reference: str
    point_id: int
    point_name: str
    point_code: str
    point_phone: str
    agent_name: str
    status: PreRegistrationStatus
    item_code: str
    item_name: str
    applicant_kind: ApplicantKind
    applicant_id_type: IdType
    applicant_id_number: str
    applicant_name: str
    applicant_phone: str
    applicant_address: str
    materials: tuple[PreRegisteredMaterial, ...]
    note: str
    registered_at: dt.datetime
    registered_by: str
    updated_at: dt.datetime
    answered_at: dt.datetime | None = None
    answer: str = ""
    case_number: str | None = None
    due_date: dt.date | None = None
    decision: Decision | None = None
    result_text: str | None = None
    result_at_point_at: dt.datetime | None = None
    picked_up_at: dt.datetime | None = None
    picked_up_by: str | None = None
    transfer_list: str = ""  # the number of the 交接单 it left on

    @property
    def received_papers(self) -> tuple[str, ...]:
        return tuple(m.paper_line for m in self.materials if m.received)

    @property
    def awaiting_pickup(self) -> bool:
        """The result is at the point and the resident has not collected it (待领取)."""
        return self.result_at_point_at is not None and self.picked_up_at is None


@dataclass(frozen=True)
class TransferEntryInfo:
    seq: int
    reference: str
    applicant_name: str
    applicant_id_type: IdType | None  # None on a line of a case's result (返还清单)
    applicant_id_number: str
    item_name: str
    papers: tuple[str, ...]
    outcome: str


@dataclass(frozen=True)
class TransferListInfo:
    """One trip of a village agent (交接单 to the township, 返还清单 back)."""

    areas: ClassVar[frozenset[DataArea]] = changes.VILLAGES

    id: int
    number: str
    direction: TransferDirection
    point_id: int
    point_name: str
    point_code: str
    point_phone: str
    carrier: str
    created_at: dt.datetime
    created_by: str
    entries: tuple[TransferEntryInfo, ...]
    received_at: dt.datetime | None = None
    received_by: str | None = None

    @property
    def paper_count(self) -> int:
        return sum(len(entry.papers) for entry in self.entries)
