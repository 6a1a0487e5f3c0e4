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
from townclerk.ui.widgets.enum_text import enum_text

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
        heading = QLabel(self.tr("2. Item and materials"))
        heading.setStyleSheet("font-weight: bold;")
        layout.addWidget(heading)

        self.title = QLabel(self.tr("No item chosen yet: search on the left."))
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
            ("code", self.tr("Item code")),
            ("aliases", self.tr("Everyday names")),
            ("department", self.tr("Department")),
            ("category", self.tr("Category")),
            ("limits", self.tr("Time limits")),
            ("fee", self.tr("Fee")),
            ("place", self.tr("Place")),
            ("result", self.tr("Result")),
            ("conditions", self.tr("Conditions")),
            ("legal_basis", self.tr("Legal basis")),
        ):
            value = QLabel()
            value.setObjectName(f"item_{key}")
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self._fields[key] = value
            form.addRow(label + self.tr(":"), value)
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
        self.table.setAccessibleName(self.tr("Materials checklist"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.SelectedClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.table.setWordWrap(True)
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
        self.all_button = QPushButton(self.tr("&All received"))
        self.all_button.setObjectName("allReceivedButton")
        self.all_button.setAccessibleName(self.tr("Mark every material received"))
        self.all_button.setToolTip(self.tr("Alt+A: every material received"))
        self.all_button.clicked.connect(self.receive_all)
        bottom.addWidget(self.all_button)
        layout.addLayout(bottom)

        self.result_row = QWidget()
        result_layout = QHBoxLayout(self.result_row)
        result_layout.setContentsMargins(0, 0, 0, 0)
        result_label = QLabel(self.tr("Result given on the spot:"))
        self.result_edit = QLineEdit()
        self.result_edit.setObjectName("resultEdit")
        self.result_edit.setAccessibleName(self.tr("Result given on the spot"))
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
            self.title.setText(self.tr("No item chosen yet: search on the left."))
            for label in self._fields.values():
                label.clear()
            self.model.clear()
            self.result_row.setVisible(False)
            self.result_edit.clear()
            return
        self.title.setText(item.name)
        instant = item.case_kind is CaseKind.INSTANT
        limits = (
            self.tr("Instant case: done on the spot")
            if instant
            else self.tr("Statutory {statutory} working days, promised {promised} working days")
        ).format(statutory=item.statutory_days, promised=item.promised_days)
        values = {
            "code": item.code,
            "aliases": "、".join(item.aliases),
            "department": item.department,
            "category": enum_text(item.category),
            "limits": limits,
            "fee": (item.fee_standard or self.tr("Charged"))
            if item.charges_fee
            else self.tr("Free of charge"),
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
        separator = self.tr(", ")
        unmet = [row for row in self.model.missing() if row.required]
        must_receive = [row.name for row in unmet if not row.tolerance_allowed]
        may_tolerate = [row.name for row in unmet if row.tolerance_allowed]
        if must_receive:
            problems.append(self.tr("receive: {names}").format(names=separator.join(must_receive)))
        if may_tolerate:
            problems.append(
                self.tr("receive or tolerate: {names}").format(names=separator.join(may_tolerate))
            )
        bad = self.model.bad_promises()
        if bad:
            problems.append(
                self.tr("a date after today for tolerated: {names}").format(
                    names=separator.join(bad)
                )
            )
        return problems

    def _on_states_changed(self) -> None:
        rows = self.model.rows()
        if rows:
            received = sum(row.state is MaterialState.RECEIVED for row in rows)
            tolerated = sum(row.state is MaterialState.TOLERATED for row in rows)
            text = self.tr("{received} of {total} received").format(
                received=received, total=len(rows)
            )
            if tolerated:
                text += self.tr(", {tolerated} tolerated").format(tolerated=tolerated)
            self.material_status.setText(text)
        elif self.item is not None:
            self.material_status.setText(self.tr("This item needs no materials."))
        else:
            self.material_status.clear()
        self.changed.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Space ticks "received" on the current row whatever column the cursor is in.
        if watched is self.table and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() == Qt.Key.Key_Space and not event.modifiers():
                row = self.table.currentIndex().row()
                if row >= 0:
                    self.model.toggle_received(row)
                return True
        return super().eventFilter(watched, event)
