"""This PC's database choice in its QSettings (the same INI file as the window's geometry):
``database/kind`` (``local`` or ``server``) and the server's host, port, name and user.

The password is never written here: it is in the system keyring (db/server_passwords.py). The
command line reads the same file (QtCore only, no window), so ``townclerk db status`` and every
command use the database the window uses.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QSettings

from townclerk.db.connection_choice import (
    DEFAULT_DATABASE,
    DEFAULT_PORT,
    LOCAL,
    ConnectionChoice,
    server_address,
)
from townclerk.errors import UserError
from townclerk.i18n import t

log = logging.getLogger("townclerk.ui")

GROUP = "database"
LOCAL_KIND = "local"
SERVER_KIND = "server"


def pc_settings() -> QSettings:
    """The same settings as ``window_state.app_settings`` (the user's townclerk.ini), made here
    with QtCore alone: the command line reads them without loading the widgets."""
    return QSettings(
        QSettings.Format.IniFormat, QSettings.Scope.UserScope, "townclerk", "townclerk"
    )


def read_choice(settings: QSettings | None = None) -> ConnectionChoice | None:
    """The stored choice, or None when this PC has none (or one that no longer reads as an
    address: edited by hand, it is ignored and the dialog asks again)."""
    settings = settings or pc_settings()
    kind = settings.value(f"{GROUP}/kind")
    if kind == LOCAL_KIND:
        return LOCAL
    if kind != SERVER_KIND:
        return None
    try:
        port = int(str(settings.value(f"{GROUP}/port", DEFAULT_PORT)))
        address = server_address(
            str(settings.value(f"{GROUP}/host", "")),
            port,
            str(settings.value(f"{GROUP}/database", DEFAULT_DATABASE)),
            str(settings.value(f"{GROUP}/user", "")),
        )
    except (ValueError, UserError) as error:
        log.warning("the stored database connection is ignored: %s", error)
        return None
    return ConnectionChoice(server=address)


def write_choice(choice: ConnectionChoice, settings: QSettings | None = None) -> None:
    settings = settings or pc_settings()
    settings.remove(GROUP)
    server = choice.server
    if server is None:
        settings.setValue(f"{GROUP}/kind", LOCAL_KIND)
    else:
        settings.setValue(f"{GROUP}/kind", SERVER_KIND)
        settings.setValue(f"{GROUP}/host", server.host)
        settings.setValue(f"{GROUP}/port", server.port)
        settings.setValue(f"{GROUP}/database", server.database)
        settings.setValue(f"{GROUP}/user", server.user)
    settings.sync()
    if settings.status() != QSettings.Status.NoError:
        raise UserError(
            t("无法保存本机的设置（{path} 不可写），请检查该文件的权限", path=settings.fileName())
        )
