"""Ordered schema migrations: opening a store brings any older database up to date.

`schema_version` holds the number of migrations applied. Each migration is a function of a
connection, run inside the same transaction as the version bump, so a crash leaves the
database at the previous version. Add new migrations at the end; never edit an applied one
(a column added later is an ALTER TABLE in a new migration, not an edit to migration 1).
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Connection, Engine, inspect, select, text

from .engine import write_transaction
from .fts import search_dialect
from .schema import metadata, schema_version

CORE_TABLES = ("articles", "actors", "actor_aliases", "article_actors", "mentions", "quotes", "failures")


def _create_core_tables(conn: Connection) -> None:
    metadata.create_all(conn, tables=[metadata.tables[name] for name in CORE_TABLES])


def _add_full_text_search(conn: Connection) -> None:
    for statement in search_dialect(conn.dialect.name).ddl():
        conn.exec_driver_sql(statement)


MIGRATIONS: list[Callable[[Connection], None]] = [_create_core_tables, _add_full_text_search]
LATEST = len(MIGRATIONS)


def migrate(engine: Engine, upto: int = LATEST) -> int:
    """Apply the migrations not yet applied (up to `upto`); return the resulting version."""

    def run(conn: Connection) -> int:
        if conn.dialect.name == "postgresql":  # two processes opening a new database at once
            conn.execute(text("SELECT pg_advisory_xact_lock(7218)"))
        if not inspect(conn).has_table("schema_version"):
            schema_version.create(conn)
            conn.execute(schema_version.insert().values(version=0))
        current = conn.execute(select(schema_version.c.version)).scalar_one()
        for migration in MIGRATIONS[current:upto]:
            migration(conn)
        if upto > current:
            conn.execute(schema_version.update().values(version=upto))
        return max(current, upto)

    return write_transaction(engine, run)


def current_version(conn: Connection) -> int:
    return conn.execute(select(schema_version.c.version)).scalar_one()
