"""The catalog's optional 办理方式 and 初审时限 columns: read (a bad cell is an error at its row
and column), written in the template and the export, compared as a change, kept in the item's
revision, and left as stored when a file has no such columns. The sample catalog marks its 初审
items."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from tests.data.catalog_builders import ITEM_HEADER, item_row, write_sheets
from townclerk.db.database import Database
from townclerk.db.models import ItemRevision, ServiceItem
from townclerk.enums import Routing
from townclerk.formats.catalog.reader import read_catalog
from townclerk.formats.catalog.shape import ITEM_COLUMNS
from townclerk.formats.catalog.writer import write_template
from townclerk.paths import resource_path
from townclerk.services.access import Actor
from townclerk.services.catalog import CatalogService

KEYS = [column.key for column in ITEM_COLUMNS]


def sheets(
    *rows: list[object], header: list[object] | None = None
) -> dict[str, list[list[object]]]:
    return {"事项": [header or ITEM_HEADER, *rows]}


def water(**values: object) -> list[object]:
    return item_row("SW-001", "取水许可初审", department="县水务局", promised_days=20, **values)


@pytest.mark.parametrize(
    ("cell", "routing"),
    [
        ("初审转报", Routing.COUNTY),
        ("转报", Routing.COUNTY),
        ("窗口办结", Routing.WINDOW),
        ("后台", Routing.BACK_OFFICE),
        (None, None),
    ],
)
def test_the_routing_is_read_in_the_counties_words(
    tmp_path: Path, cell: str | None, routing: Routing | None
) -> None:
    catalog = read_catalog(write_sheets(tmp_path / "c.xlsx", sheets(water(routing=cell))))
    assert catalog.errors == () and catalog.has_routing and catalog.has_review_days
    [item] = catalog.items
    assert (item.routing, item.review_days) == (routing, None)


def test_the_review_days_are_read_beside_it(tmp_path: Path) -> None:
    row = water(routing="初审转报", review_days="10个工作日")
    [item] = read_catalog(write_sheets(tmp_path / "c.xlsx", sheets(row))).items
    assert (item.routing, item.review_days) == (Routing.COUNTY, 10)


@pytest.mark.parametrize(
    ("values", "column", "message"),
    [
        (
            {"routing": "县里审批"},
            "办理方式",
            "无法识别“县里审批”，可填写：窗口办结、后台审批、初审转报",
        ),
        ({"routing": "初审转报", "review_days": 0}, "初审时限（工作日）", "应为1至60个工作日"),
        (
            {"routing": "初审转报", "review_days": 61},
            "初审时限（工作日）",
            "初审时限61个工作日无效",
        ),
        ({"routing": "初审转报", "review_days": "十天"}, "初审时限（工作日）", "无法识别“十天”"),
        (
            {"routing": "初审转报", "review_days": 25},
            "初审时限（工作日）",
            "初审时限（25个工作日）超过承诺时限（20个工作日）",
        ),
        (
            {"routing": "窗口办结", "review_days": 5},
            "初审时限（工作日）",
            "初审时限只适用于初审转报的事项，本行办理方式为“窗口办结”",
        ),
        (
            {"routing": "初审转报", "case_kind": "即办件", "statutory_days": 0, "promised_days": 0},
            "办理方式",
            "即办件当场办结，办理方式不能为初审转报",
        ),
    ],
)
def test_a_bad_value_is_an_error_naming_its_row_and_column(
    tmp_path: Path, values: dict[str, object], column: str, message: str
) -> None:
    row = item_row(
        "SW-001", "取水许可初审", department="县水务局", **{"promised_days": 20, **values}
    )
    good = item_row("SW-002", "河道采砂许可", department="县水务局", routing="初审转报")
    catalog = read_catalog(write_sheets(tmp_path / "c.xlsx", sheets(good, row)))
    [error] = catalog.errors
    assert (error.sheet, error.row, error.column) == ("事项", 3, column)
    assert message in error.message
    assert "第3行" in error.describe()
    assert [item.code for item in catalog.items] == ["SW-002"]


def test_the_template_has_both_columns(tmp_path: Path) -> None:
    path = tmp_path / "template.xlsx"
    write_template(path)
    header = [cell.value for cell in load_workbook(path)["事项"][1]]
    assert "办理方式" in header and "初审时限（工作日）" in header


def test_stored_exported_compared_snapshotted_and_kept(
    db: Database, admin: Actor, tmp_path: Path
) -> None:
    service = CatalogService(db)
    first = sheets(water(routing="初审转报", review_days=5))
    service.import_file(admin, write_sheets(tmp_path / "v1.xlsx", first))
    with db.reads() as session:
        item = session.scalar(select(ServiceItem))
        assert item is not None and (item.routing, item.review_days) == (Routing.COUNTY, 5)
        item_id = item.id
    detail = service.item(item_id)
    assert (detail.routing, detail.review_days) == (Routing.COUNTY, 5)
    exported = tmp_path / "export.xlsx"
    service.export(admin, exported)
    [again] = read_catalog(exported).items
    assert (again.routing, again.review_days) == (Routing.COUNTY, 5)
    assert not service.preview(admin, exported).has_changes
    # A change of either is a change of the item, shown as the other fields are.
    second = sheets(water(routing="初审转报", review_days=8))
    preview = service.preview(admin, write_sheets(tmp_path / "v2.xlsx", second))
    [change] = preview.changed
    assert [(c.field, c.label, c.old, c.new) for c in change.changes] == [
        ("review_days", "初审时限（工作日）", "5", "8")
    ]
    service.apply(admin, preview, "第二版")
    third = sheets(water(routing="窗口办结"))
    preview = service.preview(admin, write_sheets(tmp_path / "v3.xlsx", third))
    [change] = preview.changed
    assert [(c.field, c.old, c.new) for c in change.changes] == [
        ("routing", "初审转报", "窗口办结"),
        ("review_days", "8", ""),
    ]
    service.apply(admin, preview, "第三版")
    with db.reads() as session:
        snapshots = [
            (r.snapshot["routing"], r.snapshot["review_days"])
            for r in session.scalars(select(ItemRevision).order_by(ItemRevision.id))
        ]
    assert snapshots == [("county", 5), ("county", 8), ("window", None)]
    # A file without the two columns (an older template) leaves them as they are.
    keep = [i for i, key in enumerate(KEYS) if key not in ("routing", "review_days")]
    old = {"事项": [[row[i] for i in keep] for row in sheets(water(), header=ITEM_HEADER)["事项"]]}
    preview = service.preview(admin, write_sheets(tmp_path / "old.xlsx", old))
    assert not preview.has_changes
    assert service.item(item_id).routing is Routing.WINDOW


def test_the_sample_catalog_marks_its_review_items() -> None:
    catalog = read_catalog(resource_path("catalog", "sample_catalog.xlsx"))
    assert catalog.errors == ()
    reviewed = {item.name: item.review_days for item in catalog.items if item.routing}
    assert reviewed["取水许可初审"] == 10
    assert reviewed["河道采砂许可"] == 10  # its name does not say so; the column does
    assert all(name.endswith("初审") for name in reviewed if name != "河道采砂许可")
    assert all(
        item.routing is Routing.COUNTY and item.review_days <= item.promised_days
        for item in catalog.items
        if item.routing is not None and item.review_days is not None
    )
