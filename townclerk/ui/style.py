"""The screens' colours, named by what they mean, and the few text styles made of them.

Every colour a screen shows comes from here, so one meaning has one colour (an error is the same
red on every page). Printed documents and workbooks keep their own colours.
"""

from __future__ import annotations

from PySide6.QtGui import QColor

# --- text on the window's white ------------------------------------------------------------
TEXT = QColor("#1a1a1a")  # body text drawn by hand, and text on the fills below
LABEL = QColor("#333333")  # figure captions, chart labels
MUTED = QColor("#5f6b7a")  # hints, captions, status lines, optional materials
INACTIVE = QColor("#888888")  # switched-off rows, import steps not current
ERROR = QColor("#b00020")  # errors, refusals, required or missing materials, overdue figures
WARNING = QColor("#e65100")  # amber: a one-time notice, the catalog badge in search results
CAUTION = QColor("#9a6700")  # dark yellow: accepted for now, owed later (tolerated materials)
OK = QColor("#1b7f3b")  # accepted, saved, received, ready
FIGURE = QColor("#1f4e79")  # the dashboard's large figures
WHITE = QColor("#ffffff")

# --- fills behind black text, and frames -----------------------------------------------------
DUE_SOON_FILL = QColor("#fff1a8")
OVERDUE_FILL = QColor("#f7b9b4")
OVER_STATUTORY_FILL = QColor("#dcb8f0")  # past the statutory date: graver than overdue
ERROR_FILL = QColor("#fde2e1")  # the problems workbook's fills, so screen and file look alike
WARNING_FILL = QColor("#fff4ce")
WARNING_BORDER = QColor("#d99a00")
INFO_FILL = QColor("#e8f1fb")
INFO_BORDER = QColor("#7aa7d9")
NOTE_FILL = QColor("#eef4fb")
NOTE_BORDER = QColor("#c5d6ea")
TILE_FILL = QColor("#f6f8fb")
TILE_BORDER = QColor("#d5dce6")

# --- the work calendar ------------------------------------------------------------------------
DAY_OFF_FILL = QColor("#fde2e2")
HOLIDAY_FILL = QColor("#f4b6b6")
DAY_OFF_TEXT = QColor("#a3161a")  # a calendar's red numbers, not an error
CHANGED_BORDER = QColor("#1565c0")  # a day an administrator changed
HOLIDAY_MARK = QColor("#c62828")  # 休: a holiday, in large red
WORKED_MARK = QColor("#1565c0")  # 班: a weekend worked, in large blue
SELECTED_DAY_FILL = QColor(21, 101, 192, 70)  # the days chosen to be marked at once
SWATCH_BORDER = QColor("#999999")

# --- the trend chart (the series in the colours of a spreadsheet chart) ---------------------
ACCEPTED_SERIES = QColor("#4472c4")
COMPLETED_SERIES = QColor("#ed7d31")
REST_DAY_FILL = QColor("#eef0f3")
GRID = QColor("#dde1e6")
AXIS = QColor("#8a939e")
REST_DAY_TEXT = QColor("#9aa3ad")


def text_style(colour: QColor, *, bold: bool = False, point_size: int | None = None) -> str:
    """A label's style sheet: its text in ``colour``, bold and at a point size if asked."""
    size = f"font-size: {point_size}pt; " if point_size is not None else ""
    weight = "font-weight: bold; " if bold else ""
    return f"{size}{weight}color: {colour.name()};"


def frame_style(name: str, fill: QColor, border: QColor, *, radius: int) -> str:
    """The style sheet of the QFrame named ``name``: a rounded box, filled and outlined."""
    return (
        f"QFrame#{name} {{ background: {fill.name()}; border: 1px solid {border.name()}; "
        f"border-radius: {radius}px; }}"
    )


def coloured_html(escaped: str, colour: QColor) -> str:
    """Rich text: ``escaped`` (already HTML) in ``colour``."""
    return f'<span style="color:{colour.name()}">{escaped}</span>'


def heading_style(colour: QColor) -> str:
    """A headline's style sheet (the intake's result banner)."""
    return text_style(colour, bold=True, point_size=13)


ERROR_TEXT = text_style(ERROR, bold=True)  # a message line saying why not
OK_TEXT = text_style(OK)  # a message line saying what was done
MUTED_TEXT = text_style(MUTED)  # hints and status lines
