"""What every screen receives through its constructor: services, the session, the data bus.

Screens never call each other to refresh: a write made through ``ui/operations.py`` emits
``bus.data_changed`` with each area its result says it changed, and every screen that shows
that area reloads itself.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from townclerk.db.connection_choice import UrlOrigin
from townclerk.db.database import Database
from townclerk.records.changes import DataArea
from townclerk.services.access import Actor, Permission, allows
from townclerk.services.cases import CaseService
from townclerk.services.issuing import IssuingService
from townclerk.services.settings import SettingsService
from townclerk.services.users import UserService
from townclerk.ui.worker import Preload, TaskRunner

if TYPE_CHECKING:
    from townclerk.services.catalog import CatalogService
    from townclerk.services.search import CatalogSearch
    from townclerk.ui.live_updates import LiveUpdates


class DataBus(QObject):
    """The one application-wide "data changed" signal, and the runner every write runs on."""

    data_changed = Signal(object, object)  # (DataArea, the initiator of the write or None)
    session_changed = Signal()  # login, switch user, window change
    session_ended = Signal(str)  # a write found the user disabled: the message to show
    # The intake page pre-filled (the main window opens it): 补齐后受理's ResubmissionDraft,
    # or a village pre-registration's VillageIntakeRequest (ui/pages/intake/requests.py).
    intake_requested = Signal(object)
    # The database server stopped answering (the listener, or a write that broke off) / answers
    # again: the main window's banner (ui/live_updates.py).
    connection_lost = Signal()
    connection_restored = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.writes = TaskRunner(self)  # see ui/operations.py


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
    issuing: IssuingService = field(init=False)
    session: Session | None = None
    lang: str = "zh_CN"
    log_path: Path | None = None
    database_origin: UrlOrigin = UrlOrigin.GIVEN  # whether --db or the environment chose it
    _search: CatalogSearch | None = field(default=None, init=False, repr=False)
    _catalog: CatalogService | None = field(default=None, init=False, repr=False)
    _search_loader: Preload[CatalogSearch] | None = field(default=None, init=False, repr=False)
    live: LiveUpdates | None = field(default=None, init=False, repr=False)

    def __post_init__(self) -> None:
        self.cases = CaseService(self.db)
        self.users = UserService(self.db)
        self.settings = SettingsService(self.db)
        self.issuing = IssuingService(self.db)
        self.bus.data_changed.connect(self._on_data_changed)

    @property
    def actor(self) -> Actor:
        if self.session is None:
            raise RuntimeError("no user is logged in")
        return self.session.actor

    @property
    def window_id(self) -> int | None:
        return None if self.session is None else self.session.window_id

    def can(self, permission: Permission) -> bool:
        """Whether the logged-in user's role grants ``permission`` (False when nobody is)."""
        return self.session is not None and allows(self.session.actor.role, permission)

    @property
    def catalog(self) -> CatalogService:
        if self._catalog is None:
            from townclerk.services.catalog import CatalogService

            self._catalog = CatalogService(self.db)
        return self._catalog

    @property
    def search(self) -> CatalogSearch:
        """The in-memory catalog index, built on first use and rebuilt when the catalog changes."""
        if self._search_loader is not None:
            loader, self._search_loader = self._search_loader, None
            self._search = loader.result()  # a failed preload's error reaches this first user
        if self._search is None:
            from townclerk.services.search import CatalogSearch

            self._search = CatalogSearch.load(self.db)
        return self._search

    def preload_search(self) -> None:
        """Build the index on a background thread (while the login dialog waits for the clerk);
        the first use of :attr:`search` waits for it."""
        if self._search is not None or self._search_loader is not None:
            return
        from townclerk.services.search import CatalogSearch

        db = self.db
        self._search_loader = Preload(lambda: CatalogSearch.load(db), "search-index")

    def start_live_updates(self) -> None:
        """On a server, hear the other PCs' writes and notice a lost connection
        (ui/live_updates.py); nothing on SQLite."""
        if self.live is None and self.db.engine.dialect.name == "postgresql":
            from townclerk.ui.live_updates import LiveUpdates

            self.live = LiveUpdates(self.db, self.bus)

    def stop_live_updates(self) -> None:
        if self.live is not None:
            live, self.live = self.live, None
            live.stop()

    def start_session(self, session: Session) -> None:
        """Log in, switch user or change window; every screen hears ``session_changed``."""
        self.session = session
        self.bus.session_changed.emit()

    def _on_data_changed(self, area: DataArea, _initiator: object) -> None:
        # The index must be fresh before screens that search react to the same signal.
        if area is DataArea.CATALOG and self._search is not None:
            self._search.reload()
        elif area is DataArea.CASES and self._search is not None:
            self._search.forget_usage()
