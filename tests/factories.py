"""Building test data directly in the database (the catalog import has its own tests)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from townclerk.db.database import Database
from townclerk.db.models import ItemMaterial, ServiceItem
from townclerk.enums import (
    ApplicantKind,
    CaseKind,
    Category,
    IdType,
    Level,
    MaterialForm,
    MaterialState,
    PowerSource,
)
from townclerk.records.cases import ApplicantInput, Intake, MaterialInput
from townclerk.validation import id_check_character

# Real-shaped resident ID numbers (valid check characters), for tests only.
ID_ZHANG = "320324199003151238"  # 睢宁县, 1990-03-15, male
ID_LI = "32032419851120002X"  # female, check character X


def resident_id(area: str = "320324", birth: str = "19900315", sequence: str = "123") -> str:
    first17 = area + birth + sequence
    return first17 + id_check_character(first17)


@dataclass(frozen=True)
class ItemRef:
    id: int
    material_ids: tuple[int, ...]


def make_item(
    db: Database,
    *,
    code: str = "320324-SCJG-001",
    name: str = "个体工商户设立登记",
    department: str = "睢宁县市场监督管理局",
    promised_days: int = 5,
    statutory_days: int = 15,
    materials: tuple[tuple[str, bool, bool], ...] = (
        ("居民身份证", True, False),
        ("个体工商户设立登记申请书", True, True),
        ("经营场所使用证明", False, False),
    ),
    active: bool = True,
    category: Category = Category.LICENSING,
    power_source: PowerSource | None = None,
    issuing_body: str = "",
    legal_basis: str = "",
) -> ItemRef:
    """An item with materials given as (name, required, tolerance allowed)."""
    with db.sessions.begin() as session:
        item = ServiceItem(
            code=code,
            name=name,
            category=category,
            power_source=power_source,
            issuing_body=issuing_body,
            legal_basis=legal_basis,
            department=department,
            level=Level.TOWNSHIP,
            case_kind=CaseKind.INSTANT if promised_days == 0 else CaseKind.PROMISED,
            statutory_days=statutory_days,
            promised_days=promised_days,
            result="证照",
            active=active,
        )
        session.add(item)
        session.flush()
        rows = [
            ItemMaterial(
                item_id=item.id,
                seq=index,
                name=material_name,
                form=MaterialForm.ORIGINAL_AND_COPY,
                copies=1,
                required=required,
                tolerance_allowed=tolerated,
            )
            for index, (material_name, required, tolerated) in enumerate(materials, start=1)
        ]
        session.add_all(rows)
        session.flush()
        return ItemRef(item.id, tuple(row.id for row in rows))


def intake_for(
    item: ItemRef,
    *,
    id_number: str = ID_ZHANG,
    name: str = "张伟",
    phone: str = "13812345678",
    received: tuple[int, ...] | None = None,
    tolerated: dict[int, dt.date] | None = None,
    window_id: int | None = None,
) -> Intake:
    """An intake with every material received unless ``received`` lists the ones that are."""
    tolerated = tolerated or {}
    received_ids = item.material_ids if received is None else received
    states = []
    for material_id in item.material_ids:
        if material_id in tolerated:
            states.append(
                MaterialInput(material_id, MaterialState.TOLERATED, tolerated[material_id])
            )
        elif material_id in received_ids:
            states.append(MaterialInput(material_id, MaterialState.RECEIVED))
    return Intake(
        item_id=item.id,
        applicant=ApplicantInput(
            kind=ApplicantKind.PERSON,
            id_type=IdType.RESIDENT_ID,
            id_number=id_number,
            name=name,
            phone=phone,
        ),
        materials=tuple(states),
        window_id=window_id,
    )
