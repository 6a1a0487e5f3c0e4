"""The catalog's optional 实施主体 (决定机关) column: read, stored, exported, compared, and kept
when a file has no such column."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.data.catalog_builders import basic_sheets, write_sheets
from townclerk.db.database import Database
from townclerk.formats.catalog.reader import read_catalog
from townclerk.formats.catalog.shape import ITEM_COLUMNS
from townclerk.formats.catalog.writer import write_template
from townclerk.services.access import Actor
from townclerk.services.catalog import CatalogService

COLUMN = [c.key for c in ITEM_COLUMNS].index("issuing_body")


def with_bodies(header: str = "实施主体", **bodies: str) -> dict[str, list[list[object]]]:
    """The basic workbook with the 实施主体 cells of the items named by code (SCJG_001)."""
    sheets = basic_sheets()
    sheets["事项"][0][COLUMN] = header
    for row in sheets["事项"][1:]:
        row[COLUMN] = bodies.get(str(row[0]).replace("-", "_"))
    return sheets


@pytest.mark.parametrize("header", ["实施主体", "决定机关", "实施主体（可不填）"])
def test_the_column_is_read_under_either_name(tmp_path: Path, header: str) -> None:
    sheets = with_bodies(header, SCJG_001=" 睢宁县市场监督管理局 ")
    catalog = read_catalog(write_sheets(tmp_path / "c.xlsx", sheets))
    assert catalog.errors == () and catalog.has_issuing_body
    by_code = {item.code: item for item in catalog.items}
    assert by_code["SCJG-001"].issuing_body == "睢宁县市场监督管理局"
    assert by_code["CL-001"].issuing_body == ""


def test_an_overlong_body_is_an_error_at_its_cell(tmp_path: Path) -> None:
    sheets = with_bodies(SCJG_001="局" * 129)
    [error] = read_catalog(write_sheets(tmp_path / "c.xlsx", sheets)).errors
    assert (error.row, error.column) == (2, "实施主体")


def test_the_template_has_the_column(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    path = tmp_path / "template.xlsx"
    write_template(path)
    header = [cell.value for cell in load_workbook(path)["事项"][1]]
    assert "实施主体" in header


def test_the_body_is_stored_exported_compared_and_kept(
    db: Database, admin: Actor, tmp_path: Path
) -> None:
    service = CatalogService(db)
    service.import_file(admin, write_sheets(tmp_path / "v1.xlsx", with_bodies(SCJG_001="甲局")))
    item_id = next(s.id for s in service.items() if s.code == "SCJG-001")
    assert service.item(item_id).issuing_body == "甲局"
    exported = tmp_path / "export.xlsx"
    service.export(admin, exported)
    assert {i.code: i.issuing_body for i in read_catalog(exported).items}["SCJG-001"] == "甲局"
    # A changed body is a change of the item, shown with its old and new value.
    preview = service.preview(
        admin, write_sheets(tmp_path / "v2.xlsx", with_bodies(SCJG_001="乙局"))
    )
    [change] = preview.changed
    assert [(c.field, c.old, c.new) for c in change.changes] == [("issuing_body", "甲局", "乙局")]
    service.apply(admin, preview, "第二版")
    assert service.item(item_id).issuing_body == "乙局"
    # A file without the column (an older template) leaves it as it is.
    sheets = basic_sheets()
    sheets["事项"] = [row[:COLUMN] + row[COLUMN + 1 :] for row in sheets["事项"]]
    preview = service.preview(admin, write_sheets(tmp_path / "old.xlsx", sheets))
    assert not preview.has_changes
    assert service.item(item_id).issuing_body == "乙局"
