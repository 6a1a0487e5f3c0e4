"""初审转报: the township reviews a case (初审), sends its papers to the county department that
decides (转报), and records that department's decision when it comes back; the case then waits at
the window for 出件. Each step is one transaction: the case's fields, the hand-over row and the
history events together or not at all."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy.orm import Session

from townclerk.case_states import CaseAction
from townclerk.db.database import Database
from townclerk.db.models import Case
from townclerk.enums import CaseStatus, Decision, Holder, Routing
from townclerk.errors import UserError
from townclerk.i18n import N_, t
from townclerk.records.cases import CaseDetail
from townclerk.services.access import Actor, Permission, acting, require
from townclerk.services.cases import CaseService, _text
from townclerk.services.handover import record_handover
from townclerk.services.settings import SettingsService
from townclerk.validation import check_plain_text

MAX_BODY = 128  # cases.county_body
MAX_RESULT_NUMBER = 128  # cases.result_number


class CountyService:
    def __init__(self, db: Database) -> None:
        self._db = db

    def send_to_county(
        self,
        actor: Actor,
        number: str,
        opinion: str,
        *,
        county_body: str = "",
        papers: Sequence[str] | None = None,
        sent_on: dt.date | None = None,
    ) -> CaseDetail:
        """转报: the 初审意见 (required) and the papers go to ``county_body`` (by default the
        case's department) on ``sent_on`` (today by default). Only a case in progress at the
        window whose item the township reviews for the county. ``papers`` default to the
        materials received with it; the 转报函 lists them."""
        require(actor, Permission.HANDLE_CASES)
        now = self._db.now()
        today = now.date()
        with acting(self._db, actor) as session:
            case = CaseService._load(session, number.strip(), lock=True)
            if case.routing is not Routing.COUNTY:
                raise UserError(
                    t(
                        "办件 {number} 的事项“{item}”不是初审转报事项（办理方式：{routing}），"
                        "不能转报县级部门",
                        number=case.number,
                        item=case.item_name,
                        routing=t(case.routing.label),
                    )
                )
            if case.status is not CaseStatus.ACCEPTED:
                raise UserError(
                    t(
                        "办件当前状态为“{status}”，不能初审转报",
                        status=t(case.status.label),
                    )
                )
            if case.holder is not Holder.WINDOW:
                raise UserError(
                    t(
                        "办件 {number} 不在综合窗口（现在{holder}），不能转报",
                        number=case.number,
                        holder=t(case.holder.label),
                    )
                )
            text = _text(opinion, N_("初审意见"), required=True) or ""
            body = _body(county_body) or case.department
            day = sent_on or today
            if day > today:
                raise UserError(t("转报日期不能晚于今天"))
            if day < case.received_on:
                raise UserError(
                    t(
                        "转报日期不能早于受理日期（{date}）",
                        date=case.received_on.isoformat(),
                    )
                )
            case.review_opinion = text
            case.county_body = body
            case.sent_to_county_on = day
            record_handover(
                session,
                case,
                actor,
                Holder.COUNTY,
                now,
                taken_by=body,
                papers=papers,
                note=f"初审意见：{text}",
                action=CaseAction.SEND_TO_COUNTY,
            )
            return CaseService(self._db)._detail(session, case)

    def record_county_decision(
        self,
        actor: Actor,
        number: str,
        decision: Decision,
        decided_on: dt.date,
        result_text: str,
        *,
        reason: str = "",
        legal_basis: str = "",
        result_number: str = "",
        result_valid_until: dt.date | None = None,
    ) -> CaseDetail:
        """县级部门决定: the county body decided ``decision`` on ``decided_on`` (not before the
        case was sent, not in the future). The case is completed with that result and its
        papers come back to the window, where it waits for 出件. A denial states its reason."""
        require(actor, Permission.HANDLE_CASES)
        now = self._db.now()
        with acting(self._db, actor) as session:
            case = CaseService._load(session, number.strip(), lock=True)
            if case.holder is not Holder.COUNTY:
                raise UserError(
                    t(
                        "办件 {number} 不在县级部门（现在{holder}），不能登记县级决定",
                        number=case.number,
                        holder=t(case.holder.label),
                    )
                )
            sent_on = case.sent_to_county_on or case.received_on
            if decided_on > now.date():
                raise UserError(t("县级决定日期不能晚于今天"))
            if decided_on < sent_on:
                raise UserError(
                    t(
                        "县级决定日期不能早于转报日期（{date}）",
                        date=sent_on.isoformat(),
                    )
                )
            result = _text(result_text, N_("办理结果"), required=True) or ""
            denial = ""
            if decision is Decision.DENIED:
                denial = _text(reason, N_("不予许可的理由"), required=True) or ""
            basis = _text(legal_basis, N_("法律依据"), required=False)
            licence = _result_number(result_number)
            if result_valid_until is not None and result_valid_until <= decided_on:
                raise UserError(t("有效期须晚于决定日期"))
            self._write_decision(
                session,
                case,
                actor,
                decision,
                decided_on,
                result,
                denial,
                basis,
                licence,
                result_valid_until,
                now,
            )
            return CaseService(self._db)._detail(session, case)

    def _write_decision(
        self,
        session: Session,
        case: Case,
        actor: Actor,
        decision: Decision,
        decided_on: dt.date,
        result: str,
        denial: str,
        basis: str | None,
        licence: str | None,
        valid_until: dt.date | None,
        now: dt.datetime,
    ) -> None:
        body = case.county_body or case.department
        case.county_decided_on = decided_on
        case.result_number = licence
        case.result_valid_until = valid_until
        if decision is Decision.DENIED:
            case.reason = denial
            case.legal_basis = basis
        facts = [f"{body}于{decided_on:%Y-%m-%d}决定{decision.label}"]
        if licence:
            facts.append(f"文号：{licence}")
        if valid_until is not None:
            facts.append(f"有效期至{valid_until:%Y-%m-%d}")
        if denial:
            facts.append(f"理由：{denial}")
        CaseService._event(
            session, case, actor, CaseAction.COUNTY_DECISION, None, None, "；".join(facts), now
        )
        calendar = SettingsService.work_calendar_in(session)
        CaseService(self._db)._complete(
            session, case, actor, calendar, decision, result, denial or None, now
        )
        record_handover(
            session,
            case,
            actor,
            Holder.WINDOW,
            now,
            taken_by=actor.display_name,
            papers=[result],
            note="县级决定已返回，待出件",
        )


def _body(text: str) -> str:
    body = " ".join(check_plain_text(text, t("县级部门")).split())
    if len(body) > MAX_BODY:
        raise UserError(t("县级部门名称过长（最多{limit}个字符）", limit=MAX_BODY))
    return body


def _result_number(text: str) -> str | None:
    number = check_plain_text(text, t("证照（批文）编号")).strip()
    if len(number) > MAX_RESULT_NUMBER:
        raise UserError(t("证照（批文）编号过长（最多{limit}个字符）", limit=MAX_RESULT_NUMBER))
    return number or None
