"""The HTML pages: search, article, actor, quotes and ingest. Thin views over the store's queries.

Every page reads through the same Store methods as the JSON API, so what a page shows and
what /api returns for the same filters are the same rows.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse

from storyline.stories.queries import list_stories
from storyline.store import InvalidQuery
from storyline.model import QUOTE_KINDS
from storyline.store.params import MAX_INT
from storyline.store.records import ActorInArticle, DeletedArticle, Page, Quote, Stats
from storyline.threads.revisions import revisions_report

from .api import Id, Offset, store_of, token_required
from .highlight import paragraph_segments, speaker_classes
from .render import STATIC_FILES, STATIC_TYPES, error_page, render, safe_url
from .thread_pages import article_threads
from .timeline import quote_timeline

SEARCH_LIMIT = 20
ACTIVE_STORIES = 5
RECENT_FAILURES = 10
QUOTES_PER_PAGE = 50
QUOTE_FILTER_LIMIT = 1000  # quotes matching the search filters, intersected with full-text hits

router = APIRouter(include_in_schema=False)


@dataclass(frozen=True)
class QuoteFilters:
    """The filters of the quotes page, named as /api/quotes names them."""

    speaker: str = ""
    outlet: str = ""
    since: str = ""
    until: str = ""
    kind: str = ""
    actor_id: int | None = None
    q: str = ""  # words in the quote's text

    def given(self) -> dict:
        return {name: value for name, value in asdict(self).items() if value not in ("", None)}

    def link(self, path: str, **extra) -> str:
        return f"{path}?{urlencode({**self.given(), **extra})}"


@router.get("/static/{name}")
def static_file(name: str):
    path = STATIC_FILES.get(name)
    if path is None:
        return HTMLResponse("not found", status_code=404)
    headers = {"Cache-Control": "public, max-age=86400", "X-Content-Type-Options": "nosniff"}
    return FileResponse(path, media_type=STATIC_TYPES[path.suffix], headers=headers)


@router.get("/docs", response_class=HTMLResponse)
def api_docs():
    """Swagger UI over /openapi.json, from local assets under the pages' CSP (FastAPI's own
    /docs loads it from a CDN with an inline script; ReDoc needs inline styles, so it is off)."""
    return render("api_docs.html")


@router.get("/", response_class=HTMLResponse)
def home(request: Request, q: str = "", outlet: str = "", section: str = "", speaker: str = "",
         since: str = "", until: str = "", deleted: Annotated[int | None, Query(ge=1, le=MAX_INT)] = None):
    store = store_of(request)
    gone = store.deleted_article(deleted) if deleted else None
    q = q.strip()
    filters = QuoteFilters(speaker=speaker.strip(), outlet=outlet, since=since, until=until)
    form = {**asdict(filters), "q": q, "section": section, "filtered": bool(section or filters.given())}
    stats = store.stats()
    context = {"form": form, "nav": "/", "outlets": outlet_names(stats), "results": None, "error": None, "stats": stats,
               "deleted": deleted_notice(gone) if gone else None}
    try:
        if q or form["filtered"]:
            context["results"] = search_everything(store, q, section, filters)
        else:
            context["recent"] = store.list_articles(limit=10).items
            context["quoted"] = [a for a in store.list_actors(limit=10).items if a.quote_count]
            context["stories"] = store.read(list_stories, limit=ACTIVE_STORIES).items
    except InvalidQuery as exc:
        context.update(error=str(exc), results={"articles": [], "quotes": [], "actors": []})
    return render("home.html", **context)


def deleted_notice(deleted: DeletedArticle) -> str:
    title = f"“{deleted.title}”" if deleted.title else "Article"
    return f"{title} (article {deleted.id}) was deleted on {deleted.deleted_at[:10]}."


def search_everything(store, q: str, section: str, filters: QuoteFilters) -> dict:
    """Articles, quotes and actors for one search box: full text plus the store's own filters.
    A speaker filter keeps the quotes by that speaker and the articles quoting them."""
    wanted = filters.given()
    filtered = store.list_quotes(**wanted, limit=QUOTE_FILTER_LIMIT).items if wanted else None
    articles = store.list_articles(q=q or None, outlet=filters.outlet or None, section=section or None,
                                   since=filters.since or None, until=filters.until or None,
                                   limit=QUOTE_FILTER_LIMIT if filters.speaker else SEARCH_LIMIT).items
    if filters.speaker:
        quoted_in = {quote.article_id for quote in filtered}
        articles = [article for article in articles if article.id in quoted_in]
    if q:
        hits = store.search(q, limit=SEARCH_LIMIT)
        quotes, actors = hits.quotes, hits.actors
        if filtered is not None:
            allowed = {quote.id for quote in filtered}
            quotes = [quote for quote in quotes if quote.id in allowed]
    else:
        quotes = (filtered or [])[:SEARCH_LIMIT]
        actors = store.search(filters.speaker, limit=SEARCH_LIMIT).actors if filters.speaker else []
    return {"articles": articles[:SEARCH_LIMIT], "quotes": quotes, "actors": actors}


def outlet_names(stats: Stats) -> list[str]:
    return [o.outlet for o in stats.outlets if o.outlet]


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article_page(request: Request, article_id: Id):
    store = store_of(request)
    article = store.get_article(article_id)
    if article is None and (deleted := store.deleted_article(article_id)):
        return error_page(410, "Article deleted", deleted_notice(deleted))
    if article is None:
        return error_page(404, "No such article", f"There is no article {article_id}.")
    quotes = article.quotes
    quote_counts = Counter(q.actor_id for q in quotes if q.actor_id is not None)
    actors = most_relevant_first(article.actors, quote_counts, Counter(m.actor_id for m in article.mentions))
    return render(
        "article.html", nav=None, article=article, quotes=quotes,
        paragraphs=paragraph_segments(article.body, article.paragraphs, quotes),
        colours=speaker_classes(quotes), quote_counts=quote_counts,
        actors=actors[:ACTORS_SHOWN], folded_actors=actors[ACTORS_SHOWN:],
        unattributed=sum(1 for q in quotes if q.actor_id is None),
        original_url=safe_url(article.canonical_url or article.url),
        revisions=revisions_report(article_id, store.article_versions(article_id)).revisions if len(article.versions) > 1 else [],
        threads=article_threads(store, article_id),
    )


# Actors listed before the rest fold away: a sports page names seventy.
ACTORS_SHOWN = 12


def most_relevant_first(actors: list[ActorInArticle], quote_counts: Counter,
                        mention_counts: Counter) -> list[ActorInArticle]:
    """Speakers first (most quoted first), then the most mentioned, then in the article's order."""
    return sorted(actors, key=lambda actor: (-quote_counts[actor.id], -mention_counts[actor.id]))


@router.get("/actors/{actor_id}", response_class=HTMLResponse)
def actor_page(request: Request, actor_id: Id):
    actor = store_of(request).get_actor(actor_id)
    if actor is None and (into := store_of(request).actor_redirect(actor_id)) is not None:
        return RedirectResponse(f"/actors/{into}", status_code=303)  # merged into another actor
    if actor is None:
        return error_page(404, "No such actor", f"There is no actor {actor_id} in any stored article.")
    timeline = quote_timeline(q.published for q in actor.quotes)
    return render("actor.html", nav=None, actor=actor, timeline=timeline)


@router.get("/quotes", response_class=HTMLResponse)
def quotes_page(request: Request, speaker: str = "", outlet: str = "", since: str = "", until: str = "",
                kind: str = "", actor_id: Annotated[int | None, Query(ge=1, le=MAX_INT)] = None,
                q: str = "", offset: Offset = 0):
    store = store_of(request)
    filters = QuoteFilters(speaker.strip(), outlet, since, until, kind, actor_id, q.strip())
    error = None
    try:
        page = store.list_quotes(**filters.given(), limit=QUOTES_PER_PAGE, offset=offset)
    except InvalidQuery as exc:
        error = str(exc)
        page = Page[Quote](total=0, limit=QUOTES_PER_PAGE, offset=0, items=[])
    shown = {"limit": page.limit, "offset": page.offset}
    downloads = {fmt: filters.link("/api/quotes", **shown, format=fmt) for fmt in ("csv", "json")}
    pages = {
        "previous": filters.link("/quotes", offset=max(page.offset - QUOTES_PER_PAGE, 0)) if page.offset else None,
        "next": (filters.link("/quotes", offset=page.offset + QUOTES_PER_PAGE)
                 if page.offset + QUOTES_PER_PAGE < page.total else None),
    }
    return render("quotes.html", nav="/quotes", form=asdict(filters), outlets=outlet_names(store.stats()),
                  kinds=QUOTE_KINDS, page=page, rows=page.items, downloads=downloads, pages=pages, error=error)


@router.get("/ingest", response_class=HTMLResponse)
def ingest_form(request: Request):
    recent_failures = store_of(request).failures(limit=RECENT_FAILURES).items
    return render("ingest.html", nav="/ingest", token_needed=token_required(request), failures=recent_failures)
