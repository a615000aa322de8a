"""The post-save step that threads every stored article's quotes, and finds its wire copies.

For each saved article, read back from the store (so ingest and `load` thread the same rows):
its quotes are compared with every quote of its story (`same_story=True`: two outlets on one
event quoting "like wildfire" quote the same person), then across stories only with the same
speaker's quotes found through the stored keys, so the cost grows with one speaker's quotes,
not with the store. Each link joins threads; near-duplicate bodies join a copy group. Runs
after the stories step, in its own write transaction; a page's new version first takes the
old version's rows out. On Postgres one advisory lock serialises threading.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, select, text

from storyline.model import AnalysedArticle
from storyline.store.engine import write_transaction
from storyline.store.pending import run_pending
from storyline.store.schema import (actors, articles, quote_keys, quotes, story_articles, thread_articles,
                                    thread_quotes, wire_keys)

from . import rows
from .agencies import credited_agency
from .candidates import MAX_POSTINGS, KeyIndex
from .candidates import quote_keys as keys_of
from .links import QuoteText, link_quotes
from .sources import source_kind, speaker_context
from .wire import MIN_SHINGLES, band_keys, near_duplicates, shingles
from .words import WORD, normalise

_LOCK = 7220
MAX_CANDIDATES = 50  # a quote is compared with at most this many of its speaker's quotes, most keys shared first
WIRE_POSTINGS = 50  # articles read per body band key


@dataclass(frozen=True)
class StoredQuote:
    id: int
    article_id: int
    actor_id: int | None
    quote: QuoteText

    def words(self) -> set[str]:
        return {normalise(w) for w in WORD.findall(self.quote.text)}


class ThreadStep:
    """The post-save step (pipeline.POST_SAVE_STEPS, after stories). `load` calls `catch_up`
    once after its shards instead, after the stories caught up, in publication order."""

    name = "threads"

    def __call__(self, store, saved, analysed: AnalysedArticle) -> bool:
        if saved.outcome == "unchanged":
            return False
        return write_transaction(store.engine, lambda conn: thread_article(conn, saved.article_id))

    def catch_up(self, store) -> int:
        return thread_pending(store)


thread_step = ThreadStep()


def thread_pending(store) -> int:
    """Thread every latest article not yet threaded, in publication order (stored time when undated)."""
    return run_pending(store, thread_articles.c.article_id, thread_article)


def thread_article(conn: Connection, article_id: int) -> bool:
    """Thread one stored article (False: it was already, or is no page's latest version)."""
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _LOCK})
    row = conn.execute(select(articles.c.body, articles.c.authors, articles.c.agency, articles.c.is_latest,
                              articles.c.canonical_key)
                       .where(articles.c.id == article_id)).one()
    done = conn.execute(select(thread_articles.c.article_id).where(thread_articles.c.article_id == article_id)).first()
    if done is not None or not row.is_latest:
        return False
    for previous in conn.execute(select(articles.c.id).where(articles.c.superseded_by == article_id)).scalars().all():
        rows.forget_article(conn, previous)
    # the body's credit (byline, closing credit), else the dateline extraction took off the body
    agency = credited_agency(row.body, row.authors or ()) or row.agency
    conn.execute(thread_articles.insert().values(article_id=article_id, agency=agency))
    own = _stored_quotes(conn, quotes.c.article_id == article_id, with_sources=row.body)
    story = conn.execute(select(story_articles.c.story_id).where(story_articles.c.article_id == article_id)).scalar()
    in_story = _story_quotes(conn, story, article_id) if story is not None else []
    for quote in own:
        linked = _link_in_story(conn, quote, in_story) | _link_across(conn, quote, {q.id for q in in_story})
        if linked:
            rows.join_thread(conn, linked | {quote.id})
    _find_copies(conn, article_id, row.body, row.canonical_key)
    return True


def _stored_quotes(conn: Connection, where, with_sources: str | None = None) -> list[StoredQuote]:
    """Quotes as matching reads them; with the article's body given, also store each one's
    source kind and candidate keys (the article being threaded)."""
    found = conn.execute(
        select(quotes.c.id, quotes.c.article_id, quotes.c.kind, quotes.c.text, quotes.c.actor_id, quotes.c.speaker_text,
               quotes.c.speaker_start, quotes.c.speaker_end, actors.c.name, actors.c.type)
        .outerjoin(actors, actors.c.id == quotes.c.actor_id).where(where).order_by(quotes.c.article_id, quotes.c.position)
    ).all()
    out = [StoredQuote(q.id, q.article_id, q.actor_id, QuoteText(q.text, q.kind, q.name or q.speaker_text)) for q in found]
    if with_sources is not None:
        for q, stored in zip(found, out):
            keys = keys_of(q.text, q.kind) if q.actor_id is not None else set()
            context = speaker_context(with_sources, q.speaker_start, q.speaker_end) if q.speaker_start is not None else ""
            conn.execute(thread_quotes.insert().values(
                quote_id=q.id, article_id=q.article_id, key_count=len(keys),
                source_kind=source_kind(q.speaker_text, q.name, q.type, context)))
            if keys:
                conn.execute(quote_keys.insert(), [{"actor_id": q.actor_id, "key": key, "quote_id": q.id} for key in keys])
    return out


def _story_quotes(conn: Connection, story_id: int, article_id: int) -> list[StoredQuote]:
    """The quotes of the story's other latest, already threaded articles."""
    members = (select(story_articles.c.article_id).join(articles, articles.c.id == story_articles.c.article_id)
               .join(thread_articles, thread_articles.c.article_id == articles.c.id)
               .where(story_articles.c.story_id == story_id, articles.c.is_latest, articles.c.id != article_id))
    return _stored_quotes(conn, quotes.c.article_id.in_(members))


def _link_in_story(conn: Connection, quote: StoredQuote, others: list[StoredQuote]) -> set[int]:
    """Link a quote to its story's quotes that share enough words to be worth aligning."""
    mine = quote.words()
    linked = set()
    for other in others:
        theirs = other.words()
        if len(mine & theirs) < min(2, len(mine), len(theirs)):
            continue
        link = link_quotes(other.quote, quote.quote, same_story=True)
        if link is not None:
            rows.add_link(conn, other.id, quote.id, link, same_story=True)
            linked.add(other.id)
    return linked


def _link_across(conn: Connection, quote: StoredQuote, compared: set[int]) -> set[int]:
    """Link a quote to its speaker's quotes in other stories, found through the stored keys."""
    if quote.actor_id is None:
        return set()
    keys = keys_of(quote.quote.text, quote.quote.kind)
    index = KeyIndex()
    for key in keys:  # each key's postings bounded: one over MAX_POSTINGS is skipped by KeyIndex
        index.postings[key] = list(conn.execute(
            select(quote_keys.c.quote_id).where(quote_keys.c.actor_id == quote.actor_id, quote_keys.c.key == key,
                                                quote_keys.c.quote_id != quote.id).limit(MAX_POSTINGS + 1)).scalars())
    held = {q for ids in index.postings.values() if len(ids) <= MAX_POSTINGS for q in ids}
    index.key_counts.update(conn.execute(select(thread_quotes.c.quote_id, thread_quotes.c.key_count)
                                         .where(thread_quotes.c.quote_id.in_(held))).all() if held else [])
    chosen = [q for q in index.candidates(keys) if q not in compared][:MAX_CANDIDATES]
    linked = set()
    for other in _stored_quotes(conn, quotes.c.id.in_(chosen) & quotes.c.is_latest
                                & (quotes.c.article_id != quote.article_id)) if chosen else []:
        link = link_quotes(other.quote, quote.quote)
        if link is not None:
            rows.add_link(conn, other.id, quote.id, link, same_story=False)
            linked.add(other.id)
    return linked


def _find_copies(conn: Connection, article_id: int, body: str, page: str) -> None:
    """Index the body's band keys and join the latest articles it nearly duplicates."""
    mine = shingles(body)
    if len(mine) < MIN_SHINGLES:
        return
    keys = sorted(set(band_keys(mine)))
    seen: set[int] = set()
    for key in keys:
        seen.update(conn.execute(select(wire_keys.c.article_id).where(wire_keys.c.key == key)
                                 .limit(WIRE_POSTINGS)).scalars())
    conn.execute(wire_keys.insert(), [{"key": key, "article_id": article_id} for key in keys])
    candidates = conn.execute(select(articles.c.id, articles.c.body).where(
        articles.c.id.in_(seen), articles.c.is_latest, articles.c.canonical_key != page)).all() if seen else []
    rows.join_copies(conn, article_id, [c.id for c in candidates if near_duplicates(mine, shingles(c.body))])

