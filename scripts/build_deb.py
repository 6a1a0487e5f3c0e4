"""Package the PyInstaller bundle as a Debian package (`make deb`), with dpkg-deb only.

    python scripts/build_deb.py dist/townclerk dist      → dist/townclerk_<version>_<arch>.deb

The package holds the bundle under /opt/townclerk, the launcher /usr/bin/townclerk, the desktop
entry /usr/share/applications/townclerk.desktop and the icons under /usr/share/icons/hicolor.
Its libc6 dependency is the newest glibc symbol version the bundle's binaries ask for, so dpkg
refuses a desktop whose glibc is too old instead of the program failing at start.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from townclerk import __version__  # noqa: E402

PACKAGE = "townclerk"
INSTALL_DIR = Path("opt") / PACKAGE
ICON_SIZES = (16, 32, 48)
# Qt's xcb platform plugin and print support load these from the system (what
# scripts/system-deps.sh installs for the tests, less the tools and fonts).
DEPENDS = (
    "libegl1, libgl1, libfontconfig1, libdbus-1-3, libglib2.0-0, libxkbcommon0, "
    "libxkbcommon-x11-0, libxcb-cursor0, libxcb-icccm4, libxcb-keysyms1, libxcb-shape0, "
    "libxcb-randr0, libxcb-render-util0, libxcb-image0, libcups2"
)
GLIBC_VERSION = re.compile(rb"GLIBC_(2\.\d+)(?:\.\d+)?\x00")

LAUNCHER = f"""#!/bin/sh
# townclerk: the bundle lives in /{INSTALL_DIR}.
exec /{INSTALL_DIR}/{PACKAGE} "$@"
"""

DESKTOP_ENTRY = """[Desktop Entry]
Type=Application
Name=Town Clerk
Name[zh_CN]=综合窗口受理
GenericName=Service center window
GenericName[zh_CN]=为民服务中心综合窗口
Comment=Accept and track applications at a township service center
Comment[zh_CN]=乡镇为民服务中心综合窗口受理系统
Exec=townclerk
Icon=townclerk
Terminal=false
Categories=Office;
StartupWMClass=townclerk
"""


def glibc_needed(bundle: Path) -> str:
    """The newest GLIBC_2.x symbol version any ELF file of the bundle references."""
    newest = (2, 17)
    for path in bundle.rglob("*"):
        if not path.is_file() or path.is_symlink():
            continue
        with path.open("rb") as file:
            if file.read(4) != b"\x7fELF":
                continue
            data = file.read()
        for match in GLIBC_VERSION.finditer(data):
            major, minor = (int(part) for part in match.group(1).split(b"."))
            newest = max(newest, (major, minor))
    return f"{newest[0]}.{newest[1]}"


def architecture() -> str:
    return subprocess.run(
        ["dpkg", "--print-architecture"], capture_output=True, text=True, check=True
    ).stdout.strip()


def _write(path: Path, text: str, mode: int = 0o644) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    path.chmod(mode)


def stage(bundle: Path, root: Path, arch: str) -> None:
    """Lay out the package's files and its DEBIAN/ control files under ``root``."""
    shutil.copytree(bundle, root / INSTALL_DIR, symlinks=True)
    _write(root / "usr" / "bin" / PACKAGE, LAUNCHER, 0o755)
    _write(root / "usr" / "share" / "applications" / f"{PACKAGE}.desktop", DESKTOP_ENTRY)
    icons = REPO / "resources" / "icons"
    hicolor = root / "usr" / "share" / "icons" / "hicolor"
    for size in ICON_SIZES:
        target = hicolor / f"{size}x{size}" / "apps" / f"{PACKAGE}.png"
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(icons / f"{PACKAGE}-{size}.png", target)
    target = hicolor / "256x256" / "apps" / f"{PACKAGE}.png"
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(icons / f"{PACKAGE}.png", target)
    size_kib = sum(p.stat().st_size for p in root.rglob("*") if p.is_file()) // 1024
    control = f"""Package: {PACKAGE}
Version: {__version__}
Architecture: {arch}
Maintainer: townclerk <townclerk@localhost>
Installed-Size: {size_kib}
Depends: libc6 (>= {glibc_needed(bundle)}), {DEPENDS}
Section: misc
Priority: optional
Description: township service center window (乡镇为民服务中心综合窗口受理系统)
 Accepts applications at the comprehensive window of a township service
 center, tracks their legal time limits and prints the documents residents
 get. Run "townclerk --selftest" to check an installation.
"""
    # No maintainer scripts: the menu and icon caches follow through the triggers of
    # desktop-file-utils and hicolor-icon-theme.
    _write(root / "DEBIAN" / "control", control)


def build(bundle: Path, out_dir: Path, level: int = 6) -> Path:
    """Write the .deb into ``out_dir``; ``level`` is gzip's (1: 3× faster, 8 % larger)."""
    if not (bundle / PACKAGE).is_file():
        raise SystemExit(f"build_deb: no bundle at {bundle} (run make bundle first)")
    arch = architecture()
    out_dir.mkdir(parents=True, exist_ok=True)
    deb = out_dir / f"{PACKAGE}_{__version__}_{arch}.deb"
    with tempfile.TemporaryDirectory(prefix="townclerk-deb-", dir=out_dir) as scratch:
        root = Path(scratch) / "root"
        stage(bundle, root, arch)
        # gzip: every dpkg reads it (UOS V20's and Kylin V10's predate zstd), and it is
        # several times faster than xz on the ~280 MB of Qt libraries (112 MB at level 6).
        subprocess.run(
            [
                "dpkg-deb",
                "--root-owner-group",
                "-Zgzip",
                f"-z{level}",
                "--build",
                str(root),
                str(deb),
            ],
            check=True,
            stdout=subprocess.DEVNULL,
        )
    return deb


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("bundle", type=Path, help="the PyInstaller folder (dist/townclerk)")
    parser.add_argument("out_dir", type=Path, help="where the .deb is written")
    args = parser.parse_args()
    print(build(args.bundle, args.out_dir))


if __name__ == "__main__":
    main()
