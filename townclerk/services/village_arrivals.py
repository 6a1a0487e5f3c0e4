"""The window ticks in what a village agent brought (村代办件到达): the 交接单 that arrived, the
intake pre-filled from each pre-registration (受理 and 一次性告知 go through ``CaseService``,
which links the case to it), and the pre-registrations listed but not in the bag (未收到)."""

from __future__ import annotations

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from townclerk.db.database import Database
from townclerk.db.models import (
    ItemMaterial,
    PreRegistration,
    ServiceItem,
    TransferList,
    TransferListEntry,
    VillageAgent,
    VillagePoint,
)
from townclerk.enums import IdType, PreRegistrationStatus, TransferDirection
from townclerk.errors import NotFound, UserError
from townclerk.i18n import N_, t
from townclerk.records.cases import AgentInput, ApplicantInput
from townclerk.records.village_arrivals import (
    UNANSWERED,
    ArrivalEntry,
    ArrivedList,
    NotReceived,
    PreRegistrationDraft,
)
from townclerk.services.access import Actor, Permission, acting, require, viewing
from townclerk.services.cases import _text
from townclerk.services.village_intake import set_outcome, unanswered_pre_registration
from townclerk.validation import mask_id_number

# Lists still to tick in, shown at most: a trip's list is ticked in the day it arrives.
_MOST_LISTS = 200


class VillageArrivalService:
    def __init__(self, db: Database) -> None:
        self._db = db

    def incoming(self, actor: Actor) -> tuple[ArrivedList, ...]:
        """The 交接单 to the township with a pre-registration not ticked in yet, oldest first."""
        require(actor, Permission.HANDLE_CASES)
        with viewing(self._db, actor) as session:
            waiting = exists().where(
                TransferListEntry.list_id == TransferList.id,
                PreRegistration.id == TransferListEntry.pre_registration_id,
                PreRegistration.status.in_(UNANSWERED),
            )
            trips = session.scalars(
                select(TransferList)
                .where(TransferList.direction == TransferDirection.TO_TOWNSHIP, waiting)
                .order_by(TransferList.created_at, TransferList.id)
                .limit(_MOST_LISTS)
            ).all()
            return tuple(_arrived(session, trip) for trip in trips)

    def mark_received(self, actor: Actor, list_id: int) -> ArrivedList:
        """The 交接单 arrived at the window: when and who took it."""
        require(actor, Permission.HANDLE_CASES)
        now = self._db.now()
        with acting(self._db, actor) as session:
            trip = _incoming_list(session, list_id, lock=True)
            if trip.received_at is not None:
                at = f"{trip.received_at:%Y-%m-%d %H:%M}"
                raise UserError(
                    t(
                        "交接单 {number} 已于 {at} 由{name}签收",
                        number=trip.number,
                        at=at,
                        name=trip.received_by or "",
                    )
                )
            trip.received_at = now
            trip.received_by = actor.display_name
            return _arrived(session, trip)

    def draft(self, actor: Actor, reference: str) -> PreRegistrationDraft:
        """The intake pre-filled from pre-registration ``reference``: its item looked up by
        code among the active items, the applicant, the agent as the point lists them, and
        the papers the point ticked (by name)."""
        require(actor, Permission.HANDLE_CASES)
        with viewing(self._db, actor) as session:
            pre = unanswered_pre_registration(session, reference.strip())
            item = session.scalar(
                select(ServiceItem).where(
                    ServiceItem.code == pre.item_code, ServiceItem.active.is_(True)
                )
            )
            if item is None:
                raise UserError(
                    t(
                        "预登记 {reference} 的事项“{item}”（{code}）不在现行事项目录中，"
                        "不能按该事项办理；请告知村便民服务点按现行目录重新预登记",
                        reference=pre.reference,
                        item=pre.item_name,
                        code=pre.item_code,
                    )
                )
            materials = session.scalars(
                select(ItemMaterial)
                .where(ItemMaterial.item_id == item.id, ItemMaterial.active)
                .order_by(ItemMaterial.seq)
            ).all()
            ticked = {
                str(entry.get("name", "")) for entry in pre.materials if entry.get("received")
            }
            point = session.get(VillagePoint, pre.point_id)
            assert point is not None
            return PreRegistrationDraft(
                reference=pre.reference,
                point_id=point.id,
                point_name=point.name,
                item_id=item.id,
                item_name=item.name,
                applicant=ApplicantInput(
                    kind=pre.applicant_kind,
                    id_type=pre.applicant_id_type,
                    id_number=pre.applicant_id_number,
                    name=pre.applicant_name,
                    phone=pre.applicant_phone,
                    address=pre.applicant_address,
                    village_id=point.village_id,
                ),
                agent=_agent(session, pre),
                received_material_ids=tuple(m.id for m in materials if m.name in ticked),
                missing=tuple(m.name for m in materials if m.name not in ticked),
                note=pre.note,
            )

    def not_received(self, actor: Actor, reference: str, note: str) -> NotReceived:
        """未收到: listed on the 交接单 but not in the bag; nothing is registered, the village
        point is told why (``note``, required)."""
        require(actor, Permission.HANDLE_CASES)
        now = self._db.now()
        with acting(self._db, actor) as session:
            pre = unanswered_pre_registration(session, reference.strip())
            text = _text(note, N_("未收到的说明"), required=True) or ""
            pre.status = PreRegistrationStatus.NOT_RECEIVED
            pre.answer = text
            pre.answered_at = now
            pre.updated_at = now
            set_outcome(session, pre, now, actor.display_name)
            return NotReceived(pre.reference, text)


def _incoming_list(session: Session, list_id: int, *, lock: bool = False) -> TransferList:
    statement = select(TransferList).where(
        TransferList.id == list_id, TransferList.direction == TransferDirection.TO_TOWNSHIP
    )
    trip = session.scalar(statement.with_for_update() if lock else statement)
    if trip is None:
        raise NotFound(t("交接单不存在"))
    return trip


def _arrived(session: Session, trip: TransferList) -> ArrivedList:
    point = session.get(VillagePoint, trip.point_id)
    assert point is not None
    rows = session.execute(
        select(TransferListEntry, PreRegistration)
        .join(PreRegistration, PreRegistration.id == TransferListEntry.pre_registration_id)
        .where(TransferListEntry.list_id == trip.id)
        .order_by(TransferListEntry.seq)
    )
    entries = tuple(
        ArrivalEntry(
            seq=entry.seq,
            reference=pre.reference,
            status=pre.status,
            applicant_name=pre.applicant_name,
            applicant_id_number=(
                pre.applicant_id_number
                if pre.applicant_id_type is IdType.USCC
                else mask_id_number(pre.applicant_id_number)
            ),
            item_code=pre.item_code,
            item_name=pre.item_name,
            papers=tuple(line for line in entry.papers.splitlines() if line.strip()),
            case_number=pre.case_number,
            answer=pre.answer,
        )
        for entry, pre in rows
    )
    return ArrivedList(
        id=trip.id,
        number=trip.number,
        point_code=point.code,
        point_name=point.name,
        carrier=trip.carrier,
        created_at=trip.created_at,
        received_at=trip.received_at,
        received_by=trip.received_by,
        entries=entries,
    )


def _agent(session: Session, pre: PreRegistration) -> AgentInput | None:
    """The agent who registered it, with the ID and phone their point keeps for them."""
    if not pre.agent_name:
        return None
    agent = session.scalar(
        select(VillageAgent)
        .where(VillageAgent.point_id == pre.point_id, VillageAgent.name == pre.agent_name)
        .order_by(VillageAgent.active.desc(), VillageAgent.id)
        .limit(1)
    )
    if agent is None:
        return AgentInput(pre.agent_name, "", "")
    return AgentInput(agent.name, agent.id_number, agent.phone)
