"""The chosen item: what the catalog says about it, and the checklist of its materials."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QEvent, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from townclerk.enums import CaseKind, MaterialState
from townclerk.i18n import pt, t
from townclerk.ui.context import AppContext
from townclerk.ui.pages.intake.material_checklist import (
    COL_FORM,
    COL_NAME,
    COL_PROMISED,
    COL_RECEIVED,
    COL_REQUIRED,
    COL_TOLERATED,
    MaterialChecklistModel,
)
from townclerk.ui.qt_typed import to_qdate
from townclerk.ui.widgets.instant_mnemonic import instant_mnemonics

if TYPE_CHECKING:
    from townclerk.services.catalog import ItemDetail

# How long a resident gets, by default, to bring a tolerated material (the clerk can change it).
DEFAULT_PROMISE_WORKDAYS = 5


class PromiseDateDelegate(QStyledItemDelegate):
    """A date editor for the promised date of a tolerated material: tomorrow at the earliest."""

    def __init__(self, model: MaterialChecklistModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._model = model
        self.earliest = dt.date.today() + dt.timedelta(days=1)

    def createEditor(
        self,
        parent: QWidget,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> QWidget:
        editor = QDateEdit(parent)
        editor.setObjectName("promiseDateEdit")
        editor.setCalendarPopup(True)
        editor.setDisplayFormat("yyyy-MM-dd")
        editor.setMinimumDate(to_qdate(self.earliest))
        return editor

    def setEditorData(self, editor: QWidget, index: QModelIndex | QPersistentModelIndex) -> None:
        assert isinstance(editor, QDateEdit)
        value = index.data(Qt.ItemDataRole.EditRole)
        editor.setDate(
            value if isinstance(value, QDate) and value.isValid() else to_qdate(self.earliest)
        )

    def setModelData(
        self,
        editor: QWidget,
        model: object,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        assert isinstance(editor, QDateEdit)
        self._model.setData(index, editor.date(), Qt.ItemDataRole.EditRole)


class ItemPanel(QWidget):
    changed = Signal()
    all_received = Signal()  # the clerk pressed "all received": the next step is the applicant

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self.item: ItemDetail | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        heading = QLabel(t("2. 事项与材料"))
        heading.setStyleSheet("font-weight: bold;")
        layout.addWidget(heading)

        self.title = QLabel(t("尚未选择事项：请在左侧搜索。"))
        self.title.setObjectName("itemTitle")
        self.title.setWordWrap(True)
        self.title.setStyleSheet("font-size: 15pt; font-weight: bold;")
        layout.addWidget(self.title)

        self.details = QWidget()
        form = QFormLayout(self.details)
        form.setContentsMargins(0, 0, 0, 0)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._fields: dict[str, QLabel] = {}
        for key, label in (
            ("code", t("事项编码")),
            ("aliases", t("常用名")),
            ("department", pt("ItemPanel", "原实施部门")),
            ("category", pt("ItemPanel", "事项类型")),
            ("limits", t("办理时限")),
            ("fee", pt("ItemPanel", "收费")),
            ("place", t("办理地点")),
            ("result", t("办理结果")),
            ("conditions", t("受理条件")),
            ("legal_basis", t("设定依据")),
        ):
            value = QLabel()
            value.setObjectName(f"item_{key}")
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self._fields[key] = value
            form.addRow(label + t("："), value)
        scroll = QScrollArea()
        scroll.setObjectName("itemDetails")
        scroll.setWidget(self.details)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setMinimumHeight(120)
        scroll.setMaximumHeight(240)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        layout.addWidget(scroll)

        self.model = MaterialChecklistModel(self)
        self.table = QTableView()
        self.table.setObjectName("materialTable")
        self.table.setAccessibleName(t("申请材料清单"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.SelectedClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.table.setWordWrap(True)
        # One Tab stop for the table: arrows move inside, Tab goes on to the next field.
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setMinimumSectionSize(self.fontMetrics().height() + 12)
        self.promise_delegate = PromiseDateDelegate(self.model, self.table)
        self.table.setItemDelegateForColumn(COL_PROMISED, self.promise_delegate)
        header = self.table.horizontalHeader()
        for column in (COL_RECEIVED, COL_REQUIRED, COL_TOLERATED):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        for column in (COL_FORM, COL_PROMISED):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(COL_NAME, QHeaderView.ResizeMode.Stretch)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.installEventFilter(self)
        layout.addWidget(self.table, 1)

        bottom = QHBoxLayout()
        self.material_status = QLabel()
        self.material_status.setObjectName("materialStatus")
        self.material_status.setWordWrap(True)
        bottom.addWidget(self.material_status, 1)
        self.all_button = QPushButton(t("全部收取(&A)"))
        self.all_button.setObjectName("allReceivedButton")
        self.all_button.setAccessibleName(t("将所有必要材料标记为已收取"))
        self.all_button.setToolTip(
            t("Alt+A：必要材料全部已收取；非必要材料（如代办时的委托书）收到时请逐项勾选")
        )
        self.all_button.clicked.connect(self.receive_all)
        instant_mnemonics(self, self.all_button)
        bottom.addWidget(self.all_button)
        layout.addLayout(bottom)

        self.result_row = QWidget()
        result_layout = QHBoxLayout(self.result_row)
        result_layout.setContentsMargins(0, 0, 0, 0)
        result_label = QLabel(t("当场办结结果："))
        self.result_edit = QLineEdit()
        self.result_edit.setObjectName("resultEdit")
        self.result_edit.setAccessibleName(t("当场办结结果"))
        result_label.setBuddy(self.result_edit)
        result_layout.addWidget(result_label)
        result_layout.addWidget(self.result_edit, 1)
        layout.addWidget(self.result_row)

        self.model.dataChanged.connect(self._on_states_changed)
        self.model.modelReset.connect(self._on_states_changed)
        # Long material names wrap instead of being cut off.
        self.model.modelReset.connect(self._fit_columns)
        header.sectionResized.connect(lambda *_: self.table.resizeRowsToContents())
        self.show_item(None)

    # --- showing an item ---------------------------------------------------------------------
    def show_item(self, item: ItemDetail | None) -> None:
        self.item = item
        self.details.setVisible(item is not None)
        self.all_button.setEnabled(item is not None)
        if item is None:
            self.title.setText(t("尚未选择事项：请在左侧搜索。"))
            for label in self._fields.values():
                label.clear()
            self.model.clear()
            self.result_row.setVisible(False)
            self.result_edit.clear()
            return
        self.title.setText(item.name)
        instant = item.case_kind is CaseKind.INSTANT
        limits = (
            t("即办件：当场办结")
            if instant
            else t(
                "法定 {statutory} 个工作日，承诺 {promised} 个工作日",
                statutory=item.statutory_days,
                promised=item.promised_days,
            )
        )
        values = {
            "code": item.code,
            "aliases": "、".join(item.aliases),
            "department": item.department,
            "category": t(item.category.label),
            "limits": limits,
            "fee": (item.fee_standard or t("收费")) if item.charges_fee else t("不收费"),
            "place": item.place,
            "result": item.result,
            "conditions": item.conditions,
            "legal_basis": item.legal_basis,
        }
        for key, label in self._fields.items():
            label.setText(values[key] or "—")
        today = self._context.db.today()
        calendar = self._context.settings.work_calendar()
        self.promise_delegate.earliest = today + dt.timedelta(days=1)
        self.model.set_materials(
            item.materials,
            today=today,
            default_promise=calendar.add_working_days(today, DEFAULT_PROMISE_WORKDAYS),
        )
        # The 容缺 columns only where the catalog allows tolerance for some material.
        tolerable = any(material.tolerance_allowed for material in item.materials)
        self.table.setColumnHidden(COL_TOLERATED, not tolerable)
        self.table.setColumnHidden(COL_PROMISED, not tolerable)
        self.result_row.setVisible(instant)
        self.result_edit.setText(item.result if instant else "")
        if self.model.rowCount():
            self.table.setCurrentIndex(self.model.index(0, COL_RECEIVED))

    def _fit_columns(self) -> None:
        """Form and date columns as wide as their text up to a cap, so the name keeps room."""
        metrics = self.table.fontMetrics()
        header = self.table.horizontalHeader()
        cap = metrics.horizontalAdvance("M") * 11
        for column, sample in ((COL_FORM, ""), (COL_PROMISED, "2026-10-12")):
            wanted = max(
                self.table.sizeHintForColumn(column),
                header.sectionSizeHint(column),
                metrics.horizontalAdvance(sample) + 16,
            )
            header.resizeSection(column, min(wanted, cap))
        self.table.resizeRowsToContents()

    def focus_materials(self) -> None:
        if self.model.rowCount():
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)
            if not self.table.currentIndex().isValid():
                self.table.setCurrentIndex(self.model.index(0, COL_RECEIVED))

    def receive_all(self) -> None:
        self.model.receive_all()
        self.all_received.emit()

    def result_text(self) -> str:
        return self.result_edit.text().strip() if self.result_row.isVisible() else ""

    # --- what blocks an acceptance -----------------------------------------------------------
    def problems(self) -> list[str]:
        problems = []
        separator = t("、")
        unmet = [row for row in self.model.missing() if row.required]
        must_receive = [row.name for row in unmet if not row.tolerance_allowed]
        may_tolerate = [row.name for row in unmet if row.tolerance_allowed]
        if must_receive:
            problems.append(t("收取：{names}", names=separator.join(must_receive)))
        if may_tolerate:
            problems.append(t("收取或容缺：{names}", names=separator.join(may_tolerate)))
        owed = self.model.power_of_attorney_owed()
        if owed:
            problems.append(t("代办须收取：{names}", names=separator.join(owed)))
        bad = self.model.bad_promises()
        if bad:
            problems.append(t("容缺材料须填今天之后的补交日期：{names}", names=separator.join(bad)))
        return problems

    def _on_states_changed(self) -> None:
        rows = self.model.rows()
        if rows:
            received = sum(row.state is MaterialState.RECEIVED for row in rows)
            tolerated = sum(row.state is MaterialState.TOLERATED for row in rows)
            text = t("已收取 {received}/{total} 项", received=received, total=len(rows))
            if tolerated:
                text += t("，容缺 {tolerated} 项", tolerated=tolerated)
            self.material_status.setText(text)
        elif self.item is not None:
            self.material_status.setText(t("该事项无需申请材料。"))
        else:
            self.material_status.clear()
        self.changed.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Space ticks "received" and T "tolerated" (容缺) on the current row, whatever column the
        # cursor is in.
        if watched is self.table and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in (Qt.Key.Key_Space, Qt.Key.Key_T) and not event.modifiers():
                row = self.table.currentIndex().row()
                if row >= 0 and event.key() == Qt.Key.Key_Space:
                    self.model.toggle_received(row)
                elif row >= 0:
                    self.model.toggle_tolerated(row)
                return True
        return super().eventFilter(watched, event)
