"""A township with two village service points, their agents and an agent who logs in, for the
village tests (services, command line, screens)."""

from __future__ import annotations

import datetime as dt

from tests.factories import ItemRef, make_item, resident_id
from tests.people import add_user, first_admin
from townclerk.db.database import Database
from townclerk.enums import ApplicantKind, IdType, Role
from townclerk.records.cases import ApplicantInput
from townclerk.records.villages import PointInput, PreRegistrationInput, VillageAgentInput
from townclerk.services.settings import SettingsService
from townclerk.services.villages import VillageService

AGENT_ID = resident_id(birth="19800506", sequence="315")
OTHER_AGENT_ID = resident_id(birth="19760211", sequence="422")


class Township:
    """``wangji`` (王集村, code WJ) with 张代办 who logs in as ``agent1``; ``liwei`` (李圩村,
    code LW) with 李代办; a clerk; a 村级 item with three materials."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.admin = first_admin(db)
        self.clerk = add_user(db, self.admin, "clerk1", Role.CLERK, "王晓燕")
        self.agent_user = add_user(db, self.admin, "agent1", Role.VILLAGE_AGENT, "张代办")
        settings = SettingsService(db)
        self.wangji_village = settings.add_village(self.admin, "王集村", "320324101203").id
        self.liwei_village = settings.add_village(self.admin, "李圩村", "320324101204").id
        self.spare_village = settings.add_village(self.admin, "张庄村", "320324101205").id
        villages = VillageService(db)
        wangji = villages.add_point(
            self.admin,
            PointInput(
                self.wangji_village, "王集村便民服务点", "WJ", "王集村村委会", "0516-88886601"
            ),
        )
        wangji = villages.add_agent(
            self.admin,
            wangji.id,
            VillageAgentInput(
                "张代办", "13905160001", AGENT_ID, dt.date(2026, 3, 1), username="agent1"
            ),
        )
        liwei = villages.add_point(
            self.admin, PointInput(self.liwei_village, "李圩村便民服务点", "LW")
        )
        liwei = villages.add_agent(
            self.admin, liwei.id, VillageAgentInput("李代办", "13905160002", OTHER_AGENT_ID)
        )
        self.wangji, self.liwei = wangji.id, liwei.id
        self.wangji_agent = wangji.agents[0].id
        self.liwei_agent = liwei.agents[0].id
        self.item: ItemRef = make_item(
            db,
            code="320324-MZ-001",
            name="高龄津贴申请",
            department="睢宁县民政局",
            materials=(
                ("居民身份证", True, False),
                ("户口簿", True, False),
                ("银行卡复印件", False, False),
            ),
        )


def pre_registration(
    item: ItemRef,
    *,
    id_number: str = "",
    name: str = "赵桂英",
    phone: str = "13812340001",
    received: tuple[int, ...] | None = None,
    point_id: int | None = None,
    agent_id: int | None = None,
) -> PreRegistrationInput:
    return PreRegistrationInput(
        item_id=item.id,
        applicant=ApplicantInput(
            ApplicantKind.PERSON,
            IdType.RESIDENT_ID,
            id_number or resident_id(birth="19400812", sequence="262"),
            name,
            phone,
        ),
        received=item.material_ids[:2] if received is None else received,
        point_id=point_id,
        agent_id=agent_id,
    )
