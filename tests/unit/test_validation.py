"""Resident IDs (GB 11643), USCC (GB 32100), phone numbers and masks.

Expected check characters are computed here from each standard's own formulation (weights as
powers of 2 mod 11 and of 3 mod 31), never with the module's helpers, and anchored on numbers
printed in the standards and on real, published credit codes.
"""

from __future__ import annotations

import datetime as dt
import string

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from townclerk.enums import Sex
from townclerk.validation import (
    ResidentId,
    ValidationError,
    mask_id_number,
    mask_phone,
    parse_mobile,
    parse_other_id,
    parse_phone,
    parse_resident_id,
    parse_uscc,
)

TODAY = dt.date(2026, 9, 29)
# No example database: hypothesis must not share files between xdist workers.
PROPERTY = settings(max_examples=300, deadline=None, database=None)

# --- Independent implementations of the two check characters --------------------------------

USCC_ALPHABET = "".join(
    char for char in string.digits + string.ascii_uppercase if char not in "IOZSV"
)


def gb11643_check(first17: str) -> str:
    """ISO 7064 MOD 11-2: weight of position i is 2^(17-i) mod 11; check value (12 - S) mod 11."""
    total = sum(int(digit) * pow(2, 17 - index, 11) for index, digit in enumerate(first17))
    value = (12 - total % 11) % 11
    return "X" if value == 10 else str(value)


def gb32100_check(first17: str) -> str:
    """Weight of position i is 3^i mod 31; check value 31 - (S mod 31), with 31 written 0."""
    total = sum(USCC_ALPHABET.index(char) * pow(3, index, 31) for index, char in enumerate(first17))
    return USCC_ALPHABET[(31 - total % 31) % 31]


def make_id(area: str, birth: str, sequence: str) -> str:
    first17 = area + birth + sequence
    return first17 + gb11643_check(first17)


def full_width(text: str) -> str:
    """What a Chinese input method in full-width mode types: ０-９, Ｘ, ｘ."""
    return "".join(chr(ord(char) + 0xFEE0) if "!" <= char <= "~" else char for char in text)


# --- Resident ID -------------------------------------------------------------------------------

# (area code, birth date, sequence): Xuzhou codes from DOMAIN.md, retired codes, other provinces,
# Hong Kong / Taiwan residence permits, leap days, the oldest date the standard's example uses.
REAL_SHAPED_IDS = [
    ("320300", "19800101", "001"),  # 徐州市
    ("320302", "19751231", "002"),  # 鼓楼区
    ("320303", "19880229", "013"),  # 云龙区, leap day
    ("320305", "20000229", "024"),  # 贾汪区, 2000 is a leap year
    ("320311", "19621008", "035"),  # 泉山区
    ("320312", "19910615", "046"),  # 铜山区
    ("320321", "19450815", "057"),  # 丰县
    ("320322", "19990101", "068"),  # 沛县
    ("320324", "19900315", "123"),  # 睢宁县
    ("320324", "19851120", "002"),  # 睢宁县, check character X
    ("320381", "20101010", "079"),  # 新沂市
    ("320382", "19701122", "080"),  # 邳州市
    ("320323", "19681201", "091"),  # 铜山县: retired in 2010, its IDs stay valid
    ("320304", "19590707", "102"),  # 九里区: retired in 2010
    ("110105", "19491231", "002"),  # the example printed in GB 11643-1999
    ("440524", "18800101", "001"),  # the standard's other example: born 1880
    ("310104", "19930505", "111"),
    ("510107", "20050812", "222"),
    ("650102", "19771103", "333"),
    ("810000", "19950101", "444"),  # 港澳台居民居住证: Hong Kong
    ("830000", "19880808", "555"),  # Taiwan
    ("320324", "20260929", "666"),  # born today
    ("320324", "20260101", "997"),
]


def test_independent_check_matches_the_examples_printed_in_the_standard() -> None:
    assert gb11643_check("11010519491231002") == "X"
    assert gb11643_check("44052418800101001") == "4"


def test_the_real_shaped_list_has_an_x_check_character_and_both_sexes() -> None:
    numbers = [make_id(*row) for row in REAL_SHAPED_IDS]
    assert len(numbers) >= 20
    assert any(number.endswith("X") for number in numbers)
    assert {int(sequence[-1]) % 2 for _, _, sequence in REAL_SHAPED_IDS} == {0, 1}


@pytest.mark.parametrize(("area", "birth", "sequence"), REAL_SHAPED_IDS)
def test_real_shaped_resident_ids_parse(area: str, birth: str, sequence: str) -> None:
    number = make_id(area, birth, sequence)

    parsed = parse_resident_id(number, today=TODAY)

    assert parsed == ResidentId(
        number=number,
        area_code=area,
        birth_date=dt.date(int(birth[:4]), int(birth[4:6]), int(birth[6:])),
        sex=Sex.MALE if int(sequence[2]) % 2 == 1 else Sex.FEMALE,
    )


def test_sex_comes_from_the_17th_digit() -> None:
    assert parse_resident_id(make_id("320324", "19900315", "121"), today=TODAY).sex is Sex.MALE
    assert parse_resident_id(make_id("320324", "19900315", "120"), today=TODAY).sex is Sex.FEMALE
    # Only the 17th digit matters, not the two before it.
    assert parse_resident_id(make_id("320324", "19900315", "998"), today=TODAY).sex is Sex.FEMALE


def test_lower_case_x_is_normalised_to_upper_case() -> None:
    assert parse_resident_id("11010519491231002x", today=TODAY).number == "11010519491231002X"


def test_full_width_digits_and_x_are_normalised() -> None:
    assert (
        parse_resident_id(full_width("11010519491231002x"), today=TODAY).number
        == "11010519491231002X"
    )
    number = make_id("320324", "19900315", "123")
    assert parse_resident_id(full_width(number), today=TODAY).number == number


@pytest.mark.parametrize(
    "typed",
    [
        " 320324 19900315 123{check} ",
        "3203 2419 9003 1512 3{check}",
        "320324\t19900315\t123{check}",
        "320324\u300019900315\u3000123{check}",  # ideographic (full-width) space
    ],
)
def test_spaces_inside_an_id_are_dropped(typed: str) -> None:
    number = make_id("320324", "19900315", "123")
    assert parse_resident_id(typed.format(check=number[-1]), today=TODAY).number == number


ZHANG = make_id("320324", "19900315", "123")


@pytest.mark.parametrize("wrong", [char for char in "0123456789X" if char != ZHANG[-1]])
def test_a_wrong_check_character_is_refused(wrong: str) -> None:
    with pytest.raises(ValidationError, match="校验位不正确"):
        parse_resident_id(ZHANG[:17] + wrong, today=TODAY)


@pytest.mark.parametrize(
    ("birth", "shown"),
    [
        ("19990230", "19990230"),  # 30 February
        ("20230229", "20230229"),  # 2023 is not a leap year
        ("19000229", "19000229"),  # nor is 1900
        ("19901301", "19901301"),  # month 13
        ("19900100", "19900100"),  # day 0
    ],
)
def test_an_impossible_birth_date_is_refused(birth: str, shown: str) -> None:
    with pytest.raises(ValidationError, match=f"出生日期 {shown} 不是有效日期"):
        parse_resident_id(make_id("320324", birth, "123"), today=TODAY)


def test_a_birth_date_after_today_is_refused() -> None:
    tomorrow = make_id("320324", "20260930", "123")
    with pytest.raises(ValidationError, match="2026-09-30 晚于今天"):
        parse_resident_id(tomorrow, today=TODAY)
    # The same number is fine once that day has come.
    assert parse_resident_id(tomorrow, today=dt.date(2026, 9, 30)).birth_date == dt.date(
        2026, 9, 30
    )


def test_a_birth_date_before_1880_is_refused() -> None:
    with pytest.raises(ValidationError, match="1879-12-31 不合理"):
        parse_resident_id(make_id("320324", "18791231", "123"), today=TODAY)


def test_a_15_digit_first_generation_id_is_refused_with_its_reason() -> None:
    with pytest.raises(ValidationError) as refused:
        parse_resident_id("320324900315123", today=TODAY)
    assert "15位一代身份证已于2013年停止使用" in str(refused.value)
    assert "18位二代身份证" in str(refused.value)


@pytest.mark.parametrize("length", [1, 14, 16, 17, 19, 20])
def test_a_wrong_length_is_refused_with_the_length_found(length: int) -> None:
    text = (make_id("320324", "19900315", "123") * 2)[:length]
    with pytest.raises(ValidationError, match=f"应为18位，现为{length}位"):
        parse_resident_id(text, today=TODAY)


@pytest.mark.parametrize(
    "text",
    [
        "3203241990A3151238",  # a letter among the digits
        "32032419900315X238",  # X is only allowed last
        "320324-19900315-12",  # a dash counts as a character
        "32032419900315123Y",  # the check character is a digit or X
        "\u0663" + "20324199003151238",  # an Arabic-Indic three: a digit, but not an ASCII one
        "32032419900315123\u0968",  # a Devanagari two as the check character
    ],
)
def test_anything_but_ascii_digits_and_a_final_x_is_refused(text: str) -> None:
    with pytest.raises(ValidationError, match="前17位应为数字，最后一位为数字或X"):
        parse_resident_id(text, today=TODAY)


@pytest.mark.parametrize("text", ["", "   ", "\u3000"])
def test_an_empty_id_asks_for_one(text: str) -> None:
    with pytest.raises(ValidationError, match="请输入身份证号码"):
        parse_resident_id(text, today=TODAY)


@pytest.mark.parametrize("area", ["012345", "000000", "101010"])
def test_an_area_code_no_province_can_have_is_refused(area: str) -> None:
    # GB/T 2260 province codes run from 11 to 8x: a leading 0 or 10 is a typo, never a real ID.
    with pytest.raises(ValidationError, match="地区码无效"):
        parse_resident_id(make_id(area, "19900315", "123"), today=TODAY)


def test_a_validation_error_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="校验位"):
        parse_resident_id("320324199003151230", today=TODAY)


PLAUSIBLE_AREAS = st.integers(min_value=110000, max_value=999999).map(str)
PLAUSIBLE_BIRTHS = st.dates(min_value=dt.date(1900, 1, 1), max_value=TODAY)
SEQUENCES = st.integers(min_value=0, max_value=999).map(lambda n: f"{n:03d}")


@PROPERTY
@given(area=PLAUSIBLE_AREAS, birth=PLAUSIBLE_BIRTHS, sequence=SEQUENCES)
def test_any_17_digits_with_a_plausible_birth_date_and_their_check_character_parse(
    area: str, birth: dt.date, sequence: str
) -> None:
    number = make_id(area, f"{birth:%Y%m%d}", sequence)

    parsed = parse_resident_id(number, today=TODAY)

    assert parsed.number == number
    assert parsed.area_code == area
    assert parsed.birth_date == birth
    assert parsed.sex is (Sex.MALE if int(sequence[2]) % 2 else Sex.FEMALE)


@PROPERTY
@given(
    area=PLAUSIBLE_AREAS,
    birth=PLAUSIBLE_BIRTHS,
    sequence=SEQUENCES,
    position=st.integers(min_value=0, max_value=17),
    replacement=st.sampled_from("0123456789X"),
)
def test_any_single_character_change_of_a_valid_id_is_refused(
    area: str, birth: dt.date, sequence: str, position: int, replacement: str
) -> None:
    number = make_id(area, f"{birth:%Y%m%d}", sequence)
    if number[position] == replacement:
        replacement = "0" if replacement != "0" else "1"
    changed = number[:position] + replacement + number[position + 1 :]

    with pytest.raises(ValidationError):
        parse_resident_id(changed, today=TODAY)


# --- Unified social credit code ----------------------------------------------------------------

# Published codes of well-known companies (anchors for the independent check above).
PUBLISHED_USCCS = [
    "914403001922038216",  # 华为技术有限公司
    "9144030071526726XG",  # 深圳市腾讯计算机系统有限公司
    "91330100716105852F",
    "91110000802100433B",
    "91350100M000100Y43",  # a code often quoted as a worked example
]
HUAWEI = PUBLISHED_USCCS[0]

# First 17 characters: registration authority + type + area code + organisation code.
REAL_SHAPED_USCC_STEMS = [
    "91320324MA1MQ8T4R",  # 企业 registered in 睢宁县
    "91320324MA1X7P2KC",
    "91320324MA20A3BH9",
    "91320300MA1WJ6LD2",  # 徐州市
    "91320382MA1NE5KQ0",  # 邳州市
    "91320381MA1R28UT7",  # 新沂市
    "91320312MA1Y4H61W",  # 铜山区
    "91320322MA1PCFL8X",  # 沛县
    "92320324MA1N4GW73",  # 个体工商户
    "92320324MA7D1XJ05",
    "93320324MA1Q95K6E",  # 农民专业合作社
    "93320321MA1T0LRF1",
    "11320324014160312",  # 机关
    "12320324466012345",  # 事业单位
    "51320324MJ5567012",  # 社会团体
    "52320324MJ5601237",  # 民办非企业单位
    "54320324MEA28761Y",  # 村民委员会
    "Y1320324MF0A1B2C3",
    "91320000134767582",  # 江苏省
    "91110108MA01AB2C0",  # Beijing
]


def test_independent_uscc_check_matches_published_codes() -> None:
    for code in PUBLISHED_USCCS:
        assert gb32100_check(code[:17]) == code[17], code


@pytest.mark.parametrize("code", PUBLISHED_USCCS)
def test_published_usccs_parse(code: str) -> None:
    assert parse_uscc(code) == code


@pytest.mark.parametrize("stem", REAL_SHAPED_USCC_STEMS)
def test_real_shaped_usccs_parse(stem: str) -> None:
    code = stem + gb32100_check(stem)
    assert parse_uscc(code) == code


def test_usccs_are_at_least_20_and_cover_check_characters_widely() -> None:
    checks = {gb32100_check(stem) for stem in REAL_SHAPED_USCC_STEMS}
    assert len(REAL_SHAPED_USCC_STEMS) + len(PUBLISHED_USCCS) >= 20
    assert any(char.isalpha() for char in checks)
    assert any(char.isdigit() for char in checks)


@pytest.mark.parametrize("forbidden", list("IOZSV"))
def test_each_forbidden_letter_is_refused_by_name(forbidden: str) -> None:
    stem = REAL_SHAPED_USCC_STEMS[0]
    code = stem[:10] + forbidden + stem[11:] + "0"
    with pytest.raises(ValidationError, match=f"不允许的字符：{forbidden}"):
        parse_uscc(code)


def test_forbidden_letters_typed_in_lower_case_are_refused_too() -> None:
    with pytest.raises(ValidationError, match="不允许的字符：O、S"):
        parse_uscc("91320324ma1mq8t4os")


@pytest.mark.parametrize("wrong", [char for char in USCC_ALPHABET if char != HUAWEI[-1]])
def test_a_wrong_uscc_check_character_is_refused(wrong: str) -> None:
    with pytest.raises(ValidationError, match="校验位不正确"):
        parse_uscc(HUAWEI[:17] + wrong)


@pytest.mark.parametrize("length", [8, 9, 15, 17, 19])
def test_a_uscc_of_the_wrong_length_is_refused(length: int) -> None:
    with pytest.raises(ValidationError, match=f"应为18位，现为{length}位"):
        parse_uscc((PUBLISHED_USCCS[1] * 2)[:length])


def test_lower_case_full_width_and_spaced_usccs_are_normalised() -> None:
    assert parse_uscc("9144030071526726xg") == "9144030071526726XG"
    assert parse_uscc(full_width("9144030071526726xg")) == "9144030071526726XG"
    assert parse_uscc(" 91440300 7152 6726XG ") == "9144030071526726XG"


def test_an_empty_uscc_asks_for_one() -> None:
    with pytest.raises(ValidationError, match="请输入统一社会信用代码"):
        parse_uscc("  ")


USCC_STEMS = st.text(alphabet=USCC_ALPHABET, min_size=17, max_size=17)


@PROPERTY
@given(stem=USCC_STEMS)
def test_any_17_uscc_characters_with_their_check_character_parse(stem: str) -> None:
    code = stem + gb32100_check(stem)
    assert parse_uscc(code.lower()) == code


@PROPERTY
@given(
    stem=USCC_STEMS,
    position=st.integers(min_value=0, max_value=17),
    replacement=st.sampled_from(USCC_ALPHABET),
)
def test_any_single_character_change_of_a_valid_uscc_is_refused(
    stem: str, position: int, replacement: str
) -> None:
    code = stem + gb32100_check(stem)
    if code[position] == replacement:
        replacement = "0" if replacement != "0" else "1"
    with pytest.raises(ValidationError, match="校验位不正确"):
        parse_uscc(code[:position] + replacement + code[position + 1 :])


# --- Other documents (passport, military ID, ...) ------------------------------------------------


def test_another_documents_number_is_normalised_like_the_others() -> None:
    assert parse_other_id(" e1234 5678 ") == "E12345678"
    assert parse_other_id(full_width("e12345678")) == "E12345678"


@pytest.mark.parametrize("length", [3, 64])
def test_another_documents_number_may_have_3_to_64_characters(length: int) -> None:
    assert parse_other_id("A" * length) == "A" * length


@pytest.mark.parametrize("typed", ["", "  ", "AB", "A" * 65])
def test_another_documents_number_outside_3_to_64_characters_is_refused(typed: str) -> None:
    with pytest.raises(ValidationError, match="3至64个字符"):
        parse_other_id(typed)


# --- Phone numbers -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed",
    [
        "13812345678",
        "+8613812345678",
        "+86 138 1234 5678",
        "+86-138-1234-5678",
        "0086 13812345678",
        "138-1234-5678",
        " 138 1234 5678 ",
        full_width("13812345678"),
        full_width("+86 138-1234-5678"),
    ],
)
def test_a_mobile_number_is_normalised_to_its_11_digits(typed: str) -> None:
    assert parse_mobile(typed) == "13812345678"


@pytest.mark.parametrize("second", "3456789")
def test_every_mobile_prefix_from_13_to_19_is_accepted(second: str) -> None:
    number = f"1{second}912345678"
    assert parse_mobile(number) == number


@pytest.mark.parametrize(
    "typed",
    [
        "12345678901",  # 12x is no mobile prefix
        "11012345678",
        "10086100861",
        "138123456789",  # 12 digits
        "1381234567",  # 10 digits
        "+86 138123456789",
        "23812345678",
        "1381234567a",
        "138\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668",  # Arabic-Indic digits
        "86 13812345678",  # the country code without its + or 00
    ],
)
def test_a_malformed_mobile_number_is_refused(typed: str) -> None:
    with pytest.raises(ValidationError, match="手机号码应为11位数字，以13至19开头"):
        parse_mobile(typed)


@pytest.mark.parametrize("typed", ["", "  ", "+86", "0086 "])
def test_an_empty_mobile_number_asks_for_one(typed: str) -> None:
    with pytest.raises(ValidationError, match="请输入手机号码"):
        parse_mobile(typed)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("0516-88881234", "0516-88881234"),  # Xuzhou
        ("051688881234", "0516-88881234"),
        ("0516 8888 1234", "0516-88881234"),
        ("0516-8888-1234", "0516-88881234"),
        (full_width("0516-88881234"), "0516-88881234"),
        ("010-12345678", "010-12345678"),  # Beijing: a 3-digit area code
        ("01012345678", "010-12345678"),
        ("025-83201234", "025-83201234"),  # Nanjing
        ("0516-8888123", "0516-8888123"),  # a 7-digit local number
        ("13812345678", "13812345678"),
        ("+86 138 1234 5678", "13812345678"),
    ],
)
def test_a_phone_is_a_mobile_or_a_landline_with_its_area_code(typed: str, expected: str) -> None:
    assert parse_phone(typed) == expected


@pytest.mark.parametrize(
    "typed",
    [
        "88881234",  # no area code
        "516-88881234",  # area code without its leading 0
        "0516-888812345",  # 9-digit local number
        "0516-888812",  # 6-digit local number: once taken for 051 + 6888812
        "010-1234567",  # Beijing local numbers have 8 digits
        "025-8320123",
        "0105-12345678",  # once split as 010-512345678
        "0516-8888123a",
        "0516-\u0668\u0668\u0668\u0668\u0661\u0662\u0663\u0664",  # Arabic-Indic digits
    ],
)
def test_a_malformed_landline_is_refused(typed: str) -> None:
    with pytest.raises(ValidationError, match="带区号的固定电话"):
        parse_phone(typed)


def test_a_malformed_mobile_given_as_a_phone_gets_the_mobile_message() -> None:
    with pytest.raises(ValidationError, match="以13至19开头"):
        parse_phone("12345678901")


def test_an_empty_phone_asks_for_one() -> None:
    with pytest.raises(ValidationError, match="请输入联系电话"):
        parse_phone(" ")


# --- Masks -------------------------------------------------------------------------------------


def test_an_id_mask_keeps_the_first_6_and_last_4_characters() -> None:
    assert mask_id_number("320324199003151234") == "320324********1234"
    assert mask_id_number("11010519491231002X") == "110105********002X"


def test_a_short_id_is_masked_whole() -> None:
    assert mask_id_number("A1234567") == "********"
    assert mask_id_number("") == ""


def test_a_mobile_mask_keeps_the_first_3_and_last_4_digits() -> None:
    assert mask_phone("13812345678") == "138****5678"


def test_a_landline_mask_keeps_the_area_code_and_last_4_digits() -> None:
    assert mask_phone("0516-88881234") == "0516-****1234"
    assert mask_phone("010-12345678") == "010-****5678"
    assert mask_phone("88881234") == "****1234"
    assert mask_phone("1234") == "****"
