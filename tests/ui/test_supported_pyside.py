"""The oldest supported PySide6 is pinned in constraints-oldest.txt alone; make test runs these
UI tests against it in .venv-oldest, besides the newest in .venv."""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

import PySide6
from packaging.requirements import Requirement
from packaging.version import Version

REPO = Path(__file__).resolve().parents[2]
CONSTRAINTS = REPO / "constraints-oldest.txt"
# The newest PySide6 with manylinux_2_28 wheels: what pip installs where glibc is 2.28–2.33
# (统信UOS V20, 麒麟 Kylin V10); 6.10 and later need glibc 2.34.
NEWEST_FOR_GLIBC_2_28 = Version("6.9.3")


def _pins() -> dict[str, Version]:
    pins = {}
    for line in CONSTRAINTS.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            requirement = Requirement(line)
            (specifier,) = requirement.specifier
            assert specifier.operator == "==", line
            pins[requirement.name.lower()] = Version(specifier.version)
    return pins


def oldest_supported() -> Version:
    pins = _pins()
    assert set(pins) == {"pyside6-essentials", "pyside6-addons", "shiboken6"}
    assert len(set(pins.values())) == 1, f"one version for the three: {pins}"
    return next(iter(pins.values()))


def test_the_oldest_pyside6_runs_on_glibc_2_28() -> None:
    assert oldest_supported() <= NEWEST_FOR_GLIBC_2_28


def test_pyproject_admits_the_oldest_pyside6() -> None:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    ranges = {
        Requirement(line).name.lower(): Requirement(line).specifier
        for line in project["dependencies"]
        if line.lower().startswith("pyside6")
    }
    assert set(ranges) == {"pyside6-essentials", "pyside6-addons"}
    for name, specifier in ranges.items():
        assert oldest_supported() in specifier, (name, str(specifier))


def test_make_test_installs_the_pin_from_its_one_place() -> None:
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    assert "-c constraints-oldest.txt" in makefile
    assert "$(MAKE) --no-print-directory test-oldest" in makefile
    assert not re.search(r"6\.\d+\.\d+", makefile), "the version lives in constraints-oldest.txt"


def test_the_oldest_venv_runs_the_pinned_version() -> None:
    if Path(sys.prefix).name == ".venv-oldest":
        assert Version(PySide6.__version__) == oldest_supported()
    else:
        assert Version(PySide6.__version__) >= oldest_supported()
