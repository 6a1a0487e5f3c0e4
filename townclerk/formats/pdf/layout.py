"""The page frame every printed document shares: paper, header, footer, page numbers, copies.

Each page repeats the issuing body (the deciding body, never the center alone), the document
title, the case number with its Code 128 barcode and QR code, boxed marks (申请人联 / 存根联,
补打), the footer text from the settings and "第 N 页 共 M 页", counted within each copy. The
body flows in the frame between header and footer.
"""

from __future__ import annotations

import io
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any

from reportlab.lib import textsplit
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4, A5
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    paragraph,
)

from townclerk.formats.pdf import fonts
from townclerk.formats.pdf.barcodes import code128, draw_qr

# ReportLab's CJK line breaking keeps Japanese closing marks off the start of a line but not the
# Chinese full-width ones, so a line could begin with "，". Add them (once per process).
_CHINESE_CANNOT_START = "，；：！？”’》」』】〕〉…"
for _module in (textsplit, paragraph):
    if not set(_CHINESE_CANNOT_START) <= set(_module.ALL_CANNOT_START):
        _module.ALL_CANNOT_START += _CHINESE_CANNOT_START


@dataclass(frozen=True)
class Paper:
    """A paper size and the type sizes and code sizes that suit it."""

    name: str
    size: tuple[float, float]
    margin: float
    body_font: float
    small_font: float
    title_font: float
    center_font: float
    qr_size: float
    bar_width: float
    bar_height: float


PAPERS = {
    "A4": Paper("A4", A4, 18 * mm, 10.5, 8.5, 20, 11, 22 * mm, 0.3 * mm, 9 * mm),
    "A5": Paper("A5", A5, 10 * mm, 8.5, 7, 15, 9, 17 * mm, 0.25 * mm, 7 * mm),
}


def paper_for(name: str) -> Paper:
    try:
        return PAPERS[name]
    except KeyError:
        raise ValueError(f"unknown paper size {name!r}") from None


@dataclass(frozen=True)
class Styles:
    body: ParagraphStyle
    indented: ParagraphStyle  # a letter's paragraph: the first line indented two characters
    cell: ParagraphStyle
    label: ParagraphStyle
    heading: ParagraphStyle
    small: ParagraphStyle
    footer: ParagraphStyle


def make_styles(paper: Paper) -> Styles:
    size = paper.body_font
    base = ParagraphStyle(
        "body",
        fontName=fonts.FONT_NAME,
        fontSize=size,
        leading=size * 1.55,
        wordWrap="CJK",
        alignment=TA_LEFT,
        spaceAfter=size * 0.4,
    )
    cell = ParagraphStyle("cell", parent=base, leading=size * 1.3, spaceAfter=0)
    return Styles(
        body=base,
        indented=ParagraphStyle("indented", parent=base, firstLineIndent=size * 2),
        cell=cell,
        label=ParagraphStyle("label", parent=cell, textColor="#333333"),
        heading=ParagraphStyle(
            "heading",
            parent=base,
            fontSize=size * 1.1,
            leading=size * 1.6,
            spaceBefore=size * 0.6,
            spaceAfter=size * 0.3,
        ),
        small=ParagraphStyle(
            "small",
            parent=base,
            fontSize=paper.small_font,
            leading=paper.small_font * 1.45,
            spaceBefore=paper.small_font * 0.5,
        ),
        footer=ParagraphStyle(
            "footer",
            parent=base,
            fontSize=paper.small_font,
            leading=paper.small_font * 1.35,
            spaceAfter=0,
        ),
    )


@dataclass(frozen=True)
class PageFrame:
    """What every page of one document repeats."""

    issuer: str  # the deciding body the document is issued in the name of
    title: str
    number: str  # the case number: printed, and carried by the barcode and the QR code
    footer: str
    marks: tuple[str, ...] = ()  # boxed at the top right, e.g. ("补打",)


def _page_number_text(number: int, total: int) -> str:
    return f"第 {number} 页 共 {total} 页"


class _NumberedCanvas(Canvas):  # type: ignore[misc]
    """Holds pages back until the end, to print "第 N 页 共 M 页" counted within each copy."""

    def __init__(self, *args: Any, paper: Paper, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._paper = paper
        self._held_pages: list[dict[str, Any]] = []
        self.copy_label = ""  # set by the page template as each page begins

    def showPage(self) -> None:
        self._held_pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        totals = Counter(page["copy_label"] for page in self._held_pages)
        seen: Counter[str] = Counter()
        for page in self._held_pages:
            self.__dict__.update(page)
            seen[self.copy_label] += 1
            width = self._paper.size[0]
            fonts.draw_text(
                self,
                _page_number_text(seen[self.copy_label], totals[self.copy_label]),
                width - self._paper.margin,
                self._paper.margin,
                self._paper.small_font,
                anchor="right",
            )
            super().showPage()
        super().save()


@dataclass(frozen=True)
class _HeaderLayout:
    """Positions of the header parts, worked out once per document."""

    top: float
    centre_baseline: float
    title_baseline: float
    number_baseline: float
    barcode_x: float
    barcode_y: float
    text_right: float
    bottom: float


class DocumentLayout:
    """Builds one PDF: the header and footer on every page, the body in between."""

    def __init__(self, frame: PageFrame, paper: Paper, styles: Styles) -> None:
        self.frame = frame
        self.paper = paper
        self.styles = styles
        self._barcode = code128(
            frame.number, bar_width=paper.bar_width, bar_height=paper.bar_height
        )
        self._header = self._layout_header()
        self._footer = Paragraph(fonts.markup(frame.footer), styles.footer)
        page_number_width = fonts.text_width(_page_number_text(99, 99), paper.small_font)
        self._footer_width = self.body_width - page_number_width - 4 * mm
        _, footer_height = self._footer.wrap(self._footer_width, paper.size[1])
        self._footer_height = max(footer_height, paper.small_font * 1.3) + 3 * mm

    @property
    def body_width(self) -> float:
        return self.paper.size[0] - 2 * self.paper.margin

    def _layout_header(self) -> _HeaderLayout:
        paper = self.paper
        width, height = paper.size
        top = height - paper.margin
        text_right = width - paper.margin - paper.qr_size - 3 * mm
        centre_baseline = top - paper.center_font
        title_baseline = centre_baseline - 4 * mm - paper.title_font * 0.9
        number_text_width = fonts.text_width(self._number_text(), paper.body_font)
        barcode_width = self._barcode.width
        row_top = title_baseline - 3.5 * mm
        side_by_side = paper.margin + number_text_width + 2 * mm + barcode_width <= text_right
        if side_by_side:
            barcode_y = row_top - paper.bar_height
            number_baseline = barcode_y + (paper.bar_height - paper.body_font * 0.75) / 2
            barcode_x = text_right - barcode_width
        else:  # narrow paper: the barcode goes under the number
            number_baseline = row_top - paper.body_font
            barcode_y = number_baseline - 2 * mm - paper.bar_height
            barcode_x = paper.margin - paper.bar_width * 10  # its quiet zone may sit in the margin
        bottom = min(barcode_y, top - paper.qr_size) - 3 * mm
        return _HeaderLayout(
            top,
            centre_baseline,
            title_baseline,
            number_baseline,
            barcode_x,
            barcode_y,
            text_right,
            bottom,
        )

    def _number_text(self) -> str:
        return f"编号：{self.frame.number}"

    def _draw_marks(self, canvas: Canvas, marks: Sequence[str], right: float, y: float) -> float:
        """Boxed marks right-aligned at ``right``; return the left edge of the leftmost."""
        size = self.paper.center_font
        pad = size * 0.35
        for mark in reversed(marks):
            text_width = fonts.text_width(mark, size)
            left = right - text_width - 2 * pad
            canvas.setLineWidth(0.9)
            canvas.rect(left, y - pad - size * 0.15, text_width + 2 * pad, size + 2 * pad * 0.8)
            fonts.draw_text(canvas, mark, left + pad, y, size)
            right = left - 2 * mm
        return right

    def _draw_page(self, canvas: Canvas, _doc: BaseDocTemplate, *, copy_label: str) -> None:
        paper, header, frame = self.paper, self._header, self.frame
        width, _ = paper.size
        canvas.saveState()
        canvas.copy_label = copy_label
        marks = [copy_label] if copy_label else []
        marks += frame.marks
        name_right = self._draw_marks(canvas, marks, header.text_right, header.centre_baseline)
        name_size = paper.center_font
        available = name_right - paper.margin - 2 * mm
        while name_size > 6 and fonts.text_width(frame.issuer, name_size) > available:
            name_size -= 0.5
        fonts.draw_text(canvas, frame.issuer, paper.margin, header.centre_baseline, name_size)
        # The title: spaced out and thickened by stroking its outline (the face has no bold).
        canvas.saveState()
        canvas.setLineWidth(paper.title_font / 40)
        canvas.setFont(fonts.FONT_NAME, paper.title_font)
        title = canvas.beginText()
        title.setTextRenderMode(2)
        title.setCharSpace(paper.title_font * 0.25)
        spaced_width = fonts.text_width(frame.title, paper.title_font) + paper.title_font * 0.25 * (
            len(frame.title) - 1
        )
        title.setTextOrigin((width - spaced_width) / 2, header.title_baseline)
        title.textOut(frame.title)
        canvas.drawText(title)
        canvas.restoreState()
        fonts.draw_text(
            canvas, self._number_text(), paper.margin, header.number_baseline, paper.body_font
        )
        self._barcode.drawOn(canvas, header.barcode_x, header.barcode_y)
        qr_x = width - paper.margin - paper.qr_size
        draw_qr(canvas, frame.number, qr_x, header.top - paper.qr_size, paper.qr_size)
        canvas.setLineWidth(1.2)
        canvas.line(
            paper.margin, header.bottom + 1.5 * mm, width - paper.margin, header.bottom + 1.5 * mm
        )
        # Footer: a rule, the footer text at the left, the page number (drawn later) at the right.
        footer_top = paper.margin + self._footer_height
        canvas.setLineWidth(0.5)
        canvas.line(paper.margin, footer_top - 1 * mm, width - paper.margin, footer_top - 1 * mm)
        self._footer.drawOn(canvas, paper.margin, paper.margin - paper.small_font * 0.3)
        canvas.restoreState()

    def build(
        self,
        copies: Sequence[str],
        body: Callable[[], list[Flowable]],
        *,
        title: str,
        author: str,
        subject: str,
    ) -> bytes:
        """Render the body once per copy label ("" for a single, unlabelled copy)."""
        paper = self.paper
        width, height = paper.size
        frame_height = self._header.bottom - paper.margin - self._footer_height
        templates = [
            PageTemplate(
                id=f"copy{index}",
                frames=[
                    Frame(
                        paper.margin,
                        paper.margin + self._footer_height,
                        self.body_width,
                        frame_height,
                        leftPadding=0,
                        rightPadding=0,
                        topPadding=2 * mm,
                        bottomPadding=0,
                    )
                ],
                onPage=partial(self._draw_page, copy_label=label),
                pagesize=paper.size,
            )
            for index, label in enumerate(copies)
        ]
        story: list[Flowable] = []
        for index in range(len(copies)):
            if index:
                story += [NextPageTemplate(f"copy{index}"), PageBreak()]
            story += body()
        buffer = io.BytesIO()
        document = BaseDocTemplate(
            buffer,
            pagesize=(width, height),
            pageTemplates=templates,
            initialFontName=fonts.FONT_NAME,
            title=title,
            author=author,
            subject=subject,
            creator="townclerk",
            producer="townclerk (ReportLab)",
        )
        document.build(story, canvasmaker=partial(_NumberedCanvas, paper=paper))
        return buffer.getvalue()
