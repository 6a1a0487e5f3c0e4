"""The two deadlines of a case and the rule of 延期, without a database.

Every accepted case runs against two dates (DOMAIN.md: "Statutory and promised deadlines are
tracked apart"): the promised one (承诺时限, what the center undertook) and the statutory one
(法定时限 of the item, plus a 延期 if one was granted). Both count working days from the day after
acceptance and skip the working days of closed pauses. A pause still running is left out: the
stored dates of a paused case are recomputed when the pause ends, like the promised date always was.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from townclerk.errors import UserError
from townclerk.i18n import t
from townclerk.workdays import Pause, WorkCalendar

# 《行政许可法》第42条: the head of the body may extend the limit by ten working days, once.
MAX_EXTENSION_DAYS = 10


def statutory_due_date(
    calendar: WorkCalendar,
    received_on: dt.date,
    statutory_days: int,
    extension_days: int,
    pauses: Sequence[Pause],
) -> dt.date:
    """The statutory due date: the item's limit plus the 延期, counted like the promised date
    (:meth:`WorkCalendar.due_date`); a pause still running is left for its end to count."""
    closed = [pause for pause in pauses if pause.end is not None]
    return calendar.due_date(received_on, statutory_days + extension_days, closed)


def check_extension(
    days: int,
    *,
    already_extended: int,
    statutory_due_date: dt.date | None,
    paused: bool,
    today: dt.date,
) -> None:
    """Refuse a 延期 the law does not allow: a second one, none or more than ten working days,
    or one asked for after the statutory limit has run out (第42条 extends a limit still
    running: "在法定期限内不能作出决定的")."""
    if already_extended:
        raise UserError(
            t(
                "该办件已延期{days}个工作日；依法只能延期一次",
                days=already_extended,
            )
        )
    if not 1 <= days <= MAX_EXTENSION_DAYS:
        raise UserError(
            t(
                "延长的期限应为1至{limit}个工作日（《行政许可法》第四十二条），现为{days}",
                limit=MAX_EXTENSION_DAYS,
                days=days,
            )
        )
    if statutory_due_date is not None and statutory_due_date < today and not paused:
        raise UserError(
            t(
                "法定办理期限已于{date:%Y-%m-%d}届满，不能再延期",
                date=statutory_due_date,
            )
        )
