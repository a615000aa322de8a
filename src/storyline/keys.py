"""Keys that name things the same way wherever they are compared: pure functions, low in the layers.

Analysis, the store and the cross-article features above it (stories, quote threads) import
these, so a name is cleaned and keyed by one rule wherever it is matched, and a word is stemmed
by one rule wherever content words are compared (story terms, a paraphrase's claim).
"""

from __future__ import annotations

import re
import unicodedata
from difflib import SequenceMatcher
from functools import cache

from nicknames import NickNamer

# Words after a company's name that do not change which company it is ("Apple Inc.", "Intel Corp"):
# the analysis trims them where a name was fused, the store spells a name with and without them.
COMPANY_SUFFIXES = ("inc", "corp", "corporation", "co", "company", "ltd", "llc", "plc", "ag", "sa", "gmbh")
# Honorifics and short titles that are never part of the name itself.
HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "dr", "sir", "dame", "sen", "rep", "gov", "gen", "prof"})
_POSSESSIVE = re.compile(r"['’]s?$")


def bare_name(text: str) -> str:
    """The name a mention gives, as written but without article, honorific, possessive or curly
    quotes: what one article's analysis compares and shows ("Mr. Putin's" → "Putin")."""
    words = text.replace("’", "'").strip().split()
    if words and words[0].lower() == "the":
        words = words[1:]
    while words and words[0].lower().rstrip(".") in HONORIFICS and len(words) > 1:
        words = words[1:]
    if words and words[-1].endswith("'s"):
        words[-1] = words[-1][:-2]
    elif words and words[-1] == "'s":
        words = words[:-1]
    name = " ".join(words).strip(" ,;:'\"")
    last = name.rsplit(" ", 1)[-1][:-1]
    # A sentence's full stop goes; an abbreviation's stays ("U.S.", "Jr.", "Inc.").
    return name[:-1] if name.endswith(".") and len(last) > 3 and "." not in last else name


def name_key(name: str) -> str:
    """The key the store merges actors and aliases on, across articles: case, accents, spacing,
    curly apostrophes, a trailing possessive and edge punctuation do not make another name
    ("Marković's" and "markovic" are one key). Titles do ("Mr Putin" stays an alias of its
    own); analysis has taken them off names already."""
    key = " ".join(without_accents(name.replace("’", "'")).casefold().split())
    return _POSSESSIVE.sub("", key).strip(" .,")


QUOTED_NICKNAME = re.compile(r"\s[\"'“‘`]+[^\"'”’]+[\"'”’]+(?=\s)")


def person_key(name: str) -> str:
    """A person's name key without a nickname quoted inside it: "Vincent 'The Chin' Gigante"
    and "Vincent Gigante" are one person's name."""
    return name_key(QUOTED_NICKNAME.sub("", name))


def without_accents(text: str) -> str:
    """The text with its combining marks taken off letters (é → e, ć → c)."""
    return "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))


def surname_key(key: str) -> str:
    """The last word of a name key: where a surname-only mention meets the full name."""
    return key.rsplit(" ", 1)[-1]


def speaker_key(speaker: str) -> str:
    """What list_quotes(speaker=...) compares with a speaker as written: case and accents do not count."""
    return without_accents(speaker.strip()).lower()


def stem(word: str) -> str:
    """Plural and possessive endings off (an S-stemmer): "quakes" and "quake" are one term."""
    word = word.replace("’", "'")
    if word.endswith("'s"):
        word = word[:-2]
    if len(word) > 4 and word.endswith("ies") and word[-4] not in "ae":
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("es") and word[-3] in "sxz" or word.endswith(("ches", "shes")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and word[-2] not in "us'":
        return word[:-1]
    return word


def outlet_key(name: str) -> str:
    """What spellings of one outlet share: "Inexhibit magazine", "Inexhibitmagazine" and
    "inexhibit-magazine" are one outlet (letters and digits only, no case or accents)."""
    return "".join(ch for ch in without_accents(name).casefold() if ch.isalnum())


def may_name(short: str, long: str) -> bool:
    """Whether a person's name key may name the person of another, shorter or as long: the
    surname alone ("dempsey"), the same first and last word with fewer words between ("owen
    dempsey" of "owen john dempsey"), an initial or a nickname for a given name ("warren s.
    jeffs", "fred larue" of "frederick cheney larue"), a leading initial left out ("mark felt"
    of "w. mark felt"). Not "owen paul dempsey" of "owen john dempsey"."""
    words, fuller = short.split(), long.split()
    if not words or len(words) > len(fuller) or words == fuller or words[-1] != fuller[-1]:
        return False
    if len(words) == 1:
        return True
    if len(fuller) > len(words) and _initial(fuller[0]) and not _initial(words[0]):
        fuller = fuller[1:]
    if not _same_given(words[0], fuller[0]):
        return False
    between = iter(fuller[1:-1])  # the short name's middle words, in order, among the long one's
    return all(any(_same_given(word, other) for other in between) for word in words[1:-1])


def _initial(word: str) -> bool:
    return len(word.rstrip(".")) == 1


def _same_given(one: str, other: str) -> bool:
    if one == other:
        return True
    if _initial(one) or _initial(other):
        return one[0] == other[0]
    return one in _nicknames_of(other) or other in _nicknames_of(one)


# How alike two spellings of one given name are ("bettie" / "betty"), how long the shorter, and
# how short a given name that is its own short form ("mo" of "maurice").
GIVEN_SLIP_RATIO = 0.7
GIVEN_SLIP_CHARS = 4
SHORT_FORM_CHARS = 2


def given_variant(one: str, other: str) -> bool:
    """Whether two given names (keys) may be one person's written two ways: a nickname or an
    initial; or, where the table does not know both names (two known names are two names:
    "maria" / "marie", "dan" / "danielle"), one the start of the other, a slip ("bettie" /
    "betty") or a two-letter short form of the same initial ("mo" / "maurice"). Weak: "Jon"
    and "John" may be two men, so the store asks for context beside it."""
    if _same_given(one, other):
        return True
    short, long = sorted((one, other), key=len)
    if short[0] != long[0] or not short.isalpha() or (is_given_name(short) and is_given_name(long)):
        return False
    return (long.startswith(short) or len(short) == SHORT_FORM_CHARS
            or len(short) >= GIVEN_SLIP_CHARS and SequenceMatcher(None, one, other).ratio() >= GIVEN_SLIP_RATIO)


def is_given_name(word: str) -> bool:
    """A first name the nicknames table knows ("Walter", "Bill"); most English ones, few others."""
    return word.lower() in _given_names()


@cache
def _given_names() -> frozenset[str]:
    return frozenset(_namer().canonical_lookup) | frozenset(_namer().nickname_lookup)


@cache
def _nicknames_of(given: str) -> frozenset[str]:
    return frozenset(_namer().nicknames_of(given))


@cache
def _namer() -> NickNamer:
    return NickNamer()
