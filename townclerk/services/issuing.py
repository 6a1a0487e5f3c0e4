"""The issuing bodies table (who decides, per 权力来源 and department) and the decision of who
issues a case's documents (``records/issuing.py`` decides; this reads what it needs)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from townclerk.db.database import Database
from townclerk.db.models import IssuingBody, ServiceItem
from townclerk.enums import PowerSource
from townclerk.errors import FieldError, NotFound
from townclerk.i18n import t
from townclerk.records import changes
from townclerk.records.cases import CaseDetail
from townclerk.records.center import CenterSettings
from townclerk.records.changes import Changed
from townclerk.records.issuing import Issuer, IssuingBodyRule, resolve_issuer
from townclerk.services.access import Actor, Permission, acting, require
from townclerk.services.audit import record_audit
from townclerk.services.settings import SettingsService
from townclerk.validation import ValidationError, check_plain_text

NAME_MAX = 128


def _rule(row: IssuingBody) -> IssuingBodyRule:
    return IssuingBodyRule(row.id, row.power_source, row.department, row.name, row.seal_text)


def rules_in(session: Session) -> list[IssuingBodyRule]:
    rows = session.scalars(
        select(IssuingBody).order_by(IssuingBody.power_source, IssuingBody.department)
    )
    return [_rule(row) for row in rows]


def issuer_for_item_in(
    session: Session,
    item: ServiceItem,
    center: CenterSettings,
    rules: Sequence[IssuingBodyRule] | None = None,
) -> Issuer:
    """Who decides ``item`` under today's settings (a case snapshots this at registration);
    ``rules``, when many items are decided at once, saves reading the table for each."""
    return resolve_issuer(
        power_source=item.power_source,
        category=item.category,
        department=item.department,
        item_issuing_body=item.issuing_body,
        rules=rules_in(session) if rules is None else rules,
        center=center,
    )


def _checked(text: str, what: str, field: str, *, required: bool) -> str:
    try:
        value = check_plain_text(text, what).strip()
    except ValidationError as error:
        raise FieldError(str(error), field) from error
    if required and not value:
        raise FieldError(t("请填写{what}", what=what), field)
    if len(value) > NAME_MAX:
        raise FieldError(t("{what}过长（最多{limit}个字符）", what=what, limit=NAME_MAX), field)
    return value


def check_rule(department: str, name: str, seal_text: str) -> tuple[str, str, str]:
    """A rule's department, name and seal text as stored (the seal defaults to the name);
    a bad one raises a :class:`FieldError` naming it."""
    department = _checked(department, t("实施部门"), "department", required=False)
    name = _checked(name, t("发文机关"), "name", required=True)
    seal_text = _checked(seal_text, t("印章文字"), "seal_text", required=False) or name
    return department, name, seal_text


class IssuingService:
    def __init__(self, db: Database) -> None:
        self._db = db

    def rules(self) -> list[IssuingBodyRule]:
        with self._db.reads() as session:
            return rules_in(session)

    def departments(self) -> list[str]:
        """The departments of the catalog's active items (what a rule's department names)."""
        with self._db.reads() as session:
            return list(
                session.scalars(
                    select(ServiceItem.department)
                    .where(ServiceItem.active)
                    .distinct()
                    .order_by(ServiceItem.department)
                )
            )

    def with_issuer(self, case: CaseDetail) -> CaseDetail:
        """The case with who decides it: as registered, or, for a case from before issuing
        bodies (nothing registered), who decides its item under today's settings."""
        if case.issuing_body:
            return case
        with self._db.reads() as session:
            center = SettingsService.center_in(session)
            item = session.get(ServiceItem, case.item_id)
            assert item is not None, "a case's item is never deleted"
            power_source = case.power_source or item.power_source
            issuer = resolve_issuer(
                power_source=power_source,
                category=item.category,
                department=case.department,
                item_issuing_body=item.issuing_body,
                rules=rules_in(session),
                center=center,
            )
        return replace(
            case,
            power_source=power_source,
            issuing_body=issuer.name,
            issuing_seal=issuer.seal_text,
        )

    def set_rule(
        self,
        actor: Actor,
        power_source: PowerSource,
        department: str,
        name: str,
        seal_text: str = "",
    ) -> IssuingBodyRule:
        """Add the rule for ``power_source`` and ``department`` ("" = every department), or
        change it if there is one; the seal text defaults to the name."""
        require(actor, Permission.MANAGE_SETTINGS)
        department, name, seal_text = check_rule(department, name, seal_text)
        with acting(self._db, actor) as session:
            row = session.scalar(
                select(IssuingBody).where(
                    IssuingBody.power_source == power_source,
                    IssuingBody.department == department,
                )
            )
            action = "issuing_body.change" if row is not None else "issuing_body.add"
            if row is None:
                row = IssuingBody(power_source=power_source, department=department)
                session.add(row)
            row.name, row.seal_text = name, seal_text
            session.flush()
            record_audit(
                session,
                actor,
                action,
                self._db.now(),
                target=f"{power_source.value}/{department}",
                name=name,
                seal_text=seal_text,
            )
            return _rule(row)

    def remove_rule(self, actor: Actor, rule_id: int) -> Changed:
        require(actor, Permission.MANAGE_SETTINGS)
        with acting(self._db, actor) as session:
            row = session.get(IssuingBody, rule_id)
            if row is None:
                raise NotFound(t("该发文机关规则不存在"))
            session.delete(row)
            record_audit(
                session,
                actor,
                "issuing_body.remove",
                self._db.now(),
                target=f"{row.power_source.value}/{row.department}",
                name=row.name,
            )
        return Changed(changes.SETTINGS)

    def find_rule(self, power_source: PowerSource, department: str) -> IssuingBodyRule:
        """The rule for exactly this 权力来源 and department (the CLI removes rules by these)."""
        with self._db.reads() as session:
            row = session.scalar(
                select(IssuingBody).where(
                    IssuingBody.power_source == power_source,
                    IssuingBody.department == department.strip(),
                )
            )
            if row is None:
                raise NotFound(
                    t(
                        "没有“{source}”“{department}”的发文机关规则",
                        source=t(power_source.label),
                        department=department.strip() or t("所有部门"),
                    )
                )
            return _rule(row)
