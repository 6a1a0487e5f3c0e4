"""What every screen receives through its constructor: services, the session, the data bus.

Screens never call each other to refresh: after a change they emit ``bus.data_changed`` with the
area that changed, and every screen that shows that area reloads itself.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QObject, Signal

from townclerk.db.database import Database
from townclerk.services.access import Actor
from townclerk.services.cases import CaseService
from townclerk.services.settings import SettingsService
from townclerk.services.users import UserService

AREA_CASES = "cases"
AREA_CATALOG = "catalog"
AREA_SETTINGS = "settings"
AREA_USERS = "users"


class DataBus(QObject):
    """The one application-wide "data changed" signal; the argument names the area."""

    data_changed = Signal(str)
    session_changed = Signal()  # login, switch user, window change


@dataclass
class Session:
    """Who is at the window now."""

    actor: Actor
    window_id: int | None
    window_name: str


@dataclass
class AppContext:
    db: Database
    bus: DataBus
    cases: CaseService = field(init=False)
    users: UserService = field(init=False)
    settings: SettingsService = field(init=False)
    session: Session | None = None

    def __post_init__(self) -> None:
        self.cases = CaseService(self.db)
        self.users = UserService(self.db)
        self.settings = SettingsService(self.db)

    @property
    def actor(self) -> Actor:
        if self.session is None:
            raise RuntimeError("no user is logged in")
        return self.session.actor

    def announce(self, area: str) -> None:
        self.bus.data_changed.emit(area)
