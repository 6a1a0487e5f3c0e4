"""Files only their owner can read: the data folder holds argon2 hashes and every resident's ID.

On POSIX the data folder is 0700 and the files townclerk writes in it (database, its -wal and
-shm, logs, archived documents, exports saved there, backups) are 0600, whatever the umask.
Windows keeps the ACLs of the user's profile folder, which already limit it to the user.

Temporary files (``.tmp``, ``.part``) carry the writer's process id in their name, so the sweep at
start removes those a killed export or print left behind without touching a running one's.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import secrets
import shutil
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import IO

FOLDER_MODE = 0o700
FILE_MODE = 0o600
TEMPORARY_SUFFIXES = (".tmp", ".part")
_POSIX = os.name == "posix"
_COPY_CHUNK = 1 << 20
# The archive of printed documents, by year and month of the case (services/printing.py), and
# how many of its newest months the start looks at (see secure_data_folder).
_DOCUMENTS = "documents"
RECENT_DOCUMENT_MONTHS = 2
# ".<anything>.<pid>-<random>.tmp|part", as private_temporary names them
_TEMPORARY_NAME = re.compile(r"^\..*\.(\d+)-[0-9a-f]{8,}\.(tmp|part)$")


def private_folder(folder: Path) -> Path:
    """Create ``folder`` and any missing parents, each owner-only whatever the umask; an
    existing ``folder`` is made owner-only too where its owner may (POSIX; a share that keeps
    its own permissions is used as it is)."""
    missing = []
    current = folder
    while not current.exists() and current.parent != current:
        missing.append(current)
        current = current.parent
    for path in reversed(missing):
        with contextlib.suppress(FileExistsError):
            path.mkdir(mode=FOLDER_MODE)
        if _POSIX:
            os.chmod(path, FOLDER_MODE)
    if _POSIX and not missing:
        with contextlib.suppress(OSError):
            os.chmod(folder, FOLDER_MODE)
    return folder


def create_private_file(path: Path) -> None:
    """Create ``path`` empty with mode 0600 if it does not exist (so SQLite, a log handler or
    anything else that later opens it finds it private); an existing file is tightened."""
    with contextlib.suppress(FileExistsError):
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE))
    tighten(path)


def tighten(path: Path) -> None:
    """Make an existing regular file 0600 where its owner may (POSIX): a missing file, or one
    another user owns, is left to what opening it will say."""
    if not _POSIX:
        return
    with contextlib.suppress(OSError):
        mode = path.lstat().st_mode
        if stat.S_ISREG(mode) and stat.S_IMODE(mode) != FILE_MODE:
            os.chmod(path, FILE_MODE)


def private_temporary(folder: Path, prefix: str, suffix: str = ".tmp") -> tuple[int, Path]:
    """A new 0600 file ``.<prefix>.<pid>-<random><suffix>`` in ``folder``: (descriptor, path).

    The process id in the name tells :func:`secure_data_folder` whether its writer is still alive.
    """
    if suffix not in TEMPORARY_SUFFIXES:
        raise ValueError(f"temporary files end in {TEMPORARY_SUFFIXES}, not {suffix!r}")
    while True:
        path = folder / f".{prefix}.{os.getpid()}-{secrets.token_hex(6)}{suffix}"
        try:
            flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
            return os.open(path, flags, FILE_MODE), path
        except FileExistsError:
            continue


@contextlib.contextmanager
def replace_whole(target: Path, mode: int = FILE_MODE) -> Iterator[IO[bytes]]:
    """A stream that becomes ``target`` only when the block succeeds: written to a temporary
    file beside it (0600 while it is written, whatever the umask), synced, given ``mode``, then
    renamed over it."""
    handle, temporary = private_temporary(target.parent, target.name, ".part")
    try:
        with os.fdopen(handle, "wb") as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        if _POSIX and mode != FILE_MODE:
            os.chmod(temporary, mode)
        os.replace(temporary, target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def copy_whole(source: Path, target: Path, mode: int = FILE_MODE) -> Path:
    """Copy ``source`` to ``target``, complete or not at all (see :func:`replace_whole`)."""
    with source.open("rb") as original, replace_whole(target, mode) as stream:
        shutil.copyfileobj(original, stream, _COPY_CHUNK)
    return target


def default_file_mode() -> int:
    """The mode a new file gets under this process's umask (for files the user hands on)."""
    if not _POSIX:
        return 0o666
    mask = os.umask(0o077)
    os.umask(mask)
    return 0o666 & ~mask


def _writer_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    if not _POSIX:
        return False  # Windows refuses to delete a file a live process holds open
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _remove_leftover(path: Path) -> bool:
    match = _TEMPORARY_NAME.match(path.name)
    if match and _writer_alive(int(match.group(1))):
        return False
    try:
        path.unlink()
    except OSError:
        return False  # in use (Windows) or not ours to remove
    return True


def secure_data_folder(folder: Path, today: dt.date | None = None) -> list[Path]:
    """At start: the data folder and its small folders (logs, backups) owner-only, the files in
    them 0600, leftover temporary files removed; and the same for the archive of documents'
    :data:`RECENT_DOCUMENT_MONTHS` newest months. Returns the leftovers removed.

    The archive grows by a folder a month and can hold a hundred thousand PDFs, so the start
    does not walk it all: its folders are made 0700 and its files 0600 when a print creates them
    (a file in a 0700 folder is out of other users' reach anyway), so the only thing to find
    there is the ``.part`` of a print killed while writing. A print goes to the month its case
    was received in, and prints are made while a case runs (a few weeks, its statutory limit),
    so such a leftover lies in the last two months; only those are looked at, by file name (no
    stat per file). What cannot be changed (not the owner, a read-only medium) is left as it
    is: opening the database then says what is wrong.
    """
    if not folder.is_dir():
        return []
    removed: list[Path] = []
    pending = [folder]
    while pending:
        current = pending.pop()
        subfolders = _secure_folder(current, tighten_files=True, removed=removed)
        pending += [sub for sub in subfolders if sub != folder / _DOCUMENTS]
    documents = folder / _DOCUMENTS
    if documents.is_dir():
        _make_private(documents)
        for year, month in _recent_months(today or dt.date.today()):
            if (documents / year / month).is_dir():
                _make_private(documents / year)
                _secure_folder(documents / year / month, tighten_files=False, removed=removed)
    return removed


def _recent_months(today: dt.date) -> list[tuple[str, str]]:
    """(``YYYY``, ``MM``) of the :data:`RECENT_DOCUMENT_MONTHS` months up to ``today``'s."""
    months = []
    year, month = today.year, today.month
    for _month in range(RECENT_DOCUMENT_MONTHS):
        months.append((f"{year:04d}", f"{month:02d}"))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return months


def _make_private(folder: Path) -> None:
    if _POSIX:
        with contextlib.suppress(OSError):
            os.chmod(folder, FOLDER_MODE)


def _secure_folder(folder: Path, *, tighten_files: bool, removed: list[Path]) -> list[Path]:
    """``folder`` 0700, its leftovers removed, its files 0600 when ``tighten_files``; returns
    its subfolders."""
    _make_private(folder)
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return []
    subfolders = []
    for entry in entries:
        if entry.is_dir(follow_symlinks=False):
            subfolders.append(Path(entry.path))
        elif entry.name.endswith(TEMPORARY_SUFFIXES) and _remove_leftover(Path(entry.path)):
            removed.append(Path(entry.path))
        elif tighten_files and entry.is_file(follow_symlinks=False):
            tighten(Path(entry.path))
    return subfolders
