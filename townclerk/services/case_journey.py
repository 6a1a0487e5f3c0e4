"""Reading where a case is and where it has been (the hand-overs), for the case's detail and
the hand-over services."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from townclerk.db.models import (
    Case,
    CaseHandover,
    CaseMaterial,
    Desk,
    ItemMaterial,
    TransferList,
    User,
    VillagePoint,
)
from townclerk.enums import MaterialState
from townclerk.records.journey import CaseJourney, HandoverInfo


def journey_of(session: Session, case: Case, *, registering: bool = False) -> CaseJourney:
    """``registering``: the case was registered in this transaction, so it has no hand-overs."""
    desk_name = ""
    if case.desk_id is not None:
        desk_name = session.scalar(select(Desk.name).where(Desk.id == case.desk_id)) or ""
    point = ""
    if case.village_point_id is not None:
        point = (
            session.scalar(
                select(VillagePoint.name).where(VillagePoint.id == case.village_point_id)
            )
            or ""
        )
    return CaseJourney(
        routing=case.routing,
        holder=case.holder,
        desk_id=case.desk_id,
        desk_name=desk_name,
        holder_since=case.holder_since,
        handovers=() if registering else handovers_of(session, case.id),
        review_due_date=case.review_due_date,
        review_opinion=case.review_opinion,
        county_body=case.county_body,
        sent_to_county_on=case.sent_to_county_on,
        county_decided_on=case.county_decided_on,
        result_number=case.result_number,
        result_valid_until=case.result_valid_until,
        delivered_to=case.delivered_to,
        village_point=point,
    )


def received_papers(session: Session, case: Case) -> tuple[str, ...]:
    """The names of the materials received with the case, in the item's order."""
    return tuple(
        session.scalars(
            select(ItemMaterial.name)
            .join(CaseMaterial, CaseMaterial.material_id == ItemMaterial.id)
            .where(CaseMaterial.case_id == case.id, CaseMaterial.state == MaterialState.RECEIVED)
            .order_by(ItemMaterial.seq)
        )
    )


def handovers_of(session: Session, case_id: int) -> tuple[HandoverInfo, ...]:
    """A case's hand-overs, oldest first."""
    from_desk, to_desk = aliased(Desk), aliased(Desk)
    rows = session.execute(
        select(CaseHandover, from_desk.name, to_desk.name, User.display_name, TransferList.number)
        .join(User, User.id == CaseHandover.given_by)
        .outerjoin(from_desk, from_desk.id == CaseHandover.from_desk_id)
        .outerjoin(to_desk, to_desk.id == CaseHandover.to_desk_id)
        .outerjoin(TransferList, TransferList.id == CaseHandover.transfer_list_id)
        .where(CaseHandover.case_id == case_id)
        .order_by(CaseHandover.id)
    )
    return tuple(
        HandoverInfo(
            at=row.at,
            from_holder=row.from_holder,
            from_desk=from_name or "",
            to_holder=row.to_holder,
            to_desk=to_name or "",
            given_by=given_by,
            taken_by=row.taken_by,
            papers=tuple(line for line in row.papers.splitlines() if line),
            note=row.note,
            transfer_list=list_number or "",
        )
        for row, from_name, to_name, given_by, list_number in rows
    )
