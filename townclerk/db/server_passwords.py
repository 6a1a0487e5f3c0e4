"""The password of this PC's database user, kept in the system keyring (Windows Credential
Manager, the Secret Service of a Linux desktop) under ``townclerk`` and ``user@host:port/db``.

It is never written anywhere else. Without a usable keyring (a Linux desktop without a Secret
Service) the window asks for it at each start and the command line prompts for it.
"""

from __future__ import annotations

import logging

import keyring
from keyring.errors import NoKeyringError, PasswordDeleteError

from townclerk.db.connection_choice import ServerAddress
from townclerk.errors import UserError
from townclerk.i18n import t

log = logging.getLogger("townclerk.db")

KEYRING_SERVICE = "townclerk"


class KeyringUnavailable(UserError):
    """This PC has no keyring townclerk can use; the password must be typed each time."""


def _unavailable(error: Exception) -> KeyringUnavailable:
    log.info("the system keyring cannot be used: %s", type(error).__name__)
    if isinstance(error, NoKeyringError):
        return KeyringUnavailable(
            t(
                "本机没有可用的系统密钥环（Linux 桌面需要运行 Secret Service，如 GNOME 密钥环"
                "或 KWallet），数据库密码无法保存在本机：每次启动时请输入密码。"
                "密码不会以明文保存。"
            )
        )
    return KeyringUnavailable(
        t(
            "系统密钥环无法使用（{reason}），数据库密码无法保存在本机：每次启动时请输入密码。"
            "密码不会以明文保存。",
            reason=type(error).__name__,
        )
    )


class ServerPasswords:
    """Reads and writes the keyring; every failure of the keyring is a KeyringUnavailable.

    A backend reports trouble with its own library's errors (D-Bus, the Windows API) as well
    as keyring's, hence the broad catches; only the error's type is logged, never its text.
    """

    def problem(self) -> str | None:
        """Why no password can be kept on this PC, or None when the keyring works (a read of
        a name nothing is stored under)."""
        try:
            keyring.get_password(KEYRING_SERVICE, "-")
        except Exception as error:
            return str(_unavailable(error))
        return None

    def get(self, address: ServerAddress) -> str | None:
        """The stored password, or None when none is stored for ``address``."""
        try:
            return keyring.get_password(KEYRING_SERVICE, address.key)
        except Exception as error:
            raise _unavailable(error) from None

    def store(self, address: ServerAddress, password: str) -> None:
        try:
            keyring.set_password(KEYRING_SERVICE, address.key, password)
        except Exception as error:
            raise _unavailable(error) from None

    def forget(self, address: ServerAddress) -> None:
        """Remove the stored password, if there is one."""
        try:
            keyring.delete_password(KEYRING_SERVICE, address.key)
        except PasswordDeleteError:
            return  # none was stored
        except Exception as error:
            raise _unavailable(error) from None
