"""Global actors: one row per real-world person or organisation across all articles.

Merge rule: the same normalised name and type is the same actor. A one-word PERSON name
("Putin") joins the only multi-word PERSON with that surname ("Vladimir Putin"); when the
full name arrives after the surname, the surname-only actor is renamed to it. Aliases and
roles of every article are unioned onto the global actor.
"""

from __future__ import annotations

import re

from sqlalchemy import Connection, Row, select

from storyline.model import Actor

from .schema import actor_aliases, actors

_POSSESSIVE = re.compile(r"['’]s?$")


def name_key(name: str) -> str:
    """Case, spacing, curly apostrophes and a trailing possessive do not make a different name."""
    key = " ".join(name.replace("’", "'").casefold().split())
    return _POSSESSIVE.sub("", key).strip(" .,")


def surname_key(key: str) -> str:
    return key.rsplit(" ", 1)[-1]


def resolve_actor(conn: Connection, actor: Actor) -> int:
    """The global id for an article's actor, creating or enriching the global row."""
    key = name_key(actor.name)
    row = _find(conn, key, actor.type)
    if row is None:
        new_id = conn.execute(
            actors.insert().values(
                name=actor.name, type=actor.type, name_key=key, surname_key=surname_key(key), roles=[]
            )
        ).inserted_primary_key[0]
        row = conn.execute(select(actors).where(actors.c.id == new_id)).one()
    elif row.name_key != key and " " in key:  # the full name of a surname-only actor
        conn.execute(
            actors.update().where(actors.c.id == row.id).values(name=actor.name, name_key=key)
        )
        _add_aliases(conn, row.id, [row.name])
    _add_aliases(conn, row.id, [actor.name, *actor.aliases])
    roles = _union(row.roles, actor.roles)
    if roles != row.roles:
        conn.execute(actors.update().where(actors.c.id == row.id).values(roles=roles))
    return row.id


def _find(conn: Connection, key: str, type_: str) -> Row | None:
    exact = conn.execute(select(actors).where(actors.c.name_key == key, actors.c.type == type_)).first()
    if exact is not None or type_ != "PERSON":
        return exact
    if " " not in key:  # a surname: the unique full name ending in it
        full_names = _people_with_surname(conn, key, full_names=True)
        return full_names[0] if len(full_names) == 1 else None
    surname = surname_key(key)
    surname_only = _people_with_surname(conn, surname, full_names=False)
    if surname_only and not _people_with_surname(conn, surname, full_names=True):
        return surname_only[0]
    return None


def _people_with_surname(conn: Connection, surname: str, *, full_names: bool) -> list[Row]:
    shape = actors.c.name_key != surname if full_names else actors.c.name_key == surname
    query = select(actors).where(actors.c.type == "PERSON", actors.c.surname_key == surname, shape)
    return list(conn.execute(query.limit(2)))


def _add_aliases(conn: Connection, actor_id: int, names: list[str]) -> None:
    """Every name an article used for the actor, except its canonical one, once per spelling."""
    canonical = conn.execute(select(actors.c.name_key).where(actors.c.id == actor_id)).scalar_one()
    known = set(conn.execute(select(actor_aliases.c.alias_key).where(actor_aliases.c.actor_id == actor_id)).scalars())
    for name in names:
        key = name_key(name)
        if key and key != canonical and key not in known:
            conn.execute(actor_aliases.insert().values(actor_id=actor_id, alias=name.strip(), alias_key=key))
            known.add(key)


def _union(old: list[str], new: list[str]) -> list[str]:
    seen = {r.casefold() for r in old}
    merged = list(old)
    for role in new:
        if role.casefold() not in seen:
            merged.append(role)
            seen.add(role.casefold())
    return merged


def actor_ids_named(name: str):
    """Ids of actors whose canonical name or any alias is `name`, ignoring case (a subquery)."""
    key = name_key(name)
    by_alias = select(actor_aliases.c.actor_id).where(actor_aliases.c.alias_key == key)
    return select(actors.c.id).where(actors.c.name_key == key).union(by_alias)

