"""The supervisors' dashboard (统计报表): today at a glance, the last 30 days, and the exports.

Today's figures are large numbers; below them the daily volume of the last 30 days, today's top
items, and today's figures by window and by clerk; at the bottom the Excel exports. Open and
overdue counts are as of the moment the figures were counted.

The figures are counted off the UI thread by :class:`DashboardSource` (the statistics service,
so the screen and the workbooks agree) whenever the page is shown and whenever data changes
while it is visible. One count runs at a time; a change announced meanwhile asks for one more
count when it finishes, so a burst of changes costs two counts, not one per change.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QLocale, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from townclerk.i18n import pt, t
from townclerk.records.changes import DataArea
from townclerk.records.statistics import Dimension
from townclerk.services.access import Permission
from townclerk.services.dashboard import DashboardSnapshot, DashboardSource
from townclerk.ui import style
from townclerk.ui.context import AppContext
from townclerk.ui.crash import user_message
from townclerk.ui.pages.dashboard.exports import ReportExportPanel
from townclerk.ui.pages.dashboard.group_table import COL_NAME, GroupFiguresModel, SortRole
from townclerk.ui.pages.dashboard.journey_tables import HolderFiguresModel, VillagePointFiguresModel
from townclerk.ui.pages.dashboard.tiles import FigureBoard
from townclerk.ui.pages.dashboard.trend import TrendChart
from townclerk.ui.qt_typed import to_qdate
from townclerk.ui.widgets.elided_text import ElidedLabel
from townclerk.ui.widgets.record_table import row_table_view
from townclerk.ui.worker import TaskRunner

TOP_ITEMS = 10
NUMBER_COLUMN_WIDTH = 64


# The page width (px) from which the figures and the exports sit side by side.
WIDE_DASHBOARD = 1320


class DashboardPage(QWidget):
    """Today's figures, the 30-day trend, today's breakdowns, and the report exports."""

    loaded = Signal()  # a snapshot has been shown (tests and the benchmark wait on it)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dashboardPage")
        self._context = context
        self._runner = TaskRunner(self)
        self.source = DashboardSource(context.db)
        self._loading = False
        self._again = False  # data changed while counting: count once more afterwards
        self._recount_past = False
        self.snapshot: DashboardSnapshot | None = None

        self.items_model = GroupFiguresModel(t("事项"), self)
        self.windows_model = GroupFiguresModel(pt("DashboardPage", "窗口"), self)
        self.clerks_model = GroupFiguresModel(t("经办人"), self)

        content = QWidget()
        column = QVBoxLayout(content)
        column.setSpacing(8)
        column.addLayout(self._build_header())
        # Today's numbers beside the exports; the trend beside today's top items; today's
        # figures by window beside those by clerk. Fits a 1366x768 screen; smaller ones scroll
        # up and down, never sideways: narrower than WIDE_DASHBOARD the exports go below.
        top = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.top_row = top
        self.board = FigureBoard()
        top.addWidget(self.board, 2)
        self.exports = ReportExportPanel(context)
        top.addWidget(self.exports, 1)
        column.addLayout(top)
        middle = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.middle_row = middle
        self.trend = TrendChart()
        middle.addWidget(self._framed(self.trend), 1)
        self.items_table = self._table("dashboardItems", self.items_model, t("事项排行"))
        middle.addLayout(self._titled(t("今日事项排行"), self.items_table), 1)
        column.addLayout(middle, 3)
        bottom = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.bottom_row = bottom
        self.windows_table = self._table("dashboardWindows", self.windows_model, t("按窗口"))
        self.clerks_table = self._table("dashboardClerks", self.clerks_model, t("按经办人"))
        # Accepted and completed count today; 在办 is every case open now, whenever received.
        bottom.addLayout(
            self._titled(t("今日各窗口（在办为当前全部在办件）"), self.windows_table), 1
        )
        bottom.addLayout(
            self._titled(t("今日各经办人（在办为当前全部在办件）"), self.clerks_table), 1
        )
        column.addLayout(bottom, 2)
        journey = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.journey_row = journey
        self.holders_model = HolderFiguresModel(self)
        self.points_model = VillagePointFiguresModel(self)
        self.holders_table = self._plain_table("dashboardHolders", self.holders_model)
        self.points_table = self._plain_table("dashboardPoints", self.points_model)
        journey.addLayout(
            self._titled(t("今日后台审批与县级（在办为当前）"), self.holders_table), 1
        )
        journey.addLayout(self._titled(t("今日村便民服务点（待答复为当前）"), self.points_table), 1)
        column.addLayout(journey, 2)

        scroll = QScrollArea()
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setObjectName("dashboardScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

        context.bus.data_changed.connect(self._on_data_changed)
        context.bus.session_changed.connect(self._on_session_changed)
        self.show_snapshot(None)

    # --- layout ----------------------------------------------------------------------------
    def _build_header(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.title_label = ElidedLabel()
        self.title_label.setObjectName("dashboardTitle")
        self.title_label.setStyleSheet("font-size: 14pt; font-weight: bold;")
        row.addWidget(self.title_label, 1)
        self.status_label = QLabel()
        self.status_label.setObjectName("dashboardStatus")
        self.status_label.setStyleSheet(style.MUTED_TEXT)
        row.addWidget(self.status_label)
        self.refresh_button = QPushButton(t("刷新(&R)"))
        self.refresh_button.setObjectName("dashboardRefresh")
        self.refresh_button.setToolTip(
            t("重新统计，含今天以前的各天（其他窗口新办的件也一并统计）")
        )
        self.refresh_button.clicked.connect(lambda: self.reload(recount_past=True))
        row.addWidget(self.refresh_button)
        return row

    @staticmethod
    def _framed(widget: QWidget) -> QFrame:
        frame = QFrame()
        frame.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(frame)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(widget)
        return frame

    @staticmethod
    def _titled(title: str, table: QTableView) -> QVBoxLayout:
        layout = QVBoxLayout()
        layout.setSpacing(2)
        label = QLabel(title)
        label.setStyleSheet("font-weight: bold;")
        label.setBuddy(table)
        layout.addWidget(label)
        layout.addWidget(table, 1)
        return layout

    def _table(self, name: str, model: GroupFiguresModel, accessible: str) -> QTableView:
        proxy = QSortFilterProxyModel(self)
        proxy.setSourceModel(model)
        proxy.setSortRole(SortRole)
        table = row_table_view(name, proxy, accessible, row_height=24)
        table.setMinimumHeight(130)
        header = table.horizontalHeader()
        header.setMinimumSectionSize(40)
        header.setDefaultSectionSize(NUMBER_COLUMN_WIDTH)
        # Number columns as wide as their (wrapped) heading: no heading is cut.
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_NAME, QHeaderView.ResizeMode.Stretch)
        # Unsorted until the supervisor clicks a header: the service's order (most accepted first).
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # -1: the source's order
        table.setSortingEnabled(True)
        return table

    @staticmethod
    def _plain_table(name: str, model: QAbstractItemModel) -> QTableView:
        table = row_table_view(name, model, name, row_height=24)
        table.setMinimumHeight(110)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        return table

    # --- loading ---------------------------------------------------------------------------
    def reload(self, *, recount_past: bool = False) -> None:
        """Count today's figures off the UI thread (and the days before today when the date
        changed or ``recount_past``); at most one count runs at a time."""
        self._recount_past = self._recount_past or recount_past
        if self._loading:
            self._again = True
            return
        if not self._context.can(Permission.VIEW_REPORTS):
            self.show_snapshot(None)
            return
        actor = self._context.actor
        source = self.source
        recount, self._recount_past = self._recount_past, False
        self._loading = True
        self.status_label.setStyleSheet(style.MUTED_TEXT)
        self.status_label.setText(t("正在统计…"))
        self._runner.start(
            lambda _progress: source.load(actor, recount_past=recount),
            on_done=self._loaded,
            on_error=lambda error, _trace: self._load_failed(error),
        )

    def is_loading(self) -> bool:
        return self._loading

    def is_busy(self) -> bool:
        """Counting, or writing an export (tests wait on this)."""
        return self._loading or self.exports.is_busy()

    def _after_load(self) -> None:
        self._loading = False
        if self._again:
            self._again = False
            self.reload()

    def _loaded(self, snapshot: DashboardSnapshot) -> None:
        # A user switched in meanwhile who may not see reports gets nothing of it.
        self.show_snapshot(snapshot if self._context.can(Permission.VIEW_REPORTS) else None)
        self._after_load()
        self.loaded.emit()

    def _load_failed(self, error: BaseException) -> None:
        self._after_load()
        message = user_message(error)
        self.status_label.setStyleSheet(style.ERROR_TEXT)
        self.status_label.setText(message)

    def show_snapshot(self, snapshot: DashboardSnapshot | None) -> None:
        self.snapshot = snapshot
        if snapshot is None:
            self.title_label.setText(t("今日"))
            self.status_label.clear()
            self.board.set_figures(None)
            self.trend.set_points(())
            for model in (self.items_model, self.windows_model, self.clerks_model):
                model.set_groups(())
            self.holders_model.set_rows(())
            self.points_model.set_rows(())
            return
        report = snapshot.report
        day = QLocale().toString(to_qdate(snapshot.day), "yyyy-MM-dd dddd")
        self.title_label.setText(t("{center} · 今日 {day}", center=report.center_name, day=day))
        counted_at = f"{report.generated_at:%H:%M}"
        self.status_label.setStyleSheet(style.MUTED_TEXT)
        self.status_label.setText(t("统计于 {time}", time=counted_at))
        self.board.set_figures(report.totals, open_as_of=counted_at)
        self._fit_tiles()  # the notes under the numbers are longer now
        self.trend.set_points(snapshot.trend)
        top = [
            row
            for row in snapshot.breakdown(Dimension.ITEM)
            if row.figures.accepted or row.figures.completed
        ]
        self.items_model.set_groups(top[:TOP_ITEMS])
        self.windows_model.set_groups(snapshot.breakdown(Dimension.WINDOW))
        self.clerks_model.set_groups(snapshot.breakdown(Dimension.CLERK))
        journey = snapshot.journey
        self.holders_model.set_rows(journey.holders if journey else ())
        self.points_model.set_rows(journey.points if journey else ())
        self.exports.set_today(snapshot.day)

    # --- what makes it count again ---------------------------------------------------------
    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        direction = (
            QBoxLayout.Direction.LeftToRight
            if event.size().width() >= WIDE_DASHBOARD
            else QBoxLayout.Direction.TopToBottom
        )
        for row in (self.top_row, self.middle_row, self.bottom_row, self.journey_row):
            if row.direction() is not direction:
                row.setDirection(direction)
        self._fit_tiles()

    def _fit_tiles(self) -> None:
        """The tiles take the whole width when the exports go below them, two thirds beside."""
        width = self.width() - 40  # the scroll bar and the margins
        self.board.fit(width if width < WIDE_DASHBOARD - 40 else width * 2 // 3)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.reload()

    def _on_data_changed(self, area: DataArea, _initiator: object) -> None:
        # Every area shows here: cases (the figures), the catalog (item names), users (clerk
        # names) and settings (center, windows, and the working-day calendar of the trend).
        if area is DataArea.SETTINGS:
            self._recount_past = True
        if self.isVisible():
            self.reload()
        # A hidden page counts when it is shown next (showEvent).

    def _on_session_changed(self) -> None:
        self.exports.update_permissions()
        if self.isVisible() or not self._context.can(Permission.VIEW_REPORTS):
            self.reload()
