"""records.json: the pre-registrations and the trips an exchange file carries, as JSON.

Times are the center's wall clock to the second (ISO 8601, no zone), dates ISO, enums by their
stored value. Reading checks every field's type, so a file that passed its signature but was
made by a faulty sender is still refused in plain words instead of failing half-way.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from typing import Any, TypeVar

from townclerk.enums import (
    ApplicantKind,
    Decision,
    IdType,
    PreRegistrationStatus,
    TransferDirection,
)
from townclerk.errors import UserError
from townclerk.i18n import t
from townclerk.records.exchange import (
    ExchangeRecords,
    MaterialLine,
    PreRegistrationData,
    TransferEntryData,
    TransferListData,
)

T = TypeVar("T")


def records_bytes(records: ExchangeRecords) -> bytes:
    content = {
        "pre_registrations": [_pre_registration(row) for row in records.pre_registrations],
        "transfer_lists": [_transfer_list(row) for row in records.transfer_lists],
    }
    return json.dumps(content, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _time(value: dt.datetime | None) -> str | None:
    return None if value is None else value.isoformat(timespec="seconds")


def _pre_registration(row: PreRegistrationData) -> dict[str, object]:
    return {
        "reference": row.reference,
        "agent_name": row.agent_name,
        "status": row.status.value,
        "item_code": row.item_code,
        "item_name": row.item_name,
        "applicant_kind": row.applicant_kind.value,
        "applicant_id_type": row.applicant_id_type.value,
        "applicant_id_number": row.applicant_id_number,
        "applicant_name": row.applicant_name,
        "applicant_phone": row.applicant_phone,
        "applicant_address": row.applicant_address,
        "materials": list(row.materials),
        "note": row.note,
        "registered_at": _time(row.registered_at),
        "registered_by": row.registered_by,
        "updated_at": _time(row.updated_at),
        "answered_at": _time(row.answered_at),
        "answer": row.answer,
        "case_number": row.case_number,
        "due_date": None if row.due_date is None else row.due_date.isoformat(),
        "decision": None if row.decision is None else row.decision.value,
        "result_text": row.result_text,
        "result_at_point_at": _time(row.result_at_point_at),
        "picked_up_at": _time(row.picked_up_at),
        "picked_up_by": row.picked_up_by,
    }


def _transfer_list(row: TransferListData) -> dict[str, object]:
    return {
        "number": row.number,
        "direction": row.direction.value,
        "carrier": row.carrier,
        "created_at": _time(row.created_at),
        "created_by": row.created_by,
        "received_at": _time(row.received_at),
        "received_by": row.received_by,
        "entries": [
            {
                "seq": entry.seq,
                "reference": entry.reference,
                "case_number": entry.case_number,
                "papers": entry.papers,
                "outcome": entry.outcome,
            }
            for entry in row.entries
        ],
    }


class _Fields:
    """One JSON object being read: each accessor checks the type or raises ValueError."""

    def __init__(self, value: object) -> None:
        if not isinstance(value, dict):
            raise ValueError("not an object")
        self._value: dict[str, Any] = value

    def text(self, key: str) -> str:
        value = self._value[key]
        if not isinstance(value, str):
            raise ValueError(key)
        return value

    def optional(self, key: str, read: Callable[[str], T]) -> T | None:
        return None if self._value[key] is None else read(key)

    def time(self, key: str) -> dt.datetime:
        return dt.datetime.fromisoformat(self.text(key))

    def date(self, key: str) -> dt.date:
        return dt.date.fromisoformat(self.text(key))

    def number(self, key: str) -> int:
        value = self._value[key]
        if not isinstance(value, int) or isinstance(value, bool):
            raise ValueError(key)
        return value

    def items(self, key: str) -> list[Any]:
        value = self._value[key]
        if not isinstance(value, list):
            raise ValueError(key)
        return value


def read_records(data: bytes) -> ExchangeRecords:
    """records.json's content; a malformed one is refused whole."""
    try:
        content = _Fields(json.loads(data.decode("utf-8")))
        return ExchangeRecords(
            pre_registrations=tuple(
                _read_pre_registration(_Fields(row)) for row in content.items("pre_registrations")
            ),
            transfer_lists=tuple(
                _read_transfer_list(_Fields(row)) for row in content.items("transfer_lists")
            ),
        )
    except (UnicodeDecodeError, ValueError, KeyError, TypeError):
        raise UserError(t("交换文件的记录内容有误（records.json），未导入")) from None


def _material(value: object) -> MaterialLine:
    if not isinstance(value, dict) or not all(
        isinstance(key, str) and (item is None or isinstance(item, str | int | float | bool))
        for key, item in value.items()
    ):
        raise ValueError("material")
    return dict(value)


def _read_pre_registration(row: _Fields) -> PreRegistrationData:
    return PreRegistrationData(
        reference=row.text("reference"),
        agent_name=row.text("agent_name"),
        status=PreRegistrationStatus(row.text("status")),
        item_code=row.text("item_code"),
        item_name=row.text("item_name"),
        applicant_kind=ApplicantKind(row.text("applicant_kind")),
        applicant_id_type=IdType(row.text("applicant_id_type")),
        applicant_id_number=row.text("applicant_id_number"),
        applicant_name=row.text("applicant_name"),
        applicant_phone=row.text("applicant_phone"),
        applicant_address=row.text("applicant_address"),
        materials=tuple(_material(item) for item in row.items("materials")),
        note=row.text("note"),
        registered_at=row.time("registered_at"),
        registered_by=row.text("registered_by"),
        updated_at=row.time("updated_at"),
        answered_at=row.optional("answered_at", row.time),
        answer=row.text("answer"),
        case_number=row.optional("case_number", row.text),
        due_date=row.optional("due_date", row.date),
        decision=row.optional("decision", lambda key: Decision(row.text(key))),
        result_text=row.optional("result_text", row.text),
        result_at_point_at=row.optional("result_at_point_at", row.time),
        picked_up_at=row.optional("picked_up_at", row.time),
        picked_up_by=row.optional("picked_up_by", row.text),
    )


def _read_transfer_list(row: _Fields) -> TransferListData:
    return TransferListData(
        number=row.text("number"),
        direction=TransferDirection(row.text("direction")),
        carrier=row.text("carrier"),
        created_at=row.time("created_at"),
        created_by=row.text("created_by"),
        received_at=row.optional("received_at", row.time),
        received_by=row.optional("received_by", row.text),
        entries=tuple(_read_entry(_Fields(entry)) for entry in row.items("entries")),
    )


def _read_entry(entry: _Fields) -> TransferEntryData:
    return TransferEntryData(
        seq=entry.number("seq"),
        reference=entry.optional("reference", entry.text),
        case_number=entry.optional("case_number", entry.text),
        papers=entry.text("papers"),
        outcome=entry.text("outcome"),
    )
