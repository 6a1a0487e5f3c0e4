"""The database schema (SQLAlchemy 2.0 typed models).

Catalog rows are never deleted: an item taken back is retired (``active`` false), a changed
material list retires the old material rows and adds new ones, so cases keep pointing at exactly
what was accepted. Cases also copy the item's code, name, department and limits at acceptance.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    DateTime,
    ForeignKey,
    Index,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    exists,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship
from sqlalchemy.sql.elements import ColumnElement, TextClause

from townclerk.db.base import Base, EpochSeconds
from townclerk.enums import (
    OPEN_STATUSES,
    ApplicantKind,
    CaseKind,
    CaseStatus,
    Category,
    Channel,
    Decision,
    DeliveryMethod,
    Evaluation,
    IdType,
    Level,
    MaterialForm,
    MaterialState,
    PauseKind,
    PowerSource,
    Role,
    Sex,
)

Timestamp = DateTime().with_variant(EpochSeconds(), "sqlite")
# Queries must repeat this text literally (not with bound parameters) for SQLite to use the
# partial index on open cases: see :func:`open_cases`.
OPEN_STATUS_SQL = "status IN (" + ", ".join(f"'{status.value}'" for status in OPEN_STATUSES) + ")"
WITHDRAWN_STATUS_SQL = f"status = '{CaseStatus.WITHDRAWN.value}'"
TOLERATED_STATE_SQL = f"state = '{MaterialState.TOLERATED.value}'"


def open_cases() -> TextClause:
    """The WHERE term selecting open cases, in the form the partial index was built with."""
    return text(OPEN_STATUS_SQL)


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(64))
    role: Mapped[Role]
    password_hash: Mapped[str] = mapped_column(String(255))
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[dt.datetime] = mapped_column(Timestamp)
    password_changed_at: Mapped[dt.datetime] = mapped_column(Timestamp)


class ServiceWindow(Base):
    """A counter in the hall (综合窗口一, 社保医保窗口…)."""

    __tablename__ = "service_windows"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(64), unique=True)
    active: Mapped[bool] = mapped_column(default=True)
    sort_order: Mapped[int] = mapped_column(default=0)


class Village(Base):
    __tablename__ = "villages"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(64), unique=True)
    code: Mapped[str | None] = mapped_column(String(32))
    active: Mapped[bool] = mapped_column(default=True)
    sort_order: Mapped[int] = mapped_column(default=0)


class Setting(Base):
    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class CalendarOverride(Base):
    """An admin's decision that a day is (or is not) a working day, whatever official data says."""

    __tablename__ = "calendar_overrides"

    day: Mapped[dt.date] = mapped_column(primary_key=True)
    is_workday: Mapped[bool]
    note: Mapped[str] = mapped_column(String(255), default="")
    changed_by: Mapped[str] = mapped_column(String(64))
    changed_at: Mapped[dt.datetime] = mapped_column(Timestamp)


class LoginThrottle(Base):
    """Failed logins per typed name (known or not): the next attempt waits until
    ``next_attempt_at``. Shared by every window and CLI process; removed on success or by an
    admin (``user unlock``)."""

    __tablename__ = "login_throttle"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    failures: Mapped[int]
    next_attempt_at: Mapped[dt.datetime] = mapped_column(Timestamp)


class HistoryChainHead(Base):
    """The last place and hash of a hash-chained table (see townclerk.db.history)."""

    __tablename__ = "history_chain_heads"

    table_name: Mapped[str] = mapped_column(String(32), primary_key=True)
    position: Mapped[int]
    row_hash: Mapped[bytes] = mapped_column(LargeBinary(32))


class AuditEntry(Base):
    """Append-only, hash-chained record of admin actions and of every export showing full
    personal data (see townclerk.db.history)."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(Timestamp, index=True)
    username: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(64))
    target: Mapped[str] = mapped_column(String(255), default="")
    detail: Mapped[dict[str, Any]] = mapped_column(default=dict)
    chain_pos: Mapped[int] = mapped_column(index=True, unique=True)
    prev_hash: Mapped[bytes] = mapped_column(LargeBinary(32))
    row_hash: Mapped[bytes] = mapped_column(LargeBinary(32))


class IssuingBody(Base):
    """Who decides, and whose seal a document carries, for items of one 权力来源 (and, where
    ``department`` is not empty, of one department): a delegated power is the township
    government's, an entrusted one the county department's. The most specific row wins; an
    item's own ``issuing_body`` (from the catalog) wins over every row."""

    __tablename__ = "issuing_bodies"
    __table_args__ = (UniqueConstraint("power_source", "department"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    power_source: Mapped[PowerSource]
    department: Mapped[str] = mapped_column(String(128), default="")
    name: Mapped[str] = mapped_column(String(128))
    seal_text: Mapped[str] = mapped_column(String(128))


class CatalogVersion(Base):
    __tablename__ = "catalog_versions"

    id: Mapped[int] = mapped_column(primary_key=True)
    label: Mapped[str] = mapped_column(String(128))
    file_name: Mapped[str] = mapped_column(String(255))
    sha256: Mapped[str] = mapped_column(String(64))
    imported_by: Mapped[str] = mapped_column(String(64))
    imported_at: Mapped[dt.datetime] = mapped_column(Timestamp)
    added: Mapped[int] = mapped_column(default=0)
    changed: Mapped[int] = mapped_column(default=0)
    retired: Mapped[int] = mapped_column(default=0)
    unchanged: Mapped[int] = mapped_column(default=0)
    recoded: Mapped[int] = mapped_column(default=0)  # of ``changed``: kept, under a new code


class ServiceItem(Base):
    """One row of the delegated catalog (事项)."""

    __tablename__ = "service_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(255))
    category: Mapped[Category]
    power_source: Mapped[PowerSource | None]
    department: Mapped[str] = mapped_column(String(128))
    level: Mapped[Level] = mapped_column(default=Level.TOWNSHIP)
    case_kind: Mapped[CaseKind]
    statutory_days: Mapped[int]
    promised_days: Mapped[int]
    charges_fee: Mapped[bool] = mapped_column(default=False)
    fee_standard: Mapped[str] = mapped_column(Text, default="")
    legal_basis: Mapped[str] = mapped_column(Text, default="")
    conditions: Mapped[str] = mapped_column(Text, default="")
    place: Mapped[str] = mapped_column(Text, default="")
    result: Mapped[str] = mapped_column(String(255), default="")
    window_name: Mapped[str] = mapped_column(String(64), default="")
    # The body a county names in the catalog as deciding this item ("" = by 权力来源).
    issuing_body: Mapped[str] = mapped_column(String(128), default="")
    lists: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    active: Mapped[bool] = mapped_column(default=True, index=True)
    pinyin_initials: Mapped[str] = mapped_column(Text, default="")
    pinyin_full: Mapped[str] = mapped_column(Text, default="")
    # Everyday names (常用名: 低保, 个体户…), one a line, and their pinyin keys line by line.
    aliases: Mapped[str] = mapped_column(Text, default="")
    alias_initials: Mapped[str] = mapped_column(Text, default="")
    alias_pinyin: Mapped[str] = mapped_column(Text, default="")
    added_version_id: Mapped[int | None] = mapped_column(ForeignKey("catalog_versions.id"))
    changed_version_id: Mapped[int | None] = mapped_column(ForeignKey("catalog_versions.id"))
    retired_version_id: Mapped[int | None] = mapped_column(ForeignKey("catalog_versions.id"))

    materials: Mapped[list[ItemMaterial]] = relationship(
        back_populates="item",
        order_by="ItemMaterial.seq",
        primaryjoin="and_(ItemMaterial.item_id == ServiceItem.id, ItemMaterial.active)",
        viewonly=True,
    )


class ItemMaterial(Base):
    """A required material (申请材料) of an item; retired, never deleted, when the list changes."""

    __tablename__ = "item_materials"

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("service_items.id"), index=True)
    seq: Mapped[int]
    name: Mapped[str] = mapped_column(String(255))
    form: Mapped[MaterialForm]
    copies: Mapped[int] = mapped_column(default=1)
    required: Mapped[bool] = mapped_column(default=True)
    tolerance_allowed: Mapped[bool] = mapped_column(default=False)
    notes: Mapped[str] = mapped_column(Text, default="")
    active: Mapped[bool] = mapped_column(default=True)

    item: Mapped[ServiceItem] = relationship(
        primaryjoin="ItemMaterial.item_id == ServiceItem.id", viewonly=True
    )


class ItemRevision(Base):
    """The whole item (materials included) as a catalog version left it: the item's history."""

    __tablename__ = "item_revisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("service_items.id"), index=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("catalog_versions.id"), index=True)
    change: Mapped[str] = mapped_column(String(16))
    snapshot: Mapped[dict[str, Any]]


class Applicant(Base):
    """A resident or organisation who has applied; filled in again when they come back."""

    __tablename__ = "applicants"
    __table_args__ = (UniqueConstraint("id_type", "id_number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[ApplicantKind]
    id_type: Mapped[IdType]
    id_number: Mapped[str] = mapped_column(String(64), index=True)
    name: Mapped[str] = mapped_column(String(128))
    phone: Mapped[str] = mapped_column(String(32), default="", index=True)
    address: Mapped[str] = mapped_column(String(255), default="")
    village_id: Mapped[int | None] = mapped_column(ForeignKey("villages.id"))
    birth_date: Mapped[dt.date | None]
    sex: Mapped[Sex | None]
    created_at: Mapped[dt.datetime] = mapped_column(Timestamp)
    updated_at: Mapped[dt.datetime] = mapped_column(Timestamp)


class CaseNumberCounter(Base):
    """Last sequence number used per day; incremented inside the accepting transaction."""

    __tablename__ = "case_number_counters"

    day: Mapped[dt.date] = mapped_column(primary_key=True)
    last: Mapped[int]


class Case(Base):
    """One application (办件), from registration to delivery, notice or refusal."""

    __tablename__ = "cases"
    __table_args__ = (
        Index(
            "ix_cases_open_due",
            "due_date",
            sqlite_where=text(OPEN_STATUS_SQL),
            postgresql_where=text(OPEN_STATUS_SQL),
        ),
        # Statistics: withdrawn cases by day received (few, so a partial index).
        Index(
            "ix_cases_withdrawn",
            "received_on",
            sqlite_where=text(WITHDRAWN_STATUS_SQL),
            postgresql_where=text(WITHDRAWN_STATUS_SQL),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(32), unique=True)
    status: Mapped[CaseStatus]
    # The item as accepted (its row may change or be retired later).
    item_id: Mapped[int] = mapped_column(ForeignKey("service_items.id"))
    item_code: Mapped[str] = mapped_column(String(64))
    item_name: Mapped[str] = mapped_column(String(255))
    department: Mapped[str] = mapped_column(String(128))
    case_kind: Mapped[CaseKind]
    statutory_days: Mapped[int]
    promised_days: Mapped[int]
    power_source: Mapped[PowerSource | None]
    # The deciding body and its seal as they were when the case was registered (None: a case
    # from before they were kept; its documents name the body the settings give today).
    issuing_body: Mapped[str | None] = mapped_column(String(128))
    issuing_seal: Mapped[str | None] = mapped_column(String(128))
    # The 一次性告知 case this application completes (补齐后受理).
    resubmits_case_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id"), index=True)
    # Who applied, through which channel, at which window, with which clerk.
    applicant_id: Mapped[int] = mapped_column(ForeignKey("applicants.id"), index=True)
    applicant_name: Mapped[str] = mapped_column(String(128))
    agent_name: Mapped[str | None] = mapped_column(String(128))
    agent_id_number: Mapped[str | None] = mapped_column(String(64))
    agent_phone: Mapped[str | None] = mapped_column(String(32))
    village_id: Mapped[int | None] = mapped_column(ForeignKey("villages.id"))
    channel: Mapped[Channel]
    window_id: Mapped[int | None] = mapped_column(ForeignKey("service_windows.id"))
    clerk_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    received_at: Mapped[dt.datetime] = mapped_column(Timestamp)
    received_on: Mapped[dt.date] = mapped_column(index=True)
    # The clock and the outcome.
    due_date: Mapped[dt.date | None]  # the promised date (承诺时限)
    statutory_due_date: Mapped[dt.date | None]  # the statutory one (法定时限, plus any 延期)
    extension_days: Mapped[int] = mapped_column(default=0)  # 延期, once, at most 10
    # The 延期's reason as the 延长办理期限通知书 prints it, and the supervisor who approved it
    # (their name then; the audit log keeps the username).
    extension_reason: Mapped[str | None] = mapped_column(Text)
    extension_approved_by: Mapped[str | None] = mapped_column(String(128))
    # 不予受理 / 不予许可 / 撤回: the reason, its legal basis, and for a matter that is not ours
    # the body the applicant should turn to.
    reason: Mapped[str | None] = mapped_column(Text)
    legal_basis: Mapped[str | None] = mapped_column(Text)
    competent_body: Mapped[str | None] = mapped_column(String(255))
    decision: Mapped[Decision | None]
    result_text: Mapped[str | None] = mapped_column(Text)
    completed_at: Mapped[dt.datetime | None] = mapped_column(Timestamp)
    completed_on: Mapped[dt.date | None] = mapped_column(index=True)
    days_used: Mapped[int | None]
    on_time: Mapped[bool | None]
    delivered_at: Mapped[dt.datetime | None] = mapped_column(Timestamp)
    delivery_method: Mapped[DeliveryMethod | None]
    evaluation: Mapped[Evaluation | None]
    evaluated_at: Mapped[dt.datetime | None] = mapped_column(Timestamp, index=True)
    note: Mapped[str | None] = mapped_column(Text)


class CaseMaterial(Base):
    """The state of one required material in one case (received, missing or tolerated)."""

    __tablename__ = "case_materials"
    __table_args__ = (
        # 容缺逾期: the few tolerated materials by promised date, never a scan of them all.
        Index(
            "ix_case_materials_tolerated",
            "promised_date",
            sqlite_where=text(TOLERATED_STATE_SQL),
            postgresql_where=text(TOLERATED_STATE_SQL),
        ),
        {"sqlite_with_rowid": False},
    )

    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), primary_key=True)
    material_id: Mapped[int] = mapped_column(ForeignKey("item_materials.id"), primary_key=True)
    state: Mapped[MaterialState]
    promised_date: Mapped[dt.date | None]


class CasePause(Base):
    """A span in which the clock stops: 补正 (correction) or 特别程序 (special procedure)."""

    __tablename__ = "case_pauses"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    kind: Mapped[PauseKind]
    started_on: Mapped[dt.date]
    ended_on: Mapped[dt.date | None]
    reason: Mapped[str] = mapped_column(Text, default="")
    # The 补正 deadline given to the applicant, or the expected end of a 特别程序.
    expected_end: Mapped[dt.date | None]
    # The 特别程序's SpecialProcedure value (听证, 公示, 鉴定…); "" for a 补正 and old rows.
    procedure: Mapped[str] = mapped_column(String(64), default="")


def tolerated_materials() -> TextClause:
    """Tolerated (容缺) materials, in the partial index's own words (written out, not bound, so
    SQLite can use ix_case_materials_tolerated)."""
    return text(f"case_materials.{TOLERATED_STATE_SQL}")


def running_pause() -> ColumnElement[bool]:
    """The case is paused now (补正, 特别程序). Whatever day the pause began, its clock stands
    still: the case is neither overdue nor due soon until it resumes (workdays.WorkCalendar.
    due_date then gives it the days it had left)."""
    return exists().where(CasePause.case_id == Case.id, CasePause.ended_on.is_(None))


class CaseEvent(Base):
    """Append-only, hash-chained history of a case: who did what, when, from which status to
    which (see townclerk.db.history)."""

    __tablename__ = "case_events"
    __table_args__ = {"sqlite_with_rowid": False}

    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), primary_key=True)
    seq: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    at: Mapped[dt.datetime] = mapped_column(Timestamp)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    action: Mapped[str] = mapped_column(String(32))
    from_status: Mapped[CaseStatus | None]
    to_status: Mapped[CaseStatus | None]
    note: Mapped[str | None] = mapped_column(Text)
    chain_pos: Mapped[int] = mapped_column(index=True, unique=True)
    prev_hash: Mapped[bytes] = mapped_column(LargeBinary(32))
    row_hash: Mapped[bytes] = mapped_column(LargeBinary(32))
