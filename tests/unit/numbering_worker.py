"""Run in separate processes by test_numbering (two at once) and test_faults (killed with
SIGKILL): accept N cases as fast as possible, printing each number once it is committed."""

from __future__ import annotations

import sys
from pathlib import Path

from tests.factories import ItemRef, intake_for, resident_id
from townclerk.db.database import open_database
from townclerk.paths import sqlite_url
from townclerk.services.cases import CaseService
from townclerk.services.users import UserService


def main(data_dir: str, worker: str, count: int, item_id: int, material_ids: str) -> None:
    folder = Path(data_dir)
    db = open_database(sqlite_url(folder), folder, migrate=False)
    clerk = UserService(db).authenticate("clerk1", "passw0rd1")
    item = ItemRef(item_id, tuple(int(m) for m in material_ids.split(",")))
    service = CaseService(db)
    for index in range(count):
        number_id = resident_id(sequence=f"{(int(worker) * 500 + index) % 1000:03d}")
        print(service.accept(clerk, intake_for(item, id_number=number_id)).number, flush=True)
    db.dispose()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5])
