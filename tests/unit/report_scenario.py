"""Fourteen cases built with the real CaseService around National Day 2026, for the statistics,
workbook and report CLI tests. Every figure the tests expect is worked out by hand in
test_statistics.py from the timeline below.

Calendar: 10-01..10-07 are holidays, Saturday 10-10 is a make-up working day, 10-11 is a Sunday.

=====  ====  ======  =======  ======================================================  =========
case   item  window  channel  story                                                   due
=====  ====  ======  =======  ======================================================  =========
c1     A     1       窗口     09-29 accepted; completed Sat 10-10 (4 days, on time)   10-12
c2     A     1       窗口     09-29 accepted; 补正 10-08..10-09; completed 10-15 late  10-14
c3     B     2       窗口     09-29 即办件 by the supervisor; delivered              09-29
c4     A     1       窗口     09-29 一次性告知 (name begins with "=")                  —
c5     A     1       窗口     09-29 不予受理                                          —
c6     A     1       窗口     09-30 accepted; withdrawn 10-15 (overdue on 10-14)       10-13
c7     A     1       村代办   09-30 accepted (王集村); still open, overdue from 10-14  10-13
c8     A     1       窗口     09-30 accepted; 特别程序 from 10-08 (before due), open    10-13
c9     C     1       窗口     09-30 accepted; 补正 from 10-12 (late), open; overdue 10-11 10-10
c10    B     2       窗口     Sat 10-10 即办件                                         10-10
c11    A     1       窗口     Sat 10-10 accepted; open, due soon                      10-16
c12    C     2       窗口     10-12 accepted by the supervisor; completed 10-15; deliv 10-15
c13    C     1       窗口     09-30 accepted; 特别程序 from 10-08, withdrawn 10-14       10-10
c14    C     2       预约     09-30 accepted; completed 10-14 (6 days, late)          10-10
=====  ====  ======  =======  ======================================================  =========

Evaluations: c3 满意 and c4 基本满意 on 09-29; c1 and c10 非常满意 on 10-10; c2 不满意 on 10-15.
Text a spreadsheet could take for a formula: c4's applicant name and c2's result begin with "=",
c4's notice with "+", c5's refusal reason with "-", c11's note with "@" (and holds a control
character).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from sqlalchemy import update

from tests.conftest import FakeClock
from tests.factories import ItemRef, intake_for, make_item, resident_id
from townclerk.db.database import Database
from townclerk.db.models import Case
from townclerk.enums import Channel, Decision, Evaluation, SpecialProcedure
from townclerk.records.cases import AgentInput, Intake
from townclerk.services.access import Actor
from townclerk.services.cases import CaseService
from townclerk.services.settings import SettingsService

REPORT_TIME = dt.datetime(2026, 10, 15, 17, 0, 0)
FORMULA_NAME = '=HYPERLINK("http://x","点我")'
AGENT_ID = resident_id("320324", "19800101", "457")
# A pasted bell character (an xlsx file cannot hold it), stored before the services refused
# control characters: written straight into the table.
CONTROL_NOTE = "@电话联系\x07申请人"


@dataclass(frozen=True)
class Scenario:
    numbers: dict[str, str]
    items: dict[str, ItemRef]
    window_ids: tuple[int, int]
    village_id: int


def at(month: int, day: int, hour: int = 9, minute: int = 30) -> dt.datetime:
    return dt.datetime(2026, month, day, hour, minute)


def build_scenario(
    db: Database, clock: FakeClock, admin: Actor, clerk: Actor, supervisor: Actor
) -> Scenario:
    settings = SettingsService(db)
    window1 = settings.add_window(admin, "综合窗口一").id
    window2 = settings.add_window(admin, "综合窗口二").id
    village = settings.add_village(admin, "王集村").id
    items = {
        "A": make_item(db, code="SCJG-001", name="个体工商户设立登记", promised_days=5),
        "B": make_item(
            db,
            code="MZ-001",
            name="老年人优待证办理",
            department="睢宁县民政局",
            promised_days=0,
            statutory_days=0,
            materials=(("居民身份证", True, False),),
        ),
        "C": make_item(
            db,
            code="RS-001",
            name="城乡居民养老保险参保登记",
            department="睢宁县人力资源和社会保障局",
            promised_days=3,
            statutory_days=10,
            materials=(("居民身份证", True, False),),
        ),
    }
    cases = CaseService(db)
    numbers: dict[str, str] = {}

    def intake(item: str, window: int, **changes: object) -> Intake:
        return replace(intake_for(items[item], window_id=window), **changes)  # type: ignore[arg-type]

    clock.set(at(9, 29))
    numbers["c1"] = cases.accept(clerk, intake("A", window1)).number
    numbers["c2"] = cases.accept(clerk, intake("A", window1)).number
    numbers["c3"] = cases.accept(supervisor, intake("B", window2)).number
    cases.deliver(supervisor, numbers["c3"])
    formula_applicant = replace(
        intake_for(items["A"], received=(), window_id=window1).applicant,
        name=FORMULA_NAME,
        id_number=resident_id(sequence="246"),
        phone="13900001111",
    )
    numbers["c4"] = cases.notify(
        clerk,
        intake("A", window1, applicant=formula_applicant, materials=()),
        extra="+请补充经营场所证明",
    ).number
    numbers["c5"] = cases.refuse(
        clerk, intake("A", window1), reason="-不属于本中心受理范围", legal_basis="@依据"
    ).number
    clock.set(at(9, 29, 10, 0))
    cases.evaluate(clerk, numbers["c3"], Evaluation.SATISFIED)
    cases.evaluate(clerk, numbers["c4"], Evaluation.BASICALLY_SATISFIED)

    clock.set(at(9, 30))
    numbers["c6"] = cases.accept(clerk, intake("A", window1)).number
    village_applicant = replace(intake_for(items["A"]).applicant, village_id=village)
    numbers["c7"] = cases.accept(
        clerk,
        intake(
            "A",
            window1,
            applicant=village_applicant,
            channel=Channel.VILLAGE_AGENT,
            agent=AgentInput("赵代办", AGENT_ID, "13700002222"),
        ),
    ).number
    numbers["c8"] = cases.accept(clerk, intake("A", window1)).number
    numbers["c9"] = cases.accept(clerk, intake("C", window1)).number
    numbers["c13"] = cases.accept(clerk, intake("C", window1)).number
    numbers["c14"] = cases.accept(clerk, intake("C", window2, channel=Channel.APPOINTMENT)).number

    clock.set(at(10, 8))
    cases.start_correction(clerk, numbers["c2"], "身份证复印件不清晰")
    cases.start_special(
        clerk, numbers["c8"], "", procedure=SpecialProcedure.INSPECTION, expected_days=5
    )
    cases.start_special(
        clerk, numbers["c13"], "", procedure=SpecialProcedure.EXPERT_REVIEW, expected_days=10
    )

    clock.set(at(10, 9))
    cases.end_correction(clerk, numbers["c2"])

    clock.set(at(10, 10))
    cases.complete(clerk, numbers["c1"], Decision.GRANTED, "营业执照")
    cases.evaluate(clerk, numbers["c1"], Evaluation.VERY_SATISFIED)
    numbers["c10"] = cases.accept(clerk, intake("B", window2)).number
    cases.evaluate(clerk, numbers["c10"], Evaluation.VERY_SATISFIED)
    numbers["c11"] = cases.accept(clerk, intake("A", window1, note="@电话联系申请人")).number
    with db.sessions.begin() as session:
        session.execute(update(Case).where(Case.number == numbers["c11"]).values(note=CONTROL_NOTE))

    clock.set(at(10, 12))
    cases.start_correction(clerk, numbers["c9"], "缺户口簿")
    numbers["c12"] = cases.accept(supervisor, intake("C", window2)).number

    clock.set(at(10, 14))
    cases.withdraw(clerk, numbers["c13"], "申请人不再办理")
    cases.complete(clerk, numbers["c14"], Decision.GRANTED, "参保登记表")

    clock.set(at(10, 15, 11, 0))
    cases.withdraw(clerk, numbers["c6"], "申请人主动撤回")
    cases.complete(
        clerk, numbers["c2"], Decision.DENIED, "=SUM(A1:A9)", reason="申请人不符合申请条件"
    )
    cases.evaluate(clerk, numbers["c2"], Evaluation.DISSATISFIED)
    cases.complete(supervisor, numbers["c12"], Decision.GRANTED, "参保凭证")
    cases.deliver(supervisor, numbers["c12"])

    clock.set(REPORT_TIME)
    return Scenario(numbers, items, (window1, window2), village)
