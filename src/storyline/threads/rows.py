"""The quote threads' rows: links, thread membership and first reports, copy groups.

Thread ids are permalinks: when a quote bridges two threads the older (lower) id survives and
the other row keeps `merged_into`, as a merged story does. A thread that loses quotes (an
article's new version replaced its links) is split into its remaining connected parts.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Connection, or_, select, update

from storyline.store.schema import (quote_keys, quote_links, quote_threads, quotes, thread_articles, thread_quotes,
                                    wire_keys)

from .groups import Groups
from .links import QuoteLink
from .thread import appearance_order


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
    one). Its count and first report are updated from what changed, not re-read from all members."""
    quote_ids = set(quote_ids)
    held = dict(conn.execute(select(thread_quotes.c.quote_id, thread_quotes.c.thread_id).where(
        thread_quotes.c.quote_id.in_(quote_ids), thread_quotes.c.thread_id.is_not(None))).all())
    joined = {row.id: row for row in conn.execute(select(quote_threads.c.id, quote_threads.c.quote_count,
                                                         quote_threads.c.first_quote_id)
                                                  .where(quote_threads.c.id.in_(set(held.values()))))}
    if joined:
        survivor = min(joined)
        absorbed = set(joined) - {survivor}
        if absorbed:
            conn.execute(update(thread_quotes).where(thread_quotes.c.thread_id.in_(absorbed)).values(thread_id=survivor))
            conn.execute(update(quote_threads).where(or_(quote_threads.c.id.in_(absorbed),
                                                         quote_threads.c.merged_into.in_(absorbed)))
                         .values(merged_into=survivor, quote_count=0, first_quote_id=None))
    else:
        survivor = conn.execute(quote_threads.insert().values(quote_count=0)).inserted_primary_key[0]
    arriving = quote_ids - set(held)
    conn.execute(update(thread_quotes).where(thread_quotes.c.quote_id.in_(arriving)).values(thread_id=survivor))
    firsts = {t.first_quote_id for t in joined.values() if t.first_quote_id is not None} | arriving
    _summarise(conn, survivor, sum(t.quote_count for t in joined.values()) + len(arriving), firsts)
    return survivor


def refresh_thread(conn: Connection, thread_id: int) -> None:
    """Recount a thread from all its members (after a split: rare, a page's new version)."""
    members = conn.execute(select(thread_quotes.c.quote_id).where(thread_quotes.c.thread_id == thread_id)).scalars().all()
    _summarise(conn, thread_id, len(members), set(members))


def _summarise(conn: Connection, thread_id: int, count: int, candidates: set[int]) -> None:
    """Store a thread's count and its first report: the earliest of `candidates` by publication
    time, else first stored (the earlier first reports of what it absorbed and its new quotes)."""
    when = conn.execute(select(quotes.c.id, quotes.c.published).where(quotes.c.id.in_(candidates))).all() if candidates else []
    first = min(when, key=lambda m: appearance_order(m.published, m.id)).id if when else None
    conn.execute(update(quote_threads).where(quote_threads.c.id == thread_id)
                 .values(first_quote_id=first, quote_count=count))


def forget_article(conn: Connection, article_id: int) -> None:
    """Take an article out of the threads (its page has a new version): its links, keys and
    memberships go; the threads it was in are split into what still holds together."""
    its_quotes = select(quotes.c.id).where(quotes.c.article_id == article_id)
    touched = set(conn.execute(select(thread_quotes.c.thread_id).where(
        thread_quotes.c.article_id == article_id, thread_quotes.c.thread_id.is_not(None))).scalars())
    group = conn.execute(select(thread_articles.c.copy_group).where(thread_articles.c.article_id == article_id)).scalar()
    conn.execute(quote_links.delete().where(or_(quote_links.c.quote_a.in_(its_quotes),
                                                quote_links.c.quote_b.in_(its_quotes))))
    for table in (thread_quotes, thread_articles):
        conn.execute(table.delete().where(table.c.article_id == article_id))
    conn.execute(quote_keys.delete().where(quote_keys.c.quote_id.in_(its_quotes)))
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
        kept = thread_id if n == 0 else conn.execute(quote_threads.insert().values(quote_count=0)).inserted_primary_key[0]
        conn.execute(update(thread_quotes).where(thread_quotes.c.quote_id.in_(part)).values(thread_id=kept))
        refresh_thread(conn, kept)
    if not parts:
        refresh_thread(conn, thread_id)  # no quotes left: a count of 0, no first report


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
