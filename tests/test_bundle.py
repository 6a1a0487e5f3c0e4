"""Build the PyInstaller bundle from build.spec, run its selftest, then package it as a .deb
(scripts/build_deb.py), install that and run the selftest through the installed launcher.
Slow: one bundle build (about two minutes) serves both, so they are one test: xdist's
``--dist loadgroup`` no longer keeps an ``xdist_group`` on one worker with this pytest
(pytest-dev/pytest-xdist#1386), and two workers would each build the bundle."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "scripts"))

import build_deb  # noqa: E402

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("bundle")]


def _build_bundle(tmp_path: Path) -> Path:
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
    return dist / "townclerk"


def _selftest(executable: Path, home: Path) -> str:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(home)}
    env.pop("PYTHONPATH", None)
    run = subprocess.run(
        [str(executable), "--selftest"],
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
        cwd=home,
    )
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    assert "selftest: ok" in run.stdout
    return run.stdout


def test_the_bundle_and_its_deb_pass_the_selftest(tmp_path: Path) -> None:
    bundle = _build_bundle(tmp_path / "bundle")
    _check_bundle(bundle, tmp_path)
    if shutil.which("dpkg-deb") is None:
        pytest.skip("dpkg-deb is not installed (not a Debian/Ubuntu system)")
    # Packed at gzip level 1: what is packed is the same, three times faster than make deb's.
    _check_deb(build_deb.build(bundle, tmp_path / "out", level=1), tmp_path)


def _check_bundle(bundle: Path, tmp_path: Path) -> None:
    executable = bundle / "townclerk"
    assert executable.exists()
    bundled = bundle / "_internal" / "resources"
    for part in ("fonts", "i18n/en/LC_MESSAGES/townclerk.mo", "catalog/sample_catalog.xlsx"):
        assert (bundled / part).exists(), part
    contexts = bundle / "_internal" / "PySide6" / "Qt" / "plugins" / "platforminputcontexts"
    assert (contexts / "libibusplatforminputcontextplugin.so").is_file()
    out = _selftest(executable, tmp_path)
    assert "input-method plugins load into Qt 6." in out and "ibus" in out


def _installed(package: str) -> bool:
    status = subprocess.run(
        ["dpkg-query", "-W", "-f=${Status}", package], capture_output=True, text=True
    )
    return "install ok installed" in status.stdout


def _check_deb(deb: Path, tmp_path: Path) -> None:
    fields = subprocess.run(
        ["dpkg-deb", "--field", str(deb), "Package", "Version", "Depends"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "Package: townclerk" in fields
    assert "libc6 (>= 2." in fields
    files = subprocess.run(
        ["dpkg-deb", "--contents", str(deb)], capture_output=True, text=True, check=True
    ).stdout
    for path in (
        "./opt/townclerk/townclerk",
        "./usr/bin/townclerk",
        "./usr/share/applications/townclerk.desktop",
        "./usr/share/icons/hicolor/48x48/apps/townclerk.png",
        "./usr/share/icons/hicolor/256x256/apps/townclerk.png",
    ):
        assert path in files, path
    root = tmp_path / "root"
    subprocess.run(["dpkg-deb", "-x", str(deb), str(root)], check=True)
    entry = (root / "usr/share/applications/townclerk.desktop").read_text(encoding="utf-8")
    assert "Exec=townclerk\n" in entry and "Icon=townclerk\n" in entry
    launcher = (root / "usr/bin/townclerk").read_text(encoding="utf-8")
    assert 'exec /opt/townclerk/townclerk "$@"' in launcher
    assert os.access(root / "usr/bin/townclerk", os.X_OK)
    if os.geteuid() != 0 or _installed("townclerk"):
        # Not root (or a real installation to leave alone): run the unpacked copy.
        _selftest(root / "opt/townclerk/townclerk", tmp_path)
        return
    install = subprocess.run(["dpkg", "-i", str(deb)], capture_output=True, text=True)
    try:
        assert install.returncode == 0, install.stdout[-2000:] + install.stderr[-2000:]
        _selftest(Path("/usr/bin/townclerk"), tmp_path)
    finally:
        subprocess.run(["dpkg", "-r", "townclerk"], capture_output=True, check=False)
    assert not _installed("townclerk")
    assert not Path("/opt/townclerk").exists()
