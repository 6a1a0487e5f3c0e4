"""The center's own settings: name, code, contact, what the receipt says, printing, timers,
backups."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from townclerk.errors import UserError
from townclerk.records.center import CenterSettings
from townclerk.records.changes import Changed, DataArea
from townclerk.services.settings import validate_center_settings
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

        self.name_edit = self._line("centerNameEdit", self.tr("Center name"), 128)
        form.addRow(self.tr("Center name"), self.name_edit)
        self.code_edit = self._line("centerCodeEdit", self.tr("Center code"), 12)
        self.code_edit.setPlaceholderText(self.tr("9 or 12 digit division code, e.g. 320324101"))
        form.addRow(self.tr("Center code"), self.code_edit)
        self.phone_edit = self._line("centerPhoneEdit", self.tr("Contact phone"), 32)
        self.phone_edit.setPlaceholderText(self.tr("e.g. 0516-88881234"))
        form.addRow(self.tr("Contact phone"), self.phone_edit)
        self.address_edit = self._line("centerAddressEdit", self.tr("Address"), 255)
        form.addRow(self.tr("Address"), self.address_edit)
        self.footer_edit = QPlainTextEdit()
        self.footer_edit.setObjectName("receiptFooterEdit")
        self.footer_edit.setAccessibleName(self.tr("Receipt footer"))
        self.footer_edit.setTabChangesFocus(True)
        self.footer_edit.setFixedHeight(70)
        form.addRow(self.tr("Receipt footer"), self.footer_edit)

        self.paper_combo = QComboBox()
        self.paper_combo.setObjectName("paperSizeCombo")
        self.paper_combo.setAccessibleName(self.tr("Paper size"))
        self.paper_combo.addItems(PAPER_SIZES)
        form.addRow(self.tr("Paper size"), self.paper_combo)
        self.two_part_check = QCheckBox(self.tr("Print receipts in two parts (stub and applicant)"))
        self.two_part_check.setObjectName("twoPartCheck")
        self.two_part_check.setAccessibleName(self.tr("Two-part receipts"))
        form.addRow(self.tr("Two-part receipts"), self.two_part_check)
        self.idle_spin = QSpinBox()
        self.idle_spin.setObjectName("idleLockSpin")
        self.idle_spin.setAccessibleName(self.tr("Lock the screen after idle minutes"))
        self.idle_spin.setRange(1, 240)
        self.idle_spin.setSuffix(self.tr(" min"))
        form.addRow(self.tr("Lock when idle for"), self.idle_spin)
        self.warning_spin = QSpinBox()
        self.warning_spin.setObjectName("warningDaysSpin")
        self.warning_spin.setAccessibleName(self.tr("Warning days before the due date"))
        self.warning_spin.setRange(0, 30)
        self.warning_spin.setSuffix(self.tr(" working days"))
        form.addRow(self.tr("Yellow warning within"), self.warning_spin)
        layout.addLayout(form)
        layout.addWidget(self._backup_box())

        buttons = QHBoxLayout()
        self.save_button = QPushButton(self.tr("Save"))
        self.save_button.setObjectName("saveCenterButton")
        self.save_button.clicked.connect(self.save)
        self.revert_button = QPushButton(self.tr("Undo changes"))
        self.revert_button.setObjectName("revertCenterButton")
        self.revert_button.clicked.connect(self.load)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.revert_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.message = MessageLine("centerMessage")
        layout.addWidget(self.message)
        layout.addStretch(1)
        self._writes = WriteRunner(context, self, message=self.message)
        self.load()
        context.bus.data_changed.connect(self._on_data_changed)

    def has_unsaved_changes(self) -> bool:
        return self.edited_settings() != self._loaded

    def _on_data_changed(self, area: DataArea, initiator: object) -> None:
        # Someone else saved: show it, unless that would throw away what is being typed here.
        if area is DataArea.SETTINGS and initiator is not self and not self.has_unsaved_changes():
            self.show_settings(self._context.settings.center())

    def _backup_box(self) -> QGroupBox:
        """Where and how often the window backs up, how many it keeps, encryption."""
        box = QGroupBox(self.tr("Backups"))
        box.setObjectName("backupSettings")
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.second_location_edit = self._line(
            "backupSecondLocationEdit", self.tr("Second backup location"), 1024
        )
        self.second_location_edit.setPlaceholderText(
            self.tr("A USB drive or network share folder; empty: the data folder only")
        )
        self.choose_location_button = QPushButton(self.tr("Choose…"))
        self.choose_location_button.setObjectName("chooseBackupLocationButton")
        self.choose_location_button.clicked.connect(self._choose_location)
        row = QHBoxLayout()
        row.addWidget(self.second_location_edit, 1)
        row.addWidget(self.choose_location_button)
        form.addRow(self.tr("Second location"), row)
        self.interval_spin = self._spin("backupIntervalSpin", self.tr("Back up every"), 1, 24)
        self.interval_spin.setSuffix(self.tr(" h"))
        form.addRow(self.tr("Back up every"), self.interval_spin)
        self.keep_daily_spin = self._spin("keepDailySpin", self.tr("Daily backups kept"), 0, 366)
        form.addRow(self.tr("Daily backups kept"), self.keep_daily_spin)
        self.keep_weekly_spin = self._spin("keepWeeklySpin", self.tr("Weekly backups kept"), 0, 366)
        form.addRow(self.tr("Weekly backups kept"), self.keep_weekly_spin)
        self.keep_monthly_spin = self._spin(
            "keepMonthlySpin", self.tr("Monthly backups kept"), 0, 366
        )
        form.addRow(self.tr("Monthly backups kept"), self.keep_monthly_spin)
        self.encrypt_check = QCheckBox(
            self.tr("Encrypt backups with the passphrase (townclerk backup passphrase)")
        )
        self.encrypt_check.setObjectName("backupEncryptCheck")
        self.encrypt_check.setAccessibleName(self.tr("Encrypt backups"))
        form.addRow(self.tr("Encryption"), self.encrypt_check)
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
            self.tr("Second backup location"),
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
        self.phone_edit.setText(settings.phone)
        self.address_edit.setText(settings.address)
        self.footer_edit.setPlainText(settings.receipt_footer)
        self.paper_combo.setCurrentText(settings.paper_size)
        self.two_part_check.setChecked(settings.two_part)
        self.idle_spin.setValue(settings.idle_lock_minutes)
        self.warning_spin.setValue(settings.warning_days)
        self.second_location_edit.setText(settings.backup_second_location)
        self.interval_spin.setValue(settings.backup_interval_hours)
        self.keep_daily_spin.setValue(settings.backup_keep_daily)
        self.keep_weekly_spin.setValue(settings.backup_keep_weekly)
        self.keep_monthly_spin.setValue(settings.backup_keep_monthly)
        self.encrypt_check.setChecked(settings.backup_encrypt)

    def edited_settings(self) -> CenterSettings:
        return replace(
            self._loaded,
            center_name=self.name_edit.text(),
            center_code=self.code_edit.text(),
            phone=self.phone_edit.text().strip(),
            address=self.address_edit.text().strip(),
            receipt_footer=self.footer_edit.toPlainText().strip(),
            paper_size=self.paper_combo.currentText(),
            two_part=self.two_part_check.isChecked(),
            idle_lock_minutes=self.idle_spin.value(),
            warning_days=self.warning_spin.value(),
            backup_second_location=self.second_location_edit.text().strip(),
            backup_interval_hours=self.interval_spin.value(),
            backup_keep_daily=self.keep_daily_spin.value(),
            backup_keep_weekly=self.keep_weekly_spin.value(),
            backup_keep_monthly=self.keep_monthly_spin.value(),
            backup_encrypt=self.encrypt_check.isChecked(),
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
                settings = replace(settings, phone=parse_phone(settings.phone))
            validate_center_settings(settings)
        except UserError as error:
            self.message.show_error(str(error))
            return
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
        self.message.show_ok(self.tr("Center settings saved."))

    def _confirm_new_code(self, old: str, new: str) -> bool:
        """The center code starts every case number: changing it is rare and deliberate."""
        answer = QMessageBox.question(
            self,
            self.tr("Change the center code?"),
            self.tr(
                "New case numbers will start with {new} instead of {old}; numbers already given "
                "keep {old} and are still found by their full number. Change the code?"
            ).format(new=new, old=old),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes
