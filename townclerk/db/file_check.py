"""Telling a damaged SQLite file from a healthy one before anything opens it.

Reading the 100-byte header is enough for the damage a disk, a copy or a careless tool leaves
behind: an empty file, random bytes, a file cut short (the header records how many pages the
file has). A file that passes is opened normally; damage deeper inside surfaces as SQLite's own
"malformed" error, which :func:`is_corruption_error` recognises.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from townclerk.errors import DatabaseCorrupt
from townclerk.i18n import t

SQLITE_MAGIC = b"SQLite format 3\x00"
HEADER_SIZE = 100
_CORRUPTION_MARKERS = ("file is not a database", "database disk image is malformed")


def is_corruption_error(error: BaseException) -> bool:
    return isinstance(error, sqlite3.DatabaseError) and any(
        marker in str(error).lower() for marker in _CORRUPTION_MARKERS
    )


def damage_of(db_file: Path) -> str | None:
    """What is wrong with an existing SQLite file's header (a short reason), or None."""
    size = db_file.stat().st_size
    if size == 0:
        return t("文件为空（0 字节）")
    with db_file.open("rb") as handle:
        header = handle.read(HEADER_SIZE)
    if len(header) < HEADER_SIZE or not header.startswith(SQLITE_MAGIC):
        return t("不是 SQLite 数据库文件")
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    if page_size < 512 or page_size & (page_size - 1):
        return t("文件头已损坏")
    change_counter = header[24:28]
    pages = int.from_bytes(header[28:32], "big")
    valid_for = header[92:96]
    if change_counter == valid_for and pages and size < pages * page_size:
        return t(
            "文件被截断（应有 {expected} 字节，只有 {size} 字节）",
            expected=pages * page_size,
            size=size,
        )
    return None


def check_not_corrupt(db_file: Path) -> None:
    """Raise :class:`DatabaseCorrupt` when an existing file is visibly damaged."""
    if not db_file.exists():
        return
    reason = damage_of(db_file)
    if reason is not None:
        raise DatabaseCorrupt(t("数据库文件 {path} 已损坏：{reason}", path=db_file, reason=reason))
