"""One global actor absorbed into another: when an article shows that two stored rows name one
actor ("AMD" stored alone, then an article writes "Advanced Micro Devices (AMD)"), the earlier
row's articles, mentions, quotes, quote keys and aliases move to the other and its counts
follow. So the alias rule does not depend on which article came first. The old id redirects to
the new one (actor_redirects), as do ids that redirected to it."""

from __future__ import annotations

from sqlalchemy import Connection, select

from .counts import COUNTS, per_actor_counts
from .schema import actor_aliases, actor_redirects, actors, article_actors, mentions, quote_keys, quotes


def absorb(conn: Connection, gone: int, into: int) -> None:
    """Every row of actor `gone` now belongs to `into`; `gone` is deleted."""
    for table in (article_actors, mentions, quotes, quote_keys):
        conn.execute(table.update().where(table.c.actor_id == gone).values(actor_id=into))
    have = set(conn.execute(select(actor_aliases.c.alias_key).where(actor_aliases.c.actor_id == into)).scalars())
    old = conn.execute(select(actors.c.name, actors.c.name_key, actors.c.roles).where(actors.c.id == gone)).one()
    have.add(conn.execute(select(actors.c.name_key).where(actors.c.id == into)).scalar())  # one name under two types
    moved = [{"actor_id": into, "alias": alias, "alias_key": key} for alias, key in conn.execute(
        select(actor_aliases.c.alias, actor_aliases.c.alias_key).where(actor_aliases.c.actor_id == gone))
        if key not in have]
    conn.execute(actor_aliases.delete().where(actor_aliases.c.actor_id == gone))
    conn.execute(actors.delete().where(actors.c.id == gone))
    if old.name_key not in have and old.name_key not in {m["alias_key"] for m in moved}:
        moved.append({"actor_id": into, "alias": old.name, "alias_key": old.name_key})
    if moved:
        conn.execute(actor_aliases.insert(), moved)
    conn.execute(actor_redirects.update().where(actor_redirects.c.into_id == gone).values(into_id=into))
    conn.execute(actor_redirects.insert().values(actor_id=gone, into_id=into))
    counts = per_actor_counts(conn, into)
    conn.execute(actors.update().where(actors.c.id == into).values({name: counts[name] for name in COUNTS}))


def redirect_of(conn: Connection, actor_id: int) -> int | None:
    """The actor that took `actor_id`'s rows, if it was absorbed and that actor still exists."""
    return conn.execute(select(actors.c.id).join_from(actor_redirects, actors, actors.c.id == actor_redirects.c.into_id)
                        .where(actor_redirects.c.actor_id == actor_id)).scalar()
