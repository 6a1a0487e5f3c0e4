"""The pre-registration form (预登记): find the item (village-level items first), tick the papers
taken, type who applies; Ctrl+Enter registers it and prints the resident's 回执.

The keyboard path is the intake's: type in the search box, Enter, Space on each paper taken (or
Alt+A for all), type the ID number and the rest, Ctrl+Enter.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QBoxLayout,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from townclerk.enums import ApplicantKind, IdType, Level
from townclerk.i18n import t
from townclerk.records.cases import ApplicantInput
from townclerk.records.villages import PreRegistrationInput
from townclerk.services.catalog import ItemDetail
from townclerk.services.search import ItemSummary
from townclerk.ui.context import AppContext
from townclerk.ui.crash import show_user_error, user_message
from townclerk.ui.pages.intake.search_panel import MOST_USED_LIMIT, RESULT_LIMIT, SearchPanel
from townclerk.ui.widgets.instant_mnemonic import instant_mnemonics
from townclerk.validation import ADDRESS_MAX_LENGTH, NAME_MAX_LENGTH

MATERIAL_ID_ROLE = Qt.ItemDataRole.UserRole + 1
SIDE_BY_SIDE_WIDTH = 760
_ID_TYPES = {
    ApplicantKind.PERSON: (IdType.RESIDENT_ID, IdType.OTHER),
    ApplicantKind.ORGANISATION: (IdType.USCC, IdType.OTHER),
}


def village_first(items: list[ItemSummary]) -> list[ItemSummary]:
    """The items a village point takes in (村级) before the others, each group in its order."""
    return sorted(items, key=lambda item: item.level is not Level.VILLAGE)


class VillageItemSearch(SearchPanel):
    """The intake's search, preferring 村级 items; with the box empty it lists them."""

    def refresh(self) -> None:
        text = self.edit.text().strip()
        search = self._context.search
        if text:
            items = village_first(search.search(text, limit=RESULT_LIMIT))
            self.header.setText(
                t("找到 {count} 个事项", count=len(items))
                if items
                else t("没有与“{text}”匹配的事项", text=text)
            )
        else:
            items = search.at_level(Level.VILLAGE, limit=MOST_USED_LIMIT * 3)
            self.header.setText(t("村级便民服务点可受理的事项") if items else "")
        self.model.set_items(items)
        if items:
            self.list.setCurrentIndex(self.model.index(0, 0))


class RegistrationForm(QWidget):
    submitted = Signal(object)  # a PreRegistrationInput; the page adds the point and agent

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("registrationForm")
        self._context = context
        self.item: ItemDetail | None = None
        self.search = VillageItemSearch(context)
        self.search.setObjectName("villageSearch")
        self.search.setMinimumHeight(220)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        self.item_label = QLabel(t("2. 收取材料（先选择事项）"))
        self.item_label.setObjectName("chosenItemLabel")
        self.item_label.setStyleSheet("font-weight: bold;")
        self.item_label.setWordWrap(True)
        right_layout.addWidget(self.item_label)
        self.materials = QListWidget()
        self.materials.setObjectName("materialTicks")
        self.materials.setAccessibleName(t("收取的材料（空格键勾选）"))
        self.materials.setMinimumHeight(100)
        self.materials.setMaximumHeight(160)
        right_layout.addWidget(self.materials)
        self.all_button = QPushButton(t("全部收取(&A)"))
        self.all_button.setObjectName("receiveAllButton")
        self.all_button.clicked.connect(self.receive_all)
        ticks = QHBoxLayout()
        ticks.addWidget(self.all_button)
        ticks.addStretch(1)
        right_layout.addLayout(ticks)

        heading = QLabel(t("3. 申请人"))
        heading.setStyleSheet("font-weight: bold;")
        right_layout.addWidget(heading)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.kind_combo = QComboBox()
        self.kind_combo.setObjectName("preKindCombo")
        self.kind_combo.setAccessibleName(t("申请人类型"))
        for kind in ApplicantKind:
            self.kind_combo.addItem(t(kind.label), kind.value)
        form.addRow(t("申请人类型："), self.kind_combo)
        self.id_type_combo = QComboBox()
        self.id_type_combo.setObjectName("preIdTypeCombo")
        self.id_type_combo.setAccessibleName(t("证件类型"))
        form.addRow(t("证件类型："), self.id_type_combo)
        self.id_edit = self._line("preIdEdit", t("证件号码"), 40)
        form.addRow(t("证件号码："), self.id_edit)
        self.name_edit = self._line("preNameEdit", t("姓名"), NAME_MAX_LENGTH)
        form.addRow(t("姓名："), self.name_edit)
        self.phone_edit = self._line("prePhoneEdit", t("联系电话"), 32)
        self.phone_edit.setPlaceholderText(t("手机号码，或带区号的固定电话"))
        form.addRow(t("联系电话："), self.phone_edit)
        self.address_edit = self._line("preAddressEdit", t("地址"), ADDRESS_MAX_LENGTH)
        form.addRow(t("地址："), self.address_edit)
        self.note_edit = self._line("preNoteEdit", t("备注"), 500)
        form.addRow(t("备注："), self.note_edit)
        right_layout.addLayout(form)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.clear_button = QPushButton(t("清空(&L)"))
        self.clear_button.setObjectName("preClearButton")
        self.clear_button.clicked.connect(self.clear)
        self.register_button = QPushButton(t("预登记并打印回执 (Ctrl+Enter)"))
        self.register_button.setObjectName("preRegisterButton")
        self.register_button.setStyleSheet("font-weight: bold; padding: 6px 12px;")
        self.register_button.clicked.connect(self.submit)
        buttons.addWidget(self.clear_button)
        buttons.addWidget(self.register_button)
        right_layout.addLayout(buttons)
        right_layout.addStretch(1)

        self.body = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        self.body.setContentsMargins(0, 0, 0, 0)
        self.body.addWidget(self.search, 2)
        self.body.addWidget(right, 3)

        self.kind_combo.currentIndexChanged.connect(self._on_kind_changed)
        self._on_kind_changed()
        self.search.item_chosen.connect(self.choose_item)
        self.materials.itemActivated.connect(self._toggle)
        instant_mnemonics(self, self.all_button, self.clear_button)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(self.submit)

    def _line(self, name: str, accessible: str, max_length: int) -> QLineEdit:
        edit = QLineEdit()
        edit.setObjectName(name)
        edit.setAccessibleName(accessible)
        edit.setMaxLength(max_length)
        return edit

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        wide = event.size().width() >= SIDE_BY_SIDE_WIDTH
        self.body.setDirection(
            QBoxLayout.Direction.LeftToRight if wide else QBoxLayout.Direction.TopToBottom
        )

    def _on_kind_changed(self) -> None:
        kind = ApplicantKind(self.kind_combo.currentData())
        self.id_type_combo.clear()
        for id_type in _ID_TYPES[kind]:
            self.id_type_combo.addItem(t(id_type.label), id_type.value)

    # --- the item and its papers -------------------------------------------------------------
    def focus_search(self) -> None:
        self.search.focus_search()

    def choose_item(self, item_id: int) -> None:
        try:
            item = self._context.catalog.item(item_id)
        except Exception as error:
            show_user_error(self, user_message(error))
            return
        self.item = item
        self.item_label.setText(
            t("2. 收取材料：{item}", item=item.name)
            + ("" if item.level is Level.VILLAGE else t("（非村级事项）"))
        )
        self.materials.clear()
        for material in item.materials:
            text = f"{material.name}（{t(material.form.label)}×{material.copies}）"
            if not material.required:
                text += t("（非必要）")
            row = QListWidgetItem(text)
            row.setData(MATERIAL_ID_ROLE, material.id)
            row.setFlags(row.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            row.setCheckState(Qt.CheckState.Unchecked)
            self.materials.addItem(row)
        if self.materials.count():
            self.materials.setCurrentRow(0)
            self.materials.setFocus()
        else:
            self.id_edit.setFocus()

    def _toggle(self, row: QListWidgetItem) -> None:
        checked = row.checkState() is Qt.CheckState.Checked
        row.setCheckState(Qt.CheckState.Unchecked if checked else Qt.CheckState.Checked)

    def receive_all(self) -> None:
        for index in range(self.materials.count()):
            self.materials.item(index).setCheckState(Qt.CheckState.Checked)
        self.id_edit.setFocus()

    def received(self) -> tuple[int, ...]:
        return tuple(
            int(self.materials.item(index).data(MATERIAL_ID_ROLE))
            for index in range(self.materials.count())
            if self.materials.item(index).checkState() is Qt.CheckState.Checked
        )

    # --- submitting --------------------------------------------------------------------------
    def data(self) -> PreRegistrationInput | None:
        if self.item is None:
            return None
        return PreRegistrationInput(
            item_id=self.item.id,
            applicant=ApplicantInput(
                kind=ApplicantKind(self.kind_combo.currentData()),
                id_type=IdType(self.id_type_combo.currentData()),
                id_number=self.id_edit.text(),
                name=self.name_edit.text(),
                phone=self.phone_edit.text(),
                address=self.address_edit.text(),
            ),
            received=self.received(),
            note=self.note_edit.text(),
        )

    def submit(self) -> None:
        if not self.register_button.isEnabled():
            return
        data = self.data()
        if data is None:
            self.focus_search()
            return
        self.submitted.emit(data)

    def clear(self) -> None:
        self.item = None
        self.item_label.setText(t("2. 收取材料（先选择事项）"))
        self.materials.clear()
        self.kind_combo.setCurrentIndex(0)
        for edit in (
            self.id_edit,
            self.name_edit,
            self.phone_edit,
            self.address_edit,
            self.note_edit,
        ):
            edit.clear()
        self.search.clear()
        self.focus_search()
