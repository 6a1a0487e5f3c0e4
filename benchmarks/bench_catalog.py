"""Catalog figures: import of 2,000 items with 10,000 materials, search index build, search.

    python benchmarks/bench_catalog.py [--items N] [--materials-per-item M] [--queries Q]

Prints, beside a bare baseline measured in the same run:
* import: read + validate, preview, apply (first import into an empty database), and the
  re-import of the same file (read + validate + preview: no changes), against openpyxl
  read-only loading and iterating every row of the same file;
* index build: CatalogSearch.load (read the active items, build the index), against the bare
  SELECT of the same columns;
* search p50/p99 per query over the items, against a plain Python scan (``q in name``).
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import openpyxl
from sqlalchemy import select

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.common import peak_rss_mb, percentiles, report
from tests.data.catalog_builders import generated_items
from townclerk.db.database import open_database
from townclerk.db.models import ServiceItem
from townclerk.enums import CaseKind
from townclerk.formats.catalog.reader import read_catalog
from townclerk.formats.catalog.shape import CatalogItem
from townclerk.formats.catalog.writer import write_catalog_workbook
from townclerk.paths import sqlite_url
from townclerk.services.catalog import CatalogService
from townclerk.services.search import CatalogSearch, pinyin_keys
from townclerk.services.users import UserService


def queries(items: list[CatalogItem], count: int, seed: int = 5) -> list[str]:
    """What clerks type: Chinese fragments, initials and full pinyin prefixes, codes, one letter."""
    rng = random.Random(seed)
    result = []
    for _ in range(count):
        item = rng.choice(items)
        keys = pinyin_keys(item.name)
        kind = rng.randrange(7)
        if kind == 0:
            start = rng.randrange(0, max(1, len(item.name) - 2))
            result.append(item.name[start : start + rng.randint(2, 4)])
        elif kind == 1:
            result.append(keys.initials[: rng.randint(2, 6)])
        elif kind == 2:
            result.append(keys.full.replace(" ", "")[: rng.randint(4, 12)])
        elif kind == 3:
            result.append(item.code[: rng.randint(10, 16)])
        elif kind == 4:
            result.append(item.department[1:4])
        elif kind == 5:
            result.append(rng.choice("abcdefghjklmnpqrstwxyz"))
        else:
            result.append(item.name)
    return result


class Clock:
    """Wall and CPU time of one piece of work (CPU time is what other processes on a shared,
    loaded machine cannot inflate)."""

    def __enter__(self) -> Clock:
        self._wall = time.perf_counter()
        self._cpu = time.process_time()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.wall_ms = (time.perf_counter() - self._wall) * 1000
        self.cpu_ms = (time.process_time() - self._cpu) * 1000


def timed_report(name: str, clock: Clock, target: str = "", baseline: str = "") -> None:
    note = f"cpu {clock.cpu_ms:.0f} ms" + (f"; {baseline}" if baseline else "")
    report(name, clock.wall_ms, "ms", target=target, baseline=note)


def per_call(action: Callable[[str], object], texts: list[str]) -> tuple[list[float], list[float]]:
    """(wall seconds, thread CPU seconds) of each call."""
    wall, cpu = [], []
    for text in texts:
        started, started_cpu = time.perf_counter(), time.thread_time()
        action(text)
        cpu.append(time.thread_time() - started_cpu)
        wall.append(time.perf_counter() - started)
    return wall, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--items", type=int, default=2000)
    parser.add_argument("--materials-per-item", type=int, default=5)
    parser.add_argument("--queries", type=int, default=5000)
    args = parser.parse_args()
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    print(f"machine: {os.cpu_count()} CPUs, load average {load}")

    with tempfile.TemporaryDirectory(prefix="bench-catalog-") as temporary:
        folder = Path(temporary)
        items = generated_items(args.items, args.materials_per_item)
        path = folder / "catalog.xlsx"
        with Clock() as clock:
            write_catalog_workbook(path, items)
        materials = args.items * args.materials_per_item
        size = path.stat().st_size / 1024
        print(f"catalog: {args.items} items, {materials} materials, {size:.0f} KiB xlsx")
        timed_report("export (write the workbook)", clock)

        # --- import (best of three for the read alone: the machine may be shared) -----------
        def bare_read() -> int:
            workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
            rows = sum(1 for sheet in workbook.worksheets for _ in sheet.iter_rows())
            workbook.close()
            return rows

        bare_runs, read_runs = [], []
        for _ in range(3):
            with Clock() as bare:
                rows = bare_read()
            bare_runs.append(bare)
            with Clock() as clock:
                catalog = read_catalog(path)
            read_runs.append(clock)
            assert not catalog.errors and len(catalog.items) == args.items
        bare = min(bare_runs, key=lambda run: run.cpu_ms)
        bare_note = f"openpyxl read-only load+iterate {rows} rows {bare.wall_ms:.0f} ms"
        bare_note += f" (cpu {bare.cpu_ms:.0f})"
        timed_report(
            "read + validate (best of 3)", min(read_runs, key=lambda run: run.cpu_ms), "", bare_note
        )

        db = open_database(sqlite_url(folder), folder)
        users = UserService(db)
        users.create_first_admin("admin", "bench-passw0rd")
        admin = users.authenticate("admin", "bench-passw0rd")
        service = CatalogService(db)
        with Clock() as clock:
            preview = service.preview(admin, path)
        timed_report("first import: read+validate+preview", clock)
        with Clock() as applied:
            version = service.apply(admin, preview, "benchmark")
        assert version is not None and version.added == args.items
        timed_report("first import: apply", applied)
        total = Clock()
        total.wall_ms = clock.wall_ms + applied.wall_ms
        total.cpu_ms = clock.cpu_ms + applied.cpu_ms
        timed_report("first import: total", total, target="≤ 5000 ms")
        with Clock() as clock:
            again = service.preview(admin, path)
        assert not again.has_changes
        timed_report("re-import same file (no changes)", clock)

        changed = [
            CatalogItem(**{**item.__dict__, "promised_days": 0, "case_kind": CaseKind.INSTANT})
            if index % 10 == 0
            else item
            for index, item in enumerate(items[: int(len(items) * 0.95)])
        ]
        second = folder / "catalog-v2.xlsx"
        write_catalog_workbook(second, changed)
        with Clock() as clock:
            outcome = service.import_file(admin, second, label="v2")
        assert outcome.version is not None
        timed_report(f"second version, total ({outcome.summary_line()})", clock, "≤ 5000 ms")

        # --- index build -----------------------------------------------------------------
        def bare_select() -> int:
            with db.sessions() as session:
                return len(
                    session.execute(
                        select(
                            ServiceItem.id,
                            ServiceItem.code,
                            ServiceItem.name,
                            ServiceItem.department,
                            ServiceItem.pinyin_initials,
                            ServiceItem.pinyin_full,
                        ).where(ServiceItem.active)
                    ).all()
                )

        select_wall, select_cpu = per_call(lambda _text: bare_select(), [""] * 20)
        build_wall, build_cpu = per_call(lambda _text: CatalogSearch.load(db), [""] * 20)
        search = CatalogSearch.load(db)
        report(
            f"index build ({len(search)} items) p50",
            percentiles(build_wall)[0],
            "ms",
            target="≤ 300 ms",
            baseline=f"cpu p50 {percentiles(build_cpu)[0]:.1f} ms, wall p99 "
            f"{percentiles(build_wall)[1]:.1f} ms; bare SELECT p50 "
            f"{percentiles(select_wall)[0]:.1f} ms (cpu {percentiles(select_cpu)[0]:.1f})",
        )

        # --- search ----------------------------------------------------------------------
        texts = queries(items, args.queries)
        for text in texts[:200]:  # warm up
            search.search(text, window_id=1)
        wall, cpu = per_call(lambda text: search.search(text, window_id=1), texts)
        names = [item.name for item in items]
        scan_wall, scan_cpu = per_call(
            lambda text: [name for name in names if text in name][:20], texts
        )
        hits = sum(bool(search.search(text)) for text in texts)
        p50, p99 = percentiles(wall)
        cpu50, cpu99 = percentiles(cpu)
        scan50, scan99 = percentiles(scan_wall)
        scan_cpu50, scan_cpu99 = percentiles(scan_cpu)
        report(
            f"search p50 ({len(texts)} queries, {hits} with hits)",
            p50,
            "ms",
            baseline=f"cpu {cpu50:.3f} ms; plain `q in name` scan {scan50:.3f} ms"
            f" (cpu {scan_cpu50:.3f})",
        )
        report(
            "search p99",
            p99,
            "ms",
            target="≤ 2 ms",
            baseline=f"cpu {cpu99:.3f} ms, cpu max {max(cpu) * 1000:.2f} ms; plain scan "
            f"{scan99:.3f} ms (cpu {scan_cpu99:.3f})",
        )
        report("peak RSS", peak_rss_mb(), "MB")
        db.dispose()


if __name__ == "__main__":
    main()
