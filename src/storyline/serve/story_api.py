"""The stories' JSON endpoints (/api/stories): the newest-active list and one story.

A merged story's old id answers with the story that absorbed it (`redirected` is true), so a
saved link keeps working.
"""

from __future__ import annotations

from fastapi import APIRouter

from storyline.stories.queries import get_story, list_stories
from storyline.stories.records import StoryDetail, StorySummary

from . import schemas
from .api import NOT_FOUND, Id, Limit, Offset, StoreDep, found_or_404

router = APIRouter(tags=["stories"])


@router.get("/stories", response_model=schemas.Page[StorySummary])
def stories(store: StoreDep, limit: Limit = 20, offset: Offset = 0):
    """Stories across outlets, most recently active first."""
    return store.read(list_stories, limit=limit, offset=offset)


@router.get("/stories/{story_id}", response_model=StoryDetail, responses=NOT_FOUND)
def story(store: StoreDep, story_id: Id):
    """One story: its articles in time order, its main actors, and its quotes grouped by speaker."""
    return found_or_404(store.read(get_story, story_id), f"no story with id {story_id}")
