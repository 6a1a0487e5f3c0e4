"""``townclerk exchange …`` between two data folders, a village laptop and the township, as the
admins and clerks type it: the set-up, a file each way, and each refused file with one line on
stderr, exit 1 and nothing changed."""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.cli_runner import ADMIN_PASSWORD, database_url, initialised_center, run_cli
from tests.exchange_rows import POINT_CODE, add_point, add_pre_registrations, footprint
from townclerk.db.database import Database, open_database


@dataclass(frozen=True)
class Sides:
    township: Path
    village: Path
    keys: Path

    def run(
        self, capsys: pytest.CaptureFixture[str], side: Path, *args: str
    ) -> tuple[int, str, str]:
        return run_cli(capsys, "--data-dir", str(side), *args, "--user", "boss")


def opened(folder: Path) -> Database:
    return open_database(database_url(folder), folder)


@pytest.fixture
def sides(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> Sides:
    """Both folders set up by the admins on the command line, the point on both sides."""
    township = initialised_center(tmp_path / "township", ADMIN_PASSWORD, monkeypatch, capsys)
    village = initialised_center(tmp_path / "village", ADMIN_PASSWORD, monkeypatch, capsys)
    keys = tmp_path / "keys"
    keys.mkdir()
    result = Sides(township, village, keys)
    for folder in (township, village):
        db = opened(folder)
        add_point(db)
        db.dispose()
    for args in (
        (village, "settings", "set", "village_point_code", POINT_CODE),
        (village, "settings", "set", "station_mode", "village_point"),
        (township, "exchange", "key", "init"),
        (village, "exchange", "key", "init"),
        (township, "exchange", "key", "export", "-o", str(keys / "township.json")),
        (village, "exchange", "key", "export", "-o", str(keys / "village.json")),
        (township, "exchange", "peer", "add", str(keys / "village.json"), "--name", "王庄村"),
        (village, "exchange", "peer", "add", str(keys / "township.json"), "--name", "示范镇"),
    ):
        code, _, err = result.run(capsys, *args)
        assert code == 0, err
    return result


def state(folder: Path) -> object:
    db = opened(folder)
    try:
        return footprint(db)
    finally:
        db.dispose()


def test_set_up_prints_the_fingerprints(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = initialised_center(tmp_path / "t", ADMIN_PASSWORD, monkeypatch, capsys)
    code, out, _ = run_cli(
        capsys, "--data-dir", str(folder), "exchange", "key", "init", "--user", "boss"
    )
    assert code == 0 and "已生成本库的交换密钥，指纹：" in out
    code, _, err = run_cli(
        capsys, "--data-dir", str(folder), "exchange", "key", "init", "--user", "boss"
    )
    assert code == 1 and err.count("\n") == 1 and "本库已有交换密钥" in err
    code, out, _ = run_cli(
        capsys, "--data-dir", str(folder), "exchange", "key", "init", "--replace", "--user", "boss"
    )
    assert code == 0


def test_a_file_each_way(sides: Sides, capsys: pytest.CaptureFixture[str]) -> None:
    db = opened(sides.village)
    add_pre_registrations(db, 1, [1, 2])
    db.dispose()
    code, out, _ = sides.run(capsys, sides.village, "exchange", "peer", "list")
    assert code == 0 and out.startswith("镇中心\t示范镇\t") and out.endswith("\t0\t0\n")
    target = sides.keys / "v1.zip"
    code, out, err = sides.run(capsys, sides.village, "exchange", "export", "-o", str(target))
    assert code == 0, err
    assert "已为“示范镇”导出第1号交换文件：预登记2条" in out
    code, out, err = sides.run(capsys, sides.township, "exchange", "import", str(target))
    assert code == 0, err
    assert "已导入“王庄村”的第1号交换文件：预登记新增2条" in out
    code, out, _ = sides.run(capsys, sides.township, "exchange", "import", str(target))
    assert (code, out) == (0, "此交换文件已导入过，未作任何更改\n")
    back = sides.keys / "t1.zip"
    code, out, err = sides.run(
        capsys, sides.township, "exchange", "export", "--peer", POINT_CODE, "-o", str(back)
    )
    assert code == 0, err
    code, out, err = sides.run(capsys, sides.village, "exchange", "import", str(back))
    assert code == 0 and "预登记新增0条、更新0条、未变2条" in out
    code, out, _ = sides.run(capsys, sides.township, "exchange", "peer", "list")
    assert out.startswith(f"{POINT_CODE}\t王庄村\t") and out.endswith("\t1\t1\n")


def refused(
    sides: Sides, capsys: pytest.CaptureFixture[str], side: Path, path: Path, message: str
) -> None:
    before = state(side)
    code, out, err = sides.run(capsys, side, "exchange", "import", str(path))
    assert (code, out) == (1, "")
    assert err.count("\n") == 1 and message in err
    assert state(side) == before


def village_file(sides: Sides, capsys: pytest.CaptureFixture[str], name: str) -> Path:
    target = sides.keys / name
    code, _, err = sides.run(capsys, sides.village, "exchange", "export", "-o", str(target))
    assert code == 0, err
    return target


def test_a_tampered_file(sides: Sides, capsys: pytest.CaptureFixture[str]) -> None:
    db = opened(sides.village)
    add_pre_registrations(db, 1, [1])
    db.dispose()
    good = village_file(sides, capsys, "v1.zip")
    with zipfile.ZipFile(good) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    records = bytearray(parts["records.json"])
    records[records.index("张伟".encode())] ^= 0x01
    parts["records.json"] = bytes(records)
    bad = sides.keys / "bad.zip"
    with zipfile.ZipFile(bad, "w") as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    refused(sides, capsys, sides.township, bad, "签名不符")


def test_a_foreign_file(sides: Sides, capsys: pytest.CaptureFixture[str]) -> None:
    path = village_file(sides, capsys, "v1.zip")
    code, _, _ = sides.run(capsys, sides.township, "settings", "set", "center_code", "320324102")
    assert code == 0
    refused(sides, capsys, sides.township, path, "此交换文件是发给镇中心 320000000的")


def test_a_file_for_the_other_side(sides: Sides, capsys: pytest.CaptureFixture[str]) -> None:
    path = village_file(sides, capsys, "v1.zip")
    refused(sides, capsys, sides.village, path, "不是本库")


def test_an_unknown_key(sides: Sides, capsys: pytest.CaptureFixture[str]) -> None:
    path = village_file(sides, capsys, "v1.zip")
    code, _, _ = sides.run(capsys, sides.village, "exchange", "key", "init", "--replace")
    assert code == 0
    later = village_file(sides, capsys, "v2.zip")
    refused(sides, capsys, sides.township, later, "签名密钥未知")
    assert path.exists()


def test_out_of_order(sides: Sides, capsys: pytest.CaptureFixture[str]) -> None:
    first = village_file(sides, capsys, "v1.zip")
    second = village_file(sides, capsys, "v2.zip")
    code, _, _ = sides.run(capsys, sides.township, "exchange", "import", str(second))
    assert code == 0
    refused(sides, capsys, sides.township, first, "交换文件顺序不对：已导入第2号，此文件为第1号")


def test_not_an_exchange_file(sides: Sides, capsys: pytest.CaptureFixture[str]) -> None:
    note = sides.keys / "note.zip"
    note.write_text("hello", encoding="utf-8")
    refused(sides, capsys, sides.township, note, "不是 zip 压缩包")
    refused(sides, capsys, sides.township, sides.keys / "missing.zip", "文件不存在")


def test_bad_set_up_is_one_line(sides: Sides, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = sides.run(
        capsys, sides.township, "exchange", "peer", "add", str(sides.keys / "township.json")
    )
    assert code == 1 and err.count("\n") == 1 and "本库自己的公钥" in err
    code, _, err = sides.run(
        capsys, sides.township, "exchange", "export", "-o", str(sides.keys / "x.zip")
    )
    assert code == 1 and "请指定要交换的村便民服务点" in err
    code, _, err = sides.run(capsys, sides.village, "settings", "set", "station_mode", "somewhere")
    assert code == 1 and "未知的运行模式 somewhere" in err
