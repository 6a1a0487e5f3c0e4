"""The catalog workbook's shape: sheets, columns (with the aliases counties use), limits, records.

The template, the export and the reader all work from the column lists below, so a file written
by townclerk is read back exactly as it was written. The records at the end are what the reader
hands to the catalog service: plain frozen dataclasses, no ORM.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from townclerk.enums import (
    CaseKind,
    Category,
    LabeledEnum,
    Level,
    MaterialForm,
    PowerSource,
    Routing,
)
from townclerk.i18n import N_, t
from townclerk.records.center import MAX_REVIEW_DAYS, MIN_REVIEW_DAYS

ITEMS_SHEET = "事项"
MATERIALS_SHEET = "申请材料"
NOTES_SHEET = "说明"

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_ITEM_ROWS = 10_000
MAX_MATERIAL_ROWS = 200_000
# A catalog of 10,000 items unpacks to about 15 MB; more than this means a zip bomb.
MAX_UNCOMPRESSED_BYTES = 100 * 1024 * 1024
# Sheet XML compresses 5-20 times, 60 at most for a sheet of repeated cells; a part unpacking
# to more than a megabyte at a ratio above this is a bomb.
MAX_COMPRESSION_RATIO = 200
RATIO_CHECKED_ABOVE = 1024 * 1024
# Headers are looked for in this many rows at the top of each sheet (title rows come first).
HEADER_SCAN_ROWS = 30
# Columns beyond this are never read (a forged sheet dimension cannot make rows huge).
MAX_COLUMNS = 100
LONG_TEXT = 4000

LIST_SEPARATOR = "；"
ALIAS_SEPARATOR = "、"
MAX_ALIAS_LENGTH = 32


@dataclass(frozen=True)
class Column:
    """One column of a catalog sheet: its header in the template and how the reader finds it."""

    key: str
    header: str
    required: bool = False
    aliases: tuple[str, ...] = ()
    max_length: int = LONG_TEXT
    width: int = 14
    choices: tuple[str, ...] = ()
    help: str = ""

    @property
    def title(self) -> str:
        """The header cell as written in the template: required columns carry a *."""
        return f"{self.header}*" if self.required else self.header


def _labels(enum_class: type[LabeledEnum]) -> tuple[str, ...]:
    return tuple(member.label for member in enum_class)


YES_NO = ("是", "否")
REQUIRED_CHOICES = ("必要", "非必要")

ITEM_COLUMNS: tuple[Column, ...] = (
    Column(
        "code",
        N_("事项编码"),
        required=True,
        aliases=("编码", "事项代码", "实施编码"),
        max_length=64,
        width=24,
        help="事项的唯一编码（国家基本编码、实施编码或本地编码均可），最多64个字符；"
        "请将此列设为文本格式，以免长编码被 Excel 改成科学计数法。",
    ),
    Column(
        "name",
        N_("事项名称"),
        required=True,
        aliases=("名称",),
        max_length=255,
        width=36,
        help="事项的全称，最多255个字符。",
    ),
    Column(
        "category",
        N_("事项类型"),
        required=True,
        aliases=("类型", "权力类型"),
        width=14,
        choices=_labels(Category),
        help="可写全称，也可写简称：许可、确认、给付、裁决、奖励、备案、其他。",
    ),
    Column(
        "power_source",
        N_("权力来源"),
        width=14,
        choices=_labels(PowerSource),
        help="可不填。",
    ),
    Column(
        "department",
        N_("原实施部门"),
        required=True,
        aliases=("实施部门", "主管部门", "部门"),
        max_length=128,
        width=22,
        help="赋权前实施该事项的县级部门，如“县市场监督管理局”，最多128个字符。",
    ),
    Column(
        "level",
        N_("受理层级"),
        aliases=("实施层级", "行使层级"),
        width=10,
        choices=_labels(Level),
        help="镇级或村级（村级便民服务点可受理的事项填村级）；不填按镇级。",
    ),
    Column(
        "case_kind",
        N_("办件类型"),
        width=10,
        choices=_labels(CaseKind),
        help="即办件或承诺件；不填时按承诺时限推定：0为即办件，其余为承诺件。",
    ),
    Column(
        "statutory_days",
        N_("法定时限（工作日）"),
        required=True,
        # 法定 and 承诺 alone: the second row of a two-level header under 办结时限.
        aliases=("法定时限", "法定办结时限", "法定办理时限", "法定期限", "法定"),
        width=12,
        help="工作日数，如“20”“20个工作日”；当场办结的写0或“即办”。",
    ),
    Column(
        "promised_days",
        N_("承诺时限（工作日）"),
        required=True,
        aliases=("承诺时限", "承诺办结时限", "承诺办理时限", "承诺期限", "承诺"),
        width=12,
        help="工作日数，不得超过法定时限；即办件写0或“即办”。",
    ),
    Column(
        "charges_fee",
        N_("是否收费"),
        width=10,
        choices=YES_NO,
        help="是或否；不填按否。",
    ),
    Column("fee_standard", N_("收费标准"), width=20, help="收费的项目、标准和依据；不收费可不填。"),
    Column(
        "legal_basis", N_("设定依据"), width=30, help="法律、法规、规章名称及条款；为空时提示警告。"
    ),
    Column("conditions", N_("受理条件"), width=30, help="申请人须满足的条件。"),
    Column("place", N_("办理地点"), width=20, help="如“镇为民服务中心综合窗口”。"),
    Column(
        "result",
        N_("办理结果"),
        max_length=255,
        width=16,
        help="如证照、批文、其他、无，或结果名称。",
    ),
    Column("window_name", N_("受理窗口"), max_length=64, width=14, help="受理该事项的窗口名称。"),
    Column(
        "lists",
        N_("所属清单"),
        width=24,
        help="事项所属的清单，多个清单用“；”分隔，如“权力清单；村级便民服务点受理民生服务清单”。",
    ),
    Column("notes", N_("备注"), width=20, help="其他说明。"),
    Column(
        "aliases",
        N_("常用名"),
        aliases=("别名", "常用名/别名", "俗称", "简称"),
        width=24,
        help="群众常说的叫法，如“低保”“个体户”，可写多个，用“、”“；”或换行分隔，"
        f"每个最多{MAX_ALIAS_LENGTH}个字符；可不填。搜索时按常用名也能找到事项。",
    ),
    Column(
        "issuing_body",
        N_("实施主体"),
        aliases=("决定机关", "发文机关", "作出决定的机关"),
        max_length=128,
        width=22,
        help="以谁的名义作出决定、文书盖谁的章，如“睢宁县示范镇人民政府”“睢宁县民政局”；"
        "可不填，不填时按权力来源确定（下放、授权的以镇（街道）人民政府名义，委托的以委托部门名义）。",
    ),
    Column(
        "routing",
        N_("办理方式"),
        aliases=("审批方式", "办理流程"),
        width=12,
        choices=_labels(Routing),
        help="窗口办结、后台审批或初审转报（镇里只作初审、报县级部门决定的事项）；"
        "不填时按事项推定：即办件窗口办结，名称含“初审”“转报”的初审转报，"
        "设有后台窗口的部门的事项后台审批，其余窗口办结。",
    ),
    Column(
        "review_days",
        N_("初审时限（工作日）"),
        aliases=("初审时限", "初审期限", "初审办理时限"),
        width=12,
        help=f"初审转报事项镇里完成初审、报送县级部门的工作日数（{MIN_REVIEW_DAYS}至{MAX_REVIEW_DAYS}），"
        "不得超过承诺时限；不填按中心设置。其他事项不填。",
    ),
)


# Only read, never written: single-sheet catalogs list the materials in one cell per item.
MATERIALS_TEXT_COLUMN = Column(
    "materials_text",
    N_("申请材料"),
    aliases=("申请材料清单", "所需材料", "申报材料"),
)

MATERIAL_COLUMNS: tuple[Column, ...] = (
    Column(
        "code",
        N_("事项编码"),
        required=True,
        aliases=("编码", "事项代码", "实施编码"),
        max_length=64,
        width=24,
        help="材料所属事项的编码，须与“事项”表中的编码一致。",
    ),
    Column("seq", N_("序号"), width=8, help="材料在该事项中的顺序；不填按行的先后。"),
    Column(
        "name",
        N_("材料名称"),
        required=True,
        max_length=255,
        width=40,
        help="材料的名称，最多255个字符。",
    ),
    Column(
        "form",
        N_("材料形式"),
        width=14,
        choices=_labels(MaterialForm),
        help="原件、复印件、原件及复印件或电子；不填按原件。",
    ),
    Column("copies", N_("份数"), width=8, help="正整数，如“1”“2份”；不填按1份。"),
    Column(
        "required",
        N_("必要性"),
        width=10,
        choices=REQUIRED_CHOICES,
        help="必要或非必要；不填按必要。",
    ),
    Column(
        "tolerance_allowed",
        N_("可容缺"),
        width=10,
        choices=YES_NO,
        help="是否允许容缺受理（先受理、后补交）；不填按否。",
    ),
    Column("notes", N_("备注"), width=24, help="其他说明。"),
)

ITEM_COLUMN = {column.key: column for column in (*ITEM_COLUMNS, MATERIALS_TEXT_COLUMN)}
MATERIAL_COLUMN = {column.key: column for column in MATERIAL_COLUMNS}

_TRAILING_REMARK = re.compile(r"\([^()]*\)$")


def header_key(text: str) -> str:
    """A header cell reduced to what identifies it: widths, spaces, brackets and * ignored."""
    normalised = unicodedata.normalize("NFKC", text)
    normalised = "".join(normalised.split()).replace("*", "")
    return normalised.lower()


def _header_table(columns: tuple[Column, ...]) -> dict[str, str]:
    table: dict[str, str] = {}
    for column in columns:
        for name in (column.header, *column.aliases):
            table[header_key(name)] = column.key
    return table


ITEM_HEADERS = _header_table((*ITEM_COLUMNS, MATERIALS_TEXT_COLUMN))
MATERIAL_HEADERS = _header_table(MATERIAL_COLUMNS)


def match_header(text: str, table: dict[str, str]) -> str | None:
    """The column key a header cell names, or None for a column townclerk does not read."""
    key = header_key(text)
    if not key:
        return None
    if key in table:
        return table[key]
    # "法定时限(个工作日)", "事项名称(必填)", "受理层级(镇级/村级)": a bracketed remark.
    stripped = _TRAILING_REMARK.sub("", key)
    return table.get(stripped)


# --- the records the reader produces ---------------------------------------------------------
@dataclass(frozen=True)
class CatalogMaterial:
    seq: int
    name: str
    form: MaterialForm = MaterialForm.ORIGINAL
    copies: int = 1
    required: bool = True
    tolerance_allowed: bool = False
    notes: str = ""


@dataclass(frozen=True)
class CatalogItem:
    """One item as the workbook states it; ``row`` (where it was read) is not part of equality."""

    code: str
    name: str
    category: Category
    department: str
    statutory_days: int
    promised_days: int
    case_kind: CaseKind
    power_source: PowerSource | None = None
    issuing_body: str = ""  # who decides, where the catalog says (records/issuing.py)
    level: Level = Level.TOWNSHIP
    charges_fee: bool = False
    fee_standard: str = ""
    legal_basis: str = ""
    conditions: str = ""
    place: str = ""
    result: str = ""
    window_name: str = ""
    # Where it is decided (None: worked out at acceptance, records/journey.route_for) and the
    # township's 初审 working days for a 初审转报 item (None: the center's setting).
    routing: Routing | None = None
    review_days: int | None = None
    lists: tuple[str, ...] = ()
    notes: str = ""
    aliases: tuple[str, ...] = ()
    materials: tuple[CatalogMaterial, ...] = ()
    row: int = field(default=0, compare=False)


class Severity(LabeledEnum):
    ERROR = "error", N_("错误")
    WARNING = "warning", N_("警告")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the file, located as the admin will look for it in Excel."""

    severity: Severity
    message: str
    sheet: str = ""
    row: int | None = None
    column: str = ""
    column_letter: str = ""

    def where(self) -> str:
        """Sheet, row and column as the admin finds them in Excel, in the current language."""
        parts = []
        if self.sheet:
            parts.append(t("“{sheet}”表", sheet=self.sheet))
        if self.row is not None:
            parts.append(t("第{row}行", row=self.row))
        if self.column:
            if self.column_letter:
                parts.append(
                    t("{letter}列“{column}”", letter=self.column_letter, column=self.column)
                )
            else:
                parts.append(t("“{column}”", column=self.column))
        return " ".join(parts)

    def describe(self) -> str:
        severity = t(self.severity.label)
        where = self.where()
        if where:
            return t(
                "{severity}：{where}：{message}",
                severity=severity,
                where=where,
                message=self.message,
            )
        return t("{severity}：{message}", severity=severity, message=self.message)


class WithProblems:
    """Splits the ``problems`` of a record into its errors and its warnings."""

    problems: tuple[Problem, ...]

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity is Severity.ERROR)

    @property
    def warnings(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity is Severity.WARNING)


@dataclass(frozen=True)
class ParsedCatalog(WithProblems):
    """What a catalog workbook says, and everything wrong with it."""

    file_name: str
    sha256: str
    items: tuple[CatalogItem, ...]
    problems: tuple[Problem, ...]
    items_sheet: str
    materials_sheet: str | None
    # The file has a 常用名 column; without one an import keeps the aliases already stored.
    has_aliases: bool = False
    # Likewise the 实施主体 column: without it an import keeps each item's issuing body.
    has_issuing_body: bool = False
    # And the 办理方式 and 初审时限 columns: without them an import keeps what is stored.
    has_routing: bool = False
    has_review_days: bool = False
