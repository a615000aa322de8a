"""The records the store's reads return: one type per shape, shared by the JSON API (whose
response models they are; serve/schemas.py re-exports them), the web pages, the CLI and exports.

A new field or page touches the one type here, not a set of dict keys in every reader.
Field names are the columns' (docs/SCHEMA.md); spans are character offsets into the
article body, end exclusive. Snippets are HTML-escaped text with <mark> around the hits.
"""

from __future__ import annotations

from typing import Generic, Literal, TypeVar

from pydantic import BaseModel

from storyline.model import QuoteKind

T = TypeVar("T")


class Page(BaseModel, Generic[T]):
    total: int  # rows matching the filters, over all pages (a lower bound when total_exact is false)
    # false only for a full-text listing (/api/articles?q=) with more matches than it counts:
    # there are more than `total`
    total_exact: bool = True
    limit: int
    offset: int
    items: list[T]


class Span(BaseModel):
    start: int
    end: int
    text: str


class ArticleSummary(BaseModel):
    id: int
    title: str | None
    standfirst: str | None
    summary: str | None
    outlet: str | None
    section: str | None
    published: str | None
    url: str | None
    canonical_url: str | None
    authors: list[str]
    language: str | None
    status: str
    version: int
    ingested_at: str
    snippet: str | None = None  # only on search hits


class Quote(BaseModel):
    id: int
    article_id: int
    position: int  # order within the article
    kind: QuoteKind
    text: str
    content: list[Span]
    cue: Span | None
    speaker: Span | None  # as written in the article
    actor_id: int | None
    speaker_name: str | None  # the global actor's canonical name
    article_title: str | None
    outlet: str | None
    published: str | None
    url: str | None
    snippet: str | None = None  # only on search hits


class ActorInArticle(BaseModel):
    id: int  # the global actor
    name: str  # global canonical name
    type: str
    name_in_article: str
    aliases: list[str]  # as this article wrote them
    roles: list[str]


class Mention(BaseModel):
    actor_id: int
    start: int
    end: int
    text: str


class Version(BaseModel):
    id: int
    version: int
    is_latest: bool
    ingested_at: str


class ArticleDetail(ArticleSummary):
    source: str
    canonical_key: str
    body: str
    paragraphs: list[tuple[int, int]]
    breadcrumbs: list[str]
    categories: list[str]
    dateline: str | None = None  # where the story was filed, from its dateline
    agency: str | None = None  # the news agency its dateline credits
    format: str
    content_hash: str
    is_latest: bool
    superseded_by: int | None
    fetched_at: str | None
    actors: list[ActorInArticle]
    mentions: list[Mention]
    quotes: list[Quote]
    versions: list[Version]  # every stored version of this page, oldest first
    story_id: int | None = None  # the story the article belongs to (storyline.stories)


class DeletedArticle(BaseModel):
    id: int
    title: str | None
    deleted_at: str


class ActorSummary(BaseModel):
    id: int
    name: str
    type: str
    aliases: list[str]
    roles: list[str]
    quote_count: int
    mention_count: int
    article_count: int


class ArticleRef(BaseModel):
    id: int
    title: str | None
    outlet: str | None
    published: str | None


class CoMentioned(BaseModel):
    id: int
    name: str
    type: str
    shared_articles: int


class ActorDetail(ActorSummary):
    quotes: list[Quote]  # oldest first
    articles: list[ArticleRef]  # newest first
    co_mentioned: list[CoMentioned]


class SearchResults(BaseModel):
    query: str
    articles: list[ArticleSummary]
    quotes: list[Quote]
    actors: list[ActorSummary]


class Failure(BaseModel):
    id: int
    source: str
    stage: str
    reason: str
    at: str  # first seen
    last_seen: str
    count: int  # times this page failed for this reason (re-runs and re-loads add no rows)


class OutletCount(BaseModel):
    outlet: str | None
    articles: int


class Stats(BaseModel):
    articles: int  # latest versions only
    versions: int
    actors: int
    quotes: int
    mentions: int
    failures: int
    quotes_by_kind: dict[str, int]
    outlets: list[OutletCount]
    backend: Literal["sqlite", "postgresql"]

