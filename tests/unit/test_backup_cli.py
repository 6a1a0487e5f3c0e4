"""The backup commands, a damaged database on the command line, and a backup taken while
another process keeps registering."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.cli_runner import ADMIN_PASSWORD, run_cli
from tests.damaged_files import DAMAGE_KINDS, damage_database
from townclerk.paths import DATABASE_FILE, backups_dir

# Backups of the SQLite file and a damaged SQLite file (PostgreSQL: test_backup_postgres.py).
pytestmark = pytest.mark.sqlite_only

REPOSITORY = Path(__file__).resolve().parents[2]


def test_backup_create_list_verify_restore(
    initialised: Path,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    folder = str(initialised)
    code, out, err = run_cli(capsys, "--data-dir", folder, "backup", "create", "--user", "boss")
    assert code == 0, err
    backup = Path(out.split("\t")[-1].strip())
    assert backup.parent == backups_dir(initialised) and backup.exists()
    code, out, _ = run_cli(capsys, "--data-dir", folder, "backup", "list")
    assert code == 0 and str(backup) in out
    code, out, _ = run_cli(capsys, "--data-dir", folder, "backup", "verify", str(backup))
    assert code == 0 and "备份完好" in out
    code, _, err = run_cli(
        capsys, "--data-dir", folder, "backup", "create", "-o", "/dev/null", "--user", "boss"
    )
    assert code == 1 and len(err.strip().splitlines()) == 1 and "不是文件夹" in err
    code, _, err = run_cli(capsys, "--data-dir", folder, "backup", "verify", folder)
    assert code == 1 and "不是备份文件" in err
    code, out, err = run_cli(capsys, "--data-dir", folder, "restore", str(backup), "--user", "boss")
    assert code == 0, err
    assert "已从" in out


@pytest.mark.parametrize("kind", DAMAGE_KINDS)
def test_a_damaged_database_is_one_line_naming_the_backup_and_the_restore_command(
    initialised: Path,
    capsys: pytest.CaptureFixture[str],
    kind: str,
) -> None:
    code, out, _ = run_cli(
        capsys, "--data-dir", str(initialised), "backup", "create", "--user", "boss"
    )
    backup = out.split("\t")[-1].strip()
    damage_database(initialised / DATABASE_FILE, kind)
    environment = {
        "PATH": "/usr/bin:/bin",
        "PYTHONPATH": str(REPOSITORY),
        "TOWNCLERK_PASSWORD": ADMIN_PASSWORD,
    }
    for command in (["case", "list", "--user", "boss"], ["user", "list", "--user", "boss"]):
        result = subprocess.run(
            [sys.executable, "-m", "townclerk", "--data-dir", str(initialised), *command],
            capture_output=True,
            text=True,
            env=environment,
            timeout=120,
        )
        assert result.returncode == 1
        assert "Traceback" not in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1, result.stderr
        assert "已损坏" in result.stderr
        assert f"townclerk restore {backup}" in result.stderr
    assert "damaged database" in (initialised / "logs" / "townclerk.log").read_text()
    code, out, err = run_cli(
        capsys, "--data-dir", str(initialised), "restore", backup, "--user", "boss"
    )
    assert code == 0, err
    code, out, err = run_cli(
        capsys, "--data-dir", str(initialised), "user", "list", "--user", "boss"
    )
    assert code == 0 and "boss" in out


WRITER = """
import sqlite3, sys, time

connection = sqlite3.connect(sys.argv[1], isolation_level=None)
connection.execute("PRAGMA journal_mode = WAL")
connection.execute("PRAGMA busy_timeout = 15000")
connection.execute("CREATE TABLE IF NOT EXISTS ticks (n INTEGER PRIMARY KEY, pad TEXT)")
for n in range(1, 100000):
    connection.execute("BEGIN IMMEDIATE")
    connection.execute("INSERT INTO ticks VALUES (?, ?)", (n, "x" * 200))
    connection.execute("INSERT INTO ticks VALUES (?, ?)", (-n, "y" * 200))
    connection.execute("COMMIT")
    print(n, flush=True)
"""


def test_a_backup_while_another_process_writes_is_consistent(tmp_path: Path) -> None:
    """Every backup taken while a writer commits pairs of rows holds whole pairs only, and at
    least every pair the writer had reported before the backup started."""
    from townclerk.db.snapshot import sqlite_copy

    live = tmp_path / "live.sqlite3"
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(live)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert writer.stdout is not None
        reported = 0
        for attempt in range(5):
            while reported < 200 * (attempt + 1):
                reported = int(writer.stdout.readline())
            copy = tmp_path / f"copy{attempt}.sqlite3"
            sqlite_copy(live, copy)
            with sqlite3.connect(copy) as connection:
                positive, negative, top = connection.execute(
                    "SELECT sum(n > 0), sum(n < 0), max(n) FROM ticks"
                ).fetchone()
                assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
            assert positive == negative == top >= reported
            time.sleep(0.05)
    finally:
        writer.kill()
        writer.wait(timeout=30)
