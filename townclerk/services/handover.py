"""Hand-overs of a case's papers from one holder to the next (window → back-office desk or
county → window → village point), each one transaction: a row of ``case_handovers`` (who gave,
who took, what papers) and an event in the case's hash-chained history."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from townclerk.case_states import CaseAction
from townclerk.db.database import Database
from townclerk.db.models import Case, CaseHandover, Desk, DeskMember, TransferList
from townclerk.enums import OPEN_STATUSES, CaseStatus, Holder
from townclerk.errors import NotFound, PermissionDenied, UserError
from townclerk.i18n import t
from townclerk.records.cases import CaseDetail
from townclerk.records.journey import HandoverInfo, papers_text
from townclerk.services.access import Actor, Permission, acting, allows
from townclerk.services.case_journey import received_papers
from townclerk.services.cases import CaseService

# Where papers may travel while the case is in these statuses: open cases go to be decided,
# completed ones carry their result out.
_MOVABLE = frozenset(OPEN_STATUSES) | {CaseStatus.COMPLETED}


def record_handover(
    session: Session,
    case: Case,
    actor: Actor,
    to: Holder,
    now: dt.datetime,
    *,
    desk: Desk | None = None,
    taken_by: str = "",
    papers: Sequence[str] | None = None,
    note: str = "",
    transfer_list: TransferList | None = None,
    action: CaseAction = CaseAction.HAND_OVER,
) -> HandoverInfo:
    """Move ``case`` to ``to`` inside the caller's transaction: the hand-over row, the case's
    holder and the history event. ``papers`` default to the materials received with the case.
    The caller has checked that the actor may do it."""
    if case.status not in _MOVABLE:
        raise UserError(t("办件当前状态为“{status}”，不能移交", status=t(case.status.label)))
    if (to is Holder.DESK) != (desk is not None):
        raise ValueError("a desk is named exactly when the papers go to a desk")
    if case.holder is to and (desk is None or case.desk_id == desk.id):
        raise UserError(t("办件已在{holder}，不需要移交", holder=_holder_name(to, desk)))
    from_desk = session.get(Desk, case.desk_id) if case.desk_id is not None else None
    listed = tuple(papers) if papers is not None else received_papers(session, case)
    row = CaseHandover(
        case_id=case.id,
        at=now,
        from_holder=case.holder,
        from_desk_id=case.desk_id,
        to_holder=to,
        to_desk_id=desk.id if desk else None,
        given_by=actor.id,
        taken_by=taken_by.strip(),
        papers=papers_text(listed),
        note=note.strip(),
        transfer_list_id=transfer_list.id if transfer_list is not None else None,
    )
    session.add(row)
    info = HandoverInfo(
        at=now,
        from_holder=case.holder,
        from_desk=from_desk.name if from_desk else "",
        to_holder=to,
        to_desk=desk.name if desk else "",
        given_by=actor.display_name,
        taken_by=row.taken_by,
        papers=tuple(line for line in row.papers.splitlines() if line),
        note=row.note,
        transfer_list=transfer_list.number if transfer_list is not None else "",
    )
    case.holder = to
    case.desk_id = desk.id if desk else None
    case.holder_since = now
    CaseService._event(session, case, actor, action, case.status, None, handover_note(info), now)
    return info


def handover_note(info: HandoverInfo) -> str:
    """The history's one line for a hand-over (Chinese: the history is the record)."""
    parts = [f"{_label(info.from_holder, info.from_desk)} → {_label(info.to_holder, info.to_desk)}"]
    if info.taken_by:
        parts.append(f"接收人：{info.taken_by}")
    if info.transfer_list:
        parts.append(f"随{info.transfer_list}")
    if info.papers:
        parts.append("材料：" + "、".join(info.papers))
    if info.note:
        parts.append(info.note)
    return "；".join(parts)


def is_desk_member(session: Session, actor: Actor, desk_id: int) -> bool:
    return (
        session.scalar(
            select(DeskMember.user_id).where(
                DeskMember.desk_id == desk_id, DeskMember.user_id == actor.id
            )
        )
        is not None
    )


class HandoverService:
    """Hand-overs between the window and the back-office desks. The county's and the village
    points' journeys have their own services, which write through :func:`record_handover`."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def to_desk(
        self,
        actor: Actor,
        number: str,
        desk_id: int,
        *,
        taken_by: str = "",
        papers: Sequence[str] | None = None,
        note: str = "",
    ) -> CaseDetail:
        """移交后台: the window gives an open case's papers to a back-office desk."""
        _require_any(actor, Permission.HANDLE_CASES)
        now = self._db.now()
        with acting(self._db, actor) as session:
            case = CaseService._load(session, number, lock=True)
            if case.status not in OPEN_STATUSES:
                raise UserError(
                    t(
                        "办件当前状态为“{status}”，不能移交后台审批",
                        status=t(case.status.label),
                    )
                )
            desk = session.get(Desk, desk_id)
            if desk is None or not desk.active:
                raise NotFound(t("后台窗口不存在或已停用"))
            record_handover(
                session,
                case,
                actor,
                Holder.DESK,
                now,
                desk=desk,
                taken_by=taken_by,
                papers=papers,
                note=note,
            )
            return CaseService(self._db)._detail(session, case)

    def to_window(
        self,
        actor: Actor,
        number: str,
        *,
        taken_by: str = "",
        papers: Sequence[str] | None = None,
        note: str = "",
    ) -> CaseDetail:
        """Back to the window: from a desk by one of its officers (a decided case for 出件, or
        an open one the window must see to, with a note saying why), or by a clerk receiving
        papers the window sent away."""
        _require_any(actor, Permission.HANDLE_CASES, Permission.DECIDE_CASES)
        now = self._db.now()
        with acting(self._db, actor) as session:
            case = CaseService._load(session, number, lock=True)
            if (
                case.holder is Holder.DESK
                and case.desk_id is not None
                and not allows(actor.role, Permission.HANDLE_CASES)
                and not is_desk_member(session, actor, case.desk_id)
            ):
                raise PermissionDenied(t("只有该后台窗口的审批人员可以退回办件"))
            record_handover(
                session,
                case,
                actor,
                Holder.WINDOW,
                now,
                taken_by=taken_by,
                papers=papers,
                note=note,
            )
            return CaseService(self._db)._detail(session, case)


def _require_any(actor: Actor, *permissions: Permission) -> None:
    if not any(allows(actor.role, permission) for permission in permissions):
        raise PermissionDenied(
            t(
                "{role}（{username}）无权移交办件",
                role=t(actor.role.label),
                username=actor.username,
            )
        )


def _holder_name(holder: Holder, desk: Desk | None) -> str:
    return desk.name if desk is not None else t(holder.label)


def _label(holder: Holder, desk_name: str) -> str:
    return desk_name or holder.label
