"""What the window sees of a village agent's trip to the township (交接单) and what the intake is
pre-filled with when it accepts a pre-registration; the rule that a 代办 intake brings the
授权委托书."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import ClassVar

from townclerk.enums import Channel, PreRegistrationStatus
from townclerk.records import changes
from townclerk.records.cases import AgentInput, ApplicantInput
from townclerk.records.changes import DataArea

# An applicant's power of attorney: the catalogs name it 授权委托书, 委托书, 委托书（代办时提供）.
_POWER_OF_ATTORNEY = "委托书"


def is_power_of_attorney(material_name: str) -> bool:
    """Whether a catalog material is the 授权委托书 an agent filing for an applicant brings."""
    return _POWER_OF_ATTORNEY in material_name


# Statuses of a pre-registration the window has not answered yet.
UNANSWERED = frozenset({PreRegistrationStatus.PENDING, PreRegistrationStatus.SENT})


@dataclass(frozen=True)
class ArrivalEntry:
    """One line of an arrived 交接单: a pre-registration and what became of it."""

    seq: int
    reference: str
    status: PreRegistrationStatus
    applicant_name: str
    applicant_id_number: str  # masked (first 6 and last 4)
    item_code: str
    item_name: str
    papers: tuple[str, ...]
    case_number: str | None
    answer: str

    @property
    def open(self) -> bool:
        return self.status in UNANSWERED


@dataclass(frozen=True)
class ArrivedList:
    """A 交接单 the township is to tick in, with its entries in their order."""

    areas: ClassVar[frozenset[DataArea]] = changes.VILLAGES

    id: int
    number: str
    point_code: str
    point_name: str
    carrier: str
    created_at: dt.datetime
    received_at: dt.datetime | None
    received_by: str | None
    entries: tuple[ArrivalEntry, ...]

    @property
    def open_entries(self) -> tuple[ArrivalEntry, ...]:
        return tuple(entry for entry in self.entries if entry.open)


@dataclass(frozen=True)
class PreRegistrationDraft:
    """What the intake is pre-filled with for a pre-registration the window ticks in: the item
    (by its code among the active items), the applicant, the village agent, the papers the
    village point ticked as received and the names of those it did not."""

    reference: str
    point_id: int
    point_name: str
    item_id: int
    item_name: str
    applicant: ApplicantInput
    agent: AgentInput | None
    received_material_ids: tuple[int, ...]
    missing: tuple[str, ...]
    note: str
    channel: Channel = Channel.VILLAGE_AGENT


@dataclass(frozen=True)
class NotReceived:
    """A pre-registration listed on a 交接单 but not in the bag."""

    areas: ClassVar[frozenset[DataArea]] = changes.VILLAGES

    reference: str
    note: str
