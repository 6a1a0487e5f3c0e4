"""The people a test works as, on any database (each test's SQLite copy, PostgreSQL, a second
database): the center's first admin, who also sets the center up, and the users it adds."""

from __future__ import annotations

from townclerk.db.database import Database
from townclerk.enums import Role
from townclerk.records.center import CenterSettings
from townclerk.services.access import Actor
from townclerk.services.settings import SettingsService
from townclerk.services.users import UserService

PASSWORD = "passw0rd1"
CENTER_CODE = "320324101"


def first_admin(
    db: Database,
    center: CenterSettings | None = None,
    *,
    display_name: str = "",
    password: str = PASSWORD,
) -> Actor:
    """``admin``, the first user of an empty database, logged in; the center's settings are
    ``center`` (default: only the center code :data:`CENTER_CODE`)."""
    users = UserService(db)
    users.create_first_admin("admin", password, display_name)
    admin = users.authenticate("admin", password)
    SettingsService(db).update_center(admin, center or CenterSettings(center_code=CENTER_CODE))
    return admin


def add_user(
    db: Database,
    admin: Actor,
    username: str,
    role: Role = Role.CLERK,
    display_name: str = "",
    *,
    password: str = PASSWORD,
) -> Actor:
    """A new user created by ``admin``, logged in."""
    users = UserService(db)
    users.create_user(admin, username, password, role, display_name)
    return users.authenticate(username, password)
