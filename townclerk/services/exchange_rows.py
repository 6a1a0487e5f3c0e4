"""The rows an exchange file carries, read from the database and written back with strict
ownership: the village point owns what it registered (the applicant, the item, the papers, the
pickup) and its 交接单; the township owns its answers (accepted, 一次性告知, not received, the
case number, the decision, the result waiting at the point) and its 返还清单. Each side takes
from the other only what the other owns, so an older file can never undo a newer answer: a
pre-registration accepted at the township stays accepted whatever a village row says.

Everything here runs inside the caller's transaction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from townclerk.db.models import Case, PreRegistration, TransferList, TransferListEntry
from townclerk.enums import PreRegistrationStatus, TransferDirection
from townclerk.errors import UserError
from townclerk.i18n import t
from townclerk.records.exchange import (
    ExchangeRecords,
    PreRegistrationData,
    RowCounts,
    TransferEntryData,
    TransferListData,
)

# A file carries every pre-registration and trip still under way, and those that changed in
# this many days: a lost or skipped file is made good by the next one within that time.
KEEP_DAYS = 90
CHUNK = 500  # IN lists: well below every engine's limit on bound parameters

ANSWERS = frozenset(
    {
        PreRegistrationStatus.ACCEPTED,
        PreRegistrationStatus.NOTIFIED,
        PreRegistrationStatus.NOT_RECEIVED,
    }
)
FINISHED = frozenset(
    {
        PreRegistrationStatus.CANCELLED,
        PreRegistrationStatus.NOTIFIED,
        PreRegistrationStatus.NOT_RECEIVED,
    }
)
VILLAGE_FIELDS = (
    "agent_name",
    "item_code",
    "item_name",
    "applicant_kind",
    "applicant_id_type",
    "applicant_id_number",
    "applicant_name",
    "applicant_phone",
    "applicant_address",
    "materials",
    "note",
    "registered_at",
    "registered_by",
    "updated_at",
    "picked_up_at",
    "picked_up_by",
)
TOWNSHIP_FIELDS = (
    "answered_at",
    "answer",
    "case_number",
    "due_date",
    "decision",
    "result_text",
    "result_at_point_at",
)


def agreed_status(
    township: PreRegistrationStatus,
    answered_at: dt.datetime | None,
    village: PreRegistrationStatus,
    village_updated_at: dt.datetime,
) -> PreRegistrationStatus:
    """The status of a pre-registration given the township's and the village's: the township's
    answer, unless the village sent the application again after a 一次性告知 or a "not
    received" (its row changed after the answer); an acceptance always stands."""
    if township is PreRegistrationStatus.ACCEPTED:
        return township
    if township in ANSWERS:
        resent = (
            village not in ANSWERS and answered_at is not None and village_updated_at > answered_at
        )
        return village if resent else township
    return village


# --- reading -----------------------------------------------------------------------------------
def _chunks(values: Sequence[Any]) -> Iterable[Sequence[Any]]:
    for start in range(0, len(values), CHUNK):
        yield values[start : start + CHUNK]


def outgoing_records(
    session: Session, point_id: int, direction: TransferDirection, now: dt.datetime
) -> ExchangeRecords:
    """A point's pre-registrations and its trips of ``direction`` that are under way or changed
    in the last :data:`KEEP_DAYS` days."""
    since = now - dt.timedelta(days=KEEP_DAYS)
    under_way = PreRegistration.status.not_in(FINISHED) & PreRegistration.picked_up_at.is_(None)
    rows = session.scalars(
        select(PreRegistration)
        .where(
            PreRegistration.point_id == point_id,
            or_(
                under_way,
                PreRegistration.updated_at >= since,
                PreRegistration.answered_at >= since,
                PreRegistration.result_at_point_at >= since,
                PreRegistration.picked_up_at >= since,
            ),
        )
        .order_by(PreRegistration.id)
    ).all()
    lists = session.scalars(
        select(TransferList)
        .where(
            TransferList.point_id == point_id,
            TransferList.direction == direction,
            or_(
                TransferList.received_at.is_(None),
                TransferList.created_at >= since,
                TransferList.received_at >= since,
            ),
        )
        .order_by(TransferList.id)
    ).all()
    return ExchangeRecords(
        pre_registrations=tuple(pre_registration_data(row) for row in rows),
        transfer_lists=_lists_data(session, lists),
    )


def pre_registration_data(row: PreRegistration) -> PreRegistrationData:
    return PreRegistrationData(
        reference=row.reference,
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
        materials=tuple(dict(line) for line in row.materials),
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
    )


def _lists_data(session: Session, lists: Sequence[TransferList]) -> tuple[TransferListData, ...]:
    entries: dict[int, list[TransferListEntry]] = {row.id: [] for row in lists}
    for chunk in _chunks(list(entries)):
        for entry in session.scalars(
            select(TransferListEntry)
            .where(TransferListEntry.list_id.in_(chunk))
            .order_by(TransferListEntry.list_id, TransferListEntry.seq)
        ):
            entries[entry.list_id].append(entry)
    every = [entry for group in entries.values() for entry in group]
    references = _references(session, every)
    case_numbers = _case_numbers(session, [e.case_id for e in every if e.case_id is not None])
    return tuple(
        TransferListData(
            number=row.number,
            direction=row.direction,
            carrier=row.carrier,
            created_at=row.created_at,
            created_by=row.created_by,
            received_at=row.received_at,
            received_by=row.received_by,
            entries=tuple(
                TransferEntryData(
                    seq=entry.seq,
                    reference=references.get(id(entry)),
                    case_number=None if entry.case_id is None else case_numbers.get(entry.case_id),
                    papers=entry.papers,
                    outcome=entry.outcome,
                )
                for entry in entries[row.id]
            ),
        )
        for row in lists
    )


def _references(session: Session, entries: Sequence[TransferListEntry]) -> dict[int, str]:
    """The pre-registration reference of each entry (by id), found by its pre-registration or,
    on a 返还清单, by its case."""
    by_id = sorted({e.pre_registration_id for e in entries if e.pre_registration_id is not None})
    by_case = sorted({e.case_id for e in entries if e.pre_registration_id is None and e.case_id})
    of_row: dict[int, str] = {}
    of_case: dict[int, str] = {}
    for chunk in _chunks(by_id):
        of_row.update(
            session.execute(
                select(PreRegistration.id, PreRegistration.reference).where(
                    PreRegistration.id.in_(chunk)
                )
            ).all()
        )
    for chunk in _chunks(by_case):
        for case_id, case_reference in session.execute(
            select(PreRegistration.case_id, PreRegistration.reference).where(
                PreRegistration.case_id.in_(chunk)
            )
        ):
            if case_id is not None:
                of_case[case_id] = case_reference
    found: dict[int, str] = {}
    for entry in entries:
        if entry.pre_registration_id is not None:
            reference = of_row.get(entry.pre_registration_id)
        else:
            reference = None if entry.case_id is None else of_case.get(entry.case_id)
        if reference is not None:
            found[id(entry)] = reference
    return found


def _case_numbers(session: Session, case_ids: Sequence[int]) -> dict[int, str]:
    found: dict[int, str] = {}
    for chunk in _chunks(sorted(set(case_ids))):
        found.update(
            (case_id, number)
            for case_id, number in session.execute(
                select(Case.id, Case.number).where(Case.id.in_(chunk))
            )
        )
    return found


# --- applying ----------------------------------------------------------------------------------
def _value(data: PreRegistrationData, field: str) -> object:
    value = getattr(data, field)
    if field == "materials":
        return [dict(line) for line in value]
    return value


def _assign(row: object, field: str, value: object) -> bool:
    """Set ``row.field`` when it differs (an equal JSON value would still be written)."""
    if getattr(row, field) == value:
        return False
    setattr(row, field, value)
    return True


class Incoming:
    """Applying one exchange file's records for one village point (``point_id``,
    ``point_code``), at the township (``at_township``) or at the point's laptop."""

    def __init__(
        self, session: Session, point_id: int, point_code: str, *, at_township: bool
    ) -> None:
        self._session = session
        self._point_id = point_id
        self._point_code = point_code
        self._at_township = at_township

    def apply(self, records: ExchangeRecords) -> tuple[RowCounts, RowCounts]:
        self._check_references(records)
        pre_registrations = self._pre_registrations(records.pre_registrations)
        self._session.flush()
        transfer_lists = self._transfer_lists(records.transfer_lists)
        return pre_registrations, transfer_lists

    def _check_references(self, records: ExchangeRecords) -> None:
        seen: set[str] = set()
        for data in records.pre_registrations:
            if not data.reference.startswith(f"{self._point_code}-"):
                raise UserError(
                    t(
                        "交换文件中的预登记 {reference} 不属于村便民服务点 {code}，未导入",
                        reference=data.reference,
                        code=self._point_code,
                    )
                )
            if data.reference in seen:
                raise UserError(
                    t("交换文件中预登记 {reference} 出现两次，未导入", reference=data.reference)
                )
            seen.add(data.reference)
        expected = (
            TransferDirection.TO_TOWNSHIP if self._at_township else TransferDirection.TO_VILLAGE
        )
        numbers: set[str] = set()
        for transfer in records.transfer_lists:
            if transfer.direction is not expected or transfer.number in numbers:
                raise UserError(
                    t(
                        "交换文件中的{kind} {number} 不应由对方发来，未导入",
                        kind=t(transfer.direction.label),
                        number=transfer.number,
                    )
                )
            numbers.add(transfer.number)

    def _existing(self, references: Sequence[str]) -> dict[str, PreRegistration]:
        found: dict[str, PreRegistration] = {}
        for chunk in _chunks(references):
            found.update(
                (row.reference, row)
                for row in self._session.scalars(
                    select(PreRegistration).where(PreRegistration.reference.in_(chunk))
                )
            )
        for row in found.values():
            if row.point_id != self._point_id:
                raise UserError(
                    t(
                        "预登记 {reference} 在本库中属于另一个服务点，未导入",
                        reference=row.reference,
                    )
                )
        return found

    def _pre_registrations(self, incoming: Sequence[PreRegistrationData]) -> RowCounts:
        existing = self._existing([data.reference for data in incoming])
        new = updated = unchanged = 0
        for data in incoming:
            row = existing.get(data.reference)
            if row is None:
                self._session.add(self._new_pre_registration(data))
                new += 1
                continue
            if (row.applicant_id_number, row.registered_at) != (
                data.applicant_id_number,
                data.registered_at,
            ):
                # Two registers numbering one point's references: never merge two residents.
                raise UserError(
                    t(
                        "预登记 {reference} 在本库中是另一份预登记（{name}），与交换文件不符，"
                        "未导入。一个村便民服务点的预登记只能在一处登记：在离线电脑上，"
                        "或在本中心代为登记",
                        reference=data.reference,
                        name=row.applicant_name,
                    )
                )
            if self._update_pre_registration(row, data):
                updated += 1
            else:
                unchanged += 1
        return RowCounts(new, updated, unchanged)

    def _new_pre_registration(self, data: PreRegistrationData) -> PreRegistration:
        row = PreRegistration(reference=data.reference, point_id=self._point_id)
        for field in VILLAGE_FIELDS:
            setattr(row, field, _value(data, field))
        if self._at_township:
            # The township's answers come only from the township.
            row.status = data.status if data.status not in ANSWERS else PreRegistrationStatus.SENT
            row.answer = ""
        else:
            # A laptop restored from an old backup gets back what the township knows.
            row.status = data.status
            for field in TOWNSHIP_FIELDS:
                setattr(row, field, _value(data, field))
        return row

    def _update_pre_registration(self, row: PreRegistration, data: PreRegistrationData) -> bool:
        owned: tuple[str, ...]
        if self._at_township:
            status = agreed_status(row.status, row.answered_at, data.status, data.updated_at)
            if status in ANSWERS:
                status = row.status
            owned = VILLAGE_FIELDS
        else:
            status = agreed_status(data.status, data.answered_at, row.status, row.updated_at)
            owned = TOWNSHIP_FIELDS
        changed = _assign(row, "status", status)
        for field in owned:
            changed = _assign(row, field, _value(data, field)) or changed
        return changed

    def _transfer_lists(self, incoming: Sequence[TransferListData]) -> RowCounts:
        numbers = [transfer.number for transfer in incoming]
        existing: dict[str, TransferList] = {}
        for chunk in _chunks(numbers):
            existing.update(
                (row.number, row)
                for row in self._session.scalars(
                    select(TransferList).where(TransferList.number.in_(chunk))
                )
            )
        references = self._reference_ids(incoming)
        new = updated = unchanged = 0
        for data in incoming:
            row = existing.get(data.number)
            if row is None:
                row = TransferList(
                    number=data.number,
                    direction=data.direction,
                    point_id=self._point_id,
                    carrier=data.carrier,
                    created_at=data.created_at,
                    created_by=data.created_by,
                )
                self._session.add(row)
                self._session.flush()
                new += 1
                self._entries(row, data, references, {})
                continue
            if row.point_id != self._point_id or row.direction is not data.direction:
                raise UserError(
                    t(
                        "{kind} {number} 在本库中属于另一个服务点，未导入",
                        kind=t(data.direction.label),
                        number=data.number,
                    )
                )
            changed = False
            for field in ("carrier", "created_at", "created_by"):
                changed = _assign(row, field, getattr(data, field)) or changed
            have = {
                entry.seq: entry
                for entry in self._session.scalars(
                    select(TransferListEntry).where(TransferListEntry.list_id == row.id)
                )
            }
            changed = self._entries(row, data, references, have) or changed
            if changed:
                updated += 1
            else:
                unchanged += 1
        return RowCounts(new, updated, unchanged)

    def _reference_ids(self, incoming: Sequence[TransferListData]) -> dict[str, int]:
        wanted = sorted(
            {e.reference for data in incoming for e in data.entries if e.reference is not None}
        )
        found: dict[str, int] = {}
        for chunk in _chunks(wanted):
            found.update(
                (reference, row_id)
                for reference, row_id in self._session.execute(
                    select(PreRegistration.reference, PreRegistration.id).where(
                        PreRegistration.reference.in_(chunk),
                        PreRegistration.point_id == self._point_id,
                    )
                )
            )
        return found

    def _entries(
        self,
        row: TransferList,
        data: TransferListData,
        references: dict[str, int],
        have: dict[int, TransferListEntry],
    ) -> bool:
        """The list's lines: added, or the sender's part of them updated; none removed."""
        changed = False
        for line in data.entries:
            pre_registration_id = None if line.reference is None else references.get(line.reference)
            entry = have.get(line.seq)
            if entry is None:
                entry = TransferListEntry(
                    list_id=row.id,
                    seq=line.seq,
                    pre_registration_id=pre_registration_id,
                    papers=line.papers,
                    # At the township the outcome is the window's, written at tick-in.
                    outcome="" if self._at_township else line.outcome,
                )
                self._session.add(entry)
                changed = True
                continue
            changed = _assign(entry, "pre_registration_id", pre_registration_id) or changed
            changed = _assign(entry, "papers", line.papers) or changed
            if not self._at_township:
                changed = _assign(entry, "outcome", line.outcome) or changed
        return changed
