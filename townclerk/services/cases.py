"""Case use cases: register (accept, one-time notice, refusal), move through the state machine.

Each public method is one transaction: it checks the actor's role, the case's status and the
input before writing, and writes the case change and its event together or not at all.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import ColumnElement, Select, TextClause, func, insert, or_, select, union
from sqlalchemy import text as sql_text
from sqlalchemy.orm import Session

from townclerk import case_states
from townclerk.case_states import CaseAction
from townclerk.db import history
from townclerk.db.database import Database
from townclerk.db.models import (
    AT_COUNTY_SQL,
    AT_DESK_SQL,
    Applicant,
    Case,
    CaseEvent,
    CaseMaterial,
    CaseNumberCounter,
    CasePause,
    Desk,
    DeskDepartment,
    ItemMaterial,
    ServiceItem,
    ServiceWindow,
    User,
    open_cases,
    running_pause,
    tolerated_materials,
)
from townclerk.enums import (
    CaseKind,
    CaseStatus,
    Channel,
    Decision,
    DeliveryMethod,
    Evaluation,
    Holder,
    IdType,
    MaterialState,
    PauseKind,
    Routing,
    SpecialProcedure,
)
from townclerk.errors import NotFound, UserError
from townclerk.i18n import N_, t
from townclerk.records.approval import SupervisorCredentials
from townclerk.records.cases import (
    AgentInput,
    ApplicantInfo,
    ApplicantInput,
    CaseDetail,
    CaseEventInfo,
    CaseMaterialInfo,
    CaseQuery,
    CaseRow,
    ExtensionInfo,
    Intake,
    MaterialInput,
    PauseInfo,
    ResubmissionDraft,
    RevealedCase,
    ToleranceOverride,
    deadline_warning,
    over_statutory_limit,
)
from townclerk.records.center import refusal_needs_competent_body
from townclerk.records.journey import route_for
from townclerk.services.access import (
    Actor,
    Permission,
    acting,
    require,
    sees_full_personal_data,
    viewing,
)
from townclerk.services.applicants import (
    applicant_info,
    check_agent,
    check_applicant,
    find_applicant,
    upsert_applicant,
)
from townclerk.services.audit import record_audit
from townclerk.services.case_journey import journey_of
from townclerk.services.deadlines import check_extension, statutory_due_date
from townclerk.services.intake_keys import once_per_intake_key, registered_before
from townclerk.services.issuing import issuer_for_item_in
from townclerk.services.numbering import allocate_case_number, format_case_number
from townclerk.services.settings import SettingsService
from townclerk.services.supervisor_approval import approving_supervisor
from townclerk.services.village_intake import (
    answer_with_case,
    check_power_of_attorney,
    claim_pre_registration,
)
from townclerk.validation import (
    ValidationError,
    check_plain_text,
    is_whole_id_number,
    is_whole_mobile,
    parse_mobile,
)
from townclerk.workdays import Pause, WorkCalendar, last_official_year

MAX_TEXT = 2000
REVEAL_ACTION = "case.show_personal_data"
TOLERANCE_OVERRIDE_ACTION = "case.tolerance_override"
# 补交 of a 容缺 material is possible while the case is open or completed (not yet delivered):
# the 容缺逾期 filter lists the cases in these statuses that still owe one past its date.
OWING_STATUSES = case_states.TRANSITIONS[CaseAction.SUPPLY_MATERIAL].sources
# 补正: the applicant has this many working days to correct unless the clerk gives a date, and
# a date further off than a year is a slip of the keyboard.
CORRECTION_DAYS = 5
LONGEST_CORRECTION = dt.timedelta(days=366)
# 特别程序: its expected length in working days (about a year at most).
LONGEST_SPECIAL_DAYS = 250
EXTEND_ACTION = "case.extend"
# 出件: who collected the result (cases.delivered_to), as the 送达's history note names them.
MAX_RECIPIENT = 128
RECIPIENT_MARK = "领取人："
_RESUMES = frozenset({CaseAction.END_CORRECTION, CaseAction.END_SPECIAL})


def _text(value: str, what: str, *, required: bool) -> str | None:
    """``value`` stripped, or None when empty; ``what`` names the field (marked with N_)."""
    value = check_plain_text(value, t(what), multiline=True).strip()
    if required and not value:
        raise UserError(t("请填写{what}", what=t(what)))
    if len(value) > MAX_TEXT:
        raise UserError(t("{what}过长（最多{limit}个字符）", what=t(what), limit=MAX_TEXT))
    return value or None


# The tail of a case number as read off a banner or a receipt: the day's sequence (0438), or
# month, day and sequence (1203-0438).
_NUMBER_TAIL = re.compile(r"(?:(?P<month_day>\d{4})-?)?(?P<sequence>\d{4})")
# A sequence alone (0438) is looked for among the newest days' numbers only: it is read off a
# recent banner or receipt, and every day has a case 0003. Month and day find older ones.
_RECENT_DAYS = 60
_FORMATTED_MOBILE = re.compile(r"(\+|00)86.*|1\d{2}-\d{4}-\d{4}")


def _search_text(raw: str) -> str:
    """The case list's search text, without spaces; a mobile number typed with +86 or dashes
    (+86 177 8872 3351, 177-8872-3351) becomes the 11 digits it is stored as."""
    compact = "".join(raw.split()).upper()
    if _FORMATTED_MOBILE.fullmatch(compact):
        with contextlib.suppress(ValidationError):
            return parse_mobile(compact)
    return compact


def _material_info(material: ItemMaterial, state: CaseMaterial | MaterialInput) -> CaseMaterialInfo:
    """One material of a case: the catalog's material and what the case holds of it."""
    return CaseMaterialInfo(
        material_id=material.id,
        seq=material.seq,
        name=material.name,
        form=material.form,
        copies=material.copies,
        required=material.required,
        state=state.state,
        promised_date=state.promised_date,
    )


def _unofficial_due_years(
    session: Session, case: Case, calendar: WorkCalendar | None
) -> tuple[int, ...]:
    """Years between registration and the due date without a published holiday schedule."""
    if case.due_date is None or case.due_date.year <= last_official_year():
        return ()
    calendar = calendar or SettingsService.work_calendar_in(session)
    return tuple(calendar.unofficial_years_in(case.received_on, case.due_date))


class CaseService:
    def __init__(self, db: Database) -> None:
        self._db = db

    # --- registration ----------------------------------------------------------------------
    def accept(
        self,
        actor: Actor,
        intake: Intake,
        *,
        result_text: str = "",
        resubmits: str | None = None,
    ) -> CaseDetail:
        """受理. A 即办件 is completed (准予) in the same step. ``resubmits``: the number of the
        一次性告知 whose missing materials the applicant now brings (补齐后受理); the new case is
        linked to it, and a notice is completed by one acceptance only."""
        return self._register(
            actor, intake, CaseAction.ACCEPT, result_text=result_text, resubmits=resubmits
        )

    def notify(self, actor: Actor, intake: Intake, *, extra: str = "") -> CaseDetail:
        """一次性告知: record, once and completely, everything missing."""
        return self._register(actor, intake, CaseAction.NOTIFY, reason=extra)

    def refuse(
        self,
        actor: Actor,
        intake: Intake,
        *,
        reason: str,
        legal_basis: str = "",
        competent_body: str = "",
    ) -> CaseDetail:
        """不予受理, with the reason (required), the legal basis where given and, for a matter
        outside our powers, the body to apply to (required then: 第32条(二))."""
        return self._register(
            actor,
            intake,
            CaseAction.REFUSE,
            reason=reason,
            legal_basis=legal_basis,
            competent_body=competent_body,
        )

    @once_per_intake_key
    def _register(
        self,
        actor: Actor,
        intake: Intake,
        action: CaseAction,
        *,
        result_text: str = "",
        reason: str = "",
        legal_basis: str = "",
        competent_body: str = "",
        resubmits: str | None = None,
    ) -> CaseDetail:
        require(actor, Permission.HANDLE_CASES)
        now = self._db.now()
        today = now.date()
        with acting(self._db, actor) as session:
            item = session.get(ServiceItem, intake.item_id)
            if item is None or not item.active:
                raise UserError(t("该事项不存在或已从目录中撤销，不能受理"))
            checked = check_applicant(
                intake.applicant, phone_required=action is CaseAction.ACCEPT, today=today
            )
            if (earlier := registered_before(session, intake, checked.data.id_number)) is not None:
                return self._detail(session, earlier)  # a retry: its first try committed
            agent = check_agent(intake.agent, today) if intake.agent is not None else None
            notice = (
                self._notice_to_complete(session, resubmits.strip(), item, checked.data)
                if resubmits is not None
                else None
            )
            states = self._material_states(session, item, intake, action, today)
            if action is CaseAction.ACCEPT and (
                intake.agent is not None or intake.channel is Channel.VILLAGE_AGENT
            ):
                check_power_of_attorney(states)
            pre_registration = None
            if intake.pre_registration is not None:
                if action is CaseAction.REFUSE:
                    raise UserError(t("村代办预登记只能受理或一次性告知"))
                pre_registration = claim_pre_registration(
                    session,
                    intake.pre_registration,
                    item,
                    checked.data.id_type,
                    checked.data.id_number,
                )
            note = _text(intake.note, N_("备注"), required=False)
            reason_text = _text(reason, N_("不予受理理由"), required=action is CaseAction.REFUSE)
            competent = _text(
                competent_body,
                N_("有权受理的机关"),
                required=action is CaseAction.REFUSE
                and refusal_needs_competent_body(reason_text or ""),
            )
            if action is CaseAction.NOTIFY:
                missing = [m for m, state in states if state.state is MaterialState.MISSING]
                if not missing and not reason_text:
                    raise UserError(t("一次性告知须列明缺少的材料或需补正的内容"))
            center, calendar = SettingsService.center_and_calendar_in(session)
            issuer = issuer_for_item_in(session, item, center)
            applicant = upsert_applicant(session, checked, now)
            status = {
                CaseAction.ACCEPT: CaseStatus.ACCEPTED,
                CaseAction.NOTIFY: CaseStatus.NOTIFIED,
                CaseAction.REFUSE: CaseStatus.REFUSED,
            }[action]
            case = Case(
                number=allocate_case_number(session, center.center_code, today),
                status=status,
                item_id=item.id,
                item_code=item.code,
                item_name=item.name,
                department=item.department,
                case_kind=item.case_kind,
                statutory_days=item.statutory_days,
                promised_days=item.promised_days,
                applicant_id=applicant.id,
                applicant_name=applicant.name,
                agent_name=agent.name if agent else None,
                agent_id_number=agent.id_number if agent else None,
                agent_phone=agent.phone if agent else None,
                village_id=checked.data.village_id,
                channel=intake.channel,
                window_id=intake.window_id,
                clerk_id=actor.id,
                received_at=now,
                received_on=today,
                holder=Holder.WINDOW,
                holder_since=now,
                reason=reason_text,
                legal_basis=_text(legal_basis, N_("法律依据"), required=False),
                competent_body=competent if action is CaseAction.REFUSE else None,
                power_source=item.power_source,
                issuing_body=issuer.name,
                issuing_seal=issuer.seal_text,
                note=note,
                intake_key=intake.intake_key,
            )
            if action is CaseAction.ACCEPT:
                case.routing = route_for(
                    routing=item.routing,
                    name=item.name,
                    case_kind=item.case_kind,
                    department=item.department,
                    desk_departments=_desk_departments(session, item.department),
                )
                if case.routing is Routing.COUNTY:
                    # The township's own clock (初审 before the county decides); the
                    # resident's promised date below stays the item's.
                    review_days = item.review_days or center.review_days
                    case.review_due_date = calendar.add_working_days(today, review_days)
                case.due_date = calendar.add_working_days(today, item.promised_days)
                case.statutory_due_date = statutory_due_date(
                    calendar, today, item.statutory_days, 0, ()
                )
            if notice is not None:
                case.resubmits_case_id = notice.id
            session.add(case)
            session.flush()
            if states:
                # A plain executemany: far cheaper than the ORM unit of work for rows that are
                # only ever written here and read back as records.
                session.execute(
                    insert(CaseMaterial),
                    [
                        {
                            "case_id": case.id,
                            "material_id": material.id,
                            "state": state.state,
                            "promised_date": state.promised_date,
                        }
                        for material, state in states
                    ],
                )
            # Every event of the registration goes to the chain in one append.
            rows: list[dict[str, Any]] = []
            events = [
                self._event(
                    session, case, actor, action, None, status, note, now, seq=1, batch=rows
                )
            ]
            if notice is not None:
                events.append(self._link_resubmission(session, notice, case, actor, now, rows))
            if action is CaseAction.ACCEPT and item.case_kind is CaseKind.INSTANT:
                completion = self._complete(
                    session,
                    case,
                    actor,
                    calendar,
                    Decision.GRANTED,
                    _text(result_text, N_("办理结果"), required=False) or item.result or "当场办结",
                    "即办件当场办结",
                    now,
                    registering=True,
                    seq=len(events) + 1,
                    batch=rows,
                )
                events.append(completion)
            self._append_events(session, rows)
            if pre_registration is not None:
                answer_with_case(
                    session,
                    pre_registration,
                    case,
                    [m.name for m, state in states if state.state is MaterialState.MISSING],
                    reason_text,
                    now,
                    actor.display_name,
                )
            written = _Registration(
                clerk_name=actor.display_name,
                materials=tuple(_material_info(material, state) for material, state in states),
                events=tuple(events),
                calendar=calendar,
            )
            return self._detail(session, case, registration=written)

    # --- 补齐后受理 ----------------------------------------------------------------------------
    def resubmission(self, actor: Actor, number: str) -> ResubmissionDraft:
        """What the intake is pre-filled with for the applicant of 一次性告知 ``number`` who
        comes back with the missing materials. Refused for a case that is no notice, a notice
        already completed by an acceptance, or an item retired from the catalog since."""
        require(actor, Permission.HANDLE_CASES)
        with viewing(self._db, actor) as session:
            notice = self._load(session, number.strip())
            self._check_resubmittable(session, notice)
            item = session.get(ServiceItem, notice.item_id)
            if item is None or not item.active:
                raise UserError(
                    t(
                        "一次性告知 {number} 的事项“{item}”已从目录中撤销，不能补齐后受理；"
                        "请按现行目录选择事项，重新受理",
                        number=notice.number,
                        item=notice.item_name,
                    )
                )
            applicant = session.get(Applicant, notice.applicant_id)
            assert applicant is not None
            seen = session.scalars(
                select(CaseMaterial.material_id).where(
                    CaseMaterial.case_id == notice.id,
                    CaseMaterial.state == MaterialState.RECEIVED,
                )
            )
            agent = None
            if notice.agent_name:
                agent = AgentInput(
                    notice.agent_name, notice.agent_id_number or "", notice.agent_phone or ""
                )
            return ResubmissionDraft(
                notice_number=notice.number,
                item_id=item.id,
                item_name=item.name,
                applicant=applicant_info(session, applicant),
                agent=agent,
                channel=notice.channel,
                received_material_ids=tuple(seen),
            )

    @staticmethod
    def _check_resubmittable(session: Session, notice: Case) -> None:
        case_states.check(CaseAction.RESUBMIT, notice.status)  # a 一次性告知 only
        # One acceptance completes a notice; a notice whose resubmission was not accepted
        # (told again, or refused) has no linked case and may be resubmitted again.
        accepted = session.scalar(select(Case.number).where(Case.resubmits_case_id == notice.id))
        if accepted is not None:
            raise UserError(
                t(
                    "一次性告知 {number} 已补齐受理（办件 {accepted}），不能再次受理",
                    number=notice.number,
                    accepted=accepted,
                )
            )

    def _notice_to_complete(
        self, session: Session, number: str, item: ServiceItem, given: ApplicantInput
    ) -> Case:
        """The notice an acceptance completes, locked until the transaction ends (two windows
        accepting the same notice: the second one finds it completed)."""
        notice = self._load(session, number, lock=True)
        self._check_resubmittable(session, notice)
        if notice.item_id != item.id:
            raise UserError(
                t(
                    "补齐后受理须为一次性告知的同一事项（“{item}”）；"
                    "办理其他事项请清空表单后重新受理",
                    item=notice.item_name,
                )
            )
        applicant = session.get(Applicant, notice.applicant_id)
        assert applicant is not None
        if (applicant.id_type, applicant.id_number) != (given.id_type, given.id_number):
            raise UserError(
                t(
                    "补齐后受理的申请人须与一次性告知 {number} 的申请人（{name}）相同",
                    number=notice.number,
                    name=applicant.name,
                )
            )
        return notice

    def _link_resubmission(
        self,
        session: Session,
        notice: Case,
        case: Case,
        actor: Actor,
        now: dt.datetime,
        batch: list[dict[str, Any]],
    ) -> CaseEventInfo:
        """Both histories say it: the notice which case completed it, the new case which notice
        it completes (its second event, returned). Both events are added to ``batch``."""
        note = f"已补齐受理，办件 {case.number}"
        self._event(session, notice, actor, CaseAction.RESUBMIT, None, None, note, now, batch=batch)
        return self._event(
            session,
            case,
            actor,
            CaseAction.RESUBMIT,
            None,
            None,
            f"补齐一次性告知 {notice.number} 后受理",
            now,
            seq=2,
            batch=batch,
        )

    def _material_states(
        self,
        session: Session,
        item: ServiceItem,
        intake: Intake,
        action: CaseAction,
        today: dt.date,
    ) -> list[tuple[ItemMaterial, MaterialInput]]:
        materials = session.scalars(
            select(ItemMaterial)
            .where(ItemMaterial.item_id == item.id, ItemMaterial.active)
            .order_by(ItemMaterial.seq)
        ).all()
        by_id = {m.id: m for m in materials}
        given: dict[int, MaterialInput] = {}
        for entry in intake.materials:
            if entry.material_id not in by_id:
                raise UserError(t("所选材料不属于该事项，请重新选择事项"))
            given[entry.material_id] = entry
        result = []
        not_received = []
        for material in materials:
            state = given.get(material.id, MaterialInput(material.id, MaterialState.MISSING))
            if state.state is MaterialState.TOLERATED:
                if not material.tolerance_allowed:
                    raise UserError(t("材料“{name}”不允许容缺受理", name=material.name))
                if state.promised_date is None or state.promised_date <= today:
                    raise UserError(
                        t("容缺材料“{name}”须填写今天之后的补交日期", name=material.name)
                    )
            elif state.promised_date is not None:
                state = replace(state, promised_date=None)
            if material.required and state.state is MaterialState.MISSING:
                not_received.append(material.name)
            result.append((material, state))
        tolerated = [m.name for m, state in result if state.state is MaterialState.TOLERATED]
        if action is CaseAction.ACCEPT and item.case_kind is CaseKind.INSTANT and tolerated:
            # A 即办件 is decided on the spot: nothing can be owed after its decision.
            raise UserError(
                t(
                    "即办件当场办结，不能容缺受理（{materials}）：请收齐材料，或一次性告知",
                    materials=t("、").join(tolerated),
                )
            )
        if action is CaseAction.ACCEPT and not_received:
            raise UserError(
                t(
                    "以下必要材料未收取，不能受理（可一次性告知）：{materials}",
                    materials=t("、").join(not_received),
                )
            )
        return result

    # --- the state machine ---------------------------------------------------------------
    def perform(self, actor: Actor, number: str, action: CaseAction, text: str) -> CaseDetail:
        """An action that asks only for a text (its row in ``case_states`` has a prompt): the
        statuses it applies to and whether the text is required are the table's."""
        rule = action.transition
        if rule is None or rule.prompt is None:
            raise ValueError(f"{action} asks for more than a text; call its own method")
        require(actor, Permission.HANDLE_CASES)
        now = self._db.now()
        with acting(self._db, actor) as session:
            case = self._load(session, number, lock=True)
            case_states.check(action, case.status)
            note = _text(text, rule.prompt.label, required=rule.needs_reason)
            self._side_effects(session, case, action, note, now)
            self._move(session, case, actor, action, rule.target, note, now)
            return self._detail(session, case)

    def _side_effects(
        self, session: Session, case: Case, action: CaseAction, note: str | None, now: dt.datetime
    ) -> None:
        """What an action writes beside the status and its event (most write nothing more)."""
        if action in _RESUMES:
            self._close_pauses(session, case, now.date())
            calendar = SettingsService.work_calendar_in(session)
            pauses = self._pauses(session, case)
            case.due_date = calendar.due_date(case.received_on, case.promised_days, pauses)
            case.statutory_due_date = statutory_due_date(
                calendar, case.received_on, case.statutory_days, case.extension_days, pauses
            )
        elif action is CaseAction.WITHDRAW:
            self._close_pauses(session, case, now.date())
            case.reason = note

    def _act(
        self,
        actor: Actor,
        number: str,
        action: CaseAction,
        write: Callable[[Session, Case, dt.datetime], str | None],
    ) -> CaseDetail:
        """An action with a dialog of its own: ``write`` checks what the clerk entered against
        the case, writes what the action writes beside the status, and returns the event's note."""
        require(actor, Permission.HANDLE_CASES)
        now = self._db.now()
        with acting(self._db, actor) as session:
            case = self._load(session, number, lock=True)
            rule = case_states.check(action, case.status)
            note = write(session, case, now)
            self._move(session, case, actor, action, rule.target, note, now)
            return self._detail(session, case)

    def start_correction(
        self,
        actor: Actor,
        number: str,
        reason: str,
        *,
        until: dt.date | None = None,
        material_ids: Sequence[int] = (),
    ) -> CaseDetail:
        """补正 (《行政许可法》第32条): the clock stops until the corrected materials arrive.

        ``material_ids``: the case's materials to correct, listed before ``reason``, one a line,
        with their form and copies. ``until``: the date the applicant must correct by (not
        before today; by default :data:`CORRECTION_DAYS` working days on).
        """

        def write(session: Session, case: Case, now: dt.datetime) -> str | None:
            today = now.date()
            lines = self._correction_materials(session, case, material_ids)
            text = _text(reason, N_("需补正的内容"), required=not lines)
            note = "\n".join([*lines, *([text] if text else [])])
            deadline = until
            if deadline is None:
                calendar = SettingsService.work_calendar_in(session)
                deadline = calendar.add_working_days(today, CORRECTION_DAYS)
            if deadline < today:
                raise UserError(t("补正期限不能早于今天"))
            if deadline > today + LONGEST_CORRECTION:
                raise UserError(
                    t(
                        "补正期限不能晚于{date}",
                        date=(today + LONGEST_CORRECTION).isoformat(),
                    )
                )
            session.add(
                CasePause(
                    case_id=case.id,
                    kind=PauseKind.CORRECTION,
                    started_on=today,
                    reason=note,
                    expected_end=deadline,
                )
            )
            return f"{note}\n补正期限：{deadline:%Y-%m-%d}"

        return self._act(actor, number, CaseAction.START_CORRECTION, write)

    @staticmethod
    def _correction_materials(
        session: Session, case: Case, material_ids: Sequence[int]
    ) -> list[str]:
        """One line per material to correct: its name, form and copies."""
        if not material_ids:
            return []
        rows = {
            material.id: material
            for material in session.scalars(
                select(ItemMaterial)
                .join(CaseMaterial, CaseMaterial.material_id == ItemMaterial.id)
                .where(CaseMaterial.case_id == case.id, ItemMaterial.id.in_(material_ids))
            )
        }
        if set(material_ids) - set(rows):
            raise UserError(t("所选材料不属于该办件，请重新选择"))
        chosen = sorted(rows.values(), key=lambda material: material.seq)
        return [f"{m.name}（{m.form.label}，{m.copies}份）" for m in chosen]

    def start_special(
        self,
        actor: Actor,
        number: str,
        reason: str,
        *,
        procedure: SpecialProcedure,
        expected_days: int,
    ) -> CaseDetail:
        """特别程序 (《行政许可法》第45条): ``procedure`` is expected to take ``expected_days``
        working days, which do not count toward the deadline; ``reason`` says why (optional)."""

        def write(session: Session, case: Case, now: dt.datetime) -> str | None:
            if not 1 <= expected_days <= LONGEST_SPECIAL_DAYS:
                raise UserError(
                    t(
                        "特别程序预计用时应为1至{most}个工作日",
                        most=LONGEST_SPECIAL_DAYS,
                    )
                )
            note = _text(reason, N_("需要特别程序的事由"), required=False)
            calendar = SettingsService.work_calendar_in(session)
            expected_end = calendar.add_working_days(now.date(), expected_days)
            session.add(
                CasePause(
                    case_id=case.id,
                    kind=PauseKind.SPECIAL,
                    started_on=now.date(),
                    reason=note or "",
                    expected_end=expected_end,
                    procedure=procedure.value,
                )
            )
            summary = f"{procedure.label}，预计{expected_days}个工作日（至{expected_end:%Y-%m-%d}）"
            return summary + (f"：{note}" if note else "")

        return self._act(actor, number, CaseAction.START_SPECIAL, write)

    def end_correction(self, actor: Actor, number: str, note: str = "") -> CaseDetail:
        return self.perform(actor, number, CaseAction.END_CORRECTION, note)

    def end_special(self, actor: Actor, number: str, note: str = "") -> CaseDetail:
        return self.perform(actor, number, CaseAction.END_SPECIAL, note)

    def deliver(
        self,
        actor: Actor,
        number: str,
        note: str = "",
        *,
        method: DeliveryMethod = DeliveryMethod.DIRECT,
        recipient: str = "",
    ) -> CaseDetail:
        """送达 / 出件: the result handed to the applicant by ``method`` (the 送达回证 says how),
        collected by ``recipient`` (the applicant, or whoever collects it for them)."""

        def write(session: Session, case: Case, now: dt.datetime) -> str | None:
            remark = _text(note, N_("说明（领取人、领取方式）"), required=False)
            collector = " ".join(check_plain_text(recipient, t("领取人")).split())
            if len(collector) > MAX_RECIPIENT:
                raise UserError(t("领取人姓名过长（最多{limit}个字符）", limit=MAX_RECIPIENT))
            case.delivered_at = now
            case.delivery_method = method
            case.delivered_to = collector or None
            details = [f"{RECIPIENT_MARK}{collector}"] if collector else []
            details += [remark] if remark else []
            return method.label + (f"：{'；'.join(details)}" if details else "")

        return self._act(actor, number, CaseAction.DELIVER, write)

    def withdraw(self, actor: Actor, number: str, reason: str) -> CaseDetail:
        """撤回 at the applicant's request; the reason is recorded."""
        return self.perform(actor, number, CaseAction.WITHDRAW, reason)

    # --- 延期 ------------------------------------------------------------------------------
    def extend(
        self,
        actor: Actor,
        number: str,
        days: int,
        reason: str,
        *,
        credentials: SupervisorCredentials | None = None,
    ) -> CaseDetail:
        """延期 (《行政许可法》第42条): the statutory limit of an open case extended once, by 1 to
        10 working days, for the reason the applicant is told in writing.

        A supervisor approves it (第42条: the head of the body; here the center's head or an
        admin), by doing it or through ``credentials`` typed into the clerk's dialog (see
        :func:`approving_supervisor`). The approval is in the case's history and the audit log.
        """
        require(actor, Permission.HANDLE_CASES)
        text = _text(reason, N_("延期理由"), required=True) or ""
        number = number.strip()
        with viewing(self._db, actor) as session:
            self._extendable(session, number, days, self._db.today())
        # argon2 before the write transaction: a slow check never holds the write lock.
        approved_by = approving_supervisor(
            self._db, actor, credentials, step=EXTEND_ACTION, target=number
        )
        now = self._db.now()
        with acting(self._db, actor) as session:
            # Checked again: another window may have extended the case meanwhile.
            case = self._extendable(session, number, days, now.date(), lock=True)
            case.extension_days = days
            case.extension_reason = text
            case.extension_approved_by = approved_by.display_name
            case.statutory_due_date = statutory_due_date(
                SettingsService.work_calendar_in(session),
                case.received_on,
                case.statutory_days,
                days,
                self._pauses(session, case),
            )
            note = f"延长法定办理期限{days}个工作日（{approved_by.display_name}批准）：{text}"
            self._move(session, case, actor, CaseAction.EXTEND, None, note, now)
            record_audit(
                session,
                actor,
                EXTEND_ACTION,
                now,
                target=case.number,
                approver=approved_by.username,
                days=days,
            )
            return self._detail(session, case)

    def _extendable(
        self, session: Session, number: str, days: int, today: dt.date, *, lock: bool = False
    ) -> Case:
        case = self._load(session, number, lock=lock)
        case_states.check(CaseAction.EXTEND, case.status)
        check_extension(
            days,
            already_extended=case.extension_days,
            statutory_due_date=case.statutory_due_date,
            paused=case.status is not CaseStatus.ACCEPTED,
            today=today,
        )
        return case

    def complete(
        self,
        actor: Actor,
        number: str,
        decision: Decision,
        result_text: str,
        note: str = "",
        *,
        reason: str = "",
        legal_basis: str = "",
        override: ToleranceOverride | None = None,
    ) -> CaseDetail:
        """办结 with a decision (准予/不予) and the result (证照, 批文…). A denial states its
        reason (required) and legal basis, printed in the 不予行政许可决定书 (第38条).

        Refused while a 容缺 material is outstanding, unless ``override`` gives the reason and a
        supervisor approves (the actor, or the supervisor whose password is given); the
        approval is its own event in the case's history and is audited.
        """
        require(actor, Permission.HANDLE_CASES)
        approval: tuple[Actor, str] | None = None
        if override is not None:
            approval_reason = _text(override.reason, N_("批准理由"), required=True) or ""
            # A supervisor's password is asked only for a case that can be completed.
            with viewing(self._db, actor) as session:
                case = self._load(session, number)
                case_states.check(CaseAction.COMPLETE, case.status)
                _check_decided_at_window(case)
            # argon2 before the write transaction: a slow check never holds the write lock.
            approval = (
                approving_supervisor(
                    self._db,
                    actor,
                    override.credentials,
                    step=TOLERANCE_OVERRIDE_ACTION,
                    target=number,
                ),
                approval_reason,
            )
        now = self._db.now()
        with acting(self._db, actor) as session:
            case = self._load(session, number, lock=True)
            case_states.check(CaseAction.COMPLETE, case.status)
            _check_decided_at_window(case)
            self._decide(
                session,
                case,
                actor,
                decision,
                result_text,
                note,
                reason=reason,
                legal_basis=legal_basis,
                approval=approval,
                now=now,
            )
            return self._detail(session, case)

    def _decide(
        self,
        session: Session,
        case: Case,
        actor: Actor,
        decision: Decision,
        result_text: str,
        note: str,
        *,
        reason: str,
        legal_basis: str,
        approval: tuple[Actor, str] | None,
        now: dt.datetime,
    ) -> None:
        """办结 inside the caller's transaction, wherever the case is decided (the window's
        :meth:`complete`, a back-office desk's decision): the result required, refused while a
        容缺 material is outstanding unless ``approval`` (approver, reason) allows it, a denial's
        reason required."""
        result = _text(result_text, N_("办理结果"), required=True) or ""
        outstanding = self._outstanding_tolerated(session, case)
        if outstanding and approval is None:
            raise UserError(
                t(
                    "容缺材料尚未补交，不能办结：{materials}。"
                    "请先登记补交，或经中心负责人批准并说明理由后办结",
                    materials=t("、").join(
                        t("{name}（承诺{date}前补交）", name=name, date=date.isoformat())
                        for name, date in outstanding
                    ),
                )
            )
        remark = _text(note, N_("说明"), required=False)
        if decision is Decision.DENIED:
            case.reason = _text(reason, N_("不予许可的理由"), required=True)
            case.legal_basis = _text(legal_basis, N_("法律依据"), required=False)
            # The history keeps the reason too, before any further remark.
            remark = "；".join(text for text in (case.reason, remark) if text)
        if outstanding and approval is not None:
            self._record_override(session, case, actor, *approval, outstanding, now)
        calendar = SettingsService.work_calendar_in(session)
        self._complete(session, case, actor, calendar, decision, result, remark, now)

    def _complete(
        self,
        session: Session,
        case: Case,
        actor: Actor,
        calendar: WorkCalendar,
        decision: Decision,
        result_text: str,
        note: str | None,
        now: dt.datetime,
        *,
        registering: bool = False,
        seq: int | None = None,
        batch: list[dict[str, Any]] | None = None,
    ) -> CaseEventInfo:
        """``registering``: a 即办件 completed in the transaction that registers it, so it has
        no pauses and its completion's ``seq`` is known (nothing to read for either).
        ``batch``: as for :meth:`_event`."""
        rule = case_states.check(CaseAction.COMPLETE, case.status)
        pauses = [] if registering else self._pauses(session, case)
        case.decision = decision
        case.result_text = result_text
        case.completed_at = now
        case.completed_on = now.date()
        case.days_used = calendar.days_used(case.received_on, now.date(), pauses)
        case.on_time = case.due_date is None or now.date() <= case.due_date
        label = f"{decision.label}：{result_text}" + (f"；{note}" if note else "")
        return self._move(
            session,
            case,
            actor,
            CaseAction.COMPLETE,
            rule.target,
            label,
            now,
            seq=seq,
            batch=batch,
        )

    @staticmethod
    def _outstanding_tolerated(session: Session, case: Case) -> list[tuple[str, dt.date]]:
        """(name, promised date) of each 容缺 material the case still owes."""
        rows = session.execute(
            select(ItemMaterial.name, CaseMaterial.promised_date)
            .join(ItemMaterial, ItemMaterial.id == CaseMaterial.material_id)
            .where(
                CaseMaterial.case_id == case.id,
                CaseMaterial.state == MaterialState.TOLERATED,
            )
            .order_by(ItemMaterial.seq)
        )
        return [(name, promised) for name, promised in rows if promised is not None]

    def _record_override(
        self,
        session: Session,
        case: Case,
        actor: Actor,
        approver: Actor,
        reason: str,
        outstanding: list[tuple[str, dt.date]],
        now: dt.datetime,
    ) -> None:
        """The supervisor's approval to complete with 容缺 outstanding: an event of its own
        before the completion, and an audit entry."""
        owed = "、".join(f"{name}（承诺{date.isoformat()}前补交）" for name, date in outstanding)
        who = f"{approver.display_name}（{approver.username}）"
        note = f"批准人：{who}；理由：{reason}；未补交：{owed}"
        self._event(session, case, actor, CaseAction.TOLERANCE_OVERRIDE, None, None, note, now)
        record_audit(
            session,
            actor,
            TOLERANCE_OVERRIDE_ACTION,
            now,
            target=case.number,
            approver=approver.username,
            reason=reason,
            outstanding=[name for name, _date in outstanding],
        )

    def evaluate(
        self, actor: Actor, number: str, evaluation: Evaluation, note: str = ""
    ) -> CaseDetail:
        """好差评: once per case, after it has an outcome."""
        require(actor, Permission.HANDLE_CASES)
        now = self._db.now()
        with acting(self._db, actor) as session:
            case = self._load(session, number, lock=True)
            case_states.check(CaseAction.EVALUATE, case.status)
            if case.evaluation is not None:
                raise UserError(
                    t(
                        "该办件已评价（{evaluation}），不能重复评价",
                        evaluation=t(case.evaluation.label),
                    )
                )
            case.evaluation = evaluation
            case.evaluated_at = now
            remark = _text(note, N_("说明"), required=False)
            text = evaluation.label + (f"：{remark}" if remark else "")
            self._move(session, case, actor, CaseAction.EVALUATE, None, text, now)
            return self._detail(session, case)

    def supply_material(self, actor: Actor, number: str, material_id: int) -> CaseDetail:
        """The applicant hands in a material accepted under 容缺 (an optional material left
        missing is not owed: it is not taken in afterwards)."""
        require(actor, Permission.HANDLE_CASES)
        now = self._db.now()
        with acting(self._db, actor) as session:
            case = self._load(session, number, lock=True)
            case_states.check(CaseAction.SUPPLY_MATERIAL, case.status)
            state = session.get(CaseMaterial, (case.id, material_id))
            if state is None:
                raise NotFound(t("该办件没有这项材料"))
            if state.state is MaterialState.RECEIVED:
                raise UserError(t("该材料已收取"))
            if state.state is not MaterialState.TOLERATED:
                raise UserError(t("该材料不是容缺受理的材料，无需补交"))
            name = session.scalar(select(ItemMaterial.name).where(ItemMaterial.id == material_id))
            state.state = MaterialState.RECEIVED
            # The promised date stays: it records that the material was accepted under 容缺,
            # so the receipt is reprinted as it was issued.
            self._move(session, case, actor, CaseAction.SUPPLY_MATERIAL, None, name, now)
            return self._detail(session, case)

    def record_print(self, actor: Actor, number: str, document: str) -> bool:
        """Record that ``document`` was printed; return True when it is a reprint (补打)."""
        require(actor, Permission.VIEW_CASES)
        now = self._db.now()
        with acting(self._db, actor) as session:
            case = self._load(session, number, lock=True)
            earlier = session.scalar(
                select(func.count())
                .select_from(CaseEvent)
                .where(
                    CaseEvent.case_id == case.id,
                    CaseEvent.action.in_([CaseAction.PRINT.value, CaseAction.REPRINT.value]),
                    CaseEvent.note == document,
                )
            )
            action = CaseAction.REPRINT if earlier else CaseAction.PRINT
            self._event(session, case, actor, action, None, None, document, now)
            return bool(earlier)

    # --- reading ---------------------------------------------------------------------------
    def get(self, actor: Actor, number: str) -> CaseDetail:
        require(actor, Permission.VIEW_CASES)
        with viewing(self._db, actor) as session:
            return self._detail(session, self._load(session, number.strip()))

    def reveal(self, actor: Actor, number: str) -> RevealedCase:
        """The case with its ID numbers and phones in full, for a role allowed to see them or
        the clerk handling it; written to the audit log (a refusal writes nothing)."""
        require(actor, Permission.VIEW_CASES)
        with acting(self._db, actor) as session:
            case = self._load(session, number.strip())
            if not sees_full_personal_data(actor, case.clerk_id):
                require(actor, Permission.VIEW_FULL_PERSONAL_DATA)
            record_audit(session, actor, REVEAL_ACTION, self._db.now(), target=case.number)
            return RevealedCase(self._detail(session, case))

    def find_applicant(self, id_type: IdType, id_number: str) -> ApplicantInfo | None:
        with self._db.reads() as session:
            return find_applicant(session, id_type, id_number)

    def list_cases(
        self,
        actor: Actor,
        query: CaseQuery,
        *,
        before_id: int | None = None,
        limit: int = 200,
    ) -> list[CaseRow]:
        """Newest first; pass the last row's id as ``before_id`` for the next page."""
        require(actor, Permission.VIEW_CASES)
        today = self._db.today()
        with viewing(self._db, actor) as session:
            # Cases whose number is the search text, or ends with it, come first (on the
            # first page), then the other matches, newest first.
            statement, yellow_until, numbered = self._filtered(session, query, today)
            first = []
            if numbered:
                if before_id is None:
                    first = list(
                        session.execute(
                            statement.where(Case.number.in_(numbered))
                            .order_by(Case.id.desc())
                            .add_columns(running_pause())
                        )
                    )
                statement = statement.where(Case.number.not_in(numbered))
            if before_id is not None:
                statement = statement.where(Case.id < before_id)
            statement = statement.order_by(Case.id.desc()).limit(max(limit - len(first), 0))
            rows = []
            desk_names = {
                desk_id: name for desk_id, name in session.execute(select(Desk.id, Desk.name))
            }
            with_pause = statement.add_columns(running_pause())
            for case, id_number, phone, window_name, clerk_name, paused in [
                *first,
                *session.execute(with_pause),
            ][:limit]:
                warning = deadline_warning(
                    case.status, case.due_date, bool(paused), today, yellow_until
                )
                rows.append(
                    CaseRow(
                        id=case.id,
                        number=case.number,
                        item_name=case.item_name,
                        applicant_name=case.applicant_name,
                        id_number=id_number,
                        phone=phone,
                        received_at=case.received_at,
                        due_date=case.due_date,
                        status=case.status,
                        window_name=window_name or "",
                        clerk_name=clerk_name,
                        warning=warning,
                        statutory_due_date=case.statutory_due_date,
                        over_statutory=over_statutory_limit(
                            case.status, case.statutory_due_date, today
                        ),
                        holder=case.holder,
                        desk_name=desk_names.get(case.desk_id, "") if case.desk_id else "",
                    )
                )
            return rows

    def count_cases(self, actor: Actor, query: CaseQuery) -> int:
        require(actor, Permission.VIEW_CASES)
        today = self._db.today()
        with viewing(self._db, actor) as session:
            inner = self._filtered(session, query, today)[0].subquery()
            return session.scalar(select(func.count()).select_from(inner)) or 0

    def _filtered(
        self, session: Session, query: CaseQuery, today: dt.date
    ) -> tuple[Select[Case, str, str, str | None, str], dt.date, list[str]]:
        """The list's statement, the last due date that counts as due soon (yellow), and the
        case numbers the search text is or ends with (:meth:`_numbered`)."""
        center, calendar = SettingsService.center_and_calendar_in(session)
        yellow_until = calendar.add_working_days(today, center.warning_days)
        statement = (
            select(
                Case, Applicant.id_number, Applicant.phone, ServiceWindow.name, User.display_name
            )
            .join(Applicant, Applicant.id == Case.applicant_id)
            .join(User, User.id == Case.clerk_id)
            .outerjoin(ServiceWindow, ServiceWindow.id == Case.window_id)
        )
        if query.received_from is not None:
            statement = statement.where(Case.received_on >= query.received_from)
        if query.received_to is not None:
            statement = statement.where(Case.received_on <= query.received_to)
        if query.clerk_id is not None:
            statement = statement.where(Case.clerk_id == query.clerk_id)
        if query.window_id is not None:
            statement = statement.where(Case.window_id == query.window_id)
        if query.statuses:
            statement = statement.where(Case.status.in_(query.statuses))
        if query.holder is not None:
            statement = statement.where(_held_by(query.holder))
        if query.open_only or query.due_soon or query.overdue or query.over_statutory:
            # Open cases are found through their small partial index, in a subquery: asked
            # directly, SQLite would rather walk every case in id order to honour ORDER BY.
            open_ids = select(Case.id).where(open_cases())
            if query.overdue or query.due_soon:
                # Like the statistics and the warning list: a paused case is neither overdue
                # nor due soon, whatever day its pause began; its clock stands still.
                open_ids = open_ids.where(~running_pause())
            if query.overdue:
                open_ids = open_ids.where(Case.due_date < today)
            if query.due_soon:
                open_ids = open_ids.where(Case.due_date >= today, Case.due_date <= yellow_until)
            if query.over_statutory:
                # A paused case's statutory deadline moves on while the pause lasts.
                open_ids = open_ids.where(
                    Case.status == CaseStatus.ACCEPTED, Case.statutory_due_date < today
                )
            statement = statement.where(Case.id.in_(open_ids))
        if query.tolerance_overdue:
            # Through the partial index of tolerated materials (few): never a scan of them all.
            owing = select(CaseMaterial.case_id).where(
                tolerated_materials(), CaseMaterial.promised_date < today
            )
            statement = statement.where(Case.id.in_(owing), Case.status.in_(OWING_STATUSES))
        text = _search_text(query.text)
        numbered = self._numbered(session, center.center_code, text) if text else []
        if text:
            statement = statement.where(self._text_match(center.center_code, text, numbered))
        return statement, yellow_until, numbered

    @staticmethod
    def _numbered(session: Session, center_code: str, text: str) -> list[str]:
        """The case numbers the search text is, or is the tail of (the day's sequence, or month,
        day and sequence); found through the daily counters, so no case is scanned."""
        numbers = [number for number in (text, f"{center_code}-{text}") if "-" in number]
        tail = _NUMBER_TAIL.fullmatch(text)
        if tail is not None:
            sequence = int(tail["sequence"])
            days = select(CaseNumberCounter.day).where(CaseNumberCounter.last >= sequence)
            month_day = tail["month_day"]
            if month_day is None:
                days = days.order_by(CaseNumberCounter.day.desc()).limit(_RECENT_DAYS)
            for (day,) in session.execute(days):
                if month_day is None or f"{day:%m%d}" == month_day:
                    numbers.append(format_case_number(center_code, day, sequence))
        found = session.scalars(select(Case.number).where(Case.number.in_(numbers)))
        return sorted(found, reverse=True)

    @staticmethod
    def _text_match(center_code: str, text: str, numbered: list[str]) -> ColumnElement[bool]:
        """Case number (prefix, with or without the center code), or an applicant's name, ID
        number or phone.

        A whole ID number or mobile number is looked up by index; shorter input is matched
        anywhere in the applicants' names, ID numbers and phones (applicants are far fewer than
        cases). The parts are joined with UNION, not OR, so each keeps its index.
        """
        prefixes = [text]
        if not text.startswith(center_code):
            prefixes.append(f"{center_code}-{text}")
        by_number = [
            select(Case.id).where(Case.number >= prefix, Case.number < prefix + "\U0010ffff")
            for prefix in prefixes
        ]
        if numbered:
            by_number.append(select(Case.id).where(Case.number.in_(numbered)))
        if is_whole_id_number(text):
            applicants = select(Applicant.id).where(Applicant.id_number == text)
        elif is_whole_mobile(text):
            applicants = select(Applicant.id).where(Applicant.phone == text)
        else:
            applicants = select(Applicant.id).where(
                or_(
                    Applicant.name.contains(text, autoescape=True),
                    Applicant.id_number.contains(text, autoescape=True),
                    Applicant.phone.contains(text, autoescape=True),
                )
            )
        by_applicant = select(Case.id).where(Case.applicant_id.in_(applicants))
        return Case.id.in_(union(*by_number, by_applicant))

    # --- helpers ---------------------------------------------------------------------------
    @staticmethod
    def _load(session: Session, number: str, *, lock: bool = False) -> Case:
        """The case ``number``. A write passes ``lock``: on PostgreSQL its row stays locked until
        the write commits, so two windows acting on one case at once take turns and the second
        sees what the first did (SQLite's BEGIN IMMEDIATE already serialises writers)."""
        statement = select(Case).where(Case.number == number)
        case = session.scalar(statement.with_for_update() if lock else statement)
        if case is None:
            raise NotFound(t("办件 {number} 不存在", number=number))
        return case

    @staticmethod
    def _pauses(session: Session, case: Case) -> list[Pause]:
        rows = session.execute(
            select(CasePause.started_on, CasePause.ended_on)
            .where(CasePause.case_id == case.id)
            .order_by(CasePause.id)
        )
        return [Pause(start, end) for start, end in rows]

    @staticmethod
    def _close_pauses(session: Session, case: Case, today: dt.date) -> None:
        for pause in session.scalars(
            select(CasePause).where(CasePause.case_id == case.id, CasePause.ended_on.is_(None))
        ):
            pause.ended_on = today

    def _move(
        self,
        session: Session,
        case: Case,
        actor: Actor,
        action: CaseAction,
        target: CaseStatus | None,
        note: str | None,
        now: dt.datetime,
        *,
        seq: int | None = None,
        batch: list[dict[str, Any]] | None = None,
    ) -> CaseEventInfo:
        before = case.status
        if target is not None:
            case.status = target
        return self._event(
            session, case, actor, action, before, target, note, now, seq=seq, batch=batch
        )

    @staticmethod
    def _event(
        session: Session,
        case: Case,
        actor: Actor,
        action: CaseAction,
        from_status: CaseStatus | None,
        to_status: CaseStatus | None,
        note: str | None,
        now: dt.datetime,
        *,
        seq: int | None = None,
        batch: list[dict[str, Any]] | None = None,
    ) -> CaseEventInfo:
        """Append an event; ``seq`` may be given when it is known (1 for a new case). With
        ``batch`` the event is only added to it, and the caller appends the batch at once
        (:meth:`_append_events`); ``seq`` must then be given for a case with events in it."""
        if seq is None:
            last = session.scalar(
                select(func.max(CaseEvent.seq)).where(CaseEvent.case_id == case.id)
            )
            seq = (last or 0) + 1
        row = {
            "case_id": case.id,
            "seq": seq,
            "at": now,
            "user_id": actor.id,
            "action": action.value,
            "from_status": from_status,
            "to_status": to_status,
            "note": note,
        }
        if batch is None:
            CaseService._append_events(session, [row])
        else:
            batch.append(row)
        return CaseEventInfo(
            seq, now, actor.display_name, action, from_status, to_status, note or ""
        )

    @staticmethod
    def _append_events(session: Session, rows: list[dict[str, Any]]) -> None:
        """One append to the events' chain: one lock and one update of its head."""
        session.flush()  # the case rows first: the events refer to them
        history.append(session.connection(), history.EVENTS, rows)

    def _detail(
        self, session: Session, case: Case, *, registration: _Registration | None = None
    ) -> CaseDetail:
        """The case as screens see it. ``registration``: what registering the case in this very
        transaction wrote, so it need not be read back (the clock of a new case never paused)."""
        session.flush()
        applicant = session.get(Applicant, case.applicant_id)
        assert applicant is not None
        window_name = ""
        if case.window_id is not None:
            window_name = (
                session.scalar(select(ServiceWindow.name).where(ServiceWindow.id == case.window_id))
                or ""
            )
        unofficial_years = _unofficial_due_years(
            session, case, registration.calendar if registration is not None else None
        )
        if registration is not None:
            clerk_name: str | None = registration.clerk_name
            materials = registration.materials
            pauses: tuple[PauseInfo, ...] = ()
            events = registration.events
        else:
            clerk_name = session.scalar(select(User.display_name).where(User.id == case.clerk_id))
            materials, pauses, events = self._history(session, case)
        return self._assemble(
            session,
            case,
            applicant,
            window_name,
            clerk_name,
            materials,
            pauses,
            events,
            unofficial_years,
            registering=registration is not None,
        )

    @staticmethod
    def _history(
        session: Session, case: Case
    ) -> tuple[tuple[CaseMaterialInfo, ...], tuple[PauseInfo, ...], tuple[CaseEventInfo, ...]]:
        materials = tuple(
            _material_info(material, state)
            for state, material in session.execute(
                select(CaseMaterial, ItemMaterial)
                .join(ItemMaterial, ItemMaterial.id == CaseMaterial.material_id)
                .where(CaseMaterial.case_id == case.id)
                .order_by(ItemMaterial.seq)
            )
        )
        pauses = tuple(
            CaseService._pause_info(session, p)
            for p in session.scalars(
                select(CasePause).where(CasePause.case_id == case.id).order_by(CasePause.id)
            )
        )
        events = tuple(
            CaseEventInfo(
                seq=event.seq,
                at=event.at,
                user_name=user_name,
                action=CaseAction(event.action),
                from_status=event.from_status,
                to_status=event.to_status,
                note=event.note or "",
            )
            for event, user_name in session.execute(
                select(CaseEvent, User.display_name)
                .join(User, User.id == CaseEvent.user_id)
                .where(CaseEvent.case_id == case.id)
                .order_by(CaseEvent.seq)
            )
        )
        return materials, pauses, events

    @staticmethod
    def _pause_info(session: Session, pause: CasePause) -> PauseInfo:
        expected_days = None
        if pause.kind is PauseKind.SPECIAL and pause.expected_end is not None:
            calendar = SettingsService.work_calendar_in(session)
            expected_days = calendar.days_used(pause.started_on, pause.expected_end, ())
        return PauseInfo(
            pause.kind,
            pause.started_on,
            pause.ended_on,
            pause.reason,
            pause.expected_end,
            SpecialProcedure(pause.procedure) if pause.procedure else None,
            expected_days,
        )

    @staticmethod
    def _assemble(
        session: Session,
        case: Case,
        applicant: Applicant,
        window_name: str,
        clerk_name: str | None,
        materials: tuple[CaseMaterialInfo, ...],
        pauses: tuple[PauseInfo, ...],
        events: tuple[CaseEventInfo, ...],
        unofficial_due_years: tuple[int, ...],
        *,
        registering: bool = False,
    ) -> CaseDetail:
        prints = sum(e.action in (CaseAction.PRINT, CaseAction.REPRINT) for e in events)
        allowed = case_states.allowed_actions(case.status)
        if case.evaluation is not None:
            allowed = [a for a in allowed if a is not CaseAction.EVALUATE]
        if case.extension_days:
            allowed = [a for a in allowed if a is not CaseAction.EXTEND]  # once per case
        if not decided_at_window(case):
            allowed = [a for a in allowed if a is not CaseAction.COMPLETE]
        if not any(m.state is MaterialState.TOLERATED for m in materials):
            # 补交 is for what was accepted under 容缺: nothing tolerated is outstanding.
            allowed = [a for a in allowed if a is not CaseAction.SUPPLY_MATERIAL]
        resubmits = resubmitted_as = None
        if case.resubmits_case_id is not None:
            resubmits = session.scalar(select(Case.number).where(Case.id == case.resubmits_case_id))
        if case.status is CaseStatus.NOTIFIED:
            resubmitted_as = session.scalar(
                select(Case.number).where(Case.resubmits_case_id == case.id)
            )
            if resubmitted_as is not None:
                allowed = [a for a in allowed if a is not CaseAction.RESUBMIT]
        return CaseDetail(
            id=case.id,
            number=case.number,
            status=case.status,
            item_id=case.item_id,
            item_code=case.item_code,
            item_name=case.item_name,
            department=case.department,
            case_kind=case.case_kind,
            statutory_days=case.statutory_days,
            promised_days=case.promised_days,
            applicant=applicant_info(session, applicant),
            agent_name=case.agent_name,
            agent_id_number=case.agent_id_number,
            agent_phone=case.agent_phone,
            channel=case.channel,
            window_name=window_name,
            clerk_id=case.clerk_id,
            clerk_name=clerk_name or "",
            received_at=case.received_at,
            due_date=case.due_date,
            reason=case.reason,
            legal_basis=case.legal_basis,
            decision=case.decision,
            result_text=case.result_text,
            completed_at=case.completed_at,
            days_used=case.days_used,
            on_time=case.on_time,
            delivered_at=case.delivered_at,
            delivery_method=case.delivery_method,
            evaluation=case.evaluation,
            note=case.note,
            materials=materials,
            pauses=pauses,
            events=events,
            allowed_actions=tuple(allowed),
            print_count=prints,
            unofficial_due_years=unofficial_due_years,
            power_source=case.power_source,
            issuing_body=case.issuing_body or "",
            issuing_seal=case.issuing_seal or "",
            competent_body=case.competent_body,
            resubmits=resubmits,
            resubmitted_as=resubmitted_as,
            statutory_due_date=case.statutory_due_date,
            extension=_extension_info(case, events),
            journey=journey_of(session, case, registering=registering),
        )


def _held_by(holder: Holder) -> ColumnElement[bool] | TextClause:
    """The cases ``holder`` has; those at a desk or the county as their partial indexes were
    built (see ``db.models.open_cases``)."""
    if holder is Holder.DESK:
        return sql_text(AT_DESK_SQL)
    if holder is Holder.COUNTY:
        return sql_text(AT_COUNTY_SQL)
    return Case.holder == holder


def decided_at_window(case: Case) -> bool:
    """Whether the window itself decides (办结) ``case``: its item is decided at the window
    and the papers are there. A back-office desk decides its own cases, the county its 初审."""
    return case.routing is Routing.WINDOW and case.holder is Holder.WINDOW


def _check_decided_at_window(case: Case) -> None:
    if case.routing is Routing.BACK_OFFICE:
        raise UserError(t("办件 {number} 由后台窗口审批，窗口不能办结", number=case.number))
    if case.routing is Routing.COUNTY:
        raise UserError(
            t("办件 {number} 由县级部门决定（初审转报），窗口不能办结", number=case.number)
        )
    if case.holder is not Holder.WINDOW:
        raise UserError(
            t(
                "办件 {number} 的材料在{holder}，窗口不能办结；请待其退回窗口",
                number=case.number,
                holder=t(case.holder.label),
            )
        )


def _desk_departments(session: Session, department: str) -> list[str]:
    """``department`` if an active desk of the center decides its cases, else nothing."""
    return list(
        session.scalars(
            select(DeskDepartment.department)
            .join(Desk, Desk.id == DeskDepartment.desk_id)
            .where(DeskDepartment.department == department, Desk.active)
        )
    )


def _extension_info(case: Case, events: tuple[CaseEventInfo, ...]) -> ExtensionInfo | None:
    if not case.extension_days:
        return None
    decided = [event.at.date() for event in events if event.action is CaseAction.EXTEND]
    return ExtensionInfo(
        days=case.extension_days,
        reason=case.extension_reason or "",
        approved_by=case.extension_approved_by or "",
        decided_on=decided[-1] if decided else None,
    )


@dataclass(frozen=True)
class _Registration:
    """What registering a case just wrote, handed to ``_detail`` instead of reading it back."""

    clerk_name: str
    materials: tuple[CaseMaterialInfo, ...]
    events: tuple[CaseEventInfo, ...]
    calendar: WorkCalendar
