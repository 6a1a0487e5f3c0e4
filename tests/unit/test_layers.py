"""The layers of docs/ARCHITECTURE.md hold: import-linter checks the contracts in pyproject.toml.

Run in a child process so the analysis sees the package as the files are, not as this test
process happened to import it."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PYPROJECT = ROOT / "pyproject.toml"
CHECK = (
    "import sys; from importlinter.cli import lint_imports; "
    "sys.exit(lint_imports(config_filename=sys.argv[1], no_cache=True, no_logo=True))"
)


def test_every_import_contract_is_kept() -> None:
    run = subprocess.run(
        [sys.executable, "-c", CHECK, str(PYPROJECT)], capture_output=True, text=True, cwd=ROOT
    )
    assert run.returncode == 0, run.stdout + run.stderr
    contracts = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["tool"]["importlinter"]
    assert f"Contracts: {len(contracts['contracts'])} kept, 0 broken." in run.stdout


def test_a_service_importing_qt_breaks_a_contract(tmp_path: Path) -> None:
    """The check can fail: the same contracts over a copy where a service imports PySide6."""
    copy = tmp_path / "townclerk"
    subprocess.run(["cp", "-r", str(ROOT / "townclerk"), str(copy)], check=True)
    audit = copy / "services" / "audit.py"
    audit.write_text(audit.read_text(encoding="utf-8") + "\nimport PySide6  # noqa\n", "utf-8")
    run = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; sys.path.insert(0, sys.argv[2]); " + CHECK.split("; ", 1)[1],
            str(PYPROJECT),
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert run.returncode != 0
    assert "Qt only in the UI BROKEN" in run.stdout
