"""The exchange file: a zip of ``manifest.json``, ``records.json`` and ``signature``.

The signature is Ed25519 over ``DOMAIN`` followed by the SHA-256 of the exact bytes of
manifest.json and of records.json, so the two JSON members are checked as they were written and
the signature can never be mistaken for one over anything else. Reading is cautious: the file
and each member have a size limit checked while decompressing (a zip bomb stops at the limit),
and only the three members may be there.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import zipfile
from dataclasses import dataclass
from typing import IO, Any

from townclerk.errors import UserError
from townclerk.formats.exchange.keys import fingerprint, sign, signature_valid
from townclerk.i18n import t
from townclerk.records.exchange import ExchangeManifest, ExchangeRecords, Station

FORMAT_VERSION = 1
DOMAIN = b"townclerk exchange file v1\x00"
MANIFEST = "manifest.json"
RECORDS = "records.json"
SIGNATURE = "signature"
MEMBERS = (MANIFEST, RECORDS, SIGNATURE)
# Far above a village point's open work (500 pre-registrations are about 0.4 MB of JSON).
MAX_FILE_BYTES = 64 * 1024 * 1024
MAX_MEMBER_BYTES = {MANIFEST: 64 * 1024, RECORDS: 64 * 1024 * 1024, SIGNATURE: 64}
MAX_ENTRIES = 16


@dataclass(frozen=True)
class OpenedExchange:
    """An exchange file unpacked, its manifest read, its signature not yet checked."""

    manifest: ExchangeManifest
    manifest_bytes: bytes
    records_bytes: bytes
    signature: bytes

    @property
    def signed_message(self) -> bytes:
        return signed_message(self.manifest_bytes, self.records_bytes)

    @property
    def digest(self) -> str:
        """What identifies the file's content (the same file copied or zipped again keeps it)."""
        return hashlib.sha256(self.signed_message).hexdigest()

    def signed_by(self, public_key: bytes) -> bool:
        return signature_valid(public_key, self.signed_message, self.signature)


def signed_message(manifest_bytes: bytes, records_bytes: bytes) -> bytes:
    return DOMAIN + hashlib.sha256(manifest_bytes).digest() + hashlib.sha256(records_bytes).digest()


def manifest_bytes_of(manifest: ExchangeManifest) -> bytes:
    content = {
        "format_version": manifest.version,
        "sender": {
            "center_code": manifest.sender.center_code,
            "point_code": manifest.sender.point_code,
            "name": manifest.sender_name,
            "key_fingerprint": manifest.sender_fingerprint,
        },
        "recipient": {
            "center_code": manifest.recipient.center_code,
            "point_code": manifest.recipient.point_code,
        },
        "sequence": manifest.sequence,
        "created_at": manifest.created_at.isoformat(timespec="seconds"),
        "record_counts": {
            "pre_registrations": manifest.pre_registration_count,
            "transfer_lists": manifest.transfer_list_count,
        },
    }
    return (json.dumps(content, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def write_exchange(
    stream: IO[bytes], manifest: ExchangeManifest, records_bytes: bytes, private_key: bytes
) -> str:
    """Write the signed zip to ``stream``; returns the content's digest (hex)."""
    manifest_bytes = manifest_bytes_of(manifest)
    message = signed_message(manifest_bytes, records_bytes)
    stamp = manifest.created_at.timetuple()[:6]
    with zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in (
            (MANIFEST, manifest_bytes),
            (RECORDS, records_bytes),
            (SIGNATURE, sign(private_key, message)),
        ):
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, content)
    return hashlib.sha256(message).hexdigest()


def new_manifest(
    *,
    sender: Station,
    sender_name: str,
    sender_public_key: bytes,
    recipient: Station,
    sequence: int,
    created_at: dt.datetime,
    records: ExchangeRecords,
) -> ExchangeManifest:
    return ExchangeManifest(
        version=FORMAT_VERSION,
        sender=sender,
        sender_name=sender_name,
        sender_fingerprint=fingerprint(sender_public_key),
        recipient=recipient,
        sequence=sequence,
        created_at=created_at,
        pre_registration_count=len(records.pre_registrations),
        transfer_list_count=len(records.transfer_lists),
    )


def _damaged(detail: str) -> UserError:
    return UserError(t("交换文件已损坏或不完整（{detail}），未导入", detail=detail))


def open_exchange(data: bytes) -> OpenedExchange:
    """Unpack an exchange file (see the module); anything else is refused with a plain reason."""
    if len(data) > MAX_FILE_BYTES:
        raise UserError(t("文件过大，不是 townclerk 的交换文件"))
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise UserError(t("这不是 townclerk 的交换文件（不是 zip 压缩包）"))
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
            if len(infos) > MAX_ENTRIES:
                raise _damaged(t("成员过多"))
            names = [info.filename for info in infos]
            for name in MEMBERS:
                if names.count(name) != 1:
                    raise _damaged(t("缺少 {name}", name=name))
            extra = sorted(set(names) - set(MEMBERS))
            if extra:
                raise _damaged(t("多出 {name}", name=extra[0]))
            members = {name: _read_member(archive, name) for name in MEMBERS}
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, ValueError) as error:
        raise _damaged(type(error).__name__) from None
    manifest = _manifest_of(members[MANIFEST])
    return OpenedExchange(manifest, members[MANIFEST], members[RECORDS], members[SIGNATURE])


def _read_member(archive: zipfile.ZipFile, name: str) -> bytes:
    limit = MAX_MEMBER_BYTES[name]
    with archive.open(name) as member:  # decompresses as it reads, checks the CRC at the end
        content = member.read(limit + 1)
        if len(content) > limit:
            raise _damaged(t("{name} 过大", name=name))
        return content


def _manifest_of(data: bytes) -> ExchangeManifest:
    try:
        content: Any = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise _damaged(t("{name} 无法读取", name=MANIFEST)) from None
    if not isinstance(content, dict):
        raise _damaged(t("{name} 无法读取", name=MANIFEST))
    version = content.get("format_version")
    if version != FORMAT_VERSION:
        raise UserError(
            t(
                "交换文件格式版本 {version} 不受支持（本程序读取版本 {supported}），"
                "请双方使用相同版本的 townclerk",
                version=version,
                supported=FORMAT_VERSION,
            )
        )
    try:
        sender, recipient = content["sender"], content["recipient"]
        counts = content["record_counts"]
        manifest = ExchangeManifest(
            version=version,
            sender=Station(_text(sender["center_code"]), _text(sender["point_code"])),
            sender_name=_text(sender["name"]),
            sender_fingerprint=_text(sender["key_fingerprint"]),
            recipient=Station(_text(recipient["center_code"]), _text(recipient["point_code"])),
            sequence=_count(content["sequence"]),
            created_at=dt.datetime.fromisoformat(_text(content["created_at"])),
            pre_registration_count=_count(counts["pre_registrations"]),
            transfer_list_count=_count(counts["transfer_lists"]),
        )
    except (KeyError, TypeError, ValueError):
        raise _damaged(t("{name} 内容不全", name=MANIFEST)) from None
    if manifest.sequence < 1:
        raise _damaged(t("{name} 内容不全", name=MANIFEST))
    return manifest


def _text(value: object) -> str:
    if not isinstance(value, str):
        raise TypeError(value)
    return value


def _count(value: object) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise TypeError(value)
    return value
