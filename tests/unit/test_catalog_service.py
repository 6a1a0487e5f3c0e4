"""The catalog service: preview, apply, versions, retirement, export round trip, permissions."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from sqlalchemy import func, select

from tests.conftest import FakeClock
from tests.data.catalog_builders import (
    MATERIAL_HEADER,
    basic_sheets,
    compound_file,
    item_row,
    material_row,
    write_basic,
    write_generated,
    write_sheets,
)
from tests.factories import ItemRef, intake_for
from townclerk.db.database import Database
from townclerk.db.models import (
    AuditEntry,
    CatalogVersion,
    ItemMaterial,
    ItemRevision,
    ServiceItem,
)
from townclerk.enums import CaseKind, CaseStatus, Category, Decision, Level, MaterialForm
from townclerk.errors import NotFound, PermissionDenied, UserError
from townclerk.formats.catalog.reader import CatalogFileRefused, read_catalog
from townclerk.paths import resource_path
from townclerk.services import catalog as catalog_module
from townclerk.services.access import Actor
from townclerk.services.cases import CaseService
from townclerk.services.catalog import CatalogService

TABLES = (CatalogVersion, ServiceItem, ItemMaterial, ItemRevision, AuditEntry)


def counts(db: Database) -> dict[str, int]:
    with db.sessions() as session:
        return {
            model.__tablename__: session.scalar(select(func.count()).select_from(model)) or 0
            for model in TABLES
        }


def snapshot(db: Database) -> list[tuple[object, ...]]:
    """Every catalog row, to prove that nothing at all was written."""
    with db.sessions() as session:
        items = session.execute(select(ServiceItem.__table__)).all()
        materials = session.execute(select(ItemMaterial.__table__)).all()
        return [tuple(row) for row in (*items, *materials)]


def item_id(db: Database, code: str) -> int:
    with db.sessions() as session:
        found = session.scalar(select(ServiceItem.id).where(ServiceItem.code == code))
        assert found is not None
        return found


def second_version_sheets() -> dict[str, list[list[object]]]:
    """Version 2 of the basic catalog: one item changed, one retired (GA-001), one added."""
    sheets = basic_sheets()
    header, business, disabled, _residence = sheets["事项"]
    business = item_row("SCJG-001", "个体工商户设立登记", promised_days=3)
    sheets["事项"] = [
        header,
        business,
        disabled,
        item_row("MZ-009", "临时救助申请", category="行政给付", department="县民政局"),
    ]
    sheets["申请材料"] = [
        MATERIAL_HEADER,
        *[row for row in sheets["申请材料"][1:] if row[0] == "SCJG-001"],
        material_row("CL-001", "残疾人证", 1),
        material_row("CL-001", "银行卡", 2, form="原件"),  # was 复印件
        material_row("MZ-009", "临时救助申请书", 1),
    ]
    return sheets


# --- preview ---------------------------------------------------------------------------------
def test_preview_lists_new_items_and_writes_nothing(
    db: Database, admin: Actor, tmp_path: Path
) -> None:
    before = counts(db)
    preview = CatalogService(db).preview(admin, write_basic(tmp_path / "v1.xlsx"))
    assert [brief.code for brief in preview.added] == ["SCJG-001", "CL-001", "GA-001"]
    assert preview.changed == () and preview.retired == () and preview.unchanged == 0
    assert preview.summary_line() == "added=3 changed=0 retired=0 unchanged=0"
    assert not preview.has_errors
    assert counts(db) == before


def test_apply_creates_a_version_items_materials_revisions_and_audit(
    db: Database, admin: Actor, clock: FakeClock, tmp_path: Path
) -> None:
    path = write_basic(tmp_path / "目录2026.xlsx")
    service = CatalogService(db)
    version = service.apply(admin, service.preview(admin, path), "2026年版")
    assert version is not None
    assert (version.label, version.file_name) == ("2026年版", "目录2026.xlsx")
    assert version.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert (version.imported_by, version.imported_at) == ("admin", clock.now)
    assert version.summary_line() == "added=3 changed=0 retired=0 unchanged=0"
    assert service.versions() == [version]
    assert counts(db) == {
        "catalog_versions": 1,
        "service_items": 3,
        "item_materials": 6,
        "item_revisions": 3,
        "audit_log": 3,  # first admin, center settings, and the import
    }
    with db.sessions() as session:
        item = session.scalar(select(ServiceItem).where(ServiceItem.code == "SCJG-001"))
        assert item is not None
        assert (item.pinyin_initials, item.pinyin_full) == (
            "gtgshsldj",
            "ge ti gong shang hu she li deng ji",
        )
        assert item.added_version_id == version.id
        revision = session.scalar(select(ItemRevision).where(ItemRevision.item_id == item.id))
        assert revision is not None and revision.change == "added"
        assert revision.snapshot["name"] == "个体工商户设立登记"
        assert [m["name"] for m in revision.snapshot["materials"]] == [
            "居民身份证",
            "个体工商户设立登记申请书",
            "经营场所使用证明",
        ]
        audit = session.scalar(select(AuditEntry).where(AuditEntry.action == "catalog.import"))
        assert audit is not None
        assert audit.target == "目录2026.xlsx"
        assert audit.detail["version_id"] == version.id
        assert audit.detail["added"] == 3


def test_the_same_file_twice_is_no_change_and_no_version(
    db: Database, admin: Actor, tmp_path: Path
) -> None:
    path = write_basic(tmp_path / "v1.xlsx")
    service = CatalogService(db)
    first = service.import_file(admin, path)
    assert first.version is not None
    before = counts(db)
    again = service.import_file(admin, path, label="再次导入")
    assert again.version is None
    assert again.summary_line() == "added=0 changed=0 retired=0 unchanged=3"
    assert counts(db) == before
    assert len(service.versions()) == 1


def test_second_version_changes_retires_and_adds(
    db: Database, admin: Actor, tmp_path: Path
) -> None:
    service = CatalogService(db)
    service.import_file(admin, write_basic(tmp_path / "v1.xlsx"))
    residence = item_id(db, "GA-001")
    disabled = item_id(db, "CL-001")
    old_materials = [m.id for m in service.item(disabled).materials]

    path = write_sheets(tmp_path / "v2.xlsx", second_version_sheets())
    preview = service.preview(admin, path)
    assert preview.summary_line() == "added=1 changed=2 retired=1 unchanged=0"
    assert [b.code for b in preview.added] == ["MZ-009"]
    assert [(b.code, b.name) for b in preview.retired] == [("GA-001", "居住证申领")]
    changes = {change.code: change.changes for change in preview.changed}
    (limit,) = changes["SCJG-001"]
    assert (limit.field, limit.label, limit.old, limit.new) == (
        "promised_days",
        "承诺时限（工作日）",
        "5",
        "3",
    )
    (materials,) = changes["CL-001"]
    assert materials.label == "申请材料"
    assert "2. 银行卡（复印件，1份，必要）" in materials.old
    assert "2. 银行卡（原件，1份，必要）" in materials.new

    version = service.apply(admin, preview, "第二版")
    assert version is not None and version.id == 2
    assert (version.added, version.changed, version.retired, version.unchanged) == (1, 2, 1, 0)
    retired = service.item(residence)
    assert retired.active is False
    assert [i.code for i in service.items()] == ["SCJG-001", "CL-001", "MZ-009"]
    assert [i.code for i in service.items(include_retired=True)] == [
        "SCJG-001",
        "CL-001",
        "GA-001",
        "MZ-009",
    ]
    assert service.item(item_id(db, "SCJG-001")).promised_days == 3
    new_materials = service.item(disabled).materials
    assert [(m.name, m.form) for m in new_materials] == [
        ("残疾人证", MaterialForm.ORIGINAL),
        ("银行卡", MaterialForm.ORIGINAL),
    ]
    assert not set(old_materials) & {m.id for m in new_materials}
    with db.sessions() as session:
        old_rows = session.scalars(select(ItemMaterial).where(ItemMaterial.id.in_(old_materials)))
        assert [row.active for row in old_rows] == [False, False]  # retired, never deleted
        item = session.get(ServiceItem, residence)
        assert item is not None and item.retired_version_id == 2
        changes_recorded = session.execute(
            select(ItemRevision.change, ServiceItem.code)
            .join(ServiceItem, ServiceItem.id == ItemRevision.item_id)
            .where(ItemRevision.version_id == 2)
            .order_by(ServiceItem.code)
        ).all()
        assert sorted(changes_recorded) == [
            ("added", "MZ-009"),
            ("changed", "CL-001"),
            ("changed", "SCJG-001"),
            ("retired", "GA-001"),
        ]


def test_a_retired_item_comes_back_when_the_file_lists_it_again(
    db: Database, admin: Actor, tmp_path: Path
) -> None:
    service = CatalogService(db)
    service.import_file(admin, write_basic(tmp_path / "v1.xlsx"))
    service.import_file(admin, write_sheets(tmp_path / "v2.xlsx", second_version_sheets()))
    preview = service.preview(admin, write_basic(tmp_path / "v3.xlsx"))
    restored = [b for b in preview.added if b.restored]
    assert [b.code for b in restored] == ["GA-001"]
    service.apply(admin, preview, "第三版")
    assert service.item(item_id(db, "GA-001")).active is True
    assert {i.code for i in service.items()} == {"SCJG-001", "CL-001", "GA-001"}


# --- cases keep working ------------------------------------------------------------------------
def test_an_open_case_of_a_retired_item_can_still_be_completed(
    db: Database, admin: Actor, clerk: Actor, clock: FakeClock, tmp_path: Path
) -> None:
    service = CatalogService(db)
    service.import_file(admin, write_basic(tmp_path / "v1.xlsx"))
    # CL-001 (its materials change in v2) and GA-001 (retired in v2, an 即办件) are used.
    disabled = service.item(item_id(db, "CL-001"))
    disabled_case = CaseService(db).accept(
        clerk, intake_for(ItemRef(disabled.id, tuple(m.id for m in disabled.materials)))
    )
    assert disabled_case.status is CaseStatus.ACCEPTED

    version = service.import_file(
        admin, write_sheets(tmp_path / "v2.xlsx", second_version_sheets())
    ).version
    assert version is not None and version.retired == 1
    # Version 2 replaced CL-001's materials under the open case; version 3 retires CL-001.
    sheets = second_version_sheets()
    sheets["事项"] = [row for row in sheets["事项"] if row[0] != "CL-001"]
    sheets["申请材料"] = [row for row in sheets["申请材料"] if row[0] != "CL-001"]
    third = service.import_file(admin, write_sheets(tmp_path / "v3.xlsx", sheets)).version
    assert third is not None and third.retired == 1
    assert service.item(disabled.id).active is False

    clock.advance(days=1)
    done = CaseService(db).complete(clerk, disabled_case.number, Decision.GRANTED, "已发放")
    assert done.status is CaseStatus.COMPLETED
    # The case still shows the materials it was accepted with, though they have been replaced.
    assert [m.name for m in done.materials] == ["残疾人证", "银行卡"]
    assert [m.form for m in done.materials] == [MaterialForm.ORIGINAL, MaterialForm.COPY]
    # A new application for the retired item is refused.
    with pytest.raises(UserError, match="撤销"):
        CaseService(db).accept(
            clerk, intake_for(ItemRef(disabled.id, tuple(m.id for m in disabled.materials)))
        )


# --- atomicity and refusals ----------------------------------------------------------------------
def test_a_failure_half_way_through_apply_leaves_the_database_as_it_was(
    db: Database, admin: Actor, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    service = CatalogService(db)
    service.import_file(admin, write_basic(tmp_path / "v1.xlsx"))
    before_counts = counts(db)
    before_rows = snapshot(db)
    preview = service.preview(admin, write_sheets(tmp_path / "v2.xlsx", second_version_sheets()))

    def failing_audit(*args: object, **kwargs: object) -> None:
        raise OSError("disk I/O error while writing the audit entry")

    # The audit entry is the last write: items, materials and revisions are already flushed.
    monkeypatch.setattr(catalog_module, "record_audit", failing_audit)
    with pytest.raises(OSError, match="disk I/O"):
        service.apply(admin, preview, "第二版")
    assert counts(db) == before_counts
    assert snapshot(db) == before_rows
    assert len(service.versions()) == 1


def test_a_file_with_errors_applies_nothing(db: Database, admin: Actor, tmp_path: Path) -> None:
    service = CatalogService(db)
    service.import_file(admin, write_basic(tmp_path / "v1.xlsx"))
    before = snapshot(db)
    sheets = second_version_sheets()
    sheets["事项"].append(item_row("BAD-1", "承诺超过法定", statutory_days=3, promised_days=9))
    outcome = service.import_file(admin, write_sheets(tmp_path / "bad.xlsx", sheets))
    assert outcome.version is None
    assert outcome.preview.has_errors
    assert outcome.summary_line() == "added=0 changed=0 retired=0 unchanged=0"
    with pytest.raises(UserError, match="1处错误"):
        service.apply(admin, outcome.preview, "强行导入")
    assert snapshot(db) == before


def test_an_unreadable_file_is_refused_with_nothing_written(
    db: Database, admin: Actor, tmp_path: Path
) -> None:
    path = tmp_path / "old.xls"
    path.write_bytes(compound_file(["Workbook"]))
    before = counts(db)
    with pytest.raises(CatalogFileRefused, match="xls"):
        CatalogService(db).import_file(admin, path)
    assert counts(db) == before


def test_a_stale_preview_is_refused(db: Database, admin: Actor, tmp_path: Path) -> None:
    service = CatalogService(db)
    stale = service.preview(admin, write_basic(tmp_path / "v1.xlsx"))
    service.import_file(admin, write_sheets(tmp_path / "v2.xlsx", second_version_sheets()))
    before = snapshot(db)
    with pytest.raises(UserError, match="重新预览"):
        service.apply(admin, stale, "过期的预览")
    assert snapshot(db) == before


def test_dry_run_writes_nothing(db: Database, admin: Actor, tmp_path: Path) -> None:
    before = counts(db)
    outcome = CatalogService(db).import_file(admin, write_basic(tmp_path / "v1.xlsx"), dry_run=True)
    assert outcome.version is None
    assert outcome.summary_line() == "added=3 changed=0 retired=0 unchanged=0"
    assert counts(db) == before


def test_only_admins_import(
    db: Database, admin: Actor, clerk: Actor, supervisor: Actor, tmp_path: Path
) -> None:
    service = CatalogService(db)
    path = write_basic(tmp_path / "v1.xlsx")
    preview = service.preview(admin, path)
    for actor in (clerk, supervisor):
        with pytest.raises(PermissionDenied):
            service.preview(actor, path)
        with pytest.raises(PermissionDenied):
            service.apply(actor, preview, "越权")
        with pytest.raises(PermissionDenied):
            service.import_file(actor, path)
    assert service.versions() == []


def test_label_defaults_to_the_file_name_and_has_a_limit(
    db: Database, admin: Actor, tmp_path: Path
) -> None:
    service = CatalogService(db)
    preview = service.preview(admin, write_basic(tmp_path / "赋权目录.xlsx"))
    with pytest.raises(UserError, match="版本说明过长"):
        service.apply(admin, preview, "长" * 129)
    version = service.apply(admin, preview, "   ")
    assert version is not None and version.label == "赋权目录"


def test_many_retirements_are_flagged(db: Database, admin: Actor, tmp_path: Path) -> None:
    service = CatalogService(db)
    service.import_file(admin, write_generated(tmp_path / "all.xlsx", 30, materials_per_item=1))
    preview = service.preview(admin, write_generated(tmp_path / "few.xlsx", 10, 1))
    assert len(preview.retired) == 20
    assert any("请确认文件是否完整" in w.message for w in preview.warnings)
    assert not preview.has_errors


# --- export round trip and reading ---------------------------------------------------------
def test_export_then_import_is_no_change(
    db: Database, admin: Actor, clerk: Actor, tmp_path: Path
) -> None:
    service = CatalogService(db)
    service.import_file(admin, write_generated(tmp_path / "v1.xlsx", 40, materials_per_item=3))
    service.import_file(
        admin, write_sheets(tmp_path / "extra.xlsx", basic_sheets()), confirmed_retirements=40
    )
    exported = tmp_path / "export.xlsx"
    assert service.export(clerk, exported) == 3  # the basic file retired the generated items
    preview = service.preview(admin, exported)
    assert preview.problems == ()
    assert preview.summary_line() == "added=0 changed=0 retired=0 unchanged=3"
    assert service.import_file(admin, exported).version is None


def test_sample_catalog_round_trip(db: Database, admin: Actor, tmp_path: Path) -> None:
    sample = resource_path("catalog", "sample_catalog.xlsx")
    service = CatalogService(db)
    outcome = service.import_file(admin, sample, label="示例目录")
    assert outcome.version is not None
    exported = tmp_path / "export.xlsx"
    count = service.export(admin, exported)
    assert count == outcome.version.added
    assert list(read_catalog(exported).items) == list(read_catalog(sample).items)
    assert service.preview(admin, exported).has_changes is False


def test_item_detail_has_every_field_and_its_materials(
    db: Database, admin: Actor, clerk: Actor, tmp_path: Path
) -> None:
    service = CatalogService(db)
    sheets = basic_sheets()
    sheets["事项"][1] = item_row(
        "SCJG-001",
        "个体工商户设立登记",
        charges_fee="是",
        fee_standard="工本费10元",
        conditions="年满18周岁",
        window_name="市场监管窗口",
        lists="权力清单；公共服务事项清单",
        notes="可网上办理",
    )
    service.import_file(admin, write_sheets(tmp_path / "v1.xlsx", sheets))
    detail = service.item(item_id(db, "SCJG-001"))
    assert (detail.code, detail.name, detail.category) == (
        "SCJG-001",
        "个体工商户设立登记",
        Category.LICENSING,
    )
    assert (detail.level, detail.case_kind) == (Level.TOWNSHIP, CaseKind.PROMISED)
    assert (detail.statutory_days, detail.promised_days) == (20, 5)
    assert (detail.charges_fee, detail.fee_standard) == (True, "工本费10元")
    assert (detail.conditions, detail.window_name, detail.notes) == (
        "年满18周岁",
        "市场监管窗口",
        "可网上办理",
    )
    assert detail.lists == ("权力清单", "公共服务事项清单")
    assert detail.active is True
    assert [
        (m.seq, m.name, m.copies, m.required, m.tolerance_allowed) for m in detail.materials
    ] == [
        (1, "居民身份证", 1, True, False),
        (2, "个体工商户设立登记申请书", 2, True, True),
        (3, "经营场所使用证明", 1, False, False),
    ]
    assert all(isinstance(m.id, int) for m in detail.materials)
    with pytest.raises(NotFound):
        service.item(99_999)


def test_write_template(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "template.xlsx"
    CatalogService(db).write_template(path)
    with pytest.raises(CatalogFileRefused, match="没有任何事项"):
        read_catalog(path)
