"""The center's own settings as screens and printed documents read them."""

from __future__ import annotations

from dataclasses import dataclass

from townclerk.i18n import N_

# The reasons offered in the 不予受理 and 补正 dialogs until an admin edits them (Settings).
DEFAULT_REFUSAL_REASONS = (
    N_("申请事项不属于本机关职权范围"),
    N_("申请材料不符合法定形式且无法补正"),
    N_("申请人不具备申请资格"),
)
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
