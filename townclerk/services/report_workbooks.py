"""The supervisors' Excel reports, as the dashboard's export buttons and ``townclerk report`` make
them: 日报, 统计报表, 办件台账 and 超期预警清单.

Each export checks the output path first, reads through the statistics and listing services
(which check the actor's permission and audit a full personal-data export before reading it),
writes the workbook to a private temporary file in the data folder and moves it into place
(:func:`~townclerk.formats.output_files.atomic_output`), so a crash or an error never leaves half
a file, never overwrites a good one and never leaves personal data outside the data folder.

Sheet layouts live in :mod:`~townclerk.formats.workbooks.statistics` and
:mod:`~townclerk.formats.workbooks.listings`; the parts they share in
:mod:`~townclerk.formats.workbooks.parts`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from townclerk.db.database import Database
from townclerk.formats.output_files import atomic_output, check_output_path
from townclerk.formats.workbooks.listings import build_warnings_workbook, write_ledger
from townclerk.formats.workbooks.parts import save_workbook
from townclerk.formats.workbooks.statistics import (
    DAILY_DIMENSIONS,
    DAILY_TITLE,
    RANGE_DIMENSIONS,
    RANGE_TITLE,
    build_statistics_workbook,
)
from townclerk.records.statistics import Period, StatisticsFilter
from townclerk.services.access import Actor
from townclerk.services.history import chain_heads
from townclerk.services.journey_statistics import JourneyStatisticsService
from townclerk.services.report_listings import ReportListingService
from townclerk.services.statistics import StatisticsService

XLSX = ".xlsx"


@dataclass(frozen=True)
class ExportResult:
    path: Path
    title: str
    rows: int  # groups (statistics), cases (ledger, warnings)


class ReportWorkbooks:
    def __init__(self, db: Database) -> None:
        self._db = db
        self._statistics = StatisticsService(db)
        self._listings = ReportListingService(db)
        self._scratch = db.data_dir

    def daily(
        self,
        actor: Actor,
        day: dt.date,
        path: Path,
        filters: StatisticsFilter | None = None,
    ) -> ExportResult:
        """日报: the figures of one day, by item, department, window, clerk, channel, village;
        its title block prints the history chain heads, so a paper copy anchors the history."""
        return self._statistics_workbook(actor, Period.day(day), path, filters, daily=True)

    def range_report(
        self,
        actor: Actor,
        period: Period,
        path: Path,
        filters: StatisticsFilter | None = None,
    ) -> ExportResult:
        """统计报表 of a week, a month or any range, with the daily sheet and the charts."""
        return self._statistics_workbook(actor, period, path, filters, daily=False)

    def _statistics_workbook(
        self,
        actor: Actor,
        period: Period,
        path: Path,
        filters: StatisticsFilter | None,
        *,
        daily: bool,
    ) -> ExportResult:
        path = check_output_path(path, XLSX)
        dimensions = DAILY_DIMENSIONS if daily else RANGE_DIMENSIONS
        report = self._statistics.report(actor, period, filters, dimensions)
        history = chain_heads(self._db) if daily else ()
        journey = JourneyStatisticsService(self._db).report(actor, period)
        workbook = build_statistics_workbook(report, daily=daily, history=history, journey=journey)
        with atomic_output(path, XLSX, scratch=self._scratch) as stream:
            save_workbook(workbook, stream)
        rows = len(report.breakdowns[dimensions[0]])
        return ExportResult(path, DAILY_TITLE if daily else RANGE_TITLE, rows)

    def ledger(
        self,
        actor: Actor,
        period: Period,
        path: Path,
        filters: StatisticsFilter | None = None,
        *,
        full_personal_data: bool = False,
        progress: Callable[[int], None] | None = None,
    ) -> ExportResult:
        """办件台账: one row per case registered in ``period``, streamed to the file."""
        path = check_output_path(path, XLSX)
        with (
            atomic_output(path, XLSX, scratch=self._scratch) as stream,
            self._listings.ledger(
                actor,
                period,
                filters,
                full_personal_data=full_personal_data,
                destination=str(path),
            ) as listing,
        ):
            rows = write_ledger(stream, listing, progress)
        return ExportResult(path, listing.header.title, rows)

    def deadline_warnings(
        self,
        actor: Actor,
        path: Path,
        filters: StatisticsFilter | None = None,
        *,
        full_personal_data: bool = False,
    ) -> ExportResult:
        """超期预警清单: the open cases overdue or due soon, as of now."""
        path = check_output_path(path, XLSX)
        with (
            atomic_output(path, XLSX, scratch=self._scratch) as stream,
            self._listings.deadline_warnings(
                actor, filters, full_personal_data=full_personal_data, destination=str(path)
            ) as listing,
        ):
            workbook, rows = build_warnings_workbook(listing)
            save_workbook(workbook, stream)
        return ExportResult(path, listing.header.title, rows)
