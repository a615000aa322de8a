"""Global actors: one row per real-world person or organisation across all articles.

Merge rule: the same normalised name and type is the same actor. A person's other name
("Putin", "Owen Dempsey", "Fred Dempsey") joins the only person it may name ("Vladimir Putin",
"Owen John Dempsey", "Frederick Dempsey"); when the full name arrives after the short one, the
short-name actor is renamed to it, and a short name that comes to name two people gets its own
actor back: the result does not depend on the order articles arrive in. Other names of one actor
(aliases, abbreviations, another type) are found by `actor_match`.
Aliases and roles of every article are unioned onto the global actor.
"""

from __future__ import annotations

from collections import Counter
from functools import cache

from sqlalchemy import Connection, Select, bindparam, distinct, func, or_, select

from storyline.keys import may_name, name_key, person_key, surname_key
from storyline.model import Actor

from .actor_match import (CONTEXT_SHARED, INSTITUTION_TYPES, first_name_owners, known_actor, name_rank,
                          named_here_or_in_context, own_alias_keys, people_named_by, people_naming, same_surname,
                          variant_of, waiting_names)
from .actor_rows import absorb
from .counts import add_to_counts
from .schema import actor_aliases, actors, article_actors, articles, mentions, quote_keys, quotes


def resolve_actors(conn: Connection, found: list[Actor]) -> list[int]:
    """The global id of each of an article's actors, in order, creating or enriching the global
    rows. Names already known take one query for the whole article; new aliases and changed
    roles are written once per article."""
    keys = [person_key(actor.name) if actor.type == "PERSON" else name_key(actor.name) for actor in found]
    known = conn.execute(select(actors).where(actors.c.name_key.in_(set(keys)))).mappings() if found else []
    by_key = {(row["name_key"], row["type"]): dict(row) for row in known}
    stored = list(by_key.values())  # every type: a full name stored under another type is absorbed below
    by_id = {row["id"]: row for row in by_key.values()}
    roles_before = {actor_id: row["roles"] for actor_id, row in by_id.items()}
    names: dict[int, list[str]] = {}
    ids = [0] * len(found)
    context = set(by_id)  # the article's actors known so far: evidence for weak name matches
    # Full names of people first: a short name in the same article then meets them all.
    for at in sorted(range(len(found)), key=lambda i: not (found[i].type == "PERSON" and " " in keys[i])):
        actor, key = found[at], keys[at]
        # a lone first name is decided by _person even when stored under its own name ("Owen")
        row = by_key.get((key, actor.type)) if actor.type != "PERSON" or " " in key else None
        if row is None:
            found_row, old_name = _find_or_create(conn, actor, key, frozenset(context))
            row = by_id.setdefault(found_row["id"], found_row)
            row.update(name=found_row["name"], name_key=found_row["name_key"])
            roles_before.setdefault(row["id"], found_row["roles"])
            by_key[(key, actor.type)] = row
            if old_name is not None:
                names.setdefault(row["id"], []).append(old_name)
        names.setdefault(row["id"], []).extend([actor.name, *actor.aliases])
        row["roles"] = _union(row["roles"], actor.roles)
        ids[at] = row["id"]
        context.add(row["id"])
    retyped = _absorb_other_types(conn, found, keys, ids, stored)
    _absorb_aliased(conn, found, ids, by_id)
    _take_waiting_names(conn, found, keys, ids)
    _take_back_first_names(conn, found, keys, ids, {i for i, row in by_id.items() if row.get("created")})
    _add_aliases(conn, {actor_id: (by_id[actor_id]["name_key"], spelt) for actor_id, spelt in names.items()})
    _vote_types(conn, by_id, {(ids[at], actor.type) for at, actor in enumerate(found)}, retyped)
    changed = sorted(i for i, row in by_id.items() if row["roles"] != roles_before[i])
    if changed:
        # Another writer may have added roles since they were read: union onto the rows as they
        # are now, locked in id order (Postgres; SQLite's writers already queue), never overwrite.
        locked = select(actors.c.id, actors.c.roles).where(actors.c.id.in_(changed)).order_by(actors.c.id)
        current = {row.id: row.roles for row in conn.execute(locked.with_for_update())}
        conn.execute(actors.update().where(actors.c.id == bindparam("r_id")).values(roles=bindparam("r_roles")),
                     [{"r_id": i, "r_roles": _union(current[i], by_id[i]["roles"])} for i in changed])
    return ids


def _absorb_aliased(conn: Connection, found: list[Actor], ids: list[int], rows: dict[int, dict]) -> None:
    """An organisation or place stored under a name this article gives as another name of one
    of its actors ("AMD", stored alone before, beside "Advanced Micro Devices") is that actor:
    its rows move over, and the fuller name is shown. The alias rule then holds in any order."""
    mine = set(ids)
    for at, actor in enumerate(found):
        keys = own_alias_keys(actor) if actor.type != "PERSON" else []
        if not keys:
            continue
        other = conn.execute(select(actors.c.id, actors.c.name, actors.c.name_key).where(
            actors.c.name_key.in_(keys), actors.c.type.in_(INSTITUTION_TYPES), actors.c.id.not_in(mine))).all()
        if len(other) != 1:
            continue
        gone, into = other[0], rows[ids[at]]
        absorb(conn, gone.id, into["id"])
        taken = select(actors.c.id).where(actors.c.name_key == gone.name_key, actors.c.type == into["type"])
        if name_rank(gone.name_key) > name_rank(into["name_key"]) and conn.execute(taken).first() is None:
            into.update(_rename(conn, into, gone.name, gone.name_key))


def _absorb_other_types(conn: Connection, found: list[Actor], keys: list[str], ids: list[int],
                        stored: list[dict]) -> set[int]:
    """A full name stored under another type the model confuses ("Vishwanand Subryan" an
    organisation once, a person in nine articles) is one actor: the other row moves over and the
    type is voted again (the ids returned). The other-type look-up finds such a row only when no
    person rule decided first; this makes it hold in any order. One-word names stay apart by
    type ("Jordan")."""
    mine, retyped = set(ids), set()
    for at, actor in enumerate(found):
        if " " not in keys[at]:
            continue
        others = [row for row in stored if row["name_key"] == keys[at] and row["type"] != actor.type
                  and row["id"] not in mine and row["type"] in (*INSTITUTION_TYPES, "PERSON")]
        if len(others) == 1:
            absorb(conn, others[0]["id"], ids[at])
            mine.add(others[0]["id"])  # gone: never absorbed twice
            retyped.add(ids[at])
    return retyped


def _take_waiting_names(conn: Connection, found: list[Actor], keys: list[str], ids: list[int]) -> None:
    """A short or other name of a person stored apart before the person's full name met it
    joins the person as the first-name or variant rule would have joined it had the full name
    come first: where one of its articles shares at least two actors with this article or the
    person's own. A first name alone ("Lindsay"): the whole first-name actor, for it would then
    have become the person's alias, which every later article of it joins (a first name that
    another stored person shares is decided article by article: `_take_back_first_names`).
    A given name written another way ("Mo Cheeks", a facility to the model): unless it may be
    another stored person's too. So these rules hold in any order."""
    mine = set(ids)
    for at, actor in enumerate(found):
        if actor.type != "PERSON" or " " not in keys[at]:
            continue
        person = ids[at]
        beside = cache(lambda: (mine - {person}) | _co_actors(conn, person))  # read only if asked
        first_names, variants = waiting_names(conn, keys[at], person, mine)
        for row, rivals in first_names:
            if not rivals and _tied(conn, row.id, beside()):
                absorb(conn, row.id, person)
                mine.add(row.id)
        variants = [row for row in variants if row.id not in mine]
        if len(variants) == 1 and not any(variant_of(variants[0].name_key, other.name_key)
                                          for other in same_surname(conn, variants[0].name_key)
                                          if other.id not in (person, variants[0].id)):
            if _tied(conn, variants[0].id, beside()):
                absorb(conn, variants[0].id, person)
                mine.add(variants[0].id)


def _take_back_first_names(conn: Connection, found: list[Actor], keys: list[str], ids: list[int],
                           created: set[int]) -> None:
    """A person new with this article who shares a first name with stored people ("Owen Smith"
    after "Owen Dempsey"): the articles that gave that first name alone ("Owen", joined to Owen
    Dempsey while he was the only Owen, or waiting on its own) are decided again as a lone first
    name is decided now: the one person its other actors stand beside in articles that name
    that person in full (this one, for the new person), else the first name's own actor. So
    which Owen came first does not decide. `created`: the rows this article created."""
    mine = set(ids)
    for at, actor in enumerate(found):
        person = ids[at]
        if actor.type != "PERSON" or " " not in keys[at] or person not in created:
            continue
        first = keys[at].split()[0]
        owners = [row for row in first_name_owners(conn, first) if row.id != person]
        if not owners:
            continue
        name_keys = {row.id: row.name_key for row in owners} | {person: keys[at]}
        links = _first_name_links(conn, first, list(name_keys))
        decided = {link.article_id for link in links}  # evidence is where an owner is named in full
        for link in links:
            _decide_again(conn, link, first, owners, (person, mine), decided, name_keys)


def _decide_again(conn: Connection, link, short: str, people: list, newcomer: tuple[int, set[int]],
                  decided: set[int], name_keys: dict[int, str]) -> None:
    """One article's person named by a `short` name that a newcomer's name now shares, decided
    as such a short name is decided now: the one of `people` the article names in full or its
    other actors stand beside elsewhere (not in the `decided` articles), or the newcomer (its id,
    the actors it stands with here) where they stand, else the short name's own actor. The link
    moves there, the name an alias of its key (`name_keys`, else `short`)."""
    beside = frozenset(_co_actors(conn, link.actor_id, link.article_id))
    tied = [row.id for row in named_here_or_in_context(conn, people, beside, leaving_out=decided)]
    tied += [newcomer[0]] if len(beside & newcomer[1]) >= CONTEXT_SHARED else []
    to = tied[0] if len(tied) == 1 else None
    if to is None:
        own = _exact_person(conn, short)
        to = own.id if own is not None else _create(conn, Actor(name=link.name, type="PERSON"), short)["id"]
    if to != link.actor_id:
        _move_link(conn, link.article_id, link.position, link.actor_id, to)
        _add_aliases(conn, {to: (name_keys.get(to, short), [link.name, *link.aliases])})


def _first_name_links(conn: Connection, first: str, owners: list[int]) -> list:
    """The latest articles that named one of `owners`, or the first name's own actor, by that
    first name alone."""
    query = (select(article_actors.c.article_id, article_actors.c.position, article_actors.c.actor_id,
                    article_actors.c.name, article_actors.c.aliases)
             .join(actors, actors.c.id == article_actors.c.actor_id)
             .where(or_(actors.c.id.in_(owners), (actors.c.name_key == first) & (actors.c.type == "PERSON")),
                    article_actors.c.name.not_like("% %"))
             .order_by(article_actors.c.article_id.desc()).limit(ARTICLES_READ))
    return [link for link in conn.execute(query).all() if person_key(link.name) == first]


def _tied(conn: Connection, short_id: int, beside_person: set[int]) -> bool:
    """Whether one of a short name's latest articles shares at least two actors with a person."""
    return any(len(_co_actors(conn, short_id, article_id) & beside_person) >= CONTEXT_SHARED
               for article_id in _latest_articles(conn, short_id))


# How many of an actor's latest articles the order-free first-name rule reads: a name in
# thousands of articles ("Donald Trump") must not make each new article read them all.
ARTICLES_READ = 50


def _latest_articles(conn: Connection, actor_id: int) -> list[int]:
    return list(conn.execute(select(article_actors.c.article_id).where(article_actors.c.actor_id == actor_id)
                             .distinct().order_by(article_actors.c.article_id.desc()).limit(ARTICLES_READ)).scalars())


def _co_actors(conn: Connection, actor_id: int, article_id: int | None = None) -> set[int]:
    """The actors that stand beside this one in one stored article, or in its latest ARTICLES_READ."""
    other = article_actors.alias()
    articles_read = [article_id] if article_id is not None else _latest_articles(conn, actor_id)
    query = select(other.c.actor_id).where(other.c.article_id.in_(articles_read), other.c.actor_id != actor_id)
    return set(conn.execute(query).scalars())


# Who wins a tied vote on an actor's type: the same winner whichever article came first.
TYPE_ORDER = ("PERSON", "ORG", "GPE", "LOC", "NORP", "FAC")


def _vote_types(conn: Connection, rows: dict[int, dict], typed: set[tuple[int, str]], also: set[int]) -> None:
    """An actor's type is the one most of its articles give it ("Chile" a country, though one
    sports table made it a facility), counted when an article disagrees with the stored type or
    the actor took another type's rows (`also`)."""
    disputed = sorted({actor_id for actor_id, type_ in typed if type_ != rows[actor_id]["type"]} | also)
    if not disputed:
        return
    votes = Counter(typed)
    counted = (select(article_actors.c.actor_id, article_actors.c.type, func.count(distinct(article_actors.c.article_id)))
               .where(article_actors.c.actor_id.in_(disputed), article_actors.c.type.is_not(None))
               .group_by(article_actors.c.actor_id, article_actors.c.type))
    for actor_id, type_, n in conn.execute(counted):
        votes[(actor_id, type_)] += n
    for actor_id in disputed:
        row, mine = rows[actor_id], {t: n for (a, t), n in votes.items() if a == actor_id}
        winner = max(mine, key=lambda t: (mine[t], -TYPE_ORDER.index(t) if t in TYPE_ORDER else -len(TYPE_ORDER), t))
        taken = select(actors.c.id).where(actors.c.name_key == row["name_key"], actors.c.type == winner)
        if winner != row["type"] and conn.execute(taken).first() is None:
            conn.execute(actors.update().where(actors.c.id == actor_id).values(type=winner))
            row["type"] = winner


def _find_or_create(conn: Connection, actor: Actor, key: str, context: frozenset[int]) -> tuple[dict, str | None]:
    """The global row for a name not known exactly, and the row's old name when this full name
    renames a short-name actor. `context`: the ids of the article's other actors."""
    if actor.type == "PERSON":
        return _person(conn, actor, key, context)
    found = known_actor(conn, actor, key, context)
    if found is None:
        return _create(conn, actor, key), None
    row = dict(found._mapping)
    if row["type"] != actor.type or name_rank(key) <= name_rank(row["name_key"]):
        return row, None
    return _rename(conn, row, actor.name, key), row["name"]  # the fuller name is shown, whichever came first


def _person(conn: Connection, actor: Actor, key: str, context: frozenset[int]) -> tuple[dict, str | None]:
    """A person's other name ("Williams", "Owen Dempsey", "Fred Dempsey": `keys.may_name`) joins
    the one person it may name, and stays an actor of its own when it may name several. A fuller
    name takes over the short-name actor that was waiting for it, and takes back from other
    people the articles whose short name now names two. The fullest name is shown. So the same
    articles give the same people in any order."""
    owners = first_name_owners(conn, key)
    exact = _exact_person(conn, key) if len(owners) < 2 else None
    if exact is not None and len(context) < CONTEXT_SHARED:
        return dict(exact._mapping), None  # no context to choose by: the surname kin need not be read
    kin = same_surname(conn, key)
    named = people_named_by(key, kin)
    # "Warren": Warren Buffett, Warren Beatty, and Elizabeth Warren by her surname; "Jeffs": Warren
    # and Rulon Jeffs. The one this article's other actors stand beside, else the name's own actor.
    if len(owners) > 1 or len(named) > 1:
        return _one_in_context(conn, actor, key, context, owners + named), None
    if exact is not None:
        return dict(exact._mapping), None
    waiting = named or [row for row in people_naming(key, kin) if not people_named_by(row.name_key, kin)]
    if waiting:
        row = dict(waiting[0]._mapping)
        if name_rank(key) < name_rank(row["name_key"]):
            return row, None
        _take_back_short_names(conn, row["id"], key, context)
        return _rename(conn, row, actor.name, key), row["name"]
    found = known_actor(conn, actor, key, context, kin)
    if found is not None:
        return dict(found._mapping), None
    row = _create(conn, actor, key)
    _take_back_short_names(conn, row["id"], key, context)
    return row, None


def _one_in_context(conn: Connection, actor: Actor, key: str, context: frozenset[int], owners: list) -> dict:
    """A first name that two known people share ("Owen": Owen Dempsey, Owen Smith), or that is
    also a known surname ("Warren"), is the one of them this article names in full or its other
    actors stand beside elsewhere, else an actor of its own: never the one that took the first
    name as an alias first."""
    chosen = named_here_or_in_context(conn, owners, context)
    if len(chosen) == 1:
        return dict(chosen[0]._mapping)
    exact = _exact_person(conn, key)
    return dict(exact._mapping) if exact is not None else _create(conn, actor, key)


def _exact_person(conn: Connection, key: str):
    return conn.execute(select(actors).where(actors.c.name_key == key, actors.c.type == "PERSON")).first()


def _rename(conn: Connection, row: dict, name: str, key: str) -> dict:
    """The row under its fuller name, its surname key too: an organisation's new name may end in
    another word ("PSG" → "Paris Saint-Germain"), and short names are found by that key."""
    renamed = {"name": name, "name_key": key, "surname_key": surname_key(key)}
    conn.execute(actors.update().where(actors.c.id == row["id"]).values(**renamed))
    return {**row, **renamed}


def _create(conn: Connection, actor: Actor, key: str) -> dict:
    """A new row, marked `created` so that the article knows which of its people are new."""
    new = {"name": actor.name, "type": actor.type, "name_key": key, "surname_key": surname_key(key), "roles": []}
    return {**new, "id": conn.execute(actors.insert().values(**new)).inserted_primary_key[0], "created": True}


def _take_back_short_names(conn: Connection, person_id: int, key: str, context: frozenset[int]) -> None:
    """Articles that named another person only by a short name this person's name shares
    ("Williams" in John Williams's row when Serena Williams arrives) are decided again as such a
    short name is decided now: the one of its people the article's other actors stand beside in
    other articles (this person: where they stand in this article, `context`), else the short
    name's own actor. So which Williams came first does not decide."""
    linked = (select(article_actors.c.article_id, article_actors.c.position, article_actors.c.actor_id,
                     article_actors.c.name, article_actors.c.aliases, actors.c.name_key)
              .join(actors, actors.c.id == article_actors.c.actor_id)
              .where(actors.c.type == "PERSON", actors.c.surname_key == surname_key(key), actors.c.id != person_id,
                     article_actors.c.name != actors.c.name))
    links = [link for link in conn.execute(linked).all() if _shared_short_name(link, key)]
    kin = same_surname(conn, key) if links else []
    decided = {link.article_id for link in links}  # evidence is where the people are named in full
    canonical = {row.id: row.name_key for row in kin} | {person_id: key}
    for link in links:
        short = name_key(link.name)
        people = [row for row in people_named_by(short, kin) if row.id != person_id]
        _decide_again(conn, link, short, people, (person_id, context), decided, canonical)


def _shared_short_name(link, key: str) -> bool:
    """Whether an article's short name for a stored person may also name the person of `key`."""
    short = name_key(link.name)
    return short != link.name_key and may_name(short, key) and may_name(short, link.name_key)


def _move_link(conn: Connection, article_id: int, position: int, from_id: int, to_id: int) -> None:
    """One article's actor (its link, mentions, quotes and their thread keys) moves to another
    global actor, the counts following: the threads index files a quote under its speaker."""
    others = select(article_actors.c.position).where(article_actors.c.article_id == article_id,
                                                     article_actors.c.actor_id == from_id)
    if len(conn.execute(others).all()) > 1:
        return  # the article names this person twice: its mentions cannot be told apart
    latest = conn.execute(select(articles.c.is_latest).where(articles.c.id == article_id)).scalar()
    if latest:
        add_to_counts(conn, article_id, -1)
    for table in (mentions, quotes):
        conn.execute(table.update().where(table.c.article_id == article_id, table.c.actor_id == from_id)
                     .values(actor_id=to_id))
    its_quotes = select(quotes.c.id).where(quotes.c.article_id == article_id)
    conn.execute(quote_keys.update().where(quote_keys.c.quote_id.in_(its_quotes), quote_keys.c.actor_id == from_id)
                 .values(actor_id=to_id))
    conn.execute(article_actors.update().where(article_actors.c.article_id == article_id,
                                               article_actors.c.position == position).values(actor_id=to_id))
    if latest:
        add_to_counts(conn, article_id, 1)


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

