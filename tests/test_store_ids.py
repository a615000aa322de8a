"""Ids are permalinks (/articles/189#q-2887, /actors/12): on SQLite and Postgres a deleted
article's, quote's or actor's id is never given to a new row, and migration 7 brings an older
SQLite store (plain rowid tables, which hand the highest deleted id out again) up to that with
every row, id, search index and trigger intact."""

from __future__ import annotations

from dataclasses import replace

from pg import db_url, postgres_server, postgres_url, store  # noqa: F401
from sqlalchemy import select
from store_fixtures import ceasefire, make_analysed, person, seed_newsroom

from storyline.store import Store, open_store
from storyline.store.engine import open_engine, read_connection
from storyline.store.migrations import LATEST, STORY_TABLES, migrate
from storyline.store.schema import metadata


def newest_ids(store) -> tuple[int, int, int]:
    """The highest article, quote and actor id in the store."""
    with read_connection(store.engine) as conn:
        return tuple(conn.execute(select(metadata.tables[name].c.id).order_by(metadata.tables[name].c.id.desc())
                                  .limit(1)).scalar_one() for name in ("articles", "quotes", "actors"))


def lone_speaker(slug: str):
    """An article whose speaker no other article names: deleting it deletes the actor too."""
    return make_analysed(slug, [person(f"Speaker {slug}")], [(0, f"Words of {slug}", "direct")], published="2024-04-01")


def assert_deleted_ids_are_never_reused(store) -> None:
    doomed = store.save(lone_speaker("doomed")).article_id
    gone = newest_ids(store)
    assert gone[0] == doomed
    assert store.delete_article(doomed)
    assert store.get_article(doomed) is None and store.deleted_article(doomed).title == "Story doomed"
    reborn = store.save(lone_speaker("reborn")).article_id
    assert all(new > old for new, old in zip(newest_ids(store), gone)), (newest_ids(store), gone)
    assert reborn > doomed and store.deleted_article(reborn) is None
    assert [a.title for a in store.search("reborn").articles] == ["Story reborn"]
    assert store.search("doomed").articles == []


def test_a_deleted_id_is_never_given_again(store):
    seed_newsroom(store)
    assert_deleted_ids_are_never_reused(store)


def old_sqlite_tables(monkeypatch) -> None:
    """schema.py as it was before migration 7: no AUTOINCREMENT (SQLite only)."""
    for name in ("articles", "actors", "quotes"):
        monkeypatch.setitem(metadata.tables[name].dialect_options["sqlite"], "autoincrement", False)


class StoreAtVersion6(Store):
    """The store's methods over a database left at schema version 6, plus the (empty) story
    tables its article reads look in for the story id, and the outlet spellings a save looks
    in (their migrations then find them made)."""

    def __init__(self, url: str):
        self.engine, self.search_time_limit_s = open_engine(url), 10
        self.backend = self.engine.dialect.name
        metadata.create_all(self.engine, tables=[metadata.tables[name] for name in (*STORY_TABLES, "outlet_spellings")])


def test_migration_7_keeps_every_row_and_id(db_url, monkeypatch):
    old_sqlite_tables(monkeypatch)
    engine = open_engine(db_url)
    migrate(engine, upto=6)
    engine.dispose()
    monkeypatch.undo()
    old = StoreAtVersion6(db_url)
    seed_newsroom(old)
    first = old.save(ceasefire()).article_id
    newer = replace(ceasefire(), article=replace(ceasefire().article, content_hash="v2",
                                                 body=ceasefire().article.body + " Correction."))
    second = old.save(newer).article_id  # a version that supersedes an older row
    articles = {a.id: old.get_article(a.id) for a in old.list_articles(limit=100).items}
    articles[first] = old.get_article(first)
    actors = old.list_actors(limit=100).items
    old.close()

    migrated = open_store(db_url)
    assert migrated.schema_version() == LATEST
    assert {i: migrated.get_article(i) for i in articles} == articles
    assert migrated.list_actors(limit=100).items == actors
    assert migrated.get_article(second).versions[0].id == first
    assert [q.text for q in migrated.search("grain").quotes] == ["the grain deal is over"]
    if migrated.backend == "sqlite":
        with read_connection(migrated.engine) as conn:
            tables = dict(conn.exec_driver_sql("SELECT name, sql FROM sqlite_master WHERE type = 'table'").all())
            assert all("AUTOINCREMENT" in tables[name] for name in ("articles", "actors", "quotes"))
            assert not any(name.endswith("_new") for name in tables)
            assert conn.exec_driver_sql("PRAGMA foreign_key_check").all() == []
            for fts in ("articles_fts", "quotes_fts"):
                conn.exec_driver_sql(f"INSERT INTO {fts}({fts}) VALUES ('integrity-check')")
    assert_deleted_ids_are_never_reused(migrated)
    assert migrated.delete_article(second) and migrated.get_article(first).is_latest  # cascades still hold
    assert migrated.stats().quotes == 6
    migrated.close()
