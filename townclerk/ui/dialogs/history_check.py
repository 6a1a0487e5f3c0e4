"""The start-up check of the history's recent tail (case events, audit log).

The check runs once the database is open, on a thread of its own while the login dialog waits
(``ui/app.py``); a broken chain is logged whoever uses the window, and an admin who logs in is
shown a warning naming the broken link and telling them to run ``townclerk audit verify`` on the
whole history.
"""

from __future__ import annotations

import logging

from PySide6.QtWidgets import QMessageBox, QWidget

from townclerk.db.database import Database
from townclerk.enums import Role
from townclerk.i18n import t
from townclerk.records.history import ChainReport
from townclerk.services.access import Actor
from townclerk.services.history import verify_recent_tail

log = logging.getLogger("townclerk.ui")


def check_recent_history(db: Database) -> ChainReport:
    report = verify_recent_tail(db)
    if report.broken is not None:
        broken = report.broken
        log.error(
            "history chain broken: %s position %d %s: %s",
            broken.table,
            broken.position,
            broken.row,
            broken.problem,
        )
    return report


def warn_admin(report: ChainReport, actor: Actor, parent: QWidget | None) -> QMessageBox | None:
    """Open (not exec) the warning for an admin when the chain is broken; None otherwise."""
    broken = report.broken
    if broken is None or actor.role is not Role.ADMIN:
        return None
    text = t(
        "历史记录在 townclerk 之外被改动过：{table} 第{position}条 {row}："
        "{problem}\n"
        "\n"
        "请运行“townclerk audit verify”核验全部历史记录，并与日报上打印的"
        "历史链头核对。",
        table=broken.table,
        position=broken.position,
        row=broken.row,
        problem=broken.problem,
    )
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        t("历史记录被改动"),
        text,
        QMessageBox.StandardButton.Ok,
        parent,
    )
    box.setObjectName("historyWarning")
    box.open()
    return box
