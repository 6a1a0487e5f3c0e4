"""The kinds of document a case can print."""

from __future__ import annotations

from townclerk.enums import LabeledEnum


class DocumentKind(LabeledEnum):
    RECEIPT = "receipt", "受理通知书"
    NOTICE = "notice", "一次性告知书"
    REFUSAL = "refusal", "不予受理通知书"
    COMPLETION = "completion", "办结通知书"
