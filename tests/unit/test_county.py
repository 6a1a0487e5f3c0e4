"""初审转报 and 出件: the township's own 初审 clock beside the resident's promised date, sending
the papers to the county with the 初审意见, the county's decision bringing the case back to the
window, 出件 with the recipient, and the window's two lists. Every refusal changes nothing. On
SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

import pytest
from sqlalchemy import func, select, update

from tests.conftest import FakeClock
from tests.factories import ItemRef, intake_for, make_item
from tests.people import add_user, first_admin
from townclerk.case_states import CaseAction
from townclerk.db.database import Database
from townclerk.db.models import Case, CaseEvent, CaseHandover, ServiceItem
from townclerk.enums import CaseStatus, Decision, DeliveryMethod, Holder, Role, Routing
from townclerk.errors import FieldError, UserError
from townclerk.records.center import CenterSettings
from townclerk.services.cases import CaseService
from townclerk.services.county import CountyService
from townclerk.services.dispatch import DispatchService
from townclerk.services.settings import SettingsService

WATER = "睢宁县水务局"
# The fixture clock: Tue 2026-09-29, before National Day (10-01..10-07 off, Sat 10-10 worked).
TODAY = dt.date(2026, 9, 29)


class Center:
    def __init__(self, db: Database) -> None:
        self.db = db
        self.admin = first_admin(
            db, CenterSettings(center_name="睢宁县示范镇为民服务中心", center_code="320324101")
        )
        self.clerk = add_user(db, self.admin, "clerk1", Role.CLERK, "王晓燕")
        self.cases = CaseService(db)
        self.county = CountyService(db)
        self._water: ItemRef | None = None

    def item(
        self,
        *,
        review_days: int | None = 3,
        routing: Routing | None = Routing.COUNTY,
        name: str = "取水许可初审",
        code: str = "SW-001",
    ) -> ItemRef:
        item = make_item(
            self.db,
            code=code,
            name=name,
            department=WATER,
            promised_days=20,
            statutory_days=45,
            materials=(("取水许可申请书", True, False), ("建设项目水资源论证报告", True, False)),
        )
        with self.db.sessions.begin() as session:
            session.execute(
                update(ServiceItem)
                .where(ServiceItem.id == item.id)
                .values(routing=routing, review_days=review_days)
            )
        return item

    def accepted(self, item: ItemRef | None = None) -> str:
        if item is None:
            self._water = self._water or self.item()
            item = self._water
        return self.cases.accept(self.clerk, intake_for(item)).number

    def sent(self, number: str | None = None) -> str:
        number = number or self.accepted()
        self.county.send_to_county(self.clerk, number, "经初审，申请材料齐全，符合条件，同意上报。")
        return number

    def state(self) -> tuple[Any, ...]:
        """Everything the journey writes: the cases' rows, the hand-overs, the events."""
        with self.db.reads() as session:
            cases = [
                tuple(row)
                for row in session.execute(
                    select(
                        Case.status,
                        Case.holder,
                        Case.review_opinion,
                        Case.county_body,
                        Case.sent_to_county_on,
                        Case.county_decided_on,
                        Case.decision,
                        Case.result_number,
                        Case.result_valid_until,
                        Case.delivered_to,
                    ).order_by(Case.id)
                )
            ]
            return (
                cases,
                session.scalar(select(func.count()).select_from(CaseHandover)),
                session.scalar(select(func.count()).select_from(CaseEvent)),
            )


@pytest.fixture
def center(any_db: Database) -> Center:
    return Center(any_db)


# --- the two clocks ------------------------------------------------------------------------------
def test_acceptance_sets_the_township_clock_apart_from_the_promise(center: Center) -> None:
    case = center.cases.get(center.clerk, center.accepted())
    assert case.journey is not None and case.journey.routing is Routing.COUNTY
    # Three working days after Tue 09-29: 09-30, then 10-08 and 10-09 (National Day off).
    assert case.journey.review_due_date == dt.date(2026, 10, 9)
    # The resident's date stays the item's promised 20 working days.
    assert case.due_date == dt.date(2026, 11, 2)


def test_an_item_without_its_own_review_days_takes_the_center_setting(center: Center) -> None:
    settings = SettingsService(center.db)
    settings.update_center(center.admin, replace(settings.center(), review_days=1))
    case = center.cases.get(center.clerk, center.accepted(center.item(review_days=None)))
    assert case.journey is not None and case.journey.review_due_date == dt.date(2026, 9, 30)


def test_the_name_alone_makes_a_county_item_with_the_default_clock(center: Center) -> None:
    case = center.cases.get(
        center.clerk, center.accepted(center.item(routing=None, review_days=None))
    )
    assert case.journey is not None and case.journey.routing is Routing.COUNTY
    # The default 5 working days: 09-30, 10-08, 10-09, Sat 10-10 (worked), 10-12.
    assert case.journey.review_due_date == dt.date(2026, 10, 12)


def test_a_window_item_has_no_township_clock(center: Center) -> None:
    item = center.item(routing=Routing.WINDOW, review_days=None, name="河道采砂许可")
    case = center.cases.get(center.clerk, center.accepted(item))
    assert case.journey is not None and case.journey.review_due_date is None


@pytest.mark.parametrize("days", [0, 61])
def test_the_center_setting_is_one_to_sixty_working_days(center: Center, days: int) -> None:
    settings = SettingsService(center.db)
    with pytest.raises(FieldError, match="初审时限应在1至60个工作日之间") as refused:
        settings.update_center(center.admin, replace(settings.center(), review_days=days))
    assert refused.value.field == "review_days"
    assert settings.center().review_days == 5


# --- 转报 --------------------------------------------------------------------------------------
def test_sending_records_the_opinion_the_body_and_the_papers(center: Center) -> None:
    number = center.accepted()
    sent = center.county.send_to_county(
        center.clerk, number, "  经初审，材料齐全，同意上报。 ", papers=["取水许可申请书"]
    )
    journey = sent.journey
    assert journey is not None
    assert (journey.holder, journey.county_body, journey.sent_to_county_on) == (
        Holder.COUNTY,
        WATER,
        TODAY,
    )
    assert journey.review_opinion == "经初审，材料齐全，同意上报。"
    handed = journey.handovers[-1]
    assert (handed.from_holder, handed.to_holder, handed.taken_by) == (
        Holder.WINDOW,
        Holder.COUNTY,
        WATER,
    )
    assert handed.papers == ("取水许可申请书",)
    event = sent.events[-1]
    assert event.action is CaseAction.SEND_TO_COUNTY
    assert "综合窗口 → 县级部门；接收人：睢宁县水务局" in event.note
    assert sent.status is CaseStatus.ACCEPTED  # the decision is still to come


def test_the_body_may_be_named_and_the_papers_default_to_those_received(
    center: Center, clock: FakeClock
) -> None:
    number = center.accepted()
    clock.advance(days=1)
    sent = center.county.send_to_county(
        center.clerk, number, "同意上报", county_body="睢宁县水务局 水资源科", sent_on=TODAY
    )
    assert sent.journey is not None
    assert sent.journey.county_body == "睢宁县水务局 水资源科"
    assert sent.journey.sent_to_county_on == TODAY
    assert sent.journey.handovers[-1].papers == ("取水许可申请书", "建设项目水资源论证报告")


def _refused(center: Center, message: str, call: Any) -> None:
    before = center.state()
    with pytest.raises(UserError, match=message):
        call()
    assert center.state() == before


def test_sending_refusals_change_nothing(center: Center, clock: FakeClock) -> None:
    window_item = center.item(
        routing=Routing.WINDOW, review_days=None, name="河道采砂许可", code="SW-002"
    )
    plain = center.accepted(window_item)
    send = center.county.send_to_county
    _refused(center, "不是初审转报事项", lambda: send(center.clerk, plain, "同意"))
    number = center.accepted()
    _refused(center, "请填写初审意见", lambda: send(center.clerk, number, "  "))
    _refused(
        center,
        "转报日期不能晚于今天",
        lambda: send(center.clerk, number, "同意", sent_on=TODAY + dt.timedelta(days=1)),
    )
    _refused(
        center,
        "转报日期不能早于受理日期（2026-09-29）",
        lambda: send(center.clerk, number, "同意", sent_on=TODAY - dt.timedelta(days=1)),
    )
    _refused(
        center,
        "县级部门名称过长",
        lambda: send(center.clerk, number, "同意", county_body="局" * 129),
    )
    center.county.send_to_county(center.clerk, number, "同意上报")
    _refused(center, "不在综合窗口（现在县级部门）", lambda: send(center.clerk, number, "同意"))
    corrected = center.accepted()
    center.cases.start_correction(center.clerk, corrected, "论证报告缺少签章")
    _refused(
        center,
        "办件当前状态为“补正中”，不能初审转报",
        lambda: send(center.clerk, corrected, "同意"),
    )


# --- 县级决定 ----------------------------------------------------------------------------------
def test_the_county_decision_completes_the_case_and_brings_it_back(
    center: Center, clock: FakeClock
) -> None:
    number = center.sent()
    clock.set(dt.datetime(2026, 10, 20, 10, 0))
    decided = center.county.record_county_decision(
        center.clerk,
        number,
        Decision.GRANTED,
        dt.date(2026, 10, 16),
        "取水许可证",
        result_number="取水(苏睢)字[2026]第018号",
        result_valid_until=dt.date(2031, 10, 15),
    )
    assert decided.status is CaseStatus.COMPLETED
    assert decided.decision is Decision.GRANTED and decided.result_text == "取水许可证"
    journey = decided.journey
    assert journey is not None
    assert (journey.holder, journey.county_decided_on) == (Holder.WINDOW, dt.date(2026, 10, 16))
    assert (journey.result_number, journey.result_valid_until) == (
        "取水(苏睢)字[2026]第018号",
        dt.date(2031, 10, 15),
    )
    actions = [event.action for event in decided.events[-3:]]
    assert actions == [CaseAction.COUNTY_DECISION, CaseAction.COMPLETE, CaseAction.HAND_OVER]
    assert decided.events[-3].note.startswith("睢宁县水务局于2026-10-16决定准予；文号：")
    assert journey.handovers[-1].to_holder is Holder.WINDOW


def test_a_county_denial_keeps_its_reason(center: Center) -> None:
    number = center.sent()
    denied = center.county.record_county_decision(
        center.clerk,
        number,
        Decision.DENIED,
        TODAY,
        "不予许可决定书",
        reason="取水口位于饮用水水源保护区",
        legal_basis="《取水许可和水资源费征收管理条例》第二十条",
    )
    assert denied.decision is Decision.DENIED
    assert denied.reason == "取水口位于饮用水水源保护区"
    assert denied.legal_basis == "《取水许可和水资源费征收管理条例》第二十条"


def test_decision_refusals_change_nothing(center: Center, clock: FakeClock) -> None:
    waiting = center.accepted()
    decide = center.county.record_county_decision
    _refused(
        center,
        "不在县级部门（现在综合窗口）",
        lambda: decide(center.clerk, waiting, Decision.GRANTED, TODAY, "许可证"),
    )
    clock.advance(days=2)
    number = center.sent()  # sent on 10-01
    sent_on = TODAY + dt.timedelta(days=2)
    _refused(
        center,
        "县级决定日期不能早于转报日期（2026-10-01）",
        lambda: decide(center.clerk, number, Decision.GRANTED, TODAY, "许可证"),
    )
    _refused(
        center,
        "县级决定日期不能晚于今天",
        lambda: decide(
            center.clerk, number, Decision.GRANTED, sent_on + dt.timedelta(days=1), "许可证"
        ),
    )
    _refused(
        center,
        "请填写办理结果",
        lambda: decide(center.clerk, number, Decision.GRANTED, sent_on, " "),
    )
    _refused(
        center,
        "请填写不予许可的理由",
        lambda: decide(center.clerk, number, Decision.DENIED, sent_on, "决定书"),
    )
    _refused(
        center,
        "有效期须晚于决定日期",
        lambda: decide(
            center.clerk,
            number,
            Decision.GRANTED,
            sent_on,
            "许可证",
            result_valid_until=sent_on,
        ),
    )


# --- 出件 --------------------------------------------------------------------------------------
def test_delivery_records_who_collected_the_result(center: Center) -> None:
    number = center.sent()
    center.county.record_county_decision(
        center.clerk, number, Decision.GRANTED, TODAY, "取水许可证"
    )
    delivered = center.cases.deliver(
        center.clerk, number, "核对身份证", method=DeliveryMethod.DIRECT, recipient=" 张  伟 "
    )
    assert delivered.status is CaseStatus.DELIVERED
    assert delivered.journey is not None and delivered.journey.delivered_to == "张 伟"
    assert delivered.events[-1].note == "直接送达：领取人：张 伟；核对身份证"


def test_an_overlong_recipient_is_refused(center: Center) -> None:
    number = center.sent()
    center.county.record_county_decision(center.clerk, number, Decision.GRANTED, TODAY, "证")
    _refused(
        center,
        "领取人姓名过长",
        lambda: center.cases.deliver(center.clerk, number, recipient="张" * 129),
    )


# --- the window's lists ------------------------------------------------------------------------
def test_the_lists_follow_the_journey(center: Center, clock: FakeClock) -> None:
    dispatch = DispatchService(center.db)
    waiting = center.accepted()
    away = center.sent()
    decided = center.sent()
    center.county.record_county_decision(center.clerk, decided, Decision.GRANTED, TODAY, "证")
    clock.set(dt.datetime(2026, 10, 13, 9, 0))  # past the 初审 date (10-09) of ``waiting``
    rows = dispatch.county_cases(center.clerk)
    assert [(row.number, row.holder) for row in rows] == [
        (waiting, Holder.WINDOW),
        (away, Holder.COUNTY),
    ]
    assert rows[0].review_late and rows[0].days_away is None
    # Sent on 09-29: 09-30, 10-08, 10-09, Sat 10-10, 10-12, 10-13 away; sent in time.
    assert (rows[1].days_away, rows[1].review_late, rows[1].county_body) == (6, False, WATER)
    [ready] = dispatch.to_deliver(center.clerk)
    assert (ready.number, ready.county_body, ready.result_text) == (decided, WATER, "证")
    assert dispatch.count_to_deliver(center.clerk) == 1
    center.cases.deliver(center.clerk, decided, recipient="张伟")
    assert dispatch.to_deliver(center.clerk) == []
    assert dispatch.count_to_deliver(center.clerk) == 0


def test_the_oldest_decision_comes_first(center: Center, clock: FakeClock) -> None:
    plain = center.item(
        routing=Routing.WINDOW, review_days=None, name="河道采砂许可", code="SW-002"
    )
    first, second = center.accepted(plain), center.accepted(plain)
    center.cases.complete(center.clerk, second, Decision.GRANTED, "许可证")
    clock.advance(hours=1)
    center.cases.complete(center.clerk, first, Decision.GRANTED, "许可证")
    rows = DispatchService(center.db).to_deliver(center.clerk)
    assert [row.number for row in rows] == [second, first]
    assert all(row.county_body is None for row in rows)
