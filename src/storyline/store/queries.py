"""Read queries over articles, quotes, failures and totals, shared by the JSON API and the web pages.

Every function takes a Connection and returns the records of records.py (shapes in
docs/SCHEMA.md). Listings show only the latest version of each page and come as a
`Page`: total, total_exact, limit, offset, items. `total` counts every
matching row, except for a full-text listing with many matches: that counts at most
COUNTED (or the rows up to the page asked for, if deeper) and says `"total_exact": false`,
meaning there are more than `total`.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from typing import TypeVar

from pydantic import BaseModel
from sqlalchemy import Connection, Select, func, select, true, union_all

from storyline.keys import speaker_key

from .actors import actor_ids_named
from .fts import MARK_END, MARK_START, search_dialect
from .params import check_kind, check_page, date_bounds
from .records import ArticleDetail, ArticleSummary, DeletedArticle, Failure, Page, Quote, Stats
from .schema import (
    actors, article_actors, articles, deleted_articles, failures, mentions, newest_first, quotes, story_articles,
)

R = TypeVar("R", bound=BaseModel)

ARTICLE_SUMMARY = (
    articles.c.id, articles.c.title, articles.c.standfirst, articles.c.summary, articles.c.outlet,
    articles.c.section, articles.c.published, articles.c.url, articles.c.canonical_url,
    articles.c.authors, articles.c.language, articles.c.status, articles.c.version, articles.c.ingested_at,
)
NEWEST_FIRST = (articles.c.published.desc().nulls_last(), articles.c.id.desc())
RANKED = 500  # full-text matches ranked per query (see fts.py)
# Quotes matching a search, ranked: fewer, since there are 20-odd quotes to an article and a
# quote's score varies little (a short text holds a word once or twice). Finding the N newest
# matches costs N / (share of rows that match) rows on Postgres' newest-first walk: for
# "police" (0.3 % of 2.4 million quotes) 500 meant about 200,000 rows, 70 ms.
RANKED_QUOTES = 100
# Full-text matches counted per listing: counting every match of a common word cost more
# than finding and ranking the page (every match's row is read for is_latest and the filters).
COUNTED = 1000


def page(conn: Connection, query: Select, limit: int, offset: int, record: type[R],
         counted: Select | None = None, count_at_most: int | None = None,
         records: Callable[[list[dict]], list[R]] | None = None) -> Page[R]:
    """One page of `query` (already ordered) as `record`s, with the total count of its rows (or
    of `counted`'s); `records` makes the page's records from its rows when they need more reads.

    With `count_at_most`, at most that many rows (or as many as reach the end of the page) are
    counted: a bigger total comes back as that number, with total_exact false."""
    check_page(limit, offset)
    counted = (query if counted is None else counted).order_by(None)
    bound = None if count_at_most is None else max(count_at_most, offset + limit)
    if bound is not None:
        counted = counted.limit(bound + 1)  # one more than the bound says "there are more"
    total = conn.execute(select(func.count()).select_from(counted.subquery())).scalar_one()
    exact = bound is None or total <= bound
    rows = [dict(row) for row in conn.execute(query.limit(limit).offset(offset)).mappings()]
    items = records(rows) if records else [record.model_validate(row) for row in rows]
    return Page[record](total=total if exact else bound, total_exact=exact, limit=limit, offset=offset, items=items)


def html_snippet(raw: str | None) -> str | None:
    """Escape the text and turn the search engine's hit markers into <mark> tags: safe to render."""
    if raw is None:
        return None
    return html.escape(raw).replace(MARK_START, "<mark>").replace(MARK_END, "</mark>")


def published_between(query: Select, since: str | None, until: str | None, published=articles.c.published) -> Select:
    since, until = date_bounds(since, until)
    if since is not None:
        query = query.where(published >= since)
    if until is not None:
        query = query.where(published <= until)
    return query


def list_articles(conn: Connection, limit: int = 50, offset: int = 0, outlet: str | None = None,
                  section: str | None = None, since: str | None = None, until: str | None = None,
                  q: str | None = None) -> Page[ArticleSummary]:
    """Latest articles, newest first, or best match first when `q` is given (items gain a snippet).

    With `q`, the ranking covers the RANKED newest matches (or the page asked for, if deeper),
    the total counts at most COUNTED matches (see `page`), and snippets are made for the
    page's items only."""
    chosen = [articles.c.is_latest]
    if outlet is not None:
        chosen.append(articles.c.outlet == outlet)
    if section is not None:
        chosen.append(articles.c.section == section)
    query = published_between(select(*ARTICLE_SUMMARY).where(*chosen), since, until)
    if not q:
        return page(conn, query.order_by(*NEWEST_FIRST), limit, offset, ArticleSummary)
    fts = search_dialect(conn.dialect.name)
    chosen = query.whereclause  # every filter, for the ranked candidates too
    hits = fts.matches("articles", q, max(RANKED, offset + limit), [chosen]).subquery()
    ranked = query.join(hits, hits.c.id == articles.c.id)
    result = page(conn, ranked.order_by(hits.c.score.desc(), articles.c.id.desc()), limit, offset, ArticleSummary,
                  counted=fts.matching("articles", q, [chosen]), count_at_most=COUNTED)
    with_snippets(conn, "articles", q, result.items)
    return result


def with_snippets(conn: Connection, table_name: str, q: str, items: Sequence[ArticleSummary | Quote]) -> None:
    """Give `items` (matches of `q` in `table_name`) each its safe HTML snippet, made for these
    rows only."""
    if not items:
        return
    made = dict(conn.execute(search_dialect(conn.dialect.name).snippets(
        table_name, q, [item.id for item in items])).all())
    for item in items:
        item.snippet = html_snippet(made.get(item.id))


def article_with_bytes(conn: Connection, content_hash: str) -> int | None:
    return conn.execute(select(articles.c.id).where(articles.c.content_hash == content_hash)).scalar()


def article_title(conn: Connection, article_id: int) -> str | None:
    return conn.execute(select(articles.c.title).where(articles.c.id == article_id)).scalar()


def get_article(conn: Connection, article_id: int) -> ArticleDetail | None:
    """The article with its actors (global id and name, the article's aliases and roles), mentions,
    quotes with speaker names, the versions of its page, and its story's id (storyline.stories)."""
    row = conn.execute(select(articles).where(articles.c.id == article_id)).mappings().first()
    if row is None:
        return None
    named = conn.execute(
        select(article_actors.c.actor_id.label("id"), actors.c.name, actors.c.type,
               article_actors.c.name.label("name_in_article"), article_actors.c.aliases, article_actors.c.roles)
        .join(actors, actors.c.id == article_actors.c.actor_id)
        .where(article_actors.c.article_id == article_id)
        .order_by(article_actors.c.position)
    ).mappings()
    found = conn.execute(
        select(mentions.c.actor_id, mentions.c.start_char.label("start"), mentions.c.end_char.label("end"),
               mentions.c.text)
        .where(mentions.c.article_id == article_id)
        .order_by(mentions.c.start_char)
    ).mappings()
    said = conn.execute(quote_query().where(quotes.c.article_id == article_id).order_by(quotes.c.position))
    versions = conn.execute(
        select(articles.c.id, articles.c.version, articles.c.is_latest, articles.c.ingested_at)
        .where(articles.c.canonical_key == row["canonical_key"])
        .order_by(articles.c.version)
    ).mappings()
    return ArticleDetail.model_validate({
        **row,
        "actors": [dict(a) for a in named],
        "mentions": [dict(m) for m in found],
        "quotes": [quote_record(q) for q in said.mappings()],
        "versions": [dict(v) for v in versions],
        "story_id": conn.execute(select(story_articles.c.story_id)
                                 .where(story_articles.c.article_id == article_id)).scalar(),
    })


def deleted_article(conn: Connection, article_id: int) -> DeletedArticle | None:
    """A deleted article's id, title and time of deletion, if it was one (its id is never used again)."""
    row = conn.execute(select(deleted_articles).where(deleted_articles.c.id == article_id)).mappings().first()
    return None if row is None else DeletedArticle.model_validate(dict(row))


QUOTE_COLUMNS = [c for c in quotes.c if c.name not in ("is_latest", "published", "speaker_key")]  # copies


def quote_query() -> Select:
    """Quotes with their speaker's global name and their article's title, outlet and date."""
    return select(
        *QUOTE_COLUMNS, actors.c.name.label("speaker_name"), articles.c.title.label("article_title"),
        articles.c.outlet, articles.c.published, articles.c.url,
    ).select_from(
        quotes.join(articles, articles.c.id == quotes.c.article_id).outerjoin(actors, actors.c.id == quotes.c.actor_id)
    )


def quote_record(row) -> Quote:
    """A `quote_query` row as a Quote: the speaker's three columns become one span."""
    speaker = None
    if row["speaker_text"] is not None:
        speaker = {"start": row["speaker_start"], "end": row["speaker_end"], "text": row["speaker_text"]}
    return Quote.model_validate({**row, "speaker": speaker})


def list_quotes(conn: Connection, speaker: str | None = None, actor_id: int | None = None,
                since: str | None = None, until: str | None = None, outlet: str | None = None,
                kind: str | None = None, q: str | None = None, limit: int = 50, offset: int = 0) -> Page[Quote]:
    """Quotes in latest articles, newest first. `speaker` matches a global actor's name, any alias
    or a person's surname (any case, any accents), or the speaker as written; `q` keeps the
    quotes whose text matches it (full-text, web-search syntax).

    The matching actors are looked up first. Each way a quote can match (by one of those
    actors, or as written by someone else) is then one range of ix_quotes_actor_newest or
    ix_quotes_speaker_key_newest, already in newest-first order: the page takes the first
    offset + limit rows of each range, and the total adds the ranges' counts (an actor's
    stored quote_count when nothing else filters). A name that matches nothing costs a few
    index probes; a much-quoted one does not cost what it said."""
    check_kind(kind)
    check_page(limit, offset)
    ways: list[tuple] = [(true(), None)]  # (condition, its count when stored)
    if speaker is not None:
        unfiltered = all(v is None for v in (actor_id, since, until, outlet, kind, q))
        named = conn.execute(select(actors.c.id, actors.c.quote_count)
                             .where(actors.c.id.in_(actor_ids_named(speaker)))).all()
        as_written = quotes.c.speaker_key == speaker_key(speaker)
        if named:  # the ways never match the same quote, so their rows and counts simply add up
            as_written &= quotes.c.actor_id.is_(None) | quotes.c.actor_id.not_in([i for i, _ in named])
        ways = [(as_written, None)] + [(quotes.c.actor_id == i, n if unfiltered else None) for i, n in named]
    if q is not None:
        ways = [(way & quotes.c.id.in_(search_dialect(conn.dialect.name).matching("quotes", q)), None)
                for way, _ in ways]
    branches = [_latest_quotes(way, actor_id, since, until, outlet, kind) for way, _ in ways]
    counted = [select(func.count()).select_from(b.subquery()).scalar_subquery()
               for b, (_, stored) in zip(branches, ways) if stored is None]
    total = sum(conn.execute(select(*counted)).one()) + sum(n for _, n in ways if n is not None)
    firsts = [b.order_by(*newest_first(quotes.c)).limit(offset + limit).subquery() for b in branches]
    merged = union_all(*[select(first) for first in firsts]).subquery()
    on_page = conn.execute(select(merged.c.id).order_by(*newest_first(merged.c)).limit(limit).offset(offset))
    rows = conn.execute(quote_query().where(quotes.c.id.in_(on_page.scalars().all()))
                        .order_by(*newest_first(quotes.c)))
    return Page[Quote](total=total, limit=limit, offset=offset, items=[quote_record(row) for row in rows.mappings()])


def _latest_quotes(way, actor_id: int | None, since: str | None, until: str | None, outlet: str | None,
                   kind: str | None) -> Select:
    """(id and order columns) of the quotes in latest articles that match `way` and the filters."""
    query = select(quotes.c.id, quotes.c.published, quotes.c.article_id, quotes.c.position)
    query = published_between(query.where(quotes.c.is_latest, way), since, until, quotes.c.published)
    if actor_id is not None:
        query = query.where(quotes.c.actor_id == actor_id)
    if outlet is not None:
        query = query.join(articles, articles.c.id == quotes.c.article_id).where(articles.c.outlet == outlet)
    if kind is not None:
        query = query.where(quotes.c.kind == kind)
    return query


def list_failures(conn: Connection, limit: int = 100, offset: int = 0, stage: str | None = None) -> Page[Failure]:
    """One row per page and reason, with how often it was seen; the most recently seen first.
    No row holds a user name or password from a URL (record_failure and migration 12 leave them out)."""
    query = select(*(column for column in failures.c if column.name != "failure_key"))
    if stage is not None:
        query = query.where(failures.c.stage == stage)
    return page(conn, query.order_by(failures.c.last_seen.desc(), failures.c.id.desc()), limit, offset, Failure)


def stats(conn: Connection) -> Stats:
    """Totals for a dashboard: latest articles, all versions, actors, quotes by kind, outlets."""
    latest = articles.c.is_latest

    def count(query: Select) -> int:
        return conn.execute(query).scalar_one()

    in_latest = quotes.join(articles, articles.c.id == quotes.c.article_id)
    by_kind = conn.execute(select(quotes.c.kind, func.count()).select_from(in_latest).where(latest)
                           .group_by(quotes.c.kind))
    outlets = conn.execute(
        select(articles.c.outlet, func.count().label("articles")).where(latest)
        .group_by(articles.c.outlet).order_by(func.count().desc(), articles.c.outlet)
    ).mappings()
    return Stats(
        articles=count(select(func.count()).where(latest)),
        versions=count(select(func.count()).select_from(articles)),
        actors=count(select(func.count(func.distinct(article_actors.c.actor_id)))
                     .join_from(article_actors, articles).where(latest)),
        quotes=count(select(func.count()).select_from(in_latest).where(latest)),
        mentions=count(select(func.count()).select_from(mentions.join(articles)).where(latest)),
        failures=count(select(func.count()).select_from(failures)),
        quotes_by_kind=dict(by_kind.all()),
        outlets=[dict(o) for o in outlets],
        backend=conn.dialect.name,
    )
