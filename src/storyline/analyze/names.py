"""What a name is within one article: its surname, a role word, a headline (its bare form and key: keys.py).

Small, lexicon-light helpers shared by the entity repairs, the role finder and the actor merge.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable

from storyline.keys import COMPANY_SUFFIXES

GENERATIONAL = frozenset({"jr", "sr", "ii", "iii", "iv"})
AGENT_SUFFIXES = ("er", "or", "ist", "ian", "ant", "ent", "ee", "man", "woman", "person", "ary", "ive", "al")
# Common words for people that lack an agent suffix (-er, -or, -ist, -ant, -man, ...).
PERSON_NOUNS = frozenset({
    "lady", "aide", "candidate", "judge", "head", "chief", "king", "queen", "pope", "envoy", "prince",
    "princess", "wife", "husband", "son", "daughter", "mother", "father", "sister", "brother", "friend",
    "chair", "boss", "ally", "rival", "ceo", "justice", "attorney", "critic", "fellow", "host", "expert",
    "surrogate", "mate", "scholar", "analyst", "advocate", "architect", "colleague", "partner", "deputy",
    "delegate", "star", "veteran", "widow", "nephew", "niece", "cousin", "uncle", "aunt", "coach",
    "captain", "diplomat", "bishop", "priest", "rabbi", "imam", "nurse", "surgeon", "heir", "tycoon",
    "magnate", "mogul", "billionaire", "millionaire", "celebrity", "victim", "suspect", "witness",
    "plaintiff", "citizen", "native", "intern", "clerk", "premier", "colonel", "cop", "sheriff", "spy",
    "counsel", "pundit", "anchor", "icon", "legend", "hero", "actress",
    # titles that also carry a suffix, listed so that a title the model took into a name is known
    # for one even where the suffix rule cannot be trusted ("Brian", "Tyler" end so too)
    "actor", "comedian", "coroner", "singer", "rapper", "officer", "detective", "trooper", "senator",
    "governor", "president", "minister", "mayor", "commissioner", "chancellor",
})
SMALL_WORDS = frozenset({"a", "an", "the", "to", "of", "in", "on", "for", "and", "but", "or", "at", "by", "with", "as"})


def surname(name: str) -> str:
    """The family name a full name ends with, past generational suffixes ("Biden" in "Joseph R. Biden Jr.")."""
    words = [word for word in name.split() if word.lower().rstrip(".") not in GENERATIONAL]
    return words[-1] if words else name


def without_company_suffix(name: str) -> str:
    """"Apple" of "Apple Inc." and "Apple, Inc."."""
    words = name.split()
    if len(words) > 1 and words[-1].rstrip(".").lower() in COMPANY_SUFFIXES:
        return " ".join(words[:-1]).rstrip(",")
    return name


def is_role_noun(word: str) -> bool:
    """Looks like a word for a person by what they do: 'adviser', 'chancellor', 'envoy'."""
    word = word.lower()
    return word.endswith(AGENT_SUFFIXES) or word in PERSON_NOUNS


def headline_lines(text: str) -> Callable[[int], bool]:
    """A test for 'this offset lies on a headline-like line' (most words capitalised)."""
    starts: list[int] = []
    offset = 0
    for line in text.split("\n"):
        words = [w for w in re.findall(r"[^\W\d_][\w'’-]*", line) if w.lower() not in SMALL_WORDS]
        if len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.8 * len(words):
            starts.append(offset)
            starts.append(offset + len(line))
        offset += len(line) + 1
    return lambda char: bisect_right(starts, char) % 2 == 1
