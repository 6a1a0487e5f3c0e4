"""The center's own settings: name, code, contact, who decides and where to appeal, what the
receipt says, printing, timers, backups."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from townclerk.enums import StationMode
from townclerk.errors import FieldError, UserError
from townclerk.i18n import pt, t
from townclerk.records.center import MAX_REVIEW_DAYS, MIN_REVIEW_DAYS, CenterSettings
from townclerk.records.changes import Changed, DataArea
from townclerk.services.settings import clean_reasons, validate_center_settings
from townclerk.ui.context import AppContext
from townclerk.ui.operations import WriteRunner
from townclerk.ui.widgets.file_dialogs import dialog_options
from townclerk.ui.widgets.message_line import MessageLine
from townclerk.validation import parse_phone

PAPER_SIZES = ("A4", "A5")


class CenterSettingsForm(QWidget):
    """Edit :class:`CenterSettings`; the service validates, a refusal changes nothing."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("centerSettings")
        self._context = context
        outer = QHBoxLayout(self)
        column = QWidget()
        column.setMaximumWidth(760)  # a form, not a banner: long lines are hard to read
        outer.addWidget(column, 1)
        outer.addStretch(0)
        layout = QVBoxLayout(column)
        layout.setContentsMargins(0, 0, 0, 0)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)  # narrow: label above

        self.name_edit = self._line("centerNameEdit", t("中心名称"), 128)
        form.addRow(t("中心名称"), self.name_edit)
        self.code_edit = self._line("centerCodeEdit", t("中心代码"), 12)
        self.code_edit.setPlaceholderText(t("9位或12位行政区划代码，如 320324101"))
        form.addRow(t("中心代码"), self.code_edit)
        self.station_combo = QComboBox()
        self.station_combo.setObjectName("stationModeCombo")
        self.station_combo.setAccessibleName(t("运行模式"))
        for mode in StationMode:
            self.station_combo.addItem(t(mode.label), mode)
        form.addRow(t("运行模式"), self.station_combo)
        self.point_code_edit = self._line("villagePointCodeEdit", t("本服务点代码"), 32)
        self.point_code_edit.setPlaceholderText(t("村便民服务点模式填写，如 320324101201"))
        form.addRow(t("本服务点代码"), self.point_code_edit)
        self.phone_edit = self._line("centerPhoneEdit", t("联系电话"), 32)
        self.phone_edit.setPlaceholderText(t("如 0516-88881234"))
        form.addRow(t("联系电话"), self.phone_edit)
        self.address_edit = self._line("centerAddressEdit", t("地址"), 255)
        form.addRow(t("地址"), self.address_edit)
        self.footer_edit = QPlainTextEdit()
        self.footer_edit.setObjectName("receiptFooterEdit")
        self.footer_edit.setAccessibleName(t("通知书页脚"))
        self.footer_edit.setTabChangesFocus(True)
        self.footer_edit.setFixedHeight(70)
        form.addRow(t("通知书页脚"), self.footer_edit)

        self.paper_combo = QComboBox()
        self.paper_combo.setObjectName("paperSizeCombo")
        self.paper_combo.setAccessibleName(t("纸张大小"))
        self.paper_combo.addItems(PAPER_SIZES)
        form.addRow(t("纸张大小"), self.paper_combo)
        self.two_part_check = QCheckBox(t("受理通知书打印两联（存根联和申请人联）"))
        self.two_part_check.setObjectName("twoPartCheck")
        self.two_part_check.setAccessibleName(t("两联打印"))
        form.addRow(t("两联打印"), self.two_part_check)
        self.idle_spin = QSpinBox()
        self.idle_spin.setObjectName("idleLockSpin")
        self.idle_spin.setAccessibleName(t("无操作自动锁屏时间（分钟）"))
        self.idle_spin.setRange(1, 240)
        self.idle_spin.setSuffix(t(" 分钟"))
        form.addRow(t("无操作自动锁屏"), self.idle_spin)
        self.warning_spin = QSpinBox()
        self.warning_spin.setObjectName("warningDaysSpin")
        self.warning_spin.setAccessibleName(t("到期前预警天数（工作日）"))
        self.warning_spin.setRange(0, 30)
        self.warning_spin.setSuffix(t(" 个工作日"))
        form.addRow(t("黄色预警提前"), self.warning_spin)
        self.review_spin = QSpinBox()
        self.review_spin.setObjectName("reviewDaysSpin")
        self.review_spin.setAccessibleName(t("初审转报事项的初审时限（工作日）"))
        self.review_spin.setRange(MIN_REVIEW_DAYS, MAX_REVIEW_DAYS)
        self.review_spin.setSuffix(t(" 个工作日"))
        self.review_spin.setToolTip(
            t("目录未写明初审时限的初审转报事项，镇里在此期限内初审并报送县级部门")
        )
        form.addRow(t("默认初审时限"), self.review_spin)
        self.refusal_reasons_edit = self._reasons_edit("refusalReasonsEdit", t("不予受理常用理由"))
        form.addRow(t("不予受理常用理由"), self.refusal_reasons_edit)
        self.correction_reasons_edit = self._reasons_edit(
            "correctionReasonsEdit", t("补正常用理由")
        )
        form.addRow(t("补正常用理由"), self.correction_reasons_edit)
        layout.addLayout(form)
        layout.addWidget(self._issuing_box())
        layout.addWidget(self._backup_box())

        buttons = QHBoxLayout()
        self.save_button = QPushButton(t("保存"))
        self.save_button.setObjectName("saveCenterButton")
        self.save_button.clicked.connect(self.save)
        self.revert_button = QPushButton(t("撤销修改"))
        self.revert_button.setObjectName("revertCenterButton")
        self.revert_button.clicked.connect(self.load)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.revert_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.message = MessageLine("centerMessage")
        layout.addWidget(self.message)
        layout.addStretch(1)
        # A wrong value is reported right under its field, not at the foot of the page.
        self.field_messages: dict[str, MessageLine] = {}
        fields = {
            "center_name": self.name_edit,
            "center_code": self.code_edit,
            "station_mode": self.station_combo,
            "village_point_code": self.point_code_edit,
            "phone": self.phone_edit,
            "paper_size": self.paper_combo,
            "idle_lock_minutes": self.idle_spin,
            "warning_days": self.warning_spin,
            "review_days": self.review_spin,
            "refusal_reasons": self.refusal_reasons_edit,
            "correction_reasons": self.correction_reasons_edit,
            "government_name": self.government_edit,
            "government_seal": self.seal_edit,
            "review_body": self.review_body_edit,
            "court": self.court_edit,
            "backup_second_location": self.second_location_edit,
            "backup_interval_hours": self.interval_spin,
            "backup_keep_daily": self.keep_daily_spin,
            "backup_keep_weekly": self.keep_weekly_spin,
            "backup_keep_monthly": self.keep_monthly_spin,
        }
        for field, widget in fields.items():
            self.field_messages[field] = self._message_under(form, widget, field)
        self._writes = WriteRunner(context, self, message=self.message)
        self.load()
        context.bus.data_changed.connect(self._on_data_changed)

    @staticmethod
    def _reasons_edit(name: str, label: str) -> QPlainTextEdit:
        """The common reasons a dialog offers, one a line."""
        edit = QPlainTextEdit()
        edit.setObjectName(name)
        edit.setAccessibleName(label)
        edit.setPlaceholderText(t("每行一条"))
        edit.setTabChangesFocus(True)
        edit.setFixedHeight(70)
        return edit

    def _message_under(self, form: QFormLayout, widget: QWidget, field: str) -> MessageLine:
        """A hidden message line in the row below ``widget`` (in ``form`` or the backup box)."""
        line = MessageLine(f"{field}Message")
        line.hide()
        for candidate in (form, self.issuing_form, self.backup_form):
            row = _row_of(candidate, widget)
            if row >= 0:
                candidate.insertRow(row + 1, "", line)
                return line
        raise LookupError(field)

    def show_field_error(self, error: UserError) -> None:
        """The message beside its field when it names one, else at the foot of the page."""
        self.clear_field_errors()
        line = self.field_messages.get(error.field) if isinstance(error, FieldError) else None
        if line is None:
            self.message.show_error(str(error))
            return
        line.show_error(str(error))
        line.show()
        self.message.clear_message()

    def clear_field_errors(self) -> None:
        for line in self.field_messages.values():
            line.clear_message()
            line.hide()

    def has_unsaved_changes(self) -> bool:
        return self.edited_settings() != self._loaded

    def _on_data_changed(self, area: DataArea, initiator: object) -> None:
        # Someone else saved: show it, unless that would throw away what is being typed here.
        if area is DataArea.SETTINGS and initiator is not self and not self.has_unsaved_changes():
            self.show_settings(self._context.settings.center())

    def _issuing_box(self) -> QGroupBox:
        """Who decides (the township government and its seal) and where the applicant may
        appeal: printed on every document, the 复议机关 and the court on refusals and denials."""
        box = QGroupBox(t("发文机关和救济途径"))
        box.setObjectName("issuingSettings")
        form = QFormLayout(box)
        self.issuing_form = form
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.government_edit = self._line("governmentNameEdit", t("镇（街道）人民政府名称"), 128)
        form.addRow(t("镇（街道）人民政府"), self.government_edit)
        self.seal_edit = self._line("governmentSealEdit", t("印章文字"), 128)
        form.addRow(t("印章文字"), self.seal_edit)
        self.review_body_edit = self._line("reviewBodyEdit", t("行政复议机关"), 128)
        form.addRow(t("行政复议机关"), self.review_body_edit)
        self.court_edit = self._line("courtEdit", t("一审人民法院"), 128)
        form.addRow(t("一审人民法院"), self.court_edit)
        hint = QLabel(
            t(
                "留空的项按中心名称推定（灰字所示）。委托事项以委托部门名义作出，"
                "其他发文机关在“发文机关”页设定。"
            )
        )
        hint.setWordWrap(True)
        form.addRow(hint)
        for edit in (self.name_edit, self.government_edit, self.seal_edit):
            edit.textChanged.connect(self._show_derived)
        return box

    def _show_derived(self) -> None:
        """Each empty name shows, greyed, the one printed in its place."""
        derived = replace(
            self._loaded,
            center_name=self.name_edit.text().strip(),
            government_name=self.government_edit.text().strip(),
            government_seal=self.seal_edit.text().strip(),
            review_body="",
            court="",
        )
        self.government_edit.setPlaceholderText(derived.government)
        self.seal_edit.setPlaceholderText(derived.seal)
        self.review_body_edit.setPlaceholderText(derived.appeal_review_body)
        self.court_edit.setPlaceholderText(derived.appeal_court)

    def _backup_box(self) -> QGroupBox:
        """Where and how often the window backs up, how many it keeps, encryption."""
        box = QGroupBox(t("备份"))
        box.setObjectName("backupSettings")
        form = QFormLayout(box)
        self.backup_form = form
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.second_location_edit = self._line("backupSecondLocationEdit", t("第二备份位置"), 1024)
        self.second_location_edit.setPlaceholderText(
            t("U盘或网络共享文件夹；留空则只备份到数据目录")
        )
        self.choose_location_button = QPushButton(t("选择…"))
        self.choose_location_button.setObjectName("chooseBackupLocationButton")
        self.choose_location_button.clicked.connect(self._choose_location)
        row = QHBoxLayout()
        row.addWidget(self.second_location_edit, 1)
        row.addWidget(self.choose_location_button)
        form.addRow(pt("CenterSettingsForm", "第二备份位置"), row)
        self.interval_spin = self._spin("backupIntervalSpin", t("自动备份间隔"), 1, 24)
        self.interval_spin.setSuffix(t(" 小时"))
        form.addRow(t("自动备份间隔"), self.interval_spin)
        self.keep_daily_spin = self._spin("keepDailySpin", t("保留每日备份"), 0, 366)
        form.addRow(t("保留每日备份"), self.keep_daily_spin)
        self.keep_weekly_spin = self._spin("keepWeeklySpin", t("保留每周备份"), 0, 366)
        form.addRow(t("保留每周备份"), self.keep_weekly_spin)
        self.keep_monthly_spin = self._spin("keepMonthlySpin", t("保留每月备份"), 0, 366)
        form.addRow(t("保留每月备份"), self.keep_monthly_spin)
        self.encrypt_check = QCheckBox(
            t("用备份口令加密备份（口令用 townclerk backup passphrase 设置）")
        )
        self.encrypt_check.setObjectName("backupEncryptCheck")
        self.encrypt_check.setAccessibleName(pt("CenterSettingsForm", "加密备份"))
        form.addRow(pt("CenterSettingsForm", "加密"), self.encrypt_check)
        return box

    def _spin(self, object_name: str, accessible_name: str, low: int, high: int) -> QSpinBox:
        spin = QSpinBox()
        spin.setObjectName(object_name)
        spin.setAccessibleName(accessible_name)
        spin.setRange(low, high)
        return spin

    def _choose_location(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self,
            t("第二备份位置"),
            self.second_location_edit.text(),
            QFileDialog.Option.ShowDirsOnly | dialog_options(),
        )
        if folder:
            self.second_location_edit.setText(folder)

    def _line(self, object_name: str, accessible_name: str, max_length: int) -> QLineEdit:
        edit = QLineEdit()
        edit.setObjectName(object_name)
        edit.setAccessibleName(accessible_name)
        edit.setMaxLength(max_length)
        return edit

    def load(self) -> None:
        """Show what is stored (also "undo changes")."""
        self.show_settings(self._context.settings.center())
        self.message.clear_message()

    def show_settings(self, settings: CenterSettings) -> None:
        self._loaded = settings
        self.name_edit.setText(settings.center_name)
        self.code_edit.setText(settings.center_code)
        self.station_combo.setCurrentIndex(self.station_combo.findData(settings.station_mode))
        self.point_code_edit.setText(settings.village_point_code)
        self.phone_edit.setText(settings.phone)
        self.address_edit.setText(settings.address)
        self.footer_edit.setPlainText(settings.receipt_footer)
        self.paper_combo.setCurrentText(settings.paper_size)
        self.two_part_check.setChecked(settings.two_part)
        self.idle_spin.setValue(settings.idle_lock_minutes)
        self.warning_spin.setValue(settings.warning_days)
        self.review_spin.setValue(settings.review_days)
        self.second_location_edit.setText(settings.backup_second_location)
        self.interval_spin.setValue(settings.backup_interval_hours)
        self.keep_daily_spin.setValue(settings.backup_keep_daily)
        self.keep_weekly_spin.setValue(settings.backup_keep_weekly)
        self.keep_monthly_spin.setValue(settings.backup_keep_monthly)
        self.encrypt_check.setChecked(settings.backup_encrypt)
        self.refusal_reasons_edit.setPlainText("\n".join(t(r) for r in settings.refusal_reasons))
        self.correction_reasons_edit.setPlainText(
            "\n".join(t(r) for r in settings.correction_reasons)
        )
        self.government_edit.setText(settings.government_name)
        self.seal_edit.setText(settings.government_seal)
        self.review_body_edit.setText(settings.review_body)
        self.court_edit.setText(settings.court)
        self._show_derived()

    @staticmethod
    def _reasons(edit: QPlainTextEdit, loaded: tuple[str, ...]) -> tuple[str, ...]:
        """The reasons typed, or those loaded when nothing was changed (so the shown English
        of the default Chinese reasons is not saved as new reasons)."""
        reasons = clean_reasons(edit.toPlainText().split("\n"))
        return loaded if reasons == clean_reasons(t(r) for r in loaded) else reasons

    def edited_settings(self) -> CenterSettings:
        return replace(
            self._loaded,
            center_name=self.name_edit.text(),
            center_code=self.code_edit.text(),
            station_mode=StationMode(self.station_combo.currentData()),
            village_point_code=self.point_code_edit.text().strip(),
            phone=self.phone_edit.text().strip(),
            address=self.address_edit.text().strip(),
            receipt_footer=self.footer_edit.toPlainText().strip(),
            paper_size=self.paper_combo.currentText(),
            two_part=self.two_part_check.isChecked(),
            idle_lock_minutes=self.idle_spin.value(),
            warning_days=self.warning_spin.value(),
            review_days=self.review_spin.value(),
            backup_second_location=self.second_location_edit.text().strip(),
            backup_interval_hours=self.interval_spin.value(),
            backup_keep_daily=self.keep_daily_spin.value(),
            backup_keep_weekly=self.keep_weekly_spin.value(),
            backup_keep_monthly=self.keep_monthly_spin.value(),
            backup_encrypt=self.encrypt_check.isChecked(),
            refusal_reasons=self._reasons(self.refusal_reasons_edit, self._loaded.refusal_reasons),
            correction_reasons=self._reasons(
                self.correction_reasons_edit, self._loaded.correction_reasons
            ),
            government_name=self.government_edit.text().strip(),
            government_seal=self.seal_edit.text().strip(),
            review_body=self.review_body_edit.text().strip(),
            court=self.court_edit.text().strip(),
        )

    def save(self) -> None:
        settings = self.edited_settings()
        settings = replace(
            settings,
            center_name=settings.center_name.strip(),
            center_code=settings.center_code.strip(),
        )
        try:
            if settings.phone:
                try:
                    settings = replace(settings, phone=parse_phone(settings.phone))
                except UserError as error:
                    raise FieldError(str(error), "phone") from error
            validate_center_settings(settings)
        except UserError as error:
            self.show_field_error(error)
            return
        self.clear_field_errors()
        previous_code = self._context.settings.center().center_code
        if settings.center_code != previous_code and not self._confirm_new_code(
            previous_code, settings.center_code
        ):
            return
        service, actor = self._context.settings, self._context.actor
        self._writes.run(
            lambda: service.update_center(actor, settings),
            on_done=self._saved,
            busy=(self.save_button,),
            initiator=self,
        )

    def _saved(self, _result: Changed) -> None:
        self.show_settings(self._context.settings.center())
        self.message.show_ok(t("中心信息已保存。"))

    def _confirm_new_code(self, old: str, new: str) -> bool:
        """The center code starts every case number: changing it is rare and deliberate."""
        answer = QMessageBox.question(
            self,
            t("更改中心代码？"),
            t(
                "此后新办件编号将以 {new} 开头，不再是 {old}；已编的办件编号仍为 "
                "{old}，可按完整编号查找。确定更改吗？",
                new=new,
                old=old,
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes


def _row_of(form: QFormLayout, widget: QWidget) -> int:
    """The row of ``form`` holding ``widget``, itself or in a row layout (-1: not there)."""
    for row in range(form.rowCount()):
        item = form.itemAt(row, QFormLayout.ItemRole.FieldRole)
        if item is None:
            continue
        if item.widget() is widget:
            return row
        inner = item.layout()
        if inner is not None and inner.indexOf(widget) >= 0:
            return row
    return -1
