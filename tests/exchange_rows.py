"""Village points, pre-registrations and trips written straight through the ORM, and a township
and a village laptop that know each other's keys: what the exchange tests move between two
databases (the village and township screens that write these rows have their own tests)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select

from tests.factories import resident_id
from tests.people import CENTER_CODE, first_admin
from townclerk.db.base import Base
from townclerk.db.database import Database
from townclerk.db.models import (
    ExchangePeer,
    PreRegistration,
    TransferList,
    TransferListEntry,
    Village,
    VillagePoint,
)
from townclerk.enums import (
    ApplicantKind,
    IdType,
    PreRegistrationStatus,
    StationMode,
    TransferDirection,
)
from townclerk.records.center import CenterSettings
from townclerk.services.access import Actor
from townclerk.services.exchange_keys import ExchangeKeyService

POINT_CODE = "320324101201"
CENTER_NAME = "睢宁县示范镇为民服务中心"
REGISTERED = dt.datetime(2026, 9, 28, 10, 0)


def add_point(db: Database, code: str = POINT_CODE, village: str = "王庄村") -> int:
    """A village and its service point; the point's id."""
    with db.sessions.begin() as session:
        row = Village(name=village, code=None, active=True, sort_order=0)
        session.add(row)
        session.flush()
        point = VillagePoint(village_id=row.id, name=f"{village}便民服务点", code=code)
        session.add(point)
        session.flush()
        return point.id


def reference(seq: int, code: str = POINT_CODE, day: dt.date | None = None) -> str:
    return f"{code}-{day or REGISTERED.date():%Y%m%d}-{seq:03d}"


def add_pre_registrations(
    db: Database,
    point_id: int,
    seqs: Sequence[int],
    *,
    status: PreRegistrationStatus = PreRegistrationStatus.SENT,
    code: str = POINT_CODE,
    at: dt.datetime = REGISTERED,
) -> list[str]:
    """Pre-registrations as a village point writes them; their references."""
    references = [reference(seq, code, at.date()) for seq in seqs]
    with db.sessions.begin() as session:
        for seq, ref in zip(seqs, references, strict=True):
            session.add(
                PreRegistration(
                    reference=ref,
                    point_id=point_id,
                    agent_name="王代办",
                    status=status,
                    item_code="320324-MZ-001",
                    item_name="城乡居民最低生活保障申请",
                    applicant_kind=ApplicantKind.PERSON,
                    applicant_id_type=IdType.RESIDENT_ID,
                    applicant_id_number=resident_id(sequence=f"{seq % 1000:03d}"),
                    applicant_name=f"张伟{seq}",
                    applicant_phone="13905161234",
                    applicant_address="王庄村三组",
                    materials=[
                        {"name": "居民身份证", "form": "copy", "copies": 1, "received": True},
                        {"name": "授权委托书", "form": "original", "copies": 1, "received": True},
                    ],
                    note="",
                    registered_at=at,
                    registered_by="wangdb",
                    updated_at=at,
                )
            )
    return references


def add_transfer_list(
    db: Database,
    point_id: int,
    number: str,
    direction: TransferDirection,
    references: Sequence[str],
    *,
    at: dt.datetime = REGISTERED,
) -> int:
    """A trip carrying ``references`` (a 交接单, or a 返还清单 of their cases' results)."""
    with db.sessions.begin() as session:
        row = TransferList(
            number=number,
            direction=direction,
            point_id=point_id,
            carrier="王代办",
            created_at=at,
            created_by="wangdb",
        )
        session.add(row)
        session.flush()
        ids = dict(
            session.execute(
                select(PreRegistration.reference, PreRegistration.id).where(
                    PreRegistration.reference.in_(references)
                )
            ).all()
        )
        for seq, ref in enumerate(references, start=1):
            session.add(
                TransferListEntry(
                    list_id=row.id,
                    seq=seq,
                    pre_registration_id=ids[ref],
                    papers="居民身份证复印件\n授权委托书",
                )
            )
        return row.id


def answer(
    db: Database,
    ref: str,
    status: PreRegistrationStatus,
    *,
    at: dt.datetime,
    case_number: str | None = None,
    text: str = "",
) -> None:
    """The township's window answers a pre-registration (the tick-in's part of the row)."""
    with db.sessions.begin() as session:
        row = session.scalars(select(PreRegistration).where(PreRegistration.reference == ref)).one()
        row.status, row.answered_at, row.answer = status, at, text
        row.case_number = case_number
        if case_number:
            row.due_date = at.date() + dt.timedelta(days=14)


def pre_registration(db: Database, ref: str) -> PreRegistration:
    """The row of ``ref``, detached (read its fields after the session closed)."""
    with db.reads() as session:
        row = session.scalars(select(PreRegistration).where(PreRegistration.reference == ref)).one()
        session.expunge(row)
        return row


def footprint(db: Database) -> tuple[dict[str, int], list[tuple[object, ...]], list[str]]:
    """Every table's row count, every peer's sequence numbers and every pre-registration's
    status and answer: what a refusal must leave as it was."""
    with db.reads() as session:
        counts = {
            table.name: session.scalar(select(func.count()).select_from(table)) or 0
            for table in Base.metadata.sorted_tables
        }
        peers = [
            (peer.point_code, peer.last_seq_in, peer.last_sha256_in, peer.last_seq_out)
            for peer in session.scalars(select(ExchangePeer).order_by(ExchangePeer.id))
        ]
        rows = [
            f"{ref} {status} {text}"
            for ref, status, text in session.execute(
                select(
                    PreRegistration.reference, PreRegistration.status, PreRegistration.answer
                ).order_by(PreRegistration.reference)
            )
        ]
    return counts, peers, rows


@dataclass(frozen=True)
class Pair:
    """A township and one village laptop that trust each other's keys."""

    township: Database
    village: Database
    township_admin: Actor
    village_admin: Actor
    township_point: int
    village_point: int


def township_center() -> CenterSettings:
    return CenterSettings(center_name=CENTER_NAME, center_code=CENTER_CODE)


def village_center(code: str = POINT_CODE) -> CenterSettings:
    return CenterSettings(
        center_name=CENTER_NAME,
        center_code=CENTER_CODE,
        station_mode=StationMode.VILLAGE_POINT,
        village_point_code=code,
    )


def link(township: Database, village: Database, folder: Path) -> Pair:
    """Set both up (admins, the point on both sides, keys) and swap public key files."""
    township_admin = first_admin(township, township_center())
    village_admin = first_admin(village, village_center())
    township_point, village_point = add_point(township), add_point(village)
    township_keys, village_keys = ExchangeKeyService(township), ExchangeKeyService(village)
    township_keys.create_identity(township_admin)
    village_keys.create_identity(village_admin)
    township_keys.export_public_key(township_admin, folder / "township.key.json")
    village_keys.export_public_key(village_admin, folder / "village.key.json")
    township_keys.add_peer(township_admin, folder / "village.key.json", "王庄村便民服务点")
    village_keys.add_peer(village_admin, folder / "township.key.json", "示范镇为民服务中心")
    return Pair(township, village, township_admin, village_admin, township_point, village_point)
