"""Run by test_login_contention in separate processes, with production argon2 parameters:
``register SECONDS`` accepts cases as fast as it can and prints how many; ``fail SECONDS`` tries
wrong passwords under ever new names (so no delay ever spares the password check), says
``failing`` after the first and prints how many at the end."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from tests.factories import ItemRef, intake_for, resident_id
from townclerk.db.database import open_database
from townclerk.errors import AuthenticationFailed
from townclerk.paths import sqlite_url
from townclerk.services.cases import CaseService
from townclerk.services.users import UserService


def main(data_dir: str, mode: str, seconds: float, item_id: int, materials: str) -> None:
    folder = Path(data_dir)
    db = open_database(sqlite_url(folder), folder, migrate=False)
    users = UserService(db)
    done = 0
    if mode == "register":
        clerk = users.authenticate("clerk1", "passw0rd1")
        item = ItemRef(item_id, tuple(int(m) for m in materials.split(",")))
        service = CaseService(db)
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            number_id = resident_id(sequence=f"{done % 1000:03d}")
            service.accept(clerk, intake_for(item, id_number=number_id))
            done += 1
    else:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            try:
                users.authenticate(f"intruder{done}", "wrong-pass1")
            except AuthenticationFailed:
                done += 1
            if done == 1:
                print("failing", flush=True)  # the loop runs: the clerk may start
    print(done, flush=True)
    db.dispose()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], float(sys.argv[3]), int(sys.argv[4]), sys.argv[5])
