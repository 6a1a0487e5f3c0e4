"""Which documents a case can print, and how often it has printed them.

Kept apart from ``printing`` (which renders with ReportLab) so that screens can ask without
loading the PDF machinery.
"""

from __future__ import annotations

from townclerk.enums import CaseStatus, DocumentKind
from townclerk.errors import UserError
from townclerk.i18n import pt, t
from townclerk.records.cases import CaseDetail

S = CaseStatus
# Which documents a case in each status can print; the first is the one printed by default.
KINDS_BY_STATUS: dict[CaseStatus, tuple[DocumentKind, ...]] = {
    S.ACCEPTED: (DocumentKind.RECEIPT,),
    S.CORRECTION: (DocumentKind.RECEIPT,),
    S.SPECIAL: (DocumentKind.RECEIPT,),
    S.COMPLETED: (DocumentKind.COMPLETION, DocumentKind.RECEIPT),
    S.DELIVERED: (DocumentKind.COMPLETION, DocumentKind.RECEIPT),
    S.NOTIFIED: (DocumentKind.NOTICE,),
    S.REFUSED: (DocumentKind.REFUSAL,),
    S.WITHDRAWN: (),
}


def printable_kinds(status: CaseStatus) -> tuple[DocumentKind, ...]:
    return KINDS_BY_STATUS[status]


def case_kinds(case: CaseDetail) -> tuple[DocumentKind, ...]:
    """What ``case`` can print: its status's documents, and the notices of what happened to
    it (a 延期's notice, reprintable in every status after it)."""
    kinds = printable_kinds(case.status)
    if case.extension is not None:
        kinds += (DocumentKind.EXTENSION_NOTICE,)
    return kinds


def default_kind(status: CaseStatus) -> DocumentKind:
    kinds = printable_kinds(status)
    if not kinds:
        raise UserError(t("办件状态为“{status}”，没有可打印的文书", status=t(status.label)))
    return kinds[0]


def check_kind(case: CaseDetail, kind: DocumentKind) -> None:
    kinds = case_kinds(case)
    if kind not in kinds:
        allowed = t("、").join(t(k.label) for k in kinds) or pt("nothing", "无")
        raise UserError(
            t(
                "办件 {number} 状态为“{status}”，不能打印{kind}（可打印：{allowed}）",
                number=case.number,
                status=t(case.status.label),
                kind=t(kind.label),
                allowed=allowed,
            )
        )


def earlier_prints(case: CaseDetail, kind: DocumentKind) -> int:
    return sum(event.printed_document is kind for event in case.events)
