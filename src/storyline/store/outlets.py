"""One spelling per outlet across the store: "Inexhibit magazine" and "Inexhibitmagazine" (pages
of one site declare both) are one outlet, shown and filtered under one name whichever page came
first: the spelling with the most words, then with capitals, then the first in order."""

from __future__ import annotations

from sqlalchemy import Connection, or_, select

from storyline.keys import outlet_key

from .schema import articles


def settled_outlet(conn: Connection, outlet: str | None) -> str | None:
    """The stored spelling of this outlet; a better spelling renames the stored one."""
    if not outlet or not outlet_key(outlet):
        return outlet
    first = outlet[0]
    # Index ranges on either case of the first character, not a scan of every article.
    ranges = [(articles.c.outlet >= ch) & (articles.c.outlet < chr(ord(ch) + 1)) for ch in {first.lower(), first.upper()}]
    known = conn.execute(select(articles.c.outlet).distinct().where(or_(*ranges))).scalars()
    spellings = {name for name in known if name != outlet and outlet_key(name) == outlet_key(outlet)}
    if not spellings:
        return outlet
    best = max([outlet, *spellings], key=lambda name: (name.count(" "), name != name.lower(), name))
    others = (spellings | {outlet}) - {best}
    if best == outlet:
        conn.execute(articles.update().where(articles.c.outlet.in_(others)).values(outlet=best))
    return best
