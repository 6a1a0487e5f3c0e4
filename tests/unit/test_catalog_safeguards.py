"""Import safeguards: retiring many items needs the number; a new code keeps the item."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from tests.data.catalog_builders import basic_sheets, item_row, write_basic, write_sheets
from tests.factories import ItemRef, intake_for
from tests.people import PASSWORD
from tests.unit.test_catalog_cli import run
from townclerk.db.database import Database
from townclerk.db.models import Case, ItemRevision, ServiceItem
from townclerk.services.access import Actor
from townclerk.services.cases import CaseService
from townclerk.services.catalog import CatalogService, RetirementNotConfirmed
from townclerk.services.search import CatalogSearch


def recoded_sheets() -> dict[str, list[list[object]]]:
    """The basic catalog with SCJG-001 renumbered SCJG-009 (same name and department) and its
    limit changed; the other two items kept."""
    sheets = basic_sheets()
    items = sheets["事项"]
    items[1] = item_row("SCJG-009", "个体工商户设立登记", promised_days=3)
    header, *materials = sheets["申请材料"]
    sheets["申请材料"] = [header] + [
        ["SCJG-009" if row[0] == "SCJG-001" else row[0], *row[1:]] for row in materials
    ]
    return sheets


def only_first_item() -> dict[str, list[list[object]]]:
    sheets = basic_sheets()
    sheets["事项"] = sheets["事项"][:2]
    sheets["申请材料"] = [r for r in sheets["申请材料"] if r[0] in ("SCJG-001", "事项编码*")]
    return sheets


def test_an_item_under_a_new_code_is_one_change_and_keeps_its_cases_and_usage(
    db: Database, admin: Actor, clerk: Actor, tmp_path: Path
) -> None:
    service = CatalogService(db)
    service.import_file(admin, write_basic(tmp_path / "v1.xlsx"))
    item = next(i for i in service.items() if i.code == "SCJG-001")
    detail = service.item(item.id)
    ref = ItemRef(item.id, tuple(m.id for m in detail.materials))
    case = CaseService(db).accept(clerk, intake_for(ref)).number

    preview = service.preview(admin, write_sheets(tmp_path / "v2.xlsx", recoded_sheets()))
    assert preview.added == () and preview.retired == ()
    [change] = preview.changed
    assert (change.old_code, change.code, change.recoded) == ("SCJG-001", "SCJG-009", True)
    assert [(c.field, c.old, c.new) for c in change.changes] == [
        ("code", "SCJG-001", "SCJG-009"),
        ("promised_days", "5", "3"),
    ]
    assert preview.summary_line() == "added=0 changed=1 retired=0 unchanged=2"
    assert preview.summary_words() == "新增0项，变更0项，编码变更1项，撤销0项，未变2项"
    version = service.apply(admin, preview, "第二版")
    assert version is not None and version.recoded == 1
    assert version.summary_words() == preview.summary_words()

    # The same row, under its new code: the case and the usage counts follow it.
    assert service.item(item.id).code == "SCJG-009"
    assert service.item(item.id).promised_days == 3
    with db.reads() as session:
        assert session.scalar(select(func.count()).select_from(ServiceItem)) == 3
        assert session.scalar(select(Case.item_id).where(Case.number == case)) == item.id
        changes = session.scalars(
            select(ItemRevision.change).where(ItemRevision.item_id == item.id)
        ).all()
    assert list(changes) == ["added", "recoded"]
    assert [i.name for i in CatalogSearch.load(db).most_used(None)] == ["个体工商户设立登记"]


def test_two_items_of_one_name_and_department_are_not_guessed_at(
    db: Database, admin: Actor, tmp_path: Path
) -> None:
    service = CatalogService(db)
    sheets = basic_sheets()
    sheets["事项"].append(item_row("SCJG-002", "个体工商户设立登记"))
    sheets["申请材料"].append(["SCJG-002", 1, "居民身份证"])
    service.import_file(admin, write_sheets(tmp_path / "v1.xlsx", sheets))
    header, *_rest = sheets["事项"]
    sheets["事项"] = [header, item_row("SCJG-009", "个体工商户设立登记"), *sheets["事项"][2:4]]
    sheets["申请材料"] = [
        ["SCJG-009" if row[0] == "SCJG-001" else row[0], *row[1:]]
        for row in sheets["申请材料"]
        if row[0] != "SCJG-002"
    ]
    preview = service.preview(admin, write_sheets(tmp_path / "v2.xlsx", sheets))
    assert [b.code for b in preview.added] == ["SCJG-009"]
    assert sorted(b.code for b in preview.retired) == ["SCJG-001", "SCJG-002"]
    assert preview.recoded == ()


def test_retiring_more_than_a_third_needs_the_number_and_writes_nothing_without_it(
    db: Database, admin: Actor, tmp_path: Path
) -> None:
    service = CatalogService(db)
    service.import_file(admin, write_basic(tmp_path / "v1.xlsx"))
    preview = service.preview(admin, write_sheets(tmp_path / "v2.xlsx", only_first_item()))
    assert len(preview.retired) == 2 and preview.active_before == 3 and preview.retires_many
    assert any("三分之一" in w.message for w in preview.warnings)
    for confirmed in (None, 1, 3):
        with pytest.raises(RetirementNotConfirmed, match="将撤销2个事项"):
            service.apply(admin, preview, "第二版", confirmed_retirements=confirmed)
    assert len(service.versions()) == 1 and len(service.items()) == 3
    version = service.apply(admin, preview, "第二版", confirmed_retirements=2)
    assert version is not None and version.retired == 2


def test_the_cli_refuses_many_retirements_in_one_line_until_confirmed(
    data_dir: Path,
    db: Database,
    admin: Actor,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("TOWNCLERK_PASSWORD", PASSWORD)
    CatalogService(db).import_file(admin, write_basic(tmp_path / "v1.xlsx"))
    path = str(write_sheets(tmp_path / "v2.xlsx", only_first_item()))
    capsys.readouterr()
    assert run(data_dir, "catalog", "import", path, "--user", "admin") == 1
    out, err = capsys.readouterr()
    assert err.strip().count("\n") == 0
    assert "将撤销2个事项" in err and "--confirm-retire 2" in err
    assert out.rstrip().split("\n")[-1] == "added=0 changed=0 retired=0 unchanged=0"
    assert len(CatalogService(db).versions()) == 1
    assert run(data_dir, "catalog", "import", path, "--user", "admin", "--confirm-retire", "2") == 0
    lines = capsys.readouterr().out.rstrip().split("\n")
    assert lines[-2:] == [
        "新增0项，变更0项，编码变更0项，撤销2项，未变1项",
        "added=0 changed=0 retired=2 unchanged=1",
    ]
