"""When the window makes an automatic backup, and which automatic backups are kept.

Pure decisions on timestamps, so they are tested without a clock or a file:

- :func:`due_backup`: the first backup of the day when the window starts (or the day changes
  while it runs), then one every ``interval_hours``, and one when the window closes (unless the
  last is only minutes old).
- :func:`backups_to_remove`: grandfather-father-son rotation. Every automatic backup of the
  last 24 hours is kept (a bad afternoon can go back to the morning); of older ones the newest
  of each of the last ``keep_daily`` days that have one, likewise of the last ``keep_weekly``
  ISO weeks and ``keep_monthly`` months; the rest go. Manual and pre-restore backups are never
  rotated.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import TypeVar

from townclerk.records.center import CenterSettings

CLOSE_GRACE = dt.timedelta(minutes=15)
KEEP_ALL_WITHIN = dt.timedelta(hours=24)
STALE_AFTER = dt.timedelta(days=2)

T = TypeVar("T")


class BackupReason(Enum):
    START_OF_DAY = "start-of-day"
    INTERVAL = "interval"
    CLOSE = "close"


@dataclass(frozen=True)
class BackupPolicy:
    interval_hours: int = 4
    keep_daily: int = 7
    keep_weekly: int = 4
    keep_monthly: int = 12

    @classmethod
    def of(cls, center: CenterSettings) -> BackupPolicy:
        return cls(
            interval_hours=center.backup_interval_hours,
            keep_daily=center.backup_keep_daily,
            keep_weekly=center.backup_keep_weekly,
            keep_monthly=center.backup_keep_monthly,
        )


def due_backup(
    now: dt.datetime,
    last_backups: Sequence[dt.datetime],
    policy: BackupPolicy,
    *,
    closing: bool = False,
) -> BackupReason | None:
    """Why a backup is due now, given when the earlier automatic backups were made."""
    last = max(last_backups, default=None)
    if last is None or last.date() < now.date():
        return BackupReason.START_OF_DAY
    if now - last >= dt.timedelta(hours=policy.interval_hours):
        return BackupReason.INTERVAL
    if closing and now - last >= CLOSE_GRACE:
        return BackupReason.CLOSE
    return None


def is_stale(last_good: dt.datetime | None, now: dt.datetime) -> bool:
    """The last good backup is older than two days (or there is none): shown in red."""
    return last_good is None or now - last_good > STALE_AFTER


def backups_to_remove(
    backups: Sequence[T], created_at: Callable[[T], dt.datetime], policy: BackupPolicy
) -> list[T]:
    newest_first = sorted(backups, key=created_at, reverse=True)
    kept: set[int] = set()
    buckets: list[tuple[int, Callable[[dt.datetime], Hashable]]] = [
        (policy.keep_daily, lambda at: at.date()),
        (policy.keep_weekly, lambda at: at.isocalendar()[:2]),
        (policy.keep_monthly, lambda at: (at.year, at.month)),
    ]
    for count, bucket_of in buckets:
        seen: set[Hashable] = set()
        for index, backup in enumerate(newest_first):
            bucket = bucket_of(created_at(backup))
            if bucket in seen:
                continue
            if len(seen) == count:
                break
            seen.add(bucket)
            kept.add(index)
    if newest_first:
        newest = created_at(newest_first[0])
        kept.update(
            index
            for index, backup in enumerate(newest_first)
            if newest - created_at(backup) < KEEP_ALL_WITHIN
        )
    return [backup for index, backup in enumerate(newest_first) if index not in kept]
