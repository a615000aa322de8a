"""One spelling per outlet across the store: "Inexhibit magazine" and "Inexhibitmagazine" (pages
of one site declare both) are one outlet, shown and filtered under one name whichever page came
first: the spelling with the most words, then with capitals, then the first in order.

Every spelling stored on an article is kept once in `outlet_spellings` under its outlet_key, so
a save finds the stored spellings of its outlet by that key (an index lookup, then one indexed
probe of articles per spelling, to skip spellings no article holds any more), not by reading
the articles: the check costs the same in a store of a thousand articles or a million.
"""

from __future__ import annotations

from sqlalchemy import Connection, exists, select
from sqlalchemy.dialects import postgresql, sqlite

from storyline.keys import outlet_key

from .schema import articles, outlet_spellings


def settled_outlet(conn: Connection, outlet: str | None) -> str | None:
    """The stored spelling of this outlet; a better spelling renames the stored one."""
    key = outlet_key(outlet) if outlet else ""
    if not key:
        return outlet
    held = exists().where(articles.c.outlet == outlet_spellings.c.name)
    known = set(conn.execute(select(outlet_spellings.c.name).where(outlet_spellings.c.key == key, held)).scalars())
    spellings = known - {outlet}
    best = max([outlet, *spellings], key=lambda name: (name.count(" "), name != name.lower(), name))
    if best == outlet and spellings:
        conn.execute(articles.update().where(articles.c.outlet.in_(spellings)).values(outlet=best))
    if best == outlet and outlet not in known:
        insert = (postgresql if conn.dialect.name == "postgresql" else sqlite).insert(outlet_spellings)
        conn.execute(insert.values(name=outlet, key=key).on_conflict_do_nothing())
    return best


def outlet_spelling_rows(names) -> list[dict]:
    """The outlet_spellings rows of these stored outlet names (a name with no key settles nothing)."""
    return [{"name": name, "key": key} for name in names if name and (key := outlet_key(name))]
