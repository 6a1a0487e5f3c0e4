"""The demo's pending exchange file: what 赵圩村's offline laptop would bring on a USB stick.

A village laptop is simulated in a temporary database of its own (station mode 村便民服务点, the
sample catalog, the point, its agent and two pre-registrations on a 交接单). The township and
the laptop swap public keys as two admins would, and the laptop exports its first signed file
into the township's data folder, where the demo's clerk imports it (系统 → 交换文件（U盘）…).
"""

from __future__ import annotations

import datetime as dt
import tempfile
from dataclasses import replace
from pathlib import Path

from townclerk.db.database import Database, open_database
from townclerk.enums import ApplicantKind, IdType, Role, StationMode
from townclerk.paths import resource_path, sqlite_url
from townclerk.records.cases import ApplicantInput
from townclerk.records.center import CenterSettings
from townclerk.records.villages import PointInput, PreRegistrationInput, VillageAgentInput
from townclerk.services.access import Actor
from townclerk.services.catalog import CatalogService
from townclerk.services.exchange import ExchangeService
from townclerk.services.exchange_keys import ExchangeKeyService
from townclerk.services.pre_registrations import PreRegistrationService
from townclerk.services.settings import SettingsService
from townclerk.services.users import UserService
from townclerk.validation import id_check_character

# A point that registers only on its laptop (the demo's other points register at the center).
POINT = ("赵圩村", "ZW", "赵圩村便民服务点", "320324101204")
AGENT = ("吴立新", "13905160004", "32032419820614264")
AGENT_LOGIN = "wulixin"
FOLDER = "演示交换文件"
# Residents who applied at the village point: name, birth date and sequence of their ID.
_APPLICANTS = (
    ("高龄津贴申请", "陈秀英", "19400512", "226"),
    ("残疾人证换领", "刘建华", "19720309", "157"),
)


def write_pending_exchange_file(db: Database) -> Path:
    """The laptop's first exchange file for the township ``db``, in its data folder; its path.
    The township's admin (``admin``) gets an exchange key if it has none and knows the
    laptop's."""
    from townclerk.services.demo import DEMO_CENTER, DEMO_PASSWORD, SAMPLE_CATALOG

    users = UserService(db)
    admin = users.authenticate("admin", DEMO_PASSWORD)
    _add_point(db, admin, with_login=False)
    township_keys = ExchangeKeyService(db)
    if township_keys.identity(admin) is None:
        township_keys.create_identity(admin)
    target = db.data_dir / FOLDER / f"{POINT[1]}-交换文件-1.zip"
    target.parent.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="townclerk-demo-village-") as name:
        folder = Path(name)
        laptop = open_database(sqlite_url(folder), folder, clock=db.clock)
        try:
            center = replace(
                DEMO_CENTER, station_mode=StationMode.VILLAGE_POINT, village_point_code=POINT[1]
            )
            village_admin, agent = _set_up_laptop(laptop, center, DEMO_PASSWORD)
            CatalogService(laptop).import_file(
                village_admin, resource_path(*SAMPLE_CATALOG), label="示例目录（演示数据）"
            )
            _pre_register(laptop, agent)
            village_keys = ExchangeKeyService(laptop)
            village_keys.create_identity(village_admin)
            township_keys.export_public_key(admin, folder / "township.key.json")
            village_keys.export_public_key(village_admin, folder / "village.key.json")
            township_keys.add_peer(admin, folder / "village.key.json", POINT[2])
            village_keys.add_peer(
                village_admin, folder / "township.key.json", DEMO_CENTER.center_name
            )
            ExchangeService(laptop).export(agent, target)
        finally:
            laptop.dispose()
    return target


def _set_up_laptop(laptop: Database, center: CenterSettings, password: str) -> tuple[Actor, Actor]:
    """The laptop's admin and its agent (logged in), its center settings, village and point."""
    users = UserService(laptop)
    users.create_first_admin("admin", password, "村便民服务点管理员")
    admin = users.authenticate("admin", password)
    SettingsService(laptop).update_center(admin, center)
    users.create_user(admin, AGENT_LOGIN, password, Role.VILLAGE_AGENT, AGENT[0])
    _add_point(laptop, admin, with_login=True)
    return admin, users.authenticate(AGENT_LOGIN, password)


def _add_point(db: Database, admin: Actor, *, with_login: bool) -> None:
    """The village, its point and its agent, as each side's admin enters them."""
    from townclerk.services.villages import VillageService

    village = SettingsService(db).add_village(admin, POINT[0], POINT[3])
    points = VillageService(db)
    point = points.add_point(admin, PointInput(village.id, POINT[2], POINT[1]))
    name, phone, first17 = AGENT
    points.add_agent(
        admin,
        point.id,
        VillageAgentInput(
            name,
            phone,
            first17 + id_check_character(first17),
            db.today() - dt.timedelta(days=120),
            AGENT_LOGIN if with_login else "",
        ),
    )


def _pre_register(laptop: Database, agent: Actor) -> None:
    """Two residents' applications taken in today, carried to the township on one 交接单."""
    items = {item.name: item.id for item in CatalogService(laptop).items()}
    service = PreRegistrationService(laptop)
    references = []
    for item_name, resident, birth, sequence in _APPLICANTS:
        item_id = items[item_name]
        detail = CatalogService(laptop).item(item_id)
        first17 = f"320324{birth}{sequence}"
        registered = service.register(
            agent,
            PreRegistrationInput(
                item_id=item_id,
                applicant=ApplicantInput(
                    ApplicantKind.PERSON,
                    IdType.RESIDENT_ID,
                    first17 + id_check_character(first17),
                    resident,
                    "13905162288",
                    f"睢宁县示范镇{POINT[0]}",
                ),
                received=tuple(material.id for material in detail.materials),
            ),
        )
        references.append(registered.reference)
    point_id = service.get(agent, references[0]).point_id
    service.make_transfer_list(agent, point_id, references, AGENT[0])
