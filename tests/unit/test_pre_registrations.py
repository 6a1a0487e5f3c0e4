"""Pre-registrations at a village point and the 交接单 that carries them to the township: the
reference sequence (gap-free per point per day), the agent's own point, the window registering
on an agent's behalf, cancelling, and every bad input refused with nothing changed. On SQLite
and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import threading
from dataclasses import replace

import pytest
from sqlalchemy import func, select, update

from tests.conftest import FakeClock
from tests.factories import make_item
from tests.villages import Township, pre_registration
from townclerk.db.database import Database
from townclerk.db.models import (
    PreRegistration,
    PreRegistrationCounter,
    TransferList,
    TransferListEntry,
)
from townclerk.enums import MaterialForm, PreRegistrationStatus, TransferDirection
from townclerk.errors import FieldError, NotFound, PermissionDenied, UserError
from townclerk.services.access import Actor
from townclerk.services.pre_registrations import PreRegistrationService
from townclerk.services.villages import VillageService


@pytest.fixture
def town(any_db: Database) -> Township:
    return Township(any_db)


def _state(db: Database) -> tuple[object, ...]:
    with db.reads() as session:
        rows = session.execute(
            select(
                PreRegistration.reference, PreRegistration.status, PreRegistration.note
            ).order_by(PreRegistration.id)
        ).all()
        counters = session.execute(
            select(PreRegistrationCounter.point_id, PreRegistrationCounter.last).order_by(
                PreRegistrationCounter.point_id
            )
        ).all()
        trips = session.scalar(select(func.count()).select_from(TransferList))
        entries = session.scalar(select(func.count()).select_from(TransferListEntry))
    return tuple(rows), tuple(counters), trips, entries


def test_an_agent_registers_for_their_own_point(town: Township) -> None:
    service = PreRegistrationService(town.db)
    info = service.register(town.agent_user, pre_registration(town.item))
    assert info.reference == "WJ-20260929-001"
    assert (info.point_name, info.agent_name, info.status) == (
        "王集村便民服务点",
        "张代办",
        PreRegistrationStatus.PENDING,
    )
    assert (info.item_code, info.item_name, info.applicant_name) == (
        "320324-MZ-001",
        "高龄津贴申请",
        "赵桂英",
    )
    assert [(m.name, m.received) for m in info.materials] == [
        ("居民身份证", True),
        ("户口簿", True),
        ("银行卡复印件", False),
    ]
    assert info.materials[0].form is MaterialForm.ORIGINAL_AND_COPY
    assert info.received_papers == ("居民身份证（原件及复印件×1）", "户口簿（原件及复印件×1）")
    assert info.case_number is None and info.due_date is None
    assert service.get(town.agent_user, " wj-20260929-001 ") == info


def test_references_count_per_point_per_day_without_gaps(town: Township, clock: FakeClock) -> None:
    service = PreRegistrationService(town.db)

    def register_at_wangji() -> str:
        return service.register(town.agent_user, pre_registration(town.item)).reference

    def register_at_liwei() -> str:
        return service.register(
            town.clerk,
            pre_registration(town.item, point_id=town.liwei, agent_id=town.liwei_agent),
        ).reference

    assert register_at_wangji() == "WJ-20260929-001"
    assert register_at_liwei() == "LW-20260929-001"
    # A refused registration gives no number away.
    with pytest.raises(UserError):
        service.register(town.agent_user, pre_registration(town.item, phone="123"))
    assert register_at_wangji() == "WJ-20260929-002"
    clock.advance(days=1)
    assert register_at_wangji() == "WJ-20260930-001"
    assert register_at_liwei() == "LW-20260930-001"


def test_the_window_registers_on_an_agents_behalf(town: Township) -> None:
    info = PreRegistrationService(town.db).register(
        town.clerk,
        pre_registration(town.item, point_id=town.liwei, agent_id=town.liwei_agent),
    )
    assert (info.point_code, info.agent_name, info.registered_by) == ("LW", "李代办", "clerk1")


def test_lists_show_a_point_its_own_and_filter_by_status_and_pickup(town: Township) -> None:
    service = PreRegistrationService(town.db)
    first = service.register(town.agent_user, pre_registration(town.item)).reference
    second = service.register(town.agent_user, pre_registration(town.item)).reference
    other = service.register(
        town.clerk, pre_registration(town.item, point_id=town.liwei, agent_id=town.liwei_agent)
    ).reference
    service.cancel(town.agent_user, first, "申请人暂不办理")
    assert [p.reference for p in service.list(town.agent_user)] == [second, first]
    assert [p.reference for p in service.list(town.clerk)] == [other, second, first]
    assert [p.reference for p in service.list(town.clerk, town.liwei)] == [other]
    pending = service.list(town.agent_user, statuses=[PreRegistrationStatus.PENDING])
    assert [p.reference for p in pending] == [second]
    # The township's answer comes back onto the row (the exchange or the window writes it).
    with town.db.sessions.begin() as session:
        session.execute(
            update(PreRegistration)
            .where(PreRegistration.reference == second)
            .values(
                status=PreRegistrationStatus.ACCEPTED,
                case_number="320324101-20260929-0007",
                due_date=dt.date(2026, 10, 20),
                result_at_point_at=town.db.now(),
            )
        )
    waiting = service.list(town.agent_user, awaiting_pickup=True)
    assert [(p.reference, p.case_number, p.awaiting_pickup) for p in waiting] == [
        (second, "320324101-20260929-0007", True)
    ]
    with pytest.raises(PermissionDenied, match="只能查看本服务点"):
        service.list(town.agent_user, town.liwei)
    with pytest.raises(NotFound, match=f"预登记 {other} 不存在"):
        service.get(town.agent_user, other)


def test_cancelling_keeps_the_reason_in_the_note(town: Township) -> None:
    service = PreRegistrationService(town.db)
    reference = service.register(town.agent_user, pre_registration(town.item)).reference
    cancelled = service.cancel(town.agent_user, reference, " 申请人暂不办理 ")
    assert cancelled.status is PreRegistrationStatus.CANCELLED
    assert cancelled.note == "撤销（2026-09-29 09:30 张代办）：申请人暂不办理"


def test_a_transfer_list_carries_the_papers_and_marks_them_sent(
    town: Township, clock: FakeClock
) -> None:
    service = PreRegistrationService(town.db)
    one = service.register(town.agent_user, pre_registration(town.item)).reference
    two = service.register(
        town.agent_user, pre_registration(town.item, received=town.item.material_ids)
    ).reference
    trip = service.make_transfer_list(town.agent_user, town.wangji, [two, one], "张代办")
    assert trip.number == "WJ-JJ-20260929-01"
    assert (trip.direction, trip.carrier, trip.created_by) == (
        TransferDirection.TO_TOWNSHIP,
        "张代办",
        "agent1",
    )
    assert [(e.seq, e.reference) for e in trip.entries] == [(1, two), (2, one)]
    assert trip.entries[0].papers == (
        "居民身份证（原件及复印件×1）",
        "户口簿（原件及复印件×1）",
        "银行卡复印件（原件及复印件×1）",
    )
    assert trip.paper_count == 5
    sent = service.get(town.agent_user, one)
    assert (sent.status, sent.transfer_list) == (PreRegistrationStatus.SENT, trip.number)
    three = service.register(town.agent_user, pre_registration(town.item)).reference
    assert (
        service.make_transfer_list(town.clerk, town.wangji, [three], "张代办").number
        == "WJ-JJ-20260929-02"
    )
    assert service.transfer_list(town.agent_user, "wj-jj-20260929-01") == trip


def _deactivate_point(town: Township) -> None:
    VillageService(town.db).set_point_active(town.admin, town.liwei, False)


@pytest.mark.parametrize(
    "attempt, error, message",
    [
        ("bad id", UserError, "身份证号码校验位不正确"),
        ("bad phone", UserError, "申请人联系电话：联系电话应为11位手机号码"),
        ("no phone", UserError, "申请人联系电话：请输入联系电话"),
        ("unknown item", FieldError, "该事项不存在或已从目录中撤销，不能预登记"),
        ("retired item", FieldError, "该事项不存在或已从目录中撤销，不能预登记"),
        ("foreign material", FieldError, "所勾选的材料不属于该事项"),
        ("inactive point", FieldError, "村便民服务点不存在或已停用"),
        ("no point", FieldError, "请选择村便民服务点"),
        ("no agent", FieldError, "请选择代办员"),
        ("agent of another point", FieldError, "代办员 张代办 不属于“李圩村便民服务点”"),
        ("agent names another point", PermissionDenied, "代办员只能以本人名义为本服务点预登记"),
        ("admin", PermissionDenied, "无权村代办预登记"),
    ],
)
def test_a_bad_registration_is_refused_and_nothing_changes(
    town: Township, attempt: str, error: type[Exception], message: str
) -> None:
    service = PreRegistrationService(town.db)
    retired = make_item(town.db, code="OLD-1", name="已撤销事项", active=False)
    if attempt == "inactive point":
        _deactivate_point(town)
    before = _state(town.db)
    item = town.item
    at_liwei = {"point_id": town.liwei, "agent_id": town.liwei_agent}
    calls = {
        "bad id": lambda: service.register(
            town.agent_user, pre_registration(item, id_number="320324194008122620")
        ),
        "bad phone": lambda: service.register(
            town.agent_user, pre_registration(item, phone="0516-123")
        ),
        "no phone": lambda: service.register(town.agent_user, pre_registration(item, phone="")),
        "unknown item": lambda: service.register(
            town.agent_user, replace(pre_registration(item), item_id=999)
        ),
        "retired item": lambda: service.register(
            town.agent_user, pre_registration(retired, received=())
        ),
        "foreign material": lambda: service.register(
            town.agent_user, pre_registration(item, received=retired.material_ids[:1])
        ),
        "inactive point": lambda: service.register(town.clerk, pre_registration(item, **at_liwei)),
        "no point": lambda: service.register(town.clerk, pre_registration(item)),
        "no agent": lambda: service.register(
            town.clerk, pre_registration(item, point_id=town.liwei)
        ),
        "agent of another point": lambda: service.register(
            town.clerk, pre_registration(item, point_id=town.liwei, agent_id=town.wangji_agent)
        ),
        "agent names another point": lambda: service.register(
            town.agent_user, pre_registration(item, **at_liwei)
        ),
        "admin": lambda: service.register(town.admin, pre_registration(item, **at_liwei)),
    }
    with pytest.raises(error, match=message):
        calls[attempt]()
    assert _state(town.db) == before


@pytest.mark.parametrize(
    "attempt, error, message",
    [
        ("cancel a sent one", UserError, "当前为“已交接”，只有待交接的预登记可以撤销"),
        ("cancel without reason", FieldError, "请填写撤销原因"),
        ("cancel another point's", NotFound, "不存在"),
        ("send again", UserError, "当前为“已交接”，不能再次移交"),
        ("send a cancelled one", UserError, "当前为“已撤销”，不能再次移交"),
        ("send another point's", UserError, "不是“王集村便民服务点”的预登记"),
        ("send nothing", UserError, "请选择要移交的预登记"),
        ("send without carrier", FieldError, "请填写移交人"),
        ("agent sends for another point", PermissionDenied, "只能查看本服务点"),
        ("unknown reference", UserError, "预登记 WJ-20260929-099 不是"),
    ],
)
def test_a_bad_cancel_or_trip_is_refused_and_nothing_changes(
    town: Township, attempt: str, error: type[Exception], message: str
) -> None:
    service = PreRegistrationService(town.db)
    sent = service.register(town.agent_user, pre_registration(town.item)).reference
    service.make_transfer_list(town.agent_user, town.wangji, [sent], "张代办")
    pending = service.register(town.agent_user, pre_registration(town.item)).reference
    cancelled = service.register(town.agent_user, pre_registration(town.item)).reference
    service.cancel(town.agent_user, cancelled, "不办了")
    theirs = service.register(
        town.clerk,
        pre_registration(town.item, point_id=town.liwei, agent_id=town.liwei_agent),
    ).reference
    before = _state(town.db)
    agent, wangji = town.agent_user, town.wangji
    calls = {
        "cancel a sent one": lambda: service.cancel(agent, sent, "不办了"),
        "cancel without reason": lambda: service.cancel(agent, pending, "  "),
        "cancel another point's": lambda: service.cancel(agent, theirs, "不办了"),
        "send again": lambda: service.make_transfer_list(agent, wangji, [pending, sent], "张代办"),
        "send a cancelled one": lambda: service.make_transfer_list(
            agent, wangji, [cancelled], "张代办"
        ),
        "send another point's": lambda: service.make_transfer_list(
            town.clerk, wangji, [pending, theirs], "张代办"
        ),
        "send nothing": lambda: service.make_transfer_list(agent, wangji, [], "张代办"),
        "send without carrier": lambda: service.make_transfer_list(agent, wangji, [pending], " "),
        "agent sends for another point": lambda: service.make_transfer_list(
            agent, town.liwei, [theirs], "张代办"
        ),
        "unknown reference": lambda: service.make_transfer_list(
            agent, wangji, ["WJ-20260929-099"], "张代办"
        ),
    }
    with pytest.raises(error, match=message):
        calls[attempt]()
    assert _state(town.db) == before


def test_a_stopped_agent_may_not_register(town: Township) -> None:
    VillageService(town.db).set_agent_active(town.admin, town.wangji_agent, False)
    before = _state(town.db)
    with pytest.raises(PermissionDenied, match="未登记为在岗的代办员"):
        PreRegistrationService(town.db).register(town.agent_user, pre_registration(town.item))
    assert _state(town.db) == before


def test_two_writers_at_once_share_one_gap_free_sequence(town: Township) -> None:
    """The agent at the point and a clerk registering on the point's behalf at the same time."""
    service = PreRegistrationService(town.db)
    per_writer = 8
    references: list[str] = []
    errors: list[BaseException] = []

    def work(actor: Actor, point_id: int | None, agent_id: int | None) -> None:
        try:
            for _ in range(per_writer):
                data = pre_registration(town.item, point_id=point_id, agent_id=agent_id)
                references.append(service.register(actor, data).reference)
        except BaseException as error:  # reported below, on the test's thread
            errors.append(error)

    writers = [
        threading.Thread(target=work, args=(town.agent_user, None, None)),
        threading.Thread(target=work, args=(town.clerk, town.wangji, town.wangji_agent)),
    ]
    for writer in writers:
        writer.start()
    for writer in writers:
        writer.join(timeout=120)
    assert errors == []
    assert sorted(references) == [f"WJ-20260929-{n:03d}" for n in range(1, 2 * per_writer + 1)]
