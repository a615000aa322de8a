"""The records the stories' reads return: the newest-active list and one story. The JSON API
serves them as they are (/api/stories); the pages and the CLI read the same fields."""

from __future__ import annotations

from pydantic import BaseModel


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
