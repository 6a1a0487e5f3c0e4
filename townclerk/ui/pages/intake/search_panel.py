"""Finding the catalog item: a search box with live results, driven from the keyboard.

Typing searches the in-memory index at every keystroke; Up/Down move through the results while
the cursor stays in the box; Enter chooses the highlighted item (the first one by default);
Escape empties the box. With the box empty the window's most used items are listed.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLabel, QLineEdit, QSizePolicy, QVBoxLayout, QWidget

from townclerk.i18n import t
from townclerk.records.changes import DataArea
from townclerk.ui.context import AppContext
from townclerk.ui.pages.intake.result_list import result_list_view
from townclerk.ui.pages.intake.search_results import SearchResultsModel

RESULT_LIMIT = 20
MOST_USED_LIMIT = 10


class SearchPanel(QWidget):
    item_chosen = Signal(int)  # the catalog item id

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        title = QLabel(t("1. 查找事项"))
        title.setObjectName("searchTitle")
        title.setStyleSheet("font-weight: bold;")
        layout.addWidget(title)
        self.edit = QLineEdit()
        self.edit.setObjectName("searchEdit")
        self.edit.setAccessibleName(t("搜索事项目录"))
        self.edit.setPlaceholderText(t("事项名称、拼音首字母或编码（Ctrl+F）"))
        self.edit.setClearButtonEnabled(True)
        title.setBuddy(self.edit)
        layout.addWidget(self.edit)
        self.header = QLabel()
        self.header.setObjectName("resultsHeader")
        # The count changes at every keystroke: its width must not move the panel's layout
        # (a long "no match" text would otherwise widen the panel and relayout the page).
        self.header.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        layout.addWidget(self.header)
        self.model = SearchResultsModel(self)
        self.list = result_list_view(self.model)
        self.list.setObjectName("resultList")
        self.list.setAccessibleName(t("匹配的事项"))
        layout.addWidget(self.list, 1)

        self.edit.textChanged.connect(self.refresh)
        self.edit.installEventFilter(self)
        self.list.activated.connect(self._choose_index)
        self.list.clicked.connect(self._choose_index)
        context.bus.data_changed.connect(self._on_data_changed)
        context.bus.session_changed.connect(self.refresh)
        self.refresh()

    # --- searching ---------------------------------------------------------------------------
    def refresh(self) -> None:
        text = self.edit.text().strip()
        search = self._context.search
        if text:
            items = search.search(text, window_id=self._context.window_id, limit=RESULT_LIMIT)
            self.header.setText(
                t("找到 {count} 个事项", count=len(items))
                if items
                else t("没有与“{text}”匹配的事项", text=text)
            )
        else:
            items = search.most_used(self._context.window_id, limit=MOST_USED_LIMIT)
            self.header.setText(t("本窗口常用事项") if items else "")
        self.model.set_items(items)
        if items:
            self.list.setCurrentIndex(self.model.index(0, 0))

    def _on_data_changed(self, area: DataArea, _initiator: object) -> None:
        if area is DataArea.CATALOG or (area is DataArea.CASES and not self.edit.text().strip()):
            self.refresh()

    # --- choosing ----------------------------------------------------------------------------
    def focus_search(self) -> None:
        self.edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.edit.selectAll()

    def clear(self) -> None:
        self.edit.clear()

    def choose_current(self) -> bool:
        index = self.list.currentIndex()
        if not index.isValid():
            if self.model.rowCount() == 0:
                return False
            index = self.model.index(0, 0)
        self._choose_index(index)
        return True

    def _choose_index(self, index: QModelIndex) -> None:
        if index.isValid():
            self.item_chosen.emit(self.model.item(index.row()).id)

    def _move(self, step: int) -> None:
        count = self.model.rowCount()
        if count == 0:
            return
        current = self.list.currentIndex().row()
        row = min(max(current + step, 0), count - 1) if current >= 0 else 0
        self.list.setCurrentIndex(self.model.index(row, 0))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.edit and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key = event.key()
            plain = event.modifiers() in (
                Qt.KeyboardModifier.NoModifier,
                Qt.KeyboardModifier.KeypadModifier,
            )
            if key == Qt.Key.Key_Down:
                self._move(1)
                return True
            if key == Qt.Key.Key_Up:
                self._move(-1)
                return True
            if key == Qt.Key.Key_PageDown:
                self._move(5)
                return True
            if key == Qt.Key.Key_PageUp:
                self._move(-5)
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and plain:
                self.choose_current()
                return True
            if key == Qt.Key.Key_Escape and self.edit.text():
                self.edit.clear()
                return True
        return super().eventFilter(watched, event)
