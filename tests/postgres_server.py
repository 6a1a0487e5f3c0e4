"""A throwaway PostgreSQL cluster for the tests marked ``postgres``.

Started from Debian's binaries (package ``postgresql``, installed by scripts/system-deps.sh) on a
Unix socket in a temp folder, so nothing listens on the network and parallel test processes do
not collide. PostgreSQL refuses to run as root: as root the server runs as the ``postgres`` user.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, text


def _bin_dir() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def _as_server_user(command: list[str]) -> list[str]:
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *command]
    return command


@contextmanager
def temporary_postgres(*, fsync: bool = False) -> Iterator[str | None]:
    """Yield a SQLAlchemy URL of a fresh server, or None when PostgreSQL is not installed.
    ``fsync``: as a real server (benchmarks); tests do without it."""
    bin_dir = _bin_dir()
    if bin_dir is None:
        yield None
        return
    folder = Path(tempfile.mkdtemp(prefix="townclerk-pg-"))
    data, socket_dir = folder / "data", folder / "socket"
    socket_dir.mkdir()
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres")
        shutil.chown(socket_dir, "postgres")
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.PIPE, "check": True}
    subprocess.run(
        _as_server_user(
            [
                str(bin_dir / "initdb"),
                "-D",
                str(data),
                "-U",
                "townclerk",
                "--auth=trust",
                "-E",
                "UTF8",
                "--locale=C.UTF-8",
            ]
        ),
        **quiet,  # type: ignore[arg-type]
    )
    options = f"-k {socket_dir} -c listen_addresses='' -c fsync={'on' if fsync else 'off'}"
    subprocess.run(
        _as_server_user(
            [
                str(bin_dir / "pg_ctl"),
                "-D",
                str(data),
                "-o",
                options,
                "-w",
                "-l",
                str(folder / "server.log"),
                "start",
            ]
        ),
        **quiet,  # type: ignore[arg-type]
    )
    try:
        subprocess.run(
            _as_server_user(
                [str(bin_dir / "createdb"), "-h", str(socket_dir), "-U", "townclerk", "townclerk"]
            ),
            **quiet,  # type: ignore[arg-type]
        )
        yield f"postgresql+psycopg://townclerk@/townclerk?host={socket_dir}"
    finally:
        subprocess.run(
            _as_server_user([str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"]),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            check=False,
        )
        shutil.rmtree(folder, ignore_errors=True)


def terminate_backend(engine: Engine, pid: int, timeout_s: float = 10.0) -> None:
    """End server process ``pid`` (what a lost network does to its connection) from a
    connection of ``engine``'s own, and wait until it is gone."""
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
        deadline = time.monotonic() + timeout_s
        # AUTOCOMMIT: each look is a new statistics snapshot (one transaction would see one).
        while connection.scalar(
            text("SELECT count(*) FROM pg_stat_activity WHERE pid = :pid"), {"pid": pid}
        ):
            if time.monotonic() > deadline:
                raise TimeoutError(f"server process {pid} still there after {timeout_s} s")
            time.sleep(0.02)
