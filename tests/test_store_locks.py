"""The advisory locks that queue writers of one kind on Postgres (migrations, stories, threads):
held until the writer's transaction ends; SQLite needs none (one writer at a time already)."""

from __future__ import annotations

import pytest
from pg import db_url, postgres_server, postgres_url, store  # noqa: F401
from sqlalchemy import event, text

from storyline.store.engine import MIGRATION_LOCK, STORIES_LOCK, THREADS_LOCK, serialised

HELD = text("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND objid = :key AND granted")


@pytest.mark.parametrize("key", [MIGRATION_LOCK, STORIES_LOCK, THREADS_LOCK])
def test_a_writer_holds_its_lock_until_its_transaction_ends(store, key):
    statements = []
    event.listen(store.engine, "before_cursor_execute", lambda *args: statements.append(args[2]))

    def held() -> int:
        return store.read(lambda conn: conn.execute(HELD, {"key": key}).scalar_one())

    def work(conn):
        serialised(conn, key)
        return held() if store.backend == "postgresql" else None

    during = store.write(work)
    if store.backend == "sqlite":
        assert not [s for s in statements if "advisory" in s]
    else:
        assert (during, held()) == (1, 0)
