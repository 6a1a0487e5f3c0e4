"""Exchange files between two databases, a village laptop and the township: keys, export,
import with its ownership rules, and every refusal leaving both databases as they were."""

from __future__ import annotations

import datetime as dt
import io
import json
import shutil
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from tests.conftest import FakeClock
from tests.exchange_rows import (
    POINT_CODE,
    Pair,
    add_point,
    add_pre_registrations,
    add_transfer_list,
    answer,
    footprint,
    link,
    pre_registration,
    reference,
    township_center,
    village_center,
)
from tests.people import CENTER_CODE, add_user, first_admin
from townclerk.db.database import Database, open_database
from townclerk.db.models import (
    AuditEntry,
    ExchangePeer,
    PreRegistration,
    TransferList,
    TransferListEntry,
)
from townclerk.enums import PreRegistrationStatus, Role, StationMode, TransferDirection
from townclerk.errors import FieldError, PermissionDenied, UserError
from townclerk.formats.exchange.keys import card_bytes, fingerprint, new_key_pair
from townclerk.paths import DATABASE_FILE, sqlite_url
from townclerk.records.center import CenterSettings
from townclerk.records.exchange import PublicKeyCard
from townclerk.services.exchange import ExchangeService
from townclerk.services.exchange_keys import ExchangeKeyService
from townclerk.services.settings import SettingsService

SENT = PreRegistrationStatus.SENT
ACCEPTED = PreRegistrationStatus.ACCEPTED
NOTIFIED = PreRegistrationStatus.NOTIFIED


def second_database(folder: Path, clock: FakeClock, template: Path) -> Database:
    folder.mkdir()
    shutil.copyfile(template, folder / DATABASE_FILE)
    return open_database(sqlite_url(folder), folder, clock=clock)


@pytest.fixture
def village_db(tmp_path: Path, clock: FakeClock, migrated_template: Path) -> Iterator[Database]:
    database = second_database(tmp_path / "village", clock, migrated_template)
    yield database
    database.dispose()


@pytest.fixture
def pair(db: Database, village_db: Database, tmp_path: Path) -> Pair:
    return link(db, village_db, tmp_path)


def village_sends(pair: Pair, path: Path) -> Path:
    ExchangeService(pair.village).export(pair.village_admin, path)
    return path


def township_sends(pair: Pair, path: Path) -> Path:
    ExchangeService(pair.township).export(pair.township_admin, path, POINT_CODE)
    return path


def rewritten(source: Path, target: Path, member: str, edit: object) -> Path:
    """``source`` zipped again with one member changed by ``edit(bytes) -> bytes``."""
    with zipfile.ZipFile(source) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    parts[member] = edit(parts[member])  # type: ignore[operator]
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return target


def flip(content: bytes, marker: bytes, offset: int = 0) -> bytes:
    changed = bytearray(content)
    changed[content.index(marker) + offset] ^= 0x01
    return bytes(changed)


# --- station mode ------------------------------------------------------------------------------
def test_station_mode_is_a_center_setting(db: Database, admin: object) -> None:
    settings = SettingsService(db)
    with pytest.raises(FieldError, match="须填写本服务点的代码") as refused:
        settings.set_center_value(admin, "station_mode", "village_point")  # type: ignore[arg-type]
    assert refused.value.field == "village_point_code"
    with pytest.raises(FieldError, match="只能由字母和数字组成"):
        settings.set_center_value(admin, "village_point_code", "王庄-01")  # type: ignore[arg-type]
    with pytest.raises(FieldError, match="未知的运行模式 village"):
        settings.set_center_value(admin, "station_mode", "village")  # type: ignore[arg-type]
    assert settings.center().station_mode is StationMode.TOWNSHIP
    settings.set_center_value(admin, "village_point_code", POINT_CODE)  # type: ignore[arg-type]
    settings.set_center_value(admin, "station_mode", "村便民服务点")  # type: ignore[arg-type]
    center = settings.center()
    assert (center.station_mode, center.village_point_code) == (
        StationMode.VILLAGE_POINT,
        POINT_CODE,
    )


# --- keys --------------------------------------------------------------------------------------
def test_keys_are_set_up_once_and_replaced_only_on_purpose(
    db: Database, tmp_path: Path, clock: FakeClock
) -> None:
    admin = first_admin(db, township_center())
    keys = ExchangeKeyService(db)
    assert keys.identity(admin) is None
    first = keys.create_identity(admin)
    with pytest.raises(UserError, match="本库已有交换密钥"):
        keys.create_identity(admin)
    assert keys.identity(admin) == first
    clock.advance(minutes=1)
    second = keys.create_identity(admin, replace=True)
    assert second.fingerprint != first.fingerprint
    with db.reads() as session:
        actions = session.scalars(
            select(AuditEntry.action).where(AuditEntry.action.like("exchange.%"))
        ).all()
    assert actions == ["exchange.key_create", "exchange.key_replace"]


def test_only_an_admin_sets_up_keys(db: Database, tmp_path: Path) -> None:
    admin = first_admin(db, township_center())
    clerk = add_user(db, admin, "clerk1", Role.CLERK)
    keys = ExchangeKeyService(db)
    with pytest.raises(PermissionDenied):
        keys.create_identity(clerk)
    keys.create_identity(admin)
    with pytest.raises(PermissionDenied):
        keys.export_public_key(clerk, tmp_path / "k.json")
    assert not (tmp_path / "k.json").exists()


def test_public_key_file_names_its_station(pair: Pair, tmp_path: Path) -> None:
    content = json.loads((tmp_path / "village.key.json").read_text(encoding="utf-8"))
    identity = ExchangeKeyService(pair.village).identity(pair.village_admin)
    assert identity is not None
    assert content["center_code"] == CENTER_CODE and content["point_code"] == POINT_CODE
    assert content["name"] == "王庄村便民服务点"
    assert content["fingerprint"] == identity.fingerprint
    [peer] = ExchangeKeyService(pair.township).peers(pair.township_admin)
    assert (peer.name, peer.station.point_code, peer.fingerprint) == (
        "王庄村便民服务点",
        POINT_CODE,
        identity.fingerprint,
    )


def test_peer_keys_that_do_not_fit_are_refused(pair: Pair, tmp_path: Path) -> None:
    township_keys = ExchangeKeyService(pair.township)
    admin = pair.township_admin
    before = footprint(pair.township)
    with pytest.raises(UserError, match="此公钥已导入过"):
        township_keys.add_peer(admin, tmp_path / "village.key.json")
    with pytest.raises(UserError, match="本库自己的公钥"):
        township_keys.add_peer(admin, tmp_path / "township.key.json")
    with pytest.raises(UserError, match="文件不存在"):
        township_keys.add_peer(admin, tmp_path / "missing.json")
    (tmp_path / "notes.txt").write_text("不是公钥", encoding="utf-8")
    with pytest.raises(UserError, match="不是 townclerk 的交换公钥文件"):
        township_keys.add_peer(admin, tmp_path / "notes.txt")
    # The village laptop trusts only the township, the township only its village points.
    other_point = key_file(tmp_path / "other-point.json", "320324101202")
    village_before = footprint(pair.village)
    with pytest.raises(UserError, match="只能导入镇中心的公钥"):
        ExchangeKeyService(pair.village).add_peer(pair.village_admin, other_point)
    with pytest.raises(UserError, match="只能导入村便民服务点的公钥"):
        township_keys.add_peer(admin, key_file(tmp_path / "another-township.json", ""))
    with pytest.raises(UserError, match="没有代码为 320324101202 的村便民服务点"):
        township_keys.add_peer(admin, other_point)
    assert footprint(pair.township) == before
    assert footprint(pair.village) == village_before


def key_file(path: Path, point_code: str) -> Path:
    """A public key file of a fresh key for ``point_code`` of this center."""
    _private, public = new_key_pair()
    card = PublicKeyCard(CENTER_CODE, point_code, "某处", public, fingerprint(public))
    path.write_bytes(card_bytes(card))
    return path


def test_a_new_laptop_replaces_the_peer_key_on_purpose(
    pair: Pair, tmp_path: Path, clock: FakeClock, migrated_template: Path
) -> None:
    laptop = second_database(tmp_path / "laptop", clock, migrated_template)
    admin = first_admin(laptop, village_center())
    keys = ExchangeKeyService(laptop)
    keys.create_identity(admin)
    keys.export_public_key(admin, tmp_path / "laptop.key.json")
    township_keys = ExchangeKeyService(pair.township)
    add_pre_registrations(pair.village, pair.village_point, [1])
    ExchangeService(pair.township).import_file(
        pair.township_admin, village_sends(pair, tmp_path / "1.zip")
    )
    with pytest.raises(UserError, match="已有村便民服务点 320324101201（中心 320324101）的公钥"):
        township_keys.add_peer(pair.township_admin, tmp_path / "laptop.key.json")
    peer = township_keys.add_peer(
        pair.township_admin, tmp_path / "laptop.key.json", "王庄村（新电脑）", replace=True
    )
    assert (peer.name, peer.last_seq_in) == ("王庄村（新电脑）", 0)
    assert len(township_keys.peers(pair.township_admin)) == 1
    laptop.dispose()


def test_a_township_key_of_another_center_is_refused(
    pair: Pair, tmp_path: Path, clock: FakeClock, migrated_template: Path
) -> None:
    other = second_database(tmp_path / "other", clock, migrated_template)
    admin = first_admin(
        other, CenterSettings(center_name="另一镇为民服务中心", center_code="320324102")
    )
    ExchangeKeyService(other).create_identity(admin)
    ExchangeKeyService(other).export_public_key(admin, tmp_path / "other.key.json")
    before = footprint(pair.village)
    with pytest.raises(UserError, match="这是中心 320324102 的公钥，不是本中心（320324101）的"):
        ExchangeKeyService(pair.village).add_peer(pair.village_admin, tmp_path / "other.key.json")
    assert footprint(pair.village) == before
    other.dispose()


# --- the round trip ----------------------------------------------------------------------------
def test_village_pre_registrations_reach_the_township_and_answers_come_back(
    pair: Pair, tmp_path: Path, clock: FakeClock
) -> None:
    refs = add_pre_registrations(pair.village, pair.village_point, [1, 2, 3])
    add_transfer_list(
        pair.village, pair.village_point, "JJ-001", TransferDirection.TO_TOWNSHIP, refs
    )
    exported = ExchangeService(pair.village).export(pair.village_admin, tmp_path / "v1.zip")
    assert (exported.sequence, exported.pre_registrations, exported.transfer_lists) == (1, 3, 1)

    summary = ExchangeService(pair.township).import_file(pair.township_admin, tmp_path / "v1.zip")
    assert (summary.pre_registrations.new, summary.transfer_lists.new) == (3, 1)
    assert "新增3条" in summary.text()
    arrived = pre_registration(pair.township, refs[0])
    assert (arrived.status, arrived.applicant_name, arrived.point_id) == (
        SENT,
        "张伟1",
        pair.township_point,
    )
    assert arrived.materials[1]["name"] == "授权委托书"
    with pair.township.reads() as session:
        listed = session.scalars(select(TransferList)).one()
        entries = session.scalars(select(TransferListEntry)).all()
    assert (listed.number, listed.point_id, listed.received_at) == (
        "JJ-001",
        pair.township_point,
        None,
    )
    assert [entry.pre_registration_id for entry in entries] == [
        pre_registration(pair.township, ref).id for ref in refs
    ]

    # The township answers: one accepted, one 一次性告知; then its return list.
    clock.advance(days=1)
    answer(pair.township, refs[0], ACCEPTED, at=clock.now, case_number="320324101-20260930-0001")
    answer(pair.township, refs[1], NOTIFIED, at=clock.now, text="缺户口簿复印件")
    add_transfer_list(
        pair.township, pair.township_point, "FH-001", TransferDirection.TO_VILLAGE, refs[:1]
    )
    township_sends(pair, tmp_path / "t1.zip")
    back = ExchangeService(pair.village).import_file(pair.village_admin, tmp_path / "t1.zip")
    assert (back.pre_registrations.updated, back.pre_registrations.unchanged) == (2, 1)
    assert back.transfer_lists.new == 1
    accepted = pre_registration(pair.village, refs[0])
    assert (accepted.status, accepted.case_number, accepted.due_date) == (
        ACCEPTED,
        "320324101-20260930-0001",
        dt.date(2026, 10, 14),
    )
    notified = pre_registration(pair.village, refs[1])
    assert (notified.status, notified.answer) == (NOTIFIED, "缺户口簿复印件")
    assert pre_registration(pair.village, refs[2]).status is SENT
    with pair.village.reads() as session:
        returned = session.scalars(
            select(TransferList).where(TransferList.direction == TransferDirection.TO_VILLAGE)
        ).one()
        [line] = session.scalars(
            select(TransferListEntry).where(TransferListEntry.list_id == returned.id)
        ).all()
    assert line.pre_registration_id == accepted.id and line.case_id is None
    with pair.township.reads() as session:
        audited = session.scalars(
            select(AuditEntry.action).where(
                AuditEntry.action.in_(["exchange.import", "exchange.export"])
            )
        ).all()
    assert audited == ["exchange.import", "exchange.export"]


def test_round_trip_with_the_township_on_any_engine(
    any_db: Database, village_db: Database, tmp_path: Path
) -> None:
    pair = link(any_db, village_db, tmp_path)
    refs = add_pre_registrations(pair.village, pair.village_point, [7])
    ExchangeService(any_db).import_file(
        pair.township_admin, village_sends(pair, tmp_path / "v.zip")
    )
    answer(any_db, refs[0], ACCEPTED, at=dt.datetime(2026, 9, 30, 9, 0), case_number="N-1")
    ExchangeService(village_db).import_file(
        pair.village_admin, township_sends(pair, tmp_path / "t.zip")
    )
    assert pre_registration(village_db, refs[0]).status is ACCEPTED
    assert pre_registration(any_db, refs[0]).applicant_name == "张伟7"


def test_a_village_row_never_overwrites_the_township_answer(pair: Pair, tmp_path: Path) -> None:
    refs = add_pre_registrations(pair.village, pair.village_point, [1])
    old_file = village_sends(pair, tmp_path / "v1.zip")
    township = ExchangeService(pair.township)
    township.import_file(pair.township_admin, old_file)
    answer(pair.township, refs[0], ACCEPTED, at=dt.datetime(2026, 9, 30), case_number="N-1")
    # The village, not yet told, cancels; and its pickup is its own to record.
    with pair.village.sessions.begin() as session:
        row = session.scalars(select(PreRegistration)).one()
        row.status = PreRegistrationStatus.CANCELLED
        row.updated_at = dt.datetime(2026, 10, 2)
        row.picked_up_by = "张伟"
    summary = township.import_file(pair.township_admin, village_sends(pair, tmp_path / "v2.zip"))
    assert summary.pre_registrations.updated == 1
    row = pre_registration(pair.township, refs[0])
    assert (row.status, row.case_number, row.picked_up_by) == (ACCEPTED, "N-1", "张伟")


def test_a_village_resubmission_after_a_notice_is_taken(pair: Pair, tmp_path: Path) -> None:
    refs = add_pre_registrations(pair.village, pair.village_point, [1])
    township = ExchangeService(pair.township)
    township.import_file(pair.township_admin, village_sends(pair, tmp_path / "v1.zip"))
    answer(pair.township, refs[0], NOTIFIED, at=dt.datetime(2026, 9, 30), text="缺材料")
    with pair.village.sessions.begin() as session:
        row = session.scalars(select(PreRegistration)).one()
        row.updated_at = dt.datetime(2026, 10, 8)  # the papers were brought, sent again
    township.import_file(pair.township_admin, village_sends(pair, tmp_path / "v2.zip"))
    assert pre_registration(pair.township, refs[0]).status is SENT


def test_the_village_keeps_what_it_registered(pair: Pair, tmp_path: Path) -> None:
    refs = add_pre_registrations(pair.village, pair.village_point, [1])
    ExchangeService(pair.township).import_file(
        pair.township_admin, village_sends(pair, tmp_path / "v1.zip")
    )
    with pair.township.sessions.begin() as session:  # a township copy gone wrong
        row = session.scalars(select(PreRegistration)).one()
        row.applicant_name = "李四"
    ExchangeService(pair.village).import_file(
        pair.village_admin, township_sends(pair, tmp_path / "t1.zip")
    )
    assert pre_registration(pair.village, refs[0]).applicant_name == "张伟1"


# --- refusals ----------------------------------------------------------------------------------
def both(pair: Pair) -> object:
    return footprint(pair.township), footprint(pair.village)


def test_a_tampered_record_is_refused(pair: Pair, tmp_path: Path) -> None:
    add_pre_registrations(pair.village, pair.village_point, [1])
    good = village_sends(pair, tmp_path / "v1.zip")
    bad = rewritten(good, tmp_path / "bad.zip", "records.json", lambda c: flip(c, "张伟".encode()))
    before = both(pair)
    with pytest.raises(UserError, match="签名不符：文件已被改动或损坏"):
        ExchangeService(pair.township).import_file(pair.township_admin, bad)
    assert both(pair) == before


def test_a_tampered_signature_is_refused(pair: Pair, tmp_path: Path) -> None:
    add_pre_registrations(pair.village, pair.village_point, [1])
    good = village_sends(pair, tmp_path / "v1.zip")
    bad = rewritten(good, tmp_path / "bad.zip", "signature", lambda c: flip(c, c[:1], 0))
    before = both(pair)
    with pytest.raises(UserError, match="签名不符"):
        ExchangeService(pair.township).import_file(pair.township_admin, bad)
    assert both(pair) == before


def test_an_unknown_key_is_refused(
    pair: Pair, tmp_path: Path, clock: FakeClock, migrated_template: Path
) -> None:
    stranger = second_database(tmp_path / "stranger", clock, migrated_template)
    admin = first_admin(stranger, village_center())
    add_point(stranger)
    add_pre_registrations(stranger, 1, [1])
    ExchangeKeyService(stranger).create_identity(admin)
    ExchangeKeyService(stranger).add_peer(admin, tmp_path / "township.key.json")
    ExchangeService(stranger).export(admin, tmp_path / "s.zip")
    before = both(pair)
    with pytest.raises(UserError, match="签名密钥未知（指纹 "):
        ExchangeService(pair.township).import_file(pair.township_admin, tmp_path / "s.zip")
    assert both(pair) == before
    stranger.dispose()


def test_the_same_file_twice_changes_nothing(pair: Pair, tmp_path: Path) -> None:
    add_pre_registrations(pair.village, pair.village_point, [1, 2])
    path = village_sends(pair, tmp_path / "v1.zip")
    township = ExchangeService(pair.township)
    township.import_file(pair.township_admin, path)
    before = both(pair)
    again = township.import_file(pair.township_admin, path)
    assert again.already_imported and again.text() == "此交换文件已导入过，未作任何更改"
    assert both(pair) == before


def test_a_reference_the_township_gave_another_resident_is_refused(
    pair: Pair, tmp_path: Path
) -> None:
    """The point's references were numbered in two places (the laptop and, on its behalf, the
    township): the file's -001 is not the township's -001, and two residents are never merged."""
    add_pre_registrations(pair.village, pair.village_point, [1])
    add_pre_registrations(pair.township, pair.township_point, [501], code=POINT_CODE)
    with pair.township.sessions.begin() as session:
        row = session.scalars(select(PreRegistration)).one()
        row.reference = reference(1)
    path = village_sends(pair, tmp_path / "v1.zip")
    before = both(pair)
    with pytest.raises(UserError, match="在本库中是另一份预登记（张伟501），与交换文件不符"):
        ExchangeService(pair.township).import_file(pair.township_admin, path)
    assert both(pair) == before


def test_a_file_for_another_center_is_refused(
    pair: Pair, tmp_path: Path, clock: FakeClock, migrated_template: Path
) -> None:
    add_pre_registrations(pair.village, pair.village_point, [1])
    path = village_sends(pair, tmp_path / "v1.zip")
    # The township's center code changes (another township, same keys): the file is not for it.
    settings = SettingsService(pair.township)
    settings.set_center_value(pair.township_admin, "center_code", "320324102")
    before = both(pair)
    with pytest.raises(UserError, match="此交换文件是发给镇中心 320324101的，不是本库"):
        ExchangeService(pair.township).import_file(pair.township_admin, path)
    assert both(pair) == before


def test_a_file_for_the_township_imported_at_the_village_is_refused(
    pair: Pair, tmp_path: Path
) -> None:
    add_pre_registrations(pair.village, pair.village_point, [1])
    path = village_sends(pair, tmp_path / "v1.zip")
    before = both(pair)
    with pytest.raises(UserError, match="不是本库（村便民服务点 320324101201"):
        ExchangeService(pair.village).import_file(pair.village_admin, path)
    assert both(pair) == before


def test_an_older_file_is_refused_out_of_order(pair: Pair, tmp_path: Path) -> None:
    add_pre_registrations(pair.village, pair.village_point, [1])
    first = village_sends(pair, tmp_path / "v1.zip")
    add_pre_registrations(pair.village, pair.village_point, [2])
    second = village_sends(pair, tmp_path / "v2.zip")
    township = ExchangeService(pair.township)
    # A gap is fine: the second file carries everything the first did.
    summary = township.import_file(pair.township_admin, second)
    assert (summary.sequence, summary.pre_registrations.new) == (2, 2)
    before = both(pair)
    with pytest.raises(UserError, match="交换文件顺序不对：已导入第2号，此文件为第1号"):
        township.import_file(pair.township_admin, first)
    assert both(pair) == before


def test_the_same_number_with_other_content_is_refused(pair: Pair, tmp_path: Path) -> None:
    add_pre_registrations(pair.village, pair.village_point, [1])
    path = village_sends(pair, tmp_path / "v1.zip")
    ExchangeService(pair.township).import_file(pair.township_admin, path)
    with pair.village.sessions.begin() as session:  # as if the laptop were restored
        peer = session.scalars(select(ExchangePeer)).one()
        peer.last_seq_out = 0
    add_pre_registrations(pair.village, pair.village_point, [2])
    other = village_sends(pair, tmp_path / "v1b.zip")
    before = both(pair)
    with pytest.raises(UserError, match="已导入第1号，此文件为第1号"):
        ExchangeService(pair.township).import_file(pair.township_admin, other)
    assert both(pair) == before


def test_a_pre_registration_of_another_point_is_refused(pair: Pair, tmp_path: Path) -> None:
    other_point = add_point(pair.village, "320324101202", "李集村")
    add_pre_registrations(pair.village, pair.village_point, [1])
    add_pre_registrations(pair.village, other_point, [1], code="320324101202")
    # The village exports only its own point's rows; a forged mix needs the village's key,
    # so build one by pretending the other point's row is ours.
    with pair.village.sessions.begin() as session:
        row = session.scalars(
            select(PreRegistration).where(PreRegistration.point_id == other_point)
        ).one()
        row.point_id = pair.village_point
    path = village_sends(pair, tmp_path / "v1.zip")
    before = both(pair)
    with pytest.raises(UserError, match="不属于村便民服务点 320324101201"):
        ExchangeService(pair.township).import_file(pair.township_admin, path)
    assert both(pair) == before


def test_damaged_files_are_refused(pair: Pair, tmp_path: Path) -> None:
    (tmp_path / "photo.zip").write_bytes(b"\x89PNG\r\n\x1a\n")
    before = both(pair)
    service = ExchangeService(pair.township)
    with pytest.raises(UserError, match="不是 zip 压缩包"):
        service.import_file(pair.township_admin, tmp_path / "photo.zip")
    with pytest.raises(UserError, match="文件不存在"):
        service.import_file(pair.township_admin, tmp_path / "missing.zip")
    assert both(pair) == before


def test_export_needs_keys_and_a_peer(db: Database, tmp_path: Path) -> None:
    admin = first_admin(db, township_center())
    service = ExchangeService(db)
    with pytest.raises(UserError, match="请指定要交换的村便民服务点"):
        service.export(admin, tmp_path / "x.zip")
    with pytest.raises(UserError, match="没有村便民服务点 320324101201 的公钥"):
        service.export(admin, tmp_path / "x.zip", POINT_CODE)
    assert not (tmp_path / "x.zip").exists()


def test_a_failed_export_keeps_the_number(pair: Pair, tmp_path: Path) -> None:
    service = ExchangeService(pair.village)
    with pytest.raises(UserError, match="文件夹不存在"):
        service.export(pair.village_admin, tmp_path / "no-such-folder" / "v.zip")
    assert service.export(pair.village_admin, tmp_path / "v.zip").sequence == 1


def test_a_village_agent_exchanges_files(pair: Pair, tmp_path: Path) -> None:
    agent = add_user(pair.village, pair.village_admin, "wangdb", Role.VILLAGE_AGENT, "王代办")
    add_pre_registrations(pair.village, pair.village_point, [1])
    assert ExchangeService(pair.village).export(agent, tmp_path / "v.zip").sequence == 1
    with pytest.raises(PermissionDenied):
        ExchangeKeyService(pair.village).create_identity(agent, replace=True)


def test_the_file_is_a_plain_zip(pair: Pair, tmp_path: Path) -> None:
    add_pre_registrations(pair.village, pair.village_point, [1])
    path = village_sends(pair, tmp_path / "v1.zip")
    with zipfile.ZipFile(io.BytesIO(path.read_bytes())) as archive:
        assert archive.namelist() == ["manifest.json", "records.json", "signature"]
        manifest = json.loads(archive.read("manifest.json"))
    assert manifest["recipient"] == {"center_code": CENTER_CODE, "point_code": ""}
    assert manifest["sequence"] == 1
    assert manifest["record_counts"] == {"pre_registrations": 1, "transfer_lists": 0}
