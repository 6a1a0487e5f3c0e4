"""The case-by-case listings behind the workbooks: the ledger (办件台账) and the deadline warnings
(超期预警清单).

Personal data leaves this module masked (ID numbers keep the first 6 and last 4 characters, phones
look like 138****5678) unless the actor may export it in full and asks to. Such an export is
written to the audit log, in its own short transaction, before the first row is read: whatever
happens to the file afterwards, the log says who took the data out, when and where to.

Rows are read in read transactions (deferred on SQLite: no write lock), so the longest export
never keeps a clerk from saving.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, TypeVarTuple

from sqlalchemy import Select, select, tuple_
from sqlalchemy.orm import Session, aliased

from townclerk.db.database import Database
from townclerk.db.models import (
    Applicant,
    Case,
    CaseMaterial,
    ItemMaterial,
    ServiceWindow,
    User,
    Village,
    running_pause,
    tolerated_materials,
)
from townclerk.enums import IdType
from townclerk.records.cases import deadline_warning, over_statutory_limit
from townclerk.records.listings import (
    LedgerRow,
    Listing,
    ListingHeader,
    ToleranceRow,
    WarningListing,
    WarningRow,
)
from townclerk.records.statistics import Period, StatisticsFilter
from townclerk.services.access import Actor, Permission, require, viewing
from townclerk.services.audit import record_audit
from townclerk.services.cases import OWING_STATUSES
from townclerk.services.settings import SettingsService
from townclerk.services.statistics import describe_filters
from townclerk.services.statistics_sql import OPEN_STATUS_SQL, filter_conditions
from townclerk.validation import mask_id_number, mask_phone
from townclerk.workdays import WorkCalendar

FULL_EXPORT_ACTION = "export.full_personal_data"
LEDGER_PAGE = 5000


class _Masker:
    def __init__(self, full: bool) -> None:
        self.full = full

    def id_number(self, id_type: IdType, number: str | None) -> str:
        # A unified social credit code identifies an organisation and is public.
        if not number or self.full or id_type is IdType.USCC:
            return number or ""
        return mask_id_number(number)

    def phone(self, number: str | None) -> str:
        if not number or self.full:
            return number or ""
        return mask_phone(number)


class ReportListingService:
    def __init__(self, db: Database) -> None:
        self._db = db

    @contextmanager
    def ledger(
        self,
        actor: Actor,
        period: Period,
        filters: StatisticsFilter | None = None,
        *,
        full_personal_data: bool = False,
        destination: str = "",
    ) -> Iterator[Listing[LedgerRow]]:
        """Every case registered in ``period``, oldest first, streamed while the block runs.

        The rows are read a page at a time, each page in its own short read transaction, so a
        long export never keeps the clerks' windows waiting on the database.
        """
        self._check(actor, full_personal_data)
        filters = filters or StatisticsFilter()
        now = self._db.now()
        with viewing(self._db, actor) as session:
            header = self._header(
                session, actor, "办件台账", period.label(), filters, now, full_personal_data
            )
        self._audit(actor, header, destination)
        yield Listing(header, self._ledger_pages(period, filters, _Masker(full_personal_data)))

    def _ledger_pages(
        self, period: Period, filters: StatisticsFilter, masker: _Masker
    ) -> Iterator[LedgerRow]:
        statement = _ledger_statement(period, filters)
        after: tuple[dt.date, int] | None = None
        while True:
            page = statement
            if after is not None:
                # the plain range lets SQLite start the index there; the pair picks the row
                page = page.where(
                    Case.received_on >= after[0], tuple_(Case.received_on, Case.id) > after
                )
            with self._db.reads.begin() as session:
                rows = session.execute(page.limit(LEDGER_PAGE)).all()
            for row in rows:
                yield _ledger_row(row, masker)
            if len(rows) < LEDGER_PAGE:
                return
            after = (rows[-1].received_on, rows[-1].id)

    @contextmanager
    def deadline_warnings(
        self,
        actor: Actor,
        filters: StatisticsFilter | None = None,
        *,
        full_personal_data: bool = False,
        destination: str = "",
    ) -> Iterator[WarningListing]:
        """Open cases overdue (red) or due within the center's warning days (yellow), now; and
        the 容缺 materials still owed after their promised date (容缺逾期).

        A case paused (补正, 特别程序) is neither, whatever day its pause began.
        """
        self._check(actor, full_personal_data)
        filters = filters or StatisticsFilter()
        now = self._db.now()
        today = now.date()
        with self._db.reads.begin() as session:
            center, calendar = SettingsService.center_and_calendar_in(session)
            warning_days = center.warning_days
            due_soon_until = calendar.add_working_days(today, warning_days)
            label = f"截至 {now:%Y-%m-%d %H:%M}（即将到期：{warning_days}个工作日内）"
            header = self._header(
                session, actor, "超期预警清单", label, filters, now, full_personal_data
            )
        self._audit(actor, header, destination)
        with viewing(self._db, actor) as session:
            masker = _Masker(full_personal_data)
            rows = _warning_rows(session, filters, today, due_soon_until, calendar, masker)
            tolerances = _tolerance_rows(session, filters, today, calendar, masker)
        yield WarningListing(header, iter(rows), tolerances)

    def _audit(self, actor: Actor, header: ListingHeader, destination: str) -> None:
        """A full export's audit entry, committed before any row is read."""
        if not header.full_personal_data:
            return
        with self._db.sessions.begin() as session:
            record_audit(
                session,
                actor,
                FULL_EXPORT_ACTION,
                header.generated_at,
                target=destination,
                report=header.title,
                period=header.period_label,
                filters=header.filter_label,
            )

    @staticmethod
    def _check(actor: Actor, full_personal_data: bool) -> None:
        require(actor, Permission.VIEW_REPORTS)
        if full_personal_data:
            require(actor, Permission.EXPORT_FULL_PERSONAL_DATA)

    @staticmethod
    def _header(
        session: Session,
        actor: Actor,
        title: str,
        period_label: str,
        filters: StatisticsFilter,
        now: dt.datetime,
        full_personal_data: bool,
    ) -> ListingHeader:
        return ListingHeader(
            title=title,
            center_name=SettingsService.center_in(session).center_name,
            period_label=period_label,
            filter_label=describe_filters(session, filters),
            generated_at=now,
            generated_by=actor.display_name,
            full_personal_data=full_personal_data,
        )


Columns = TypeVarTuple("Columns")


def _with_people(columns: Select[*Columns], clerk: Any) -> Select[*Columns]:
    """Cases with their applicant, their clerk (aliased as ``clerk``) and their window joined."""
    return (
        columns.join(Applicant, Applicant.id == Case.applicant_id)
        .join(clerk, clerk.id == Case.clerk_id)
        .outerjoin(ServiceWindow, ServiceWindow.id == Case.window_id)
    )


def _ledger_statement(period: Period, filters: StatisticsFilter) -> Any:
    clerk = aliased(User)
    columns = select(
        Case.received_on,
        Case.id,
        Case.number,
        Case.received_at,
        Case.item_code,
        Case.item_name,
        Case.department,
        Case.case_kind,
        Case.channel,
        Case.applicant_name,
        Applicant.id_type,
        Applicant.id_number,
        Applicant.phone,
        Case.agent_name,
        Case.agent_id_number,
        Case.agent_phone,
        Village.name.label("village_name"),
        ServiceWindow.name.label("window_name"),
        clerk.display_name.label("clerk_name"),
        Case.status,
        Case.due_date,
        Case.completed_at,
        Case.decision,
        Case.result_text,
        Case.days_used,
        Case.on_time,
        Case.evaluation,
        Case.reason,
        Case.note,
    )
    return (
        _with_people(columns, clerk)
        .outerjoin(Village, Village.id == Case.village_id)
        .where(
            Case.received_on >= period.first,
            Case.received_on <= period.last,
            *filter_conditions(filters),
        )
        .order_by(Case.received_on, Case.id)
    )


def _ledger_row(row: Any, masker: _Masker) -> LedgerRow:
    return LedgerRow(
        number=row.number,
        received_at=row.received_at,
        item_code=row.item_code,
        item_name=row.item_name,
        department=row.department,
        case_kind=row.case_kind,
        channel=row.channel,
        applicant_name=row.applicant_name,
        id_type=row.id_type,
        id_number=masker.id_number(row.id_type, row.id_number),
        phone=masker.phone(row.phone),
        agent_name=row.agent_name or "",
        agent_id_number=masker.id_number(IdType.RESIDENT_ID, row.agent_id_number),
        agent_phone=masker.phone(row.agent_phone),
        village_name=row.village_name or "",
        window_name=row.window_name or "",
        clerk_name=row.clerk_name,
        status=row.status,
        due_date=row.due_date,
        completed_at=row.completed_at,
        decision=row.decision,
        result_text=row.result_text or "",
        days_used=row.days_used,
        on_time=row.on_time,
        evaluation=row.evaluation,
        reason=row.reason or "",
        note=row.note or "",
    )


def _warning_rows(
    session: Session,
    filters: StatisticsFilter,
    today: dt.date,
    due_soon_until: dt.date,
    calendar: WorkCalendar,
    masker: _Masker,
) -> list[WarningRow]:
    clerk = aliased(User)
    columns = select(
        Case.number,
        Case.item_name,
        Case.department,
        Case.applicant_name,
        Applicant.phone,
        Case.agent_name,
        Case.agent_phone,
        Case.received_on,
        Case.due_date,
        Case.status,
        ServiceWindow.name,
        clerk.display_name,
        Case.statutory_due_date,
    )
    statement = (
        _with_people(columns, clerk)
        .where(
            OPEN_STATUS_SQL,
            Case.due_date <= due_soon_until,
            ~running_pause(),
            *filter_conditions(filters),
        )
        .order_by(Case.due_date, Case.id)
    )
    working_days: dict[dt.date, int] = {}

    def distance(due: dt.date) -> int:
        if due not in working_days:
            if due < today:
                working_days[due] = calendar.days_used(due, today, ())
            else:
                working_days[due] = calendar.days_used(today, due, ())
        return working_days[due]

    rows: list[WarningRow] = []
    for (
        number,
        item_name,
        department,
        applicant_name,
        phone,
        agent_name,
        agent_phone,
        received_on,
        due,
        status,
        window_name,
        clerk_name,
        statutory_due,
    ) in session.execute(statement):
        # The WHERE clause keeps open cases, not paused, due by then.
        level = deadline_warning(status, due, False, today, due_soon_until)
        assert due is not None and level is not None
        rows.append(
            WarningRow(
                level=level,
                number=number,
                item_name=item_name,
                department=department,
                applicant_name=applicant_name,
                phone=masker.phone(phone),
                agent_name=agent_name or "",
                agent_phone=masker.phone(agent_phone),
                received_on=received_on,
                due_date=due,
                working_days=distance(due),
                status=status,
                window_name=window_name or "",
                clerk_name=clerk_name,
                statutory_due_date=statutory_due,
                over_statutory_days=(
                    distance(statutory_due)
                    if over_statutory_limit(status, statutory_due, today)
                    else None
                ),
            )
        )
    return rows


def _tolerance_rows(
    session: Session,
    filters: StatisticsFilter,
    today: dt.date,
    calendar: WorkCalendar,
    masker: _Masker,
) -> tuple[ToleranceRow, ...]:
    """Each 容缺 material owed past its promised date by a case that can still receive it
    (the case list's 容缺逾期 filter), the longest overdue first."""
    clerk = aliased(User)
    columns = select(
        Case.number,
        Case.item_name,
        Case.applicant_name,
        Applicant.phone,
        Case.agent_name,
        Case.agent_phone,
        ItemMaterial.name,
        CaseMaterial.promised_date,
        Case.status,
        ServiceWindow.name,
        clerk.display_name,
    )
    statement = (
        _with_people(columns, clerk)
        .join(CaseMaterial, CaseMaterial.case_id == Case.id)
        .join(ItemMaterial, ItemMaterial.id == CaseMaterial.material_id)
        .where(
            tolerated_materials(),
            CaseMaterial.promised_date < today,
            Case.status.in_(OWING_STATUSES),
            *filter_conditions(filters),
        )
        .order_by(CaseMaterial.promised_date, Case.id, ItemMaterial.seq)
    )
    rows = []
    for (
        number,
        item_name,
        applicant_name,
        phone,
        agent_name,
        agent_phone,
        material_name,
        promised,
        status,
        window_name,
        clerk_name,
    ) in session.execute(statement):
        assert promised is not None  # the WHERE clause compares it with today
        rows.append(
            ToleranceRow(
                number=number,
                item_name=item_name,
                applicant_name=applicant_name,
                phone=masker.phone(phone),
                agent_name=agent_name or "",
                agent_phone=masker.phone(agent_phone),
                material_name=material_name,
                promised_date=promised,
                working_days=calendar.days_used(promised, today, ()),
                status=status,
                window_name=window_name or "",
                clerk_name=clerk_name,
            )
        )
    return tuple(rows)
