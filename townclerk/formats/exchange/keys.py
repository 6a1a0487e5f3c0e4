"""Ed25519 keys for exchange files, their fingerprints and the public key file.

The fingerprint is what two admins read to each other on the phone before trusting a key file
that came on a USB stick: 20 digits in groups of four (digits, because they are read aloud in
Chinese without ambiguity), taken from the SHA-256 of the public key.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    NoEncryption,
    PrivateFormat,
    PublicFormat,
)

from townclerk.errors import UserError
from townclerk.i18n import t
from townclerk.records.exchange import PublicKeyCard

KEY_FILE_FORMAT = "townclerk-exchange-public-key"
KEY_FILE_VERSION = 1
KEY_FILE_MAX_BYTES = 16 * 1024
FINGERPRINT_DIGITS = 20


def new_key_pair() -> tuple[bytes, bytes]:
    """A fresh (private, public) key pair, 32 raw bytes each."""
    private = Ed25519PrivateKey.generate()
    private_raw = private.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
    public_raw = private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    return private_raw, public_raw


def fingerprint(public_key: bytes) -> str:
    """``1234 5678 9012 3456 7890``: 20 decimal digits of the key's SHA-256."""
    number = int.from_bytes(hashlib.sha256(public_key).digest()[:16], "big")
    digits = str(number % 10**FINGERPRINT_DIGITS).zfill(FINGERPRINT_DIGITS)
    return " ".join(digits[i : i + 4] for i in range(0, FINGERPRINT_DIGITS, 4))


def sign(private_key: bytes, message: bytes) -> bytes:
    return Ed25519PrivateKey.from_private_bytes(private_key).sign(message)


def signature_valid(public_key: bytes, message: bytes, signature: bytes) -> bool:
    try:
        Ed25519PublicKey.from_public_bytes(public_key).verify(signature, message)
    except (InvalidSignature, ValueError):
        return False
    return True


def card_bytes(card: PublicKeyCard) -> bytes:
    """The public key file: a small JSON anyone can read."""
    content = {
        "format": KEY_FILE_FORMAT,
        "version": KEY_FILE_VERSION,
        "center_code": card.center_code,
        "point_code": card.point_code,
        "name": card.name,
        "public_key": base64.b64encode(card.public_key).decode("ascii"),
        "fingerprint": card.fingerprint,
    }
    return (json.dumps(content, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def read_card(data: bytes) -> PublicKeyCard:
    """The public key file's content; a file that is not one is refused in plain words."""
    not_a_key = UserError(t("这不是 townclerk 的交换公钥文件"))
    if len(data) > KEY_FILE_MAX_BYTES:
        raise not_a_key
    try:
        content: Any = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise not_a_key from None
    if not isinstance(content, dict) or content.get("format") != KEY_FILE_FORMAT:
        raise not_a_key
    if content.get("version") != KEY_FILE_VERSION:
        raise UserError(
            t("交换公钥文件的版本（{version}）不受支持", version=content.get("version"))
        )
    fields = ("center_code", "point_code", "name", "public_key", "fingerprint")
    if not all(isinstance(content.get(field), str) for field in fields):
        raise not_a_key
    try:
        public_key = base64.b64decode(content["public_key"], validate=True)
    except (binascii.Error, ValueError):
        raise not_a_key from None
    if len(public_key) != 32:
        raise not_a_key
    if fingerprint(public_key) != content["fingerprint"]:
        raise UserError(t("交换公钥文件已损坏：公钥与其指纹不符"))
    return PublicKeyCard(
        center_code=content["center_code"],
        point_code=content["point_code"],
        name=content["name"],
        public_key=public_key,
        fingerprint=content["fingerprint"],
    )
