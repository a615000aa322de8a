"""Quote threads on the web pages: a thread's own page, the story page's quote threads, wire
copy and source share, and each article quote's line "also in 7 outlets; first: Reuters 09:12".

Thin views over threads/queries.py, as /api/threads and /api/stories/{id}/threads. On a story
page an agency reprint's version of a quote is folded under the original's, since a reprint
tells a reader nothing new about who said what.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from sqlalchemy import Connection

from storyline.threads.queries import (article_quote_threads, get_thread, story_sources, story_threads,
                                       story_wire)
from storyline.threads.records import ArticleQuoteThread, QuoteThreadRecord, StoryWire, ThreadQuote
from storyline.threads.word_diff import Piece, thread_diffs

from .api import Id, store_of
from .render import error_page, render

router = APIRouter(include_in_schema=False)


@dataclass
class Version:
    """One version of a quote as a page shows it: the quote, its word diff, the reprints folded under it."""

    quote: ThreadQuote
    diff: list[Piece] | None
    reprints: list[ThreadQuote] = field(default_factory=list)


@dataclass
class ThreadView:
    thread: QuoteThreadRecord
    versions: list[Version]  # first report first


@router.get("/threads/{thread_id}", response_class=HTMLResponse)
def thread_page(request: Request, thread_id: Id):
    found = store_of(request).read(get_thread, thread_id)
    if found is None:
        return error_page(404, "No such quote thread", f"There is no quote thread {thread_id}.")
    if found.redirected:
        return RedirectResponse(f"/threads/{found.id}", status_code=303)
    return render("thread.html", nav=None, view=thread_view(found, {}))


def story_threads_context(conn: Connection, story_id: int) -> dict:
    """What the story page shows of issue 14: quote threads with reprints folded (a thread that only
    reprints carried apart, after the rest), wire copy, sources; read on the page's connection."""
    wire = story_wire(conn, story_id)
    copy_of = reprint_originals(wire)
    views = [thread_view(t, copy_of) for t in story_threads(conn, story_id) or []]
    return {"threads": [v for v in views if len(v.versions) > 1],
            "reprinted_only": [v for v in views if len(v.versions) == 1],
            "wire": wire, "sources": story_sources(conn, story_id)}


def reprint_originals(wire: StoryWire | None) -> dict[int, int]:
    """Each copy's article id → its original's."""
    if wire is None:
        return {}
    return {copy.article_id: group.original.article_id for group in wire.groups for copy in group.copies}


def thread_view(thread: QuoteThreadRecord, copy_of: dict[int, int]) -> ThreadView:
    """The thread's versions, a reprint's folded under its original's version when the thread has one."""
    diffs = thread_diffs(thread.quotes)
    by_article = {q.article_id: q.quote_id for q in thread.quotes if q.article_id not in copy_of}
    versions = {q.quote_id: Version(q, diffs.get(q.quote_id)) for q in thread.quotes
                if copy_of.get(q.article_id) not in by_article or q.first_report}
    for quote in thread.quotes:
        if quote.quote_id not in versions:
            versions[by_article[copy_of[quote.article_id]]].reprints.append(quote)
    return ThreadView(thread, list(versions.values()))


def article_threads(store, article_id: int) -> dict[int, ArticleQuoteThread]:
    """Each of the article's quotes that ran elsewhere, by quote id."""
    return {found.quote_id: found for found in store.read(article_quote_threads, article_id)}
