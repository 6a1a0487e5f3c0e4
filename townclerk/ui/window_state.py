"""Where the main window was: its geometry and the positions of its splitters, kept per user
account of the computer (QSettings, an INI file under the user's configuration folder).

The first time, the window opens maximised on the screen's available area (the taskbar left
free). Afterwards it comes back where it was closed, and every named splitter of a page gets
back the sizes the clerk dragged it to, when the page is built.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QMainWindow, QSplitter, QWidget

GROUP = "mainWindow"


def app_settings() -> QSettings:
    """The settings of this program for the user of the computer (organisation and program
    names as the application sets them; tests point the INI folder at a temporary path)."""
    return QSettings(
        QSettings.Format.IniFormat, QSettings.Scope.UserScope, "townclerk", "townclerk"
    )


def _bytes(value: object) -> QByteArray | None:
    if isinstance(value, QByteArray) and not value.isEmpty():
        return value
    if isinstance(value, bytes | bytearray) and value:
        return QByteArray(bytes(value))
    return None


def show_main_window(window: QMainWindow, settings: QSettings | None = None) -> None:
    """Show ``window`` where it was last closed, else maximised on the available screen area."""
    settings = settings or app_settings()
    geometry = _bytes(settings.value(f"{GROUP}/geometry"))
    if geometry is not None and window.restoreGeometry(geometry):
        window.show()
        return
    screen = window.screen()
    if screen is not None:
        window.setGeometry(screen.availableGeometry())
    window.showMaximized()


def save_main_window(window: QMainWindow, settings: QSettings | None = None) -> None:
    settings = settings or app_settings()
    settings.setValue(f"{GROUP}/geometry", window.saveGeometry())
    for splitter in _named_splitters(window):
        settings.setValue(f"{GROUP}/splitters/{splitter.objectName()}", splitter.saveState())
    settings.sync()


def restore_splitters(widget: QWidget, settings: QSettings | None = None) -> None:
    """Give each named splitter in ``widget`` the sizes saved for it (a page just built)."""
    settings = settings or app_settings()
    for splitter in _named_splitters(widget):
        state = _bytes(settings.value(f"{GROUP}/splitters/{splitter.objectName()}"))
        if state is not None:
            splitter.restoreState(state)


def _named_splitters(widget: QWidget) -> list[QSplitter]:
    return [splitter for splitter in widget.findChildren(QSplitter) if splitter.objectName()]
