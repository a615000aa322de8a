"""The post-save step that threads every stored article's quotes, and finds its wire copies.

For each saved article, read back from the store (so ingest and `load` thread the same rows):
its quotes are compared with every quote of its story (`same_story=True`: two outlets on one
event quoting "like wildfire" quote the same person), then across stories only with the same
speaker's quotes found through the stored keys, so the cost grows with one speaker's quotes,
not with the store. Each link joins threads; near-duplicate bodies join a copy group. Runs
after the stories step, in its own store write (which waits out an outage); a page's new version first takes the
old version's rows out. On Postgres one advisory lock serialises threading.
"""

from __future__ import annotations

from sqlalchemy import Connection, select

from storyline.store.engine import THREADS_LOCK, serialised
from storyline.store.pending import ArticleStep
from storyline.store.schema import articles, quote_keys, quotes, story_articles, thread_articles, thread_quotes, wire_keys

from . import rows
from .agencies import credited_agency
from .links import link_quotes
from .sources import source_kind, speaker_context
from .stored import StoredQuote, postings_of, speaker_candidates, stored_quotes, story_quotes
from .wire import MIN_SHINGLES, band_keys, near_duplicates, shingles

WIRE_POSTINGS = 50  # articles read per body band key


def thread_article(conn: Connection, article_id: int) -> bool:
    """Thread one stored article (False: it was already, or is no page's latest version)."""
    serialised(conn, THREADS_LOCK)
    story = select(story_articles.c.story_id).where(story_articles.c.article_id == articles.c.id).scalar_subquery()
    done = select(thread_articles.c.article_id).where(thread_articles.c.article_id == articles.c.id).exists()
    row = conn.execute(select(articles.c.body, articles.c.authors, articles.c.agency, articles.c.is_latest,
                              articles.c.canonical_key, articles.c.version, story.label("story_id"), done.label("done"))
                       .where(articles.c.id == article_id)).one()
    if row.done or not row.is_latest:
        return False
    if row.version > 1:
        for previous in conn.execute(select(articles.c.id).where(articles.c.superseded_by == article_id)).scalars().all():
            rows.forget_article(conn, previous)
    # the body's credit (byline, closing credit), else the dateline extraction took off the body
    agency = credited_agency(row.body, row.authors or ()) or row.agency
    conn.execute(thread_articles.insert().values(article_id=article_id, agency=agency))
    own = stored_quotes(conn, quotes.c.article_id == article_id)
    _remember(conn, own, row.body)
    in_story = story_quotes(conn, row.story_id, article_id) if own and row.story_id is not None else []
    elsewhere = speaker_candidates(conn, own, {q.id for q in in_story})
    for quote in own:
        linked = (_link(conn, quote, in_story, same_story=True)
                  | _link(conn, quote, elsewhere.get(quote.id, []), same_story=False))
        if linked:
            rows.join_thread(conn, linked | {quote.id})
    _find_copies(conn, article_id, row.body, row.canonical_key)
    return True


def _remember(conn: Connection, own: list[StoredQuote], body: str) -> None:
    """Each quote's source kind and key count, and its keys under its speaker."""
    if not own:
        return
    conn.execute(thread_quotes.insert(), [
        {"quote_id": q.id, "article_id": q.article_id, "key_count": len(q.keys),
         "source_kind": source_kind(q.speaker_text, q.quote.speaker if q.actor_id else None, q.actor_type,
                                    speaker_context(body, *q.speaker_span) if q.speaker_span else "")}
        for q in own])
    if any(q.keys for q in own):
        conn.execute(quote_keys.insert(), [{"actor_id": q.actor_id, "key": key, "quote_id": q.id}
                                           for q in own for key in q.keys])


def _link(conn: Connection, quote: StoredQuote, others: list[StoredQuote], same_story: bool) -> set[int]:
    """Link a quote to those of `others` that are versions of it (the stored one first)."""
    linked = set()
    for other in others:
        link = link_quotes(other.quote, quote.quote, same_story=same_story) if quote.may_link(other) else None
        if link is not None:
            rows.add_link(conn, other.id, quote.id, link, same_story=same_story)
            linked.add(other.id)
    return linked


def _find_copies(conn: Connection, article_id: int, body: str, page: str) -> None:
    """Index the body's band keys and join the latest articles it nearly duplicates."""
    mine = shingles(body)
    if len(mine) < MIN_SHINGLES:
        return
    keys = sorted(set(band_keys(mine)))
    seen = {held for ids in postings_of(conn, wire_keys, "article_id", keys, WIRE_POSTINGS).values() for held in ids}
    conn.execute(wire_keys.insert(), [{"key": key, "article_id": article_id} for key in keys])
    candidates = conn.execute(select(articles.c.id, articles.c.body).where(
        articles.c.id.in_(seen), articles.c.is_latest, articles.c.canonical_key != page)).all() if seen else []
    rows.join_copies(conn, article_id, [c.id for c in candidates if near_duplicates(mine, shingles(c.body))])


thread_step = ArticleStep("threads", thread_article, thread_articles.c.article_id)
"""The post-save step, after stories (`load` threads in publication order, after the stories caught up)."""
