"""The window's registration of a village pre-registration (村代办), inside the transaction of
``CaseService._register``: the pre-registration it answers, locked and checked, then linked to
the case (受理 or 一次性告知) with the outcome on its 交接单; and the 授权委托书 a 代办 intake
must bring."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from townclerk.db.models import (
    Case,
    ItemMaterial,
    PreRegistration,
    ServiceItem,
    TransferList,
    TransferListEntry,
)
from townclerk.enums import (
    CaseStatus,
    IdType,
    MaterialState,
    PreRegistrationStatus,
    TransferDirection,
)
from townclerk.errors import NotFound, UserError
from townclerk.i18n import t
from townclerk.records.cases import MaterialInput
from townclerk.records.village_arrivals import UNANSWERED, is_power_of_attorney


def answered_message(pre: PreRegistration) -> str:
    """Why a pre-registration cannot be answered again."""
    if pre.case_number:
        return t(
            "预登记 {reference} 已答复（{status}，办件 {number}），不能再次办理",
            reference=pre.reference,
            status=t(pre.status.label),
            number=pre.case_number,
        )
    return t(
        "预登记 {reference} 已答复（{status}），不能再次办理",
        reference=pre.reference,
        status=t(pre.status.label),
    )


def unanswered_pre_registration(session: Session, reference: str) -> PreRegistration:
    """The pre-registration ``reference``, locked until the transaction ends (two windows
    ticking in the same one: the second finds it answered); refused once answered."""
    pre = session.scalar(
        select(PreRegistration).where(PreRegistration.reference == reference).with_for_update()
    )
    if pre is None:
        raise NotFound(t("预登记 {reference} 不存在", reference=reference))
    if pre.status not in UNANSWERED:
        raise UserError(answered_message(pre))
    return pre


def claim_pre_registration(
    session: Session, reference: str, item: ServiceItem, id_type: IdType, id_number: str
) -> PreRegistration:
    """The pre-registration an intake registers: unanswered, of the same item and applicant."""
    pre = unanswered_pre_registration(session, reference.strip())
    if pre.item_code != item.code:
        raise UserError(
            t(
                "预登记 {reference} 申请的事项为“{item}”，须按同一事项办理；"
                "办理其他事项请清空表单后重新受理",
                reference=pre.reference,
                item=pre.item_name,
            )
        )
    if (pre.applicant_id_type, pre.applicant_id_number.upper()) != (id_type, id_number.upper()):
        raise UserError(
            t(
                "办理预登记 {reference} 的申请人须与预登记的申请人（{name}）相同",
                reference=pre.reference,
                name=pre.applicant_name,
            )
        )
    return pre


def answer_with_case(
    session: Session,
    pre: PreRegistration,
    case: Case,
    missing: Sequence[str],
    reason: str | None,
    now: dt.datetime,
    clerk_name: str,
) -> None:
    """Link the pre-registration to the case just registered for it: accepted (with its number
    and promised date; a 即办件 with its result too) or told what is missing (一次性告知)."""
    case.village_point_id = pre.point_id
    notified = case.status is CaseStatus.NOTIFIED
    pre.status = PreRegistrationStatus.NOTIFIED if notified else PreRegistrationStatus.ACCEPTED
    pre.case_id = case.id
    pre.case_number = case.number
    pre.due_date = case.due_date
    pre.answered_at = now
    pre.updated_at = now
    if notified:
        parts = []
        if missing:
            parts.append("缺少材料：" + "、".join(missing))
        if reason:
            parts.append(reason)
        pre.answer = "；".join(parts)
    else:
        pre.answer = f"已受理，办件编号 {case.number}" + (
            f"，承诺{case.due_date:%Y-%m-%d}前办结" if case.due_date else ""
        )
    if case.decision is not None:  # a 即办件, decided as it was accepted
        pre.decision = case.decision
        pre.result_text = case.result_text
    set_outcome(session, pre, now, clerk_name)


def set_outcome(session: Session, pre: PreRegistration, now: dt.datetime, clerk_name: str) -> None:
    """The outcome on the line of the newest 交接单 that carried the pre-registration; a line
    ticked in says the list arrived, if nobody said so before."""
    found = session.execute(
        select(TransferListEntry, TransferList)
        .join(TransferList, TransferList.id == TransferListEntry.list_id)
        .where(
            TransferListEntry.pre_registration_id == pre.id,
            TransferList.direction == TransferDirection.TO_TOWNSHIP,
        )
        .order_by(TransferList.created_at.desc(), TransferList.id.desc())
        .limit(1)
    ).first()
    if found is not None:
        entry, trip = found
        entry.outcome = pre.status.value
        if trip.received_at is None:
            trip.received_at = now
            trip.received_by = clerk_name


def check_power_of_attorney(states: Sequence[tuple[ItemMaterial, MaterialInput]]) -> None:
    """A 代办 acceptance: the item's 授权委托书 (a material the catalog names so) must be among
    the papers received; a promise to bring it later (容缺) does not let an agent act."""
    owed = [
        material.name
        for material, state in states
        if is_power_of_attorney(material.name) and state.state is not MaterialState.RECEIVED
    ]
    if owed:
        raise UserError(
            t(
                "代办人代为申请须收取“{materials}”，未收取不能受理（可一次性告知）",
                materials=t("、").join(owed),
            )
        )
