"""The threads step's bounded work, on SQLite and on Postgres: a story longer than the step's
window keeps its threads and first reports, threads read as their members after joins and
merges, and a wire copy is found by its stored shingle keys."""

from __future__ import annotations

import pytest
from cached_ingest import cached_ingest
from pg import db_url, postgres_server, postgres_url, store  # noqa: F401
from sqlalchemy import select, update
from story_pages import pages
from test_thread_store import threads_by_source
from thread_pages import AGENCY, CONGRESS, REPRINT, halves, strike_pages

from storyline.store import open_store
from storyline.store.engine import read_connection
from storyline.store.schema import quote_links, quote_threads, quotes, thread_articles, thread_quotes
from storyline.stories.queries import story_of_article
from storyline.threads import stored
from storyline.threads.queries import get_thread
from storyline.threads.thread import appearance_order
from storyline.threads.wire import pack_keys, shingle_keys, shingles


def ingest(store, items) -> list[int]:
    return [saved.article_id for saved in cached_ingest(store, items)]


def test_a_story_longer_than_the_window_keeps_its_threads(store, tmp_path, monkeypatch):
    """Seven outlets in one story against a window of two articles: the quotes older than the
    window are met through their speaker's keys and compared as the story's own, so the threads
    (members, kinds, first reports, copy groups) are those of an unbounded comparison."""
    items = strike_pages() + pages([CONGRESS])
    whole = open_store(str(tmp_path / "whole.db"))
    try:
        ingest(whole, items)
        expected = threads_by_source(whole)
    finally:
        whole.close()
    monkeypatch.setattr(stored, "STORY_WINDOW", 2)
    ids = ingest(store, items)
    assert threads_by_source(store) == expected
    assert store.read(story_of_article, ids[4]) == store.read(story_of_article, ids[0])
    with read_connection(store.engine) as conn:  # Evening Digest (5th) to AP News (1st): beyond the window
        first, altered = (conn.execute(select(quotes.c.id).where(quotes.c.article_id == i, quotes.c.text.contains(
            "pay rise"))).scalar_one() for i in (ids[0], ids[4]))
        link = conn.execute(select(quote_links).where(quote_links.c.quote_a == first, quote_links.c.quote_b == altered)).one()
    assert (link.kind, link.same_story) == ("altered", True)


def summaries_match_members(store) -> None:
    """Every live thread reads as its members, the earliest its first report."""
    with read_connection(store.engine) as conn:
        live = conn.execute(select(quote_threads.c.id).where(quote_threads.c.merged_into.is_(None))).scalars().all()
        assert live
        for thread_id in live:
            members = conn.execute(select(quotes.c.id, quotes.c.published).join(
                thread_quotes, thread_quotes.c.quote_id == quotes.c.id).where(thread_quotes.c.thread_id == thread_id)).all()
            first = min(members, key=lambda m: appearance_order(m.published, m.id)).id
            thread = get_thread(conn, thread_id)
            assert (len(thread.quotes), thread.first_report.quote_id) == (len(members), first)


def test_thread_summaries_follow_joins_and_merges(store):
    """Two threads, each quoted twice, then merged by a whole quote: members and first reports kept."""
    items = halves()
    ingest(store, [items[0], (items[0][0].replace(".txt", "-2.txt"), items[0][1].replace(b"Harbour Times", b"North Star")),
                   items[1], (items[1][0].replace(".txt", "-2.txt"), items[1][1].replace(b"Coastline News", b"Morning Post"))])
    summaries_match_members(store)
    ingest(store, items[2:])
    summaries_match_members(store)
    ingest(store, strike_pages())
    summaries_match_members(store)


@pytest.mark.parametrize("stored_before", [True, False])
def test_a_wire_copy_is_found_by_stored_shingle_keys(store, stored_before):
    """The reprint is grouped with the agency's copy whether the agency article's shingle keys
    were stored when it was threaded, or (threaded before migration 19) are found again and stored."""
    agency, = ingest(store, pages([AGENCY]))
    with store.engine.begin() as conn:
        kept = conn.execute(select(thread_articles.c.shingles).where(thread_articles.c.article_id == agency)).scalar_one()
        if not stored_before:
            conn.execute(update(thread_articles).where(thread_articles.c.article_id == agency).values(shingles=None))
    reprint, = ingest(store, pages([REPRINT]))
    with read_connection(store.engine) as conn:
        rows = dict(conn.execute(select(thread_articles.c.article_id, thread_articles.c.copy_group)).all())
        now = conn.execute(select(thread_articles.c.shingles).where(thread_articles.c.article_id == agency)).scalar_one()
        body = conn.exec_driver_sql(f"SELECT body FROM articles WHERE id = {agency}").scalar_one()
    assert rows[agency] == rows[reprint] == agency
    assert bytes(now) == bytes(kept) == pack_keys(shingle_keys(shingles(body)))
