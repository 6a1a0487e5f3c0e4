"""The catalog browser (every role): the active items, filtered, and one item in full.

Anyone at the center looks up what an item needs here without starting an intake: filter by
department, category, level and instant/promised, or type a name, an everyday name (低保), pinyin
initials or a code (the intake's search ranks the matches). Choosing an item shows its limits,
fee, place, conditions and materials. Only administrators may change anything here, and only an
item's everyday names (one write, audited); everything else comes from the imported catalog.

The items and the chosen item's detail are read off the UI thread; the list reloads when the
catalog changes (an import or an alias edit) and keeps the chosen item when it is still there.
Typing searches once the clerk pauses (:data:`SEARCH_DELAY_MS`; Enter or ↓ at once), and lists
the best :data:`SHOWN_MATCHES` matches the filters admit, not the whole catalog ranked.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QItemSelection, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from townclerk.enums import CaseKind, Category, LabeledEnum, Level
from townclerk.i18n import t
from townclerk.records.changes import Changed, DataArea
from townclerk.services.access import Permission
from townclerk.services.catalog import CatalogService, ItemDetail, split_alias_text
from townclerk.services.search import ItemSummary
from townclerk.ui.context import AppContext
from townclerk.ui.crash import user_message
from townclerk.ui.operations import WriteRunner
from townclerk.ui.pages.catalog_browser.item_detail import ItemDetailView
from townclerk.ui.pages.catalog_browser.item_table import (
    COL_CATEGORY,
    COL_CODE,
    COL_DEPARTMENT,
    COL_KIND,
    COL_LEVEL,
    COL_LIMIT,
    COL_NAME,
    CatalogItemModel,
)
from townclerk.ui.widgets.record_table import row_table_view
from townclerk.ui.widgets.typing_pause import TypingPause
from townclerk.ui.worker import TaskRunner

ALL = None  # a filter's "any" choice
SEARCH_DELAY_MS = 150  # typing pauses this long before the list is searched
SHOWN_MATCHES = 200  # a search lists at most about this many, best first


@dataclass(frozen=True)
class BrowserFilter:
    text: str = ""
    department: str | None = ALL
    category: Category | None = ALL
    level: Level | None = ALL
    case_kind: CaseKind | None = ALL

    def admits(self, item: ItemSummary) -> bool:
        return (
            (self.department is None or item.department == self.department)
            and (self.category is None or item.category is self.category)
            and (self.level is None or item.level is self.level)
            and (self.case_kind is None or item.case_kind is self.case_kind)
        )


def load_items(catalog: CatalogService) -> list[ItemSummary]:
    """The active items by department, then name (on the worker thread)."""
    return sorted(catalog.items(), key=lambda item: (item.department, item.name))


class CatalogBrowserPage(QWidget):
    """Filters over the item list on the left, the chosen item on the right."""

    loaded = Signal()  # the list has been (re)loaded
    detail_loaded = Signal()  # the chosen item's detail is shown

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("catalogBrowserPage")
        self._context = context
        self._runner = TaskRunner(self)
        self._generation = 0
        self._detail_generation = 0
        self._loading = 0
        self._items: list[ItemSummary] = []
        self._item_ids: frozenset[int] = frozenset()
        self._wanted_id: int | None = None
        self._stale = True
        layout = QVBoxLayout(self)

        filters = QHBoxLayout()
        self.search_edit = QLineEdit()
        self.search_edit.setObjectName("browserSearchEdit")
        self.search_edit.setAccessibleName(t("查找事项"))
        self.search_edit.setPlaceholderText(t("名称、常用名、拼音首字母或编码"))
        self.search_edit.setClearButtonEnabled(True)
        self._typing = TypingPause(self.search_edit, SEARCH_DELAY_MS, self._apply_filter)
        self.search_edit.installEventFilter(self)
        filters.addWidget(self.search_edit, 2)
        self.department_combo = self._combo("departmentFilter", t("部门"))
        self.category_combo = self._combo("categoryFilter", t("事项类型"))
        self.level_combo = self._combo("levelFilter", t("受理层级"))
        self.kind_combo = self._combo("kindFilter", t("办件类型"))
        for combo in self._combos():
            filters.addWidget(combo, 1)
        self._fill_enum(self.category_combo, t("全部类型"), list(Category))
        self._fill_enum(self.level_combo, t("全部层级"), list(Level))
        self._fill_enum(self.kind_combo, t("即办件和承诺件"), list(CaseKind))
        layout.addLayout(filters)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setObjectName("browserSplitter")
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        self.model = CatalogItemModel(self)
        self.table = row_table_view(
            "browserItemTable",
            self.model,
            t("目录中的事项"),
            column_widths={
                COL_NAME: 280,
                COL_DEPARTMENT: 170,
                COL_CATEGORY: 90,
                COL_LEVEL: 60,
                COL_KIND: 70,
                COL_LIMIT: 100,
                COL_CODE: 120,
            },
        )
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(COL_NAME, QHeaderView.ResizeMode.Interactive)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        left_layout.addWidget(self.table, 1)
        self.status_label = QLabel()
        self.status_label.setObjectName("browserStatus")
        left_layout.addWidget(self.status_label)
        splitter.addWidget(left)
        self.detail = ItemDetailView(context.can(Permission.MANAGE_CATALOG))
        self.detail.save_aliases.connect(self.save_aliases)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout.addWidget(splitter, 1)
        self._writes = WriteRunner(context, self, message=self.detail.message)

        context.bus.data_changed.connect(self._on_data_changed)
        context.bus.session_changed.connect(self._on_session_changed)
        self.reload()

    # --- building ---------------------------------------------------------------------------
    def _combos(self) -> tuple[QComboBox, ...]:
        return (self.department_combo, self.category_combo, self.level_combo, self.kind_combo)

    def _combo(self, name: str, accessible: str) -> QComboBox:
        combo = QComboBox()
        combo.setObjectName(name)
        combo.setAccessibleName(accessible)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(6)
        combo.currentIndexChanged.connect(lambda _index: self._apply_filter())
        return combo

    @staticmethod
    def _fill_enum(combo: QComboBox, everything: str, members: Sequence[LabeledEnum]) -> None:
        combo.blockSignals(True)
        combo.addItem(everything, ALL)
        for member in members:
            combo.addItem(t(member.label), member)
        combo.blockSignals(False)

    def _fill_departments(self) -> None:
        combo = self.department_combo
        chosen = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(t("全部部门"), ALL)
        for department in sorted({item.department for item in self._items}):
            combo.addItem(department, department)
        index = combo.findData(chosen) if chosen is not None else 0
        combo.setCurrentIndex(max(index, 0))
        combo.blockSignals(False)

    # --- loading ----------------------------------------------------------------------------
    def is_loading(self) -> bool:
        return self._loading > 0 or self._typing.pending()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.reload()

    def reload(self) -> None:
        """Read the items again, now if the page is on screen, else when it is next shown (the
        page is built at login with the others: it costs the start nothing until used)."""
        if not self.isVisible():
            self._stale = True
            return
        self._stale = False
        self._generation += 1
        self.detail.alias_row.setVisible(self._context.can(Permission.MANAGE_CATALOG))
        if self._context.session is None:
            self._set_items([])
            self._apply_filter()
            return
        generation = self._generation
        catalog = self._context.catalog
        self._loading += 1
        self._runner.start(
            lambda _progress: load_items(catalog),
            on_done=lambda items: self._loaded(generation, items),
            on_error=lambda error, _trace: self._failed(generation, error),
        )

    def _loaded(self, generation: int, items: list[ItemSummary]) -> None:
        self._loading -= 1
        if generation != self._generation:
            return
        self._set_items(items)
        self._fill_departments()
        self._apply_filter()
        self.loaded.emit()

    def _failed(self, generation: int, error: BaseException) -> None:
        self._loading -= 1
        if generation == self._generation:
            self.status_label.setText(user_message(error))

    def _set_items(self, items: list[ItemSummary]) -> None:
        self._items = items
        self._item_ids = frozenset(item.id for item in items)

    # --- filtering --------------------------------------------------------------------------
    def current_filter(self) -> BrowserFilter:
        return BrowserFilter(
            text=self.search_edit.text().strip(),
            department=self.department_combo.currentData(),
            category=self.category_combo.currentData(),
            level=self.level_combo.currentData(),
            case_kind=self.kind_combo.currentData(),
        )

    def _matching(self, wanted: BrowserFilter) -> tuple[list[ItemSummary], bool]:
        """The items ``wanted`` admits, best match first when a text is typed; and whether
        more matches were left out. The search is asked for :data:`SHOWN_MATCHES` matches,
        and for more only while the filters leave fewer than that of them."""
        if not wanted.text:
            return [item for item in self._items if wanted.admits(item)], False
        limit = SHOWN_MATCHES
        while True:
            # The intake's ranking: exact names and everyday names first, then prefixes…
            found = self._context.search.search(wanted.text, limit=limit)
            shown = [item for item in found if item.id in self._item_ids and wanted.admits(item)]
            more = len(found) == limit
            if len(shown) >= SHOWN_MATCHES or not more:
                return shown, more
            limit *= 4

    def _apply_filter(self) -> None:
        self._typing.cancel()
        chosen = self.current_item_id()
        if chosen is not None:
            self._wanted_id = chosen
        shown, more = self._matching(self.current_filter())
        self.model.set_rows(shown)
        total = len(self._items)
        self.status_label.setText(
            t("显示最相关的{shown}项，共{total}项", shown=len(shown), total=total)
            if more
            else t("显示{shown}项，共{total}项", shown=len(shown), total=total)
        )
        row = self.model.row_of_id(self._wanted_id) if self._wanted_id is not None else None
        if row is None and len(shown) == 1:
            row = 0
        if row is not None:
            self.table.selectRow(row)
        else:
            self._show(None)

    # --- the chosen item --------------------------------------------------------------------
    def current_item_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return self.model.row_at(rows[0].row()).id

    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        item_id = self.current_item_id()
        if item_id is None:
            return
        self._wanted_id = item_id
        self._detail_generation += 1
        generation = self._detail_generation
        catalog = self._context.catalog
        self._loading += 1
        self._runner.start(
            lambda _progress: catalog.item(item_id),
            on_done=lambda item: self._detail_read(generation, item),
            on_error=lambda error, _trace: self._detail_failed(generation, error),
        )

    def _detail_read(self, generation: int, item: ItemDetail) -> None:
        self._loading -= 1
        if generation == self._detail_generation:
            self._show(item)
            self.detail_loaded.emit()

    def _detail_failed(self, generation: int, error: BaseException) -> None:
        self._loading -= 1
        if generation == self._detail_generation:
            self._show(None)
            self.detail.message.show_error(user_message(error))

    def _show(self, item: ItemDetail | None) -> None:
        self.detail.show_item(item)

    # --- everyday names (administrators) ----------------------------------------------------
    def save_aliases(self, item_id: int, text: str) -> None:
        catalog, actor = self._context.catalog, self._context.actor
        names = split_alias_text(text)
        self._writes.run(
            lambda: catalog.set_aliases(actor, item_id, names),
            on_done=self._aliases_saved,
            busy=(self.detail.alias_button,),
        )

    def _aliases_saved(self, result: Changed) -> None:
        if result.areas:
            self.detail.message.show_ok(t("常用名已保存，现在即可按常用名查找。"))
        else:
            self.detail.message.show_ok(t("没有变化。"))

    # --- keeping up -------------------------------------------------------------------------
    def focus_search(self) -> None:
        self.search_edit.setFocus()
        self.search_edit.selectAll()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """↓ in the search box moves into the list (searched at once if typing was pending)."""
        if (
            watched is self.search_edit
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.key() == Qt.Key.Key_Down
        ):
            self._typing.flush()
            if not self.model.rowCount():
                return super().eventFilter(watched, event)
            self.table.setFocus()
            if self.current_item_id() is None:
                self.table.selectRow(0)
            return True
        return super().eventFilter(watched, event)

    def _on_data_changed(self, area: DataArea, _initiator: object) -> None:
        if area is DataArea.CATALOG:
            self.reload()

    def _on_session_changed(self) -> None:
        self._wanted_id = None
        self.search_edit.clear()
        self.reload()
