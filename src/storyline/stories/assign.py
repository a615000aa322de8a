"""The post-save step that puts every stored article in a story, and the rebuild from scratch.

An article joins the best-fitting story among its candidates or starts a new one; a second
candidate that fits it almost as well as a story's own articles do is merged in (the article
bridges them), its row kept as a redirect. A story that grows past a checkpoint is looked at
again: split when its articles form two events (`split`), then given the small stories whose
articles would now join it (`adopt`). Assignment runs in its own write
transaction after the article's save (through the store's write path, which waits out a
database outage as a save does), so a failure here never undoes a stored article. On Postgres one advisory
lock serialises assignments: two writers never both start "the" new story of one event.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, func, select

from storyline.store.engine import STORIES_LOCK, serialised
from storyline.store.pending import ArticleStep, run_pending
from storyline.store.schema import article_actors, actors, articles, mentions, story_articles

from . import adopt, index, split
from .features import ArticleFeatures, article_features, index_keys
from .queries import story_of_article
from .scoring import JOIN_AT, MERGE_AT, article_vectors, fit


@dataclass(frozen=True)
class Assignment:
    story_id: int
    # "joined", "started", "kept" (already assigned or a page's new version), "merged", "split" (the story it
    # joined was split in two, and story_id is the part the article is in)
    outcome: str


def assign_in(conn: Connection, article_id: int, features: ArticleFeatures) -> Assignment:
    serialised(conn, STORIES_LOCK)
    known = story_of_article(conn, article_id)
    row = conn.execute(select(articles.c.title, articles.c.published, articles.c.ingested_at, articles.c.canonical_key,
                              articles.c.version).where(articles.c.id == article_id)).one()
    seen = row.published or row.ingested_at
    if known is not None:
        return Assignment(known, "kept")
    previous = conn.execute(select(story_articles.c.story_id).join(articles, articles.c.id == story_articles.c.article_id)
                            .where(articles.c.canonical_key == row.canonical_key,
                                   articles.c.version == row.version - 1)).scalar()
    if previous is not None:  # a new version of a page stays in its page's story
        _join(conn, article_id, previous, seen, None)
        return Assignment(previous, "kept")
    index.count_terms(conn, features.terms())
    idf = index.idf_of(conn, features.terms())
    vectors = article_vectors(features, idf)
    keys = index_keys(features, idf, vectors["body"])
    scored = sorted(((fit(vectors, story, idf, row.published), story) for story in index.candidate_stories(conn, keys)),
                    key=lambda pair: (-pair[0], pair[1].id))
    outcome, seen_span, headlines = "joined", [seen], []
    if scored and scored[0][0] >= JOIN_AT:
        best_fit, story = scored[0]
        index.remembered_idf(story)
        before = story.size
        for other_fit, other in scored[1:]:
            if other_fit >= MERGE_AT:
                first, last, headline = index.merge_stories(conn, story, other)
                seen_span += [first, last]
                headlines.append(headline)
                outcome = "merged"
    else:
        best_fit, story, outcome = None, index.new_story(conn, row.title, seen), "started"
        before = 0
    story.add(features, row.published)
    story.refresh_norms(features, idf)
    index.save_state(conn, story, seen_span, headlines + [row.title])
    index.index_story(conn, story.id, keys, seen)
    _join(conn, article_id, story.id, seen, best_fit)
    if split.due(before, story.size):
        parted = split.split_story(conn, story, stored_features)
        for part in filter(None, (story, parted)):
            adopt.adopt_small(conn, part, stored_features)
        if parted:
            return Assignment(story_of_article(conn, article_id), "split")
    return Assignment(story.id, outcome)


def assign_stored(conn: Connection, article_id: int) -> Assignment:
    """Assign a stored article from its stored features (the step's, load's and a rebuild's way)."""
    return assign_in(conn, article_id, stored_features(conn, article_id))


def _join(conn: Connection, article_id: int, story_id: int, seen: str, fitted: float | None) -> None:
    conn.execute(story_articles.insert().values(article_id=article_id, story_id=story_id, seen=seen, fit=fitted))


def stored_features(conn: Connection, article_id: int) -> ArticleFeatures:
    """An article's features read back from the store: what a rebuild or `load` assigns from."""
    row = conn.execute(select(articles.c.title, articles.c.body).where(articles.c.id == article_id)).one()
    mentioned = (select(func.count(mentions.c.id)).where(mentions.c.article_id == article_id,
                                                          mentions.c.actor_id == article_actors.c.actor_id)
                 .scalar_subquery())
    named = conn.execute(select(article_actors.c.name, actors.c.type, mentioned)
                         .join(actors, actors.c.id == article_actors.c.actor_id)
                         .where(article_actors.c.article_id == article_id)
                         .order_by(article_actors.c.position)).all()
    return article_features(row.title, row.body, [tuple(actor) for actor in named])


def assign_pending(store) -> int:
    """Assign every latest article not yet in a story, in publication order (stored time when
    undated); what `load` runs after its shards and a rebuild runs over the whole store."""
    return run_pending(store, story_articles.c.article_id, assign_stored)


def recluster(store) -> int:
    """Forget every story and assign all latest articles again, in publication order."""
    store.write(index.clear)
    return assign_pending(store)


assign_story = ArticleStep("stories", assign_stored, story_articles.c.article_id)
"""The post-save step: the story of each just-saved article (`load` assigns in publication order)."""
