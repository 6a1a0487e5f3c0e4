"""交换密钥 (admins): this database's key for exchange files, its public key file for the other
side, and the other side's public keys, each trusted only after its fingerprint was compared
on the phone."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from townclerk.errors import UserError
from townclerk.i18n import N_, t
from townclerk.records.changes import DataArea
from townclerk.records.exchange import IdentityInfo, PeerInfo, PublicKeyCard
from townclerk.services.exchange_keys import ExchangeKeyService
from townclerk.ui import style
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
from townclerk.ui.widgets.record_table import prepare_record_table, set_record_row

PEER_HEADERS = (N_("名称"), N_("对方"), N_("指纹"), N_("已导入至"), N_("已导出至"))


class ExchangeKeysEditor(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("exchangeKeys")
        self._context = context
        self._keys = ExchangeKeyService(context.db)
        layout = QVBoxLayout(self)
        self.identity_label = QLabel()
        self.identity_label.setObjectName("exchangeIdentityLabel")
        self.identity_label.setWordWrap(True)
        layout.addWidget(self.identity_label)
        own = QHBoxLayout()
        self.create_button = QPushButton()
        self.create_button.setObjectName("exchangeCreateKeyButton")
        self.create_button.clicked.connect(self.create_key)
        self.export_button = QPushButton(t("导出本库公钥(&O)…"))
        self.export_button.setObjectName("exchangeExportKeyButton")
        self.export_button.clicked.connect(self.export_key)
        own.addWidget(self.create_button)
        own.addWidget(self.export_button)
        own.addStretch(1)
        layout.addLayout(own)

        layout.addWidget(QLabel(t("对方的公钥（导入前须与对方电话核对指纹）：")))
        self.table = QTableWidget(0, len(PEER_HEADERS))
        prepare_record_table(self.table, "exchangePeerTable", t("对方的公钥"))
        self.table.setHorizontalHeaderLabels([t(header) for header in PEER_HEADERS])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.table, 1)
        peers = QHBoxLayout()
        self.add_button = QPushButton(t("导入对方公钥(&A)…"))
        self.add_button.setObjectName("exchangeAddPeerButton")
        self.add_button.clicked.connect(self.add_peer)
        peers.addWidget(self.add_button)
        peers.addStretch(1)
        layout.addLayout(peers)
        self.message = MessageLine("exchangeKeysMessage")
        layout.addWidget(self.message)
        self._writes = WriteRunner(context, self, message=self.message)
        self.peer_dialog: PeerKeyDialog | None = None
        self.peers: list[PeerInfo] = []
        self.load()
        context.bus.data_changed.connect(self._on_data_changed)

    def _on_data_changed(self, area: DataArea, _initiator: object) -> None:
        if area is DataArea.SETTINGS:
            self.load()

    def load(self) -> None:
        identity = self._keys.identity(self._context.actor)
        self._identity = identity
        if identity is None:
            self.identity_label.setText(
                t("本库尚未生成交换密钥。生成后导出公钥文件，交给对方的管理员导入。")
            )
            self.create_button.setText(t("生成本库密钥(&G)"))
        else:
            self.identity_label.setText(
                t(
                    "本库（{station}）的密钥指纹：{fingerprint}，生成于 {at}",
                    station=identity.station.describe(),
                    fingerprint=identity.fingerprint,
                    at=identity.created_at.strftime("%Y-%m-%d %H:%M"),
                )
            )
            self.create_button.setText(t("更换本库密钥(&G)…"))
        self.export_button.setEnabled(identity is not None)
        self.peers = self._keys.peers(self._context.actor)
        self.table.setRowCount(len(self.peers))
        for row, peer in enumerate(self.peers):
            cells = (
                peer.name,
                peer.station.describe(),
                peer.fingerprint,
                _number(peer.last_seq_in),
                _number(peer.last_seq_out),
            )
            set_record_row(self.table, row, cells, active=True)

    def create_key(self) -> None:
        replace = self._identity is not None
        if replace:
            answer = QMessageBox.question(
                self,
                t("更换本库密钥？"),
                t(
                    "更换后，对方须重新导入本库的公钥文件，否则会拒收本库导出的交换文件。确定更换吗？"
                ),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        keys, actor = self._keys, self._context.actor
        self._writes.run(
            lambda: keys.create_identity(actor, replace=replace),
            on_done=self._created,
            busy=(self.create_button,),
            initiator=self,
        )

    def _created(self, identity: IdentityInfo) -> None:
        self.load()
        self.message.show_ok(
            t("本库的交换密钥已生成，指纹：{fingerprint}", fingerprint=identity.fingerprint)
        )

    def export_key(self) -> None:
        chosen, _filter = QFileDialog.getSaveFileName(
            self,
            t("导出本库公钥"),
            str(start_folder(FileKind.EXCHANGE) / "townclerk-public-key.json"),
            t("公钥文件 (*.json)"),
            "",
            dialog_options(),
        )
        if not chosen:
            return
        path = Path(chosen)
        remember_folder(FileKind.EXCHANGE, path)
        keys, actor = self._keys, self._context.actor
        self._writes.run(
            lambda: keys.export_public_key(actor, path),
            on_done=lambda card: self.message.show_ok(
                t(
                    "公钥已导出到 {path}；指纹：{fingerprint}",
                    path=path,
                    fingerprint=card.fingerprint,
                )
            ),
            busy=(self.export_button,),
            initiator=self,
        )

    def add_peer(self) -> None:
        chosen, _filter = QFileDialog.getOpenFileName(
            self,
            t("导入对方公钥"),
            str(start_folder(FileKind.EXCHANGE)),
            t("公钥文件 (*.json);;所有文件 (*)"),
            "",
            dialog_options(),
        )
        if not chosen:
            return
        path = Path(chosen)
        remember_folder(FileKind.EXCHANGE, path)
        try:
            card = self._keys.read_public_key_file(path)
        except UserError as error:
            self.message.show_error(str(error))
            return
        existing = next((p for p in self.peers if p.station == card.station), None)
        self.peer_dialog = PeerKeyDialog(card, existing, self)
        if self.peer_dialog.exec() != QDialog.DialogCode.Accepted:
            return
        name = self.peer_dialog.name_edit.text()
        replace = existing is not None and self.peer_dialog.replace_check.isChecked()
        keys, actor = self._keys, self._context.actor
        self._writes.run(
            lambda: keys.add_peer(actor, path, name, replace=replace),
            on_done=self._peer_added,
            busy=(self.add_button,),
            initiator=self,
        )

    def _peer_added(self, peer: PeerInfo) -> None:
        self.load()
        self.message.show_ok(t("已导入“{name}”的公钥。", name=peer.name))


def _number(sequence: int) -> str:
    """第N号 of an exchange file, or a dash before the first."""
    return t("第{seq}号", seq=sequence) if sequence else "—"


class PeerKeyDialog(QDialog):
    """The other side's key before it is trusted: its fingerprint to compare on the phone."""

    def __init__(
        self, card: PublicKeyCard, existing: PeerInfo | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("peerKeyDialog")
        self.setWindowTitle(t("导入对方公钥"))
        layout = QVBoxLayout(self)
        form = QFormLayout()
        form.addRow(t("对方"), QLabel(card.station.describe()))
        self.fingerprint_label = QLabel(card.fingerprint)
        self.fingerprint_label.setObjectName("peerFingerprintLabel")
        self.fingerprint_label.setStyleSheet(style.text_style(style.TEXT, bold=True, point_size=16))
        form.addRow(t("指纹"), self.fingerprint_label)
        self.name_edit = QLineEdit(card.name)
        self.name_edit.setObjectName("peerNameEdit")
        self.name_edit.setAccessibleName(t("对方的名称"))
        self.name_edit.setMaxLength(128)
        form.addRow(t("名称(&N)"), self.name_edit)
        layout.addLayout(form)
        hint = QLabel(
            t(
                "请打电话给对方的管理员，请其读出其电脑上“设置 → 交换密钥”页显示的本库指纹，"
                "与上面逐位核对一致后再导入。"
            )
        )
        hint.setWordWrap(True)
        layout.addWidget(hint)
        self.replace_check = QCheckBox()
        self.replace_check.setObjectName("peerReplaceCheck")
        if existing is not None:
            self.replace_check.setText(
                t(
                    "替换已有的公钥（{name}，指纹 {fingerprint}）；对方的交换文件从第1号重新计数",
                    name=existing.name,
                    fingerprint=existing.fingerprint,
                )
            )
            layout.addWidget(self.replace_check)
        else:
            self.replace_check.hide()
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.ok_button = QPushButton(t("指纹一致，导入"))
        self.ok_button.setObjectName("peerKeyOkButton")
        self.ok_button.clicked.connect(self.accept)
        cancel = QPushButton(t("取消"))
        cancel.clicked.connect(self.reject)
        buttons.addWidget(self.ok_button)
        buttons.addWidget(cancel)
        layout.addLayout(buttons)
        add_confirm_keys(self, self.ok_button.click)
