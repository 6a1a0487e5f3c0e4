"""What an exchange file (交换文件) carries between a village point's laptop and the township,
and what the keys, the peers and an import or export look like to the CLI and the screens."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from townclerk.enums import (
    ApplicantKind,
    Decision,
    IdType,
    PreRegistrationStatus,
    TransferDirection,
)
from townclerk.i18n import t
from townclerk.records import changes
from townclerk.records.changes import DataArea

# A material line of a pre-registration as stored (name, form, copies, received): carried as
# the JSON object it is, so the two sides keep whatever the village page writes there.
MaterialLine = dict[str, str | int | float | bool | None]


@dataclass(frozen=True)
class Station:
    """Who a database is in the exchange: the township (point code "") or one village point."""

    center_code: str
    point_code: str = ""

    @property
    def is_township(self) -> bool:
        return not self.point_code

    def describe(self) -> str:
        if self.is_township:
            return t("镇中心 {center}", center=self.center_code)
        return t(
            "村便民服务点 {point}（中心 {center}）", point=self.point_code, center=self.center_code
        )


@dataclass(frozen=True)
class ExchangeManifest:
    """manifest.json: who sent the file to whom, its number in the sender's series for that
    recipient, and how many records it holds."""

    version: int
    sender: Station
    sender_name: str
    sender_fingerprint: str
    recipient: Station
    sequence: int
    created_at: dt.datetime
    pre_registration_count: int
    transfer_list_count: int


@dataclass(frozen=True)
class PreRegistrationData:
    """A pre-registration as both sides know it (the township's case id never travels)."""

    reference: str
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
    materials: tuple[MaterialLine, ...]
    note: str
    registered_at: dt.datetime
    registered_by: str
    updated_at: dt.datetime
    answered_at: dt.datetime | None
    answer: str
    case_number: str | None
    due_date: dt.date | None
    decision: Decision | None
    result_text: str | None
    result_at_point_at: dt.datetime | None
    picked_up_at: dt.datetime | None
    picked_up_by: str | None


@dataclass(frozen=True)
class TransferEntryData:
    """A line of a trip: the pre-registration it carries (by reference) or the case whose
    result goes back (by number), its papers and what became of it."""

    seq: int
    reference: str | None
    case_number: str | None
    papers: str
    outcome: str


@dataclass(frozen=True)
class TransferListData:
    number: str
    direction: TransferDirection
    carrier: str
    created_at: dt.datetime
    created_by: str
    received_at: dt.datetime | None
    received_by: str | None
    entries: tuple[TransferEntryData, ...]


@dataclass(frozen=True)
class ExchangeRecords:
    """records.json."""

    pre_registrations: tuple[PreRegistrationData, ...] = ()
    transfer_lists: tuple[TransferListData, ...] = ()


@dataclass(frozen=True)
class PublicKeyCard:
    """The public key file an admin hands to the other side (on a USB stick, by mail): whose
    key it is and its fingerprint, to be read aloud on the phone and compared."""

    areas: ClassVar[frozenset[DataArea]] = frozenset()  # writing it changes no screen

    center_code: str
    point_code: str
    name: str
    public_key: bytes
    fingerprint: str

    @property
    def station(self) -> Station:
        return Station(self.center_code, self.point_code)


@dataclass(frozen=True)
class IdentityInfo:
    """This database's own key, as the admin sees it."""

    areas: ClassVar[frozenset[DataArea]] = changes.SETTINGS

    fingerprint: str
    created_at: dt.datetime
    station: Station


@dataclass(frozen=True)
class PeerInfo:
    """A known other side of exchange files."""

    areas: ClassVar[frozenset[DataArea]] = changes.SETTINGS

    id: int
    name: str
    station: Station
    fingerprint: str
    added_at: dt.datetime
    added_by: str
    last_seq_in: int
    last_seq_out: int


@dataclass(frozen=True)
class RowCounts:
    new: int = 0
    updated: int = 0
    unchanged: int = 0


@dataclass(frozen=True)
class ExportSummary:
    """An exchange file written for a peer."""

    areas: ClassVar[frozenset[DataArea]] = changes.SETTINGS  # the peer's last number sent

    path: Path
    peer_name: str
    sequence: int
    pre_registrations: int
    transfer_lists: int

    def text(self) -> str:
        return t(
            "已为“{peer}”导出第{seq}号交换文件：预登记{pre}条，交接单和返还清单{lists}张。"
            "文件：{path}",
            peer=self.peer_name,
            seq=self.sequence,
            pre=self.pre_registrations,
            lists=self.transfer_lists,
            path=self.path,
        )


@dataclass(frozen=True)
class ImportSummary:
    """An exchange file read in: what it changed, or that it had been imported before."""

    areas: ClassVar[frozenset[DataArea]] = frozenset({DataArea.VILLAGES, DataArea.SETTINGS})

    peer_name: str
    sequence: int
    pre_registrations: RowCounts
    transfer_lists: RowCounts
    already_imported: bool = False

    def text(self) -> str:
        if self.already_imported:
            return t("此交换文件已导入过，未作任何更改")
        pre, lists = self.pre_registrations, self.transfer_lists
        return t(
            "已导入“{peer}”的第{seq}号交换文件：预登记新增{pre_new}条、更新{pre_updated}条、"
            "未变{pre_same}条；交接单和返还清单新增{lists_new}张、更新{lists_updated}张、"
            "未变{lists_same}张。",
            peer=self.peer_name,
            seq=self.sequence,
            pre_new=pre.new,
            pre_updated=pre.updated,
            pre_same=pre.unchanged,
            lists_new=lists.new,
            lists_updated=lists.updated,
            lists_same=lists.unchanged,
        )
