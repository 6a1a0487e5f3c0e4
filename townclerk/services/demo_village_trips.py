"""The demo's village trips, today: a 交接单 just arrived at the window with three
pre-registrations to tick in (one complete, one lacking a paper, one not in the bag), and a
返还清单 already gone back to the point with one of its two results picked up. Village points
and their agents are the demo's own when it has none yet."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from townclerk.db.database import Database
from townclerk.db.models import (
    ItemMaterial,
    PreRegistration,
    PreRegistrationCounter,
    ServiceItem,
    TransferList,
    TransferListEntry,
    User,
    Village,
    VillageAgent,
    VillagePoint,
)
from townclerk.enums import (
    ApplicantKind,
    Decision,
    IdType,
    MaterialState,
    PreRegistrationStatus,
    Role,
    TransferDirection,
)
from townclerk.records.cases import Intake, MaterialInput
from townclerk.records.village_arrivals import is_power_of_attorney
from townclerk.services.access import Actor
from townclerk.validation import id_check_character

# The sample catalog's 低保 item: a village service whose materials name the 委托书.
_ITEM = "11320324014118376A0500117001"
# (village, agent, agent's ID number without its check character, phone), when none exist.
_POINTS = (
    ("王集村", "王秀梅", "32032419780514032", "13952161234"),
    ("李圩村", "李德山", "32032419690923011", "13852162345"),
)
# (name, birth date and sequence of the ID number, phone): the residents of the trips.
_RESIDENTS = (
    ("孙玉兰", "19520317", "042", "13705161201"),
    ("马长生", "19490806", "017", "13705161202"),
    ("赵桂芳", "19581112", "026", "13705161203"),
    ("周德明", "19461225", "031", "13705161204"),
    ("钱秀英", "19550409", "048", "13705161205"),
)


def add_village_trip_examples(db: Database) -> int:
    """The trips, each pre-registration of the sample catalog's 低保 item; returns how many
    pre-registrations were made (0 without that item or a clerk)."""
    from townclerk.services.cases import CaseService
    from townclerk.services.village_arrivals import VillageArrivalService
    from townclerk.services.village_returns import VillageReturnService

    now = db.now()
    with db.sessions.begin() as session:
        item = session.scalar(
            select(ServiceItem).where(ServiceItem.code == _ITEM, ServiceItem.active)
        )
        clerk = session.scalar(
            select(User).where(User.role == Role.CLERK, User.active).order_by(User.id).limit(1)
        )
        if item is None or clerk is None:
            return 0
        points = _points(session)
        if not points:
            return 0
        materials = session.scalars(
            select(ItemMaterial)
            .where(ItemMaterial.item_id == item.id, ItemMaterial.active)
            .order_by(ItemMaterial.seq)
        ).all()
        arriving, returning = points[0], points[-1]
        # The required papers and the 委托书; then the same without the 户口簿; then one lost.
        brought = [m.name for m in materials if m.required or is_power_of_attorney(m.name)]
        lacking = [name for name in brought if name != "户口簿"]
        pre = [
            _pre_register(session, arriving, item, _RESIDENTS[0], brought, now),
            _pre_register(session, arriving, item, _RESIDENTS[1], lacking, now),
            _pre_register(session, arriving, item, _RESIDENTS[2], brought, now),
        ]
        _transfer_list(session, arriving, pre, now)
        back = [
            _pre_register(session, returning, item, _RESIDENTS[3], brought, now),
            _pre_register(session, returning, item, _RESIDENTS[4], brought, now),
        ]
        _transfer_list(session, returning, back, now - dt.timedelta(minutes=30))
        references = [row.reference for row in back]
        returning_id, carrier = returning.id, back[0].agent_name or "代办员"
    actor = Actor(clerk.id, clerk.username, clerk.display_name, clerk.role)
    cases, arrivals = CaseService(db), VillageArrivalService(db)
    numbers = []
    for reference in references:
        draft = arrivals.draft(actor, reference)
        intake = Intake(
            item_id=draft.item_id,
            applicant=draft.applicant,
            materials=tuple(
                MaterialInput(m, MaterialState.RECEIVED) for m in draft.received_material_ids
            ),
            channel=draft.channel,
            agent=draft.agent,
            pre_registration=draft.reference,
        )
        number = cases.accept(actor, intake).number
        cases.complete(actor, number, Decision.GRANTED, "最低生活保障证")
        numbers.append(number)
    returns = VillageReturnService(db)
    returned = returns.make_return_list(actor, returning_id, numbers, carrier)
    returns.record_pickup(actor, numbers[0], _RESIDENTS[3][0])
    returns.print_return_list(actor, returned.number)
    return len(pre) + len(back)


def _points(session: Session) -> list[VillagePoint]:
    """The active points with an active agent, by code; the demo's two when none exist."""
    found = list(
        session.scalars(
            select(VillagePoint)
            .where(
                VillagePoint.active,
                VillagePoint.id.in_(select(VillageAgent.point_id).where(VillageAgent.active)),
            )
            .order_by(VillagePoint.code)
        )
    )
    if found or session.scalar(select(VillagePoint.id).limit(1)) is not None:
        return found
    made = []
    for village_name, agent, agent_id, phone in _POINTS:
        village = session.scalar(select(Village).where(Village.name == village_name))
        if village is None:
            continue
        point = VillagePoint(
            village_id=village.id,
            name=f"{village_name}便民服务点",
            code=village.code or village_name,
            address=f"睢宁县示范镇{village_name}村民委员会",
        )
        session.add(point)
        session.flush()
        session.add(
            VillageAgent(
                point_id=point.id,
                name=agent,
                phone=phone,
                id_number=agent_id + id_check_character(agent_id),
                trained_on=dt.date(2026, 3, 12),
            )
        )
        made.append(point)
    session.flush()
    return made


def _pre_register(
    session: Session,
    point: VillagePoint,
    item: ServiceItem,
    resident: tuple[str, str, str, str],
    brought: list[str],
    now: dt.datetime,
) -> PreRegistration:
    name, birth_sequence, sequence, phone = resident
    first17 = f"320324{birth_sequence}{sequence}"
    counter = session.get(PreRegistrationCounter, (point.id, now.date()))
    if counter is None:
        counter = PreRegistrationCounter(point_id=point.id, day=now.date(), last=0)
        session.add(counter)
    counter.last += 1
    agent = session.scalar(
        select(VillageAgent.name).where(VillageAgent.point_id == point.id).limit(1)
    )
    materials = session.scalars(
        select(ItemMaterial)
        .where(ItemMaterial.item_id == item.id, ItemMaterial.active)
        .order_by(ItemMaterial.seq)
    ).all()
    row = PreRegistration(
        reference=f"{point.code}-{now:%Y%m%d}-{counter.last:03d}",
        point_id=point.id,
        agent_name=agent or "",
        status=PreRegistrationStatus.SENT,
        item_code=item.code,
        item_name=item.name,
        applicant_kind=ApplicantKind.PERSON,
        applicant_id_type=IdType.RESIDENT_ID,
        applicant_id_number=first17 + id_check_character(first17),
        applicant_name=name,
        applicant_phone=phone,
        applicant_address=f"睢宁县示范镇{point.name.removesuffix('便民服务点')}",
        materials=[
            {
                "name": m.name,
                "form": m.form.value,
                "copies": m.copies,
                "received": m.name in brought,
            }
            for m in materials
        ],
        registered_at=now - dt.timedelta(hours=2),
        registered_by=agent or "",
        updated_at=now - dt.timedelta(hours=1),
    )
    session.add(row)
    session.flush()
    return row


def _transfer_list(
    session: Session, point: VillagePoint, rows: list[PreRegistration], at: dt.datetime
) -> None:
    prefix = f"{point.code}-JJ-{at:%Y%m%d}-"
    taken = session.scalars(
        select(TransferList.number).where(TransferList.number.startswith(prefix))
    ).all()
    trip = TransferList(
        number=f"{prefix}{len(taken) + 1:02d}",
        direction=TransferDirection.TO_TOWNSHIP,
        point_id=point.id,
        carrier=rows[0].agent_name,
        created_at=at - dt.timedelta(hours=1),
        created_by=rows[0].agent_name,
    )
    session.add(trip)
    session.flush()
    for seq, row in enumerate(rows, start=1):
        papers = [str(m["name"]) for m in row.materials if m.get("received")]
        session.add(
            TransferListEntry(
                list_id=trip.id, seq=seq, pre_registration_id=row.id, papers="\n".join(papers)
            )
        )
