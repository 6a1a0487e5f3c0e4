"""The keys of exchange files, set up once by the admin: this database's own Ed25519 key and
the public keys of the other side (the township seen from a village laptop, the village points
seen from the township), each checked by its fingerprint read aloud on the phone.

Nothing is removed: a peer whose laptop was replaced gets its new key by an explicit
replacement (audited), which also restarts the numbering of the files it sends.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from townclerk.db.database import Database
from townclerk.db.models import ExchangeIdentity, ExchangePeer, VillagePoint
from townclerk.enums import StationMode
from townclerk.errors import UserError
from townclerk.formats.exchange.keys import card_bytes, fingerprint, new_key_pair, read_card
from townclerk.formats.output_files import atomic_output
from townclerk.i18n import t
from townclerk.records.center import CenterSettings
from townclerk.records.exchange import IdentityInfo, PeerInfo, PublicKeyCard, Station
from townclerk.services.access import Actor, Permission, acting, require, viewing
from townclerk.services.audit import record_audit
from townclerk.services.settings import SettingsService
from townclerk.validation import ValidationError, check_plain_text

PEER_NAME_MAX = 128
READ_LIMIT = 64 * 1024 * 1024  # no exchange or key file is near this


def station_of(settings: CenterSettings) -> Station:
    """Who this database is in the exchange, from its center settings."""
    if settings.station_mode is StationMode.VILLAGE_POINT:
        return Station(settings.center_code, settings.village_point_code)
    return Station(settings.center_code)


def station_name(session: Session, settings: CenterSettings) -> str:
    """What this database calls itself to the other side: the center, or its village point."""
    station = station_of(settings)
    if station.is_township:
        return settings.center_name
    point_name = session.scalar(
        select(VillagePoint.name).where(VillagePoint.code == station.point_code)
    )
    return point_name or station.point_code


def own_identity(session: Session) -> ExchangeIdentity | None:
    return session.scalars(select(ExchangeIdentity).order_by(ExchangeIdentity.id)).first()


def require_identity(session: Session) -> ExchangeIdentity:
    identity = own_identity(session)
    if identity is None:
        raise UserError(t("本库尚未生成交换密钥：请管理员先在“设置 → 交换密钥”中生成"))
    return identity


def peer_info(peer: ExchangePeer) -> PeerInfo:
    return PeerInfo(
        id=peer.id,
        name=peer.name,
        station=Station(peer.center_code, peer.point_code),
        fingerprint=fingerprint(peer.public_key),
        added_at=peer.added_at,
        added_by=peer.added_by,
        last_seq_in=peer.last_seq_in,
        last_seq_out=peer.last_seq_out,
    )


def point_id_of(session: Session, code: str) -> int:
    """The village point of ``code`` in this database, or a plain refusal."""
    point_id = session.scalar(select(VillagePoint.id).where(VillagePoint.code == code))
    if point_id is None:
        raise UserError(
            t("本库没有代码为 {code} 的村便民服务点：请先在设置中添加该服务点", code=code)
        )
    return point_id


def read_small_file(path: Path) -> bytes:
    """A file the user picked, read whole; a missing or unreadable one in plain words."""
    try:
        with Path(path).open("rb") as handle:
            data = handle.read(READ_LIMIT + 1)
    except FileNotFoundError:
        raise UserError(t("文件不存在：{path}", path=path)) from None
    except IsADirectoryError:
        raise UserError(t("{path} 是文件夹，请选择文件", path=path)) from None
    except OSError as error:
        raise UserError(
            t("无法读取 {path}：{reason}", path=path, reason=error.strerror or error)
        ) from None
    if len(data) > READ_LIMIT:
        raise UserError(t("文件过大，不是 townclerk 的交换文件：{path}", path=path))
    return data


def _peer_name(name: str) -> str:
    try:
        name = check_plain_text(name, t("名称")).strip()
    except ValidationError as error:
        raise UserError(str(error)) from None
    if not name:
        raise UserError(t("请填写对方的名称"))
    if len(name) > PEER_NAME_MAX:
        raise UserError(t("名称过长（最多{limit}个字符）", limit=PEER_NAME_MAX))
    return name


class ExchangeKeyService:
    def __init__(self, db: Database) -> None:
        self._db = db

    def identity(self, actor: Actor) -> IdentityInfo | None:
        """This database's key, None before the admin made it."""
        require(actor, Permission.EXCHANGE_FILES)
        with viewing(self._db, actor) as session:
            identity = own_identity(session)
            station = station_of(SettingsService.center_in(session))
            if identity is None:
                return None
            return IdentityInfo(fingerprint(identity.public_key), identity.created_at, station)

    def create_identity(self, actor: Actor, *, replace: bool = False) -> IdentityInfo:
        """Make this database's key; a second one only with ``replace`` (every peer then needs
        the new public key file)."""
        require(actor, Permission.MANAGE_SETTINGS)
        now = self._db.now()
        private_key, public_key = new_key_pair()
        with acting(self._db, actor) as session:
            station = station_of(SettingsService.center_in(session))
            identity = own_identity(session)
            if identity is not None and not replace:
                raise UserError(
                    t(
                        "本库已有交换密钥（指纹 {fingerprint}）；更换后各对方须重新导入本库的公钥",
                        fingerprint=fingerprint(identity.public_key),
                    )
                )
            old = "" if identity is None else fingerprint(identity.public_key)
            if identity is None:
                identity = ExchangeIdentity(
                    private_key=private_key, public_key=public_key, created_at=now
                )
                session.add(identity)
            else:
                identity.private_key, identity.public_key = private_key, public_key
                identity.created_at = now
            record_audit(
                session,
                actor,
                "exchange.key_replace" if old else "exchange.key_create",
                now,
                target=fingerprint(public_key),
                replaced=old,
            )
            return IdentityInfo(fingerprint(public_key), now, station)

    def export_public_key(self, actor: Actor, path: Path) -> PublicKeyCard:
        """Write this database's public key file to ``path``."""
        require(actor, Permission.MANAGE_SETTINGS)
        with acting(self._db, actor) as session:
            identity = require_identity(session)
            settings = SettingsService.center_in(session)
            station = station_of(settings)
            card = PublicKeyCard(
                center_code=station.center_code,
                point_code=station.point_code,
                name=station_name(session, settings),
                public_key=identity.public_key,
                fingerprint=fingerprint(identity.public_key),
            )
            with atomic_output(path) as stream:
                stream.write(card_bytes(card))
            record_audit(
                session, actor, "exchange.key_export", self._db.now(), target=card.fingerprint
            )
            return card

    @staticmethod
    def read_public_key_file(path: Path) -> PublicKeyCard:
        """What a public key file says, to show its fingerprint before it is trusted."""
        return read_card(read_small_file(path))

    def add_peer(
        self, actor: Actor, path: Path, name: str = "", *, replace: bool = False
    ) -> PeerInfo:
        """Trust the public key file at ``path`` as the other side named ``name`` (the file's
        own name when empty); an existing peer's key changes only with ``replace``."""
        require(actor, Permission.MANAGE_SETTINGS)
        now = self._db.now()
        with acting(self._db, actor) as session:
            card = self.read_public_key_file(path)
            name = _peer_name(name.strip() or card.name)
            here = station_of(SettingsService.center_in(session))
            self._check_card(session, here, card)
            known = session.scalar(
                select(ExchangePeer).where(ExchangePeer.public_key == card.public_key)
            )
            if known is not None:
                raise UserError(t("此公钥已导入过（{name}），无需再导入", name=known.name))
            peer = session.scalar(
                select(ExchangePeer).where(
                    ExchangePeer.center_code == card.center_code,
                    ExchangePeer.point_code == card.point_code,
                )
            )
            if peer is not None and not replace:
                raise UserError(
                    t(
                        "已有{station}的公钥（{name}，指纹 {fingerprint}）；"
                        "如对方更换了电脑或密钥，请选择“更换”",
                        station=card.station.describe(),
                        name=peer.name,
                        fingerprint=fingerprint(peer.public_key),
                    )
                )
            replaced = ""
            if peer is None:
                peer = ExchangePeer(
                    name=name,
                    center_code=card.center_code,
                    point_code=card.point_code,
                    public_key=card.public_key,
                    added_at=now,
                    added_by=actor.username,
                    last_seq_in=0,
                    last_sha256_in="",
                    last_seq_out=0,
                )
                session.add(peer)
            else:
                replaced = fingerprint(peer.public_key)
                # A new key is a new sender: its files are numbered from 1 again.
                peer.name, peer.public_key = name, card.public_key
                peer.added_at, peer.added_by = now, actor.username
                peer.last_seq_in, peer.last_sha256_in = 0, ""
            session.flush()
            record_audit(
                session,
                actor,
                "exchange.peer_replace" if replaced else "exchange.peer_add",
                now,
                target=card.station.describe(),
                name=name,
                fingerprint=card.fingerprint,
                replaced=replaced,
            )
            return peer_info(peer)

    @staticmethod
    def _check_card(session: Session, here: Station, card: PublicKeyCard) -> None:
        if card.center_code != here.center_code:
            raise UserError(
                t(
                    "这是中心 {theirs} 的公钥，不是本中心（{ours}）的",
                    theirs=card.center_code,
                    ours=here.center_code,
                )
            )
        identity = own_identity(session)
        if identity is not None and identity.public_key == card.public_key:
            raise UserError(t("这是本库自己的公钥，应导入对方的公钥文件"))
        if here.is_township and card.station.is_township:
            raise UserError(t("本库是镇中心，只能导入村便民服务点的公钥"))
        if not here.is_township and not card.station.is_township:
            raise UserError(t("本库是村便民服务点，只能导入镇中心的公钥"))
        if here.is_township:
            point_id_of(session, card.point_code)

    def peers(self, actor: Actor) -> list[PeerInfo]:
        require(actor, Permission.EXCHANGE_FILES)
        with viewing(self._db, actor) as session:
            rows = session.scalars(
                select(ExchangePeer).order_by(ExchangePeer.point_code, ExchangePeer.id)
            )
            return [peer_info(peer) for peer in rows]
