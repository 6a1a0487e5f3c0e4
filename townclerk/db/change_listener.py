"""Hearing the writes of the other PCs on a PostgreSQL server, and noticing a lost server.

``ChangeListener`` holds one connection of its own (taken out of the engine's pool, so it is
opened exactly as the engine opens its connections) that LISTENs on ``change_notices.CHANNEL``.
A daemon thread waits on its socket and hands each notification's tables to ``on_tables``,
skipping the writes of ``origin`` (this window's own, already shown). Every few seconds of
silence it asks the server ``SELECT 1``, so a server gone without a word is noticed too.

When the connection fails it calls ``on_lost`` once, then reconnects after 1, 2, 4… up to 10
seconds, and calls ``on_restored`` when it listens again: whatever was written meanwhile was
not heard, so the caller reloads everything. ``check_now()`` is for a write that has just failed
with a disconnect: the listener asks the server at once, and reports ``on_restored`` as soon as
the server answers (the failed write may have committed).

The callbacks run on the listener's thread. The class knows nothing of Qt: ``ui/live_updates.py``
forwards the callbacks to the UI thread.
"""

from __future__ import annotations

import contextlib
import json
import logging
import select
import socket
import threading
import time
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine

from townclerk.db.change_notices import CHANNEL

if TYPE_CHECKING:
    import psycopg

log = logging.getLogger("townclerk.db.listener")

BACKOFF_SECONDS: tuple[float, ...] = (1, 2, 4, 8, 10)
HEARTBEAT_SECONDS = 5.0
# A server that does not answer within this long counts as gone (TCP connections only).
DEAD_AFTER_MS = 10_000


class ChangeListener:
    def __init__(
        self,
        engine: Engine,
        origin: str,
        *,
        on_tables: Callable[[tuple[str, ...]], None],
        on_lost: Callable[[], None],
        on_restored: Callable[[], None],
        backoff: Sequence[float] = BACKOFF_SECONDS,
        heartbeat_seconds: float = HEARTBEAT_SECONDS,
    ) -> None:
        self._engine = engine
        self._origin = origin
        self._on_tables = on_tables
        self._on_lost = on_lost
        self._on_restored = on_restored
        self._backoff = tuple(backoff)
        self._heartbeat = heartbeat_seconds
        self._stop = threading.Event()
        self._suspect = threading.Event()  # a write failed: ask the server now
        # Writing a byte wakes the thread's select() (stop, check_now).
        self._wake_read, self._wake_write = socket.socketpair()
        self._wake_read.setblocking(False)
        self._thread = threading.Thread(target=self._run, name="change-listener", daemon=True)
        self._connection: psycopg.Connection[Any] | None = None
        self.connected = False
        self.backend_pid: int | None = None  # the server process of the listening connection

    def start(self) -> None:
        self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        self._wake()
        if self._thread.is_alive():
            self._thread.join(timeout)
        if not self._thread.is_alive():  # else still connecting: it ends when that gives up
            self._wake_read.close()
            self._wake_write.close()

    def check_now(self) -> None:
        """A write or read has just failed with a disconnect: see whether the server answers."""
        self._suspect.set()
        self._wake()

    def _wake(self) -> None:
        with contextlib.suppress(OSError):
            self._wake_write.send(b"!")

    # --- the thread ------------------------------------------------------------------------
    def _run(self) -> None:
        lost = False
        attempt = 0
        while not self._stop.is_set():
            try:
                self._connect()
            except Exception as error:  # the server is not there (yet): try again later
                log.info("cannot listen for changes: %s", error)
                if not lost:
                    lost = True
                    self._on_lost()
                self._pause(self._backoff[min(attempt, len(self._backoff) - 1)])
                attempt += 1
                continue
            attempt = 0
            if lost or self._suspect.is_set():
                lost = False
                self._suspect.clear()
                self._on_restored()
            try:
                self._listen()
            except Exception as error:
                if self._stop.is_set():
                    break
                log.warning("lost the connection that listens for changes: %s", error)
                lost = True
                self._on_lost()
            finally:
                self._close()
            if lost:
                self._pause(self._backoff[0])
                attempt = 1

    def _pause(self, seconds: float) -> None:
        """Sleep ``seconds``, or less when stopped; a check_now() does not cut it short."""
        deadline = time.monotonic() + seconds
        while not self._stop.is_set():
            left = deadline - time.monotonic()
            if left <= 0:
                return
            select.select([self._wake_read], [], [], left)
            self._drain_wake()

    def _drain_wake(self) -> None:
        with contextlib.suppress(OSError):
            while self._wake_read.recv(64):
                pass

    def _connect(self) -> None:
        pooled = self._engine.raw_connection()
        connection: psycopg.Connection[Any] | None = pooled.driver_connection
        assert connection is not None
        pooled.detach()  # ours alone, closed for good when we close it
        try:
            connection.autocommit = True
            connection.add_notify_handler(self._notified)
            connection.execute(f"LISTEN {CHANNEL}")
            self.backend_pid = connection.info.backend_pid
            _watch_socket(connection.fileno())
        except Exception:
            connection.close()
            raise
        self._connection = connection
        self.connected = True

    def _listen(self) -> None:
        connection = self._connection
        assert connection is not None
        last_answer = time.monotonic()
        while not self._stop.is_set():
            wait = max(0.0, last_answer + self._heartbeat - time.monotonic())
            select.select([connection.fileno(), self._wake_read.fileno()], [], [], wait)
            self._drain_wake()
            if self._stop.is_set():
                return
            # Any query reads what the server sent: the notifications go to _notified, a
            # connection the server closed raises here.
            connection.execute("SELECT 1")
            last_answer = time.monotonic()
            if self._suspect.is_set():
                self._suspect.clear()
                self._on_restored()

    def _notified(self, notification: psycopg.Notify) -> None:
        try:
            message = json.loads(notification.payload)
            origin, tables = message["origin"], message["tables"]
        except (ValueError, KeyError, TypeError):
            log.warning("a change notice townclerk cannot read: %r", notification.payload)
            return
        if origin != self._origin and tables:
            self._on_tables(tuple(str(table) for table in tables))

    def _close(self) -> None:
        self.connected = False
        connection, self._connection = self._connection, None
        if connection is not None:
            with contextlib.suppress(Exception):
                connection.close()


def _watch_socket(fd: int) -> None:
    """TCP keep-alive and a send time-out on the listening socket, so a server that vanished
    without closing the connection (a cable, a switch) fails the heartbeat in seconds rather
    than minutes. Options a platform or a Unix socket lacks are left as they are."""
    try:
        sock = socket.socket(fileno=socket.dup(fd))
    except OSError:
        return
    with sock:
        if sock.family not in (socket.AF_INET, socket.AF_INET6):
            return
        options = [
            (socket.SOL_SOCKET, socket.SO_KEEPALIVE, 1),
            (socket.IPPROTO_TCP, getattr(socket, "TCP_KEEPIDLE", None), 5),
            (socket.IPPROTO_TCP, getattr(socket, "TCP_KEEPINTVL", None), 2),
            (socket.IPPROTO_TCP, getattr(socket, "TCP_KEEPCNT", None), 3),
            (socket.IPPROTO_TCP, getattr(socket, "TCP_USER_TIMEOUT", None), DEAD_AFTER_MS),
        ]
        for level, option, value in options:
            if option is not None:
                with contextlib.suppress(OSError):
                    sock.setsockopt(level, option, value)
