"""Catalog workbooks built in the tests: the shapes counties publish, and the files to refuse."""

from __future__ import annotations

import io
import random
import struct
import zipfile
from collections.abc import Mapping, Sequence
from pathlib import Path

from openpyxl import Workbook

from townclerk.enums import CaseKind, Category, Level, MaterialForm, PowerSource
from townclerk.formats.catalog.shape import (
    ITEM_COLUMNS,
    MATERIAL_COLUMNS,
    CatalogItem,
    CatalogMaterial,
)
from townclerk.formats.catalog.writer import write_catalog_workbook

ITEM_HEADER: list[object] = [column.title for column in ITEM_COLUMNS]
MATERIAL_HEADER: list[object] = [column.title for column in MATERIAL_COLUMNS]
Row = Sequence[object]


def item_row(code: object, name: str, **values: object) -> list[object]:
    """A row of the 事项 sheet in the template's column order; unnamed columns get sane values."""
    defaults: dict[str, object] = {
        "code": code,
        "name": name,
        "category": "行政许可",
        "power_source": "上级下放",
        "department": "县市场监督管理局",
        "level": "镇级",
        "case_kind": "承诺件",
        "statutory_days": 20,
        "promised_days": 5,
        "charges_fee": "否",
        "legal_basis": "《促进个体工商户发展条例》",
        "place": "镇为民服务中心",
        "result": "证照",
    }
    defaults.update(values)
    return [defaults.get(column.key) for column in ITEM_COLUMNS]


def material_row(code: object, name: str, seq: object = 1, **values: object) -> list[object]:
    defaults: dict[str, object] = {
        "code": code,
        "seq": seq,
        "name": name,
        "form": "原件",
        "copies": 1,
        "required": "必要",
        "tolerance_allowed": "否",
    }
    defaults.update(values)
    return [defaults.get(column.key) for column in MATERIAL_COLUMNS]


def write_sheets(
    path: Path,
    sheets: Mapping[str, Sequence[Row]],
    *,
    merges: Mapping[str, Sequence[str]] | None = None,
) -> Path:
    """A workbook with the given sheets (in order) and rows; ``merges`` per sheet, e.g. A1:R1."""
    workbook = Workbook()
    first = True
    for title, rows in sheets.items():
        if first:
            sheet = workbook.active
            assert sheet is not None
            sheet.title = title
            first = False
        else:
            sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(list(row))
        for merged in (merges or {}).get(title, ()):
            sheet.merge_cells(merged)
    workbook.save(path)
    return path


def basic_sheets() -> dict[str, list[list[object]]]:
    """Three items in the template's shape, with materials."""
    return {
        "事项": [
            ITEM_HEADER,
            item_row("SCJG-001", "个体工商户设立登记"),
            item_row(
                "CL-001",
                "重度残疾人护理补贴",
                category="行政给付",
                department="县残疾人联合会",
                level="村级",
                statutory_days=20,
                promised_days=10,
                result="其他",
            ),
            item_row(
                "GA-001",
                "居住证申领",
                category="公共服务",
                department="县公安局",
                case_kind="即办件",
                statutory_days=0,
                promised_days=0,
            ),
        ],
        "申请材料": [
            MATERIAL_HEADER,
            material_row("SCJG-001", "居民身份证", 1, form="原件及复印件"),
            material_row(
                "SCJG-001", "个体工商户设立登记申请书", 2, tolerance_allowed="是", copies=2
            ),
            material_row("SCJG-001", "经营场所使用证明", 3, required="非必要", form="复印件"),
            material_row("CL-001", "残疾人证", 1),
            material_row("CL-001", "银行卡", 2, form="复印件"),
            material_row("GA-001", "居民身份证", 1),
        ],
    }


def write_basic(path: Path) -> Path:
    return write_sheets(path, basic_sheets())


# --- generated catalogs (service tests, benchmarks) ------------------------------------------
_DEPARTMENTS = (
    "县民政局",
    "县人力资源和社会保障局",
    "县医疗保障局",
    "县卫生健康委员会",
    "县残疾人联合会",
    "县退役军人事务局",
    "县自然资源和规划局",
    "县住房和城乡建设局",
    "县农业农村局",
    "县市场监督管理局",
    "县城市管理局",
    "县水务局",
    "县应急管理局",
    "县司法局",
    "县供电公司",
    "县自来水公司",
    "县燃气公司",
)
_SUBJECTS = (
    "个体工商户",
    "农村宅基地",
    "重度残疾人",
    "城乡居民养老保险",
    "最低生活保障",
    "特困人员",
    "农机购置",
    "临时救助",
    "高龄津贴",
    "退役军人",
    "医疗救助",
    "建设工程",
    "银行账户",
    "林木采伐",
    "小型水库",
    "生育登记",
    "老年人优待",
    "居住证",
    "用电报装",
    "法律援助",
    "食品经营",
    "药品零售",
    "农药经营",
    "渔业捕捞",
    "生猪屠宰",
    "殡葬服务",
    "计划生育",
    "独生子女",
    "困难职工",
    "失业保险",
    "工伤保险",
    "就业援助",
    "创业补贴",
    "公益性岗位",
    "危房改造",
    "农田水利",
    "森林防火",
    "安全生产",
    "消防安全",
    "户外广告",
)
_ACTIONS = (
    "设立登记",
    "变更登记",
    "注销登记",
    "申请审核",
    "资格认定",
    "补贴发放",
    "备案",
    "证明开具",
    "信息查询",
    "待遇申领",
    "年度核验",
    "许可",
    "补办",
    "延续",
    "撤销",
)
_QUALIFIERS = ("", "农村", "城镇", "企业", "个人")
_MATERIALS = (
    "居民身份证",
    "户口簿",
    "申请书",
    "结婚证",
    "银行卡",
    "残疾人证",
    "营业执照",
    "不动产权证书",
    "医学证明",
    "村（居）委会证明",
    "委托书",
    "照片",
    "收入证明",
    "承诺书",
    "现场照片",
)


def generated_items(count: int, materials_per_item: int = 5, seed: int = 7) -> list[CatalogItem]:
    """``count`` distinct, realistic-looking items (names like 农村最低生活保障资格认定, in a
    shuffled order) with ``materials_per_item`` materials each; at most 3,200 items."""
    rng = random.Random(seed)
    names = [
        f"{qualifier}{subject}{action}"
        for qualifier in _QUALIFIERS
        for subject in _SUBJECTS
        for action in _ACTIONS
    ]
    rng.shuffle(names)
    if count > len(names):
        raise ValueError(f"at most {len(names)} distinct generated names")
    items = []
    for index, name in enumerate(names[:count]):
        statutory = rng.choice((0, 5, 10, 15, 20, 30, 60))
        promised = 0 if statutory == 0 else rng.randint(1, statutory)
        materials = tuple(
            CatalogMaterial(
                seq=seq,
                name=f"{_MATERIALS[(index + seq) % len(_MATERIALS)]}（{seq}）",
                form=rng.choice(tuple(MaterialForm)),
                copies=rng.randint(1, 3),
                required=rng.random() < 0.8,
                tolerance_allowed=rng.random() < 0.2,
            )
            for seq in range(1, materials_per_item + 1)
        )
        items.append(
            CatalogItem(
                code=f"320324-{index:05d}",
                name=name,
                category=rng.choice(tuple(Category)),
                department=_DEPARTMENTS[index % len(_DEPARTMENTS)],
                statutory_days=statutory,
                promised_days=promised,
                case_kind=CaseKind.INSTANT if promised == 0 else CaseKind.PROMISED,
                power_source=rng.choice((None, *PowerSource)),
                level=Level.VILLAGE if index % 7 == 0 else Level.TOWNSHIP,
                charges_fee=False,
                legal_basis="《中华人民共和国行政许可法》第十二条；《江苏省行政程序条例》",
                conditions="申请人为本镇户籍居民或在本镇经营的市场主体，材料齐全、符合法定形式。",
                place="镇为民服务中心综合窗口",
                result=rng.choice(("证照", "批文", "其他")),
                lists=("权力清单",) if index % 3 else ("权力清单", "公共服务事项清单"),
                materials=materials,
            )
        )
    return items


def write_generated(path: Path, count: int, materials_per_item: int = 5) -> Path:
    write_catalog_workbook(path, generated_items(count, materials_per_item))
    return path


# --- files the reader must refuse --------------------------------------------------------------
def rewrite_member(source: Path, target: Path, member: str, text: str) -> Path:
    """A copy of the xlsx ``source`` with one archive member replaced."""
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(target, "w") as copy:
        for info in original.infolist():
            data = text.encode() if info.filename == member else original.read(info.filename)
            copy.writestr(info, data)
    return target


ENTITY_BOMB_PROLOG = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    "<!DOCTYPE lolz [\n"
    ' <!ENTITY lol "lol">\n'
    + "".join(
        f' <!ENTITY lol{n} "{("&lol" + (str(n - 1) if n > 1 else "") + ";") * 10}">\n'
        for n in range(1, 10)
    )
    + "]>\n"
)


def entity_bomb(source: Path, target: Path, member: str) -> Path:
    """``source`` with a "billion laughs" DOCTYPE put in front of ``member``'s XML."""
    with zipfile.ZipFile(source) as original:
        xml = original.read(member).decode()
    body = xml.split("?>", 1)[1] if xml.startswith("<?xml") else xml
    # In the shared strings, make a cell use the entity, so a parser that expands it would.
    body = body.replace("<t>", "<t>&lol9;", 1)
    return rewrite_member(source, target, member, ENTITY_BOMB_PROLOG + body)


def compound_file(stream_names: Sequence[str]) -> bytes:
    """The start of an OLE compound file (what .xls and password-protected .xlsx are): the
    header signature and a directory sector naming the given streams."""
    header = bytearray(512)
    header[0:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    header[24:26] = struct.pack("<H", 0x3E)
    header[26:28] = struct.pack("<H", 3)
    header[28:30] = b"\xfe\xff"
    header[30:32] = struct.pack("<H", 9)
    directory = bytearray()
    for name in ("Root Entry", *stream_names):
        entry = bytearray(128)
        encoded = name.encode("utf-16-le")
        entry[0 : len(encoded)] = encoded
        entry[64:66] = struct.pack("<H", len(encoded) + 2)
        directory += entry
    return bytes(header) + bytes(directory).ljust(512, b"\x00")


def truncated_copy(source: Path, target: Path, keep: float = 0.6) -> Path:
    data = source.read_bytes()
    target.write_bytes(data[: int(len(data) * keep)])
    return target


def corrupted_copy(source: Path, target: Path, member: str = "xl/worksheets/sheet1.xml") -> Path:
    """Flip bytes inside one member's compressed data: the archive opens, its CRC fails."""
    data = bytearray(source.read_bytes())
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as archive:
        info = archive.getinfo(member)
    name_length, extra_length = struct.unpack(
        "<HH", data[info.header_offset + 26 : info.header_offset + 30]
    )
    start = info.header_offset + 30 + name_length + extra_length
    middle = start + info.compress_size // 2
    for offset in range(middle, min(middle + 16, start + info.compress_size)):
        data[offset] ^= 0xFF
    target.write_bytes(bytes(data))
    return target
