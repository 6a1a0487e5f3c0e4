"""The kinds of document a case can print."""

from __future__ import annotations

from townclerk.enums import LabeledEnum
from townclerk.i18n import N_


class DocumentKind(LabeledEnum):
    RECEIPT = "receipt", N_("受理通知书")
    NOTICE = "notice", N_("一次性告知书")
    REFUSAL = "refusal", N_("不予受理通知书")
    COMPLETION = "completion", N_("办结通知书")
