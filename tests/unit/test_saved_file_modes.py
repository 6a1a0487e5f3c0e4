"""Files the user saves get the user's usual mode (umask), not the 0600 of temporary files."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from townclerk import paths
from townclerk.db.database import Database
from townclerk.formats.workbooks.parts import atomic_output
from townclerk.services.access import Actor
from townclerk.services.catalog import CatalogService


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.parametrize(("umask", "expected"), [(0o022, 0o644), (0o002, 0o664), (0o077, 0o600)])
def test_an_export_follows_the_users_umask(
    db: Database,
    admin: Actor,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    umask: int,
    expected: int,
) -> None:
    monkeypatch.setattr(paths, "USER_UMASK", umask)
    catalog = CatalogService(db)
    catalog.export(admin, tmp_path / "目录.xlsx")
    catalog.write_template(tmp_path / "模板.xlsx")
    with atomic_output(tmp_path / "日报.xlsx") as stream:
        stream.write(b"PK")
    for name in ("目录.xlsx", "模板.xlsx", "日报.xlsx"):
        assert mode(tmp_path / name) == expected, name


def test_a_replaced_file_keeps_its_mode(
    db: Database, admin: Actor, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(paths, "USER_UMASK", 0o022)
    target = tmp_path / "目录.xlsx"
    target.write_bytes(b"old")
    target.chmod(0o640)
    CatalogService(db).export(admin, target)
    with atomic_output(tmp_path / "日报.xlsx") as stream:
        stream.write(b"PK")
    (tmp_path / "日报.xlsx").chmod(0o600)
    with atomic_output(tmp_path / "日报.xlsx") as stream:
        stream.write(b"PK2")
    assert mode(target) == 0o640
    assert mode(tmp_path / "日报.xlsx") == 0o600


def test_the_umask_is_read_from_the_process() -> None:
    import os

    current = os.umask(0o022)
    os.umask(current)
    assert paths._umask() == current
