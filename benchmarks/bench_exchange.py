"""Exchange files: a village point's 500 pre-registrations exported, imported at the township,
and the township's answers for all of them exported and imported back at the village.

    python benchmarks/bench_exchange.py [--count 500] [--repeat 5]

Each step is timed through the service (one transaction: read the rows, JSON, zip, sign, write
the file through the atomic writer; or read, verify, apply with the ownership rules), beside
the bare library work on the same records in the same run: ``json.dumps`` + ``zipfile`` +
Ed25519 signing for an export, unzip + verify + ``json.loads`` for an import. Target (issue 14):
≤ 2 s each.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import shutil
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey  # noqa: E402
from sqlalchemy import update  # noqa: E402

from benchmarks.common import report  # noqa: E402
from tests.exchange_rows import POINT_CODE, add_pre_registrations, link  # noqa: E402
from townclerk.db.database import Database, open_database  # noqa: E402
from townclerk.db.models import PreRegistration  # noqa: E402
from townclerk.enums import PreRegistrationStatus  # noqa: E402
from townclerk.paths import sqlite_url  # noqa: E402
from townclerk.services.exchange import ExchangeService  # noqa: E402

TARGET_S = 2.0


def fresh(folder: Path) -> Database:
    folder.mkdir(parents=True)
    return open_database(sqlite_url(folder), folder, clock=lambda: dt.datetime(2026, 9, 29, 9, 30))


def bare_export(content: bytes) -> float:
    """The library work of an export: JSON text, zip, Ed25519 over its SHA-256s."""
    key = Ed25519PrivateKey.generate()
    records = json.loads(content)
    started = time.perf_counter()
    text = json.dumps(records, ensure_ascii=False, separators=(",", ":")).encode()
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("records.json", text)
        archive.writestr("signature", key.sign(text))
    return time.perf_counter() - started


def bare_import(path: Path) -> float:
    key = Ed25519PrivateKey.generate()
    started = time.perf_counter()
    with zipfile.ZipFile(path) as archive:
        content = archive.read("records.json")
    signature = key.sign(content)  # a verify costs about what a signature does
    key.public_key().verify(signature, content)
    json.loads(content)
    return time.perf_counter() - started


def timed(action: Callable[..., object], *args: object) -> float:
    started = time.perf_counter()
    action(*args)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=5, help="at least 2")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="bench-exchange-"))
    try:
        township, village = fresh(folder / "township"), fresh(folder / "village")
        pair = link(township, village, folder)
        refs = add_pre_registrations(village, pair.village_point, list(range(1, args.count + 1)))
        exports, imports, back_exports, back_imports = [], [], [], []
        bare_exports, bare_imports = [], []
        for round_ in range(args.repeat):
            out = folder / f"v{round_}.zip"
            exports.append(timed(ExchangeService(village).export, pair.village_admin, out))
            imports.append(timed(ExchangeService(township).import_file, pair.township_admin, out))
            with zipfile.ZipFile(out) as archive:
                content = archive.read("records.json")
            bare_exports.append(bare_export(content))
            bare_imports.append(bare_import(out))
            # The township answers every one (a new answer each round), then sends them back.
            with township.sessions.begin() as session:
                session.execute(
                    update(PreRegistration).values(
                        status=PreRegistrationStatus.ACCEPTED,
                        answered_at=dt.datetime(2026, 9, 30, 9, round_),
                        answer=f"第{round_}轮",
                    )
                )
            back = folder / f"t{round_}.zip"
            back_exports.append(
                timed(ExchangeService(township).export, pair.township_admin, back, POINT_CODE)
            )
            back_imports.append(
                timed(ExchangeService(village).import_file, pair.village_admin, back)
            )
        size = (folder / "v0.zip").stat().st_size / 1024
        target = f"≤ {TARGET_S:.0f} s"
        print(
            f"{len(refs)} pre-registrations; first round, then best of the other {args.repeat - 1}:"
        )
        report("village export, first", exports[0] * 1000, "ms", target,
               f"bare json+zip+sign {min(bare_exports) * 1000:.1f} ms")  # fmt: skip
        report("village export, again", min(exports[1:]) * 1000, "ms", target)
        report("township import, all new", imports[0] * 1000, "ms", target,
               f"bare unzip+verify+json {min(bare_imports) * 1000:.1f} ms")  # fmt: skip
        report("township import, all unchanged", min(imports[1:]) * 1000, "ms", target)
        report("township export of the answers", max(back_exports) * 1000, "ms", target)
        report("village import, all answers new", max(back_imports) * 1000, "ms", target)
        report("file size", size, "KiB", baseline=f"records.json {len(content) / 1024:.0f} KiB")
        township.dispose()
        village.dispose()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
