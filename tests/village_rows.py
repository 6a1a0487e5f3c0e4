"""Village rows written straight through the ORM: a village point with its agent, the
pre-registrations it took in and the 交接单 that carried them to the township. The township's
tests of arrival and return need them without going through the village side's services."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select

from tests.factories import ID_LI, ItemRef
from townclerk.db.database import Database
from townclerk.db.models import (
    ItemMaterial,
    PreRegistration,
    ServiceItem,
    TransferList,
    TransferListEntry,
    Village,
    VillageAgent,
    VillagePoint,
)
from townclerk.enums import (
    ApplicantKind,
    IdType,
    PreRegistrationStatus,
    TransferDirection,
)

AGENT_NAME = "李芳"
AGENT_ID = ID_LI
AGENT_PHONE = "13987654321"


@dataclass(frozen=True)
class PointRef:
    id: int
    code: str
    name: str
    village_id: int


def make_point(
    db: Database,
    *,
    village: str = "王庄村",
    code: str = "WZ",
    agent: str = AGENT_NAME,
    agent_user_id: int | None = None,
) -> PointRef:
    """A village, its service point and its agent."""
    with db.sessions.begin() as session:
        row = session.scalar(select(Village).where(Village.name == village))
        if row is None:
            row = Village(name=village, code=None, active=True, sort_order=0)
            session.add(row)
            session.flush()
        point = VillagePoint(village_id=row.id, name=f"{village}便民服务点", code=code)
        session.add(point)
        session.flush()
        session.add(
            VillageAgent(
                point_id=point.id,
                name=agent,
                phone=AGENT_PHONE,
                id_number=AGENT_ID,
                trained_on=dt.date(2026, 3, 1),
                user_id=agent_user_id,
            )
        )
        return PointRef(point.id, code, point.name, row.id)


def pre_register(
    db: Database,
    point: PointRef,
    item: ItemRef,
    *,
    seq: int,
    id_number: str,
    name: str = "张伟",
    phone: str = "13812345678",
    received: Sequence[int] | None = None,
    status: PreRegistrationStatus = PreRegistrationStatus.SENT,
    agent: str = AGENT_NAME,
) -> str:
    """A pre-registration of ``item`` by the point's agent, the papers ``received`` (material
    ids; all by default) ticked by name; returns its reference."""
    now = db.now()
    with db.sessions.begin() as session:
        row = session.get(ServiceItem, item.id)
        assert row is not None
        materials = session.scalars(
            select(ItemMaterial).where(ItemMaterial.item_id == item.id).order_by(ItemMaterial.seq)
        ).all()
        ticked = set(item.material_ids if received is None else received)
        reference = f"{point.code}-{now:%Y%m%d}-{seq:03d}"
        session.add(
            PreRegistration(
                reference=reference,
                point_id=point.id,
                agent_name=agent,
                status=status,
                item_code=row.code,
                item_name=row.name,
                applicant_kind=ApplicantKind.PERSON,
                applicant_id_type=IdType.RESIDENT_ID,
                applicant_id_number=id_number,
                applicant_name=name,
                applicant_phone=phone,
                applicant_address="睢宁县示范镇王庄村三组12号",
                materials=[
                    {
                        "name": m.name,
                        "form": m.form.value,
                        "copies": m.copies,
                        "received": m.id in ticked,
                    }
                    for m in materials
                ],
                note="",
                registered_at=now,
                registered_by=agent,
                updated_at=now,
            )
        )
        return reference


def transfer_list(
    db: Database, point: PointRef, references: Sequence[str], *, number: str = ""
) -> int:
    """A 交接单 to the township carrying ``references``; returns its id."""
    now = db.now()
    with db.sessions.begin() as session:
        trip = TransferList(
            number=number or f"{point.code}-JJ-{now:%Y%m%d}-01",
            direction=TransferDirection.TO_TOWNSHIP,
            point_id=point.id,
            carrier=AGENT_NAME,
            created_at=now,
            created_by=AGENT_NAME,
        )
        session.add(trip)
        session.flush()
        for seq, reference in enumerate(references, start=1):
            pre = session.scalar(
                select(PreRegistration).where(PreRegistration.reference == reference)
            )
            assert pre is not None
            session.add(
                TransferListEntry(
                    list_id=trip.id,
                    seq=seq,
                    pre_registration_id=pre.id,
                    papers="\n".join(str(m["name"]) for m in pre.materials if m.get("received")),
                )
            )
        return trip.id
