"""Global actors: one row per real-world person or organisation across all articles.

Merge rule: the same normalised name and type is the same actor. A one-word PERSON name
("Putin") joins the only multi-word PERSON with that surname ("Vladimir Putin"); when the
full name arrives after the surname, the surname-only actor is renamed to it. Other names of
one actor (aliases, abbreviations, a fuller name, another type) are found by `actor_match`.
Aliases and roles of every article are unioned onto the global actor.
"""

from __future__ import annotations

from sqlalchemy import Connection, Row, Select, bindparam, or_, select

from storyline.keys import name_key, surname_key
from storyline.model import Actor

from .actor_match import known_actor
from .schema import actor_aliases, actors


def resolve_actors(conn: Connection, found: list[Actor]) -> list[int]:
    """The global id of each of an article's actors, in order, creating or enriching the global
    rows. Names already known take one query for the whole article; new aliases and changed
    roles are written once per article."""
    keys = [name_key(actor.name) for actor in found]
    known = conn.execute(select(actors).where(actors.c.name_key.in_(set(keys)))).mappings() if found else []
    by_key = {(row["name_key"], row["type"]): dict(row) for row in known}
    by_id = {row["id"]: row for row in by_key.values()}
    roles_before = {actor_id: row["roles"] for actor_id, row in by_id.items()}
    names: dict[int, list[str]] = {}
    ids = []
    for actor, key in zip(found, keys):
        row = by_key.get((key, actor.type))
        if row is None:
            found_row, old_name = _find_or_create(conn, actor, key)
            row = by_id.setdefault(found_row["id"], found_row)
            row.update(name=found_row["name"], name_key=found_row["name_key"])
            roles_before.setdefault(row["id"], found_row["roles"])
            by_key[(key, actor.type)] = row
            if old_name is not None:
                names.setdefault(row["id"], []).append(old_name)
        names.setdefault(row["id"], []).extend([actor.name, *actor.aliases])
        row["roles"] = _union(row["roles"], actor.roles)
        ids.append(row["id"])
    _add_aliases(conn, {actor_id: (by_id[actor_id]["name_key"], spelt) for actor_id, spelt in names.items()})
    changed = sorted(i for i, row in by_id.items() if row["roles"] != roles_before[i])
    if changed:
        # Another writer may have added roles since they were read: union onto the rows as they
        # are now, locked in id order (Postgres; SQLite's writers already queue), never overwrite.
        locked = select(actors.c.id, actors.c.roles).where(actors.c.id.in_(changed)).order_by(actors.c.id)
        current = {row.id: row.roles for row in conn.execute(locked.with_for_update())}
        conn.execute(actors.update().where(actors.c.id == bindparam("r_id")).values(roles=bindparam("r_roles")),
                     [{"r_id": i, "r_roles": _union(current[i], by_id[i]["roles"])} for i in changed])
    return ids


def _find_or_create(conn: Connection, actor: Actor, key: str) -> tuple[dict, str | None]:
    """The global row for a name not known exactly, and the row's old name when this full name
    renames a surname-only actor."""
    row = _find(conn, key, actor.type)
    if row is None:
        row = known_actor(conn, actor, key)
        if row is not None:
            return dict(row._mapping), None
    if row is None:
        new = {"name": actor.name, "type": actor.type, "name_key": key, "surname_key": surname_key(key), "roles": []}
        return {**new, "id": conn.execute(actors.insert().values(**new)).inserted_primary_key[0]}, None
    row = dict(row._mapping)
    if row["name_key"] != key and " " in key:  # the full name of a surname-only actor
        conn.execute(actors.update().where(actors.c.id == row["id"]).values(name=actor.name, name_key=key))
        return {**row, "name": actor.name, "name_key": key}, row["name"]
    return row, None


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


def _add_aliases(conn: Connection, spellings: dict[int, tuple[str, list[str]]]) -> None:
    """Every name an article used for each actor (id: (canonical key, names)), except the
    canonical one, once per spelling."""
    if not spellings:
        return
    have = conn.execute(select(actor_aliases.c.actor_id, actor_aliases.c.alias_key)
                        .where(actor_aliases.c.actor_id.in_(list(spellings))))
    known = {(actor_id, key) for actor_id, key in have}
    new = []
    for actor_id, (canonical, names) in spellings.items():
        for name in names:
            key = name_key(name)
            if key and key != canonical and (actor_id, key) not in known:
                new.append({"actor_id": actor_id, "alias": name.strip(), "alias_key": key})
                known.add((actor_id, key))
    if new:
        conn.execute(actor_aliases.insert(), new)


def _union(old: list[str], new: list[str]) -> list[str]:
    seen = {r.casefold() for r in old}
    merged = list(old)
    for role in new:
        if role.casefold() not in seen:
            merged.append(role)
            seen.add(role.casefold())
    return merged


def actor_ids_named(name: str) -> Select:
    """Ids of actors whose canonical name or any alias is `name`, or people whose name ends in
    it ("Markovic", "von der Leyen"), ignoring case and accents (a subquery)."""
    key = name_key(name)
    by_alias = select(actor_aliases.c.actor_id).where(actor_aliases.c.alias_key == key)
    ends_so = (actors.c.type == "PERSON") & (actors.c.surname_key == surname_key(key))  # the surname index
    if " " in key:
        ends_so &= actors.c.name_key.endswith(" " + key, autoescape=True)
    return select(actors.c.id).where(or_(actors.c.name_key == key, ends_so)).union(by_alias)


def actor_ids_named_like(text: str) -> Select:
    """Ids of actors with `text` anywhere in their name or an alias, ignoring case and accents."""
    key = name_key(text)
    by_alias = select(actor_aliases.c.actor_id).where(actor_aliases.c.alias_key.contains(key, autoescape=True))
    return select(actors.c.id).where(or_(actors.c.name_key.contains(key, autoescape=True), actors.c.id.in_(by_alias)))

