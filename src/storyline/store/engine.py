"""Connections that behave the same on both backends: transactional DDL, foreign keys, busy waits.

SQLite runs in WAL mode so readers never block the writer; writers start with
BEGIN IMMEDIATE so they queue on the busy timeout instead of failing mid-transaction.
Postgres needs only the psycopg 3 driver. `write_transaction` retries the few errors that
mean "another writer got there first", and waits out a database that cannot be reached for a
bounded time.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, OperationalError

from .params import SearchTooSlow

T = TypeVar("T")
BUSY_TIMEOUT_S = 30
WRITE_ATTEMPTS = 5
FIRST_OUTAGE_PAUSE_S, LONGEST_OUTAGE_PAUSE_S = 0.25, 8.0  # between tries at an unreachable database
_WRITE = "storyline_write"
# Postgres advisory lock keys: one per kind of write that must not run twice at once.
MIGRATION_LOCK, STORIES_LOCK, THREADS_LOCK = 7218, 7219, 7220


def database_url(url_or_path: str) -> str:
    """A path or sqlite:/// URL selects SQLite; postgresql:// selects Postgres via psycopg 3."""
    if url_or_path.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + url_or_path.split("://", 1)[1]
    if "://" in url_or_path:
        return url_or_path
    return f"sqlite:///{Path(url_or_path).expanduser().resolve()}"


def open_engine(url_or_path: str) -> Engine:
    url = make_url(database_url(url_or_path))
    if url.get_backend_name() == "sqlite":
        if url.database in (None, "", ":memory:"):
            raise ValueError("the store needs a SQLite file, not an in-memory database")
        engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_S, "check_same_thread": False})
        event.listen(engine, "connect", _configure_sqlite)
        event.listen(engine, "begin", _begin_sqlite)
        return engine
    return create_engine(url, pool_pre_ping=True)


def _configure_sqlite(dbapi_connection, _record) -> None:
    # Take transactions out of the driver's hands so DDL is transactional too (SQLAlchemy docs).
    dbapi_connection.isolation_level = None
    for pragma in ("journal_mode=WAL", "foreign_keys=ON", f"busy_timeout={BUSY_TIMEOUT_S * 1000}",
                   "synchronous=NORMAL"):
        dbapi_connection.execute(f"PRAGMA {pragma}")


def _begin_sqlite(conn: Connection) -> None:
    conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get(_WRITE) else "BEGIN")


def serialised(conn: Connection, key: int) -> None:
    """Hold Postgres advisory lock `key` until this transaction ends, so writers of one kind queue;
    SQLite needs none (BEGIN IMMEDIATE already admits one writer at a time)."""
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": key})


def read_connection(engine: Engine) -> Connection:
    """A connection whose queries all see one snapshot: SQLite's deferred BEGIN gives that,
    Postgres needs REPEATABLE READ (read-only, so it never fails to serialize)."""
    conn = engine.connect()
    if engine.dialect.name == "postgresql":
        conn.execution_options(isolation_level="REPEATABLE READ")
    return conn


@contextmanager
def time_limited(conn: Connection, seconds: float | None) -> Iterator[None]:
    """Stop the statements run inside after `seconds` (SearchTooSlow): SQLite through a progress
    handler that interrupts the query, Postgres through statement_timeout for this transaction."""
    if seconds is None:
        yield
        return
    message = f"the search was stopped after {seconds:g} s; look for fewer or rarer words, or a phrase"
    if conn.dialect.name == "postgresql":
        conn.exec_driver_sql(f"SET LOCAL statement_timeout = {max(1, round(seconds * 1000))}")
        try:
            yield
        except DBAPIError as exc:
            if getattr(exc.orig, "sqlstate", None) == "57014":  # query_canceled
                raise SearchTooSlow(message) from exc
            raise
        return
    raw = conn.connection.driver_connection
    deadline = time.monotonic() + seconds
    raw.set_progress_handler(lambda: time.monotonic() > deadline, 100)  # checked every 100 VM steps
    try:
        yield
    except DBAPIError as exc:
        if "interrupted" in str(exc.orig):
            raise SearchTooSlow(message) from exc
        raise
    finally:
        raw.set_progress_handler(None, 0)


def write_transaction(engine: Engine, work: Callable[[Connection], T], outage_wait: float = 0.0) -> T:
    """Run `work` in one write transaction, all or nothing, retrying when another writer raced us.

    A database that cannot be reached (a Postgres restart, a dropped connection) is tried
    again with growing pauses for up to `outage_wait` seconds before its error is raised; the
    transaction never committed, so running `work` again is safe."""
    gives_up = time.monotonic() + outage_wait
    pause = FIRST_OUTAGE_PAUSE_S
    races = 0
    while True:
        try:
            with engine.connect().execution_options(**{_WRITE: True}) as conn, conn.begin():
                return work(conn)
        except DBAPIError as exc:
            if _lost_a_race(exc) and races < WRITE_ATTEMPTS - 1:
                races += 1
                time.sleep(0.05 * races)
            elif unreachable(exc, engine.dialect.name) and time.monotonic() < gives_up:
                time.sleep(min(pause, max(gives_up - time.monotonic(), 0.0)))
                pause = min(pause * 2, LONGEST_OUTAGE_PAUSE_S)
            else:
                raise


def unreachable(exc: DBAPIError, backend: str) -> bool:
    """The database could not be reached or dropped the connection: worth waiting out. A
    refused or cut connection has no SQLSTATE; a server shutting down or starting up says 57P0x."""
    if exc.connection_invalidated:
        return True
    if backend != "postgresql" or not isinstance(exc, OperationalError):
        return False
    sqlstate = getattr(exc.orig, "sqlstate", None)
    return sqlstate is None or sqlstate.startswith("08") or sqlstate in ("57P01", "57P02", "57P03")


def _lost_a_race(exc: DBAPIError) -> bool:
    sqlstate = getattr(exc.orig, "sqlstate", None)
    if sqlstate is not None:  # Postgres: unique violation, serialization failure, deadlock
        return sqlstate in ("23505", "40001", "40P01")
    return "locked" in str(exc.orig) or "busy" in str(exc.orig)
