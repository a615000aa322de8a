"""The JSON endpoints of issue 14: how a page changed between its stored versions.

The response models are the threads package's own records (pydantic reads dataclasses), so
the API, `storyline diff` and the article page show one shape.
"""

from __future__ import annotations

from fastapi import APIRouter, HTTPException
from pydantic import BaseModel

from storyline.threads.revisions import Revision, revisions_report

from . import schemas
from .api import NOT_FOUND, Id, StoreDep

router = APIRouter(tags=["revisions"])
GONE = {410: {"model": schemas.Error, "description": "The article was deleted"}}


class VersionSummary(BaseModel):
    id: int  # the article id of this version
    version: int
    is_latest: bool
    ingested_at: str
    published: str | None
    title: str | None


class Revisions(BaseModel):
    article_id: int
    versions: list[VersionSummary]  # oldest first
    # each version against the one before it, oldest first; empty for a page stored once.
    # Word diffs are pieces of the newer text: "same", "added", or "removed" (words of the older one)
    revisions: list[Revision]


@router.get("/articles/{article_id}/revisions", response_model=Revisions, responses={**NOT_FOUND, **GONE})
def article_revisions(store: StoreDep, article_id: Id):
    """What changed between the stored versions of this article's page: headline, standfirst,
    paragraphs added, removed or edited, quotes added, removed or altered, with word diffs."""
    return {"article_id": article_id, **revisions_report(versions_or_error(store, article_id))}


def versions_or_error(store, article_id: int) -> list[dict]:
    """The page's versions; 410 for a deleted article, 404 for an id never used."""
    versions = store.article_versions(article_id)
    if versions is not None:
        return versions
    if deleted := store.deleted_article(article_id):
        raise HTTPException(410, f"article {article_id} was deleted on {deleted['deleted_at'][:10]}")
    raise HTTPException(404, f"no article with id {article_id}")
