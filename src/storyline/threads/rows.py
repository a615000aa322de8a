"""The quote threads' rows: links, thread membership, copy groups.

Thread ids are permalinks: when a quote bridges two threads the older (lower) id survives and
the other row keeps `merged_into`, as a merged story does. A thread that loses quotes (an
article's new version replaced its links) is split into its remaining connected parts.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Connection, or_, select, update

from storyline.store.schema import (quote_keys, quote_links, quote_threads, quotes, story_quote_terms, thread_articles,
                                    thread_quotes, wire_keys)
from storyline.store.story_quote_filing import file_again_for

from .groups import Groups
from .links import QuoteLink


def add_links(conn: Connection, links: list[tuple[int, int, QuoteLink, bool]]) -> None:
    """Store links (a, b, link, same story), each from the earlier-stored quote a to the new quote b,
    in one statement."""
    if links:
        conn.execute(quote_links.insert(), [
            {"quote_a": a, "quote_b": b, "kind": link.kind, "speaker_shift": link.speaker_shift,
             "shared_words": link.shared_words, "same_story": same_story,
             "edits": [{"op": e.op, "before": list(e.before), "after": list(e.after)} for e in link.edits]}
            for a, b, link, same_story in links])


def join_thread(conn: Connection, quote_ids: Iterable[int]) -> int:
    """Put linked quotes in one thread: their oldest thread, the others merged into it (or a new
    one). A thread is its members: no count or first report is kept to drift (reads take them
    from the members)."""
    quote_ids = set(quote_ids)
    held = dict(conn.execute(select(thread_quotes.c.quote_id, thread_quotes.c.thread_id).where(
        thread_quotes.c.quote_id.in_(quote_ids), thread_quotes.c.thread_id.is_not(None))).all())
    if held:
        survivor = min(held.values())
        absorbed = set(held.values()) - {survivor}
        if absorbed:
            conn.execute(update(thread_quotes).where(thread_quotes.c.thread_id.in_(absorbed)).values(thread_id=survivor))
            conn.execute(update(quote_threads).where(or_(quote_threads.c.id.in_(absorbed),
                                                         quote_threads.c.merged_into.in_(absorbed)))
                         .values(merged_into=survivor))
    else:
        survivor = _new_thread(conn)
    arriving = quote_ids - set(held)
    conn.execute(update(thread_quotes).where(thread_quotes.c.quote_id.in_(arriving)).values(thread_id=survivor))
    return survivor


def _new_thread(conn: Connection) -> int:
    return conn.execute(quote_threads.insert().values(merged_into=None)).inserted_primary_key[0]


def forget_article(conn: Connection, article_id: int) -> None:
    """Take an article out of the threads (its page has a new version): its links, keys and
    memberships go (the story terms it filed for its threads are filed again by what stays);
    the threads it was in are split into what still holds together."""
    its_quotes = select(quotes.c.id).where(quotes.c.article_id == article_id)
    touched = set(conn.execute(select(thread_quotes.c.thread_id).where(
        thread_quotes.c.article_id == article_id, thread_quotes.c.thread_id.is_not(None))).scalars())
    group = conn.execute(select(thread_articles.c.copy_group).where(thread_articles.c.article_id == article_id)).scalar()
    file_again_for(conn, article_id)
    conn.execute(quote_links.delete().where(or_(quote_links.c.quote_a.in_(its_quotes),
                                                quote_links.c.quote_b.in_(its_quotes))))
    for table in (thread_quotes, thread_articles):
        conn.execute(table.delete().where(table.c.article_id == article_id))
    for table in (quote_keys, story_quote_terms):
        conn.execute(table.delete().where(table.c.quote_id.in_(its_quotes)))
    conn.execute(wire_keys.delete().where(wire_keys.c.article_id == article_id))
    for thread_id in sorted(touched):
        split_thread(conn, thread_id)
    if group is not None:
        left = conn.execute(select(thread_articles.c.article_id).where(thread_articles.c.copy_group == group)).all()
        if len(left) == 1:
            conn.execute(update(thread_articles).where(thread_articles.c.copy_group == group).values(copy_group=None))


def split_thread(conn: Connection, thread_id: int) -> None:
    """A thread's quotes regrouped by the links left among them: the largest part keeps the id,
    other parts get new threads, a quote linked to nothing leaves."""
    members = list(conn.execute(select(thread_quotes.c.quote_id).where(thread_quotes.c.thread_id == thread_id)).scalars())
    linked = Groups()
    for a, b in conn.execute(select(quote_links.c.quote_a, quote_links.c.quote_b)
                             .where(quote_links.c.quote_a.in_(members), quote_links.c.quote_b.in_(members))):
        linked.join(a, b)
    parts = sorted(linked.groups(), key=lambda part: (-len(part), min(part)))
    conn.execute(update(thread_quotes).where(thread_quotes.c.thread_id == thread_id).values(thread_id=None))
    for n, part in enumerate(parts):
        kept = thread_id if n == 0 else _new_thread(conn)
        conn.execute(update(thread_quotes).where(thread_quotes.c.quote_id.in_(part)).values(thread_id=kept))


def join_copies(conn: Connection, article_id: int, copies: list[int]) -> None:
    """Put an article in one copy group with its near-duplicates, named by the earliest-stored
    article (groups it bridges become one)."""
    if not copies:
        return
    groups = set(conn.execute(select(thread_articles.c.copy_group).where(
        thread_articles.c.article_id.in_(copies), thread_articles.c.copy_group.is_not(None))).scalars())
    label = min([article_id, *copies, *groups])
    members = thread_articles.c.article_id.in_([article_id, *copies])
    conn.execute(update(thread_articles).where(or_(members, thread_articles.c.copy_group.in_(groups)))
                 .values(copy_group=label))
