"""Screen text for the domain's enumerations, in the interface language.

The enums carry their Chinese label for documents and the CLI; on screen they go through Qt's
translator like every other string, so ``--lang en`` shows English. The Chinese translations are
the enums' own labels (tests/ui/test_translations.py checks that they agree). A member not
listed here (a case action just added to the transition table) shows its label through the
message catalogue, like the rest of the table's texts.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from townclerk.case_states import CaseAction
from townclerk.enums import (
    ApplicantKind,
    CaseKind,
    CaseStatus,
    Category,
    Channel,
    Decision,
    DocumentKind,
    Evaluation,
    IdType,
    LabeledEnum,
    Level,
    MaterialForm,
    MaterialState,
    PauseKind,
    PowerSource,
    ResultKind,
    Role,
    Sex,
)
from townclerk.i18n import t
from townclerk.ui.qt_typed import QT_TRANSLATE_NOOP

CONTEXT = "EnumText"

# Pairs, not a dict keyed by member, and looked up by (enum class, value): StrEnum members of
# different enums with the same value (CaseStatus.CORRECTION, PauseKind.CORRECTION) compare equal.
SOURCES: tuple[tuple[LabeledEnum, str], ...] = (
    (Role.CLERK, QT_TRANSLATE_NOOP("EnumText", "Window clerk")),
    (Role.SUPERVISOR, QT_TRANSLATE_NOOP("EnumText", "Center supervisor")),
    (Role.ADMIN, QT_TRANSLATE_NOOP("EnumText", "System administrator")),
    (Category.LICENSING, QT_TRANSLATE_NOOP("EnumText", "Administrative licensing")),
    (Category.CONFIRMATION, QT_TRANSLATE_NOOP("EnumText", "Administrative confirmation")),
    (Category.BENEFIT, QT_TRANSLATE_NOOP("EnumText", "Administrative benefit")),
    (Category.ADJUDICATION, QT_TRANSLATE_NOOP("EnumText", "Administrative adjudication")),
    (Category.REWARD, QT_TRANSLATE_NOOP("EnumText", "Administrative reward")),
    (Category.FILING, QT_TRANSLATE_NOOP("EnumText", "Administrative filing")),
    (Category.OTHER_POWER, QT_TRANSLATE_NOOP("EnumText", "Other administrative power")),
    (Category.PUBLIC_SERVICE, QT_TRANSLATE_NOOP("EnumText", "Public service")),
    (Level.TOWNSHIP, QT_TRANSLATE_NOOP("EnumText", "Township level")),
    (Level.VILLAGE, QT_TRANSLATE_NOOP("EnumText", "Village level")),
    (CaseKind.INSTANT, QT_TRANSLATE_NOOP("EnumText", "Instant case")),
    (CaseKind.PROMISED, QT_TRANSLATE_NOOP("EnumText", "Promise-based case")),
    (MaterialForm.ORIGINAL, QT_TRANSLATE_NOOP("EnumText", "Original")),
    (MaterialForm.COPY, QT_TRANSLATE_NOOP("EnumText", "Copy")),
    (MaterialForm.ORIGINAL_AND_COPY, QT_TRANSLATE_NOOP("EnumText", "Original and copy")),
    (MaterialForm.ELECTRONIC, QT_TRANSLATE_NOOP("EnumText", "Electronic")),
    (ApplicantKind.PERSON, QT_TRANSLATE_NOOP("EnumText", "Natural person")),
    (ApplicantKind.ORGANISATION, QT_TRANSLATE_NOOP("EnumText", "Legal person or organisation")),
    (IdType.RESIDENT_ID, QT_TRANSLATE_NOOP("EnumText", "Resident ID card")),
    (IdType.USCC, QT_TRANSLATE_NOOP("EnumText", "Unified social credit code")),
    (IdType.OTHER, QT_TRANSLATE_NOOP("EnumText", "Other ID document")),
    (Sex.MALE, QT_TRANSLATE_NOOP("EnumText", "Male")),
    (Sex.FEMALE, QT_TRANSLATE_NOOP("EnumText", "Female")),
    (MaterialState.RECEIVED, QT_TRANSLATE_NOOP("EnumText", "Received")),
    (MaterialState.MISSING, QT_TRANSLATE_NOOP("EnumText", "Missing")),
    (MaterialState.TOLERATED, QT_TRANSLATE_NOOP("EnumText", "Tolerated")),
    (CaseStatus.NOTIFIED, QT_TRANSLATE_NOOP("EnumText", "One-time notice given")),
    (CaseStatus.REFUSED, QT_TRANSLATE_NOOP("EnumText", "Refused")),
    (CaseStatus.ACCEPTED, QT_TRANSLATE_NOOP("EnumText", "In progress")),
    (CaseStatus.CORRECTION, QT_TRANSLATE_NOOP("EnumText", "Awaiting correction")),
    (CaseStatus.SPECIAL, QT_TRANSLATE_NOOP("EnumText", "In special procedure")),
    (CaseStatus.COMPLETED, QT_TRANSLATE_NOOP("EnumText", "Completed")),
    (CaseStatus.DELIVERED, QT_TRANSLATE_NOOP("EnumText", "Delivered")),
    (CaseStatus.WITHDRAWN, QT_TRANSLATE_NOOP("EnumText", "Withdrawn")),
    (CaseAction.ACCEPT, QT_TRANSLATE_NOOP("EnumText", "Acceptance")),
    (CaseAction.NOTIFY, QT_TRANSLATE_NOOP("EnumText", "One-time notice")),
    (CaseAction.REFUSE, QT_TRANSLATE_NOOP("EnumText", "Refused")),
    (CaseAction.START_CORRECTION, QT_TRANSLATE_NOOP("EnumText", "Start of correction")),
    (CaseAction.END_CORRECTION, QT_TRANSLATE_NOOP("EnumText", "End of correction")),
    (CaseAction.START_SPECIAL, QT_TRANSLATE_NOOP("EnumText", "Start of special procedure")),
    (CaseAction.END_SPECIAL, QT_TRANSLATE_NOOP("EnumText", "End of special procedure")),
    (CaseAction.COMPLETE, QT_TRANSLATE_NOOP("EnumText", "Completion")),
    (CaseAction.DELIVER, QT_TRANSLATE_NOOP("EnumText", "Delivery")),
    (CaseAction.WITHDRAW, QT_TRANSLATE_NOOP("EnumText", "Withdrawal")),
    (CaseAction.EVALUATE, QT_TRANSLATE_NOOP("EnumText", "Evaluation")),
    (CaseAction.SUPPLY_MATERIAL, QT_TRANSLATE_NOOP("EnumText", "Tolerated material handed in")),
    (CaseAction.PRINT, QT_TRANSLATE_NOOP("EnumText", "Printing")),
    (CaseAction.REPRINT, QT_TRANSLATE_NOOP("EnumText", "Reprint")),
    (DocumentKind.RECEIPT, QT_TRANSLATE_NOOP("EnumText", "Acceptance receipt")),
    (DocumentKind.NOTICE, QT_TRANSLATE_NOOP("EnumText", "One-time notice letter")),
    (DocumentKind.REFUSAL, QT_TRANSLATE_NOOP("EnumText", "Notice of refusal")),
    (DocumentKind.COMPLETION, QT_TRANSLATE_NOOP("EnumText", "Completion notice")),
    (Decision.GRANTED, QT_TRANSLATE_NOOP("EnumText", "Granted")),
    (Decision.DENIED, QT_TRANSLATE_NOOP("EnumText", "Denied")),
    (Evaluation.VERY_SATISFIED, QT_TRANSLATE_NOOP("EnumText", "Very satisfied")),
    (Evaluation.SATISFIED, QT_TRANSLATE_NOOP("EnumText", "Satisfied")),
    (Evaluation.BASICALLY_SATISFIED, QT_TRANSLATE_NOOP("EnumText", "Basically satisfied")),
    (Evaluation.DISSATISFIED, QT_TRANSLATE_NOOP("EnumText", "Dissatisfied")),
    (Evaluation.VERY_DISSATISFIED, QT_TRANSLATE_NOOP("EnumText", "Very dissatisfied")),
    (Channel.WINDOW, QT_TRANSLATE_NOOP("EnumText", "At the window")),
    (Channel.VILLAGE_AGENT, QT_TRANSLATE_NOOP("EnumText", "Village agent")),
    (Channel.APPOINTMENT, QT_TRANSLATE_NOOP("EnumText", "Appointment")),
    (PauseKind.CORRECTION, QT_TRANSLATE_NOOP("EnumText", "Correction")),
    (PauseKind.SPECIAL, QT_TRANSLATE_NOOP("EnumText", "Special procedure")),
    (PowerSource.STATUTORY, QT_TRANSLATE_NOOP("EnumText", "Statutory, exercised at this level")),
    (PowerSource.DELEGATED_FROM_ABOVE, QT_TRANSLATE_NOOP("EnumText", "Delegated from above")),
    (PowerSource.AUTHORISED_FROM_ABOVE, QT_TRANSLATE_NOOP("EnumText", "Authorised from above")),
    (
        PowerSource.AUTHORISED_BY_PEER,
        QT_TRANSLATE_NOOP("EnumText", "Authorised by a peer department"),
    ),
    (PowerSource.ENTRUSTED_FROM_ABOVE, QT_TRANSLATE_NOOP("EnumText", "Entrusted from above")),
    (
        PowerSource.ENTRUSTED_BY_PEER,
        QT_TRANSLATE_NOOP("EnumText", "Entrusted by a peer department"),
    ),
    (ResultKind.LICENCE, QT_TRANSLATE_NOOP("EnumText", "Licence or certificate")),
    (ResultKind.APPROVAL, QT_TRANSLATE_NOOP("EnumText", "Approval document")),
    (ResultKind.OTHER, QT_TRANSLATE_NOOP("EnumText", "Other result")),
    (ResultKind.NONE, QT_TRANSLATE_NOOP("EnumText", "No result document")),
)

_BY_CLASS: dict[tuple[type, str], str] = {
    (type(member), member.value): source for member, source in SOURCES
}


def enum_text(member: LabeledEnum) -> str:
    """The member's name in the interface language."""
    source = _BY_CLASS.get((type(member), member.value))
    if source is None:
        return t(member.label)
    return QCoreApplication.translate(CONTEXT, source)
