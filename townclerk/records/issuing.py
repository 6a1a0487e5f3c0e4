"""Who issues a case's documents (DOMAIN.md "Who decides"), and the rules an admin keeps.

:func:`resolve_issuer` is the one decision, pure: the item's own issuing body from the catalog
wins; else the most specific rule of the ``issuing_bodies`` table (权力来源 and department, then
权力来源 alone); else the default by 权力来源. A case keeps what was decided when it was
registered; an older case without it is decided again from today's settings when it prints.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from townclerk.enums import Category, PowerSource
from townclerk.records import changes
from townclerk.records.center import CenterSettings
from townclerk.records.changes import DataArea

ENTRUSTED = frozenset({PowerSource.ENTRUSTED_FROM_ABOVE, PowerSource.ENTRUSTED_BY_PEER})
# A public service offered at the center by a company (供电公司, 自来水公司, 水务集团) is the
# company's own, whatever its 权力来源 says.
_UTILITY_MARKS = ("公司", "集团")


@dataclass(frozen=True)
class IssuingBodyRule:
    """One row of the issuing bodies table; ``department`` "" applies to every department."""

    areas: ClassVar[frozenset[DataArea]] = changes.SETTINGS  # a write that returns a rule

    id: int
    power_source: PowerSource
    department: str
    name: str
    seal_text: str


@dataclass(frozen=True)
class Issuer:
    """The deciding body a document is issued in the name of, and the text of its seal."""

    name: str
    seal_text: str


def is_entrusted(power_source: PowerSource | None) -> bool:
    """An entrusted power is exercised in the entrusting department's name; the center acts as
    受委托单位 (行政许可法 第24条)."""
    return power_source in ENTRUSTED


def is_company(name: str) -> bool:
    """A company (a utility) is no administrative organ: what it refuses is no administrative
    act, open to neither 行政复议 nor 行政诉讼, and it speaks as 本单位, not 本机关."""
    return any(mark in name for mark in _UTILITY_MARKS)


def is_utility_service(category: Category, department: str) -> bool:
    return category is Category.PUBLIC_SERVICE and is_company(department)


def resolve_issuer(
    *,
    power_source: PowerSource | None,
    category: Category,
    department: str,
    item_issuing_body: str,
    rules: Sequence[IssuingBodyRule],
    center: CenterSettings,
) -> Issuer:
    """Who decides an item of ``department`` with this 权力来源 and category."""
    if item_issuing_body:
        return Issuer(item_issuing_body, _seal_of(item_issuing_body, rules, center))
    if power_source is not None:
        exact = [r for r in rules if r.power_source is power_source]
        for rule in (
            *[r for r in exact if r.department == department],
            *[r for r in exact if r.department == ""],
        ):
            return Issuer(rule.name, rule.seal_text)
    if is_entrusted(power_source) or is_utility_service(category, department):
        return Issuer(department, department)
    return Issuer(center.government, center.seal)


def _seal_of(name: str, rules: Sequence[IssuingBodyRule], center: CenterSettings) -> str:
    """The seal text of a body named in the catalog: the township government's, or a rule's for
    a body of that name, else the name itself."""
    if name == center.government:
        return center.seal
    return next((r.seal_text for r in rules if r.name == name), name)
