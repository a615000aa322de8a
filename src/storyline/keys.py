"""Keys that name things the same way wherever they are compared: pure functions, low in the layers.

Analysis, the store and the cross-article features above it (stories, quote threads) import
these, so a name is cleaned and keyed by one rule wherever it is matched, and a word is stemmed
by one rule wherever content words are compared (story terms, a paraphrase's claim).
"""

from __future__ import annotations

import re
import unicodedata

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
