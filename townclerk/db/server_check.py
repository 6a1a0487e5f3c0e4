"""测试连接: can this PC reach the center's server, log in, and use the database there?

A plain reason for every way it fails (host unreachable, wrong password, no such database, a
database that is empty or at another schema version), with the command that fixes it.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import create_engine, text
from sqlalchemy.exc import DBAPIError, NoSuchModuleError
from sqlalchemy.pool import NullPool

from townclerk.db.connection_choice import DEFAULT_PORT, ServerAddress
from townclerk.db.schema_version import HEAD
from townclerk.errors import UserError
from townclerk.i18n import t
from townclerk.logs import redact_passwords

CONNECT_TIMEOUT_S = 5  # libpq's connect_timeout: a host that never answers is given up


@dataclass(frozen=True)
class ServerCheck:
    """What the server answered; ``usable`` when this townclerk can work on the database."""

    server_version: str
    schema_version: str | None
    has_tables: bool

    @property
    def usable(self) -> bool:
        return self.schema_version == HEAD

    def message(self, address: ServerAddress) -> str:
        version, database = self.schema_version, address.database
        if self.usable:
            return t(
                "连接成功（服务器版本 {server}，数据库版本 {version}）",
                server=self.server_version,
                version=version,
            )
        if version is None and not self.has_tables:
            return t(
                "已连接服务器，但数据库 {database} 是空的：请管理员先运行 townclerk db "
                "server-setup，再用 townclerk db copy 把本中心的数据搬到服务器上",
                database=database,
            )
        if version is None:
            return t(
                "已连接服务器，但数据库 {database} 不是 townclerk 数据库（含有其他数据表）",
                database=database,
            )
        if version.isdigit() and int(version) < int(HEAD):
            return t(
                "已连接服务器，但数据库版本为 {version}，本程序需要 {head}：请管理员运行 "
                "townclerk db upgrade",
                version=version,
                head=HEAD,
            )
        return t(
            "已连接服务器，但数据库版本 {version} 比本程序新：请先升级本机的 townclerk",
            version=version,
        )


def check_server(
    address: ServerAddress, password: str, *, timeout: int = CONNECT_TIMEOUT_S
) -> ServerCheck:
    """Connect once (no pool, ``timeout`` seconds at most) and look; a UserError says why not."""
    try:
        engine = create_engine(
            address.url(password), poolclass=NullPool, connect_args={"connect_timeout": timeout}
        )
    except (NoSuchModuleError, ModuleNotFoundError):
        raise UserError(
            t("本程序没有安装 PostgreSQL 驱动（psycopg），无法连接中心服务器")
        ) from None
    try:
        with engine.connect() as connection:
            server = str(connection.execute(text("SHOW server_version")).scalar())
            if connection.execute(text("SELECT current_schema()")).scalar() is None:
                raise UserError(_no_rights(address))  # no schema this user may use
            # From the catalog: every table, whatever this user may read.
            tables = (
                connection.execute(
                    text(
                        "SELECT tablename FROM pg_catalog.pg_tables"
                        " WHERE schemaname = current_schema()"
                    )
                )
                .scalars()
                .all()
            )
            version = (
                connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
                if "alembic_version" in tables
                else None
            )
    except DBAPIError as error:
        raise UserError(connection_failure(error.orig or error, address)) from None
    finally:
        engine.dispose()
    return ServerCheck(
        server_version=server.split(" ")[0], schema_version=version, has_tables=bool(tables)
    )


# What libpq and the server say (the server in its own language: English or Chinese).
_WRONG_PASSWORD = ("password authentication failed", "认证失败", "no password supplied")
_NOT_ALLOWED = ("pg_hba.conf",)
_NO_HOST = ("failed to resolve host", "could not translate host name", "name or service not known")
_UNREACHABLE = (
    "connection refused",
    "timeout expired",
    "timed out",
    "no route to host",
    "network is unreachable",
    "no such file or directory",
    "server closed the connection unexpectedly",
)


def connection_failure(error: BaseException, address: ServerAddress) -> str:
    """The plain reason a connection to ``address`` failed."""
    text_ = str(error)
    lowered = text_.lower()
    where = address.host if address.port == DEFAULT_PORT else f"{address.host}:{address.port}"
    missing = "does not exist" in lowered or "不存在" in text_
    if any(marker in lowered for marker in _WRONG_PASSWORD):
        return t(
            "用户名或密码错误：服务器不接受用户 {user} 的这个密码，请核对后重试",
            user=address.user,
        )
    if any(marker in lowered for marker in _NOT_ALLOWED):
        return t(
            "服务器不允许本机连接：请管理员在服务器的 pg_hba.conf 中放行本机的地址",
        )
    if missing and f'"{address.user}"' in text_ and ("role" in lowered or "角色" in text_):
        return t("服务器上没有数据库用户 {user}：请核对用户名", user=address.user)
    if missing and f'"{address.database}"' in text_:
        return t(
            "服务器上没有数据库 {database}：请核对数据库名，或请管理员运行 townclerk db "
            "server-setup 创建它",
            database=address.database,
        )
    if "permission denied" in lowered or "权限不够" in text_:
        return _no_rights(address)
    if any(marker in lowered for marker in _NO_HOST):
        return t("找不到服务器 {host}：请核对服务器地址", host=address.host)
    if any(marker in lowered for marker in _UNREACHABLE):
        return t(
            "无法连接服务器 {where}：请核对地址和端口，并确认服务器已开机、PostgreSQL 正在"
            "运行、防火墙放行了端口 {port}",
            where=where,
            port=address.port,
        )
    first_line = text_.strip().splitlines()[0] if text_.strip() else type(error).__name__
    return t("连接失败：{reason}", reason=redact_passwords(first_line))


def _no_rights(address: ServerAddress) -> str:
    return t(
        "数据库用户 {user} 没有使用数据库 {database} 的权限：请管理员运行 townclerk db "
        "server-setup 为它授权",
        user=address.user,
        database=address.database,
    )
