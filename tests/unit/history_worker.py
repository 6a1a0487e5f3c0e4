"""Run by test_history in separate processes: write case events and audit entries at once."""

from __future__ import annotations

import sys
from pathlib import Path

from tests.factories import ItemRef, intake_for, resident_id
from townclerk.db.database import open_database
from townclerk.services.cases import CaseService
from townclerk.services.settings import SettingsService
from townclerk.services.users import UserService


def main(url: str, data_dir: str, worker: int, count: int, item_id: int, materials: str) -> None:
    db = open_database(url, Path(data_dir), migrate=False)
    users = UserService(db)
    clerk = users.authenticate("clerk1", "passw0rd1")
    admin = users.authenticate("admin", "passw0rd1")
    item = ItemRef(item_id, tuple(int(m) for m in materials.split(",")))
    cases, settings = CaseService(db), SettingsService(db)
    for index in range(count):
        number_id = resident_id(sequence=f"{(worker * 500 + index) % 1000:03d}")
        cases.accept(clerk, intake_for(item, id_number=number_id))
        settings.add_window(admin, f"窗口{worker}-{index}")
    db.dispose()


if __name__ == "__main__":
    main(
        sys.argv[1],
        sys.argv[2],
        int(sys.argv[3]),
        int(sys.argv[4]),
        int(sys.argv[5]),
        sys.argv[6],
    )
