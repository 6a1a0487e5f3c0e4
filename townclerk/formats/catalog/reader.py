"""Reading a catalog workbook as counties really publish it, and saying everything wrong with it.

Two kinds of failure:

* the file cannot be read as a catalog at all (not an xlsx, corrupt, encrypted, empty, too big,
  XML entity tricks): :class:`CatalogFileRefused`, one plain line, nothing else happens;
* the file reads but rows are wrong: every problem is collected as a :class:`Problem` with its
  sheet, row and column, so the admin can fix them all in one go. Warnings do not block.

Workbooks are opened with openpyxl in read-only mode; openpyxl parses their XML with defusedxml,
which this module checks before opening anything (see :func:`require_safe_xml_parser`).
"""

from __future__ import annotations

import hashlib
import io
import logging
import re
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, NoReturn

import defusedxml
import defusedxml.ElementTree
import openpyxl
import openpyxl.xml
import openpyxl.xml.functions
from openpyxl.utils import get_column_letter

from townclerk.enums import CaseKind, Level, MaterialForm, Routing
from townclerk.errors import UserError
from townclerk.formats.catalog.shape import (
    HEADER_SCAN_ROWS,
    ITEM_COLUMN,
    ITEM_COLUMNS,
    ITEM_HEADERS,
    MATERIAL_COLUMN,
    MATERIAL_COLUMNS,
    MATERIAL_HEADERS,
    MAX_COLUMNS,
    MAX_COMPRESSION_RATIO,
    MAX_FILE_BYTES,
    MAX_ITEM_ROWS,
    MAX_MATERIAL_ROWS,
    MAX_UNCOMPRESSED_BYTES,
    RATIO_CHECKED_ABOVE,
    CatalogItem,
    CatalogMaterial,
    Column,
    ParsedCatalog,
    Problem,
    Severity,
    match_header,
)
from townclerk.formats.catalog.values import (
    CellError,
    cell_text,
    is_blank,
    normalise_code,
    parse_case_kind,
    parse_category,
    parse_count,
    parse_days,
    parse_form,
    parse_level,
    parse_material_lines,
    parse_power_source,
    parse_required,
    parse_routing,
    parse_seq,
    parse_yes_no,
    single_line,
    split_aliases,
    split_lists,
)
from townclerk.i18n import N_, t
from townclerk.records.center import MAX_REVIEW_DAYS, MIN_REVIEW_DAYS

log = logging.getLogger("townclerk.catalog")

MAX_DAYS = 999
EXCEL_MAX_ROWS = 1_048_576
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")
_NOTE_ROW = re.compile(r"^(注|说明|备注|附注|填表说明)\s*(\d|[:：、.．(（]|$)")
_NO_FEE = frozenset({"无", "不收费", "免费", "免收", "否", "/"})
_ITEM_MARKERS = frozenset({"category", "department", "statutory_days", "promised_days"})


class CatalogFileRefused(UserError):
    """The file cannot be read as a catalog workbook at all; the message says why, in one line."""


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


# --- before openpyxl sees the file ------------------------------------------------------------
def require_safe_xml_parser() -> None:
    """Make sure openpyxl parses workbook XML with defusedxml (no entity expansion).

    openpyxl switches to defusedxml on its own when it is installed, unless the environment
    variable OPENPYXL_DEFUSEDXML says otherwise; that would be an installation bug, not
    something an admin can fix, so it is raised as one.
    """
    functions = openpyxl.xml.functions
    safe_iterparse = functions.iterparse is defusedxml.ElementTree.iterparse
    safe_fromstring = functions.fromstring is defusedxml.ElementTree.fromstring or (
        # With lxml, openpyxl's fromstring uses a parser that does not resolve entities.
        openpyxl.xml.LXML is True
    )
    if not (openpyxl.xml.DEFUSEDXML and safe_iterparse and safe_fromstring):
        raise RuntimeError(
            "openpyxl is not parsing XML with defusedxml; refusing to open untrusted workbooks "
            "(is OPENPYXL_DEFUSEDXML set to something other than True?)"
        )


def read_file_bytes(path: Path) -> bytes:
    """The file's bytes, refusing files that are missing, empty or over the size limit."""
    try:
        size = path.stat().st_size
        if not path.is_file():
            raise CatalogFileRefused(t("“{name}”不是文件", name=path.name))
        if size > MAX_FILE_BYTES:
            raise CatalogFileRefused(
                t(
                    "文件过大（{size}），目录文件不能超过{limit}",
                    size=_mb(size),
                    limit=_mb(MAX_FILE_BYTES),
                )
            )
        data = path.read_bytes()
    except FileNotFoundError:
        raise CatalogFileRefused(t("找不到文件：{path}", path=path)) from None
    except OSError as error:
        raise CatalogFileRefused(
            t("无法读取文件“{name}”：{reason}", name=path.name, reason=error.strerror)
        ) from error
    if not data:
        raise CatalogFileRefused(t("文件是空的（0字节）"))
    return data


def _refuse_unless_zip(data: bytes) -> None:
    """Recognise what a file that is not a zip archive really is, and say so."""
    if data.startswith(b"PK\x03\x04"):
        return
    if data.startswith(_OLE_MAGIC):
        if _ENCRYPTED_PACKAGE in data:
            raise CatalogFileRefused(
                t("工作簿设有打开密码（已加密），请在 Excel 中取消密码后另存为 .xlsx 再导入")
            )
        raise CatalogFileRefused(
            t("这是旧版 Excel（.xls）文件，请在 Excel 中“另存为”Excel 工作簿（.xlsx）后再导入")
        )
    head = data[:4096]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):  # Excel's "Unicode text" is UTF-16
        head = head.decode("utf-16", errors="ignore").encode()
    head = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    lowered = head.lower()
    if lowered.startswith(b"%pdf"):
        raise CatalogFileRefused(t("这是 PDF 文件，不是 Excel 工作簿（.xlsx）"))
    if lowered.startswith(b"<") or b"<html" in lowered or b"<table" in lowered:
        if b"urn:schemas-microsoft-com:office:spreadsheet" in lowered:
            kind = N_("Excel 2003 XML 表格")
        else:
            kind = N_("网页（HTML）文件")
        raise CatalogFileRefused(
            t(
                "这是{kind}，只是扩展名为 .xlsx；"
                "请用 Excel 打开后另存为 Excel 工作簿（.xlsx）再导入",
                kind=t(kind),
            )
        )
    if data.startswith(b"PK\x05\x06"):
        raise CatalogFileRefused(t("文件是一个空的压缩包，不是有效的 Excel 工作簿（.xlsx）"))
    if b"\x00" not in head:
        raise CatalogFileRefused(
            t(
                "这是文本（CSV）文件，只是扩展名为 .xlsx；请用 Excel 打开后另存为 Excel 工作簿"
                "（.xlsx）再导入"
            )
        )
    raise CatalogFileRefused(t("不是 Excel 工作簿（.xlsx），无法识别文件内容"))


def _check_archive(data: bytes) -> None:
    """The zip container: complete, not encrypted, an Excel workbook, no bomb, every CRC right."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
            names = {info.filename for info in infos}
            if "xl/workbook.bin" in names:
                raise CatalogFileRefused(
                    t("这是 Excel 二进制工作簿（.xlsb），请另存为 Excel 工作簿（.xlsx）后再导入")
                )
            if "xl/workbook.xml" not in names:
                if "word/document.xml" in names:
                    kind = N_("Word 文档")
                elif "ppt/presentation.xml" in names:
                    kind = N_("PowerPoint 演示文稿")
                else:
                    kind = N_("压缩包")
                raise CatalogFileRefused(t("这是{kind}，不是 Excel 工作簿（.xlsx）", kind=t(kind)))
            if any(info.flag_bits & 0x1 for info in infos):
                raise CatalogFileRefused(
                    t("工作簿已加密，请在 Excel 中取消密码后另存为 .xlsx 再导入")
                )
            _refuse_bombs(infos)
            bad = archive.testzip()
            if bad is not None:
                raise CatalogFileRefused(
                    t("文件已损坏（其中的 {part} 校验失败），请重新获取文件", part=bad)
                )
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError) as error:
        log.info("corrupt catalog archive: %s", error)
        raise CatalogFileRefused(
            t("文件已损坏（压缩包不完整或已损坏），请重新下载，或用 Excel 打开后另存再导入")
        ) from error


def _refuse_bombs(infos: list[zipfile.ZipInfo]) -> None:
    """Refuse, from the archive's directory alone, members that unpack too far.

    The sizes are the ones the archive declares; testzip() then reads each member, and zipfile
    stops reading a member at its declared size, so a lying header cannot unpack more.
    """
    unpacked = sum(info.file_size for info in infos)
    if unpacked > MAX_UNCOMPRESSED_BYTES:
        raise CatalogFileRefused(
            t(
                "文件解压后达{size}，超过{limit}，疑似异常文件，已拒绝",
                size=_mb(unpacked),
                limit=_mb(MAX_UNCOMPRESSED_BYTES),
            )
        )
    for info in infos:
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > RATIO_CHECKED_ABOVE and ratio > MAX_COMPRESSION_RATIO:
            raise CatalogFileRefused(
                t(
                    "文件中的 {part} 压缩比达 {ratio:.0f} 倍，疑似异常文件（压缩炸弹），已拒绝",
                    part=info.filename,
                    ratio=ratio,
                )
            )


def _defused_cause(error: BaseException) -> defusedxml.DefusedXmlException | None:
    """The defusedxml refusal behind an error (openpyxl wraps some in a ValueError)."""
    seen: BaseException | None = error
    while seen is not None:
        if isinstance(seen, defusedxml.DefusedXmlException):
            return seen
        seen = seen.__cause__ or seen.__context__
    return None


def _refuse(error: Exception) -> NoReturn:
    """Turn whatever openpyxl raised on a damaged or hostile file into a refusal."""
    if isinstance(error, CatalogFileRefused):
        raise error
    defused = _defused_cause(error)
    if defused is not None:
        raise CatalogFileRefused(
            t("文件含有 XML 实体声明（可能是恶意构造的文件），已拒绝导入")
        ) from defused
    # openpyxl fails in many ways on damaged files (KeyError, ParseError, ValueError…); all of
    # them mean the same to the admin. The traceback goes to the log for the curious.
    log.warning("catalog workbook could not be parsed", exc_info=error)
    raise CatalogFileRefused(t("文件已损坏或不是有效的 Excel 工作簿（.xlsx），无法读取")) from error


def _open_workbook(data: bytes) -> Any:
    require_safe_xml_parser()
    try:
        return openpyxl.load_workbook(
            io.BytesIO(data), read_only=True, data_only=True, keep_links=False
        )
    except Exception as error:
        _refuse(error)


def _sheet_rows(sheet: Any, *, limit: int | None = None) -> Iterator[tuple[object, ...]]:
    """The sheet's rows from row 1, each as a tuple of values; damaged XML becomes a refusal.

    The sheet's own dimension record is ignored (some programs write a wrong one, which would
    cut rows off); rows are read at most :data:`MAX_COLUMNS` wide.
    """
    sheet.reset_dimensions()
    iterator = sheet.iter_rows(min_row=1, max_col=MAX_COLUMNS, values_only=True)
    count = 0
    while limit is None or count < limit:
        try:
            values = next(iterator)
        except StopIteration:
            return
        except Exception as error:
            _refuse(error)
        count += 1
        if count > EXCEL_MAX_ROWS:
            raise CatalogFileRefused(
                t("“{sheet}”表的行数超过 Excel 的上限，文件异常", sheet=sheet.title)
            )
        yield values


# --- finding the tables -----------------------------------------------------------------------
@dataclass
class _Table:
    """A sheet's header row and where each known column is."""

    sheet: Any
    header_row: int
    columns: dict[str, int]
    headers: dict[str, str]
    duplicates: list[tuple[str, int]] = field(default_factory=list)
    header_rows: int = 1  # 2 when the header has a second level (法定/承诺 under 办结时限)

    @property
    def name(self) -> str:
        return str(self.sheet.title)

    def header_of(self, key: str) -> str:
        return self.headers.get(key, "")

    def letter_of(self, key: str) -> str:
        return get_column_letter(self.columns[key] + 1) if key in self.columns else ""


def _header_in(row: tuple[object, ...], table: dict[str, str]) -> _Table | None:
    columns: dict[str, int] = {}
    headers: dict[str, str] = {}
    duplicates: list[tuple[str, int]] = []
    for index, value in enumerate(row):
        if not isinstance(value, str):
            continue
        key = match_header(value, table)
        if key is None:
            continue
        if key in columns:
            duplicates.append((key, index))
            continue
        columns[key] = index
        headers[key] = single_line(value).strip("*＊ ")  # as the file names it, less the *
    if not columns:
        return None
    return _Table(None, 0, columns, headers, duplicates)


def _is_items_header(found: _Table, row: tuple[object, ...]) -> bool:
    keys = found.columns.keys()
    has_material_name = any(
        isinstance(v, str) and match_header(v, MATERIAL_HEADERS) == "name" for v in row
    )
    return {"code", "name"} <= keys and bool(_ITEM_MARKERS & keys) and not has_material_name


@dataclass
class _Sheets:
    items: _Table | None = None
    materials: _Table | None = None
    saw_anything: bool = False


def _find_tables(workbook: Any) -> _Sheets:
    """The items sheet is the first carrying the item headers, whatever its name; the
    materials sheet the first other one carrying 事项编码 and 材料名称."""
    found = _Sheets()
    for sheet in workbook.worksheets:
        if not hasattr(sheet, "iter_rows"):
            continue
        rows = list(_sheet_rows(sheet, limit=HEADER_SCAN_ROWS + 1))
        for number, row in enumerate(rows[:HEADER_SCAN_ROWS], start=1):
            if not all(is_blank(value) for value in row):
                found.saw_anything = True
            below = rows[number] if number < len(rows) else ()
            if found.items is None:
                items = _header_in(row, ITEM_HEADERS)
                if items is not None and _is_items_header(items, row):
                    items.sheet, items.header_row = sheet, number
                    _add_second_level(items, below, ITEM_HEADERS)
                    found.items = items
                    break
            if found.materials is None:
                materials = _header_in(row, MATERIAL_HEADERS)
                if materials is not None and {"code", "name"} <= materials.columns.keys():
                    materials.sheet, materials.header_row = sheet, number
                    _add_second_level(materials, below, MATERIAL_HEADERS)
                    found.materials = materials
                    break
    return found


def _add_second_level(table: _Table, below: tuple[object, ...], names: dict[str, str]) -> None:
    """Two-level headers: "办结时限" merged above "法定" and "承诺" columns, the other headers
    merged down over both rows (so the row below is empty in the code column)."""
    code_column = table.columns["code"]
    if code_column < len(below) and not is_blank(below[code_column]):
        return
    second = _header_in(below, names)
    if second is None:
        return
    used = set(table.columns.values())
    for key, index in second.columns.items():
        if key not in table.columns and index not in used:
            table.columns[key] = index
            table.headers[key] = second.headers[key]
            table.header_rows = 2


# --- reading the rows -------------------------------------------------------------------------
@dataclass
class _Row:
    number: int
    cells: dict[str, object]


def _data_rows(table: _Table, *, key_column: str, max_rows: int, too_many: str) -> list[_Row]:
    """Rows below the header holding something in a known column; trailing 注/说明 rows dropped.

    ``too_many`` is the refusal's template (marked with N_), with ``{sheet}`` and ``{limit}``."""
    rows: list[_Row] = []
    counted = 0
    for number, values in enumerate(_sheet_rows(table.sheet), start=1):
        if number < table.header_row + table.header_rows:
            continue
        cells = {
            key: values[index] if index < len(values) else None
            for key, index in table.columns.items()
        }
        if all(is_blank(value) for value in cells.values()):
            continue  # blank, or only columns townclerk does not read (序号, section titles)
        if not is_blank(cells.get(key_column)):
            counted += 1
            if counted > max_rows:
                raise CatalogFileRefused(t(too_many, sheet=table.name, limit=max_rows))
        rows.append(_Row(number, cells))
    while rows and _is_note_row(rows[-1]):
        rows.pop()
    return rows


def _is_note_row(row: _Row) -> bool:
    texts = [cell_text(value) for value in row.cells.values() if cell_text(value)]
    return len(texts) == 1 and _NOTE_ROW.match(texts[0]) is not None


class _Collector:
    """Problems, located by sheet, row and column as the file names them."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(
        self,
        severity: Severity,
        message: str,
        table: _Table | None = None,
        row: int | None = None,
        key: str = "",
        column: Column | None = None,
    ) -> None:
        name = ""
        letter = ""
        if table is not None and key:
            name = table.header_of(key) or (column.header if column else key)
            letter = table.letter_of(key)
        self.problems.append(
            Problem(
                severity=severity,
                message=message,
                sheet=table.name if table is not None else "",
                row=row,
                column=name,
                column_letter=letter,
            )
        )


@dataclass
class _RowReader:
    """Reads one row's cells, turning each bad cell into a located error."""

    table: _Table
    row: _Row
    problems: _Collector
    columns: dict[str, Column]
    failed: bool = False

    def error(self, key: str, message: str) -> None:
        self.failed = True
        self.problems.add(Severity.ERROR, message, self.table, self.row.number, key)

    def warn(self, key: str, message: str) -> None:
        self.problems.add(Severity.WARNING, message, self.table, self.row.number, key)

    def raw(self, key: str) -> object:
        return self.row.cells.get(key)

    def value(self, key: str, parse: Callable[[object], Any]) -> Any:
        column = self.columns[key]
        if key not in self.table.columns:
            # A missing required column is reported once for the sheet, not on every row.
            self.failed = self.failed or column.required
            return None
        try:
            value = parse(self.raw(key))
        except CellError as error:
            self.error(key, str(error))
            return None
        if column.required and (value is None or value == ""):
            self.error(key, t("“{column}”为必填项，不能为空", column=column.header))
        elif isinstance(value, str) and len(value) > column.max_length:
            limit = column.max_length
            self.error(
                key,
                t(
                    "内容过长（{length}个字符），“{column}”最多{limit}个字符",
                    length=len(value),
                    column=column.header,
                    limit=limit,
                ),
            )
        return value

    def text(self, key: str) -> str:
        return str(self.value(key, cell_text) or "")

    def line(self, key: str) -> str:
        return str(self.value(key, single_line) or "")


class _CatalogReader:
    def __init__(self, tables: _Sheets) -> None:
        assert tables.items is not None
        self.items_table = tables.items
        self.materials_table = tables.materials
        self.problems = _Collector()
        self.first_row_of: dict[str, int] = {}
        self.items: list[CatalogItem] = []
        self.materials_of: dict[str, list[tuple[int | None, int, CatalogMaterial]]] = {}

    def read(self) -> None:
        self._check_columns(self.items_table, ITEM_COLUMNS)
        rows = _data_rows(
            self.items_table,
            key_column="code",
            max_rows=MAX_ITEM_ROWS,
            too_many=N_("“{sheet}”表超过{limit}行事项，请检查文件或分批导入"),
        )
        if not rows:
            raise CatalogFileRefused(t("“{sheet}”表中没有任何事项", sheet=self.items_table.name))
        for row in rows:
            self._read_item(row)
        if self.materials_table is not None:
            self._check_columns(self.materials_table, MATERIAL_COLUMNS)
            for row in _data_rows(
                self.materials_table,
                key_column="code",
                max_rows=MAX_MATERIAL_ROWS,
                too_many=N_("“{sheet}”表超过{limit}行申请材料，请检查文件或分批导入"),
            ):
                self._read_material(row)
        elif "materials_text" not in self.items_table.columns:
            self.problems.add(
                Severity.WARNING, t("文件中没有申请材料（既无“申请材料”表，也无“申请材料”列）")
            )
        self.items = [self._with_materials(item) for item in self.items]

    def _check_columns(self, table: _Table, columns: tuple[Column, ...]) -> None:
        for column in columns:
            if column.required and column.key not in table.columns:
                self.problems.add(
                    Severity.ERROR,
                    t("缺少必填列“{column}”", column=column.header),
                    table,
                    table.header_row,
                )
        for key, index in table.duplicates:
            first = table.letter_of(key)
            self.problems.add(
                Severity.WARNING,
                t(
                    "第{letter}列与{first}列是同一列（{header}），只读取{first}列",
                    letter=get_column_letter(index + 1),
                    first=first,
                    header=table.header_of(key),
                ),
                table,
                table.header_row,
            )

    def _read_item(self, row: _Row) -> None:
        cells = _RowReader(self.items_table, row, self.problems, ITEM_COLUMN)
        code = cells.value("code", normalise_code) or ""
        if code:
            first = self.first_row_of.get(code)
            if first is not None:
                cells.error(
                    "code",
                    t(
                        "事项编码“{code}”重复：第{first}行和第{row}行",
                        code=code,
                        first=first,
                        row=row.number,
                    ),
                )
            else:
                self.first_row_of[code] = row.number
        name = cells.line("name")
        aliases: tuple[str, ...] = cells.value("aliases", split_aliases) or ()
        category = cells.value("category", parse_category)
        power_source = cells.value("power_source", parse_power_source)
        department = cells.line("department")
        issuing_body = cells.line("issuing_body")
        level = cells.value("level", parse_level) or Level.TOWNSHIP
        case_kind = cells.value("case_kind", parse_case_kind)
        statutory = self._days(cells, "statutory_days", case_kind)
        promised = self._days(cells, "promised_days", case_kind)
        fee_standard = cells.text("fee_standard")
        charges_fee = cells.value("charges_fee", parse_yes_no)
        if charges_fee is None:
            charges_fee = bool(fee_standard) and fee_standard not in _NO_FEE
        legal_basis = cells.text("legal_basis")
        conditions = cells.text("conditions")
        place = cells.text("place")
        result = cells.line("result")
        window_name = cells.line("window_name")
        routing: Routing | None = cells.value("routing", parse_routing)
        review_days: int | None = cells.value("review_days", parse_days)
        lists: tuple[str, ...] = cells.value("lists", split_lists) or ()
        notes = cells.text("notes")
        if statutory is not None and promised is not None:
            case_kind = self._check_limits(cells, statutory, promised, case_kind)
            self._check_review(cells, routing, review_days, promised, case_kind)
        if "legal_basis" in self.items_table.columns and not legal_basis:
            cells.warn("legal_basis", t("设定依据为空"))
        materials: tuple[CatalogMaterial, ...] = ()
        if self.materials_table is None and "materials_text" in self.items_table.columns:
            materials = self._materials_in_cell(cells)
        if cells.failed:
            return
        assert category is not None and statutory is not None and promised is not None
        assert case_kind is not None
        self.items.append(
            CatalogItem(
                code=code,
                name=name,
                category=category,
                department=department,
                statutory_days=statutory,
                promised_days=promised,
                case_kind=case_kind,
                power_source=power_source,
                issuing_body=issuing_body,
                level=level,
                charges_fee=charges_fee,
                fee_standard=fee_standard,
                legal_basis=legal_basis,
                conditions=conditions,
                place=place,
                result=result,
                window_name=window_name,
                routing=routing,
                review_days=review_days,
                lists=lists,
                notes=notes,
                aliases=tuple(alias for alias in aliases if alias != name),
                materials=materials,
                row=row.number,
            )
        )

    @staticmethod
    def _days(cells: _RowReader, key: str, case_kind: CaseKind | None) -> int | None:
        # A 即办件 may leave its promised limit blank: it is done on the spot.
        if (
            key == "promised_days"
            and case_kind is CaseKind.INSTANT
            and key in cells.table.columns
            and not cell_text(cells.raw(key))
        ):
            return 0
        days: int | None = cells.value(key, parse_days)
        if days is not None and days > MAX_DAYS:
            cells.error(
                key, t("时限{days}个工作日过长（最多{limit}个工作日）", days=days, limit=MAX_DAYS)
            )
            return None
        return days

    @staticmethod
    def _check_limits(
        cells: _RowReader, statutory: int, promised: int, case_kind: CaseKind | None
    ) -> CaseKind:
        if promised > statutory:
            cells.error(
                "promised_days",
                t(
                    "承诺时限（{promised}个工作日）超过法定时限（{statutory}个工作日）",
                    promised=promised,
                    statutory=statutory,
                ),
            )
        if case_kind is None:
            return CaseKind.INSTANT if promised == 0 else CaseKind.PROMISED
        if case_kind is CaseKind.INSTANT and promised > 0:
            cells.error(
                "promised_days",
                t(
                    "办件类型为即办件，承诺时限却为{promised}个工作日；即办件的承诺时限应为0",
                    promised=promised,
                ),
            )
        if case_kind is CaseKind.PROMISED and promised == 0:
            cells.warn("promised_days", t("办件类型为承诺件，但承诺时限为0个工作日"))
        return case_kind

    @staticmethod
    def _check_review(
        cells: _RowReader,
        routing: Routing | None,
        review_days: int | None,
        promised: int,
        case_kind: CaseKind,
    ) -> None:
        """办理方式 and 初审时限 agree with each other and with the item's limits."""
        if routing is Routing.COUNTY and case_kind is CaseKind.INSTANT:
            cells.error("routing", t("即办件当场办结，办理方式不能为初审转报"))
        if review_days is None:
            return
        if routing is not None and routing is not Routing.COUNTY:
            cells.error(
                "review_days",
                t(
                    "初审时限只适用于初审转报的事项，本行办理方式为“{routing}”",
                    routing=routing.label,
                ),
            )
        elif not MIN_REVIEW_DAYS <= review_days <= MAX_REVIEW_DAYS:
            cells.error(
                "review_days",
                t(
                    "初审时限{days}个工作日无效，应为{low}至{high}个工作日",
                    days=review_days,
                    low=MIN_REVIEW_DAYS,
                    high=MAX_REVIEW_DAYS,
                ),
            )
        elif review_days > promised:
            cells.error(
                "review_days",
                t(
                    "初审时限（{days}个工作日）超过承诺时限（{promised}个工作日）",
                    days=review_days,
                    promised=promised,
                ),
            )

    def _materials_in_cell(self, cells: _RowReader) -> tuple[CatalogMaterial, ...]:
        try:
            lines = parse_material_lines(cells.raw("materials_text"))
        except CellError as error:
            cells.error("materials_text", str(error))
            return ()
        materials = []
        for seq, line in enumerate(lines, start=1):
            if len(line.name) > MATERIAL_COLUMN["name"].max_length:
                cells.error(
                    "materials_text",
                    t("第{seq}项材料名称过长（最多{limit}个字符）", seq=seq, limit=255),
                )
            materials.append(
                CatalogMaterial(
                    seq=seq,
                    name=line.name,
                    form=line.form or MaterialForm.ORIGINAL,
                    copies=line.copies or 1,
                    required=line.required,
                    tolerance_allowed=line.tolerance_allowed,
                )
            )
        if not materials:
            cells.warn("materials_text", t("该事项没有申请材料"))
        self._warn_duplicate_materials(cells, "materials_text", materials)
        return tuple(materials)

    def _read_material(self, row: _Row) -> None:
        assert self.materials_table is not None
        cells = _RowReader(self.materials_table, row, self.problems, MATERIAL_COLUMN)
        code = cells.value("code", normalise_code) or ""
        if code and code not in self.first_row_of:
            cells.error(
                "code",
                t(
                    "事项编码“{code}”在“{sheet}”表中不存在",
                    code=code,
                    sheet=self.items_table.name,
                ),
            )
        name = cells.line("name")
        seq_hint = parse_seq(cells.raw("seq")) if "seq" in self.materials_table.columns else None
        form = cells.value("form", parse_form) or MaterialForm.ORIGINAL
        copies = cells.value("copies", parse_count) or 1
        required = cells.value("required", parse_required)
        tolerance = cells.value("tolerance_allowed", parse_yes_no)
        notes = cells.text("notes")
        if cells.failed:
            return
        material = CatalogMaterial(
            seq=0,
            name=name,
            form=form,
            copies=copies,
            required=True if required is None else required,
            tolerance_allowed=bool(tolerance),
            notes=notes,
        )
        self.materials_of.setdefault(code, []).append((seq_hint, row.number, material))

    def _with_materials(self, item: CatalogItem) -> CatalogItem:
        if self.materials_table is None:
            return item
        listed = self.materials_of.get(item.code, [])
        # Ordered by the 序号 column where given, else by row; numbered 1..n again.
        listed.sort(key=lambda entry: (entry[0] is None, entry[0] or 0, entry[1]))
        materials = tuple(
            replace(m, seq=seq) for seq, (_hint, _row, m) in enumerate(listed, start=1)
        )
        if not materials:
            self.problems.add(
                Severity.WARNING,
                t(
                    "事项“{code}”在“{sheet}”表中没有申请材料",
                    code=item.code,
                    sheet=self.materials_table.name,
                ),
                self.items_table,
                item.row,
                "code",
            )
        seen: set[str] = set()
        for _hint, row_number, material in listed:
            if material.name in seen:
                self.problems.add(
                    Severity.WARNING,
                    t(
                        "事项“{code}”的材料“{name}”出现了多次",
                        code=item.code,
                        name=material.name,
                    ),
                    self.materials_table,
                    row_number,
                    "name",
                )
            seen.add(material.name)
        return CatalogItem(**{**_fields(item), "materials": materials})

    def _warn_duplicate_materials(
        self, cells: _RowReader, key: str, materials: list[CatalogMaterial]
    ) -> None:
        names = [m.name for m in materials]
        for name in sorted({n for n in names if names.count(n) > 1}):
            cells.warn(key, t("材料“{name}”出现了多次", name=name))


def _fields(item: CatalogItem) -> dict[str, Any]:
    return {name: getattr(item, name) for name in item.__dataclass_fields__}


def read_catalog(path: Path) -> ParsedCatalog:
    """Read and validate a catalog workbook; raise :class:`CatalogFileRefused` if unreadable."""
    path = Path(path)
    data = read_file_bytes(path)
    return read_catalog_bytes(data, path.name)


def read_catalog_bytes(data: bytes, file_name: str) -> ParsedCatalog:
    if len(data) > MAX_FILE_BYTES:
        raise CatalogFileRefused(
            t(
                "文件过大（{size}），目录文件不能超过{limit}",
                size=_mb(len(data)),
                limit=_mb(MAX_FILE_BYTES),
            )
        )
    if not data:
        raise CatalogFileRefused(t("文件是空的（0字节）"))
    _refuse_unless_zip(data)
    _check_archive(data)
    workbook = _open_workbook(data)
    try:
        tables = _find_tables(workbook)
        if tables.items is None:
            if not tables.saw_anything:
                raise CatalogFileRefused(t("工作簿是空的，没有任何内容"))
            raise CatalogFileRefused(
                t(
                    "找不到事项表：没有哪个工作表在前{rows}行中含有“事项编码”“事项名称”“事项类型”等表头",
                    rows=HEADER_SCAN_ROWS,
                )
            )
        reader = _CatalogReader(tables)
        reader.read()
    finally:
        workbook.close()
    return ParsedCatalog(
        file_name=file_name,
        sha256=hashlib.sha256(data).hexdigest(),
        items=tuple(reader.items),
        problems=tuple(reader.problems.problems),
        items_sheet=reader.items_table.name,
        materials_sheet=reader.materials_table.name if reader.materials_table else None,
        has_aliases="aliases" in reader.items_table.columns,
        has_issuing_body="issuing_body" in reader.items_table.columns,
        has_routing="routing" in reader.items_table.columns,
        has_review_days="review_days" in reader.items_table.columns,
    )
