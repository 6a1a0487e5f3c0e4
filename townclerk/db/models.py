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
    Holder,
    IdType,
    Level,
    MaterialForm,
    MaterialState,
    PauseKind,
    PowerSource,
    PreRegistrationStatus,
    Role,
    Routing,
    Sex,
    TransferDirection,
)

Timestamp = DateTime().with_variant(EpochSeconds(), "sqlite")
# Queries must repeat this text literally (not with bound parameters) for SQLite to use the
# partial index on open cases: see :func:`open_cases`.
OPEN_STATUS_SQL = "status IN (" + ", ".join(f"'{status.value}'" for status in OPEN_STATUSES) + ")"
WITHDRAWN_STATUS_SQL = f"status = '{CaseStatus.WITHDRAWN.value}'"
TOLERATED_STATE_SQL = f"state = '{MaterialState.TOLERATED.value}'"
AT_DESK_SQL = f"holder = '{Holder.DESK.value}'"
AT_COUNTY_SQL = f"holder = '{Holder.COUNTY.value}'"
COMPLETED_STATUS_SQL = f"status = '{CaseStatus.COMPLETED.value}'"


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


class VillagePoint(Base):
    """A village convenience service point (村级便民服务点): one per village. ``code`` heads
    its pre-registrations' references (<code>-<YYYYMMDD>-<seq>)."""

    __tablename__ = "village_points"

    id: Mapped[int] = mapped_column(primary_key=True)
    village_id: Mapped[int] = mapped_column(ForeignKey("villages.id"), unique=True)
    name: Mapped[str] = mapped_column(String(128))
    code: Mapped[str] = mapped_column(String(32), unique=True)
    address: Mapped[str] = mapped_column(String(255), default="")
    phone: Mapped[str] = mapped_column(String(32), default="")
    active: Mapped[bool] = mapped_column(default=True)


class VillageAgent(Base):
    """A village agent (代办员) of a point; ``user_id`` when they log in themselves."""

    __tablename__ = "village_agents"

    id: Mapped[int] = mapped_column(primary_key=True)
    point_id: Mapped[int] = mapped_column(ForeignKey("village_points.id"), index=True)
    name: Mapped[str] = mapped_column(String(64))
    phone: Mapped[str] = mapped_column(String(32), default="")
    id_number: Mapped[str] = mapped_column(String(64), default="")
    trained_on: Mapped[dt.date | None]
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), unique=True)
    active: Mapped[bool] = mapped_column(default=True)


class Desk(Base):
    """A back-office desk (后台审批) in the center: a county department's window that decides
    the cases of the departments mapped to it."""

    __tablename__ = "desks"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(64), unique=True)
    active: Mapped[bool] = mapped_column(default=True)
    sort_order: Mapped[int] = mapped_column(default=0)


class DeskDepartment(Base):
    """A department (as the catalog names it) whose back-office cases go to ``desk_id``."""

    __tablename__ = "desk_departments"

    department: Mapped[str] = mapped_column(String(128), primary_key=True)
    desk_id: Mapped[int] = mapped_column(ForeignKey("desks.id"), index=True)


class DeskMember(Base):
    """A back-office officer working at a desk (one officer may serve several)."""

    __tablename__ = "desk_members"

    desk_id: Mapped[int] = mapped_column(ForeignKey("desks.id"), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True)


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
    # Where it is decided (None: worked out by records.routing from its name and department)
    # and, for a 初审 item, the township's own working days before it is sent to the county.
    routing: Mapped[Routing | None]
    review_days: Mapped[int | None]
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
        # A desk's queue, oldest first.
        Index(
            "ix_cases_desk_queue",
            "desk_id",
            "holder_since",
            sqlite_where=text(AT_DESK_SQL),
            postgresql_where=text(AT_DESK_SQL),
        ),
        # Cases away at the county, longest away first.
        Index(
            "ix_cases_at_county",
            "holder_since",
            sqlite_where=text(AT_COUNTY_SQL),
            postgresql_where=text(AT_COUNTY_SQL),
        ),
        Index("uq_cases_intake_key", "intake_key", unique=True),
        # 待出件: decided, not yet handed out (few, so a partial index).
        Index(
            "ix_cases_to_deliver",
            "holder",
            "completed_at",
            sqlite_where=text(COMPLETED_STATUS_SQL),
            postgresql_where=text(COMPLETED_STATUS_SQL),
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
    # Where the case is (前台受理、后台审批、窗口出件) and since when; the desk when at a desk.
    routing: Mapped[Routing] = mapped_column(default=Routing.WINDOW)  # the item's, as accepted
    holder: Mapped[Holder] = mapped_column(default=Holder.WINDOW)
    desk_id: Mapped[int | None] = mapped_column(ForeignKey("desks.id"))
    holder_since: Mapped[dt.datetime | None] = mapped_column(Timestamp)
    # 初审转报: the township's own clock (初审 within the item's review days), its opinion, when
    # and to whom it went, and when the county decided. ``due_date`` stays the resident's.
    review_due_date: Mapped[dt.date | None]
    review_opinion: Mapped[str | None] = mapped_column(Text)
    county_body: Mapped[str | None] = mapped_column(String(128))
    sent_to_county_on: Mapped[dt.date | None]
    county_decided_on: Mapped[dt.date | None]
    # A licence's or approval's number and how long it is valid; who collected the result.
    result_number: Mapped[str | None] = mapped_column(String(128))
    result_valid_until: Mapped[dt.date | None]
    delivered_to: Mapped[str | None] = mapped_column(String(128))
    # The village point whose agent brought it (村代办).
    village_point_id: Mapped[int | None] = mapped_column(ForeignKey("village_points.id"))
    # A key the window makes once per intake form: a retry after a lost answer finds the case
    # the first try registered instead of registering a second one.
    intake_key: Mapped[str | None] = mapped_column(String(64))


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


class CaseHandover(Base):
    """Append-only: one hand-over of a case's papers (移交), from one holder to the next, who
    gave them, who took them and what papers moved. The case's history records it too."""

    __tablename__ = "case_handovers"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    at: Mapped[dt.datetime] = mapped_column(Timestamp, index=True)
    from_holder: Mapped[Holder]
    from_desk_id: Mapped[int | None] = mapped_column(ForeignKey("desks.id"))
    to_holder: Mapped[Holder]
    to_desk_id: Mapped[int | None] = mapped_column(ForeignKey("desks.id"))
    given_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    taken_by: Mapped[str] = mapped_column(String(128), default="")  # a name: an officer, a body
    papers: Mapped[str] = mapped_column(Text, default="")  # one a line
    note: Mapped[str] = mapped_column(Text, default="")
    transfer_list_id: Mapped[int | None] = mapped_column(ForeignKey("transfer_lists.id"))


class TransferList(Base):
    """One trip of a village agent: a 交接单 of pre-registrations to the township, or a 返还清单
    of results back to the village point. Both sides sign the paper."""

    __tablename__ = "transfer_lists"

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(48), unique=True)
    direction: Mapped[TransferDirection]
    point_id: Mapped[int] = mapped_column(ForeignKey("village_points.id"), index=True)
    carrier: Mapped[str] = mapped_column(String(64), default="")  # the agent carrying it
    created_at: Mapped[dt.datetime] = mapped_column(Timestamp)
    created_by: Mapped[str] = mapped_column(String(64))
    received_at: Mapped[dt.datetime | None] = mapped_column(Timestamp)
    received_by: Mapped[str | None] = mapped_column(String(64))


class TransferListEntry(Base):
    """A line of a trip: a pre-registration (交接单) or a case's result (返还清单), its papers
    and what became of it on arrival."""

    __tablename__ = "transfer_list_entries"

    list_id: Mapped[int] = mapped_column(ForeignKey("transfer_lists.id"), primary_key=True)
    seq: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    pre_registration_id: Mapped[int | None] = mapped_column(
        ForeignKey("pre_registrations.id"), index=True
    )
    case_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id"), index=True)
    papers: Mapped[str] = mapped_column(Text, default="")  # one a line
    outcome: Mapped[str] = mapped_column(String(32), default="")


class PreRegistration(Base):
    """An application taken in at a village point (预登记), provisional until the township's
    window accepts it and gives it a case number. The applicant and the item are copied, since
    a village laptop's database and the township's are different files."""

    __tablename__ = "pre_registrations"

    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(String(48), unique=True)  # <code>-<YYYYMMDD>-<seq>
    point_id: Mapped[int] = mapped_column(ForeignKey("village_points.id"), index=True)
    agent_name: Mapped[str] = mapped_column(String(64), default="")
    status: Mapped[PreRegistrationStatus] = mapped_column(index=True)
    item_code: Mapped[str] = mapped_column(String(64))
    item_name: Mapped[str] = mapped_column(String(255))
    applicant_kind: Mapped[ApplicantKind]
    applicant_id_type: Mapped[IdType]
    applicant_id_number: Mapped[str] = mapped_column(String(64))
    applicant_name: Mapped[str] = mapped_column(String(128))
    applicant_phone: Mapped[str] = mapped_column(String(32), default="")
    applicant_address: Mapped[str] = mapped_column(String(255), default="")
    # [{"name", "form", "copies", "received"}], in the item's order.
    materials: Mapped[list[dict[str, Any]]] = mapped_column(default=list)
    note: Mapped[str] = mapped_column(Text, default="")
    registered_at: Mapped[dt.datetime] = mapped_column(Timestamp)
    registered_by: Mapped[str] = mapped_column(String(64))
    updated_at: Mapped[dt.datetime] = mapped_column(Timestamp, index=True)
    # The township's answer: the case it became (case_id only in the township's file), or what
    # is missing (一次性告知), or why it was not received.
    answered_at: Mapped[dt.datetime | None] = mapped_column(Timestamp)
    answer: Mapped[str] = mapped_column(Text, default="")
    case_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id"), unique=True)
    case_number: Mapped[str | None] = mapped_column(String(32))
    due_date: Mapped[dt.date | None]
    # The result on its way back: decided, at the point for pickup, collected.
    decision: Mapped[Decision | None]
    result_text: Mapped[str | None] = mapped_column(Text)
    result_at_point_at: Mapped[dt.datetime | None] = mapped_column(Timestamp)
    picked_up_at: Mapped[dt.datetime | None] = mapped_column(Timestamp)
    picked_up_by: Mapped[str | None] = mapped_column(String(128))


class PreRegistrationCounter(Base):
    """Last sequence number of a village point's pre-registrations per day."""

    __tablename__ = "pre_registration_counters"

    point_id: Mapped[int] = mapped_column(ForeignKey("village_points.id"), primary_key=True)
    day: Mapped[dt.date] = mapped_column(primary_key=True)
    last: Mapped[int]


class ExchangeIdentity(Base):
    """This database's own Ed25519 key for signing exchange files (one row, made once by the
    admin). The private key never leaves the database except in its backups."""

    __tablename__ = "exchange_identity"

    id: Mapped[int] = mapped_column(primary_key=True)
    private_key: Mapped[bytes] = mapped_column(LargeBinary(32))
    public_key: Mapped[bytes] = mapped_column(LargeBinary(32))
    created_at: Mapped[dt.datetime] = mapped_column(Timestamp)


class ExchangePeer(Base):
    """The other side of exchange files: the township (seen from a village laptop) or a village
    point (seen from the township), known by its public key. ``last_seq_in`` is the number of
    the newest file imported from it; ``last_seq_out`` of the newest file made for it."""

    __tablename__ = "exchange_peers"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(128))
    center_code: Mapped[str] = mapped_column(String(32))
    point_code: Mapped[str] = mapped_column(String(32), default="")  # "" = the township
    public_key: Mapped[bytes] = mapped_column(LargeBinary(32), unique=True)
    added_at: Mapped[dt.datetime] = mapped_column(Timestamp)
    added_by: Mapped[str] = mapped_column(String(64))
    last_seq_in: Mapped[int] = mapped_column(default=0)
    last_sha256_in: Mapped[str] = mapped_column(String(64), default="")
    last_seq_out: Mapped[int] = mapped_column(default=0)
