"""Demo content: users, windows, villages and the sample catalog for training; and synthetic
cases in bulk (``demo-data``) for training and benchmarks.

``demo-data`` runs only on a database made by ``init --demo`` (which stores the setting
``demo_database``; migration 0004 marks older demo databases by the sample catalog they
imported) and only for an admin, audited. The bulk generator writes with Core executemany in
batches of whole days, one transaction each: a day's cases, their events (appended to the
history chain) and the day's case number counter commit together, so a run killed at any point
leaves every day either complete and numbered or untouched, and the window can go on accepting.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any, TypeVar

from sqlalchemy import Connection, Date, Table, func, insert, select, update
from sqlalchemy.orm import Session

from townclerk.case_states import CaseAction
from townclerk.db import history
from townclerk.db.base import EpochSeconds, epoch_seconds
from townclerk.db.database import Database
from townclerk.db.models import (
    Applicant,
    AuditEntry,
    Case,
    CaseMaterial,
    CaseNumberCounter,
    CasePause,
    Desk,
    ItemMaterial,
    ServiceItem,
    ServiceWindow,
    Setting,
    User,
    Village,
)
from townclerk.db.sequences import advance_sequences
from townclerk.enums import (
    OPEN_STATUSES,
    ApplicantKind,
    CaseKind,
    CaseStatus,
    Channel,
    Decision,
    DeliveryMethod,
    DocumentKind,
    Evaluation,
    IdType,
    MaterialState,
    PauseKind,
    PowerSource,
    Role,
    Routing,
    Sex,
    SpecialProcedure,
)
from townclerk.errors import UserError
from townclerk.i18n import t
from townclerk.paths import resource_path
from townclerk.records.cases import ApplicantInput, Intake, MaterialInput
from townclerk.records.center import CenterSettings
from townclerk.services.access import Actor, Permission, acting, require, viewing
from townclerk.services.audit import record_audit
from townclerk.services.issuing import issuer_for_item_in, rules_in
from townclerk.services.numbering import case_number_prefix
from townclerk.services.settings import SettingsService
from townclerk.services.users import UserService
from townclerk.validation import id_check_character
from townclerk.workdays import Pause

T = TypeVar("T")
DEMO_PASSWORD = "demo1234"
DEMO_USERS = (
    ("admin", Role.ADMIN, "系统管理员"),
    ("chief", Role.SUPERVISOR, "李主任"),
    ("clerk1", Role.CLERK, "王晓燕"),
    ("clerk2", Role.CLERK, "刘建国"),
    ("clerk3", Role.CLERK, "陈静"),
    ("agent1", Role.VILLAGE_AGENT, "张代办"),
)
DEMO_WINDOWS = ("综合窗口一", "综合窗口二", "社保医保窗口", "不动产窗口", "供水供电供气窗口")
DEMO_VILLAGES = (
    "东街社区",
    "西街社区",
    "王集村",
    "李圩村",
    "张庄村",
    "高河村",
    "新华村",
    "前进村",
    "桃园村",
    "沙集村",
    "双河村",
    "古邳村",
)
DEMO_CENTER = CenterSettings(
    center_name="睢宁县示范镇为民服务中心",
    center_code="320324101",
    phone="0516-88881234",
    address="睢宁县示范镇人民路1号",
    receipt_footer="请妥善保管本通知书，凭此通知书及身份证件领取办理结果。咨询电话：0516-88881234",
    government_name="睢宁县示范镇人民政府",
    government_seal="睢宁县示范镇人民政府行政审批专用章",
    review_body="睢宁县人民政府",
    court="睢宁县人民法院",
)
SAMPLE_CATALOG = ("catalog", "sample_catalog.xlsx")


DEMO_SETTING = "demo_database"


def is_demo_database(session: Session) -> bool:
    return session.get(Setting, DEMO_SETTING) is not None


def install_demo(db: Database) -> str:
    """Fill an empty database with demo users, windows, villages, settings and the sample
    catalog, and mark it as a demo database; return the text to print (users and passwords)."""
    with db.sessions.begin() as session:
        if session.scalar(select(User.id).limit(1)) is not None:
            raise UserError(t("数据库中已有用户，演示数据只能加入新的数据库；请使用新的数据目录"))
        # First, so that even a demo install cut short is known as one.
        session.add(Setting(key=DEMO_SETTING, value="1"))
    users = UserService(db)
    users.create_first_admin(DEMO_USERS[0][0], DEMO_PASSWORD, DEMO_USERS[0][2])
    admin = users.authenticate(DEMO_USERS[0][0], DEMO_PASSWORD)
    for username, role, name in DEMO_USERS[1:]:
        users.create_user(admin, username, DEMO_PASSWORD, role, name)
    settings = SettingsService(db)
    settings.update_center(admin, DEMO_CENTER)
    for window in DEMO_WINDOWS:
        settings.add_window(admin, window)
    for index, village in enumerate(DEMO_VILLAGES, start=1):
        settings.add_village(admin, village, f"320324101{200 + index:03d}")
    catalog_line = _import_sample_catalog(db, admin)
    village_line = _install_village_points(db, admin)
    lines = [t("演示用户（密码均为 {password}）：", password=DEMO_PASSWORD)]
    lines += [f"  {username:<8} {t(role.label)}  {name}" for username, role, name in DEMO_USERS]
    lines += _install_desks(db, admin)
    lines.append(catalog_line)
    lines.append(village_line)
    lines.append(_add_journey_examples(db))
    return "\n".join(lines)


def _add_journey_examples(db: Database) -> str:
    """Cases at every holder (the back-office desk, the county, the window waiting for 出件, a
    village point) and a village laptop's exchange file waiting to be imported, so the window
    shows the journey from the first start; the line saying so."""
    from townclerk.services.demo_exchange import write_pending_exchange_file

    count = _add_desk_examples(db, random.Random(7))
    count += _add_county_examples(db)
    count += _add_village_trip_examples(db)
    path = write_pending_exchange_file(db)
    return t(
        "流转中的演示办件：{count}件（后台审批、县级部门、待出件、村便民服务点）；"
        "村便民服务点的待导入交换文件：{path}",
        count=count,
        path=path,
    )


# 后台分类审批: the county departments' windows in the demo center, each with the sample
# catalog's department whose cases it decides, and the officer of the first.
DEMO_DESKS = (
    ("市场监管后台", "睢宁县市场监督管理局"),
    ("人社后台", "睢宁县人力资源和社会保障局"),
)
DEMO_OFFICER = ("scjg1", "孙科员")


def _install_desks(db: Database, admin: Actor) -> list[str]:
    """The demo's back-office desks and officer; the lines saying so (the officer's first)."""
    from townclerk.services.desks import DeskService

    username, name = DEMO_OFFICER
    UserService(db).create_user(admin, username, DEMO_PASSWORD, Role.BACK_OFFICE, name)
    desks = DeskService(db)
    departments = set(desks.departments())
    for index, (desk_name, department) in enumerate(DEMO_DESKS):
        desk = desks.add(admin, desk_name)
        if department in departments:
            desks.map_department(admin, department, desk.id)
        if index == 0:
            desks.add_member(admin, desk.id, username)
    return [
        f"  {username:<8} {t(Role.BACK_OFFICE.label)}  {name}（{DEMO_DESKS[0][0]}）",
        t("后台窗口：{desks}", desks=t("、").join(desk for desk, _department in DEMO_DESKS)),
    ]


# The demo's village service points: village, point code, the agent (name, phone, birth and
# sequence of their ID number), and whether the agent logs in as ``agent1``.
DEMO_POINTS = (
    ("王集村", "WJ", "张代办", "13905160001", "19800506", "315", "agent1"),
    ("李圩村", "LW", "李秀兰", "13905160002", "19760211", "422", ""),
    ("张庄村", "ZZ", "赵明", "13905160003", "19850923", "537", ""),
)
# Village-level items of the sample catalog a point takes in, and who applies for them.
_DEMO_PRE_REGISTRATIONS = (
    ("高龄津贴申请", "孙玉兰", "19420306", "248"),
    ("老年人优待证申领", "周德明", "19550817", "173"),
    ("城乡居民基本养老保险参保登记", "吴晓燕", "19900214", "326"),
    ("残疾人证换领", "郑国强", "19680730", "451"),
    ("临时救助申请", "冯桂芝", "19590411", "282"),
)


def _install_village_points(db: Database, admin: Actor) -> str:
    """Points for three villages with their agents (张代办 logs in as ``agent1``); at 王集村 two
    pre-registrations already on a 交接单 to the township and three waiting, at 李圩村 one a
    clerk registered on its agent's behalf."""
    from townclerk.records.villages import PointInput, PreRegistrationInput, VillageAgentInput
    from townclerk.services.pre_registrations import PreRegistrationService
    from townclerk.services.villages import VillageService

    villages = {row.name: row for row in SettingsService(db).villages()}
    service = VillageService(db)
    agents: dict[str, tuple[int, int]] = {}
    for number, (village, code, name, phone, birth, sequence, login) in enumerate(
        DEMO_POINTS, start=1
    ):
        row = villages[village]
        point = service.add_point(
            admin,
            PointInput(
                row.id,
                f"{village}便民服务点",
                code,
                f"{village}村民委员会",
                f"0516-888866{number:02d}",
            ),
        )
        first17 = f"320324{birth}{sequence}"
        point = service.add_agent(
            admin,
            point.id,
            VillageAgentInput(
                name,
                phone,
                first17 + id_check_character(first17),
                db.today() - dt.timedelta(days=120),
                login,
            ),
        )
        agents[code] = (point.id, point.agents[0].id)
    wanted = {name for name, *_applicant in _DEMO_PRE_REGISTRATIONS}
    with db.reads() as session:
        items = dict(
            session.execute(
                select(ServiceItem.name, ServiceItem.id).where(
                    ServiceItem.active, ServiceItem.name.in_(wanted)
                )
            ).all()
        )
        materials = {
            item_id: tuple(
                session.scalars(
                    select(ItemMaterial.id)
                    .where(ItemMaterial.item_id == item_id, ItemMaterial.active)
                    .order_by(ItemMaterial.seq)
                )
            )
            for item_id in items.values()
        }
        users = {user.username: user for user in session.scalars(select(User))}
    agent = users["agent1"]
    clerk = users["clerk1"]
    as_agent = Actor(agent.id, agent.username, agent.display_name, agent.role)
    as_clerk = Actor(clerk.id, clerk.username, clerk.display_name, clerk.role)
    pre_registrations = PreRegistrationService(db)
    references = []
    for index, (item_name, name, birth, sequence) in enumerate(_DEMO_PRE_REGISTRATIONS):
        item_id = items.get(item_name)
        if item_id is None:
            continue
        first17 = f"320324{birth}{sequence}"
        applicant = ApplicantInput(
            ApplicantKind.PERSON,
            IdType.RESIDENT_ID,
            first17 + id_check_character(first17),
            name,
            f"1580516{index:04d}",
            "睢宁县示范镇王集村",
        )
        received = materials[item_id][:-1] if index == 2 else materials[item_id]
        references.append(
            pre_registrations.register(
                as_agent, PreRegistrationInput(item_id, applicant, received)
            ).reference
        )
    trips = 0
    if len(references) >= 2:
        pre_registrations.make_transfer_list(
            as_agent, agents["WJ"][0], references[:2], as_agent.display_name
        )
        trips = 1
    first17 = "32032419721108263"
    on_behalf = ApplicantInput(
        ApplicantKind.PERSON,
        IdType.RESIDENT_ID,
        first17 + id_check_character(first17),
        "钱淑珍",
        "15805169999",
        "睢宁县示范镇李圩村",
    )
    item_id = items.get("高龄津贴申请")
    if item_id is not None:
        point_id, agent_id = agents["LW"]
        pre_registrations.register(
            as_clerk,
            PreRegistrationInput(item_id, on_behalf, materials[item_id], point_id, agent_id),
        )
    count = len(references) + (item_id is not None)
    return t(
        "村便民服务点：{points} 个，预登记 {count} 件，交接单 {trips} 份（代办员 agent1 为张代办）",
        points=len(DEMO_POINTS),
        count=count,
        trips=trips,
    )


def _import_sample_catalog(db: Database, admin: Actor) -> str:
    from townclerk.services.catalog import CatalogService

    version = CatalogService(db).import_file(
        admin, resource_path(*SAMPLE_CATALOG), label="示例目录（演示数据）"
    )
    return t("示例事项目录：{summary}", summary=version.summary_line())


# --- synthetic cases --------------------------------------------------------------------------

_SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡"
    "余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯"
    "龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)
_GIVEN = (
    "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国建华玉兰志强海燕红梅春"
    "花德明国庆淑珍凤英丽娟永刚晓东"
)
_BATCH = 20_000


@dataclass(frozen=True)
class _Item:
    id: int
    code: str
    name: str
    department: str
    case_kind: CaseKind
    statutory_days: int
    promised_days: int
    material_ids: tuple[int, ...]
    result: str
    tolerable_ids: tuple[int, ...] = ()  # materials the catalog allows 容缺 for
    # As a case registered today snapshots them (records/issuing.py).
    power_source: PowerSource | None = None
    issuing_body: str = ""
    issuing_seal: str = ""


@dataclass(frozen=True)
class GeneratedSummary:
    cases: int
    applicants: int
    first_day: dt.date
    last_day: dt.date
    # Worked examples added besides the ``cases``: a denial, a refusal, a 补正, a 公示 and a
    # result served by post (today).
    examples: int = 0

    def line(self) -> str:
        return (
            f"cases={self.cases} applicants={self.applicants} "
            f"from={self.first_day.isoformat()} to={self.last_day.isoformat()}"
            f" examples={self.examples}"
        )


def _pick(rng: random.Random, choices: Sequence[T]) -> T:
    """``rng.choice`` without its rejection sampling: a third of the time at a million cases."""
    return choices[int(rng.random() * len(choices))]


def _below(rng: random.Random, start: int, stop: int | None = None) -> int:
    """``rng.randrange(start[, stop])`` the same cheaper way (uniform to within 2**-53)."""
    if stop is None:
        start, stop = 0, start
    return start + int(rng.random() * (stop - start))


def _resident(rng: random.Random) -> tuple[str, dt.date, Sex]:
    birth = dt.date(1940, 1, 1) + dt.timedelta(days=_below(rng, 0, 365 * 65))
    sequence = _below(rng, 0, 1000)
    first17 = f"320324{birth:%Y%m%d}{sequence:03d}"
    sex = Sex.MALE if sequence % 2 == 1 else Sex.FEMALE
    return first17 + id_check_character(first17), birth, sex


def _name(rng: random.Random) -> str:
    given = "".join(_pick(rng, _GIVEN) for _ in range(_pick(rng, (1, 2, 2))))
    return _pick(rng, _SURNAMES) + given


def _agent(rng: random.Random) -> tuple[str, str, str]:
    """A village's 代办员: name, resident ID number, mobile."""
    number, _birth, _sex = _resident(rng)
    return _name(rng), number, f"1{_pick(rng, '3456789')}{_below(rng, 0, 10**9):09d}"


GENERATE_ACTION = "demo.generate"


def generate_cases(
    db: Database,
    actor: Actor,
    *,
    cases: int,
    days: int,
    seed: int = 1,
    progress: Callable[[int, int], None] | None = None,
) -> GeneratedSummary:
    """Add ``cases`` realistic synthetic cases spread over the ``days`` days up to today."""
    require(actor, Permission.MANAGE_SETTINGS)
    if cases < 1 or days < 1:
        raise UserError(t("--cases 和 --days 须为正整数"))
    rng = random.Random(seed)
    now = db.now()
    today = now.date()
    first_day = today - dt.timedelta(days=days - 1)
    with viewing(db, actor) as session:
        if not is_demo_database(session):
            raise UserError(
                t("demo-data 只能用于以 townclerk init --demo 创建的演示数据库；未做任何改动")
            )
        items = _load_items(session)
        clerks = session.scalars(select(User.id).where(User.role == Role.CLERK)).all()
        windows = session.scalars(select(ServiceWindow.id)).all()
        villages = [(row.id, row.name) for row in session.execute(select(Village.id, Village.name))]
        # A second run may fill other days (the screenshots add a recent week to an older
        # month), never days a run filled already.
        for at, detail in session.execute(
            select(AuditEntry.at, AuditEntry.detail).where(AuditEntry.action == GENERATE_ACTION)
        ):
            filled_to = at.date()
            if (
                filled_to >= first_day
                and filled_to - dt.timedelta(days=detail["days"] - 1) <= today
            ):
                raise UserError(
                    t("这个时间段已经生成过演示办件；请换一个时间段或用新的数据目录再试")
                )
        # The worked examples of ``init --demo`` numbered some days already: go on after them.
        numbered = dict(
            session.execute(
                select(CaseNumberCounter.day, CaseNumberCounter.last).where(
                    CaseNumberCounter.day >= first_day
                )
            ).all()
        )
        center, calendar = SettingsService.center_and_calendar_in(session)
        center_code = center.center_code
    if not items:
        raise UserError(t("事项目录为空，请先导入事项目录（townclerk init --demo 会导入示例目录）"))
    if not clerks:
        raise UserError(t("没有窗口工作人员，请先添加 clerk 角色的用户"))
    workdays = [
        first_day + dt.timedelta(days=offset)
        for offset in range(days)
        if calendar.is_workday(first_day + dt.timedelta(days=offset))
    ]
    if not workdays:
        raise UserError(t("所选时间段内没有工作日"))
    applicant_count = max(200, cases // 6)
    with acting(db, actor) as session:  # before any row is written
        record_audit(session, actor, GENERATE_ACTION, db.now(), cases=cases, days=days, seed=seed)
    applicants = _insert_applicants(db, rng, applicant_count, villages, today)
    # Each village's 代办员 brings its residents' applications on the 村代办 channel.
    agents = {village_id: _agent(rng) for village_id, _name in villages}
    due_cache: dict[tuple[dt.date, int], dt.date] = {}
    used_cache: dict[tuple[dt.date, dt.date], int] = {}

    def due(day: dt.date, limit: int) -> dt.date:
        key = (day, limit)
        if key not in due_cache:
            due_cache[key] = calendar.add_working_days(day, limit)
        return due_cache[key]

    def used(start: dt.date, end: dt.date, pause: Pause | None) -> int:
        if pause is not None:
            return calendar.days_used(start, end, [pause])
        key = (start, end)
        if key not in used_cache:
            used_cache[key] = calendar.days_used(start, end, [])
        return used_cache[key]

    per_day = _spread(rng, cases, len(workdays))
    with db.engine.connect() as connection:
        next_case_id = (connection.scalar(select(func.max(Case.id))) or 0) + 1
    written = 0
    batch = _Batch()
    stories = _Stories(seed)
    for day, count in zip(workdays, per_day, strict=True):
        if len(batch.cases) >= _BATCH:  # whole days only: a day and its counter commit together
            batch.flush(db)
            if progress:
                progress(written, cases)
        before = numbered.get(day, 0)
        batch.counters[day] = before + count
        # Numbers follow the clock: the day's registrations in time order.
        prefix = case_number_prefix(center_code, day)
        opening, span = _opening_hours(day, now)
        offsets = sorted(_below(rng, 0, span) for _ in range(count))
        for sequence, offset in enumerate(offsets, start=before + 1):
            item = _pick(rng, items)
            applicant = _pick(rng, applicants)
            notice = stories.returning(day)
            if notice is not None:
                item, applicant = notice.item, notice.applicant
            case_id = next_case_id
            next_case_id += 1
            _one_case(
                batch,
                rng,
                case_id,
                f"{prefix}{sequence:04d}",
                opening + dt.timedelta(seconds=offset),
                now,
                item,
                applicant,
                _pick(rng, clerks),
                _pick(rng, windows) if windows else None,
                agents,
                due,
                used,
                due,
            )
            stories.told(batch, item, applicant, day, notice, today)
            written += 1
    batch.flush(db)
    if progress:
        progress(written, cases)
    # The journey's examples (desk, county, village trips) came with ``init --demo``.
    examples = _add_decision_examples(db, rng) + _add_notice_examples(db)
    return GeneratedSummary(written, applicant_count, workdays[0], workdays[-1], examples)


# The sample catalog's 低保 item: a denial and a refusal as a clerk writes them, registered
# through the case service (so they carry their issuing body, reason, basis and competent body).
_EXAMPLE_ITEM = "11320324014118376A0500117001"


def _add_decision_examples(db: Database, rng: random.Random) -> int:
    """A 不予许可 with its reason and a 不予受理 outside our powers, today; 0 if the catalog has
    no 低保 item (a test catalog)."""
    from townclerk.services.cases import CaseService

    with db.reads() as session:
        item = session.scalar(
            select(ServiceItem).where(ServiceItem.code == _EXAMPLE_ITEM, ServiceItem.active)
        )
        clerk = session.scalar(select(User).where(User.role == Role.CLERK, User.active))
        if item is None or clerk is None:
            return 0
        item_id, legal_basis = item.id, item.legal_basis
        materials = session.scalars(
            select(ItemMaterial.id).where(ItemMaterial.item_id == item.id, ItemMaterial.active)
        ).all()
    actor = Actor(clerk.id, clerk.username, clerk.display_name, clerk.role)
    cases = CaseService(db)

    def intake() -> Intake:
        id_number, _birth, _sex = _resident(rng)
        applicant = ApplicantInput(
            ApplicantKind.PERSON, IdType.RESIDENT_ID, id_number, _name(rng), "13905161234"
        )
        received = tuple(MaterialInput(m, MaterialState.RECEIVED) for m in materials)
        return Intake(item_id, applicant, received)

    denied = cases.accept(actor, intake())
    cases.complete(
        actor,
        denied.number,
        Decision.DENIED,
        "不予行政许可决定书",
        reason="家庭人均收入高于当地低保标准",
        legal_basis=legal_basis,
    )
    cases.refuse(
        actor,
        intake(),
        reason="申请事项不属于本机关职权范围（申请人户籍不在本镇）",
        legal_basis="《中华人民共和国行政许可法》第三十二条第一款第（二）项",
        competent_body="申请人户籍所在地乡镇人民政府（街道办事处）",
    )
    return 2


def _add_village_trip_examples(db: Database) -> int:
    """村代办: a 交接单 arrived to tick in, a 返还清单 gone back with one result picked up."""
    from townclerk.services.demo_village_trips import add_village_trip_examples

    return add_village_trip_examples(db)


def _add_notice_examples(db: Database) -> int:
    """Three cases of the sample catalog's 低保 item, today, each in a state with a written
    notice, printed and archived like a clerk's: a 补正 with its 补正材料通知书, a 公示 (特别程序)
    with its 特别程序告知书, a decision served by post with its 送达回证; 0 without that item."""
    from townclerk.services.cases import CaseService
    from townclerk.services.printing import PrintService  # ReportLab: only when asked

    with db.reads() as session:
        item_id = session.scalar(
            select(ServiceItem.id).where(ServiceItem.code == _EXAMPLE_ITEM, ServiceItem.active)
        )
        clerk = session.scalar(
            select(User).where(User.role == Role.CLERK, User.active).order_by(User.id).limit(1)
        )
        if item_id is None or clerk is None:
            return 0
        materials = session.scalars(
            select(ItemMaterial.id)
            .where(ItemMaterial.item_id == item_id, ItemMaterial.active)
            .order_by(ItemMaterial.seq)
        ).all()
    actor = Actor(clerk.id, clerk.username, clerk.display_name, clerk.role)
    cases, printer = CaseService(db), PrintService(db)
    received = tuple(MaterialInput(m, MaterialState.RECEIVED) for m in materials)

    def register(name: str, birth: str, sequence: str, phone: str) -> str:
        first17 = f"320324{birth}{sequence}"
        applicant = ApplicantInput(
            ApplicantKind.PERSON,
            IdType.RESIDENT_ID,
            first17 + id_check_character(first17),
            name,
            phone,
        )
        return cases.accept(actor, Intake(item_id, applicant, received)).number

    corrected = register("周文静", "19850312", "024", "13905161234")
    cases.start_correction(
        actor,
        corrected,
        "户口簿复印件缺少户主页，请补充完整复印件",
        material_ids=materials[2:3],
    )
    printer.render(actor, corrected, DocumentKind.CORRECTION_NOTICE)
    publicised = register("陈建国", "19720908", "031", "13805162345")
    cases.start_special(
        actor,
        publicised,
        "经村民委员会民主评议，审核结果须在村务公开栏公示",
        procedure=SpecialProcedure.PUBLICITY,
        expected_days=5,
    )
    printer.render(actor, publicised, DocumentKind.SPECIAL_NOTICE)
    served = register("吴秀英", "19660125", "046", "15905163456")
    cases.complete(actor, served, Decision.GRANTED, "最低生活保障证")
    cases.deliver(actor, served, "EMS 1190123456789", method=DeliveryMethod.MAIL)
    printer.render(actor, served, DocumentKind.SERVICE_RECEIPT)
    return 3


# 初审转报 examples: (resident, days ago received, sent, decided; None: not yet). Working days.
_COUNTY_STORIES: tuple[tuple[str, str, str, int, int | None, int | None], ...] = (
    ("周晓梅", "19870603", "102", 1, None, None),  # at the window for its 初审
    ("赵海军", "19780416", "113", 6, 3, None),  # at the county, sent in time
    ("孙丽娟", "19830722", "124", 3, 1, None),  # just sent
    ("钱学文", "19690305", "135", 16, 2, None),  # sent after its 初审 date
    ("郑桂兰", "19580911", "146", 12, 8, 2),  # decided, waiting for 出件
    ("冯志强", "19900128", "157", 7, 5, 0),  # decided today
)


def _add_county_examples(db: Database) -> int:
    """Cases of the catalog's 初审转报 items on their way, each step taken on its day through
    the services as the clerk took it: one at the window for its 初审, three away at the county
    (one sent after its 初审 date), two decided there and back at the window waiting for 出件;
    each sent one with its 转报函 printed.
    0 when the catalog has no 初审转报 item (a test catalog)."""
    from townclerk.services.cases import CaseService
    from townclerk.services.county import CountyService
    from townclerk.services.printing import PrintService  # ReportLab: only when asked

    with db.reads() as session:
        item_ids = session.scalars(
            select(ServiceItem.id)
            .where(ServiceItem.routing == Routing.COUNTY, ServiceItem.active)
            .order_by(ServiceItem.id)
        ).all()
        clerk = session.scalar(
            select(User).where(User.role == Role.CLERK, User.active).order_by(User.id).limit(1)
        )
        if not item_ids or clerk is None:
            return 0
        materials = {
            item_id: session.scalars(
                select(ItemMaterial.id).where(ItemMaterial.item_id == item_id, ItemMaterial.active)
            ).all()
            for item_id in item_ids
        }
        calendar = SettingsService.work_calendar_in(session)
    actor = Actor(clerk.id, clerk.username, clerk.display_name, clerk.role)
    today = db.today()

    def back(days: int, hour: int) -> Database:
        """The database as of ``days`` working days ago, at ``hour`` o'clock."""
        day = today
        while days > 0:
            day -= dt.timedelta(days=1)
            days -= calendar.is_workday(day)
        when = dt.datetime.combine(day, dt.time(hour, 0))
        return replace(db, clock=lambda: min(when, db.now()))

    for index, (name, birth, sequence, received, sent, decided) in enumerate(_COUNTY_STORIES):
        item_id = item_ids[index % len(item_ids)]
        first17 = f"320324{birth}{sequence}"
        applicant = ApplicantInput(
            ApplicantKind.PERSON,
            IdType.RESIDENT_ID,
            first17 + id_check_character(first17),
            name,
            f"1390516{index:04d}",
        )
        received_items = tuple(MaterialInput(m, MaterialState.RECEIVED) for m in materials[item_id])
        number = (
            CaseService(back(received, 9))
            .accept(actor, Intake(item_id, applicant, received_items))
            .number
        )
        if sent is None:
            continue
        CountyService(back(sent, 15)).send_to_county(
            actor, number, "经初审，申请材料齐全，符合法定形式，申请事项符合条件，同意上报。"
        )
        PrintService(db).render(actor, number, DocumentKind.REFERRAL_LETTER)
        if decided is not None:
            deciding = back(decided, 16)
            CountyService(deciding).record_county_decision(
                actor, number, Decision.GRANTED, deciding.today(), "准予许可，证照随件返回"
            )
    return len(_COUNTY_STORIES)


def _add_desk_examples(db: Database, rng: random.Random) -> int:
    """Today's journey through the back office (前台受理、后台审批、窗口出件), for the first
    desk's department: two cases waiting at the desk, one decided there and back at the window
    for 出件; 0 without the desk, its officer or a promised item of its department."""
    from townclerk.services.back_office import BackOfficeService
    from townclerk.services.cases import CaseService
    from townclerk.services.handover import HandoverService

    desk_name, department = DEMO_DESKS[0]
    with db.reads() as session:
        desk_id = session.scalar(select(Desk.id).where(Desk.name == desk_name, Desk.active))
        clerk = session.scalar(
            select(User).where(User.role == Role.CLERK, User.active).order_by(User.id).limit(1)
        )
        officer = session.scalar(select(User).where(User.username == DEMO_OFFICER[0]))
        item = session.scalar(
            select(ServiceItem)
            .where(
                ServiceItem.department == department,
                ServiceItem.case_kind == CaseKind.PROMISED,
                ServiceItem.active,
            )
            .order_by(ServiceItem.code)
            .limit(1)
        )
        if desk_id is None or clerk is None or officer is None or item is None:
            return 0
        materials = session.scalars(
            select(ItemMaterial.id).where(ItemMaterial.item_id == item.id, ItemMaterial.active)
        ).all()
        item_id = item.id
    window = Actor(clerk.id, clerk.username, clerk.display_name, clerk.role)
    desk_officer = Actor(officer.id, officer.username, officer.display_name, officer.role)
    cases, handover = CaseService(db), HandoverService(db)
    received = tuple(MaterialInput(m, MaterialState.RECEIVED) for m in materials)
    numbers = []
    for phone in ("13905167001", "13905167002", "13905167003"):
        id_number, _birth, _sex = _resident(rng)
        applicant = ApplicantInput(
            ApplicantKind.PERSON, IdType.RESIDENT_ID, id_number, _name(rng), phone
        )
        number = cases.accept(window, Intake(item_id, applicant, received)).number
        handover.to_desk(window, number, desk_id, taken_by=desk_officer.display_name)
        numbers.append(number)
    BackOfficeService(db).decide(
        desk_officer,
        numbers[0],
        Decision.GRANTED,
        "准予，核发营业执照",
        result_number=f"92320324MA{rng.randrange(10**7):07d}X",
    )
    return len(numbers)


def _load_items(session: Session) -> list[_Item]:
    materials: dict[int, list[int]] = {}
    tolerable: dict[int, list[int]] = {}
    for item_id, material_id, tolerance_allowed in session.execute(
        select(ItemMaterial.item_id, ItemMaterial.id, ItemMaterial.tolerance_allowed)
        .where(ItemMaterial.active)
        .order_by(ItemMaterial.item_id, ItemMaterial.seq)
    ):
        materials.setdefault(item_id, []).append(material_id)
        if tolerance_allowed:
            tolerable.setdefault(item_id, []).append(material_id)
    center, rules = SettingsService.center_in(session), rules_in(session)
    issuers = {
        item.id: issuer_for_item_in(session, item, center, rules)
        for item in session.scalars(select(ServiceItem).where(ServiceItem.active))
    }
    return [
        _Item(
            item.id,
            item.code,
            item.name,
            item.department,
            item.case_kind,
            item.statutory_days,
            item.promised_days,
            tuple(materials.get(item.id, ())),
            item.result or "其他",
            tuple(tolerable.get(item.id, ())),
            item.power_source,
            issuers[item.id].name,
            issuers[item.id].seal_text,
        )
        for item in session.scalars(select(ServiceItem).where(ServiceItem.active))
    ]


def _spread(rng: random.Random, total: int, slots: int) -> list[int]:
    """Split ``total`` over ``slots`` days with some day-to-day variation."""
    weights = [0.6 + rng.random() for _ in range(slots)]
    scale = total / sum(weights)
    counts = [int(weight * scale) for weight in weights]
    for index in rng.sample(range(slots), total - sum(counts)) if total > sum(counts) else ():
        counts[index] += 1
    if max(counts) > 9999:
        raise UserError(t("每日办件超过9999件：请增加 --days"))
    return counts


def _insert_applicants(
    db: Database,
    rng: random.Random,
    count: int,
    villages: Sequence[tuple[int, str]],
    today: dt.date,
) -> list[tuple[int, str, int | None]]:
    """Residents of the demo villages (the village named in the address is theirs)."""
    now = dt.datetime.combine(today, dt.time(8, 0))
    with db.engine.connect() as connection:
        start = (connection.scalar(select(func.max(Applicant.id))) or 0) + 1
    rows: list[dict[str, object]] = []
    people: list[tuple[int, str, int | None]] = []
    seen: set[str] = set()
    with db.engine.connect() as connection:
        seen.update(connection.scalars(select(Applicant.id_number)))
    while len(rows) < count:
        number, birth, sex = _resident(rng)
        if number in seen:
            continue
        seen.add(number)
        village_id, village_name = _pick(rng, villages) if villages else (None, "人民路")
        person = (start + len(rows), _name(rng), village_id)
        people.append(person)
        rows.append(
            {
                "id": person[0],
                "kind": ApplicantKind.PERSON,
                "id_type": IdType.RESIDENT_ID,
                "id_number": number,
                "name": person[1],
                "phone": f"1{_pick(rng, '3456789')}{_below(rng, 0, 10**9):09d}",
                "address": f"睢宁县示范镇{village_name}{_below(rng, 1, 300)}号",
                "village_id": village_id,
                "birth_date": birth,
                "sex": sex,
                "created_at": now,
                "updated_at": now,
            }
        )
    with db.write_engine.begin() as connection:
        for chunk in _chunks(rows, _BATCH):
            connection.execute(insert(Applicant), chunk)
        advance_sequences(connection, [Applicant.__table__])  # type: ignore[list-item]
    return people


def _chunks(rows: list[dict[str, object]], size: int) -> Iterator[list[dict[str, object]]]:
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


class _Batch:
    """Whole days of cases, written in one transaction with the days' number counters."""

    def __init__(self) -> None:
        self.cases: list[dict[str, object]] = []
        self.materials: list[dict[str, object]] = []
        self.events: list[dict[str, object]] = []
        self.pauses: list[dict[str, object]] = []
        self.counters: dict[dt.date, int] = {}
        self.stories: set[str] = set()  # the one-off cases written so far (kept across batches)

    def _clear(self) -> None:
        self.cases, self.materials, self.events, self.pauses = [], [], [], []
        self.counters = {}

    def flush(self, db: Database) -> None:
        if self.cases:
            with db.write_engine.begin() as connection:
                if connection.dialect.name == "sqlite":
                    # Index pages of a million cases do not fit SQLite's default 2 MB cache.
                    connection.exec_driver_sql("PRAGMA cache_size = -262144")
                for model, rows in (
                    (Case, self.cases),
                    (CaseMaterial, self.materials),
                    (CasePause, self.pauses),
                ):
                    if rows:
                        bulk_insert(connection, model.__table__, rows)  # type: ignore[arg-type]
                history.append(connection, history.EVENTS, self.events, insert_rows=bulk_insert)
                _set_counters(connection, self.counters)
                advance_sequences(connection, [Case.__table__])  # type: ignore[list-item]
        self._clear()


def bulk_insert(connection: Connection, table: Table, rows: list[dict[str, object]]) -> None:
    """Insert many rows in one executemany.

    On SQLite the rows go to the driver as tuples in the storage form SQLAlchemy would send
    (dates as ISO text, timestamps as epoch seconds; enums are str already), without Core's
    per-row bookkeeping, which costs more than SQLite itself at a million cases. A test checks
    that rows written this way read back through the ORM unchanged. Other databases take Core.
    """
    dialect = connection.dialect
    if dialect.name != "sqlite":
        connection.execute(insert(table), rows)
        return
    names = list(rows[0])
    converting = [
        (index, convert)
        for index, name in enumerate(names)
        if (convert := _sqlite_converter(table.c[name].type.dialect_impl(dialect))) is not None
    ]
    statement = (
        f"INSERT INTO {table.name} ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})"
    )
    converted = []
    for row in rows:
        values = list(row.values())
        for index, convert in converting:
            if values[index] is not None:
                values[index] = convert(values[index])
        converted.append(tuple(values))
    connection.exec_driver_sql(statement, converted)


def _sqlite_converter(column_type: object) -> Callable[[Any], object] | None:
    if isinstance(column_type, EpochSeconds):
        return epoch_seconds
    if isinstance(column_type, Date):
        return dt.date.isoformat
    return None


ONE_DAY = dt.timedelta(days=1)
_SPECIAL_PROCEDURES = (SpecialProcedure.PUBLICITY, SpecialProcedure.EXPERT_REVIEW)
_DELIVERY_METHODS = (
    [DeliveryMethod.DIRECT] * 85
    + [DeliveryMethod.AGENT] * 8
    + [DeliveryMethod.MAIL] * 5
    + [DeliveryMethod.ELECTRONIC] * 2
)
# Denials as clerks write them (the 不予行政许可决定书 prints the reason: 第38条).
DEMO_DENIAL_REASONS = (
    "经审查，申请人不符合该事项的申请条件",
    "经现场核查，申请材料所述情况与实际不符",
    "申请人提交的证明材料不能证明其符合法定条件",
)
_EVALUATIONS = (
    [Evaluation.VERY_SATISFIED] * 70
    + [Evaluation.SATISFIED] * 22
    + [Evaluation.BASICALLY_SATISFIED] * 5
    + [Evaluation.DISSATISFIED] * 2
    + [Evaluation.VERY_DISSATISFIED]
)


def _opening_hours(day: dt.date, now: dt.datetime) -> tuple[dt.datetime, int]:
    """When the window opened on ``day`` and for how many seconds it has been open: 08:30 for
    nine hours, today only until ``now`` (an hour before ``now`` if that is earlier than 08:30),
    so no demo case is stamped later than the clock."""
    opening = dt.datetime.combine(day, dt.time(8, 30))
    closing = opening + dt.timedelta(hours=9)
    if closing <= now:
        return opening, 9 * 3600
    if now - opening < dt.timedelta(minutes=1):
        opening = now - dt.timedelta(hours=1)
    return opening, int((now - opening).total_seconds())


def _one_case(
    batch: _Batch,
    rng: random.Random,
    case_id: int,
    number: str,
    received_at: dt.datetime,
    now: dt.datetime,
    item: _Item,
    applicant: tuple[int, str, int | None],
    clerk_id: int,
    window_id: int | None,
    agents: Mapping[int, tuple[str, str, str]],
    due: Callable[[dt.date, int], dt.date],
    used: Callable[[dt.date, dt.date, Pause | None], int],
    add_days: Callable[[dt.date, int], dt.date],
) -> None:
    day = received_at.date()
    today = now.date()
    village_id = applicant[2]
    channel = Channel.WINDOW
    if village_id is not None and rng.random() < 0.15:
        channel = Channel.VILLAGE_AGENT
    elif rng.random() < 0.05:
        channel = Channel.APPOINTMENT
    agent = agents.get(village_id) if channel is Channel.VILLAGE_AGENT and village_id else None
    roll = rng.random()
    if roll < 0.04:
        status = CaseStatus.NOTIFIED
    elif roll < 0.05:
        status = CaseStatus.REFUSED
    else:
        status = CaseStatus.ACCEPTED
    case: dict[str, object] = {
        "id": case_id,
        "number": number,
        "status": status,
        "item_id": item.id,
        "item_code": item.code,
        "item_name": item.name,
        "department": item.department,
        "case_kind": item.case_kind,
        "statutory_days": item.statutory_days,
        "promised_days": item.promised_days,
        "power_source": item.power_source,
        "issuing_body": item.issuing_body,
        "issuing_seal": item.issuing_seal,
        "applicant_id": applicant[0],
        "applicant_name": applicant[1],
        "agent_name": agent[0] if agent else None,
        "agent_id_number": agent[1] if agent else None,
        "agent_phone": agent[2] if agent else None,
        "village_id": village_id,
        "channel": channel,
        "window_id": window_id,
        "clerk_id": clerk_id,
        "received_at": received_at,
        "received_on": day,
        "due_date": None,
        "statutory_due_date": None,
        "extension_days": 0,
        "extension_reason": None,
        "extension_approved_by": None,
        "reason": None,
        "legal_basis": None,
        "competent_body": None,
        "decision": None,
        "result_text": None,
        "completed_at": None,
        "completed_on": None,
        "days_used": None,
        "on_time": None,
        "delivered_at": None,
        "delivery_method": None,
        "evaluation": None,
        "evaluated_at": None,
        "note": None,
    }
    events: list[tuple[dt.datetime, str, CaseStatus | None, CaseStatus | None, str | None]] = []
    missing_index = -1
    if status is CaseStatus.NOTIFIED:
        missing_index = _below(rng, len(item.material_ids)) if item.material_ids else -1
        case["reason"] = "" if missing_index >= 0 else "申请表填写不完整，请补正后重新申请"
        events.append((received_at, CaseAction.NOTIFY, None, status, None))
    elif status is CaseStatus.REFUSED:
        reason = "申请事项不属于本机关职权范围"
        case["reason"] = reason
        case["competent_body"] = item.department
        events.append((received_at, CaseAction.REFUSE, None, status, reason))
    else:
        _progress_case(case, events, rng, item, day, today, received_at, due, used, add_days, batch)
    for key in ("completed_at", "delivered_at", "evaluated_at"):
        stamped = case[key]
        if isinstance(stamped, dt.datetime) and stamped > now:
            case[key] = now  # a step of today's story: done, at the latest, now
    batch.cases.append(case)
    for index, material_id in enumerate(item.material_ids):
        state = MaterialState.MISSING if index == missing_index else MaterialState.RECEIVED
        batch.materials.append(
            {"case_id": case_id, "material_id": material_id, "state": state, "promised_date": None}
        )
    for seq, (at, action, before, after, note) in enumerate(events, start=1):
        batch.events.append(
            {
                "case_id": case_id,
                "seq": seq,
                "at": min(at, now),
                "user_id": clerk_id,
                "action": action,
                "from_status": before,
                "to_status": after,
                "note": note,
            }
        )


def _progress_case(
    case: dict[str, object],
    events: list[tuple[dt.datetime, str, CaseStatus | None, CaseStatus | None, str | None]],
    rng: random.Random,
    item: _Item,
    day: dt.date,
    today: dt.date,
    received_at: dt.datetime,
    due: Callable[[dt.date, int], dt.date],
    used: Callable[[dt.date, dt.date, Pause | None], int],
    add_days: Callable[[dt.date, int], dt.date],
    batch: _Batch,
) -> None:
    """Move an accepted case along as time went by: pauses, completion, delivery, evaluation."""
    accepted = CaseStatus.ACCEPTED
    events.append((received_at, CaseAction.ACCEPT, None, accepted, None))
    due_date = due(day, item.promised_days)
    statutory_due = due(day, item.statutory_days)
    pause = None
    if item.case_kind is CaseKind.PROMISED and rng.random() < 0.03:
        start = add_days(day, 1)
        end = add_days(start, _below(rng, 1, 6))
        if end <= today:
            pause = Pause(start, end)
            batch.pauses.append(
                {
                    "case_id": case["id"],
                    "kind": PauseKind.CORRECTION,
                    "started_on": start,
                    "ended_on": end,
                    "reason": "申请材料需补正",
                    "expected_end": add_days(start, 5),
                    "procedure": "",
                }
            )
            # The pause's working days, its first and last included, do not count.
            paused = used(start - ONE_DAY, end, None)
            due_date = add_days(due_date, paused)
            statutory_due = add_days(statutory_due, paused)
            at = dt.datetime.combine(start, received_at.time())
            events.append(
                (at, CaseAction.START_CORRECTION, accepted, CaseStatus.CORRECTION, "申请材料需补正")
            )
            events.append(
                (
                    dt.datetime.combine(end, received_at.time()),
                    CaseAction.END_CORRECTION,
                    CaseStatus.CORRECTION,
                    accepted,
                    None,
                )
            )
    case["due_date"] = due_date
    case["statutory_due_date"] = statutory_due
    if pause is None and _left_past_statutory_limit(batch, item, statutory_due, today, add_days):
        return
    if item.case_kind is CaseKind.INSTANT:
        finished = day
    else:
        late = rng.random() < 0.03
        spare = max(item.promised_days, 1)
        finished = (
            add_days(day, _below(rng, 1, spare + 1))
            if not late
            else add_days(due_date, _below(rng, 1, 4))
        )
        if pause is not None and pause.end is not None and finished <= pause.end:
            finished = add_days(pause.end, 1)
    if finished > today or (item.case_kind is CaseKind.PROMISED and rng.random() < 0.01):
        if finished > today and pause is None and rng.random() < 0.08:
            _pause_now(case, events, rng, day, today, received_at, add_days, batch)
        elif finished <= today:
            case["status"] = CaseStatus.WITHDRAWN
            case["reason"] = "申请人主动撤回"
            events.append(
                (
                    dt.datetime.combine(finished, received_at.time()),
                    CaseAction.WITHDRAW,
                    accepted,
                    CaseStatus.WITHDRAWN,
                    "申请人主动撤回",
                )
            )
        elif case["status"] is accepted and pause is None:
            _extend_once(case, events, batch, day, today, received_at, add_days)
        return
    completed_at = (
        received_at
        if item.case_kind is CaseKind.INSTANT
        else received_at + dt.timedelta(minutes=_below(rng, 5, 40))
        if finished == day
        else dt.datetime.combine(finished, dt.time(9, 0))
        + dt.timedelta(seconds=_below(rng, 0, 8 * 3600))
    )
    decision = Decision.GRANTED if rng.random() < 0.97 else Decision.DENIED
    if decision is Decision.DENIED:
        case["reason"] = _pick(rng, DEMO_DENIAL_REASONS)
    case.update(
        status=CaseStatus.COMPLETED,
        decision=decision,
        result_text=item.result,
        completed_at=completed_at,
        completed_on=finished,
        days_used=used(day, finished, pause),
        on_time=finished <= due_date,
    )
    events.append(
        (
            completed_at,
            CaseAction.COMPLETE,
            accepted,
            CaseStatus.COMPLETED,
            f"{decision.label}：{item.result}",
        )
    )
    if item.case_kind is CaseKind.INSTANT or rng.random() < 0.9:
        delivered_at = completed_at + dt.timedelta(minutes=_below(rng, 1, 60))
        if item.case_kind is CaseKind.PROMISED:
            delivered_at += dt.timedelta(days=_below(rng, 0, 3))
        if delivered_at.date() <= today:
            method = _pick(rng, _DELIVERY_METHODS)
            case.update(
                status=CaseStatus.DELIVERED, delivered_at=delivered_at, delivery_method=method
            )
            events.append(
                (
                    delivered_at,
                    CaseAction.DELIVER,
                    CaseStatus.COMPLETED,
                    CaseStatus.DELIVERED,
                    method.label,
                )
            )
            if rng.random() < 0.6:
                evaluation = _pick(rng, _EVALUATIONS)
                case.update(evaluation=evaluation, evaluated_at=delivered_at)
                events.append((delivered_at, CaseAction.EVALUATE, None, None, evaluation.label))


# The 延期 of the demo's stories (《行政许可法》第42条), approved by the demo's supervisor.
DEMO_EXTENSION_DAYS = 5
DEMO_EXTENSION_REASON = "需会同村委会现场核查，法定期限内不能作出决定"


def _left_past_statutory_limit(
    batch: _Batch,
    item: _Item,
    statutory_due: dt.date,
    today: dt.date,
    add_days: Callable[[dt.date, int], dt.date],
) -> bool:
    """The demo's one case left open past its statutory limit (超法定时限), so the list's
    filter, the warnings and the statistics have one to show: the first promised case whose
    statutory date passed at least three working days ago."""
    if "over_statutory" in batch.stories or item.case_kind is not CaseKind.PROMISED:
        return False
    if add_days(statutory_due, 3) >= today:
        return False
    batch.stories.add("over_statutory")
    return True


def _extend_once(
    case: dict[str, object],
    events: list[tuple[dt.datetime, str, CaseStatus | None, CaseStatus | None, str | None]],
    batch: _Batch,
    day: dt.date,
    today: dt.date,
    received_at: dt.datetime,
    add_days: Callable[[dt.date, int], dt.date],
) -> None:
    """The demo's one open case with a 延期, decided the working day after acceptance (its
    延长办理期限通知书 can be reprinted from the case list)."""
    decided = add_days(day, 1)
    statutory_due = case["statutory_due_date"]
    assert isinstance(statutory_due, dt.date)
    if "extended" in batch.stories or decided > today or statutory_due < decided:
        return
    batch.stories.add("extended")
    approver = DEMO_USERS[1][2]
    case.update(
        extension_days=DEMO_EXTENSION_DAYS,
        extension_reason=DEMO_EXTENSION_REASON,
        extension_approved_by=approver,
        statutory_due_date=add_days(statutory_due, DEMO_EXTENSION_DAYS),
    )
    note = (
        f"延长法定办理期限{DEMO_EXTENSION_DAYS}个工作日（{approver}批准）：{DEMO_EXTENSION_REASON}"
    )
    at = dt.datetime.combine(decided, received_at.time())
    events.append((at, CaseAction.EXTEND, None, None, note))


def _pause_now(
    case: dict[str, object],
    events: list[tuple[dt.datetime, str, CaseStatus | None, CaseStatus | None, str | None]],
    rng: random.Random,
    day: dt.date,
    today: dt.date,
    received_at: dt.datetime,
    add_days: Callable[[dt.date, int], dt.date],
    batch: _Batch,
) -> None:
    """An open case that is in 补正 or 特别程序 today, so trainees can practise resuming it."""
    start = add_days(day, 1)
    if start > today:
        return
    expected_end = add_days(start, 5)
    if rng.random() < 0.7:
        kind, status, action = (
            PauseKind.CORRECTION,
            CaseStatus.CORRECTION,
            CaseAction.START_CORRECTION,
        )
        reason, procedure = "申请材料需补正", ""
        note = f"{reason}\n补正期限：{expected_end:%Y-%m-%d}"
    else:
        kind, status, action = PauseKind.SPECIAL, CaseStatus.SPECIAL, CaseAction.START_SPECIAL
        special = _pick(rng, _SPECIAL_PROCEDURES)
        reason, procedure = "", special.value
        note = f"{special.label}，预计5个工作日（至{expected_end:%Y-%m-%d}）"
    batch.pauses.append(
        {
            "case_id": case["id"],
            "kind": kind,
            "started_on": start,
            "ended_on": None,
            "reason": reason,
            "expected_end": expected_end,
            "procedure": procedure,
        }
    )
    case["status"] = status
    at = dt.datetime.combine(start, received_at.time())
    events.append((at, action, CaseStatus.ACCEPTED, status, note))


@dataclass(frozen=True)
class _Notice:
    case_id: int
    number: str
    day: dt.date
    item: _Item
    applicant: tuple[int, str, int | None]


class _Stories:
    """Demo cases in the states of 容缺 and 补齐后受理, drawn from a random stream of their own
    (the seed's other cases stay as they were): some open cases owe a tolerated material, due a
    few days after acceptance, so some are overdue (容缺逾期); half the one-time notices' applicants
    come back on a later day with everything, and their new case is linked to the notice."""

    RETURN_RATE = 0.3  # of the cases while notices wait: the one that is the applicant's return

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(f"{seed}-tolerance-resubmission")
        self.waiting: list[_Notice] = []

    def returning(self, day: dt.date) -> _Notice | None:
        """The notice whose applicant is back today, if this case is that return."""
        if self.waiting and self.waiting[0].day < day and self.rng.random() < self.RETURN_RATE:
            return self.waiting.pop(0)
        return None

    def told(
        self,
        batch: _Batch,
        item: _Item,
        applicant: tuple[int, str, int | None],
        day: dt.date,
        notice: _Notice | None,
        today: dt.date,
    ) -> None:
        """Finish the case just generated (the last of ``batch``) with its part of a story."""
        case = batch.cases[-1]
        case["resubmits_case_id"] = None
        status = case["status"]
        assert isinstance(status, CaseStatus)
        if notice is not None and status not in (CaseStatus.NOTIFIED, CaseStatus.REFUSED):
            self._link(batch, case, notice)
        if status is CaseStatus.NOTIFIED and case["reason"] == "" and self.rng.random() < 0.5:
            number = case["number"]
            assert isinstance(number, str)
            self.waiting.append(_Notice(int(str(case["id"])), number, day, item, applicant))
        if (
            status in OPEN_STATUSES
            and item.case_kind is CaseKind.PROMISED
            and item.tolerable_ids
            and self.rng.random() < 0.25
        ):
            material_id = _pick(self.rng, item.tolerable_ids)
            for row in reversed(batch.materials):
                if row["case_id"] == case["id"] and row["material_id"] == material_id:
                    row["state"] = MaterialState.TOLERATED
                    row["promised_date"] = day + dt.timedelta(days=3)
                    break

    @staticmethod
    def _link(batch: _Batch, case: dict[str, object], notice: _Notice) -> None:
        """The acceptance completes the notice: linked, and both histories say so."""
        case["resubmits_case_id"] = notice.case_id
        own = [event for event in batch.events if event["case_id"] == case["id"]]
        first = own[0]
        for event in own[1:]:
            seq = event["seq"]
            assert isinstance(seq, int)
            event["seq"] = seq + 1
        linked = {
            **first,
            "seq": 2,
            "action": CaseAction.RESUBMIT,
            "from_status": None,
            "to_status": None,
            "note": f"补齐一次性告知 {notice.number} 后受理",
        }
        batch.events.insert(batch.events.index(first) + 1, linked)
        batch.events.append(
            {
                **first,
                "case_id": notice.case_id,
                "seq": 2,
                "action": CaseAction.RESUBMIT,
                "from_status": None,
                "to_status": None,
                "note": f"已补齐受理，办件 {case['number']}",
            }
        )


def _set_counters(connection: Connection, counters: dict[dt.date, int]) -> None:
    existing: dict[dt.date, int] = {
        day: last
        for day, last in connection.execute(
            select(CaseNumberCounter.day, CaseNumberCounter.last).where(
                CaseNumberCounter.day.in_(list(counters))
            )
        )
    }
    for day, last in existing.items():
        connection.execute(
            update(CaseNumberCounter)
            .where(CaseNumberCounter.day == day)
            .values(last=max(last, counters[day]))
        )
    fresh = [{"day": d, "last": n} for d, n in counters.items() if d not in existing and n]
    if fresh:
        connection.execute(insert(CaseNumberCounter), fresh)
