"""Input methods (拼音 and others through fcitx5 or ibus) on Linux desktops.

Qt reaches a system input method through a platform input-context plugin named by
``QT_IM_MODULE``. The PySide6 wheels (and so the bundle) carry Qt's own ``ibus`` and ``compose``
plugins but no ``fcitx``/``fcitx5`` one, and the plugins Debian, UOS or Kylin ship for their
system Qt cannot be used instead: they link against Qt's private API of that exact Qt version
(Debian 12's, built for Qt 6.4, does not load into the wheel's Qt). fcitx5 also answers the
IBus protocol (its ``ibusfrontend`` add-on, on by default), so when a desktop names an input
method whose plugin is absent, townclerk asks Qt for ``ibus`` instead: pinyin through fcitx5 or
ibus then works. A plugin built for the bundled Qt version and dropped into its
``platforminputcontexts`` folder is used as named.
"""

from __future__ import annotations

import logging
from collections.abc import MutableMapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QLibrary, QLibraryInfo, QPluginLoader

log = logging.getLogger("townclerk.ui")

IM_VARIABLE = "QT_IM_MODULE"
PLUGIN_FOLDER = "platforminputcontexts"
PLUGIN_INTERFACE = "org.qt-project.Qt.QPlatformInputContextFactoryInterface"
FALLBACK = "ibus"
REQUIRED = (FALLBACK,)


@dataclass(frozen=True)
class InputContextPlugin:
    path: Path
    keys: tuple[str, ...]


def plugin_folder() -> Path:
    return Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath)) / PLUGIN_FOLDER


def input_context_plugins(folder: Path | None = None) -> list[InputContextPlugin]:
    """The input-context plugins Qt finds, read from their metadata (nothing is loaded)."""
    folder = plugin_folder() if folder is None else folder
    found = []
    for path in sorted(folder.glob("*.so")) if folder.is_dir() else []:
        meta: dict[str, Any] = dict(QPluginLoader(str(path)).metaData())
        if not str(meta.get("IID", "")).startswith(PLUGIN_INTERFACE):
            continue
        details = meta.get("MetaData")
        keys = details.get("Keys", []) if isinstance(details, dict) else []
        found.append(InputContextPlugin(path, tuple(str(key).lower() for key in keys)))
    return found


def choose_input_method(requested: str | None, available: set[str]) -> str | None:
    """The input method to ask Qt for: the one requested when its plugin is there, else ibus.

    None leaves ``QT_IM_MODULE`` as it is (nothing requested, or nothing better to offer).
    """
    if not requested:
        return None
    name = requested.strip().lower()
    if name in available or FALLBACK not in available:
        return None
    return FALLBACK


def select_input_method(environ: MutableMapping[str, str]) -> None:
    """Before the QApplication exists: point ``QT_IM_MODULE`` at a plugin the bundle has."""
    requested = environ.get(IM_VARIABLE)
    if not requested:
        return
    available = {key for plugin in input_context_plugins() for key in plugin.keys}
    chosen = choose_input_method(requested, available)
    if chosen is not None:
        log.info(
            "input method %r has no Qt plugin here (%s); using %r",
            requested,
            ", ".join(sorted(available)) or "none",
            chosen,
        )
        environ[IM_VARIABLE] = chosen


def check_plugins(folder: Path | None = None) -> list[str]:
    """Load every input-context plugin with all its symbols resolved; the keys of those loaded.

    Raises RuntimeError naming the plugin that does not load, or the required one missing.
    """
    folder = plugin_folder() if folder is None else folder
    keys: list[str] = []
    for plugin in input_context_plugins(folder):
        loader = QPluginLoader(str(plugin.path))
        loader.setLoadHints(QLibrary.LoadHint.ResolveAllSymbolsHint)
        if not loader.load():
            raise RuntimeError(f"{plugin.path.name} does not load: {loader.errorString()}")
        keys.extend(plugin.keys)
    missing = [key for key in REQUIRED if key not in keys]
    if missing:
        raise RuntimeError(f"no {'/'.join(missing)} input-context plugin in {folder}")
    return keys
