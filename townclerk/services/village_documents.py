"""Printing a village point's papers: the 预登记回执 and the 交接单, rendered and kept beside the
case documents (``documents/YYYY/MM/``, the month of the registration or trip). A second print
of the same paper says 补打 on the page and is kept beside the first as ``…-补打<n>.pdf``."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from townclerk.db.database import Database, explain_environment_error
from townclerk.errors import UserError
from townclerk.formats.pdf.village_papers import (
    render_pre_registration_receipt,
    render_transfer_list,
)
from townclerk.i18n import t
from townclerk.paths import documents_dir
from townclerk.private_files import private_folder, replace_whole
from townclerk.services.access import Actor
from townclerk.services.pre_registrations import PreRegistrationService
from townclerk.services.settings import SettingsService

RECEIPT_NAME = "pre_registration_receipt"
TRANSFER_NAME = "transfer_list"


class VillageDocuments:
    def __init__(self, db: Database) -> None:
        self._db = db
        self._pre_registrations = PreRegistrationService(db)

    def receipt(self, actor: Actor, reference: str) -> Path:
        """The 预登记回执 of ``reference``, archived; its path."""
        pre = self._pre_registrations.get(actor, reference)
        center = SettingsService(self._db).center()
        folder, earlier = self._place(pre.registered_at, pre.reference, RECEIPT_NAME)
        now = self._db.now()
        content = render_pre_registration_receipt(pre, center, reprint=earlier > 0, printed_at=now)
        return self._write(folder, pre.reference, RECEIPT_NAME, earlier, content)

    def transfer_list(self, actor: Actor, number: str) -> Path:
        """The 交接单 ``number``, archived; its path."""
        trip = self._pre_registrations.transfer_list(actor, number)
        center = SettingsService(self._db).center()
        folder, earlier = self._place(trip.created_at, trip.number, TRANSFER_NAME)
        now = self._db.now()
        content = render_transfer_list(trip, center, reprint=earlier > 0, printed_at=now)
        return self._write(folder, trip.number, TRANSFER_NAME, earlier, content)

    def _place(self, when: dt.datetime, number: str, kind: str) -> tuple[Path, int]:
        """The paper's folder and how many prints of it are there already."""
        folder = documents_dir(self._db.data_dir) / f"{when:%Y}" / f"{when:%m}"
        earlier = 0
        while _archive_path(folder, number, kind, earlier).exists():
            earlier += 1
        return folder, earlier

    @staticmethod
    def _write(folder: Path, number: str, kind: str, earlier: int, content: bytes) -> Path:
        target = _archive_path(folder, number, kind, earlier)
        try:
            private_folder(folder)
            with replace_whole(target) as stream:
                stream.write(content)
        except OSError as error:
            problem = explain_environment_error(error)
            if problem is None:
                raise UserError(
                    t(
                        "无法保存文书到 {folder}：{reason}",
                        folder=folder,
                        reason=error.strerror or error,
                    )
                ) from error
            raise problem from error
        return target


def _archive_path(folder: Path, number: str, kind: str, reprint_number: int) -> Path:
    suffix = f"-补打{reprint_number}" if reprint_number else ""
    return folder / f"{number}-{kind}{suffix}.pdf"
