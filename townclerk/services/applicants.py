"""Checking and remembering applicants (申请人) and agents (代办人)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from townclerk.db.models import Applicant, Village
from townclerk.db.upsert import upsert_insert
from townclerk.enums import ApplicantKind, IdType, Sex
from townclerk.errors import UserError
from townclerk.i18n import t
from townclerk.records.cases import AgentInput, ApplicantInfo, ApplicantInput
from townclerk.validation import (
    ADDRESS_MAX_LENGTH,
    NAME_MAX_LENGTH,
    ValidationError,
    check_plain_text,
    parse_other_id,
    parse_phone,
    parse_resident_id,
    parse_uscc,
)


@dataclass(frozen=True)
class CheckedApplicant:
    data: ApplicantInput
    birth_date: dt.date | None
    sex: Sex | None


def check_applicant(
    applicant: ApplicantInput, *, phone_required: bool, today: dt.date
) -> CheckedApplicant:
    """Normalise and validate; raise a UserError naming the first problem."""
    name = " ".join(check_plain_text(applicant.name, t("申请人名称")).split())
    if not name:
        raise UserError(t("请填写申请人姓名或单位名称"))
    if len(name) > NAME_MAX_LENGTH:
        raise UserError(t("申请人名称过长（最多128个字符）"))
    birth_date = None
    sex = None
    if applicant.id_type is IdType.RESIDENT_ID:
        if applicant.kind is not ApplicantKind.PERSON:
            raise UserError(t("法人及其他组织应使用统一社会信用代码"))
        resident = parse_resident_id(applicant.id_number, today=today)
        id_number, birth_date, sex = resident.number, resident.birth_date, resident.sex
    elif applicant.id_type is IdType.USCC:
        if applicant.kind is not ApplicantKind.ORGANISATION:
            raise UserError(t("自然人应使用居民身份证或其他证件"))
        id_number = parse_uscc(applicant.id_number)
    else:
        id_number = parse_other_id(applicant.id_number)
    phone = applicant.phone.strip()
    if phone or phone_required:
        try:
            phone = parse_phone(phone)
        except ValidationError as error:
            raise UserError(t("申请人联系电话：{error}", error=error)) from None
    address = check_plain_text(applicant.address, t("地址")).strip()
    cleaned = replace(applicant, name=name, id_number=id_number, phone=phone, address=address)
    if len(cleaned.address) > ADDRESS_MAX_LENGTH:
        raise UserError(t("地址过长（最多255个字符）"))
    return CheckedApplicant(cleaned, birth_date, sex)


def check_agent(agent: AgentInput, today: dt.date) -> AgentInput:
    name = " ".join(check_plain_text(agent.name, t("代办人姓名")).split())
    if not name:
        raise UserError(t("请填写代办人姓名"))
    try:
        number = parse_resident_id(agent.id_number, today=today).number
    except ValidationError as error:
        raise UserError(t("代办人{error}", error=error)) from None
    try:
        phone = parse_phone(agent.phone)
    except ValidationError as error:
        raise UserError(t("代办人联系电话：{error}", error=error)) from None
    return AgentInput(name=name, id_number=number, phone=phone)


def upsert_applicant(session: Session, checked: CheckedApplicant, now: dt.datetime) -> Applicant:
    """Find the applicant by ID and bring their details up to date, or register them."""
    data = checked.data
    row = session.scalar(
        select(Applicant).where(
            Applicant.id_type == data.id_type, Applicant.id_number == data.id_number
        )
    )
    if row is None:
        # Two windows may register the same new resident at once (PostgreSQL lets both look
        # and find nobody): the row is made once, the other insert waits and does nothing.
        session.execute(
            upsert_insert(session, Applicant)
            .values(
                kind=data.kind,
                id_type=data.id_type,
                id_number=data.id_number,
                name=data.name,
                created_at=now,
                updated_at=now,
            )
            .on_conflict_do_nothing(index_elements=[Applicant.id_type, Applicant.id_number])
        )
        row = session.scalars(
            select(Applicant).where(
                Applicant.id_type == data.id_type, Applicant.id_number == data.id_number
            )
        ).one()
    row.name = data.name
    if data.phone:
        row.phone = data.phone
    if data.address:
        row.address = data.address
    if data.village_id is not None:
        row.village_id = data.village_id
    row.birth_date = checked.birth_date
    row.sex = checked.sex
    row.updated_at = now
    session.flush()
    return row


def applicant_info(session: Session, row: Applicant) -> ApplicantInfo:
    village_name = ""
    if row.village_id is not None:
        village_name = (
            session.scalar(select(Village.name).where(Village.id == row.village_id)) or ""
        )
    return ApplicantInfo(
        id=row.id,
        kind=row.kind,
        id_type=row.id_type,
        id_number=row.id_number,
        name=row.name,
        phone=row.phone,
        address=row.address,
        village_id=row.village_id,
        village_name=village_name,
        birth_date=row.birth_date,
    )


def find_applicant(session: Session, id_type: IdType, id_number: str) -> ApplicantInfo | None:
    normalised = "".join(id_number.split()).upper()
    row = session.scalar(
        select(Applicant).where(Applicant.id_type == id_type, Applicant.id_number == normalised)
    )
    return None if row is None else applicant_info(session, row)
