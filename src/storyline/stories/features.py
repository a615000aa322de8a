"""What an article brings to story matching: term counts of its headline, lead, body and
actors, and the keys that find candidate stories.

Computed from the analysed record alone (no second parse), so `ingest`, `load` and a rebuild
all see the same features. Words are lower-cased and lightly stemmed (plural and possessive
endings), numbers are kept (a magnitude, a death toll or a year tells two events apart), and
actors count as whole names and as name words, so "Lohan" meets "Lindsay Lohan".
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from spacy.lang.en.stop_words import STOP_WORDS

from storyline.keys import stem

FIELDS = ("title", "lead", "body", "actors")
# Actor types that name a story's who and where; dates, ordinals and money are left to the body.
ACTOR_TYPES = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART"})
_WORD = re.compile(r"[^\W\d_](?:[^\W_]|['’-](?=[^\W_]))*|\d+(?:[.,]\d+)*")
# The keys an article is indexed under and looks candidates up by: its rarest actor terms and
# its heaviest words.
ACTOR_KEYS = 8
WORD_KEYS = 8
# The lead: the body's first content words, where a report names its event's who, what, where and when.
LEAD_WORDS = 40


@dataclass(frozen=True)
class ArticleFeatures:
    """Counts per field ("title", "lead", "body", "actors"); `keys` index the article for candidate search."""

    counts: dict[str, Counter]

    def terms(self) -> set[str]:
        return {term for counts in self.counts.values() for term in counts}


def words(text: str) -> list[str]:
    """Content words of a text, lower-cased and stemmed; stop words and single letters dropped."""
    found = []
    for match in _WORD.finditer(text.casefold()):
        word = match.group()
        if word in STOP_WORDS or (len(word) < 2 and not word.isdigit()):
            continue
        found.append(stem(word))
    return found


def actor_terms(actors: Iterable[tuple[str, str, int]]) -> Counter:
    """Each (name, type, mentions) actor once per mention, as its whole name ("=lindsay lohan")
    and as its name words."""
    counts: Counter = Counter()
    for name, type_, mentioned in actors:
        if type_ not in ACTOR_TYPES:
            continue
        n = max(1, mentioned)
        name_words = words(name)
        if len(name_words) > 1:
            counts["=" + " ".join(name_words)] += n
        for word in set(name_words):
            counts[word] += n
    return counts


def article_features(title: str | None, body: str, actors: Iterable[tuple[str, str, int]]) -> ArticleFeatures:
    """Features from what the store keeps: headline, body and (name, type, mentions) actors."""
    body_words = words(body)
    return ArticleFeatures({
        "title": Counter(words(title or "")),
        "lead": Counter(body_words[:LEAD_WORDS]),
        "body": Counter(body_words),
        "actors": actor_terms(actors),
    })


def sublinear(counts: Counter) -> dict[str, float]:
    return {term: 1 + math.log(n) for term, n in counts.items() if n > 0}


def unit_vector(weights: dict[str, float], idf) -> dict[str, float]:
    """Term weights times inverse document frequency, scaled to unit length."""
    vector = {term: w * idf(term) for term, w in weights.items()}
    norm = math.sqrt(sum(w * w for w in vector.values()))
    return {term: w / norm for term, w in vector.items()} if norm else {}


def index_keys(features: ArticleFeatures, idf, body: dict[str, float]) -> list[str]:
    """The article's rarest actor terms and body words (`body`: its unit body vector, as scored):
    where its story's other articles meet it."""
    actors = sorted(features.counts["actors"], key=lambda t: (-idf(t), t))[:ACTOR_KEYS]
    top_words = sorted(body, key=lambda t: (-body[t], t))[:WORD_KEYS]
    return list(dict.fromkeys(["a:" + t for t in actors] + ["w:" + t for t in top_words]))
