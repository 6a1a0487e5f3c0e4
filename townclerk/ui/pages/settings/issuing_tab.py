"""The issuing bodies table: who decides, and whose seal a document carries, for the items of
one 权力来源 (and, if given, one department). Without a rule an item is decided by the township
government, or, if entrusted, in its department's name (``records/issuing.py``)."""

from __future__ import annotations

from PySide6.QtCore import QStringListModel, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from townclerk.enums import PowerSource
from townclerk.errors import FieldError
from townclerk.i18n import t
from townclerk.records.changes import DataArea
from townclerk.records.issuing import IssuingBodyRule
from townclerk.services.issuing import check_rule
from townclerk.ui.context import AppContext
from townclerk.ui.operations import WriteRunner
from townclerk.ui.widgets.message_line import MessageLine
from townclerk.ui.widgets.record_table import prepare_record_table, set_record_row


class IssuingBodiesEditor(QWidget):
    """A table of rules; the form above adds a rule or changes the one with the same 权力来源
    and department (choosing a row fills it in); 删除 (or Delete) removes the chosen rule."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("issuingBodies")
        self._context = context
        self.rules: list[IssuingBodyRule] = []
        layout = QVBoxLayout(self)
        explanation = QLabel(
            t(
                "未设规则时：法定本级行使、上级下放、授权的事项以镇（街道）人民政府名义作出；"
                "委托事项以委托部门名义作出，文书注明受委托单位；"
                "公共企事业单位（供水、供电、供气）的公共服务以该单位名义。"
                "事项目录中填写了实施主体的事项，以目录为准。"
            )
        )
        explanation.setWordWrap(True)
        layout.addWidget(explanation)

        form = QFormLayout()
        self.source_combo = QComboBox()
        self.source_combo.setObjectName("issuingSourceCombo")
        self.source_combo.setAccessibleName(t("权力来源"))
        for source in PowerSource:
            self.source_combo.addItem(t(source.label), source.value)
        form.addRow(t("权力来源"), self.source_combo)
        self.department_edit = self._line("issuingDepartmentEdit", t("实施部门"))
        self.department_edit.setPlaceholderText(t("不填则适用于该权力来源的所有部门"))
        self._departments = QStringListModel(context.issuing.departments(), self)
        completer = QCompleter(self._departments, self.department_edit)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.department_edit.setCompleter(completer)
        self.field_messages: dict[str, MessageLine] = {}
        self._add_field(form, t("实施部门"), self.department_edit, "department")
        self.name_edit = self._line("issuingNameEdit", t("发文机关"))
        self.name_edit.setPlaceholderText(t("如 睢宁县民政局"))
        self._add_field(form, t("发文机关") + " *", self.name_edit, "name")
        self.seal_edit = self._line("issuingSealEdit", t("印章文字"))
        self.seal_edit.setPlaceholderText(t("不填则与发文机关相同"))
        self._add_field(form, t("印章文字"), self.seal_edit, "seal_text")
        layout.addLayout(form)

        buttons = QHBoxLayout()
        self.save_button = QPushButton(t("添加或修改规则"))
        self.save_button.setObjectName("saveIssuingBodyButton")
        self.save_button.clicked.connect(self.save)
        self.remove_button = QPushButton(t("删除所选规则"))
        self.remove_button.setObjectName("removeIssuingBodyButton")
        self.remove_button.setToolTip("Delete")
        self.remove_button.clicked.connect(self.remove_selected)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)

        headers = [t("权力来源"), t("实施部门"), t("发文机关"), t("印章文字")]
        self.table = QTableWidget(0, len(headers))
        prepare_record_table(self.table, "issuingBodiesTable", t("发文机关规则"))
        self.table.setHorizontalHeaderLabels(headers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._selected)
        delete = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.table)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete.activated.connect(self.remove_selected)
        layout.addWidget(self.table, 1)
        self.message = MessageLine("issuingMessage")
        layout.addWidget(self.message)
        self._writes = WriteRunner(context, self, message=self.message)
        self.reload()
        context.bus.data_changed.connect(self._on_data_changed)

    def _add_field(self, form: QFormLayout, label: str, edit: QLineEdit, field: str) -> None:
        """A row for ``edit`` and, under it, a hidden line for what is wrong with it."""
        form.addRow(label, edit)
        line = MessageLine(f"issuing_{field}Message")
        line.hide()
        form.addRow("", line)
        self.field_messages[field] = line

    def _line(self, name: str, accessible_name: str) -> QLineEdit:
        edit = QLineEdit()
        edit.setObjectName(name)
        edit.setAccessibleName(accessible_name)
        edit.setMaxLength(128)
        edit.returnPressed.connect(self.save)
        return edit

    def reload(self) -> None:
        self.rules = self._context.issuing.rules()
        self.table.setRowCount(len(self.rules))
        for index, rule in enumerate(self.rules):
            cells = [
                t(rule.power_source.label),
                rule.department or t("（所有部门）"),
                rule.name,
                rule.seal_text,
            ]
            set_record_row(self.table, index, cells, active=True)
        self.remove_button.setEnabled(self.selected_rule() is not None)

    def selected_rule(self) -> IssuingBodyRule | None:
        indexes = self.table.selectionModel().selectedRows()
        return self.rules[indexes[0].row()] if indexes else None

    def _selected(self) -> None:
        """A chosen rule fills the form, to change it."""
        rule = self.selected_rule()
        self.remove_button.setEnabled(rule is not None)
        if rule is None:
            return
        self.source_combo.setCurrentIndex(self.source_combo.findData(rule.power_source.value))
        self.department_edit.setText(rule.department)
        self.name_edit.setText(rule.name)
        self.seal_edit.setText(rule.seal_text)

    def _clear_field_errors(self) -> None:
        for line in self.field_messages.values():
            line.clear_message()
            line.hide()

    def _field_error(self, error: FieldError) -> None:
        """The message under the field it is about, and the cursor in that field."""
        line = self.field_messages[error.field]
        line.show_error(str(error))
        line.show()
        edits = {
            "department": self.department_edit,
            "name": self.name_edit,
            "seal_text": self.seal_edit,
        }
        edits[error.field].setFocus()

    def save(self) -> None:
        self._clear_field_errors()
        self.message.clear_message()
        source = PowerSource(self.source_combo.currentData())
        try:
            department, name, seal = check_rule(
                self.department_edit.text(), self.name_edit.text(), self.seal_edit.text()
            )
        except FieldError as error:
            self._field_error(error)
            return
        issuing, actor = self._context.issuing, self._context.actor
        self._writes.run(
            lambda: issuing.set_rule(actor, source, department, name, seal),
            on_done=self._saved,
            busy=(self.save_button,),
        )

    def _saved(self, rule: IssuingBodyRule) -> None:
        self.message.show_ok(
            t(
                "已设定：{source} {department} → {name}",
                source=t(rule.power_source.label),
                department=rule.department or t("（所有部门）"),
                name=rule.name,
            )
        )
        for edit in (self.department_edit, self.name_edit, self.seal_edit):
            edit.clear()

    def remove_selected(self) -> None:
        rule = self.selected_rule()
        if rule is None:
            return
        issuing, actor = self._context.issuing, self._context.actor
        self._writes.run(
            lambda: issuing.remove_rule(actor, rule.id),
            on_done=lambda _result: self._removed(rule),
            busy=(self.remove_button,),
        )

    def _removed(self, rule: IssuingBodyRule) -> None:
        self.message.show_ok(t("已删除“{name}”的规则。", name=rule.name))

    def _on_data_changed(self, area: DataArea, _initiator: object) -> None:
        if area in (DataArea.SETTINGS, DataArea.CATALOG):
            self.reload()
            if area is DataArea.CATALOG:
                self._departments.setStringList(self._context.issuing.departments())
