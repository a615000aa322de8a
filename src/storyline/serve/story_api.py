"""The stories' JSON endpoints (/api/stories): the newest-active list and one story.

A merged story's old id answers with the story that absorbed it (`redirected` is true), so a
saved link keeps working.
"""

from __future__ import annotations

from fastapi import APIRouter, HTTPException
from pydantic import BaseModel

from storyline.stories.queries import get_story, list_stories, read_stories

from . import schemas
from .api import NOT_FOUND, Id, Limit, Offset, StoreDep

router = APIRouter(tags=["stories"])


class StoryActor(BaseModel):
    id: int
    name: str
    type: str
    articles: int  # articles of the story naming the actor


class StorySummary(BaseModel):
    id: int
    headline: str | None  # its first article's headline
    article_count: int
    first_seen: str  # article times: publication date, else when stored
    last_seen: str
    outlets: list[str]
    main_actors: list[StoryActor]


class StoryArticle(BaseModel):
    id: int
    title: str | None
    outlet: str | None
    url: str | None
    published: str | None
    seen: str


class StoryQuote(BaseModel):
    id: int
    article_id: int
    position: int
    kind: str
    text: str
    start_char: int


class Speaker(BaseModel):
    speaker: str  # the global actor's name, else the speaker as written, else "unattributed"
    actor_id: int | None
    quotes: list[StoryQuote]


class StoryDetail(StorySummary):
    requested_id: int
    redirected: bool  # the id asked for was merged into this story
    articles: list[StoryArticle]  # in time order
    speakers: list[Speaker]  # most quotes first


@router.get("/stories", response_model=schemas.Page[StorySummary])
def stories(store: StoreDep, limit: Limit = 20, offset: Offset = 0):
    """Stories across outlets, most recently active first."""
    return read_stories(store, list_stories, limit=limit, offset=offset)


@router.get("/stories/{story_id}", response_model=StoryDetail, responses=NOT_FOUND)
def story(store: StoreDep, story_id: Id):
    """One story: its articles in time order, its main actors, and its quotes grouped by speaker."""
    found = read_stories(store, get_story, story_id)
    if found is None:
        raise HTTPException(404, f"no story with id {story_id}")
    return found
