"""Per-actor counts kept at write time: quotes spoken, mentions, and articles naming the actor,
over the latest version of every page.

A version adds its rows to its actors' counts when it becomes the latest of its page and
takes them away when it stops being the latest (superseded or deleted). Reads then take the
counts from the actors row instead of summing quotes and mentions.
"""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import Connection, bindparam, func, select

from .schema import actors, article_actors, articles, mentions, quotes

COUNTS = ("quote_count", "mention_count", "article_count")


def _per_actor(table, counted, only_latest: bool):
    """(actor_id, n) over `table`'s rows, grouped by actor; the caller narrows it."""
    query = select(table.c.actor_id, func.count(counted).label("n")).where(table.c.actor_id.is_not(None))
    if only_latest:
        query = query.join(articles, articles.c.id == table.c.article_id).where(articles.c.is_latest)
    return table, query.group_by(table.c.actor_id)


def _counted(only_latest: bool):
    """(table, per-actor count query) for each of COUNTS."""
    return (
        _per_actor(quotes, quotes.c.id, only_latest),
        _per_actor(mentions, mentions.c.id, only_latest),
        _per_actor(article_actors, func.distinct(article_actors.c.article_id), only_latest),
    )


def mark_latest(conn: Connection, article_id: int, latest: bool) -> None:
    """Make one version the latest of its story, or stop it being so: the article, its quotes'
    copy of the flag, and its actors' counts all follow."""
    conn.execute(articles.update().where(articles.c.id == article_id).values(is_latest=latest))
    conn.execute(quotes.update().where(quotes.c.article_id == article_id).values(is_latest=latest))
    add_to_counts(conn, article_id, 1 if latest else -1)


def add_to_counts(conn: Connection, article_id: int, sign: int) -> None:
    """Add (sign 1) or take away (sign -1) one article's quotes, mentions and naming from the
    counts of the actors it names."""
    deltas: dict[int, dict[str, int]] = defaultdict(lambda: dict.fromkeys(COUNTS, 0))
    for name, (table, query) in zip(COUNTS, _counted(only_latest=False)):
        for actor_id, n in conn.execute(query.where(table.c.article_id == article_id)):
            deltas[actor_id][name] = sign * n
    if not deltas:
        return
    bump = {name: actors.c[name] + bindparam(f"d_{name}") for name in COUNTS}
    conn.execute(
        actors.update().where(actors.c.id == bindparam("d_id")).values(**bump),
        [{"d_id": actor_id, **{f"d_{k}": v for k, v in d.items()}} for actor_id, d in sorted(deltas.items())],
    )


def per_actor_counts(conn: Connection, actor_id: int) -> dict[str, int]:
    """One actor's counts recomputed from the rows (after another actor's rows moved to it)."""
    found = {}
    for name, (table, query) in zip(COUNTS, _counted(only_latest=True)):
        row = conn.execute(query.where(table.c.actor_id == actor_id)).first()
        found[name] = row.n if row else 0
    return found


def recount(conn: Connection) -> None:
    """Every actor's counts recomputed from the rows (a migration backfill; slow on a big store)."""
    conn.execute(actors.update().values(dict.fromkeys(COUNTS, 0)))
    for name, (_, query) in zip(COUNTS, _counted(only_latest=True)):
        counted = query.subquery()
        conn.execute(actors.update().where(actors.c.id == counted.c.actor_id).values({name: counted.c.n}))
