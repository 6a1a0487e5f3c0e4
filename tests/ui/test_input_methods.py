"""Input-context plugins: the one townclerk asks Qt for; the selftest checks that they load."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from townclerk.ui import app as app_module
from townclerk.ui import input_methods
from townclerk.ui.input_methods import (
    check_plugins,
    choose_input_method,
    input_context_plugins,
    select_input_method,
)


def test_the_pyside6_wheel_carries_an_ibus_plugin_that_loads() -> None:
    keys = check_plugins()
    assert "ibus" in keys
    assert {"ibus"} <= {key for plugin in input_context_plugins() for key in plugin.keys}


@pytest.mark.parametrize(
    ("requested", "available", "chosen"),
    [
        (None, {"ibus", "compose"}, None),
        ("", {"ibus"}, None),
        ("ibus", {"ibus", "compose"}, None),
        ("fcitx", {"ibus", "compose"}, "ibus"),
        (" Fcitx5 ", {"ibus", "compose"}, "ibus"),
        ("fcitx5", {"fcitx5", "ibus"}, None),
        ("fcitx", {"compose"}, None),
    ],
)
def test_a_missing_plugin_falls_back_to_ibus(
    requested: str | None, available: set[str], chosen: str | None
) -> None:
    assert choose_input_method(requested, available) == chosen


def test_the_environment_is_pointed_at_ibus_only_when_needed() -> None:
    fcitx = {"QT_IM_MODULE": "fcitx"}
    select_input_method(fcitx)
    assert fcitx == {"QT_IM_MODULE": "ibus"}
    compose = {"QT_IM_MODULE": "compose"}
    select_input_method(compose)
    assert compose == {"QT_IM_MODULE": "compose"}
    unset: dict[str, str] = {}
    select_input_method(unset)
    assert unset == {}


def _broken_copy_of_the_ibus_plugin(folder: Path) -> Path:
    """The ibus plugin with one private Qt symbol renamed: what a plugin built for another Qt
    version does (Debian 12's fcitx5 plugin: undefined symbol …, version Qt_6_PRIVATE_API)."""
    source = next(plugin.path for plugin in input_context_plugins() if "ibus" in plugin.keys)
    broken = folder / source.name
    broken.write_bytes(
        source.read_bytes().replace(b"QWindowSystemInterface", b"QWindowSystemInterfacX")
    )
    return broken


def test_a_plugin_that_does_not_load_is_named(tmp_path: Path) -> None:
    _broken_copy_of_the_ibus_plugin(tmp_path)
    assert [plugin.keys for plugin in input_context_plugins(tmp_path)] == [("ibus",)]
    with pytest.raises(RuntimeError, match=r"libibusplatforminputcontextplugin\.so does not load"):
        check_plugins(tmp_path)


def test_a_folder_without_the_ibus_plugin_fails(tmp_path: Path) -> None:
    (tmp_path / "libnotaplugin.so").write_bytes(b"not an ELF file")
    assert input_context_plugins(tmp_path) == []
    with pytest.raises(RuntimeError, match="no ibus input-context plugin"):
        check_plugins(tmp_path)
    assert input_context_plugins(tmp_path / "missing") == []


def test_the_selftest_fails_when_a_plugin_does_not_load(
    qapp: QApplication,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    _broken_copy_of_the_ibus_plugin(tmp_path)
    monkeypatch.setattr(input_methods, "plugin_folder", lambda: tmp_path)
    assert app_module.run_selftest(qapp, "en") == 1
    captured = capsys.readouterr()
    assert "selftest: FAILED: libibusplatforminputcontextplugin.so does not load" in captured.err
    assert "selftest: ok" not in captured.out
