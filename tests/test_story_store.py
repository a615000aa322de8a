"""The stories' storage on real stores (SQLite and Postgres): document frequencies forget only
terms seen once long ago, migrations 15-16 keep every story's vectors, and the candidate index
reads each key's latest stories."""

from __future__ import annotations

import math
from collections import Counter

from pg import db_url, postgres_server, postgres_url, store  # noqa: F401
from sqlalchemy import JSON, Column, Integer, MetaData, Table, select, text
from test_stories import INTERLEAVED, ingest_all, partition

from storyline.store import open_store, story_vectors
from storyline.store.engine import open_engine, write_transaction
from storyline.store.migrations import MIGRATIONS, _packed_story_vectors
from storyline.store.schema import stories, story_terms
from storyline.stories import index


def terms_in(store) -> dict[str, int]:
    return dict(store.read(lambda conn: conn.execute(select(story_terms.c.term, story_terms.c.documents)).all()))


def test_pruning_forgets_only_terms_seen_once_longer_ago_than_the_horizon(store):
    articles = [{"flood", "old-once", "twice"}, {"flood", "twice"}, {"flood", "river", "mid-once"},
                {"flood", "river"}, {"flood", "late-once"}, {"flood"}, {"flood", "newest-once"}]
    counted: Counter = Counter()
    for terms in articles:
        store.write(index.count_terms, terms, 3)
        counted.update(terms | {index.ALL_ARTICLES})
    # seen once, at article 1 and 3: more than 3 articles ago by article 7; late-once (5) is not
    kept = {term: n for term, n in counted.items() if term not in {"old-once", "mid-once"}}
    assert terms_in(store) == kept
    idf, total = store.read(index.idf_of, set(kept)), counted[index.ALL_ARTICLES]
    assert all(idf(term) == math.log((total + 1) / (n + 1)) + 1 for term, n in kept.items() if term)
    store.write(index.count_terms, {"old-once"}, 3)  # back after pruning: counted afresh
    assert terms_in(store)["old-once"] == 1


def test_pruning_a_backlog_takes_a_bounded_bite_per_article(store):
    store.write(index.count_terms, {f"name-{n}" for n in range(40)}, 2)
    for article in range(3):
        store.write(index.count_terms, {"flood"}, 2)
    # by the third article, the first is past the horizon: at most 2 of its 40 terms go per article
    assert 38 <= sum(term.startswith("name-") for term in terms_in(store)) < 40
    assert terms_in(store)["flood"] == 3


def story_vectors_of(store) -> dict[int, tuple]:
    rows = store.read(lambda conn: conn.execute(select(stories.c.id, stories.c.vectors)
                                                .where(stories.c.merged_into.is_(None))).all())
    return {story_id: (story_vectors.unpack(blob), story_vectors.unpack_idf(blob)) for story_id, blob in rows}


def back_to_json_centroids(db_url: str) -> None:
    """Turn a current store's story rows into what migration 14 left: JSON centroid, norms and
    term_idf columns, no vectors, no story_terms.last_seen."""
    old = Table("stories", MetaData(), Column("id", Integer, primary_key=True), Column("centroid", JSON),
                Column("norms", JSON), Column("term_idf", JSON))
    engine = open_engine(db_url)

    def rewrite(conn):
        rows = conn.execute(select(stories.c.id, stories.c.vectors)).all()
        for name in ("centroid", "norms", "term_idf"):
            conn.execute(text(f"ALTER TABLE stories ADD COLUMN {name} JSON"))
        for story_id, blob in rows:
            centroid, norms = story_vectors.unpack(blob)
            conn.execute(old.update().where(old.c.id == story_id).values(
                centroid=centroid, norms=norms, term_idf=story_vectors.unpack_idf(blob)))
        conn.execute(text("ALTER TABLE stories DROP COLUMN vectors"))
        conn.execute(text("DROP INDEX ix_story_terms_once"))
        conn.execute(text("ALTER TABLE story_terms DROP COLUMN last_seen"))
        conn.execute(text("UPDATE schema_version SET version = :v"), {"v": MIGRATIONS.index(_packed_story_vectors)})

    write_transaction(engine, rewrite)
    engine.dispose()


def test_migrations_pack_json_centroids_and_date_the_terms(db_url):
    store = open_store(db_url)
    ids = ingest_all(store, INTERLEAVED[:4])
    before, terms = story_vectors_of(store), terms_in(store)
    store.close()
    back_to_json_centroids(db_url)
    migrated = open_store(db_url)
    assert story_vectors_of(migrated) == before
    assert terms_in(migrated) == terms
    dated = migrated.read(lambda conn: set(conn.execute(select(story_terms.c.last_seen)).scalars()))
    assert dated == {len(ids)}  # the terms counted before the migration count as seen now
    later = ingest_all(migrated, INTERLEAVED[4:])  # scored against the migrated vectors
    assert partition(migrated, ids + later) == [{0, 2, 4}, {1, 3, 5}]
    migrated.close()


def test_candidates_are_the_stories_sharing_most_keys_among_each_keys_latest(store):
    """Each key reaches its POSTING_LIMIT most recently active stories only; the stories reached
    by most keys come first, CANDIDATES at most; a candidate carries the idf it was saved with."""
    def day(n: int) -> str:
        return f"2026-03-{n // 24 + 1:02d}T{n % 24:02d}:00:00"

    def fill(conn) -> list[int]:
        made = []
        for n in range(index.POSTING_LIMIT + 2):  # oldest first, each under "a:flood"
            state = index.new_story(conn, f"flood {n}", day(n))
            state.centroid, state.norms, state.term_idf = {"body": {"flood": 1.0}}, {"body": 2.0}, {"flood": 2.0 + n}
            index.save_state(conn, state, [day(n)], [None])
            index.index_story(conn, state.id, ["a:flood"], day(n))
            made.append(state.id)
        index.index_story(conn, made[1], ["w:river", "w:dam"], day(1))  # old, but under two more keys
        return made

    made = store.write(fill)
    found = store.read(index.candidate_stories, ["a:flood", "w:river", "w:dam"])
    latest = made[-(index.CANDIDATES - 1):]
    assert {story.id for story in found} == {made[1], *latest}
    chosen = next(story for story in found if story.id == made[1])
    index.remembered_idf(chosen)
    assert chosen.term_idf == {"flood": 3.0}
