"""Building blocks of a document body: paragraphs, field grids, tables, the seal and signatures.

A :class:`Composer` makes every block in the document's fonts and remembers every text it set,
so the document can end with a note naming the characters no shipped font has.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from townclerk.formats.pdf import fonts
from townclerk.formats.pdf.layout import Paper, Styles
from townclerk.records.issuing import Issuer

GRID = colors.HexColor("#8c8c8c")
LABEL_BACKGROUND = colors.HexColor("#f0f0f0")
CELL_PADDING = 2.5
# Tables set this font even for empty cells; left at ReportLab's default it would add Helvetica,
# a font the PDF does not embed.
TABLE_FONT = ("FONTNAME", (0, 0), (-1, -1), fonts.FONT_NAME)


@dataclass(frozen=True)
class Field:
    """One labelled value; ``wide`` ones take a whole row of the grid."""

    label: str
    value: str
    wide: bool = False


def chinese_date(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def chinese_datetime(moment: dt.datetime) -> str:
    return f"{chinese_date(moment.date())} {moment:%H:%M}"


class Composer:
    """Makes the blocks of one copy of one document, ``width`` points wide, issued by ``issuer``
    (``entrusted_to``: the 受委托单位 acting in its name, "" when the issuer acts itself)."""

    def __init__(
        self,
        paper: Paper,
        styles: Styles,
        width: float,
        *,
        issuer: Issuer,
        entrusted_to: str = "",
    ) -> None:
        self.paper = paper
        self.styles = styles
        self.width = width
        self.issuer = issuer
        self.entrusted_to = entrusted_to
        self._texts: list[str] = []

    def _paragraph(self, text: str, style: ParagraphStyle) -> Paragraph:
        self._texts.append(text)
        return Paragraph(fonts.markup(text), style)

    def paragraph(self, text: str) -> Paragraph:
        return self._paragraph(text, self.styles.body)

    def indented(self, text: str) -> Paragraph:
        """A body paragraph with a two-character first-line indent, as Chinese letters have."""
        return self._paragraph(text, self.styles.indented)

    def small(self, text: str) -> Paragraph:
        return self._paragraph(text, self.styles.small)

    def heading(self, text: str) -> Paragraph:
        return self._paragraph(text, self.styles.heading)

    def spacer(self, height: float) -> Spacer:
        return Spacer(self.width, height)

    def fields(self, fields: Sequence[Field]) -> Table | None:
        """A four-column grid (label, value, label, value); empty values are left out whole."""
        shown = [field for field in fields if field.value.strip()]
        if not shown:
            return None
        label_width = (
            max(fonts.text_width(f.label, self.styles.label.fontSize) for f in shown)
            + 2 * CELL_PADDING
            + 1
        )
        value_width = (self.width - 2 * label_width) / 2
        rows: list[list[Paragraph | str]] = []
        spans: list[int] = []
        pending: list[Field] = []

        def flush() -> None:
            if not pending:
                return
            cells: list[Paragraph | str] = []
            for field in pending:
                cells += [
                    self._paragraph(field.label, self.styles.label),
                    self._paragraph(field.value, self.styles.cell),
                ]
            if len(pending) == 1:
                cells += ["", ""]
                spans.append(len(rows))
            rows.append(cells)
            pending.clear()

        def too_long_for_half(field: Field) -> bool:
            # A code or number has nowhere to wrap: give it the whole row instead.
            text_width = fonts.text_width(field.value, self.styles.cell.fontSize)
            return " " not in field.value and text_width > value_width - 2 * CELL_PADDING

        for field in shown:
            if field.wide or too_long_for_half(field):
                flush()
                pending.append(field)
                flush()
            else:
                pending.append(field)
                if len(pending) == 2:
                    flush()
        flush()
        style = [*self._grid_style(), ("BACKGROUND", (0, 0), (0, -1), LABEL_BACKGROUND)]
        for row in range(len(rows)):
            if row in spans:
                style.append(("SPAN", (1, row), (3, row)))
            else:
                style.append(("BACKGROUND", (2, row), (2, row), LABEL_BACKGROUND))
        return Table(
            rows,
            colWidths=[label_width, value_width, label_width, value_width],
            style=TableStyle(style),
        )

    def table(
        self, header: Sequence[str], rows: Sequence[Sequence[str]], fractions: Sequence[float]
    ) -> Table:
        """A ruled table whose header row repeats on every page it runs onto."""
        cells = [[self._paragraph(text, self.styles.label) for text in header]]
        cells += [[self._paragraph(text, self.styles.cell) for text in row] for row in rows]
        style = [*self._grid_style(), ("BACKGROUND", (0, 0), (-1, 0), LABEL_BACKGROUND)]
        return Table(
            cells,
            colWidths=[self.width * fraction for fraction in fractions],
            repeatRows=1,
            style=TableStyle(style),
        )

    @staticmethod
    def _grid_style() -> list[tuple[object, ...]]:
        return [
            TABLE_FONT,
            ("GRID", (0, 0), (-1, -1), 0.5, GRID),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING),
            ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING),
            ("TOPPADDING", (0, 0), (-1, -1), CELL_PADDING),
            ("BOTTOMPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ]

    def sign_lines(
        self, lines: Sequence[str], *, columns: int = 1, width: float | None = None
    ) -> Table:
        """Labels each followed by a rule to sign or write on, ``columns`` of them to a row,
        within ``width`` (the whole body's by default)."""
        size = self.styles.cell.fontSize
        label_width = max(fonts.text_width(line, size) for line in lines) + 8
        gap = 6 * mm  # between one column's rule and the next column's label
        line_width = min(50 * mm, (width or self.width) / columns - label_width - gap)
        rows: list[list[Paragraph | str]] = []
        for start in range(0, len(lines), columns):
            row: list[Paragraph | str] = []
            for line in lines[start : start + columns]:
                row += [self._paragraph(line, self.styles.cell), ""]
            rows.append(row + ["", ""] * (columns - len(row) // 2))
        rules = [
            ("LINEBELOW", (column, row), (column, row), 0.6, colors.black)
            for row in range(len(rows))
            for column in range(1, 2 * columns, 2)
            if rows[row][column - 1] != ""
        ]
        return Table(
            rows,
            colWidths=[label_width, line_width] + [label_width + gap, line_width] * (columns - 1),
            rowHeights=size * 2.6,
            hAlign="LEFT",
            style=TableStyle(
                [
                    TABLE_FONT,
                    *rules,
                    ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    *[("LEFTPADDING", (c, 0), (c, -1), gap) for c in range(2, 2 * columns, 2)],
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
                ]
            ),
        )

    def signatures(self, lines: Sequence[str], day: dt.date) -> Table:
        """Signature lines (if any) at the left; at the right the issuer with its seal's place,
        the 受委托单位 of an entrusted item, and the date."""
        self._texts += [self.issuer.name, self.issuer.seal_text, self.entrusted_to]
        seal = SealArea(self.issuer, self.entrusted_to, chinese_date(day), self.paper)
        # The rules stop short of the seal block (an entrusted item's is wide on A5).
        left: Table | str = self.sign_lines(lines, width=self.width - seal.width) if lines else ""
        return Table(
            [[left, seal]],
            colWidths=[self.width - seal.width, seal.width],
            style=TableStyle(
                [
                    TABLE_FONT,
                    ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ]
            ),
            spaceBefore=self.paper.body_font,
        )

    def cut_line(self, text: str) -> Flowable:
        return CutLine(self.width, text, self.paper.small_font)

    def rare_character_note(self, *other_texts: str) -> Paragraph | None:
        """A note naming the characters printed as ``[U+…]`` because no shipped font has them."""
        missing = fonts.uncovered([*self._texts, *other_texts])
        if not missing:
            return None
        marks = "、".join(fonts.missing_mark(char) for char in missing)
        return self._paragraph(
            f"注：{marks} 为本机字库未收录的生僻字，按其 Unicode 编码印出，"
            "请经办人核对证件后在旁手写该字。",
            self.styles.small,
        )


class SealArea(Flowable):  # type: ignore[misc]
    """Where the official seal goes: a dashed circle reading the seal's text and （盖章）, over
    the issuer's name; under it the 受委托单位 (if any) and the date."""

    def __init__(self, issuer: Issuer, entrusted_to: str, date_text: str, paper: Paper) -> None:
        super().__init__()
        self.issuer = issuer
        self.size = paper.body_font
        self.seal_size = paper.small_font
        self.diameter = 36 * mm if paper.name == "A4" else 28 * mm
        self.seal_lines = _seal_lines(issuer.seal_text, self.seal_size, self.diameter * 0.66)
        self.below = [
            *([f"受委托单位：{entrusted_to}"] if entrusted_to else []),
            date_text,
        ]
        texts = [issuer.name, *self.below]
        text_width = max(fonts.text_width(text, self.size) for text in texts)
        self.width = max(self.diameter, text_width) + 4 * mm
        self.line_height = self.size * 1.5
        self.height = self.diameter + self.line_height * (len(self.below) - 1) + self.size * 0.5

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        centre_x = self.width / 2
        circle_y = self.height - self.diameter / 2
        grey = colors.HexColor("#9a9a9a")
        canvas.saveState()
        canvas.setDash(3, 2)
        canvas.setStrokeColor(grey)
        canvas.setLineWidth(0.6)
        canvas.circle(centre_x, circle_y, self.diameter / 2)
        canvas.setFillColor(grey)
        seal_leading = self.seal_size * 1.25
        y = circle_y + self.diameter * 0.32 - self.seal_size
        for line in [*self.seal_lines, "（盖章）"]:
            fonts.draw_text(canvas, line, centre_x, y, self.seal_size, anchor="centre")
            y -= seal_leading
        canvas.setFillColor(colors.black)
        name_y = circle_y - self.diameter * 0.25
        fonts.draw_text(canvas, self.issuer.name, centre_x, name_y, self.size, anchor="centre")
        y = name_y - self.line_height
        for text in self.below:
            fonts.draw_text(canvas, text, centre_x, y, self.size, anchor="centre")
            y -= self.line_height
        canvas.restoreState()


def _seal_lines(text: str, size: float, width: float) -> list[str]:
    """The seal's text in as few lines of even length as fit ``width``."""
    count = 1
    while count < len(text):
        per_line = -(-len(text) // count)
        lines = [text[i : i + per_line] for i in range(0, len(text), per_line)]
        if all(fonts.text_width(line, size) <= width for line in lines):
            return lines
        count += 1
    return list(text)


class CutLine(Flowable):  # type: ignore[misc]
    """A dashed line across the page with a word in the middle: cut the slip off here."""

    def __init__(self, width: float, text: str, size: float) -> None:
        super().__init__()
        self.width = width
        self.text = text
        self.size = size
        self.height = size * 3

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        y = self.height / 2
        text_width = fonts.text_width(self.text, self.size)
        gap = text_width / 2 + 2 * mm
        canvas.saveState()
        canvas.setDash(4, 3)
        canvas.setLineWidth(0.6)
        canvas.line(0, y, self.width / 2 - gap, y)
        canvas.line(self.width / 2 + gap, y, self.width, y)
        fonts.draw_text(
            canvas, self.text, self.width / 2, y - self.size * 0.35, self.size, anchor="centre"
        )
        canvas.restoreState()
