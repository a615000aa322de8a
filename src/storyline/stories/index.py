"""The stories' rows: document frequencies, the candidate index, story centroids and merges.

Every read here is bounded by the article, not by the store: one row per term of the article,
at most POSTING_LIMIT stories per key (the most recently active), at most CANDIDATES stories
loaded, their centroids packed (store.story_vectors) rather than JSON. That is what keeps the
cost of assigning an article flat as the store grows; the document frequencies stay bounded
too, as terms seen in one article only are forgotten once they are old (`count_terms`).
"""

from __future__ import annotations

import functools
import math
from collections import Counter
from dataclasses import dataclass

from sqlalchemy import Connection, bindparam, func, literal_column, select, update
from sqlalchemy.dialects import postgresql, sqlite

from storyline.store import story_vectors
from storyline.store.postings import postings_of
from storyline.store.schema import stories, story_articles, story_keys, story_quote_terms, story_terms
from storyline.store.story_quote_filing import file_under_their_story

from .scoring import StoryState

# The most recently active stories read per key, and the stories scored per article.
POSTING_LIMIT = 30
CANDIDATES = 10
# story_terms' row for the empty term, which every article holds: its count is the number of articles.
ALL_ARTICLES = ""
# Terms seen in one article only are forgotten once this many articles have come since.
PRUNE_AFTER = 20_000


def count_terms(conn: Connection, terms: set[str], horizon: int = PRUNE_AFTER) -> None:
    """Count one more article holding `terms`, each marked as last seen now (the article count);
    then forget as many terms seen in one article only, more than `horizon` articles ago, as the
    article brought: a term met once long ago weighs as one never met (its idf moves by log 2 at
    most), and the table stops growing with every name and number the store has seen once."""
    count, prune = _counting(conn.dialect.name)
    conn.execute(count, [{"term": term, "documents": 1} for term in sorted(terms | {ALL_ARTICLES})])
    conn.execute(prune, {"horizon": horizon, "most": len(terms) + 1})


@functools.cache
def _counting(dialect: str):
    """count_terms' two statements, built once: as expressions rebuilt per article, they cost
    about as much as running them."""
    insert = (postgresql if dialect == "postgresql" else sqlite).insert(story_terms)
    now = select(story_terms.c.documents).where(story_terms.c.term == ALL_ARTICLES).scalar_subquery()
    count = insert.values(last_seen=func.coalesce(now, 0)).on_conflict_do_update(
        index_elements=["term"], set_={"documents": story_terms.c.documents + 1, "last_seen": insert.excluded.last_seen})
    # `documents = 1` written out, so that the planners use the partial index ix_story_terms_once
    stale = (select(story_terms.c.term).where(story_terms.c.documents == literal_column("1"),
                                              story_terms.c.last_seen < now - bindparam("horizon"))
             .order_by(story_terms.c.last_seen).limit(bindparam("most")))
    return count, story_terms.delete().where(story_terms.c.term.in_(stale))


def idf_of(conn: Connection, terms: set[str]):
    """The inverse document frequency of `terms` over the articles counted so far."""
    terms = terms | {ALL_ARTICLES}
    counts = {}
    for chunk in _chunks(sorted(terms)):
        counts.update(conn.execute(select(story_terms.c.term, story_terms.c.documents)
                                   .where(story_terms.c.term.in_(chunk))).all())
    total = counts.pop(ALL_ARTICLES, 0)
    # each asked term's idf computed once (scoring asks again per candidate); any other is unseen
    known = {term: math.log((total + 1) / (counts.get(term, 0) + 1)) + 1 for term in terms}
    unseen = math.log(total + 1) + 1
    return lambda term: known.get(term, unseen)


def _chunks(items: list[str], size: int = 900):
    for start in range(0, len(items), size):
        yield items[start:start + size]


def candidate_stories(conn: Connection, keys: list[str]) -> list[StoredStory]:
    """The stories sharing most keys with the article, among each key's most recently active:
    one statement of bounded index reads, one per key."""
    postings = postings_of(conn, story_keys, "story_id", keys, POSTING_LIMIT, recent=story_keys.c.last_seen)
    # keys in the article's order, each key's stories most recent first (ties in hits go to the earlier)
    hits = Counter(story_id for held in postings.values() for story_id in held)
    ids = [story_id for story_id, _ in hits.most_common(CANDIDATES)]
    rows = conn.execute(select(stories.c.id, stories.c.vectors, stories.c.first_published, stories.c.last_published,
                               stories.c.article_count).where(stories.c.id.in_(ids))).all() if ids else []
    return [_state(row) for row in rows]


@dataclass
class StoredStory(StoryState):
    """A candidate as read, with its packed vectors: the remembered idf in them is decoded only
    for the story the article joins or merges."""

    packed: bytes | None = None


def _state(row) -> StoredStory:
    centroid, norms = story_vectors.unpack(row.vectors)
    return StoredStory(row.id, centroid=centroid, norms=norms, first_published=row.first_published,
                       last_published=row.last_published, size=row.article_count, packed=row.vectors)


def remembered_idf(state: StoredStory) -> None:
    """Decode the candidate's remembered term idf (candidates are scored without it)."""
    state.term_idf = story_vectors.unpack_idf(state.packed)


def new_story(conn: Connection, headline: str | None, seen: str) -> StoryState:
    story_id = conn.execute(stories.insert().values(
        headline=headline, first_seen=seen, last_seen=seen, article_count=0,
    )).inserted_primary_key[0]
    return StoryState(story_id)


def save_state(conn: Connection, state: StoryState, seen: list[str], headlines: list[str | None]) -> None:
    """Write the story's centroid, size and spans once an article joined (and stories merged in):
    its seen span widened to every time in `seen`, its headline the first known of its own and `headlines`."""
    sqlite_ = conn.dialect.name == "sqlite"
    conn.execute(update(stories).where(stories.c.id == state.id).values(
        vectors=story_vectors.pack(state.centroid, state.norms, state.term_idf), article_count=state.size,
        first_published=state.first_published,
        last_published=state.last_published, headline=func.coalesce(stories.c.headline, *headlines),
        first_seen=(func.min if sqlite_ else func.least)(stories.c.first_seen, *seen),
        last_seen=(func.max if sqlite_ else func.greatest)(stories.c.last_seen, *seen),
    ))


def index_story(conn: Connection, story_id: int, keys: list[str], seen: str) -> None:
    """Put the story under the article's keys, as active at `seen` (or later, if it already was)."""
    if keys:
        conn.execute(_indexing(conn.dialect.name), [{"key": key, "story_id": story_id, "last_seen": seen} for key in keys])


@functools.cache
def _indexing(dialect: str):
    latest, insert = (func.greatest, postgresql.insert(story_keys)) if dialect == "postgresql" else \
        (func.max, sqlite.insert(story_keys))
    return insert.on_conflict_do_update(
        index_elements=["key", "story_id"], set_={"last_seen": latest(story_keys.c.last_seen, insert.excluded.last_seen)})


def merge_stories(conn: Connection, survivor: StoryState, absorbed: StoredStory) -> tuple[str, str, str | None]:
    """Fold `absorbed` (a candidate) into `survivor`: its articles and keys move, its row redirects.
    Returns the absorbed story's first seen, last seen and headline, for the survivor's one `save_state`."""
    remembered_idf(absorbed)
    survivor.absorb(absorbed)
    conn.execute(update(story_articles).where(story_articles.c.story_id == absorbed.id)
                 .values(story_id=survivor.id))
    file_under_their_story(conn, story_quote_terms.c.story_id == absorbed.id)
    moved = conn.execute(select(story_keys.c.key, story_keys.c.last_seen)
                         .where(story_keys.c.story_id == absorbed.id)).all()
    conn.execute(story_keys.delete().where(story_keys.c.story_id == absorbed.id))
    for key, seen in moved:
        index_story(conn, survivor.id, [key], seen)
    spans = conn.execute(select(stories.c.headline, stories.c.first_seen, stories.c.last_seen)
                         .where(stories.c.id == absorbed.id)).one()
    conn.execute(update(stories).where(stories.c.merged_into == absorbed.id).values(merged_into=survivor.id))
    conn.execute(update(stories).where(stories.c.id == absorbed.id)
                 .values(merged_into=survivor.id, vectors=None, article_count=0))
    return spans.first_seen, spans.last_seen, spans.headline


def clear(conn: Connection) -> None:
    """Every story row gone, ready for a rebuild."""
    for table in (story_keys, story_articles, story_terms):
        conn.execute(table.delete())
    conn.execute(update(stories).values(merged_into=None))
    conn.execute(stories.delete())
