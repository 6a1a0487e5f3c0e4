"""A user disabled while logged in is refused by every service method that acts for them, and
nothing changes: the check opens with the actor's unit of work (``services/access.py``'s
``acting`` and ``viewing``), so a method cannot forget it. The methods are collected from the
services: a new one taking an ``actor`` fails here until it is tried below."""

from __future__ import annotations

import datetime as dt
import importlib
import inspect
import pkgutil
import shutil
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from sqlalchemy import func, select, update

from tests.conftest import FakeClock, empty_postgres_database
from tests.factories import ItemRef, intake_for, make_item, resident_id
from tests.people import CENTER_CODE, PASSWORD, add_user, first_admin
from townclerk import services
from townclerk.case_states import CaseAction
from townclerk.db.base import Base
from townclerk.db.database import Database, open_database
from townclerk.db.models import User
from townclerk.enums import (
    Decision,
    DocumentKind,
    Evaluation,
    PowerSource,
    Role,
    SpecialProcedure,
)
from townclerk.formats.holiday_notice import HolidayNotice, NoticeDay
from townclerk.paths import DATABASE_FILE, sqlite_url
from townclerk.records.cases import CaseQuery
from townclerk.records.statistics import Period
from townclerk.records.villages import PointInput, PreRegistrationInput, VillageAgentInput
from townclerk.services import users as users_module
from townclerk.services.access import Actor, SessionEnded
from townclerk.services.back_office import BackOfficeService
from townclerk.services.backups import create_backup, store_backup_passphrase
from townclerk.services.cases import CaseService
from townclerk.services.catalog import CatalogPreview, CatalogService
from townclerk.services.county import CountyService
from townclerk.services.dashboard import DashboardSource
from townclerk.services.database_copy import copy_database, sqlite_target
from townclerk.services.demo import generate_cases
from townclerk.services.desks import DeskService
from townclerk.services.dispatch import DispatchService
from townclerk.services.exchange import ExchangeService
from townclerk.services.exchange_keys import ExchangeKeyService
from townclerk.services.handover import HandoverService
from townclerk.services.history import verify_history
from townclerk.services.issuing import IssuingService
from townclerk.services.journey_statistics import JourneyStatisticsService
from townclerk.services.pre_registrations import PreRegistrationService
from townclerk.services.printing import PrintService
from townclerk.services.report_listings import ReportListingService
from townclerk.services.report_workbooks import ReportWorkbooks
from townclerk.services.settings import SettingsService
from townclerk.services.statistics import StatisticsService
from townclerk.services.users import UserService
from townclerk.services.village_arrivals import VillageArrivalService
from townclerk.services.village_documents import VillageDocuments
from townclerk.services.village_returns import VillageReturnService
from townclerk.services.villages import VillageService

# Public functions of the services taking an actor that are no action of their own.
NOT_ACTIONS = {
    "access.acting",  # the check itself
    "access.viewing",
    "access.confirm_active",
    "access.require",  # a rule, no database
    "access.sees_full_personal_data",  # a rule, no database
    "audit.record_audit",  # writes inside its caller's transaction
    "handover.record_handover",  # likewise
    "handover.is_desk_member",  # a read inside its caller's transaction
    "desks.actor_desk_ids",  # likewise
    "villages.own_agent_in",  # likewise
    "supervisor_approval.approving_supervisor",  # a step of an action that checks its actor
}


def methods_acting_for_a_user() -> set[str]:
    """``module.function`` and ``module.Class.method`` of every public service callable with an
    ``actor`` parameter."""
    found: set[str] = set()
    for info in pkgutil.iter_modules(services.__path__):
        module = importlib.import_module(f"{services.__name__}.{info.name}")
        for name, value in vars(module).items():
            if name.startswith("_") or getattr(value, "__module__", None) != module.__name__:
                continue
            if inspect.isclass(value):
                candidates = [
                    (f"{info.name}.{name}.{member}", function)
                    for member, function in vars(value).items()
                    if not member.startswith("_") and inspect.isfunction(function)
                ]
            elif inspect.isfunction(value):
                candidates = [(f"{info.name}.{name}", value)]
            else:
                continue
            found |= {
                qualified
                for qualified, function in candidates
                if "actor" in inspect.signature(function).parameters
            }
    return found


@dataclass(frozen=True)
class VillageWorld:
    """A village point with an agent who logs in, a pending pre-registration and a trip."""

    agent: Actor
    point_id: int
    agent_id: int
    pending: str
    trip: str


def build_village(db: Database, admin: Actor, village_id: int, item: ItemRef) -> VillageWorld:
    agent = add_user(db, admin, "agent1", Role.VILLAGE_AGENT, "张代办")
    villages = VillageService(db)
    point = villages.add_point(admin, PointInput(village_id, "王庄村便民服务点", "WZ"))
    point = villages.add_agent(
        admin,
        point.id,
        VillageAgentInput("张代办", "13905160001", resident_id(sequence="401"), None, "agent1"),
    )
    pre_registrations = PreRegistrationService(db)

    def registered() -> str:
        return pre_registrations.register(agent, village_input(item)).reference

    trip = pre_registrations.make_transfer_list(agent, point.id, [registered()], "张代办")
    return VillageWorld(agent, point.id, point.agents[0].id, registered(), trip.number)


def village_input(item: ItemRef) -> PreRegistrationInput:
    applicant = intake_for(item, id_number=resident_id(sequence="402")).applicant
    return PreRegistrationInput(item.id, applicant, item.material_ids[:1])


@dataclass(frozen=True)
class World:
    """A center with a case in every state an action starts from; its three users are then
    disabled while logged in."""

    db: Database
    out: Path
    admin: Actor
    clerk: Actor
    supervisor: Actor
    officer: Actor  # 后台审批
    item: ItemRef
    accepted: str
    notice: str
    corrected: str
    special: str
    completed: str
    tolerated: str
    window_id: int
    village_id: int
    rule_id: int
    catalog_file: Path
    preview: CatalogPreview
    village: VillageWorld

    def cases(self) -> CaseService:
        return CaseService(self.db)

    def settings(self) -> SettingsService:
        return SettingsService(self.db)

    @property
    def today(self) -> dt.date:
        return self.db.today()


def build_world(db: Database, out: Path) -> World:
    admin = first_admin(db)
    clerk = add_user(db, admin, "clerk1", Role.CLERK, "王晓燕")
    supervisor = add_user(db, admin, "chief", Role.SUPERVISOR, "李主任")
    officer = add_user(db, admin, "scjg1", Role.BACK_OFFICE, "孙科员")
    item = make_item(db)
    cases = CaseService(db)

    def accepted(sequence: str) -> str:
        return cases.accept(
            clerk, intake_for(item, id_number=resident_id(sequence=sequence))
        ).number

    corrected, special, completed = accepted("201"), accepted("202"), accepted("203")
    cases.start_correction(clerk, corrected, "申请书未签字", material_ids=item.material_ids[1:2])
    cases.start_special(
        clerk, special, "需专家评审", procedure=SpecialProcedure.EXPERT_REVIEW, expected_days=5
    )
    cases.complete(clerk, completed, Decision.GRANTED, "准予登记")
    owed = {item.material_ids[1]: db.today() + dt.timedelta(days=5)}
    tolerated = cases.accept(
        clerk, intake_for(item, id_number=resident_id(sequence="204"), tolerated=owed)
    )
    notice = cases.notify(clerk, intake_for(item, received=item.material_ids[:1])).number
    settings = SettingsService(db)
    catalog_file = out / "catalog.xlsx"
    CatalogService(db).export(admin, catalog_file)
    village_id = settings.add_village(admin, "王庄村").id
    world = World(
        db=db,
        out=out,
        admin=admin,
        clerk=clerk,
        supervisor=supervisor,
        officer=officer,
        item=item,
        accepted=accepted("200"),
        notice=notice,
        corrected=corrected,
        special=special,
        completed=completed,
        tolerated=tolerated.number,
        window_id=settings.add_window(admin, "综合窗口一").id,
        village_id=village_id,
        rule_id=IssuingService(db)
        .set_rule(admin, PowerSource.DELEGATED_FROM_ABOVE, "", "睢宁县示范镇人民政府")
        .id,
        catalog_file=catalog_file,
        preview=CatalogService(db).preview(admin, catalog_file),
        village=build_village(db, admin, village_id, item),
    )
    with db.sessions.begin() as session:
        session.execute(update(User).values(active=False))
    return world


@pytest.fixture(
    scope="module",
    params=[
        "sqlite",
        pytest.param("postgres", marks=[pytest.mark.postgres]),
    ],
)
def world(
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
    migrated_template: Path,
) -> Iterator[World]:
    """Built once per database for the whole module: every test asserts it left it as it was."""
    folder = tmp_path_factory.mktemp("disabled")
    clock = FakeClock(dt.datetime(2026, 9, 29, 9, 30))
    if request.param == "sqlite":
        shutil.copyfile(migrated_template, folder / DATABASE_FILE)
        db = open_database(sqlite_url(folder), folder, clock=clock)
    else:
        db = empty_postgres_database(request.getfixturevalue("server_url"), folder, clock)
    out = folder / "out"
    out.mkdir()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(users_module, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024))
        built = build_world(db, out)
    yield built
    db.dispose()


def opened(listing: AbstractContextManager[object]) -> None:
    with listing:
        pass


CALLS: dict[str, Callable[[World], object]] = {
    # cases
    "cases.CaseService.accept": lambda w: w.cases().accept(
        w.clerk, intake_for(w.item, id_number=resident_id(sequence="301"))
    ),
    "cases.CaseService.notify": lambda w: w.cases().notify(
        w.clerk, intake_for(w.item, received=w.item.material_ids[:1])
    ),
    "cases.CaseService.refuse": lambda w: w.cases().refuse(
        w.clerk, intake_for(w.item), reason="申请事项依法不需要取得行政许可"
    ),
    "cases.CaseService.resubmission": lambda w: w.cases().resubmission(w.clerk, w.notice),
    "cases.CaseService.perform": lambda w: w.cases().perform(
        w.clerk, w.accepted, CaseAction.WITHDRAW, "申请人撤回"
    ),
    "cases.CaseService.start_correction": lambda w: w.cases().start_correction(
        w.clerk, w.accepted, "申请书未签字", material_ids=w.item.material_ids[1:2]
    ),
    "cases.CaseService.start_special": lambda w: w.cases().start_special(
        w.clerk,
        w.accepted,
        "需专家评审",
        procedure=SpecialProcedure.EXPERT_REVIEW,
        expected_days=5,
    ),
    "cases.CaseService.end_correction": lambda w: w.cases().end_correction(w.clerk, w.corrected),
    "cases.CaseService.end_special": lambda w: w.cases().end_special(w.clerk, w.special),
    "cases.CaseService.deliver": lambda w: w.cases().deliver(w.clerk, w.completed),
    "cases.CaseService.withdraw": lambda w: w.cases().withdraw(w.clerk, w.accepted, "申请人撤回"),
    "cases.CaseService.extend": lambda w: w.cases().extend(
        w.supervisor, w.accepted, 5, "需现场核查"
    ),
    "cases.CaseService.complete": lambda w: w.cases().complete(
        w.clerk, w.accepted, Decision.GRANTED, "准予登记"
    ),
    "cases.CaseService.evaluate": lambda w: w.cases().evaluate(
        w.clerk, w.completed, Evaluation.SATISFIED
    ),
    "cases.CaseService.supply_material": lambda w: w.cases().supply_material(
        w.clerk, w.tolerated, w.item.material_ids[1]
    ),
    "cases.CaseService.record_print": lambda w: w.cases().record_print(
        w.clerk, w.accepted, DocumentKind.RECEIPT.value
    ),
    "cases.CaseService.get": lambda w: w.cases().get(w.clerk, w.accepted),
    "cases.CaseService.reveal": lambda w: w.cases().reveal(w.clerk, w.accepted),
    "cases.CaseService.list_cases": lambda w: w.cases().list_cases(w.clerk, CaseQuery()),
    "cases.CaseService.count_cases": lambda w: w.cases().count_cases(
        w.clerk, CaseQuery(text="张伟")
    ),
    "printing.PrintService.render": lambda w: PrintService(w.db).render(
        w.clerk, w.accepted, DocumentKind.RECEIPT
    ),
    # reports
    "statistics.StatisticsService.report": lambda w: StatisticsService(w.db).report(
        w.supervisor, Period.day(w.today)
    ),
    "dashboard.DashboardSource.load": lambda w: DashboardSource(w.db).load(w.supervisor),
    "report_listings.ReportListingService.ledger": lambda w: opened(
        ReportListingService(w.db).ledger(w.supervisor, Period.day(w.today))
    ),
    "report_listings.ReportListingService.deadline_warnings": lambda w: opened(
        ReportListingService(w.db).deadline_warnings(w.supervisor)
    ),
    "report_workbooks.ReportWorkbooks.daily": lambda w: ReportWorkbooks(w.db).daily(
        w.supervisor, w.today, w.out / "daily.xlsx"
    ),
    "report_workbooks.ReportWorkbooks.range_report": lambda w: ReportWorkbooks(w.db).range_report(
        w.supervisor, Period.day(w.today), w.out / "range.xlsx"
    ),
    "report_workbooks.ReportWorkbooks.ledger": lambda w: ReportWorkbooks(w.db).ledger(
        w.supervisor, Period.day(w.today), w.out / "ledger.xlsx", full_personal_data=True
    ),
    "report_workbooks.ReportWorkbooks.deadline_warnings": lambda w: ReportWorkbooks(
        w.db
    ).deadline_warnings(w.supervisor, w.out / "warnings.xlsx"),
    "history.verify_history": lambda w: verify_history(w.db, w.supervisor),
    # catalog
    "catalog.CatalogService.preview": lambda w: CatalogService(w.db).preview(
        w.admin, w.catalog_file
    ),
    "catalog.CatalogService.apply": lambda w: CatalogService(w.db).apply(
        w.admin, w.preview, "2026年版"
    ),
    "catalog.CatalogService.import_file": lambda w: CatalogService(w.db).import_file(
        w.admin, w.catalog_file
    ),
    "catalog.CatalogService.export": lambda w: CatalogService(w.db).export(
        w.admin, w.out / "export.xlsx"
    ),
    "catalog.CatalogService.set_aliases": lambda w: CatalogService(w.db).set_aliases(
        w.admin, w.item.id, ["个体户登记"]
    ),
    # settings
    "settings.SettingsService.update_center": lambda w: w.settings().update_center(
        w.admin, w.settings().center()
    ),
    "settings.SettingsService.set_center_value": lambda w: w.settings().set_center_value(
        w.admin, "phone", "0516-88880000"
    ),
    "settings.SettingsService.add_window": lambda w: w.settings().add_window(w.admin, "综合窗口九"),
    "settings.SettingsService.set_window_active": lambda w: w.settings().set_window_active(
        w.admin, w.window_id, False
    ),
    "settings.SettingsService.add_village": lambda w: w.settings().add_village(w.admin, "新庄村"),
    "settings.SettingsService.set_village_active": lambda w: w.settings().set_village_active(
        w.admin, w.village_id, False
    ),
    "settings.SettingsService.set_day": lambda w: w.settings().set_day(
        w.admin, dt.date(2026, 10, 10), False, "调整"
    ),
    "settings.SettingsService.set_days": lambda w: w.settings().set_days(
        w.admin, [dt.date(2026, 10, 10), dt.date(2026, 10, 11)], False, "调整"
    ),
    "settings.SettingsService.apply_notice": lambda w: w.settings().apply_notice(
        w.admin, HolidayNotice(2027, (NoticeDay(dt.date(2027, 1, 1), False, "元旦"),))
    ),
    "settings.SettingsService.confirm_year": lambda w: w.settings().confirm_year(w.admin, 2027),
    "issuing.IssuingService.set_rule": lambda w: IssuingService(w.db).set_rule(
        w.admin, PowerSource.STATUTORY, "", "睢宁县示范镇人民政府"
    ),
    "issuing.IssuingService.remove_rule": lambda w: IssuingService(w.db).remove_rule(
        w.admin, w.rule_id
    ),
    "demo.generate_cases": lambda w: generate_cases(w.db, w.admin, cases=10, days=5),
    # users
    "users.UserService.create_user": lambda w: UserService(w.db).create_user(
        w.admin, "clerk2", PASSWORD, Role.CLERK
    ),
    "users.UserService.list_users": lambda w: UserService(w.db).list_users(w.admin),
    "users.UserService.unlock": lambda w: UserService(w.db).unlock(w.admin, "clerk1"),
    "users.UserService.change_password": lambda w: UserService(w.db).change_password(
        w.clerk, PASSWORD, "Another2026x"
    ),
    "users.UserService.reset_password": lambda w: UserService(w.db).reset_password(
        w.admin, "clerk1", "Another2026x"
    ),
    "users.UserService.set_active": lambda w: UserService(w.db).set_active(w.admin, "chief", True),
    "journey_statistics.JourneyStatisticsService.report": lambda w: JourneyStatisticsService(
        w.db
    ).report(w.supervisor, Period.day(w.today)),
    # hand-overs (the desk need not exist: the session ends first)
    "handover.HandoverService.to_desk": lambda w: HandoverService(w.db).to_desk(
        w.clerk, w.accepted, 999
    ),
    "handover.HandoverService.to_window": lambda w: HandoverService(w.db).to_window(
        w.clerk, w.accepted
    ),
    # exchange files (no keys exist: the session ends first)
    "exchange.ExchangeService.export": lambda w: ExchangeService(w.db).export(
        w.clerk, w.out / "exchange.zip", "320324101201"
    ),
    "exchange.ExchangeService.import_file": lambda w: ExchangeService(w.db).import_file(
        w.clerk, w.out / "exchange.zip"
    ),
    "exchange_keys.ExchangeKeyService.identity": lambda w: ExchangeKeyService(w.db).identity(
        w.admin
    ),
    "exchange_keys.ExchangeKeyService.create_identity": lambda w: ExchangeKeyService(
        w.db
    ).create_identity(w.admin),
    "exchange_keys.ExchangeKeyService.export_public_key": lambda w: ExchangeKeyService(
        w.db
    ).export_public_key(w.admin, w.out / "key.json"),
    "exchange_keys.ExchangeKeyService.add_peer": lambda w: ExchangeKeyService(w.db).add_peer(
        w.admin, w.out / "key.json", "王庄村"
    ),
    "exchange_keys.ExchangeKeyService.peers": lambda w: ExchangeKeyService(w.db).peers(w.clerk),
    # village work at the window (the rows need not exist: the session ends first)
    "village_arrivals.VillageArrivalService.incoming": lambda w: VillageArrivalService(
        w.db
    ).incoming(w.clerk),
    "village_arrivals.VillageArrivalService.mark_received": lambda w: VillageArrivalService(
        w.db
    ).mark_received(w.clerk, 999),
    "village_arrivals.VillageArrivalService.draft": lambda w: VillageArrivalService(w.db).draft(
        w.clerk, "WZ-20260929-001"
    ),
    "village_arrivals.VillageArrivalService.not_received": lambda w: VillageArrivalService(
        w.db
    ).not_received(w.clerk, "WZ-20260929-001", "未见材料"),
    "village_returns.VillageReturnService.points": lambda w: VillageReturnService(w.db).points(
        w.clerk
    ),
    "village_returns.VillageReturnService.ready_for_point": lambda w: VillageReturnService(
        w.db
    ).ready_for_point(w.clerk, 999),
    "village_returns.VillageReturnService.make_return_list": lambda w: VillageReturnService(
        w.db
    ).make_return_list(w.clerk, 999, [w.completed], "李芳"),
    "village_returns.VillageReturnService.return_list": lambda w: VillageReturnService(
        w.db
    ).return_list(w.clerk, "WZ-FH-20260929-01"),
    "village_returns.VillageReturnService.lists_for_point": lambda w: VillageReturnService(
        w.db
    ).lists_for_point(w.clerk, 999),
    "village_returns.VillageReturnService.print_return_list": lambda w: VillageReturnService(
        w.db
    ).print_return_list(w.clerk, "WZ-FH-20260929-01"),
    "village_returns.VillageReturnService.record_pickup": lambda w: VillageReturnService(
        w.db
    ).record_pickup(w.clerk, w.completed, "张伟"),
    # 初审转报 and 出件
    "county.CountyService.send_to_county": lambda w: CountyService(w.db).send_to_county(
        w.clerk, w.accepted, "同意上报"
    ),
    "county.CountyService.record_county_decision": lambda w: CountyService(
        w.db
    ).record_county_decision(w.clerk, w.accepted, Decision.GRANTED, w.today, "许可证"),
    "dispatch.DispatchService.to_deliver": lambda w: DispatchService(w.db).to_deliver(w.clerk),
    "dispatch.DispatchService.count_to_deliver": lambda w: DispatchService(w.db).count_to_deliver(
        w.clerk
    ),
    "dispatch.DispatchService.county_cases": lambda w: DispatchService(w.db).county_cases(w.clerk),
    # the back office (the desk need not exist: the session ends first)
    "desks.DeskService.desks": lambda w: DeskService(w.db).desks(w.admin),
    "desks.DeskService.add": lambda w: DeskService(w.db).add(w.admin, "市场监管后台"),
    "desks.DeskService.rename": lambda w: DeskService(w.db).rename(w.admin, 999, "人社后台"),
    "desks.DeskService.set_active": lambda w: DeskService(w.db).set_active(w.admin, 999, False),
    "desks.DeskService.map_department": lambda w: DeskService(w.db).map_department(
        w.admin, "县市场监督管理局", 999
    ),
    "desks.DeskService.unmap_department": lambda w: DeskService(w.db).unmap_department(
        w.admin, "县市场监督管理局"
    ),
    "desks.DeskService.add_member": lambda w: DeskService(w.db).add_member(w.admin, 999, "scjg1"),
    "desks.DeskService.remove_member": lambda w: DeskService(w.db).remove_member(
        w.admin, 999, "scjg1"
    ),
    "back_office.BackOfficeService.queue": lambda w: BackOfficeService(w.db).queue(w.officer),
    "back_office.BackOfficeService.waiting_by_desk": lambda w: BackOfficeService(
        w.db
    ).waiting_by_desk(w.supervisor),
    "back_office.BackOfficeService.decide": lambda w: BackOfficeService(w.db).decide(
        w.officer, w.accepted, Decision.GRANTED, "准予登记"
    ),
    # village points, pre-registrations, 交接单
    "villages.VillageService.points": lambda w: VillageService(w.db).points(w.admin),
    "villages.VillageService.point": lambda w: VillageService(w.db).point(
        w.admin, w.village.point_id
    ),
    "villages.VillageService.add_point": lambda w: VillageService(w.db).add_point(
        w.admin, PointInput(w.village_id, "王庄村二号点", "WZ2")
    ),
    "villages.VillageService.update_point": lambda w: VillageService(w.db).update_point(
        w.admin, w.village.point_id, PointInput(w.village_id, "王庄村服务站", "WZ")
    ),
    "villages.VillageService.set_point_active": lambda w: VillageService(w.db).set_point_active(
        w.admin, w.village.point_id, False
    ),
    "villages.VillageService.add_agent": lambda w: VillageService(w.db).add_agent(
        w.admin,
        w.village.point_id,
        VillageAgentInput("王二", "13905160002", resident_id(sequence="403")),
    ),
    "villages.VillageService.update_agent": lambda w: VillageService(w.db).update_agent(
        w.admin,
        w.village.agent_id,
        VillageAgentInput("张代办", "13905160009", resident_id(sequence="401")),
    ),
    "villages.VillageService.set_agent_active": lambda w: VillageService(w.db).set_agent_active(
        w.admin, w.village.agent_id, False
    ),
    "pre_registrations.PreRegistrationService.register": lambda w: PreRegistrationService(
        w.db
    ).register(w.village.agent, village_input(w.item)),
    "pre_registrations.PreRegistrationService.list": lambda w: PreRegistrationService(w.db).list(
        w.clerk
    ),
    "pre_registrations.PreRegistrationService.get": lambda w: PreRegistrationService(w.db).get(
        w.village.agent, w.village.pending
    ),
    "pre_registrations.PreRegistrationService.cancel": lambda w: PreRegistrationService(
        w.db
    ).cancel(w.village.agent, w.village.pending, "不办了"),
    "pre_registrations.PreRegistrationService.make_transfer_list": lambda w: PreRegistrationService(
        w.db
    ).make_transfer_list(w.village.agent, w.village.point_id, [w.village.pending], "张代办"),
    "pre_registrations.PreRegistrationService.transfer_list": lambda w: PreRegistrationService(
        w.db
    ).transfer_list(w.village.agent, w.village.trip),
    "village_documents.VillageDocuments.receipt": lambda w: VillageDocuments(w.db).receipt(
        w.village.agent, w.village.pending
    ),
    "village_documents.VillageDocuments.transfer_list": lambda w: VillageDocuments(
        w.db
    ).transfer_list(w.village.agent, w.village.trip),
    # backups
    "backups.create_backup": lambda w: create_backup(w.db, w.admin),
    "backups.store_backup_passphrase": lambda w: store_backup_passphrase(
        w.db, w.admin, CENTER_CODE, "a long backup passphrase"
    ),
    "database_copy.copy_database": lambda w: copy_database(
        w.db, w.admin, sqlite_target(w.db.data_dir / "copy.sqlite3")
    ),
}


def footprint(world: World) -> tuple[dict[str, int], list[str]]:
    """The row count of every table, and every file in the data folder and the output folder."""
    with world.db.reads() as session:
        counts = {
            table.name: session.scalar(select(func.count()).select_from(table)) or 0
            for table in Base.metadata.sorted_tables
        }
    files = sorted(
        str(path.relative_to(world.db.data_dir))
        for path in world.db.data_dir.rglob("*")
        if path.is_file() and not path.name.startswith(DATABASE_FILE)
    )
    return counts, files


def test_every_method_acting_for_a_user_is_tried_here() -> None:
    assert set(CALLS) == methods_acting_for_a_user() - NOT_ACTIONS


@pytest.mark.parametrize("method", sorted(CALLS))
def test_a_disabled_user_is_refused_and_nothing_changes(world: World, method: str) -> None:
    before = footprint(world)
    with pytest.raises(SessionEnded, match="已被停用，本次登录已结束"):
        CALLS[method](world)
    assert footprint(world) == before
