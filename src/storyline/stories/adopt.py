"""A grown story takes in the small stories its event left behind.

An article that arrives before its event's story has said much fits that story below the join
and starts a story of its own, and stays there: joining looks forward only. When a story passes
a split checkpoint (large enough by then to say what its event is; each part, if it was split),
the small stories found through its most recent keys are looked at again: one whose every
article would now join the
grown story (fit at JOIN_AT), and fits it better than it resembles the rest of its own story,
is merged in with a redirect (`index.merge_stories`), so its permalink still leads to its
articles. Bounded: at checkpoints only, STORY_KEYS keys, at most `index.CANDIDATES` stories
read, ADOPT_SIZE articles each.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Connection, select

from storyline.store.schema import articles, story_articles, story_keys

from . import index, split
from .features import ArticleFeatures
from .scoring import JOIN_AT, StoryState, article_vectors, fit, similarity

# Stories of at most this many articles may be taken in.
ADOPT_SIZE = 2
# The grown story's most recently indexed keys through which small stories are looked for.
STORY_KEYS = 48


def adopt_small(conn: Connection, story: StoryState,
                features_of: Callable[[Connection, int], ArticleFeatures]) -> int:
    """Merge into `story` (just saved) the small candidate stories whose articles would now join it,
    and save it again if any was; how many were."""
    keys = conn.execute(select(story_keys.c.key).where(story_keys.c.story_id == story.id)
                        .order_by(story_keys.c.last_seen.desc(), story_keys.c.key).limit(STORY_KEYS)).scalars().all()
    adopted = 0
    for other in sorted(index.candidate_stories(conn, keys), key=lambda s: s.id):
        if other.id == story.id or not 0 < other.size <= ADOPT_SIZE:
            continue
        held = conn.execute(select(articles.c.id, articles.c.published)
                            .join(story_articles, story_articles.c.article_id == articles.c.id)
                            .where(story_articles.c.story_id == other.id, articles.c.is_latest)
                            .order_by(articles.c.id)).all()
        features = [features_of(conn, row.id) for row in held]
        idf = index.idf_of(conn, set().union(*(f.terms() for f in features)))
        vectors = [article_vectors(f, idf) for f in features]
        if features and all(_would_join(k, vectors, fit(vectors[k], story, idf, row.published))
                            for k, row in enumerate(held)):
            index.merge_stories(conn, story, other)
            for one in features:  # the adopted terms at today's idf, the others at their last
                story.refresh_norms(one, idf)
            adopted += 1
    if adopted:
        split.save_held(conn, story)
    return adopted


def _would_join(k: int, vectors: list[dict[str, dict[str, float]]], fitted: float) -> bool:
    """Whether article k, fitting the grown story at `fitted`, would join it and fits it better
    than it resembles its own story's other articles."""
    own = [similarity(vectors[k], v) for j, v in enumerate(vectors) if j != k]
    return fitted >= JOIN_AT and fitted >= max(own, default=0.0)
