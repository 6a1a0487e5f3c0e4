"""Results back to the village (返还清单): the decided cases of a village point waiting at the
window, the list the agent carries them on (each case handed over to the village point, its
pre-registration told the result), the printed list, and the pickup at the point (送达 by
代办员转交, recorded by the agent logged in, or by a clerk on their behalf)."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from townclerk import case_states
from townclerk.case_states import CaseAction
from townclerk.db.database import Database
from townclerk.db.models import (
    COMPLETED_STATUS_SQL,
    Applicant,
    Case,
    PreRegistration,
    TransferList,
    TransferListEntry,
    VillageAgent,
    VillagePoint,
)
from townclerk.enums import CaseStatus, DeliveryMethod, Holder, IdType, TransferDirection
from townclerk.errors import NotFound, PermissionDenied, UserError
from townclerk.formats.pdf.return_lists import render_return_list
from townclerk.i18n import N_, t
from townclerk.paths import documents_dir
from townclerk.records.village_returns import (
    PickedUp,
    PointResults,
    ReadyCase,
    ReturnEntry,
    ReturnList,
)
from townclerk.services.access import Actor, Permission, acting, allows, require, viewing
from townclerk.services.cases import CaseService, _text
from townclerk.services.handover import record_handover
from townclerk.services.printing import PrintedDocument, PrintService
from townclerk.services.settings import SettingsService
from townclerk.validation import mask_id_number

# A 返还清单 carries what one agent can: a bag, not a lorry.
MOST_PER_LIST = 200
_PICKED_UP = "picked_up"  # the outcome of a 返还清单's line once collected


def result_papers(case: Case) -> tuple[str, ...]:
    """What travels back for a case: its result, and a licence's number."""
    papers = [case.result_text or (case.decision.label if case.decision else "")]
    if case.result_number:
        papers.append(f"文号：{case.result_number}")
    return tuple(papers)


class VillageReturnService:
    def __init__(self, db: Database) -> None:
        self._db = db

    def points(self, actor: Actor) -> tuple[PointResults, ...]:
        """The active village points by code, with how many results wait at the window for
        each and how many wait at the point."""
        require(actor, Permission.HANDLE_CASES)
        with viewing(self._db, actor) as session:
            by_point: dict[tuple[int | None, Holder], int] = {
                (point_id, holder): count
                for point_id, holder, count in session.execute(
                    select(Case.village_point_id, Case.holder, func.count())
                    .where(
                        text(COMPLETED_STATUS_SQL),
                        Case.holder.in_((Holder.WINDOW, Holder.VILLAGE)),
                        Case.village_point_id.is_not(None),
                        Case.delivered_at.is_(None),
                    )
                    .group_by(Case.village_point_id, Case.holder)
                )
            }
            return tuple(
                PointResults(
                    point.id,
                    point.code,
                    point.name,
                    by_point.get((point.id, Holder.WINDOW), 0),
                    by_point.get((point.id, Holder.VILLAGE), 0),
                )
                for point in session.scalars(
                    select(VillagePoint)
                    .where(VillagePoint.active.is_(True))
                    .order_by(VillagePoint.code)
                )
            )

    def ready_for_point(self, actor: Actor, point_id: int) -> tuple[ReadyCase, ...]:
        """The point's decided cases held at the window, not handed out, oldest first."""
        require(actor, Permission.HANDLE_CASES)
        with viewing(self._db, actor) as session:
            _point(session, point_id)
            # The text of the partial index ix_cases_to_deliver, so the planner uses it.
            held = select(Case.id).where(
                text(COMPLETED_STATUS_SQL),
                Case.holder == Holder.WINDOW,
                Case.village_point_id == point_id,
                Case.delivered_at.is_(None),
            )
            rows = session.execute(
                select(Case, Applicant, PreRegistration.reference)
                .join(Applicant, Applicant.id == Case.applicant_id)
                .outerjoin(PreRegistration, PreRegistration.case_id == Case.id)
                .where(Case.id.in_(held))
                .order_by(Case.completed_at, Case.id)
            )
            return tuple(
                ReadyCase(
                    number=case.number,
                    reference=reference,
                    applicant_name=case.applicant_name,
                    applicant_id_number=_masked(applicant.id_type, applicant.id_number),
                    item_name=case.item_name,
                    decision=case.decision,
                    result_text=case.result_text or "",
                    result_number=case.result_number,
                    completed_at=case.completed_at,
                )
                for case, applicant, reference in rows
            )

    def make_return_list(
        self, actor: Actor, point_id: int, numbers: Sequence[str], carrier: str
    ) -> ReturnList:
        """A 返还清单 of the cases ``numbers`` for the point, carried by ``carrier``: each case
        handed over to the village point on it, its pre-registration told the result."""
        require(actor, Permission.HANDLE_CASES)
        now = self._db.now()
        with acting(self._db, actor) as session:
            point = _point(session, point_id, lock=True)
            who = _text(carrier, N_("携带人（代办员）"), required=True) or ""
            if len(who) > 64:
                raise UserError(t("携带人姓名过长（最多64个字符）"))
            wanted = list(dict.fromkeys(number.strip() for number in numbers if number.strip()))
            if not wanted:
                raise UserError(t("请选择要返还的办件"))
            if len(wanted) > MOST_PER_LIST:
                raise UserError(t("一张返还清单最多{most}件，请分批返还", most=MOST_PER_LIST))
            cases = [_returnable(session, number, point) for number in wanted]
            trip = TransferList(
                number=_next_number(session, point, now.date()),
                direction=TransferDirection.TO_VILLAGE,
                point_id=point.id,
                carrier=who,
                created_at=now,
                created_by=actor.display_name,
            )
            session.add(trip)
            session.flush()
            for seq, case in enumerate(cases, start=1):
                papers = result_papers(case)
                record_handover(
                    session,
                    case,
                    actor,
                    Holder.VILLAGE,
                    now,
                    taken_by=who,
                    papers=papers,
                    transfer_list=trip,
                )
                pre = session.scalar(
                    select(PreRegistration).where(PreRegistration.case_id == case.id)
                )
                if pre is not None:
                    pre.decision = case.decision
                    pre.result_text = case.result_text
                    pre.result_at_point_at = now
                    pre.updated_at = now
                session.add(
                    TransferListEntry(
                        list_id=trip.id,
                        seq=seq,
                        case_id=case.id,
                        pre_registration_id=pre.id if pre is not None else None,
                        papers="\n".join(papers),
                    )
                )
            session.flush()
            return _return_list(session, trip)

    def return_list(self, actor: Actor, number: str) -> ReturnList:
        require(actor, Permission.HANDLE_CASES)
        with viewing(self._db, actor) as session:
            return _return_list(session, _trip(session, number.strip()))

    def lists_for_point(self, actor: Actor, point_id: int) -> tuple[ReturnList, ...]:
        """The point's 返还清单 with a result not collected yet, newest first."""
        require(actor, Permission.HANDLE_CASES)
        with viewing(self._db, actor) as session:
            _point(session, point_id)
            waiting = (
                select(TransferListEntry.list_id)
                .join(Case, Case.id == TransferListEntry.case_id)
                .where(Case.holder == Holder.VILLAGE, Case.delivered_at.is_(None))
            )
            trips = session.scalars(
                select(TransferList)
                .where(
                    TransferList.point_id == point_id,
                    TransferList.direction == TransferDirection.TO_VILLAGE,
                    TransferList.id.in_(waiting),
                )
                .order_by(TransferList.created_at.desc(), TransferList.id.desc())
            ).all()
            return tuple(_return_list(session, trip) for trip in trips)

    def print_return_list(self, actor: Actor, number: str) -> PrintedDocument:
        """The 返还清单 as a PDF, archived under the data folder (a second print is 补打)."""
        returned = self.return_list(actor, number)
        center = SettingsService(self._db).center()
        folder = (
            documents_dir(self._db.data_dir)
            / f"{returned.created_at:%Y}"
            / (f"{returned.created_at:%m}")
        )
        target = folder / f"{returned.number}-返还清单.pdf"
        reprint = 0
        while target.exists():
            reprint += 1
            target = folder / f"{returned.number}-返还清单-补打{reprint}.pdf"
        content = render_return_list(
            returned, center, reprint=reprint > 0, printed_at=self._db.now()
        )
        temporary = PrintService._write_temporary(folder, content, returned.number)
        os.replace(temporary, target)
        return PrintedDocument(target)

    def record_pickup(self, actor: Actor, number: str, picked_up_by: str) -> PickedUp:
        """The resident collected the result at the village point: the case is served by the
        agent (代办员转交) to ``picked_up_by``; an agent may record it for their own point."""
        if not (
            allows(actor.role, Permission.HANDLE_CASES)
            or allows(actor.role, Permission.PRE_REGISTER)
        ):
            require(actor, Permission.HANDLE_CASES)
        now = self._db.now()
        with acting(self._db, actor) as session:
            case = CaseService._load(session, number.strip(), lock=True)
            if not allows(actor.role, Permission.HANDLE_CASES) and not _is_agent_of(
                session, actor, case.village_point_id
            ):
                raise PermissionDenied(t("只能登记本村便民服务点的办件领取"))
            if case.holder is not Holder.VILLAGE or case.status is not CaseStatus.COMPLETED:
                if case.status is CaseStatus.DELIVERED:
                    raise UserError(t("办件 {number} 已送达，不能重复登记领取", number=case.number))
                raise UserError(
                    t(
                        "办件 {number} 的办理结果不在村便民服务点（现在：{holder}），"
                        "不能登记在村领取",
                        number=case.number,
                        holder=t(case.holder.label),
                    )
                )
            who = _text(picked_up_by, N_("领取人"), required=True) or ""
            if len(who) > 128:
                raise UserError(t("领取人姓名过长（最多128个字符）"))
            rule = case_states.check(CaseAction.DELIVER, case.status)
            point = session.get(VillagePoint, case.village_point_id)
            where = point.name if point is not None else t(Holder.VILLAGE.label)
            case.delivered_at = now
            case.delivery_method = DeliveryMethod.AGENT
            case.delivered_to = who
            note = f"{DeliveryMethod.AGENT.label}：{who}在{where}领取"
            CaseService(self._db)._move(
                session, case, actor, CaseAction.DELIVER, rule.target, note, now
            )
            pre = session.scalar(select(PreRegistration).where(PreRegistration.case_id == case.id))
            if pre is not None:
                pre.picked_up_at = now
                pre.picked_up_by = who
                pre.updated_at = now
            entry = session.scalar(
                select(TransferListEntry)
                .join(TransferList, TransferList.id == TransferListEntry.list_id)
                .where(
                    TransferListEntry.case_id == case.id,
                    TransferList.direction == TransferDirection.TO_VILLAGE,
                )
                .order_by(TransferList.id.desc())
                .limit(1)
            )
            if entry is not None:
                entry.outcome = _PICKED_UP
            return PickedUp(case.number, pre.reference if pre is not None else None, who, now)


def _masked(id_type: IdType, number: str) -> str:
    return number if id_type is IdType.USCC else mask_id_number(number)


def _point(session: Session, point_id: int, *, lock: bool = False) -> VillagePoint:
    statement = select(VillagePoint).where(VillagePoint.id == point_id)
    point = session.scalar(statement.with_for_update() if lock else statement)
    if point is None:
        raise NotFound(t("村便民服务点不存在"))
    return point


def _returnable(session: Session, number: str, point: VillagePoint) -> Case:
    case = CaseService._load(session, number, lock=True)
    if case.village_point_id != point.id:
        raise UserError(
            t(
                "办件 {number} 不是{point}的村代办件，不能列入其返还清单",
                number=number,
                point=point.name,
            )
        )
    if case.status is not CaseStatus.COMPLETED or case.delivered_at is not None:
        raise UserError(
            t(
                "办件 {number} 当前状态为“{status}”，只有已办结未送达的办件可以返还",
                number=number,
                status=t(case.status.label),
            )
        )
    if case.holder is not Holder.WINDOW:
        raise UserError(
            t(
                "办件 {number} 的办理结果不在综合窗口（现在：{holder}），不能列入返还清单",
                number=number,
                holder=t(case.holder.label),
            )
        )
    return case


def _next_number(session: Session, point: VillagePoint, day: dt.date) -> str:
    """``<point code>-FH-<YYYYMMDD>-<seq>``: the day's next 返还清单 of the point (the point's
    row is locked, so two windows never take the same number)."""
    prefix = f"{point.code}-FH-{day:%Y%m%d}-"
    taken = session.scalar(
        select(func.count())
        .select_from(TransferList)
        .where(TransferList.point_id == point.id, TransferList.number.startswith(prefix))
    )
    return f"{prefix}{(taken or 0) + 1:02d}"


def _trip(session: Session, number: str) -> TransferList:
    trip = session.scalar(
        select(TransferList).where(
            TransferList.number == number, TransferList.direction == TransferDirection.TO_VILLAGE
        )
    )
    if trip is None:
        raise NotFound(t("返还清单 {number} 不存在", number=number))
    return trip


def _return_list(session: Session, trip: TransferList) -> ReturnList:
    point = session.get(VillagePoint, trip.point_id)
    assert point is not None
    rows = session.execute(
        select(TransferListEntry, Case, Applicant, PreRegistration)
        .join(Case, Case.id == TransferListEntry.case_id)
        .join(Applicant, Applicant.id == Case.applicant_id)
        .outerjoin(PreRegistration, PreRegistration.id == TransferListEntry.pre_registration_id)
        .where(TransferListEntry.list_id == trip.id)
        .order_by(TransferListEntry.seq)
    )
    entries = tuple(
        ReturnEntry(
            seq=entry.seq,
            case_number=case.number,
            reference=pre.reference if pre is not None else None,
            applicant_name=case.applicant_name,
            applicant_id_number=_masked(applicant.id_type, applicant.id_number),
            item_name=case.item_name,
            decision=case.decision,
            papers=tuple(line for line in entry.papers.splitlines() if line.strip()),
            picked_up_at=case.delivered_at
            if case.delivery_method is DeliveryMethod.AGENT
            else None,
            picked_up_by=case.delivered_to
            if case.delivery_method is DeliveryMethod.AGENT
            else None,
        )
        for entry, case, applicant, pre in rows
    )
    return ReturnList(
        id=trip.id,
        number=trip.number,
        point_code=point.code,
        point_name=point.name,
        carrier=trip.carrier,
        created_at=trip.created_at,
        created_by=trip.created_by,
        entries=entries,
    )


def _is_agent_of(session: Session, actor: Actor, point_id: int | None) -> bool:
    if point_id is None:
        return False
    return (
        session.scalar(
            select(VillageAgent.id).where(
                VillageAgent.user_id == actor.id,
                VillageAgent.point_id == point_id,
                VillageAgent.active.is_(True),
            )
        )
        is not None
    )
