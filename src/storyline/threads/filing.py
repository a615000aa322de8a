"""Filing in the story term index the quotes threaded before it existed (migration 21), so that
they too are found beyond their story's window. Run by the threads step's catch-up (`load`):
the terms are this layer's, so the migration cannot compute them."""

from __future__ import annotations

from sqlalchemy import Connection, bindparam, func, select, tuple_

from storyline.store.schema import quotes, story_articles, story_quote_terms, thread_quotes

from .stored import quote_terms, thread_key

QUOTES_PER_READ = 5000


def file_older_quotes(conn: Connection) -> int:
    """File every threaded quote with no term count, story by story, a term once per thread as
    the step files them; return how many were read. They are read off an index of those with no
    count, and each gets one (one of an article in no story, or of no page's latest version, too,
    with nothing filed), so a later catch-up reads none of them again."""
    last, seen, done = (0, 0), set(), 0
    story = func.coalesce(story_articles.c.story_id, 0)  # 0: in no story
    unfiled = (select(story, thread_quotes.c.quote_id, thread_quotes.c.thread_id, quotes.c.text, quotes.c.kind,
                      quotes.c.is_latest)
               .join(quotes, quotes.c.id == thread_quotes.c.quote_id)
               .outerjoin(story_articles, story_articles.c.article_id == thread_quotes.c.article_id)
               .where(thread_quotes.c.term_count.is_(None)))
    while found := conn.execute(unfiled.where(tuple_(story, thread_quotes.c.quote_id) > last)
                                .order_by(story, thread_quotes.c.quote_id).limit(QUOTES_PER_READ)).all():
        filed, counts = [], []
        for story_id, quote_id, thread_id, text_, kind, latest in found:
            if story_id != last[0]:
                seen = set()  # (thread, term) filed in this story
            terms = quote_terms(text_, kind)
            thread = thread_key(quote_id, thread_id)
            counts.append({"q_id": quote_id, "q_terms": len(terms)})
            if story_id and latest:
                filed += [{"story_id": story_id, "key": t, "quote_id": quote_id} for t in terms
                          if (thread, t) not in seen]
            seen |= {(thread, t) for t in terms}
            last = (story_id, quote_id)
        conn.execute(thread_quotes.update().where(thread_quotes.c.quote_id == bindparam("q_id"))
                     .values(term_count=bindparam("q_terms")), counts)
        if filed:
            conn.execute(story_quote_terms.insert(), filed)
        done += len(found)
    return done
