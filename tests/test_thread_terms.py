"""The story term index kept whole, on SQLite and on Postgres: a quote that joins a thread in the
story's window is also joined to an older thread of the same quote found only by terms (one
quote, one thread), and a thread is still found by its terms after the quote that filed them
leaves (its article deleted or replaced, its story split)."""

from __future__ import annotations

from pg import db_url, postgres_server, postgres_url, store  # noqa: F401
from sqlalchemy import select
from thread_story import LATER, VISSER, Story, quote_ids

from storyline.store.schema import quote_links, thread_quotes
from storyline.threads.queries import article_quote_threads, get_thread

# One statement of 24 words; the older thread has its first 16 (no speaker given), a later
# article its last 15 (overlapping by 7: too few to link the two), then one quotes it whole.
WHOLE = ("The port authority said every crane in the northern terminals will be replaced before winter "
         "and the workers will get their night shift back").split()
OPENING, CLOSING = " ".join(WHOLE[:16]), " ".join(WHOLE[9:])


def thread_articles_of(store, article_id: int) -> list[int]:
    """The articles of the thread of the article's (one) quote, first report first."""
    (summary,) = store.read(article_quote_threads, article_id)
    return [q.article_id for q in store.read(get_thread, summary.thread_id).quotes]


def test_a_quote_that_joins_a_thread_also_joins_an_older_one_found_by_terms(store):
    story = Story(store)
    older = [story.add([(OPENING, "direct", None)]) for _ in range(2)]  # a thread of two, no speaker
    story.fill(LATER)
    closing = story.add([(CLOSING, "direct", VISSER)])
    assert closing not in thread_articles_of(store, older[0])  # 7 shared words do not link them
    whole = story.add([(" ".join(WHOLE), "direct", VISSER)])
    with store.engine.connect() as conn:
        partners = set(conn.execute(select(quote_links.c.quote_a).where(quote_links.c.quote_b.in_(
            quote_ids(store, whole)))).scalars())
    assert quote_ids(store, closing)[0] in partners  # in the window
    assert partners & {q for a in older for q in quote_ids(store, a)}  # past it, through the terms
    assert thread_articles_of(store, whole) == [*older, closing, whole]
    with store.engine.connect() as conn:
        threads = set(conn.execute(select(thread_quotes.c.thread_id).where(
            thread_quotes.c.article_id.in_([*older, closing, whole]))).scalars())
    assert len(threads) == 1 and None not in threads
