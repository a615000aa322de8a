"""Migration 20 on SQLite and Postgres: the rows store/actors.py left stale before it kept them
up are repaired in place, so a store written by the old code finds what a new one does: a
renamed actor by the surname of its new name, a moved quote under its new speaker."""

from __future__ import annotations

from cached_ingest import cached_ingest
from pg import db_url, postgres_server, postgres_url  # noqa: F401
from sqlalchemy import select
from store_fixtures import make_analysed, person
from story_pages import pages
from thread_pages import MOVED

from storyline.store import Store, open_store
from storyline.store.engine import open_engine, write_transaction
from storyline.store.migrations import LATEST, migrate
from storyline.store.schema import actors, quote_keys, quotes, schema_version
from storyline.stories.queries import story_of_article
from storyline.threads.queries import article_quote_threads, get_thread


class StoreAt19(Store):
    """The store's methods over a database kept at schema 19, the last before migration 20."""

    def __init__(self, url: str):
        self.engine, self.search_time_limit_s = open_engine(url), 10
        self.backend = self.engine.dialect.name
        migrate(self.engine, upto=19)


def actor_id(store, name: str) -> int:
    return next(a.id for a in store.list_actors(limit=50).items if a.name == name)


def save(store, slug: str, *named) -> None:
    store.save(make_analysed(slug, list(named), [(0, f"Words of {slug}", "direct")]))


def test_an_actor_renamed_by_the_old_code_is_found_by_its_new_name_s_surname(db_url):
    old = StoreAt19(db_url)
    save(old, "psg-1", person("PSG", type="ORG"))
    save(old, "psg-2", person("Paris Saint-Germain", "PSG", type="ORG"))
    club = actor_id(old, "Paris Saint-Germain")
    write_transaction(old.engine, lambda conn: conn.execute(  # _rename kept the first name's key
        actors.update().where(actors.c.id == club).values(surname_key="psg")))
    old.close()

    store = open_store(db_url)
    assert store.schema_version() == LATEST
    save(store, "psg-3", person("Saint-Germain", type="ORG"))
    found = {a.name: (a.id, a.quote_count) for a in store.list_actors(limit=50).items if a.article_count}
    assert found == {"Paris Saint-Germain": (club, 3)}
    store.close()


def test_a_quote_moved_by_the_old_code_is_threaded_under_its_new_speaker(db_url):
    """tests/test_thread_store.py's moved "Jansen", with the talks quote's thread keys left under
    the mayor as _move_link left them: once migrated, the congress quote joins its thread."""
    old = open_store(db_url)  # today's step threads them; the keys are then put back as 19 left them
    talks = [saved.article_id for saved in cached_ingest(old, pages(MOVED[:3]))][1]
    mayor = actor_id(old, "Pieter Jansen")
    spoken = select(quotes.c.id).where(quotes.c.article_id == talks)
    moved = write_transaction(old.engine, lambda conn: conn.execute(
        quote_keys.update().where(quote_keys.c.quote_id.in_(spoken)).values(actor_id=mayor)).rowcount)
    assert moved > 0
    write_transaction(old.engine, lambda conn: conn.execute(schema_version.update().values(version=19)))
    old.close()

    store = open_store(db_url)
    (saved,) = cached_ingest(store, pages(MOVED[3:]))
    congress = saved.article_id
    assert store.read(story_of_article, talks) != store.read(story_of_article, congress)
    (summary,) = store.read(article_quote_threads, congress)
    thread = store.read(get_thread, summary.thread_id)
    assert {(q.article_id, q.speaker) for q in thread.quotes} == {(talks, "Jansen"), (congress, "Jansen")}
    store.close()
