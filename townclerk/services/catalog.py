"""The delegated catalog: preview and apply a new catalog workbook, export it, read its items.

An import never deletes anything. Items missing from the new file are retired (``active`` false,
open cases carry on); an item whose materials change gets new material rows and its old rows are
retired, because case_materials point at material ids. Each applied import is one catalog
version, with a snapshot (ItemRevision) of every item it added, changed or retired.

The workbook reader and writers are imported by the methods that read or write a file: they
bring in openpyxl (~0.3 s of imports), which the intake window, reading items only, never needs.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any, ClassVar

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from townclerk.db.database import Database
from townclerk.db.line_lists import split_lines
from townclerk.db.models import CatalogVersion, ItemMaterial, ItemRevision, ServiceItem
from townclerk.enums import CaseKind, Category, Level, MaterialForm, PowerSource, Routing
from townclerk.errors import NotFound, UserError
from townclerk.formats.catalog.shape import (
    ITEM_COLUMN,
    LIST_SEPARATOR,
    MAX_ALIAS_LENGTH,
    CatalogItem,
    CatalogMaterial,
    ParsedCatalog,
    Problem,
    Severity,
    WithProblems,
)
from townclerk.formats.output_files import check_output_path
from townclerk.i18n import N_, t
from townclerk.records import changes
from townclerk.records.changes import Changed, DataArea
from townclerk.records.from_rows import record_from
from townclerk.services.access import Actor, Permission, acting, confirm_active, require, viewing
from townclerk.services.audit import record_audit
from townclerk.services.search import ItemSummary, pinyin_keys

MAX_LABEL = 128
MAX_ALIASES = 20
# Fields compared between the file and the database, in the order the preview lists them.
COMPARED_FIELDS = tuple(
    f.name for f in fields(CatalogItem) if f.name not in ("code", "materials", "row")
)
MATERIALS_LABEL = N_("申请材料")
_ID_BATCH = 500  # ids per IN (...) list: well inside every database's bound-parameter limit


# --- records -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class MaterialDetail:
    id: int
    seq: int
    name: str
    form: MaterialForm
    copies: int
    required: bool
    tolerance_allowed: bool
    notes: str


@dataclass(frozen=True)
class ItemDetail:
    id: int
    code: str
    name: str
    category: Category
    power_source: PowerSource | None
    department: str
    issuing_body: str
    level: Level
    case_kind: CaseKind
    statutory_days: int
    promised_days: int
    charges_fee: bool
    fee_standard: str
    legal_basis: str
    conditions: str
    place: str
    result: str
    window_name: str
    routing: Routing | None
    review_days: int | None
    lists: tuple[str, ...]
    notes: str
    active: bool
    aliases: tuple[str, ...]
    materials: tuple[MaterialDetail, ...]


@dataclass(frozen=True)
class ItemBrief:
    """An item added or retired by an import, as the preview lists it."""

    code: str
    name: str
    department: str
    restored: bool = False  # an item retired earlier that the file brings back


@dataclass(frozen=True)
class FieldChange:
    field: str
    label: str
    old: str
    new: str


@dataclass(frozen=True)
class ItemChange:
    code: str
    name: str
    changes: tuple[FieldChange, ...]
    old_code: str = ""  # set when the item keeps its name and department under a new code

    @property
    def recoded(self) -> bool:
        return bool(self.old_code)


def summary_line(added: int, changed: int, retired: int, unchanged: int) -> str:
    """The machine-readable counts (a new code counts as a change: the item is the same)."""
    return f"added={added} changed={changed} retired={retired} unchanged={unchanged}"


def summary_words(added: int, changed: int, recoded: int, retired: int, unchanged: int) -> str:
    """The counts as a sentence for people: 新增3项，变更12项，编码变更1项，撤销2项，未变180项."""
    return t(
        "新增{added}项，变更{changed}项，编码变更{recoded}项，撤销{retired}项，未变{unchanged}项",
        added=added,
        changed=changed - recoded,
        recoded=recoded,
        retired=retired,
        unchanged=unchanged,
    )


def retires_many(retired: int, active_before: int) -> bool:
    """Retiring more than a third of the active items needs the number confirmed."""
    return retired > 0 and retired * 3 > active_before


class RetirementNotConfirmed(UserError):
    """The import retires more than a third of the active items and the number was not
    confirmed; nothing was written."""

    def __init__(self, retired: int, active: int) -> None:
        self.retired = retired
        self.active = active
        super().__init__(
            t(
                "将撤销{retired}个事项（现有{active}个的三分之一以上），须确认撤销数量后才能导入",
                retired=retired,
                active=active,
            )
        )


@dataclass(frozen=True)
class CatalogPreview(WithProblems):
    """What importing a file would do; nothing has been written when you hold one."""

    catalog: ParsedCatalog
    problems: tuple[Problem, ...]
    added: tuple[ItemBrief, ...] = ()
    changed: tuple[ItemChange, ...] = ()
    retired: tuple[ItemBrief, ...] = ()
    unchanged: int = 0
    active_before: int = 0  # active items in the catalog the preview compared with

    @property
    def recoded(self) -> tuple[ItemChange, ...]:
        return tuple(change for change in self.changed if change.recoded)

    @property
    def retires_many(self) -> bool:
        return retires_many(len(self.retired), self.active_before)

    @property
    def file_name(self) -> str:
        return self.catalog.file_name

    @property
    def sha256(self) -> str:
        return self.catalog.sha256

    @property
    def has_errors(self) -> bool:
        return bool(self.errors)

    @property
    def has_changes(self) -> bool:
        return bool(self.added or self.changed or self.retired)

    def summary_line(self) -> str:
        return summary_line(len(self.added), len(self.changed), len(self.retired), self.unchanged)

    def summary_words(self) -> str:
        return summary_words(
            len(self.added),
            len(self.changed),
            len(self.recoded),
            len(self.retired),
            self.unchanged,
        )


@dataclass(frozen=True)
class CatalogVersionInfo:
    areas: ClassVar[frozenset[DataArea]] = changes.CATALOG  # an import that made a version

    id: int
    label: str
    file_name: str
    sha256: str
    imported_by: str
    imported_at: dt.datetime
    added: int
    changed: int
    retired: int
    unchanged: int
    recoded: int

    def summary_line(self) -> str:
        return summary_line(self.added, self.changed, self.retired, self.unchanged)

    def summary_words(self) -> str:
        return summary_words(self.added, self.changed, self.recoded, self.retired, self.unchanged)


@dataclass(frozen=True)
class ImportOutcome:
    """A preview, and the version it created (None: dry run, errors, or nothing changed)."""

    preview: CatalogPreview
    version: CatalogVersionInfo | None

    def summary_line(self) -> str:
        return self.preview.summary_line()


# --- conversions ---------------------------------------------------------------------------------
def _display(value: object) -> str:
    """A field value as the preview shows it (labels, 是/否, lists joined by ；)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, Category | PowerSource | Level | CaseKind | MaterialForm | Routing):
        return value.label
    if isinstance(value, tuple):
        return LIST_SEPARATOR.join(str(part) for part in value)
    return str(value)


def describe_material(material: CatalogMaterial) -> str:
    need = "必要" if material.required else "非必要"
    tolerance = "，可容缺" if material.tolerance_allowed else ""
    notes = f"；{material.notes}" if material.notes else ""
    return (
        f"{material.seq}. {material.name}（{material.form.label}，{material.copies}份，"
        f"{need}{tolerance}）{notes}"
    )


def _describe_materials(materials: Sequence[CatalogMaterial]) -> str:
    return "\n".join(describe_material(m) for m in materials)


def _catalog_material(row: Any) -> CatalogMaterial:
    """A material from an ItemMaterial row (ORM object or plain row)."""
    return record_from(CatalogMaterial, row)


def _split_lists(text: str) -> tuple[str, ...]:
    return tuple(part for part in text.split(LIST_SEPARATOR) if part)


def _catalog_item(row: Any, materials: Sequence[Any]) -> CatalogItem:
    """An item from a ServiceItem row and its material rows (ORM objects or plain rows)."""
    return record_from(
        CatalogItem,
        row,
        lists=_split_lists(row.lists),
        aliases=split_lines(row.aliases),
        materials=tuple(_catalog_material(m) for m in materials),
    )


_ALIAS_TEXT_SPLIT = re.compile(r"[、；;,，\n]+")


def split_alias_text(text: str) -> list[str]:
    """Everyday names as typed in one field: separated by 、 ； ， or line breaks."""
    return [part for part in _ALIAS_TEXT_SPLIT.split(text) if part.strip()]


def _clean_aliases(aliases: Sequence[str]) -> tuple[str, ...]:
    """Typed everyday names: trimmed, each once; too long or too many is refused."""
    names: list[str] = []
    for alias in aliases:
        name = " ".join(alias.split())
        if not name or name in names:
            continue
        if len(name) > MAX_ALIAS_LENGTH:
            raise UserError(
                t("常用名“{name}”过长（每个最多{limit}个字符）", name=name, limit=MAX_ALIAS_LENGTH)
            )
        names.append(name)
    if len(names) > MAX_ALIASES:
        raise UserError(t("常用名最多{limit}个", limit=MAX_ALIASES))
    return tuple(names)


def alias_columns(aliases: Sequence[str]) -> dict[str, str]:
    """The ServiceItem columns holding an item's aliases and their pinyin keys, line by line."""
    keys = [pinyin_keys(alias) for alias in aliases]
    return {
        "aliases": "\n".join(aliases),
        "alias_initials": "\n".join(key.initials for key in keys),
        "alias_pinyin": "\n".join(key.full for key in keys),
    }


def _item_columns(item: CatalogItem) -> dict[str, Any]:
    """The ServiceItem column values for a catalog item (pinyin keys included)."""
    keys = pinyin_keys(item.name)
    values: dict[str, Any] = {name: getattr(item, name) for name in COMPARED_FIELDS}
    values["lists"] = LIST_SEPARATOR.join(item.lists)
    values.update(alias_columns(item.aliases))
    values["code"] = item.code
    values["pinyin_initials"] = keys.initials
    values["pinyin_full"] = keys.full
    return values


def _snapshot(item: CatalogItem) -> dict[str, Any]:
    """The item as JSON for its revision history."""
    snapshot: dict[str, Any] = {"code": item.code}
    for name in COMPARED_FIELDS:
        value = getattr(item, name)
        snapshot[name] = list(value) if isinstance(value, tuple) else value
    snapshot["materials"] = [
        {
            "seq": m.seq,
            "name": m.name,
            "form": m.form.value,
            "copies": m.copies,
            "required": m.required,
            "tolerance_allowed": m.tolerance_allowed,
            "notes": m.notes,
        }
        for m in item.materials
    ]
    return snapshot


def _changes(old: CatalogItem, new: CatalogItem) -> tuple[FieldChange, ...]:
    changes = [
        FieldChange(
            name,
            ITEM_COLUMN[name].header,
            _display(getattr(old, name)),
            _display(getattr(new, name)),
        )
        for name in COMPARED_FIELDS
        if getattr(old, name) != getattr(new, name)
    ]
    if old.materials != new.materials:
        changes.append(
            FieldChange(
                "materials",
                MATERIALS_LABEL,
                _describe_materials(old.materials),
                _describe_materials(new.materials),
            )
        )
    return tuple(changes)


def _version_info(version: CatalogVersion) -> CatalogVersionInfo:
    return record_from(CatalogVersionInfo, version)


# --- comparing a file with the database ------------------------------------------------------
@dataclass(frozen=True)
class _Stored:
    id: int
    active: bool
    item: CatalogItem
    material_ids: tuple[int, ...]


def _stored_items(session: Session) -> dict[str, _Stored]:
    """Every item in the database (retired ones too), by code, with its active materials.

    Read as plain rows, not ORM objects: a catalog is thousands of rows and this runs on every
    preview.
    """
    materials: dict[int, list[Any]] = {}
    for material in session.execute(
        select(ItemMaterial.__table__)
        .where(ItemMaterial.active)
        .order_by(ItemMaterial.item_id, ItemMaterial.seq, ItemMaterial.id)
    ):
        materials.setdefault(material.item_id, []).append(material)
    stored = {}
    for row in session.execute(select(ServiceItem.__table__).order_by(ServiceItem.id)):
        own = materials.get(row.id, [])
        stored[row.code] = _Stored(
            row.id, row.active, _catalog_item(row, own), tuple(m.id for m in own)
        )
    return stored


@dataclass(frozen=True)
class _Diff:
    added: tuple[ItemBrief, ...]
    changed: tuple[ItemChange, ...]
    retired: tuple[ItemBrief, ...]
    unchanged: int


def _recodings(new: Sequence[CatalogItem], gone: Sequence[_Stored]) -> dict[str, _Stored]:
    """New code → the stored item it replaces: an item that keeps its name and department under
    a new code is the same item (its cases and usage follow it). Only one-to-one pairs count:
    two items of one name and department leave nothing to tell which is which."""

    def key(item: CatalogItem) -> tuple[str, str]:
        return (item.name, item.department)

    new_by_key: dict[tuple[str, str], list[CatalogItem]] = {}
    for item in new:
        new_by_key.setdefault(key(item), []).append(item)
    gone_by_key: dict[tuple[str, str], list[_Stored]] = {}
    for stored in gone:
        gone_by_key.setdefault(key(stored.item), []).append(stored)
    pairs = {}
    for name_and_department, items in new_by_key.items():
        olds = gone_by_key.get(name_and_department, [])
        if len(items) == 1 and len(olds) == 1:
            pairs[items[0].code] = olds[0]
    return pairs


def _diff(items: Sequence[CatalogItem], stored: dict[str, _Stored]) -> _Diff:
    added = []
    changed = []
    unchanged = 0
    in_file = {item.code for item in items}
    gone = [s for s in stored.values() if s.active and s.item.code not in in_file]
    recodings = _recodings([item for item in items if item.code not in stored], gone)
    for item in items:
        old = recodings.get(item.code)
        if old is not None:
            code = FieldChange("code", ITEM_COLUMN["code"].header, old.item.code, item.code)
            changes: tuple[FieldChange, ...] = (code, *_changes(old.item, item))
            changed.append(ItemChange(item.code, item.name, changes, old_code=old.item.code))
            continue
        existing = stored.get(item.code)
        if existing is None or not existing.active:
            added.append(ItemBrief(item.code, item.name, item.department, existing is not None))
            continue
        changes = _changes(existing.item, item)
        if changes:
            changed.append(ItemChange(item.code, item.name, changes))
        else:
            unchanged += 1
    recoded = {s.item.code for s in recodings.values()}
    retired = [
        ItemBrief(s.item.code, s.item.name, s.item.department)
        for s in gone
        if s.item.code not in recoded
    ]
    return _Diff(tuple(added), tuple(changed), tuple(retired), unchanged)


def _keeping_absent_columns(catalog: ParsedCatalog, stored: dict[str, _Stored]) -> ParsedCatalog:
    """A file without a 常用名 column leaves each item's everyday names as they are, and one
    without a 实施主体, 办理方式 or 初审时限 column each item's value of it."""
    if (
        catalog.has_aliases
        and catalog.has_issuing_body
        and catalog.has_routing
        and catalog.has_review_days
    ):
        return catalog
    kept = []
    for item in catalog.items:
        existing = stored.get(item.code)
        if existing is not None:
            if not catalog.has_aliases:
                item = replace(item, aliases=existing.item.aliases)
            if not catalog.has_issuing_body:
                item = replace(item, issuing_body=existing.item.issuing_body)
            if not catalog.has_routing:
                item = replace(item, routing=existing.item.routing)
            if not catalog.has_review_days:
                item = replace(item, review_days=existing.item.review_days)
        kept.append(item)
    return replace(catalog, items=tuple(kept))


def _retirement_warning(diff: _Diff, active_before: int) -> Problem | None:
    """Many items vanishing at once usually means a partial file, not a policy change."""
    retired = len(diff.retired)
    if retires_many(retired, active_before):
        return Problem(
            Severity.WARNING,
            t(
                "将撤销{retired}个事项（现有{active}个的三分之一以上），请确认文件是否完整",
                retired=retired,
                active=active_before,
            ),
        )
    return None


# --- the service ---------------------------------------------------------------------------------
class CatalogService:
    def __init__(self, db: Database) -> None:
        self._db = db

    # --- import ----------------------------------------------------------------------------
    def preview(self, actor: Actor, path: Path) -> CatalogPreview:
        """Read and check the file and compare it with the catalog; nothing is written.

        A file that cannot be read at all raises CatalogFileRefused (a UserError).
        """
        require(actor, Permission.MANAGE_CATALOG)
        confirm_active(self._db, actor)
        from townclerk.formats.catalog.reader import read_catalog

        catalog = read_catalog(Path(path))
        if catalog.errors:
            return CatalogPreview(catalog=catalog, problems=catalog.problems)
        with self._db.reads() as session:
            stored = _stored_items(session)
        catalog = _keeping_absent_columns(catalog, stored)
        diff = _diff(catalog.items, stored)
        problems = list(catalog.problems)
        active_before = sum(s.active for s in stored.values())
        warning = _retirement_warning(diff, active_before)
        if warning is not None:
            problems.append(warning)
        return CatalogPreview(
            catalog=catalog,
            problems=tuple(problems),
            added=diff.added,
            changed=diff.changed,
            retired=diff.retired,
            unchanged=diff.unchanged,
            active_before=active_before,
        )

    def apply(
        self,
        actor: Actor,
        preview: CatalogPreview,
        label: str,
        *,
        confirmed_retirements: int | None = None,
    ) -> CatalogVersionInfo | None:
        """Apply a preview in one transaction; None (and no version) when nothing changes.

        A preview retiring more than a third of the active items is applied only when
        ``confirmed_retirements`` is the number it retires (else RetirementNotConfirmed).
        """
        require(actor, Permission.MANAGE_CATALOG)
        if preview.retires_many and confirmed_retirements != len(preview.retired):
            raise RetirementNotConfirmed(len(preview.retired), preview.active_before)
        if preview.has_errors:
            raise UserError(t("文件有{count}处错误，未导入任何内容", count=len(preview.errors)))
        label = " ".join(label.split()) or Path(preview.file_name).stem
        if len(label) > MAX_LABEL:
            raise UserError(t("版本说明过长（最多{limit}个字符）", limit=MAX_LABEL))
        now = self._db.now()
        items = {item.code: item for item in preview.catalog.items}
        with acting(self._db, actor) as session:
            stored = _stored_items(session)
            diff = _diff(preview.catalog.items, stored)
            if diff != _Diff(preview.added, preview.changed, preview.retired, preview.unchanged):
                raise UserError(t("预览之后事项目录已被更改，请重新预览后再导入"))
            if not preview.has_changes:
                return None
            version = CatalogVersion(
                label=label,
                file_name=preview.file_name[:255],
                sha256=preview.sha256,
                imported_by=actor.username,
                imported_at=now,
                added=len(diff.added),
                changed=len(diff.changed),
                retired=len(diff.retired),
                unchanged=diff.unchanged,
                recoded=sum(change.recoded for change in diff.changed),
            )
            session.add(version)
            session.flush()
            writer = _VersionWriter(session, version.id)
            for brief in diff.added:
                existing = stored.get(brief.code)
                if existing is None:
                    writer.add(items[brief.code])
                else:
                    writer.update(existing, items[brief.code], "restored")
            for change in diff.changed:
                if change.recoded:
                    writer.update(stored[change.old_code], items[change.code], "recoded")
                else:
                    writer.update(stored[change.code], items[change.code], "changed")
            for brief in diff.retired:
                writer.retire(stored[brief.code])
            writer.finish()
            record_audit(
                session,
                actor,
                "catalog.import",
                now,
                target=preview.file_name,
                version_id=version.id,
                label=label,
                sha256=preview.sha256,
                added=version.added,
                changed=version.changed,
                retired=version.retired,
                unchanged=version.unchanged,
                recoded=version.recoded,
            )
            return _version_info(version)

    def import_file(
        self,
        actor: Actor,
        path: Path,
        *,
        label: str | None = None,
        dry_run: bool = False,
        confirmed_retirements: int | None = None,
    ) -> ImportOutcome:
        """Preview, then apply unless it is a dry run or the file has errors."""
        preview = self.preview(actor, path)
        if dry_run or preview.has_errors:
            return ImportOutcome(preview, None)
        version = self.apply(
            actor,
            preview,
            label or Path(path).stem,
            confirmed_retirements=confirmed_retirements,
        )
        return ImportOutcome(preview, version)

    # --- export and template ---------------------------------------------------------------
    def export(self, actor: Actor, path: Path) -> int:
        """Write the active catalog in the template's shape; return the number of items."""
        # Any logged-in user may export the catalog (it is public information).
        path = check_output_path(path, ".xlsx")
        with viewing(self._db, actor) as session:
            stored = _stored_items(session)
            latest = session.scalar(select(CatalogVersion).order_by(CatalogVersion.id.desc()))
            version_line = (
                f"目录版本：{latest.label}（{latest.imported_at:%Y-%m-%d %H:%M}导入）"
                if latest is not None
                else "目录版本：无"
            )
        items = [s.item for s in stored.values() if s.active]
        notes = (
            "事项目录导出（当前有效事项）",
            f"导出时间：{self._db.now():%Y-%m-%d %H:%M}",
            version_line,
            "本文件可修改后重新导入；未修改时重新导入不会产生任何变更。",
        )
        from townclerk.formats.catalog.writer import write_catalog_workbook

        write_catalog_workbook(path, items, notes=notes)
        return len(items)

    @staticmethod
    def write_template(path: Path) -> None:
        from townclerk.formats.catalog.writer import write_template

        write_template(check_output_path(path, ".xlsx"))

    # --- everyday names ----------------------------------------------------------------------
    def set_aliases(self, actor: Actor, item_id: int, aliases: Sequence[str]) -> Changed:
        """Replace an active item's everyday names (an admin's edit between imports): one
        transaction with its audit entry. A later import of a file with a 常用名 column
        replaces them again; export the catalog first to keep them in the file."""
        require(actor, Permission.MANAGE_CATALOG)
        names = _clean_aliases(aliases)
        with acting(self._db, actor) as session:
            row = session.get(ServiceItem, item_id)
            if row is None or not row.active:
                raise NotFound(t("该事项不存在或已撤销"))
            names = tuple(name for name in names if name != row.name)
            old = split_lines(row.aliases)
            if names == old:
                return Changed(frozenset())
            for column, value in alias_columns(names).items():
                setattr(row, column, value)
            record_audit(
                session,
                actor,
                "catalog.set_aliases",
                self._db.now(),
                target=row.code,
                old=list(old),
                new=list(names),
            )
        return Changed(changes.CATALOG)

    # --- reading ---------------------------------------------------------------------------
    def versions(self) -> list[CatalogVersionInfo]:
        """Every catalog version, newest first."""
        with self._db.reads() as session:
            return [
                _version_info(v)
                for v in session.scalars(select(CatalogVersion).order_by(CatalogVersion.id.desc()))
            ]

    def items(self, include_retired: bool = False) -> list[ItemSummary]:
        statement = select(ServiceItem).order_by(ServiceItem.id)
        if not include_retired:
            statement = statement.where(ServiceItem.active)
        with self._db.reads() as session:
            return [
                ItemSummary(
                    id=row.id,
                    code=row.code,
                    name=row.name,
                    department=row.department,
                    category=row.category,
                    case_kind=row.case_kind,
                    promised_days=row.promised_days,
                    statutory_days=row.statutory_days,
                    level=row.level,
                    active=row.active,
                )
                for row in session.scalars(statement)
            ]

    def item(self, item_id: int) -> ItemDetail:
        """An item (retired ones too) with its active materials."""
        with self._db.reads() as session:
            row = session.get(ServiceItem, item_id)
            if row is None:
                raise NotFound(t("该事项不存在"))
            materials = session.scalars(
                select(ItemMaterial)
                .where(ItemMaterial.item_id == item_id, ItemMaterial.active)
                .order_by(ItemMaterial.seq, ItemMaterial.id)
            ).all()
            return record_from(
                ItemDetail,
                row,
                lists=_split_lists(row.lists),
                aliases=split_lines(row.aliases),
                materials=tuple(record_from(MaterialDetail, m) for m in materials),
            )


class _VersionWriter:
    """The writes of one catalog version, batched: new items first (their ids come back from
    the insert), then bulk updates, materials and revisions."""

    def __init__(self, session: Session, version_id: int) -> None:
        self._session = session
        self._version_id = version_id
        self._added: list[CatalogItem] = []
        self._updates: list[dict[str, Any]] = []
        self._new_materials: list[tuple[int, tuple[CatalogMaterial, ...]]] = []
        self._retired_materials: list[int] = []
        self._revisions: list[dict[str, Any]] = []

    def add(self, item: CatalogItem) -> None:
        self._added.append(item)

    def update(self, stored: _Stored, item: CatalogItem, change: str) -> None:
        values = {
            "id": stored.id,
            **_item_columns(item),
            "active": True,
            "changed_version_id": self._version_id,
        }
        if change == "restored":
            values["retired_version_id"] = None
        self._updates.append(values)
        if stored.item.materials != item.materials:
            self._retired_materials.extend(stored.material_ids)
            self._new_materials.append((stored.id, item.materials))
        self._revision(stored.id, change, item)

    def retire(self, stored: _Stored) -> None:
        self._updates.append(
            {"id": stored.id, "active": False, "retired_version_id": self._version_id}
        )
        self._revision(stored.id, "retired", stored.item)

    def _revision(self, item_id: int, change: str, item: CatalogItem) -> None:
        self._revisions.append(
            {
                "item_id": item_id,
                "version_id": self._version_id,
                "change": change,
                "snapshot": _snapshot(item),
            }
        )

    def finish(self) -> None:
        session = self._session
        if self._added:
            new_ids = session.scalars(
                insert(ServiceItem).returning(ServiceItem.id, sort_by_parameter_order=True),
                [
                    {**_item_columns(item), "active": True, "added_version_id": self._version_id}
                    for item in self._added
                ],
            ).all()
            for item_id, item in zip(new_ids, self._added, strict=True):
                self._new_materials.append((item_id, item.materials))
                self._revision(item_id, "added", item)
        # Bulk UPDATE by primary key, grouped by the columns each dictionary sets.
        for keys in {tuple(values) for values in self._updates}:
            session.execute(update(ServiceItem), [v for v in self._updates if tuple(v) == keys])
        for start in range(0, len(self._retired_materials), _ID_BATCH):
            session.execute(
                update(ItemMaterial)
                .where(ItemMaterial.id.in_(self._retired_materials[start : start + _ID_BATCH]))
                .values(active=False)
                .execution_options(synchronize_session=False)
            )
        material_rows = [
            {
                "item_id": item_id,
                "seq": m.seq,
                "name": m.name,
                "form": m.form,
                "copies": m.copies,
                "required": m.required,
                "tolerance_allowed": m.tolerance_allowed,
                "notes": m.notes,
                "active": True,
            }
            for item_id, materials in self._new_materials
            for m in materials
        ]
        if material_rows:
            session.execute(insert(ItemMaterial), material_rows)
        if self._revisions:
            session.execute(insert(ItemRevision), self._revisions)
