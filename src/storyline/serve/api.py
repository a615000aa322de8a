"""The read-only JSON API under /api: thin views over the Store, plus the write-token guard.

Bad parameters are 4xx JSON errors ({"detail": ...}): FastAPI rejects wrong types and ranges
(422), the store rejects bad values such as dates or kinds (400, handled in app.py), unknown
ids are 404.
"""

from __future__ import annotations

import hmac
import io
from typing import Annotated, Literal, TypeVar

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request, Response
from fastapi.responses import RedirectResponse

from storyline.export import QUOTE_COLUMNS, quote_row, write_csv
from storyline.model import QuoteKind
from storyline.store import Store
from storyline.store.fts import MAX_QUERY_CHARS, MAX_QUERY_TERMS
from storyline.store.params import MAX_INT, MAX_LIMIT
from storyline.store.store import SEARCH_TIME_LIMIT_S

from . import schemas

T = TypeVar("T")
LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "::1"}
NOT_FOUND = {404: {"model": schemas.Error}}
GONE = {410: {"model": schemas.Error, "description": "The article was deleted"}}
BAD_VALUE = {400: {"model": schemas.Error}}

router = APIRouter(tags=["read"], responses=BAD_VALUE)

Id = Annotated[int, Path(ge=1, le=MAX_INT)]
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT)]
Offset = Annotated[int, Query(ge=0, le=MAX_INT)]
Since = Annotated[str | None, Query(description="ISO 8601 date or datetime, inclusive", examples=["2024-03-01"])]
Until = Annotated[str | None, Query(description="ISO 8601 date (the whole day) or datetime, inclusive")]
SEARCH_SYNTAX = (f"full-text search in web-search syntax (words, \"a phrase\", -word, OR); at most {MAX_QUERY_CHARS} "
                 f"characters and {MAX_QUERY_TERMS} terms (400 beyond), stopped after {SEARCH_TIME_LIMIT_S:g} s (503)")
SearchText = Annotated[str | None, Query(description=SEARCH_SYNTAX)]
TOO_SLOW = {503: {"model": schemas.Error, "description": "A search stopped at its time limit"}}


def store_of(request: Request) -> Store:
    return request.app.state.store


StoreDep = Annotated[Store, Depends(store_of)]


def token_required(request: Request) -> bool:
    """Writes need a token when the server listens beyond this machine."""
    return getattr(request.app.state, "host", "127.0.0.1") not in LOOPBACK_HOSTS


def require_write_token(request: Request) -> None:
    """Dependency for write endpoints: `Authorization: Bearer <STORYLINE_TOKEN>` unless on 127.0.0.1.

    With no STORYLINE_TOKEN configured, a server reachable from outside refuses every write."""
    if not token_required(request):
        return
    expected = getattr(request.app.state, "write_token", None)
    if not expected:
        raise HTTPException(403, "writes are disabled: this server listens beyond 127.0.0.1 and STORYLINE_TOKEN is unset")
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(), expected.encode()):
        raise HTTPException(401, "writes need the header 'Authorization: Bearer <STORYLINE_TOKEN>'",
                            headers={"WWW-Authenticate": "Bearer"})


@router.get("/articles", response_model=schemas.Page[schemas.ArticleSummary], responses=TOO_SLOW)
def list_articles(store: StoreDep, limit: Limit = 50, offset: Offset = 0, outlet: str | None = None,
                  section: str | None = None, since: Since = None, until: Until = None,
                  q: SearchText = None):
    """Latest version of each article, newest first (best match first with `q`)."""
    return store.list_articles(limit=limit, offset=offset, outlet=outlet, section=section, since=since,
                               until=until, q=q)


@router.get("/articles/{article_id}", response_model=schemas.ArticleDetail,
            responses={**NOT_FOUND, **GONE})
def get_article(store: StoreDep, article_id: Id):
    """One article version in full. Ids are never reused: a deleted article's id answers 410."""
    article = store.get_article(article_id)
    if article is None:
        raise article_missing(store, article_id)
    return article


def article_missing(store, article_id: int) -> HTTPException:
    """The answer for an article id with nothing stored: 410 when it was deleted, 404 when never used."""
    if deleted := store.deleted_article(article_id):
        return HTTPException(410, f"article {article_id} was deleted on {deleted.deleted_at[:10]}")
    return HTTPException(404, f"no article with id {article_id}")


@router.get("/quotes", response_model=schemas.Page[schemas.Quote],
            responses={200: {"content": {"text/csv": {}}, "description": "JSON, or CSV with format=csv"}, **TOO_SLOW})
def list_quotes(store: StoreDep,
                speaker: Annotated[str | None, Query(description="name, alias or surname; any case, any accents")] = None,
                actor_id: Annotated[int | None, Query(ge=1, le=MAX_INT)] = None, since: Since = None,
                until: Until = None, outlet: str | None = None,
                kind: QuoteKind | None = None, q: SearchText = None,
                limit: Limit = 50, offset: Offset = 0, format: Literal["json", "csv"] = "json"):
    """Quotes in latest articles, newest first; `format=csv` downloads this page as a spreadsheet."""
    page = store.list_quotes(speaker=speaker, actor_id=actor_id, since=since, until=until, outlet=outlet,
                             kind=kind, q=q, limit=limit, offset=offset)
    if format == "json":
        return page
    return Response(quotes_csv(page.items), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": 'attachment; filename="quotes.csv"'})


def quotes_csv(quotes: list[schemas.Quote]) -> str:
    out = io.StringIO()
    write_csv(out, QUOTE_COLUMNS, (quote_row(quote) for quote in quotes))
    return out.getvalue()


@router.get("/actors", response_model=schemas.Page[schemas.ActorSummary])
def list_actors(store: StoreDep, type: Annotated[str | None, Query(description="PERSON, ORG, GPE, ...")] = None,
                name: Annotated[str | None, Query(description="part of a name or alias; any case, any accents")] = None,
                limit: Limit = 50, offset: Offset = 0):
    """Actors named in latest articles, most quoted first."""
    return store.list_actors(type=type, name=name, limit=limit, offset=offset)


MOVED = {308: {"description": "The actor was merged into another one: Location gives its address"}}


@router.get("/actors/{actor_id}", response_model=schemas.ActorDetail, responses=NOT_FOUND | MOVED)
def get_actor(store: StoreDep, actor_id: Id):
    """One actor; an id whose rows were merged into another actor answers 308 with that actor's address."""
    actor = store.get_actor(actor_id)
    if actor is None and (into := store.actor_redirect(actor_id)) is not None:
        return RedirectResponse(f"/api/actors/{into}", status_code=308)
    return found_or_404(actor, f"no actor with id {actor_id}")


@router.get("/search", response_model=schemas.SearchResults, responses=TOO_SLOW)
def search(store: StoreDep, q: Annotated[str, Query(min_length=1, description=SEARCH_SYNTAX)],
           limit: Annotated[int, Query(ge=1, le=100)] = 20):
    """Articles, quotes and actors matching `q`, best first, with highlighted snippets."""
    return store.search(q, limit=limit)


@router.get("/failures", response_model=schemas.Page[schemas.Failure])
def failures(store: StoreDep, stage: str | None = None, limit: Limit = 100, offset: Offset = 0):
    """Pages that did not become articles, and why; newest first."""
    return store.failures(limit=limit, offset=offset, stage=stage)


@router.get("/stats", response_model=schemas.Stats)
def stats(store: StoreDep):
    return store.stats()


def found_or_404(item: T | None, message: str) -> T:
    if item is None:
        raise HTTPException(404, message)
    return item
