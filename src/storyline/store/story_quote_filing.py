"""Keeping the story term index (story_quote_terms) whole when quotes leave a story.

A story files a term once per quote thread, under the quote that brought it: when that quote
goes (its article deleted or replaced) or moves (its story split), the thread's quotes left in
the story would no longer be found by the term. Here the term is filed again, under the
thread's lowest quote still there; a thread's quotes arriving in a story (a split) bring the
thread's terms along. Plain SQL over the stored postings and thread rows: no term is computed
again, so the store's own delete can do it.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Connection, and_, exists, func, literal_column, or_, select, true, update

from .schema import quotes, story_articles, story_quote_terms, thread_quotes


def file_thread_terms(conn: Connection, postings: Callable, story: Callable, leaving=()) -> None:
    """File in a story (`story(held)`: an id, or the posting's own story; one per `held` story) each term of the
    `postings` (a condition on the postings `held` and their quotes' thread rows `holder`) under
    the lowest quote of the holder's thread in that story, not of an article `leaving` (ids or
    a select of them), unless a quote of the thread already holds the term there."""
    held, holder, member = story_quote_terms.alias("held"), thread_quotes.alias("holder"), thread_quotes.alias("member")
    other, other_holder = story_quote_terms.alias("other"), thread_quotes.alias("other_holder")
    into = story(held)

    def staying(rows):
        return rows.c.article_id.not_in(leaving) if leaving != () else true()

    already = exists().where(other.c.story_id == into, other.c.key == held.c.key,
                             other_holder.c.quote_id == other.c.quote_id,
                             other_holder.c.thread_id == holder.c.thread_id, staying(other_holder))
    refiled = (select(into, held.c.key, func.min(member.c.quote_id))
               .select_from(held)
               .join(holder, holder.c.quote_id == held.c.quote_id)
               .join(member, and_(member.c.thread_id == holder.c.thread_id, staying(member)))
               .join(story_articles, and_(story_articles.c.article_id == member.c.article_id,
                                          story_articles.c.story_id == into))
               .where(postings(held, holder), ~already)
               .group_by(held.c.story_id, held.c.key, holder.c.thread_id))
    conn.execute(story_quote_terms.insert().from_select(["story_id", "key", "quote_id"], refiled))


def file_again_for(conn: Connection, article_id: int) -> None:
    """Before an article's quotes leave the threads (deleted, or a new version replaces them):
    their terms filed again under their threads' quotes left in each story."""
    its_quotes = select(quotes.c.id).where(quotes.c.article_id == article_id)
    file_thread_terms(conn, lambda held, _: held.c.quote_id.in_(its_quotes), lambda held: held.c.story_id,
                      leaving=[article_id])


def move_story_terms(conn: Connection, old: int, new: int) -> None:
    """After some of story `old`'s articles moved to the new story `new` (a split): their quotes'
    terms move with them, and each is filed again in `old` for their threads' quotes that stay,
    and the terms their threads hold in `old` are filed in `new` for them."""
    moved = select(quotes.c.id).join(story_articles, story_articles.c.article_id == quotes.c.article_id) \
        .where(story_articles.c.story_id == new)
    conn.execute(update(story_quote_terms).where(story_quote_terms.c.story_id == old,
                                                 story_quote_terms.c.quote_id.in_(moved)).values(story_id=new))
    file_thread_terms(conn, lambda held, _: held.c.story_id == new, lambda _: _story(old))
    threads = select(thread_quotes.c.thread_id).where(thread_quotes.c.quote_id.in_(moved))
    file_thread_terms(conn, lambda held, holder: and_(held.c.story_id == old, holder.c.thread_id.in_(threads)),
                      lambda _: _story(new))


def _story(story_id: int):
    """A story id written into the statement (one per call, never a user's text)."""
    return literal_column(str(int(story_id)))


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
