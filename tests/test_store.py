"""Writing to the store, on a real SQLite file and a real Postgres: idempotence, versions, actor
merging, all-or-nothing saves, migrations and concurrent writers."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from pg import db_url, postgres_server, postgres_url, store  # noqa: F401
from sqlalchemy.exc import IntegrityError
from store_fixtures import ceasefire, make_analysed, person

from storyline.model import Failure, Quote, Span
from storyline.store import open_store
from storyline.store.engine import open_engine, write_transaction
from storyline.store.migrations import LATEST, migrate
from storyline.store.save import save_article
from storyline.store.schema import outlet_spellings


def counts(store) -> dict:
    return store.stats().model_dump(include={"articles", "versions", "actors", "quotes", "mentions", "failures"})


def test_the_same_page_twice_changes_nothing(store):
    first = store.save(ceasefire())
    again = store.save(ceasefire())
    assert (first.outcome, again.outcome) == ("ingested", "unchanged")
    assert again.article_id == first.article_id
    assert counts(store) == {"articles": 1, "versions": 1, "actors": 2, "quotes": 2, "mentions": 4, "failures": 0}


def test_other_bytes_with_the_same_body_at_the_same_url_is_unchanged(store):
    first = store.save(ceasefire())
    same_text_new_markup = ceasefire()
    same_text_new_markup.article.content_hash = "hash-of-a-page-with-new-ads"
    assert store.save(same_text_new_markup) == first.__class__("unchanged", first.article_id)


def test_a_changed_page_is_a_new_version_and_the_old_one_is_kept(store):
    old = store.save(ceasefire()).article_id
    corrected = ceasefire()
    corrected.article.body += " Correction: the talks were in Geneva."
    corrected.article.content_hash = "corrected"
    result = store.save(corrected)
    assert result.outcome == "new_version"
    listed = store.list_articles()
    assert [a.id for a in listed.items] == [result.article_id]
    assert listed.items[0].version == 2
    previous = store.get_article(old)
    assert (previous.is_latest, previous.superseded_by) == (False, result.article_id)
    assert [v.id for v in store.get_article(result.article_id).versions] == [old, result.article_id]
    assert store.list_quotes(speaker="Vladimir Putin").total == 1  # quotes of old versions are hidden
    assert store.delete_article(result.article_id)
    assert store.get_article(old).is_latest and store.list_articles().total == 1


def test_actors_merge_across_articles(store):
    store.save(ceasefire())
    surname_only = person("Putin", roles=("President",))
    second = store.save(make_analysed("talks", [surname_only], [(0, "No comment", "direct")])).article_id
    ids = {a.name: a.id for a in store.list_actors().items}
    putin = store.get_actor(ids["Vladimir Putin"])
    assert store.get_article(second).actors[0].id == putin.id
    assert putin.aliases == ["Mr Putin", "Putin"]
    assert putin.roles == ["Russian President", "President"]
    assert (putin.quote_count, putin.article_count) == (2, 2)
    assert set(ids) == {"Vladimir Putin", "United Nations"}


def test_a_surname_seen_first_becomes_the_full_name_later(store):
    store.save(make_analysed("first", [person("Zelensky")], [(0, "We hold", "direct")]))
    store.save(make_analysed("second", [person("Volodymyr Zelensky")], [(0, "We still hold", "direct")]))
    [actor] = store.list_actors().items
    assert (actor.name, actor.aliases, actor.quote_count) == ("Volodymyr Zelensky", ["Zelensky"], 2)


def test_an_ambiguous_surname_stays_apart_and_a_mistyped_full_name_joins_its_person(store):
    """"Biden" beside the article's only Biden named in full (typed ORG) is Joe Biden; "Biden"
    alone, with Joe and Hunter stored, is neither."""
    store.save(make_analysed("bidens", [person("Joe Biden"), person("Hunter Biden")], []))
    store.save(make_analysed("biden", [person("Biden"), person("Joe Biden", type="ORG")], []))
    store.save(make_analysed("biden-alone", [person("Biden")], []))
    found = {(a.name, a.type): a.article_count for a in store.list_actors(limit=10).items}
    assert found == {("Biden", "PERSON"): 1, ("Hunter Biden", "PERSON"): 1, ("Joe Biden", "PERSON"): 2}


def test_a_failed_save_leaves_nothing_half_written(store):
    store.save(ceasefire())
    before = counts(store)
    broken = make_analysed("broken", [person("Ada Newname")], [(0, "First words", "direct")])
    broken.quotes.append(Quote(kind="shouted", text="x", content=[Span(0, 1, "x")]))  # violates ck_quotes_kind
    with pytest.raises(IntegrityError):
        store.save(broken)
    assert counts(store) == before
    assert store.search("Newname").actors == []


def test_a_nul_character_is_stored_the_same_on_both_backends(store):
    page = make_analysed("nul", [person("Ada Lovelace")], [(0, "zero\x00byte", "direct")])
    article = store.get_article(store.save(page).article_id)
    quote = article.quotes[0]
    assert quote.text == "zero\ufffdbyte"
    assert article.body[quote.content[0].start:quote.content[0].end] == quote.text


def test_failures_are_recorded_newest_first(store):
    store.record_failure(Failure(source="a.html", stage="extract", reason="no article text found"))
    store.record_failure(Failure(source="b.html", stage="ingest", reason="page larger than 20 MB"))
    listed = store.failures()
    assert [f.source for f in listed.items] == ["b.html", "a.html"]
    assert listed.items[0].at
    assert [f.reason for f in store.failures(stage="extract").items] == ["no article text found"]


def test_an_empty_database_is_migrated_to_the_latest_schema(db_url):
    opened = open_store(db_url)
    assert opened.schema_version() == LATEST
    opened.close()
    assert open_store(db_url).schema_version() == LATEST  # reopening is a no-op


def with_outlet_spellings(engine) -> None:
    """The table today's save looks up an outlet's spellings in, in a store left at an older
    schema (the migration that adds it then finds it made and fills it from the articles)."""
    outlet_spellings.create(engine)


def test_an_older_database_is_migrated_and_its_rows_become_searchable(db_url):
    engine = open_engine(db_url)
    assert migrate(engine, upto=1) == 1  # the schema before full-text search existed
    with_outlet_spellings(engine)
    write_transaction(engine, lambda conn: save_article(conn, ceasefire()))
    engine.dispose()
    opened = open_store(db_url)
    assert opened.schema_version() == LATEST
    assert [a.title for a in opened.search("ceasefire").articles] == ["Story ceasefire"]
    opened.close()


def test_postgres_keeps_article_search_vectors_in_the_row_once_migrated(postgres_url):
    """Migration 6 brings the search vector of an article stored before it (too long for a row
    at Postgres' default TOAST target) back into the row, with every other value."""
    engine = open_engine(postgres_url)
    migrate(engine, upto=5)
    with_outlet_spellings(engine)
    words = " ".join(f"{word}{i}" for i, word in enumerate(["ceasefire", "talks", "envoy", "sanctions"] * 60))
    write_transaction(engine, lambda conn: save_article(conn, make_analysed(
        "long", [person("Vladimir Putin")], [(0, "We will talk", "direct")], extra=words)))

    def out_of_line_values() -> int:
        with engine.connect() as conn:
            toast = conn.exec_driver_sql(
                "SELECT reltoastrelid::regclass FROM pg_class WHERE relname = 'articles'").scalar_one()
            return conn.exec_driver_sql(f"SELECT count(DISTINCT chunk_id) FROM {toast}").scalar_one()

    assert out_of_line_values() == 1  # the search vector
    migrate(engine)
    assert out_of_line_values() == 0
    engine.dispose()
    opened = open_store(postgres_url)
    assert [a.title for a in opened.search("sanctions59").articles] == ["Story long"]
    opened.close()


def test_two_writer_processes_and_a_reader_at_once(db_url):
    helper = Path(__file__).with_name("store_fixtures.py")
    writers = [
        subprocess.Popen([sys.executable, str(helper), db_url, prefix, "12"], stderr=subprocess.PIPE, text=True)
        for prefix in ("a", "b")
    ]
    opened = open_store(db_url)  # a reader alongside: never blocked, never sees a half-saved article
    seen = [opened.stats()]
    while any(writer.poll() is None for writer in writers):
        seen.append(opened.stats())
        # one quote per article, two in the shared page: any other difference is a torn read
        assert 0 <= seen[-1].quotes - seen[-1].articles <= 1, seen[-1]
        assert seen[-1].articles >= seen[-2].articles
    for writer in writers:
        _, err = writer.communicate(timeout=120)
        assert writer.returncode == 0, err
    assert opened.stats().articles == 12 * 2 + 1  # the shared ceasefire page stored once
    putin = [a for a in opened.list_actors(limit=100).items if a.name == "Vladimir Putin"]
    assert len(putin) == 1
    assert {"role a", "role b", "Russian President"} <= set(putin[0].roles)
    assert putin[0].quote_count == 12 * 2 + 1
    opened.close()
