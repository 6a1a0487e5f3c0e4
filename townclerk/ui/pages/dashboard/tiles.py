"""Today's figures as large numbers: one tile per measure, each with its name, its value, a
line of detail under it, and the measure's written definition as its tooltip."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QVBoxLayout, QWidget

from townclerk.i18n import t
from townclerk.records.statistics import Figures
from townclerk.ui import style
from townclerk.ui.pages.dashboard.measures import (
    NO_VALUE,
    format_measure,
    measure_definition,
    measure_name,
)

TILES_PER_ROW = 4
_TILE_STYLE = style.frame_style("figureTile", style.TILE_FILL, style.TILE_BORDER, radius=6)


class FigureTile(QFrame):
    """One measure: its name, a large value, and a small note."""

    def __init__(self, field: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field = field
        self.setObjectName("figureTile")
        self.setStyleSheet(_TILE_STYLE)
        self.setToolTip(measure_definition(field))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.setSpacing(0)
        self.caption = QLabel(measure_name(field))
        self.caption.setObjectName(f"tile_{field}_caption")
        self.caption.setStyleSheet(style.text_style(style.LABEL, bold=True))
        self.value = QLabel(NO_VALUE)
        self.value.setObjectName(f"tile_{field}_value")
        self.value.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.note = QLabel()
        self.note.setObjectName(f"tile_{field}_note")
        self.note.setStyleSheet(style.MUTED_TEXT)
        self.note.setMinimumHeight(self.note.fontMetrics().height())  # tiles stay one height
        for label in (self.caption, self.value, self.note):
            layout.addWidget(label)
        self.alert = False
        self._show_color()

    def show_value(self, text: str, note: str = "", *, alert: bool = False) -> None:
        self.value.setText(text)
        self.note.setText(note)
        self.alert = alert
        self._show_color()
        self.setAccessibleName(f"{self.caption.text()} {text}")
        self.setAccessibleDescription(note)

    def value_text(self) -> str:
        return self.value.text()

    def _show_color(self) -> None:
        colour = style.ERROR if self.alert else style.FIGURE
        self.value.setStyleSheet(style.text_style(colour, bold=True, point_size=22))


@dataclass(frozen=True)
class _Tile:
    field: str
    alert_when_positive: bool = False


# Registrations, then completions and evaluations, then what is open now; read row by row.
TILES: tuple[_Tile, ...] = (
    _Tile("accepted"),
    _Tile("instant"),
    _Tile("promised"),
    _Tile("notified"),
    _Tile("refused"),
    _Tile("completed"),
    _Tile("on_time_rate"),
    _Tile("completed_late", alert_when_positive=True),
    _Tile("average_days"),
    _Tile("good_rate"),
    _Tile("open"),
    _Tile("open_overdue", alert_when_positive=True),
    _Tile("over_statutory", alert_when_positive=True),
)


class FigureBoard(QWidget):
    """The tiles of :data:`TILES`, in rows of :data:`TILES_PER_ROW`."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("figureBoard")
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setSpacing(8)
        self.tiles = {tile.field: FigureTile(tile.field, self) for tile in TILES}
        self.columns = 0
        self.set_columns(TILES_PER_ROW)

    def set_columns(self, columns: int) -> None:
        """Lay the tiles out in rows of ``columns``, still read row by row."""
        if columns == self.columns:
            return
        for position, widget in enumerate(self.tiles.values()):
            self.grid.addWidget(widget, position // columns, position % columns)
        for column in range(TILES_PER_ROW):
            self.grid.setColumnStretch(column, 1 if column < columns else 0)
        self.columns = columns

    def fit(self, width: int) -> None:
        """The most tiles a row that fit ``width`` (two at least: 1024×768 at 150 %)."""
        tile = max(widget.minimumSizeHint().width() for widget in self.tiles.values())
        spacing = self.grid.spacing()
        columns = next(
            (n for n in range(TILES_PER_ROW, 2, -1) if n * tile + (n - 1) * spacing <= width), 2
        )
        self.set_columns(columns)

    def set_figures(self, figures: Figures | None, *, open_as_of: str = "") -> None:
        """Show ``figures`` (today's), or dashes when there are none to show; ``open_as_of`` is
        the time the open cases were counted."""
        for tile in TILES:
            widget = self.tiles[tile.field]
            if figures is None:
                widget.show_value(NO_VALUE)
                continue
            value = getattr(figures, tile.field)
            widget.show_value(
                format_measure(figures, tile.field),
                self._note(figures, tile.field, open_as_of),
                alert=tile.alert_when_positive and bool(value),
            )

    def value_texts(self) -> dict[str, str]:
        return {field: tile.value_text() for field, tile in self.tiles.items()}

    def _note(self, figures: Figures, field: str, open_as_of: str) -> str:
        if field == "completed":
            return t(
                "承诺件 {promised} 件，即办件 {instant} 件",
                promised=figures.completed_promised,
                instant=figures.completed - figures.completed_promised,
            )
        if field == "on_time_rate":
            return t(
                "承诺件办结 {completed} 件中按时 {on_time} 件",
                on_time=figures.completed_on_time,
                completed=figures.completed_promised,
            )
        if field == "good_rate":
            return t(
                "评价 {count} 条，差评 {bad} 条", count=figures.evaluated, bad=figures.bad_count
            )
        if field in ("open", "open_overdue") and open_as_of:
            return t("截至 {time}", time=open_as_of)
        if field == "over_statutory":
            return t(
                "办结 {completed} 件，在办 {open} 件",
                completed=figures.completed_over_statutory,
                open=figures.open_over_statutory,
            )
        return ""
