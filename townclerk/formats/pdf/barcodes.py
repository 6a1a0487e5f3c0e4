"""The QR code and the Code 128 barcode that carry a case number on every printed document."""

from __future__ import annotations

import itertools
from functools import lru_cache

from reportlab.graphics.barcode import qrencoder
from reportlab.graphics.barcode.code128 import Code128
from reportlab.pdfgen.canvas import Canvas

QUIET_MODULES = 10  # white margin each side of the Code 128 symbol, in bar widths (ISO/IEC 15417)
QR_BORDER = 4  # the QR code's quiet zone, in modules (ISO/IEC 18004)


def code128(value: str, *, bar_width: float, bar_height: float) -> Code128:
    """A Code 128 symbol of ``value`` (digit runs use code set C, so case numbers stay short).

    No human-readable line: it would be set in Helvetica, a font the PDF would not embed; the
    document prints the number itself in its own font.
    """
    quiet = bar_width * QUIET_MODULES
    return Code128(
        value,
        barWidth=bar_width,
        barHeight=bar_height,
        humanReadable=False,
        quiet=True,
        lquiet=quiet,
        rquiet=quiet,
    )


@lru_cache(maxsize=64)
def qr_runs(value: str) -> tuple[int, tuple[tuple[int, int, int], ...]]:
    """The QR symbol of ``value`` (error correction M) as (module count, dark runs).

    Each run is (row, first column, length). Encoding is the slow part and every page of a
    document repeats the same code, hence the cache.
    """
    code = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
    code.addData(value)
    code.make()
    runs = []
    for row, modules in enumerate(code.modules):
        column = 0
        for dark, group in itertools.groupby(bool(module) for module in modules):
            length = len(list(group))
            if dark:
                runs.append((row, column, length))
            column += length
    return code.getModuleCount(), tuple(runs)


def draw_qr(canvas: Canvas, value: str, x: float, y: float, size: float) -> None:
    """Draw the QR code of ``value`` in the square whose lower left corner is (x, y)."""
    count, runs = qr_runs(value)
    module = size / (count + 2 * QR_BORDER)
    top = y + size - QR_BORDER * module
    path = canvas.beginPath()
    for row, column, length in runs:
        path.rect(
            x + (QR_BORDER + column) * module, top - (row + 1) * module, length * module, module
        )
    canvas.saveState()
    canvas.setFillColorRGB(0, 0, 0)
    canvas.drawPath(path, stroke=0, fill=1)
    canvas.restoreState()
