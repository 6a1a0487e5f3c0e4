"""Helpers shared by the benchmark scripts: timing, percentiles, peak memory, a demo database."""

from __future__ import annotations

import resource
import statistics
import time
from collections.abc import Callable
from pathlib import Path

OUT = Path(__file__).resolve().parent / "out"


def percentiles(samples: list[float]) -> tuple[float, float]:
    """(p50, p99) in milliseconds of samples given in seconds."""
    ordered = sorted(samples)
    p99 = ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]
    return statistics.median(ordered) * 1000, p99 * 1000


def time_each(action: Callable[[], object], repeat: int) -> list[float]:
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        samples.append(time.perf_counter() - started)
    return samples


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def report(name: str, value: float, unit: str, target: str = "", baseline: str = "") -> None:
    parts = [f"{name:<44} {value:>10.2f} {unit:<5}"]
    if target:
        parts.append(f"target {target}")
    if baseline:
        parts.append(f"| {baseline}")
    print("  ".join(parts), flush=True)
