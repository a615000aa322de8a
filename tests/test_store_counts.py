"""Per-actor counts kept at write time, on a real SQLite file and a real Postgres: after every
kind of write they equal the counts recomputed from the rows, and migration 3 backfills them
(and the quotes' copies of is_latest and published) in a store written before it existed."""

from __future__ import annotations

from dataclasses import replace

from pg import db_url, postgres_server, postgres_url, store  # noqa: F401
from sqlalchemy import text
from store_fixtures import ceasefire, make_analysed, person, seed_newsroom

from storyline.model import Quote, Span
from storyline.store import open_store
from storyline.store.engine import open_engine, write_transaction
from storyline.store.migrations import LATEST

RECOUNT = """
SELECT a.id,
  (SELECT count(*) FROM quotes q JOIN articles r ON r.id = q.article_id
    WHERE q.actor_id = a.id AND r.is_latest),
  (SELECT count(*) FROM mentions m JOIN articles r ON r.id = m.article_id
    WHERE m.actor_id = a.id AND r.is_latest),
  (SELECT count(DISTINCT n.article_id) FROM article_actors n JOIN articles r ON r.id = n.article_id
    WHERE n.actor_id = a.id AND r.is_latest)
FROM actors a ORDER BY a.id
"""
STORED = "SELECT id, quote_count, mention_count, article_count FROM actors ORDER BY id"
# quotes whose copy of their article's flag or date differs from the article's
STALE_QUOTES = """
SELECT count(*) FROM quotes q JOIN articles r ON r.id = q.article_id
WHERE q.is_latest <> r.is_latest OR coalesce(q.published, '') <> coalesce(r.published, '')
"""


def _rows(store, sql: str) -> list[tuple]:
    with store.engine.connect() as conn:
        return [tuple(row) for row in conn.execute(text(sql))]


def assert_counts_match_rows(store) -> dict[str, tuple[int, int, int]]:
    """Stored counts == counts recomputed from quotes, mentions and article_actors; returns them by name."""
    stored = _rows(store, STORED)
    assert stored == _rows(store, RECOUNT)
    assert _rows(store, STALE_QUOTES) == [(0,)]
    names = dict(_rows(store, "SELECT id, name FROM actors"))
    return {names[actor_id]: counts for actor_id, *counts in stored for counts in [tuple(counts)]}


def corrected(analysed, slug: str):
    """The same story (same canonical URL), another body: a new version."""
    again = replace(analysed, article=replace(analysed.article, content_hash=f"corrected-{slug}"))
    again.article.body += f" Correction {slug}."
    return again


def test_counts_follow_save_resave_new_version_and_delete(store):
    first = store.save(ceasefire()).article_id
    assert assert_counts_match_rows(store) == {"Vladimir Putin": (1, 2, 1), "United Nations": (1, 2, 1)}
    assert store.save(ceasefire()).outcome == "unchanged"
    assert assert_counts_match_rows(store) == {"Vladimir Putin": (1, 2, 1), "United Nations": (1, 2, 1)}

    # a new version in which the UN is no longer quoted and Putin speaks twice
    putin, un = person("Vladimir Putin", "Mr Putin"), person("United Nations", "UN", type="ORG")
    changed = make_analysed("ceasefire", [putin, un], [(0, "We are ready for a ceasefire", "direct"),
                                                      (0, "Talks start on Monday", "direct")])
    changed.article.content_hash = "ceasefire-v2"
    second = store.save(changed)
    assert second.outcome == "new_version"
    assert assert_counts_match_rows(store) == {"Vladimir Putin": (2, 3, 1), "United Nations": (0, 1, 1)}
    assert [a.name for a in store.list_actors().items] == ["Vladimir Putin", "United Nations"]

    third = store.save(corrected(changed, "3")).article_id
    assert assert_counts_match_rows(store)["Vladimir Putin"] == (2, 3, 1)
    assert store.delete_article(second.article_id)  # an old version: the latest's counts stand
    assert assert_counts_match_rows(store)["Vladimir Putin"] == (2, 3, 1)
    assert store.delete_article(third)  # the latest: version 1 is the latest again
    assert assert_counts_match_rows(store) == {"Vladimir Putin": (1, 2, 1), "United Nations": (1, 2, 1)}
    assert store.get_actor(store.list_actors().items[0].id).quote_count == 1
    assert store.delete_article(first)
    assert assert_counts_match_rows(store) == {}
    assert store.list_actors().total == 0


def test_counts_across_articles_merged_names_and_unattributed_quotes(store):
    seed_newsroom(store)  # "Putin" in the second story joins "Vladimir Putin"
    store.save(make_analysed("zelensky-1", [person("Zelensky")], [(0, "We hold", "direct")]))
    renamed = make_analysed("zelensky-2", [person("Volodymyr Zelensky"), person("Zelensky")],
                            [(0, "We still hold", "direct"), (1, "And we will", "direct")])
    store.save(renamed)
    orphan = make_analysed("orphan", [person("Ada Newname")], [(0, "Nobody said it", "direct")])
    orphan.quotes.append(Quote(kind="indirect", text="x", content=[Span(0, 1, "x")]))  # no speaker
    store.save(orphan)
    counts = assert_counts_match_rows(store)
    assert counts["Vladimir Putin"] == (3, 6, 3)
    assert counts["Volodymyr Zelensky"][0] == 3 and counts["Volodymyr Zelensky"][2] == 2
    listed = {a.name: a for a in store.list_actors(limit=100).items}
    assert (listed["Vladimir Putin"].quote_count, listed["Vladimir Putin"].article_count) == (3, 3)
    assert [a.quote_count for a in store.search("putin").actors] == [3]


def test_quotes_by_speaker_match_names_aliases_and_the_speaker_as_written(store):
    seed_newsroom(store)
    unresolved = make_analysed("unresolved", [person("Mr Putin")], [(0, "Written, not resolved", "direct")],
                               published="2024-03-09")
    unresolved.quotes[0] = replace(unresolved.quotes[0], speaker_actor=None)
    store.save(unresolved)
    by_alias = store.list_quotes(speaker="mr putin")
    assert by_alias.total == 4  # three by the actor's alias, one only as written
    assert [q.text for q in by_alias.items][:2] == ["Written, not resolved", "the grain deal is over"]
    assert store.list_quotes(speaker="nobody-by-this-name").model_dump() == {
        "total": 0, "total_exact": True, "limit": 50, "offset": 0, "items": []}
    # "Putin" is both an alias and the speaker as written in the second story: counted once
    second = store.list_quotes(speaker="putin", limit=1, offset=1)
    assert (second.total, [q.text for q in second.items]) == (3, ["Sanctions will fail"])


def test_quotes_by_speaker_page_by_page_and_undated_last(store):
    seed_newsroom(store)
    undated = make_analysed("undated", [person("Vladimir Putin")], [(0, "No date on this", "direct")], published=None)
    store.save(undated)
    written = make_analysed("written", [person("Ada Newname")], [(0, "Putin as written", "direct")],
                            published="2024-03-06")
    written.quotes[0] = replace(written.quotes[0], speaker=Span(0, 5, "Putin"))  # speaker text, other actor
    store.save(written)
    whole = store.list_quotes(speaker="Putin")
    texts = [q.text for q in whole.items]
    assert texts == ["the grain deal is over", "Putin as written", "Sanctions will fail",
                     "We are ready for a ceasefire", "No date on this"]
    assert whole.total == 5
    one_by_one = [store.list_quotes(speaker="Putin", limit=1, offset=i).items for i in range(6)]
    assert [q.text for page in one_by_one for q in page] == texts
    assert store.list_quotes(speaker="Putin", kind="direct", since="2024-03-02").total == 2
    assert store.list_quotes(speaker="Putin", outlet="Kyiv Post").total == 2


def test_migrations_3_to_5_backfill_a_store_written_before_them(db_url):
    store = open_store(db_url)
    seed_newsroom(store)
    first = store.save(ceasefire()).article_id
    store.save(corrected(ceasefire(), "v2"))  # ceasefire's version 1 is no longer the latest
    expected = assert_counts_match_rows(store)
    store.close()

    def back_to_version_2(conn):  # what migration 3 added, taken away again
        for index in ("ix_actors_most_quoted", "ix_quotes_actor_newest", "ix_quotes_speaker_key_newest",
                      "ix_articles_story"):
            conn.exec_driver_sql(f"DROP INDEX {index}")
        for table, column in (("actors", "quote_count"), ("actors", "mention_count"), ("actors", "article_count"),
                              ("quotes", "is_latest"), ("quotes", "published"), ("quotes", "speaker_key")):
            conn.exec_driver_sql(f"ALTER TABLE {table} DROP COLUMN {column}")
        conn.exec_driver_sql("CREATE INDEX ix_quotes_actor ON quotes (actor_id)")
        conn.exec_driver_sql("UPDATE schema_version SET version = 2")

    engine = open_engine(db_url)
    write_transaction(engine, back_to_version_2)
    engine.dispose()

    migrated = open_store(db_url)
    assert migrated.schema_version() == LATEST
    assert assert_counts_match_rows(migrated) == expected
    assert expected["Vladimir Putin"] == (3, 6, 3)
    assert migrated.list_quotes(speaker="Vladimir Putin").total == 3
    assert migrated.get_article(first).is_latest is False
    migrated.close()
