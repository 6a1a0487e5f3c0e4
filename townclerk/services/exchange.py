"""Exchange files between a village point's laptop and the township (issue 14, offline points).

``export`` writes, for one peer, the next file of the series (its number is the peer's
``last_seq_out`` + 1, taken in the transaction that writes the file): from a village point its
pre-registrations and 交接单, from the township the answers for that point and its 返还清单.
Each file carries the whole state still under way, so a lost file is made good by the next.

``import_file`` reads one in a single transaction. It is refused, with nothing changed, when
the file is damaged or of an unknown version, meant for another database, signed by a key
nobody imported, or older than the last one imported from that peer; the same file again
changes nothing and says so. Applying it follows the ownership rules of ``exchange_rows``.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from townclerk.db.database import Database
from townclerk.db.models import ExchangePeer
from townclerk.enums import TransferDirection
from townclerk.errors import NotFound, UserError
from townclerk.formats.exchange.keys import fingerprint
from townclerk.formats.exchange.package import (
    OpenedExchange,
    new_manifest,
    open_exchange,
    write_exchange,
)
from townclerk.formats.exchange.records_json import read_records, records_bytes
from townclerk.formats.output_files import atomic_output, check_output_path
from townclerk.i18n import t
from townclerk.records.exchange import ExportSummary, ImportSummary, RowCounts, Station
from townclerk.services.access import Actor, Permission, acting, confirm_active, require
from townclerk.services.audit import record_audit
from townclerk.services.exchange_keys import (
    point_id_of,
    read_small_file,
    require_identity,
    station_name,
    station_of,
)
from townclerk.services.exchange_rows import Incoming, outgoing_records
from townclerk.services.settings import SettingsService


class ExchangeService:
    def __init__(self, db: Database) -> None:
        self._db = db

    def export(self, actor: Actor, path: Path, peer_code: str | None = None) -> ExportSummary:
        """Write the next exchange file for the peer of ``peer_code`` (a village point's code at
        the township; at a village point, the township by default) to ``path``."""
        require(actor, Permission.EXCHANGE_FILES)
        with acting(self._db, actor) as session:
            check_output_path(path)
            settings = SettingsService.center_in(session)
            here = station_of(settings)
            peer = self._peer_for_export(session, here, peer_code)
            identity = require_identity(session)
            if here.is_township:
                point_id = point_id_of(session, peer.point_code)
                direction = TransferDirection.TO_VILLAGE
            else:
                point_id = point_id_of(session, here.point_code)
                direction = TransferDirection.TO_TOWNSHIP
            now = self._db.now()
            records = outgoing_records(session, point_id, direction, now)
            peer.last_seq_out += 1
            manifest = new_manifest(
                sender=here,
                sender_name=station_name(session, settings),
                sender_public_key=identity.public_key,
                recipient=Station(peer.center_code, peer.point_code),
                sequence=peer.last_seq_out,
                created_at=now,
                records=records,
            )
            # Written in the private data folder first: it holds applicants' personal data.
            with atomic_output(path, scratch=self._db.data_dir) as stream:
                digest = write_exchange(
                    stream, manifest, records_bytes(records), identity.private_key
                )
            record_audit(
                session,
                actor,
                "exchange.export",
                now,
                target=Station(peer.center_code, peer.point_code).describe(),
                sequence=manifest.sequence,
                pre_registrations=manifest.pre_registration_count,
                transfer_lists=manifest.transfer_list_count,
                sha256=digest,
            )
            return ExportSummary(
                path=Path(path),
                peer_name=peer.name,
                sequence=manifest.sequence,
                pre_registrations=manifest.pre_registration_count,
                transfer_lists=manifest.transfer_list_count,
            )

    @staticmethod
    def _peer_for_export(session: Session, here: Station, peer_code: str | None) -> ExchangePeer:
        if here.is_township and not peer_code:
            raise UserError(t("请指定要交换的村便民服务点（--peer 服务点代码）"))
        if not here.is_township and peer_code:
            raise UserError(t("村便民服务点只与镇中心交换文件，无需指定对方"))
        code = peer_code or ""
        peer = session.scalar(
            select(ExchangePeer).where(
                ExchangePeer.center_code == here.center_code, ExchangePeer.point_code == code
            )
        )
        if peer is None:
            if code:
                raise NotFound(
                    t("没有村便民服务点 {code} 的公钥：请管理员先导入其公钥文件", code=code)
                )
            raise NotFound(t("尚未导入镇中心的公钥：请管理员先导入镇中心的公钥文件"))
        return peer

    def import_file(self, actor: Actor, path: Path) -> ImportSummary:
        """Read the exchange file at ``path`` in (see the module)."""
        require(actor, Permission.EXCHANGE_FILES)
        confirm_active(self._db, actor)
        opened = open_exchange(read_small_file(path))
        with acting(self._db, actor) as session:
            here = station_of(SettingsService.center_in(session))
            peer = self._sender(session, here, opened)
            last = peer.last_seq_in
            sequence = opened.manifest.sequence
            if sequence == last and opened.digest == peer.last_sha256_in:
                return ImportSummary(peer.name, sequence, RowCounts(), RowCounts(), True)
            if sequence <= last:
                raise UserError(
                    t(
                        "交换文件顺序不对：已导入第{last}号，此文件为第{seq}号",
                        last=last,
                        seq=sequence,
                    )
                )
            records = read_records(opened.records_bytes)
            if (len(records.pre_registrations), len(records.transfer_lists)) != (
                opened.manifest.pre_registration_count,
                opened.manifest.transfer_list_count,
            ):
                raise UserError(t("交换文件的记录数与其清单不符，未导入"))
            point_code = peer.point_code if here.is_township else here.point_code
            incoming = Incoming(
                session, point_id_of(session, point_code), point_code, at_township=here.is_township
            )
            pre_registrations, transfer_lists = incoming.apply(records)
            peer.last_seq_in, peer.last_sha256_in = sequence, opened.digest
            record_audit(
                session,
                actor,
                "exchange.import",
                self._db.now(),
                target=Station(peer.center_code, peer.point_code).describe(),
                sequence=sequence,
                sha256=opened.digest,
                pre_registrations_new=pre_registrations.new,
                pre_registrations_updated=pre_registrations.updated,
                transfer_lists_new=transfer_lists.new,
                transfer_lists_updated=transfer_lists.updated,
            )
            return ImportSummary(peer.name, sequence, pre_registrations, transfer_lists)

    @staticmethod
    def _sender(session: Session, here: Station, opened: OpenedExchange) -> ExchangePeer:
        """The known peer that signed the file, once it is sure the file is for us."""
        manifest = opened.manifest
        if manifest.recipient != here:
            raise UserError(
                t(
                    "此交换文件是发给{theirs}的，不是本库（{ours}），未导入",
                    theirs=manifest.recipient.describe(),
                    ours=here.describe(),
                )
            )
        peers = session.scalars(
            select(ExchangePeer)
            .where(ExchangePeer.center_code == here.center_code)
            .with_for_update()
        ).all()
        signer = next(
            (p for p in peers if fingerprint(p.public_key) == manifest.sender_fingerprint), None
        )
        if signer is None:
            raise UserError(
                t(
                    "交换文件的签名密钥未知（指纹 {fingerprint}）：请管理员先导入对方的公钥文件",
                    fingerprint=manifest.sender_fingerprint,
                )
            )
        if not opened.signed_by(signer.public_key):
            raise UserError(t("交换文件的签名不符：文件已被改动或损坏，未导入"))
        if manifest.sender != Station(signer.center_code, signer.point_code):
            raise UserError(
                t(
                    "交换文件自称来自{claimed}，但签名属于{signer}，未导入",
                    claimed=manifest.sender.describe(),
                    signer=Station(signer.center_code, signer.point_code).describe(),
                )
            )
        return signer
