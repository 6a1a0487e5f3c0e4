"""Center settings, windows, villages and the working-day calendar overrides."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import ClassVar, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from townclerk.db.database import Database
from townclerk.db.line_lists import split_lines
from townclerk.db.models import CalendarOverride, ServiceWindow, Setting, Village
from townclerk.enums import StationMode
from townclerk.errors import FieldError, NotFound, UserError
from townclerk.formats.holiday_notice import HolidayNotice
from townclerk.i18n import t
from townclerk.records import changes
from townclerk.records.center import MAX_REVIEW_DAYS, MIN_REVIEW_DAYS, CenterSettings
from townclerk.records.changes import Changed, DataArea
from townclerk.services.access import Actor, Permission, acting, require
from townclerk.services.audit import record_audit
from townclerk.validation import ValidationError, check_plain_text, parse_phone
from townclerk.workdays import WorkCalendar

PickListRow = TypeVar("PickListRow", ServiceWindow, Village)

_CENTER_CODE = re.compile(r"\d{9}|\d{12}")
_POINT_CODE = re.compile(r"[0-9A-Za-z]{1,32}")
CONFIRMED_YEARS_KEY = "calendar_confirmed_years"
MAX_DAYS_AT_ONCE = 366
MAX_NOTE = 255


def _decode(field_type: object, raw: str) -> object:
    if field_type in (StationMode, "StationMode"):
        return StationMode(raw)
    if field_type in (bool, "bool"):
        return raw == "1"
    if field_type in (int, "int"):
        return int(raw)
    if field_type in (tuple[str, ...], "tuple[str, ...]"):
        return split_lines(raw)
    return raw


def _encode(value: object) -> str:
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, tuple):
        return "\n".join(value)
    return str(value)


REASON_MAX_LENGTH = 200
# How a list setting (the common reasons) is written on one line of the command line.
LIST_SEPARATOR = "|"
_TRUE = ("1", "true", "yes", "是")
_FALSE = ("0", "false", "no", "否")


def center_setting_keys() -> tuple[str, ...]:
    return tuple(field.name for field in fields(CenterSettings))


def setting_text(settings: CenterSettings, key: str) -> str:
    """A center setting as ``settings show`` prints it, on one line."""
    value = getattr(settings, key)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, tuple):
        return f" {LIST_SEPARATOR} ".join(value)
    return " ".join(str(value).split("\n"))


def parse_setting(settings: CenterSettings, key: str, text: str) -> CenterSettings:
    """``settings`` with ``key`` set from ``text`` as typed on the command line (the value is
    validated with all the others when saved)."""
    kinds = {field.name: field.type for field in fields(CenterSettings)}
    if key not in kinds:
        raise UserError(
            t("没有名为 {key} 的设置；可用：{keys}", key=key, keys=", ".join(center_setting_keys()))
        )
    kind = kinds[key]
    value: object = text.strip()
    if kind in (bool, "bool"):
        if text.strip().lower() not in (*_TRUE, *_FALSE):
            raise FieldError(t("{key} 的值应为 true 或 false：{text}", key=key, text=text), key)
        value = text.strip().lower() in _TRUE
    elif kind in (int, "int"):
        try:
            value = int(text.strip())
        except ValueError:
            raise FieldError(t("{key} 的值应为整数：{text}", key=key, text=text), key) from None
    elif kind in (tuple[str, ...], "tuple[str, ...]"):
        value = clean_reasons(text.split(LIST_SEPARATOR))
    elif kind in (StationMode, "StationMode"):
        value = parse_station_mode(text)
    elif key == "phone" and value:
        try:
            value = parse_phone(text)
        except ValidationError as error:
            raise FieldError(str(error), key) from error
    return replace(settings, **{key: value})  # type: ignore[arg-type]


def parse_station_mode(text: str) -> StationMode:
    """A station mode by its value (village_point) or its Chinese name (村便民服务点)."""
    for mode in StationMode:
        if text.strip() in (mode.value, mode.label, t(mode.label)):
            return mode
    choices = t("、").join(f"{mode.value}（{t(mode.label)}）" for mode in StationMode)
    raise FieldError(
        t("未知的运行模式 {text}；可选：{choices}", text=text, choices=choices), "station_mode"
    )


def clean_reasons(lines: Iterable[str]) -> tuple[str, ...]:
    """The reasons as stored: trimmed, blank lines and repeats dropped, order kept."""
    return tuple(dict.fromkeys(line.strip() for line in lines if line.strip()))


def validate_center_settings(settings: CenterSettings) -> None:
    if not settings.center_name.strip():
        raise FieldError(t("请填写中心名称"), "center_name")
    if not _CENTER_CODE.fullmatch(settings.center_code):
        raise FieldError(t("中心代码应为9位或12位数字的行政区划代码，如 320324101"), "center_code")
    if settings.paper_size not in ("A4", "A5"):
        raise FieldError(t("纸张大小只能是 A4 或 A5"), "paper_size")
    if not 1 <= settings.idle_lock_minutes <= 240:
        raise FieldError(t("自动锁屏时间应在1至240分钟之间"), "idle_lock_minutes")
    if not 0 <= settings.warning_days <= 30:
        raise FieldError(t("预警天数应在0至30个工作日之间"), "warning_days")
    if not MIN_REVIEW_DAYS <= settings.review_days <= MAX_REVIEW_DAYS:
        raise FieldError(
            t(
                "初审时限应在{low}至{high}个工作日之间",
                low=MIN_REVIEW_DAYS,
                high=MAX_REVIEW_DAYS,
            ),
            "review_days",
        )
    for reasons, field in (
        (settings.refusal_reasons, "refusal_reasons"),
        (settings.correction_reasons, "correction_reasons"),
    ):
        if any(len(reason) > REASON_MAX_LENGTH for reason in reasons):
            raise FieldError(t("每条常用理由不超过{count}个字", count=REASON_MAX_LENGTH), field)
    validate_issuing_settings(settings)
    validate_backup_settings(settings)
    validate_station_settings(settings)


def validate_station_settings(settings: CenterSettings) -> None:
    """A village point's laptop names its point; a code, when given, reads as one."""
    code = settings.village_point_code
    if code and not _POINT_CODE.fullmatch(code):
        raise FieldError(
            t("村便民服务点代码只能由字母和数字组成（最多32位），如 320324101201"),
            "village_point_code",
        )
    if settings.station_mode is StationMode.VILLAGE_POINT and not code:
        raise FieldError(
            t("村便民服务点模式须填写本服务点的代码（village_point_code）"), "village_point_code"
        )


BODY_NAME_MAX = 128


def validate_issuing_settings(settings: CenterSettings) -> None:
    """The township government, its seal, the 复议机关 and the court: each may be left empty (it
    is then derived, see ``CenterSettings``), else must read as what it is."""
    for field, label in (
        ("government_name", t("镇（街道）人民政府名称")),
        ("government_seal", t("印章文字")),
        ("review_body", t("行政复议机关")),
        ("court", t("一审人民法院")),
    ):
        value: str = getattr(settings, field)
        if len(value) > BODY_NAME_MAX:
            raise FieldError(
                t("{what}过长（最多{limit}个字符）", what=label, limit=BODY_NAME_MAX), field
            )
    government = settings.government_name
    if government and not government.endswith(("人民政府", "办事处")):
        raise FieldError(
            t("镇（街道）人民政府名称应以“人民政府”或“办事处”结尾，如 睢宁县示范镇人民政府"),
            "government_name",
        )
    if settings.government_seal and not settings.government_seal.startswith(settings.government):
        raise FieldError(
            t(
                "印章文字应以发文机关名称开头，如 {example}",
                example=replace(settings, government_seal="").seal,
            ),
            "government_seal",
        )
    if settings.review_body and not settings.review_body.endswith(("人民政府", "局", "委员会")):
        raise FieldError(
            t("行政复议机关一般为县级人民政府（《行政复议法》第二十四条），如 睢宁县人民政府"),
            "review_body",
        )
    if settings.court and not settings.court.endswith("法院"):
        raise FieldError(t("一审人民法院名称应以“法院”结尾，如 睢宁县人民法院"), "court")


def validate_backup_settings(settings: CenterSettings) -> None:
    if not 1 <= settings.backup_interval_hours <= 24:
        raise FieldError(t("自动备份间隔应在1至24小时之间"), "backup_interval_hours")
    for count, label, field in (
        (settings.backup_keep_daily, t("每日备份"), "backup_keep_daily"),
        (settings.backup_keep_weekly, t("每周备份"), "backup_keep_weekly"),
        (settings.backup_keep_monthly, t("每月备份"), "backup_keep_monthly"),
    ):
        if not 0 <= count <= 366:
            raise FieldError(t("{label}保留份数应在0至366之间", label=label), field)
    if settings.backup_keep_daily + settings.backup_keep_weekly + settings.backup_keep_monthly < 1:
        raise FieldError(t("至少要保留一份自动备份"), "backup_keep_daily")
    location = settings.backup_second_location
    if location and any(ord(ch) < 32 for ch in location):
        raise FieldError(t("第二备份位置含有控制字符"), "backup_second_location")
    if location and not Path(location).is_absolute():
        raise FieldError(
            t("第二备份位置应为完整路径（如 E:\\备份 或 /media/usb/备份）"),
            "backup_second_location",
        )


@dataclass(frozen=True)
class NamedRow:
    """A window or a village as screens and pickers see it."""

    areas: ClassVar[frozenset[DataArea]] = changes.SETTINGS  # a write that returns a row

    id: int
    name: str
    active: bool
    code: str = ""


@dataclass(frozen=True)
class DayOverride:
    day: dt.date
    is_workday: bool
    note: str


class SettingsService:
    def __init__(self, db: Database) -> None:
        self._db = db

    # --- center settings -------------------------------------------------------------------
    def center(self) -> CenterSettings:
        with self._db.reads() as session:
            return self.center_in(session)

    @staticmethod
    def center_in(session: Session) -> CenterSettings:
        return _center_from(_stored_settings(session))

    @staticmethod
    def center_and_calendar_in(session: Session) -> tuple[CenterSettings, WorkCalendar]:
        """Both, from one read of the settings table (registering a case needs both)."""
        stored = _stored_settings(session)
        return _center_from(stored), _calendar_from(session, stored)

    def update_center(self, actor: Actor, settings: CenterSettings) -> Changed:

        require(actor, Permission.MANAGE_SETTINGS)
        settings = replace(
            settings,
            center_name=check_plain_text(settings.center_name, t("中心名称")).strip(),
            center_code=settings.center_code.strip(),
            government_name=_plain(settings.government_name, "government_name"),
            government_seal=_plain(settings.government_seal, "government_seal"),
            review_body=_plain(settings.review_body, "review_body"),
            court=_plain(settings.court, "court"),
            backup_second_location=settings.backup_second_location.strip(),
            village_point_code=settings.village_point_code.strip(),
            refusal_reasons=clean_reasons(settings.refusal_reasons),
            correction_reasons=clean_reasons(settings.correction_reasons),
        )
        validate_center_settings(settings)
        with acting(self._db, actor) as session:
            before = self.center_in(session)
            changed = {}
            for field in fields(CenterSettings):
                new = getattr(settings, field.name)
                if new != getattr(before, field.name):
                    session.merge(Setting(key=field.name, value=_encode(new)))
                    changed[field.name] = _encode(new)
            if changed:
                record_audit(session, actor, "settings.update", self._db.now(), **changed)
        return Changed(changes.SETTINGS)

    def set_center_value(self, actor: Actor, key: str, text: str) -> Changed:
        """Set one center setting from its text (``settings set KEY VALUE``)."""
        require(actor, Permission.MANAGE_SETTINGS)
        return self.update_center(actor, parse_setting(self.center(), key, text))

    # --- windows and villages --------------------------------------------------------------
    def windows(self, *, include_inactive: bool = False) -> list[NamedRow]:
        with self._db.reads() as session:
            query = select(ServiceWindow).order_by(ServiceWindow.sort_order, ServiceWindow.id)
            if not include_inactive:
                query = query.where(ServiceWindow.active)
            return [NamedRow(w.id, w.name, w.active) for w in session.scalars(query)]

    def villages(self, *, include_inactive: bool = False) -> list[NamedRow]:
        with self._db.reads() as session:
            query = select(Village).order_by(Village.sort_order, Village.id)
            if not include_inactive:
                query = query.where(Village.active)
            return [NamedRow(v.id, v.name, v.active, v.code or "") for v in session.scalars(query)]

    def add_window(self, actor: Actor, name: str) -> NamedRow:
        require(actor, Permission.MANAGE_SETTINGS)
        name = check_plain_text(name, t("窗口名称")).strip()
        if not name:
            raise UserError(t("请填写窗口名称"))
        with acting(self._db, actor) as session:
            if session.scalar(select(ServiceWindow.id).where(ServiceWindow.name == name)):
                raise UserError(t("窗口“{name}”已存在", name=name))
            count = len(session.scalars(select(ServiceWindow.id)).all())
            window = ServiceWindow(name=name, active=True, sort_order=count)
            session.add(window)
            session.flush()
            record_audit(session, actor, "window.add", self._db.now(), target=name)
            return NamedRow(window.id, window.name, True)

    def set_window_active(self, actor: Actor, window_id: int, active: bool) -> Changed:
        return self._set_active(actor, ServiceWindow, window_id, active, "window", t("窗口不存在"))

    def add_village(self, actor: Actor, name: str, code: str = "") -> NamedRow:
        require(actor, Permission.MANAGE_SETTINGS)
        name, code = check_plain_text(name, t("村（社区）名称")).strip(), code.strip()
        if not name:
            raise UserError(t("请填写村（社区）名称"))
        if code and not re.fullmatch(r"\d{12}", code):
            raise UserError(t("村（社区）代码应为12位数字"))
        with acting(self._db, actor) as session:
            if session.scalar(select(Village.id).where(Village.name == name)):
                raise UserError(t("村（社区）“{name}”已存在", name=name))
            count = len(session.scalars(select(Village.id)).all())
            village = Village(name=name, code=code or None, active=True, sort_order=count)
            session.add(village)
            session.flush()
            record_audit(session, actor, "village.add", self._db.now(), target=name)
            return NamedRow(village.id, village.name, True, code)

    def set_village_active(self, actor: Actor, village_id: int, active: bool) -> Changed:
        return self._set_active(
            actor, Village, village_id, active, "village", t("村（社区）不存在")
        )

    def _set_active(
        self,
        actor: Actor,
        model: type[PickListRow],
        row_id: int,
        active: bool,
        audit_name: str,
        missing: str,
    ) -> Changed:
        """Enable or disable a pick-list row; ``audit_name``.enable/.disable is audited."""
        require(actor, Permission.MANAGE_SETTINGS)
        with acting(self._db, actor) as session:
            row = session.get(model, row_id)
            if row is None:
                raise NotFound(missing)
            row.active = active
            action = f"{audit_name}.enable" if active else f"{audit_name}.disable"
            record_audit(session, actor, action, self._db.now(), target=row.name)
        return Changed(changes.SETTINGS)

    # --- working-day calendar --------------------------------------------------------------
    def work_calendar(self) -> WorkCalendar:
        with self._db.reads() as session:
            return self.work_calendar_in(session)

    @staticmethod
    def work_calendar_in(session: Session) -> WorkCalendar:
        raw = session.scalar(select(Setting.value).where(Setting.key == CONFIRMED_YEARS_KEY))
        return _calendar_from(session, {CONFIRMED_YEARS_KEY: raw or ""})

    def overrides(self, year: int) -> list[DayOverride]:
        with self._db.reads() as session:
            rows = session.scalars(
                select(CalendarOverride)
                .where(
                    CalendarOverride.day >= dt.date(year, 1, 1),
                    CalendarOverride.day <= dt.date(year, 12, 31),
                )
                .order_by(CalendarOverride.day)
            )
            return [DayOverride(row.day, row.is_workday, row.note) for row in rows]

    def set_day(
        self, actor: Actor, day: dt.date, is_workday: bool | None, note: str = ""
    ) -> Changed:
        """Make ``day`` a working day or a day off; None removes the override."""
        require(actor, Permission.MANAGE_SETTINGS)
        with acting(self._db, actor) as session:
            self._set_day_in(session, actor, day, is_workday, note, self._db.now())
            record_audit(
                session,
                actor,
                "calendar.set_day",
                self._db.now(),
                target=day.isoformat(),
                is_workday=is_workday,
                note=note,
            )
        return Changed(changes.SETTINGS)

    def set_days(
        self, actor: Actor, days: Sequence[dt.date], is_workday: bool | None, note: str = ""
    ) -> Changed:
        """Mark every day of ``days`` (a range chosen on the calendar) a working day, a day off,
        or (None) as the official calendar, with one note: one transaction, one audit entry."""
        require(actor, Permission.MANAGE_SETTINGS)
        chosen = sorted(set(days))
        if not chosen:
            raise UserError(t("请先选择日期"))
        if len(chosen) > MAX_DAYS_AT_ONCE:
            raise UserError(t("一次最多调整{limit}天", limit=MAX_DAYS_AT_ONCE))
        note = note.strip()
        if len(note) > MAX_NOTE:
            raise UserError(t("说明过长（最多{limit}个字符）", limit=MAX_NOTE))
        now = self._db.now()
        with acting(self._db, actor) as session:
            for day in chosen:
                self._set_day_in(session, actor, day, is_workday, note, now)
            record_audit(
                session,
                actor,
                "calendar.set_days",
                now,
                target=f"{chosen[0].isoformat()}..{chosen[-1].isoformat()}",
                days=len(chosen),
                is_workday=is_workday,
                note=note,
            )
        return Changed(changes.SETTINGS)

    def apply_notice(self, actor: Actor, notice: HolidayNotice) -> Changed:
        """Set the days of a State Council notice in one transaction: a day the official data
        already agrees on loses any override, any other gets one noted with its holiday; a
        year without official data is confirmed as entered."""
        require(actor, Permission.MANAGE_SETTINGS)
        now = self._db.now()
        with acting(self._db, actor) as session:
            calendar = self.work_calendar_in(session)
            for notice_day in notice.days:
                official = calendar.official_is_workday(notice_day.day)
                is_workday = None if official == notice_day.is_workday else notice_day.is_workday
                self._set_day_in(session, actor, notice_day.day, is_workday, notice_day.note, now)
            if not calendar.is_official_year(notice.year):
                self._confirm_in(session, notice.year, True)
            record_audit(
                session,
                actor,
                "calendar.apply_notice",
                now,
                target=str(notice.year),
                days_off=len(notice.days_off()),
                workdays=len(notice.workdays()),
            )
        return Changed(changes.SETTINGS)

    @staticmethod
    def _set_day_in(
        session: Session,
        actor: Actor,
        day: dt.date,
        is_workday: bool | None,
        note: str,
        now: dt.datetime,
    ) -> None:
        existing = session.get(CalendarOverride, day)
        if is_workday is None:
            if existing is not None:
                session.delete(existing)
        elif existing is None:
            session.add(
                CalendarOverride(
                    day=day,
                    is_workday=is_workday,
                    note=note,
                    changed_by=actor.username,
                    changed_at=now,
                )
            )
        else:
            existing.is_workday = is_workday
            existing.note = note
            existing.changed_by = actor.username
            existing.changed_at = now

    @staticmethod
    def _confirm_in(session: Session, year: int, confirmed: bool) -> None:
        raw = session.scalar(select(Setting.value).where(Setting.key == CONFIRMED_YEARS_KEY))
        years = {int(y) for y in (raw or "").split(",") if y}
        years = years | {year} if confirmed else years - {year}
        session.merge(
            Setting(key=CONFIRMED_YEARS_KEY, value=",".join(str(y) for y in sorted(years)))
        )

    def confirm_year(self, actor: Actor, year: int, confirmed: bool = True) -> Changed:
        """Mark a year without official data as entered by hand, silencing its warning."""
        require(actor, Permission.MANAGE_SETTINGS)
        with acting(self._db, actor) as session:
            self._confirm_in(session, year, confirmed)
            record_audit(
                session,
                actor,
                "calendar.confirm_year",
                self._db.now(),
                target=str(year),
                confirmed=confirmed,
            )
        return Changed(changes.SETTINGS)


def _plain(value: str, field: str) -> str:
    """One line of text, trimmed; control characters are refused beside the field."""
    try:
        return check_plain_text(value, t("名称")).strip()
    except ValidationError as error:
        raise FieldError(str(error), field) from error


def _stored_settings(session: Session) -> dict[str, str]:
    return dict(session.execute(select(Setting.key, Setting.value)).all())


def _center_from(stored: dict[str, str]) -> CenterSettings:
    values = {}
    for field in fields(CenterSettings):
        if field.name in stored:
            values[field.name] = _decode(field.type, stored[field.name])
    return replace(CenterSettings(), **values)  # type: ignore[arg-type]


def _calendar_from(session: Session, stored: dict[str, str]) -> WorkCalendar:
    overrides = dict(
        session.execute(select(CalendarOverride.day, CalendarOverride.is_workday)).all()
    )
    raw = stored.get(CONFIRMED_YEARS_KEY, "")
    return WorkCalendar(overrides, [int(year) for year in raw.split(",") if year])
