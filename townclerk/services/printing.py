"""Printing a case's documents: render, archive under the data dir, record the print.

Every printed document is kept as ``documents/YYYY/MM/<number>-<kind>.pdf`` (the month the case
was registered, so one case's papers sit together); a reprint says 补打 on the page, is kept
beside the original as ``<number>-<kind>-补打<n>.pdf`` and is counted as a case event. The event
is recorded only once the PDF is rendered and written, so a failed print leaves no trace but the
error.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from townclerk.db.database import Database, explain_environment_error
from townclerk.enums import DocumentKind
from townclerk.errors import UserError
from townclerk.formats.pdf.notices import render_document
from townclerk.i18n import t
from townclerk.paths import documents_dir
from townclerk.private_files import private_folder, private_temporary
from townclerk.records import changes
from townclerk.records.cases import CaseDetail
from townclerk.records.changes import DataArea
from townclerk.services.access import Actor
from townclerk.services.cases import CaseService
from townclerk.services.issuing import IssuingService
from townclerk.services.printable import check_kind, earlier_prints
from townclerk.services.settings import SettingsService


@dataclass(frozen=True)
class PrintedDocument:
    """A document printed and archived; the print is an event of its case."""

    areas: ClassVar[frozenset[DataArea]] = changes.CASES

    path: Path


def archive_name(number: str, kind: DocumentKind, reprint_number: int) -> str:
    """``<number>-<kind>.pdf`` for the original, ``<number>-<kind>-补打<n>.pdf`` for reprints."""
    suffix = f"-补打{reprint_number}" if reprint_number else ""
    return f"{number}-{kind.value}{suffix}.pdf"


class PrintService:
    def __init__(self, db: Database) -> None:
        self._db = db
        self._cases = CaseService(db)
        self._settings = SettingsService(db)
        self._issuing = IssuingService(db)

    def render(
        self, actor: Actor, number: str, kind: DocumentKind, *, reprint: bool | None = None
    ) -> PrintedDocument:
        """Print ``kind`` for case ``number``; return the archived PDF.

        Whether it is a reprint comes from the case's print history. ``reprint=True`` marks the
        page 补打 even for the first print this system records (a paper original issued before);
        nothing can drop the mark from a real reprint.
        """
        case = self._issuing.with_issuer(self._cases.get(actor, number))
        check_kind(case, kind)
        center = self._settings.center()
        printed_at = self._db.now()
        before = earlier_prints(case, kind)
        marked = bool(reprint) or before > 0
        folder = self._folder(case)
        content = render_document(kind, case, center, reprint=marked, printed_at=printed_at)
        temporary = self._write_temporary(folder, content, case.number)
        try:
            was_reprint = self._cases.record_print(actor, case.number, kind.value)
            if was_reprint and not marked:
                # Another window printed it between our reading and our recording.
                content = render_document(kind, case, center, reprint=True, printed_at=printed_at)
                temporary.unlink()
                temporary = self._write_temporary(folder, content, case.number)
            reprint_number = max(before, 1) if was_reprint else 0
            target = self._free_path(folder, case.number, kind, reprint_number)
            os.replace(temporary, target)
        except BaseException:
            temporary.unlink(missing_ok=True)
            raise
        return PrintedDocument(target)

    def _folder(self, case: CaseDetail) -> Path:
        received = case.received_at
        return documents_dir(self._db.data_dir) / f"{received:%Y}" / f"{received:%m}"

    @staticmethod
    def _write_temporary(folder: Path, content: bytes, number: str) -> Path:
        try:
            private_folder(folder)
            handle, name = private_temporary(folder, number, ".part")
            with os.fdopen(handle, "wb") as stream:
                stream.write(content)
                stream.flush()
                os.fsync(stream.fileno())
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
        return name

    @staticmethod
    def _free_path(folder: Path, number: str, kind: DocumentKind, reprint_number: int) -> Path:
        """The archive path, never one already taken (an original is never overwritten)."""
        target = folder / archive_name(number, kind, reprint_number)
        while target.exists():
            reprint_number += 1
            target = folder / archive_name(number, kind, reprint_number)
        return target
