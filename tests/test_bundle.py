"""Build the PyInstaller bundle from build.spec and run its selftest (slow: about two minutes)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("bundle")]


def test_bundle_builds_and_passes_its_selftest(tmp_path: Path) -> None:
    pyinstaller = shutil.which("pyinstaller", path=str(Path(sys.executable).parent))
    if pyinstaller is None:
        pytest.skip("PyInstaller is not installed (it comes with the build extra)")
    dist, work = tmp_path / "dist", tmp_path / "build"
    build = subprocess.run(
        [
            pyinstaller,
            "--noconfirm",
            "--log-level",
            "WARN",
            "--distpath",
            str(dist),
            "--workpath",
            str(work),
            str(REPO / "build.spec"),
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=1200,
    )
    assert build.returncode == 0, build.stderr[-4000:]
    executable = dist / "townclerk" / "townclerk"
    assert executable.exists()
    bundled = dist / "townclerk" / "_internal" / "resources"
    for part in ("fonts", "i18n/en/LC_MESSAGES/townclerk.mo", "catalog/sample_catalog.xlsx"):
        assert (bundled / part).exists(), part
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path)}
    env.pop("PYTHONPATH", None)
    run = subprocess.run(
        [str(executable), "--selftest"],
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
        cwd=tmp_path,
    )
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    assert "selftest: ok" in run.stdout
