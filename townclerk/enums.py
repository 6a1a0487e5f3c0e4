"""The domain's closed vocabularies, stored by their English value, shown by their Chinese label."""

from __future__ import annotations

from enum import StrEnum


class LabeledEnum(StrEnum):
    """A StrEnum whose members carry the Chinese label used on screen and on paper."""

    label: str

    def __new__(cls, value: str, label: str = "") -> LabeledEnum:
        member = str.__new__(cls, value)
        member._value_ = value
        member.label = label
        return member

    @classmethod
    def from_label(cls, label: str) -> LabeledEnum:
        for member in cls:
            if member.label == label:
                return member
        raise ValueError(label)


class Role(LabeledEnum):
    CLERK = "clerk", "窗口工作人员"
    SUPERVISOR = "supervisor", "中心负责人"
    ADMIN = "admin", "系统管理员"


class Category(LabeledEnum):
    LICENSING = "licensing", "行政许可"
    CONFIRMATION = "confirmation", "行政确认"
    BENEFIT = "benefit", "行政给付"
    ADJUDICATION = "adjudication", "行政裁决"
    REWARD = "reward", "行政奖励"
    FILING = "filing", "行政备案"
    OTHER_POWER = "other_power", "其他行政权力"
    PUBLIC_SERVICE = "public_service", "公共服务"


class PowerSource(LabeledEnum):
    STATUTORY = "statutory", "法定本级行使"
    DELEGATED_FROM_ABOVE = "delegated_from_above", "上级下放"
    AUTHORISED_FROM_ABOVE = "authorised_from_above", "上级授权"
    AUTHORISED_BY_PEER = "authorised_by_peer", "同级授权"
    ENTRUSTED_FROM_ABOVE = "entrusted_from_above", "上级委托"
    ENTRUSTED_BY_PEER = "entrusted_by_peer", "同级委托"


class Level(LabeledEnum):
    TOWNSHIP = "township", "镇级"
    VILLAGE = "village", "村级"


class CaseKind(LabeledEnum):
    INSTANT = "instant", "即办件"
    PROMISED = "promised", "承诺件"


class MaterialForm(LabeledEnum):
    ORIGINAL = "original", "原件"
    COPY = "copy", "复印件"
    ORIGINAL_AND_COPY = "original_and_copy", "原件及复印件"
    ELECTRONIC = "electronic", "电子"


class ApplicantKind(LabeledEnum):
    PERSON = "person", "自然人"
    ORGANISATION = "organisation", "法人及其他组织"


class IdType(LabeledEnum):
    RESIDENT_ID = "resident_id", "居民身份证"
    USCC = "uscc", "统一社会信用代码"
    OTHER = "other", "其他证件"


class Channel(LabeledEnum):
    WINDOW = "window", "窗口"
    VILLAGE_AGENT = "village_agent", "村代办"
    APPOINTMENT = "appointment", "预约"


class CaseStatus(LabeledEnum):
    NOTIFIED = "notified", "已一次性告知"
    REFUSED = "refused", "不予受理"
    ACCEPTED = "accepted", "在办"
    CORRECTION = "correction", "补正中"
    SPECIAL = "special", "特别程序中"
    COMPLETED = "completed", "已办结"
    DELIVERED = "delivered", "已送达"
    WITHDRAWN = "withdrawn", "已撤回"


class Decision(LabeledEnum):
    GRANTED = "granted", "准予"
    DENIED = "denied", "不予"


class Evaluation(LabeledEnum):
    VERY_SATISFIED = "very_satisfied", "非常满意"
    SATISFIED = "satisfied", "满意"
    BASICALLY_SATISFIED = "basically_satisfied", "基本满意"
    DISSATISFIED = "dissatisfied", "不满意"
    VERY_DISSATISFIED = "very_dissatisfied", "非常不满意"


class MaterialState(LabeledEnum):
    RECEIVED = "received", "已收取"
    MISSING = "missing", "缺"
    TOLERATED = "tolerated", "容缺"


class PauseKind(LabeledEnum):
    CORRECTION = "correction", "补正"
    SPECIAL = "special", "特别程序"


class ResultKind(LabeledEnum):
    LICENCE = "licence", "证照"
    APPROVAL = "approval", "批文"
    OTHER = "other", "其他"
    NONE = "none", "无"


class Sex(LabeledEnum):
    MALE = "male", "男"
    FEMALE = "female", "女"
