"""The center's own settings as screens and printed documents read them."""

from __future__ import annotations

from dataclasses import dataclass


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
