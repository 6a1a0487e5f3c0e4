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
