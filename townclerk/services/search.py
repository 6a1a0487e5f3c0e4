"""Finding a catalog item in a keystroke or two: an in-memory index over the active items.

A query matches an item's name (Chinese substring), its pinyin initials (个体工商户设立登记 ←
"gtgs"), its full pinyin (← "getigongshang", or "dengji" at a syllable), its code (prefix),
its everyday names (常用名: 低保, 个体户, and their pinyin) or its department. Results are
ranked in tiers, best first:

0. the name, an everyday name or the code is exactly the query;
1. the name, an everyday name or the code starts with the query;
2. the pinyin initials or full pinyin of the name or of an everyday name start with the query;
3. the query is inside the name, an everyday name, the initials, or the full pinyin from a
   syllable on;
4. the query is inside the department.

Within a tier, items the window used most in the last :data:`USAGE_DAYS` days come first, then
earlier matches and shorter names. Pinyin keys are computed once, at import, with pypinyin's
phrase data (so 重度 is "zhongdu" and 银行 "yinhang"), and read back from the database here.
"""

from __future__ import annotations

import datetime as dt
import heapq
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from dataclasses import field as dataclass_field

from sqlalchemy import func, select

from townclerk.db.database import Database
from townclerk.db.line_lists import split_lines
from townclerk.db.models import Case, ServiceItem
from townclerk.enums import CaseKind, Category, Level

USAGE_DAYS = 90

TIER_EXACT = 0
TIER_PREFIX = 1
TIER_PINYIN = 2
TIER_SUBSTRING = 3
TIER_DEPARTMENT = 4

_EXACT = (TIER_EXACT, 0)
_PREFIX = (TIER_PREFIX, 0)
_PINYIN = (TIER_PINYIN, 0)
_SEPARATOR = "\x00"
_LAST_CHARACTER = "\U0010ffff"


@dataclass(frozen=True)
class ItemSummary:
    """An item as result lists show it."""

    id: int
    code: str
    name: str
    department: str
    category: Category
    case_kind: CaseKind
    promised_days: int
    statutory_days: int
    level: Level
    active: bool = True


@dataclass
class WindowUsage:
    """How many cases a window (or the whole center) registered for each item in the
    :data:`USAGE_DAYS` days up to ``day``, kept current by adding the cases registered since.

    Counting 90 days of cases reads tens of thousands of rows in a busy center; registering a
    case adds one. So the counts are read once (and again on a new day, when old days drop
    out), and afterwards only the cases with an id above ``last_case_id`` are added.
    """

    day: dt.date
    last_case_id: int = 0
    counts: dict[int, int] = dataclass_field(default_factory=dict)  # item id → cases

    @property
    def first_day(self) -> dt.date:
        return usage_start(self.day)

    def add(self, case_id: int, item_id: int, received_on: dt.date) -> None:
        """Count one case registered after the counts were read (each case once)."""
        if case_id <= self.last_case_id:
            return
        self.last_case_id = case_id
        if received_on >= self.first_day:
            self.counts[item_id] = self.counts.get(item_id, 0) + 1


def usage_start(day: dt.date) -> dt.date:
    """The first day whose cases count as recent usage on ``day``."""
    return day - dt.timedelta(days=USAGE_DAYS)


@dataclass(frozen=True)
class PinyinKeys:
    initials: str  # "gtgshsldj"
    full: str  # "ge ti gong shang hu she li deng ji": syllables, space-separated


def fold(text: str) -> str:
    """Full-width to half-width and lower case, so "ＧＴ" finds what "gt" finds."""
    return unicodedata.normalize("NFKC", text).lower()


def _letters_and_digits(chunk: str) -> str:
    """A chunk that is not Chinese: each letter or digit a syllable of its own, the rest dropped."""
    return " ".join(character for character in chunk if character.isalnum())


def pinyin_keys(name: str) -> PinyinKeys:
    """The search keys of an item name; letters and digits in the name count as syllables."""
    # pypinyin's phrase tables take ~0.2 s to import; keys are only made when a catalog is
    # imported, so the start-up does not pay for them.
    from pypinyin import lazy_pinyin

    syllables = " ".join(lazy_pinyin(fold(name), errors=_letters_and_digits)).split()
    return PinyinKeys(
        initials="".join(s[0] for s in syllables),
        full=" ".join(syllables),
    )


def normalise_query(text: str) -> str:
    return "".join(ch for ch in "".join(fold(text).split()) if ch.isprintable())


class _Field:
    """One text per entry joined into a single string, so finding a query is one C-level scan;
    and the same texts sorted, so the entries whose text starts with the query are a bisection.

    An entry is an item, or (``owner`` given: entry → item index) one of an item's several
    texts, such as its everyday names.
    """

    def __init__(self, texts: Sequence[str], owner: Sequence[int] | None = None) -> None:
        self.texts = list(texts)
        self.owner = owner
        self._entries_of: dict[int, list[int]] = {}
        for entry, item in enumerate(owner or ()):
            self._entries_of.setdefault(item, []).append(entry)
        self.starts: list[int] = []
        position = 0
        for text in texts:
            self.starts.append(position)
            position += len(text) + 1
        self.blob = _SEPARATOR.join(texts)
        self.ends = [start + len(text) for start, text in zip(self.starts, texts, strict=True)]
        order = sorted(range(len(self.texts)), key=self.texts.__getitem__)
        self._sorted = [self.texts[index] for index in order]
        self._order = order

    def item_of(self, entry: int) -> int:
        return entry if self.owner is None else self.owner[entry]

    def items_of(self, entries: Sequence[int]) -> Sequence[int]:
        """The items of ``entries``, each once, in their order."""
        if self.owner is None:
            return entries
        owner = self.owner
        return list(dict.fromkeys(owner[entry] for entry in entries))

    def item_starts_with(self, item: int, query: str) -> bool:
        if self.owner is None:
            return self.texts[item].startswith(query)
        return any(self.texts[entry].startswith(query) for entry in self._entries_of.get(item, ()))

    def starting_with(self, query: str) -> tuple[list[int], int]:
        """The entries whose text starts with ``query``, and how many of them (the first ones)
        are exactly ``query``."""
        low = bisect_left(self._sorted, query)
        exact = bisect_right(self._sorted, query, low)
        high = bisect_left(self._sorted, query + _LAST_CHARACTER, exact)
        return self._order[low:high], exact - low

    def first_matches(self, query: str) -> Iterator[tuple[int, int]]:
        """(entry, position in that entry's text) of each entry's first match."""
        blob = self.blob
        found = blob.find(query)
        while found != -1:
            index = bisect_right(self.starts, found) - 1
            yield index, found - self.starts[index]
            found = blob.find(query, self.ends[index] + 1)

    def all_matches_in(self, index: int, query: str, first: int) -> Iterator[int]:
        """Every position of ``query`` in entry ``index``'s text, from ``first`` on."""
        start = self.starts[index]
        end = self.ends[index]
        found = start + first
        while found != -1:
            yield found - start
            found = self.blob.find(query, found + 1, end)


def _grams(text: str, into: dict[str, int], position_of: Sequence[int] | None = None) -> None:
    """Note the first position of every one- and two-character piece of ``text``.

    ``position_of`` maps a character offset to the position that counts (the syllable, for
    the full pinyin, where only pieces starting at a syllable are noted).
    """
    offsets = range(len(text)) if position_of is None else position_of
    for number, offset in enumerate(offsets):
        position = offset if position_of is None else number
        for gram in (text[offset], text[offset : offset + 2]):
            if into.get(gram, position + 1) > position:
                into[gram] = position


def _ordered_by_gram(
    positions: Sequence[dict[str, int]], rank: Sequence[int]
) -> dict[str, list[int]]:
    """Gram → the items holding it, ordered as a tier orders them: position, then rank."""
    buckets: dict[str, dict[int, list[int]]] = {}
    for index in sorted(range(len(positions)), key=rank.__getitem__):
        for gram, position in positions[index].items():
            buckets.setdefault(gram, {}).setdefault(position, []).append(index)
    return {
        gram: [index for position in sorted(by_position) for index in by_position[position]]
        for gram, by_position in buckets.items()
    }


@dataclass(frozen=True)
class _Tier:
    """A tier looked up rather than scanned, for queries of one or two characters."""

    positions: tuple[dict[str, int], ...]  # per item: gram → first position
    ordered: dict[str, list[int]]  # gram → items, best first

    def add(
        self,
        query: str,
        tier: int,
        need: int,
        used: Sequence[int],
        best: dict[int, tuple[int, int]],
    ) -> None:
        """Add the tier's best ``need`` items not already found, and every used one: usage
        ranks before position, so a used item may outrank all the others."""
        for index in used:
            position = self.positions[index].get(query)
            if position is not None and index not in best:
                best[index] = (tier, position)
        for index in self.ordered.get(query, ()):
            if need <= 0:
                return
            if index not in best:
                best[index] = (tier, self.positions[index][query])
                need -= 1


@dataclass(frozen=True)
class Alias:
    """An everyday name of an item and its pinyin keys (as :func:`pinyin_keys` makes them)."""

    name: str
    initials: str
    full: str


def aliases_of(names: str, initials: str, full: str) -> list[Alias]:
    """The aliases stored line by line in an item's three alias columns."""
    return [
        Alias(fold(name), initial, pinyin.replace(" ", ""))
        for name, initial, pinyin in zip(
            split_lines(names), split_lines(initials), split_lines(full), strict=False
        )
    ]


@dataclass(frozen=True)
class _Index:
    items: tuple[ItemSummary, ...]
    rank: tuple[int, ...]  # per item: its place by (name length, code), the last tiebreak
    names: _Field
    codes: _Field
    initials: _Field
    full: _Field
    departments: _Field
    syllable_at: tuple[dict[int, int], ...]  # per item: offset in its full pinyin → syllable
    short_inside: _Tier
    short_department: _Tier
    by_id: dict[int, int]
    # every item's everyday names, an entry a name, and their pinyin keys
    alias_names: _Field
    alias_initials: _Field
    alias_full: _Field

    @classmethod
    def build(
        cls, rows: Sequence[tuple[ItemSummary, str, str]], aliases: Sequence[Sequence[Alias]] = ()
    ) -> _Index:
        aliases = list(aliases) or [[] for _row in rows]
        items = tuple(row[0] for row in rows)
        order = sorted(range(len(items)), key=lambda i: (len(items[i].name), items[i].code))
        rank = [0] * len(items)
        for place, index in enumerate(order):
            rank[index] = place
        names = [fold(item.name) for item in items]
        departments = [fold(item.department) for item in items]
        full_texts = []
        syllable_at = []
        inside: list[dict[str, int]] = []
        in_department: list[dict[str, int]] = []
        department_grams: dict[str, dict[str, int]] = {}
        for position, (_item, initials, full) in enumerate(rows):
            starts = {}
            offset = 0
            for number, syllable in enumerate(full.split(" ")):
                starts[offset] = number
                offset += len(syllable)
            joined = full.replace(" ", "")
            full_texts.append(joined)
            syllable_at.append(starts)
            grams: dict[str, int] = {}
            _grams(names[position], grams)
            _grams(initials, grams)
            _grams(joined, grams, list(starts) if joined else [])
            for alias in aliases[position]:
                _grams(alias.name, grams)
            inside.append(grams)
            if departments[position] not in department_grams:  # few departments, many items
                department_grams[departments[position]] = {}
                _grams(departments[position], department_grams[departments[position]])
            in_department.append(department_grams[departments[position]])
        alias_entries = [(index, alias) for index, own in enumerate(aliases) for alias in own]
        alias_owner = tuple(index for index, _alias in alias_entries)
        return cls(
            items=items,
            rank=tuple(rank),
            names=_Field(names),
            codes=_Field([fold(item.code) for item in items]),
            initials=_Field([initials for _item, initials, _full in rows]),
            full=_Field(full_texts),
            departments=_Field(departments),
            syllable_at=tuple(syllable_at),
            short_inside=_Tier(tuple(inside), _ordered_by_gram(inside, rank)),
            short_department=_Tier(tuple(in_department), _ordered_by_gram(in_department, rank)),
            by_id={item.id: index for index, item in enumerate(items)},
            alias_names=_Field([alias.name for _i, alias in alias_entries], alias_owner),
            alias_initials=_Field([alias.initials for _i, alias in alias_entries], alias_owner),
            alias_full=_Field([alias.full for _i, alias in alias_entries], alias_owner),
        )

    def matches(
        self, query: str, enough: int, used: Sequence[int] = ()
    ) -> dict[int, tuple[int, int]]:
        """Item index → (tier, where the match starts) for the items the query matches.

        Tiers are gathered best first, and only until ``enough`` items are found: no item of
        a later tier can outrank them (``used``: the indices of items with usage, which may
        rank first within their tier). Where is counted in characters of the name, which are
        syllables of the pinyin.
        """
        best: dict[int, tuple[int, int]] = {}
        for field in (self.names, self.codes, self.alias_names):
            exact, prefixed = self._starting_with(field, query, enough, used)
            for index in prefixed:
                best.setdefault(index, _PREFIX)
            for index in exact:
                best[index] = _EXACT
        if len(best) < enough:
            for field in (self.initials, self.full, self.alias_initials, self.alias_full):
                for index in self._starting_with(field, query, enough, used)[1]:
                    best.setdefault(index, _PINYIN)
        short = len(query) <= 2
        if len(best) < enough:
            if short:
                self.short_inside.add(query, TIER_SUBSTRING, enough - len(best), used, best)
            else:
                self._inside(query, best)
        if len(best) < enough:
            if short:
                self.short_department.add(query, TIER_DEPARTMENT, enough - len(best), used, best)
            else:
                for index, position in self.departments.first_matches(query):
                    best.setdefault(index, (TIER_DEPARTMENT, position))
        return best

    def _starting_with(
        self, field: _Field, query: str, enough: int, used: Sequence[int]
    ) -> tuple[Sequence[int], Sequence[int]]:
        """The items with a text in ``field`` that is exactly the query, and those with one
        starting with it that can still make the results: when there are many (every code
        shares the township's prefix), the used items and the best ``enough`` by rank; no other
        can outrank those (nor the exact ones)."""
        found, exact = field.starting_with(query)
        items = field.items_of(found)
        if len(items) > enough:
            items = heapq.nsmallest(enough, items, key=self.rank.__getitem__) + [
                index for index in used if field.item_starts_with(index, query)
            ]
        return (field.items_of(found[:exact]) if exact else ()), items

    def _inside(self, query: str, best: dict[int, tuple[int, int]]) -> None:
        """Tier 3: the query inside the name, the initials, the full pinyin at a syllable, or an
        everyday name."""
        inside: dict[int, int] = {}
        for index, position in self.names.first_matches(query):
            if index not in best:
                inside[index] = position
        for index, position in self.initials.first_matches(query):
            if index not in best and position < inside.get(index, position + 1):
                inside[index] = position
        for index, position in self.full.first_matches(query):
            if index in best:
                continue
            syllables = self.syllable_at[index]
            for at in self.full.all_matches_in(index, query, position):
                if at in syllables:
                    if syllables[at] < inside.get(index, syllables[at] + 1):
                        inside[index] = syllables[at]
                    break
        for entry, position in self.alias_names.first_matches(query):
            index = self.alias_names.item_of(entry)
            if index not in best and position < inside.get(index, position + 1):
                inside[index] = position
        for index, position in inside.items():
            best[index] = (TIER_SUBSTRING, position)


class CatalogSearch:
    """The search index of the active catalog; :meth:`reload` after the catalog changes."""

    def __init__(self, db: Database) -> None:
        self._db = db
        self._index = _Index.build(())
        self._usage: dict[int | None, WindowUsage] = {}
        self._behind: set[int | None] = set()  # windows whose counts miss the newest cases

    @classmethod
    def load(cls, db: Database) -> CatalogSearch:
        search = cls(db)
        search.reload()
        return search

    def reload(self) -> None:
        """Read the active items again and forget the cached window usage."""
        with self._db.reads() as session:
            rows = session.execute(
                select(
                    ServiceItem.id,
                    ServiceItem.code,
                    ServiceItem.name,
                    ServiceItem.department,
                    ServiceItem.category,
                    ServiceItem.case_kind,
                    ServiceItem.promised_days,
                    ServiceItem.statutory_days,
                    ServiceItem.level,
                    ServiceItem.pinyin_initials,
                    ServiceItem.pinyin_full,
                    ServiceItem.aliases,
                    ServiceItem.alias_initials,
                    ServiceItem.alias_pinyin,
                )
                .where(ServiceItem.active)
                .order_by(ServiceItem.id)
            ).all()
        entries = []
        aliases = []
        for row in rows:
            item = ItemSummary(*row[:9])
            initials, full = row.pinyin_initials, row.pinyin_full
            if not full:
                # Only items written without the catalog import (none in normal use) lack keys.
                keys = pinyin_keys(item.name)
                initials, full = keys.initials, keys.full
            entries.append((item, initials, full))
            aliases.append(aliases_of(row.aliases, row.alias_initials, row.alias_pinyin))
        self._index = _Index.build(entries, aliases)
        self._usage = {}
        self._behind = set()

    def __len__(self) -> int:
        return len(self._index.items)

    def search(self, text: str, window_id: int | None = None, limit: int = 20) -> list[ItemSummary]:
        """The best ``limit`` items for ``text``, ranked as the module docstring says."""
        query = normalise_query(text)
        if not query or limit <= 0:
            return []
        index = self._index
        usage = self._usage_at(window_id)
        used = [index.by_id[item_id] for item_id in usage if item_id in index.by_id]
        items = index.items
        rank = index.rank
        ranked = heapq.nsmallest(
            limit,
            index.matches(query, limit, used).items(),
            key=lambda entry: (
                entry[1][0],
                -usage.get(items[entry[0]].id, 0),
                entry[1][1],
                rank[entry[0]],
            ),
        )
        return [index.items[position] for position, _rank in ranked]

    def most_used(self, window_id: int | None, limit: int = 10) -> list[ItemSummary]:
        """The items this window (None: the whole center) registered most in recent days."""
        index = self._index
        usage = self._usage_at(window_id)
        used = [(count, item_id) for item_id, count in usage.items() if item_id in index.by_id]
        top = heapq.nsmallest(
            limit, used, key=lambda entry: (-entry[0], index.items[index.by_id[entry[1]]].name)
        )
        return [index.items[index.by_id[item_id]] for _count, item_id in top]

    def at_level(self, level: Level, limit: int = 50) -> list[ItemSummary]:
        """The first ``limit`` active items of ``level`` (村级: what a village point takes in),
        in the catalog's order."""
        return [item for item in self._index.items if item.level is level][:limit]

    def forget_usage(self) -> None:
        """Cases were registered: when next asked, add the new cases to each window's counts
        (reading only those cases, not the 90 days again)."""
        self._behind = set(self._usage)

    def _usage_at(self, window_id: int | None) -> dict[int, int]:
        today = self._db.today()
        usage = self._usage.get(window_id)
        if usage is None or usage.day != today:
            usage = self._usage[window_id] = self._count_usage(window_id, today)
        elif window_id in self._behind:
            self._add_new_cases(usage, window_id)
        self._behind.discard(window_id)
        return usage.counts

    def _count_usage(self, window_id: int | None, today: dt.date) -> WindowUsage:
        """Count the window's cases of the last :data:`USAGE_DAYS` days from scratch."""
        statement = (
            select(Case.item_id, func.count(), func.max(Case.id))
            .where(Case.received_on >= usage_start(today))
            .group_by(Case.item_id)
        )
        if window_id is not None:
            statement = statement.where(Case.window_id == window_id)
        with self._db.reads() as session:
            # Read first, so that a case registered meanwhile is added later, not lost. The
            # newest id counted is kept too: a case counted here is never added again.
            newest = session.scalar(select(func.max(Case.id))) or 0
            counted = session.execute(statement).all()
        usage = WindowUsage(today, newest)
        for item_id, count, last_id in counted:
            usage.counts[item_id] = count
            usage.last_case_id = max(usage.last_case_id, last_id)
        return usage

    def _add_new_cases(self, usage: WindowUsage, window_id: int | None) -> None:
        """Add the window's cases registered since the counts were last brought up to date
        (a primary-key range: a few rows however large the table)."""
        statement = (
            select(Case.id, Case.item_id, Case.received_on)
            .where(Case.id > usage.last_case_id)
            .order_by(Case.id)
        )
        if window_id is not None:
            statement = statement.where(Case.window_id == window_id)
        with self._db.reads() as session:
            newest = session.scalar(select(func.max(Case.id))) or 0
            new_cases = session.execute(statement).all()
        for case_id, item_id, received_on in new_cases:
            usage.add(case_id, item_id, received_on)
        usage.last_case_id = max(usage.last_case_id, newest)
