"""A supervisor's approval typed at a clerk's window (username and password)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class SupervisorCredentials:
    """The approving supervisor's own username and password, checked by the service."""

    username: str
    password: str = field(repr=False)
