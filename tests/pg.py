"""A real Postgres for tests, and the `db_url` fixture that runs a test on SQLite and on Postgres.

The server is STORYLINE_TEST_PG when set, else a throwaway cluster started once per session
by scripts/start-postgres.sh. Each test gets its own empty database. When Postgres cannot be
had, its tests skip locally but FAIL when the CI variable is set, so CI never passes silently.
Import the fixtures into a test module: `from pg import db_url, postgres_server, postgres_url, store  # noqa: F401`.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import uuid
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import create_engine, make_url, text

from storyline.store import open_store
from storyline.store.engine import database_url

START_SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "start-postgres.sh"


def _unavailable(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"{reason}\n(CI is set: Postgres tests must run, so this is a failure, not a skip)")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def postgres_server():
    """URL of a Postgres server the tests may create databases on."""
    if os.environ.get("STORYLINE_TEST_PG"):
        yield os.environ["STORYLINE_TEST_PG"]
        return
    try:
        started = subprocess.run([str(START_SCRIPT)], capture_output=True, text=True, timeout=900)
    except (OSError, subprocess.TimeoutExpired) as exc:
        _unavailable(f"could not run {START_SCRIPT.name}: {exc}")
    if started.returncode != 0:
        _unavailable(f"Postgres could not be installed or started by {START_SCRIPT.name}:\n{started.stderr[-1500:]}")
    exported = dict(re.findall(r"export (\w+)='([^']*)'", started.stdout))
    yield exported["STORYLINE_TEST_PG"]
    subprocess.run([str(START_SCRIPT), "--stop", exported["STORYLINE_TEST_PG_DIR"]], check=False)


@contextmanager
def fresh_database(server_url: str):
    """A new, empty database on the test server (its URL), dropped on exit."""
    name = f"storyline_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(database_url(server_url), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(server_url).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture
def postgres_url(postgres_server: str):
    with fresh_database(postgres_server) as url:
        yield url


@pytest.fixture(params=["sqlite", "postgres"])
def db_url(request, tmp_path: Path) -> str:
    """The same test on a real SQLite file and on a real Postgres database."""
    if request.param == "sqlite":
        return str(tmp_path / "storyline.db")
    return request.getfixturevalue("postgres_url")


@pytest.fixture
def store(request, db_url: str):
    """An open store at `db_url`; on SQLite a copy of the migrated template (conftest.py)."""
    if "://" not in db_url:
        shutil.copyfile(request.getfixturevalue("migrated_sqlite"), db_url)
    opened = open_store(db_url)
    yield opened
    opened.close()
