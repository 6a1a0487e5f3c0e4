"""The writes of the other PCs, told to this window's screens; the server's coming and going.

On PostgreSQL ``LiveUpdates`` runs a ``db.change_listener.ChangeListener`` and forwards what its
thread hears to the UI thread with queued signals:

- the tables another writer changed become ``bus.data_changed(area, None)`` for each area they
  belong to (``records/changes.py``), gathered over ``DEBOUNCE_MS`` so that a burst of writes
  reloads each screen once;
- a lost connection becomes ``bus.connection_lost`` (the main window's banner), its return
  ``bus.connection_restored`` followed by ``data_changed`` for every area, since whatever was
  written meanwhile went unheard.

A write that breaks off with a disconnect also emits ``bus.connection_lost`` (ui/operations.py);
the listener then asks the server at once, and the banner goes when the server answers. SQLite
serves one PC: there is nothing to listen to.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QObject, QTimer, Signal

from townclerk.db.change_listener import BACKOFF_SECONDS, ChangeListener
from townclerk.db.database import Database
from townclerk.records.changes import DataArea, areas_of_tables
from townclerk.ui.context import DataBus

DEBOUNCE_MS = 200


class LiveUpdates(QObject):
    # Emitted on the listener's thread, received on the UI thread (queued).
    _tables = Signal(object)
    _lost = Signal()
    _restored = Signal()

    def __init__(
        self,
        db: Database,
        bus: DataBus,
        *,
        backoff: Sequence[float] = BACKOFF_SECONDS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._bus = bus
        self._pending: set[DataArea] = set()
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(self._announce)
        self._tables.connect(self._on_tables)
        self._lost.connect(bus.connection_lost)
        self._restored.connect(self._on_restored)
        bus.connection_lost.connect(self._check)
        self.listener = ChangeListener(
            db.engine,
            db.origin,
            on_tables=self._tables.emit,
            on_lost=self._lost.emit,
            on_restored=self._restored.emit,
            backoff=backoff,
        )
        self.listener.start()

    def stop(self) -> None:
        self._bus.connection_lost.disconnect(self._check)
        self._debounce.stop()
        self.listener.stop()

    def _check(self) -> None:
        self.listener.check_now()

    def _on_tables(self, tables: tuple[str, ...]) -> None:
        self._pending |= areas_of_tables(tables)
        if not self._debounce.isActive():
            self._debounce.start()

    def _on_restored(self) -> None:
        self._bus.connection_restored.emit()
        self._pending |= set(DataArea)
        self._debounce.start()

    def _announce(self) -> None:
        areas, self._pending = sorted(self._pending), set()
        for area in areas:
            self._bus.data_changed.emit(area, None)
