"""交换文件（U盘）: export the next exchange file for the other side and import the one it sent,
from the System menu, at the township and on a village laptop alike.

The file dialogs are Qt's static ones (tests replace them). A refused file shows its one plain
reason and changes nothing; the summary of an import says what was new or updated.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from townclerk.i18n import t
from townclerk.records.exchange import ExportSummary, ImportSummary, PeerInfo
from townclerk.services.access import Permission
from townclerk.services.exchange import ExchangeService
from townclerk.services.exchange_keys import ExchangeKeyService
from townclerk.ui.context import AppContext
from townclerk.ui.operations import WriteRunner
from townclerk.ui.widgets.dialog_keys import add_confirm_keys
from townclerk.ui.widgets.file_dialogs import (
    FileKind,
    dialog_options,
    remember_folder,
    start_folder,
)
from townclerk.ui.widgets.message_line import MessageLine


def exchange_action(parent: QWidget, context: AppContext) -> QAction:
    """The System menu's 交换文件（U盘）… entry, shown to whoever may exchange files."""
    action = QAction(t("交换文件（U盘）(&X)…"), parent)
    action.setObjectName("exchangeAction")

    def follow_session() -> None:
        action.setVisible(context.session is not None and context.can(Permission.EXCHANGE_FILES))

    def open_dialog() -> None:
        ExchangeDialog(context, parent).exec()

    action.triggered.connect(open_dialog)
    context.bus.session_changed.connect(follow_session)
    follow_session()
    return action


class ExchangeDialog(QDialog):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("exchangeDialog")
        self.setWindowTitle(t("交换文件（U盘）"))
        self._context = context
        self._exchange = ExchangeService(context.db)
        keys = ExchangeKeyService(context.db)
        identity = keys.identity(context.actor)
        self.peers: list[PeerInfo] = keys.peers(context.actor)

        layout = QVBoxLayout(self)
        if identity is None:
            about = t("本库尚未生成交换密钥：请管理员先在“设置 → 交换密钥”中生成。")
        else:
            about = t(
                "本库：{station}，密钥指纹 {fingerprint}",
                station=identity.station.describe(),
                fingerprint=identity.fingerprint,
            )
        self.about_label = QLabel(about)
        self.about_label.setObjectName("exchangeAboutLabel")
        self.about_label.setWordWrap(True)
        layout.addWidget(self.about_label)

        form = QFormLayout()
        self.peer_combo = QComboBox()
        self.peer_combo.setObjectName("exchangePeerCombo")
        self.peer_combo.setAccessibleName(t("交换对方"))
        for peer in self.peers:
            self.peer_combo.addItem(f"{peer.name}（{peer.station.point_code or t('镇中心')}）")
        form.addRow(t("对方(&P)"), self.peer_combo)
        layout.addLayout(form)
        if not self.peers:
            self.peer_combo.setEnabled(False)
            self.peer_combo.addItem(t("尚未导入对方的公钥"))

        buttons = QHBoxLayout()
        self.export_button = QPushButton(t("导出交换文件(&E)…"))
        self.export_button.setObjectName("exchangeExportButton")
        self.export_button.setEnabled(bool(self.peers) and identity is not None)
        self.export_button.clicked.connect(self.export_file)
        self.import_button = QPushButton(t("导入交换文件(&I)…"))
        self.import_button.setObjectName("exchangeImportButton")
        self.import_button.clicked.connect(self.import_file)
        self.close_button = QPushButton(t("关闭"))
        self.close_button.setObjectName("exchangeCloseButton")
        self.close_button.clicked.connect(self.accept)
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.import_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout.addLayout(buttons)

        self.summary_label = QLabel()
        self.summary_label.setObjectName("exchangeSummaryLabel")
        self.summary_label.setWordWrap(True)
        layout.addWidget(self.summary_label)
        self.message = MessageLine("exchangeMessage")
        layout.addWidget(self.message)
        self._writes = WriteRunner(context, self, message=self.message)
        add_confirm_keys(self, self.close_button.click)
        self.setMinimumWidth(560)
        (self.import_button if self.peers else self.close_button).setFocus()

    def chosen_peer(self) -> PeerInfo | None:
        index = self.peer_combo.currentIndex()
        return self.peers[index] if self.peers and 0 <= index < len(self.peers) else None

    def export_file(self) -> None:
        peer = self.chosen_peer()
        if peer is None:
            return
        to = peer.station.point_code or "township"
        name = f"townclerk-exchange-{to}-{peer.last_seq_out + 1:05d}.zip"
        chosen, _filter = QFileDialog.getSaveFileName(
            self,
            t("导出交换文件"),
            str(start_folder(FileKind.EXCHANGE) / name),
            t("交换文件 (*.zip);;所有文件 (*)"),
            "",
            dialog_options(),
        )
        if not chosen:
            return
        path = Path(chosen)
        if path.suffix.lower() != ".zip":
            path = path.with_name(path.name + ".zip")
        remember_folder(FileKind.EXCHANGE, path)
        service, actor, code = self._exchange, self._context.actor, peer.station.point_code
        self.summary_label.clear()
        self._writes.run(
            lambda: service.export(actor, path, code or None),
            on_done=self._exported,
            busy=(self.export_button,),
            initiator=self,
        )

    def _exported(self, summary: ExportSummary) -> None:
        self.message.show_ok(t("交换文件已导出。"))
        self.summary_label.setText(summary.text())
        self.peers = ExchangeKeyService(self._context.db).peers(self._context.actor)

    def import_file(self) -> None:
        chosen, _filter = QFileDialog.getOpenFileName(
            self,
            t("导入交换文件"),
            str(start_folder(FileKind.EXCHANGE)),
            t("交换文件 (*.zip);;所有文件 (*)"),
            "",
            dialog_options(),
        )
        if not chosen:
            return
        path = Path(chosen)
        remember_folder(FileKind.EXCHANGE, path)
        service, actor = self._exchange, self._context.actor
        self.summary_label.clear()
        self._writes.run(
            lambda: service.import_file(actor, path),
            on_done=self._imported,
            busy=(self.import_button,),
            initiator=self,
        )

    def _imported(self, summary: ImportSummary) -> None:
        if summary.already_imported:
            self.message.show_ok(summary.text())
            return
        self.message.show_ok(t("交换文件已导入。"))
        self.summary_label.setText(summary.text())
