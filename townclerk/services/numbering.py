"""Case numbers: <center code>-<YYYYMMDD>-<4-digit daily sequence>, gap-free per day.

The counter row is incremented by an upsert inside the transaction that creates the case, so a
rolled-back registration gives its number back and two writers (processes on one SQLite file,
clerks on PostgreSQL) are serialised by the row lock.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from townclerk.db.models import CaseNumberCounter
from townclerk.db.upsert import upsert_insert
from townclerk.errors import UserError
from townclerk.i18n import t

MAX_DAILY_SEQUENCE = 9999


def case_number_prefix(center_code: str, day: dt.date) -> str:
    return f"{center_code}-{day:%Y%m%d}-"


def format_case_number(center_code: str, day: dt.date, sequence: int) -> str:
    return f"{case_number_prefix(center_code, day)}{sequence:04d}"


def allocate_case_number(session: Session, center_code: str, day: dt.date) -> str:
    statement = (
        upsert_insert(session, CaseNumberCounter)
        .values(day=day, last=1)
        .on_conflict_do_update(
            index_elements=[CaseNumberCounter.day], set_={"last": CaseNumberCounter.last + 1}
        )
        .returning(CaseNumberCounter.last)
    )
    sequence = session.execute(statement).scalar_one()
    if sequence > MAX_DAILY_SEQUENCE:
        raise UserError(
            t(
                "{day:%Y-%m-%d} 的办件编号已用完（每日最多{limit}件）",
                day=day,
                limit=MAX_DAILY_SEQUENCE,
            )
        )
    return format_case_number(center_code, day, sequence)
