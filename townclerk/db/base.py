"""The declarative base: enums stored as short strings, naming conventions for migrations."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, Date, DateTime, Dialect, Enum, Integer, MetaData, String
from sqlalchemy.orm import DeclarativeBase
from sqlalchemy.types import TypeDecorator

from townclerk import enums

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class EpochSeconds(TypeDecorator[dt.datetime]):
    """A wall-clock datetime stored in SQLite as whole seconds since 1970 (an INTEGER).

    Four to six bytes instead of a 19-character string on every timestamp keeps a database of a
    million cases, with their events, well under its size budget. The value is the center's local
    wall time, read as if it were UTC, so no time zone ever shifts it.
    """

    impl = Integer
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> int | None:
        if value is None:
            return None
        return epoch_seconds(value)

    def process_result_value(self, value: int | None, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        return _EPOCH + dt.timedelta(seconds=value)


_EPOCH = dt.datetime(1970, 1, 1)
_EPOCH_ORDINAL = _EPOCH.toordinal()


def epoch_seconds(value: dt.datetime) -> int:
    """Whole seconds since 1970-01-01 00:00 of a wall-clock datetime (its zone ignored)."""
    days = value.toordinal() - _EPOCH_ORDINAL
    return days * 86400 + value.hour * 3600 + value.minute * 60 + value.second


def enum_column(enum_class: type[enums.LabeledEnum]) -> Enum:
    """Store an enum by its English value in a VARCHAR, never as a native DB enum."""
    return Enum(
        enum_class,
        native_enum=False,
        create_constraint=False,
        length=32,
        values_callable=lambda members: [member.value for member in members],
        validate_strings=True,
    )


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map: dict[Any, Any] = {
        str: String(255),
        dt.date: Date(),
        dt.datetime: DateTime(),
        dict[str, Any]: JSON(),
        enums.Role: enum_column(enums.Role),
        enums.Category: enum_column(enums.Category),
        enums.PowerSource: enum_column(enums.PowerSource),
        enums.Level: enum_column(enums.Level),
        enums.CaseKind: enum_column(enums.CaseKind),
        enums.MaterialForm: enum_column(enums.MaterialForm),
        enums.ApplicantKind: enum_column(enums.ApplicantKind),
        enums.IdType: enum_column(enums.IdType),
        enums.Channel: enum_column(enums.Channel),
        enums.CaseStatus: enum_column(enums.CaseStatus),
        enums.Decision: enum_column(enums.Decision),
        enums.DeliveryMethod: enum_column(enums.DeliveryMethod),
        enums.Evaluation: enum_column(enums.Evaluation),
        enums.MaterialState: enum_column(enums.MaterialState),
        enums.PauseKind: enum_column(enums.PauseKind),
        enums.ResultKind: enum_column(enums.ResultKind),
        enums.Sex: enum_column(enums.Sex),
        enums.Routing: enum_column(enums.Routing),
        enums.Holder: enum_column(enums.Holder),
        enums.PreRegistrationStatus: enum_column(enums.PreRegistrationStatus),
        enums.TransferDirection: enum_column(enums.TransferDirection),
        list[dict[str, Any]]: JSON(),
    }
