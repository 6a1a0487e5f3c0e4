"""record_from: a frozen record built from a row's attributes of the same names."""

from __future__ import annotations

from dataclasses import dataclass
from types import SimpleNamespace

import pytest

from townclerk.records.from_rows import record_from


@dataclass(frozen=True)
class Material:
    name: str
    copies: int
    notes: str = ""


def test_fields_come_from_the_sources_attributes_of_the_same_name() -> None:
    row = SimpleNamespace(name="户口簿", copies=2, notes="原件", extra="ignored")
    assert record_from(Material, row) == Material("户口簿", 2, "原件")


def test_given_values_win_over_the_source() -> None:
    row = SimpleNamespace(name="户口簿", copies=2, notes="")
    assert record_from(Material, row, copies=1) == Material("户口簿", 1)


def test_a_field_the_source_lacks_keeps_its_default() -> None:
    assert record_from(Material, SimpleNamespace(name="户口簿", copies=1)).notes == ""


def test_a_field_without_default_the_source_lacks_is_an_error() -> None:
    with pytest.raises(TypeError):
        record_from(Material, SimpleNamespace(name="户口簿"))
