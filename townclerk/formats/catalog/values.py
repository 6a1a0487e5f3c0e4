"""Turning catalog cells, as counties really fill them in, into clean values.

Every parser takes what openpyxl gives (str, int, float, bool, dates or None) and either returns
the normalised value (None for a blank cell, so the caller can apply its default) or raises
:class:`CellError` whose message tells the admin, in Chinese, what the cell should hold.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from typing import TypeVar

from townclerk.enums import (
    CaseKind,
    Category,
    LabeledEnum,
    Level,
    MaterialForm,
    PowerSource,
    Routing,
)
from townclerk.formats.catalog.shape import ALIAS_SEPARATOR, LIST_SEPARATOR, MAX_ALIAS_LENGTH
from townclerk.i18n import N_, t


class CellError(ValueError):
    """The cell cannot be read as the column requires; ``str(error)`` says why."""


# Every character str.isspace() knows (\u3000 and \xa0 included), and the invisible ones that
# are not spaces but show nothing in a cell all the same.
BLANK_CHARACTERS = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006"
    "\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
    "\u200b\u200c\u200d\u2060\ufeff"
)


def is_blank(value: object) -> bool:
    """True for an empty cell: nothing, or only spaces and line breaks."""
    return value is None or (isinstance(value, str) and not value.strip(BLANK_CHARACTERS))


def cell_text(value: object) -> str:
    """Any cell as text: surrounding spaces and line breaks trimmed, inner line breaks kept."""
    if isinstance(value, str):
        text = value.strip(BLANK_CHARACTERS)
        if "\r" in text:
            text = text.replace("\r\n", "\n").replace("\r", "\n")
        if "\n" in text:
            text = "\n".join(line.rstrip(BLANK_CHARACTERS) for line in text.split("\n"))
        return text
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(" ")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return cell_text(str(value))


_LINE_BREAK = re.compile(r"\s*\n\s*")
_SPACES = re.compile(r"\s+")


def single_line(value: object) -> str:
    """A one-line field (name, department…): a line break typed to wrap the cell is removed."""
    text = _LINE_BREAK.sub("", cell_text(value))
    return _SPACES.sub(" ", text)


def _compact(text: str) -> str:
    """Full-width folded to half-width, every space removed, lower case: for matching words."""
    return "".join(unicodedata.normalize("NFKC", text).split()).lower()


def normalise_code(value: object) -> str:
    """An item code: stored as text, never parsed; full-width characters and spaces folded."""
    if isinstance(value, bool):
        raise CellError(t("事项编码应为文字或数字"))
    if isinstance(value, float):
        if not value.is_integer():
            raise CellError(
                t("事项编码不应是小数（可能被 Excel 当成了数字），请将该列设为文本后重填")
            )
        if abs(value) >= 1e15:
            raise CellError(
                t("事项编码被 Excel 存成了数字，超过15位的部分已丢失，请将该列设为文本后重填")
            )
        return str(int(value))
    folded = "".join(unicodedata.normalize("NFKC", cell_text(value)).split())
    # Removing a space can bring a letter and a combining mark together: compose them too.
    return unicodedata.normalize("NFKC", folded)


_INSTANT_WORDS = frozenset(
    _compact(word)
    for word in (
        "即办",
        "即办件",
        "当场",
        "当场办结",
        "即时办结",
        "当场办理",
        "即时办理",
        "立即办结",
    )
)
_DAYS = re.compile(r"(\d+)(?:\.0+)?(?:个)?(?:工作日|日)?(?:内)?")


def parse_days(value: object) -> int | None:
    """A time limit in working days: 20, "20", "２０", "20个工作日", "20工作日", "20日", "即办"."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise CellError(t("应填写工作日数，如“20”或“20个工作日”"))
    if isinstance(value, int | float):
        if float(value).is_integer() and value >= 0:
            return int(value)
        raise CellError(t("“{text}”不是有效的工作日数（应为0或正整数）", text=cell_text(value)))
    text = _compact(cell_text(value))
    if not text:
        return None
    if text in _INSTANT_WORDS:
        return 0
    match = _DAYS.fullmatch(text)
    if match is None:
        raise CellError(
            t(
                "无法识别“{text}”，应填写工作日数，如“20”或“20个工作日”，即办写0",
                text=cell_text(value),
            )
        )
    return int(match.group(1))


_COUNT = re.compile(r"(\d+)(?:\.0+)?[份张本页套]?")
_CHINESE_DIGITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8}
_CHINESE_DIGITS |= {"九": 9, "十": 10}


def parse_count(value: object) -> int | None:
    """A number of copies: 2, "2", "2份", "2张", "两份"; must be at least 1."""
    if value is None:
        return None
    if isinstance(value, int | float) and not isinstance(value, bool):
        if float(value).is_integer() and value >= 1:
            return int(value)
        raise CellError(t("份数应为正整数，而不是“{text}”", text=cell_text(value)))
    text = _compact(cell_text(value))
    if not text:
        return None
    match = _COUNT.fullmatch(text)
    if match is not None and int(match.group(1)) >= 1:
        return int(match.group(1))
    if len(text) == 2 and text[0] in _CHINESE_DIGITS and text[1] in "份张本页套":
        return _CHINESE_DIGITS[text[0]]
    raise CellError(t("份数应为正整数，如“1”或“2份”，而不是“{text}”", text=cell_text(value)))


def parse_seq(value: object) -> int | None:
    """A 序号 as written ("3", 3, "（3）"); None when it holds no number (it is only a hint)."""
    digits = re.sub(r"\D", "", unicodedata.normalize("NFKC", cell_text(value)))
    return int(digits) if digits and len(digits) <= 6 else None


E = TypeVar("E", bound=LabeledEnum)


def _choice_table(enum_class: type[E], extra: dict[str, E]) -> dict[str, E]:
    table = {_compact(member.label): member for member in enum_class}
    table.update({_compact(word): member for word, member in extra.items()})
    return table


_NOT_A_CHOICE = N_("无法识别“{text}”，可填写：{allowed}")


def _choose(
    value: object, table: dict[str, E], allowed: tuple[str, ...], refusal: str = _NOT_A_CHOICE
) -> E | None:
    """The member ``value`` names; ``refusal`` (marked with N_) says which words are allowed."""
    text = cell_text(value)
    key = _compact(text)
    if not key:
        return None
    try:
        return table[key]
    except KeyError:
        raise CellError(t(refusal, text=text, allowed=t("、").join(allowed))) from None


def _allowed(enum_class: type[LabeledEnum]) -> tuple[str, ...]:
    """The labels a cell may hold: the file's own (Chinese) words, in every language."""
    return tuple(member.label for member in enum_class)


_CATEGORIES = _choice_table(
    Category,
    {
        "许可": Category.LICENSING,
        "确认": Category.CONFIRMATION,
        "给付": Category.BENEFIT,
        "裁决": Category.ADJUDICATION,
        "奖励": Category.REWARD,
        "备案": Category.FILING,
        "其他": Category.OTHER_POWER,
        "其他权力": Category.OTHER_POWER,
        "其它行政权力": Category.OTHER_POWER,
        "其它": Category.OTHER_POWER,
    },
)


_CATEGORY_CHOICES = _allowed(Category)
_NOT_A_CATEGORY = N_("无法识别“{text}”，可填写：{allowed}（或简称：许可、确认、给付…）")


def parse_category(value: object) -> Category | None:
    """事项类型: the full name or its abbreviation (许可 确认 给付 裁决 奖励 备案 其他)."""
    return _choose(value, _CATEGORIES, _CATEGORY_CHOICES, _NOT_A_CATEGORY)


_POWER_SOURCES = _choice_table(PowerSource, {})
_POWER_SOURCE_CHOICES = _allowed(PowerSource)


def parse_power_source(value: object) -> PowerSource | None:
    return _choose(value, _POWER_SOURCES, _POWER_SOURCE_CHOICES)


_LEVELS = _choice_table(
    Level,
    {
        "镇": Level.TOWNSHIP,
        "乡镇": Level.TOWNSHIP,
        "乡镇级": Level.TOWNSHIP,
        "街道": Level.TOWNSHIP,
        "街道级": Level.TOWNSHIP,
        "镇(街道)": Level.TOWNSHIP,
        "镇(街道)级": Level.TOWNSHIP,
        "乡镇(街道)级": Level.TOWNSHIP,
        "村": Level.VILLAGE,
        "社区": Level.VILLAGE,
        "村(社区)": Level.VILLAGE,
        "村(社区)级": Level.VILLAGE,
        "村(居)": Level.VILLAGE,
        "村级便民服务点": Level.VILLAGE,
    },
)


def parse_level(value: object) -> Level | None:
    return _choose(value, _LEVELS, _allowed(Level))


_CASE_KINDS = _choice_table(CaseKind, {"即办": CaseKind.INSTANT, "承诺": CaseKind.PROMISED})
_CASE_KIND_CHOICES = _allowed(CaseKind)


def parse_case_kind(value: object) -> CaseKind | None:
    return _choose(value, _CASE_KINDS, _CASE_KIND_CHOICES)


_ROUTINGS = _choice_table(
    Routing,
    {
        "窗口": Routing.WINDOW,
        "即办": Routing.WINDOW,
        "后台": Routing.BACK_OFFICE,
        "后台办理": Routing.BACK_OFFICE,
        "初审": Routing.COUNTY,
        "转报": Routing.COUNTY,
        "初审上报": Routing.COUNTY,
        "镇级初审": Routing.COUNTY,
    },
)
_ROUTING_CHOICES = _allowed(Routing)


def parse_routing(value: object) -> Routing | None:
    """办理方式: 窗口办结, 后台审批 or 初审转报 (or 窗口, 后台, 初审, 转报)."""
    return _choose(value, _ROUTINGS, _ROUTING_CHOICES)


_FORMS = _choice_table(
    MaterialForm,
    {
        "原件和复印件": MaterialForm.ORIGINAL_AND_COPY,
        "原件、复印件": MaterialForm.ORIGINAL_AND_COPY,
        "原件+复印件": MaterialForm.ORIGINAL_AND_COPY,
        "复印件及原件": MaterialForm.ORIGINAL_AND_COPY,
        "电子版": MaterialForm.ELECTRONIC,
        "电子件": MaterialForm.ELECTRONIC,
        "电子文档": MaterialForm.ELECTRONIC,
    },
)


_FORM_CHOICES = _allowed(MaterialForm)


def parse_form(value: object) -> MaterialForm | None:
    return _choose(value, _FORMS, _FORM_CHOICES)


_YES = ("是", "y", "yes", "true", "1", "√", "✓", "✔", "有", "可", "可以", "允许", "能", "收费")
_NO = ("否", "n", "no", "false", "0", "×", "✗", "✘", "无", "不可", "不可以", "不允许", "不能")
_NO_FEE = ("不收费", "免费", "不")
_YES_NO = {_compact(word): True for word in _YES} | {
    _compact(word): False for word in (*_NO, *_NO_FEE)
}


def parse_yes_no(value: object) -> bool | None:
    if isinstance(value, bool):
        return value
    text = cell_text(value)
    key = _compact(text)
    if not key:
        return None
    if key in _YES_NO:
        return _YES_NO[key]
    raise CellError(t("无法识别“{text}”，请填写“是”或“否”", text=text))


_REQUIRED_WORDS = ("必要", "必须", "必需", "必填", "必交", "必备", "是", "√", "✓")
_OPTIONAL_WORDS = ("非必要", "非必须", "非必需", "选填", "选交", "可选", "如有", "否", "×")
_REQUIRED = {_compact(w): True for w in _REQUIRED_WORDS} | {
    _compact(w): False for w in _OPTIONAL_WORDS
}


def parse_required(value: object) -> bool | None:
    """必要性: 必要 (True) or 非必要 (False), with the usual synonyms."""
    text = cell_text(value)
    key = _compact(text)
    if not key:
        return None
    if key in _REQUIRED:
        return _REQUIRED[key]
    raise CellError(t("无法识别“{text}”，请填写“必要”或“非必要”", text=text))


_LIST_SPLIT = re.compile(r"[；;、，,\n]+")


def split_lists(value: object) -> tuple[str, ...]:
    """所属清单: names separated by ；(or ; 、 ， line breaks), each once, in order."""
    names: list[str] = []
    for part in _LIST_SPLIT.split(cell_text(value)):
        name = single_line(part)
        if name and name not in names:
            names.append(name)
    return tuple(names)


def join_lists(names: tuple[str, ...]) -> str:
    return LIST_SEPARATOR.join(names)


_ALIAS_SPLIT = re.compile(r"[、；;\n]+")


def split_aliases(value: object) -> tuple[str, ...]:
    """常用名: names separated by 、 ；(or ;) or line breaks, each once, in order."""
    names: list[str] = []
    for part in _ALIAS_SPLIT.split(cell_text(value)):
        name = single_line(part)
        if len(name) > MAX_ALIAS_LENGTH:
            raise CellError(
                t(
                    "常用名“{name}”过长（每个最多{limit}个字符）",
                    name=name,
                    limit=MAX_ALIAS_LENGTH,
                )
            )
        if name and name not in names:
            names.append(name)
    return tuple(names)


def join_aliases(names: tuple[str, ...]) -> str:
    return ALIAS_SEPARATOR.join(names)


# --- single-sheet catalogs: the materials as numbered lines in one cell ----------------------
@dataclass(frozen=True)
class MaterialLine:
    name: str
    form: MaterialForm | None = None
    copies: int | None = None
    required: bool = True
    tolerance_allowed: bool = False


_NUMBERING = re.compile(
    r"^\s*(?:[(（]\s*[0-9０-９]+\s*[)）]|[0-9０-９]+\s*[.．、)）](?![0-9０-９])|[\u2460-\u2473])\s*"
)
_LINE_SPLIT = re.compile(r"\n|[；;]")
_MARKER = re.compile(r"[（(]\s*(非必要|如有|可容缺|容缺|必要)\s*[)）]\s*$")
_COPIES = re.compile(r"[，,、\s]*([0-9０-９]+|[一二两三四五六七八九十])\s*[份张本]\s*$")
_FORM = re.compile(
    r"[，,、:：\s]*[（(]?\s*(原件及复印件|原件和复印件|原件、复印件|原件|复印件|电子版|电子件|电子)"
    r"\s*[)）]?\s*$"
)
_FORM_WORDS = {
    "原件及复印件": MaterialForm.ORIGINAL_AND_COPY,
    "原件和复印件": MaterialForm.ORIGINAL_AND_COPY,
    "原件、复印件": MaterialForm.ORIGINAL_AND_COPY,
    "原件": MaterialForm.ORIGINAL,
    "复印件": MaterialForm.COPY,
    "电子版": MaterialForm.ELECTRONIC,
    "电子件": MaterialForm.ELECTRONIC,
    "电子": MaterialForm.ELECTRONIC,
}


def _split_material_lines(text: str) -> list[str]:
    """Lines of the cell; an unnumbered line among numbered ones continues the line above."""
    raw = [line.strip() for line in _LINE_SPLIT.split(text)]
    raw = [line for line in raw if line]
    if not any(_NUMBERING.match(line) for line in raw):
        return raw
    lines: list[str] = []
    for line in raw:
        if _NUMBERING.match(line):
            lines.append(_NUMBERING.sub("", line, count=1))
        elif lines:
            lines[-1] += line
        elif not line.endswith((":", "：")):  # "需提交以下材料：" introduces the list
            lines.append(line)
    return lines


def parse_material_line(line: str) -> MaterialLine:
    """``名称[原件及复印件|原件|复印件|电子版][N份|N张][（非必要）|（如有）]``."""
    rest = line.strip()
    required = True
    tolerance = False
    while match := _MARKER.search(rest):
        word = match.group(1)
        if word in ("非必要", "如有"):
            required = False
        elif word in ("可容缺", "容缺"):
            tolerance = True
        rest = rest[: match.start()].rstrip()
    copies = None
    if match := _COPIES.search(rest):
        number = unicodedata.normalize("NFKC", match.group(1))
        copies = int(number) if number.isdigit() else _CHINESE_DIGITS[number]
        rest = rest[: match.start()].rstrip()
    form = None
    if (match := _FORM.search(rest)) and match.start() > 0:
        form = _FORM_WORDS[match.group(1)]
        rest = rest[: match.start()].rstrip()
    name = single_line(rest.rstrip("，,、:：; "))
    if not name:
        raise CellError(t("无法从“{line}”中识别材料名称", line=line))
    return MaterialLine(name, form, copies, required, tolerance)


def parse_material_lines(value: object) -> list[MaterialLine]:
    """The materials of a single-sheet catalog, one per numbered line (or per ；)."""
    return [parse_material_line(line) for line in _split_material_lines(cell_text(value))]


def format_material_line(seq: int, line: MaterialLine) -> str:
    """The inverse of :func:`parse_material_line`, numbered: "1. 居民身份证原件1份（非必要）"."""
    form = {MaterialForm.ELECTRONIC: "电子版"}.get(line.form, line.form.label) if line.form else ""
    copies = f"{line.copies}份" if line.copies is not None else ""
    marks = "" if line.required else "（非必要）"
    marks += "（可容缺）" if line.tolerance_allowed else ""
    return f"{seq}. {line.name}{form}{copies}{marks}"
