"""Building a frozen record from a row (or another record) whose attributes have the same names."""

from __future__ import annotations

from dataclasses import fields
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

RecordT = TypeVar("RecordT", bound="DataclassInstance")


def record_from(record_type: type[RecordT], source: object, /, **given: object) -> RecordT:
    """A ``record_type`` (a dataclass) with the ``given`` values, and for each other field the
    attribute of ``source`` of that name; a field ``source`` has no attribute for keeps its
    default (a missing field without one raises TypeError)."""
    values = {
        field.name: getattr(source, field.name)
        for field in fields(record_type)
        if field.init and field.name not in given and hasattr(source, field.name)
    }
    return record_type(**values, **given)
