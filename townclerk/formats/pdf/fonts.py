"""The fonts printed documents embed, and the rule for characters the fonts lack.

ReportLab draws a character missing from a font as nothing at all: a name such as 刘䶮 would lose
a character with no one noticing. So every piece of text goes through :func:`runs` (for the
canvas) or :func:`markup` (for paragraphs), which pick, character by character, the first shipped
face that has it, and turn a character no face has into a visible ``[U+20BB7]``.
"""

from __future__ import annotations

import threading
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from xml.sax.saxutils import escape

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from townclerk.paths import resource_path


@dataclass(frozen=True)
class FontFace:
    name: str  # the name registered with ReportLab
    file_name: str  # under resources/fonts/
    subfont_index: int = 0  # the face inside a TrueType collection (.ttc)


# WenQuanYi Micro Hei prints nearly everything; Droid Sans Fallback adds CJK Extension A (䶮…).
PRIMARY = FontFace("TownclerkHei", "wqy-microhei.ttc")
FALLBACKS = (FontFace("TownclerkHeiExtA", "DroidSansFallbackFull.ttf"),)
FACES = (PRIMARY, *FALLBACKS)
FONT_NAME = PRIMARY.name

_lock = threading.Lock()
_coverage: dict[str, frozenset[int]] = {}


def register_fonts() -> None:
    """Load the shipped faces into ReportLab once per process (thread-safe, cheap afterwards)."""
    if len(_coverage) == len(FACES):
        return
    with _lock:
        for face in FACES:
            if face.name in _coverage:
                continue
            path = resource_path("fonts", face.file_name)
            if not path.is_file():
                raise FileNotFoundError(f"font file missing from the installation: {path}")
            font = TTFont(face.name, str(path), subfontIndex=face.subfont_index)
            pdfmetrics.registerFont(font)
            _coverage[face.name] = frozenset(font.face.charToGlyph)


def _is_invisible(char: str) -> bool:
    """Line breaks, tabs, zero-width and variation-selector characters: no glyph expected."""
    category = unicodedata.category(char)
    return category in ("Cc", "Cf") or 0xFE00 <= ord(char) <= 0xFE0F or ord(char) >= 0xE0100


def face_for(char: str) -> str | None:
    """The first registered face that has ``char``, or None when none has it."""
    register_fonts()
    code = ord(char)
    for face in FACES:
        if code in _coverage[face.name]:
            return face.name
    return None


def missing_mark(char: str) -> str:
    return f"[U+{ord(char):04X}]"


def uncovered(texts: Iterable[str]) -> list[str]:
    """Characters (in order of first appearance) that no shipped face can print."""
    seen: dict[str, None] = {}
    for text in texts:
        for char in text:
            if char not in seen and not _is_invisible(char) and face_for(char) is None:
                seen[char] = None
    return list(seen)


def runs(text: str) -> list[tuple[str, str]]:
    """Split ``text`` into (face name, text) runs that each face can print.

    Invisible control characters are dropped; a character no face has becomes its visible mark
    in the primary face.
    """
    result: list[tuple[str, str]] = []
    for char in text:
        if _is_invisible(char):
            continue
        face = face_for(char)
        piece = char
        if face is None:
            face, piece = PRIMARY.name, missing_mark(char)
        if result and result[-1][0] == face:
            result[-1] = (face, result[-1][1] + piece)
        else:
            result.append((face, piece))
    return result


def markup(text: str) -> str:
    """``text`` as ReportLab paragraph markup: escaped, fallback faces tagged, lines kept."""
    lines = []
    for line in text.replace("\r\n", "\n").split("\n"):
        parts = []
        for face, piece in runs(line):
            escaped = escape(piece)
            parts.append(
                escaped if face == PRIMARY.name else f'<font face="{face}">{escaped}</font>'
            )
        lines.append("".join(parts))
    return "<br/>".join(lines)


def text_width(text: str, size: float) -> float:
    """Width in points of ``text`` as :func:`runs` prints it."""
    return float(sum(pdfmetrics.stringWidth(piece, face, size) for face, piece in runs(text)))


def draw_text(
    canvas: Canvas, text: str, x: float, y: float, size: float, *, anchor: str = "left"
) -> float:
    """Draw ``text`` on a canvas run by run; return its width. ``anchor``: left, right, centre."""
    width = text_width(text, size)
    if anchor == "right":
        x -= width
    elif anchor == "centre":
        x -= width / 2
    for face, piece in runs(text):
        canvas.setFont(face, size)
        canvas.drawString(x, y, piece)
        x += pdfmetrics.stringWidth(piece, face, size)
    return width
