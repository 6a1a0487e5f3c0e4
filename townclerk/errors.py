"""The two kinds of error townclerk knows.

A :class:`UserError` is something the person at the keyboard can act on (a wrong password, a bad
row in a workbook, a locked file, a full disk): it carries a plain message, written in Chinese and
passed through :func:`townclerk.i18n.t` so that ``--lang en`` shows it in English, and is shown as
such. Anything else is a bug: it is logged with its traceback and shown in a crash dialog.
"""

from __future__ import annotations


class UserError(Exception):
    """An error the user can act on; ``str(error)`` is the message to show."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class FieldError(UserError):
    """A value the user typed is not acceptable; ``field`` names it (the record's field), so a
    form can show the message beside it."""

    def __init__(self, message: str, field: str) -> None:
        super().__init__(message)
        self.field = field


class PermissionDenied(UserError):
    """The acting user's role may not do this."""


class NotFound(UserError):
    """A case, user, item… that the user named does not exist."""


class InvalidTransition(UserError):
    """The case's current status does not allow the requested action."""


class AuthenticationFailed(UserError):
    """Wrong user name or password, a disabled user, or a locked-out user."""


class DatabaseVersionError(UserError):
    """The database was written by a newer townclerk, or cannot be migrated."""


class EnvironmentProblem(UserError):
    """Disk full, read-only directory, database locked by another program."""


class DatabaseCorrupt(EnvironmentProblem):
    """The database file is damaged or is not a database (truncated, overwritten, empty)."""


class ConnectionLost(EnvironmentProblem):
    """The connection to the database server broke in the middle of the work: the work did not
    happen (or, lost in its very commit, happened without an answer); try again once it is back."""
