"""The domain's closed vocabularies, stored by their English value, shown by their Chinese label."""

from __future__ import annotations

from enum import StrEnum

from townclerk.i18n import N_


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
    CLERK = "clerk", N_("窗口工作人员")
    SUPERVISOR = "supervisor", N_("中心负责人")
    ADMIN = "admin", N_("系统管理员")
    # 后台审批: a county department's officer at a desk in the center, deciding its cases.
    BACK_OFFICE = "back_office", N_("后台审批人员")
    # 村代办员 at a village service point: pre-registers, never accepts.
    VILLAGE_AGENT = "village_agent", N_("村代办员")


class Category(LabeledEnum):
    LICENSING = "licensing", N_("行政许可")
    CONFIRMATION = "confirmation", N_("行政确认")
    BENEFIT = "benefit", N_("行政给付")
    ADJUDICATION = "adjudication", N_("行政裁决")
    REWARD = "reward", N_("行政奖励")
    FILING = "filing", N_("行政备案")
    OTHER_POWER = "other_power", N_("其他行政权力")
    PUBLIC_SERVICE = "public_service", N_("公共服务")


class PowerSource(LabeledEnum):
    STATUTORY = "statutory", N_("法定本级行使")
    DELEGATED_FROM_ABOVE = "delegated_from_above", N_("上级下放")
    AUTHORISED_FROM_ABOVE = "authorised_from_above", N_("上级授权")
    AUTHORISED_BY_PEER = "authorised_by_peer", N_("同级授权")
    ENTRUSTED_FROM_ABOVE = "entrusted_from_above", N_("上级委托")
    ENTRUSTED_BY_PEER = "entrusted_by_peer", N_("同级委托")


class Level(LabeledEnum):
    TOWNSHIP = "township", N_("镇级")
    VILLAGE = "village", N_("村级")


class Routing(LabeledEnum):
    """Where an item is decided (前台综合受理、后台分类审批): at the window, at the back-office
    desk of its department, or by the county after the township's 初审 (转报)."""

    WINDOW = "window", N_("窗口办结")
    BACK_OFFICE = "back_office", N_("后台审批")
    COUNTY = "county", N_("初审转报")


class Holder(LabeledEnum):
    """Who has a case's papers now."""

    WINDOW = "window", N_("综合窗口")
    DESK = "desk", N_("后台审批")
    COUNTY = "county", N_("县级部门")
    VILLAGE = "village", N_("村便民服务点")


class CaseKind(LabeledEnum):
    INSTANT = "instant", N_("即办件")
    PROMISED = "promised", N_("承诺件")


class MaterialForm(LabeledEnum):
    ORIGINAL = "original", N_("原件")
    COPY = "copy", N_("复印件")
    ORIGINAL_AND_COPY = "original_and_copy", N_("原件及复印件")
    ELECTRONIC = "electronic", N_("电子")


class ApplicantKind(LabeledEnum):
    PERSON = "person", N_("自然人")
    ORGANISATION = "organisation", N_("法人及其他组织")


class IdType(LabeledEnum):
    RESIDENT_ID = "resident_id", N_("居民身份证")
    USCC = "uscc", N_("统一社会信用代码")
    OTHER = "other", N_("其他证件")


class Channel(LabeledEnum):
    WINDOW = "window", N_("窗口")
    VILLAGE_AGENT = "village_agent", N_("村代办")
    APPOINTMENT = "appointment", N_("预约")


class CaseStatus(LabeledEnum):
    NOTIFIED = "notified", N_("已一次性告知")
    REFUSED = "refused", N_("不予受理")
    ACCEPTED = "accepted", N_("在办")
    CORRECTION = "correction", N_("补正中")
    SPECIAL = "special", N_("特别程序中")
    COMPLETED = "completed", N_("已办结")
    DELIVERED = "delivered", N_("已送达")
    WITHDRAWN = "withdrawn", N_("已撤回")


# A case is open (在办) while it can still be completed: its deadline runs or is paused.
OPEN_STATUSES = (CaseStatus.ACCEPTED, CaseStatus.CORRECTION, CaseStatus.SPECIAL)


class Decision(LabeledEnum):
    GRANTED = "granted", N_("准予")
    DENIED = "denied", N_("不予")


class Evaluation(LabeledEnum):
    VERY_SATISFIED = "very_satisfied", N_("非常满意")
    SATISFIED = "satisfied", N_("满意")
    BASICALLY_SATISFIED = "basically_satisfied", N_("基本满意")
    DISSATISFIED = "dissatisfied", N_("不满意")
    VERY_DISSATISFIED = "very_dissatisfied", N_("非常不满意")


class MaterialState(LabeledEnum):
    RECEIVED = "received", N_("已收取")
    MISSING = "missing", N_("缺")
    TOLERATED = "tolerated", N_("容缺")


class PauseKind(LabeledEnum):
    CORRECTION = "correction", N_("补正")
    SPECIAL = "special", N_("特别程序")


class ResultKind(LabeledEnum):
    LICENCE = "licence", N_("证照")
    APPROVAL = "approval", N_("批文")
    OTHER = "other", N_("其他")
    NONE = "none", N_("无")


class Sex(LabeledEnum):
    MALE = "male", N_("男")
    FEMALE = "female", N_("女")


class DocumentKind(LabeledEnum):
    RECEIPT = "receipt", N_("受理通知书")
    NOTICE = "notice", N_("一次性告知书")
    REFUSAL = "refusal", N_("不予受理通知书")
    COMPLETION = "completion", N_("办结通知书")
    DENIAL = "denial", N_("不予行政许可决定书")
    CORRECTION_NOTICE = "correction_notice", N_("补正材料通知书")
    SPECIAL_NOTICE = "special_notice", N_("特别程序告知书")
    EXTENSION_NOTICE = "extension_notice", N_("延长办理期限通知书")
    SERVICE_RECEIPT = "service_receipt", N_("送达回证")
    # 初审转报: the township's letter sending its 初审意见 and the papers to the county body.
    REFERRAL_LETTER = "referral_letter", N_("转报函")
    # Papers passed between the window and a back office (前台受理、后台审批), signed by both.
    TRANSFER_VOUCHER = "transfer_voucher", N_("物料流转凭证")


class DeliveryMethod(LabeledEnum):
    """How a decision reached the applicant (送达方式), as the 送达回证 records it."""

    DIRECT = "direct", N_("直接送达")
    MAIL = "mail", N_("邮寄送达")
    ELECTRONIC = "electronic", N_("电子送达")
    AGENT = "agent", N_("代办员转交")


class SpecialProcedure(LabeledEnum):
    """The procedures whose time does not count toward the deadline (《行政许可法》第45条:
    听证、招标、拍卖、检验、检测、检疫、鉴定和专家评审; 公示 where a law or regulation
    requires it)."""

    HEARING = "hearing", N_("听证")
    TENDER = "tender", N_("招标")
    AUCTION = "auction", N_("拍卖")
    INSPECTION = "inspection", N_("检验")
    TESTING = "testing", N_("检测")
    QUARANTINE = "quarantine", N_("检疫")
    APPRAISAL = "appraisal", N_("鉴定")
    EXPERT_REVIEW = "expert_review", N_("专家评审")
    PUBLICITY = "publicity", N_("公示")


class PreRegistrationStatus(LabeledEnum):
    """A village pre-registration (预登记): provisional until the township's window accepts it."""

    PENDING = "pending", N_("待交接")  # registered at the village point, not yet on a 交接单
    SENT = "sent", N_("已交接")  # on a 交接单 carried to the township
    ACCEPTED = "accepted", N_("已受理")  # the window accepted it: it has a case number
    NOTIFIED = "notified", N_("一次性告知")  # sent back with what is missing
    NOT_RECEIVED = "not_received", N_("未收到")  # listed but not in the bag
    CANCELLED = "cancelled", N_("已撤销")  # the resident changed their mind before it left


class TransferDirection(LabeledEnum):
    """A trip of the village agent: papers to the township (交接单) or results back (返还清单)."""

    TO_TOWNSHIP = "to_township", N_("交接单")
    TO_VILLAGE = "to_village", N_("返还清单")


class StationMode(LabeledEnum):
    """What a database serves: the township's center, or one village point's laptop."""

    TOWNSHIP = "township", N_("镇为民服务中心")
    VILLAGE_POINT = "village_point", N_("村便民服务点")
