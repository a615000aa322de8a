"""Which known actor an article's actor is, when the store has no row of the same name and type.

Articles name one actor in different ways: "Owen John Dempsey" here and "Owen Dempsey" there,
"U.S." and "United States", "Diego Schwartzman" tagged an organisation once. The store itself
is the gazetteer: a name some article already gave as an alias of an actor, the same name under
another type or without a company designator ("Intel Corp"), or an organisation's short name
that ends its full name ("Saints"). A person's short names ("Dempsey", "Owen Dempsey") follow
`shortens`: they name the one person they shorten, so two different Smiths ("John Smith",
"Jane Smith") never meet. Every rule asks for one candidate only.
"""

from __future__ import annotations

import re

from sqlalchemy import Connection, Row, or_, select

from storyline.keys import name_key, surname_key
from storyline.model import Actor

from .schema import actor_aliases, actors

# Types whose names the small NER model confuses with each other ("Chile" as a facility):
# one name among them is one actor. A person's one-word name stays apart ("Jordan").
INSTITUTION_TYPES = ("ORG", "GPE", "LOC", "NORP", "FAC")


SPACED_INITIALS = re.compile(r"\b(\w)\. (?=\w\.)")
DOTTED_INITIALS = re.compile(r"\b((?:\w\.){2,})(?= )")
# Company designators that do not change which company it is ("Intel Corp", "Apple Inc.").
DESIGNATORS = ("inc", "inc.", "corp", "corp.", "corporation", "co", "co.", "ltd", "ltd.", "llc", "plc", "ag", "sa")


def spellings(key: str) -> list[str]:
    """A key, with an abbreviation's initials closed up ("u. s. surgeon" → "u.s. surgeon"), and
    the abbreviation with and without its dots ("u.s" and "us")."""
    closed = SPACED_INITIALS.sub(r"\1.", key)
    undotted = DOTTED_INITIALS.sub(lambda m: m.group(1).replace(".", ""), closed)  # "us geological survey"
    letters = closed.replace(".", "")
    if not (letters.isalpha() and len(letters) <= 6):
        return list(dict.fromkeys([key, closed, undotted]))
    return list(dict.fromkeys([key, closed, letters, ".".join(letters)]))  # name_key drops the last dot


def company_spellings(key: str) -> list[str]:
    """A company's name with and without each designator ("intel", "intel corp", "intel inc")."""
    words = key.split()
    core = " ".join(words[:-1]) if len(words) > 1 and words[-1] in DESIGNATORS else key
    return [core, *(f"{core} {designator}" for designator in DESIGNATORS)]


def known_actor(conn: Connection, actor: Actor, key: str) -> Row | None:
    """The one row that this actor is, by alias, by another type, or by a short name."""
    keys = spellings(key) + (company_spellings(key) if actor.type == "ORG" else [])
    # Each look-up runs only when those before it found no single row.
    for look_up in (lambda: _by_name(conn, keys, actor.type), lambda: _by_alias(conn, keys, actor.type),
                    lambda: _by_own_aliases(conn, actor), lambda: _by_other_type(conn, keys, actor.type),
                    lambda: _by_tail(conn, key, actor.type)):
        rows = look_up()
        if len({row.id for row in rows}) == 1:
            return rows[0]
    return None


def _by_name(conn: Connection, keys: list[str], type_: str) -> list[Row]:
    return list(conn.execute(select(actors).where(actors.c.name_key.in_(keys), actors.c.type == type_).limit(2)))


def _by_alias(conn: Connection, keys: list[str], type_: str) -> list[Row]:
    """Rows some article named this way as an alias ("U.S." beside "United States")."""
    named = select(actor_aliases.c.actor_id).where(actor_aliases.c.alias_key.in_(keys))
    return list(conn.execute(select(actors).where(actors.c.id.in_(named), actors.c.type == type_).limit(2)))


def _by_own_aliases(conn: Connection, actor: Actor) -> list[Row]:
    """The row named like one of this actor's own multi-word or abbreviated aliases."""
    keys = [k for alias in actor.aliases for k in spellings(name_key(alias))
            if " " in alias or (alias.replace(".", "").isupper() and len(alias) > 1)]
    if not keys:
        return []
    return list(conn.execute(select(actors).where(actors.c.name_key.in_(keys), actors.c.type == actor.type).limit(2)))


def _by_other_type(conn: Connection, keys: list[str], type_: str) -> list[Row]:
    """The same name known under a type the model confuses it with."""
    if " " in keys[0]:
        others = [t for t in (*INSTITUTION_TYPES, "PERSON") if t != type_]  # full names: a person's too
    elif type_ in INSTITUTION_TYPES:
        others = [t for t in INSTITUTION_TYPES if t != type_]
    else:
        return []
    query = select(actors).where(actors.c.name_key.in_(keys), actors.c.type.in_(others))
    return list(conn.execute(query.limit(2)))


def _by_tail(conn: Connection, key: str, type_: str) -> list[Row]:
    """"Saints" and "New Orleans Saints", "Red Sox" and "Boston Red Sox": an organisation's
    short name that ends the full name of exactly one known organisation."""
    if type_ != "ORG" or len(key.split()) > 2:
        return []
    query = select(actors).where(actors.c.type == "ORG", actors.c.surname_key == surname_key(key),
                                 actors.c.name_key.endswith(" " + key, autoescape=True))
    return list(conn.execute(query.limit(2)))


def shortens(short: str, long: str) -> bool:
    """A person's short name for a fuller one: the surname alone ("dempsey"), or the same first
    and last word with fewer words between ("owen dempsey" of "owen john dempsey"); not "owen
    paul dempsey" of "owen john dempsey"."""
    short_words, long_words = short.split(), long.split()
    if len(short_words) >= len(long_words) or short_words[-1] != long_words[-1]:
        return False
    return len(short_words) == 1 or (short_words[0] == long_words[0] and set(short_words) <= set(long_words))


def people_shortened_by(conn: Connection, key: str) -> list[Row]:
    """The known people whose fuller names this name shortens ("Dempsey": every Dempsey with a
    first name)."""
    query = select(actors).where(actors.c.type == "PERSON", actors.c.surname_key == surname_key(key),
                                 actors.c.name_key != key)
    if " " in key:
        query = query.where(actors.c.name_key.startswith(key.split()[0] + " ", autoescape=True))
    return [row for row in conn.execute(query) if shortens(key, row.name_key)]


def people_shortening(conn: Connection, key: str) -> list[Row]:
    """The known people named by a short form of this fuller name, longest first."""
    words = key.split()
    query = select(actors).where(actors.c.type == "PERSON", actors.c.surname_key == words[-1],
                                 actors.c.name_key != key)
    query = query.where(or_(actors.c.name_key == words[-1],
                            actors.c.name_key.startswith(words[0] + " ", autoescape=True)))
    rows = [row for row in conn.execute(query) if shortens(row.name_key, key)]
    return sorted(rows, key=lambda row: -len(row.name_key.split()))
