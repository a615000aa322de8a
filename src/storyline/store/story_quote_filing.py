"""Keeping the story term index (story_quote_terms) whole when quotes leave a story.

A story files a term once per quote thread, under the quote that brought it: when that quote
goes (its article deleted or replaced) or moves (its story split), the thread's quotes left in
the story would no longer be found by the term. Here the term is filed again, under the
thread's lowest quote still there; a thread's quotes arriving in a story (a split) bring the
thread's terms along. From the stored postings and thread rows alone: no term is computed
again, so the store's own delete can do it.
"""

from __future__ import annotations

from sqlalchemy import Connection, and_, exists, func, or_, select, true, update

from .schema import quotes, story_articles, story_quote_terms, thread_quotes

KEYS_PER_READ = 500  # terms looked up in one statement


def file_thread_terms(conn: Connection, postings, into: int | None = None, leaving=()) -> None:
    """File each term of the `postings` (a condition on story_quote_terms and its quotes' thread
    rows) in story `into` (None: the posting's own) under the lowest quote of its thread there,
    not of an article `leaving`, unless a quote of the thread holds
    it there already. The postings are read by their condition, the rest by thread and term:
    every read is bounded by them, not by the story."""
    def staying(rows):
        return rows.c.article_id.not_in(leaving) if leaving != () else true()

    wanted = {(into or story, key, thread) for story, key, thread in conn.execute(
        select(story_quote_terms.c.story_id, story_quote_terms.c.key, thread_quotes.c.thread_id)
        .join(thread_quotes, thread_quotes.c.quote_id == story_quote_terms.c.quote_id)
        .where(postings(story_quote_terms, thread_quotes), thread_quotes.c.thread_id.is_not(None)))}
    if not wanted:
        return
    stories, threads = {s for s, _, _ in wanted}, {t for _, _, t in wanted}
    lowest = {(thread, story): quote for thread, story, quote in conn.execute(
        select(thread_quotes.c.thread_id, story_articles.c.story_id, func.min(thread_quotes.c.quote_id))
        .join(story_articles, story_articles.c.article_id == thread_quotes.c.article_id)
        .where(thread_quotes.c.thread_id.in_(threads), story_articles.c.story_id.in_(stories), staying(thread_quotes))
        .group_by(thread_quotes.c.thread_id, story_articles.c.story_id))}
    keys, held = sorted({k for _, k, _ in wanted}), set()
    for n in range(0, len(keys), KEYS_PER_READ):
        held |= set(conn.execute(
            select(story_quote_terms.c.story_id, story_quote_terms.c.key, thread_quotes.c.thread_id)
            .join(thread_quotes, thread_quotes.c.quote_id == story_quote_terms.c.quote_id)
            .where(story_quote_terms.c.story_id.in_(stories), story_quote_terms.c.key.in_(keys[n:n + KEYS_PER_READ]),
                   thread_quotes.c.thread_id.in_(threads), staying(thread_quotes))).all())
    filed = [{"story_id": story, "key": key, "quote_id": lowest[(thread, story)]}
             for story, key, thread in sorted(wanted - held) if (thread, story) in lowest]
    if filed:
        conn.execute(story_quote_terms.insert(), filed)


def file_again_for(conn: Connection, article_id: int) -> None:
    """Before an article's quotes leave the threads (deleted, or a new version replaces them):
    their terms filed again under their threads' quotes left in each story."""
    its_quotes = select(quotes.c.id).where(quotes.c.article_id == article_id)
    file_thread_terms(conn, lambda terms, _: terms.c.quote_id.in_(its_quotes), leaving=[article_id])


def move_story_terms(conn: Connection, old: int, new: int) -> None:
    """After some of story `old`'s articles moved to the new story `new` (a split): their quotes'
    terms move with them, and each is filed again in `old` for their threads' quotes that stay,
    and the terms their threads hold in `old` are filed in `new` for them."""
    moved = select(quotes.c.id).join(story_articles, story_articles.c.article_id == quotes.c.article_id) \
        .where(story_articles.c.story_id == new)
    conn.execute(update(story_quote_terms).where(story_quote_terms.c.story_id == old,
                                                 story_quote_terms.c.quote_id.in_(moved)).values(story_id=new))
    file_thread_terms(conn, lambda terms, _: terms.c.story_id == new, old)
    threads = select(thread_quotes.c.thread_id).where(thread_quotes.c.quote_id.in_(moved))
    file_thread_terms(conn, lambda terms, rows: and_(terms.c.story_id == old, rows.c.thread_id.in_(threads)), new)


def file_under_their_story(conn: Connection, where=true()) -> None:
    """Postings (those `where` holds) under a story their quote's article is no longer in, filed
    under the one it is in: a story merged into another, or filed before splits moved terms
    along. Those of a quote in no story go."""
    twin = story_quote_terms.alias("twin")
    current = select(story_articles.c.story_id).join(quotes, quotes.c.article_id == story_articles.c.article_id) \
        .where(quotes.c.id == story_quote_terms.c.quote_id).correlate(story_quote_terms).scalar_subquery()
    filed_there = exists().where(twin.c.story_id == current, twin.c.key == story_quote_terms.c.key,
                                 twin.c.quote_id == story_quote_terms.c.quote_id)
    conn.execute(update(story_quote_terms).where(where, story_quote_terms.c.story_id != current, ~filed_there)
                 .values(story_id=current))
    conn.execute(story_quote_terms.delete().where(where, or_(current.is_(None), story_quote_terms.c.story_id != current)))
