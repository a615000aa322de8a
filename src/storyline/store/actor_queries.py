"""Read queries over global actors: who is quoted and mentioned most, and one actor's record."""

from __future__ import annotations

from sqlalchemy import Connection, Select, func, select

from .actors import actor_ids_named_like
from .queries import NEWEST_FIRST, page, quote_query, quote_record
from .records import ActorDetail, ActorSummary, Page
from .schema import actor_aliases, actors, article_actors, articles, quotes

ACTOR_QUOTES_LIMIT = 500
CO_MENTIONED_LIMIT = 20


def actor_listing(only: Select | list[int] | None = None) -> Select:
    """Actors named in at least one latest article, with their quote, mention and article counts
    (kept at write time, see counts.py); `only` (actor ids, or a Select of them) narrows it."""
    query = select(
        actors.c.id, actors.c.name, actors.c.type, actors.c.roles,
        actors.c.quote_count, actors.c.mention_count, actors.c.article_count,
    ).where(actors.c.article_count > 0)
    return query if only is None else query.where(actors.c.id.in_(only))


def _aliases(conn: Connection, actor_ids: list[int]) -> dict[int, list[str]]:
    found: dict[int, list[str]] = {i: [] for i in actor_ids}
    rows = conn.execute(
        select(actor_aliases.c.actor_id, actor_aliases.c.alias)
        .where(actor_aliases.c.actor_id.in_(actor_ids))
        .order_by(actor_aliases.c.alias)
    )
    for actor_id, alias in rows:
        found[actor_id].append(alias)
    return found


def with_aliases(conn: Connection, listed: list[dict]) -> list[ActorSummary]:
    """Actor rows of `actor_listing`, each with its aliases."""
    aliases = _aliases(conn, [a["id"] for a in listed])
    return [ActorSummary.model_validate({**a, "aliases": aliases[a["id"]]}) for a in listed]


def list_actors(conn: Connection, type: str | None = None, name: str | None = None, limit: int = 50,
                offset: int = 0) -> Page[ActorSummary]:
    """Most-quoted first, then most-mentioned; `type` is a spaCy label such as PERSON or ORG;
    `name` keeps actors with it in their name or an alias (any case, any accents)."""
    query = actor_listing(only=None if name is None else actor_ids_named_like(name))
    if type is not None:
        query = query.where(actors.c.type == type.upper())
    order = (actors.c.quote_count.desc(), actors.c.mention_count.desc(), actors.c.name, actors.c.id)
    return page(conn, query.order_by(*order), limit, offset, ActorSummary, records=lambda rows: with_aliases(conn, rows))


def get_actor(conn: Connection, actor_id: int) -> ActorDetail | None:
    """One actor: aliases, roles, counts, quotes across all articles in time order (oldest first,
    at most ACTOR_QUOTES_LIMIT), the articles naming it, and the actors most often named beside it."""
    row = conn.execute(actor_listing(only=[actor_id])).mappings().first()
    if row is None:
        return None
    said = conn.execute(
        quote_query().where(quotes.c.actor_id == actor_id, quotes.c.is_latest)
        .order_by(quotes.c.published.asc().nulls_last(), quotes.c.article_id, quotes.c.position)
        .limit(ACTOR_QUOTES_LIMIT)
    ).mappings()
    named_in = conn.execute(
        select(articles.c.id, articles.c.title, articles.c.outlet, articles.c.published)
        .join(article_actors, article_actors.c.article_id == articles.c.id)
        .where(article_actors.c.actor_id == actor_id, articles.c.is_latest)
        .distinct()
        .order_by(*NEWEST_FIRST)
    ).mappings()
    return ActorDetail.model_validate({
        **row,
        "aliases": _aliases(conn, [actor_id])[actor_id],
        "quotes": [quote_record(q) for q in said],
        "articles": [dict(a) for a in named_in],
        "co_mentioned": _co_mentioned(conn, actor_id),
    })


def _co_mentioned(conn: Connection, actor_id: int) -> list[dict]:
    """Other actors named in the same latest articles, by number of shared articles."""
    this, other = article_actors.alias("this"), article_actors.alias("other")
    shared = func.count(func.distinct(other.c.article_id)).label("shared_articles")
    rows = conn.execute(
        select(actors.c.id, actors.c.name, actors.c.type, shared)
        .select_from(this)
        .join(other, (other.c.article_id == this.c.article_id) & (other.c.actor_id != actor_id))
        .join(articles, articles.c.id == this.c.article_id)
        .join(actors, actors.c.id == other.c.actor_id)
        .where(this.c.actor_id == actor_id, articles.c.is_latest)
        .group_by(actors.c.id, actors.c.name, actors.c.type)
        .order_by(shared.desc(), actors.c.name)
        .limit(CO_MENTIONED_LIMIT)
    ).mappings()
    return [dict(r) for r in rows]
