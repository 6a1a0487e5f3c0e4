"""The exchange file format: a signed zip that reads back as written, and every way a file can
be damaged refused in plain words (formats/exchange, no database)."""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile
from dataclasses import replace

import pytest

from townclerk.enums import (
    ApplicantKind,
    Decision,
    IdType,
    PreRegistrationStatus,
    TransferDirection,
)
from townclerk.errors import UserError
from townclerk.formats.exchange.keys import (
    card_bytes,
    fingerprint,
    new_key_pair,
    read_card,
)
from townclerk.formats.exchange.package import (
    MANIFEST,
    RECORDS,
    SIGNATURE,
    manifest_bytes_of,
    new_manifest,
    open_exchange,
    write_exchange,
)
from townclerk.formats.exchange.records_json import read_records, records_bytes
from townclerk.records.exchange import (
    ExchangeRecords,
    PreRegistrationData,
    PublicKeyCard,
    Station,
    TransferEntryData,
    TransferListData,
)

AT = dt.datetime(2026, 9, 29, 9, 30)
VILLAGE = Station("320324101", "320324101201")
TOWNSHIP = Station("320324101")


def pre_registration(seq: int = 1, **changes: object) -> PreRegistrationData:
    data = PreRegistrationData(
        reference=f"320324101201-20260929-{seq:03d}",
        agent_name="王代办",
        status=PreRegistrationStatus.SENT,
        item_code="320324-MZ-001",
        item_name="城乡居民最低生活保障申请",
        applicant_kind=ApplicantKind.PERSON,
        applicant_id_type=IdType.RESIDENT_ID,
        applicant_id_number="320324199003151238",
        applicant_name="张伟",
        applicant_phone="13905161234",
        applicant_address="王庄村三组",
        materials=({"name": "居民身份证", "form": "copy", "copies": 1, "received": True},),
        note="代办",
        registered_at=AT,
        registered_by="wangdb",
        updated_at=AT,
        answered_at=AT + dt.timedelta(days=1),
        answer="已受理",
        case_number="320324101-20260930-0001",
        due_date=dt.date(2026, 10, 20),
        decision=Decision.GRANTED,
        result_text="准予",
        result_at_point_at=None,
        picked_up_at=None,
        picked_up_by=None,
    )
    return replace(data, **changes)  # type: ignore[arg-type]


RECORDS_SAMPLE = ExchangeRecords(
    pre_registrations=(pre_registration(1), pre_registration(2, decision=None, due_date=None)),
    transfer_lists=(
        TransferListData(
            number="320324101201-JJ-20260929-01",
            direction=TransferDirection.TO_TOWNSHIP,
            carrier="王代办",
            created_at=AT,
            created_by="wangdb",
            received_at=None,
            received_by=None,
            entries=(
                TransferEntryData(1, "320324101201-20260929-001", None, "身份证复印件", ""),
                TransferEntryData(2, None, "320324101-20260930-0001", "", "accepted"),
            ),
        ),
    ),
)


def exchange_file(
    private_key: bytes, public_key: bytes, records: ExchangeRecords = RECORDS_SAMPLE
) -> bytes:
    manifest = new_manifest(
        sender=VILLAGE,
        sender_name="王庄村",
        sender_public_key=public_key,
        recipient=TOWNSHIP,
        sequence=3,
        created_at=AT,
        records=records,
    )
    stream = io.BytesIO()
    write_exchange(stream, manifest, records_bytes(records), private_key)
    return stream.getvalue()


@pytest.fixture(scope="module")
def keys() -> tuple[bytes, bytes]:
    return new_key_pair()


def members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def rezip(parts: dict[str, bytes]) -> bytes:
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return stream.getvalue()


def test_round_trip(keys: tuple[bytes, bytes]) -> None:
    private_key, public_key = keys
    opened = open_exchange(exchange_file(private_key, public_key))
    assert opened.signed_by(public_key)
    assert opened.manifest.sender == VILLAGE and opened.manifest.recipient == TOWNSHIP
    assert opened.manifest.sequence == 3 and opened.manifest.created_at == AT
    assert opened.manifest.sender_fingerprint == fingerprint(public_key)
    assert (opened.manifest.pre_registration_count, opened.manifest.transfer_list_count) == (2, 1)
    assert read_records(opened.records_bytes) == RECORDS_SAMPLE
    assert json.loads(opened.manifest_bytes)["format_version"] == 1


def test_the_same_content_zipped_again_keeps_its_digest(keys: tuple[bytes, bytes]) -> None:
    data = exchange_file(*keys)
    assert open_exchange(rezip(members(data))).digest == open_exchange(data).digest


def test_another_key_does_not_verify(keys: tuple[bytes, bytes]) -> None:
    _other_private, other_public = new_key_pair()
    assert not open_exchange(exchange_file(*keys)).signed_by(other_public)


@pytest.mark.parametrize("member", [MANIFEST, RECORDS, SIGNATURE])
def test_a_flipped_byte_breaks_the_signature(keys: tuple[bytes, bytes], member: str) -> None:
    parts = members(exchange_file(*keys))
    content = bytearray(parts[member])
    # A byte inside a JSON string value, so the JSON itself still reads.
    index = content.index(b"320324101") + 2 if member != SIGNATURE else 5
    content[index] ^= 0x01
    parts[member] = bytes(content)
    try:
        opened = open_exchange(rezip(parts))
    except UserError:
        assert member == MANIFEST  # the manifest's code changed to a non-digit: unreadable
        return
    assert not opened.signed_by(keys[1])


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "不是 zip 压缩包"),
        (b"PK\x03\x04 cut short", "不是 zip 压缩包"),
        ("一份普通的文本文件".encode(), "不是 zip 压缩包"),
    ],
)
def test_not_a_zip(data: bytes, message: str) -> None:
    with pytest.raises(UserError, match=message):
        open_exchange(data)


def test_a_cut_short_zip(keys: tuple[bytes, bytes]) -> None:
    data = exchange_file(*keys)
    # The end of the zip (its directory) is gone: nothing says it is a zip any more.
    with pytest.raises(UserError, match="不是 zip 压缩包"):
        open_exchange(data[: len(data) - 30])
    # Its middle cut out, the directory still there: the members no longer read.
    middle = len(data) // 2
    with pytest.raises(UserError, match="已损坏或不完整"):
        open_exchange(data[:middle] + data[middle + 40 :])


@pytest.mark.parametrize("member", [MANIFEST, RECORDS, SIGNATURE])
def test_a_missing_member(keys: tuple[bytes, bytes], member: str) -> None:
    parts = members(exchange_file(*keys))
    del parts[member]
    with pytest.raises(UserError, match=f"已损坏或不完整（缺少 {member}）"):
        open_exchange(rezip(parts))


def test_an_extra_member(keys: tuple[bytes, bytes]) -> None:
    parts = members(exchange_file(*keys)) | {"readme.txt": b"hello"}
    with pytest.raises(UserError, match=r"多出 readme\.txt"):
        open_exchange(rezip(parts))


def test_a_corrupt_member_fails_its_checksum(keys: tuple[bytes, bytes]) -> None:
    # Stored (not deflated) records, then one byte changed inside them: the CRC no longer fits.
    parts = members(exchange_file(*keys))
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w", zipfile.ZIP_STORED) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    stored = bytearray(stream.getvalue())
    index = stored.index(b"pre_registrations", stored.index(RECORDS.encode()))
    stored[index] ^= 0x20
    with pytest.raises(UserError, match="已损坏或不完整"):
        open_exchange(bytes(stored))


def test_a_zip_bomb_stops_at_the_limit(keys: tuple[bytes, bytes]) -> None:
    parts = members(exchange_file(*keys))
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in (RECORDS, SIGNATURE):
            archive.writestr(name, parts[name])
        with archive.open(MANIFEST, "w", force_zip64=True) as member:
            block = b" " * (1024 * 1024)
            for _ in range(100):  # 100 MB of spaces, about 100 KB zipped
                member.write(block)
    with pytest.raises(UserError, match=r"manifest\.json 过大"):
        open_exchange(stream.getvalue())


def test_too_many_members(keys: tuple[bytes, bytes]) -> None:
    parts = members(exchange_file(*keys)) | {f"x{i}": b"" for i in range(20)}
    with pytest.raises(UserError, match="成员过多"):
        open_exchange(rezip(parts))


def test_an_unknown_version(keys: tuple[bytes, bytes]) -> None:
    parts = members(exchange_file(*keys))
    manifest = json.loads(parts[MANIFEST])
    manifest["format_version"] = 2
    parts[MANIFEST] = json.dumps(manifest).encode()
    with pytest.raises(UserError, match="格式版本 2 不受支持"):
        open_exchange(rezip(parts))


@pytest.mark.parametrize(
    "change",
    [
        lambda m: m.pop("sender"),
        lambda m: m.__setitem__("sequence", "3"),
        lambda m: m.__setitem__("sequence", 0),
        lambda m: m.__setitem__("created_at", "yesterday"),
        lambda m: m["record_counts"].__setitem__("transfer_lists", -1),
    ],
)
def test_an_incomplete_manifest(keys: tuple[bytes, bytes], change: object) -> None:
    parts = members(exchange_file(*keys))
    manifest = json.loads(parts[MANIFEST])
    change(manifest)  # type: ignore[operator]
    parts[MANIFEST] = json.dumps(manifest).encode()
    with pytest.raises(UserError, match=r"manifest\.json 内容不全"):
        open_exchange(rezip(parts))


def test_manifest_not_json(keys: tuple[bytes, bytes]) -> None:
    parts = members(exchange_file(*keys)) | {MANIFEST: b"\xff{"}
    with pytest.raises(UserError, match=r"manifest\.json 无法读取"):
        open_exchange(rezip(parts))


@pytest.mark.parametrize(
    "change",
    [
        lambda r: r.pop("transfer_lists"),
        lambda r: r["pre_registrations"][0].__setitem__("status", "approved"),
        lambda r: r["pre_registrations"][0].__setitem__("registered_at", 5),
        lambda r: r["pre_registrations"][0].__setitem__("materials", [["身份证"]]),
        lambda r: r["pre_registrations"][0].__setitem__("decision", "maybe"),
        lambda r: r["transfer_lists"][0]["entries"][0].__setitem__("seq", True),
        lambda r: r.__setitem__("pre_registrations", {}),
    ],
)
def test_malformed_records(change: object) -> None:
    content = json.loads(records_bytes(RECORDS_SAMPLE))
    change(content)  # type: ignore[operator]
    with pytest.raises(UserError, match=r"记录内容有误（records.json）"):
        read_records(json.dumps(content).encode())


def test_the_manifest_is_readable_json(keys: tuple[bytes, bytes]) -> None:
    opened = open_exchange(exchange_file(*keys))
    assert opened.manifest_bytes == manifest_bytes_of(opened.manifest)
    sender = json.loads(opened.manifest_bytes)["sender"]
    assert sender == {
        "center_code": "320324101",
        "point_code": "320324101201",
        "name": "王庄村",
        "key_fingerprint": fingerprint(keys[1]),
    }


def test_public_key_card_round_trip(keys: tuple[bytes, bytes]) -> None:
    card = PublicKeyCard("320324101", "320324101201", "王庄村", keys[1], fingerprint(keys[1]))
    assert read_card(card_bytes(card)) == card
    assert len(card.fingerprint.replace(" ", "")) == 20 and card.fingerprint.count(" ") == 4


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda c: c.__setitem__("format", "other"), "不是 townclerk 的交换公钥文件"),
        (lambda c: c.__setitem__("version", 9), "版本（9）不受支持"),
        (lambda c: c.__setitem__("public_key", "!!"), "不是 townclerk 的交换公钥文件"),
        (lambda c: c.__setitem__("public_key", "AAAA"), "不是 townclerk 的交换公钥文件"),
        (lambda c: c.__setitem__("fingerprint", "0000 0000 0000 0000 0000"), "公钥与其指纹不符"),
        (lambda c: c.pop("name"), "不是 townclerk 的交换公钥文件"),
    ],
)
def test_a_bad_public_key_file(keys: tuple[bytes, bytes], edit: object, message: str) -> None:
    card = PublicKeyCard("320324101", "", "示范镇", keys[1], fingerprint(keys[1]))
    content = json.loads(card_bytes(card))
    edit(content)  # type: ignore[operator]
    with pytest.raises(UserError, match=message):
        read_card(json.dumps(content).encode())


def test_a_public_key_file_that_is_not_json() -> None:
    with pytest.raises(UserError, match="不是 townclerk 的交换公钥文件"):
        read_card(b"\x89PNG\r\n")
