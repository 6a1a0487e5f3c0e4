"""Files the user saves get the user's usual mode (umask), not the 0600 of temporary files."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from townclerk.db.database import Database
from townclerk.services.access import Actor
from townclerk.services.catalog import CatalogService


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def umask() -> Iterator[None]:
    previous = os.umask(0o022)
    yield
    os.umask(previous)


@pytest.mark.parametrize(("mask", "expected"), [(0o022, 0o644), (0o002, 0o664), (0o077, 0o600)])
def test_a_catalog_export_and_template_follow_the_users_umask(
    db: Database, admin: Actor, tmp_path: Path, umask: None, mask: int, expected: int
) -> None:
    os.umask(mask)
    catalog = CatalogService(db)
    catalog.export(admin, tmp_path / "目录.xlsx")
    catalog.write_template(tmp_path / "模板.xlsx")
    for name in ("目录.xlsx", "模板.xlsx"):
        assert mode(tmp_path / name) == expected, name


def test_a_replaced_export_keeps_its_mode(
    db: Database, admin: Actor, tmp_path: Path, umask: None
) -> None:
    target = tmp_path / "目录.xlsx"
    target.write_bytes(b"old")
    target.chmod(0o640)
    CatalogService(db).export(admin, target)
    assert mode(target) == 0o640
