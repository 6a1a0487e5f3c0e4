"""Encrypted backup files: AES-256-GCM in 1 MiB frames, the key from a passphrase by scrypt.

Layout::

    MAGIC (8 bytes) | header length (4, big-endian) | header (JSON) | frame | frame | …

The header holds the scrypt parameters, a random salt, the frame size, the plaintext size and a
check value (the encryption of a fixed text) that tells a wrong passphrase from a damaged file.
Each frame is one GCM ciphertext of up to ``frame_size`` plaintext bytes; its nonce is the frame
number with a last-frame flag (the key is new for every file, from its own salt, so nonces never
repeat under a key), and the header is its associated data: a changed header, a frame changed,
moved, dropped or cut short fails authentication. Only one frame is in memory at a time.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from townclerk.errors import UserError
from townclerk.i18n import t

MAGIC = b"TCBAKENC"
FRAME_SIZE = 1 << 20
SCRYPT_N, SCRYPT_R, SCRYPT_P = 1 << 15, 8, 1
_CHECK_TEXT = b"townclerk backup"
_CHECK_NONCE = b"\xff" * 12
_TAG = 16


class WrongPassphrase(UserError):
    pass


class DamagedBackup(UserError):
    pass


@dataclass(frozen=True)
class _Header:
    raw: bytes
    salt: bytes
    n: int
    r: int
    p: int
    frame_size: int
    size: int
    check: bytes


def is_encrypted(path: Path) -> bool:
    with path.open("rb") as handle:
        return handle.read(len(MAGIC)) == MAGIC


def _key(passphrase: str, salt: bytes, n: int, r: int, p: int) -> AESGCM:
    if not passphrase:
        raise WrongPassphrase(t("请提供备份口令"))
    kdf = Scrypt(salt=salt, length=32, n=n, r=r, p=p)
    return AESGCM(kdf.derive(passphrase.encode("utf-8")))


def _nonce(index: int, last: bool) -> bytes:
    return index.to_bytes(11, "big") + (b"\x01" if last else b"\x00")


def encrypt_file(
    source: Path, target: BinaryIO, passphrase: str, on_plain: Callable[[bytes], None]
) -> None:
    """Write ``source`` encrypted to ``target``; ``on_plain`` sees every plaintext chunk
    (the caller hashes them)."""
    size = source.stat().st_size
    salt = os.urandom(16)
    key = _key(passphrase, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P)
    header = {
        "cipher": "AES-256-GCM",
        "kdf": "scrypt",
        "n": SCRYPT_N,
        "r": SCRYPT_R,
        "p": SCRYPT_P,
        "salt": salt.hex(),
        "frame_size": FRAME_SIZE,
        "size": size,
    }
    header["check"] = key.encrypt(_CHECK_NONCE, _CHECK_TEXT, salt).hex()
    raw = json.dumps(header, sort_keys=True).encode("utf-8")
    target.write(MAGIC + len(raw).to_bytes(4, "big") + raw)
    frames = max(1, -(-size // FRAME_SIZE))
    with source.open("rb") as handle:
        for index in range(frames):
            chunk = handle.read(FRAME_SIZE)
            on_plain(chunk)
            target.write(key.encrypt(_nonce(index, index == frames - 1), chunk, raw))


def _read_header(handle: BinaryIO, path: Path) -> _Header:
    damaged = DamagedBackup(t("备份文件 {path} 已损坏或不完整（文件头无法读取）", path=path))
    if handle.read(len(MAGIC)) != MAGIC:
        raise damaged
    length = int.from_bytes(handle.read(4), "big")
    raw = handle.read(length)
    try:
        fields = json.loads(raw)
        return _Header(
            raw=raw,
            salt=bytes.fromhex(fields["salt"]),
            n=int(fields["n"]),
            r=int(fields["r"]),
            p=int(fields["p"]),
            frame_size=int(fields["frame_size"]),
            size=int(fields["size"]),
            check=bytes.fromhex(fields["check"]),
        )
    except (ValueError, KeyError, TypeError):
        raise damaged from None


def decrypt_file(source: Path, target: BinaryIO, passphrase: str) -> str:
    """Write the plaintext of ``source`` to ``target``; return its sha256 (hex)."""
    digest = hashlib.sha256()
    with source.open("rb") as handle:
        header = _read_header(handle, source)
        if not (1 << 10 <= header.n <= 1 << 20 and header.r <= 32 and header.p <= 16):
            raise DamagedBackup(t("备份文件 {path} 的加密参数无效", path=source))
        key = _key(passphrase, header.salt, header.n, header.r, header.p)
        try:
            key.decrypt(_CHECK_NONCE, header.check, header.salt)
        except InvalidTag:
            raise WrongPassphrase(t("备份口令不正确：无法解密 {path}", path=source)) from None
        frames = max(1, -(-header.size // header.frame_size))
        written = 0
        for index in range(frames):
            frame = handle.read(header.frame_size + _TAG)
            try:
                chunk = key.decrypt(_nonce(index, index == frames - 1), frame, header.raw)
            except InvalidTag:
                raise DamagedBackup(
                    t(
                        "备份文件 {path} 已被改动或不完整（第 {frame} 段校验失败），不能使用",
                        path=source,
                        frame=index + 1,
                    )
                ) from None
            digest.update(chunk)
            target.write(chunk)
            written += len(chunk)
        if handle.read(1) or written != header.size:
            raise DamagedBackup(t("备份文件 {path} 末尾有多余或缺失的数据，不能使用", path=source))
    return digest.hexdigest()
