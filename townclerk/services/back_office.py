"""The back office (后台分类审批): an officer's queue of the cases waiting at their desks, and
their decision, which completes the case and hands its papers back to the window for 出件
(综合窗口出件) in one transaction."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from sqlalchemy import TextClause, func, select, text
from sqlalchemy.orm import Session

from townclerk import case_states
from townclerk.case_states import CaseAction
from townclerk.db.database import Database
from townclerk.db.models import AT_DESK_SQL, Applicant, Case, Desk
from townclerk.enums import CaseStatus, Decision, Holder, IdType
from townclerk.errors import PermissionDenied, UserError
from townclerk.i18n import N_, t
from townclerk.records.cases import CaseDetail, deadline_warning
from townclerk.records.desks import QueueRow
from townclerk.services.access import Actor, Permission, acting, require, viewing
from townclerk.services.case_journey import received_papers
from townclerk.services.cases import CaseService
from townclerk.services.desks import actor_desk_ids
from townclerk.services.handover import is_desk_member, record_handover
from townclerk.services.settings import SettingsService
from townclerk.validation import ValidationError, check_plain_text, mask_id_number
from townclerk.workdays import WorkCalendar

RESULT_NUMBER_MAX = 128
# The queue lists the oldest arrivals up to this many, a page of the case list: a desk holds
# tens of cases, and a backlog of thousands still opens at once, its size told by
# :meth:`BackOfficeService.waiting_by_desk`.
QUEUE_LIMIT = 200


def at_desk() -> TextClause:
    """The WHERE term of the cases at a desk, as the partial index ``ix_cases_desk_queue``
    was built with (see ``db.models.open_cases``)."""
    return text(AT_DESK_SQL)


class BackOfficeService:
    def __init__(self, db: Database) -> None:
        self._db = db

    def queue(self, actor: Actor, *, limit: int = QUEUE_LIMIT) -> list[QueueRow]:
        """The cases held at the actor's desks, oldest arrival first (the first ``limit``)."""
        require(actor, Permission.DECIDE_CASES)
        today = self._db.today()
        with viewing(self._db, actor) as session:
            desk_ids = actor_desk_ids(session, actor)
            if not desk_ids:
                return []
            center, calendar = SettingsService.center_and_calendar_in(session)
            yellow_until = calendar.add_working_days(today, center.warning_days)
            rows = session.execute(
                select(
                    Case.number,
                    Case.status,
                    Case.item_name,
                    Case.department,
                    Desk.id,
                    Desk.name,
                    Applicant.name,
                    Applicant.id_type,
                    Applicant.id_number,
                    Case.received_at,
                    Case.due_date,
                    Case.holder_since,
                )
                .join(Desk, Desk.id == Case.desk_id)
                .join(Applicant, Applicant.id == Case.applicant_id)
                .where(at_desk(), Case.desk_id.in_(desk_ids))
                .order_by(Case.holder_since, Case.id)
                .limit(limit)
            )
            days_to = _working_days_memo(calendar, today)
            return [
                QueueRow(
                    number=number,
                    status=status,
                    item_name=item_name,
                    department=department,
                    desk_id=desk_id,
                    desk_name=desk_name,
                    applicant_name=applicant_name,
                    id_type=id_type,
                    id_number=id_number if id_type is IdType.USCC else mask_id_number(id_number),
                    received_at=received_at,
                    due_date=due_date,
                    days_left=days_to(due_date) if due_date is not None else None,
                    at_desk_since=since,
                    days_at_desk=-days_to(since.date()),
                    warning=deadline_warning(
                        status, due_date, status is not CaseStatus.ACCEPTED, today, yellow_until
                    ),
                )
                for (
                    number,
                    status,
                    item_name,
                    department,
                    desk_id,
                    desk_name,
                    applicant_name,
                    id_type,
                    id_number,
                    received_at,
                    due_date,
                    since,
                ) in rows
            ]

    def waiting_by_desk(self, actor: Actor) -> dict[int, int]:
        """How many cases wait at each desk (desk id → count; desks with none are left out)."""
        require(actor, Permission.VIEW_CASES)
        with viewing(self._db, actor) as session:
            rows = session.execute(
                select(Case.desk_id, func.count())
                .where(at_desk(), Case.desk_id.is_not(None))
                .group_by(Case.desk_id)
            )
            return {desk_id: count for desk_id, count in rows if desk_id is not None}

    def decide(
        self,
        actor: Actor,
        number: str,
        decision: Decision,
        result_text: str,
        *,
        reason: str = "",
        legal_basis: str = "",
        result_number: str = "",
        result_valid_until: dt.date | None = None,
        note: str = "",
    ) -> CaseDetail:
        """The desk's decision (准予/不予) on a case waiting there: completed as the window's
        办结 would be (a denial's reason required, refused while a 容缺 material is owed), the
        licence's number and validity kept, and the papers handed back to the window for 出件,
        all in one transaction."""
        require(actor, Permission.DECIDE_CASES)
        number_text = _result_number(result_number)
        now = self._db.now()
        if result_valid_until is not None and result_valid_until < now.date():
            raise UserError(t("证照有效期不能早于今天"))
        with acting(self._db, actor) as session:
            case = CaseService._load(session, number.strip(), lock=True)
            self._check_at_actors_desk(session, case, actor)
            case_states.check(CaseAction.COMPLETE, case.status)
            cases = CaseService(self._db)
            cases._decide(
                session,
                case,
                actor,
                decision,
                result_text,
                note,
                reason=reason,
                legal_basis=legal_basis,
                approval=None,
                now=now,
            )
            if number_text is not None:
                case.result_number = number_text
            case.result_valid_until = result_valid_until
            result = case.result_text or ""
            if number_text:
                result += f"（{number_text}）"
            record_handover(
                session,
                case,
                actor,
                Holder.WINDOW,
                now,
                papers=[*received_papers(session, case), f"办理结果：{result}"],
                note=f"{decision.label}，待窗口出件",  # the history's record stays Chinese
            )
            return cases._detail(session, case)

    @staticmethod
    def _check_at_actors_desk(session: Session, case: Case, actor: Actor) -> None:
        if case.holder is not Holder.DESK or case.desk_id is None:
            raise UserError(
                t(
                    "办件 {number} 不在后台窗口（现在{holder}），不能审批",
                    number=case.number,
                    holder=t(case.holder.label),
                )
            )
        if not is_desk_member(session, actor, case.desk_id):
            raise PermissionDenied(
                t("只有该后台窗口的审批人员可以审批办件 {number}", number=case.number)
            )


def _result_number(value: str) -> str | None:
    try:
        checked = check_plain_text(value, t(N_("证照编号"))).strip()
    except ValidationError as error:
        raise UserError(str(error)) from error
    if len(checked) > RESULT_NUMBER_MAX:
        raise UserError(
            t("{what}过长（最多{limit}个字符）", what=t("证照编号"), limit=RESULT_NUMBER_MAX)
        )
    return checked or None


def _working_days_memo(calendar: WorkCalendar, today: dt.date) -> Callable[[dt.date], int]:
    """Working days from today to a date (negative for a date past), each date counted once:
    a queue's dates repeat."""
    known: dict[dt.date, int] = {}

    def days_to(day: dt.date) -> int:
        if day not in known:
            if day >= today:
                known[day] = calendar.days_used(today, day, ())
            else:
                known[day] = -calendar.days_used(day, today, ())
        return known[day]

    return days_to
