"""The web application: the JSON API under /api, the HTML pages, OpenAPI at /docs.

One Store per app, opened from Settings.db, shared by the API and the pages so both read the
same rows through the same queries. `host` is where the server listens: anything beyond
127.0.0.1 makes write endpoints demand the STORYLINE_TOKEN bearer token (api.require_write_token).
On 127.0.0.1 every request must also name this machine in its Host header (or a name in
Settings.allowed_hosts): a web page whose DNS name is rebound to 127.0.0.1 can then neither
read the store nor write to it, although its requests count as same-origin to the browser.
"""

from __future__ import annotations

import os
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.exception_handlers import request_validation_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.middleware.trustedhost import TrustedHostMiddleware

from storyline.config import Settings
from storyline.store import InvalidQuery, open_store
from storyline.store.fts import MAX_QUERY_CHARS, MAX_QUERY_TERMS
from storyline.store.params import SearchTooSlow
from storyline.store.store import SEARCH_TIME_LIMIT_S

from .api import LOOPBACK_HOSTS
from .api import router as api_router
from .pages import router as pages_router
from .render import error_page
from .story_api import router as story_api_router
from .story_pages import router as story_pages_router
from .thread_api import router as thread_api_router
from .thread_pages import router as thread_pages_router
from .write_api import router as write_router


def create_app(settings: Settings | None = None, host: str = "127.0.0.1") -> FastAPI:
    settings = settings or Settings()
    store = open_store(settings.db, settings.store_outage_wait)

    @asynccontextmanager
    async def lifespan(_app: FastAPI):
        yield
        store.close()

    app = FastAPI(title="Storyline", summary="Who said what in the news: articles, quotes, actors.",
                  description=API_DESCRIPTION, docs_url=None, redoc_url=None, openapi_url="/openapi.json",
                  lifespan=lifespan)
    app.state.settings = settings
    app.state.store = store
    app.state.host = host
    app.state.write_token = os.environ.get("STORYLINE_TOKEN") or None
    app.add_exception_handler(InvalidQuery, _bad_value)
    app.add_exception_handler(RequestValidationError, _bad_parameters)
    app.add_middleware(DropEmptyApiParameters)
    app.add_middleware(HeadAsGet)
    app.add_middleware(TrustedHostMiddleware, allowed_hosts=answered_hosts(host, settings.allowed_hosts),
                       www_redirect=False)
    app.include_router(api_router, prefix="/api")
    app.include_router(story_api_router, prefix="/api")
    app.include_router(thread_api_router, prefix="/api")
    app.include_router(write_router)  # in the OpenAPI schema, unlike the HTML pages
    app.include_router(story_pages_router)
    app.include_router(thread_pages_router)
    app.include_router(pages_router)
    return app


API_DESCRIPTION = f"""\
Reads are open. Writes (`POST /api/ingest`, `DELETE /api/articles/{{article_id}}`) need
`Authorization: Bearer <STORYLINE_TOKEN>` unless the server listens on 127.0.0.1, and are
refused when a browser sends them from another site's page (`Origin`). On 127.0.0.1 every
request must name this machine in its `Host` header (`127.0.0.1`, `localhost`, `[::1]`) or a
name allowed with `--allowed-host` / `STORYLINE_ALLOWED_HOSTS`: any other `Host` gets 400.

Ids are never reused: a deleted article's id answers 410. Full-text parameters (`q`) take
web-search syntax, at most {MAX_QUERY_CHARS} characters and {MAX_QUERY_TERMS} terms (400 beyond), and a
search stops after {SEARCH_TIME_LIMIT_S:g} s (503). Errors are JSON: `{{"detail": "..."}}`.
"""


def answered_hosts(host: str, allowed: tuple[str, ...]) -> list[str]:
    """The Host names the app answers: this machine's names when it listens on loopback, plus the
    allow-list; beyond loopback the allow-list, or any name when there is none (writes there need
    the token, which a rebound page cannot send)."""
    if host in LOOPBACK_HOSTS:
        return ["127.0.0.1", "localhost", "[::1]", *allowed]
    return list(allowed) or ["*"]


async def _bad_value(_request: Request, exc: Exception) -> JSONResponse:
    """400 for a bad parameter; 503 for a search stopped at its time limit (the server was busy
    with it, the request was not wrong)."""
    return JSONResponse({"detail": str(exc)}, status_code=503 if isinstance(exc, SearchTooSlow) else 400)


async def _bad_parameters(request: Request, exc: RequestValidationError):
    """The API's 422 JSON for /api; a page saying what was wrong for the HTML pages."""
    if request.url.path.startswith("/api/"):
        return await request_validation_exception_handler(request, exc)
    wrong = "; ".join(f"{error['loc'][-1]}: {error['msg']}" for error in exc.errors())
    return error_page(400, "Bad address", f"This page cannot be shown for these parameters ({wrong}).")


class HeadAsGet:
    """HEAD answered as GET without the body (FastAPI routes take only the methods they name):
    link checkers and uptime monitors ask HEAD /."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope["method"] != "HEAD":
            return await self.app(scope, receive, send)

        async def headers_only(message):
            if message["type"] == "http.response.body":
                if message.get("more_body"):
                    return
                message = {"type": "http.response.body", "body": b""}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, headers_only)


class DropEmptyApiParameters:
    """`/api/quotes?speaker=&kind=` (as a form sends it) means "no filter": empty parameters
    are dropped before validation, so they neither filter on "" nor fail as a bad date or kind."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] == "http" and scope["path"].startswith("/api/") and scope.get("query_string"):
            kept = [pair for pair in scope["query_string"].split(b"&") if pair.partition(b"=")[2]]
            scope = {**scope, "query_string": b"&".join(kept)}
        await self.app(scope, receive, send)
