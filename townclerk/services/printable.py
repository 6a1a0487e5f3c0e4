"""Which documents a case can print, and how often it has printed them.

Kept apart from ``printing`` (which renders with ReportLab) so that screens can ask without
loading the PDF machinery.
"""

from __future__ import annotations

from townclerk.enums import CaseStatus, Decision, DocumentKind, PauseKind
from townclerk.errors import UserError
from townclerk.i18n import pt, t
from townclerk.records.cases import CaseDetail

S = CaseStatus
D = DocumentKind
# Which documents a case in each status can print; the first is the one printed by default.
# The 送达回证 of a decision not yet served is printed blank, to be filled in and signed.
KINDS_BY_STATUS: dict[CaseStatus, tuple[DocumentKind, ...]] = {
    S.ACCEPTED: (D.RECEIPT,),
    S.CORRECTION: (D.CORRECTION_NOTICE, D.RECEIPT),
    S.SPECIAL: (D.SPECIAL_NOTICE, D.RECEIPT),
    S.COMPLETED: (D.COMPLETION, D.SERVICE_RECEIPT, D.RECEIPT),
    S.DELIVERED: (D.COMPLETION, D.SERVICE_RECEIPT, D.RECEIPT),
    S.NOTIFIED: (D.NOTICE,),
    S.REFUSED: (D.REFUSAL, D.SERVICE_RECEIPT),
    S.WITHDRAWN: (),
}
# A notice a pause gave the applicant stays reprintable (补打) once the pause is over.
PAUSE_NOTICES = {PauseKind.CORRECTION: D.CORRECTION_NOTICE, PauseKind.SPECIAL: D.SPECIAL_NOTICE}


def printable_kinds(
    status: CaseStatus, decision: Decision | None = None
) -> tuple[DocumentKind, ...]:
    """A denied case's decision is the 不予行政许可决定书 (第38条), not a 办结通知书."""
    kinds = KINDS_BY_STATUS[status]
    if decision is Decision.DENIED:
        kinds = tuple(DocumentKind.DENIAL if k is DocumentKind.COMPLETION else k for k in kinds)
    return kinds


def kinds_for(case: CaseDetail) -> tuple[DocumentKind, ...]:
    """What ``case`` can print: its status's documents, then the notices of what happened to it
    (its past pauses, a 延期, a hand-over of its papers), reprintable in every status after it."""
    kinds = printable_kinds(case.status, case.decision)
    earned = tuple(
        kind
        for pause_kind, kind in PAUSE_NOTICES.items()
        if kind not in kinds and case.last_pause(pause_kind) is not None
    )
    if case.extension is not None:
        earned += (DocumentKind.EXTENSION_NOTICE,)
    if case.journey is not None and case.journey.sent_to_county_on is not None:
        earned += (DocumentKind.REFERRAL_LETTER,)  # printed at 转报, reprintable after
    if case.journey is not None and case.journey.handovers:
        earned += (DocumentKind.TRANSFER_VOUCHER,)  # of its latest hand-over
    return kinds + earned


def default_kind(status: CaseStatus, decision: Decision | None = None) -> DocumentKind:
    kinds = printable_kinds(status, decision)
    if not kinds:
        raise UserError(t("办件状态为“{status}”，没有可打印的文书", status=t(status.label)))
    return kinds[0]


def check_kind(case: CaseDetail, kind: DocumentKind) -> None:
    kinds = kinds_for(case)
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
