"""Pre-registrations at a village service point (预登记) and the trips that carry them to the
township (交接单).

A village agent registers the resident, the item and the papers taken; the pre-registration
gets a reference ``<point code>-<YYYYMMDD>-<seq>`` (three digits, so it never reads as a case
number, whose sequence has four) from a counter incremented in the same transaction, gap-free
per point per day. It is provisional: the township's window accepts it (or not) and gives it
a case number; its answers come back onto the same row, so the point sees them. A clerk may
register on an agent's behalf (代办), naming the point and the agent.

The materials are stored as ``[{"name", "form", "copies", "received"}]``, ``form`` being the
:class:`~townclerk.enums.MaterialForm` value, in the item's order.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Sequence

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from townclerk.db.database import Database
from townclerk.db.models import (
    ItemMaterial,
    PreRegistration,
    PreRegistrationCounter,
    ServiceItem,
    TransferList,
    TransferListEntry,
    VillageAgent,
    VillagePoint,
)
from townclerk.db.upsert import upsert_insert
from townclerk.enums import MaterialForm, PreRegistrationStatus, Role, TransferDirection
from townclerk.errors import FieldError, NotFound, PermissionDenied, UserError
from townclerk.i18n import t
from townclerk.records.journey import papers_text
from townclerk.records.villages import (
    PreRegisteredMaterial,
    PreRegistrationInfo,
    PreRegistrationInput,
    TransferEntryInfo,
    TransferListInfo,
)
from townclerk.services.access import Actor, Permission, acting, require, viewing
from townclerk.services.applicants import check_applicant
from townclerk.services.villages import AGENT_NAME_MAX, own_agent_in
from townclerk.validation import ValidationError, check_plain_text

MAX_DAILY_REFERENCES = 999
MAX_DAILY_TRIPS = 99
NOTE_MAX = 500
REASON_MAX = 200
LIST_LIMIT = 500
TRANSFER_MARK = "JJ"  # 交接


def format_reference(point_code: str, day: dt.date, sequence: int) -> str:
    return f"{point_code}-{day:%Y%m%d}-{sequence:03d}"


def transfer_number_prefix(point_code: str, day: dt.date) -> str:
    return f"{point_code}-{TRANSFER_MARK}-{day:%Y%m%d}-"


def allocate_reference(session: Session, point: VillagePoint, day: dt.date) -> str:
    """The point's next reference of ``day``, inside the caller's transaction (an upsert on the
    counter row: a rolled-back registration gives its number back)."""
    statement = (
        upsert_insert(session, PreRegistrationCounter)
        .values(point_id=point.id, day=day, last=1)
        .on_conflict_do_update(
            index_elements=[PreRegistrationCounter.point_id, PreRegistrationCounter.day],
            set_={"last": PreRegistrationCounter.last + 1},
        )
        .returning(PreRegistrationCounter.last)
    )
    sequence = session.execute(statement).scalar_one()
    if sequence > MAX_DAILY_REFERENCES:
        raise UserError(
            t(
                "{point}{day:%Y-%m-%d}的预登记号已用完（每日最多{limit}件）",
                point=point.name,
                day=day,
                limit=MAX_DAILY_REFERENCES,
            )
        )
    return format_reference(point.code, day, sequence)


def _text(value: str, what: str, field: str, limit: int, *, multiline: bool = False) -> str:
    try:
        text = check_plain_text(value, what, multiline=multiline).strip()
    except ValidationError as error:
        raise FieldError(str(error), field) from error
    if len(text) > limit:
        raise FieldError(t("{what}过长（最多{limit}个字符）", what=what, limit=limit), field)
    return text


def _materials(row: PreRegistration) -> tuple[PreRegisteredMaterial, ...]:
    return tuple(
        PreRegisteredMaterial(
            name=str(material["name"]),
            form=MaterialForm(material["form"]),
            copies=int(material["copies"]),
            received=bool(material["received"]),
        )
        for material in row.materials
    )


def _info(row: PreRegistration, point: VillagePoint, transfer_list: str) -> PreRegistrationInfo:
    return PreRegistrationInfo(
        id=row.id,
        reference=row.reference,
        point_id=point.id,
        point_name=point.name,
        point_code=point.code,
        point_phone=point.phone,
        agent_name=row.agent_name,
        status=row.status,
        item_code=row.item_code,
        item_name=row.item_name,
        applicant_kind=row.applicant_kind,
        applicant_id_type=row.applicant_id_type,
        applicant_id_number=row.applicant_id_number,
        applicant_name=row.applicant_name,
        applicant_phone=row.applicant_phone,
        applicant_address=row.applicant_address,
        materials=_materials(row),
        note=row.note,
        registered_at=row.registered_at,
        registered_by=row.registered_by,
        updated_at=row.updated_at,
        answered_at=row.answered_at,
        answer=row.answer,
        case_number=row.case_number,
        due_date=row.due_date,
        decision=row.decision,
        result_text=row.result_text,
        result_at_point_at=row.result_at_point_at,
        picked_up_at=row.picked_up_at,
        picked_up_by=row.picked_up_by,
        transfer_list=transfer_list,
    )


def _infos(
    session: Session, query: Select[PreRegistration, VillagePoint]
) -> tuple[PreRegistrationInfo, ...]:
    rows = session.execute(query).all()
    trips = dict(
        session.execute(
            select(TransferListEntry.pre_registration_id, func.max(TransferList.number))
            .join(TransferList, TransferList.id == TransferListEntry.list_id)
            .where(
                TransferListEntry.pre_registration_id.in_([row.id for row, _point in rows]),
                TransferList.direction == TransferDirection.TO_TOWNSHIP,
            )
            .group_by(TransferListEntry.pre_registration_id)
        ).all()
    )
    return tuple(_info(row, point, trips.get(row.id) or "") for row, point in rows)


def _with_point() -> Select[PreRegistration, VillagePoint]:
    return select(PreRegistration, VillagePoint).join(
        VillagePoint, VillagePoint.id == PreRegistration.point_id
    )


def _own_point_only(session: Session, actor: Actor, point_id: int | None) -> int | None:
    """The point a listing may show: a village agent's own (naming another is refused), or
    the one named (None: all) for the window."""
    if actor.role is not Role.VILLAGE_AGENT:
        return point_id
    own = own_agent_in(session, actor).point_id
    if point_id is not None and point_id != own:
        raise PermissionDenied(t("代办员只能查看本服务点的预登记"))
    return own


def transfer_list_info(session: Session, trip: TransferList) -> TransferListInfo:
    point = session.get(VillagePoint, trip.point_id)
    assert point is not None, "a trip's point is never deleted"
    rows = session.execute(
        select(TransferListEntry, PreRegistration)
        .outerjoin(PreRegistration, PreRegistration.id == TransferListEntry.pre_registration_id)
        .where(TransferListEntry.list_id == trip.id)
        .order_by(TransferListEntry.seq)
    ).all()
    entries = tuple(
        TransferEntryInfo(
            seq=entry.seq,
            reference=pre.reference if pre else "",
            applicant_name=pre.applicant_name if pre else "",
            applicant_id_type=pre.applicant_id_type if pre else None,
            applicant_id_number=pre.applicant_id_number if pre else "",
            item_name=pre.item_name if pre else "",
            papers=tuple(line for line in entry.papers.splitlines() if line),
            outcome=entry.outcome,
        )
        for entry, pre in rows
    )
    return TransferListInfo(
        id=trip.id,
        number=trip.number,
        direction=trip.direction,
        point_id=point.id,
        point_name=point.name,
        point_code=point.code,
        point_phone=point.phone,
        carrier=trip.carrier,
        created_at=trip.created_at,
        created_by=trip.created_by,
        entries=entries,
        received_at=trip.received_at,
        received_by=trip.received_by,
    )


class PreRegistrationService:
    def __init__(self, db: Database) -> None:
        self._db = db

    # --- registering -----------------------------------------------------------------------
    def register(self, actor: Actor, data: PreRegistrationInput) -> PreRegistrationInfo:
        """预登记: the resident, the item and the papers taken, at a village point."""
        require(actor, Permission.PRE_REGISTER)
        now = self._db.now()
        today = now.date()
        with acting(self._db, actor) as session:
            point, agent = self._point_and_agent(session, actor, data)
            item = session.get(ServiceItem, data.item_id)
            if item is None or not item.active:
                raise FieldError(t("该事项不存在或已从目录中撤销，不能预登记"), "item_id")
            materials = session.scalars(
                select(ItemMaterial)
                .where(ItemMaterial.item_id == item.id, ItemMaterial.active)
                .order_by(ItemMaterial.seq)
            ).all()
            known = {material.id for material in materials}
            strange = set(data.received) - known
            if strange:
                raise FieldError(t("所勾选的材料不属于该事项，请重新选择事项"), "received")
            checked = check_applicant(data.applicant, phone_required=True, today=today).data
            note = _text(data.note, t("备注"), "note", NOTE_MAX, multiline=True)
            row = PreRegistration(
                reference=allocate_reference(session, point, today),
                point_id=point.id,
                agent_name=agent.name,
                status=PreRegistrationStatus.PENDING,
                item_code=item.code,
                item_name=item.name,
                applicant_kind=checked.kind,
                applicant_id_type=checked.id_type,
                applicant_id_number=checked.id_number,
                applicant_name=checked.name,
                applicant_phone=checked.phone,
                applicant_address=checked.address,
                materials=[
                    {
                        "name": material.name,
                        "form": material.form.value,
                        "copies": material.copies,
                        "received": material.id in data.received,
                    }
                    for material in materials
                ],
                note=note,
                registered_at=now,
                registered_by=actor.username,
                updated_at=now,
            )
            session.add(row)
            session.flush()
            return _info(row, point, "")

    def _point_and_agent(
        self, session: Session, actor: Actor, data: PreRegistrationInput
    ) -> tuple[VillagePoint, VillageAgent]:
        """A village agent's own point and row; for the window, the point and agent named."""
        if actor.role is Role.VILLAGE_AGENT:
            agent = own_agent_in(session, actor)
            if data.point_id not in (None, agent.point_id) or data.agent_id not in (
                None,
                agent.id,
            ):
                raise PermissionDenied(t("代办员只能以本人名义为本服务点预登记"))
            point = session.get(VillagePoint, agent.point_id)
            assert point is not None
            return point, agent
        if data.point_id is None:
            raise FieldError(t("请选择村便民服务点"), "point_id")
        point = session.get(VillagePoint, data.point_id)
        if point is None or not point.active:
            raise FieldError(t("村便民服务点不存在或已停用"), "point_id")
        if data.agent_id is None:
            raise FieldError(t("请选择代办员"), "agent_id")
        found = session.get(VillageAgent, data.agent_id)
        if found is None or not found.active:
            raise FieldError(t("代办员不存在或已停用"), "agent_id")
        if found.point_id != point.id:
            raise FieldError(
                t("代办员 {name} 不属于“{point}”", name=found.name, point=point.name), "agent_id"
            )
        return point, found

    # --- reading ---------------------------------------------------------------------------
    def list(
        self,
        actor: Actor,
        point_id: int | None = None,
        statuses: Collection[PreRegistrationStatus] = (),
        *,
        awaiting_pickup: bool = False,
        limit: int = LIST_LIMIT,
    ) -> tuple[PreRegistrationInfo, ...]:
        """The newest pre-registrations first, of one point (a village agent: their own) or
        all, in ``statuses`` (empty: any); ``awaiting_pickup``: only results at the point that
        the resident has not collected (待领取)."""
        require(actor, Permission.PRE_REGISTER)
        with viewing(self._db, actor) as session:
            shown_point = _own_point_only(session, actor, point_id)
            query = _with_point().order_by(
                PreRegistration.registered_at.desc(), PreRegistration.id.desc()
            )
            if shown_point is not None:
                query = query.where(PreRegistration.point_id == shown_point)
            if statuses:
                query = query.where(PreRegistration.status.in_(list(statuses)))
            if awaiting_pickup:
                query = query.where(
                    PreRegistration.result_at_point_at.is_not(None),
                    PreRegistration.picked_up_at.is_(None),
                )
            return _infos(session, query.limit(limit))

    def get(self, actor: Actor, reference: str) -> PreRegistrationInfo:
        require(actor, Permission.PRE_REGISTER)
        with viewing(self._db, actor) as session:
            row = self._load(session, actor, reference)
            return _infos(session, _with_point().where(PreRegistration.id == row.id))[0]

    @staticmethod
    def _load(session: Session, actor: Actor, reference: str) -> PreRegistration:
        wanted = "".join(reference.split()).upper()
        row = session.scalar(select(PreRegistration).where(PreRegistration.reference == wanted))
        if row is None:
            raise NotFound(t("预登记 {reference} 不存在", reference=wanted or "—"))
        if (
            actor.role is Role.VILLAGE_AGENT
            and row.point_id != own_agent_in(session, actor).point_id
        ):
            raise NotFound(t("预登记 {reference} 不存在", reference=wanted))
        return row

    # --- changing --------------------------------------------------------------------------
    def cancel(self, actor: Actor, reference: str, reason: str) -> PreRegistrationInfo:
        """撤销: the resident changed their mind before the papers left the point."""
        require(actor, Permission.PRE_REGISTER)
        now = self._db.now()
        with acting(self._db, actor) as session:
            row = self._load(session, actor, reference)
            if row.status is not PreRegistrationStatus.PENDING:
                raise UserError(
                    t(
                        "预登记 {reference} 当前为“{status}”，只有待交接的预登记可以撤销",
                        reference=row.reference,
                        status=t(row.status.label),
                    )
                )
            why = _text(reason, t("撤销原因"), "reason", REASON_MAX)
            if not why:
                raise FieldError(t("请填写撤销原因"), "reason")
            line = f"撤销（{now:%Y-%m-%d %H:%M} {actor.display_name}）：{why}"
            row.note = f"{row.note}\n{line}" if row.note else line
            row.status = PreRegistrationStatus.CANCELLED
            row.updated_at = now
            session.flush()
            return _infos(session, _with_point().where(PreRegistration.id == row.id))[0]

    def make_transfer_list(
        self, actor: Actor, point_id: int, references: Sequence[str], carrier: str
    ) -> TransferListInfo:
        """生成交接单: the pending pre-registrations of ``references`` leave the point with
        ``carrier``; each becomes a line with its papers, and is 已交接."""
        require(actor, Permission.PRE_REGISTER)
        now = self._db.now()
        with acting(self._db, actor) as session:
            shown = _own_point_only(session, actor, point_id)
            point = session.scalar(
                select(VillagePoint).where(VillagePoint.id == shown).with_for_update()
            )
            if point is None or not point.active:
                raise FieldError(t("村便民服务点不存在或已停用"), "point_id")
            who = " ".join(_text(carrier, t("移交人"), "carrier", AGENT_NAME_MAX).split())
            if not who:
                raise FieldError(t("请填写移交人（携带材料的代办员）姓名"), "carrier")
            wanted = list(dict.fromkeys("".join(ref.split()).upper() for ref in references))
            if not wanted:
                raise UserError(t("请选择要移交的预登记"))
            rows = {
                row.reference: row
                for row in session.scalars(
                    select(PreRegistration)
                    .where(PreRegistration.reference.in_(wanted))
                    .with_for_update()
                )
            }
            for reference in wanted:
                row = rows.get(reference)
                if row is None or row.point_id != point.id:
                    raise UserError(
                        t(
                            "预登记 {reference} 不是“{point}”的预登记",
                            reference=reference,
                            point=point.name,
                        )
                    )
                if row.status is not PreRegistrationStatus.PENDING:
                    raise UserError(
                        t(
                            "预登记 {reference} 当前为“{status}”，不能再次移交",
                            reference=reference,
                            status=t(row.status.label),
                        )
                    )
            today = now.date()
            prefix = transfer_number_prefix(point.code, today)
            earlier = (
                session.scalar(
                    select(func.count())
                    .select_from(TransferList)
                    .where(TransferList.number.startswith(prefix, autoescape=True))
                )
                or 0
            )
            if earlier >= MAX_DAILY_TRIPS:
                raise UserError(t("今日交接单已达{limit}份，请明日再交接", limit=MAX_DAILY_TRIPS))
            trip = TransferList(
                number=f"{prefix}{earlier + 1:02d}",
                direction=TransferDirection.TO_TOWNSHIP,
                point_id=point.id,
                carrier=who,
                created_at=now,
                created_by=actor.username,
            )
            session.add(trip)
            session.flush()
            for seq, reference in enumerate(wanted, start=1):
                row = rows[reference]
                papers = [m.paper_line for m in _materials(row) if m.received]
                session.add(
                    TransferListEntry(
                        list_id=trip.id,
                        seq=seq,
                        pre_registration_id=row.id,
                        papers=papers_text(papers),
                    )
                )
                row.status = PreRegistrationStatus.SENT
                row.updated_at = now
            session.flush()
            return transfer_list_info(session, trip)

    def transfer_list(self, actor: Actor, number: str) -> TransferListInfo:
        require(actor, Permission.PRE_REGISTER)
        with viewing(self._db, actor) as session:
            wanted = "".join(number.split()).upper()
            trip = session.scalar(select(TransferList).where(TransferList.number == wanted))
            if trip is None or (
                actor.role is Role.VILLAGE_AGENT
                and trip.point_id != own_agent_in(session, actor).point_id
            ):
                raise NotFound(t("交接单 {number} 不存在", number=wanted or "—"))
            return transfer_list_info(session, trip)
