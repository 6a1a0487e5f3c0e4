"""Which database a PC uses: the file in its data folder (单机) or the center's PostgreSQL
server (中心服务器), and how that is told to the person at the PC.

Which one wins, first to last: ``--db URL``; ``TOWNCLERK_DATABASE_URL``; the choice stored for
this PC (the window's 系统 → 数据库连接, or ``townclerk db connect``); the file in the data
folder. The choice itself is kept by ``ui/connection_settings.py`` (QSettings) and the server's
password by ``db/server_passwords.py`` (the system keyring): never in a file, a log or a message.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

from townclerk.errors import FieldError
from townclerk.i18n import t

DRIVER = "postgresql+psycopg"
DEFAULT_PORT = 5432
DEFAULT_DATABASE = "townclerk"
# PostgreSQL's longest name (NAMEDATALEN - 1 bytes) and the longest DNS name.
_LONGEST_NAME = 63
_LONGEST_HOST = 253
SHORT_PATH = 40  # the status bar shows a longer file path by its last two parts


class UrlOrigin(enum.Enum):
    """Where this run's database URL came from."""

    GIVEN = "given"  # --db, or a caller that names its database
    ENVIRONMENT = "environment"  # TOWNCLERK_DATABASE_URL
    PC_CHOICE = "pc_choice"  # this PC's stored choice
    DEFAULT = "default"  # nothing chosen: the file in the data folder

    @property
    def explicit(self) -> bool:
        """Given for this run: it wins over whatever is stored for the PC."""
        return self in (UrlOrigin.GIVEN, UrlOrigin.ENVIRONMENT)

    def label(self) -> str:
        return {
            UrlOrigin.GIVEN: t("命令行 --db"),
            UrlOrigin.ENVIRONMENT: t("环境变量 TOWNCLERK_DATABASE_URL"),
            UrlOrigin.PC_CHOICE: t("本机的数据库连接设置"),
            UrlOrigin.DEFAULT: t("默认：数据目录中的单机数据库"),
        }[self]


@dataclass(frozen=True)
class ServerAddress:
    """Where the center's server is and who this PC logs in as; never the password."""

    host: str
    port: int
    database: str
    user: str

    @property
    def key(self) -> str:
        """The name its password is kept under in the keyring: ``user@host:port/database``."""
        return f"{self.user}@{self.host}:{self.port}/{self.database}"

    def shown(self) -> str:
        """``user@host/database`` (the port too when it is not PostgreSQL's own)."""
        host = self.host if self.port == DEFAULT_PORT else f"{self.host}:{self.port}"
        return f"{self.user}@{host}/{self.database}"

    def url(self, password: str | None) -> str:
        """The SQLAlchemy URL, with the password when given. A host starting with ``/`` is the
        folder of the server's Unix socket (a server on this very computer)."""
        socket = self.host.startswith("/")
        url = URL.create(
            DRIVER,
            username=self.user,
            password=password,
            host=None if socket else self.host,
            port=None if socket else self.port,
            database=self.database,
            query={"host": self.host, "port": str(self.port)} if socket else {},
        )
        return url.render_as_string(hide_password=False)


def server_address(host: str, port: int, database: str, user: str) -> ServerAddress:
    """The address as typed, checked field by field (a FieldError names the field)."""
    host, database, user = host.strip(), database.strip(), user.strip()
    if not host:
        raise FieldError(t("请填写服务器地址（主机名或 IP 地址）"), "host")
    if len(host) > _LONGEST_HOST or any(c.isspace() or c in "@?#" for c in host):
        raise FieldError(t("服务器地址“{host}”无效：请填写主机名或 IP 地址", host=host), "host")
    if not 1 <= port <= 65535:
        raise FieldError(t("端口应在 1 到 65535 之间"), "port")
    for value, field, empty in (
        (database, "database", t("请填写数据库名")),
        (user, "user", t("请填写数据库用户名")),
    ):
        if not value:
            raise FieldError(empty, field)
        if len(value.encode()) > _LONGEST_NAME or not value.isprintable():
            raise FieldError(t("“{name}”太长或含有不可见字符", name=value), field)
    return ServerAddress(host=host, port=port, database=database, user=user)


@dataclass(frozen=True)
class ConnectionChoice:
    """What a PC uses: ``server`` is None for 单机 (the file in its data folder)."""

    server: ServerAddress | None = None


LOCAL = ConnectionChoice()


@dataclass(frozen=True)
class DatabaseLabel:
    """What the status bar and ``db status`` say: ``short`` on the bar, ``full`` on hover."""

    short: str
    full: str


def describe_database(url: str) -> DatabaseLabel:
    """单机：<file> or 服务器：user@host/database; never a password."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        return DatabaseLabel(t("数据库地址无效"), t("数据库地址无效"))
    if parsed.get_backend_name() == "sqlite":
        path = parsed.database or ":memory:"
        return DatabaseLabel(
            t("单机：{path}", path=shorten_path(path, Path.home().as_posix())),
            t("单机：{path}", path=path),
        )
    host = parsed.host or _query_value(parsed, "host") or "localhost"
    port = parsed.port or int(_query_value(parsed, "port") or DEFAULT_PORT)
    address = ServerAddress(
        host=host, port=port, database=parsed.database or "", user=parsed.username or ""
    )
    full = f"{address.user}@{address.host}:{address.port}/{address.database}"
    return DatabaseLabel(
        t("服务器：{where}", where=address.shown()), t("服务器：{where}", where=full)
    )


def _query_value(url: URL, name: str) -> str | None:
    value = url.query.get(name)
    if isinstance(value, tuple):
        return value[0] if value else None
    return value


def shorten_path(path: str, home: str | None = None) -> str:
    """The file's path with the home folder as ``~``, and when still long only its last two
    parts after ``…``."""
    if home and path.startswith(home.rstrip("/") + "/"):
        path = "~" + path[len(home.rstrip("/")) :]
    if len(path) <= SHORT_PATH:
        return path
    parts = PurePosixPath(path).parts
    return "…/" + "/".join(parts[-2:]) if len(parts) > 2 else path
