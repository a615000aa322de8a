"""Web ingests never block reads: pages wait in a bounded queue and are analysed in worker
processes, so GET /api/stats answers while ingests are stuck, and a full queue answers 429 with
Retry-After (issue 18: 60 concurrent POST /api/ingest made GET /api/stats wait 34.5 s).

An ingest is held "running" for as long as a test wants by holding the SQLite file's write
lock: the page is analysed, then its save waits on the lock (up to the busy timeout)."""

from __future__ import annotations

import multiprocessing
import os
import signal
import sqlite3
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

import pytest
from serving import serving

from storyline.config import Settings
from storyline.serve.app import create_app
from storyline.serve.write_api import JOBS

pytestmark = pytest.mark.slow  # spawned worker processes, each loading spaCy

# More requests than the server has threads for blocking calls (anyio's default: 40).
REQUESTS = 45


def article(n: int) -> str:
    return (f"Bridge plan number {n}\n\nThe mayor said on Monday that the city would rebuild bridge {n} "
            f"by the spring. \"We will not wait for another winter,\" she told reporters. Work on "
            f"the {n} crossings starts next month, officials said.")


@contextmanager
def write_lock_held(db: Path):
    """Hold the store's write lock, as a long write by another process would."""
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        yield
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def wait_for(condition, what: str) -> None:
    """Poll until `condition()` holds; bounded, it asserts no speed."""
    ends = time.monotonic() + 120
    while not condition():
        assert time.monotonic() < ends, f"never happened: {what}"
        time.sleep(0.05)


def test_reads_answer_while_many_ingests_wait(tmp_path: Path):
    db = tmp_path / "s.db"
    with serving(create_app(Settings(db=str(db), ingest_queue=100))) as (web, _), \
            ThreadPoolExecutor(REQUESTS) as senders:
        with write_lock_held(db):
            posts = [senders.submit(web.post, "/api/ingest", data={"text": article(n)}, timeout=300)
                     for n in range(REQUESTS)]
            wait_for(lambda: JOBS.queued == REQUESTS, "every ingest queued")
            stats = web.get("/api/stats", timeout=60)
            assert stats.status_code == 200 and stats.json()["articles"] == 0
            assert not any(post.done() for post in posts)  # the ingests are all still waiting
        statuses = [post.result().json()["outcomes"][0]["status"] for post in posts]
    assert statuses == ["ingested"] * REQUESTS


def test_a_full_queue_answers_429_with_retry_after(tmp_path: Path):
    db = tmp_path / "s.db"
    htmx = {"HX-Request": "true"}
    with serving(create_app(Settings(db=str(db), ingest_queue=2))) as (web, _):
        with write_lock_held(db):
            for n in range(2):
                assert web.post("/api/ingest", data={"text": article(n)}, headers=htmx).status_code == 200
            full = web.post("/api/ingest", data={"text": article(2)})
            assert full.status_code == 429 and int(full.headers["Retry-After"]) >= 1
            assert "queue is full" in full.json()["detail"]
            too_many = web.post("/api/ingest", data={"urls": "\n".join(f"https://example.com/{n}" for n in range(3))})
            assert too_many.status_code == 413
        wait_for(lambda: JOBS.queued == 0, "the queued ingests done")
        assert web.post("/api/ingest", data={"text": article(2)}).json()["outcomes"][0]["status"] == "ingested"


def test_a_killed_worker_process_never_stops_later_ingests(fresh_sqlite: Path):
    with serving(create_app(Settings(db=str(fresh_sqlite)))) as (web, _):
        assert web.post("/api/ingest", data={"text": article(1)}).json()["outcomes"][0]["status"] == "ingested"
        workers = multiprocessing.active_children()
        assert workers  # the analysis runs in a child process, not in the server's threads
        for worker in workers:
            os.kill(worker.pid, signal.SIGKILL)
            worker.join()
        assert web.post("/api/ingest", data={"text": article(2)}).json()["outcomes"][0]["status"] == "ingested"
