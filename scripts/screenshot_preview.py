#!/usr/bin/env python3
"""A screenshot of the print preview showing an acceptance receipt, headless.

    QT_QPA_PLATFORM=offscreen python scripts/screenshot_preview.py docs/screenshots

:func:`save_print_preview` accepts a homestead application (an agent, one material tolerated)
in a fresh demo database at a fixed date, renders and archives its receipt through
PrintService exactly as the window does, and grabs the preview dialog at the size it takes on
a 1366 x 768 screen.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import QCoreApplication, QSize

from townclerk.db.database import Database, open_database
from townclerk.enums import ApplicantKind, DocumentKind, IdType, MaterialState
from townclerk.paths import sqlite_url
from townclerk.records.cases import AgentInput, ApplicantInput, Intake, MaterialInput
from townclerk.services.cases import CaseService
from townclerk.services.catalog import CatalogService
from townclerk.services.demo import DEMO_PASSWORD, install_demo
from townclerk.services.printing import PrintService
from townclerk.services.settings import SettingsService
from townclerk.services.users import UserService
from townclerk.ui.app import create_application
from townclerk.ui.dialogs.print_preview import PrintPreviewDialog
from townclerk.validation import id_check_character

SCREENSHOT_TIME = dt.datetime(2026, 9, 29, 10, 30)
SHOWN_ITEM = "农村村民宅基地审批"
# What the dialog makes of a 1366 x 768 screen: 860 wide, 92 % of the height left by a taskbar.
DIALOG_SIZE = QSize(860, 670)
from screenshot_support import settle  # noqa: E402


def archived_receipt(db: Database) -> tuple[Path, str]:
    """Accept a homestead application and print its receipt; the PDF and the preview title."""
    catalog = CatalogService(db)
    summary = next(item for item in catalog.items() if item.name == SHOWN_ITEM)
    materials = catalog.item(summary.id).materials
    tolerated = next(m for m in materials if m.tolerance_allowed)
    states = tuple(
        MaterialInput(m.id, MaterialState.TOLERATED, dt.date(2026, 10, 16))
        if m is tolerated
        else MaterialInput(m.id, MaterialState.RECEIVED)
        for m in materials
        if m.required
    )
    first17 = "32032419880612421"
    settings = SettingsService(db)
    intake = Intake(
        item_id=summary.id,
        applicant=ApplicantInput(
            kind=ApplicantKind.PERSON,
            id_type=IdType.RESIDENT_ID,
            id_number=first17 + id_check_character(first17),
            name="赵丽娟",
            phone="13852167788",
            address="3组12号",
            village_id=settings.villages()[2].id,
        ),
        agent=AgentInput("李芳", "32032419851120002X", "13987654321"),
        materials=states,
        window_id=settings.windows()[0].id,
    )
    clerk = UserService(db).authenticate("clerk1", DEMO_PASSWORD)
    case = CaseService(db).accept(clerk, intake)
    path = PrintService(db).render(clerk, case.number, DocumentKind.RECEIPT).path
    return path, f"{DocumentKind.RECEIPT.label} {case.number}"


def save_print_preview(folder: Path) -> Path:
    """Write print_preview.png into ``folder``; return its path."""
    folder.mkdir(parents=True, exist_ok=True)
    create_application("zh_CN")
    target = folder / "print_preview.png"
    with tempfile.TemporaryDirectory(prefix="townclerk-screenshots-") as temporary:
        data_dir = Path(temporary)
        db = open_database(sqlite_url(data_dir), data_dir, clock=lambda: SCREENSHOT_TIME)
        try:
            install_demo(db)
            pdf, title = archived_receipt(db)
            dialog = PrintPreviewDialog(pdf, title)
            dialog.resize(DIALOG_SIZE)
            dialog.show()
            settle()
            if not dialog.grab().save(str(target)):
                raise OSError(f"could not write {target}")
            dialog.close()
            dialog.deleteLater()
            QCoreApplication.processEvents()
        finally:
            db.dispose()
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="where to write print_preview.png")
    args = parser.parse_args(argv)
    print(f"wrote {save_print_preview(args.folder)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
