"""Which known actor an article's actor is, when the store has no row of the same name and type.

Articles name one actor in different ways: "Owen John Dempsey" here and "Owen Dempsey" there,
"U.S." and "United States", "Diego Schwartzman" tagged an organisation once. The store itself
is the gazetteer: a name some article already gave as an alias of an actor, the same name under
another type or without a company designator ("Intel Corp"), or an organisation's short name
that ends its full name ("Saints"); a misspelling ("Gulf of Eden") only where other actors of
the article stand beside the known name elsewhere too, and so for an initialism and its
expansion ("AMD") unless an article wrote both. A person's other names ("Dempsey", "Owen Dempsey", "Fred
Dempsey") follow `keys.may_name`: they name the one person they may name, so two different
Smiths ("John Smith", "Jane Smith") never meet. A person written another way ("Klistchko",
"Mo Cheeks" typed a facility, "Bettie Page", "LiLo") is the person the article names in full or
its other actors stand beside. Every rule asks for one candidate only.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Collection
from difflib import SequenceMatcher
from functools import cache, partial

from sqlalchemy import Connection, Row, and_, func, or_, select, union_all

from storyline.keys import COMPANY_SUFFIXES, SHORT_FORM_CHARS, given_variant, is_given_name, may_name, name_key, surname_key
from storyline.model import Actor

from .schema import actor_aliases, actors, article_actors

# Types whose names the small NER model confuses with each other ("Chile" as a facility):
# one name among them is one actor. A person's one-word name stays apart ("Jordan").
INSTITUTION_TYPES = ("ORG", "GPE", "LOC", "NORP", "FAC")


SPACED_INITIALS = re.compile(r"\b(\w)\. (?=\w\.)")
DOTTED_INITIALS = re.compile(r"\b((?:\w\.){2,})(?= )")
# Company designators that do not change which company it is ("Intel Corp", "Apple Inc.").
DESIGNATORS = tuple(spelt for suffix in COMPANY_SUFFIXES for spelt in (suffix, suffix + "."))
# Words that say what kind of place a name is without changing which place ("Gaza Strip").
SHORT_WORDS = frozenset({"of", "the", "and", "for", "&", "de"})
PLACE_KINDS = ("sea", "ocean", "province", "strip", "island", "islands", "peninsula", "region")
# British and American spellings of one word in a name ("Promises Treatment Centre" / "Center").
BRITISH = {"centre": "center", "theatre": "theater", "defence": "defense", "organisation": "organization",
           "labour": "labor", "harbour": "harbor", "programme": "program", "councillor": "councilor"}
AMERICAN = {american: british for british, american in BRITISH.items()}


def spellings(key: str) -> list[str]:
    """A key, with an abbreviation's initials closed up ("u. s. surgeon" → "u.s. surgeon"), and
    the abbreviation with and without its dots ("u.s" and "us")."""
    closed = SPACED_INITIALS.sub(r"\1.", key)
    undotted = DOTTED_INITIALS.sub(lambda m: m.group(1).replace(".", ""), closed)  # "us geological survey"
    letters = closed.replace(".", "")
    if not (letters.isalpha() and len(letters) <= 6):
        words = key.split()
        other = [" ".join(table.get(word, word) for word in words) for table in (BRITISH, AMERICAN)]
        return list(dict.fromkeys([key, closed, undotted, *other]))
    return list(dict.fromkeys([key, closed, letters, ".".join(letters)]))  # name_key drops the last dot


def company_spellings(key: str) -> list[str]:
    """A company's name with and without each designator ("intel", "intel corp", "intel inc")."""
    words = key.split()
    core = " ".join(words[:-1]).rstrip(",") if len(words) > 1 and words[-1] in DESIGNATORS else key
    return [core, *(f"{core}{comma} {designator}" for designator in DESIGNATORS for comma in ("", ","))]


def place_spellings(key: str) -> list[str]:
    """A place's name with and without the kind of place it is ("gaza" and "gaza strip",
    "mediterranean sea", "aceh province")."""
    words = key.split()
    core = " ".join(words[:-1]) if len(words) > 1 and words[-1] in PLACE_KINDS else key
    return [core, *(f"{core} {kind}" for kind in PLACE_KINDS)]


def known_actor(conn: Connection, actor: Actor, key: str, context: frozenset[int] = frozenset(),
                kin: list[Row] | None = None) -> Row | None:
    """The one row that this actor is, by alias, by another type, by a short name, or by a
    misspelling, initialism, surname or first name when articles tie it to this article's other
    actors (`context`): "BBC" is not "Banstead Baptist Church" because both begin so. `kin`: the
    people of a person's surname, when the caller has read them (`same_surname`)."""
    keys = spellings(key) + (company_spellings(key) if actor.type == "ORG" else
                             place_spellings(key) if actor.type in ("GPE", "LOC") else [])
    near = cache(partial(_people_near, conn, key))  # read once for two rules, if either asks
    # Each look-up runs only when those before it found no single row; the weak ones only when
    # the article has the context they need (in_context finds nothing otherwise).
    look_ups = [lambda: _by_name(conn, keys, (actor.type,)), lambda: _by_alias(conn, keys, (actor.type,)),
                lambda: _by_name(conn, own_alias_keys(actor), (actor.type,)),  # "PSG" of "Paris Saint-Germain (PSG)"
                lambda: _by_other_type(conn, keys, actor.type),
                lambda: _by_tail(conn, key, actor.type), lambda: _by_short_name(conn, key, actor.type),
                lambda: _by_joined_words(conn, key, actor.type), lambda: _by_place_spelling(conn, key, actor.type)]
    if len(context) >= CONTEXT_SHARED:
        look_ups += [lambda: in_context(conn, _by_place_qualifier(conn, key, actor.type), context),
                     lambda: in_context(conn, _by_initials(conn, actor, key), context),
                     lambda: in_context(conn, _by_spelling(conn, key, actor.type), context),
                     lambda: in_context(conn, _person_by_surname(near, key, actor.type), context),
                     lambda: in_context(conn, _person_by_given_name(conn, key, actor.type), context)]
    if context:  # a person named another way: the one this article names in full, else in context
        look_ups += [lambda: named_here_or_in_context(conn, _person_by_variant(conn, key, actor.type, kin), context),
                     lambda: named_here_or_in_context(conn, _person_by_surname_slip(near, key, actor.type), context),
                     lambda: named_here_or_in_context(conn, _person_by_blend(conn, actor, key), context)]
    for look_up in look_ups:
        rows = look_up()
        if len({row.id for row in rows}) == 1:
            return rows[0]
    return None


def _by_name(conn: Connection, keys: list[str], types: tuple[str, ...]) -> list[Row]:
    """Rows of one of these types named so (two at most: one is all a match may find)."""
    if not keys or not types:
        return []
    return list(conn.execute(select(actors).where(actors.c.name_key.in_(keys), actors.c.type.in_(types)).limit(2)))


def _by_alias(conn: Connection, keys: list[str], types: tuple[str, ...]) -> list[Row]:
    """Rows some article named this way as an alias ("U.S." beside "United States")."""
    if not keys or not types:
        return []
    named = select(actor_aliases.c.actor_id).where(actor_aliases.c.alias_key.in_(keys))
    return list(conn.execute(select(actors).where(actors.c.id.in_(named), actors.c.type.in_(types)).limit(2)))


def own_alias_keys(actor: Actor) -> list[str]:
    """The keys of this actor's multi-word or abbreviated aliases: names that tell one actor
    (a surname alone does not)."""
    return [k for alias in actor.aliases for k in spellings(name_key(alias))
            if " " in alias or (alias.replace(".", "").isupper() and len(alias) > 1)]


def _by_other_type(conn: Connection, keys: list[str], type_: str) -> list[Row]:
    """The same name, or a name some article gave as an alias, known under a type the model
    confuses it with ("Red Sox" a facility here, the alias of the "Boston Red Sox" there)."""
    others = tuple(t for t in _confusable(keys[0], type_) if t != type_)
    return _by_name(conn, keys, others) or _by_alias(conn, keys, others)


def _confusable(key: str, type_: str) -> tuple[str, ...]:
    """The types a name of this type may be stored under: full names cross every type (a
    person's too), one-word names only among institutions ("Jordan" the country is no person)."""
    if " " in key:
        return (*INSTITUTION_TYPES, "PERSON")
    return INSTITUTION_TYPES if type_ in INSTITUTION_TYPES else (type_,)


def _by_tail(conn: Connection, key: str, type_: str) -> list[Row]:
    """"Saints" and "New Orleans Saints", "Red Sox" and "Boston Red Sox": an organisation's
    short name that ends the full name of exactly one known organisation. Where what goes
    before is a known place, only in context (`_by_place_qualifier`): "Police Department" is no
    name of the one department stored so far."""
    if type_ != "ORG" or len(key.split()) > 2:
        return []
    query = select(actors).where(actors.c.type == "ORG", actors.c.surname_key == surname_key(key),
                                 actors.c.name_key.endswith(" " + key, autoescape=True))
    rows = list(conn.execute(query.limit(2)))
    return [row for row in rows if len(rows) > 1 or not _place_names(conn, row.name_key[:-len(key) - 1])]


def _by_short_name(conn: Connection, key: str, type_: str) -> list[Row]:
    """The other way round: a full organisation name meets the known short name that ends it
    ("Saints") or the abbreviation that begins it ("EYP" of "EYP Mission Critical Facilities"),
    when no other known organisation ends so."""
    words = key.split()
    if type_ != "ORG" or len(words) < 2:
        return []
    tail = " ".join(words[-2:]) if len(words) > 2 else words[-1]
    rows = list(conn.execute(select(actors).where(actors.c.type == "ORG", actors.c.name_key.in_([words[-1], tail]))))
    rows = [row for row in rows if not _place_names(conn, key[:-len(row.name_key) - 1])]  # in context only
    for row in rows:
        if _by_tail(conn, row.name_key, "ORG"):
            return []  # another organisation already ends with this short name
    return rows


# How long a name written with and without spaces must be to be one name ("SeaMicro").
JOINED_MIN_CHARS = 6


def _by_joined_words(conn: Connection, key: str, type_: str) -> list[Row]:
    """An organisation or place written with and without spaces or hyphens ("Sea Micro" /
    "SeaMicro"), by its name or a name some article gave it ("SeaMicro" of a row renamed "SeaMicro
    ASIC"): one name, as outlets are one by their letters."""
    joined = re.sub(r"[\s-]", "", key)
    if type_ not in INSTITUTION_TYPES or len(joined) < JOINED_MIN_CHARS:
        return []

    def spelt_so(column):
        # the joined letters, or a prefix of them and a space or hyphen: one short index range per
        # prefix, where a range of every name with the same two letters grew with the store
        opens = [and_(column >= joined[:i] + sep, column < joined[:i] + chr(ord(sep) + 1))
                 for i in range(1, len(joined)) for sep in " -"]
        return or_(column == joined, *opens)

    named = select(actors, actors.c.name_key.label("spelt")).where(spelt_so(actors.c.name_key))
    aliased = (select(actors, actor_aliases.c.alias_key.label("spelt"))
               .join(actor_aliases, actor_aliases.c.actor_id == actors.c.id).where(spelt_so(actor_aliases.c.alias_key)))
    rows = conn.execute(union_all(*(query.where(actors.c.type.in_(INSTITUTION_TYPES), actors.c.name_key != key)
                                    for query in (named, aliased))))
    return [row for row in rows if row.spelt != key and re.sub(r"[\s-]", "", row.spelt) == joined]


def _place_splits(key: str) -> list[tuple[str, str, str]]:
    """(place, rest, "before" or "after") for each way an organisation's name may begin or end
    with a place ("u.s. surgeon general", "t-mobile usa"); initials closed up first."""
    words = SPACED_INITIALS.sub(r"\1.", key).split()
    return [split for i in range(1, len(words)) for split in
            ((" ".join(words[:i]), " ".join(words[i:]), "before"), (" ".join(words[-i:]), " ".join(words[:-i]), "after"))]


def _place_names(conn: Connection, place: str) -> set[str]:
    """The names and aliases of the one known place (GPE) named so, or none."""
    keys = spellings(name_key(place))
    named = select(actor_aliases.c.actor_id).where(actor_aliases.c.alias_key.in_(keys))
    rows = list(conn.execute(select(actors.c.id, actors.c.name_key).where(
        actors.c.type == "GPE", or_(actors.c.name_key.in_(keys), actors.c.id.in_(named))).limit(2)))
    if len(rows) != 1:
        return set()
    aliases = conn.execute(select(actor_aliases.c.alias_key).where(actor_aliases.c.actor_id == rows[0].id))
    names = {rows[0].name_key, *(alias for alias, in aliases)}
    # a key drops an abbreviation's last dot ("u.s"), which a longer name keeps ("u.s. surgeon general")
    return names | {name + "." for name in names if DOTTED_WORD.fullmatch(name)}


def _by_place_spelling(conn: Connection, key: str, type_: str) -> list[Row]:
    """An organisation whose place is written another way ("US Geological Survey" / "United
    States Geological Survey"): the same name, so no context is asked."""
    if type_ != "ORG":
        return []
    keys = [f"{other} {rest}" if side == "before" else f"{rest} {other}"
            for place, rest, side in _place_splits(key) for other in _place_names(conn, place)]
    return _by_name(conn, [k for k in keys if k != key], ("ORG",)) if keys else []


def _by_place_qualifier(conn: Connection, key: str, type_: str) -> list[Row]:
    """An organisation named with and without the place it is of ("Malibu Promises Treatment
    Center" / "Promises Treatment Center", "T-Mobile USA" / "T-Mobile", "U.S. Surgeon General" /
    "Surgeon General"): taken only in context, for "Police Department" is any town's."""
    if type_ != "ORG":
        return []
    shorter = [rest for place, rest, _ in _place_splits(key) if _place_names(conn, place)]
    rows = _by_name(conn, shorter, ("ORG",)) if shorter else []
    ends_so = and_(actors.c.surname_key == surname_key(key), actors.c.name_key.endswith(" " + key, autoescape=True))
    longer = [row for where in (ends_so, _opens_with(key))  # two reads, each on an index
              for row in conn.execute(select(actors).where(actors.c.type == "ORG", where))]
    return rows + [row for row in longer
                   if any(rest == key and _place_names(conn, place) for place, rest, _ in _place_splits(row.name_key))]


# How many of an article's other actors must also stand beside a candidate elsewhere: one
# ("U.S.", "GMT") ties nearly anything to anything.
CONTEXT_SHARED = 2


def in_context(conn: Connection, rows: list[Row], context: frozenset[int], leaving_out: Collection[int] = ()) -> list[Row]:
    """The rows that articles (but those `leaving_out`: the ones being decided) tie to `context`,
    the other actors of this article: evidence beside a weak name match that the two are one."""
    if not rows or len(context) < CONTEXT_SHARED:
        return []
    other = article_actors.alias()
    shared = (select(article_actors.c.actor_id, other.c.actor_id)
              .join(other, and_(other.c.article_id == article_actors.c.article_id, other.c.actor_id.in_(context)))
              .where(article_actors.c.actor_id.in_([row.id for row in rows])).distinct())
    if leaving_out:
        shared = shared.where(article_actors.c.article_id.not_in(leaving_out))
    ties = Counter(actor_id for actor_id, _ in conn.execute(shared))
    return [row for row in rows if ties[row.id] >= CONTEXT_SHARED]


def named_here_or_in_context(conn: Connection, rows: list[Row], beside: frozenset[int], leaving_out=()) -> list[Row]:
    """The one of `rows` the article itself names in full ("Klistchko" beside Wladimir Klitschko,
    its only such person), else those its other actors stand beside elsewhere (`in_context`)."""
    here = [row for row in rows if row.id in beside]
    return here if len(here) == 1 else in_context(conn, rows, beside, leaving_out)


# How alike two spellings of one name must be ("gulf of eden" / "gulf of aden", "raite" /
# "rait", "centre" / "center"), and how long the name, for a slip to be told from another name.
SPELLING_RATIO = 0.85
SPELLING_MIN_CHARS = 5


def _by_spelling(conn: Connection, key: str, type_: str) -> list[Row]:
    """Names of the same kind a slip of spelling away, sharing the first three letters. A
    person's slip must be in the surname, the given names alike: "Jon Smith" and "Joan Smith"
    are two people however alike they are written."""
    if len(key) < SPELLING_MIN_CHARS or type_ == "NORP":  # "Australian" is no slip for "Australia"
        return []
    query = select(actors).where(_starts(actors.c.name_key, key[:3]),
                                 actors.c.type.in_(_confusable(key, type_)), actors.c.type != "NORP",
                                 actors.c.name_key != key,
                                 func.length(actors.c.name_key).between(len(key) - 2, len(key) + 2))  # as _misspelt
    person = type_ == "PERSON"
    return [row for row in conn.execute(query) if _misspelt(key, row.name_key, person or row.type == "PERSON")]


# A place's name with one of these after it names its people, no slip ("New Zealander").
DEMONYM_ENDINGS = ("n", "an", "ian", "er", "ese", "i", "ish")


def _misspelt(one: str, other: str, person: bool) -> bool:
    if abs(len(one) - len(other)) > 2 or SequenceMatcher(None, one, other).ratio() < SPELLING_RATIO:
        return False
    short, long = sorted((one, other), key=len)
    if long.startswith(short) and long[len(short):] in DEMONYM_ENDINGS:
        return False
    words, others = one.split(), other.split()
    return not person or (len(words) == len(others) and words[:-1] == others[:-1])


# A word of dotted initials ("u.s.", "u.s" as name_key ends it): all its letters stand in an initialism.
DOTTED_WORD = re.compile(r"(?:\w\.)+\w\.?")


def initials(key: str) -> str:
    """"amd" of "advanced micro devices inc.", "hp" of "hewlett-packard", "usgs" of "u.s.
    geological survey"."""
    words = [w for w in re.split(r"[\s-]+", key) if w and w not in SHORT_WORDS and w not in DESIGNATORS]
    return "".join(w.replace(".", "") if DOTTED_WORD.fullmatch(w) else w[0] for w in words) if len(words) > 1 else ""


def _by_initials(conn: Connection, actor: Actor, key: str) -> list[Row]:
    """An organisation's abbreviation and its full name, whichever the store knows ("AMD" and
    "Advanced Micro Devices Inc."): taken only in context."""
    if actor.type != "ORG":
        return []
    letters = key.replace(".", "")
    if " " not in key and "-" not in key and actor.name.replace(".", "").isupper() and 2 <= len(letters) <= 6:
        query = select(actors).where(actors.c.type == "ORG", actors.c.name_key.like("%".join(letters) + "%"))
        return [row for row in conn.execute(query) if initials(row.name_key) == letters][:2]
    abbreviation = initials(key)
    if len(abbreviation) < 2:
        return []
    rows = conn.execute(select(actors).where(actors.c.type == "ORG",
                                             actors.c.name_key.in_([abbreviation, ".".join(abbreviation)])))
    return [row for row in rows if row.name.replace(".", "").isupper()]


def _person_by_surname(near: Callable[[], list[Row]], key: str, type_: str) -> list[Row]:
    """The one known person whose surname this one-word name the model typed a place or an
    organisation is ("Lohan" as GPE): only in context, or "Jordan" the country would be
    Michael Jordan. `near`: the people of a surname spelt near it (`_people_near`)."""
    if " " in key or type_ == "PERSON":
        return []
    return [row for row in near() if row.surname_key == key and " " in row.name_key and may_name(key, row.name_key)]


def _person_by_given_name(conn: Connection, key: str, type_: str) -> list[Row]:
    """The known people a first name alone may name ("Matt" of "Matt Smith"): only in context."""
    if " " in key or type_ != "PERSON" or len(key) < 3:
        return []
    return list(conn.execute(select(actors).where(actors.c.type == "PERSON", _opens_with(key))))


def _person_by_variant(conn: Connection, key: str, type_: str, kin: list[Row] | None) -> list[Row]:
    """The known people of this surname whose given name this one writes another way ("Mo
    Cheeks" of "Maurice Cheeks", "Bettie Page" of "Betty Page"), whatever type the model gave
    the name: only in context, for "Jon Smith" may be no "John Smith". A name of another type
    is read for only when it opens like a given name ("Advanced Micro Devices" does not)."""
    words = key.split()
    if len(words) < 2 or type_ not in (*INSTITUTION_TYPES, "PERSON") or type_ == "NORP":
        return []
    if kin is None and not (is_given_name(words[0]) or len(words[0]) == SHORT_FORM_CHARS):
        return []
    return [row for row in (same_surname(conn, key) if kin is None else kin) if variant_of(key, row.name_key)]


def variant_of(key: str, person: str) -> bool:
    """Whether a name of two or more words writes this person's given name another way
    (`keys.given_variant`), with the same surname and no more words."""
    words, theirs = key.split(), person.split()
    return (1 < len(words) <= len(theirs) and words[-1] == theirs[-1] and words != theirs
            and given_variant(words[0], theirs[0]))


def _person_by_surname_slip(near: Callable[[], list[Row]], key: str, type_: str) -> list[Row]:
    """The known people whose surname this one-word name misspells ("Klistchko" of "Wladimir
    Klitschko"), typed a person or a place by the model, when no known person bears it as
    written: only in context, where a slip is told from another family's name."""
    if " " in key or len(key) < SPELLING_MIN_CHARS or type_ not in (*INSTITUTION_TYPES, "PERSON") or type_ == "NORP":
        return []
    rows = near()
    if any(row.surname_key == key for row in rows):
        return []  # a person bears this spelling: no slip
    return [row for row in rows if " " in row.name_key and _misspelt(key, row.surname_key, False)
            and key not in (row.surname_key + "s", row.surname_key + "es")]  # "the Mitchells": a family


def _people_near(conn: Connection, key: str) -> list[Row]:
    """The known people whose surname shares this one-word name's first three letters and is
    about as long (`_misspelt`): its own surname and its slips, in one index range."""
    prefix = key[:3]
    if not prefix:
        return []
    return list(conn.execute(select(actors).where(
        actors.c.type == "PERSON", _starts(actors.c.surname_key, prefix),
        func.length(actors.c.surname_key).between(len(key) - 2, len(key) + 2))))


# A name made of the starts of a person's given name and surname ("LiLo", "ScarJo", "A-Rod").
BLEND = re.compile(r"([A-Z][a-z]*)[-.]?([A-Z][a-z]+)")


def _person_by_blend(conn: Connection, actor: Actor, key: str) -> list[Row]:
    """The known people whose given name and surname begin with the two parts of a one-word
    name written so ("LiLo" of Lindsay Lohan): only in context."""
    parts = BLEND.fullmatch(actor.name.strip()) if " " not in key else None
    if parts is None:
        return []
    given, surname = (part.lower() for part in parts.groups())
    # both parts bound the read: a two-letter start alone ("De" of "DeSantis") is many names
    query = select(actors).where(actors.c.type == "PERSON", _starts(actors.c.name_key, given),
                                 _starts(actors.c.surname_key, surname))
    return [row for row in conn.execute(query) if " " in row.name_key
            and row.name_key.split()[0].startswith(given) and surname_key(row.name_key).startswith(surname)]


def _starts(column, prefix: str):
    """Values that begin with `prefix`, as an index range (LIKE 'prefix%' scans the table)."""
    return and_(column >= prefix, column < prefix[:-1] + chr(ord(prefix[-1]) + 1))


def _opens_with(key: str):
    """Names whose first words are `key`, as an index range (LIKE 'key %' scans the table)."""
    return and_(actors.c.name_key >= key + " ", actors.c.name_key < key + "!")  # "!" follows " "


def first_name_owners(conn: Connection, key: str) -> list[Row]:
    """The known people whose first name this lone name is ("owen": Owen Dempsey, Owen Smith)."""
    return _person_by_given_name(conn, key, "PERSON")


def waiting_names(conn: Connection, key: str, person_id: int, leaving_out: Collection[int]) -> tuple[list, list[Row]]:
    """What a person's full name may take from the store, in one read: the actor named by its
    first name alone ("Lindsay") with the other people that first name may name, and the actors
    that write its given name another way ("Mo Cheeks", of any type: `variant_of`) but for those
    `leaving_out`. Had this person been stored first, the first-name or the variant rule could
    have joined them to it."""
    words = key.split()
    read = conn.execute(select(actors).where(actors.c.id.not_in(leaving_out), or_(
        and_(actors.c.name_key == words[0], actors.c.type == "PERSON"),
        and_(actors.c.surname_key == words[-1], actors.c.type.in_((*INSTITUTION_TYPES, "PERSON")))))).all()
    first = [row for row in read if row.name_key == words[0] and row.type == "PERSON"]
    variants = [row for row in read if variant_of(row.name_key, key)]
    people = _person_by_given_name(conn, words[0], "PERSON") if first else []
    if not any(person.id == person_id for person in people):
        return [], variants
    return [(first[0], [person for person in people if person.id != person_id])], variants


def people_named_by(key: str, kin: list[Row]) -> list[Row]:
    """The people of `kin` this name may name (`may_name`): "Dempsey" names every Dempsey with a
    first name, "Fred LaRue" names "Frederick LaRue"."""
    return [row for row in kin if may_name(key, row.name_key)]


def people_naming(key: str, kin: list[Row]) -> list[Row]:
    """The people of `kin` named by a short form of this fuller name, fullest first."""
    rows = [row for row in kin if may_name(row.name_key, key)]
    return sorted(rows, key=lambda row: name_rank(row.name_key), reverse=True)


def name_rank(key: str) -> tuple:
    """Which of two names of one person is shown: the one with more words, then the longer
    ("Maurice Cheeks" over "Mo Cheeks"), then the first in order: never the one seen first."""
    return len(key.split()), len(key), key


def same_surname(conn: Connection, key: str) -> list[Row]:
    """The other known people of this name's surname: read once, every rule between a person's
    names (`people_named_by`, `people_naming`) chooses among them."""
    query = select(actors).where(actors.c.type == "PERSON", actors.c.surname_key == surname_key(key),
                                 actors.c.name_key != key)
    return list(conn.execute(query))
