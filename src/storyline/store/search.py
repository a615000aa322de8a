"""One search box over everything: articles and quotes by full text, actors by name or alias."""

from __future__ import annotations

from sqlalchemy import Connection, select

from .actor_queries import actor_listing, with_aliases
from .actors import actor_ids_named_like
from .fts import search_dialect
from .params import check_page
from .queries import ARTICLE_SUMMARY, RANKED, RANKED_QUOTES, quote_query, quote_record, with_snippets
from .records import ActorSummary, ArticleSummary, SearchResults
from .schema import actors, articles, quotes


def search(conn: Connection, q: str, limit: int = 20) -> SearchResults:
    """Best hits of each kind, at most `limit` each; article and quote snippets are safe HTML,
    made for the hits returned only. The best of the RANKED newest matching articles and of the
    RANKED_QUOTES newest matching quotes (at least `limit`)."""
    check_page(limit, 0)
    fts = search_dialect(conn.dialect.name)
    in_articles = fts.matches("articles", q, max(RANKED, limit), [articles.c.is_latest]).subquery()
    article_hits = conn.execute(
        select(*ARTICLE_SUMMARY)
        .join(in_articles, in_articles.c.id == articles.c.id)
        .where(articles.c.is_latest)
        .order_by(in_articles.c.score.desc(), articles.c.id.desc())
        .limit(limit)
    ).mappings()
    in_quotes = fts.matches("quotes", q, max(RANKED_QUOTES, limit), [quotes.c.is_latest]).subquery()
    quote_hits = conn.execute(
        quote_query()
        .join(in_quotes, in_quotes.c.id == quotes.c.id)
        .where(quotes.c.is_latest)
        .order_by(in_quotes.c.score.desc(), quotes.c.id.desc())
        .limit(limit)
    ).mappings()
    found = SearchResults(query=q, articles=[ArticleSummary.model_validate(dict(a)) for a in article_hits],
                          quotes=[quote_record(h) for h in quote_hits], actors=_actors_named_like(conn, q, limit))
    with_snippets(conn, "articles", q, found.articles)
    with_snippets(conn, "quotes", q, found.quotes)
    return found


def _actors_named_like(conn: Connection, q: str, limit: int) -> list[ActorSummary]:
    hits = conn.execute(
        actor_listing(only=actor_ids_named_like(q)).order_by(actors.c.quote_count.desc(), actors.c.name).limit(limit)
    ).mappings()
    return with_aliases(conn, [dict(h) for h in hits])
