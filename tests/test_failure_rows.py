"""Failure rows: one per page and reason, with a count and a last-seen time, on SQLite and
Postgres; re-runs and re-loads bump the count instead of adding rows (issue 18)."""

from __future__ import annotations

from pathlib import Path

from pg import db_url, postgres_server, postgres_url, store  # noqa: F401
from serving import serving
from sqlalchemy import select

from storyline.config import Settings
from storyline.model import Failure, Stage
from storyline.pipeline import ingest_pages
from storyline.serve.app import create_app
from storyline.shards import Manifest, load_shards, write_shard
from storyline.store import open_store
from storyline.store.engine import open_engine, write_transaction
from storyline.store.migrations import MIGRATIONS, _failures_without_credentials, migrate
from storyline.store.save import failure_key
from storyline.store.schema import failures

NO_TEXT = Failure("broken.html", Stage.EXTRACT, "no article text found")


def rows(store) -> list[tuple[str, str, int]]:
    return [(f.source, f.reason, f.count) for f in store.failures().items]


def test_the_same_failure_again_is_one_row_with_its_count(store):
    first = store.record_failure(NO_TEXT)
    store.record_failure(Failure("other.html", Stage.EXTRACT, "no article text found"))
    assert store.record_failure(NO_TEXT) == first
    store.record_failure(Failure("broken.html", Stage.INGEST, "page is 25 MB, over the 20 MB limit"))
    assert sorted(rows(store)) == [("broken.html", "no article text found", 2),
                                   ("broken.html", "page is 25 MB, over the 20 MB limit", 1),
                                   ("other.html", "no article text found", 1)]
    twice = next(f for f in store.failures().items if f.count == 2)
    assert twice.last_seen >= twice.at
    assert store.stats().failures == 3


def test_re_running_an_ingest_adds_no_failure_rows(store, tmp_path: Path):
    (tmp_path / "empty.html").write_bytes(b"")
    for _ in range(3):
        report = ingest_pages([str(tmp_path / "empty.html"), str(tmp_path / "missing.html")], store)
        assert sum(report.failed.values()) == 2
    assert sorted(count for _, _, count in rows(store)) == [3, 3]


def test_re_loading_shards_adds_no_failure_rows(store, tmp_path: Path):
    write_shard(tmp_path, "s1", [NO_TEXT, Failure("b.html", Stage.INGEST, "skipped: HTTP 404")])
    Manifest(tmp_path).append("s1", ["file:a"], 25, {})
    for _ in range(3):
        load_shards(tmp_path, store)
    assert sorted(rows(store)) == [("b.html", "skipped: HTTP 404", 3), ("broken.html", "no article text found", 3)]


def test_rows_recorded_before_the_count_existed_are_merged_when_migrated(db_url):
    engine = open_engine(db_url)
    migrate(engine, upto=9)  # before migration 10 gave failures a count
    seen = [("a.html", "2026-01-01T00:00:00+00:00"), ("a.html", "2026-01-03T00:00:00+00:00"),
            ("b.html", "2026-01-02T00:00:00+00:00"), ("a.html", "2026-01-02T00:00:00+00:00")]

    def insert_the_old_way(conn):
        for source, at in seen:
            conn.exec_driver_sql("INSERT INTO failures (source, stage, reason, at) VALUES "
                                 f"('{source}', 'extract', 'no article text found', '{at}')")

    write_transaction(engine, insert_the_old_way)
    engine.dispose()
    migrated = open_store(db_url)
    by_source = {f.source: f for f in migrated.failures().items}
    assert {s: (f.count, f.at[:10], f.last_seen[:10]) for s, f in by_source.items()} == {
        "a.html": (3, "2026-01-01", "2026-01-03"), "b.html": (1, "2026-01-02", "2026-01-02")}
    migrated.record_failure(Failure("a.html", Stage.EXTRACT, "no article text found"))
    assert sorted(count for _, _, count in rows(migrated)) == [1, 4]
    migrated.close()


def test_credentials_in_rows_stored_before_they_were_left_out_are_redacted_when_migrated(db_url):
    engine = open_engine(db_url)
    migrate(engine, upto=MIGRATIONS.index(_failures_without_credentials))
    secret = "https://editor:hunter2@news.example/a"
    hidden = "https://***@news.example/a"

    def insert_the_old_way(conn):
        conn.execute(failures.insert().values(
            source=secret, stage="ingest", reason=f"HTTP 404 for {secret}", at="2026-01-01T00:00:00+00:00",
            last_seen="2026-01-01T00:00:00+00:00", count=1, failure_key=failure_key(hidden, "ingest", f"HTTP 404 for {hidden}")))

    write_transaction(engine, insert_the_old_way)
    engine.dispose()
    migrated = open_store(db_url)
    stored = migrated.read(lambda conn: conn.execute(select(failures.c.source, failures.c.reason)).all())
    assert [tuple(row) for row in stored] == [(hidden, f"HTTP 404 for {hidden}")]
    migrated.record_failure(Failure(secret, Stage.INGEST, f"HTTP 404 for {secret}"))  # the same failure again
    assert rows(migrated) == [(hidden, f"HTTP 404 for {hidden}", 2)]
    migrated.close()


def test_the_public_failures_list_shows_the_count(fresh_sqlite: Path):
    app = create_app(Settings(db=str(fresh_sqlite)))
    for _ in range(2):
        app.state.store.record_failure(NO_TEXT)
    with serving(app) as (web, _):
        [listed] = web.get("/api/failures").json()["items"]
    assert (listed["source"], listed["count"]) == ("broken.html", 2) and listed["last_seen"]
    assert "failure_key" not in listed
