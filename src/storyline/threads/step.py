"""The post-save step that threads every stored article's quotes, and finds its wire copies.

For each saved article, read back from the store (so ingest and `load` thread the same rows):
its quotes are compared with the quotes of its story's newest articles (`same_story=True`: two
outlets on one event quoting "like wildfire" quote the same person), then with the same
speaker's quotes found through the stored keys (those of the story's older articles compared
as the story's own), then with the story's older quotes of the threads it has not joined yet,
found through the story's term index whatever their speaker; so the cost is bounded by the
article, not by its story or the store. Each link joins threads; near-duplicate bodies,
compared by their stored shingle keys, join a copy group. Runs after the stories step, in its
own store write (which waits out an outage); a page's new version first takes the old
version's rows out. On Postgres one advisory lock serialises threading."""

from __future__ import annotations

from collections import Counter

from sqlalchemy import Connection, case, select, update

from storyline.store.engine import THREADS_LOCK, serialised
from storyline.store.pending import ArticleStep
from storyline.store.postings import postings_of
from storyline.store.schema import (articles, quote_keys, quotes, story_articles, story_quote_terms, thread_articles,
                                    thread_quotes, wire_keys)

from . import rows
from .agencies import credited_agency
from .filing import file_older_quotes
from .links import link_quotes
from .sources import source_kind, speaker_context
from .stored import (LINKS_PER_THREAD, StoredQuote, new_terms, read_chosen, speaker_keys, stored_quotes, story_quotes,
                     story_terms)
from .wire import MIN_SHINGLES, band_keys, near_duplicates, pack_keys, shingle_keys, shingles, unpack_keys

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
    body = shingles(row.body)
    mine = shingle_keys(body)
    conn.execute(thread_articles.insert().values(article_id=article_id, agency=agency,
                                                 shingles=pack_keys(mine if len(mine) >= MIN_SHINGLES else set())))
    own = stored_quotes(conn, quotes.c.article_id == article_id)
    _remember(conn, own, row.body)
    if own:
        _link_article(conn, own, row.story_id, article_id)
    _find_copies(conn, article_id, body, mine, row.canonical_key)
    return True


def _link_article(conn: Connection, own: list[StoredQuote], story_id: int | None, article_id: int) -> None:
    """Link the article's quotes to the story's window, then to their speakers' other quotes
    (of threads not linked LINKS_PER_THREAD times yet), then to the story's older quotes of
    other threads through its term index, by the terms its partners in the story do not hold
    (all of them for a quote linked to nothing): a quote that is a version of two threads'
    quotes joins them, as a bridging article merges stories. Join threads; file new terms."""
    in_story = story_quotes(conn, story_id, article_id) if story_id is not None else []
    speakers = speaker_keys(conn, own)
    links, per_thread = [], {q.id: Counter() for q in own}
    partners = {q.id: _link(q, in_story, True, per_thread[q.id], links) for q in own}  # linked in the story
    compared = {q.id for q in in_story} | {q.id for q in own}
    elsewhere = read_chosen(conn, {q.id: speakers.candidates(q, compared, per_thread[q.id]) for q in own})
    older = _in_story(conn, story_id, elsewhere)
    crossing = {}
    for quote in own:
        found = elsewhere[quote.id]
        partners[quote.id] += _link(quote, [q for q in found if q.article_id in older], True, per_thread[quote.id], links)
        crossing[quote.id] = _link(quote, [q for q in found if q.article_id not in older], False, per_thread[quote.id], links)
    novel = {q.id: new_terms(q, partners[q.id]) for q in own}
    terms = story_terms(conn, novel.values(), story_id)
    compared |= {q.id for found in elsewhere.values() for q in found}
    beyond = read_chosen(conn, {q.id: terms.candidates(q, novel[q.id], compared, set(per_thread[q.id]))
                                for q in own if novel[q.id]}, story_id)
    filed = []
    for quote in own:
        partners[quote.id] += _link(quote, beyond.get(quote.id, []), True, per_thread[quote.id], links)
        if linked := {q.id for q in partners[quote.id] + crossing[quote.id]}:
            rows.join_thread(conn, linked | {quote.id})
        if story_id is not None:
            filed += [{"story_id": story_id, "key": term, "quote_id": quote.id}
                      for term in terms.unfiled(quote, partners[quote.id])]
    rows.add_links(conn, links)
    if filed:
        conn.execute(story_quote_terms.insert(), filed)


def _in_story(conn: Connection, story_id: int | None, found: dict[int, list[StoredQuote]]) -> set[int]:
    """Which speaker candidates' articles are in the story (older than its window): they are
    compared as the story's own quotes are."""
    ids = {q.article_id for candidates in found.values() for q in candidates}
    if story_id is None or not ids:
        return set()
    return set(conn.execute(select(story_articles.c.article_id).where(
        story_articles.c.story_id == story_id, story_articles.c.article_id.in_(ids))).scalars())


def _remember(conn: Connection, own: list[StoredQuote], body: str) -> None:
    """Each quote's source kind and key count, and its keys under its speaker."""
    if not own:
        return
    conn.execute(thread_quotes.insert(), [
        {"quote_id": q.id, "article_id": q.article_id, "key_count": len(q.keys), "term_count": len(q.terms),
         "source_kind": source_kind(q.speaker_text, q.quote.speaker if q.actor_id else None, q.actor_type,
                                    speaker_context(body, *q.speaker_span) if q.speaker_span else "")}
        for q in own])
    if any(q.keys for q in own):
        conn.execute(quote_keys.insert(), [{"actor_id": q.actor_id, "key": key, "quote_id": q.id}
                                           for q in own for key in q.keys])


def _link(quote: StoredQuote, others: list[StoredQuote], same_story: bool, per_thread: Counter,
          links: list) -> list[StoredQuote]:
    """Link a quote to those of `others` that are versions of it (the stored one first), to at
    most LINKS_PER_THREAD quotes of one thread: a quote repeated all through a long story joins
    its thread without being aligned with every version (a few links keep it there should one
    version's article be replaced). The links are added to `links`, stored at once; the quotes
    linked are returned."""
    linked = []
    for other in others:
        if other.thread_id is not None and per_thread[other.thread] >= LINKS_PER_THREAD:
            continue
        link = link_quotes(other.quote, quote.quote, same_story=same_story) if quote.may_link(other) else None
        if link is not None:
            links.append((other.id, quote.id, link, same_story))
            linked.append(other)
            per_thread[other.thread] += 1
    return linked


def _find_copies(conn: Connection, article_id: int, body: set[str], mine: set[int], page: str) -> None:
    """Index the body's band keys and join the latest articles it nearly duplicates, compared by
    their stored shingle keys; a candidate whose copy group is already joined is not compared."""
    if len(mine) < MIN_SHINGLES:
        return
    keys = sorted(set(band_keys(body)))
    latest = postings_of(conn, wire_keys, "article_id", keys, WIRE_POSTINGS, recent=wire_keys.c.article_id)
    seen = {held for ids in latest.values() for held in ids}
    conn.execute(wire_keys.insert(), [{"key": key, "article_id": article_id} for key in keys])
    unfilled = case((thread_articles.c.shingles.is_(None), articles.c.body))  # a body threaded before migration 19
    candidates = conn.execute(
        select(articles.c.id, thread_articles.c.copy_group, thread_articles.c.shingles, unfilled.label("body"))
        .join(thread_articles, thread_articles.c.article_id == articles.c.id)
        .where(articles.c.id.in_(seen), articles.c.is_latest, articles.c.canonical_key != page)
        .order_by(articles.c.id)).all() if seen else []
    copies, joined = [], set()
    for candidate in candidates:
        if candidate.copy_group is not None and candidate.copy_group in joined:
            continue  # joining it again would change nothing
        if near_duplicates(mine, _shingles_of(conn, candidate)):
            copies.append(candidate.id)
            joined.add(candidate.copy_group)
    rows.join_copies(conn, article_id, copies)


def _shingles_of(conn: Connection, candidate) -> set[int]:
    """A candidate's stored shingle keys (those of a body threaded before they were stored are
    stored now)."""
    if candidate.shingles is not None:
        return unpack_keys(candidate.shingles)
    found = shingle_keys(shingles(candidate.body))
    conn.execute(update(thread_articles).where(thread_articles.c.article_id == candidate.id)
                 .values(shingles=pack_keys(found if len(found) >= MIN_SHINGLES else set())))
    return found


class ThreadStep(ArticleStep):
    def catch_up(self, store) -> int:
        """The quotes threaded before the story term index are filed first (once: then none is left)."""
        store.write(file_older_quotes)
        return super().catch_up(store)


thread_step = ThreadStep("threads", thread_article, thread_articles.c.article_id)
"""The post-save step, after stories (`load` threads in publication order, after the stories caught up)."""
