"""The stored versions of one page, in full, for comparing them (threads/revisions.py)."""

from __future__ import annotations

from sqlalchemy import Connection, select

from .queries import quote_query, quote_record
from .schema import articles, quotes

VERSION_COLUMNS = (articles.c.id, articles.c.version, articles.c.is_latest, articles.c.ingested_at,
                   articles.c.published, articles.c.title, articles.c.standfirst, articles.c.body,
                   articles.c.paragraphs)


def article_versions(conn: Connection, article_id: int) -> list[dict] | None:
    """Every version of the page `article_id` is a version of, oldest first, each with its
    quotes (text, kind, speaker); None when there is no such article."""
    key = conn.execute(select(articles.c.canonical_key).where(articles.c.id == article_id)).scalar()
    if key is None:
        return None
    rows = [dict(row) for row in conn.execute(
        select(*VERSION_COLUMNS).where(articles.c.canonical_key == key).order_by(articles.c.version)).mappings()]
    said = conn.execute(quote_query().where(quotes.c.article_id.in_([row["id"] for row in rows]))
                        .order_by(quotes.c.article_id, quotes.c.position)).mappings()
    by_version: dict[int, list[dict]] = {row["id"]: [] for row in rows}
    for quote in said:
        by_version[quote["article_id"]].append(quote_record(quote).model_dump())
    return [{**row, "quotes": by_version[row["id"]]} for row in rows]
