"""Checks for the identifiers residents give at the window (rules in shared/DOMAIN.md).

Every parser normalises what it is given (spaces, full-width characters, lower-case x) and raises
:class:`ValidationError` with a message that tells the clerk what is wrong (Chinese, or the
language chosen with :func:`townclerk.i18n.set_language`).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

from townclerk.enums import Sex
from townclerk.errors import UserError
from townclerk.i18n import t


class ValidationError(UserError, ValueError):
    """The value is malformed; ``str(error)`` says why, in the current language."""


@dataclass(frozen=True)
class ResidentId:
    number: str
    area_code: str
    birth_date: dt.date
    sex: Sex


_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK_CHARS = "10X98765432"
_USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
# ASCII [0-9], not \d: \d and str.isdigit() also accept other scripts' digits (e.g. Arabic-Indic),
# which NFKC leaves alone, and such a "number" would be stored unnormalised.
_ID_SHAPE = re.compile(r"[0-9]{17}[0-9X]")
_FIRST_GENERATION_ID = re.compile(r"[0-9]{15}")
_MOBILE = re.compile(r"1[3-9][0-9]{9}")
_LANDLINE_DIGITS = re.compile(r"0[0-9]{9,11}")
# Beijing and the 02x cities have 3-digit area codes and 8-digit local numbers; every other area
# code has 4 digits and local numbers of 7 or 8.
_THREE_DIGIT_AREA_CODES = frozenset(
    {"010", "020", "021", "022", "023", "024", "025", "027", "028", "029"}
)

ID_LENGTH = 18  # a resident ID number and a unified social credit code alike
OTHER_ID_LENGTHS = range(3, 65)  # any other document's number: 3 to 64 characters
NAME_MAX_LENGTH = 128  # an applicant's, an agent's or an organisation's name
ADDRESS_MAX_LENGTH = 255


def clean_number(text: str) -> str:
    """Full-width to half-width (NFKC); drop the whitespace a clerk may type inside a number."""
    normalised = unicodedata.normalize("NFKC", text)
    return re.sub(r"[\s]", "", normalised)


def id_check_character(first17: str) -> str:
    total = sum(int(digit) * weight for digit, weight in zip(first17, _ID_WEIGHTS, strict=True))
    return _ID_CHECK_CHARS[total % 11]


def parse_resident_id(text: str, *, today: dt.date | None = None) -> ResidentId:
    """Parse an 18-character resident ID number (GB 11643-1999)."""
    number = clean_number(text).upper()
    if not number:
        raise ValidationError(t("请输入身份证号码"))
    if _FIRST_GENERATION_ID.fullmatch(number):
        raise ValidationError(t("15位一代身份证已于2013年停止使用，请出示18位二代身份证"))
    if len(number) != ID_LENGTH:
        raise ValidationError(t("身份证号码应为18位，现为{count}位", count=len(number)))
    if not _ID_SHAPE.fullmatch(number):
        raise ValidationError(t("身份证号码前17位应为数字，最后一位为数字或X"))
    if number[0] == "0" or number[:2] == "10":
        raise ValidationError(t("身份证号码的地区码无效"))
    try:
        birth = dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        raise ValidationError(
            t("身份证号码中的出生日期 {digits} 不是有效日期", digits=number[6:14])
        ) from None
    today = today or dt.date.today()
    if birth > today:
        raise ValidationError(t("身份证号码中的出生日期 {birth:%Y-%m-%d} 晚于今天", birth=birth))
    if birth.year < 1880:
        raise ValidationError(t("身份证号码中的出生日期 {birth:%Y-%m-%d} 不合理", birth=birth))
    expected = id_check_character(number[:17])
    if number[17] != expected:
        raise ValidationError(t("身份证号码校验位不正确，请核对是否输错"))
    sex = Sex.MALE if int(number[16]) % 2 == 1 else Sex.FEMALE
    return ResidentId(number=number, area_code=number[:6], birth_date=birth, sex=sex)


def uscc_check_character(first17: str) -> str:
    total = sum(
        _USCC_ALPHABET.index(char) * weight
        for char, weight in zip(first17, _USCC_WEIGHTS, strict=True)
    )
    return _USCC_ALPHABET[(31 - total % 31) % 31]


def parse_uscc(text: str) -> str:
    """Parse a unified social credit code (GB 32100-2015); return it normalised."""
    code = clean_number(text).upper()
    if not code:
        raise ValidationError(t("请输入统一社会信用代码"))
    if len(code) != ID_LENGTH:
        raise ValidationError(t("统一社会信用代码应为18位，现为{count}位", count=len(code)))
    bad = sorted({char for char in code if char not in _USCC_ALPHABET})
    if bad:
        raise ValidationError(
            t(
                "统一社会信用代码含有不允许的字符：{characters}（不使用 I、O、Z、S、V）",
                characters=t("、").join(bad),
            )
        )
    if uscc_check_character(code[:17]) != code[17]:
        raise ValidationError(t("统一社会信用代码校验位不正确，请核对是否输错"))
    return code


def parse_other_id(text: str) -> str:
    """The number of a document other than a resident ID or a credit code, normalised."""
    number = clean_number(text).upper()
    if len(number) not in OTHER_ID_LENGTHS:
        raise ValidationError(t("请填写证件号码（3至64个字符）"))
    return number


def parse_mobile(text: str) -> str:
    """A mainland mobile number, with or without +86; return the 11 digits."""
    number = re.sub(r"[\s\-]", "", clean_number(text))
    if number.startswith("+86"):
        number = number[3:]
    elif number.startswith("0086"):
        number = number[4:]
    if not number:
        raise ValidationError(t("请输入手机号码"))
    if not _MOBILE.fullmatch(number):
        raise ValidationError(t("手机号码应为11位数字，以13至19开头"))
    return number


def is_whole_id_number(text: str) -> bool:
    """Shaped like a complete resident ID number or unified social credit code (not checked)."""
    return bool(_ID_SHAPE.fullmatch(text)) or (
        len(text) == 18 and all(char in _USCC_ALPHABET for char in text)
    )


def is_whole_mobile(text: str) -> bool:
    """Shaped like a complete mobile number, 11 digits (not checked further)."""
    return bool(_MOBILE.fullmatch(text))


def parse_phone(text: str) -> str:
    """A mobile number or a landline with its area code (e.g. 0516-88881234)."""
    cleaned = clean_number(text)
    if not cleaned:
        raise ValidationError(t("请输入联系电话"))
    digits = re.sub(r"[\s\-]", "", cleaned)
    if digits.startswith(("+86", "0086")) or (digits.startswith("1") and len(digits) == 11):
        return parse_mobile(cleaned)
    if _LANDLINE_DIGITS.fullmatch(digits):
        area_length = 3 if digits[:3] in _THREE_DIGIT_AREA_CODES else 4
        local_lengths = (8,) if area_length == 3 else (7, 8)
        if len(digits) - area_length in local_lengths:
            return f"{digits[:area_length]}-{digits[area_length:]}"
    raise ValidationError(t("联系电话应为11位手机号码，或带区号的固定电话（如 0516-88881234）"))


def mask_id_number(number: str) -> str:
    """Keep the first 6 and last 4 characters (GB/T 35273 display limits)."""
    if len(number) <= 10:
        return "*" * len(number)
    return number[:6] + "*" * (len(number) - 10) + number[-4:]


def mask_phone(number: str) -> str:
    """138****5678 for mobiles; landlines keep the area code and last 4 digits."""
    if len(number) == 11 and number.isdigit():
        return number[:3] + "****" + number[-4:]
    if len(number) <= 4:
        return "*" * len(number)
    head, _, tail = number.partition("-")
    if tail:
        return head + "-" + "*" * max(len(tail) - 4, 0) + tail[-4:]
    return "*" * (len(number) - 4) + number[-4:]


# C0 controls, DEL and the C1 controls: NUL ends a string in C programs, ESC drives terminals,
# and none of them can be typed, printed or stored in an xlsx cell. Tab and line feed are
# allowed where a field may hold several lines.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_CONTROL_ONE_LINE = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def check_plain_text(text: str, what: str, *, multiline: bool = False) -> str:
    """Refuse ``text`` holding control characters; ``what`` names the field (already in the
    current language). Returns ``text`` unchanged."""
    pattern = _CONTROL if multiline else _CONTROL_ONE_LINE
    found = pattern.search(text)
    if found is not None:
        code = "U+" + format(ord(found.group()), "04X")
        raise ValidationError(
            t("{what}含有不可见的控制字符（{code}），请删除后重新输入", what=what, code=code)
        )
    return text
