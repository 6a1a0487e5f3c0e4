"""Backup file names and the manifest beside each backup.

A backup ``320324101-20261127-093000-manual.sqlite3`` (plain SQLite: any SQLite tool opens it),
``….sqlite3.enc`` (encrypted) or ``….pgdump`` (PostgreSQL custom format) has its manifest
``320324101-20261127-093000-manual.json`` beside it, so listing backups never opens a big file.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import asdict
from pathlib import Path

from townclerk.private_files import replace_whole
from townclerk.records.backups import BackupInfo

MANIFEST_SUFFIX = ".json"
STAMP = "%Y%m%d-%H%M%S"
DATA_SUFFIXES = (".sqlite3.enc", ".sqlite3", ".pgdump.enc", ".pgdump")


def base_name(center_code: str, created_at: dt.datetime, reason: str) -> str:
    return f"{center_code}-{created_at.strftime(STAMP)}-{reason}"


def data_suffix(engine: str, encrypted: bool) -> str:
    suffix = ".sqlite3" if engine == "sqlite" else ".pgdump"
    return suffix + (".enc" if encrypted else "")


def manifest_path(data_file: Path) -> Path:
    name = data_file.name
    for suffix in DATA_SUFFIXES:
        if name.endswith(suffix):
            return data_file.with_name(name[: -len(suffix)] + MANIFEST_SUFFIX)
    return data_file.with_name(name + MANIFEST_SUFFIX)


def is_backup_data(path: Path) -> bool:
    return path.is_file() and path.name.endswith(DATA_SUFFIXES)


def write_manifest(info: BackupInfo) -> Path:
    """Write the manifest beside ``info.path`` (private, complete or not at all)."""
    fields = asdict(info)
    fields["path"] = info.path.name
    fields["created_at"] = info.created_at.isoformat(timespec="seconds")
    target = manifest_path(info.path)
    with replace_whole(target) as stream:
        stream.write(json.dumps(fields, ensure_ascii=False, indent=1, sort_keys=True).encode())
    return target


def read_manifest(data_file: Path) -> BackupInfo | None:
    """The manifest of ``data_file``, or None when it is missing or unreadable."""
    try:
        with manifest_path(data_file).open(encoding="utf-8") as handle:
            fields = json.load(handle)
        return BackupInfo(
            path=data_file,
            created_at=dt.datetime.fromisoformat(fields["created_at"]),
            reason=str(fields["reason"]),
            engine=str(fields["engine"]),
            townclerk_version=str(fields["townclerk_version"]),
            schema_revision=fields["schema_revision"],
            center_code=str(fields["center_code"]),
            center_name=str(fields["center_name"]),
            encrypted=bool(fields["encrypted"]),
            size=int(fields["size"]),
            sha256=str(fields["sha256"]),
            row_counts={str(k): int(v) for k, v in fields["row_counts"].items()},
        )
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
