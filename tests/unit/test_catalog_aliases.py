"""Everyday names (常用名): read from the catalog, kept through versions, searched like names."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from tests.data.catalog_builders import (
    ITEM_HEADER,
    MATERIAL_HEADER,
    basic_sheets,
    item_row,
    material_row,
    write_sheets,
)
from townclerk.db.database import Database
from townclerk.db.models import ServiceItem
from townclerk.formats.catalog.reader import read_catalog
from townclerk.formats.catalog.shape import ITEM_COLUMNS
from townclerk.paths import resource_path
from townclerk.services.access import Actor
from townclerk.services.catalog import CatalogService
from townclerk.services.search import TIER_EXACT, CatalogSearch


def with_aliases(sheets: dict[str, list[list[object]]], **aliases: str) -> None:
    """Fill the 常用名 cell of the items named by code (SCJG_001 for SCJG-001)."""
    column = [c.key for c in ITEM_COLUMNS].index("aliases")
    for row in sheets["事项"][1:]:
        value = aliases.get(str(row[0]).replace("-", "_"))
        if value is not None:
            row[column] = value


def test_aliases_are_split_on_dun_semicolon_and_line_breaks(tmp_path: Path) -> None:
    sheets = basic_sheets()
    with_aliases(sheets, SCJG_001="个体户、 开店执照；个体户\n办执照", CL_001="重度残疾人护理补贴")
    catalog = read_catalog(write_sheets(tmp_path / "c.xlsx", sheets))
    assert catalog.errors == () and catalog.has_aliases
    by_code = {item.code: item for item in catalog.items}
    assert by_code["SCJG-001"].aliases == ("个体户", "开店执照", "办执照")
    assert by_code["CL-001"].aliases == ()  # the name itself is no alias


def test_an_overlong_alias_is_an_error_at_its_cell(tmp_path: Path) -> None:
    sheets = basic_sheets()
    with_aliases(sheets, SCJG_001="个" * 40)
    catalog = read_catalog(write_sheets(tmp_path / "c.xlsx", sheets))
    [error] = catalog.errors
    assert error.row == 2 and error.column == "常用名" and "过长" in error.message


def import_basic(db: Database, admin: Actor, path: Path, **aliases: str) -> None:
    sheets = basic_sheets()
    with_aliases(sheets, **aliases)
    CatalogService(db).import_file(admin, write_sheets(path, sheets))


def test_aliases_are_stored_shown_exported_and_versioned(
    db: Database, admin: Actor, tmp_path: Path
) -> None:
    service = CatalogService(db)
    import_basic(db, admin, tmp_path / "v1.xlsx", SCJG_001="个体户")
    item_id = next(s.id for s in service.items() if s.code == "SCJG-001")
    assert service.item(item_id).aliases == ("个体户",)
    exported = tmp_path / "export.xlsx"
    service.export(admin, exported)
    assert {i.code: i.aliases for i in read_catalog(exported).items}["SCJG-001"] == ("个体户",)
    # A new alias is a change of the item like any other field, with its history.
    sheets = basic_sheets()
    with_aliases(sheets, SCJG_001="个体户、个体执照")
    preview = service.preview(admin, write_sheets(tmp_path / "v2.xlsx", sheets))
    [change] = preview.changed
    assert [(c.field, c.old, c.new) for c in change.changes] == [
        ("aliases", "个体户", "个体户；个体执照")
    ]
    service.apply(admin, preview, "第二版")
    assert service.item(item_id).aliases == ("个体户", "个体执照")


def test_a_file_without_the_alias_column_keeps_the_stored_aliases(
    db: Database, admin: Actor, tmp_path: Path
) -> None:
    service = CatalogService(db)
    import_basic(db, admin, tmp_path / "v1.xlsx", SCJG_001="个体户")
    column = [c.key for c in ITEM_COLUMNS].index("aliases")
    sheets = basic_sheets()
    sheets["事项"] = [row[:column] + row[column + 1 :] for row in sheets["事项"]]
    preview = service.preview(admin, write_sheets(tmp_path / "old-template.xlsx", sheets))
    assert not preview.has_changes
    with db.reads() as session:
        stored = select(ServiceItem.aliases).where(ServiceItem.code == "SCJG-001")
        assert session.scalar(stored) == "个体户"


def test_an_exact_alias_ranks_like_an_exact_name(
    db: Database, admin: Actor, tmp_path: Path
) -> None:
    rows = [
        ITEM_HEADER,
        item_row("MZ-1", "最低生活保障审核", department="县民政局", aliases="低保、吃低保"),
        item_row("MZ-2", "低保边缘家庭认定", department="县民政局"),
        item_row("SC-1", "食品小经营店备案"),
    ]
    materials = [MATERIAL_HEADER] + [material_row(r[0], "居民身份证") for r in rows[1:]]
    CatalogService(db).import_file(
        admin, write_sheets(tmp_path / "c.xlsx", {"事项": rows, "申请材料": materials})
    )
    search = CatalogSearch.load(db)
    # Exact alias beats a name that merely starts with the query.
    assert [i.code for i in search.search("低保")] == ["MZ-1", "MZ-2"]
    assert search._index.matches("低保", 20)[0] == (TIER_EXACT, 0)
    # Alias prefix and alias pinyin initials, like a name's.
    assert [i.code for i in search.search("吃低")] == ["MZ-1"]
    assert [i.code for i in search.search("cdb")] == ["MZ-1"]
    # "db": 低保 (an alias's initials) before 店备 inside 食品小经营店备案's initials.
    assert search.search("db")[0].code == "MZ-1"
    assert search.search("dibao")[0].code == "MZ-1"


@pytest.fixture
def sample_search(db: Database, admin: Actor) -> CatalogSearch:
    outcome = CatalogService(db).import_file(admin, resource_path("catalog", "sample_catalog.xlsx"))
    assert outcome.version is not None
    return CatalogSearch.load(db)


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("低保", "最低生活保障审核"),
        ("db", "最低生活保障审核"),
        ("个体户", "个体工商户设立登记"),
        ("gth", "个体工商户设立登记"),
        ("准生证", "生育登记"),
        ("zsz", "生育登记"),
        ("残疾证", "残疾人证申领初审"),
        ("老年证", "老年人优待证申领"),
        ("医保", "城乡居民基本医疗保险参保登记"),
        ("社保卡", "社会保障卡申领（含补换卡）"),
        ("宅基地", "农村村民宅基地审批"),
        ("五保", "特困人员救助供养审核"),
    ],
)
def test_the_sample_catalog_finds_everyday_names(
    sample_search: CatalogSearch, query: str, first: str
) -> None:
    assert sample_search.search(query)[0].name == first
