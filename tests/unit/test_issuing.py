"""Who decides: the pure resolution, the issuing bodies service (on SQLite and PostgreSQL),
the snapshot a case takes at registration, and the derived township names."""

from __future__ import annotations

from dataclasses import replace

import pytest
from sqlalchemy import func, select

from tests.factories import ID_LI, intake_for, make_item
from tests.people import PASSWORD
from townclerk.db.database import Database
from townclerk.db.models import AuditEntry, IssuingBody
from townclerk.enums import Category, PowerSource, Role
from townclerk.errors import FieldError, NotFound, PermissionDenied
from townclerk.records.center import CenterSettings, county_of, government_from_center
from townclerk.records.issuing import Issuer, IssuingBodyRule, resolve_issuer
from townclerk.services.access import Actor
from townclerk.services.cases import CaseService
from townclerk.services.issuing import IssuingService
from townclerk.services.settings import SettingsService
from townclerk.services.users import UserService

CENTER = CenterSettings(
    center_name="睢宁县示范镇为民服务中心",
    government_name="睢宁县示范镇人民政府",
    government_seal="睢宁县示范镇人民政府行政审批专用章",
)
TOWNSHIP = Issuer("睢宁县示范镇人民政府", "睢宁县示范镇人民政府行政审批专用章")
S = PowerSource


def resolve(
    power_source: PowerSource | None,
    department: str = "睢宁县民政局",
    *,
    category: Category = Category.BENEFIT,
    item_issuing_body: str = "",
    rules: tuple[IssuingBodyRule, ...] = (),
    center: CenterSettings = CENTER,
) -> Issuer:
    return resolve_issuer(
        power_source=power_source,
        category=category,
        department=department,
        item_issuing_body=item_issuing_body,
        rules=rules,
        center=center,
    )


@pytest.mark.parametrize(
    "source",
    [S.STATUTORY, S.DELEGATED_FROM_ABOVE, S.AUTHORISED_FROM_ABOVE, S.AUTHORISED_BY_PEER, None],
)
def test_a_delegated_or_own_power_is_the_township_governments(source: PowerSource | None) -> None:
    assert resolve(source) == TOWNSHIP


@pytest.mark.parametrize("source", [S.ENTRUSTED_FROM_ABOVE, S.ENTRUSTED_BY_PEER])
def test_an_entrusted_power_is_exercised_in_the_departments_name(source: PowerSource) -> None:
    assert resolve(source, "睢宁县民政局") == Issuer("睢宁县民政局", "睢宁县民政局")


def test_a_utilitys_public_service_is_the_utilitys() -> None:
    utility = resolve(
        S.DELEGATED_FROM_ABOVE, "国网睢宁县供电公司", category=Category.PUBLIC_SERVICE
    )
    assert utility == Issuer("国网睢宁县供电公司", "国网睢宁县供电公司")
    # A public service of a government department delegated to the township stays the
    # township's; a company's item of another category is not a utility's service.
    assert resolve(S.DELEGATED_FROM_ABOVE, category=Category.PUBLIC_SERVICE) == TOWNSHIP
    assert resolve(S.DELEGATED_FROM_ABOVE, "某某公司", category=Category.LICENSING) == TOWNSHIP


def test_the_most_specific_rule_wins_and_the_catalog_wins_over_rules() -> None:
    rules = (
        IssuingBodyRule(1, S.ENTRUSTED_FROM_ABOVE, "", "睢宁县人民政府", "睢宁县人民政府"),
        IssuingBodyRule(
            2,
            S.ENTRUSTED_FROM_ABOVE,
            "国家税务总局睢宁县税务局",
            "国家税务总局睢宁县税务局",
            "税务章",
        ),
        IssuingBodyRule(3, S.DELEGATED_FROM_ABOVE, "睢宁县民政局", "睢宁县民政局", "民政章"),
    )
    tax = resolve(S.ENTRUSTED_FROM_ABOVE, "国家税务总局睢宁县税务局", rules=rules)
    assert tax == Issuer("国家税务总局睢宁县税务局", "税务章")
    assert resolve(S.ENTRUSTED_FROM_ABOVE, "睢宁县教育局", rules=rules).name == "睢宁县人民政府"
    assert resolve(S.DELEGATED_FROM_ABOVE, "睢宁县民政局", rules=rules).seal_text == "民政章"
    # A rule of another 权力来源 does not apply.
    assert resolve(S.STATUTORY, "睢宁县民政局", rules=rules) == TOWNSHIP
    # The catalog's 实施主体 wins; its seal is the one known for that name.
    assert (
        resolve(
            S.ENTRUSTED_FROM_ABOVE,
            "睢宁县教育局",
            item_issuing_body="睢宁县示范镇人民政府",
            rules=rules,
        )
        == TOWNSHIP
    )
    assert resolve(
        S.STATUTORY, item_issuing_body="国家税务总局睢宁县税务局", rules=rules
    ) == Issuer("国家税务总局睢宁县税务局", "税务章")
    assert resolve(S.STATUTORY, item_issuing_body="睢宁县教育局") == Issuer(
        "睢宁县教育局", "睢宁县教育局"
    )


def test_names_left_empty_are_derived_from_the_centers_name() -> None:
    center = CenterSettings(center_name="睢宁县示范镇为民服务中心")
    assert center.government == "睢宁县示范镇人民政府"
    assert center.seal == "睢宁县示范镇人民政府行政审批专用章"
    assert center.appeal_review_body == "睢宁县人民政府"
    assert center.appeal_court == "睢宁县人民法院"
    set_ = replace(center, review_body="徐州市人民政府", court="徐州铁路运输法院")
    assert (set_.appeal_review_body, set_.appeal_court) == ("徐州市人民政府", "徐州铁路运输法院")
    assert government_from_center("铜山区柳泉镇便民服务中心") == "铜山区柳泉镇人民政府"
    assert government_from_center("新沂市墨河街道为民服务中心") == "新沂市墨河街道办事处"
    assert government_from_center("为民服务中心") == ""
    assert county_of("徐州市铜山区柳泉镇人民政府") == "徐州市铜山区"
    assert county_of("新沂市墨河街道办事处") == "新沂市"
    assert county_of("某单位") == ""
    # Nothing to derive from: the center's own name, and no named appeal bodies.
    bare = CenterSettings(center_name="为民服务中心")
    assert bare.government == "为民服务中心"
    assert bare.appeal_review_body == bare.appeal_court == ""


# --- the service, on SQLite and PostgreSQL ----------------------------------------------------
def actors(db: Database) -> tuple[Actor, Actor]:
    users = UserService(db)
    users.create_first_admin("admin", PASSWORD)
    admin = users.authenticate("admin", PASSWORD)
    SettingsService(db).update_center(admin, replace(CENTER, center_code="320324101"))
    users.create_user(admin, "clerk1", PASSWORD, Role.CLERK)
    return admin, users.authenticate("clerk1", PASSWORD)


def audit_actions(db: Database) -> list[str]:
    with db.reads() as session:
        return list(session.scalars(select(AuditEntry.action).order_by(AuditEntry.id)))


def rule_count(db: Database) -> int:
    with db.reads() as session:
        return session.scalar(select(func.count()).select_from(IssuingBody)) or 0


def test_rules_are_added_changed_and_removed_by_an_admin_and_audited(any_db: Database) -> None:
    admin, _clerk = actors(any_db)
    service = IssuingService(any_db)
    added = service.set_rule(admin, S.ENTRUSTED_FROM_ABOVE, " 睢宁县民政局 ", "睢宁县民政局")
    assert (added.department, added.seal_text) == ("睢宁县民政局", "睢宁县民政局")
    changed = service.set_rule(
        admin, S.ENTRUSTED_FROM_ABOVE, "睢宁县民政局", "睢宁县民政局", "睢宁县民政局业务专用章"
    )
    assert changed.id == added.id and changed.seal_text == "睢宁县民政局业务专用章"
    service.set_rule(admin, S.ENTRUSTED_FROM_ABOVE, "", "睢宁县人民政府")
    assert [(r.department, r.name) for r in service.rules()] == [
        ("", "睢宁县人民政府"),
        ("睢宁县民政局", "睢宁县民政局"),
    ]
    found = service.find_rule(S.ENTRUSTED_FROM_ABOVE, "")
    service.remove_rule(admin, found.id)
    assert [r.department for r in service.rules()] == ["睢宁县民政局"]
    assert audit_actions(any_db)[-4:] == [
        "issuing_body.add",
        "issuing_body.change",
        "issuing_body.add",
        "issuing_body.remove",
    ]
    with pytest.raises(NotFound):
        service.find_rule(S.ENTRUSTED_FROM_ABOVE, "")
    with pytest.raises(NotFound):
        service.remove_rule(admin, found.id)


def test_bad_rules_and_clerks_change_nothing(any_db: Database) -> None:
    admin, clerk = actors(any_db)
    service = IssuingService(any_db)
    before = audit_actions(any_db)
    with pytest.raises(FieldError, match="请填写发文机关") as missing:
        service.set_rule(admin, S.STATUTORY, "", "  ")
    assert missing.value.field == "name"
    with pytest.raises(FieldError, match="过长") as long:
        service.set_rule(admin, S.STATUTORY, "", "睢宁县", "章" * 129)
    assert long.value.field == "seal_text"
    with pytest.raises(FieldError, match="控制字符") as control:
        service.set_rule(admin, S.STATUTORY, "民政\x07局", "睢宁县民政局")
    assert control.value.field == "department"
    with pytest.raises(PermissionDenied):
        service.set_rule(clerk, S.STATUTORY, "", "睢宁县民政局")
    assert rule_count(any_db) == 0 and audit_actions(any_db) == before


def test_a_case_keeps_the_issuer_it_was_registered_under(any_db: Database) -> None:
    admin, clerk = actors(any_db)
    item = make_item(
        any_db, power_source=S.ENTRUSTED_FROM_ABOVE, department="睢宁县人力资源和社会保障局"
    )
    cases = CaseService(any_db)
    before = cases.accept(clerk, intake_for(item))
    assert before.power_source is S.ENTRUSTED_FROM_ABOVE
    assert (before.issuing_body, before.issuing_seal) == (
        "睢宁县人力资源和社会保障局",
        "睢宁县人力资源和社会保障局",
    )
    IssuingService(any_db).set_rule(
        admin, S.ENTRUSTED_FROM_ABOVE, "睢宁县人力资源和社会保障局", "睢宁县人社局", "人社章"
    )
    after = cases.accept(clerk, intake_for(item, id_number=ID_LI))
    assert (after.issuing_body, after.issuing_seal) == ("睢宁县人社局", "人社章")
    # The earlier case's documents keep what it was decided under.
    kept = IssuingService(any_db).with_issuer(cases.get(clerk, before.number))
    assert kept.issuing_body == "睢宁县人力资源和社会保障局"


def test_demo_data_holds_a_denial_with_its_reason_and_a_refusal_naming_the_body(
    db: Database,
) -> None:
    from townclerk.enums import CaseStatus, Decision
    from townclerk.records.cases import CaseQuery
    from townclerk.services.demo import DEMO_PASSWORD, generate_cases, install_demo

    install_demo(db)
    users = UserService(db)
    admin = users.authenticate("admin", DEMO_PASSWORD)
    clerk = users.authenticate("clerk1", DEMO_PASSWORD)
    summary = generate_cases(db, admin, cases=20, days=3, seed=4)
    assert (summary.cases, summary.examples) == (20, 5)
    assert summary.line().endswith(" examples=5")
    center = SettingsService(db).center()
    assert (center.government_name, center.review_body, center.court) == (
        "睢宁县示范镇人民政府",
        "睢宁县人民政府",
        "睢宁县人民法院",
    )
    cases = CaseService(db)
    today = [
        cases.get(clerk, row.number)
        for row in cases.list_cases(clerk, CaseQuery(), limit=100)
        if row.item_name == "最低生活保障审核"
    ]
    [denied] = [c for c in today if c.decision is Decision.DENIED and c.issuing_body]
    assert denied.reason == "家庭人均收入高于当地低保标准"
    assert denied.issuing_body == "睢宁县示范镇人民政府"  # 上级下放
    [refused] = [c for c in today if c.status is CaseStatus.REFUSED and c.issuing_body]
    assert refused.competent_body == "申请人户籍所在地乡镇人民政府（街道办事处）"
