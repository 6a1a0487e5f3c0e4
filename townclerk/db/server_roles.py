"""A center's PostgreSQL server set up for least privilege (``townclerk db server-setup``).

Two login roles per database: ``<db>_owner`` owns the database, its schema and every table (the
migrations run as it: ``townclerk --db OWNER_URL db upgrade``, ``db copy --to OWNER_URL``), and
``<db>_app``, which the window PCs use, may read and write rows but owns nothing, cannot create
anything in the schema, and cannot UPDATE, DELETE or TRUNCATE the append-only history (the
tables guarded by the ``townclerk_append_only`` trigger). Default privileges give ``<db>_app``
the same rights on the tables the owner creates later; :func:`protect_append_only`, run after
every migration, takes the history's UPDATE and DELETE away again.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from sqlalchemy import Connection, create_engine, text
from sqlalchemy.engine import URL, make_url

from townclerk.errors import UserError
from townclerk.i18n import t

_ROW_RIGHTS = "SELECT, INSERT, UPDATE, DELETE"
_SEQUENCE_RIGHTS = "USAGE, SELECT"


def protect_append_only(connection: Connection) -> None:
    """Revoke UPDATE, DELETE and TRUNCATE on every append-only table from everyone but its
    owner (a no-op on a server set up without roles)."""
    tables = connection.scalars(
        text(
            "SELECT DISTINCT c.relname FROM pg_trigger tr "
            "JOIN pg_class c ON c.oid = tr.tgrelid JOIN pg_proc p ON p.oid = tr.tgfoid "
            "WHERE p.proname = 'townclerk_append_only' AND pg_table_is_visible(c.oid) "
            "ORDER BY c.relname"
        )
    ).all()
    for table in tables:
        grantees = connection.scalars(
            text(
                "SELECT DISTINCT CASE WHEN a.grantee = 0 THEN 'PUBLIC' "
                "ELSE quote_ident(r.rolname) END "
                "FROM pg_class c CROSS JOIN aclexplode(c.relacl) a "
                "LEFT JOIN pg_roles r ON r.oid = a.grantee "
                "WHERE c.oid = to_regclass(quote_ident(:table)) AND a.grantee <> c.relowner "
                "AND a.privilege_type IN ('UPDATE', 'DELETE', 'TRUNCATE')"
            ),
            {"table": table},
        ).all()
        for grantee in grantees:
            _execute_formatted(
                connection, "REVOKE UPDATE, DELETE, TRUNCATE ON TABLE %I FROM %s", table, grantee
            )


@dataclass(frozen=True)
class ServerAccounts:
    """What ``server-setup`` made: the two URLs (with the passwords it set, or without them for
    a role that already existed) and what it created."""

    database: str
    owner_url: str
    app_url: str
    created: tuple[str, ...]  # roles and the database, by name
    kept: tuple[str, ...]  # roles that existed: their passwords were left as they were


def role_names(database: str) -> tuple[str, str]:
    return f"{database}_owner", f"{database}_app"


def new_password() -> str:
    return secrets.token_urlsafe(24)


def set_up_server(
    superuser_url: str, database: str, owner_password: str, app_password: str
) -> ServerAccounts:
    """Create (if missing) the two roles and the database, and grant as described above.
    Refuses, before changing anything, a user who may not create roles and databases, a role
    with superuser rights, and a database whose tables belong to another role."""
    owner, app = role_names(database)
    admin_url = make_url(superuser_url)
    created: list[str] = []
    kept: list[str] = []
    engine = create_engine(admin_url, isolation_level="AUTOCOMMIT", pool_pre_ping=True)
    try:
        with engine.connect() as connection:
            _check_may_set_up(connection)
            exists = bool(
                connection.scalar(
                    text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": database}
                )
            )
            if exists:
                _check_foreign_tables(admin_url.set(database=database), owner)
            for role, password in ((owner, owner_password), (app, app_password)):
                if _role_exists(connection, role):
                    kept.append(role)
                else:
                    _execute_formatted(
                        connection, "CREATE ROLE %I LOGIN PASSWORD %L", role, password
                    )
                    created.append(role)
            if exists:
                _execute_formatted(connection, "ALTER DATABASE %I OWNER TO %I", database, owner)
            else:
                _execute_formatted(
                    connection,
                    "CREATE DATABASE %I OWNER %I ENCODING 'UTF8' TEMPLATE template0",
                    database,
                    owner,
                )
                created.append(database)
    finally:
        engine.dispose()
    _grant(admin_url.set(database=database), database, owner, app)

    def url_of(role: str, password: str) -> str:
        shown = None if role in kept else password
        return _render(admin_url.set(username=role, password=shown, database=database))

    return ServerAccounts(
        database=database,
        owner_url=url_of(owner, owner_password),
        app_url=url_of(app, app_password),
        created=tuple(created),
        kept=tuple(kept),
    )


def _render(url: URL) -> str:
    return url.render_as_string(hide_password=False)


def _execute_formatted(connection: Connection, template: str, *values: str) -> None:
    """Run DDL whose names and literals PostgreSQL's own ``format()`` quotes (%I, %L)."""
    arguments = "".join(f", CAST(:v{index} AS text)" for index in range(len(values)))
    statement = connection.scalar(
        text(f"SELECT format(:template{arguments})"),
        {"template": template, **{f"v{index}": value for index, value in enumerate(values)}},
    )
    # Without parameters the driver reads the statement as it is (a % in a password included).
    connection.execution_options(no_parameters=True).exec_driver_sql(str(statement))


def _role_exists(connection: Connection, role: str) -> bool:
    superuser = connection.scalar(
        text("SELECT rolsuper FROM pg_roles WHERE rolname = :name"), {"name": role}
    )
    if superuser:
        raise UserError(
            t("角色 {role} 已存在且是超级用户，不能作为 townclerk 的账户；未做任何修改", role=role)
        )
    return superuser is not None


def _check_may_set_up(connection: Connection) -> None:
    allowed = connection.scalar(
        text(
            "SELECT rolsuper OR (rolcreaterole AND rolcreatedb) FROM pg_roles "
            "WHERE rolname = current_user"
        )
    )
    if not allowed:
        raise UserError(
            t("该账户不能创建角色和数据库；请用 PostgreSQL 的超级用户（如 postgres）运行")
        )


def _check_foreign_tables(url: URL, owner: str) -> None:
    engine = create_engine(url, pool_pre_ping=True)
    try:
        with engine.connect() as connection:
            foreign = connection.scalars(
                text(
                    "SELECT tablename FROM pg_tables WHERE schemaname = 'public' "
                    "AND tableowner <> :owner ORDER BY tablename"
                ),
                {"owner": owner},
            ).all()
    finally:
        engine.dispose()
    if foreign:
        raise UserError(
            t(
                "数据库 {database} 已有不属于 {owner} 的数据表（{tables}）；"
                "请换一个数据库名（--database），未做任何修改",
                database=url.database,
                owner=owner,
                tables="、".join(foreign[:5]),
            )
        )


def _grant(url: URL, database: str, owner: str, app: str) -> None:
    engine = create_engine(url, pool_pre_ping=True)
    try:
        with engine.begin() as connection:
            for template, values in (
                ("REVOKE ALL ON DATABASE %I FROM PUBLIC", (database,)),
                ("GRANT CONNECT, TEMPORARY ON DATABASE %I TO %I", (database, app)),
                ("ALTER SCHEMA public OWNER TO %I", (owner,)),
                ("REVOKE ALL ON SCHEMA public FROM PUBLIC", ()),
                ("GRANT USAGE ON SCHEMA public TO %I", (app,)),
                (
                    f"ALTER DEFAULT PRIVILEGES FOR ROLE %I IN SCHEMA public "
                    f"GRANT {_ROW_RIGHTS} ON TABLES TO %I",
                    (owner, app),
                ),
                (
                    f"ALTER DEFAULT PRIVILEGES FOR ROLE %I IN SCHEMA public "
                    f"GRANT {_SEQUENCE_RIGHTS} ON SEQUENCES TO %I",
                    (owner, app),
                ),
                (f"GRANT {_ROW_RIGHTS} ON ALL TABLES IN SCHEMA public TO %I", (app,)),
                (f"GRANT {_SEQUENCE_RIGHTS} ON ALL SEQUENCES IN SCHEMA public TO %I", (app,)),
            ):
                _execute_formatted(connection, template, *values)
            protect_append_only(connection)
    finally:
        engine.dispose()
