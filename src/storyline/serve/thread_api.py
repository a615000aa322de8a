"""The JSON endpoints of issue 14: quote threads across outlets, wire copy, named and anonymous
sources, and how a page changed between its stored versions.

The response models are the threads package's own records (threads/records.py, and the
revisions' dataclasses, which pydantic reads as they are), so the API, the CLI and the pages
show one shape. A merged thread's old id answers with the thread it joined (`redirected`).
"""

from __future__ import annotations

from fastapi import APIRouter

from storyline.threads.queries import (article_quote_threads, get_thread, outlet_sources,
                                       story_sources, story_threads, story_wire)
from storyline.threads.records import ArticleQuoteThread, OutletSources, QuoteThreadRecord, StorySources, StoryWire
from storyline.threads.revisions import Revisions, revisions_report

from .api import GONE, NOT_FOUND, Id, StoreDep, article_missing, found_or_404

router = APIRouter(tags=["quote threads"])


@router.get("/articles/{article_id}/revisions", response_model=Revisions, responses={**NOT_FOUND, **GONE})
def article_revisions(store: StoreDep, article_id: Id):
    """What changed between the stored versions of this article's page: headline, standfirst,
    paragraphs added, removed or edited, quotes added, removed or altered, with word diffs."""
    return revisions_report(article_id, versions_or_error(store, article_id))


def versions_or_error(store, article_id: int) -> list[dict]:
    """The page's versions; 410 for a deleted article, 404 for an id never used."""
    versions = store.article_versions(article_id)
    if versions is None:
        raise article_missing(store, article_id)
    return versions


@router.get("/threads/{thread_id}", response_model=QuoteThreadRecord, responses=NOT_FOUND)
def thread(store: StoreDep, thread_id: Id):
    """One quote thread: every version of the quote, first report first, each with its link to
    the first report (verbatim, trimmed, elided, altered with the word changes, paraphrase) and
    whether the words were attributed to someone else."""
    return found_or_404(store.read(get_thread, thread_id), f"no quote thread with id {thread_id}")


@router.get("/stories/{story_id}/threads", response_model=list[QuoteThreadRecord], responses=NOT_FOUND)
def threads_of_story(store: StoreDep, story_id: Id):
    """The quote threads of a story's quotes, earliest first report first; empty when no quote
    of the story ran elsewhere."""
    return found_or_404(store.read(story_threads, story_id), f"no story with id {story_id}")


@router.get("/stories/{story_id}/wire", response_model=StoryWire, responses=NOT_FOUND)
def wire_of_story(store: StoreDep, story_id: Id):
    """A story's wire copy: groups of near-duplicate articles (the original first) with the agency
    they credit, and how many of its outlets did their own reporting."""
    return found_or_404(store.read(story_wire, story_id), f"no story with id {story_id}")


@router.get("/stories/{story_id}/sources", response_model=StorySources, responses=NOT_FOUND)
def sources_of_story(store: StoreDep, story_id: Id):
    """How the sources of a story's quotes are identified (named, described, anonymous), overall and per outlet."""
    return found_or_404(store.read(story_sources, story_id), f"no story with id {story_id}")


@router.get("/sources", response_model=list[OutletSources])
def sources_by_outlet(store: StoreDep):
    """Named, described and anonymous sources of every outlet's quotes, most quotes first."""
    return store.read(outlet_sources)


@router.get("/articles/{article_id}/threads", response_model=list[ArticleQuoteThread],
            responses={**NOT_FOUND, **GONE})
def threads_of_article(store: StoreDep, article_id: Id):
    """Each of the article's quotes that other articles ran too: how many outlets, and the first report."""
    threads = store.read(article_quote_threads, article_id)
    if not threads and store.get_article(article_id) is None:  # an article no other outlet quoted is []
        raise article_missing(store, article_id)
    return threads
