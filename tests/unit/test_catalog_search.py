"""Searching the catalog: Chinese, pinyin initials and full pinyin, codes, departments, ranking."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import pytest
from sqlalchemy import update

from tests.conftest import FakeClock
from tests.data.catalog_builders import (
    ITEM_HEADER,
    MATERIAL_HEADER,
    item_row,
    write_generated,
    write_sheets,
)
from tests.factories import ItemRef, intake_for, make_item, resident_id
from townclerk.db.database import Database
from townclerk.db.models import ServiceItem
from townclerk.enums import CaseKind, Category, Level
from townclerk.services.access import Actor
from townclerk.services.cases import CaseService
from townclerk.services.catalog import CatalogService
from townclerk.services.search import (
    TIER_DEPARTMENT,
    TIER_EXACT,
    TIER_PINYIN,
    TIER_PREFIX,
    TIER_SUBSTRING,
    CatalogSearch,
    ItemSummary,
    PinyinKeys,
    fold,
    normalise_query,
    pinyin_keys,
)
from townclerk.services.settings import SettingsService

ITEMS = [
    # code, name, department
    ("GT-0", "个体工商户", "县市场监督管理局"),
    ("GT-1", "个体工商户设立登记", "县市场监督管理局"),
    ("GT-2", "个体工商户注销登记", "县市场监督管理局"),
    ("NY-1", "农村个体工商户帮扶", "县农业农村局"),
    ("CL-1", "重度残疾人护理补贴", "县残疾人联合会"),
    ("YH-1", "银行卡信息变更", "县人力资源和社会保障局"),
    ("SW-1", "农贸市场摊位登记", "县商务局"),
]


def import_items(db: Database, admin: Actor, path: Path, items: list[tuple[str, str, str]]) -> None:
    rows = [ITEM_HEADER] + [item_row(code, name, department=dept) for code, name, dept in items]
    materials = [MATERIAL_HEADER] + [[code, 1, "居民身份证"] for code, _name, _dept in items]
    outcome = CatalogService(db).import_file(
        admin, write_sheets(path, {"事项": rows, "申请材料": materials})
    )
    assert outcome.version is not None


@pytest.fixture
def search(db: Database, admin: Actor, tmp_path: Path) -> CatalogSearch:
    import_items(db, admin, tmp_path / "catalog.xlsx", ITEMS)
    return CatalogSearch.load(db)


def codes(results: list[ItemSummary]) -> list[str]:
    return [item.code for item in results]


def accept_cases(db: Database, clerk: Actor, code: str, window_id: int, times: int) -> None:
    service = CatalogService(db)
    item = next(i for i in service.items() if i.code == code)
    detail = service.item(item.id)
    ref = ItemRef(detail.id, tuple(m.id for m in detail.materials))
    for sequence in range(times):
        id_number = resident_id(sequence=f"{100 + sequence * 2 + 1:03d}")
        CaseService(db).accept(clerk, intake_for(ref, id_number=id_number, window_id=window_id))


def test_pinyin_keys_use_phrase_data_for_polyphonic_characters() -> None:
    assert pinyin_keys("个体工商户设立登记").initials == "gtgshsldj"
    assert pinyin_keys("重度残疾人护理补贴").full.startswith("zhong du can ji ren")
    assert pinyin_keys("银行卡信息变更").full.startswith("yin hang")
    assert pinyin_keys("（第2类）医疗器械ABC").initials == "d2lylqxabc"


def test_chinese_substring_ranked_exact_then_prefix_then_inside(search: CatalogSearch) -> None:
    assert codes(search.search("个体工商户")) == ["GT-0", "GT-1", "GT-2", "NY-1"]


def test_pinyin_initials(search: CatalogSearch) -> None:
    assert codes(search.search("gtgshsldj")) == ["GT-1"]
    # Prefix of the initials first (shorter names first), then initials found further in.
    assert codes(search.search("gtgs")) == ["GT-0", "GT-1", "GT-2", "NY-1"]
    assert codes(search.search("zdcjr")) == ["CL-1"]


def test_full_pinyin_from_the_start_or_at_a_syllable(search: CatalogSearch) -> None:
    assert codes(search.search("getigongshang")) == ["GT-0", "GT-1", "GT-2", "NY-1"]
    # At the 7th syllable (SW-1) before the 8th (GT-1, GT-2).
    assert codes(search.search("dengji")) == ["SW-1", "GT-1", "GT-2"]
    assert search.search("engji") == []  # not at a syllable: "d-engji" is noise


def test_polyphonic_characters(search: CatalogSearch) -> None:
    assert codes(search.search("zhongdu")) == ["CL-1"]
    assert search.search("chongdu") == []
    assert codes(search.search("yinhang")) == ["YH-1"]
    assert search.search("yinxing") == []


def test_code_prefix(search: CatalogSearch) -> None:
    assert codes(search.search("gt-")) == ["GT-0", "GT-1", "GT-2"]
    assert codes(search.search("GT-2")) == ["GT-2"]
    assert search.search("t-1") == []  # codes match from the start only


def test_department_comes_last(search: CatalogSearch) -> None:
    assert codes(search.search("残疾人联合会")) == ["CL-1"]
    # 市场 is inside SW-1's name (tier 3) and inside three departments (tier 4).
    assert codes(search.search("市场")) == ["SW-1", "GT-0", "GT-1", "GT-2"]


def test_query_is_folded_and_limited(search: CatalogSearch) -> None:
    assert codes(search.search("ＧＴＧＳ")) == codes(search.search("gtgs"))
    assert codes(search.search(" gt gs ")) == codes(search.search("gtgs"))
    assert codes(search.search("gtgs", limit=2)) == ["GT-0", "GT-1"]
    assert search.search("") == []
    assert search.search("   ") == []
    assert search.search("gtgs", limit=0) == []


def test_summary_fields(search: CatalogSearch) -> None:
    (found,) = search.search("zhongdu")
    assert found.name == "重度残疾人护理补贴"
    assert found.department == "县残疾人联合会"
    assert (found.category, found.level, found.case_kind) == (
        Category.LICENSING,
        Level.TOWNSHIP,
        CaseKind.PROMISED,
    )
    assert (found.promised_days, found.statutory_days) == (5, 20)


def test_window_usage_boosts_within_a_tier(
    db: Database, admin: Actor, clerk: Actor, clock: FakeClock, search: CatalogSearch
) -> None:
    settings = SettingsService(db)
    window = settings.add_window(admin, "综合窗口一").id
    other = settings.add_window(admin, "综合窗口二").id
    accept_cases(db, clerk, "GT-2", window, 2)
    accept_cases(db, clerk, "NY-1", window, 3)
    accept_cases(db, clerk, "GT-1", other, 1)
    search.reload()
    # GT-2 rises above GT-0 and GT-1; NY-1, used most, stays in its lower tier.
    assert codes(search.search("gtgs", window_id=window)) == ["GT-2", "GT-0", "GT-1", "NY-1"]
    assert codes(search.search("gtgs", window_id=other)) == ["GT-1", "GT-0", "GT-2", "NY-1"]
    # Many items start with the query: the used one still comes first, even with a small limit.
    assert codes(search.search("gt-", window_id=window, limit=1)) == ["GT-2"]
    assert codes(search.most_used(window)) == ["NY-1", "GT-2"]
    assert codes(search.most_used(other)) == ["GT-1"]
    assert codes(search.most_used(None)) == ["NY-1", "GT-2", "GT-1"]
    assert codes(search.most_used(window, limit=1)) == ["NY-1"]


def test_usage_boost_for_one_letter(
    db: Database, admin: Actor, clerk: Actor, search: CatalogSearch
) -> None:
    window = SettingsService(db).add_window(admin, "综合窗口一").id
    # "g": GT-0, GT-1, GT-2 by their initials (tier 2), then NY-1 (g 3rd) and YH-1 (g 7th).
    assert codes(search.search("g", window_id=window)) == ["GT-0", "GT-1", "GT-2", "NY-1", "YH-1"]
    accept_cases(db, clerk, "YH-1", window, 1)
    search.reload()
    assert codes(search.search("g", window_id=window, limit=4)) == ["GT-0", "GT-1", "GT-2", "YH-1"]
    assert codes(search.search("g", window_id=window)) == ["GT-0", "GT-1", "GT-2", "YH-1", "NY-1"]
    # The same for a department: 县 is in every department.
    assert codes(search.search("县", window_id=window, limit=1)) == ["YH-1"]


def test_only_recent_usage_counts(
    db: Database, admin: Actor, clerk: Actor, clock: FakeClock, search: CatalogSearch
) -> None:
    window = SettingsService(db).add_window(admin, "综合窗口一").id
    now = clock.now
    clock.set(now - dt.timedelta(days=120))
    accept_cases(db, clerk, "GT-2", window, 3)
    clock.set(now)
    accept_cases(db, clerk, "GT-1", window, 1)
    search.reload()
    assert codes(search.most_used(window)) == ["GT-1"]


def test_retired_items_are_excluded_after_reload(
    db: Database, admin: Actor, tmp_path: Path, search: CatalogSearch
) -> None:
    import_items(db, admin, tmp_path / "v2.xlsx", [i for i in ITEMS if i[0] != "GT-1"])
    assert codes(search.search("gtgshsldj")) == ["GT-1"]  # the index is a snapshot…
    search.reload()
    assert search.search("gtgshsldj") == []  # …until reloaded
    assert "GT-1" not in codes(search.search("个体工商户"))
    assert len(search) == len(ITEMS) - 1


def test_pinyin_keys_come_from_the_database(db: Database, search: CatalogSearch) -> None:
    with db.sessions.begin() as session:
        session.execute(
            update(ServiceItem)
            .where(ServiceItem.code == "CL-1")
            .values(pinyin_initials="qqq", pinyin_full="qi qi qi")
        )
    search.reload()
    assert codes(search.search("qqq")) == ["CL-1"]
    assert codes(search.search("qiqi")) == ["CL-1"]
    assert search.search("zdcjr") == []


def test_items_written_without_keys_are_still_found(db: Database) -> None:
    make_item(db, code="F-1", name="个体工商户设立登记")
    assert codes(CatalogSearch.load(db).search("gtgs")) == ["F-1"]


def reference_ranking(
    items: list[ItemSummary],
    keys_of: dict[str, PinyinKeys],
    query: str,
    limit: int,
    aliases_of: dict[str, tuple[str, ...]] | None = None,
) -> list[str]:
    """The ranking the module promises, computed the slow, obvious way (``aliases_of``: item
    code → everyday names, which rank like the name, their pinyin like the name's)."""
    query = normalise_query(query)
    ranked = []
    for item in items:
        name, code, department = (fold(text) for text in (item.name, item.code, item.department))
        aliases = [fold(alias) for alias in (aliases_of or {}).get(item.code, ())]
        alias_keys = [pinyin_keys(alias) for alias in aliases]
        keys = keys_of[item.name]
        syllables = keys.full.split(" ")
        joined = "".join(syllables)
        offsets = [len("".join(syllables[:k])) for k in range(len(syllables))]
        if query in (name, code, *aliases):
            rank = (TIER_EXACT, 0)
        elif any(text.startswith(query) for text in (name, code, *aliases)):
            rank = (TIER_PREFIX, 0)
        elif any(
            text.startswith(query)
            for text in (
                keys.initials,
                joined,
                *(k.initials for k in alias_keys),
                *(k.full.replace(" ", "") for k in alias_keys),
            )
        ):
            rank = (TIER_PINYIN, 0)
        else:
            inside = [text.find(query) for text in (name, *aliases) if query in text]
            if query in keys.initials:
                inside.append(keys.initials.find(query))
            inside += [k for k, at in enumerate(offsets) if joined.startswith(query, at)]
            if inside:
                rank = (TIER_SUBSTRING, min(inside))
            elif query in department:
                rank = (TIER_DEPARTMENT, department.find(query))
            else:
                continue
        ranked.append((rank[0], rank[1], len(item.name), item.code))
    return [code for *_rank, code in sorted(ranked)][:limit]


def test_ranking_matches_the_obvious_implementation(
    db: Database, admin: Actor, tmp_path: Path
) -> None:
    CatalogService(db).import_file(admin, write_generated(tmp_path / "many.xlsx", 300, 1))
    search = CatalogSearch.load(db)
    items = CatalogService(db).items()
    keys_of = {item.name: pinyin_keys(item.name) for item in items}
    rng = random.Random(3)
    texts = ["s", "z", "d", "zh", "ng", "证", "登记", "县", "县民", "320324-0001", "民政"]
    texts += list("abcdefghijklmnopqrstuvwxyz0123456789")
    for item in rng.sample(items, 40):
        keys = keys_of[item.name]
        start = rng.randrange(len(item.name))
        texts += [
            item.name[start : start + rng.randint(1, 3)],
            keys.initials[rng.randrange(len(keys.initials)) :][: rng.randint(1, 4)],
            keys.full.replace(" ", "")[: rng.randint(2, 8)],
            keys.full.split(" ", 2)[-1].replace(" ", "")[:5],
        ]
    for text in texts:
        for limit in (1, 5, 20, 1000):
            assert codes(search.search(text, limit=limit)) == reference_ranking(
                items, keys_of, text, limit
            ), (text, limit)


def test_everyday_names_rank_as_the_obvious_implementation_says_within_the_limit(
    db: Database, admin: Actor, tmp_path: Path
) -> None:
    """Many items share everyday names and their beginnings (低保, 低保金…, the pinyin dibao):
    the ranking is the promised one at every limit, and a query gathers no more of them than
    the limit needs (no item of a later tier can outrank what it gathered)."""
    catalog = CatalogService(db)
    catalog.import_file(admin, write_generated(tmp_path / "many.xlsx", 300, 1))
    items = catalog.items()
    rng = random.Random(5)
    aliases_of: dict[str, tuple[str, ...]] = {}
    for number, item in enumerate(rng.sample(items, 120)):
        names = ("低保", f"低保金{number % 7}", f"吃低保{number % 3}", item.name[1:4] + "证")
        aliases_of[item.code] = names[number % 2 :]
        catalog.set_aliases(admin, item.id, aliases_of[item.code])
    search = CatalogSearch.load(db)
    keys_of = {item.name: pinyin_keys(item.name) for item in items}
    texts = ["低保", "低保金", "低保金3", "低", "保", "吃", "吃低保1", "db", "dbj", "dibao", "证"]
    texts += ["cdb", "dib", "bao", "j", "z"] + [item.name[1:3] for item in rng.sample(items, 10)]
    for text in texts:
        for limit in (1, 5, 20, 1000):
            assert codes(search.search(text, limit=limit)) == reference_ranking(
                items, keys_of, text, limit, aliases_of
            ), (text, limit)
    exact = sum(1 for names in aliases_of.values() if "低保" in names)
    # 120 items have a name starting with 低保: the exact ones and the best five by rank
    assert len(search._index.matches("低保", 5)) <= exact + 5 < 120
    assert len(search._index.matches("低保金", 5)) <= 5
    assert len(search._index.matches("dib", 5)) <= 5


def test_new_cases_count_after_forget_usage(
    db: Database, admin: Actor, clerk: Actor, search: CatalogSearch
) -> None:
    window = SettingsService(db).add_window(admin, "综合窗口一").id
    accept_cases(db, clerk, "GT-1", window, 1)
    search.reload()
    assert codes(search.most_used(window)) == ["GT-1"]
    accept_cases(db, clerk, "NY-1", window, 2)
    assert codes(search.most_used(window)) == ["GT-1"]  # cached until told
    search.forget_usage()
    assert codes(search.most_used(window)) == ["NY-1", "GT-1"]
