"""Saving a file where the user asked: the target checked before any work, written whole or not
at all.

A target must be a regular file or not exist yet, in an existing folder this user may write; a
folder, a device, a pipe or a socket is refused with one clear message before anything is read
or written. The content goes to a 0600 temporary file and is renamed into place, so a crash or an
error never leaves half a file and never overwrites a good one.

Where the temporary file lives: with ``scratch`` (the private data folder) the file is written
there and only moved next to the target once complete, so a process killed mid-way leaves its
personal data in the data folder, whose start-up sweep removes it (see
:mod:`townclerk.private_files`), never in a shared folder. A finished file keeps the mode of the
file it replaces, or gets the user's usual mode (umask) — exports are handed on to colleagues —
unless it lands in ``scratch``, where every file is private.
"""

from __future__ import annotations

import errno
import os
import shutil
import stat
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import IO

from townclerk.errors import UserError
from townclerk.i18n import t
from townclerk.private_files import FILE_MODE, default_file_mode, private_temporary


def check_output_path(path: Path, suffix: str | None = None) -> Path:
    """Refuse, before any work, a path a file cannot be saved to; ``suffix`` e.g. ".xlsx"."""
    path = Path(path)
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        mode = None
    except OSError as error:
        raise os_problem(error, path) from error
    if mode is not None and stat.S_ISDIR(mode):
        raise UserError(t("{path} 是文件夹，请给出文件名", path=path))
    if mode is not None and not stat.S_ISREG(mode):
        raise UserError(t("{path} 不是普通文件（设备、管道等），不能保存到这里", path=path))
    if suffix is not None and path.suffix.lower() != suffix:
        raise UserError(t("文件名应以 {suffix} 结尾：{name}", suffix=suffix, name=path.name))
    if not path.parent.is_dir():
        raise UserError(t("文件夹不存在：{folder}", folder=path.parent))
    if not os.access(path.parent, os.W_OK | os.X_OK):
        raise UserError(t("无法写入文件夹 {folder}：没有权限", folder=path.parent))
    return path


def os_problem(error: OSError, path: Path) -> UserError:
    """The plain message for an OSError met while saving ``path``."""
    if error.errno == errno.ENOSPC:
        return UserError(t("磁盘空间已满，{name} 未保存；请清理磁盘后重试", name=path.name))
    if isinstance(error, PermissionError) or error.errno in (errno.EROFS, errno.EPERM):
        return UserError(
            t(
                "无法写入 {path}：没有权限，或文件正被其他程序（如 Excel）打开，请关闭后重试",
                path=path,
            )
        )
    return UserError(t("无法保存 {path}：{reason}", path=path, reason=error.strerror or error))


def _inside(folder: Path, path: Path) -> bool:
    return path.resolve().is_relative_to(folder.resolve())


@contextmanager
def atomic_output(
    path: Path, suffix: str | None = None, *, scratch: Path | None = None
) -> Iterator[IO[bytes]]:
    """A binary stream that becomes ``path`` only when the block succeeds (see the module)."""
    target = check_output_path(path, suffix)
    folder = scratch if scratch is not None else target.parent
    private = scratch is not None and _inside(scratch, target.parent)
    try:
        handle, temporary = private_temporary(folder, "townclerk-" + target.stem[:40])
    except OSError as error:
        raise os_problem(error, target) from error
    try:
        with os.fdopen(handle, "wb") as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        _put_in_place(temporary, target, private)
    except OSError as error:
        with suppress(FileNotFoundError):
            os.unlink(temporary)
        raise os_problem(error, target) from error
    except BaseException:
        with suppress(FileNotFoundError):
            os.unlink(temporary)
        raise


def _final_mode(target: Path, private: bool) -> int:
    if private:
        return FILE_MODE
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except FileNotFoundError:
        return default_file_mode()


def _put_in_place(temporary: Path, target: Path, private: bool) -> None:
    mode = _final_mode(target, private)
    try:
        os.chmod(temporary, mode)
        os.replace(temporary, target)
        return
    except OSError as error:
        if error.errno != errno.EXDEV:
            raise
    # Another disk: copy next to the target (0600 while it is written), then rename.
    handle, nearby = private_temporary(target.parent, "townclerk-" + target.stem[:40])
    try:
        with os.fdopen(handle, "wb") as stream, temporary.open("rb") as source:
            shutil.copyfileobj(source, stream)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(nearby, mode)
        os.replace(nearby, target)
    except BaseException:
        with suppress(FileNotFoundError):
            os.unlink(nearby)
        raise
    os.unlink(temporary)
