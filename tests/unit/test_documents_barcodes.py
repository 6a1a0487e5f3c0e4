"""The QR code and the Code 128 barcode on each page carry the case number."""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest
from reportlab.graphics.barcode import qrencoder
from reportlab.lib.units import mm

from tests.factories import intake_for, make_item
from townclerk.db.database import Database
from townclerk.enums import DocumentKind
from townclerk.formats.pdf.barcodes import code128, qr_runs
from townclerk.formats.pdf.notices import render_document
from townclerk.services.access import Actor
from townclerk.services.cases import CaseService
from townclerk.services.settings import SettingsService

NUMBER = "320324101-20260929-0001"
HAVE_ZBAR = shutil.which("zbarimg") is not None and shutil.which("pdftoppm") is not None


def decode_code128(symbols: list[int]) -> str:
    """Read back Code 128 symbol values (start, data, checksum, stop) as text."""
    start, *data, checksum, stop = symbols
    assert stop == 106
    assert checksum == (start + sum(i * v for i, v in enumerate(data, start=1))) % 103
    code_set = {103: "A", 104: "B", 105: "C"}[start]
    text = ""
    for value in data:
        if value == 99:
            code_set = "C"
        elif value == 100:
            code_set = "B"
        elif value == 101:
            code_set = "A"
        elif code_set == "C":
            text += f"{value:02d}"
        else:
            text += chr(value + 32)
    return text


def test_code128_encodes_the_case_number_compactly() -> None:
    symbol = code128(NUMBER, bar_width=0.3 * mm, bar_height=9 * mm)
    symbol.validate()
    symbol.encode()
    assert decode_code128(symbol.encoded) == NUMBER
    assert 99 in symbol.encoded  # digit runs in code set C
    assert symbol.width < 80 * mm  # fits beside the number on A4


def test_qr_code_encodes_the_case_number() -> None:
    count, runs = qr_runs(NUMBER)
    reference = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
    reference.addData(NUMBER)
    reference.make()
    assert count == reference.getModuleCount()
    dark = {(row, column + i) for row, column, length in runs for i in range(length)}
    expected = {
        (row, column)
        for row in range(count)
        for column in range(count)
        if reference.isDark(row, column)
    }
    assert dark == expected
    assert qr_runs(NUMBER + "X") != (count, runs)


def scan_page(pdf: Path, page: int, tmp_path: Path) -> set[str]:
    """Render one page with pdftoppm and read every code on it with zbarimg."""
    image = tmp_path / f"page-{page}"
    pages = ["-f", str(page), "-l", str(page), "-singlefile"]
    subprocess.run(
        ["pdftoppm", "-r", "300", "-gray", "-png", *pages, str(pdf), str(image)], check=True
    )
    result = subprocess.run(
        ["zbarimg", "-q", str(image.with_suffix(".png"))], capture_output=True, text=True
    )
    return set(result.stdout.split())


@pytest.mark.skipif(not HAVE_ZBAR, reason="zbarimg (zbar-tools) or pdftoppm not installed")
@pytest.mark.parametrize("paper", ["A4", "A5"])
def test_printed_codes_scan_back_to_the_case_number_on_every_page(
    db: Database, clerk: Actor, tmp_path: Path, paper: str
) -> None:
    item = make_item(db, materials=tuple((f"第{n}项申请材料", True, False) for n in range(1, 41)))
    case = CaseService(db).accept(clerk, intake_for(item))
    center = replace(SettingsService(db).center(), paper_size=paper)
    pdf = tmp_path / "receipt.pdf"
    pdf.write_bytes(render_document(DocumentKind.RECEIPT, case, center))
    assert case.number == NUMBER
    for page in (1, 2):
        assert scan_page(pdf, page, tmp_path) == {f"QR-Code:{NUMBER}", f"CODE-128:{NUMBER}"}
