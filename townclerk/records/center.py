"""The center's own settings as screens and printed documents read them."""

from __future__ import annotations

import re
from dataclasses import dataclass

from townclerk.enums import StationMode
from townclerk.i18n import N_

# The reasons offered in the 不予受理 and 补正 dialogs until an admin edits them (Settings).
DEFAULT_REFUSAL_REASONS = (
    N_("申请事项不属于本机关职权范围"),
    N_("申请材料不符合法定形式且无法补正"),
    N_("申请人不具备申请资格"),
)
# A refusal because the matter is not ours names the body to apply to (行政许可法 第32条(二)).
OUTSIDE_POWERS_MARK = "职权范围"

# 初审时限: the township's own working days for a 初审转报 item, in the catalog and the
# center's default alike.
MIN_REVIEW_DAYS = 1
MAX_REVIEW_DAYS = 60

DEFAULT_CORRECTION_REASONS = (
    N_("申请材料不齐全"),
    N_("申请表填写不完整或有误"),
    N_("证明材料与原件不一致"),
)


@dataclass(frozen=True)
class CenterSettings:
    center_name: str = "为民服务中心"
    center_code: str = "320000000"
    phone: str = ""
    address: str = ""
    receipt_footer: str = "请妥善保管本通知书，凭此领取办理结果。"
    paper_size: str = "A4"
    two_part: bool = False
    idle_lock_minutes: int = 10
    warning_days: int = 2
    # 初审转报: the township's own working days to review a case and send it to the county,
    # for an item whose catalog row gives none (初审时限).
    review_days: int = 5
    # Backups (see services/backups.py): a second folder (USB drive, network share) beside the
    # data folder's backups/, the automatic interval, the rotation, encryption with a passphrase.
    backup_second_location: str = ""
    backup_interval_hours: int = 4
    backup_keep_daily: int = 7
    backup_keep_weekly: int = 4
    backup_keep_monthly: int = 12
    backup_encrypt: bool = False
    # The common reasons the dialogs offer, one per entry (stored one a line); a clerk may
    # still type any other.
    refusal_reasons: tuple[str, ...] = DEFAULT_REFUSAL_REASONS
    correction_reasons: tuple[str, ...] = DEFAULT_CORRECTION_REASONS
    # Who decides (DOMAIN.md "Who decides"): the township government and its seal, and where
    # the applicant may appeal (行政复议法 2023 第20、24条; 行政诉讼法 第46条). Left empty, each
    # is derived from the names above (see the properties below).
    government_name: str = ""
    government_seal: str = ""
    review_body: str = ""
    court: str = ""
    # What this database serves: the township's center, or one village point's laptop (which
    # then names its point, the code heading its pre-registrations' references).
    station_mode: StationMode = StationMode.TOWNSHIP
    village_point_code: str = ""

    @property
    def government(self) -> str:
        """The township government, as set or read from the center's name
        (睢宁县示范镇为民服务中心 → 睢宁县示范镇人民政府); the center's name as a last resort."""
        return self.government_name or government_from_center(self.center_name) or self.center_name

    @property
    def seal(self) -> str:
        return self.government_seal or f"{self.government}行政审批专用章"

    @property
    def appeal_review_body(self) -> str:
        """The 复议机关: as set, else the county government (第24条)."""
        county = county_of(self.government)
        return self.review_body or (f"{county}人民政府" if county else "")

    @property
    def appeal_court(self) -> str:
        county = county_of(self.government)
        return self.court or (f"{county}人民法院" if county else "")


def refusal_needs_competent_body(reason: str) -> bool:
    """Whether a refusal's reason is that the matter is outside our powers (第32条(二))."""
    return OUTSIDE_POWERS_MARK in reason


_CENTER_SUFFIX = re.compile(r"(为民|便民|政务)服务中心$")
# A township government's name: the county (县, 区, 县级市, 旗) and the township (镇, 乡, 街道).
_TOWNSHIP_GOVERNMENT = re.compile(
    r"(?P<county>.+?[县区市旗])[^县区市旗]+?(?:(?:镇|乡)人民政府|街道办事处)"
)


def government_from_center(center_name: str) -> str:
    """睢宁县示范镇为民服务中心 → 睢宁县示范镇人民政府 (a 街道's: …街道办事处); "" when the
    name does not say."""
    stem = _CENTER_SUFFIX.sub("", center_name)
    if not stem or stem == center_name:
        return ""
    return f"{stem}办事处" if stem.endswith("街道") else f"{stem}人民政府"


def county_of(government: str) -> str:
    """睢宁县示范镇人民政府 → 睢宁县; 徐州市铜山区某镇人民政府 → 徐州市铜山区; "" if unknown."""
    match = _TOWNSHIP_GOVERNMENT.fullmatch(government)
    return match.group("county") if match else ""
