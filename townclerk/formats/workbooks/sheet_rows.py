"""The rows of a very long worksheet, written straight as SpreadsheetML text.

openpyxl serialises every cell through an XML element tree: about 10 µs a cell on a clerk's PC,
so a ledger of 30,000 cases with 28 columns takes 8 s and more even in write-only mode. The
ledger's rows are plain values with three styles, so they are written here as text (about 1 µs
a cell) into a temporary file, and spliced into the package openpyxl writes for everything else
(title block, header, totals row, column widths, frozen panes, print set-up, styles, the notes
sheet). openpyxl stays the one place that knows the workbook's structure; this module only knows
how one row of cells is spelled.

Text is written as inline strings (``t="inlineStr"``), which Excel, WPS and LibreOffice read like
shared strings and which can never be taken for a formula; text that *looks* like one (``=``,
``+``, ``-``, ``@``) also gets the quote-prefix style, as openpyxl's cells do, so editing it in
Excel keeps it text.
"""

from __future__ import annotations

import datetime as dt
import math
import shutil
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from typing import IO, Any
from xml.sax.saxutils import escape

from openpyxl.cell import WriteOnlyCell
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import to_excel

from townclerk.formats.workbooks.parts import (
    DATE_FORMAT,
    DATETIME_FORMAT,
    clean_text,
    needs_text_type,
)

COPY_CHUNK = 1 << 20


@dataclass(frozen=True)
class RowStyles:
    """Indexes into the workbook's cell formats (``cellXfs``) that the rows use."""

    date: int
    datetime: int
    quoted_text: int

    @classmethod
    def register(cls, sheet: Any) -> RowStyles:
        """Add the rows' formats to ``sheet``'s workbook (written with its styles part)."""

        def style_id(number_format: str | None = None, quote_prefix: bool = False) -> int:
            cell = WriteOnlyCell(sheet)
            if number_format is not None:
                cell.number_format = number_format
            if quote_prefix:
                cell.quotePrefix = True
            index: int = cell.style_id
            return index

        return cls(
            date=style_id(DATE_FORMAT),
            datetime=style_id(DATETIME_FORMAT),
            quoted_text=style_id(quote_prefix=True),
        )


def _text(reference: str, value: str, quoted_style: int) -> str:
    text = clean_text(value)
    if not text:
        return ""
    style = f' s="{quoted_style}"' if needs_text_type(text) else ""
    space = ' xml:space="preserve"' if text[0].isspace() or text[-1].isspace() else ""
    return f'<c r="{reference}"{style} t="inlineStr"><is><t{space}>{escape(text)}</t></is></c>'


class RowWriter:
    """Writes rows of values (str, int, float, bool, date, datetime or None) as ``<row>``
    elements into a binary stream, UTF-8 encoded."""

    def __init__(self, stream: IO[bytes], styles: RowStyles, columns: int) -> None:
        self._stream = stream
        self._styles = styles
        self._letters = [get_column_letter(index) for index in range(1, columns + 1)]

    def write(self, row_number: int, values: Sequence[Any]) -> None:
        if len(values) > len(self._letters):
            raise ValueError(f"{len(values)} values for {len(self._letters)} columns")
        cells = [f'<row r="{row_number}">']
        styles = self._styles
        for letter, value in zip(self._letters, values, strict=False):
            if value is None:
                continue
            reference = f"{letter}{row_number}"
            kind = type(value)
            if kind is str:
                cells.append(_text(reference, value, styles.quoted_text))
            elif kind is int or kind is float:
                if kind is float and not math.isfinite(value):
                    cells.append(_text(reference, str(value), styles.quoted_text))
                else:
                    cells.append(f'<c r="{reference}"><v>{value!r}</v></c>')
            elif kind is bool:
                cells.append(f'<c r="{reference}" t="b"><v>{int(value)}</v></c>')
            elif kind is dt.datetime:
                if value.tzinfo is not None:
                    raise ValueError(f"a time zone in a worksheet cell: {value!r}")
                serial = to_excel(value)
                cells.append(f'<c r="{reference}" s="{styles.datetime}"><v>{serial!r}</v></c>')
            elif kind is dt.date:
                serial = to_excel(value)
                cells.append(f'<c r="{reference}" s="{styles.date}"><v>{serial!r}</v></c>')
            else:
                raise TypeError(f"cannot write {kind.__name__} in a worksheet row: {value!r}")
        cells.append("</row>")
        self._stream.write("".join(cells).encode())


def splice_rows(
    package: IO[bytes], sheet_part: str, before_row: int, rows: IO[bytes], output: IO[bytes]
) -> None:
    """Copy the xlsx ``package`` to ``output``, with ``rows`` (from the start of that stream)
    inserted into the worksheet ``sheet_part`` just before its row number ``before_row``.

    The rows must be numbered to fit the gap the package leaves for them.
    """
    marker = f'<row r="{before_row}"'.encode()
    with (
        zipfile.ZipFile(package) as source,
        zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as target,
    ):
        for info in source.infolist():
            data = source.read(info)
            if info.filename != sheet_part:
                target.writestr(info, data, compress_type=info.compress_type)
                continue
            position = data.find(marker)
            if position < 0:
                raise RuntimeError(f"row {before_row} not found in {sheet_part}")
            entry = zipfile.ZipInfo(info.filename, info.date_time)
            entry.compress_type = zipfile.ZIP_DEFLATED
            with target.open(entry, "w", force_zip64=True) as part:
                part.write(data[:position])
                rows.seek(0)
                shutil.copyfileobj(rows, part, COPY_CHUNK)
                part.write(data[position:])
