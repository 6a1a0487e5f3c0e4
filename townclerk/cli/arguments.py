"""Argument types shared by the commands: a bad value is a usage error (exit 2), never a
traceback further on."""

from __future__ import annotations

import argparse
import re
from collections.abc import Callable

from townclerk.i18n import t


def whole_number(low: int, high: int) -> Callable[[str], int]:
    """An argparse type accepting whole numbers from ``low`` to ``high``."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            value = None
        if value is None or not low <= value <= high:
            raise argparse.ArgumentTypeError(
                t("须为 {low} 至 {high} 之间的整数：{text}", low=low, high=high, text=text)
            )
        return value

    parse.__name__ = "whole number"  # argparse names the type in its messages
    return parse


def database_name(text: str) -> str:
    """A PostgreSQL database name townclerk creates: lower-case letters, digits and ``_``,
    starting with a letter (the role names ``<name>_owner`` and ``<name>_app`` derive from it)."""
    if not re.fullmatch(r"[a-z][a-z0-9_]{0,40}", text):
        raise argparse.ArgumentTypeError(
            t("数据库名只能用小写字母、数字和下划线，以字母开头，至多 41 个字符：{text}", text=text)
        )
    return text
