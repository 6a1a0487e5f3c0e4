"""延长办理期限通知书 (第42条): printed through the renderer and archive, reprintable from the case
in every later status, saying what the law requires the applicant be told."""

from __future__ import annotations

import datetime as dt

import pytest
from pypdf import PdfReader

from tests.conftest import FakeClock
from tests.factories import intake_for, make_item
from tests.people import PASSWORD
from townclerk.db.database import Database
from townclerk.enums import Decision, DocumentKind
from townclerk.errors import UserError
from townclerk.records.approval import SupervisorCredentials
from townclerk.services.access import Actor
from townclerk.services.cases import CaseService
from townclerk.services.printable import kinds_for
from townclerk.services.printing import PrintService

REASON = "需实地核查经营场所是否符合条件"


def text_of(path: object) -> str:
    reader = PdfReader(str(path))
    return "".join("".join(page.extract_text().split()) for page in reader.pages)


def extended(db: Database, clerk: Actor, supervisor: Actor, clock: FakeClock) -> str:
    service = CaseService(db)
    number = service.accept(clerk, intake_for(make_item(db))).number
    clock.set(dt.datetime(2026, 10, 20, 10))
    service.extend(clerk, number, 8, REASON, credentials=SupervisorCredentials("chief", PASSWORD))
    return number


def test_notice_says_limit_extension_reason_new_date_and_basis(
    db: Database, clerk: Actor, supervisor: Actor, clock: FakeClock
) -> None:
    number = extended(db, clerk, supervisor, clock)
    printed = PrintService(db).render(clerk, number, DocumentKind.EXTENSION_NOTICE)
    assert printed.path.name == f"{number}-extension_notice.pdf"
    text = text_of(printed.path)
    for expected in (
        "延长办理期限通知书",
        "睢宁县示范镇为民服务中心",
        f"编号：{number}",
        "张伟",
        "个体工商户设立登记",
        "法定办理期限为15个工作日",
        f"因{REASON}，在法定期限内不能作出决定",
        "经本机关负责人批准",
        "办理期限延长8个工作日，将于2026年11月5日前作出决定",
        "原法定办理期限15个工作日",
        "延长期限8个工作日",
        "延长后办结日期2026年11月5日",
        "一、延长期限的理由",  # numbered like every other document's sections
        "二、法律依据《中华人民共和国行政许可法》第四十二条第一款",
        "可以延长十日，并应当将延长期限的理由告知申请人",
        "不计算在办理期限内",
        "申请人（代办人）签收：",
        "2026年10月20日",  # the day of the decision, beside the seal
    ):
        assert expected in text, expected
    assert "320324199003151238" not in text  # the ID number is masked


def test_reprinted_from_a_completed_case(
    db: Database, clerk: Actor, supervisor: Actor, clock: FakeClock
) -> None:
    number = extended(db, clerk, supervisor, clock)
    service = PrintService(db)
    service.render(clerk, number, DocumentKind.EXTENSION_NOTICE)
    CaseService(db).complete(clerk, number, Decision.GRANTED, "营业执照")
    assert DocumentKind.EXTENSION_NOTICE in kinds_for(CaseService(db).get(clerk, number))
    again = service.render(clerk, number, DocumentKind.EXTENSION_NOTICE)
    assert again.path.name == f"{number}-extension_notice-补打1.pdf"
    text = text_of(again.path)
    assert "补打" in text and "延长期限8个工作日" in text


def test_a_case_never_extended_has_no_notice(db: Database, clerk: Actor) -> None:
    number = CaseService(db).accept(clerk, intake_for(make_item(db))).number
    assert DocumentKind.EXTENSION_NOTICE not in kinds_for(CaseService(db).get(clerk, number))
    with pytest.raises(UserError, match="不能打印延长办理期限通知书"):
        PrintService(db).render(clerk, number, DocumentKind.EXTENSION_NOTICE)
