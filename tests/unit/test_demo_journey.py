"""``townclerk init --demo`` (what ``make run`` opens) shows the journey from the first start:
cases at every holder, and a village laptop's signed exchange file waiting to be imported. On
SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from tests.conftest import FakeClock
from townclerk.db.database import Database
from townclerk.db.models import Case, PreRegistration
from townclerk.enums import CaseStatus, Holder, PreRegistrationStatus
from townclerk.errors import UserError
from townclerk.services.demo import DEMO_PASSWORD, generate_cases, install_demo
from townclerk.services.exchange import ExchangeService
from townclerk.services.users import UserService


def test_the_demo_has_cases_at_every_holder_and_an_exchange_file_to_import(
    db: Database,
) -> None:
    report = install_demo(db)
    with db.reads() as session:
        holders = dict(
            session.execute(select(Case.holder, func.count()).group_by(Case.holder)).all()
        )
        waiting = session.scalar(
            select(func.count())
            .select_from(Case)
            .where(Case.status == CaseStatus.COMPLETED, Case.holder == Holder.WINDOW)
        )
    assert set(holders) == set(Holder) and all(holders.values())
    assert waiting  # 待出件
    path = db.data_dir / "演示交换文件" / "ZW-交换文件-1.zip"
    assert str(path) in report and path.exists()

    clerk = UserService(db).authenticate("clerk1", DEMO_PASSWORD)
    summary = ExchangeService(db).import_file(clerk, path)
    assert not summary.already_imported
    with db.reads() as session:
        arrived = session.scalars(
            select(PreRegistration.status).where(PreRegistration.reference.like("ZW-%"))
        ).all()
    assert arrived == [PreRegistrationStatus.SENT, PreRegistrationStatus.SENT]
    assert ExchangeService(db).import_file(clerk, path).already_imported


def test_demo_data_fills_other_days_but_never_the_same_days_twice(
    db: Database, clock: FakeClock
) -> None:
    install_demo(db)
    admin = UserService(db).authenticate("admin", DEMO_PASSWORD)
    clock.set(clock.now - dt.timedelta(days=10))
    generate_cases(db, admin, cases=20, days=5, seed=1)
    clock.set(clock.now + dt.timedelta(days=10))
    generate_cases(db, admin, cases=20, days=5, seed=2)  # other days: allowed
    with db.reads() as session:
        before = session.scalar(select(func.count()).select_from(Case))
    with pytest.raises(UserError, match="这个时间段已经生成过演示办件"):
        generate_cases(db, admin, cases=20, days=3, seed=3)
    with db.reads() as session:
        assert session.scalar(select(func.count()).select_from(Case)) == before
