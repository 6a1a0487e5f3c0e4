"""The same backup commands on PostgreSQL: pg_dump -Fc, pg_restore in one transaction."""

from __future__ import annotations

import shutil

import pytest
from sqlalchemy import text

from tests.conftest import FakeClock
from tests.factories import intake_for, make_item
from tests.people import PASSWORD, add_user, first_admin
from townclerk.db.database import Database
from townclerk.errors import UserError
from townclerk.records.center import CenterSettings
from townclerk.services import backups
from townclerk.services.cases import CaseService
from townclerk.services.settings import SettingsService

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(shutil.which("pg_dump") is None, reason="pg_dump is not installed"),
]


def _count(db: Database) -> int:
    with db.engine.connect() as connection:
        return int(connection.execute(text("SELECT count(*) FROM cases")).scalar_one())


def test_backup_verify_restore_on_postgresql(pg: Database, pg_url: str, clock: FakeClock) -> None:
    admin = first_admin(pg)
    item = make_item(pg)
    clerk = add_user(pg, admin, "clerk1")
    CaseService(pg).accept(clerk, intake_for(item))
    info = backups.create_backup(pg, admin, encrypt=True, passphrase="a long passphrase")
    assert info.engine == "postgresql" and info.path.name.endswith(".pgdump.enc")
    assert info.row_counts["cases"] == 1
    assert backups.verify_backup(info.path, pg.data_dir, "a long passphrase").ok
    CaseService(pg).accept(clerk, intake_for(item))
    assert _count(pg) == 2
    SettingsService(pg).update_center(admin, CenterSettings(center_code="320324999"))
    with pytest.raises(UserError, match="另一个中心"):
        backups.restore_backup(
            pg_url, pg.data_dir, info.path, "admin", PASSWORD, passphrase="a long passphrase"
        )
    SettingsService(pg).update_center(admin, CenterSettings(center_code="320324101"))
    assert _count(pg) == 2
    pg.dispose()
    clock.advance(minutes=1)
    result = backups.restore_backup(
        pg_url,
        pg.data_dir,
        info.path,
        "admin",
        PASSWORD,
        passphrase="a long passphrase",
        clock=clock,
    )
    assert result.kept_as is not None and result.kept_as.exists()
    assert _count(pg) == 1
