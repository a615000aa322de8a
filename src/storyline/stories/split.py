"""A second look at a grown story: split it when its articles form two events, not one.

Joining is decided one article at a time against a story's centroid, so the first report of
a second event of the same kind (another earthquake, another fight of the same boxer) can
join its sibling's story, and once the centroid is mixed the rest follow. When a story grows
past a checkpoint (8 articles, then each 1.5 times more), its latest articles are compared
pairwise as an article is with a story and split in two groups; when the groups resemble each
other much less than each resembles itself, the smaller group moves to a new story. The
story keeps its id (a permalink still leads to most of its articles); the moved articles'
keys index the new story. The cost stays bounded: at most RECENT articles are read, at
checkpoints that grow geometrically.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable

from sqlalchemy import Connection, func, select, update

from storyline.store import story_vectors
from storyline.store.schema import articles, stories, story_articles
from storyline.store.story_quote_filing import move_story_terms

from . import index
from .features import ArticleFeatures, index_keys
from .scoring import StoryState, article_vectors, similarity

# The story sizes at which a split is looked for: FIRST_CHECK, then each GROWTH times larger.
FIRST_CHECK = 8
GROWTH = 1.5
# The latest articles compared (older ones stay in the story).
RECENT = 64
# Each group needs this many articles: a few outliers are not a second event.
MIN_GROUP = 4
# Split when the groups' mean cross similarity is below this share of their mean inner similarity.
SPLIT_BELOW = 0.7


def due(before: int, after: int) -> bool:
    """Whether growing from `before` to `after` articles passed a checkpoint."""
    if after < FIRST_CHECK:
        return False
    checkpoint = FIRST_CHECK
    while checkpoint <= before:
        checkpoint = math.ceil(checkpoint * GROWTH)
    return checkpoint <= after


def two_groups(vectors: list[dict[str, dict[str, float]]]) -> list[int] | None:
    """The positions of the smaller group when the articles form two distinct groups, else None.

    The groups grow from the least similar pair, each article going to the group it resembles
    more on average, until they settle (a few rounds of average-link two-means)."""
    n = len(vectors)
    if n < 2 * MIN_GROUP:
        return None
    sim = [[similarity(vectors[a], vectors[b]) if a != b else 1.0 for b in range(n)] for a in range(n)]
    first, second = min(itertools.combinations(range(n), 2), key=lambda pair: sim[pair[0]][pair[1]])
    groups = [{first}, {second}]
    for _ in range(6):
        moved: list[set[int]] = [set(), set()]
        for k in range(n):
            near = [_mean(sim[k][x] for x in group if x != k) for group in groups]
            moved[0 if near[0] >= near[1] else 1].add(k)
        if not all(moved) or moved == groups:
            break
        groups = moved
    small, large = sorted(groups, key=lambda g: (len(g), min(g)))
    if len(small) < MIN_GROUP:
        return None
    inner = _mean(_mean(sim[a][b] for a, b in itertools.combinations(sorted(g), 2)) for g in groups)
    cross = _mean(sim[a][b] for a in small for b in large)
    return sorted(small) if cross < SPLIT_BELOW * inner else None


def _mean(values) -> float:
    values = list(values)
    return sum(values) / len(values) if values else 0.0


def split_story(conn: Connection, story: StoryState,
                features_of: Callable[[Connection, int], ArticleFeatures]) -> StoryState | None:
    """Split `story` (just saved) when its latest articles form two groups; the new story, or None."""
    recent = conn.execute(
        select(articles.c.id, articles.c.title, articles.c.published, articles.c.canonical_key, story_articles.c.seen)
        .join(story_articles, story_articles.c.article_id == articles.c.id)
        .where(story_articles.c.story_id == story.id, articles.c.is_latest)
        .order_by(story_articles.c.seen.desc(), articles.c.id.desc()).limit(RECENT)).all()[::-1]
    features = [features_of(conn, row.id) for row in recent]
    idf = index.idf_of(conn, set().union(*(f.terms() for f in features)))
    vectors = [article_vectors(f, idf) for f in features]
    moving = two_groups(vectors)
    if moving is None:
        return None
    first = recent[moving[0]]
    new = index.new_story(conn, first.title, first.seen)
    for k in moving:
        story.remove(features[k])
        new.add(features[k], recent[k].published)
        index.index_story(conn, new.id, index_keys(features[k], idf, vectors[k]["body"]), recent[k].seen)
    for state in (story, new):  # centroid terms at the idf they last had, else today's
        state.refresh_norms(features[moving[0]], idf)
    versions = select(articles.c.id).where(articles.c.canonical_key.in_([recent[k].canonical_key for k in moving]))
    conn.execute(update(story_articles).where(story_articles.c.story_id == story.id,
                                              story_articles.c.article_id.in_(versions)).values(story_id=new.id))
    move_story_terms(conn, story.id, new.id)
    for state in (story, new):
        save_held(conn, state)
    return new


def save_held(conn: Connection, state: StoryState) -> None:
    """Write a story's centroid and size, and its spans and headline from the articles it now holds."""
    held = (select(articles.c.title, articles.c.published, story_articles.c.seen)
            .join(story_articles, story_articles.c.article_id == articles.c.id)
            .where(story_articles.c.story_id == state.id, articles.c.is_latest)).subquery()
    span = conn.execute(select(func.min(held.c.published), func.max(held.c.published), func.min(held.c.seen),
                               func.max(held.c.seen))).one()
    headline = conn.execute(select(held.c.title).where(held.c.title.is_not(None)).order_by(held.c.seen).limit(1)).scalar()
    state.first_published, state.last_published = span[0], span[1]
    conn.execute(update(stories).where(stories.c.id == state.id).values(
        vectors=story_vectors.pack(state.centroid, state.norms, state.term_idf), article_count=state.size,
        first_published=span[0], last_published=span[1], first_seen=span[2], last_seen=span[3], headline=headline))
