"""Response models of the JSON API: the store's records (store/records.py), typed for
validation and /docs, and the error body."""

from __future__ import annotations

from pydantic import BaseModel

from storyline.store.records import (
    ActorDetail, ActorInArticle, ActorSummary, ArticleDetail, ArticleRef, ArticleSummary, CoMentioned, Failure,
    Mention, OutletCount, Page, Quote, SearchResults, Span, Stats, Version,
)

__all__ = ["ActorDetail", "ActorInArticle", "ActorSummary", "ArticleDetail", "ArticleRef", "ArticleSummary",
           "CoMentioned", "Error", "Failure", "Mention", "OutletCount", "Page", "Quote", "SearchResults", "Span",
           "Stats", "Version"]


class Error(BaseModel):
    detail: str
