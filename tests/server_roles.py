"""A login role on the throwaway PostgreSQL server that must give its password.

The test cluster trusts every local connection (tests/postgres_server.py); for a wrong password
to be refused, the role gets a ``scram-sha-256`` line of its own at the top of ``pg_hba.conf``.
Only that role is affected, on the cluster of the test module that asked.
"""

from __future__ import annotations

import time

import psycopg
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from townclerk.db.connection_choice import ServerAddress

WINDOW_ROLE = "window_pc"
WINDOW_PASSWORD = "Right-PW-2026"


def password_role(server_url: str) -> ServerAddress:
    """``WINDOW_ROLE`` with ``WINDOW_PASSWORD``, allowed into the server's database; its address."""
    engine = create_engine(server_url)
    try:
        with engine.begin() as connection:
            exists = connection.execute(
                text("SELECT 1 FROM pg_roles WHERE rolname = :name"), {"name": WINDOW_ROLE}
            ).scalar()
            if not exists:
                connection.execute(
                    text(f"CREATE ROLE {WINDOW_ROLE} LOGIN PASSWORD '{WINDOW_PASSWORD}'")
                )
                hba = str(connection.execute(text("SHOW hba_file")).scalar())
                with open(hba, encoding="utf-8") as handle:
                    rules = handle.read()
                with open(hba, "w", encoding="utf-8") as handle:
                    handle.write(f"local all {WINDOW_ROLE} scram-sha-256\n{rules}")
                connection.execute(text("SELECT pg_reload_conf()"))
    finally:
        engine.dispose()
    address = _address(server_url, WINDOW_ROLE)
    _wait_for_the_rule(address)
    return address


def _wait_for_the_rule(address: ServerAddress) -> None:
    """The server reloads its rules a moment after being asked: until then it trusts."""
    for _ in range(200):
        try:
            psycopg.connect(
                host=address.host, dbname=address.database, user=address.user, password="wrong"
            ).close()
        except psycopg.OperationalError:
            return
        time.sleep(0.05)
    raise AssertionError("the server never started asking for the password")


def _address(server_url: str, user: str) -> ServerAddress:
    url = make_url(server_url)
    host = url.query["host"]
    return ServerAddress(
        host=host if isinstance(host, str) else host[0],
        port=5432,
        database=url.database or "",
        user=user,
    )


def server_owner(server_url: str) -> ServerAddress:
    """The cluster's owner (trusted: any password is accepted)."""
    return _address(server_url, make_url(server_url).username or "")
