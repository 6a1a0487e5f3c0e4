"""The window ticks in a village agent's 交接单: each pre-registration accepted through the
normal intake (linked to its case in the same transaction), told what is missing (一次性告知),
or marked not received; an answered one is never answered again; a 代办 acceptance needs the
授权委托书. On SQLite and PostgreSQL."""

from __future__ import annotations

from dataclasses import replace

import pytest
from sqlalchemy import func, select

from tests.factories import ID_ZHANG, intake_for, make_item, resident_id
from tests.people import add_user, first_admin
from tests.village_rows import AGENT_ID, AGENT_PHONE, make_point, pre_register, transfer_list
from townclerk.db.database import Database
from townclerk.db.models import Case, PreRegistration, TransferList, TransferListEntry
from townclerk.enums import CaseStatus, Channel, MaterialState, PreRegistrationStatus, Role
from townclerk.errors import NotFound, UserError
from townclerk.records.cases import AgentInput, Intake, MaterialInput
from townclerk.records.village_arrivals import PreRegistrationDraft
from townclerk.services.cases import CaseService
from townclerk.services.village_arrivals import VillageArrivalService

MATERIALS = (
    ("居民身份证", True, False),
    ("城乡居民基本养老保险参保登记表", True, True),
    ("授权委托书", False, False),
)


class Trip:
    def __init__(self, db: Database) -> None:
        self.db = db
        admin = first_admin(db)
        self.clerk = add_user(db, admin, "clerk1", Role.CLERK, "王晓燕")
        self.item = make_item(
            db, code="320324-RS-001", name="城乡居民基本养老保险参保登记", materials=MATERIALS
        )
        self.point = make_point(db)
        ids = self.item.material_ids
        self.complete = pre_register(db, self.point, self.item, seq=1, id_number=ID_ZHANG)
        self.lacking = pre_register(
            db,
            self.point,
            self.item,
            seq=2,
            id_number=resident_id(sequence="201"),
            name="赵敏",
            received=ids[:1] + ids[2:],
        )
        self.lost = pre_register(
            db, self.point, self.item, seq=3, id_number=resident_id(sequence="202"), name="钱进"
        )
        self.list_id = transfer_list(db, self.point, [self.complete, self.lacking, self.lost])
        self.arrivals = VillageArrivalService(db)
        self.cases = CaseService(db)

    def draft(self, reference: str) -> PreRegistrationDraft:
        return self.arrivals.draft(self.clerk, reference)


@pytest.fixture
def trip(any_db: Database) -> Trip:
    return Trip(any_db)


def intake_from(draft: PreRegistrationDraft) -> Intake:
    """The intake as the window's pre-filled form sends it, untouched."""
    return Intake(
        item_id=draft.item_id,
        applicant=draft.applicant,
        materials=tuple(
            MaterialInput(m, MaterialState.RECEIVED) for m in draft.received_material_ids
        ),
        channel=draft.channel,
        agent=draft.agent,
        pre_registration=draft.reference,
    )


def pre_row(db: Database, reference: str) -> PreRegistration:
    with db.reads() as session:
        row = session.scalar(select(PreRegistration).where(PreRegistration.reference == reference))
        assert row is not None
        session.expunge(row)
        return row


def footprint(db: Database) -> tuple[object, ...]:
    with db.reads() as session:
        return (
            session.scalar(select(func.count()).select_from(Case)),
            tuple(
                session.execute(
                    select(
                        PreRegistration.reference, PreRegistration.status, PreRegistration.answer
                    ).order_by(PreRegistration.id)
                )
            ),
            tuple(
                session.scalars(select(TransferListEntry.outcome).order_by(TransferListEntry.seq))
            ),
            tuple(session.scalars(select(TransferList.received_at))),
        )


def test_the_arrived_list_shows_its_entries_masked(trip: Trip) -> None:
    (arrived,) = trip.arrivals.incoming(trip.clerk)
    assert (arrived.number, arrived.point_code, arrived.received_at) == (
        "WZ-JJ-20260929-01",
        "WZ",
        None,
    )
    first = arrived.entries[0]
    assert (first.reference, first.applicant_name) == ("WZ-20260929-001", "张伟")
    assert first.applicant_id_number == "320324********1238"
    assert first.papers == ("居民身份证", "城乡居民基本养老保险参保登记表", "授权委托书")
    assert [entry.status for entry in arrived.entries] == [PreRegistrationStatus.SENT] * 3


def test_the_draft_prefills_the_intake(trip: Trip) -> None:
    draft = trip.draft(trip.lacking)
    assert draft.item_id == trip.item.id
    assert (draft.applicant.name, draft.applicant.id_number) == (
        "赵敏",
        resident_id(sequence="201"),
    )
    assert draft.applicant.village_id == trip.point.village_id
    assert draft.agent == AgentInput("李芳", AGENT_ID, AGENT_PHONE)
    ids = trip.item.material_ids
    assert draft.received_material_ids == (ids[0], ids[2])
    assert draft.missing == ("城乡居民基本养老保险参保登记表",)
    assert draft.channel is Channel.VILLAGE_AGENT


def test_accepting_a_pre_registration_links_it_in_the_same_transaction(trip: Trip) -> None:
    case = trip.cases.accept(trip.clerk, intake_from(trip.draft(trip.complete)))
    assert case.status is CaseStatus.ACCEPTED and case.channel is Channel.VILLAGE_AGENT
    assert case.agent_name == "李芳"
    pre = pre_row(trip.db, trip.complete)
    assert pre.status is PreRegistrationStatus.ACCEPTED
    assert (pre.case_id, pre.case_number, pre.due_date) == (case.id, case.number, case.due_date)
    assert pre.answered_at == trip.db.now()
    assert pre.answer == f"已受理，办件编号 {case.number}，承诺{case.due_date:%Y-%m-%d}前办结"
    with trip.db.reads() as session:
        row = session.get(Case, case.id)
        assert row is not None and row.village_point_id == trip.point.id
        trip_row = session.get(TransferList, trip.list_id)
        assert trip_row is not None and trip_row.received_by == "王晓燕"
    (arrived,) = trip.arrivals.incoming(trip.clerk)
    assert arrived.entries[0].case_number == case.number
    assert [entry.reference for entry in arrived.open_entries] == [trip.lacking, trip.lost]


def test_an_answered_pre_registration_is_not_accepted_again(trip: Trip) -> None:
    intake = intake_from(trip.draft(trip.complete))
    number = trip.cases.accept(trip.clerk, intake).number
    before = footprint(trip.db)
    with pytest.raises(UserError, match=f"已答复（已受理，办件 {number}），不能再次办理"):
        trip.cases.accept(trip.clerk, intake)
    with pytest.raises(UserError, match="已答复"):
        trip.draft(trip.complete)
    assert footprint(trip.db) == before


@pytest.mark.parametrize("attempt", ["other item", "other applicant", "unknown", "refusal"])
def test_an_intake_that_does_not_match_its_pre_registration_is_refused(
    trip: Trip, attempt: str
) -> None:
    intake = intake_from(trip.draft(trip.complete))
    other = make_item(trip.db, code="320324-RS-002", name="城乡居民基本养老保险注销登记")
    changed = {
        "other item": replace(intake_for(other), pre_registration=trip.complete),
        "other applicant": replace(
            intake, applicant=replace(intake.applicant, id_number=resident_id(sequence="299"))
        ),
        "unknown": replace(intake, pre_registration="WZ-20260929-999"),
        "refusal": intake,
    }[attempt]
    message = {
        "other item": "申请的事项为“城乡居民基本养老保险参保登记”，须按同一事项办理",
        "other applicant": r"申请人须与预登记的申请人（张伟）相同",
        "unknown": "预登记 WZ-20260929-999 不存在",
        "refusal": "村代办预登记只能受理或一次性告知",
    }[attempt]
    before = footprint(trip.db)
    with pytest.raises((UserError, NotFound), match=message):
        if attempt == "refusal":
            trip.cases.refuse(trip.clerk, changed, reason="不属于本机关职权范围")
        else:
            trip.cases.accept(trip.clerk, changed)
    assert footprint(trip.db) == before


def test_a_one_time_notice_goes_back_to_the_village(trip: Trip) -> None:
    draft = trip.draft(trip.lacking)
    notice = trip.cases.notify(trip.clerk, intake_from(draft), extra="参保登记表须本人签字")
    assert notice.status is CaseStatus.NOTIFIED
    assert [m.name for m in notice.missing_materials] == ["城乡居民基本养老保险参保登记表"]
    pre = pre_row(trip.db, trip.lacking)
    assert pre.status is PreRegistrationStatus.NOTIFIED
    assert pre.case_number == notice.number
    assert pre.answer == "缺少材料：城乡居民基本养老保险参保登记表；参保登记表须本人签字"
    with trip.db.reads() as session:
        outcomes = session.scalars(
            select(TransferListEntry.outcome).order_by(TransferListEntry.seq)
        ).all()
    assert outcomes == ["", "notified", ""]


def test_not_received_needs_a_note_and_registers_nothing(trip: Trip) -> None:
    before = footprint(trip.db)
    with pytest.raises(UserError, match="请填写未收到的说明"):
        trip.arrivals.not_received(trip.clerk, trip.lost, "  ")
    assert footprint(trip.db) == before
    done = trip.arrivals.not_received(trip.clerk, trip.lost, "袋中无此件材料，已电话告知代办员")
    assert done.reference == trip.lost
    pre = pre_row(trip.db, trip.lost)
    assert (pre.status, pre.answer, pre.case_id) == (
        PreRegistrationStatus.NOT_RECEIVED,
        "袋中无此件材料，已电话告知代办员",
        None,
    )
    assert footprint(trip.db)[0] == before[0]
    with pytest.raises(UserError, match="已答复（未收到）"):
        trip.arrivals.not_received(trip.clerk, trip.lost, "再次")


def test_a_list_fully_ticked_in_leaves_the_incoming(trip: Trip) -> None:
    trip.cases.accept(trip.clerk, intake_from(trip.draft(trip.complete)))
    trip.cases.notify(trip.clerk, intake_from(trip.draft(trip.lacking)))
    assert len(trip.arrivals.incoming(trip.clerk)) == 1
    trip.arrivals.not_received(trip.clerk, trip.lost, "未见材料")
    assert trip.arrivals.incoming(trip.clerk) == ()


def test_marking_the_list_received_once(trip: Trip) -> None:
    arrived = trip.arrivals.mark_received(trip.clerk, trip.list_id)
    assert (arrived.received_at, arrived.received_by) == (trip.db.now(), "王晓燕")
    before = footprint(trip.db)
    with pytest.raises(UserError, match="已于 2026-09-29 09:30 由王晓燕签收"):
        trip.arrivals.mark_received(trip.clerk, trip.list_id)
    with pytest.raises(NotFound, match="交接单不存在"):
        trip.arrivals.mark_received(trip.clerk, 999)
    assert footprint(trip.db) == before


def test_a_retired_item_cannot_be_drafted(trip: Trip) -> None:
    with trip.db.sessions.begin() as session:
        pre = session.scalar(
            select(PreRegistration).where(PreRegistration.reference == trip.complete)
        )
        assert pre is not None
        pre.item_code = "320324-GONE-001"
    with pytest.raises(UserError, match="（320324-GONE-001）不在现行事项目录中"):
        trip.draft(trip.complete)


# --- 授权委托书 ---------------------------------------------------------------------------


@pytest.mark.parametrize("how", ["agent", "village channel"])
def test_a_代办_acceptance_needs_the_power_of_attorney(trip: Trip, how: str) -> None:
    ids = trip.item.material_ids
    intake = intake_for(trip.item, received=ids[:2])
    if how == "agent":
        intake = replace(intake, agent=AgentInput("李芳", AGENT_ID, AGENT_PHONE))
    else:
        intake = replace(intake, channel=Channel.VILLAGE_AGENT)
    before = footprint(trip.db)
    with pytest.raises(UserError, match="代办人代为申请须收取“授权委托书”，未收取不能受理"):
        trip.cases.accept(trip.clerk, intake)
    assert footprint(trip.db) == before
    # A notice for the same intake lists it among what is missing.
    notice = trip.cases.notify(trip.clerk, intake)
    assert [m.name for m in notice.missing_materials] == ["授权委托书"]


def test_the_power_of_attorney_is_needed_only_when_someone_files_for_the_applicant(
    trip: Trip,
) -> None:
    ids = trip.item.material_ids
    own = trip.cases.accept(trip.clerk, intake_for(trip.item, received=ids[:2]))
    assert own.status is CaseStatus.ACCEPTED
    with_paper = replace(
        intake_for(trip.item, id_number=resident_id(sequence="301")),
        agent=AgentInput("李芳", AGENT_ID, AGENT_PHONE),
    )
    assert trip.cases.accept(trip.clerk, with_paper).agent_name == "李芳"


def test_a_pre_registration_without_the_power_of_attorney_is_refused_at_accept(
    trip: Trip,
) -> None:
    ids = trip.item.material_ids
    reference = pre_register(
        trip.db,
        trip.point,
        trip.item,
        seq=4,
        id_number=resident_id(sequence="401"),
        received=ids[:2],
    )
    before = footprint(trip.db)
    with pytest.raises(UserError, match="须收取“授权委托书”"):
        trip.cases.accept(trip.clerk, intake_from(trip.draft(reference)))
    assert footprint(trip.db) == before
