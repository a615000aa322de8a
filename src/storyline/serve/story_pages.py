"""The stories' HTML pages: the newest-active list and one story's timeline and voices.

Thin views over the same queries as /api/stories. A merged story's old id redirects (303) to
the story that absorbed it, so a bookmarked story page keeps working.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from sqlalchemy import Connection

from storyline.stories.queries import get_story, list_stories
from storyline.stories.records import StoryArticle, StoryDetail

from .api import Id, Offset, store_of
from .render import error_page, render
from .thread_pages import story_threads_context

STORIES_PER_PAGE = 20
router = APIRouter(include_in_schema=False)


@router.get("/stories", response_class=HTMLResponse)
def stories_page(request: Request, offset: Offset = 0):
    page = store_of(request).read(list_stories, limit=STORIES_PER_PAGE, offset=offset)
    pages = {"previous": f"/stories?offset={max(offset - STORIES_PER_PAGE, 0)}" if offset else None,
             "next": f"/stories?offset={offset + STORIES_PER_PAGE}" if offset + STORIES_PER_PAGE < page.total else None}
    return render("stories.html", nav="/stories", page=page, pages=pages)


@router.get("/stories/{story_id}", response_class=HTMLResponse)
def story_page(request: Request, story_id: Id):
    story, threads = store_of(request).read(story_and_threads, story_id)
    if story is None:
        return error_page(404, "No such story", f"There is no story {story_id}.")
    if story.redirected:
        return RedirectResponse(f"/stories/{story.id}", status_code=303)
    return render("story.html", nav=None, story=story, outlets=outlet_lanes(story.articles),
                  titles={a.id: a.title for a in story.articles}, **threads)


def story_and_threads(conn: Connection, story_id: int) -> tuple[StoryDetail | None, dict]:
    """All a story page shows, read on one connection: one snapshot, so its timeline, quote
    threads, wire copy and sources agree even while articles are being stored."""
    story = get_story(conn, story_id)
    if story is None or story.redirected:
        return story, {}
    return story, story_threads_context(conn, story.id)


def outlet_lanes(articles: list[StoryArticle]) -> list[dict]:
    """Each outlet's articles in time order, outlets by their first article: one lane per outlet."""
    lanes: dict[str, dict] = {}
    for article in articles:
        name = article.outlet or "Unknown outlet"
        lanes.setdefault(name, {"outlet": name, "articles": []})["articles"].append(article)
    return list(lanes.values())
