#!/usr/bin/env python3
"""Screenshots of the catalog admin page and of its import wizard on the change-preview step.

    QT_QPA_PLATFORM=offscreen python scripts/screenshot_catalog.py docs/screenshots

:func:`save_catalog_screens` writes catalog_preview.png and catalog_admin.png from a fresh demo
database (the sample catalog imported in spring as version 1). A second version is made from
the exported catalog the way a county revises one: one item's promised limit shortened, one
item's materials changed, two items taken back and one added. The wizard checks it (the preview
is grabbed), imports it, and the page is grabbed with both versions in its history.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import tempfile
from dataclasses import replace
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import QCoreApplication, QThreadPool

from townclerk.db.database import open_database
from townclerk.enums import CaseKind, Category, Level, MaterialForm, PowerSource
from townclerk.formats.catalog.reader import read_catalog
from townclerk.formats.catalog.shape import CatalogItem, CatalogMaterial
from townclerk.formats.catalog.writer import write_catalog_workbook
from townclerk.paths import sqlite_url
from townclerk.services.catalog import CatalogService
from townclerk.services.demo import DEMO_PASSWORD, install_demo
from townclerk.ui.app import create_application
from townclerk.ui.context import AppContext, DataBus, Session
from townclerk.ui.main_window import MainWindow
from townclerk.ui.pages.catalog.catalog_page import CatalogAdminPage
from townclerk.ui.pages.catalog.import_wizard import CatalogImportDialog, ImportStep

DEMO_INSTALLED = dt.datetime(2026, 3, 2, 9, 0)
SCREENSHOT_TIME = dt.datetime(2026, 9, 29, 10, 30)
WINDOW_SIZE = (1366, 768)  # the most common screen at a township window
SECOND_VERSION_FILE = "睢宁县示范镇赋权目录（2026年9月调整）.xlsx"
SECOND_VERSION_LABEL = "2026年9月调整"
SHORTENED_ITEM = "临时救助申请"
MATERIALS_ITEM = "农村村民宅基地审批"
RETIRED_COUNT = 2
from screenshot_support import Clock, grab, settle  # noqa: E402


def revised(item: CatalogItem) -> CatalogItem:
    """The county's revision of one item, or the item unchanged."""
    if item.name == SHORTENED_ITEM:
        return replace(item, promised_days=max(1, item.promised_days - 2))
    if item.name == MATERIALS_ITEM:
        materials = [
            replace(m, form=MaterialForm.ELECTRONIC) if m.seq == 1 else m for m in item.materials
        ]
        materials.append(
            CatalogMaterial(
                seq=len(materials) + 1,
                name="宅基地使用承诺书",
                form=MaterialForm.ORIGINAL,
                copies=1,
                required=True,
                tolerance_allowed=False,
            )
        )
        return replace(item, materials=tuple(materials))
    return item


def second_version(catalog: CatalogService, admin: object, folder: Path) -> Path:
    """The sample catalog as exported, revised: see the module's docstring."""
    exported = folder / "exported.xlsx"
    catalog.export(admin, exported)  # type: ignore[arg-type]
    items = [revised(item) for item in read_catalog(exported).items]
    village_items = [item for item in items if item.level is Level.VILLAGE]
    retired = {item.code for item in village_items[-RETIRED_COUNT:]}
    items = [item for item in items if item.code not in retired]
    items.append(
        CatalogItem(
            code="SNZ-MZ-009",
            name="困难群众价格临时补贴发放",
            category=Category.BENEFIT,
            department="睢宁县民政局",
            statutory_days=10,
            promised_days=5,
            case_kind=CaseKind.PROMISED,
            power_source=PowerSource.DELEGATED_FROM_ABOVE,
            level=Level.TOWNSHIP,
            legal_basis="《社会救助暂行办法》",
            place="镇为民服务中心综合窗口",
            result="其他",
            materials=(
                CatalogMaterial(1, "居民身份证", MaterialForm.ORIGINAL_AND_COPY, 1, True, False),
                CatalogMaterial(2, "银行卡", MaterialForm.COPY, 1, True, True),
            ),
        )
    )
    target = folder / SECOND_VERSION_FILE
    write_catalog_workbook(target, items)
    return target


def save_catalog_screens(folder: Path) -> list[Path]:
    """Write catalog_preview.png and catalog_admin.png into ``folder``; return their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    create_application("zh_CN")
    written = []
    with tempfile.TemporaryDirectory(prefix="townclerk-screenshots-") as temporary:
        data_dir = Path(temporary) / "data"
        data_dir.mkdir()
        clock = Clock(DEMO_INSTALLED)
        db = open_database(sqlite_url(data_dir), data_dir, clock=clock)
        try:
            install_demo(db)
            clock.now = SCREENSHOT_TIME
            context = AppContext(db, DataBus())
            admin = context.users.authenticate("admin", DEMO_PASSWORD)
            revision = second_version(context.catalog, admin, Path(temporary))
            context.start_session(Session(admin, None, ""))
            window = MainWindow(context)
            window.resize(*WINDOW_SIZE)
            window.show()
            page = window.show_page("catalog")
            assert isinstance(page, CatalogAdminPage)
            settle()

            dialog = page.open_import()
            assert isinstance(dialog, CatalogImportDialog)
            dialog.file_edit.setText(str(revision))
            dialog.label_edit.setText(SECOND_VERSION_LABEL)
            dialog.check()
            settle()
            if dialog.step is not ImportStep.PREVIEW:
                raise RuntimeError(f"the wizard stopped at {dialog.step}")
            written.append(grab(dialog, folder / "catalog_preview.png"))

            dialog.apply()
            settle()
            if dialog.step is not ImportStep.DONE:
                raise RuntimeError(f"the import stopped at {dialog.step}")
            dialog.accept()
            settle()
            written.append(grab(window, folder / "catalog_admin.png"))
            window.close()
            window.deleteLater()
            QCoreApplication.processEvents()
        finally:
            QThreadPool.globalInstance().waitForDone(10_000)
            db.dispose()
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="where to write the PNG files")
    args = parser.parse_args(argv)
    for path in save_catalog_screens(args.folder):
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
