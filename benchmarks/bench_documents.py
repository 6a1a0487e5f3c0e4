"""Printed-document figures: receipt generation time and file size.

    python benchmarks/bench_documents.py [--repeat N]

Prints, beside a bare ReportLab page measured in the same run (a canvas drawing the receipt's
own text, line by line, in the same embedded font):
* receipt generation p50/p99 (render_document: layout, fonts, QR and barcode, PDF bytes), wall
  time and CPU time (the CPU figure is steadier on a busy machine), and the file size;
* the first receipt of a process (loading the fonts) once;
* a full print through PrintService (read the case, render, archive, record the event);
* the two-part receipt and the 30-material, two-page receipt.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from pypdf import PdfReader
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.common import percentiles, report, time_each
from tests.data.document_cases import accepted_case, long_case, open_sample_database
from townclerk.db.database import Database
from townclerk.enums import DocumentKind
from townclerk.formats.pdf import fonts
from townclerk.formats.pdf.notices import render_document
from townclerk.records.cases import CaseDetail
from townclerk.services.access import Actor
from townclerk.services.printing import PrintService
from townclerk.services.settings import SettingsService

PASSWORD = "bench-documents-1"
TARGET_MS = 40
TARGET_KB = 60


def cpu_each(action: Callable[[], object], repeat: int) -> list[float]:
    samples = []
    for _ in range(repeat):
        started = time.process_time()
        action()
        samples.append(time.process_time() - started)
    return samples


def set_up(folder: Path) -> tuple[Database, Actor, CaseDetail, CaseDetail]:
    """The receipt of the documents' tests (张伟 through an agent, one material under 容缺) and
    their 30-material stress case."""
    db, clerk, window_id = open_sample_database(
        folder, lambda: dt.datetime(2026, 9, 29, 9, 30), PASSWORD
    )
    return db, clerk, accepted_case(db, clerk, window_id), long_case(db, clerk, window_id)


def bare_page(lines: list[str]) -> bytes:
    """The bare baseline: the same text drawn line by line on one A4 canvas, same font."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, initialFontName=fonts.FONT_NAME)
    canvas.setFont(fonts.FONT_NAME, 10)
    y = A4[1] - 20 * mm
    for line in lines:
        canvas.drawString(20 * mm, y, line)
        y -= 12
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=200)
    repeat = parser.parse_args().repeat
    with tempfile.TemporaryDirectory(prefix="townclerk-bench-documents-") as temp:
        db, clerk, receipt, long_case = set_up(Path(temp))
        try:
            center = SettingsService(db).center()
            started = time.perf_counter()
            pdf = render_document(DocumentKind.RECEIPT, receipt, center)
            report(
                "first receipt in the process (fonts load)",
                (time.perf_counter() - started) * 1000,
                "ms",
            )

            lines = [
                line
                for page in PdfReader(io.BytesIO(pdf)).pages
                for line in page.extract_text().splitlines()
                if line.strip()
            ]
            bare = bare_page(lines)
            bare_p50, bare_p99 = percentiles(time_each(lambda: bare_page(lines), repeat))
            bare_cpu = statistics.median(cpu_each(lambda: bare_page(lines), repeat)) * 1000

            def receipt_pdf() -> bytes:
                return render_document(DocumentKind.RECEIPT, receipt, center)

            p50, p99 = percentiles(time_each(receipt_pdf, repeat))
            cpu = statistics.median(cpu_each(receipt_pdf, repeat)) * 1000
            print(f"receipt: {len(lines)} lines of text, {len(receipt.materials)} materials")
            report(
                "receipt generation p50 (wall)",
                p50,
                "ms",
                f"<= {TARGET_MS} ms",
                f"bare ReportLab page p50 {bare_p50:.2f} ms",
            )
            report("receipt generation p99 (wall)", p99, "ms", "", f"bare p99 {bare_p99:.2f} ms")
            report("receipt generation p50 (CPU)", cpu, "ms", "", f"bare CPU p50 {bare_cpu:.2f} ms")
            report(
                "receipt file size",
                len(pdf) / 1024,
                "KB",
                f"<= {TARGET_KB} KB",
                f"bare page {len(bare) / 1024:.1f} KB",
            )

            two_part = replace(center, two_part=True)
            two_p50, _ = percentiles(
                time_each(
                    lambda: render_document(DocumentKind.RECEIPT, receipt, two_part), repeat // 4
                )
            )
            two_size = len(render_document(DocumentKind.RECEIPT, receipt, two_part))
            report("two-part receipt p50 (2 pages)", two_p50, "ms", "", f"{two_size / 1024:.1f} KB")
            long_p50, _ = percentiles(
                time_each(
                    lambda: render_document(DocumentKind.RECEIPT, long_case, center), repeat // 4
                )
            )
            long_size = len(render_document(DocumentKind.RECEIPT, long_case, center))
            report(
                "30-material receipt p50 (2 pages)",
                long_p50,
                "ms",
                "",
                f"{long_size / 1024:.1f} KB",
            )

            printer = PrintService(db)
            print_p50, print_p99 = percentiles(
                time_each(
                    lambda: printer.render(clerk, receipt.number, DocumentKind.RECEIPT), repeat // 4
                )
            )
            report(
                "print: read, render, archive, record p50",
                print_p50,
                "ms",
                "",
                f"p99 {print_p99:.2f} ms",
            )
        finally:
            db.dispose()


if __name__ == "__main__":
    main()
